"""Fuzz a live whosaid server with schemathesis for a given time, and count what went wrong.

    .venv/bin/python benchmarks/fuzz_live.py --minutes 10                       # SQLite (a new file)
    .venv/bin/python benchmarks/fuzz_live.py --minutes 10 --database postgresql+psycopg://postgres@127.0.0.1:5432/postgres

It starts uvicorn on 127.0.0.1 (a free port, `app.main:create_app`, one process) on a fresh database:
a new SQLite file, or a new database `whosaid_fuzz_<pid>` on the PostgreSQL server of the URL given
(dropped at the end unless --keep). It migrates it, makes an admin key, stores two articles, and runs
`schemathesis run` against the server's /openapi.json with every phase (examples, coverage, fuzzing and
the stateful phase, which follows the OpenAPI links of app/api/links.py) and every check, with the
judgement of ./schemathesis.toml, until --minutes are spent.

It reports the number of test cases and of requests, the 5xx answers (from the responses and from the
server's log), the schema violations (failures of response_schema_conformance, and of the other
conformance checks: status code, content type, headers) and every other check's failures, and writes
them with the run's context to --out (default benchmarks/results/fuzz-<backend>.json), next to
schemathesis's own reports. The exit code is 1 when there was a 5xx or a schema violation.

The server runs with WHOSAID_AUTH_FAILURE_LIMIT raised (the fuzzer sends bad keys on purpose; throttled,
it would see nothing but 429) and WHOSAID_FETCH_TIMEOUT=2 (generated URLs are refused, or time out,
without internet). A hook keeps the fuzzer from revoking its own key (fuzz_hooks.py).
"""
from __future__ import annotations

import argparse
import base64
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _common import REPO_ROOT, RESULTS, api_server, environment, git_state, migrated_engine, write_json  # noqa: E402

CONFORMANCE = ("response_schema_conformance", "status_code_conformance", "content_type_conformance",
               "response_headers_conformance")
SEED_ARTICLES = [
    {"text": "Kirill Dmitriev told Axios that the plan was ready.", "publisher": "UNN", "published": "2025-11-19"},
    {"text": "According to a Ukrainian official, the talks failed, Reuters reported.", "publisher": "Kyiv Post"},
]


@dataclass
class FuzzSummary:
    """What one run found."""

    backend: str
    seconds: float
    test_cases: int = 0              # schemathesis's generated test cases (its summary's "generated")
    checked_cases: int = 0           # requests whose response was checked
    requests: int = 0
    server_errors: int = 0           # responses with a 5xx status
    logged_errors: int = 0           # "unexpected error" tracebacks in the server's log
    schema_violations: int = 0       # response_schema_conformance failures
    conformance_failures: dict[str, int] = field(default_factory=dict)
    failures_by_check: dict[str, int] = field(default_factory=dict)
    statuses: dict[str, int] = field(default_factory=dict)
    operations: dict[str, int] = field(default_factory=dict)
    stateful_scenarios: int = 0
    failure_examples: list[dict] = field(default_factory=list)
    exit_code: int | None = None
    schemathesis_summary: dict = field(default_factory=dict)


def read_events(ndjson: Path, summary: FuzzSummary) -> None:
    """Count requests, statuses and check failures from schemathesis's NDJSON event log."""
    statuses: Counter[str] = Counter()
    failures: Counter[str] = Counter()
    operations: Counter[str] = Counter()
    with ndjson.open(encoding="utf-8") as fh:
        for line in fh:
            event = json.loads(line)
            finished = event.get("ScenarioFinished")
            if finished is None:
                continue
            recorder = finished["recorder"]
            if finished.get("phase") == "stateful":
                summary.stateful_scenarios += 1
            for case_id, interaction in recorder.get("interactions", {}).items():
                response = interaction.get("response") or {}
                status = response.get("status_code")
                if status is None:
                    continue
                summary.requests += 1
                statuses[f"{status // 100}xx"] += 1
                request = interaction["request"]
                case = recorder.get("cases", {}).get(case_id, {}).get("value", {})
                operations[f"{request['method']} {case.get('path', '?')}"] += 1
                if status >= 500:
                    summary.server_errors += 1
                    _example(summary, "5xx", request, response)
            for case_id, checks in recorder.get("checks", {}).items():
                summary.checked_cases += 1
                for check in checks:
                    if check["status"] == "failure":
                        failures[check["name"]] += 1
                        if check["name"] in CONFORMANCE:
                            interaction = recorder.get("interactions", {}).get(case_id)
                            if interaction:
                                _example(summary, check["name"], interaction["request"], interaction["response"])
    summary.statuses = dict(sorted(statuses.items()))
    summary.failures_by_check = dict(failures.most_common())
    summary.conformance_failures = {name: failures[name] for name in CONFORMANCE}
    summary.schema_violations = failures["response_schema_conformance"]
    summary.operations = dict(sorted(operations.items(), key=lambda kv: -kv[1])[:40])


def _example(summary: FuzzSummary, what: str, request: dict, response: dict) -> None:
    if sum(1 for e in summary.failure_examples if e["what"] == what) >= 5:
        return
    body = request.get("body")
    if isinstance(body, dict) and "$base64" in body:
        body = base64.b64decode(body["$base64"]).decode("utf-8", "replace")[:500]
    content = response.get("content")
    if isinstance(content, dict) and "$base64" in content:
        content = base64.b64decode(content["$base64"]).decode("utf-8", "replace")[:500]
    summary.failure_examples.append({"what": what, "method": request.get("method"), "uri": request.get("uri"),
                                     "body": body, "status": response.get("status_code"), "response": content})


def fresh_database(database: str, workdir: Path) -> tuple[str, str, callable]:
    """(backend, URL, cleanup) for a new, empty database."""
    if database == "sqlite":
        return "sqlite", f"sqlite:///{workdir / 'fuzz.db'}", lambda: None
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    server = make_url(database)
    name = f"whosaid_fuzz_{os.getpid()}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")

    def run(statement: str) -> None:
        with admin.connect() as connection:
            connection.execute(text(statement))

    run(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    run(f'CREATE DATABASE "{name}"')

    def cleanup() -> None:
        run(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()

    return "postgresql", server.set(database=name).render_as_string(hide_password=False), cleanup


def admin_key(url: str) -> tuple[str, int]:
    """A new admin key (plain text) and its id."""
    from app.core.db import session_scope
    from app.store import repository

    engine = migrated_engine(url)
    try:
        with session_scope(engine) as session:
            user = repository.create_user(session=session, name="fuzz-admin", role="admin")
            row, plain = repository.create_api_key(session=session, user_id=user.id, label="fuzz_live.py")
            key_id = row.id
    finally:
        engine.dispose()
    return plain, key_id


def fuzz(database: str, seconds: int | None, out_dir: Path, *, seed: int | None = None, workers: int = 1,
         max_examples: int | None = None, config_file: Path | None = None, keep: bool = False) -> FuzzSummary:
    """Run schemathesis against a live server on a fresh database (see the module docstring) for `seconds`
    (its phases repeat until they are spent), or, with `seconds` None, once through every phase, each making
    up to `max_examples` cases per operation. `config_file`: schemathesis's configuration (default:
    ./schemathesis.toml)."""
    import httpx

    out_dir.mkdir(parents=True, exist_ok=True)
    workdir = Path(tempfile.mkdtemp(prefix="whosaid-fuzz-"))
    backend, url, cleanup = fresh_database(database, workdir)
    summary = FuzzSummary(backend=backend, seconds=seconds or 0)
    report_dir = out_dir / f"fuzz-{backend}-report"
    try:
        key, key_id = admin_key(url)
        os.environ.update({"WHOSAID_AUTH_FAILURE_LIMIT": "1000000", "WHOSAID_FETCH_TIMEOUT": "2"})
        log = out_dir / f"fuzz-{backend}-server.log"
        with api_server(url, log) as server:
            auth = {"Authorization": f"Bearer {key}"}
            for article in SEED_ARTICLES:
                httpx.post(f"{server.url}/v1/articles", json=article, headers=auth, timeout=60).raise_for_status()
            env = {**os.environ, "SCHEMATHESIS_HOOKS": "fuzz_hooks", "WHOSAID_FUZZ_KEY_ID": str(key_id),
                   "PYTHONPATH": os.pathsep.join([str(REPO_ROOT / "benchmarks"), os.environ.get("PYTHONPATH", "")])}
            program = [str(Path(sys.executable).with_name("schemathesis"))]
            if config_file is not None:
                program += ["--config-file", str(config_file)]
            command = [*program, "run", f"{server.url}/openapi.json",
                       "--checks", "all", "--phases", "examples,coverage,fuzzing,stateful",
                       "--workers", str(workers), "-H", f"Authorization: Bearer {key}",
                       "--report", "json,ndjson", "--report-dir", str(report_dir),
                       "--report-json-path", str(report_dir / "run.json"),
                       "--report-ndjson-path", str(report_dir / "events.ndjson"),
                       "--request-timeout", "60", "--no-color"]
            if seconds is not None:
                command += ["--max-time", str(seconds)]
            if seed is not None:
                command += ["--seed", str(seed)]
            if max_examples is not None:
                command += ["--max-examples", str(max_examples)]
            started = time.monotonic()
            with (out_dir / f"fuzz-{backend}-schemathesis.txt").open("w", encoding="utf-8") as fh:
                summary.exit_code = subprocess.run(command, cwd=REPO_ROOT, env=env, stdout=fh,
                                                   stderr=subprocess.STDOUT).returncode
            summary.seconds = round(time.monotonic() - started, 1)
        summary.logged_errors = log.read_text(encoding="utf-8", errors="replace").count("unexpected error on")
        run = json.loads((report_dir / "run.json").read_text(encoding="utf-8"))
        summary.test_cases = run["test_cases"]["generated"]
        summary.schemathesis_summary = {k: run.get(k) for k in ("seed", "stop_reason", "test_cases", "operations",
                                                                 "phases", "exit_code")}
        read_events(report_dir / "events.ndjson", summary)
    finally:
        if not keep:
            cleanup()
    return summary


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", default="sqlite",
                        help="'sqlite' (a new file) or a PostgreSQL server URL (a new database is made on it)")
    parser.add_argument("--minutes", type=float, default=10.0,
                        help="how long schemathesis runs (default 10; 0: once through the phases)")
    parser.add_argument("--seed", type=int, default=None, help="schemathesis's seed (default: random)")
    parser.add_argument("--workers", type=int, default=1, help="schemathesis's concurrent workers (default 1)")
    parser.add_argument("--max-examples", type=int, default=None,
                        help="cases per operation that each phase makes (schemathesis's default: 100)")
    parser.add_argument("--out", type=Path, default=RESULTS, help="folder of the results (default benchmarks/results)")
    parser.add_argument("--keep", action="store_true", help="keep the PostgreSQL database")
    args = parser.parse_args()
    summary = fuzz(args.database, max(1, round(args.minutes * 60)) if args.minutes else None, args.out, seed=args.seed,
                   workers=args.workers, max_examples=args.max_examples, keep=args.keep)
    result = {"summary": asdict(summary), "git": git_state(), "environment": environment(),
              "command": " ".join([Path(sys.argv[0]).name, *sys.argv[1:]])}
    write_json(args.out / f"fuzz-{summary.backend}.json", result)
    print(f"{summary.backend}: {summary.seconds:.0f} s, {summary.test_cases:,} test cases, "
          f"{summary.requests:,} requests ({', '.join(f'{k} {v:,}' for k, v in summary.statuses.items())}), "
          f"{summary.stateful_scenarios:,} stateful scenarios")
    print(f"  5xx: {summary.server_errors} (server log: {summary.logged_errors}); schema violations: "
          f"{summary.schema_violations}; conformance failures: {summary.conformance_failures}")
    print(f"  failures by check: {summary.failures_by_check or 'none'}")
    for example in summary.failure_examples:
        print(f"  e.g. {example['what']}: {example['method']} {example['uri']} -> {example['status']}")
    print(f"  details: {args.out / f'fuzz-{summary.backend}.json'}")
    return 1 if summary.server_errors or summary.logged_errors or summary.schema_violations else 0


if __name__ == "__main__":
    sys.exit(main())
