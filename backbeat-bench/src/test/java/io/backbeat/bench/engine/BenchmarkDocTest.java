package io.backbeat.bench.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BenchmarkDocTest {
  private static final Machine MACHINE = new Machine(2, "Test CPU @ 2.0GHz", "8.0 GiB",
      "Eclipse Adoptium 25+36", "Debian GNU/Linux 12 (Linux 6.1, amd64)", "2.0 GiB", 0.25);

  private static BenchmarkDoc.Run run(double wall) {
    SongResult pop = new SongResult("pop, 100 bpm", 3, List.of(178.0, 182.0), List.of(wall, wall + 1, wall - 1),
        1024L * 1024 * 1024);
    SongResult dnb = new SongResult("drum and bass 174 bpm", 5, List.of(90.0, 90.0), List.of(7.5), 512L * 1024 * 1024);
    return new BenchmarkDoc.Run("2025-01-02T03:04:05Z", "backbeat-bench/run-engine-benchmark.sh", MACHINE, 0.5, 3,
        "Gervill's built-in bank", List.of(pop, dnb), "idle machine");
  }

  @Test
  void the_section_has_the_facts_and_one_table_row_per_style_between_the_markers() {
    String section = BenchmarkDoc.section(run(9));
    List<String> lines = section.lines().toList();
    assertThat(lines.get(0)).isEqualTo(BenchmarkDoc.START);
    assertThat(lines.get(lines.size() - 1)).isEqualTo(BenchmarkDoc.END);
    assertThat(section)
        .contains("- Date: 2025-01-02T03:04:05Z")
        .contains("- Command: `backbeat-bench/run-engine-benchmark.sh`")
        .contains("2 CPUs (nproc), Test CPU @ 2.0GHz, 8.0 GiB RAM, Debian GNU/Linux 12")
        .contains("- JDK: Eclipse Adoptium 25+36, max heap 2.0 GiB")
        .contains("- Sound bank: Gervill's built-in bank")
        .contains("0.25 at start, 0.50 at end")
        .contains("- Note: idle machine");
    List<String> rows = lines.stream().filter(l -> l.startsWith("| ")).toList();
    assertThat(rows).hasSize(3); // header and two styles
    assertThat(rows.get(1)).isEqualTo(
        "| pop, 100 bpm | 3 | 2:58 + 3:02 | 9.0 s | 9.0 / 10.0 / 8.0 | 40.0× | 1.0 GiB | met (8.9 s per 3:00) |");
    // 180 s of audio in 6 s: 30× real time, but 12 s for a 3-minute song.
    assertThat(rows.get(2)).contains("| 24.0× |").endsWith("| not met (15.0 s per 3:00) |");
    for (String row : lines.stream().filter(l -> l.startsWith("|")).toList()) {
      assertThat(row.chars().filter(c -> c == '|').count()).isEqualTo(9);
    }
  }

  @Test
  void a_new_run_replaces_only_its_own_section() {
    String before = "# Benchmarks\n\n## Server\n\nthroughput table\n\n" + BenchmarkDoc.section(run(9))
        + "\n## Later section\n\nkept\n";
    String after = BenchmarkDoc.splice(before, BenchmarkDoc.section(run(7)));
    assertThat(after).startsWith("# Benchmarks\n\n## Server\n\nthroughput table\n\n" + BenchmarkDoc.START);
    assertThat(after).endsWith(BenchmarkDoc.END + "\n\n## Later section\n\nkept\n");
    assertThat(after).contains("| 7.0 s |").doesNotContain("| 9.0 s |");
    assertThat(after.split(BenchmarkDoc.START, -1)).hasSize(2);
  }

  @Test
  void the_section_is_appended_to_a_file_without_markers_and_starts_a_missing_file() {
    String section = BenchmarkDoc.section(run(9));
    assertThat(BenchmarkDoc.splice("# Benchmarks\n\nother\n", section)).isEqualTo("# Benchmarks\n\nother\n\n" + section);
    assertThat(BenchmarkDoc.splice(null, section)).isEqualTo("# Benchmarks\n\n" + section);
  }
}
