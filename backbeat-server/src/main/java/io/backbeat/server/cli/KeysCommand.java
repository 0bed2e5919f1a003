package io.backbeat.server.cli;

import io.backbeat.core.account.AccessKey;
import io.backbeat.core.account.AccountService;
import io.backbeat.core.billing.CreditService;
import io.backbeat.server.config.BackbeatConfig;
import io.backbeat.server.config.ConfigLoader;
import io.backbeat.storage.Database;
import java.io.PrintStream;
import java.time.InstantSource;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Account and API key management; safe to run while the server runs (same database). */
@Command(name = "keys", description = "Manage API keys.", subcommands = {KeysCommand.Create.class})
final class KeysCommand implements Runnable {
  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  @Command(
      name = "create",
      description = "Create an account with its first key (--name), or add a key to an account (--account). The key is the last line printed.")
  static final class Create implements Callable<Integer> {
    @Option(names = "--name", description = "Account name (a new account), or the key's name with --account.")
    String name;

    @Option(names = "--account", description = "Add a key to this existing account id instead of creating an account.")
    String accountId;

    @Option(names = "--credits", description = "Make the new account metered with this many credits (default: unmetered).")
    Long credits;

    @Option(
        names = "--kling",
        description = "Also issue a Kling access key and secret for the new key, so Kling clients can sign their own JWTs (iss = access key).")
    boolean kling;

    @Override
    public Integer call() {
      return create(ConfigLoader.load(), name, accountId, credits, kling, System.out);
    }

    /** Creates the account or key (and the Kling pair with {@code kling}); the secrets are printed once, last. */
    static int create(BackbeatConfig config, String name, String accountId, Long credits, boolean kling, PrintStream out) {
      if (accountId == null && (name == null || name.isBlank())) {
        throw new IllegalArgumentException("give --name NAME to create an account, or --account ID to add a key");
      }
      if (credits != null && (credits < 0 || accountId != null)) {
        throw new IllegalArgumentException(
            credits < 0 ? "--credits must not be negative" : "--credits applies to a new account; use 'credits add ACCOUNT N' to top up");
      }
      try (Database database = Database.open(config.storage().databaseUrl())) {
        AccountService accounts = new AccountService(database.transactor(), InstantSource.system());
        AccountService.CreatedKey created =
            accountId != null
                ? accounts.addKey(accountId, name == null || name.isBlank() ? "key" : name)
                : accounts.createAccount(name.strip(), false);
        out.println("account: " + created.account().id() + " (" + created.account().name() + ")");
        if (credits != null) {
          long balance = new CreditService(database.transactor(), InstantSource.system()).topUpOrMeter(created.account().id(), credits);
          out.println("credits: " + balance + " (metered)");
        }
        out.println("key id:  " + created.key().id());
        if (kling) {
          AccessKey pair = accounts.addAccessKey(created.account().id(), created.key().id());
          out.println("The Kling access key and secret key below are shown only once; store them now.");
          out.println("Sign HS256 JWTs with iss = access key (as Kling's docs show) and send them as 'Authorization: Bearer <jwt>'.");
          out.println("kling access key: " + pair.accessKey());
          out.println("kling secret key: " + pair.secret());
        }
        out.println("The API key below is shown only once; store it now.");
        out.println(created.plaintext());
      }
      return 0;
    }
  }
}
