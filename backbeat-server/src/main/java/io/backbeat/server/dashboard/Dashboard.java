package io.backbeat.server.dashboard;

import io.backbeat.core.account.AccountService;
import io.backbeat.core.billing.CreditService;
import io.backbeat.core.store.Transactor;
import io.backbeat.core.task.service.TaskQueries;
import io.backbeat.core.task.service.TaskService;
import io.backbeat.server.config.BackbeatConfig;
import io.backbeat.server.http.Dialect;
import io.javalin.config.RoutesConfig;
import java.time.InstantSource;
import java.util.List;

/**
 * The dashboard for operators and app developers: its static files at {@code /ui} (from the jar, no
 * build step) and the few read endpoints it needs beyond the native API, under {@code /v1} so they
 * share its Bearer authentication and error shape.
 */
public final class Dashboard {
  private final DashboardFiles files;
  private final DashboardApi api;

  public Dashboard(
      BackbeatConfig config, AccountService accounts, TaskService tasks, Transactor transactor, InstantSource clock, List<Dialect> dialects) {
    this.files = new DashboardFiles(config.server().publicUrl());
    this.api =
        new DashboardApi(
            config,
            accounts,
            new TaskQueries(transactor, clock),
            new CreditService(transactor, clock),
            new EndUserErrors(config.policy(), tasks.contentPolicy(), dialects));
  }

  public void register(RoutesConfig routes) {
    files.register(routes);
    api.register(routes);
  }
}
