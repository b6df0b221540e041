"""Settings, migrations and the command line: what a fresh install goes through."""
from __future__ import annotations

import io
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from api.config import Settings
from api.db import Database, normalise_url
from api.migrate import upgrade
from api.models import Base
from taizhang.cli import main

REPO = Path(__file__).resolve().parents[2]


def test_migrations_build_exactly_the_models_schema_and_rerun_harmlessly(settings_for):
    settings = settings_for()
    settings.ensure_dirs()
    database = Database(settings.db_url())
    try:
        upgrade(database)
        upgrade(database)  # every start-up runs it; the second time is a no-op
        with database.engine.connect() as conn:
            context = MigrationContext.configure(conn)
            assert context.get_current_revision() is not None
            assert compare_metadata(context, Base.metadata) == []
    finally:
        database.dispose()


def test_sqlite_runs_in_wal_mode_under_the_data_dir(tmp_path):
    settings = Settings(data_dir=tmp_path / "var", database_url=None)
    assert settings.db_url() == f"sqlite:///{(tmp_path / 'var' / 'taizhang.db').resolve()}"
    settings.ensure_dirs()
    database = Database(settings.db_url())
    try:
        with database.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() > 0
    finally:
        database.dispose()


def test_postgres_urls_get_the_psycopg_driver():
    assert normalise_url("postgresql://u:p@h/db").startswith("postgresql+psycopg://u:p@h/db")
    assert normalise_url("postgres://u:p@h/db").startswith("postgresql+psycopg://")
    assert normalise_url("sqlite:///x.db") == "sqlite:///x.db"


def test_settings_come_from_the_environment_and_the_key_is_kept(tmp_path, monkeypatch):
    monkeypatch.setenv("TAIZHANG_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("TAIZHANG_MAX_UPLOAD_BYTES", "1234")
    settings = Settings()
    assert settings.data_dir == tmp_path / "data" and settings.max_upload_bytes == 1234
    assert settings.model.name == "clauses.skops" and settings.secret_key is None
    key = settings.signing_key()
    assert len(key) >= 32 and Settings().signing_key() == key  # persisted: tokens survive a restart
    assert oct((tmp_path / "data" / "secret_key").stat().st_mode & 0o777) == "0o600"
    monkeypatch.setenv("TAIZHANG_SECRET_KEY", "given")
    assert Settings().signing_key() == b"given"


def test_cli_user_add(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("TAIZHANG_DATA_DIR", str(tmp_path / "var"))
    monkeypatch.delenv("TAIZHANG_DATABASE_URL", raising=False)
    monkeypatch.setattr(sys, "stdin", io.StringIO("s3cret-password\n"))
    assert main(["user", "add", "王科长", "--unit", "市交通运输局", "--role", "clerk", "--password-stdin"]) == 0
    assert "已创建用户 王科长" in capsys.readouterr().err
    monkeypatch.setattr(sys, "stdin", io.StringIO("s3cret-password\n"))
    assert main(["user", "add", "王科长", "--unit", "市交通运输局", "--role", "clerk", "--password-stdin"]) == 1
    assert "已存在" in capsys.readouterr().err
    monkeypatch.setattr(sys, "stdin", io.StringIO("short\n"))
    assert main(["user", "add", "李", "--unit", "市财政局", "--role", "admin", "--password-stdin"]) == 1
    assert "至少 8 位" in capsys.readouterr().err


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_taizhang_serve_starts_everything_from_an_empty_data_dir(tmp_path):
    env = {**os.environ, "TAIZHANG_DATA_DIR": str(tmp_path / "var")}
    env.pop("TAIZHANG_DATABASE_URL", None)
    taizhang = [sys.executable, "-m", "taizhang.cli"]
    subprocess.run([*taizhang, "user", "add", "clerk", "--unit", "市交通运输局", "--role", "clerk", "--password-stdin"],
                   input="a long password\n", text=True, env=env, check=True, cwd=REPO, capture_output=True)
    port = _free_port()
    server = subprocess.Popen([*taizhang, "serve", "--port", str(port)], env=env, cwd=REPO,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/openapi.json", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert server.poll() is None and time.monotonic() < deadline, server.stderr.read() if server.poll() else ""
            time.sleep(0.1)
        token = httpx.post(f"{base}/api/auth/token", data={"username": "clerk", "password": "a long password"}).json()
        headers = {"Authorization": f"Bearer {token['access_token']}"}
        example = (REPO / "examples" / "某市城市生活垃圾分类管理办法.txt").read_bytes()
        job = httpx.post(f"{base}/api/documents", files=[("files", ("a.txt", example))], headers=headers).json()
        while (status := httpx.get(f"{base}/api/jobs/{job['job_id']}", headers=headers).json())["status"] != "done":
            assert time.monotonic() < deadline, status
            time.sleep(0.05)
        assert httpx.get(f"{base}/api/drafts", headers=headers).json()[0]["involves_sharing"] == "是"
        assert "/api/documents" in httpx.get(f"{base}/openapi.json").json()["paths"]
    finally:
        server.terminate()
        server.wait(15)
