#!/usr/bin/env bash
# Start-up benchmark for the signup handler (no SnapStart): for each run, a FRESH JVM builds
# ApiHandler with its no-arg constructor (as Lambda does) and serves one signup against
# moto_server; prints the time from launching `java` to the response, and the jar size.
# The jar is unpacked and its classes loaded from that folder, as Lambda does with a zip or jar
# package (it unpacks it into /var/task and puts that folder on the class path).
#
# Usage: bench/startup/run.sh [RUNS]      (default 5; builds the jar if it is missing)
# Extra JVM flags, e.g. the api function's in Lambda:
#   JAVA_OPTS="-XX:TieredStopAtLevel=1 -XX:CICompilerCount=1" bench/startup/run.sh
# AppCDS (a training run dumps the loaded classes; measured runs map them): CDS=1 bench/startup/run.sh
# Classes loaded, by package (one extra, untimed run): CLASS_LOG=1 bench/startup/run.sh
# Two jars, runs interleaved: AGAINST=/tmp/old-api.jar bench/startup/run.sh 10
set -euo pipefail
RUNS="${1:-5}"
source "$(dirname "$0")/../emulator.sh"
JAR="$(bench_jar api)"
bench_work
javac -d "$WORK/classes" -cp "$JAR" "$ROOT/bench/startup/FirstRequest.java"
jar cf "$WORK/bench.jar" -C "$WORK/classes" .   # AppCDS refuses class directories on the path
bench_moto

# A manifest whose first round is open today, so the request is a real, stored signup.
python3 - "$ROOT/functions/src/test/resources/programme.json" "$WORK/programme.json" <<'PY'
import json, sys, datetime
p = json.load(open(sys.argv[1]))
today = datetime.date.today()
r = p["rounds"][0]
r["opens"] = str(today - datetime.timedelta(days=7)); r["closes"] = str(today + datetime.timedelta(days=21))
p["rounds"] = [r]
json.dump(p, open(sys.argv[2], "w"))
PY

export AWS_REGION=eu-west-1 AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test
export AWS_ENDPOINT_URL="$MOTO_URL"
export ILN_TABLE_NAME=iln-bench ILN_SITE_URL=https://iln.example.org
export ILN_MAIL_FROM="ILN <noreply@iln.example.org>" ILN_PROGRAMME="$WORK/programme.json"
export ILN_ADDRESS_KEY="$(head -c 32 /dev/urandom | base64)" ILN_TOKEN_KEY="$(head -c 32 /dev/urandom | base64)"
export ILN_RATE_LIMIT=100000
java -cp "$JAR:$WORK/bench.jar" FirstRequest --setup

echo "jar: $(basename "$JAR") $(stat -c %s "$JAR") bytes ($(awk "BEGIN {printf \"%.2f\", $(stat -c %s "$JAR")/1048576}") MiB)"
echo "java: $(java -version 2>&1 | head -1); JAVA_OPTS=${JAVA_OPTS:-<none>}; cores: $(nproc)"
if [[ "${CDS:-0}" == "1" ]]; then
  export BENCH_LAUNCHED_AT_NANOS="$(date +%s%N)"
  # shellcheck disable=SC2086
  java ${JAVA_OPTS:-} -XX:ArchiveClassesAtExit="$WORK/app.jsa" -cp "$JAR:$WORK/bench.jar" FirstRequest "training@example.org" >"$WORK/training.out" 2>&1 || { cat "$WORK/training.out"; exit 1; }
  JAVA_OPTS="${JAVA_OPTS:-} -XX:SharedArchiveFile=$WORK/app.jsa"
  echo "AppCDS archive: $(stat -c %s "$WORK/app.jsa") bytes; JAVA_OPTS=$JAVA_OPTS"
fi
# AGAINST=other.jar interleaves runs of the two jars (A B A B ...), so that both see the same
# load; each gets its own summary.
JARS=("$JAR"); [[ -n "${AGAINST:-}" ]] && JARS+=("$AGAINST")
[[ -n "${AGAINST:-}" && "${CDS:-0}" == "1" ]] && { echo "CDS=1 measures one jar; drop AGAINST" >&2; exit 2; }
# What each run puts on the class path: the unpacked jar, as in Lambda's /var/task; with CDS=1 the
# jar itself, as AppCDS archives no classes from folders.
TASKS=()
for k in "${!JARS[@]}"; do
  if [[ "${CDS:-0}" == "1" ]]; then
    TASKS+=("${JARS[$k]}")
  else
    mkdir -p "$WORK/task-$k" && unzip -q "${JARS[$k]}" -d "$WORK/task-$k"
    TASKS+=("$WORK/task-$k")
  fi
done
for i in $(seq 1 "$RUNS"); do
  for k in "${!JARS[@]}"; do
    export BENCH_LAUNCHED_AT_NANOS="$(date +%s%N)"
    # shellcheck disable=SC2086
    java ${JAVA_OPTS:-} -cp "${TASKS[$k]}:$WORK/bench.jar" FirstRequest "bench$i-$k@example.org" >"$WORK/run$i-$k.out"
    LINE="$(tail -1 "$WORK/run$i-$k.out")"
    echo "run $i $(basename "${JARS[$k]}"): $LINE"
    sed -E 's/.*launch_to_response_ms=([0-9]+).*/\1/' <<<"$LINE" >>"$WORK/times-$k"
    sed -E 's/.*process_cpu_ms=([0-9]+).*/\1/' <<<"$LINE" >>"$WORK/cpus-$k"
    sed -E 's/.*main_thread_cpu_ms=([0-9-]+).*/\1/' <<<"$LINE" >>"$WORK/main-cpus-$k"
    sed -E 's/.*classes_at_response=([0-9]+).*/\1/' <<<"$LINE" >>"$WORK/classes-$k"
  done
done
echo "the handler's own log line (JSON, no personal data): $(grep -m1 '^{' "$WORK/run1-0.out" || echo none)"
echo "load average while measuring: $(cut -d' ' -f1-3 /proc/loadavg)"
summary() { sort -n | awk -v what="$1" '{a[NR]=$1} END {printf "%s: min %d, median %d, max %d over %d fresh JVMs\n", what, a[1], a[int((NR+1)/2)], a[NR], NR}'; }
for k in "${!JARS[@]}"; do
  [[ ${#JARS[@]} -gt 1 ]] && echo "-- $(basename "${JARS[$k]}") ($(stat -c %s "${JARS[$k]}") bytes)"
  summary "launch to first response (ms)" <"$WORK/times-$k"
  summary "process CPU time (ms)" <"$WORK/cpus-$k"
  summary "main thread CPU time (ms)" <"$WORK/main-cpus-$k"
  summary "classes loaded at the response" <"$WORK/classes-$k"
done
if [[ "${CLASS_LOG:-0}" == "1" ]]; then
  # One more, untimed run logging every class it loads, summed by package prefix.
  export BENCH_LAUNCHED_AT_NANOS="$(date +%s%N)"
  # shellcheck disable=SC2086
  java ${JAVA_OPTS:-} -Xlog:class+load=info:file="$WORK/classes.log" -cp "${TASKS[0]}:$WORK/bench.jar" FirstRequest "classlog@example.org" >/dev/null
  echo "classes loaded by package (top 25; run with -Xlog:class+load):"
  sed -nE 's/.*\] ([^ ]+) source.*/\1/p' "$WORK/classes.log" \
    | awk -F. '{ if ($1=="software") p=$1"."$2"."$3"."$4; else if ($1=="com"||$1=="org"||$1=="ch") p=$1"."$2"."$3; else p=$1"."$2; n[p]++ } END { for (p in n) printf "%6d %s\n", n[p], p }' \
    | sort -rn | head -25
fi
