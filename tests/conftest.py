"""Fixtures shared by the scanner's and the service's tests."""
from __future__ import annotations

from pathlib import Path

import pytest

from classifier.model import ClauseModel


@pytest.fixture
def held_back_model(tmp_path) -> Path:
    """The shipped model with document thresholds no clause reaches: every label a clause
    earns is held back (ClauseModel.held_back), none flagged."""
    model = ClauseModel.load()
    model.document_thresholds = {label: 1.0 for label in model.thresholds}
    path = tmp_path / "held_back.skops"
    model.save(path)
    return path
