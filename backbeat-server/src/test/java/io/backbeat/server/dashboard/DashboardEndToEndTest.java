package io.backbeat.server.dashboard;

import static io.backbeat.server.testing.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.AriaRole;
import io.backbeat.server.testing.CallbackReceiver;
import io.backbeat.server.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The dashboard in a real headless Chromium against a real server: sign in, a song created through
 * the API moves through its states in the list without a reload, its page plays audio with the
 * sung word highlighted, a webhook is redelivered, and the launch checks run. Screenshots at laptop
 * and phone widths go to target/screenshots (and to docs/screenshots with BACKBEAT_UPDATE_SCREENSHOTS=1).
 */
@Tag("e2e")
class DashboardEndToEndTest {
  private static final Path SHOTS = Path.of("target", "screenshots");
  /** One browser (and one Playwright driver, which unpacks itself) for both tests. */
  private static Chromium chromium;

  @BeforeAll
  static void launch() {
    chromium = Chromium.launch();
  }

  @AfterAll
  static void close() {
    if (chromium != null) {
      chromium.close();
    }
  }

  @Test
  void an_operator_signs_in_watches_a_song_live_plays_it_redelivers_a_callback_and_runs_the_launch_checks() throws Exception {
    try (TestServer server = TestServer.start(Map.of("BACKBEAT_BLOCKED_TERMS", "forbiddenword"));
        CallbackReceiver receiver = new CallbackReceiver()) {
      BrowserContext laptop = chromium.browser.newContext(new com.microsoft.playwright.Browser.NewContextOptions().setViewportSize(1280, 860));
      Page page = laptop.newPage();
      List<String> consoleErrors = new ArrayList<>();
      page.onConsoleMessage(m -> {
        if (m.type().equals("error")) consoleErrors.add(m.text());
      });
      page.onPageError(e -> consoleErrors.add(e));

      // sign in; the key lives in sessionStorage only
      page.navigate(server.url("/ui/"));
      page.getByLabel("API key").fill("bb_live_not_a_real_key_000000000000");
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
      page.locator("#sign-in-error:has-text('not valid')").waitFor();
      consoleErrors.clear(); // Chromium logs the refused key's 401 as a console error
      page.getByLabel("API key").fill(server.apiKey);
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
      page.locator("h1:text-is('Tasks')").waitFor();
      page.locator(".empty-state").waitFor();
      assertThat(page.locator(".empty-state pre").textContent()).contains(server.url("/suno/generate-lyrics")).contains("$BACKBEAT_API_KEY");
      assertThat(page.evaluate("() => sessionStorage.getItem('backbeat.apiKey')")).isEqualTo(server.apiKey);
      assertThat(page.evaluate("() => localStorage.length")).isEqualTo(0);
      page.locator("#live-state[data-state='live']").waitFor();
      recordRowStates(page);

      // a song created through the API appears and moves through its states live
      // a careless client put credentials in the body: they must never reach the page
      String pastedSecret = "whsec_" + "Q".repeat(32);
      String pastedKey = "bb_live_" + "Z".repeat(32);
      String body =
          """
          {"customMode":true,"instrumental":false,"model":"V4","style":"synthpop, 110 bpm, bright",
           "title":"Harbor Lights","prompt":"[Verse]\\nHarbor lights are calling me\\nOver the water wide and free\\n[Chorus]\\nHarbor lights, harbor lights\\nShine on through the night",
           "callBackUrl":"%s","apiKey":"%s","note":"my secret is %s"}
          """.formatted(receiver.url("/song"), pastedKey, pastedSecret);
      JsonNode created = json(server.post("/suno/generate", body));
      String taskId = created.path("data").path("taskId").asText();
      assertThat(taskId).isNotBlank();
      Locator row = page.locator("tr[data-task-id='" + taskId + "']");
      row.waitFor();
      row.locator(".status[data-state='succeeded']").waitFor(new Locator.WaitForOptions().setTimeout(240_000));
      @SuppressWarnings("unchecked")
      List<String> seen = (List<String>) page.evaluate("id => window.__rowStates[id]", taskId);
      assertThat(seen).as("states the row showed").containsSubsequence("text", "first", "succeeded");
      assertThat(seen.get(seen.size() - 1)).isEqualTo("succeeded");
      assertThat(page.evaluate("() => window.__sameDocument")).as("no reload").isEqualTo(true);
      assertThat(row.locator("td").nth(1).textContent()).isEqualTo("SONG");
      assertThat(row.textContent()).contains("suno").contains("suno.music").contains("V4").contains("Harbor lights are calling me");
      assertAccessibleBasics(page);
      // keyboard: navigation puts focus on the page's heading; Tab goes on into its first control
      page.locator("h1:focus").waitFor();
      page.keyboard().press("Tab");
      assertThat(page.evaluate("() => document.activeElement.id")).isEqualTo("filter-status");

      // the task page: covers, players, highlighted words, stems
      row.locator("td.prompt a").focus();
      page.keyboard().press("Enter");
      page.locator("h1:has-text('SONG task: Harbor Lights')").waitFor();
      page.locator("h1:focus").waitFor();
      page.locator("article.clip").nth(1).locator("audio.clip-audio").waitFor();
      assertThat(page.locator("article.clip").count()).isEqualTo(2);
      Locator cover = page.locator("article.clip img.cover").first();
      page.waitForCondition(() -> ((Number) cover.evaluate("img => img.naturalWidth")).intValue() > 0);
      assertThat(page.locator("pre.request-json").textContent()).contains("Harbor Lights").contains("my secret is");
      assertThat(page.content()).doesNotContain(server.apiKey).doesNotContain(pastedKey).doesNotContain(pastedSecret);
      assertThat(page.locator("section[aria-labelledby='timeline-title'] tbody tr").count()).isGreaterThanOrEqualTo(4);

      Locator clip = page.locator("article.clip").first();
      Locator words = clip.locator(".lyrics .word");
      words.first().waitFor();
      Response ranged =
          page.waitForResponse(
              r -> r.url().endsWith(".mp3") && r.status() == 206,
              () -> {
                clip.locator("button.play").click();
              });
      assertThat(ranged.headerValue("content-range")).startsWith("bytes ");
      // seek (as a listener would, the file is served with Range) to just before the first sung word
      double firstWordStart = firstWordStart(clip);
      clip.locator("audio.clip-audio").evaluate("(a, t) => { a.currentTime = t; }", Math.max(0, firstWordStart - 0.3));
      int firstIndex = waitForWordAfter(page, clip, -1);
      int nextIndex = waitForWordAfter(page, clip, firstIndex);
      assertThat(nextIndex).isGreaterThan(firstIndex);
      assertThat(clip.locator(".lyrics .word[aria-current='true']").count()).isEqualTo(1);
      assertThat(((Number) clip.locator("audio.clip-audio").evaluate("a => a.currentTime")).doubleValue()).isGreaterThan(firstWordStart - 0.3);
      clip.locator("button.play").click();

      clip.locator("details.stems-panel summary").click();
      Locator solos = clip.locator("button.solo");
      assertThat(solos.count()).isGreaterThanOrEqualTo(2);
      solos.first().click();
      assertThat(solos.first().getAttribute("aria-pressed")).isEqualTo("true");
      assertThat(clip.locator(".stem audio").nth(0).evaluate("a => a.muted")).isEqualTo(false);
      assertThat(clip.locator(".stem audio").nth(1).evaluate("a => a.muted")).isEqualTo(true);
      shot(page, "task-laptop");
      assertAccessibleBasics(page);

      // webhook deliveries with their attempts; redeliver one: the same webhook-id arrives again
      page.locator("tr[data-delivery-id]").nth(2).waitFor();
      List<CallbackReceiver.Received> before = receiver.all();
      Locator complete = page.locator("tr[data-delivery-id]").filter(new Locator.FilterOptions().setHasText("complete"));
      String deliveryId = complete.getAttribute("data-delivery-id");
      complete.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Redeliver")).click();
      page.locator("#attempts-" + deliveryId + " tbody tr").nth(1).waitFor(new Locator.WaitForOptions().setTimeout(30_000));
      assertThat(page.locator("#attempts-" + deliveryId).textContent()).contains("HTTP 200");
      List<CallbackReceiver.Received> after = receiver.all();
      assertThat(after.size()).isGreaterThan(before.size());
      assertThat(after.get(after.size() - 1).header("webhook-id")).isEqualTo(deliveryId);

      // account: the webhook secret is shown only on request
      page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Account")).click();
      page.locator("#webhook-secret").waitFor();
      assertThat(page.locator("#webhook-secret").textContent()).isEqualTo("Hidden");
      assertThat(page.content()).doesNotContain("whsec_");
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Reveal secret")).click();
      page.locator("#webhook-secret:has-text('whsec_')").waitFor();
      assertThat(page.locator("#webhook-secret").textContent()).isEqualTo(server.webhookSecret());
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Hide secret")).click();
      assertThat(page.locator("section[aria-labelledby='keys-title'] tbody tr").count()).isEqualTo(1);
      assertThat(page.locator("section[aria-labelledby='keys-title']").textContent()).contains("(this session)").doesNotContain(server.apiKey);
      shot(page, "account-laptop");

      // launch checks against this deployment, with the receiver as the app
      page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Launch checks")).click();
      page.getByLabel("Your app's callback URL").fill(receiver.url("/app"));
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Run all checks")).click();
      page.locator(".summary:has-text('passed')").waitFor(new Locator.WaitForOptions().setTimeout(300_000));
      page.waitForCondition(
          () -> page.locator("li.check[data-result='running'], li.check[data-result='idle']").count() == 0,
          new Page.WaitForConditionOptions().setTimeout(300_000));
      for (String check : List.of("create-and-poll", "callback-reachable", "duplicate-callback", "failed-task", "quota-error", "policy-error", "range")) {
        Locator item = page.locator("li.check[data-check='" + check + "']");
        assertThat(item.getAttribute("data-result")).as(check + ": " + item.locator(".reason").textContent()).isEqualTo("pass");
        assertThat(item.locator(".reason").textContent()).isNotBlank();
      }
      assertThat(page.locator(".summary").textContent()).isEqualTo("7 passed, 0 failed, 0 skipped");
      assertThat(page.locator("li.check[data-check='duplicate-callback']").textContent()).contains("webhook-id");
      assertThat(page.locator("li.check[data-check='policy-error'] pre").first().textContent()).contains("\"code\": 400").doesNotContain("forbiddenword");
      assertThat(receiver.all().stream().filter(r -> r.path().equals("/app")).count()).isGreaterThanOrEqualTo(3);
      shot(page, "checks-laptop");
      assertAccessibleBasics(page);
      page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Tasks").setExact(true)).click();
      page.locator("tbody tr[data-task-id]").nth(2).waitFor(); // the song and the tasks two checks made
      shot(page, "tasks-laptop");

      // phone width: the same pages stack
      BrowserContext phone =
          chromium.browser.newContext(
              new com.microsoft.playwright.Browser.NewContextOptions().setViewportSize(390, 844).setDeviceScaleFactor(2).setIsMobile(true).setHasTouch(true));
      Page small = phone.newPage();
      small.navigate(server.url("/ui/"));
      small.getByLabel("API key").fill(server.apiKey);
      small.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
      small.locator("tr[data-task-id='" + taskId + "']").waitFor();
      assertThat(((Number) small.evaluate("() => document.documentElement.scrollWidth")).intValue()).as("no sideways scrolling").isLessThanOrEqualTo(390);
      shot(small, "tasks-phone", false);
      small.navigate(server.url("/ui/#/tasks/" + taskId));
      small.locator("article.clip .lyrics .word").first().waitFor();
      assertThat(((Number) small.evaluate("() => document.documentElement.scrollWidth")).intValue()).isLessThanOrEqualTo(390);
      Locator phoneClip = small.locator("article.clip").first();
      phoneClip.locator("audio.clip-audio").evaluate("(a, t) => { a.currentTime = t; }", firstWordStart + 1.0);
      phoneClip.locator(".lyrics .word[aria-current='true']").waitFor();
      phoneClip.scrollIntoViewIfNeeded();
      small.evaluate("() => window.scrollBy(0, -60)");
      shot(small, "task-phone", false);
      small.navigate(server.url("/ui/#/checks"));
      small.locator("h1:text-is('Launch checks')").waitFor();
      small.locator("li.check").first().waitFor();
      shot(small, "checks-phone", false);

      // sign out forgets the key
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).click();
      page.getByLabel("API key").waitFor();
      assertThat(page.evaluate("() => sessionStorage.getItem('backbeat.apiKey')")).isNull();
      assertThat(consoleErrors).as("browser console errors").isEmpty();
      phone.close();
      laptop.close();
    }
  }

  @Test
  void the_list_pages_through_a_thousand_tasks_and_still_updates_live() throws Exception {
    try (TestServer server = TestServer.start()) {
      insertFinishedTasks(server, 1000);
      BrowserContext laptop = chromium.browser.newContext(new com.microsoft.playwright.Browser.NewContextOptions().setViewportSize(1280, 860));
      Page page = laptop.newPage();
      page.navigate(server.url("/ui/"));
      page.getByLabel("API key").fill(server.apiKey);
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
      page.locator("tbody tr[data-task-id]").nth(199).waitFor();
      page.locator("#live-state[data-state='live']").waitFor();
      Locator more = page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Load more"));
      List<Double> pageMillis = new ArrayList<>();
      for (int loaded = 200; loaded < 1000; loaded += 200) {
        double started = ((Number) page.evaluate("() => performance.now()")).doubleValue();
        more.click();
        page.locator("tbody tr[data-task-id]").nth(loaded + 199).waitFor();
        // wait for the frame after the rows went in, so layout and paint are part of the time
        double done = ((Number) page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(performance.now()))))")).doubleValue();
        pageMillis.add(done - started);
      }
      assertThat(page.locator("tbody tr[data-task-id]").count()).isEqualTo(1000);
      // the fifth page was full, so the API offered a cursor; the page after it is empty
      more.click();
      page.locator(".list-footer [role='status']:text-is('Showing 1000 tasks.')").waitFor();
      assertThat(more.isHidden()).isTrue();
      assertThat(page.locator("tbody tr[data-task-id]").count()).isEqualTo(1000);
      Object split =
          page.evaluate("() => ['backbeat:tasks-fetch', 'backbeat:tasks-rows', 'backbeat:tasks-painted'].map(n => n + ' ' + performance.getEntriesByName(n).map(e => Math.round(e.duration)).join('/')).join(', ')");
      // measured, never asserted: speed belongs to benchmarks (load on this machine varies)
      System.out.println("dashboard: pages of 200 rows; click to painted as the test sees it (with Playwright round trips) " + pageMillis + " ms; in the page: " + split + " ms");

      String taskId =
          json(server.post("/suno/generate-lyrics", "{\"prompt\":\"one more\",\"callBackUrl\":\"https://example.com/cb\"}")).path("data").path("taskId").asText();
      Locator fresh = page.locator("tbody tr[data-task-id]").first();
      page.locator("tbody tr[data-task-id='" + taskId + "'] .status[data-state='succeeded']").waitFor();
      assertThat(fresh.getAttribute("data-task-id")).isEqualTo(taskId);
      assertThat(page.locator("tbody tr[data-task-id]").count()).isEqualTo(1001);

      // a running song is canceled from its page
      String song =
          json(server.post("/suno/generate", "{\"customMode\":false,\"instrumental\":true,\"model\":\"V5\",\"prompt\":\"a long calm piece\",\"callBackUrl\":\"https://example.com/cb\"}"))
              .path("data").path("taskId").asText();
      page.locator("tbody tr[data-task-id='" + song + "'] td.prompt a").click();
      Locator cancel = page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Cancel task"));
      cancel.waitFor();
      page.onDialog(dialog -> dialog.accept());
      cancel.click();
      page.locator(".state-line .status[data-state='canceled']").waitFor();
      page.locator("#error-title:text-is('Canceled')").waitFor();
      assertThat(cancel.isHidden()).isTrue();
      assertThat(json(server.get("/v1/tasks/" + song)).path("status").asText()).isEqualTo("canceled");
      laptop.close();
    }
  }

  /** Finished lyrics tasks straight into the store: nothing for the workers to do, no events to stream. */
  private static void insertFinishedTasks(TestServer server, int count) {
    java.time.Instant start = java.time.Instant.now().minusSeconds(count);
    server.app().database().transactor().useTransaction(tx -> {
      for (int i = 0; i < count; i++) {
        java.time.Instant at = start.plusSeconds(i);
        String prompt = "stored task number " + i;
        com.fasterxml.jackson.databind.node.ObjectNode payload = TestServer.JSON.createObjectNode().put("prompt", prompt);
        com.fasterxml.jackson.databind.node.ObjectNode result = TestServer.JSON.createObjectNode();
        result.putArray("lyrics").addObject().put("title", "Number " + i).put("text", "[Verse]\nline " + i);
        tx.tasks().insert(new io.backbeat.core.task.Task(
            io.backbeat.core.task.TaskIds.newId(), server.accountId, null, "suno", "suno.lyrics", "local",
            io.backbeat.core.task.TaskStatus.SUCCEEDED, io.backbeat.core.task.Stage.COMPLETE, new io.backbeat.core.task.spec.LyricsSpec(prompt, null),
            payload, result, null, null, io.backbeat.core.provider.ProviderHandle.NONE, null, null, 1, at, at, at, at));
      }
    });
  }

  /** Every control has a name, every image a text alternative, every status a word besides its colour. */
  private static void assertAccessibleBasics(Page page) {
    @SuppressWarnings("unchecked")
    List<String> problems =
        (List<String>)
            page.evaluate(
                """
                () => {
                  const problems = [];
                  for (const c of document.querySelectorAll('input, select, textarea')) {
                    if (!c.labels?.length && !c.getAttribute('aria-label')) problems.push('unlabelled ' + c.outerHTML.slice(0, 80));
                  }
                  for (const b of document.querySelectorAll('button, a[href]')) {
                    if (!(b.getAttribute('aria-label') || b.textContent).trim()) problems.push('nameless ' + b.outerHTML.slice(0, 80));
                  }
                  for (const i of document.querySelectorAll('img')) if (!i.hasAttribute('alt')) problems.push('no alt ' + i.outerHTML.slice(0, 80));
                  for (const s of document.querySelectorAll('.status')) if (!s.querySelector('.word')?.textContent.trim()) problems.push('status without a word');
                  return problems;
                }
                """);
    assertThat(problems).isEmpty();
  }

  /** Remembers every state each row's status cell showed, from the DOM's own mutation records. */
  private static void recordRowStates(Page page) {
    page.evaluate(
        """
        () => {
          window.__sameDocument = true;
          window.__rowStates = {};
          const note = (tr, state) => {
            if (!tr || !state) return;
            const list = (window.__rowStates[tr.dataset.taskId] ||= []);
            if (list[list.length - 1] !== state) list.push(state);
          };
          new MutationObserver((records) => {
            for (const record of records) {
              for (const node of record.addedNodes) {
                if (node.nodeType !== 1) continue;
                if (node.matches('tr[data-task-id]')) note(node, node.querySelector('.status')?.dataset.state);
                else if (node.matches('.status')) note(record.target.closest('tr'), node.dataset.state);
              }
            }
          }).observe(document.getElementById('main'), { subtree: true, childList: true });
        }
        """);
  }

  /** When the first word is sung, from the clip's word timings (the -words.json asset). */
  private static double firstWordStart(Locator clip) {
    return ((Number) clip.evaluate("async (card) => (await (await fetch(card.dataset.wordsUrl)).json())[0].startS")).doubleValue();
  }

  private static int waitForWordAfter(Page page, Locator clip, int index) {
    Locator lyrics = clip.locator(".lyrics");
    page.waitForCondition(
        () -> Integer.parseInt(String.valueOf(lyrics.evaluate("b => b.dataset.currentWord ?? '-1'"))) > index,
        new Page.WaitForConditionOptions().setTimeout(20_000));
    return Integer.parseInt(String.valueOf(lyrics.evaluate("b => b.dataset.currentWord")));
  }

  private static void shot(Page page, String name) throws Exception {
    shot(page, name, true);
  }

  private static void shot(Page page, String name, boolean fullPage) throws Exception {
    Files.createDirectories(SHOTS);
    Path file = SHOTS.resolve(name + ".png");
    page.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(fullPage));
    if ("1".equals(System.getenv("BACKBEAT_UPDATE_SCREENSHOTS"))) {
      Path docs = Path.of("..", "docs", "screenshots");
      Files.createDirectories(docs);
      Files.copy(file, docs.resolve(name + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
