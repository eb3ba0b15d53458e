# Shared by the benchmarks that run a Lambda jar against the emulator, or a real `./iln dev` (source it, do not run it):
#   bench_jar KIND         prints the path of the functions' KIND jar (api or matching), building
#                          it first when it is missing or REBUILD=1; JAR=path measures another jar
#   bench_work             makes the work folder $WORK, removed (with the emulator) on exit
#   bench_moto             starts the emulator on a free loopback port as the tests start it
#                          (local-aws's moto launcher: one request at a time, as DynamoDB
#                          serialises transactions) and sets $MOTO_URL
#   bench_dev LOG          starts a real `./iln dev` on a free port, its output in LOG, waits until
#                          it serves, and sets $DEV_PID, $PORT and $EMULATOR (its moto's address);
#                          the caller stops $DEV_PID
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

bench_jar() {
  local kind=$1 jar="${JAR:-}"
  [[ -z "$jar" ]] && jar="$(ls "$ROOT"/functions/target/iln-functions-*-"$kind".jar 2>/dev/null | head -1 || true)"
  if [[ -z "$jar" || "${REBUILD:-0}" == "1" ]]; then
    echo "building the Lambda jars (./mvnw -pl functions -am package -DskipTests)..." >&2
    (cd "$ROOT" && ./mvnw -B -q -pl functions -am package -DskipTests) >&2
    jar="$(ls "$ROOT"/functions/target/iln-functions-*-"$kind".jar | head -1)"
  fi
  echo "$jar"
}

MOTO_PID=""
bench_work() {
  WORK="$(mktemp -d)"
  trap '[[ -n "$MOTO_PID" ]] && kill "$MOTO_PID" 2>/dev/null || true; rm -rf "$WORK"' EXIT
}

bench_moto() {
  local port
  port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
  python3 "$ROOT/local-aws/src/main/resources/org/iln/localaws/moto_launcher.py" -H 127.0.0.1 -p "$port" \
    >"$WORK/moto.log" 2>&1 &
  MOTO_PID=$!
  MOTO_URL="http://127.0.0.1:$port"
  for _ in $(seq 1 300); do curl -sf "$MOTO_URL/moto-api/" >/dev/null && return 0; sleep 0.1; done
  echo "the emulator did not start; its log:" >&2; cat "$WORK/moto.log" >&2; return 1
}

bench_dev() {
  local log=$1
  PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
  echo "starting ./iln dev --port $PORT ..." >&2
  "$ROOT/iln" dev --port "$PORT" >"$log" 2>&1 &
  DEV_PID=$!
  for _ in $(seq 1 600); do
    grep -q "moto_server at" "$log" && curl -sf "http://127.0.0.1:$PORT/programme.json" >/dev/null && break
    kill -0 "$DEV_PID" 2>/dev/null || { cat "$log"; echo "./iln dev stopped; see above" >&2; exit 1; }
    sleep 0.5
  done
  EMULATOR="$(grep -o 'moto_server at http://[0-9.:]*' "$log" | head -1 | sed 's/moto_server at //')"
  echo "./iln dev is up (emulator $EMULATOR); load average: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
}
