package io.backbeat.server.cli;

import io.backbeat.core.billing.CreditService;
import io.backbeat.server.config.ConfigLoader;
import io.backbeat.storage.Database;
import java.time.InstantSource;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Credit top-ups; safe while the server runs. */
@Command(name = "credits", description = "Manage credits of metered accounts.", subcommands = {CreditsCommand.Add.class})
final class CreditsCommand implements Runnable {
  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  @Command(name = "add", description = "Add N credits to ACCOUNT (an unmetered account becomes metered). Prints the new balance.")
  static final class Add implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "ACCOUNT", description = "Account id (acct_…).")
    String accountId;

    @Parameters(index = "1", paramLabel = "N", description = "Credits to add (a positive whole number).")
    long amount;

    @Override
    public Integer call() {
      if (amount <= 0) {
        throw new IllegalArgumentException("N must be a positive whole number of credits");
      }
      try (Database database = Database.open(ConfigLoader.load().storage().databaseUrl())) {
        long balance = new CreditService(database.transactor(), InstantSource.system()).topUp(accountId, amount);
        System.out.println("account " + accountId + " now has " + balance + " credits");
        System.out.println(balance);
      }
      return 0;
    }
  }
}
