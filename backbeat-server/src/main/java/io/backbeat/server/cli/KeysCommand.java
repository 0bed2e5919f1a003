package io.backbeat.server.cli;

import io.backbeat.core.account.AccountService;
import io.backbeat.core.billing.CreditService;
import io.backbeat.server.config.BackbeatConfig;
import io.backbeat.server.config.ConfigLoader;
import io.backbeat.storage.Database;
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

    @Override
    public Integer call() {
      if (accountId == null && (name == null || name.isBlank())) {
        throw new IllegalArgumentException("give --name NAME to create an account, or --account ID to add a key");
      }
      if (credits != null && (credits < 0 || accountId != null)) {
        throw new IllegalArgumentException(
            credits < 0 ? "--credits must not be negative" : "--credits applies to a new account; use 'credits add ACCOUNT N' to top up");
      }
      BackbeatConfig config = ConfigLoader.load();
      try (Database database = Database.open(config.storage().databaseUrl())) {
        AccountService accounts = new AccountService(database.transactor(), InstantSource.system());
        AccountService.CreatedKey created =
            accountId != null
                ? accounts.addKey(accountId, name == null || name.isBlank() ? "key" : name)
                : accounts.createAccount(name.strip(), false);
        System.out.println("account: " + created.account().id() + " (" + created.account().name() + ")");
        if (credits != null) {
          long balance = new CreditService(database.transactor(), InstantSource.system()).topUpOrMeter(created.account().id(), credits);
          System.out.println("credits: " + balance + " (metered)");
        }
        System.out.println("key id:  " + created.key().id());
        System.out.println("The API key below is shown only once; store it now.");
        System.out.println(created.plaintext());
      }
      return 0;
    }
  }
}
