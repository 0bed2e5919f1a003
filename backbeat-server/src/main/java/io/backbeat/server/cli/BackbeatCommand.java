package io.backbeat.server.cli;

import io.backbeat.server.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code backbeat} command and its subcommands. */
@Command(
    name = "backbeat",
    mixinStandardHelpOptions = true,
    description = "Self-hostable gateway for AI music and media generation.",
    subcommands = {ServeCommand.class, KeysCommand.class, CreditsCommand.class, ChannelsCommand.class, MigrateCommand.class})
public final class BackbeatCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new BackbeatCommand());
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          if (e instanceof ConfigException || e instanceof IllegalArgumentException || e instanceof io.backbeat.core.error.BackbeatException) {
            commandLine.getErr().println("backbeat: " + e.getMessage());
            return 2;
          }
          throw e;
        });
    return cli;
  }
}
