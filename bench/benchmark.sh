#!/usr/bin/env bash
# -----------------------------------------------------------------------------------------------------------
# bench/benchmark.sh - the guide's app and voice-otp side by side, in one run, with the same wrk settings.
# Phases (bench/README.md explains each one and how to read the figures):
#   reference  the guide's Express + Redis app from ../shared/reference-app (skipped when that folder is missing)
#   main       ./run-local (build + start, timed); memory at idle; dispatch and check at full speed and at half
#              load; worker throughput with one worker; memory after. Pacing and abuse limits off.
#   bare       (with main, after its dispatch) bench/BareStack.java against the same broker and Redis: the same
#              dispatch load on the least a dispatch can be on the gateway's stack, as a ceiling to compare with
#   backlog    a start with the services one at a time (each one's own start-up time), then 10,000 requests
#              waiting behind the 2 calls/s pacing: worker CPU and Redis commands/s while it waits
#   workers    worker throughput with 2 and 3 worker instances
#   plivo      memory of each service while Plivo is slow, then unreachable, then back (requests keep coming)
# Then a summary, every throughput and latency figure also as a ratio to the guide's.
#
# Environment: BENCH_PHASES (reference,main,bare,backlog,workers,plivo)  BENCH_THREADS (2)  BENCH_CONNECTIONS (64)
#              BENCH_CHECK_IDS (2000)  BENCH_DRAIN_MAX (300 s)  BENCH_BACKLOG (10000)  BENCH_PACED_SECONDS (90)
#              BENCH_BACKLOG_LATE (240 s between the backlog's first window and its later one; 0: no later window)
#              BENCH_BACKLOG_STEADY (1500 s after ready: a fresh backlog measured once the JIT is done; 0: none)
#              BENCH_WORKER_RATE (200)  BENCH_PLIVO_RATE (50 req/s)  BENCH_PLIVO_SECONDS (120 s per stage)
#              BENCH_PLIVO_DELAY_MS (5000: each Call API answer while Plivo is slow)
#              BENCH_WARMUP (180 s of full-speed load before each measured dispatch, half of it before the checks,
#              the same for the guide's app and voice-otp, in windows of at most 60 s that are each recorded: the
#              JVMs compile their hot paths only under load, for three to four minutes on 2 cores)
#              BENCH_WORKER_WARMUP (60 s of dispatch before each worker throughput measurement)
#              BENCH_WORKER_RATE_WARMUP (60 s at BENCH_WORKER_RATE, in recorded 30 s windows, before the measured ones)
#              BENCH_WORKER_RATE_WINDOWS (3 measured 30 s windows at BENCH_WORKER_RATE: the p99 over all their calls)
#              BENCH_BARE_REDIS (create: the gateway's create script before the send; set: one SET; none)
#              BENCH_BARE_WARMUP (120 s of full-speed load on the bare stack before its measured 20 s)
#              GATEWAY_PORT (8080) VERIFIER_PORT (8082) WORKER_PORT (8081) SANDBOX_PORT (8090) REDIS_PORT (6379)
#              VOICE_OTP_DEMO_API_KEY (local-demo-key); the reference app: APP_PORT (5000) REF_REDIS_PORT (6390)
#              STUB_PORT (5100). Output and raw files: /tmp/voice-otp-bench.*
# Every process it starts is stopped on exit (run-local as a process group: SIGTERM, SIGKILL after 60 s).
# -----------------------------------------------------------------------------------------------------------
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "$0")" && pwd)"
REPO_DIR="$(dirname "$BENCH_DIR")"
REFERENCE_SRC="$(dirname "$REPO_DIR")/shared/reference-app"
PHASES=",${BENCH_PHASES:-reference,main,bare,backlog,workers,plivo},"
THREADS="${BENCH_THREADS:-2}"
CONNECTIONS="${BENCH_CONNECTIONS:-64}"
CHECK_IDS="${BENCH_CHECK_IDS:-2000}"
DRAIN_MAX="${BENCH_DRAIN_MAX:-300}"
BACKLOG="${BENCH_BACKLOG:-10000}"
PACED_SECONDS="${BENCH_PACED_SECONDS:-90}"
BACKLOG_LATE="${BENCH_BACKLOG_LATE:-240}"
BACKLOG_STEADY="${BENCH_BACKLOG_STEADY:-1500}"
WORKER_RATE="${BENCH_WORKER_RATE:-200}"
WARMUP="${BENCH_WARMUP:-180}"
WORKER_WARMUP="${BENCH_WORKER_WARMUP:-60}"
WORKER_RATE_WARMUP="${BENCH_WORKER_RATE_WARMUP:-60}"
WORKER_RATE_WINDOWS="${BENCH_WORKER_RATE_WINDOWS:-3}"
(( WORKER_RATE_WINDOWS >= 1 )) || { echo "BENCH_WORKER_RATE_WINDOWS must be at least 1" >&2; exit 2; }
BARE_REDIS="${BENCH_BARE_REDIS:-create}"
BARE_WARMUP="${BENCH_BARE_WARMUP:-120}"
PLIVO_RATE="${BENCH_PLIVO_RATE:-50}"
PLIVO_SECONDS="${BENCH_PLIVO_SECONDS:-120}"
PLIVO_DELAY_MS="${BENCH_PLIVO_DELAY_MS:-5000}"
API_KEY="${VOICE_OTP_DEMO_API_KEY:-local-demo-key}"
GATEWAY_PORT="${GATEWAY_PORT:-8080}"; WORKER_PORT="${WORKER_PORT:-8081}"; VERIFIER_PORT="${VERIFIER_PORT:-8082}"
SANDBOX_PORT="${SANDBOX_PORT:-8090}"; REDIS_PORT="${REDIS_PORT:-6379}"
APP_PORT="${APP_PORT:-5000}"; REF_REDIS_PORT="${REF_REDIS_PORT:-6390}"; STUB_PORT="${STUB_PORT:-5100}"
GATEWAY="http://localhost:$GATEWAY_PORT"
VERIFIER="http://localhost:$VERIFIER_PORT"
HZ=$(getconf CLK_TCK)
source "$REPO_DIR/scripts/use-jdk25.sh"   # KafkaLag.java runs on the project's JDK

WORK="$(mktemp -d /tmp/voice-otp-bench.XXXXXX)"
RESULTS="$WORK/results.txt"
RUN_PID=""; LAG_PID=""; SAMPLER_PID=""; BARE_PID=""; REF_PIDS=()
NEXT_NUMBER=0   # every phase dispatches to numbers no earlier phase of the same start used (see dispatch.lua)
NUMBERS_PER_THREAD=500000   # dispatch.lua's spacing between its threads' numbers: keep the two the same
: > "$RESULTS"

log() { printf '\n==> %s\n' "$*"; }
record() { echo "$1=$2" >> "$RESULTS"; }
figures() { python3 "$BENCH_DIR/figures.py" "$@"; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN {printf "%.1f", b - a}'; }

stop_pid() {   # a process this script started: TERM, then KILL after $2 seconds
  local pid=$1 grace=${2:-10}
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq $((grace * 5))); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.2; done
  kill -KILL "$pid" 2>/dev/null || true
}

stop_system() {
  [[ -n "$BARE_PID" ]] && { stop_pid "$BARE_PID" 10; BARE_PID=""; }
  [[ -n "$LAG_PID" ]] && { stop_pid "$LAG_PID" 5; LAG_PID=""; }
  [[ -n "$SAMPLER_PID" ]] && { kill "$SAMPLER_PID" 2>/dev/null || true; SAMPLER_PID=""; }
  if [[ -n "$RUN_PID" ]] && kill -0 -- "-$RUN_PID" 2>/dev/null; then
    echo "stopping run-local (process group $RUN_PID)"
    kill -CONT -- "-$RUN_PID" 2>/dev/null || true   # a process the plivo phase stopped must see the TERM
    kill -TERM -- "-$RUN_PID" 2>/dev/null || true
    for _ in $(seq 60); do kill -0 -- "-$RUN_PID" 2>/dev/null || break; sleep 1; done
    kill -0 -- "-$RUN_PID" 2>/dev/null && { echo "still running after 60 s: SIGKILL"; kill -KILL -- "-$RUN_PID" 2>/dev/null || true; }
  fi
  RUN_PID=""
}

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  stop_system
  for pid in "${REF_PIDS[@]}"; do stop_pid "$pid" 5; done
  echo "bench files kept in $WORK"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- tools and ports ---------------------------------------------------------------------------------------
# wrk drives the load; Debian's redis-server runs the guide's app's Redis and brings redis-cli, which reads Redis's
# command counts (voice-otp itself needs neither: its launcher falls back to a bundled redis-server).
install_package() {
  local sudo=""; [[ $(id -u) -ne 0 ]] && sudo="sudo"
  log "installing $1"
  $sudo apt-get install -y "$1" || { $sudo apt-get update && $sudo apt-get install -y "$1"; }
}
command -v wrk >/dev/null || install_package wrk
command -v redis-server >/dev/null && command -v redis-cli >/dev/null || install_package redis-server
command -v redis-cli >/dev/null || { echo "redis-cli is missing (apt-get install -y redis-tools)" >&2; exit 1; }
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for port in "$GATEWAY_PORT" "$WORKER_PORT" "$VERIFIER_PORT" "$SANDBOX_PORT" "$REDIS_PORT"; do
  port_busy "$port" && { echo "port $port is in use: stop the running system first" >&2; exit 1; }
done
record threads "$THREADS"; record connections "$CONNECTIONS"

# ---- measuring ---------------------------------------------------------------------------------------------
ticks_of() { [[ -r /proc/$1/stat ]] && sed 's/^.*) //' "/proc/$1/stat" | awk '{print $12 + $13}' || echo 0; }
rss_of() { awk '/^VmRSS:/ {printf "%.0f", $2 / 1024}' "/proc/$1/status" 2>/dev/null || echo "-"; }
# RSS without file-backed pages (jars, the mapped AOT cache): the memory the process holds for itself
anon_of() { awk '/^RssAnon:/ {printf "%.0f", $2 / 1024}' "/proc/$1/status" 2>/dev/null || echo "-"; }

# Runs wrk with its output in $WORK/<name>.txt; records <prefix>.<name>.{rps,p50,p99,non2xx,errors}.
measure() {
  local prefix=$1 name=$2; shift 2
  local out="$WORK/$prefix-$name.txt"
  wrk "$@" > "$out" 2>&1 || true
  grep -E 'Requests/sec|Latency  |99%|BENCH|WRK|Non-2xx|errors' "$out" || true
  local kv; kv=$(figures wrk "$out")
  for pair in $kv; do record "$prefix.$name.${pair%%=*}" "${pair#*=}"; done
  LAST_RPS=$(sed -n 's/.*rps=\([^ ]*\).*/\1/p' <<<"$kv")
  echo "---- $prefix $name: $kv"
}

# Half load: the same script at half the full-speed rate ($2), through paced.lua.
measure_half() {
  local prefix=$1 name=$2 full=$3 script=$4; shift 4
  local rate; rate=$(awk -v r="$full" 'BEGIN {printf "%d", r / 2}')
  if [[ -z "$rate" || "$rate" -lt 1 ]]; then echo "no full-speed figure: half load skipped"; return; fi
  echo "---- $prefix $name: target $rate req/s (half of $full)"
  record "$prefix.$name.target" "$rate"
  BENCH_SCRIPT="$script" BENCH_RATE="$rate" BENCH_THREADS="$THREADS" \
    measure "$prefix" "$name" -t"$THREADS" -c"$CONNECTIONS" -d20s --latency -s "$BENCH_DIR/paced.lua" "$@"
}

# Full-speed load before a measured path: $3 seconds in windows of at most 60 s. Each window runs the command
# ($4...) with WINDOW (its seconds) and WINDOW_NAME ($2_warm<i>) set, so it is measured and recorded (under the
# prefix $1) like any other figure: the windows show the curve, as a JVM keeps compiling its hot paths for the
# first minutes of load.
warm_up() {
  local prefix=$1 name=$2 seconds=$3 i=1; shift 3
  while (( seconds > 0 )); do
    WINDOW=$(( seconds < 60 ? seconds : 60 )); WINDOW_NAME="${name}_warm$i"
    "$@" > /dev/null
    record "$prefix.$WINDOW_NAME.seconds" "$WINDOW"
    echo "---- $prefix $name warm-up window $i ($WINDOW s): $LAST_RPS req/s"
    seconds=$((seconds - WINDOW)); i=$((i + 1))
  done
}

# ---- reference: the guide's app ----------------------------------------------------------------------------
phase_reference() {
  if [[ ! -d "$REFERENCE_SRC" ]]; then
    echo "no $REFERENCE_SRC: the guide's app is not measured, ratios stay empty"; record ref.note "not measured (no $REFERENCE_SRC)"; return
  fi
  log "reference: the guide's Express + Redis app ($REFERENCE_SRC)"
  local ref="$WORK/reference-app"
  cp -r "$REFERENCE_SRC" "$ref"; chmod -R u+w "$ref"
  if ! (cd "$ref" && npm ci --no-audit --no-fund --loglevel=error > "$WORK/npm-ci.txt" 2>&1); then
    echo "npm ci failed (see $WORK/npm-ci.txt): the guide's app is not measured"; record ref.note "not measured (npm ci failed)"; return
  fi
  for port in "$APP_PORT" "$REF_REDIS_PORT" "$STUB_PORT"; do
    port_busy "$port" && { echo "port $port is in use: the guide's app is not measured"; record ref.note "not measured (port $port busy)"; return; }
  done
  redis-server --port "$REF_REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no > "$WORK/ref-redis.txt" 2>&1 &
  local redis_pid=$!; REF_PIDS+=("$redis_pid")
  STUB_PORT=$STUB_PORT STUB_HOST=127.0.0.1 node "$ref/stub-plivo.js" > "$WORK/ref-stub.txt" 2>&1 &
  REF_PIDS+=("$!")
  PORT=$APP_PORT HOST=127.0.0.1 REDIS_URL="redis://127.0.0.1:$REF_REDIS_PORT" PLIVO_STUB_URL="http://127.0.0.1:$STUB_PORT" \
    node "$ref/seed.js" > "$WORK/ref-seed.stdout" 2> "$WORK/ref-seed.stderr" &
  local app_pid=$!; REF_PIDS+=("$app_pid")
  for _ in $(seq 100); do port_busy "$APP_PORT" && port_busy "$STUB_PORT" && port_busy "$REF_REDIS_PORT" && break; sleep 0.1; done
  local url="http://127.0.0.1:$APP_PORT" rss_max=0 ticks0 ticks1
  sample_ref() { local r; r=$(rss_of "$app_pid"); [[ "$r" != "-" && "$r" -gt "$rss_max" ]] && rss_max=$r; true; }
  export NUMBERS=10000
  measure ref dispatch_cold -t"$THREADS" -c"$CONNECTIONS" -d10s --latency -s "$ref/lua/dispatch.lua" "$url"
  ref_window() { measure ref "$WINDOW_NAME" -t"$THREADS" -c"$CONNECTIONS" -d"${WINDOW}s" --latency -s "$ref/lua/$1.lua" "$url"; }
  echo "dispatch warm-up $WARMUP s"; warm_up ref dispatch "$WARMUP" ref_window dispatch; sample_ref
  ticks0=$(ticks_of "$app_pid")
  measure ref dispatch -t"$THREADS" -c"$CONNECTIONS" -d20s --latency -s "$ref/lua/dispatch.lua" "$url"; sample_ref
  ticks1=$(ticks_of "$app_pid")
  record ref.dispatch.cpu_ms_per_request "$(awk -v t=$((ticks1 - ticks0)) -v hz="$HZ" -v r="$LAST_RPS" 'BEGIN {if (r > 0) printf "%.3f", t * 1000 / hz / (r * 20); else print "-"}')"
  measure_half ref dispatch_half "$LAST_RPS" "$ref/lua/dispatch.lua" "$url"; sample_ref
  echo "verify warm-up $((WARMUP / 2)) s"; warm_up ref verify "$((WARMUP / 2))" ref_window verify
  measure ref verify -t"$THREADS" -c"$CONNECTIONS" -d20s --latency -s "$ref/lua/verify.lua" "$url"; sample_ref
  measure_half ref verify_half "$LAST_RPS" "$ref/lua/verify.lua" "$url"; sample_ref
  record ref.rss "$rss_max"
  local failures=0 v
  for v in $(grep -E '^ref\.[a-z_]+\.(non2xx)=' "$RESULTS" | cut -d= -f2); do failures=$((failures + v)); done
  kill -0 "$app_pid" 2>/dev/null || record ref.note "the guide's app died during the run (see $WORK/ref-seed.stderr)"
  record ref.failures "$failures"
  for pid in "${REF_PIDS[@]}"; do stop_pid "$pid" 5; done
  REF_PIDS=()
}

# ---- voice-otp: starting and watching the system ----------------------------------------------------------
declare -A PORT_OF=([plivo-sandbox]=$SANDBOX_PORT [api-gateway]=$GATEWAY_PORT [otp-worker]=$WORKER_PORT [verifier]=$VERIFIER_PORT
  [otp-worker-2]=$((VERIFIER_PORT + 1)) [otp-worker-3]=$((VERIFIER_PORT + 2)))
SERVICES=()   # of the running system, in start order, plus launcher+kafka

# The service JVMs are children of the launcher JVM (run-local execs it), each with its own --server.port.
pid_of() {
  [[ "$1" == "launcher+kafka" ]] && { echo "$RUN_PID"; return; }
  # the service port, then the management port or the end of the command line
  pgrep -P "$RUN_PID" -f -- " --server.port=${PORT_OF[$1]}( |$)" | head -1 || true
}
memory_line() {
  local s pid out=""
  for s in "${SERVICES[@]}"; do pid=$(pid_of "$s"); out+="$s=$(rss_of "$pid") $s.anon=$(anon_of "$pid") "; done
  echo "$out"
}
all_ticks() { local s t=0; for s in "${SERVICES[@]}"; do t=$((t + $(ticks_of "$(pid_of "$s")"))); done; echo "$t"; }
worker_urls() { local s; for s in "${SERVICES[@]}"; do [[ "$s" == otp-worker* ]] && echo "http://localhost:$((PORT_OF[$s] + 1000))/actuator/prometheus"; done; }
placed() { figures sum otp_calls_placed_total $(worker_urls); }
delta() { [[ "$1" =~ ^[0-9]+$ && "$2" =~ ^[0-9]+$ ]] && echo $(($2 - $1)) || echo "-"; }
retries() { figures sum otp_call_retries_total $(worker_urls); }
rate() { local d; d=$(delta "$1" "$2"); [[ "$d" == - ]] && echo "-" || awk -v d="$d" -v t="$3" 'BEGIN {printf "%.0f", d / t}'; }

# Starts ./run-local (with BUILD=1 including the Maven build) with the given environment; waits for the ready
# line; sets START_SECONDS (whole command) and READY_SECONDS (the launcher's own figure: JVM start to ready).
start_system() {
  local label=$1; shift
  RUN_LOG="$WORK/run-local-$label.txt"
  local args=(--no-build); [[ "${BUILD:-0}" == 1 ]] && args=()
  log "starting ./run-local ${args[*]} ($label: $*)"
  local t0; t0=$(now)
  # env, setsid and run-local all exec: $! is the launcher JVM, leader of its own process group
  (cd "$REPO_DIR" && exec env VOICE_OTP_LOCAL_LIMITS=off "$@" setsid ./run-local "${args[@]}" > "$RUN_LOG" 2>&1 < /dev/null) &
  RUN_PID=$!
  local deadline=$((SECONDS + 900))
  until grep -q "voice-otp is ready" "$RUN_LOG"; do
    if ! kill -0 "$RUN_PID" 2>/dev/null; then echo "run-local exited:" >&2; tail -30 "$RUN_LOG" >&2; exit 1; fi
    if (( SECONDS > deadline )); then echo "not ready after 15 min:" >&2; tail -30 "$RUN_LOG" >&2; exit 1; fi
    sleep 0.2
  done
  START_SECONDS=$(since "$t0")
  SYSTEM_READY=$(now)
  READY_SECONDS=$(sed -n 's/.*voice-otp is ready in \([0-9.]*\) s.*/\1/p' "$RUN_LOG" | head -1)
  # the services' caches and the launcher's own: a start that trained either is not a start from the caches
  TRAINED=$(grep -cE "Training the (launcher's )?AOT cache" "$RUN_LOG" || true)
  SERVICES=($(sed -n 's/.*Starting \([a-z0-9-]*\) on port.*/\1/p' "$RUN_LOG") launcher+kafka)
  echo "ready: whole command ${START_SECONDS} s, launcher JVM start to ready ${READY_SECONDS} s, AOT caches trained: $TRAINED"
  grep -E "ready in|services ready after" "$RUN_LOG" | sed 's/^[0-9:.]* INFO  //' || true
  KAFKA=$(grep -oE 'Kafka [a-z0-9.-]+:[0-9]+' "$RUN_LOG" | head -1 | cut -d' ' -f2)
  java -Dlogback.configurationFile="$REPO_DIR/local-launcher/src/main/resources/launcher-logback.xml" \
    -cp "$(cat "$REPO_DIR/local-launcher/target/runtime-classpath.txt")" "$BENCH_DIR/KafkaLag.java" "$KAFKA" otp.requests.v1 \
    > "$WORK/lag-$label.txt" 2> "$WORK/lag-$label.err" &
  LAG_PID=$!
  LAG_FILE="$WORK/lag-$label.txt"
}

lag_now() { grep '^LAG ' "$LAG_FILE" 2>/dev/null | tail -1 | awk '{print $3}'; }

# Waits until the workers have processed every request on Kafka (lag 0 twice in a row), at most $1 s; with a
# command as $2, until that command succeeds as well each time.
wait_drained() {
  local max=$1 also=${2:-true} start=$SECONDS zeros=0 lag
  while (( SECONDS - start < max )); do
    lag=$(lag_now)
    if [[ "$lag" == "0" ]] && "$also"; then zeros=$((zeros + 1)); (( zeros >= 2 )) && { DRAINED_AFTER=$((SECONDS - start)); echo "drained after ${DRAINED_AFTER} s"; return 0; }
    else zeros=0; fi
    sleep 1
  done
  DRAINED_AFTER=""
  echo "NOT drained after $max s: $(lag_now) requests still waiting in Kafka${2:+, or $2 not yet true}"
  return 1
}

sampler_start() { ( while true; do echo "$(memory_line)"; sleep 2; done ) >> "$WORK/rss-samples-$1.txt" & SAMPLER_PID=$!; }
sampler_stop() { kill "$SAMPLER_PID" 2>/dev/null || true; wait "$SAMPLER_PID" 2>/dev/null || true; SAMPLER_PID=""; }
record_memory() {   # $1 = idle|load|after; load takes the maximum of the samples
  local when=$1 s
  for s in "${SERVICES[@]}"; do
    if [[ "$when" == load ]]; then
      record "rss.load.$s" "$(tr ' ' '\n' < "$WORK/rss-samples-main.txt" | awk -F= -v s="$s" '$1 == s && $2 + 0 > m {m = $2 + 0} END {print m + 0}')"
      record "rss.load_anon.$s" "$(tr ' ' '\n' < "$WORK/rss-samples-main.txt" | awk -F= -v s="$s.anon" '$1 == s && $2 + 0 > m {m = $2 + 0} END {print m + 0}')"
    else
      record "rss.$when.$s" "$(rss_of "$(pid_of "$s")")"
    fi
  done
}

record_start() {   # start-up figures from the launcher's lines "<service> ready in <s> s (CPU <s> s)": $1 = parallel|alone
  local s t cpu
  for s in "${SERVICES[@]}"; do
    t=$(sed -n "s/.* $s ready in \([0-9.]*\) s.*/\1/p" "$RUN_LOG" | head -1)
    cpu=$(sed -n "s/.* $s ready in [0-9.]* s (CPU \([0-9.]*\) s).*/\1/p" "$RUN_LOG" | head -1)
    [[ -n "$t" ]] && record "start.$1.$s" "$t"
    [[ -n "$cpu" ]] && record "start.$1_cpu.$s" "$cpu"
  done
  record "start.$1_cpu.launcher+kafka" "$(sed -n 's/.*CPU used to start: launcher and Kafka \([0-9.]*\) s.*/\1/p' "$RUN_LOG" | head -1)"
}

# Dispatches at $1 req/s or full speed ("max") to fresh numbers for $2 s; prints wrk's summary.
# Dispatch load on the gateway, recorded as ours.<name>; DISPATCH_PREFIX and DISPATCH_URL point it elsewhere.
dispatch() {
  local rate=$1 seconds=$2 name=$3 first=$NEXT_NUMBER prefix=${DISPATCH_PREFIX:-ours} url=${DISPATCH_URL:-$GATEWAY}
  NEXT_NUMBER=$((NEXT_NUMBER + NUMBERS_PER_THREAD * THREADS))
  if [[ "$rate" == max ]]; then
    measure "$prefix" "$name" -t"$THREADS" -c"$CONNECTIONS" -d"${seconds}s" --latency -s "$BENCH_DIR/dispatch.lua" "$url" -- "$API_KEY" - "$first"
  else
    BENCH_SCRIPT="$BENCH_DIR/dispatch.lua" BENCH_RATE="$rate" BENCH_THREADS="$THREADS" \
      measure "$prefix" "$name" -t"$THREADS" -c"$CONNECTIONS" -d"${seconds}s" --latency -s "$BENCH_DIR/paced.lua" "$url" -- "$API_KEY" - "$first"
  fi
}

# The bare stack (bench/BareStack.java) on the running system's broker and Redis, on the gateway's class path
# without its observability, OpenAPI, validation and phone-number jars, with the services' heap and collector:
# warmed for $BARE_WARMUP s in recorded windows, then the same 20 s of dispatch as the gateway, recorded as bare.*.
# It runs while the gateway is idle and the paced worker leaves the requests waiting in Kafka.
bare_dispatch() {
  local port=$((GATEWAY_PORT + 10001)) cp
  cp=$(tr ':' '\n' < "$REPO_DIR/api-gateway/target/runtime-classpath.txt" \
    | grep -v -E "actuator|tracing|opentelemetry|springdoc|swagger|otp-contract|prometheus|hibernate-validator|libphonenumber|spring-boot-micrometer|starter-micrometer" \
    | paste -sd:)
  log "bare stack ($BARE_REDIS): start on port $port, warm-up $BARE_WARMUP s, then 20 s measured"
  (cd "$REPO_DIR" && exec java -Xmx128m -XX:+UseSerialGC -cp "$cp" bench/BareStack.java --server.port="$port" \
    --bare.redis="$BARE_REDIS" --spring.threads.virtual.enabled=true --spring.kafka.bootstrap-servers="$KAFKA" \
    --spring.kafka.producer.properties.linger.ms=1 --spring.data.redis.url="redis://localhost:$REDIS_PORT" \
    --server.tomcat.max-keep-alive-requests=10000 > "$WORK/bare-stack.txt" 2>&1) &
  BARE_PID=$!
  local deadline=$((SECONDS + 120))
  until port_busy "$port"; do
    if ! kill -0 "$BARE_PID" 2>/dev/null || (( SECONDS > deadline )); then
      echo "the bare stack did not start:" >&2; tail -20 "$WORK/bare-stack.txt" >&2; record bare.note "did not start"; BARE_PID=""; return
    fi
    sleep 0.5
  done
  record bare.redis "$BARE_REDIS"
  bare_window() { DISPATCH_PREFIX=bare DISPATCH_URL="http://localhost:$port" dispatch max "$WINDOW" "$WINDOW_NAME"; }
  warm_up bare dispatch "$BARE_WARMUP" bare_window
  WINDOW=20 WINDOW_NAME=dispatch bare_window
  stop_pid "$BARE_PID" 10; BARE_PID=""
}

# The p99 (ms, or ">ms" beyond the last bucket) of what the histogram recorded between two snapshots.
p99_ms() {
  local q; q=$(figures quantile "$1" "$2" 0.99)
  if [[ "$q" =~ ^(\>?)([0-9.]+)$ ]]; then
    echo "${BASH_REMATCH[1]}$(awk -v s="${BASH_REMATCH[2]}" 'BEGIN {printf "%.0f", s * 1000}')"
  else
    echo "$q"
  fi
}

# Dispatches at $WORKER_RATE/s for 30 s and waits for the calls: sets PACED_P99 (request -> call placed, ms),
# PACED_CALLS (calls placed per second) and PACED_ACCEPTED (requests accepted per second). $1 workers, $2 a name.
paced_window() {
  local n=$1 name=$2 p0 t0 elapsed
  figures histogram otp_call_time_to_place_seconds "$WORK/ttp-$n-$name-before.json" $(worker_urls)
  p0=$(placed); t0=$(now)
  dispatch "$WORKER_RATE" 30 "w$n-paced-$name" > /dev/null
  PACED_ACCEPTED=$LAST_RPS; elapsed=$(since "$t0")
  wait_drained "$DRAIN_MAX" > /dev/null || record "workers.$n.note" "workers=$n: the backlog at $WORKER_RATE/s was not worked off within $DRAIN_MAX s"
  PACED_CALLS=$(rate "$p0" "$(placed)" "$elapsed")
  figures histogram otp_call_time_to_place_seconds "$WORK/ttp-$n-$name-after.json" $(worker_urls)
  PACED_P99=$(p99_ms "$WORK/ttp-$n-$name-before.json" "$WORK/ttp-$n-$name-after.json")
}

# Worker throughput with the running system's workers ($1 of them).
worker_phase() {
  local n=$1
  log "workers=$n: warm-up, $WORKER_WARMUP s at full speed (gateway and workers), then the backlog worked off"
  dispatch max "$WORKER_WARMUP" "w$n-warmup" > /dev/null
  wait_drained "$DRAIN_MAX" || true
  # a minute at the measured rate first, as the other paths get their warm-up: right after the work-off, the first
  # half minute at 200/s had a p99 several times the later windows' in every run (bench/README.md)
  local i
  for ((i = 1; i <= WORKER_RATE_WARMUP / 30; i++)); do
    paced_window "$n" "warm$i"
    record "workers.$n.paced_warm${i}_p99" "$PACED_P99"
    echo "---- workers=$n warm-up window $i (30 s at $WORKER_RATE/s): request -> call placed p99 ${PACED_P99} ms"
  done
  # on two cores about 90 % busy at this rate, one half minute's p99 is a draw from a wide spread (0.1-0.7 s in
  # five warm windows in a row, bench/README.md): the figure is the p99 over all the measured windows' calls
  log "workers=$n: request -> call placed at $WORKER_RATE requests/s ($WORKER_RATE_WINDOWS windows of 30 s measured)"
  local calls=()
  for ((i = 1; i <= WORKER_RATE_WINDOWS; i++)); do
    paced_window "$n" "measured$i"
    record "workers.$n.paced_window${i}_p99" "$PACED_P99"
    calls+=("$PACED_CALLS")
    echo "---- workers=$n measured window $i (30 s at $WORKER_RATE/s, gateway accepted $PACED_ACCEPTED/s): request -> call placed p99 ${PACED_P99} ms"
  done
  PACED_P99=$(p99_ms "$WORK/ttp-$n-measured1-before.json" "$WORK/ttp-$n-measured$WORKER_RATE_WINDOWS-after.json")
  record "workers.$n.paced_p99" "$PACED_P99"
  record "workers.$n.paced_calls_per_s" "$(printf '%s\n' "${calls[@]}" | awk '{s += $1} END {printf "%.0f", s / NR}')"
  record workers.rate "$WORKER_RATE"
  echo "at $WORKER_RATE/s: request -> call placed p99 ${PACED_P99} ms over the $WORKER_RATE_WINDOWS measured windows"

  log "workers=$n: most calls per second (dispatch at full speed for 20 s, then the workers work off the backlog alone)"
  local p1 p2 t1 lag_end
  dispatch max 20 "w$n-max"
  record "workers.$n.accepted_per_s" "$LAST_RPS"
  p1=$(placed); t1=$(now); lag_end=$(lag_now)
  wait_drained "$DRAIN_MAX" || record "workers.$n.note" "workers=$n: not worked off within $DRAIN_MAX s"
  p2=$(placed)
  local peak; peak=$(awk -v t="$(awk -v n="$t1" 'BEGIN {printf "%.0f", (n - 25) * 1000}')" '$1 == "LAG" && $2 >= t && $3 ~ /^[0-9]+$/ && $3 > m {m = $3} END {print m + 0}' "$LAG_FILE")
  record "workers.$n.backlog_peak" "$peak"
  # when the lag first read 0 after the dispatch: the workers' own time to work off the backlog
  local t_zero; t_zero=$(awk -v t="$(awk -v n="$t1" 'BEGIN {printf "%.0f", n * 1000}')" '$1 == "LAG" && $2 >= t && $3 == "0" {printf "%.3f", $2 / 1000; exit}' "$LAG_FILE")
  if [[ "${lag_end:-0}" =~ ^[0-9]+$ ]] && (( lag_end > 500 )) && [[ -n "$t_zero" ]]; then
    # the workers alone, with the gateway idle: calls placed while the backlog lasted
    record "workers.$n.max_calls_per_s" "$(rate "$p1" "$p2" "$(awk -v a="$t1" -v b="$t_zero" 'BEGIN {print b - a}')")"
  else
    record "workers.$n.max_calls_per_s" ">=${LAST_RPS}"
    record "workers.$n.note" "workers=$n kept up with the gateway (backlog ${lag_end:-?} at the end of the dispatch): their most is at least what the gateway accepted"
  fi
  grep "^workers.$n" "$RESULTS" | sed 's/^/    /'
}

# ---- main: start-up, memory, dispatch (pacing on), then checks and one worker (pacing off) ----------------
phase_main() {
  # dispatch measures what the gateway accepts: the worker paces calls as it does by default, so the requests
  # wait in Kafka instead of competing with the gateway for the processor
  BUILD=1 start_system main
  record start.whole "$START_SECONDS"
  record start.ready "$READY_SECONDS"
  record start.build "$(awk -v a="$START_SECONDS" -v b="$READY_SECONDS" 'BEGIN {printf "%.0f", a - b}')"
  record start.aot "$([[ "$TRAINED" -gt 0 ]] && echo "AOT caches trained during this start" || echo "AOT caches reused")"
  local trained_first=$TRAINED
  record_start parallel
  record services "$(IFS=,; echo "${SERVICES[*]}")"
  sleep 10
  record_memory idle
  echo "memory at idle (MiB): $(memory_line)"

  sampler_start main
  log "dispatch right after start (cold): 10 s, -t$THREADS -c$CONNECTIONS"
  dispatch max 10 dispatch_cold
  log "dispatch warm-up: $WARMUP s"
  dispatch_window() { dispatch max "$WINDOW" "$WINDOW_NAME"; }
  warm_up ours dispatch "$WARMUP" dispatch_window
  log "dispatch measured: 20 s"
  local c0 c1; c0=$(all_ticks)
  dispatch max 20 dispatch
  c1=$(all_ticks)
  local dispatch_rps=$LAST_RPS
  record ours.dispatch.cpu_ms_per_request "$(awk -v t=$((c1 - c0)) -v hz="$HZ" -v r="$dispatch_rps" 'BEGIN {if (r > 0) printf "%.3f", t * 1000 / hz / (r * 20); else print "-"}')"
  log "dispatch at half load: 20 s"
  record ours.dispatch_half.target "$(awk -v r="$dispatch_rps" 'BEGIN {printf "%d", r / 2}')"
  dispatch "$(awk -v r="$dispatch_rps" 'BEGIN {printf "%d", r / 2}')" 20 dispatch_half
  sampler_stop
  [[ "$PHASES" == *,bare,* ]] && bare_dispatch
  record backlog.after_dispatch "$(lag_now)"
  echo "requests waiting in Kafka behind the pacing: $(lag_now) (the next start begins without them)"
  stop_system

  # the checks on a system without a backlog: pacing off, so the calls of the check run's verifications are
  # placed at once and the workers are idle again before the checks start
  start_system checks VOICE_OTP_LOCAL_PACING=off
  if [[ "$trained_first" -gt 0 && "$TRAINED" -eq 0 ]]; then
    # the first start trained the caches: this one shows a start that uses them, as every later ./run-local does
    record start.ready "$READY_SECONDS"
    record start.aot "AOT caches reused (the first start, which trained them, took $(grep '^start.whole=' "$RESULTS" | cut -d= -f2) s with the build)"
    sed -i '/^start\.parallel/d' "$RESULTS"; record_start parallel
  fi
  sampler_start main
  log "creating $CHECK_IDS verifications for the check run"
  local ids="$WORK/ids.txt"; : > "$ids"
  wrk -t1 -c16 -d60s -s "$BENCH_DIR/dispatch.lua" "$GATEWAY" -- "$API_KEY" "$ids" "$NEXT_NUMBER" "$CHECK_IDS" | grep BENCH || true
  NEXT_NUMBER=$((NEXT_NUMBER + CHECK_IDS))
  echo "$(wc -l < "$ids") ids"
  [[ -s "$ids" ]] || { echo "no verification ids created" >&2; exit 1; }
  log "waiting until the worker has placed their calls (at most $DRAIN_MAX s)"
  wait_drained "$DRAIN_MAX" || record ours.note "the checks ran while the worker was still working off a backlog"
  log "check warm-up: $((WARMUP / 2)) s"
  check_window() { measure ours "$WINDOW_NAME" -t"$THREADS" -c"$CONNECTIONS" -d"${WINDOW}s" --latency -s "$BENCH_DIR/check.lua" "$VERIFIER" -- "$API_KEY" "$ids"; }
  warm_up ours check "$((WARMUP / 2))" check_window
  log "check measured: 20 s"
  c0=$(all_ticks)
  measure ours check -t"$THREADS" -c"$CONNECTIONS" -d20s --latency -s "$BENCH_DIR/check.lua" "$VERIFIER" -- "$API_KEY" "$ids"
  c1=$(all_ticks)
  record ours.check.cpu_ms_per_request "$(awk -v t=$((c1 - c0)) -v hz="$HZ" -v r="$LAST_RPS" 'BEGIN {if (r > 0) printf "%.3f", t * 1000 / hz / (r * 20); else print "-"}')"
  log "check at half load: 20 s"
  measure_half ours check_half "$LAST_RPS" "$BENCH_DIR/check.lua" "$VERIFIER" -- "$API_KEY" "$ids"
  local failures=0 v
  for v in $(grep -E '^ours\.(dispatch|dispatch_half|check|check_half)\.non2xx=' "$RESULTS" | cut -d= -f2); do failures=$((failures + v)); done
  record ours.failures "$failures"

  worker_phase 1
  sampler_stop
  record_memory load
  local total=0 s
  for s in "${SERVICES[@]}"; do [[ "$s" == launcher+kafka ]] || total=$((total + $(grep "^rss.load.$s=" "$RESULTS" | tail -1 | cut -d= -f2))); done
  record ours.rss_total "$total"
  sleep 10
  record_memory after
  echo "memory after (MiB): $(memory_line)"
  stop_system
}

# ---- backlog: start-up one at a time, then 10,000 requests waiting behind the pacing ------------------------
# Sends $1 requests per second to fresh numbers (+1 646 555 xxxx, a block no other phase uses) for $2 seconds.
# A subshell, so that its wait is for its own requests only, not for the caller's other background processes.
trickle() (
  local i
  for ((i = 0; i < $1 * $2; i++)); do
    curl -s -o /dev/null -X POST "$GATEWAY/v1/verifications" -H "Authorization: Bearer $API_KEY" \
      -H 'Content-Type: application/json' -d "{\"phoneNumber\":\"+1646555$(printf %04d $((i % 10000)))\"}" &
    sleep "$(awk -v r="$1" 'BEGIN {print 1 / r}')"
  done
  wait
)
# CPU ticks of the worker's JIT compiler threads (C1, C2): compiling is a cost of the code's first minutes, not of
# the requests in hand, so the windows report it apart
jit_ticks_of() {
  local task total=0
  for task in /proc/"$1"/task/*; do
    [[ "$(cat "$task/comm" 2>/dev/null)" == C[12]\ Compiler* ]] || continue
    total=$((total + $(sed 's/^.*) //' "$task/stat" | awk '{print $12 + $13}')))
  done
  echo "$total"
}
# One measured window of $2 seconds on the worker, recorded under the prefix $1: calls placed per second, the
# worker's CPU (and its JIT's part), all services' CPU, Redis commands per second and the busiest ones.
worker_window() {
  local prefix=$1 seconds=$2 worker_pid; worker_pid=$(pid_of otp-worker)
  local w0 j0 a0 p0 t0
  redis-cli -p "$REDIS_PORT" info commandstats > "$WORK/redis-before.txt"
  w0=$(ticks_of "$worker_pid"); j0=$(jit_ticks_of "$worker_pid"); a0=$(all_ticks); p0=$(placed); t0=$(now)
  sleep "$seconds"
  redis-cli -p "$REDIS_PORT" info commandstats > "$WORK/redis-after.txt"
  local w1 j1 a1 p1 elapsed; w1=$(ticks_of "$worker_pid"); j1=$(jit_ticks_of "$worker_pid"); a1=$(all_ticks); p1=$(placed)
  elapsed=$(since "$t0")
  local stats; stats=$(figures redis-stats "$WORK/redis-before.txt" "$WORK/redis-after.txt" "$elapsed")
  percent() { awk -v d="$1" -v t="$elapsed" -v hz="$HZ" 'BEGIN {printf "%.1f", 100 * d / hz / t}'; }
  record "$prefix.seconds" "$elapsed"
  record "$prefix.calls_per_s" "$([[ "$p0" =~ ^[0-9]+$ && "$p1" =~ ^[0-9]+$ ]] && awk -v d=$((p1 - p0)) -v t="$elapsed" 'BEGIN {printf "%.1f", d / t}' || echo -)"
  record "$prefix.worker_cpu" "$(percent $((w1 - w0)))"
  record "$prefix.worker_jit_cpu" "$(percent $((j1 - j0)))"
  record "$prefix.all_cpu" "$(percent $((a1 - a0)))"
  record "$prefix.redis_cmds" "$(sed -n 's/.*commands_per_s=\([^ ]*\).*/\1/p' <<<"$stats")"
  record "$prefix.redis_busiest" "$(sed -n 's/.*busiest=\([^ ]*\).*/\1/p' <<<"$stats")"
}
# Sends $BACKLOG requests to fresh numbers at full speed (wrk's log, with the count accepted, in $WORK/$1.txt), stops
# once Kafka's end offsets have rested for 3 s, then waits 10 s more.
send_backlog() {
  local per_thread=$((BACKLOG / THREADS))
  # wrk waits out its whole -d even when every thread has sent its share: stop it once Kafka's end offsets rest
  wrk -t"$THREADS" -c"$CONNECTIONS" -d300s -s "$BENCH_DIR/dispatch.lua" "$GATEWAY" -- "$API_KEY" - "$NEXT_NUMBER" "$per_thread" \
    > "$WORK/$1.txt" 2>&1 &
  local wrk_pid=$! last="" same=0 end
  while kill -0 "$wrk_pid" 2>/dev/null && (( same < 3 )); do
    sleep 1
    end=$(grep '^LAG ' "$LAG_FILE" 2>/dev/null | tail -1 | awk '{print $4}' || true)
    if [[ -n "$end" && "$end" == "$last" && "$end" != "?" ]]; then same=$((same + 1)); else same=0; fi
    last=$end
  done
  kill -INT "$wrk_pid" 2>/dev/null || true; wait "$wrk_pid" 2>/dev/null || true
  grep BENCH "$WORK/$1.txt" || true
  NEXT_NUMBER=$((NEXT_NUMBER + BACKLOG))
  sleep 10
}
phase_backlog() {
  start_system backlog VOICE_OTP_START=sequential
  record start.sequential_ready "$READY_SECONDS"
  record_start alone
  grep -q '^services=' "$RESULTS" || record services "$(IFS=,; echo "${SERVICES[*]}")"
  # the same calls without a backlog first: what the worker spends placing 2 calls/s is the baseline, and the
  # backlog window below should cost no more than that
  log "backlog: first $PACED_SECONDS s of requests at the pacing rate (2/s), no backlog: the calls' own cost"
  trickle 2 "$PACED_SECONDS" &
  local trickle_pid=$!
  sleep $((PACED_SECONDS - 30))
  worker_window backlog.baseline 30
  wait "$trickle_pid" 2>/dev/null || true
  log "backlog: $BACKLOG requests, then the worker paces calls (2/s by default)"
  send_backlog backlog-dispatch
  record backlog.requests "$BACKLOG"
  record backlog.pace "2"
  record backlog.after_ready "$(since "$SYSTEM_READY")"
  worker_window backlog 30
  record backlog.waiting "$(lag_now)"
  # the same backlog minutes later: at 2 calls/s the JIT compiles the call path for many minutes after a start, so
  # the first window measures a worker still compiling and this one is closer to its steady state
  if (( BACKLOG_LATE > 0 )); then
    sleep "$BACKLOG_LATE"
    record backlog.late.after_ready "$(since "$SYSTEM_READY")"
    worker_window backlog.late 30
    record backlog.late.waiting "$(lag_now)"
  fi
  # a worker in service places paced calls for hours: a fresh backlog once the JIT has compiled the call path (at 2
  # calls/s a method run once per call reaches C2's thresholds only after tens of minutes), with requests trickling
  # in at the pace until then so that the worker keeps placing calls as it would in service
  # 20 s: about what sending the backlog and its rest take; the trickle runs somewhat longer than its nominal time,
  # so the window starts near, not at, $BACKLOG_STEADY (backlog.steady.after_ready records when: 1,576 s for 1,500)
  local steady_wait; steady_wait=$(awk -v s="$BACKLOG_STEADY" -v r="$(since "$SYSTEM_READY")" 'BEGIN {printf "%d", s - r - 20}')
  if (( BACKLOG_STEADY > 0 && steady_wait > 0 )); then
    log "backlog: requests at the pacing rate for $steady_wait s, then a fresh backlog measured about $BACKLOG_STEADY s after ready"
    trickle 2 "$steady_wait"
    send_backlog backlog-steady-dispatch
    record backlog.steady.after_ready "$(since "$SYSTEM_READY")"
    worker_window backlog.steady 60
    record backlog.steady.waiting "$(lag_now)"
  fi
  grep "^backlog" "$RESULTS" | sed 's/^/    /'
  stop_system
}

phase_workers() {
  local n
  for n in 2 3; do
    start_system "workers-$n" VOICE_OTP_LOCAL_PACING=off VOICE_OTP_WORKERS=$n
    worker_phase "$n"
    stop_system
  done
}

# ---- plivo: memory while Plivo is slow, then unreachable, then back -----------------------------------------
# Requests keep coming at $PLIVO_RATE/s through four stages; RSS of every process is sampled every 2 s. Pacing is
# off, so the worker tries every call at once: what it cannot place must wait in Kafka, not in its memory.
#   normal       the sandbox answers at once (the warm-up, and the baseline)
#   slow         every Call API request answered after $PLIVO_DELAY_MS ms (a scenario rule)
#   unreachable  the sandbox stopped (SIGSTOP): connections hang until the worker's timeouts
#   back         the sandbox running and answering at once again; the backlog is worked off
call_schedule_empty() { [[ "$(redis-cli -p "$REDIS_PORT" zcard '{otp}:worker:call-schedule')" == 0 ]]; }
accepted() { figures sum 'otp_requests_total{outcome="accepted"}' "http://localhost:$((GATEWAY_PORT + 1000))/actuator/prometheus"; }
plivo_stage() {   # $1 = stage name, $2 = seconds, $3 = the stage's number offset
  local stage=$1 seconds=$2 p0 r0
  echo "STAGE $stage" >> "$WORK/rss-samples-plivo.txt"
  p0=$(placed); r0=$(retries)
  log "plivo: $stage, $seconds s at $PLIVO_RATE requests/s"
  # each stage its own numbers (10,000 apart, under dispatch.lua's 500,000 between threads): a request for a number
  # with one still waiting would replace it, and the waiting one would rightly get no call
  BENCH_SCRIPT="$BENCH_DIR/dispatch.lua" BENCH_RATE="$PLIVO_RATE" BENCH_THREADS="$THREADS" \
    measure ours "plivo_$stage" -t"$THREADS" -c"$CONNECTIONS" -d"${seconds}s" --latency -s "$BENCH_DIR/paced.lua" "$GATEWAY" \
    -- "$API_KEY" - "$3" > /dev/null
  record "plivo.$stage.accepted_per_s" "$LAST_RPS"
  record "plivo.$stage.gateway_p99" "$(grep "^ours.plivo_$stage.p99=" "$RESULTS" | tail -1 | cut -d= -f2)"
  record "plivo.$stage.placed" "$(delta "$p0" "$(placed)")"
  record "plivo.$stage.retries" "$(delta "$r0" "$(retries)")"
  record "plivo.$stage.waiting" "$(lag_now)"
  grep "^plivo.$stage" "$RESULTS" | sed 's/^/    /'
}
phase_plivo() {
  (( PLIVO_RATE * PLIVO_SECONDS / THREADS <= 10000 )) || { echo "BENCH_PLIVO_RATE x BENCH_PLIVO_SECONDS: at most 10,000 numbers per thread and stage" >&2; exit 1; }
  start_system plivo VOICE_OTP_LOCAL_PACING=off
  grep -q '^services=' "$RESULTS" || record services "$(IFS=,; echo "${SERVICES[*]}")"
  local sandbox="http://localhost:$SANDBOX_PORT" sandbox_pid; sandbox_pid=$(pid_of plivo-sandbox)
  record plivo.rate "$PLIVO_RATE"; record plivo.seconds "$PLIVO_SECONDS"; record plivo.delay_ms "$PLIVO_DELAY_MS"
  sampler_start plivo
  plivo_stage normal 60 0
  curl -sf -o /dev/null "$sandbox/sandbox/scenarios" -H 'Content-Type: application/json' \
    -d "{\"api\":\"slow\",\"apiDelayMs\":$PLIVO_DELAY_MS}" || { echo "the sandbox refused the slow rule" >&2; exit 1; }
  plivo_stage slow "$PLIVO_SECONDS" 10000
  curl -sf -o /dev/null -X DELETE "$sandbox/sandbox/scenarios"
  kill -STOP "$sandbox_pid"
  plivo_stage unreachable "$PLIVO_SECONDS" 20000
  kill -CONT "$sandbox_pid"
  plivo_stage back "$PLIVO_SECONDS" 30000
  log "plivo: waiting until Kafka and the worker's call schedule are empty (at most $DRAIN_MAX s)"
  wait_drained "$DRAIN_MAX" call_schedule_empty || true
  record plivo.settled_after "${DRAINED_AFTER:-more than $DRAIN_MAX}"
  record plivo.accepted "$(accepted)"
  # every verification's own record: how many calls it got, or why it failed without one
  record plivo.outcomes "$(redis-cli -p "$REDIS_PORT" --scan --pattern '{otp}:v:*' \
    | awk '{print "HMGET", $0, "callState", "callAttempts", "failureReason"}' | redis-cli -p "$REDIS_PORT" | paste - - - \
    | awk -F'\t' '$1 == "placed" && $2 == 1 {n["one call"]++; next}
                  $2 > 1 {n["more than one call"]++; next}
                  $1 == "refused" {n["failed without a call (" $3 ")"]++; next}
                  {n["no outcome yet (" ($1 == "" ? "not claimed" : $1) ")"]++}
                  END {for (k in n) printf "%s%d %s", (s++ ? ", " : ""), n[k], k}')"
  sampler_stop
  local s stage
  for s in "${SERVICES[@]}"; do
    for stage in normal slow unreachable back; do
      record "plivo.$stage.rss.$s" "$(figures stage-max "$WORK/rss-samples-plivo.txt" "$stage" "$s")"
    done
  done
  stop_system
}

[[ "$PHASES" == *,reference,* ]] && phase_reference
[[ "$PHASES" == *,main,* ]] && phase_main
[[ "$PHASES" == *,backlog,* ]] && phase_backlog
[[ "$PHASES" == *,workers,* ]] && phase_workers
[[ "$PHASES" == *,plivo,* ]] && phase_plivo

log "summary ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load average now $(cut -d' ' -f1-3 /proc/loadavg))"
figures summary "$RESULTS"
grep -E '^(ours|ref)\.[a-z_]+\.cpu_ms_per_request=' "$RESULTS" | sed 's/^/CPU ms per request (all processes of the system): /' || true
grep -E '^ours\.note=' "$RESULTS" | cut -d= -f2- | sed 's/^/note: /' || true
echo "raw figures: $RESULTS"
