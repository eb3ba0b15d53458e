#!/usr/bin/env bash
# Load benchmark: CLIENTS librarians (default 200), each from its own loopback address, sign up
# for SECONDS (default 60) against a real `./iln dev` (which starts moto_server), then follow the
# links in their confirmation emails, each twice. Prints throughput and p50/p99 latency per phase,
# then checks that every address was stored once, confirmed once and mailed once per step; exits
# 1 if not. Numbers go to docs/benchmarks.md ("Signup under load"). The program is
# bench/load/src (org.iln.cli.load.SignupLoad), compiled with cli's tests, whose
# SignupUnderLoadTest runs a bounded profile of it in every build.
#
#   bench/load/run.sh               # 200 clients, 60 s
#   bench/load/run.sh 50 20         # 50 clients, 20 s
set -euo pipefail
CLIENTS="${1:-200}"
SECONDS_TO_RUN="${2:-60}"
source "$(dirname "$0")/../emulator.sh"
cd "$ROOT"
cp_file="$(mktemp)"
LOG="$(mktemp)"
DEV_PID=""
cleanup() {
  [[ -n "$DEV_PID" ]] && kill "$DEV_PID" 2>/dev/null && wait "$DEV_PID" 2>/dev/null || true
  rm -f "$cp_file" "$LOG"
}
trap cleanup EXIT
# One reactor run: the sibling modules resolve to their target/classes (cli is built last, so
# the file ends up holding cli's test classpath).
./mvnw -B -q -pl cli -am test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file"

bench_dev "$LOG"
AWS_ENDPOINT="$EMULATOR"
# Only the load generator's JVM: the dev server's own mail and request logs stay in $LOG.
java -cp "cli/target/test-classes:cli/target/classes:$(cat "$cp_file")" \
  org.iln.cli.load.SignupLoad "http://127.0.0.1:$PORT" "$CLIENTS" "$SECONDS_TO_RUN" "$AWS_ENDPOINT"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
