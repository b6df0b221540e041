"""End to end: the real `taizhang serve` driven through the web page in headless Chromium.

A clerk logs in, drops the example regulation on the upload page, waits for its
draft, opens it, corrects clause labels, edits a ledger field (and meets a stale
edit), confirms, and downloads the ledger, which must be the official template.

Needs Debian's Chromium at /usr/bin/chromium (`apt-get install -y chromium`) and
the `playwright` Python package (no browser download); skipped only when the
browser is absent.
"""
from __future__ import annotations

import base64
import io
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium")

from openpyxl import load_workbook  # noqa: E402
from playwright.sync_api import Page, expect, sync_playwright  # noqa: E402

from taizhang.ledger_row import COLUMNS  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "某市城市生活垃圾分类管理办法.txt"
MODEL = ROOT / "models" / "clauses.skops"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
USER, UNIT, PASSWORD = "clerk1", "某市城市管理局", "correct horse battery staple"
STARTUP_SECONDS = 40
TIMEOUT_MS = 20_000


def _taizhang() -> list[str]:
    """The `taizhang` console script of this interpreter's environment."""
    script = Path(sys.executable).with_name("taizhang")
    if script.exists():
        return [str(script)]
    found = shutil.which("taizhang")
    return [found] if found else [sys.executable, "-m", "taizhang.cli"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_until_up(url: str, proc: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"taizhang serve exited with {proc.returncode}:\n{log.read_text(errors='replace')[-4000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as resp:
                if resp.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.25)
    pytest.fail(f"taizhang serve did not answer within {STARTUP_SECONDS} s:\n{log.read_text(errors='replace')[-4000:]}")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """`taizhang serve` on a free loopback port with its own data dir and one clerk."""
    data = tmp_path_factory.mktemp("taizhang-data")
    env = {k: v for k, v in os.environ.items() if not k.startswith("TAIZHANG_")}
    env.update(TAIZHANG_DATA_DIR=str(data), TAIZHANG_MODEL=str(MODEL), PYTHONUNBUFFERED="1")
    subprocess.run([*_taizhang(), "user", "add", USER, "--unit", UNIT, "--role", "clerk", "--password-stdin"],
                   input=PASSWORD + "\n", text=True, env=env, cwd=data, check=True, capture_output=True, timeout=60)
    port = _free_port()
    log = data / "serve.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen([*_taizhang(), "serve", "--host", "127.0.0.1", "--port", str(port)],
                                env=env, cwd=data, stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base + "/login", proc, log)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, server):
    context = browser.new_context(base_url=server, accept_downloads=True, locale="zh-CN",
                                  viewport={"width": 1366, "height": 860})
    context.set_default_timeout(TIMEOUT_MS)
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    yield pg
    context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


def _api(page: Page, method: str, path: str, **kwargs):
    """Call the JSON API as the logged-in page does: with its bearer token from sessionStorage."""
    token = page.evaluate("() => sessionStorage.getItem('taizhang.token')")
    resp = page.request.fetch(path, method=method, headers={"Authorization": f"Bearer {token}"}, **kwargs)
    return resp


def _drop_file(page: Page, selector: str, path: Path) -> None:
    """Drag and drop a file onto the drop zone, as a clerk dragging it from the desktop."""
    data = page.evaluate_handle(
        """([name, b64]) => {
            const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
            const dt = new DataTransfer();
            dt.items.add(new File([bytes], name, { type: "text/plain" }));
            return dt;
        }""",
        [path.name, base64.b64encode(path.read_bytes()).decode()],
    )
    page.dispatch_event(selector, "dragenter", {"dataTransfer": data})
    page.dispatch_event(selector, "drop", {"dataTransfer": data})


def _version(page: Page) -> int:
    return int(re.sub(r"\D", "", page.locator("#row-version").inner_text()))


def test_clerk_reviews_a_document_and_downloads_the_ledger(page: Page, server, tmp_path):
    # Not logged in: every page sends the clerk to the login page.
    page.goto("/")
    page.wait_for_url(re.compile(r"/login"))
    page.get_by_label("用户名").fill(USER)
    page.get_by_label("密码").fill("wrong password")
    page.get_by_role("button", name="登录").click()
    expect(page.locator("#login-error")).to_contain_text("不正确")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(re.compile(r"/drafts$"))
    expect(page.locator("#current-user")).to_have_text(f"{USER}（{UNIT} · 经办人员）")

    # Upload: drop the example on the drop zone, watch the upload and the scan job finish.
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="上传文件").click()
    page.wait_for_url(re.compile(r"/upload$"))
    _drop_file(page, "#dropzone", EXAMPLE)
    expect(page.locator("#file-list li")).to_have_count(1)
    expect(page.locator("#file-list")).to_contain_text(EXAMPLE.name)
    page.get_by_role("button", name=re.compile("开始上传")).click()
    expect(page.locator("#job-status")).to_contain_text("扫描完成", timeout=30_000)
    expect(page.locator("#upload-progress")).to_have_attribute("value", "100")
    expect(page.locator("#uploaded-table tbody tr")).to_have_count(1)
    expect(page.locator("#uploaded-table tbody")).to_contain_text("待审核")

    # The draft waits in 待审核; open it.
    page.get_by_role("link", name=re.compile("去草稿列表")).click()
    page.wait_for_url(re.compile(r"/drafts"))
    expect(page.get_by_role("tab", name=re.compile("待审核"))).to_have_attribute("aria-selected", "true")
    link = page.locator("#drafts-body a", has_text="某市城市生活垃圾分类管理办法")
    expect(link).to_have_count(1)
    link.click()
    page.wait_for_url(re.compile(r"/documents/\d+$"))
    document_id = page.url.rsplit("/", 1)[1]

    # Flagged clauses are highlighted, their evidence terms marked; risks and the disposal reason beside the row.
    flagged = page.locator(".clause.flagged")
    expect(flagged.first).to_be_visible()
    assert flagged.count() >= 1
    expect(flagged.first.locator("mark.evidence").first).to_be_visible()
    expect(page.locator("#disposal-reason")).not_to_be_empty()
    expect(page.locator("#risk-count")).to_contain_text("处")
    expect(page.locator("#draft-status")).to_have_text("待审核")
    expect(page.locator("#field-involves_blacklist")).to_have_value("是")

    # Correct a label: “黑名单”认定 off on every clause that has it; the row's 是/否 column follows.
    with_blacklist = page.locator(".clause", has=page.locator("input[data-label=blacklist]:checked"))
    corrected_refs = []
    while with_blacklist.count():
        ref = with_blacklist.first.get_attribute("data-clause-id")
        corrected_refs.append(ref)
        clause = page.locator(f'.clause[data-clause-id="{ref}"]')
        version = _version(page)
        clause.locator("input[data-label=blacklist]").uncheck()
        expect(clause.locator(".clause-save")).to_have_text("已保存更正")
        expect(clause.locator(".clause-note")).to_contain_text("已人工更正")
        expect(page.locator("#row-version")).not_to_have_text(f"版本 {version}")
    assert corrected_refs, "the example's draft should have a “黑名单” clause to correct"
    expect(page.locator("#field-involves_blacklist")).to_have_value("否")
    stored = _api(page, "GET", f"/api/documents/{document_id}").json()
    by_ref = {str(c["ref"]): c for c in stored["clauses"]}
    for ref in corrected_refs:
        assert "blacklist" not in by_ref[ref]["labels"]
        assert "blacklist" in by_ref[ref]["model_labels"]
    assert stored["ledger_row"]["involves_blacklist"] == "否"

    # Edit fields of the row and save them (PATCH with the version shown).
    version = _version(page)
    page.locator("#field-responsible_person").fill("张三（科长）")
    page.locator("#field-phone").fill("0371-12345678")
    page.locator("#field-disposal").select_option("废止")
    page.get_by_role("button", name="保存修改").click()
    expect(page.locator("#flash")).to_contain_text("已保存修改")
    expect(page.locator("#row-version")).to_have_text(f"版本 {version + 1}")
    row = _api(page, "GET", f"/api/documents/{document_id}").json()["ledger_row"]
    assert (row["responsible_person"], row["phone"], row["disposal"]) == ("张三（科长）", "0371-12345678", "废止")
    assert {"responsible_person", "phone", "disposal"} <= set(row["edited"])

    # Someone else saves the row meanwhile: the page's stale edit gets a clear message and the fresh row.
    other = _api(page, "PATCH", f"/api/drafts/{row['id']}",
                 data={"version": row["version"], "progress": "已启动修订程序"})
    assert other.ok, other.text()
    page.locator("#field-measures_taken").fill("这次修改基于旧版本")
    page.get_by_role("button", name="保存修改").click()
    expect(page.locator("#row-message")).to_contain_text("已被他人")
    expect(page.locator("#field-progress")).to_have_value("已启动修订程序")
    expect(page.locator("#field-measures_taken")).to_have_value("")
    assert _api(page, "GET", f"/api/documents/{document_id}").json()["ledger_row"]["measures_taken"] is None

    # Confirm.
    page.get_by_role("button", name="确认", exact=True).click()
    expect(page.locator("#draft-status")).to_have_text("已确认")
    expect(page.get_by_role("button", name="确认", exact=True)).to_be_disabled()
    assert _api(page, "GET", f"/api/documents/{document_id}").json()["ledger_row"]["status"] == "confirmed"

    # It now sits under 已确认.
    page.goto("/drafts")
    page.get_by_role("tab", name=re.compile("已确认")).click()
    expect(page.locator("#drafts-body a", has_text="某市城市生活垃圾分类管理办法")).to_have_count(1)
    page.get_by_role("tab", name=re.compile("待审核")).click()
    expect(page.locator("#drafts-empty")).to_be_visible()

    # Download the ledger: the official template with the confirmed row and the edits in it.
    page.locator('.page-head-actions [data-action="download-ledger"]').click()
    expect(page.locator("#ledger-dialog")).to_be_visible()
    with page.expect_download() as download_info:
        page.locator("#ledger-download").click()
    saved = tmp_path / "ledger.xlsx"
    download_info.value.save_as(saved)
    assert download_info.value.suggested_filename.endswith(".xlsx")
    content = saved.read_bytes()
    assert content[:2] == b"PK"
    sheet = load_workbook(io.BytesIO(content)).active
    rows = [[cell for cell in r] for r in sheet.iter_rows(values_only=True)]
    headings = [heading for _, heading in COLUMNS]
    header_at = next(i for i, r in enumerate(rows) if [str(c).strip() if c is not None else None
                                                       for c in r[:len(headings)]] == headings)
    body = [dict(zip([k for k, _ in COLUMNS], r)) for r in rows[header_at + 1:] if any(c is not None for c in r)]
    ours = [r for r in body if "某市城市生活垃圾分类管理办法" in str(r["document_name"])]
    assert len(ours) == 1, body
    assert ours[0]["involves_blacklist"] == "否"
    assert ours[0]["responsible_person"] == "张三（科长）"
    assert str(ours[0]["disposal"]).startswith("废止")

    # A token the server no longer accepts sends the clerk back to the login page.
    page.evaluate("() => sessionStorage.setItem('taizhang.token', 'not-a-valid-token')")
    page.goto("/drafts")
    page.wait_for_url(re.compile(r"/login\?next="))
    expect(page.get_by_label("用户名")).to_be_visible()
