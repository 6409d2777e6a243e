#!/usr/bin/env python3
"""Fault suite on a three-broker Kafka cluster: load driver, fault injector and counter.

bench/fault-cluster.sh starts the cluster and ./run-local on it, then runs this script; run it alone only against a
system started the same way (it needs CLUSTER_DIR and LAUNCHER_PID). Only the Python standard library is used.

Each scenario sends a steady load of fresh-number verification requests (POST /v1/verifications), injects one fault
FAULT_BEFORE s into the load, ends it, keeps the load going FAULT_AFTER s after the fault's end (and at least 10 s
after the recovery action has finished, e.g. a restarted broker is back in the ISRs), waits until every accepted
verification has settled, then counts at the gateway (GET /v1/verifications/{id}) and at the Plivo sandbox
(/sandbox/calls). Scenarios: leader-kill, broker-pause, coordinator-pause, worker-kill, workers-kill-in-call-api,
redis-pause, redis-restart, plivo-5xx, two-brokers-down. coordinator-pause pauses the broker that coordinates the
workers' consumer group (the leader of the __consumer_offsets partition the group id hashes to), where a static
member's consumer can be fenced by its own abandoned JoinGroup once the broker answers again.

Definitions (as in bench/fault-run.py):
  placed call  a call the sandbox accepted and started (API errors are recorded too but never ring a phone)
  duplicate    a verification whose number got two or more placed calls
  lost         a 202 whose verification got no placed call and did not fail with a reason by the end of the wait
  settled      not pending any more, or pending with a final call status (completed, busy, ...)

Environment:
  CLUSTER_DIR          the copy of the kafka-cluster folder (its cluster.sh is used for faults and status); required
  LAUNCHER_PID         pid of ./run-local's JVM (its redis-server child is paused); required
  REDIS_DATA_DIR       where the launcher's redis-server keeps its append-only file (VOICE_OTP_REDIS_DATA);
                       redis-restart needs it to start a killed redis-server again on the same data
  REDIS_PORT           the launcher's Redis port (default 6379)
  FAULT_PID_FILE       file to which the pid of every process this script restarts is appended (the caller stops them)
  FAULT_SCENARIOS      comma-separated subset, in order (default: all nine)
  FAULT_RATE           requests per second (default 5)
  FAULT_BEFORE         seconds of load before the fault (default 15)
  FAULT_AFTER          seconds of load after the fault's end (default 40)
  FAULT_SETTLE_TIMEOUT seconds to wait for accepted verifications to settle after the load (default 240)
  FAULT_WORKER_PORT    port of the worker that worker-kill kills (default 8081)
  FAULT_NOTE           one line printed under the summary (e.g. "shared machine")
  FAULT_BOOTSTRAP      the cluster's brokers, read for the lifecycle events (default 127.0.0.1:19091-19093)
  FAULT_WORKER_GROUP   the workers' consumer group (default otp-worker, spring.kafka.consumer.group-id)
  FAULT_OFFSETS_PARTITIONS  partitions of __consumer_offsets on the cluster (default 12, the kafka-cluster's setting)

Output: one block per scenario, then a summary table. Times in a block are seconds from the start of that scenario's
load ("t=..."); "recovery" times are seconds from the fault's end (the moment the recovery action was issued:
broker restart, SIGCONT, worker start, rule deleted) to the first 202 answered after it and to the first call
placed after it. "longest gap" is the longest time without a 202 answer (or without a placed call) during the load,
which shows the outage better than the recovery time when requests kept succeeding on other partitions.
"fault from" starts at the injection itself (after look-ups such as `cluster.sh leader`). "called after 503": numbers
whose request was refused (503 or another non-202) but that got a call anyway (the gateway cancels a verification it
answers 503 for; a call would reach a person whose app was told to retry). "pending": accepted verifications not
settled when the wait ended; a call that hung up without any worker hearing about it shows "ringing" or "in-progress"
until the worker settles it as "unknown" (ring timeout + time limit + 60 s after its last report, 3.5 minutes by
default: give FAULT_SETTLE_TIMEOUT at least that).
"lifecycle events missing": accepted verifications without a requested event on otp.events.v1, and verifications
with a placed call but no call_placed event (read with bench/EventLog.java once the scenario has settled; a copy of
an event with an id already seen is counted apart, as at-least-once delivery allows it).
"lock probe": for up to 3 completed calls per scenario, 5 wrong codes then the right one; an approval is a bug.
Exit code 1 when any scenario had a duplicate or a lost verification, 2 on a setup error or when the suite had to
stop early (the launcher's redis-server gone).
"""
import collections
import concurrent.futures
import datetime
import json
import os
import random
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

from fault_runs import http_json, placed, settled

GATEWAY = "http://localhost:8080"
VERIFIER = "http://localhost:8082"
SANDBOX = "http://localhost:8090"
KEY = os.environ.get("VOICE_OTP_DEMO_API_KEY", "local-demo-key")
CLUSTER_DIR = os.environ.get("CLUSTER_DIR", "")
LAUNCHER_PID = int(os.environ.get("LAUNCHER_PID", "0"))
PID_FILE = os.environ.get("FAULT_PID_FILE", "")
REDIS_DATA_DIR = os.environ.get("REDIS_DATA_DIR", "")
REDIS_PORT = int(os.environ.get("REDIS_PORT", "6379"))
RATE = float(os.environ.get("FAULT_RATE", "5"))
BEFORE = float(os.environ.get("FAULT_BEFORE", "15"))
AFTER = float(os.environ.get("FAULT_AFTER", "40"))
SETTLE_TIMEOUT = float(os.environ.get("FAULT_SETTLE_TIMEOUT", "240"))
WORKER_PORT = int(os.environ.get("FAULT_WORKER_PORT", "8081"))
BOOTSTRAP = os.environ.get("FAULT_BOOTSTRAP", "127.0.0.1:19091,127.0.0.1:19092,127.0.0.1:19093")
REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORKER_PORTS = (8081, 8083)
MANAGEMENT_OFFSET = 1000
WORKER_MAIN = "dev.voiceotp.worker.OtpWorkerApplication"
PROJECT_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LOG_DIR = os.path.join(PROJECT_DIR, ".run-local", "logs")
WORKER_GROUP = os.environ.get("FAULT_WORKER_GROUP", "otp-worker")
FENCED_LINE = "'group.instance.id' has been fenced"
RESTART_LINE = "The request listener started again"
OFFSETS_PARTITIONS = int(os.environ.get("FAULT_OFFSETS_PARTITIONS", "12"))
ALL_SCENARIOS = ["leader-kill", "broker-pause", "coordinator-pause", "worker-kill", "workers-kill-in-call-api", "redis-pause",
                 "redis-restart", "plivo-5xx", "two-brokers-down"]


def log(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


# ---------------------------------------------------------------- HTTP (bench/fault_runs.py, and no answer as a status)

def http(method, url, body=None, key=KEY, timeout=30):
    try:
        return http_json(method, url, body, key, timeout)
    except (urllib.error.URLError, OSError) as error:  # refused, reset, timed out: no HTTP status
        reason = getattr(error, "reason", error)
        return f"no answer ({type(reason).__name__})", {}


def instant(text):
    """The sandbox's ISO instants (nanoseconds, Z) as epoch seconds."""
    main, _, fraction = text.rstrip("Z").partition(".")
    seconds = datetime.datetime.strptime(main, "%Y-%m-%dT%H:%M:%S").replace(tzinfo=datetime.timezone.utc).timestamp()
    return seconds + float("0." + (fraction or "0"))


def sandbox_calls():
    status, calls = http("GET", f"{SANDBOX}/sandbox/calls", key=None, timeout=60)
    return calls if isinstance(calls, list) else []


# ---------------------------------------------------------------- processes and the cluster

def cluster(*args, timeout=300):
    """Runs cluster.sh; returns (exit code, output)."""
    try:
        done = subprocess.run(["./cluster.sh", *args], cwd=CLUSTER_DIR, capture_output=True, text=True, timeout=timeout)
        return done.returncode, (done.stdout + done.stderr).strip()
    except subprocess.TimeoutExpired as expired:
        return 124, f"cluster.sh {' '.join(args)} timed out after {timeout} s: {expired.stdout or ''}"


def cluster_value(*args):
    code, out = cluster(*args)
    lines = [line for line in out.splitlines() if line.strip()]
    if code != 0 or not lines:
        raise RuntimeError(f"cluster.sh {' '.join(args)} failed: {out}")
    return lines[-1].strip()


def cmdline(pid):
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return [part.decode() for part in f.read().split(b"\0") if part]
    except OSError:
        return []


def worker_pid(port):
    """The worker JVM of this checkout that listens on port (children of the launcher, or one this script restarted)."""
    wanted = f"--management.server.port={port + MANAGEMENT_OFFSET}"
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            args = cmdline(entry)
            try:
                cwd = os.readlink(f"/proc/{entry}/cwd")
            except OSError:
                continue
            if WORKER_MAIN in args and wanted in args and cwd == PROJECT_DIR:
                return int(entry)
    return None


# the redis-server redis-restart started in place of the launcher's (None while the launcher's own one runs)
restarted_redis = None


def redis_pid():
    if restarted_redis is not None:
        return restarted_redis if os.path.exists(f"/proc/{restarted_redis}") else None
    out = subprocess.run(["pgrep", "-P", str(LAUNCHER_PID), "-x", "redis-server"], capture_output=True, text=True).stdout.split()
    return int(out[0]) if out else None


def redis_answers():
    try:
        with socket.create_connection(("127.0.0.1", REDIS_PORT), timeout=1) as connection:
            connection.sendall(b"PING\r\n")
            return connection.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def health(port):
    status, body = http("GET", f"http://localhost:{port + MANAGEMENT_OFFSET}/actuator/health", key=None, timeout=5)
    return status == 200 and body.get("status") == "UP"


def wait_until(condition, timeout, step=1.0):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if condition():
            return True
        time.sleep(step)
    return condition()


def snapshot_process(pid):
    """What it takes to start a JVM again exactly as it was: command line, environment, working directory."""
    with open(f"/proc/{pid}/environ", "rb") as f:
        env = dict(part.decode().split("=", 1) for part in f.read().split(b"\0") if b"=" in part)
    return {"args": cmdline(pid), "env": env, "cwd": os.readlink(f"/proc/{pid}/cwd")}


def start_detached(snapshot, log_path):
    with open(log_path, "ab") as out:
        process = subprocess.Popen(snapshot["args"], env=snapshot["env"], cwd=snapshot["cwd"], stdout=out,
                                   stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True)
    if PID_FILE:
        with open(PID_FILE, "a") as f:
            f.write(f"{process.pid}\n")
    return process.pid


# ---------------------------------------------------------------- health between scenarios

def topics_replicated(status_text):
    """Every partition of the otp.* topics listed with 3 replicas."""
    rows = re.findall(r"^\s+(otp\.\S+)-\d+ leader=\S+ replicas=\[([\d,]*)\]", status_text, re.M)
    short = sorted({topic for topic, replicas in rows if len(replicas.split(",")) != 3})
    return bool(rows) and not short, short


def cluster_healthy():
    """Starts nodes that are down (a no-op when all run), waits for the healthy quorum, then reads the status."""
    code, out = cluster("start", timeout=240)
    if code != 0:
        return False, out
    code, status = cluster("status", timeout=120)
    nodes_ok = len(re.findall(r"^node \d: running ", status, re.M)) == 3
    partitions_ok = "under-replicated=" in status and not re.search(r"under-replicated=[1-9]|offline=[1-9]", status)
    return nodes_ok and partitions_ok, status


def system_ready(timeout=240):
    ports = {"api-gateway": 8080, "verifier": 8082, **{f"worker {p}": p for p in WORKER_PORTS}}
    wait_until(lambda: all(health(port) for port in ports.values()), timeout, step=2)
    return [name for name, port in ports.items() if not health(port)]


class SystemGone(Exception):
    """Something the suite does not restart itself is gone (the launcher's redis-server): later figures would be noise."""


def ensure_healthy():
    if redis_pid() is None:
        raise SystemGone("the launcher's redis-server is not running any more")
    ok, status = cluster_healthy()
    down = system_ready()
    if not ok:
        log("WARNING: the cluster is not healthy before the scenario:\n" + status)
    if down:
        log(f"WARNING: not UP before the scenario: {', '.join(down)}")
    return ok and not down


# ---------------------------------------------------------------- load

class Load:
    """Sends RATE requests per second, each to a fresh number, from a pool of threads, until stopped."""

    def __init__(self, prefix):
        self.prefix = prefix
        self.results = []  # dicts: phone, sent, done, status, id
        self.lock = threading.Lock()
        self.stop_at = None
        self.pool = concurrent.futures.ThreadPoolExecutor(128)
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.started = None

    def start(self):
        self.started = time.time()
        self.thread.start()

    def stop_after(self, at):
        self.stop_at = at

    def join(self):
        self.thread.join()
        self.pool.shutdown(wait=True)

    def _run(self):
        i, next_at = 0, time.time()
        while self.stop_at is None or next_at < self.stop_at:
            time.sleep(max(0.0, next_at - time.time()))
            self.pool.submit(self._send, f"{self.prefix}{i:04d}")
            i += 1
            next_at += 1.0 / RATE

    def _send(self, phone):
        sent = time.time()
        status, body = http("POST", f"{GATEWAY}/v1/verifications", {"phoneNumber": phone})
        result = {"phone": phone, "sent": sent, "done": time.time(), "status": status,
                  "id": body.get("id") if status == 202 else None}
        with self.lock:
            self.results.append(result)


# ---------------------------------------------------------------- faults: each returns (fault end, recovered)
# Each appends what it did to notes and stores the moment of the injection itself in notes.started (after any
# look-up such as `cluster.sh leader`, which takes a few seconds).

class Notes(list):
    started = None

    def start(self):
        self.started = time.time()


def fault_leader_kill(notes):
    node = cluster_value("leader", "otp.requests.v1", "0")
    notes.append(f"killed node {node} (leader of otp.requests.v1-0) with SIGKILL; `cluster.sh restart {node}` 20 s later")
    notes.start()
    log(f"  kill -9 node {node}: {cluster('kill', node)[1]}")
    time.sleep(20)
    end = time.time()
    code, out = cluster("restart", node, timeout=240)
    notes.append(f"restart: {out.splitlines()[-1] if out else ''} (exit {code})")
    return end, time.time()


def fault_broker_pause(notes):
    node = cluster_value("controller")
    leader = cluster_value("leader", "otp.requests.v1", "0")
    notes.append(f"paused node {node} (active controller; leader of otp.requests.v1-0 is node {leader}) with SIGSTOP for 20 s")
    return pause_node(node, notes)


def pause_node(node, notes):
    """SIGSTOP for 20 s, then SIGCONT (also when the wait is interrupted); returns (fault end, recovered)."""
    try:
        notes.start()
        log(f"  {cluster('pause', node)[1]}")
        time.sleep(20)
    finally:
        end = time.time()
        log(f"  {cluster('resume', node)[1]}")
    return end, time.time()


def group_coordinator_partition(group_id, partitions):
    """The __consumer_offsets partition whose leader coordinates a group: abs(String.hashCode) mod partitions, as Kafka
    computes it (Utils.abs clears the sign bit)."""
    h = 0
    for ch in group_id:
        h = (31 * h + ord(ch)) & 0xFFFFFFFF
    return (h & 0x7FFFFFFF) % partitions


def fault_coordinator_pause(notes):
    partition = group_coordinator_partition(WORKER_GROUP, OFFSETS_PARTITIONS)
    node = cluster_value("leader", "__consumer_offsets", str(partition))
    controller = cluster_value("controller")
    notes.append(f"paused node {node} (coordinator of group {WORKER_GROUP}: leader of __consumer_offsets-{partition}; "
                 f"active controller node {controller}) with SIGSTOP for 20 s")
    return pause_node(node, notes)


def worker_log_lines(*texts):
    """For each text, the lines with it in the workers' logs (restarted workers' included), read once, for counting
    them over a scenario."""
    counts = [0] * len(texts)
    for name in os.listdir(LOG_DIR) if os.path.isdir(LOG_DIR) else []:
        if name.startswith("otp-worker") and name.endswith(".log") and "aot-training" not in name:
            with open(os.path.join(LOG_DIR, name), errors="replace") as f:
                for line in f:
                    for i, text in enumerate(texts):
                        if text in line:
                            counts[i] += 1
    return counts


def fault_worker_kill(notes):
    pid = worker_pid(WORKER_PORT)
    if pid is None:
        raise RuntimeError(f"no worker on port {WORKER_PORT}")
    snapshot = snapshot_process(pid)
    notes.start()
    os.kill(pid, signal.SIGKILL)
    notes.append(f"killed the worker on port {WORKER_PORT} (pid {pid}) with SIGKILL; started again 20 s later with its "
                 "command line, environment and working directory")
    log(f"  kill -9 worker pid {pid}")
    time.sleep(20)
    end = time.time()
    log_path = os.path.join(LOG_DIR, f"otp-worker-{WORKER_PORT}-restarted.log")
    new_pid = start_detached(snapshot, log_path)
    ready = wait_until(lambda: health(WORKER_PORT), 240, step=1)
    notes.append(f"restarted worker pid {new_pid} (log {os.path.relpath(log_path, PROJECT_DIR)}) "
                 f"{'UP' if ready else 'NOT UP'} {time.time() - end:.1f} s after its start")
    return end, time.time()


def fault_workers_kill_in_call_api(notes):
    """Every worker killed while Call API requests it made are in flight: Plivo has fired the calls, no worker has
    recorded them. Which verifications that hits is printed, with what each ends as."""
    pids = {port: worker_pid(port) for port in WORKER_PORTS}
    if None in pids.values():
        raise RuntimeError(f"not every worker is running: {pids}")
    snapshots = {port: snapshot_process(pid) for port, pid in pids.items()}
    status, rule = http("POST", f"{SANDBOX}/sandbox/scenarios", {"count": 3, "api": "slow", "apiDelayMs": 6000}, key=None)
    if status >= 300:
        raise RuntimeError(f"the sandbox refused the rule: {status} {rule}")
    log(f"  sandbox rule {rule.get('id')}: the next 3 Call API requests fire their call and answer 201 after 6 s")
    notes.start()
    time.sleep(2)
    for port, pid in pids.items():
        os.kill(pid, signal.SIGKILL)
        log(f"  kill -9 worker {port} pid {pid}")
    notes.append("3 Call API requests answered only after 6 s, their calls fired at once; every worker SIGKILLed 2 s "
                 "after the rule, while those requests were in flight; started again 20 s later with their command "
                 "lines, environments and working directories")
    time.sleep(20)
    end = time.time()
    for port, snapshot in snapshots.items():
        log_path = os.path.join(LOG_DIR, f"otp-worker-{port}-restarted.log")
        new_pid = start_detached(snapshot, log_path)
        notes.append(f"restarted worker {port} as pid {new_pid} (log {os.path.relpath(log_path, PROJECT_DIR)})")
    ready = wait_until(lambda: all(health(port) for port in WORKER_PORTS), 240, step=1)
    notes.append(f"workers {'UP' if ready else 'NOT UP'} {time.time() - end:.1f} s after their start")
    http("DELETE", f"{SANDBOX}/sandbox/scenarios", key=None)
    return end, time.time()


def fault_redis_pause(notes):
    pid = redis_pid()
    if pid is None:
        raise RuntimeError("no redis-server child of the launcher")
    notes.append(f"paused the launcher's redis-server (pid {pid}) with SIGSTOP for 10 s")
    try:
        notes.start()
        os.kill(pid, signal.SIGSTOP)
        log(f"  SIGSTOP redis-server pid {pid}")
        time.sleep(10)
    finally:
        end = time.time()
        os.kill(pid, signal.SIGCONT)
        log("  SIGCONT redis-server")
    return end, time.time()


def fault_redis_restart(notes):
    """A crash of Redis and its restart on the same data: what an append-only file written every second keeps."""
    global restarted_redis
    pid = redis_pid()
    if pid is None:
        raise RuntimeError("no redis-server to restart")
    if not REDIS_DATA_DIR:
        raise RuntimeError("REDIS_DATA_DIR is not set: the launcher's Redis keeps no data to restart on")
    notes.start()
    os.kill(pid, signal.SIGKILL)
    log(f"  kill -9 redis-server pid {pid}")
    time.sleep(5)
    end = time.time()
    args = ["redis-server", "--port", str(REDIS_PORT), "--bind", "127.0.0.1", "--dir", REDIS_DATA_DIR,
            "--appendonly", "yes", "--appendfsync", "everysec", "--save", ""]
    restarted_redis = start_detached({"args": args, "env": dict(os.environ), "cwd": REDIS_DATA_DIR},
                                     os.path.join(LOG_DIR, "redis-server-restarted.log"))
    answering = wait_until(redis_answers, 60, step=0.2)
    notes.append(f"killed redis-server (pid {pid}; append-only file, fsync every second) with SIGKILL; started again "
                 f"5 s later on the same data (pid {restarted_redis}), {'answering' if answering else 'NOT answering'} "
                 f"{time.time() - end:.1f} s after its start")
    return end, time.time()


def fault_plivo_5xx(notes):
    notes.start()
    status, rule = http("POST", f"{SANDBOX}/sandbox/scenarios", {"api": "server_error"}, key=None)
    if status >= 300:
        raise RuntimeError(f"the sandbox refused the rule: {status} {rule}")
    notes.append("the sandbox answered every Call API request with 500 for 30 s (rule without count), then the rule was deleted")
    log(f"  sandbox rule {rule.get('id')}: every Call API request answers 500")
    try:
        time.sleep(30)
    finally:
        end = time.time()
        http("DELETE", f"{SANDBOX}/sandbox/scenarios", key=None)
        log("  sandbox rules cleared")
    return end, time.time()


def fault_two_brokers_down(notes):
    leader = cluster_value("leader", "otp.requests.v1", "0")
    other = next(n for n in ("1", "2", "3") if n != leader)
    notes.append(f"killed nodes {leader} (leader of otp.requests.v1-0) and {other} with SIGKILL for 30 s, "
                 "then started both at once (`cluster.sh start`)")
    notes.start()
    for node in (leader, other):
        log(f"  kill -9 node {node}: {cluster('kill', node)[1]}")
    time.sleep(30)
    end = time.time()
    code, out = cluster("start", timeout=300)
    notes.append(f"start: {out.splitlines()[-2] if len(out.splitlines()) > 1 else out} (exit {code}) "
                 f"{time.time() - end:.1f} s after the restart began")
    return end, time.time()


FAULTS = {
    "leader-kill": fault_leader_kill,
    "broker-pause": fault_broker_pause,
    "coordinator-pause": fault_coordinator_pause,
    "worker-kill": fault_worker_kill,
    "workers-kill-in-call-api": fault_workers_kill_in_call_api,
    "redis-pause": fault_redis_pause,
    "redis-restart": fault_redis_restart,
    "plivo-5xx": fault_plivo_5xx,
    "two-brokers-down": fault_two_brokers_down,
}


# ---------------------------------------------------------------- settle and count

def settle(accepted):
    """Polls the accepted verifications until all settled or the timeout; returns (final views, unsettled views)."""
    final, pending = {}, dict(accepted)
    deadline = time.time() + SETTLE_TIMEOUT
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        while pending and time.time() < deadline:
            looked = pool.map(lambda item: (item[0], http("GET", f"{GATEWAY}/v1/verifications/{item[1]}", timeout=10)),
                              list(pending.items()))
            for phone, (status, view) in looked:
                if status == 200 and settled(view):
                    final[phone] = view
                    del pending[phone]
            if pending:
                time.sleep(3)
    unsettled = {phone: http("GET", f"{GATEWAY}/v1/verifications/{vid}", timeout=10)[1] for phone, vid in pending.items()}
    return final, unsettled


def code_heard(call):
    match = re.search(r"code is ((?:\d ?){4,10})", call.get("spokenText") or "")
    return match.group(1).replace(" ", "") if match else None


def lock_probe(final, calls_by_phone, count=3):
    """5 wrong codes, then the right one, on up to `count` verifications whose call read the code; returns (tried, approved)."""
    tried = approved = 0
    for phone, view in final.items():
        if tried >= count:
            break
        calls = calls_by_phone.get(phone, [])
        code = code_heard(calls[0]) if calls else None
        if view.get("status") != "pending" or not code:
            continue
        wrong = str((int(code) + 1) % (10 ** len(code))).zfill(len(code))
        for _ in range(5):
            http("POST", f"{VERIFIER}/v1/verifications/{view['id']}/checks", {"code": wrong})
        status, body = http("POST", f"{VERIFIER}/v1/verifications/{view['id']}/checks", {"code": code})
        tried += 1
        approved += 1 if (status == 200 and (body.get("valid") or body.get("status") == "approved")) else 0
    return tried, approved


def webhook_failed(event):
    """A sandbox call event telling that a webhook (ring, answer, hangup) was refused or could not be delivered."""
    return event.get("type") == "callback_failed" or bool(re.search(r"HTTP (?!200)\d{3}", event.get("detail") or ""))


def first_after(times, t):
    later = [x for x in times if x >= t]
    return min(later) - t if later else None


def longest_gap(times, start, end):
    points = sorted([start] + [x for x in times if start <= x <= end] + [end])
    gaps = [(b - a, a) for a, b in zip(points, points[1:])]
    return max(gaps) if gaps else (0.0, start)


def count(name, load, fault_start, fault_end, recovered, notes, final, unsettled):
    results = load.results
    accepted = {r["phone"]: r["id"] for r in results if r["status"] == 202}
    all_calls = sandbox_calls()
    by_phone = collections.defaultdict(list)
    for call in all_calls:
        if placed(call):
            by_phone[call.get("to")].append(call)
    views = {**final, **unsettled}
    duplicates = [p for p in accepted if len(by_phone.get(p, [])) > 1]
    lost = []
    for phone in accepted:
        view = views.get(phone) or {}
        if not by_phone.get(phone) and not (view.get("status") == "failed" and view.get("failureReason")):
            lost.append((phone, view.get("status"), (view.get("call") or {}).get("status"), view.get("failureReason")))
    failures = collections.Counter(f"{v.get('status')}: {v.get('failureReason')}" for v in views.values()
                                   if v.get("status") in ("failed", "canceled"))
    statuses = collections.Counter(str(v.get("status")) for v in views.values())
    pending_calls = collections.Counter(str((v.get("call") or {}).get("status")) for v in unsettled.values())
    ok_times = [r["done"] for r in results if r["status"] == 202]
    call_times = sorted(instant(c["apiRequestedAt"]) for p in accepted for c in by_phone.get(p, []) if c.get("apiRequestedAt"))
    load_end = max([r["sent"] for r in results] or [fault_end])
    tried, approved = lock_probe(final, by_phone)
    mine = [c for p in accepted for c in by_phone.get(p, [])]
    refused_callbacks = [c for c in mine if any(webhook_failed(e) for e in c.get("events") or [])]
    no_code = [c for c in mine if not code_heard(c)]
    refused = [r["phone"] for r in results if r["status"] != 202]
    called_after_refusal = [p for p in refused if by_phone.get(p)]
    failed_without_call = sum(1 for p in accepted if (views.get(p) or {}).get("status") == "failed" and not by_phone.get(p))
    return {
        "name": name, "notes": notes, "t0": load.started,
        "sent": len(results), "accepted": len(accepted),
        "s503": sum(1 for r in results if r["status"] == 503),
        "other": collections.Counter(str(r["status"]) for r in results if r["status"] not in (202, 503)),
        "calls": sum(len(by_phone.get(p, [])) for p in accepted),
        "duplicates": duplicates, "lost": lost, "unsettled": unsettled, "pending_calls": pending_calls,
        "statuses": statuses, "failures": failures,
        "fault_start": fault_start, "fault_end": fault_end, "recovered": recovered, "load_end": load_end,
        "recover_202": first_after(ok_times, fault_end), "recover_call": first_after(call_times, fault_end),
        "gap_202": longest_gap(ok_times, load.started, load_end),
        "gap_call": longest_gap(call_times, load.started, load_end),
        "max_503": max([r["done"] - r["sent"] for r in results if r["status"] == 503] or [None], key=lambda x: x or 0),
        "max_202": max([r["done"] - r["sent"] for r in results if r["status"] == 202] or [0]),
        "probe": (tried, approved),
        "called_after_refusal": called_after_refusal,
        "refused_callbacks": refused_callbacks, "no_code": no_code, "failed_without_call": failed_without_call,
        "events": missing_events(accepted, by_phone),
    }


def event_log():
    """Every lifecycle event on otp.events.v1 (bench/EventLog.java): {verification id: [type, ...]} and the number of
    records whose event id was already seen (at-least-once copies); None when the topic could not be read."""
    class_path = open(os.path.join(REPO, "local-launcher", "target", "runtime-classpath.txt")).read().strip()
    java = os.path.join(os.environ.get("JAVA_HOME", "/usr"), "bin", "java")
    try:
        done = subprocess.run([java, "-cp", class_path, os.path.join(REPO, "bench", "EventLog.java"), BOOTSTRAP],
                              capture_output=True, text=True, timeout=180)
    except subprocess.TimeoutExpired:
        return None, 0
    if done.returncode != 0:
        log(f"  could not read otp.events.v1: {done.stderr.strip()[-300:]}")
        return None, 0
    types, seen, copies = collections.defaultdict(list), set(), 0
    for line in done.stdout.splitlines():
        parts = line.split()
        if len(parts) != 3:
            continue
        verification, kind, event_id = parts
        if event_id in seen:
            copies += 1
            continue
        seen.add(event_id)
        types[verification].append(kind)
    return types, copies


def missing_events(accepted, by_phone):
    """Accepted verifications without their requested event, and called ones without their call_placed event."""
    types, copies = event_log()
    if types is None:
        return None
    no_requested = [i for i in accepted.values() if "requested" not in types.get(i, [])]
    no_placed = [i for p, i in accepted.items() if by_phone.get(p) and "call_placed" not in types.get(i, [])]
    return {"no_requested": no_requested, "no_placed": no_placed, "copies": copies}


# ---------------------------------------------------------------- one scenario

def scenario_prefix(index, run):
    """The numbers of one scenario's load: +1, an area code, an exchange of its own (first digit 2-9, as a valid NANP
    exchange must be, then the run's two digits), then the request's four digits. Eight scenarios share an area code."""
    area = ("415", "628", "510")[index // 8]
    return f"+1{area}{2 + index % 8}{run:02d}"


def run_scenario(index, name, run):
    log(f"=== {name}: checking health")
    healthy = ensure_healthy()
    http("DELETE", f"{SANDBOX}/sandbox/scenarios", key=None)  # recorded calls stay: each scenario has its own numbers
    notes = Notes([] if healthy else ["the cluster or a service was NOT healthy when the scenario started (see the log above)"])
    load = Load(scenario_prefix(index, run))
    fenced_before, restarts_before = worker_log_lines(FENCED_LINE, RESTART_LINE)
    log(f"=== {name}: load at {RATE:g}/s, fault in {BEFORE:g} s")
    load.start()
    time.sleep(BEFORE)
    try:
        fault_end, recovered = FAULTS[name](notes)
    except Exception as error:  # the closest honest thing: keep counting what happened, say the fault went wrong
        fault_end = recovered = time.time()
        notes.append(f"FAULT INJECTION FAILED: {error}")
        log(f"  fault injection failed: {error}")
    fault_start = notes.started or fault_end
    load.stop_after(max(fault_end + AFTER, recovered + 10))
    load.join()
    log(f"=== {name}: load over ({len(load.results)} requests); waiting for verifications to settle")
    accepted = {r["phone"]: r["id"] for r in load.results if r["status"] == 202}
    final, unsettled = settle(accepted)
    # a fenced consumer stops its listener; the worker starts it again (StoppedConsumerRestart): say whether it did
    fenced_after, restarts_after = worker_log_lines(FENCED_LINE, RESTART_LINE)
    notes.append(f"worker logs during the scenario: {fenced_after - fenced_before} line(s) of a fenced "
                 f"consumer, {restarts_after - restarts_before} restart(s) of the request listener")
    return count(name, load, fault_start, fault_end, recovered, notes, final, unsettled)


# ---------------------------------------------------------------- report

def seconds(value):
    return "-" if value is None else f"{value:.1f}"


def print_block(s):
    t = lambda x: f"t={x - s['t0']:.1f}"
    print(f"\n--- {s['name']} ---")
    for note in s["notes"]:
        print(f"  fault: {note}")
    print(f"  fault from {t(s['fault_start'])} to {t(s['fault_end'])} s; recovery action done at {t(s['recovered'])}; "
          f"last request sent at {t(s['load_end'])}")
    other = ", ".join(f"{k}: {v}" for k, v in sorted(s["other"].items())) or "none"
    print(f"  requests sent {s['sent']}   202 {s['accepted']}   503 {s['s503']}   other statuses {other}")
    print(f"  calls placed {s['calls']}   duplicates {len(s['duplicates'])}   lost {len(s['lost'])}   "
          f"still pending at the end {len(s['unsettled'])}")
    if s["unsettled"]:
        print(f"    pending verifications by call status: {dict(s['pending_calls'])}")
    print(f"  verification status at the end: {dict(sorted(s['statuses'].items()))}")
    print(f"  numbers called although their request was refused (503 or other): {len(s['called_after_refusal'])}"
          + (f" e.g. {s['called_after_refusal'][:5]}" if s["called_after_refusal"] else ""))
    print(f"  placed calls with a webhook refused or undeliverable: {len(s['refused_callbacks'])}; "
          f"placed calls that never read the code: {len(s['no_code'])}; failed verifications without a call: "
          f"{s['failed_without_call']}")
    for call in s["refused_callbacks"][:3]:
        bad = [e["detail"] for e in call.get("events") or [] if webhook_failed(e)]
        print(f"    e.g. call {call.get('requestUuid')} to {call.get('to')}: sandbox status {call.get('status')}, {bad[:3]}")
    events = s["events"]
    if events is None:
        print("  lifecycle events: could not be read")
    else:
        print(f"  lifecycle events missing: requested {len(events['no_requested'])}, call_placed of a placed call "
              f"{len(events['no_placed'])}; repeated copies (same event id) {events['copies']}"
              + (f" e.g. {(events['no_requested'] + events['no_placed'])[:3]}" if events["no_requested"] or events["no_placed"] else ""))
    print("  failed/canceled reasons: " + (", ".join(f"{k} x{v}" for k, v in s["failures"].most_common()) or "none"))
    tried, approved = s["probe"]
    print(f"  approvals after lock (lock probe): {approved} of {tried} probed; approvals after expiry: not measured "
          "(expiry is 10 min)")
    gap202, at202 = s["gap_202"]
    gapcall, atcall = s["gap_call"]
    print(f"  recovery after the fault's end: first 202 after {seconds(s['recover_202'])} s, first call placed after "
          f"{seconds(s['recover_call'])} s")
    print(f"  longest gap without a 202: {gap202:.1f} s from {t(at202)}; without a placed call: {gapcall:.1f} s from {t(atcall)}")
    print(f"  longest 503 latency {seconds(s['max_503'])} s; longest 202 latency {s['max_202']:.1f} s")
    for phone in s["duplicates"][:5]:
        print(f"    duplicate: {phone}")
    for item in s["lost"][:10]:
        print(f"    lost: {item}")
    for phone, view in list(s["unsettled"].items())[:5]:
        print(f"    pending: {phone} {view.get('id')} status={view.get('status')} call={view.get('call')}")


def print_table(summaries):
    header = ["scenario", "sent", "202", "503", "other", "calls", "dup", "lost", "pending", "called after 503", "recov 202 s", "recov call s",
              "gap 202 s", "gap call s", "max 503 s", "events missing", "failed/canceled (reason x n)"]
    rows = []
    for s in summaries:
        rows.append([s["name"], s["sent"], s["accepted"], s["s503"], sum(s["other"].values()), s["calls"],
                     len(s["duplicates"]), len(s["lost"]), len(s["unsettled"]), len(s["called_after_refusal"]), seconds(s["recover_202"]),
                     seconds(s["recover_call"]), f"{s['gap_202'][0]:.1f}", f"{s['gap_call'][0]:.1f}", seconds(s["max_503"]),
                     "-" if s["events"] is None else len(s["events"]["no_requested"]) + len(s["events"]["no_placed"]),
                     ", ".join(f"{k.split(': ', 1)[1]} x{v}" for k, v in s["failures"].most_common()) or "-"])
    print("\n| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for row in rows:
        print("| " + " | ".join(str(cell) for cell in row) + " |")


def main():
    if not CLUSTER_DIR or not LAUNCHER_PID:
        print("set CLUSTER_DIR and LAUNCHER_PID (bench/fault-cluster.sh does)", file=sys.stderr)
        sys.exit(2)
    code, status = cluster("status", timeout=120)
    replicated, short = topics_replicated(status)
    log("topics at the start:\n" + "\n".join(line for line in status.splitlines() if line.startswith("topic ")))
    if not replicated:
        print(f"the services' topics are not all on 3 replicas: {short or 'none listed'}", file=sys.stderr)
        sys.exit(2)
    log("every partition of the otp.* topics has 3 replicas")
    names = [n.strip() for n in os.environ.get("FAULT_SCENARIOS", ",".join(ALL_SCENARIOS)).split(",") if n.strip()]
    run = random.randint(10, 99)
    summaries, incomplete = [], False
    for index, name in enumerate(names):
        try:
            summary = run_scenario(index, name, run)
        except SystemGone as gone:
            print(f"\nSTOPPED before {name}: {gone}; the scenarios from {name} on were not run")
            incomplete = True
            break
        print_block(summary)
        summaries.append(summary)
    print("\n=== summary" + (f" ({os.environ['FAULT_NOTE']})" if os.environ.get("FAULT_NOTE") else ""))
    print_table(summaries)
    bad = [s["name"] for s in summaries if s["duplicates"] or s["lost"]]
    print(f"\nscenarios with a duplicate or a lost verification: {', '.join(bad) or 'none'}")
    sys.exit(1 if bad else 2 if incomplete else 0)


if __name__ == "__main__":
    main()
