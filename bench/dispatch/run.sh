#!/usr/bin/env bash
# Dispatch benchmark: N programme messages (default 10,000) queued in the outbox on moto_server
# and dispatched through the real Dispatcher, once unthrottled and once at 14 per second on a
# simulated clock. Prints messages per second and the duplicate count, which must be 0.
#
# Usage: bench/dispatch/run.sh [N]        (builds the Lambda jar if it is missing)
set -euo pipefail
N="${1:-10000}"
source "$(dirname "$0")/../emulator.sh"
JAR="$(bench_jar api)"
bench_work
# A copy: a build during the (long) run may rewrite the jar under the running JVM.
cp "$JAR" "$WORK/functions.jar"
JAR="$WORK/functions.jar"
javac -d "$WORK/classes" -cp "$JAR" "$ROOT/bench/dispatch/DispatchBench.java"
bench_moto
java -cp "$JAR:$WORK/classes" DispatchBench "$MOTO_URL" "$N"
