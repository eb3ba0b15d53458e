#!/usr/bin/env bash
# Matching benchmark. The program is bench/matching/src (org.iln.matching.MatchingBenchmark),
# compiled here against the functions module's classes and test classes (the pool generators).
#
#   bench/matching/run.sh --families                 # the family table: every family at n = 1,000, 10,000, 100,000
#   bench/matching/run.sh --families 1000 10000      # just these sizes
#   FAMILIES=real-round,trap bench/matching/run.sh --families 10000   # just these families
#
#   The family table runs each family's pool (PoolFamilies: uniform, real-round, language-clustered,
#   skewed, near-impossible, asymmetric, two-partners, trap, scarce-language; seed 1) in a fresh JVM under
#   /usr/bin/time: wall time, peak RSS, matched, score, and the gap the matcher proved. Beside it,
#   in the same run and on the same pools: the peer (PEER, default a0b15fa: the matcher before
#   issue 19, compiled from git; PEER= skips it) and, up to EXACT_MAX people (default 1000), the
#   exact optimum over every eligible pair (JGraphT's Blossom V on the complete graph, fresh JVM).
#   PEER_MAX (default 10000) skips the peer above that size.
#   PRIMED=1 adds a column: the match's own time in a JVM that first ran Matcher.warmUp(), as the
#   nightly-matching Lambda does before its SnapStart snapshot (one more fresh JVM per row).
#
#   bench/matching/run.sh --repeat=uniform:10000:7   # one pool matched 7 times in one JVM, each run's time and
#                                              # phases: the later runs are the work without the JIT's warm-up;
#                                              # ours and the peer (PEER), two JVMs each, alternating
#   bench/matching/run.sh 1000 10000           # the realistic pool, matcher beside a greedy baseline, one JVM
#   bench/matching/run.sh --quality            # n = 10,000 against the exhaustive k = 50 optimum
#   bench/matching/run.sh --solver=5000        # Blossom V options on a graph a pricing round re-solves
#   bench/matching/run.sh --options            # Blossom V initialisation / dual-update options
#   bench/matching/run.sh --write-pool=real-round:10000:pool.json   # a pool file for `iln match --pool`
#
# HEAP (default 8g) caps the JVM heap. JAVA_OPTS (default: the nightly-matching Lambda's: C2, the
# serial collector, a 512 MB initial heap) sets the JVM's options.
# Needs GNU time at /usr/bin/time (Debian package `time`) for the family table.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
args=("$@")
if [ ${#args[@]} -eq 0 ]; then
  args=(--families)
fi
JAVA_OPTS=${JAVA_OPTS:--XX:+TieredCompilation -XX:TieredStopAtLevel=4 -XX:+UseSerialGC -Xms512m}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

echo "building the functions module and the benchmark..." >&2
# one reactor run, so test-scoped sibling modules (local-aws) resolve to their target/classes
./mvnw -B -q -pl functions -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$WORK/deps.cp" >/dev/null
# private copies, so that a build during a long run cannot swap the classes underneath it
cp -r functions/target/test-classes "$WORK/test-classes"
cp -r functions/target/classes "$WORK/classes"
DEPS=$(cat "$WORK/deps.cp")
mkdir -p "$WORK/bench-classes"
javac -nowarn -d "$WORK/bench-classes" -cp "$WORK/test-classes:$WORK/classes:$DEPS" \
  bench/matching/src/org/iln/matching/MatchingBenchmark.java
CP="$WORK/bench-classes:$WORK/test-classes:$WORK/classes:$DEPS"

PEER=${PEER-a0b15fa}
PEER_CP=""
if [ -n "$PEER" ] && { [ "${args[0]}" = "--families" ] || [[ "${args[0]}" == --repeat=* ]]; }; then
  echo "compiling the peer matcher ($PEER) from git..." >&2
  mkdir -p "$WORK/peer-src" "$WORK/peer-classes"
  git archive "$PEER" functions/src/main/java/org/iln/matching | tar -x -C "$WORK/peer-src"
  javac -nowarn -d "$WORK/peer-classes" -cp "$WORK/classes:$DEPS" \
    $(find "$WORK/peer-src" -name '*.java')
  # the peer's matching classes shadow ours; the generators and the program are the same
  PEER_CP="$WORK/bench-classes:$WORK/peer-classes:$WORK/test-classes:$WORK/classes:$DEPS"
fi

if [[ "${args[0]}" == --repeat=* ]]; then
  # ours, then the peer, each in its own JVM, twice, alternating
  for round in 1 2; do
    for who in ours peer; do
      cp=$CP
      if [ "$who" = peer ]; then
        [ -n "$PEER_CP" ] || continue
        cp=$PEER_CP
      fi
      echo "== $who ($([ "$who" = peer ] && echo "$PEER" || echo "working tree")), JVM $round of 2; load $(cut -d' ' -f1 /proc/loadavg)"
      # shellcheck disable=SC2086
      java $JAVA_OPTS -Xmx"${HEAP:-8g}" -cp "$cp" org.iln.matching.MatchingBenchmark "${args[@]}"
    done
  done
  exit
fi

if [ "${args[0]}" != "--families" ]; then
  # not exec: the EXIT trap must still remove the work folder
  # shellcheck disable=SC2086
  java $JAVA_OPTS -Xmx"${HEAP:-8g}" -cp "$CP" org.iln.matching.MatchingBenchmark "${args[@]}"
  exit
fi

if [ ! -x /usr/bin/time ]; then
  echo "bench/matching: /usr/bin/time is missing; install it with: apt-get install -y time" >&2
  exit 1
fi
SIZES=("${args[@]:1}")
if [ ${#SIZES[@]} -eq 0 ]; then SIZES=(1000 10000 100000); fi
IFS=, read -r -a FAMS <<<"${FAMILIES:-uniform,real-round,language-clustered,skewed,near-impossible,asymmetric,two-partners,trap,scarce-language}"
EXACT_MAX=${EXACT_MAX:-1000}
PEER_MAX=${PEER_MAX:-10000}

# Runs one JVM under GNU time; prints "seconds RSS-MB <program's RESULT/EXACT line fields>".
measure() {
  local log=$1 cp=$2; shift 2
  # shellcheck disable=SC2086
  if ! /usr/bin/time -f '%e %M %U %S' -o "$log.time" java $JAVA_OPTS -Xmx"${HEAP:-8g}" -cp "$cp" \
      org.iln.matching.MatchingBenchmark "$@" >"$log" 2>"$log.err"; then
    echo "failed: $* (see below)" >&2; tail -5 "$log.err" >&2
    echo "- - failed"
    return
  fi
  read -r secs kb user sys <"$log.time"
  echo "$secs $((kb / 1024)) cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.1f", u + s }') $(grep -E '^(RESULT|EXACT)' "$log" | cut -d' ' -f2-)"
}
field() { tr ' ' '\n' <<<"$1" | sed -n "s/^$2=//p"; }
# primed LOG CLASSPATH FAMILY:N: the match's own seconds after Matcher.warmUp() with PRIMED=1, else "-".
primed() {
  if [ "${PRIMED:-0}" = 1 ]; then field "$(measure "$1" "$2" "--run=$3" --primed)" primed; else echo "-"; fi
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores; java: $(java -version 2>&1 | head -1)"
printf '\n%-19s %7s | %8s %6s %7s %8s %10s %7s %6s %8s | %8s %6s %7s %10s %7s %8s | %10s %9s | %s\n' \
  family n "wall s" "cpu s" "RSS MB" matched score "gap %" solves "primed s" "peer s" "cpu s" "RSS MB" "peer score" "gap %" "primed s" "exact" "vs exact" "load"
printf '%s\n' "------------------------------------------------------------------------------------------------------------------------------------------------------------"
for n in "${SIZES[@]}"; do
  for fam in "${FAMS[@]}"; do
    ours=$(measure "$WORK/$fam-$n.ours" "$CP" "--run=$fam:$n")
    ourPrimed=$(primed "$WORK/$fam-$n.primed" "$CP" "$fam:$n")
    peer="- - - - - -"
    if [ -n "$PEER_CP" ] && [ "$n" -le "$PEER_MAX" ]; then
      p=$(measure "$WORK/$fam-$n.peer" "$PEER_CP" "--run=$fam:$n")
      peer="$(cut -d' ' -f1 <<<"$p") $(field "$p" cpu) $(cut -d' ' -f2 <<<"$p") $(field "$p" score) $(field "$p" gap) $(primed "$WORK/$fam-$n.peer-primed" "$PEER_CP" "$fam:$n")"
    fi
    exact="-"; versus="-"
    if [ "$n" -le "$EXACT_MAX" ]; then
      e=$(measure "$WORK/$fam-$n.exact" "$CP" "--exact=$fam:$n")
      exact="$(field "$e" matched)/$(field "$e" score)"
      versus=$(awk -v m="$(field "$ours" paired)" -v s="$(field "$ours" pairScore)" -v em="$(field "$e" matched)" \
        -v es="$(field "$e" score)" 'BEGIN { if (m < em) print "-" (em - m) " people"; else printf "%.3f%%\n", 100 * (es - s) / es }')
    fi
    read -r ps pc pm pscore pgap pprimed <<<"$peer"
    printf '%-19s %7s | %8s %6s %7s %8s %10s %7s %6s %8s | %8s %6s %7s %10s %7s %8s | %10s %9s | %s\n' "$fam" "$n" \
      "$(cut -d' ' -f1 <<<"$ours")" "$(field "$ours" cpu)" "$(cut -d' ' -f2 <<<"$ours")" "$(field "$ours" matched)" \
      "$(field "$ours" score)" "$(field "$ours" gap)" "$(field "$ours" solves)" "$ourPrimed" "$ps" "$pc" "$pm" "$pscore" "$pgap" "$pprimed" \
      "$exact" "$versus" \
      "$(cut -d' ' -f1 /proc/loadavg)"
  done
done
echo
echo "wall s, cpu s (user + system, all threads) and RSS MB: a fresh JVM per pool ($JAVA_OPTS -Xmx${HEAP:-8g}), as /usr/bin/time measures it."
echo "primed s: with PRIMED=1, the match alone in a JVM that first ran Matcher.warmUp(), as the nightly-matching Lambda does before its SnapStart snapshot."
echo "gap %: how far below the optimum over every eligible pair the matcher proved its score to be (- = no proof);"
echo "exact: matched/score of the optimum over every eligible pair, groups of three aside (Blossom V, complete graph);"
echo "vs exact: our pairs' score (before groups of three) below it, or how many fewer people in pairs; peer: $PEER, the same pools, same JVM options, same run."
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
