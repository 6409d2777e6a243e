"""What the fault runs (bench/fault-run.py, bench/fault-cluster.py) share: their JSON HTTP call, and what they count as
a placed call and a settled verification."""
import json
import urllib.error
import urllib.request

# "unknown": a call whose end never reached any worker, settled by the worker once it had to be over
FINAL_CALL_STATUSES = {"completed", "busy", "no-answer", "failed", "timeout", "cancel", "machine", "unknown"}


def placed(call):
    """A call the sandbox accepted and started (API errors are recorded too, but never ring a phone)."""
    return call.get("callUuid") and call.get("status") not in ("rejected", "api_error")


def settled(verification):
    """Not pending any more, or pending with a call that has ended (the person may still type the code heard)."""
    if verification.get("status") != "pending":
        return True
    return (verification.get("call") or {}).get("status") in FINAL_CALL_STATUSES


def http_json(method, url, body=None, key=None, timeout=30):
    """(status, parsed JSON body) of one request, with the API key as a bearer token; an HTTP error is an answer too."""
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method)
    if key:
        request.add_header("Authorization", f"Bearer {key}")
    if body is not None:
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            raw = response.read()
            return response.status, json.loads(raw) if raw else {}
    except urllib.error.HTTPError as error:
        raw = error.read()
        try:
            return error.code, json.loads(raw) if raw else {}
        except ValueError:
            return error.code, {"raw": raw.decode(errors="replace")}
