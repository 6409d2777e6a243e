#!/usr/bin/env python3
"""Attack run: tries what an attacker would against a running local system and counts what got through.

Start the system first (./run-local, default ports), then: python3 bench/attack-run.py [scenario ...]
Only the Python standard library is used. Each scenario prints what it tried, what got through, and the most
that may get through; the script exits 1 if any scenario let more through than allowed.

Scenarios: records published straight to Kafka (unsigned, forged, hijacking another verification's id, the
placeholder id, another app's name, premium numbers, dated years ahead; needs KAFKA_BOOTSTRAP_SERVERS, and
VOICE_OTP_DIRECT_SECRET for the direct publisher's cases), sequential and parallel code guessing, the per-number failure budget across new codes, reading,
checking and canceling another app's verification, forged and replayed Plivo webhooks, premium-rate and other
high-risk destinations, floods from one client IP and one number prefix, resend floods for one number, and a
flood of checks from one client address.
"""
import concurrent.futures
import json
import os
import random
import re
import subprocess
import sys
import time
import uuid
import urllib.error
import urllib.request

GATEWAY = f"http://localhost:{os.environ.get('GATEWAY_PORT', '8080')}"
WORKER = f"http://localhost:{os.environ.get('WORKER_PORT', '8081')}"
VERIFIER = f"http://localhost:{os.environ.get('VERIFIER_PORT', '8082')}"
# each service's actuator listens on its port + 1000 (the launcher's and compose's convention)
GATEWAY_MANAGEMENT = f"http://localhost:{int(os.environ.get('GATEWAY_PORT', '8080')) + 1000}"
SANDBOX = f"http://localhost:{os.environ.get('SANDBOX_PORT', '8090')}"
KEY_A = os.environ.get("VOICE_OTP_DEMO_API_KEY", "local-demo-key")
KEY_B = os.environ.get("VOICE_OTP_SECOND_API_KEY", "local-second-key")
RUN = random.randint(100, 899)  # keeps numbers of one run apart from earlier runs on the same Redis

results = []


def http(method, url, body=None, key=KEY_A, headers=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method)
    if key:
        request.add_header("Authorization", f"Bearer {key}")
    if body is not None:
        request.add_header("Content-Type", "application/json")
    for name, value in (headers or {}).items():
        request.add_header(name, value)
    try:
        with urllib.request.urlopen(request, timeout=15) as response:
            return response.status, parse(response.read()), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, parse(error.read()), dict(error.headers)


def parse(raw):
    try:
        return json.loads(raw) if raw else {}
    except ValueError:
        return {"raw": raw.decode(errors="replace")}


def number(block, i):
    """A valid US number of this run: +1 415, an exchange made of the scenario's block (2-9) and the run, then i."""
    return f"+1415{block + 1}{RUN % 100:02d}{i:04d}"


def request(phone, key=KEY_A):
    status, body, headers = http("POST", f"{GATEWAY}/v1/verifications", {"phoneNumber": phone}, key)
    if status == 202:
        _ids[phone] = body["id"]
    return status, body, headers


def heard_code(phone, timeout=30):
    deadline = time.time() + timeout
    while time.time() < deadline:
        status, calls, _ = http("GET", f"{SANDBOX}/sandbox/calls?to={urllib.request.quote(phone)}", key=None)
        for call in reversed(calls if isinstance(calls, list) else []):
            found = re.search(r"\b(\d(?: ?\d){3,9})\b", call.get("spokenText") or "")
            if found:
                return found.group(1).replace(" ", ""), call
        time.sleep(0.3)
    return None, None


def check(verification_id, code, key=KEY_A):
    return http("POST", f"{VERIFIER}/v1/verifications/{verification_id}/checks", {"code": code}, key)


def wrong(code):
    return next(c for c in ("000000", "111111", "222222") if c != code)


def report(name, tried, got_through, allowed, note=""):
    ok = got_through <= allowed
    results.append(ok)
    print(f"{'PASS' if ok else 'FAIL'}  {name:<58} tried {tried:>4}  got through {got_through:>4}  (allowed {allowed}) {note}")


def wrong_codes(code, count):
    return [c for c in (f"{g:06d}" for g in random.sample(range(1000000), count + 1)) if c != code][:count]


def sequential_guessing():
    phone = number(1, 1)
    status, body, _ = request(phone)
    code, _ = heard_code(phone)
    still_pending = 0
    for guess in wrong_codes(code, 20):
        s, reply, _ = check(body["id"], guess)
        still_pending += reply.get("status") == "pending"
    s, reply, _ = check(body["id"], code)
    report("sequential guessing: wrong codes answered while still pending", 20, still_pending, 4,
           "(the 5th wrong code locks)")
    report("sequential guessing: right code after lock approves", 1, int(bool(reply.get("valid"))), 0)


def parallel_guessing():
    phone = number(2, 1)
    status, body, _ = request(phone)
    code, _ = heard_code(phone)
    guesses = wrong_codes(code, 200)
    with concurrent.futures.ThreadPoolExecutor(32) as pool:
        replies = list(pool.map(lambda g: check(body["id"], g)[1], guesses))
    still_pending = sum(1 for r in replies if r.get("status") == "pending")
    approved = sum(1 for r in replies if r.get("valid"))
    report("parallel guessing (200 in 32 threads): wrong codes accepted", len(guesses), approved, 0)
    report("parallel guessing: answered while still pending", len(guesses), still_pending, 4,
           "(the 5th wrong code locks)")
    s, reply, _ = check(body["id"], code)
    report("parallel guessing: right code after lock approves", 1, int(bool(reply.get("valid"))), 0)


def failure_budget():
    phone = number(3, 1)
    evaluated = 0
    tried = 0
    for round_ in range(4):
        status, body, _ = request(phone)
        if status != 202:
            print(f"      new code {round_ + 1}: gateway answered {status}")
            break
        code, _ = heard_code(phone)
        for guess in wrong_codes(code, 5):
            tried += 1
            s, reply, _ = check(body["id"], guess)
            # answered "pending": the guess was compared and the attacker may keep guessing
            evaluated += s == 200 and reply.get("status") == "pending"
        if round_ < 3:
            time.sleep(float(os.environ.get("ATTACK_RESEND_WAIT", "31")))  # past the resend cooldown: a new code
    report("failure budget: guesses answered 'pending' over 4 new codes", tried, evaluated, 8,
           "(5 per code lock it; a budget of 10 per number per hour stops the 3rd code)")


def cross_app():
    phone = number(4, 1)
    status, body, _ = request(phone)
    code, _ = heard_code(phone)
    vid = body["id"]
    got = 0
    s, _, _ = http("GET", f"{GATEWAY}/v1/verifications/{vid}", key=KEY_B)
    got += s == 200
    s, reply, _ = check(vid, code, key=KEY_B)
    got += bool(reply.get("valid"))
    s, _, _ = http("POST", f"{GATEWAY}/v1/verifications/{vid}/cancel", {}, key=KEY_B)
    got += s == 200
    s, reply, _ = http("GET", f"{GATEWAY}/v1/verifications/{vid}")
    report("cross-app: read, check and cancel another app's verification", 3, got, 0,
           f"(owner still sees {reply.get('status')})")


def forged_webhooks():
    phone = number(5, 1)
    request(phone)
    _, call = heard_code(phone)
    answer_url = (call or {}).get("answerUrl") or ""
    token = answer_url.rstrip("/").split("/")[-1] if answer_url else "unknown-token"
    got = 0
    form = "CallUUID=forged&CallStatus=completed&From=14155550100&To=" + phone.lstrip("+")
    for path, headers in ((f"/plivo/answer/{token}", {}),
                          (f"/plivo/hangup/{token}", {"X-Plivo-Signature-V3": "Zm9yZ2Vk", "X-Plivo-Signature-V3-Nonce": "1"}),
                          (f"/plivo/answer/{token}", {"X-Plivo-Signature-V3": "", "X-Plivo-Signature-V3-Nonce": ""})):
        req = urllib.request.Request(WORKER + path, data=form.encode(), method="POST")
        req.add_header("Content-Type", "application/x-www-form-urlencoded")
        for k, v in headers.items():
            req.add_header(k, v)
        try:
            with urllib.request.urlopen(req, timeout=10):
                got += 1
        except urllib.error.HTTPError as error:
            got += error.code < 400
    report("forged webhooks (no or bad V3 signature) accepted", 3, got, 0)
    if call and call.get("requestUuid"):
        before = http("GET", f"{GATEWAY}/v1/verifications/{current_id(phone)}")[1]
        s, reply, _ = http("POST", f"{SANDBOX}/sandbox/calls/{call['requestUuid']}/replay-last-callback", {}, key=None)
        after = http("GET", f"{GATEWAY}/v1/verifications/{current_id(phone)}")[1]
        report("replayed webhook (same nonce and body) changed the verification", 1, int(before != after), 0,
               f"(sandbox replay answered {reply})")


_ids = {}


def current_id(phone):
    return _ids.get(phone)


def premium_destinations():
    numbers = {"UK premium rate": "+449098790000", "US premium rate (900)": "+19005550123",
               "UK shared cost": "+448431234567", "UK personal number": "+447012345678",
               "Latvia premium rate": "+37190012345", "satellite (Inmarsat)": "+870773111632"}
    got = 0
    for name, phone in numbers.items():
        s, body, _ = request(phone)
        got += s == 202
        print(f"      {name:<24} {phone:<15} -> {s} {body.get('detail') or body.get('title') or ''}")
    report("premium-rate and high-risk destinations accepted", len(numbers), got, 0)


def flood(name, numbers, allowed):
    statuses = []
    with concurrent.futures.ThreadPoolExecutor(16) as pool:
        statuses = list(pool.map(lambda p: request(p)[0], numbers))
    accepted = statuses.count(202)
    report(name, len(numbers), accepted, allowed, f"(429: {statuses.count(429)}, other: "
           f"{len(statuses) - accepted - statuses.count(429)})")


def resend_flood():
    phone = number(7, 1)
    ids = set()
    for _ in range(20):
        s, body, _ = request(phone)
        if s == 202:
            ids.add(body["id"])
    time.sleep(3)
    status, calls, _ = http("GET", f"{SANDBOX}/sandbox/calls?to={urllib.request.quote(phone)}", key=None)
    report("resend flood (20 requests, one number, inside the cooldown): calls", 20, len(calls), 1,
           f"(distinct ids {len(ids)})")


def check_flood():
    """Id probing from one address: the verifier's per-address limit answers 429 once its window is spent."""
    ids = [str(uuid.uuid4()) for _ in range(200)]
    with concurrent.futures.ThreadPoolExecutor(16) as pool:
        statuses = list(pool.map(lambda i: check(i, "123456")[0], ids))
    answered = len(statuses) - statuses.count(429)
    report("check flood from one client address (200 unknown ids): answered", len(ids), answered,
           int(os.environ.get("ATTACK_CHECK_IP_ALLOWED", "120")), f"(429: {statuses.count(429)})")


def management_surface():
    """Metrics, health and the actuator index on the public ports (the worker's serves only /plivo/**)."""
    probes = [f"{base}{path}" for base in (GATEWAY, WORKER, VERIFIER)
              for path in ("/actuator", "/actuator/prometheus", "/actuator/health", "/actuator/env")]
    served = [url for url in probes if http("GET", url, key=None)[0] == 200]
    report("management endpoints on the public ports", len(probes), len(served), 0, " ".join(served))


REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# what the verifier checks in place of a number's verification when it has none (CodeChecker.NO_VERIFICATION): a
# record must never create a verification under it
PLACEHOLDER_ID = "no verification"


def publish_records(bootstrap, records):
    """Publishes crafted records with bench/KafkaRecords.java (acks=all); True for each record Kafka took."""
    class_path = open(os.path.join(REPO, "local-launcher", "target", "runtime-classpath.txt")).read().strip()
    java = os.path.join(os.environ.get("JAVA_HOME", "/usr"), "bin", "java")
    lines = "".join(json.dumps(record) + "\n" for record in records)
    done = subprocess.run([java, "-cp", class_path, os.path.join(REPO, "bench", "KafkaRecords.java"), bootstrap],
                          input=lines, capture_output=True, text=True, timeout=180)
    return [line.startswith("sent ") for line in done.stdout.splitlines()]


def otp_record(verification_id, app, phone, requested_at=None, minutes=10):
    at = requested_at or time.time()
    stamp = lambda t: time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))
    return json.dumps({"version": 1, "verificationId": verification_id, "appId": app, "phoneNumber": phone,
                       "locale": "en-US", "requestedAt": stamp(at), "expiresAt": stamp(at + 60 * minutes)})


def calls_to(phone):
    status, calls, _ = http("GET", f"{SANDBOX}/sandbox/calls?to={urllib.request.quote(phone)}", key=None)
    return calls if status == 200 and isinstance(calls, list) else []


def kafka_records():
    """Records published straight to Kafka by someone without the gateway's secret (and, with
    VOICE_OTP_DIRECT_SECRET, by the second demo app with its own): none may call anyone but a well-formed
    request of the app itself, screened like REST. Needs KAFKA_BOOTSTRAP_SERVERS (the ready line's Kafka)."""
    bootstrap = os.environ.get("KAFKA_BOOTSTRAP_SERVERS")
    if not bootstrap:
        print("SKIP  kafka_records: set KAFKA_BOOTSTRAP_SERVERS to the local run's Kafka (its ready line shows it)")
        return
    direct_secret = os.environ.get("VOICE_OTP_DIRECT_SECRET", "")
    forged = "x" * 40  # a secret nobody configured
    # a real verification of the demo app, whose id the records below try to hijack
    victim = number(6, 1)
    request(victim)
    victim_id = current_id(victim)
    cases = [  # (what, topic, app, id, phone, secret, requested at)
        ("internal topic, unsigned", "otp.requests.v1", "demo", str(uuid.uuid4()), number(6, 10), "", None),
        ("internal topic, signed with a made-up secret", "otp.requests.v1", "demo", str(uuid.uuid4()), number(6, 11), forged, None),
        ("internal topic, the victim's id with the attacker's number", "otp.requests.v1", "demo", victim_id, number(6, 12), "", None),
        ("internal topic, the placeholder id", "otp.requests.v1", "demo", PLACEHOLDER_ID, number(6, 13), "", None),
        ("direct topic, unsigned", "otp.requests.direct.v1", "demo-two", str(uuid.uuid4()), number(6, 14), "", None),
        ("direct topic, signed with a made-up secret", "otp.requests.direct.v1", "demo-two", str(uuid.uuid4()), number(6, 15), forged, None),
    ]
    if direct_secret:
        cases += [
            ("internal topic, signed with an app's own secret", "otp.requests.v1", "demo-two", str(uuid.uuid4()), number(6, 16),
             direct_secret, None),
            ("direct topic, demo-two's secret naming the demo app", "otp.requests.direct.v1", "demo", str(uuid.uuid4()),
             number(6, 17), direct_secret, None),
            ("direct topic, the victim's id with the attacker's number", "otp.requests.direct.v1", "demo-two", victim_id,
             number(6, 18), direct_secret, None),
            ("direct topic, the placeholder id", "otp.requests.direct.v1", "demo-two", PLACEHOLDER_ID, number(6, 19), direct_secret, None),
            ("direct topic, a premium-rate number", "otp.requests.direct.v1", "demo-two", str(uuid.uuid4()), "+19005550123",
             direct_secret, None),
            # a signed record read again after its id's verification is gone (a copy kept, a group reset)
            ("direct topic, requested two hours ago", "otp.requests.direct.v1", "demo-two", str(uuid.uuid4()), number(6, 20),
             direct_secret, time.time() - 2 * 3600),
            ("direct topic, requested ten years ahead", "otp.requests.direct.v1", "demo-two", str(uuid.uuid4()), number(6, 21),
             direct_secret, time.time() + 10 * 365 * 86400),
        ]
    # requests that may call: they must be screened and live no longer than ten minutes from their acceptance
    control_id, future_id = str(uuid.uuid4()), str(uuid.uuid4())
    allowed = []
    if direct_secret:
        allowed = [("direct topic, a well-formed request (control)", control_id, number(6, 30), None),
                   ("direct topic, requested four minutes ahead", future_id, number(6, 31), time.time() + 4 * 60)]
    records = [{"topic": topic, "key": phone, "value": otp_record(vid, app, phone, at), "secret": secret}
               for _, topic, app, vid, phone, secret, at in cases]
    records += [{"topic": "otp.requests.direct.v1", "key": phone, "value": otp_record(vid, "demo-two", phone, at),
                 "secret": direct_secret} for _, vid, phone, at in allowed]
    sent = publish_records(bootstrap, records)
    print(f"      {sum(sent)} of {len(records)} records published")
    time.sleep(float(os.environ.get("ATTACK_KAFKA_WAIT", "15")))
    called = []
    for what, _, _, _, phone, _, _ in cases:
        n = len(calls_to(phone))
        print(f"      {what:<62} {phone:<14} calls {n}")
        if n:
            called.append(what)
    report("crafted Kafka records that placed a call", len(cases), len(called), 0)
    if allowed:
        control_calls = len(calls_to(allowed[0][2]))
        report("a well-formed direct request of the app itself is called (control)", 1, control_calls, 1,
               "(must be exactly 1)" if control_calls != 1 else "")
        if control_calls != 1:
            results[-1] = False
        s, body, _ = http("GET", f"{GATEWAY}/v1/verifications/{future_id}", key=KEY_B)
        created = body.get("createdAt")
        expires = body.get("expiresAt")
        lifetime = None
        if s == 200 and created and expires:
            parse_time = lambda t: time.mktime(time.strptime(t[:19], "%Y-%m-%dT%H:%M:%S"))
            lifetime = parse_time(expires) - parse_time(created)
        print(f"      request dated four minutes ahead: GET -> {s}, lifetime {lifetime} s")
        report("a direct request dated ahead lives longer than ten minutes", 1,
               int(lifetime is not None and lifetime > 600), 0)
    s, body, _ = http("GET", f"{GATEWAY}/v1/verifications/{victim_id}")
    print(f"      the victim's verification: {s} {body.get('phoneNumber') or body.get('maskedPhoneNumber') or ''}")
    victim_hijacked = sum(len(calls_to(phone)) for _, _, _, vid, phone, _, _ in cases if vid == victim_id)
    report("the victim's code read to another phone", 1, victim_hijacked, 0)


def main():
    status, _, _ = http("GET", f"{GATEWAY_MANAGEMENT}/actuator/health", key=None)
    if status != 200:
        sys.exit(f"the gateway at {GATEWAY} is not up: start ./run-local first")
    scenarios = {
        "management_surface": management_surface,
        "kafka_records": kafka_records,
        "sequential_guessing": sequential_guessing,
        "parallel_guessing": parallel_guessing,
        "cross_app": cross_app,
        "forged_webhooks": forged_webhooks,
        "premium_destinations": premium_destinations,
        "resend_flood": resend_flood,
        # before the floods, which spend this client address's request budget
        "failure_budget": failure_budget,
        "prefix_flood": lambda: flood("flood from one number prefix (60 numbers, last 2 digits differ)",
                                      [number(8, 100 + i) for i in range(60)],
                                      int(os.environ.get("ATTACK_PREFIX_ALLOWED", "10"))),
        "check_flood": check_flood,
        "ip_flood": lambda: flood("flood from one client IP (300 numbers, all prefixes differ)",
                                  [f"+1646{random.randint(2, 9)}{random.randint(0, 999999):06d}" for _ in range(300)],
                                  int(os.environ.get("ATTACK_IP_ALLOWED", "100"))),
    }
    chosen = sys.argv[1:] or list(scenarios)
    for name in chosen:
        scenarios[name]()
    print(f"\n{results.count(True)} of {len(results)} scenarios held")
    sys.exit(0 if all(results) else 1)


if __name__ == "__main__":
    main()
