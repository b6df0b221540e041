"""Service settings, from TAIZHANG_* environment variables.

Everything the service writes lives under one data directory: the SQLite
database (unless TAIZHANG_DATABASE_URL points elsewhere), uploaded files by
sha256, retrained models, and the token-signing key.
"""
from __future__ import annotations

import os
import secrets
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from classifier.corpus import CORPUS_DIR
from classifier.model import DEFAULT_MODEL
from extractor import Limits

_SECRET_FILE = "secret_key"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="TAIZHANG_", extra="ignore")

    data_dir: Path = Path("./var")
    # sqlite:///… or postgresql://… (the psycopg 3 driver is used for PostgreSQL).
    database_url: str | None = None
    # The model the service starts with; later retrains and activations live in the registry.
    model: Path = DEFAULT_MODEL
    corpus_dir: Path = CORPUS_DIR
    # Empty: generated once and kept in DATA_DIR/secret_key, so tokens survive restarts.
    secret_key: str | None = None
    token_minutes: int = Field(default=8 * 60, gt=0)
    # The whole request body of one upload, and each file in it (zip members included).
    max_upload_bytes: int = Field(default=200 * 2**20, gt=0)
    max_file_bytes: int = Field(default=Limits().max_file_bytes, gt=0)
    scan_workers: int = Field(default=2, ge=0)

    @property
    def blob_dir(self) -> Path:
        return self.data_dir / "blobs"

    @property
    def model_dir(self) -> Path:
        return self.data_dir / "models"

    def db_url(self) -> str:
        return self.database_url or f"sqlite:///{(self.data_dir / 'taizhang.db').resolve()}"

    def limits(self) -> Limits:
        return Limits(max_file_bytes=self.max_file_bytes)

    def ensure_dirs(self) -> None:
        for path in (self.data_dir, self.blob_dir, self.model_dir):
            path.mkdir(parents=True, exist_ok=True)

    def signing_key(self) -> bytes:
        """The configured key, else the one persisted under the data dir (created on first use)."""
        if self.secret_key:
            return self.secret_key.encode()
        path = self.data_dir / _SECRET_FILE
        if not path.exists():
            self.data_dir.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f".{_SECRET_FILE}.{os.getpid()}.{secrets.token_hex(4)}")
            tmp.write_text(secrets.token_urlsafe(48))
            tmp.chmod(0o600)
            try:
                # link() fails if the file exists: of two processes starting at once, one key wins.
                os.link(tmp, path)
            except FileExistsError:
                pass
            finally:
                tmp.unlink()
        return path.read_text().strip().encode()
