package io.backbeat.providers.relay;

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
    };
  }
}
