package io.backbeat.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.backbeat.server.testing.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** /ui serves the dashboard from the jar: strict headers, revalidation, no traversal, every module present and local. */
class DashboardFilesTest {
  /** Static imports (one per line, as the dashboard writes them) and dynamic ones. */
  private static final Pattern IMPORT =
      Pattern.compile("(?m)^\\s*(?:import|export)\\b[^'\"\\n]*?['\"]([^'\"]+)['\"];?\\s*$|\\bimport\\s*\\(\\s*['\"]([^'\"]+)['\"]");
  private static final Pattern HTML_REF = Pattern.compile("(?:src|href)=\"([^\"#]+)\"");
  private static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void the_page_is_served_at_ui_with_a_strict_content_security_policy_and_no_key_needed() {
    for (String path : new String[] {"/ui", "/ui/"}) {
      HttpResponse<String> page = server.get(path, null);
      assertThat(page.statusCode()).as(path).isEqualTo(200);
      assertThat(page.headers().firstValue("Content-Type").orElseThrow().replace(" ", "")).isEqualToIgnoringCase("text/html;charset=utf-8");
      String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
      assertThat(csp).contains("default-src 'none'", "script-src 'self'", "connect-src 'self'", "frame-ancestors 'none'").doesNotContain("unsafe");
      assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
      assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
      assertThat(page.body()).contains("<script type=\"module\" src=\"/ui/app.js\"></script>");
    }
  }

  @Test
  void files_are_revalidated_with_an_etag() throws Exception {
    HttpResponse<String> script = server.get("/ui/app.js", null);
    assertThat(script.statusCode()).isEqualTo(200);
    assertThat(script.headers().firstValue("Content-Type").orElseThrow().replace(" ", "")).isEqualToIgnoringCase("text/javascript;charset=utf-8");
    assertThat(script.headers().firstValue("Cache-Control")).hasValue("no-cache");
    String etag = script.headers().firstValue("ETag").orElseThrow();

    HttpResponse<String> again =
        server.send(HttpRequest.newBuilder(URI.create(server.url("/ui/app.js"))).header("If-None-Match", etag).GET().build());

    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(again.body()).isEmpty();
  }

  @Test
  void nothing_outside_the_dashboard_folder_is_served() {
    for (String path : new String[] {"/ui/missing.js", "/ui/..%2Flogback.xml", "/ui/%2e%2e/logback.xml", "/ui/logback.xml", "/ui/Index.HTML", "/ui/dashboard/app.js"}) {
      assertThat(server.get(path, null).statusCode()).as(path).isEqualTo(404);
    }
  }

  @Test
  void every_script_and_style_the_page_loads_is_served_from_here() {
    Set<String> seen = new HashSet<>();
    Deque<String> todo = new ArrayDeque<>();
    Matcher refs = HTML_REF.matcher(server.get("/ui/", null).body());
    while (refs.find()) {
      todo.add(refs.group(1));
    }
    while (!todo.isEmpty()) {
      String path = todo.poll();
      assertThat(path).as("a local reference").startsWith("/ui/");
      if (!seen.add(path)) {
        continue;
      }
      HttpResponse<String> file = server.get(path, null);
      assertThat(file.statusCode()).as(path).isEqualTo(200);
      if (path.endsWith(".js")) {
        Matcher imports = IMPORT.matcher(file.body());
        while (imports.find()) {
          String target = imports.group(1) != null ? imports.group(1) : imports.group(2);
          assertThat(target).as("import in " + path).startsWith("./");
          todo.add("/ui/" + target.substring(2));
        }
      }
    }
    assertThat(seen).contains("/ui/app.js", "/ui/app.css", "/ui/api.js", "/ui/live.js", "/ui/tasks.js", "/ui/task.js", "/ui/account.js", "/ui/checks.js", "/ui/icon.svg");
  }
}
