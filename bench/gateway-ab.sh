#!/usr/bin/env bash
# -----------------------------------------------------------------------------------------------------------
# bench/gateway-ab.sh - two gateway builds measured side by side, at the same time, against one running system.
#
#   bench/gateway-ab.sh OTHER_GATEWAY_JAR [ROUNDS] [SECONDS]
#
# Needs a running ./run-local (VOICE_OTP_LOCAL_LIMITS=off, so the abuse limits do not refuse the load). Starts the
# other build's gateway (an executable jar, e.g. api-gateway/target/api-gateway-*-exec.jar of another checkout)
# beside the running one, on GATEWAY_PORT + 10000, with the running gateway's configuration (same Kafka, same
# Redis, same apps). Warms both, then alternates dispatch windows between them (wrk -t2 -c64, SECONDS each,
# ROUNDS rounds) and prints each window's rate, p99, gateway and Redis CPU per dispatch, and the means.
#
# Why: on these machines a build measured after another, even minutes later, differs more with the minute than
# with the build; windows that alternate every half minute see the same machine. The other gateway starts without
# an AOT cache: after the warm-up both run JIT-compiled code, which is what a steady-state comparison needs.
# Both must have had the same load before the rounds: the gateway's code keeps getting faster for three to four
# minutes of load, so start ./run-local fresh and run this right away. A control run with the running build's own
# jar as OTHER_GATEWAY_JAR shows what is left of the difference between the two seats (bench/README.md).
# Environment: GATEWAY_PORT (8080), REDIS_PORT (6379), API_KEY (local-demo-key), WARMUP (180 s per gateway)
# -----------------------------------------------------------------------------------------------------------
set -euo pipefail

OTHER_JAR=${1:?usage: bench/gateway-ab.sh OTHER_GATEWAY_JAR [ROUNDS] [SECONDS]}
ROUNDS=${2:-5}
SECONDS_PER_WINDOW=${3:-30}
GATEWAY_PORT=${GATEWAY_PORT:-8080}
OTHER_PORT=$((GATEWAY_PORT + 10000))
API_KEY=${API_KEY:-local-demo-key}
WARMUP=${WARMUP:-180}
BENCH_DIR="$(cd "$(dirname "$0")" && pwd)"
REPO_DIR="$(dirname "$BENCH_DIR")"
source "$REPO_DIR/scripts/use-jdk25.sh"
HZ=$(getconf CLK_TCK)
WORK="$(mktemp -d /tmp/voice-otp-gateway-ab.XXXXXX)"

RUNNING=$(pgrep -f -- "--server.port=$GATEWAY_PORT( |$)" | head -1 || true)
[[ -n "$RUNNING" ]] || { echo "no gateway on port $GATEWAY_PORT: start ./run-local first" >&2; exit 1; }
[[ -f "$OTHER_JAR" ]] || { echo "no such jar: $OTHER_JAR" >&2; exit 1; }

# the running gateway's JVM options up to its main class (without its AOT cache) and its configuration
mapfile -t COMMAND < <(tr '\0' '\n' < "/proc/$RUNNING/cmdline")
JVM_OPTIONS=()
for ((i = 1; i < ${#COMMAND[@]}; i++)); do
  case "${COMMAND[$i]}" in
    -cp | -classpath) ((i++)) || true ;;
    -XX:AOTCache=*) ;;
    -*) JVM_OPTIONS+=("${COMMAND[$i]}") ;;
    *) break ;;
  esac
done
APPLICATION_JSON=$(tr '\0' '\n' < "/proc/$RUNNING/environ" | sed -n 's/^SPRING_APPLICATION_JSON=//p')

SPRING_APPLICATION_JSON="$APPLICATION_JSON" setsid "${COMMAND[0]}" "${JVM_OPTIONS[@]}" -jar "$OTHER_JAR" \
  --server.port="$OTHER_PORT" --management.server.port=$((OTHER_PORT + 1000)) > "$WORK/other-gateway.log" 2>&1 < /dev/null &
OTHER=$!
trap 'kill "$OTHER" 2>/dev/null || true; echo "files kept in $WORK"' EXIT
for _ in $(seq 120); do grep -q "Started ApiGatewayApplication" "$WORK/other-gateway.log" && break; sleep 1; done
grep -q "Started ApiGatewayApplication" "$WORK/other-gateway.log" || { tail -20 "$WORK/other-gateway.log" >&2; exit 1; }
echo "A: the running gateway (pid $RUNNING, port $GATEWAY_PORT); B: $OTHER_JAR (pid $OTHER, port $OTHER_PORT)"

ticks() { [[ -r /proc/$1/stat ]] && sed 's/^.*) //' "/proc/$1/stat" | awk '{print $12 + $13}' || echo 0; }
# both gateways share the running system's Redis: its CPU per dispatch shows what a build changes in its scripts
REDIS_PID=$(pgrep -f "redis-server .*:${REDIS_PORT:-6379}( |$)" | head -1 || true)
number=0
window() {   # window LABEL PORT PID SECONDS: one wrk window on PORT; prints rate, p99 and CPU per dispatch of PID and Redis
  local out="$WORK/window.txt" t0 t1 r0 r1 rps p99 non2xx
  t0=$(ticks "$3"); r0=$(ticks "$REDIS_PID")
  wrk -t2 -c64 -d"$4s" --latency -s "$BENCH_DIR/dispatch.lua" "http://127.0.0.1:$2" -- "$API_KEY" - "$number" > "$out" 2>&1 || true
  t1=$(ticks "$3"); r1=$(ticks "$REDIS_PID")
  number=$((number + 1000000))   # two threads, 500,000 numbers each (dispatch.lua)
  # rps=, p50=, p99= (ms), non2xx=, errors=: the same reading of wrk's output as bench/benchmark.sh's
  read -r rps _ p99 non2xx _ <<<"$(python3 "$BENCH_DIR/figures.py" wrk "$out")"
  awk -v label="$1" -v rps="${rps#rps=}" -v p99="${p99#p99=}" -v t=$((t1 - t0)) -v r=$((r1 - r0)) -v hz="$HZ" -v s="$4" \
    -v non2xx="${non2xx#non2xx=}" 'BEGIN {printf "%s %.0f req/s, p99 %s ms, %.3f ms gateway CPU per dispatch, %.3f ms Redis%s\n", label, rps,
      p99, t * 1000 / hz / (rps * s), r * 1000 / hz / (rps * s), (non2xx > 0 ? " (" non2xx " answers other than 202!)" : "")}'
}

echo "warm-up: $WARMUP s each, in halves"
for half in 1 2; do
  window "warm-up A" "$GATEWAY_PORT" "$RUNNING" $((WARMUP / 2)) > /dev/null
  window "warm-up B" "$OTHER_PORT" "$OTHER" $((WARMUP / 2)) > /dev/null
done
for round in $(seq "$ROUNDS"); do
  window "round $round A" "$GATEWAY_PORT" "$RUNNING" "$SECONDS_PER_WINDOW"
  window "round $round B" "$OTHER_PORT" "$OTHER" "$SECONDS_PER_WINDOW"
done | tee "$WORK/rounds.txt"
awk '{rate[$3] += $4; n[$3]++} END {for (s in rate) printf "mean %s: %.0f req/s over %d windows\n", s, rate[s] / n[s], n[s]}' "$WORK/rounds.txt" | sort
