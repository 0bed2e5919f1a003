package io.backbeat.storage.jdbc;

import io.backbeat.core.account.Account;
import io.backbeat.core.account.ApiKey;
import io.backbeat.core.account.WebhookSecrets;
import io.backbeat.core.billing.LedgerEntry;
import io.backbeat.core.event.TaskEvent;
import io.backbeat.core.idempotency.IdempotencyRecord;
import io.backbeat.core.provider.ProviderHandle;
import io.backbeat.core.provider.SubmitState;
import io.backbeat.core.task.Stage;
import io.backbeat.core.task.Task;
import io.backbeat.core.task.TaskKind;
import io.backbeat.core.task.TaskStatus;
import io.backbeat.core.task.spec.TaskSpec;
import io.backbeat.core.task.spec.TaskSpecJson;
import io.backbeat.core.webhook.DeliveryAttempt;
import io.backbeat.core.webhook.WebhookDelivery;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Row mappers and the time encoding. Times are BIGINT epoch milliseconds, so no driver or session
 * time zone ever touches them; an {@link Instant} keeps millisecond precision through the database.
 */
final class Rows {
  private Rows() {}

  static Long millis(Instant instant) {
    return instant == null ? null : instant.toEpochMilli();
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? null : Instant.ofEpochMilli(value);
  }

  static Long longOrNull(ResultSet rs, String column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? null : value;
  }

  static Integer integer(ResultSet rs, String column) throws SQLException {
    int value = rs.getInt(column);
    return rs.wasNull() ? null : value;
  }

  static Task task(ResultSet rs, StatementContext ctx) throws SQLException {
    String id = rs.getString("id");
    TaskSpec spec;
    try {
      spec = TaskSpecJson.read(Json.readObject(rs.getString("request"), "request"), TaskKind.valueOf(rs.getString("kind")));
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("task " + id + ": " + e.getMessage(), e);
    }
    return new Task(
        id,
        rs.getString("account_id"),
        rs.getString("api_key_id"),
        rs.getString("dialect"),
        rs.getString("route"),
        rs.getString("provider"),
        TaskStatus.fromDb(rs.getString("status")),
        Stage.fromDb(rs.getString("stage")),
        spec,
        Json.readObject(rs.getString("original_payload"), "original_payload"),
        Json.readObject(rs.getString("result"), "result"),
        rs.getString("error_code"),
        rs.getString("error_message"),
        new ProviderHandle(
            rs.getString("channel"),
            rs.getString("upstream_id"),
            SubmitState.fromDb(rs.getString("submit_state")),
            Json.readObject(rs.getString("provider_state"), "provider_state")),
        rs.getString("lease_owner"),
        instant(rs, "lease_until"),
        rs.getInt("attempts"),
        instant(rs, "next_run_at"),
        instant(rs, "created_at"),
        instant(rs, "updated_at"),
        instant(rs, "finished_at"));
  }

  static io.backbeat.core.task.TaskVersion taskVersion(ResultSet rs, StatementContext ctx) throws SQLException {
    return new io.backbeat.core.task.TaskVersion(
        rs.getString("id"),
        rs.getString("route"),
        TaskStatus.fromDb(rs.getString("status")),
        instant(rs, "updated_at"),
        instant(rs, "payload_purged_at"));
  }

  static TaskEvent event(ResultSet rs, StatementContext ctx) throws SQLException {
    return new TaskEvent(
        rs.getLong("seq"),
        rs.getString("task_id"),
        rs.getString("account_id"),
        TaskStatus.fromDb(rs.getString("status")),
        Stage.fromDb(rs.getString("stage")),
        rs.getString("reason"),
        instant(rs, "created_at"));
  }

  static WebhookDelivery delivery(ResultSet rs, StatementContext ctx) throws SQLException {
    return new WebhookDelivery(
        rs.getString("id"),
        rs.getString("task_id"),
        rs.getString("account_id"),
        rs.getString("url"),
        rs.getString("event_type"),
        rs.getString("body"),
        WebhookDelivery.State.fromDb(rs.getString("state")),
        rs.getInt("attempts"),
        instant(rs, "next_attempt_at"),
        instant(rs, "created_at"),
        integer(rs, "last_status"),
        instant(rs, "delivered_at"));
  }

  static DeliveryAttempt attempt(ResultSet rs, StatementContext ctx) throws SQLException {
    return new DeliveryAttempt(
        rs.getString("delivery_id"),
        rs.getInt("attempt_no"),
        instant(rs, "attempted_at"),
        integer(rs, "status_code"),
        rs.getLong("latency_ms"),
        rs.getString("response_excerpt"),
        rs.getString("error"));
  }

  static LedgerEntry ledgerEntry(ResultSet rs, StatementContext ctx) throws SQLException {
    return new LedgerEntry(
        rs.getLong("id"),
        rs.getString("account_id"),
        rs.getString("task_id"),
        LedgerEntry.Kind.fromDb(rs.getString("kind")),
        rs.getLong("amount"),
        rs.getLong("balance_after"),
        instant(rs, "created_at"));
  }

  static IdempotencyRecord idempotencyRecord(ResultSet rs, StatementContext ctx) throws SQLException {
    return new IdempotencyRecord(
        rs.getString("account_id"),
        rs.getString("route"),
        rs.getString("key"),
        rs.getString("request_hash"),
        rs.getString("task_id"),
        integer(rs, "response_status"),
        rs.getString("response_body"),
        instant(rs, "created_at"),
        instant(rs, "expires_at"));
  }

  static WebhookSecrets webhookSecrets(ResultSet rs, StatementContext ctx) throws SQLException {
    return new WebhookSecrets(
        rs.getString("webhook_secret"),
        rs.getString("previous_webhook_secret"),
        instant(rs, "previous_webhook_secret_expires_at"));
  }

  static Account account(ResultSet rs, StatementContext ctx) throws SQLException {
    return new Account(
        rs.getString("id"), rs.getString("name"), rs.getString("webhook_secret"), instant(rs, "created_at"));
  }

  static ApiKey apiKey(ResultSet rs, StatementContext ctx) throws SQLException {
    return new ApiKey(
        rs.getString("id"),
        rs.getString("account_id"),
        rs.getString("name"),
        rs.getString("prefix"),
        rs.getString("key_hash"),
        instant(rs, "created_at"));
  }
}
