package io.backbeat.engine.render;

import com.sun.media.sound.ModelByteBuffer;
import com.sun.media.sound.ModelByteBufferWavetable;
import com.sun.media.sound.ModelChannelMixer;
import com.sun.media.sound.ModelDirectedPlayer;
import com.sun.media.sound.ModelDirector;
import com.sun.media.sound.ModelInstrument;
import com.sun.media.sound.ModelOscillator;
import com.sun.media.sound.ModelPerformer;
import com.sun.media.sound.SF2Instrument;
import com.sun.media.sound.SF2InstrumentRegion;
import com.sun.media.sound.SF2LayerRegion;
import com.sun.media.sound.SF2Sample;
import com.sun.media.sound.SF2Soundbank;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
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
 *
 * <p>A sample is kept as 32-bit floats, converted once with Gervill's own 16-bit formula, and the
 * 16-bit copy is dropped: Gervill converts a 16-bit sample to float again in every voice's every
 * buffer (the hottest frame of a song's part renders), while float samples reach the voice by a
 * bulk copy. Same floats, so the same audio; twice the bytes of the 16-bit samples a song plays.
 */
final class SampleOnUseSoundbank implements Soundbank {
  private final SF2Soundbank sf2;
  private final List<Instrument> instruments;
  /** Float copies of the samples read so far (guarded by the class lock below). */
  private final Map<SF2Sample, ModelByteBuffer> floats = new IdentityHashMap<>();

  SampleOnUseSoundbank(SF2Soundbank sf2) {
    this.sf2 = sf2;
    this.instruments = java.util.Arrays.stream(sf2.getInstruments())
        .<Instrument>map(i -> i instanceof SF2Instrument instrument ? new SampleOnUse(this, instrument) : i)
        .toList();
  }

  /** Every sample read so far: bytes held in the heap (tests, logs). */
  long loadedSampleBytes() {
    long bytes = 0;
    synchronized (SampleOnUse.class) {
      for (SF2Sample sample : sf2.getSamples()) {
        ModelByteBuffer converted = floats.get(sample);
        if (converted != null) {
          bytes += converted.capacity();
        } else if (sample.getDataBuffer().array() != null) {
          bytes += sample.getDataBuffer().capacity();
        }
        if (sample.getData24Buffer() != null && sample.getData24Buffer().array() != null) {
          bytes += sample.getData24Buffer().capacity();
        }
      }
    }
    return bytes;
  }

  /**
   * The sample as mono 32-bit little-endian floats (its first use reads it and drops the 16-bit
   * bytes), or null when it is not plain 16-bit mono PCM (24-bit samples stay as Gervill has them).
   * Caller holds the class lock.
   */
  private ModelByteBuffer floats(SF2Sample sample) {
    ModelByteBuffer converted = floats.get(sample);
    if (converted != null) {
      return converted;
    }
    AudioFormat format = sample.getFormat();
    if (sample.getData24Buffer() != null || !format.matches(new AudioFormat(format.getSampleRate(), 16, 1, true, false))) {
      return null;
    }
    SampleOnUse.load(sample);
    ModelByteBuffer data = sample.getDataBuffer();
    byte[] bytes = data.array();
    int offset = (int) data.arrayOffset();
    int count = (int) (data.capacity() / 2);
    ByteBuffer out = ByteBuffer.allocate(count * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0, at = offset; i < count; i++, at += 2) {
      short x = (short) (bytes[at] & 0xFF | (bytes[at + 1] << 8));
      out.putFloat(i * 4, x > 0 ? x / 32767.0f : x / 32768.0f); // AudioFloatConverter's 16-bit signed LE
    }
    converted = new ModelByteBuffer(out.array());
    floats.put(sample, converted);
    data.unload(); // the 16-bit bytes: every oscillator handed out from now on reads the floats
    return converted;
  }

  /**
   * Points the performers' oscillators at the float samples: each SF2 oscillator plays a range of
   * one sample's 16-bit bytes, and the same range of its floats sounds the same.
   */
  private ModelPerformer[] withFloatSamples(SF2Instrument instrument, ModelPerformer[] performers) {
    Map<ModelByteBuffer, SF2Sample> byRoot = new IdentityHashMap<>();
    for (SF2InstrumentRegion region : instrument.getRegions()) {
      for (SF2LayerRegion layerRegion : region.getLayer().getRegions()) {
        SF2Sample sample = layerRegion.getSample();
        if (sample != null) {
          byRoot.put(sample.getDataBuffer().getRoot(), sample);
        }
      }
    }
    for (ModelPerformer performer : performers) {
      List<ModelOscillator> oscillators = performer.getOscillators();
      for (int i = 0; i < oscillators.size(); i++) {
        if (!(oscillators.get(i) instanceof ModelByteBufferWavetable wave) || wave.get8BitExtensionBuffer() != null
            || wave.getBuffer() == null) {
          continue;
        }
        SF2Sample sample = byRoot.get(wave.getBuffer().getRoot());
        ModelByteBuffer converted = sample == null ? null : floats(sample);
        if (converted == null) {
          continue;
        }
        long from = wave.getBuffer().arrayOffset() - sample.getDataBuffer().arrayOffset();
        ModelByteBuffer range = converted.subbuffer(from * 2, (from + wave.getBuffer().capacity()) * 2);
        AudioFormat format = wave.getFormat();
        ModelByteBufferWavetable floatWave = new ModelByteBufferWavetable(range,
            new AudioFormat(AudioFormat.Encoding.PCM_FLOAT, format.getSampleRate(), 32, 1, 4, format.getFrameRate(), false),
            wave.getPitchcorrection());
        floatWave.setLoopStart(wave.getLoopStart());
        floatWave.setLoopLength(wave.getLoopLength());
        floatWave.setLoopType(wave.getLoopType());
        floatWave.setAttenuation(wave.getAttenuation());
        oscillators.set(i, floatWave);
      }
    }
    return performers;
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
    private final SampleOnUseSoundbank bank;
    private final SF2Instrument delegate;

    SampleOnUse(SampleOnUseSoundbank bank, SF2Instrument delegate) {
      super(bank, delegate.getPatch(), delegate.getName(), delegate.getDataClass());
      this.bank = bank;
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
      // The lock makes concurrent first loads read and convert each sample once; later loads
      // only look the floats up (a part's synthesizer loads two or three instruments).
      synchronized (SampleOnUse.class) {
        for (SF2InstrumentRegion region : delegate.getRegions()) {
          for (SF2LayerRegion layerRegion : region.getLayer().getRegions()) {
            SF2Sample sample = layerRegion.getSample();
            if (sample != null && bank.floats(sample) == null) {
              load(sample);
            }
          }
        }
        return bank.withFloatSamples(delegate, delegate.getPerformers());
      }
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
