#!/usr/bin/env bash
# Dispatch benchmark: N programme messages (default 10,000) queued in the outbox on moto_server
# and dispatched through the real Dispatcher, once unthrottled and once at 14 per second on a
# simulated clock. Prints messages per second and the duplicate count, which must be 0.
#
# Usage: bench/dispatch/run.sh [N]        (builds the Lambda jar if it is missing)
set -euo pipefail
N="${1:-10000}"
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
JAR="$(ls "$ROOT"/functions/target/iln-functions-*-api.jar 2>/dev/null | head -1 || true)"
if [[ -z "$JAR" || "${REBUILD:-0}" == "1" ]]; then
  echo "building the Lambda jar (./mvnw -pl functions -am package -DskipTests)..." >&2
  (cd "$ROOT" && ./mvnw -B -q -pl functions -am package -DskipTests)
  JAR="$(ls "$ROOT"/functions/target/iln-functions-*-api.jar | head -1)"
fi
WORK="$(mktemp -d)"
MOTO_PID=""
cleanup() { [[ -n "$MOTO_PID" ]] && kill "$MOTO_PID" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

# A copy: a build during the (long) run may rewrite the jar under the running JVM.
cp "$JAR" "$WORK/functions.jar"
JAR="$WORK/functions.jar"
javac -d "$WORK/classes" -cp "$JAR" "$ROOT/bench/dispatch/DispatchBench.java"
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
moto_server -H 127.0.0.1 -p "$PORT" >"$WORK/moto.log" 2>&1 &
MOTO_PID=$!
for _ in $(seq 1 200); do curl -sf "http://127.0.0.1:$PORT/moto-api/" >/dev/null && break; sleep 0.1; done
java -cp "$JAR:$WORK/classes" DispatchBench "http://127.0.0.1:$PORT" "$N"
