#!/usr/bin/env bash
# Crash-and-restart walkthrough (issue 22), as a newcomer would do it by hand: an emulator that
# outlives `./iln dev` (started with local-aws's moto launcher, one request at a time, as the
# tests start it), N people (default 200) who sign up and confirm through the API, `./iln run
# matching`, the dev server killed with SIGKILL while it sends the introductions, a restart on
# the same emulator, then `./iln run --date <match date> nightly` and the night after. Prints
# what each step did, then checks from the emulator's sent mail that every confirmed person got
# exactly one introduction or no-match letter, that nobody was given a second partner and that no
# message went twice; exits 1 if not.
#
#   bench/restart/run.sh          # 200 people
#   bench/restart/run.sh 50
set -euo pipefail
N="${1:-200}"
MATCH_DATE=2027-01-11   # round 2027-1 in site/data/rounds.yml, open for applications until 2026-12-14
source "$(dirname "$0")/../emulator.sh"
cd "$ROOT"
bench_work
bench_moto
echo "emulator (outlives ./iln dev): $MOTO_URL; load average $(cut -d' ' -f1-3 /proc/loadavg)"
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
DEV_PID=""
trap '[[ -n "$DEV_PID" ]] && kill -9 "$DEV_PID" 2>/dev/null; [[ -n "$MOTO_PID" ]] && kill "$MOTO_PID" 2>/dev/null; rm -rf "$WORK"' EXIT

start_dev() {
  ./iln dev --port "$PORT" --aws-endpoint "$MOTO_URL" >>"$WORK/dev.log" 2>&1 &
  DEV_PID=$!
  for _ in $(seq 1 600); do
    curl -sf "http://127.0.0.1:$PORT/programme.json" >/dev/null && return 0
    kill -0 "$DEV_PID" 2>/dev/null || { tail -30 "$WORK/dev.log"; echo "./iln dev stopped" >&2; exit 1; }
    sleep 0.5
  done
  echo "./iln dev did not start" >&2; exit 1
}

sent_count() { curl -sf "http://127.0.0.1:$PORT/_dev/mail.json?size=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])'; }

echo "1. ./iln dev --port $PORT --aws-endpoint $MOTO_URL"
start_dev
echo "2. $N people sign up and follow their confirmation links"
python3 bench/mail/seed.py "http://127.0.0.1:$PORT" "$N"
python3 - "http://127.0.0.1:$PORT" <<'PY'
import json, sys, urllib.request
base = sys.argv[1]
links, page = [], 1
while True:
    with urllib.request.urlopen(f"{base}/_dev/mail.json?size=500&page={page}") as r:
        body = json.load(r)
    links += [l for m in body["messages"] for l in m["links"] if "/api/confirm" in l]
    if not body["next"]:
        break
    page += 1
confirmed = 0
for link in links:
    path = link[link.index("/api/confirm"):]
    req = urllib.request.Request(base + path)
    opener = urllib.request.build_opener(type("NoRedirect", (urllib.request.HTTPRedirectHandler,), {"redirect_request": lambda *a: None}))
    try:
        opener.open(req)
    except urllib.error.HTTPError as e:
        if e.code != 303:
            raise SystemExit(f"confirm answered {e.code}")
    confirmed += 1
print(f"   followed {confirmed} confirmation links")
PY
before="$(sent_count)"
echo "3. ./iln run --port $PORT matching, and SIGKILL of ./iln dev once it has sent 40 introductions"
./iln run --port "$PORT" matching >"$WORK/run-matching.log" 2>&1 &
RUN_PID=$!
for _ in $(seq 1 1200); do
  now="$(sent_count 2>/dev/null || echo "$before")"
  (( now - before >= 40 )) && break
  sleep 0.25
done
kill -9 "$DEV_PID"; wait "$DEV_PID" 2>/dev/null || true
wait "$RUN_PID" 2>/dev/null || true
DEV_PID=""
echo "   killed (SIGKILL) after $(( now - before )) messages of the night were sent"
echo "4. restart on the same emulator; ./iln run --date $MATCH_DATE nightly, then the night after"
start_dev
sleep 1
grep -o "Programme clock: today is [0-9-]*" "$WORK/dev.log" | tail -1 | sed 's/^/   after the restart: /'
./iln run --port "$PORT" --date "$MATCH_DATE" nightly | sed 's/^/   /'
./iln run --port "$PORT" --date "$(date -u -d "$MATCH_DATE + 1 day" +%F)" nightly | sed 's/^/   /'
echo "5. what the emulator sent"
python3 - "$MOTO_URL" "$N" <<'PY'
import collections, email, json, sys, urllib.request
from email.header import decode_header, make_header
moto, n = sys.argv[1], int(sys.argv[2])
with urllib.request.urlopen(f"{moto}/moto-api/iln/sent-mail?skip=0&limit=100000") as r:
    messages = [email.message_from_string(m["raw"]) for m in json.load(r)["messages"]]
intro, nomatch = "Meet your International Librarians Network partner", "We could not find you a partner this round"
letters, sent, ids = collections.Counter(), collections.Counter(), collections.Counter()
for m in messages:
    to, subject = str(m["To"]), str(make_header(decode_header(m["Subject"])))
    sent[(to, subject)] += 1
    ids[m["Message-ID"]] += 1
    if subject in (intro, nomatch):
        letters[to] += 1
second = sum(1 for m in messages if "new International Librarians Network partner" in str(m["Subject"]))
signed_up = [a for a in letters if a.startswith("mail-")]
more = {a: c for a, c in letters.items() if c != 1}
twice = {k: c for k, c in sent.items() if c > 1}
print(f"   {len(messages)} messages; {len(letters)} people (the {n} who signed up and the demo people) got an "
      f"introduction or a no-match letter, {len(signed_up)} of the {n}; {len(more)} got more than one; "
      f"{len(twice)} (address, subject) and {sum(1 for c in ids.values() if c > 1)} Message-IDs sent twice; "
      f"{second} told of a second partner")
ok = not more and not twice and not second and len(signed_up) == n and all(c == 1 for c in ids.values())
print("   OK: every confirmed person has exactly one introduction or no-match letter, nothing went twice" if ok
      else f"   BROKEN: {dict(list(more.items())[:5])} {dict(list(twice.items())[:5])}")
sys.exit(0 if ok else 1)
PY
