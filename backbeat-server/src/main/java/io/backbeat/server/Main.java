package io.backbeat.server;

import io.backbeat.server.cli.BackbeatCommand;
import picocli.CommandLine;

/** Entry point of {@code ./backbeat serve | keys | migrate}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    int code = BackbeatCommand.commandLine().execute(args);
    if (code != 0 || args.length == 0 || !"serve".equals(args[0])) {
      System.exit(code);
    }
  }
}
