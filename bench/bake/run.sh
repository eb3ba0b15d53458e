#!/usr/bin/env bash
# Bake benchmark: our bake (SiteBaker) against stock JBake 2.7.0 on the same N synthetic
# discussion points (plus the real pages and ~250 countries), each bake in a fresh JVM.
# Prints one table: wall time and peak RSS per bake, and our speed-up.
#
#   bench/bake/run.sh                 # N = 100, 1000, 5000 (stock at 5000 takes ~10 minutes)
#   bench/bake/run.sh 100 1000        # other sizes
#   STOCK_MAX=1000 bench/bake/run.sh  # skip stock JBake above 1000 points
#
# Our bake runs twice per N: with the JVM's defaults, and with the flags a short-lived command
# line tool should use (CLI_JAVA_OPTS: C1 only, serial GC), which is how ./iln runs it. Stock
# JBake runs with the JVM's defaults, which suit its long O(N^2) runs best.
#
# Needs GNU time at /usr/bin/time (Debian package `time`) for peak RSS.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
SIZES=("$@")
if [ ${#SIZES[@]} -eq 0 ]; then SIZES=(100 1000 5000); fi
STOCK_MAX=${STOCK_MAX:-1000000}
WORK=${BENCH_WORK:-$(mktemp -d /tmp/iln-bake-bench.XXXXXX)}
CLI_JAVA_OPTS=${CLI_JAVA_OPTS:--XX:TieredStopAtLevel=1 -XX:+UseSerialGC}

if [ ! -x /usr/bin/time ]; then
  echo "bench/bake: /usr/bin/time is missing; install it with: apt-get install -y time" >&2
  exit 1
fi

echo "Building the site module and the bench launcher..." >&2
# In one reactor run, so that the site's classpath names the messages module's classes (it is not installed).
./mvnw -B -q -pl messages,site compile dependency:build-classpath -Dmdep.includeScope=runtime \
  -Dmdep.outputFile="$WORK/site.cp" >&2
./mvnw -B -q -f bench/bake/pom.xml compile dependency:build-classpath -Dmdep.includeScope=runtime \
  -Dmdep.outputFile="$WORK/stock.cp" >&2
# Copies, so that rebuilding the worktree during a long run does not change what is measured.
rm -rf "$WORK/site-classes" "$WORK/messages-classes" "$WORK/bench-classes"
cp -r "$ROOT/site/target/classes" "$WORK/site-classes"
cp -r "$ROOT/messages/target/classes" "$WORK/messages-classes"
sed -i "s#$ROOT/messages/target/classes#$WORK/messages-classes#" "$WORK/site.cp"
cp -r "$ROOT/bench/bake/target/classes" "$WORK/bench-classes"
OURS_CP="$WORK/site-classes:$(cat "$WORK/site.cp")"
STOCK_CP="$WORK/bench-classes:$(cat "$WORK/stock.cp")"

# Runs a command under GNU time; prints "seconds kilobytes".
measure() {
  local log=$1; shift
  /usr/bin/time -f '%e %M' -o "$log.time" "$@" >"$log" 2>&1 || { echo "failed: $*" >&2; tail -20 "$log" >&2; exit 1; }
  cat "$log.time"
}

printf '\n%-6s | %-20s | %-20s | %-20s | %s\n' "N" "ours, JVM defaults" "ours, CLI flags" "stock JBake" "speed-up"
printf '%-6s | %-20s | %-20s | %-20s | %s\n' "" "wall s / RSS MB" "wall s / RSS MB" "wall s / RSS MB" "(defaults / CLI)"
printf '%s\n' "-------+----------------------+----------------------+----------------------+-----------------"
declare -A OURS_T CLI_T
for n in "${SIZES[@]}"; do
  dir="$WORK/n$n"
  rm -rf "$dir"
  java -cp "$STOCK_CP" org.iln.bench.bake.GenerateSite "$n" "$ROOT/site" "$ROOT/bench/bake/stock" "$dir" >&2
  read -r ot om < <(measure "$dir/ours.log" java -cp "$OURS_CP" org.iln.site.SiteBaker "$dir/ours" "$dir/ours-out")
  # shellcheck disable=SC2086
  read -r ct cm < <(measure "$dir/ours-cli.log" java $CLI_JAVA_OPTS -cp "$OURS_CP" org.iln.site.SiteBaker "$dir/ours" "$dir/ours-out")
  OURS_T[$n]=$ot
  CLI_T[$n]=$ct
  if [ "$n" -le "$STOCK_MAX" ]; then
    read -r st sm < <(measure "$dir/stock.log" java -cp "$STOCK_CP" org.iln.bench.bake.StockBake "$dir/stock" "$dir/stock-out")
    speed=$(awk -v s="$st" -v o="$ot" -v c="$ct" 'BEGIN { printf "%.1fx / %.1fx", s / o, s / c }')
    stock=$(awk -v t="$st" -v m="$sm" 'BEGIN { printf "%8.2f / %6.0f", t, m / 1024 }')
  else
    stock="(skipped)"; speed="-"
  fi
  printf '%-6s | %-20s | %-20s | %-20s | %s\n' "$n" \
    "$(awk -v t="$ot" -v m="$om" 'BEGIN { printf "%8.2f / %6.0f", t, m / 1024 }')" \
    "$(awk -v t="$ct" -v m="$cm" 'BEGIN { printf "%8.2f / %6.0f", t, m / 1024 }')" "$stock" "$speed"
done
if [ -n "${OURS_T[1000]:-}" ] && [ -n "${OURS_T[5000]:-}" ]; then
  awk -v a="${OURS_T[1000]}" -v b="${OURS_T[5000]}" -v c="${CLI_T[1000]}" -v d="${CLI_T[5000]}" \
    'BEGIN { printf "\nours: t(5000) / t(1000) = %.2f with JVM defaults, %.2f with CLI flags\n", b / a, d / c }'
fi
echo "(work folder: $WORK; wall time includes JVM start; Pagefind is not run; load average: $(cut -d' ' -f1-3 /proc/loadavg))"
