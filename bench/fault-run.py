#!/usr/bin/env python3
"""Fault run: load with Plivo faults and busy / no-answer / voicemail outcomes, then count calls per verification.

Start the system first (./run-local, default ports, the Plivo sandbox), then: python3 bench/fault-run.py [N]
Only the Python standard library is used. The run tells the sandbox (its scenario API) to answer some Call API
requests with 500, 429 or a response slower than the worker's read timeout, and makes some numbers busy, not
answering or answered by a machine. It then sends N verification requests (default 120) and waits until every
one has settled. API-fault rules are newer than the per-number rules, so a number whose request meets one is
answered (the fault rule's callee answers). It exits 1 when any verification got two calls, ended with no call and no visible reason
(lost), or had its code read to an answering machine.
"""
import collections
import concurrent.futures
import os
import random
import re
import sys
import time
import urllib.request

from fault_runs import http_json, placed, settled

GATEWAY = f"http://localhost:{os.environ.get('GATEWAY_PORT', '8080')}"
SANDBOX = f"http://localhost:{os.environ.get('SANDBOX_PORT', '8090')}"
KEY = os.environ.get("VOICE_OTP_DEMO_API_KEY", "local-demo-key")
SETTLE_TIMEOUT = float(os.environ.get("FAULT_SETTLE_TIMEOUT", "600"))


def http(method, url, body=None, key=KEY):
    return http_json(method, url, body, key)


def scenario(rule):
    status, body = http("POST", f"{SANDBOX}/sandbox/scenarios", rule, key=None)
    if status >= 300:
        sys.exit(f"the sandbox refused scenario {rule}: {status} {body}")


def calls_to(phone):
    status, calls = http("GET", f"{SANDBOX}/sandbox/calls?to={urllib.request.quote(phone)}", key=None)
    return calls if isinstance(calls, list) else []


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 120
    run = random.randint(10, 99)
    numbers = [f"+1415{random.randint(2, 9)}{run:02d}{i:04d}" for i in range(count)]
    outcome_of = {}
    for i, phone in enumerate(numbers):
        outcome_of[phone] = ("busy", "no_answer", "machine", "answer", "answer", "answer", "answer")[i % 7]
    http("DELETE", f"{SANDBOX}/sandbox/scenarios", key=None)
    for phone, outcome in outcome_of.items():
        if outcome != "answer":
            scenario({"number": phone, "outcome": outcome})
    # API faults for the next calls, whatever the number: newest rules match first
    scenario({"count": 12, "api": "server_error"})
    scenario({"count": 12, "api": "rate_limited"})
    scenario({"count": 3, "api": "slow", "apiDelayMs": int(os.environ.get("FAULT_SLOW_MS", "12000"))})

    started = time.time()
    with concurrent.futures.ThreadPoolExecutor(16) as pool:
        replies = list(pool.map(lambda p: (p, http("POST", f"{GATEWAY}/v1/verifications", {"phoneNumber": p})), numbers))
    accepted = {p: body["id"] for p, (status, body) in replies if status == 202}
    refused = collections.Counter(status for p, (status, body) in replies if status != 202)
    print(f"sent {count} requests in {time.time() - started:.1f} s: {len(accepted)} accepted, refused {dict(refused)}")

    pending = dict(accepted)
    final = {}
    deadline = time.time() + SETTLE_TIMEOUT
    while pending and time.time() < deadline:
        for phone, vid in list(pending.items()):
            status, verification = http("GET", f"{GATEWAY}/v1/verifications/{vid}")
            if status == 200 and settled(verification):
                final[phone] = verification
                del pending[phone]
        if pending:
            time.sleep(2)
    print(f"settled {len(final)} of {len(accepted)} in {time.time() - started:.1f} s; unsettled {len(pending)}")

    per_verification = collections.Counter()
    duplicates, lost, machine_heard = [], [], []
    outcomes = collections.Counter()
    for phone, vid in accepted.items():
        calls = [c for c in calls_to(phone) if placed(c)]
        per_verification[len(calls)] += 1
        verification = final.get(phone) or http("GET", f"{GATEWAY}/v1/verifications/{vid}")[1]
        call_status = (verification.get("call") or {}).get("status")
        outcomes[(outcome_of[phone], verification.get("status"), call_status)] += 1
        if len(calls) > 1:
            duplicates.append(phone)
        if not calls and not (verification.get("status") == "failed" and verification.get("failureReason")):
            lost.append((phone, verification.get("status"), call_status))
        for call in calls:
            if call.get("machine") and re.search(r"\b\d(?: ?\d){3,9}\b", call.get("spokenText") or ""):
                machine_heard.append(phone)

    print("\ncalls per verification:", dict(sorted(per_verification.items())))
    print("outcomes (scripted callee, verification status, call status):")
    for key, n in sorted(outcomes.items(), key=lambda item: str(item[0])):
        print(f"  {str(key):<60} {n}")
    print(f"\nduplicate calls: {len(duplicates)}   lost (no call, no failure reason): {len(lost)}   "
          f"codes read to a machine: {len(machine_heard)}   unsettled: {len(pending)}")
    for phone in duplicates[:5]:
        print("  duplicate:", phone, [c.get('requestUuid') for c in calls_to(phone)])
    for item in lost[:5]:
        print("  lost:", item)
    http("DELETE", f"{SANDBOX}/sandbox/scenarios", key=None)
    sys.exit(1 if duplicates or lost or machine_heard or pending else 0)


if __name__ == "__main__":
    main()
