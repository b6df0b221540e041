"""Running the service in tests: through Starlette's TestClient, or a real uvicorn on loopback."""
from __future__ import annotations

import socket
import threading
import time
from contextlib import contextmanager

import uvicorn
from starlette.testclient import TestClient

from api.app import create_app
from api.runtime import Runtime
from api.services.users import add_user

PASSWORD = "correct horse 1"


class Service:
    """A running app (lifespan started) and shortcuts for what most tests do."""

    def __init__(self, client: TestClient, runtime: Runtime):
        self.client, self.runtime = client, runtime
        self.running = True

    def stop(self) -> None:
        if self.running:
            self.running = False
            self.client.__exit__(None, None, None)

    def user(self, name: str, unit: str = "市交通运输局", role: str = "clerk") -> dict:
        """Creates the user and logs in through the API; returns the auth headers."""
        add_user(self.runtime.db, name, unit, role, PASSWORD)
        r = self.client.post("/api/auth/token", data={"username": name, "password": PASSWORD})
        assert r.status_code == 200, r.text
        return {"Authorization": f"Bearer {r.json()['access_token']}"}

    def upload(self, headers: dict, *files: tuple[str, bytes], expect: int = 202) -> dict:
        r = self.client.post("/api/documents", files=[("files", f) for f in files], headers=headers)
        assert r.status_code == expect, r.text
        return r.json()

    def wait(self, headers: dict, job_id: int, timeout: float = 30) -> dict:
        deadline = time.monotonic() + timeout
        while True:
            job = self.client.get(f"/api/jobs/{job_id}", headers=headers).json()
            if job["status"] in ("done", "failed"):
                return job
            assert time.monotonic() < deadline, f"job {job_id} not finished: {job}"
            time.sleep(0.02)

    def scanned(self, headers: dict, *files: tuple[str, bytes]) -> list[dict]:
        """Uploads, waits for the job, returns the full document views in upload order."""
        answer = self.upload(headers, *files)
        self.wait(headers, answer["job_id"])
        return [self.client.get(f"/api/documents/{d['id']}", headers=headers).json() for d in answer["documents"]]

    def draft(self, headers: dict, draft_id: int) -> dict:
        r = self.client.get(f"/api/drafts/{draft_id}", headers=headers)
        assert r.status_code == 200, r.text
        return r.json()

    def get(self, path: str, headers: dict, **kw):
        return self.client.get(path, headers=headers, **kw)


@contextmanager
def live_server(runtime: Runtime):
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(runtime=runtime), log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "server did not start"
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()
