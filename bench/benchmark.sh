#!/usr/bin/env bash
# -----------------------------------------------------------------------------------------------------------
# bench/benchmark.sh - load-test the local voice-otp system with wrk.
#
#   1. makes sure wrk is installed (apt-get install wrk)
#   2. starts ./run-local in the background (own process group), waits for "voice-otp is ready" (5 min max)
#   3. dispatch:  POST /v1/verifications on the api-gateway, varying valid US numbers (bench/dispatch.lua),
#                 15 s warm-up, 20 s measured (wrk -t2 -c64 --latency); service RSS sampled every 5 s
#   4. waits for the worker to drain the Kafka backlog (all service JVMs close to idle)
#   5. check:     creates 2000 verifications (wrk, dispatch.lua recording ids), then POST /v1/verifications/{id}/checks {"code":"000000"} on the
#                 verifier, round-robin over them (bench/check.lua), 10 s warm-up, 20 s measured.
#                 Wrong, locked and closed checks all answer 200 and run the full atomic Redis Lua check.
#   6. prints req/s, p50, p99, failures and each service's RSS, then a summary plus reference figures.
# On exit the run-local process group gets SIGTERM (the launcher stops its children), SIGKILL after 30 s.
#
# Environment: GATEWAY_PORT (8080) VERIFIER_PORT (8082) VOICE_OTP_DEMO_API_KEY (local-demo-key)
#              BENCH_THREADS (2) BENCH_CONNECTIONS (64) BENCH_CHECK_IDS (2000)  - passed through to run-local too.
# -----------------------------------------------------------------------------------------------------------
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "$0")" && pwd)"
REPO_DIR="$(dirname "$BENCH_DIR")"
GATEWAY_PORT="${GATEWAY_PORT:-8080}"
VERIFIER_PORT="${VERIFIER_PORT:-8082}"
API_KEY="${VOICE_OTP_DEMO_API_KEY:-local-demo-key}"
THREADS="${BENCH_THREADS:-2}"
CONNECTIONS="${BENCH_CONNECTIONS:-64}"
CHECK_IDS="${BENCH_CHECK_IDS:-2000}"
GATEWAY="http://localhost:$GATEWAY_PORT"
VERIFIER="http://localhost:$VERIFIER_PORT"

WORK="$(mktemp -d /tmp/voice-otp-bench.XXXXXX)"
RUN_LOG="$WORK/run-local.out"
RUN_PID=""
SAMPLER_PID=""

# Service JVMs, found by main class. The launcher JVM also hosts the in-process Kafka broker.
SERVICES=(api-gateway otp-worker verifier plivo-sandbox launcher+kafka)
declare -A MAIN_CLASS=(
  [api-gateway]=dev.voiceotp.gateway.ApiGatewayApplication
  [otp-worker]=dev.voiceotp.worker.OtpWorkerApplication
  [verifier]=dev.voiceotp.verifier.VerifierApplication
  [plivo-sandbox]=dev.voiceotp.sandbox.PlivoSandboxApplication
  [launcher+kafka]=dev.voiceotp.launcher.LocalLauncher
)

log() { printf '\n==> %s\n' "$*"; }

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  [[ -n "$SAMPLER_PID" ]] && kill "$SAMPLER_PID" 2>/dev/null || true
  if [[ -n "$RUN_PID" ]] && kill -0 "$RUN_PID" 2>/dev/null; then
    log "stopping run-local (process group $RUN_PID)"
    kill -TERM -- "-$RUN_PID" 2>/dev/null || true
    for _ in $(seq 30); do kill -0 -- "-$RUN_PID" 2>/dev/null || break; sleep 1; done
    if kill -0 -- "-$RUN_PID" 2>/dev/null; then
      echo "still running after 30 s, sending SIGKILL"
      kill -KILL -- "-$RUN_PID" 2>/dev/null || true
    fi
  fi
  echo "bench files kept in $WORK"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- 1. wrk ------------------------------------------------------------------------------------------------
if ! command -v wrk >/dev/null; then
  log "installing wrk"
  SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  $SUDO apt-get install -y wrk || { $SUDO apt-get update && $SUDO apt-get install -y wrk; }
fi

# ---- 2. start the system -----------------------------------------------------------------------------------
for port in "$GATEWAY_PORT" "$VERIFIER_PORT"; do
  if curl -s -o /dev/null "http://localhost:$port/"; then
    echo "port $port is already in use: stop the running system first" >&2; exit 1
  fi
done
log "starting ./run-local (build + start; output in $RUN_LOG, service logs in .run-local/logs)"
cd "$REPO_DIR"
# one client address and one number block send thousands of requests per second: lift the abuse limits
export VOICE_OTP_LOCAL_LIMITS=off
setsid ./run-local >"$RUN_LOG" 2>&1 < /dev/null &
RUN_PID=$!
deadline=$((SECONDS + 300))
until grep -q "voice-otp is ready" "$RUN_LOG"; do
  if ! kill -0 "$RUN_PID" 2>/dev/null; then echo "run-local exited:" >&2; tail -30 "$RUN_LOG" >&2; exit 1; fi
  if (( SECONDS > deadline )); then echo "not ready after 5 min:" >&2; tail -30 "$RUN_LOG" >&2; exit 1; fi
  sleep 1
done
echo "ready after ${SECONDS}s"

# ---- helpers -----------------------------------------------------------------------------------------------
pid_of() { pgrep -f -- "java .*${MAIN_CLASS[$1]}" | head -1; }

rss_mb() {   # RSS of one service in MiB, "-" if not found
  local pid; pid=$(pid_of "$1") || true
  if [[ -n "$pid" && -r /proc/$pid/status ]]; then
    awk '/^VmRSS:/ {printf "%.0f", $2/1024}' "/proc/$pid/status"
  else echo "-"; fi
}

memory_line() { local s out=""; for s in "${SERVICES[@]}"; do out+=$(printf '%s=%sMiB  ' "$s" "$(rss_mb "$s")"); done; echo "$out"; }

cpu_ticks() {   # total utime+stime of all service JVMs, in clock ticks
  local s pid total=0
  for s in "${SERVICES[@]}"; do
    pid=$(pid_of "$s") || true
    [[ -n "$pid" && -r /proc/$pid/stat ]] && total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat")))
  done
  echo "$total"
}

wait_until_idle() {   # until the JVMs use < 20% of one core over 3 s, at most $1 s
  local start=$SECONDS hz; hz=$(getconf CLK_TCK)
  while (( SECONDS - start < $1 )); do
    local a b; a=$(cpu_ticks); sleep 3; b=$(cpu_ticks)
    if (( (b - a) * 100 < hz * 3 * 20 )); then echo "idle after $((SECONDS - start))s"; return; fi
  done
  echo "still busy after $1 s, continuing anyway"
}

declare -A R   # results: R[<run>.rps] etc.

# Runs wrk, prints its output and the figures; $1 = run name, rest = wrk arguments.
measure() {
  local name=$1; shift
  local out="$WORK/$name.txt"
  wrk "$@" | tee "$out"
  R[$name.rps]=$(awk '/^Requests\/sec:/ {print $2}' "$out")
  R[$name.p50]=$(awk '/Latency Distribution/ {d=1} d && $1=="50%" {print $2; exit}' "$out")
  R[$name.p99]=$(awk '/Latency Distribution/ {d=1} d && $1=="99%" {print $2; exit}' "$out")
  R[$name.non2xx]=$(awk -F': *' '/Non-2xx or 3xx responses/ {print $2}' "$out"); R[$name.non2xx]=${R[$name.non2xx]:-0}
  R[$name.fail]=$(awk '/^BENCH / {for (i = 1; i <= NF; i++) if ($i ~ /^non_20[02]=/) {sub(/.*=/, "", $i); print $i}}' "$out")
  R[$name.errors]=$(awk '/Socket errors/ {sub(/.*Socket errors: /, ""); print}' "$out"); R[$name.errors]=${R[$name.errors]:-none}
  R[$name.mem]=$(memory_line)
  echo
  echo "---- $name: ${R[$name.rps]} req/s   p50 ${R[$name.p50]}   p99 ${R[$name.p99]}   non-2xx ${R[$name.non2xx]}   failed (see BENCH lines) ${R[$name.fail]}   socket errors: ${R[$name.errors]}"
  echo "---- $name memory (RSS): ${R[$name.mem]}"
}

log "memory at idle: $(memory_line)"
R[idle.mem]=$(memory_line)

# ---- 3. dispatch -------------------------------------------------------------------------------------------
MEM_SAMPLES="$WORK/dispatch-memory.txt"
( t0=$SECONDS; while true; do printf '%3ss  %s\n' $((SECONDS - t0)) "$(memory_line)"; sleep 5; done ) > "$MEM_SAMPLES" &
SAMPLER_PID=$!

log "dispatch warm-up: 15 s, -t$THREADS -c$CONNECTIONS"
wrk -t"$THREADS" -c"$CONNECTIONS" -d15s -s "$BENCH_DIR/dispatch.lua" "$GATEWAY" -- "$API_KEY" | grep -E 'Requests/sec|BENCH|Non-2xx|errors' || true
log "dispatch measured: 20 s, -t$THREADS -c$CONNECTIONS --latency"
measure dispatch -t"$THREADS" -c"$CONNECTIONS" -d20s --latency -s "$BENCH_DIR/dispatch.lua" "$GATEWAY" -- "$API_KEY"

kill "$SAMPLER_PID" 2>/dev/null || true; wait "$SAMPLER_PID" 2>/dev/null || true; SAMPLER_PID=""
log "memory every 5 s during dispatch (warm-up + measured run)"
cat "$MEM_SAMPLES"

# ---- 4. let the worker drain the queued calls --------------------------------------------------------------
log "waiting for the worker to drain the queue (max 180 s)"
wait_until_idle 180
echo "memory after drain: $(memory_line)"

# ---- 5. check ----------------------------------------------------------------------------------------------
log "creating $CHECK_IDS verifications for the check run"
IDS="$WORK/ids.txt"
ALL_IDS="$WORK/all-ids.txt"; : > "$ALL_IDS"
for _ in $(seq 20); do   # short single-thread wrk runs that record the ids, until there are enough
  wrk -t1 -c16 -d3s -s "$BENCH_DIR/dispatch.lua" "$GATEWAY" -- "$API_KEY" "$ALL_IDS" | grep -E 'BENCH' || true
  (( $(wc -l < "$ALL_IDS") >= CHECK_IDS )) && break
done
head -n "$CHECK_IDS" "$ALL_IDS" > "$IDS"
echo "$(wc -l < "$IDS") ids in $IDS"
[[ -s "$IDS" ]] || { echo "no verification ids created" >&2; exit 1; }
wait_until_idle 120

log "check warm-up: 10 s, -t$THREADS -c$CONNECTIONS"
wrk -t"$THREADS" -c"$CONNECTIONS" -d10s -s "$BENCH_DIR/check.lua" "$VERIFIER" -- "$API_KEY" "$IDS" | grep -E 'Requests/sec|BENCH|Non-2xx|errors' || true
log "check measured: 20 s, -t$THREADS -c$CONNECTIONS --latency"
measure check -t"$THREADS" -c"$CONNECTIONS" -d20s --latency -s "$BENCH_DIR/check.lua" "$VERIFIER" -- "$API_KEY" "$IDS"

# ---- 6. summary --------------------------------------------------------------------------------------------
log "summary ($(nproc) cores, wrk -t$THREADS -c$CONNECTIONS, 20 s measured after warm-up)"
printf '%-10s %10s %10s %10s %8s %8s\n' run req/s p50 p99 non-2xx failed
for run in dispatch check; do
  printf '%-10s %10s %10s %10s %8s %8s\n' "$run" "${R[$run.rps]}" "${R[$run.p50]}" "${R[$run.p99]}" "${R[$run.non2xx]}" "${R[$run.fail]}"
done
echo
printf '%-16s %10s %14s %12s\n' "RSS (MiB)" idle "after dispatch" "after check"
for s in "${SERVICES[@]}"; do
  get() { sed -n "s/.*$s=\([^M]*\)MiB.*/\1/p" <<<"$1"; }
  printf '%-16s %10s %14s %12s\n' "$s" "$(get "${R[idle.mem]}")" "$(get "${R[dispatch.mem]}")" "$(get "${R[check.mem]}")"
done
cat <<'REF'

Reference, measured separately (NOT by this script): the guide's Express + Redis app on these 2-core machines,
wrk -t2 -c64:
  dispatch   2.1-2.7k req/s   p99 430-650 ms
  verify     5.1k req/s       p99 40-65 ms
REF
