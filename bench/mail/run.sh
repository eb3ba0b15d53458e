#!/usr/bin/env bash
# Mail viewer benchmark: N signups (default 1,000) through a real `./iln dev` (each one stores an
# application and sends a confirmation mail), then the time to answer each of the viewer's pages,
# beside the anchor: moto's /moto-api/data.json, which the viewer read whole on every request
# before it was paged. Prints the median of RUNS (default 5) requests per address.
#
#   bench/mail/run.sh            # 1,000 messages
#   bench/mail/run.sh 200 3      # 200 messages, 3 requests per address
set -euo pipefail
N="${1:-1000}"
RUNS="${2:-5}"
source "$(dirname "$0")/../emulator.sh"
cd "$ROOT"
LOG="$(mktemp)"
DEV_PID=""
cleanup() {
  [[ -n "$DEV_PID" ]] && kill "$DEV_PID" 2>/dev/null && wait "$DEV_PID" 2>/dev/null || true
  rm -f "$LOG"
}
trap cleanup EXIT

bench_dev "$LOG"

python3 bench/mail/seed.py "http://127.0.0.1:$PORT" "$N"
TOTAL="$(curl -sf "http://127.0.0.1:$PORT/_dev/mail.json?size=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')"
LAST_PAGE=$(( (TOTAL + 49) / 50 ))
RECIPIENT="mail-$(curl -sf "http://127.0.0.1:$PORT/_dev/mail.json?size=1" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["messages"][0]["to"].split("mail-")[1].split("@")[0])')@example.org"

# Median wall time of RUNS GETs of a URL, in milliseconds, and the size of the answer.
time_url() {
  python3 - "$1" "$RUNS" <<'PY'
import statistics, sys, time, urllib.request
url, runs = sys.argv[1], int(sys.argv[2])
times, size = [], 0
for _ in range(runs):
    start = time.perf_counter()
    with urllib.request.urlopen(url, timeout=600) as response:
        size = len(response.read())
    times.append((time.perf_counter() - start) * 1000)
print(f"{statistics.median(times):9.0f} ms  (min {min(times):.0f}, max {max(times):.0f})  {size / 1024:8.0f} KiB")
PY
}

echo
echo "$TOTAL messages in the emulator; median of $RUNS requests each; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-48s %s\n' "anchor: moto's /moto-api/data.json" "$(time_url "$EMULATOR/moto-api/data.json")"
printf '%-48s %s\n' "/_dev/mail.json (page 1 of $LAST_PAGE, 50 messages)" "$(time_url "http://127.0.0.1:$PORT/_dev/mail.json")"
printf '%-48s %s\n' "/_dev/mail.json?page=$LAST_PAGE (the oldest)" "$(time_url "http://127.0.0.1:$PORT/_dev/mail.json?page=$LAST_PAGE")"
printf '%-48s %s\n' "/_dev/mail (HTML, page 1)" "$(time_url "http://127.0.0.1:$PORT/_dev/mail")"
printf '%-48s %s\n' "/_dev/mail?to=<one recipient>" "$(time_url "http://127.0.0.1:$PORT/_dev/mail?to=$RECIPIENT")"
printf '%-48s %s\n' "/_dev/mail.json?size=500 (the largest page)" "$(time_url "http://127.0.0.1:$PORT/_dev/mail.json?size=500")"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
