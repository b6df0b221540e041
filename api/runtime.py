"""Everything one running service holds: settings, database, file store, models, workers."""
from __future__ import annotations

import logging

from .config import Settings
from .db import Database
from .migrate import upgrade
from .services import registry
from .services.registry import ModelHolder
from .services.retrain import Evaluator, RetrainRunner, Trainer, default_trainer, evaluate
from .services.scanning import ScanFn, ScanPool, scan_bytes
from .storage import BlobStore

log = logging.getLogger(__name__)


class Runtime:
    def __init__(self, settings: Settings, *, trainer: Trainer = default_trainer, evaluator: Evaluator | None = None,
                 scan_fn: ScanFn = scan_bytes):
        """trainer, evaluator and scan_fn replace the real ones in tests (tiny corpus, controlled timing)."""
        self.settings = settings
        settings.ensure_dirs()
        self.db = Database(settings.db_url())
        self.store = BlobStore(settings.blob_dir)
        self.models = ModelHolder()
        self.signing_key = settings.signing_key()
        self.scans = ScanPool(self.db, self.store, self.models, settings.scan_workers, settings.limits(), scan_fn)
        self.retrains = RetrainRunner(self.db, settings, self.models, trainer, evaluator or evaluate)

    def start(self) -> None:
        upgrade(self.db)
        registry.register_seed(self.db, self.settings.model)
        registry.load_active(self.db, self.models)
        self.scans.start()
        self.retrains.start()
        log.info("taizhang service ready (database %s, %d scan workers)",
                 self.db.engine.url.render_as_string(hide_password=True), self.settings.scan_workers)

    def stop(self) -> None:
        self.scans.stop()
        self.retrains.stop()
        self.db.dispose()
