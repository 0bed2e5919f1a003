package io.backbeat.server.cli;

import io.backbeat.core.http.EgressHttpClient;
import io.backbeat.core.http.EgressPolicy;
import io.backbeat.core.task.TaskKind;
import io.backbeat.providers.relay.ChannelConfig;
import io.backbeat.providers.relay.Probe;
import io.backbeat.providers.relay.RelayChannel;
import io.backbeat.providers.relay.RelayChannels;
import io.backbeat.server.config.BackbeatConfig;
import io.backbeat.server.config.ChannelsConfig;
import io.backbeat.server.config.ConfigLoader;
import java.io.PrintStream;
import java.time.InstantSource;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./backbeat channels}: the upstream channels of the config, each checked for reachability
 * and credentials with a call that creates no paid job (remaining credits, a task list, a lookup of
 * a job that does not exist). Prints no secret. Exit code 0 when every configured channel is usable
 * and answered, 1 otherwise (skipped for missing credentials, unreachable, credentials refused).
 */
@Command(
    name = "channels",
    description = "List the upstream channels of the config and check each one's reachability and credentials (no paid job is created).")
final class ChannelsCommand implements Callable<Integer> {
  @Option(names = "--no-check", description = "Only list the channels; do not contact the upstreams.")
  boolean noCheck;

  @Override
  public Integer call() {
    return report(ConfigLoader.load(), System.out, !noCheck);
  }

  /** Prints the table and returns the exit code. */
  static int report(BackbeatConfig config, PrintStream out, boolean check) {
    ChannelsConfig channels = config.channels();
    if (!channels.configured()) {
      out.println("No channels configured: the local studio serves every kind. Add a channels: list to the config file (BACKBEAT_CONFIG).");
      return 0;
    }
    String format = "%-16s %-12s %-40s %8s %6s  %-12s %s%n";
    out.printf(format, "CHANNEL", "TYPE", "KINDS", "PRIORITY", "WEIGHT", "CREDENTIALS", check ? "CHECK" : "");
    boolean allGood = true;
    try (EgressHttpClient http = new EgressHttpClient(EgressPolicy.defaults(config.egress().allowPrivate()))) {
      for (ChannelConfig channel : channels.usable()) {
        String result;
        if (!channel.type().isRelay()) {
          result = "built-in studio";
        } else if (!check) {
          result = "";
        } else {
          RelayChannel relay = RelayChannels.build(channel, http, InstantSource.system());
          Probe probe = relay.client().probe();
          String verdict =
              !probe.reachable() ? "UNREACHABLE" : Boolean.FALSE.equals(probe.credentialsAccepted()) ? "CREDENTIALS REFUSED"
                  : probe.credentialsAccepted() == null ? "reachable" : "ok";
          allGood &= probe.ok();
          result = verdict + " (" + probe.detail() + ", " + probe.latencyMillis() + " ms)";
        }
        out.printf(format, channel.name(), channel.type().configName(), kinds(channel.kinds(), channel.type().kinds()), channel.priority(),
            channel.weight(), channel.type().isRelay() ? "present" : "-", result);
      }
    }
    for (ChannelsConfig.Skipped skipped : channels.skipped()) {
      allGood = false;
      out.printf(format, skipped.name(), skipped.type(), "", "", "", "MISSING", "skipped: " + skipped.reason());
    }
    return allGood ? 0 : 1;
  }

  private static String kinds(Set<TaskKind> kinds, Set<TaskKind> all) {
    if (kinds.equals(all)) {
      return "all of its type (" + all.size() + ")";
    }
    String list = kinds.stream().map(Enum::name).sorted().collect(Collectors.joining(","));
    return list.length() > 40 ? list.substring(0, 37) + "..." : list;
  }
}
