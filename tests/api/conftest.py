"""Fixtures for the review service tests.

Every test gets its own data directory and database: a SQLite file, and also a
fresh schema on the PostgreSQL server named by TAIZHANG_TEST_DATABASE_URL when
that is set (each test then runs once per backend).
"""
from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from starlette.testclient import TestClient

from api import security
from api.app import create_app
from api.config import Settings
from api.db import normalise_url
from api.runtime import Runtime
from apitest_documents import regulation
from apitest_server import Service

PG_URL = os.environ.get("TAIZHANG_TEST_DATABASE_URL")
BACKENDS = ["sqlite"] + (["postgresql"] if PG_URL else [])


@pytest.fixture(autouse=True)
def _cheap_password_hashes(monkeypatch):
    # Real argon2id, with the cost turned down: the default takes ~150 ms a hash.
    monkeypatch.setattr(security, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


@pytest.fixture(params=BACKENDS)
def database_url(request):
    """None for SQLite under the data dir; for PostgreSQL, a schema of our own, dropped afterwards."""
    if request.param == "sqlite":
        yield None
        return
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(normalise_url(PG_URL), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = make_url(normalise_url(PG_URL)).update_query_dict({"options": f"-csearch_path={schema}"})
    yield url.render_as_string(hide_password=False)
    with admin.connect() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


@pytest.fixture
def settings_for(tmp_path, database_url):
    def make(**overrides) -> Settings:
        values = dict(data_dir=tmp_path / "var", database_url=database_url, scan_workers=2,
                      secret_key=None, corpus_dir=Path(__file__).parent / "no-corpus")
        values.update(overrides)
        return Settings(**values)

    return make


@pytest.fixture
def start_service(settings_for):
    """start_service(settings=None, **runtime_hooks) -> Service; stopped at the end of the test."""
    running = []

    def start(settings: Settings | None = None, **hooks) -> Service:
        runtime = Runtime(settings or settings_for(), **hooks)
        client = TestClient(create_app(runtime=runtime))
        client.__enter__()
        running.append(Service(client, runtime))
        return running[-1]

    yield start
    for service in reversed(running):
        service.stop()


@pytest.fixture
def service(start_service) -> Service:
    return start_service()


@pytest.fixture
def clerk(service) -> dict:
    return service.user("clerk-a")


@pytest.fixture
def scanned_doc(service, clerk) -> dict:
    """One scanned regulation of the clerk's unit, with credit clauses."""
    return service.scanned(clerk, ("办法.txt", regulation(1)))[0]
