#!/usr/bin/env bash
# Fault suite on a real three-broker Kafka cluster: voice-otp under load while brokers, a worker, Redis and Plivo fail.
#
#   bash bench/fault-cluster.sh 2>&1 | tee /tmp/fault-cluster.out
#
# What it does:
#   1. copies ../shared/kafka-cluster (beside the checkout) to a temp folder, builds it and starts three brokers on 127.0.0.1:19091-19093
#      (RF 3, min.insync.replicas 2, no automatic topic creation);
#   2. starts ./run-local --no-build on that cluster (two workers, no limits, no pacing, no AOT cache, every topic
#      the services create on 3 replicas, Redis with an append-only file fsynced every second) and waits for its
#      ready line; run ./mvnw install -DskipTests first;
#   3. runs bench/fault-cluster.py: leader-kill, broker-pause, coordinator-pause, worker-kill, workers-kill-in-call-api,
#      redis-pause, redis-restart, plivo-5xx and two-brokers-down, one at a time under a steady load, and prints one block per
#      scenario and a summary table (see its header for how to read them);
#   4. on exit (trap) stops the launcher's process group (SIGTERM, SIGKILL after 60 s), any worker or redis-server the
#      suite restarted itself, and the cluster.
# Exit code: the Python driver's (1 when a scenario had a duplicate or a lost verification, 2 on a setup error), or 3
# when the cluster or the launcher did not start.
#
# Environment: KAFKA_CLUSTER_SRC (default ../shared/kafka-cluster), FAULT_WORK_DIR (default: a new mktemp -d; it
# holds the cluster copy, Redis's data, the launcher's output and the pid file), LAUNCHER_READY_TIMEOUT (s, default 420), and every
# knob of bench/fault-cluster.py (FAULT_SCENARIOS, FAULT_RATE, FAULT_BEFORE, FAULT_AFTER, FAULT_SETTLE_TIMEOUT,
# FAULT_WORKER_PORT, FAULT_NOTE). Logs: the services' in .run-local/logs/, the brokers' in $FAULT_WORK_DIR/kafka-cluster/logs/.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/use-jdk25.sh
export MAVEN_OPTS=--sun-misc-unsafe-memory-access=allow

# the team keeps the cluster beside the checkout, in ../shared
SRC=${KAFKA_CLUSTER_SRC:-$(cd .. && pwd)/shared/kafka-cluster}
WORK=${FAULT_WORK_DIR:-$(mktemp -d /tmp/fault-cluster.XXXXXX)}
CLUSTER="$WORK/kafka-cluster"
LAUNCHER_OUT="$WORK/launcher.out"
PID_FILE="$WORK/restarted.pids"
REDIS_DATA="$WORK/redis-data"
BOOTSTRAP=127.0.0.1:19091,127.0.0.1:19092,127.0.0.1:19093
LAUNCHER_PID=""

say() { echo "[$(date +%H:%M:%S)] $*"; }

start_cluster() {
  rm -rf "$CLUSTER" && cp -r "$SRC" "$CLUSTER"
  say "building the Kafka cluster in $CLUSTER"
  (cd "$CLUSTER" && ./cluster.sh build | tail -1)
  say "starting 3 brokers"
  (cd "$CLUSTER" && ./cluster.sh start | tail -3)
}

start_launcher() {
  say "starting ./run-local on the cluster (output in $LAUNCHER_OUT)"
  VOICE_OTP_KAFKA_BOOTSTRAP_SERVERS=$BOOTSTRAP VOICE_OTP_WORKERS=2 VOICE_OTP_LOCAL_LIMITS=off VOICE_OTP_LOCAL_PACING=off \
    VOICE_OTP_AOT_CACHE=off VOICE_OTP_GATEWAY_TOPIC_REPLICATION_FACTOR=3 VOICE_OTP_EVENTS_TOPIC_REPLICATION_FACTOR=3 \
    VOICE_OTP_REDIS_DATA="$REDIS_DATA" \
    setsid ./run-local --no-build > "$LAUNCHER_OUT" 2>&1 < /dev/null &
  LAUNCHER_PID=$!   # setsid execs (a background job is no group leader): this is the launcher JVM and its group id
}

wait_launcher_ready() {
  local deadline=$((SECONDS + ${LAUNCHER_READY_TIMEOUT:-420}))
  until grep -q "voice-otp is ready" "$LAUNCHER_OUT"; do
    if ! kill -0 "$LAUNCHER_PID" 2>/dev/null; then say "the launcher exited:"; tail -30 "$LAUNCHER_OUT"; return 1; fi
    if [ $SECONDS -ge $deadline ]; then say "the launcher is not ready after ${LAUNCHER_READY_TIMEOUT:-420} s:"; tail -30 "$LAUNCHER_OUT"; return 1; fi
    sleep 2
  done
  grep -E "ready in|services ready after" "$LAUNCHER_OUT" | sed 's/^/  /'
}

group_alive() { kill -0 -- "-$1" 2>/dev/null; }

stop_launcher() {
  [ -n "$LAUNCHER_PID" ] || return 0
  group_alive "$LAUNCHER_PID" || return 0
  say "stopping the launcher's process group $LAUNCHER_PID (SIGTERM)"
  kill -CONT -- "-$LAUNCHER_PID" 2>/dev/null || true   # a paused redis-server cannot stop
  kill -TERM -- "-$LAUNCHER_PID" 2>/dev/null || true
  local deadline=$((SECONDS + 60))
  while group_alive "$LAUNCHER_PID" && [ $SECONDS -lt $deadline ]; do sleep 1; done
  if group_alive "$LAUNCHER_PID"; then say "still running after 60 s: SIGKILL"; kill -KILL -- "-$LAUNCHER_PID" 2>/dev/null || true; fi
}

stop_restarted() {
  [ -f "$PID_FILE" ] || return 0
  local pid
  while read -r pid; do
    # only a worker JVM or a redis-server the suite started (never a recycled pid)
    if [ -n "$pid" ] && tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -q "dev.voiceotp.worker.OtpWorkerApplication\|redis-server"; then
      say "stopping the restarted process $pid"
      kill -TERM "$pid" 2>/dev/null || true
      for _ in $(seq 60); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
      kill -KILL "$pid" 2>/dev/null || true
    fi
  done < "$PID_FILE"
}

stop_cluster() {
  [ -x "$CLUSTER/cluster.sh" ] || return 0
  say "stopping the cluster"
  (cd "$CLUSTER" && ./cluster.sh stop | tail -1) || true
}

cleanup() {
  local code=$?
  trap - EXIT INT TERM
  stop_launcher
  stop_restarted
  stop_cluster
  say "done (exit $code); cluster logs in $CLUSTER/logs, service logs in .run-local/logs"
  exit $code
}
trap cleanup EXIT
trap 'exit 130' INT TERM

say "fault suite: work folder $WORK, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
start_cluster || exit 3
start_launcher
wait_launcher_ready || exit 3
CLUSTER_DIR="$CLUSTER" LAUNCHER_PID="$LAUNCHER_PID" FAULT_PID_FILE="$PID_FILE" REDIS_DATA_DIR="$REDIS_DATA" python3 bench/fault-cluster.py
