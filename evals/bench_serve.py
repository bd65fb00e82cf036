"""`planprat bench serve`: load on the HTTP API, steady and while an upload is being ingested.

Starts `uvicorn --factory api.main:create_app` as its own process on a free loopback port over the configured
data dir (ingesting corpus/ first when the index is empty), then runs N concurrent httpx clients that post
varied Norwegian questions to /api/ask for a number of seconds, twice (after a short one-client baseline, so
the latency of one request is seen apart from the queueing that N clients cause):

1. steady: queries only;
2. during upload: the same load while a copy of a corpus document is uploaded under a new name
   (POST /api/documents with a one-off API key) and ingested; meanwhile /api/documents/{id} is polled to check
   that the new document is never seen partly (it is absent, or present with all of its chunks).

Prints requests/s, p50/p95/p99 latency (successful requests) and the error count per phase; `--json` prints one
JSON object. Exit status 1 when a phase had errors, the upload failed, or the document was seen partly.
The uploaded copy is deleted again at the end, so the data dir is left as it was.
"""

from __future__ import annotations

import asyncio
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from pathlib import Path
from typing import Annotated, Any

import typer

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_UPLOAD = "halden-program-og-aktivitetsplan-boligsosialt-utviklingsprogram"
FALLBACK_QUESTIONS = [
    "Hvilke tiltak har kommunene mot mangel på utleieboliger?",
    "Hvem regnes som vanskeligstilt på boligmarkedet etter boligsosialloven?",
    "Må kommunen skaffe midlertidig botilbud til folk uten bolig?",
    "Hva er startlån, og hvem kan få det?",
    "Hvordan organiserer Bodø kommune det boligsosiale arbeidet?",
    "Hva sier sosialtjenesteloven § 15?",
    "Hvilke mål har Halden kommune for bo-oppfølging?",
    "Hvordan skal brukerne medvirke i planarbeidet?",
]


def _percentile(values: list[float], p: float) -> float | None:
    """Nearest-rank percentile (p in 0..100) of values, in the values' unit."""
    if not values:
        return None
    s = sorted(values)
    rank = max(1, min(len(s), round(p / 100 * len(s) + 0.5)))
    return s[rank - 1]


# Appended in turn so that the same text comes back only after len(questions) * 3 requests: more than the
# service's query-vector cache holds (256), so every request embeds its question, as real traffic would.
# --repeat sends the questions exactly as written (cache hits after the first round).
VARIANTS = ("", " Takk!", " Tusen takk!")


def _vary(bodies: list[dict]) -> list[dict]:
    return [{**b, "question": b["question"] + v} for v in VARIANTS for b in bodies]


def _questions() -> list[dict]:
    """Request bodies for /api/ask: the gold questions (with their chat history), else a built-in list."""
    bodies: list[dict] = []
    try:
        from evals.datasets import load_questions

        for q in load_questions():
            body: dict[str, Any] = {"question": q.question}
            history = getattr(q, "history", None)
            if history:
                body["history"] = [dict(h) for h in history]
            bodies.append(body)
    except Exception as err:  # a broken gold file must not stop the benchmark
        print(f"gold questions not loaded ({err}); using the built-in list", file=sys.stderr)
    return bodies or [{"question": q} for q in FALLBACK_QUESTIONS]


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _index_documents(settings) -> int:
    from ingest.catalog import Catalog

    if not settings.catalog_path.exists():
        return 0
    return len(Catalog(settings.catalog_path).documents())


class Server:
    """The API in its own process (uvicorn), on loopback, with a one-off API key."""

    def __init__(self, settings, api_key: str, port: int):
        self.url = f"http://127.0.0.1:{port}"
        self.log = tempfile.NamedTemporaryFile(prefix="planprat-bench-serve-", suffix=".log", delete=False)
        env = {k: v for k, v in os.environ.items() if not k.startswith("PLANPRAT_API_KEY")}
        env.update(
            PLANPRAT_DATA_DIR=str(Path(settings.data_dir).resolve()),
            PLANPRAT_CORPUS_DIR=str(Path(settings.corpus_dir).resolve()),
            PLANPRAT_API_KEY=api_key,
            HF_HUB_OFFLINE="1",
            TRANSFORMERS_OFFLINE="1",
            ANONYMIZED_TELEMETRY="False",
        )
        cmd = [
            sys.executable,
            "-m",
            "uvicorn",
            "--factory",
            "api.main:create_app",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--log-level",
            "warning",
            "--no-access-log",
        ]
        self.proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT)

    def wait_ready(self, headers: dict, timeout: float = 600) -> dict:
        import httpx

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"the server exited with {self.proc.returncode}:\n{self.log_tail()}")
            try:
                r = httpx.get(f"{self.url}/readyz", headers=headers, timeout=5)
                if r.status_code == 200:
                    return r.json()
            except httpx.HTTPError:
                pass
            time.sleep(0.25)
        raise RuntimeError(f"the server was not ready within {timeout:.0f} s:\n{self.log_tail()}")

    def log_tail(self, n: int = 4000) -> str:
        self.log.flush()
        return Path(self.log.name).read_text(errors="replace")[-n:]

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()
        Path(self.log.name).unlink(missing_ok=True)


async def _load(http, bodies: list[dict], clients: int, until) -> dict:
    """N clients posting /api/ask back to back until `until()` is true; latencies of the successful ones."""
    latencies: list[float] = []
    errors: Counter[str] = Counter()
    abstained = 0

    async def client(i: int) -> None:
        nonlocal abstained
        j = i
        while not until():
            body = bodies[j % len(bodies)]
            j += clients
            t0 = time.perf_counter()
            try:
                r = await http.post("/api/ask", json=body)
                dt = time.perf_counter() - t0
                if r.status_code == 200:
                    data = r.json()
                    if "answer" not in data:
                        errors["bad body"] += 1
                        continue
                    abstained += bool(data.get("abstained"))
                    latencies.append(dt)
                else:
                    errors[f"HTTP {r.status_code}"] += 1
            except Exception as err:  # timeouts, refused or dropped connections: all count as errors
                errors[type(err).__name__] += 1

    started = time.perf_counter()
    await asyncio.gather(*(client(i) for i in range(clients)))
    elapsed = time.perf_counter() - started
    ms = [x * 1000 for x in latencies]
    return {
        "seconds": round(elapsed, 2),
        "requests": len(latencies) + sum(errors.values()),
        "ok": len(latencies),
        "abstained": abstained,
        "errors": sum(errors.values()),
        "error_kinds": dict(errors),
        "requests_per_s": round(len(latencies) / elapsed, 2) if elapsed else None,
        "p50_ms": _round(_percentile(ms, 50)),
        "p95_ms": _round(_percentile(ms, 95)),
        "p99_ms": _round(_percentile(ms, 99)),
        "max_ms": _round(max(ms) if ms else None),
    }


def _round(v: float | None) -> float | None:
    return None if v is None else round(v, 1)


def _source_file(corpus_dir: Path, doc: dict) -> Path:
    """The corpus file behind a document (its `source` is a file name or a path relative to the corpus)."""
    source = Path(doc["source"])
    for candidate in (source, corpus_dir / source):
        if candidate.is_file():
            return candidate
    matches = sorted(corpus_dir.rglob(source.name))
    if not matches:
        raise RuntimeError(f"no file for {doc['doc_id']} ({doc['source']}) under {corpus_dir}")
    return matches[0]


async def _run(
    url: str,
    api_key: str,
    bodies: list[dict],
    clients: int,
    seconds: float,
    upload_doc: str,
    corpus_dir: Path,
) -> dict:
    import httpx

    from ingest.load import slugify

    headers = {"Authorization": f"Bearer {api_key}"}
    limits = httpx.Limits(max_connections=clients + 4, max_keepalive_connections=clients + 4)
    async with httpx.AsyncClient(base_url=url, headers=headers, timeout=120, limits=limits) as http:
        for body in bodies[:6]:  # warm-up: model, indexes, first-call caches
            await http.post("/api/ask", json=body)

        loop = asyncio.get_running_loop()
        deadline = loop.time() + min(5.0, seconds)
        single = await _load(http, bodies[len(bodies) // 2 :], 1, lambda: loop.time() >= deadline)
        deadline = loop.time() + seconds
        steady = await _load(http, bodies, clients, lambda: loop.time() >= deadline)

        # Phase 2: the same load while a copy of a corpus document is uploaded and ingested.
        original = (await http.get(f"/api/documents/{upload_doc}")).json()
        src = _source_file(corpus_dir, original["doc"])
        name = f"bench-kopi-{uuid.uuid4().hex[:8]}{src.suffix}"
        doc_id = slugify(Path(name).stem)
        up: dict[str, Any] = {
            "doc_id": doc_id,
            "copy_of": upload_doc,
            "file": name,
            "bytes": src.stat().st_size,
        }
        done = asyncio.Event()
        stop_polling = asyncio.Event()
        finished_at = [float("inf")]
        seen: Counter[str] = Counter()
        counts: Counter[int] = Counter()

        async def upload() -> None:
            await asyncio.sleep(min(1.0, seconds / 10))  # let the load settle first
            t0 = time.perf_counter()
            try:
                files = {"file": (name, src.read_bytes(), "application/octet-stream")}
                r = await http.post("/api/documents", files=files, timeout=600)
                up["status"] = r.status_code
                if r.status_code == 201:
                    up["chunks"] = r.json()["chunks"]
                else:
                    up["detail"] = r.text[:500]
            except Exception as err:
                up["status"], up["detail"] = None, repr(err)
            up["seconds"] = round(time.perf_counter() - t0, 2)
            finished_at[0] = loop.time()
            done.set()

        async def poll() -> None:
            while not stop_polling.is_set():
                try:
                    r = await http.get(f"/api/documents/{doc_id}")
                    if r.status_code == 404:
                        seen["absent"] += 1
                    elif r.status_code == 200:
                        d = r.json()
                        seen["present"] += 1
                        counts[d["chunk_count"]] += 1
                        if d["chunk_count"] != len(d["chunks"]):
                            seen["inconsistent"] += 1
                    else:
                        seen[f"HTTP {r.status_code}"] += 1
                except Exception as err:
                    seen[type(err).__name__] += 1
                await asyncio.sleep(0.05)

        # The phase lasts `seconds`, and at least until the upload is ingested plus a second of load after it.
        deadline2 = loop.time() + seconds
        cap = loop.time() + max(4 * seconds, 600)

        def phase2_over() -> bool:
            now = loop.time()
            return now >= cap or (now >= deadline2 and now >= finished_at[0] + 1.0)

        up_task = asyncio.create_task(upload())
        poll_task = asyncio.create_task(poll())
        during = await _load(http, bodies, clients, phase2_over)
        await up_task
        stop_polling.set()
        await poll_task

        final = up.get("chunks")
        partial = sum(n for c, n in counts.items() if c != final) + seen["inconsistent"]
        up["polls"] = dict(seen)
        up["chunk_counts_seen"] = {str(c): n for c, n in counts.items()}
        up["seen_partly"] = partial
        up["whole_or_absent"] = final is not None and partial == 0
        if up.get("status") == 201:
            r = await http.delete(f"/api/documents/{doc_id}")
            up["deleted_after"] = r.status_code == 200
            after = await http.get(f"/api/documents/{doc_id}")
            up["gone_after_delete"] = after.status_code == 404
        during["upload"] = up
        return {"single_client": single, "steady": steady, "during_upload": during}


def serve(
    clients: Annotated[int, typer.Option("--clients", min=1, max=512, help="Concurrent clients.")] = 32,
    seconds: Annotated[float, typer.Option("--seconds", min=1, help="Seconds per phase.")] = 30.0,
    upload_doc: Annotated[
        str,
        typer.Option("--upload-doc", help="doc_id of the corpus document copied and uploaded in phase 2."),
    ] = DEFAULT_UPLOAD,
    repeat: Annotated[
        bool,
        typer.Option("--repeat", help="Send the questions exactly as written (lets the query cache answer)."),
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print exactly one JSON object.")] = False,
) -> None:
    """Load on /api/ask from N clients: requests/s, p50/p95/p99 and errors, steady and during an upload."""
    from planprat.settings import get_settings

    settings = get_settings()
    log = sys.stderr if as_json else sys.stdout
    docs = _index_documents(settings)
    if docs == 0:
        print(f"Indeksen i {settings.data_dir} er tom: leser inn {settings.corpus_dir} først …", file=log)
        planprat = shutil.which("planprat") or str(Path(sys.executable).with_name("planprat"))
        subprocess.run(
            [planprat, "ingest", str(settings.corpus_dir), "--json"], check=True, stdout=subprocess.DEVNULL
        )
        docs = _index_documents(settings)

    api_key = secrets.token_urlsafe(24)
    server = Server(settings, api_key, _free_port())
    try:
        ready = server.wait_ready({"Authorization": f"Bearer {api_key}"})
        bodies = _questions() if repeat else _vary(_questions())
        print(
            f"Server {server.url} klar ({ready.get('documents')} dokumenter); {clients} klienter × {seconds:g} s, "
            f"{len(bodies)} ulike spørsmål …",
            file=log,
        )
        result = asyncio.run(
            _run(server.url, api_key, bodies, clients, seconds, upload_doc, Path(settings.corpus_dir))
        )
    finally:
        server.stop()

    up = result["during_upload"]["upload"]
    ok = (
        result["single_client"]["errors"] == 0
        and result["steady"]["errors"] == 0
        and result["during_upload"]["errors"] == 0
        and up.get("status") == 201
        and up["whole_or_absent"]
    )
    out = {
        "clients": clients,
        "seconds": seconds,
        "documents": docs,
        "cpus": os.cpu_count(),
        "distinct_questions": len(bodies),
        "repeat": repeat,
        **result,
        "ok": ok,
    }
    if as_json:
        print(json.dumps(out, ensure_ascii=False))
    else:
        _print(out)
    if not ok:
        raise typer.Exit(1)


def _print(out: dict) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    t = Table(title=f"bench serve: POST /api/ask, {out['clients']} klienter, {out['documents']} dokumenter")
    for col in ("fase", "s", "forespørsler", "req/s", "p50 ms", "p95 ms", "p99 ms", "feil"):
        t.add_column(col, justify="left" if col == "fase" else "right")
    for key, label in (
        ("single_client", "én klient"),
        ("steady", "jevn last"),
        ("during_upload", "under opplasting"),
    ):
        p = out[key]
        t.add_row(
            label,
            str(p["seconds"]),
            str(p["requests"]),
            str(p["requests_per_s"]),
            str(p["p50_ms"]),
            str(p["p95_ms"]),
            str(p["p99_ms"]),
            str(p["errors"]) + (f" {p['error_kinds']}" if p["errors"] else ""),
        )
    console.print(t)
    up = out["during_upload"]["upload"]
    console.print(
        f"Opplasting «{up['file']}» (kopi av {up['copy_of']}): HTTP {up.get('status')}, {up.get('chunks')} tekstbiter, "
        f"{up['seconds']} s. Oppslag underveis: {up['polls']}; sett delvis: {up['seen_partly']} "
        f"→ {'helt eller ikke i det hele tatt' if up['whole_or_absent'] else 'IKKE KONSISTENT'}.",
        highlight=False,
    )
    console.print("OK" if out["ok"] else "[bold red]IKKE OK[/]")
