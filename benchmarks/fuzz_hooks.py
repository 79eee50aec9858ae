"""schemathesis hooks for fuzz_live.py (loaded through SCHEMATHESIS_HOOKS=fuzz_hooks)."""
from __future__ import annotations

import os

import schemathesis

PROTECTED_KEY_ID = os.environ.get("WHOSAID_FUZZ_KEY_ID", "")
MISSING_KEY_ID = 2**31 - 1  # no key has it in a fuzzed database


@schemathesis.hook
def before_call(context, case, kwargs) -> None:
    """The fuzzer's own key stays live: `DELETE /v1/keys/{key_id}` with its id goes to a missing key."""
    if case.method.upper() == "DELETE" and case.path == "/v1/keys/{key_id}" and case.path_parameters \
            and str(case.path_parameters.get("key_id")) == PROTECTED_KEY_ID:
        case.path_parameters["key_id"] = MISSING_KEY_ID


@schemathesis.serializer("application/x-ndjson")
def ndjson(ctx, value) -> bytes:
    """POST /v1/jobs takes JSON Lines as a string body: a string is sent as its UTF-8 bytes; anything else (a
    negative case: not a string) as no body at all, which the API refuses (422, "the job has no items")."""
    if isinstance(value, bytes):
        return value
    return value.encode("utf-8", "surrogatepass") if isinstance(value, str) else b""
