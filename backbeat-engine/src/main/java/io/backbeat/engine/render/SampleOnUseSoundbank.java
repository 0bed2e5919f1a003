package io.backbeat.engine.render;

import com.sun.media.sound.ModelChannelMixer;
import com.sun.media.sound.ModelDirectedPlayer;
import com.sun.media.sound.ModelDirector;
import com.sun.media.sound.ModelInstrument;
import com.sun.media.sound.ModelPerformer;
import com.sun.media.sound.SF2Instrument;
import com.sun.media.sound.SF2InstrumentRegion;
import com.sun.media.sound.SF2LayerRegion;
import com.sun.media.sound.SF2Sample;
import com.sun.media.sound.SF2Soundbank;
import java.util.List;
import javax.sound.midi.Instrument;
import javax.sound.midi.MidiChannel;
import javax.sound.midi.Patch;
import javax.sound.midi.Soundbank;
import javax.sound.midi.SoundbankResource;
import javax.sound.sampled.AudioFormat;

/**
 * An SF2 SoundFont whose samples are read into memory per instrument, the first time a synthesizer
 * loads that instrument, and kept. Gervill left alone re-reads an unloaded sample from the file in
 * every synthesizer (once per part per clip); reading all of FluidR3's samples up front costs
 * ~140 MB of heap for the whole process life, while a song plays a handful of its 189 presets.
 */
final class SampleOnUseSoundbank implements Soundbank {
  private final SF2Soundbank sf2;
  private final List<Instrument> instruments;

  SampleOnUseSoundbank(SF2Soundbank sf2) {
    this.sf2 = sf2;
    this.instruments = java.util.Arrays.stream(sf2.getInstruments())
        .<Instrument>map(i -> i instanceof SF2Instrument instrument ? new SampleOnUse(this, instrument) : i)
        .toList();
  }

  /** Every sample read so far: bytes held in the heap (tests, logs). */
  long loadedSampleBytes() {
    long bytes = 0;
    for (SF2Sample sample : sf2.getSamples()) {
      bytes += sample.getDataBuffer().array() != null ? sample.getDataBuffer().capacity() : 0;
      if (sample.getData24Buffer() != null && sample.getData24Buffer().array() != null) {
        bytes += sample.getData24Buffer().capacity();
      }
    }
    return bytes;
  }

  @Override
  public String getName() {
    return sf2.getName();
  }

  @Override
  public String getVersion() {
    return sf2.getVersion();
  }

  @Override
  public String getVendor() {
    return sf2.getVendor();
  }

  @Override
  public String getDescription() {
    return sf2.getDescription();
  }

  @Override
  public SoundbankResource[] getResources() {
    return sf2.getResources();
  }

  @Override
  public Instrument[] getInstruments() {
    return instruments.toArray(Instrument[]::new);
  }

  @Override
  public Instrument getInstrument(Patch patch) {
    Instrument wanted = sf2.getInstrument(patch);
    return instruments.stream().filter(i -> i == wanted || i instanceof SampleOnUse s && s.delegate == wanted).findFirst().orElse(null);
  }

  /**
   * One SF2 preset: its samples are read before its performers are handed out. Synthesizers get
   * performers when they load an instrument, so a sample is in memory before any voice plays it;
   * the lock makes concurrent first loads read each sample once.
   */
  private static final class SampleOnUse extends ModelInstrument {
    private final SF2Instrument delegate;
    private volatile boolean loaded;

    SampleOnUse(SampleOnUseSoundbank bank, SF2Instrument delegate) {
      super(bank, delegate.getPatch(), delegate.getName(), delegate.getDataClass());
      this.delegate = delegate;
    }

    @Override
    public Patch getPatch() {
      return delegate.getPatch(); // a ModelPatch: it says whether this is a drum kit
    }

    @Override
    public Object getData() {
      return delegate.getData();
    }

    @Override
    public ModelPerformer[] getPerformers() {
      if (!loaded) {
        synchronized (SampleOnUse.class) {
          if (!loaded) {
            for (SF2InstrumentRegion region : delegate.getRegions()) {
              for (SF2LayerRegion layerRegion : region.getLayer().getRegions()) {
                load(layerRegion.getSample());
              }
            }
            loaded = true;
          }
        }
      }
      return delegate.getPerformers();
    }

    private static void load(SF2Sample sample) {
      if (sample == null) {
        return;
      }
      try {
        sample.getDataBuffer().load();
        if (sample.getData24Buffer() != null) {
          sample.getData24Buffer().load();
        }
      } catch (java.io.IOException e) {
        // the file was readable when the bank was opened; a render cannot go on without its samples
        throw new java.io.UncheckedIOException("cannot read the SoundFont's sample " + sample.getName(), e);
      }
    }

    @Override
    public ModelDirector getDirector(ModelPerformer[] performers, MidiChannel channel, ModelDirectedPlayer player) {
      return delegate.getDirector(performers, channel, player);
    }

    @Override
    public ModelChannelMixer getChannelMixer(MidiChannel channel, AudioFormat format) {
      return delegate.getChannelMixer(channel, format);
    }
  }
}
