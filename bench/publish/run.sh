#!/usr/bin/env bash
# Publishing benchmark: N confirmed applicants (default 10,000) in moto_server, then the real
# matching night on the match date (match, freeze the plan, write N/2 partnerships, queue N
# introductions). Each night runs on a freshly seeded emulator, in its own JVM with the nightly
# Lambda's JVM options, once per number of writers in WRITERS (default "1 16"; 1 is fastest on
# moto, which answers one request at a time). With PEER_JAR=path/to/another-matching.jar (an
# older build of the matching Lambda jar), the same night first runs from that jar with one
# writer: the peer, side by side on the same machine and seed. Prints, per night: wall time,
# partnerships per second, 15-minute Lambda runs needed at that pace, this JVM's CPU against the
# emulator's, the load, and the DynamoDB calls by operation with the time spent waiting for them.
#
# With PLAN=frozen the seed also freezes a publishing plan (applicant 2i with 2i + 1), as a night
# that stopped after freezing leaves it: the night then publishes without matching, which measures
# publishing alone (matching 10,000 people takes minutes of CPU of its own).
#
# Usage: [PEER_JAR=old.jar] [WRITERS="1 16"] [PLAN=frozen] bench/publish/run.sh [N]   (REBUILD=1 rebuilds the jar first)
set -euo pipefail
N="${1:-10000}"
WRITERS="${WRITERS:-1 16}"
source "$(dirname "$0")/../emulator.sh"
JAR="$(bench_jar matching)"
bench_work
# Copies: a build during the (long) run may rewrite the jar under the running JVM.
cp "$JAR" "$WORK/functions.jar"
JAR="$WORK/functions.jar"
javac -d "$WORK/classes" -cp "$JAR" "$ROOT/bench/publish/PublishBench.java"
PROGRAMME="$ROOT/functions/src/test/resources/programme.json"
bench_moto
# The nightly-matching Lambda's JVM options (FunctionCatalogue.MATCHER_JVM_OPTIONS).
JAVA=(java -XX:+TieredCompilation -XX:TieredStopAtLevel=4 -XX:+UseSerialGC -Xms512m)
echo "publish benchmark: n = $N, moto at $MOTO_URL (pid $MOTO_PID), $(nproc) cores, $(java -version 2>&1 | head -1)"
night() { # night JAR WRITERS LABEL
  echo
  echo "== $3, $2 writer(s): seeding $N applicants"
  "${JAVA[@]}" -cp "$JAR:$WORK/classes" PublishBench seed "$MOTO_URL" "$N" "$PROGRAMME" \
    "$([[ "${PLAN:-}" == frozen ]] && echo frozen-plan || echo matched)"
  echo "== $3, $2 writer(s): the match night"
  "${JAVA[@]}" -cp "$1:$WORK/classes" PublishBench night "$MOTO_URL" "$N" "$PROGRAMME" "$2" "$3" "$MOTO_PID" \
    > "$WORK/night.log" 2>&1 || { tail -40 "$WORK/night.log"; exit 1; }
  # The night's own log lines are JSON (the functions' logging); the figures are the plain lines.
  grep -v '^{' "$WORK/night.log"
  grep '^{' "$WORK/night.log" | grep -E 'done in|past partners|published [0-9]' \
    | sed -E 's/.*"formattedMessage":"([^"]*)".*/  log: \1/' || true
}
if [[ -n "${PEER_JAR:-}" ]]; then
  cp "$PEER_JAR" "$WORK/peer.jar"
  night "$WORK/peer.jar" 1 "peer ($(basename "$PEER_JAR"))"
fi
for writers in $WRITERS; do
  night "$JAR" "$writers" "this build"
done
