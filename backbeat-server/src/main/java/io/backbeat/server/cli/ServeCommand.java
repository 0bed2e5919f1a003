package io.backbeat.server.cli;

import io.backbeat.core.account.AccountService;
import io.backbeat.server.BackbeatApp;
import io.backbeat.server.config.BackbeatConfig;
import io.backbeat.server.config.ConfigLoader;
import java.io.PrintStream;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;

/** Runs the server until it is stopped. On first start it creates a development account. */
@Command(name = "serve", description = "Run the Backbeat server (configuration: backbeat.yaml and BACKBEAT_* variables).")
final class ServeCommand implements Callable<Integer> {

  @Override
  public Integer call() throws Exception {
    BackbeatConfig config = ConfigLoader.load();
    BackbeatApp app = BackbeatApp.create(config);
    AccountService.CreatedKey devKey = developmentAccount(app.accounts()).orElse(null);
    app.start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  app.close();
                  stopped.countDown();
                },
                "backbeat-shutdown"));
    if (devKey != null) {
      printDevelopmentKey(System.out, app.baseUrl(), devKey.plaintext());
    }
    System.out.println("Backbeat is running at " + app.baseUrl() + " (data in " + config.storage().dataDir().toAbsolutePath() + ")");
    System.out.println("Dashboard: " + app.baseUrl() + "/ui (sign in with an API key)");
    System.out.flush();
    stopped.await();
    return 0;
  }

  /**
   * The development account, created if the database has no account yet. Several nodes started at
   * once on an empty shared database all see no account; one creates it, and the others carry on
   * without one (the account exists, its key was printed by the node that made it).
   */
  static Optional<AccountService.CreatedKey> developmentAccount(AccountService accounts) {
    if (accounts.hasAccounts()) {
      return Optional.empty();
    }
    try {
      return Optional.of(accounts.createAccount("development", true));
    } catch (RuntimeException e) {
      if (accounts.hasAccounts()) {
        return Optional.empty(); // another node won the race
      }
      throw e;
    }
  }

  /** Printed to stdout once, never logged: the key exists nowhere else in plaintext. */
  static void printDevelopmentKey(PrintStream out, String baseUrl, String key) {
    out.println();
    out.println("Created a development account. Its API key is shown only this once:");
    out.println();
    out.println("  " + key);
    out.println();
    out.println("Try it (write lyrics, then poll until status is SUCCESS):");
    out.println();
    out.println("  curl -s " + baseUrl + "/suno/generate-lyrics \\");
    out.println("    -H 'Authorization: Bearer " + key + "' -H 'Content-Type: application/json' \\");
    out.println("    -d '{\"prompt\":\"a song about a rainy night in Lisbon\",\"callBackUrl\":\"https://example.com/callback\"}'");
    out.println();
    out.println("  curl -s '" + baseUrl + "/suno/query/lyrics?taskId=<taskId from above>' -H 'Authorization: Bearer " + key + "'");
    out.println();
  }
}
