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
source "$(dirname "$0")/../emulator.sh"
JAR="$(bench_jar matching)"
bench_work
# A copy: a build during the (long) run may rewrite the jar under the running JVM.
cp "$JAR" "$WORK/functions.jar"
JAR="$WORK/functions.jar"
javac -d "$WORK/classes" -cp "$JAR" "$ROOT/bench/publish/PublishBench.java"
bench_moto
# The nightly-matching Lambda's JVM options (FunctionCatalogue.MATCHER_JVM_OPTIONS).
java -XX:+TieredCompilation -XX:TieredStopAtLevel=4 -XX:+UseSerialGC -Xms512m \
  -cp "$JAR:$WORK/classes" PublishBench "$MOTO_URL" "$N" "$ROOT/functions/src/test/resources/programme.json"
