#!/usr/bin/env bash
# Engine benchmark: finds a JDK 21+ (as ./backbeat does), builds the engine and the bench module if
# needed, and renders both clips of a ~3-minute song per style, updating docs/benchmarks.md.
#   backbeat-bench/run-engine-benchmark.sh                 run and write docs/benchmarks.md
#   backbeat-bench/run-engine-benchmark.sh --runs 1 --style "house, 124 bpm"
#   backbeat-bench/run-engine-benchmark.sh --no-build ...  use the jars already built
# Other arguments go to EngineBenchmark (--out FILE, --runs N, --style TEXT, --soundfont FILE, --note TEXT).
# Run it on an idle machine: the report records the load average, but cannot undo it.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

# Same lookup as ./backbeat: JAVA_HOME, then java on PATH, then /usr/lib/jvm/*; needs javac (we build).
java_major() { # prints the feature version of the java binary given, or 0
  local v
  v=$("$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -n1)
  case "$v" in 1.*) echo 1 ;; "") echo 0 ;; *) echo "${v%%.*}" ;; esac
}
find_jdk() {
  local candidates=() c
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v javac >/dev/null 2>&1; then
    c=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")"); candidates+=("$c")
  fi
  for c in /usr/lib/jvm/*; do [ -d "$c" ] && candidates+=("$c"); done
  for c in "${candidates[@]}"; do
    if [ -x "$c/bin/java" ] && [ -x "$c/bin/javac" ] && [ "$(java_major "$c/bin/java")" -ge 21 ]; then
      echo "$c"; return 0
    fi
  done
  return 1
}
if ! JAVA_HOME="$(find_jdk)"; then
  echo "run-engine-benchmark: no JDK 21 or newer found (looked at JAVA_HOME, PATH and /usr/lib/jvm/*)." >&2
  exit 1
fi
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"

build=1
args=()
for a in "$@"; do
  if [ "$a" = "--no-build" ]; then build=0; else args+=("$a"); fi
done
# Write the docs unless an --out was given.
out_given=0
for a in "${args[@]+"${args[@]}"}"; do [ "$a" = "--out" ] && out_given=1; done
[ "$out_given" = 1 ] || args+=(--out docs/benchmarks.md)

jar=$(ls backbeat-bench/target/backbeat-bench-*.jar 2>/dev/null | grep -v -e sources -e tests | head -n1 || true)
needs_build() {
  [ -n "$jar" ] && [ -d backbeat-bench/target/lib ] || return 0
  [ -n "$(find pom.xml backbeat-engine backbeat-bench backbeat-client \( -name pom.xml -o -path '*/src/main/*' \) \
    -newer "$jar" -print -quit 2>/dev/null)" ]
}
if [ "$build" = 1 ] && needs_build; then
  echo "run-engine-benchmark: building backbeat-bench and what it needs with $(basename "$JAVA_HOME")..." >&2
  ./mvnw -B -ntp -q -pl backbeat-bench -am package -DskipTests >&2
  jar=$(ls backbeat-bench/target/backbeat-bench-*.jar | grep -v -e sources -e tests | head -n1)
fi
if [ -z "$jar" ]; then
  echo "run-engine-benchmark: no backbeat-bench jar; run without --no-build" >&2
  exit 1
fi

# The command as the report prints it: arguments with spaces or quotes in single quotes.
shown="backbeat-bench/run-engine-benchmark.sh"
for a in "${args[@]}"; do
  if [[ "$a" =~ ^[A-Za-z0-9_./:=,+@%-]+$ ]]; then shown+=" $a"; else shown+=" '${a//\'/\'\\\'\'}'"; fi
done
# The server's JVM flags: Gervill's offline renderer is in an unexported package; FFmpeg loads natives.
exec java --add-exports java.desktop/com.sun.media.sound=ALL-UNNAMED --enable-native-access=ALL-UNNAMED \
  "-Dbench.command=$shown" \
  ${BACKBEAT_JAVA_OPTS:-} -cp "$jar:backbeat-bench/target/lib/*" io.backbeat.bench.engine.EngineBenchmark "${args[@]}"
