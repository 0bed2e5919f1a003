package io.backbeat.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.backbeat.core.account.Account;
import io.backbeat.core.provider.UpstreamCallback;
import io.backbeat.core.store.Tx;
import io.backbeat.core.task.Task;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@code UpstreamCallbackStore} guarantees, run against every database. */
abstract class UpstreamCallbackStoreContract extends StoreContract {
  Account account;
  Task task;

  @BeforeEach
  void createTask() {
    account = newAccount("acme");
    task = newQueuedTask(account, T0);
  }

  @Test
  void a_callback_is_recorded_once_per_channel_and_body() {
    UpstreamCallback first = new UpstreamCallback("suno-main", "sha-1", task.id(), "up-1", T0);

    assertThat(tx((Tx tx) -> tx.upstreamCallbacks().record(first))).isTrue();
    assertThat(tx((Tx tx) -> tx.upstreamCallbacks().record(new UpstreamCallback("suno-main", "sha-1", task.id(), "up-1", T0.plusSeconds(3)))))
        .as("the same body again is a duplicate")
        .isFalse();
    assertThat(tx((Tx tx) -> tx.upstreamCallbacks().record(new UpstreamCallback("suno-backup", "sha-1", task.id(), "up-1", T0))))
        .as("another channel's callback is another callback")
        .isTrue();

    assertThat(tx((Tx tx) -> tx.upstreamCallbacks().forTask(task.id())))
        .containsExactly(first, new UpstreamCallback("suno-backup", "sha-1", task.id(), "up-1", T0));
  }

  @Test
  void callbacks_of_a_task_come_oldest_first_and_may_name_no_upstream_id() {
    Task other = newQueuedTask(account, T0);
    inTx(tx -> {
      tx.upstreamCallbacks().record(new UpstreamCallback("kling-main", "b", task.id(), null, T0.plusSeconds(2)));
      tx.upstreamCallbacks().record(new UpstreamCallback("kling-main", "a", task.id(), "k-1", T0.plusSeconds(1)));
      tx.upstreamCallbacks().record(new UpstreamCallback("kling-main", "c", other.id(), "k-2", T0));
    });

    List<UpstreamCallback> callbacks = tx((Tx tx) -> tx.upstreamCallbacks().forTask(task.id()));

    assertThat(callbacks).extracting(UpstreamCallback::dedupeKey).containsExactly("a", "b");
    assertThat(callbacks.get(1).upstreamId()).isNull();
    assertThat(callbacks.get(0).receivedAt()).isEqualTo(T0.plusSeconds(1));
  }

  @Test
  void old_callbacks_are_deleted_by_age() {
    inTx(tx -> {
      tx.upstreamCallbacks().record(new UpstreamCallback("suno-main", "old", task.id(), "up-1", T0));
      tx.upstreamCallbacks().record(new UpstreamCallback("suno-main", "new", task.id(), "up-1", T0.plusSeconds(60)));
    });

    assertThat(tx((Tx tx) -> tx.upstreamCallbacks().deleteReceivedBefore(T0.plusSeconds(60)))).isEqualTo(1);
    assertThat(tx((Tx tx) -> tx.upstreamCallbacks().forTask(task.id()))).extracting(UpstreamCallback::dedupeKey).containsExactly("new");
  }
}
