"""Review service benchmark, on loopback only.

1. Latency: upload → draft ready for a generated 10-page .docx, sequentially,
   after a short warm-up; p50/p95 over --uploads uploads (target: p95 < 1.5 s).
2. Load: --clients concurrent clerks for --duration seconds, each uploading a
   document, waiting for its draft, correcting a clause label, editing and
   confirming the row, and all of them appending to one shared row with
   optimistic retries (409 → reload → retry). Afterwards every acknowledged
   write is read back: errors and lost writes must both be zero.

Without --url it starts its own `taizhang serve` on a free loopback port with a
temporary data dir (SQLite) and a clerk account, and stops it at the end.

    python benchmarks/service_bench.py                 # own server
    python benchmarks/service_bench.py --url http://127.0.0.1:8000 --user u --password p
"""
from __future__ import annotations

import argparse
import io
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import httpx
from docx import Document
from docx.enum.text import WD_BREAK

REPO = Path(__file__).resolve().parents[1]
UNIT = "基准测试单位"
PASSWORD = "bench-password-1"
ARTICLES_PER_PAGE = 4

CREDIT = [
    "有关部门应当将违反本办法受到行政处罚的企业和个人的信息纳入市公共信用信息平台，记入其信用记录。",
    "对情节严重的，列入严重失信主体名单，并通过“信用中国”网站向社会公布。",
    "对列入失信名单的企业，有关部门在政府采购、招标投标、财政资金扶持等方面依法予以限制。",
    "行政机关在办理行政许可时，可以查询申请人的信用报告，作为审批的参考。",
]
PLAIN = [
    "本办法适用于本市行政区域内的相关管理活动，市人民政府有关部门按照各自职责做好相关工作。",
    "单位和个人应当遵守本办法的规定，积极配合有关部门开展监督检查，如实提供有关材料和情况。",
    "违反本办法规定的，由主管部门责令限期改正；逾期不改正的，处一千元以上一万元以下罚款。",
    "主管部门应当加强业务培训，提高工作人员的业务水平和服务能力，规范执法行为，接受社会监督。",
    "县（市、区）人民政府应当将相关工作经费列入本级财政预算，保障工作的正常开展和持续推进。",
    "有关部门及其工作人员在管理工作中玩忽职守、滥用职权、徇私舞弊的，依法给予处分。",
]
NUMERALS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    if n < 10:
        return NUMERALS[n]
    tens, ones = divmod(n, 10)
    return (NUMERALS[tens] if tens > 1 else "") + "十" + (NUMERALS[ones] if ones else "")


def ten_page_docx(serial: int, pages: int = 10) -> bytes:
    """An article-structured regulation of about `pages` pages, unique per serial (no dedupe)."""
    rng = random.Random(serial)
    doc = Document()
    doc.add_paragraph(f"某市人民政府关于印发某市第{serial}号管理办法的通知")
    doc.add_paragraph(f"某政〔2026〕{serial}号")
    for n in range(1, pages * ARTICLES_PER_PAGE + 1):
        pool = CREDIT if n % 7 == 3 else PLAIN
        body = "".join(rng.choice(pool) for _ in range(4))
        paragraph = doc.add_paragraph(f"第{chinese_number(n)}条 {body}")
        if n % ARTICLES_PER_PAGE == 0 and n < pages * ARTICLES_PER_PAGE:
            paragraph.add_run().add_break(WD_BREAK.PAGE)
    doc.add_paragraph("某市人民政府")
    doc.add_paragraph("2026年1月1日")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


class Api:
    def __init__(self, base: str, user: str, password: str):
        self.http = httpx.Client(base_url=base, timeout=60)
        r = self.http.post("/api/auth/token", data={"username": user, "password": password})
        r.raise_for_status()
        self.http.headers["Authorization"] = f"Bearer {r.json()['access_token']}"

    def upload_and_wait(self, name: str, data: bytes, deadline: float, poll: float = 0.01) -> dict:
        r = self.http.post("/api/documents", files=[("files", (name, data))])
        if r.status_code != 202:
            raise RuntimeError(f"upload: {r.status_code} {r.text[:200]}")
        answer = r.json()
        while True:
            job = self.http.get(f"/api/jobs/{answer['job_id']}").json()
            if job["status"] in ("done", "failed"):
                break
            if time.monotonic() > deadline:
                raise TimeoutError(f"job {answer['job_id']} still {job['status']}")
            time.sleep(poll)
        doc = self.http.get(f"/api/documents/{answer['documents'][0]['id']}").json()
        if doc["review_status"] != "draft":
            raise RuntimeError(f"no draft for {name}: {doc['status']} {doc.get('error')}")
        return doc


def start_server(work: Path) -> tuple[subprocess.Popen, str]:
    env = {**os.environ, "TAIZHANG_DATA_DIR": str(work / "var")}
    env.pop("TAIZHANG_DATABASE_URL", None)
    cli = [sys.executable, "-m", "taizhang.cli"]
    subprocess.run([*cli, "user", "add", "bench", "--unit", UNIT, "--role", "clerk", "--password-stdin"],
                   input=PASSWORD + "\n", text=True, env=env, cwd=REPO, check=True, capture_output=True)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    log = open(work / "server.log", "w")
    server = subprocess.Popen([*cli, "serve", "--host", "127.0.0.1", "--port", str(port)], env=env, cwd=REPO,
                              stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"server exited; see {work / 'server.log'}")
        try:
            if httpx.get(f"{base}/openapi.json", timeout=1).status_code == 200:
                return server, base
        except httpx.TransportError:
            time.sleep(0.1)
    raise RuntimeError("server did not start within 60 s")


def latency(api: Api, uploads: int, serial: list[int]) -> list[float]:
    for _ in range(3):  # warm-up: first requests pay for imports and caches
        serial[0] += 1
        api.upload_and_wait(f"warm-{serial[0]}.docx", ten_page_docx(serial[0]), time.monotonic() + 60)
    times = []
    for _ in range(uploads):
        serial[0] += 1
        data = ten_page_docx(serial[0])
        start = time.perf_counter()
        api.upload_and_wait(f"bench-{serial[0]}.docx", data, time.monotonic() + 60)
        times.append(time.perf_counter() - start)
    return times


@dataclass
class Load:
    ops: int = 0
    conflicts: int = 0
    errors: list[str] = field(default_factory=list)
    shared_tokens: list[str] = field(default_factory=list)
    own_rows: dict[int, str] = field(default_factory=dict)  # draft id -> progress written (then confirmed)
    labels: dict[int, tuple[int, list[str]]] = field(default_factory=dict)  # clause ref -> (document id, labels)
    ready: list[float] = field(default_factory=list)  # upload → draft ready under load
    lock: threading.Lock = field(default_factory=threading.Lock)


def client_loop(api: Api, n: int, shared_draft: int, stop_at: float, serials: list[int], load: Load) -> None:
    k = 0
    while time.monotonic() < stop_at:
        k += 1
        try:
            with load.lock:
                serials[0] += 1
                serial = serials[0]
            data = ten_page_docx(serial)
            start = time.perf_counter()
            # Polling like a browser would (10 ms from 20 clients would be most of the server's work).
            doc = api.upload_and_wait(f"c{n}-{k}.docx", data, time.monotonic() + 120, poll=0.1)
            with load.lock:
                load.ready.append(time.perf_counter() - start)
            clause = next((c for c in doc["clauses"] if c["labels"]), doc["clauses"][0])
            labels = ["sharing"] if clause["labels"] != ["sharing"] else ["sharing", "punishment"]
            r = api.http.put(f"/api/clauses/{clause['ref']}/labels", json={"labels": labels})
            _expect(r, 200)
            draft = r.json()["draft"]
            progress = f"client {n} round {k}"
            r = api.http.patch(f"/api/drafts/{draft['id']}", json={"version": draft["version"], "progress": progress})
            _expect(r, 200)
            r = api.http.post(f"/api/drafts/{draft['id']}/confirm", json={"version": r.json()["version"]})
            _expect(r, 200)
            token = f"[{n}.{k}]"
            while True:  # the shared row: read, append, write; reload on 409
                row = api.http.get(f"/api/drafts/{shared_draft}").json()
                appended = (row["measures_taken"] or "") + token
                r = api.http.patch(f"/api/drafts/{shared_draft}",
                                   json={"version": row["version"], "measures_taken": appended})
                if r.status_code == 409:
                    with load.lock:
                        load.conflicts += 1
                    continue
                _expect(r, 200)
                break
            with load.lock:
                load.ops += 6
                load.shared_tokens.append(token)
                load.own_rows[draft["id"]] = progress
                load.labels[clause["ref"]] = (doc["id"], labels)
        except Exception as exc:  # counted, reported, and the client goes on
            with load.lock:
                load.errors.append(f"client {n}: {type(exc).__name__}: {exc}"[:300])


def _expect(r: httpx.Response, status: int) -> None:
    if r.status_code != status:
        raise RuntimeError(f"{r.request.method} {r.request.url.path}: {r.status_code} {r.text[:200]}")


def verify(api: Api, shared_draft: int, load: Load) -> list[str]:
    lost = []
    shared = api.http.get(f"/api/drafts/{shared_draft}").json()["measures_taken"] or ""
    lost += [f"shared row lost {t}" for t in load.shared_tokens if shared.count(t) != 1]
    if len(shared) != sum(map(len, load.shared_tokens)):
        lost.append("shared row holds writes nobody acknowledged")
    for draft_id, progress in load.own_rows.items():
        row = api.http.get(f"/api/drafts/{draft_id}").json()
        if row["progress"] != progress or row["status"] != "confirmed":
            lost.append(f"draft {draft_id}: {row['progress']!r} {row['status']}")
    for ref, (document_id, labels) in load.labels.items():
        doc = api.http.get(f"/api/documents/{document_id}").json()
        stored = next(c["labels"] for c in doc["clauses"] if c["ref"] == ref)
        if stored != labels:
            lost.append(f"clause {ref}: {stored} != {labels}")
    return lost


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered) + 0.5) - 1))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", help="a running server on loopback (default: start one)")
    parser.add_argument("--user", default="bench")
    parser.add_argument("--password", default=PASSWORD)
    parser.add_argument("--uploads", type=int, default=50)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--duration", type=float, default=30.0, help="seconds of concurrent load")
    args = parser.parse_args(argv)
    if args.url and urlparse(args.url).hostname not in ("127.0.0.1", "localhost", "::1"):
        parser.error("the benchmark only targets a server on this machine (loopback)")

    work = Path(tempfile.mkdtemp(prefix="taizhang-bench-"))
    server, ok = None, False
    try:
        if args.url:
            base = args.url.rstrip("/")
        else:
            server, base = start_server(work)
        api = Api(base, args.user, args.password)
        serial = [int(time.time()) % 100000 * 1000]
        print(f"server {base}; 10-page .docx of {len(ten_page_docx(0)) // 1024} KB")

        times = latency(api, args.uploads, serial)
        print(f"upload → draft ready, {len(times)} sequential uploads: p50 {statistics.median(times):.3f} s, "
              f"p95 {percentile(times, 0.95):.3f} s, max {max(times):.3f} s (target p95 < 1.5 s)")

        shared = api.upload_and_wait("shared.docx", ten_page_docx(serial[0] + 999_999), time.monotonic() + 60)
        clients = [Api(base, args.user, args.password) for _ in range(args.clients)]
        load = Load()
        stop_at = time.monotonic() + args.duration
        started = time.monotonic()
        threads = [threading.Thread(target=client_loop, args=(clients[n], n, shared["draft_id"], stop_at, serial, load))
                   for n in range(args.clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(args.duration + 300)
        elapsed = time.monotonic() - started
        lost = verify(api, shared["draft_id"], load)
        rounds = len(load.shared_tokens)
        print(f"{args.clients} concurrent clients for {elapsed:.1f} s: {rounds} review rounds "
              f"({rounds / elapsed:.2f}/s), {load.ops} requests that changed data, "
              f"{load.conflicts} optimistic-lock retries (409), errors {len(load.errors)}, lost writes {len(lost)}")
        if load.ready:
            print(f"  upload → draft ready under that load: p50 {statistics.median(load.ready):.3f} s, "
                  f"p95 {percentile(load.ready, 0.95):.3f} s")
        for line in (load.errors + lost)[:20]:
            print("  " + line)
        ok = not load.errors and not lost
        return 0 if ok else 1
    finally:
        if server is not None:
            server.terminate()
            server.wait(30)
        if ok:
            shutil.rmtree(work, ignore_errors=True)
        else:
            print(f"kept {work} (server.log) for a look")


if __name__ == "__main__":
    sys.exit(main())
