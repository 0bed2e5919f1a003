package io.backbeat.server.dashboard;

import static org.junit.jupiter.api.Assertions.fail;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's Chromium driven by Playwright for Java. Playwright never downloads a browser here: the
 * executable is the system one. Without it the test fails under CI (saying what to install) and is
 * skipped elsewhere.
 */
final class Chromium implements AutoCloseable {
  static final Path EXECUTABLE = Path.of(System.getenv().getOrDefault("BACKBEAT_CHROMIUM", "/usr/bin/chromium"));
  private static final List<String> ARGS =
      List.of(
          "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
          "--disable-component-update", "--disable-sync");

  private final Playwright playwright;
  final Browser browser;

  private Chromium(Playwright playwright, Browser browser) {
    this.playwright = playwright;
    this.browser = browser;
  }

  static Chromium launch() {
    if (!Files.isExecutable(EXECUTABLE)) {
      String message =
          "Chromium is not installed at " + EXECUTABLE + ": run `apt-get install -y --no-install-recommends chromium` (Debian), "
              + "or set BACKBEAT_CHROMIUM to a Chromium executable";
      if (System.getenv("CI") != null) {
        fail(message);
      }
      Assumptions.abort(message);
    }
    Playwright playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(EXECUTABLE).setHeadless(true).setArgs(ARGS));
    return new Chromium(playwright, browser);
  }

  @Override
  public void close() {
    browser.close();
    playwright.close();
  }
}
