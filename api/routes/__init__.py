"""Thin HTTP layer: parse, check the role, call a service, shape the answer."""
from . import audit, auth, clauses, documents, drafts, jobs, ledger, models, review, users

ROUTERS = [auth.router, users.router, documents.router, jobs.router, drafts.router, clauses.router, review.router,
           ledger.router, models.router, audit.router]
