#!/usr/bin/env bash
# Matching benchmark: realistic synthetic pools at n = 1,000, 10,000 and 100,000 (matcher beside a
# greedy baseline), then the quality check at n = 10,000 against the exact optimum of an exhaustive
# k = 50 candidate graph. Numbers go to docs/benchmarks.md ("Matching").
#
#   bench/matching/run.sh                      # everything (100,000 takes minutes; run it rarely)
#   bench/matching/run.sh 1000 10000           # just these sizes
#   bench/matching/run.sh --quality            # just the quality check (defaults)
#   bench/matching/run.sh --reference=10000:351463 --quality=10:10000:4:20:3:0.001
#       # quality of settings k:chunkSize:spread[:pricingRounds[:pricedPerPerson[:pricingGap]]],
#       # reusing the k = 50 optimum measured before (matched:score)
#   bench/matching/run.sh --solver=5000        # Blossom V options on a graph a pricing round re-solves
#   bench/matching/run.sh --options            # Blossom V initialisation / dual-update options
#   bench/matching/run.sh --write-pool=1000:/tmp/pool.json   # a realistic pool file for `iln match --pool`
#
# HEAP (default 8g) caps the JVM heap; the 10,000 target is checked with HEAP=1g.
# JAVA_OPTS (default: the nightly-matching Lambda's: C2, the serial collector, a 512 MB initial heap)
# sets the JVM's options.
set -euo pipefail
cd "$(dirname "$0")/../.."
args=("$@")
if [ ${#args[@]} -eq 0 ]; then
  args=(1000 10000 100000 --quality)
fi
cp_file=$(mktemp)
classes=$(mktemp -d)
trap 'rm -rf "$cp_file" "$classes"' EXIT
# one reactor run, so test-scoped sibling modules (local-aws) resolve to their target/classes
./mvnw -B -q -pl functions -am test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >/dev/null
# a private copy of the classes, so that a build during a long run cannot swap them underneath it
cp -r functions/target/test-classes "$classes/test-classes"
cp -r functions/target/classes "$classes/classes"
java ${JAVA_OPTS:--XX:+TieredCompilation -XX:TieredStopAtLevel=4 -XX:+UseSerialGC -Xms512m} -Xmx"${HEAP:-8g}" -cp "$classes/test-classes:$classes/classes:$(cat "$cp_file")" \
  org.iln.matching.MatchingBenchmark "${args[@]}"
