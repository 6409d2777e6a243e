"""What the fault runs (bench/fault-run.py, bench/fault-cluster.py) count as a placed call and a settled verification."""

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
