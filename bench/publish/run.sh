#!/usr/bin/env bash
# Publishing benchmark: N confirmed applicants (default 10,000) in moto_server, then the real
# matching night on the match date (match, freeze the plan, write N/2 partnerships, queue N
# introductions), once with one partnership written at a time (the anchor: how publishing wrote
# before) and once with MatchingNight.PUBLISH_WRITERS at once. Prints wall time, partnerships per
# second, and the DynamoDB calls by operation with the time spent waiting for the emulator.
#
# Usage: bench/publish/run.sh [N]        (REBUILD=1 rebuilds the Lambda jar first)
set -euo pipefail
N="${1:-10000}"
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
JAR="$(ls "$ROOT"/functions/target/iln-functions-*-matching.jar 2>/dev/null | head -1 || true)"
if [[ -z "$JAR" || "${REBUILD:-0}" == "1" ]]; then
  echo "building the Lambda jar (./mvnw -pl functions -am package -DskipTests)..." >&2
  (cd "$ROOT" && ./mvnw -B -q -pl functions -am package -DskipTests)
  JAR="$(ls "$ROOT"/functions/target/iln-functions-*-matching.jar | head -1)"
fi
WORK="$(mktemp -d)"
MOTO_PID=""
cleanup() { [[ -n "$MOTO_PID" ]] && kill "$MOTO_PID" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

# A copy: a build during the (long) run may rewrite the jar under the running JVM.
cp "$JAR" "$WORK/functions.jar"
JAR="$WORK/functions.jar"
javac -d "$WORK/classes" -cp "$JAR" "$ROOT/bench/publish/PublishBench.java"
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
moto_server -H 127.0.0.1 -p "$PORT" >"$WORK/moto.log" 2>&1 &
MOTO_PID=$!
for _ in $(seq 1 200); do curl -sf "http://127.0.0.1:$PORT/moto-api/" >/dev/null && break; sleep 0.1; done
# The nightly-matching Lambda's JVM options (FunctionCatalogue.MATCHER_JVM_OPTIONS).
java -XX:+TieredCompilation -XX:TieredStopAtLevel=4 -XX:+UseSerialGC -Xms512m \
  -cp "$JAR:$WORK/classes" PublishBench "http://127.0.0.1:$PORT" "$N" "$ROOT/functions/src/test/resources/programme.json"
