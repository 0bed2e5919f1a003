package io.backbeat.server.dashboard;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backbeat.core.error.BackbeatError;
import io.backbeat.core.error.BackbeatException;
import io.backbeat.core.moderation.ContentPolicy;
import io.backbeat.core.task.TaskKind;
import io.backbeat.server.config.BackbeatConfig;
import io.backbeat.server.http.Dialect;
import io.backbeat.server.http.Json;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The quota and the policy error as a client of each dialect receives them, for the launch check
 * "show a quota and a policy error as the end user would see them". Both are rendered by the
 * dialects' own error renderers; the policy error comes from the configured content policy deciding
 * on a prompt that contains the first blocked term (which never leaves the server). Nothing is
 * created or charged.
 */
final class EndUserErrors {
  private final BackbeatConfig.PolicyConfig policyConfig;
  private final ContentPolicy policy;
  private final List<Dialect> dialects;

  EndUserErrors(BackbeatConfig.PolicyConfig policyConfig, ContentPolicy policy, List<Dialect> dialects) {
    this.policyConfig = requireNonNull(policyConfig, "policyConfig is null");
    this.policy = requireNonNull(policy, "policy is null");
    this.dialects = List.copyOf(dialects);
  }

  /**
   * Renders into {@code ctx} while it works (the dialects write responses), so the caller must write
   * its own answer afterwards.
   */
  ObjectNode examples(Context ctx, OptionalLong balance) {
    ObjectNode body = Json.object();

    long price = policyConfig.prices().priceOf(TaskKind.SONG, null);
    ObjectNode quota = body.putObject("quota");
    quota.put("metered", balance.isPresent());
    if (balance.isPresent()) {
      quota.put("balance", balance.getAsLong());
    } else {
      quota.putNull("balance");
    }
    quota.put("songPrice", price);
    // the same error and words as TaskService.create when a hold fails
    BackbeatException exhausted =
        new BackbeatException(
            BackbeatError.INSUFFICIENT_CREDITS,
            "quota exhausted: this task costs " + price + " credits and the balance is " + Math.min(balance.orElse(0), Math.max(0, price - 1)));
    quota.set("dialects", rendered(ctx, exhausted));

    ObjectNode content = body.putObject("policy");
    List<String> terms = policyConfig.blockedTerms();
    content.put("configured", !terms.isEmpty());
    if (terms.isEmpty()) {
      content.putNull("dialects");
    } else {
      // the texts of a spec whose prompt holds the term, as TaskService.create checks them
      Optional<ContentPolicy.Violation> violation = policy.check(Map.of("prompt", "a song about " + terms.get(0)));
      content.put("refused", violation.isPresent());
      content.set(
          "dialects",
          violation.isPresent() ? rendered(ctx, new BackbeatException(BackbeatError.CONTENT_BLOCKED, violation.get().message())) : null);
    }
    return body;
  }

  /** {@code {"suno":{"httpStatus":…,"body":…},"native":{…}}}, each from the dialect's own renderer. */
  private ObjectNode rendered(Context ctx, BackbeatException error) {
    ObjectNode byDialect = Json.object();
    for (Dialect dialect : dialects) {
      dialect.renderError(ctx, error);
      JsonNode answer = Json.parseObject(ctx.result());
      byDialect.putObject(dialect.name()).put("httpStatus", ctx.statusCode()).set("body", answer);
    }
    return byDialect;
  }
}
