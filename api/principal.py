"""Who is calling, and what their role lets them see."""
from __future__ import annotations

from dataclasses import dataclass

from .models import User


@dataclass(frozen=True)
class Principal:
    id: int
    name: str
    unit: str
    role: str

    @classmethod
    def of(cls, user: User) -> "Principal":
        return cls(user.id, user.name, user.unit, user.role)

    @property
    def reads_all_units(self) -> bool:
        # Coordinators consolidate every unit's ledger; admins look after the whole service.
        return self.role in ("coordinator", "admin")

    def can_read(self, unit: str) -> bool:
        return self.reads_all_units or unit == self.unit

    def scope(self, query, unit_column, unit: str | None = None):
        """Restrict a query to what this user may read: their own unit, or, for those
        who read every unit, the one asked for (all when none is)."""
        if not self.reads_all_units:
            return query.where(unit_column == self.unit)
        return query.where(unit_column == unit) if unit else query

    def can_review(self, unit: str) -> bool:
        """Uploading, editing and confirming are a clerk's work on their own unit's documents."""
        return self.role == "clerk" and unit == self.unit
