package io.backbeat.providers.relay;

import io.backbeat.core.persona.Persona;
import io.backbeat.core.provider.UpstreamCallback;
import io.backbeat.core.store.Transactor;
import io.backbeat.core.task.Task;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The reads a relay needs beyond its own task (source clips of earlier tasks, recorded callbacks,
 * per-channel load) and the two writes of an inbound callback (record it once, wake its task). The
 * task row itself is only ever written through the dispatcher's {@code TaskContext}.
 */
public interface RelayStore {

  Optional<Task> task(String id);

  Optional<Task> taskOfUpstreamJob(String channel, String upstreamId);

  List<UpstreamCallback> callbacks(String taskId);

  /** Unfinished tasks each channel's upstream holds for us. */
  Map<String, Long> upstreamLoad();

  /** Records a callback once and, when it is new, wakes its task; returns whether it was new. */
  boolean recordAndWake(UpstreamCallback callback, Instant now);

  /** Forgets callbacks received before {@code cutoff}; returns how many. */
  int forgetCallbacksBefore(Instant cutoff);

  /** A stored persona (local or relayed) by our id. */
  Optional<Persona> persona(String id);

  /** The account's persona of one clip, if it has one. */
  Optional<Persona> personaOfClip(String accountId, String clipId);

  /** Stores a relayed persona; a {@link io.backbeat.core.store.DuplicateKeyException} when the account has one of that clip. */
  void insertPersona(Persona persona);

  /** The store on the database. */
  static RelayStore of(Transactor transactor) {
    return new RelayStore() {
      @Override
      public Optional<Task> task(String id) {
        return transactor.inTransaction(tx -> tx.tasks().find(id));
      }

      @Override
      public Optional<Task> taskOfUpstreamJob(String channel, String upstreamId) {
        return transactor.inTransaction(tx -> tx.tasks().findByUpstream(channel, upstreamId));
      }

      @Override
      public List<UpstreamCallback> callbacks(String taskId) {
        return transactor.inTransaction(tx -> tx.upstreamCallbacks().forTask(taskId));
      }

      @Override
      public Map<String, Long> upstreamLoad() {
        return transactor.inTransaction(tx -> tx.tasks().upstreamLoadByChannel());
      }

      @Override
      public boolean recordAndWake(UpstreamCallback callback, Instant now) {
        return transactor.inTransaction(
            tx -> {
              if (!tx.upstreamCallbacks().record(callback)) {
                return false;
              }
              tx.tasks().wakeParked(callback.taskId(), now);
              return true;
            });
      }

      @Override
      public int forgetCallbacksBefore(Instant cutoff) {
        return transactor.inTransaction(tx -> tx.upstreamCallbacks().deleteReceivedBefore(cutoff));
      }

      @Override
      public Optional<Persona> persona(String id) {
        return transactor.inTransaction(tx -> tx.personas().find(id));
      }

      @Override
      public Optional<Persona> personaOfClip(String accountId, String clipId) {
        return transactor.inTransaction(tx -> tx.personas().findBySource(accountId, clipId));
      }

      @Override
      public void insertPersona(Persona persona) {
        transactor.useTransaction(tx -> tx.personas().insert(persona));
      }
    };
  }
}
