#!/usr/bin/env python3
"""Small helpers of bench/benchmark.sh (Python 3, standard library only).

  figures.py sum <metric> <url>...                    sum of a Prometheus metric's samples over all URLs
  figures.py histogram <metric> <out.json> <url>...   snapshot of a histogram's buckets (summed over the URLs)
  figures.py quantile <before.json> <after.json> <q>  quantile (seconds) of what was recorded between two snapshots
  figures.py wrk <wrk-output-file>                    req/s, p50, p99 (ms) and errors of a wrk run, as key=value
  figures.py redis-stats <before> <after> <seconds>   commands/s and the busiest commands from two `info commandstats`
  figures.py stage-max <samples> <stage> <process>  most RSS (MiB) of a process in one stage of an RSS sample file
  figures.py summary <results-file>                   the final tables, every figure also as a ratio to the guide's

A metric is named as Prometheus exports it (otp_calls_placed_total); a suffix {label="value",...} keeps only
the samples with those labels. Unreachable URLs count as zero, so that a phase still prints what it has.
"""
import json
import math
import re
import sys
import urllib.request

SAMPLE = re.compile(r'^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})?\s+(\S+)')
LABEL = re.compile(r'(\w+)="((?:[^"\\]|\\.)*)"')


def scrape(url):
    """The page, or None when it did not answer three times (a busy JVM can take seconds)."""
    for _ in range(3):
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                return response.read().decode()
        except OSError:
            continue
    return None


def samples(text, name, wanted):
    for line in text.splitlines():
        match = SAMPLE.match(line)
        if not match or match.group(1) != name:
            continue
        labels = dict(LABEL.findall(match.group(2) or ""))
        if all(labels.get(k) == v for k, v in wanted.items()):
            yield labels, float(match.group(3))


def parse_metric(spec):
    name, _, rest = spec.partition("{")
    return name, dict(LABEL.findall(rest))


def cmd_sum(metric, *urls):
    name, wanted = parse_metric(metric)
    pages = [scrape(url) for url in urls]
    if any(page is None for page in pages):
        print("-")
        return
    total = sum(value for page in pages for _, value in samples(page, name, wanted))
    print(f"{total:.0f}")


def cmd_histogram(metric, out, *urls):
    name, wanted = parse_metric(metric)
    buckets = {}
    for url in urls:
        for labels, value in samples(scrape(url) or "", name + "_bucket", wanted):
            le = labels.get("le")
            buckets[le] = buckets.get(le, 0.0) + value
    with open(out, "w") as f:
        json.dump(buckets, f)


def bound(le):
    return math.inf if le == "+Inf" else float(le)


def cmd_quantile(before_file, after_file, q):
    before, after = (json.load(open(f)) for f in (before_file, after_file))
    delta = sorted(((bound(le), after[le] - before.get(le, 0.0)) for le in after), key=lambda item: item[0])
    if not delta or delta[-1][1] <= 0:
        print("-")
        return
    target = float(q) * delta[-1][1]
    previous_bound, previous_count = 0.0, 0.0
    for upper, count in delta:
        if count >= target:
            if math.isinf(upper):
                print(f">{previous_bound:.4f}")  # beyond the last finite bucket: its bound is all we know
            else:
                share = (target - previous_count) / (count - previous_count) if count > previous_count else 1.0
                print(f"{previous_bound + share * (upper - previous_bound):.4f}")
            return
        previous_bound, previous_count = upper, count
    print("-")


def to_ms(text):
    match = re.match(r"([\d.]+)(us|ms|s|m)$", text)
    if not match:
        return None
    factor = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[match.group(2)]
    return float(match.group(1)) * factor


def cmd_wrk(path):
    text = open(path).read()
    rps = re.search(r"^Requests/sec:\s+([\d.]+)", text, re.M)
    out = {"rps": f"{float(rps.group(1)):.0f}" if rps else "-"}
    for pct in ("50", "99"):
        match = re.search(rf"^\s+{pct}(?:\.000)?%\s+(\S+)", text, re.M)
        value = to_ms(match.group(1)) if match else None
        out["p" + pct] = f"{value:.1f}" if value is not None else "-"
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
    errors = re.search(r"Socket errors: (.*)", text)
    out["non2xx"] = non2xx.group(1) if non2xx else "0"
    out["errors"] = errors.group(1).replace(" ", "") if errors else "none"
    print(" ".join(f"{k}={v}" for k, v in out.items()))


def commandstats(path):
    stats = {}
    for line in open(path):
        match = re.match(r"cmdstat_(\w+):calls=(\d+)", line.strip())
        if match:
            stats[match.group(1)] = int(match.group(2))
    return stats


def cmd_redis_stats(before_file, after_file, seconds):
    before, after = commandstats(before_file), commandstats(after_file)
    seconds = float(seconds)
    deltas = {cmd: after[cmd] - before.get(cmd, 0) for cmd in after}
    total = sum(deltas.values())
    top = sorted(((d, cmd) for cmd, d in deltas.items() if d > 0), reverse=True)[:5]
    busiest = ",".join(f"{cmd}:{d / seconds:.0f}" for d, cmd in top) or "none"
    print(f"commands_per_s={total / seconds:.0f} busiest={busiest}")


def print_waiting_cost(get):
    """What the backlog adds to the worker, against the same pace with nothing waiting, beside the absolute figure:
    the target (under 5 % of a core and under 50 Redis commands/s beyond the calls placed) is about what waiting
    costs; the calls themselves, placed by code still being compiled, cost the same with or without a backlog."""
    try:
        cpu = float(get("backlog.worker_cpu")) - float(get("backlog.baseline.worker_cpu"))
        redis = float(get("backlog.redis_cmds")) - float(get("backlog.baseline.redis_cmds"))
    except ValueError:
        return
    print(f"  what waiting adds beyond the calls: worker {cpu:+.1f} points of a core (target under 5), Redis "
          f"{redis:+.0f} commands/s (target under 50); the worker in all, waiting: {get('backlog.worker_cpu')} % of a "
          f"core, {get('backlog.worker_jit_cpu')} of it compiling")


def cmd_stage_max(path, stage, process):
    """Sample files hold lines `<process>=<MiB> <process>.anon=<MiB> ...`; a line `STAGE <name>` starts a stage."""
    current, most = None, None
    for line in open(path):
        if line.startswith("STAGE "):
            current = line.split()[1]
            continue
        if current != stage:
            continue
        for pair in line.split():
            name, _, value = pair.partition("=")
            if name == process and value.isdigit():
                most = max(most or 0, int(value))
    print("-" if most is None else most)


def print_plivo_stages(get, services):
    stages = ("normal", "slow", "unreachable", "back")
    print()
    print(f"While Plivo is slow ({get('plivo.delay_ms')} ms per Call API answer), then unreachable (the sandbox "
          f"stopped), then back: {get('plivo.rate')} requests/s throughout, pacing off, {get('plivo.seconds')} s "
          f"per stage (normal: 60 s)")
    print(f"{'stage':<14}{'accepted/s':>12}{'gateway p99 ms':>16}{'calls placed':>14}{'retries':>10}"
          f"{'waiting in Kafka at the end':>30}")
    for stage in stages:
        print(f"{stage:<14}{get(f'plivo.{stage}.accepted_per_s'):>12}{get(f'plivo.{stage}.gateway_p99'):>16}"
              f"{get(f'plivo.{stage}.placed'):>14}{get(f'plivo.{stage}.retries'):>10}{get(f'plivo.{stage}.waiting'):>30}")
    print("Most RSS (MiB) in each stage; growth: the most while Plivo is slow or unreachable against normal")
    print(f"{'process':<18}" + "".join(f"{stage:>13}" for stage in stages) + f"{'growth':>9}")
    for s in services:
        values = [get(f"plivo.{stage}.rss.{s}") for stage in stages]
        try:
            growth = f"{max(int(v) for v in values[1:3]) - int(values[0]):+d}"
        except ValueError:
            growth = "-"
        print(f"{s:<18}" + "".join(f"{v:>13}" for v in values) + f"{growth:>9}")
    print(f"requests accepted {get('plivo.accepted')}; their verifications, {get('plivo.settled_after')} s after the "
          f"last stage: {get('plivo.outcomes')}")


def warm_up_rows(r, label, ours, guide):
    """One row per recorded warm-up window (benchmark.sh's warm_up): the rate of each, so the summary shows how
    each system got to its measured figure."""
    rows, i, start = [], 1, 0
    while f"ours.{ours}_warm{i}.rps" in r or f"ref.{guide}_warm{i}.rps" in r:
        seconds = int(r.get(f"ours.{ours}_warm{i}.seconds") or r.get(f"ref.{guide}_warm{i}.seconds") or 0)
        rows.append((f"{label} req/s, warm-up {start}-{start + seconds} s", f"ours.{ours}_warm{i}.rps",
                     f"ref.{guide}_warm{i}.rps", ""))
        i, start = i + 1, start + seconds
    return rows


def best_window(r, prefix, name):
    """The fastest of a path's warm-up windows and its measured window: a ratio of bests does not hang on one
    system's measured window falling into a slow minute of the machine."""
    rates = [float(v) for k, v in r.items()
             if (k == f"{prefix}.{name}.rps" or re.fullmatch(rf"{re.escape(prefix)}\.{name}_warm\d+\.rps", k))
             and re.fullmatch(r"[\d.]+", v)]
    return f"{max(rates):.0f}" if rates else "-"


def cmd_summary(path):
    r = {}
    for line in open(path):
        key, _, value = line.rstrip("\n").partition("=")
        if key:
            r[key] = value

    def get(key):
        return r.get(key, "-") or "-"

    def ratio(ours, guide):
        try:
            return f"{float(ours) / float(guide):.2f}"
        except (ValueError, ZeroDivisionError):
            return "-"

    print(f"Throughput and latency (wrk -t{get('threads')} -c{get('connections')}; ratio = voice-otp / guide: "
          f"above 1 is better for req/s, below 1 is better for latency)")
    print(f"{'figure':<44}{'voice-otp':>12}{'guide':>12}{'ratio':>8}")
    rows = [
        ("dispatch req/s, first 10 s after start", "ours.dispatch_cold.rps", "ref.dispatch_cold.rps", ""),
        *warm_up_rows(r, "dispatch", "dispatch", "dispatch"),
        ("dispatch req/s (after the warm-up)", "ours.dispatch.rps", "ref.dispatch.rps", ""),
        ("dispatch p50 (ms)", "ours.dispatch.p50", "ref.dispatch.p50", ""),
        ("dispatch p99 (ms)", "ours.dispatch.p99", "ref.dispatch.p99", ""),
        ("dispatch at half load: achieved req/s", "ours.dispatch_half.rps", "ref.dispatch_half.rps", ""),
        ("dispatch at half load: p99 (ms)", "ours.dispatch_half.p99", "ref.dispatch_half.p99", ""),
        *warm_up_rows(r, "check", "check", "verify"),
        ("check req/s", "ours.check.rps", "ref.verify.rps", ""),
        ("check p50 (ms)", "ours.check.p50", "ref.verify.p50", ""),
        ("check p99 (ms)", "ours.check.p99", "ref.verify.p99", ""),
        ("check at half load: achieved req/s", "ours.check_half.rps", "ref.verify_half.rps", ""),
        ("check at half load: p99 (ms)", "ours.check_half.p99", "ref.verify_half.p99", ""),
    ]
    def row(label, ours, guide):
        print(f"{label:<44}{ours:>12}{guide:>12}{ratio(ours, guide):>8}")

    for label, ours, guide, _ in rows:
        row(label, get(ours), get(guide))
    for label, ours, guide in (("dispatch req/s, best window", "dispatch", "dispatch"),
                               ("check req/s, best window", "check", "verify")):
        row(label, best_window(r, "ours", ours), best_window(r, "ref", guide))
    if "bare.dispatch.rps" in r:
        # the bare stack's figures sit in the voice-otp column: the ceiling of the gateway's stack, beside the gateway
        label = f"bare stack ({get('bare.redis')} script): dispatch"
        row(label + " req/s", get("bare.dispatch.rps"), get("ref.dispatch.rps"))
        row(label + " p99 (ms)", get("bare.dispatch.p99"), get("ref.dispatch.p99"))
        print(f"  voice-otp's dispatch is {ratio(get('ours.dispatch.rps'), get('bare.dispatch.rps'))} of the bare stack's rate")
    elif "bare.note" in r:
        print(f"  bare stack: {r['bare.note']}")
    print(f"{'CPU ms per dispatch (JVMs / node; no Redis)':<44}{get('ours.dispatch.cpu_ms_per_request'):>12}"
          f"{get('ref.dispatch.cpu_ms_per_request'):>12}"
          f"{ratio(get('ours.dispatch.cpu_ms_per_request'), get('ref.dispatch.cpu_ms_per_request')):>8}")
    print(f"{'failures (non-2xx, socket errors)':<44}{get('ours.failures'):>12}{get('ref.failures'):>12}")
    print(f"{'memory under load (MiB RSS, all processes)':<44}{get('ours.rss_total'):>12}{get('ref.rss'):>12}"
          f"{ratio(get('ours.rss_total'), get('ref.rss')):>8}")
    if "ref.note" in r:
        print(f"  guide: {r['ref.note']}")

    services = [s for s in get("services").split(",") if s and s != "-"]
    if services:
        print()
        print("Memory (MiB RSS) and start-up (s from JVM start to ready; CPU s used by then)")
        print(f"{'process':<18}{'idle':>8}{'load max':>10}{'(anon)':>8}{'after':>8}{'start, all at once':>20}"
              f"{'start alone':>13}{'CPU alone':>11}")
        for s in services:
            print(f"{s:<18}{get('rss.idle.' + s):>8}{get('rss.load.' + s):>10}{get('rss.load_anon.' + s):>8}"
                  f"{get('rss.after.' + s):>8}"
                  f"{get('start.parallel.' + s):>20}{get('start.alone.' + s):>13}{get('start.alone_cpu.' + s):>11}")
        print(f"./run-local: build {get('start.build')} s, then ready after {get('start.ready')} s "
              f"({get('start.aot')}); started one at a time: ready after {get('start.sequential_ready')} s")

    if "backlog.requests" in r:
        print()
        print(f"Paced worker: {get('backlog.requests')} requests waiting, calls paced at {get('backlog.pace')}/s, "
              f"against the same pace with nothing waiting (30 s windows unless marked)")
        print(f"{'':<22}{'calls/s':>9}{'worker CPU %':>14}{'of it JIT %':>13}{'all JVMs %':>12}{'Redis cmds/s':>14}  busiest")
        windows = [("no backlog", "backlog.baseline"), ("backlog waiting", "backlog")]
        if "backlog.late.worker_cpu" in r:
            windows.append(("backlog, later", "backlog.late"))
        if "backlog.steady.worker_cpu" in r:
            windows.append(("backlog, steady (60 s)", "backlog.steady"))
        for label, prefix in windows:
            print(f"{label:<22}{get(prefix + '.calls_per_s'):>9}{get(prefix + '.worker_cpu'):>14}"
                  f"{get(prefix + '.worker_jit_cpu'):>13}{get(prefix + '.all_cpu'):>12}{get(prefix + '.redis_cmds'):>14}"
                  f"  {get(prefix + '.redis_busiest')}")
        print(f"  backlog windows start {get('backlog.after_ready')} s, {get('backlog.late.after_ready')} s and "
              f"{get('backlog.steady.after_ready')} s after the system was ready; still waiting after them: "
              f"{get('backlog.waiting')}, {get('backlog.late.waiting')}, {get('backlog.steady.waiting')}")
        print_waiting_cost(get)

    workers = [n for n in ("1", "2", "3") if f"workers.{n}.max_calls_per_s" in r or f"workers.{n}.paced_p99" in r]
    if workers:
        print()
        print("Worker throughput (pacing off, the sandbox answering at once)")
        at = f"at {get('workers.rate')}/s"
        print(f"{'workers':<9}{'calls placed/s (max)':>22}{'gateway accepted/s':>20}{'backlog peak':>14}"
              f"{'calls/s ' + at:>18}{'request->placed p99 (ms) ' + at:>36}")
        for n in workers:
            print(f"{n:<9}{get(f'workers.{n}.max_calls_per_s'):>22}{get(f'workers.{n}.accepted_per_s'):>20}"
                  f"{get(f'workers.{n}.backlog_peak'):>14}{get(f'workers.{n}.paced_calls_per_s'):>18}"
                  f"{get(f'workers.{n}.paced_p99'):>36}")

        def window_p99s(n, kind):
            """The p99 of each numbered 30 s window (workers.<n>.paced_<kind><i>_p99), in order."""
            keys = (f"workers.{n}.paced_{kind}{i}_p99" for i in range(1, 100))
            return [r[key] for key in keys if key in r]

        for n in workers:
            warm = window_p99s(n, "warm")
            if warm:
                print(f"  {n} worker(s), request->placed p99 in the 30 s warm-up windows {at} before it: "
                      + ", ".join(warm) + " ms")
            measured = window_p99s(n, "window")
            if measured:
                print(f"  {n} worker(s), request->placed p99 in each measured 30 s window {at}: " + ", ".join(measured)
                      + " ms (the table: the p99 over all their calls)")
        notes = [r[k] for k in sorted(r) if k.startswith("workers.") and k.endswith(".note")]
        for note in notes:
            print("  " + note)

    if "plivo.normal.placed" in r:
        print_plivo_stages(get, services)


def main():
    if len(sys.argv) < 2:
        print(__doc__)
        sys.exit(2)
    command, args = sys.argv[1].replace("-", "_"), sys.argv[2:]
    globals()["cmd_" + command](*args)


if __name__ == "__main__":
    main()
