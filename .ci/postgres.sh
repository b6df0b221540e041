#!/usr/bin/env bash
# Run the review service's API tests against a real PostgreSQL server in CI as well.
# Sourced by .ci/run (which runs as root, CI=true, no stdin), after the venv is installed and before
# `python -m pytest -q`. With TAIZHANG_TEST_DATABASE_URL exported, every test in tests/api/
# runs twice: on SQLite and on PostgreSQL (each test in a schema of its own, dropped after).
set -euo pipefail

# 1. Install (Debian 12 ships PostgreSQL 15; the package creates the "main" cluster).
if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi

# 2. Start it (as the postgres user, through Debian's cluster wrapper). No systemd in CI.
PG_VERSION="$(ls /usr/lib/postgresql | sort -V | tail -1)"
if ! pg_lsclusters -h | grep -q "^${PG_VERSION} main"; then
  pg_createcluster "${PG_VERSION}" main
fi
pg_ctlcluster "${PG_VERSION}" main start || true   # "already running" is fine
for _ in $(seq 1 30); do
  su postgres -c "pg_isready -q" && break
  sleep 1
done
su postgres -c "pg_isready"

# 3. A role and a database for the tests (idempotent).
su postgres -c "psql -v ON_ERROR_STOP=1 -q" <<'SQL'
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'taizhang') THEN
    CREATE ROLE taizhang LOGIN PASSWORD 'taizhang';
  END IF;
END $$;
SQL
su postgres -c "psql -tAc \"SELECT 1 FROM pg_database WHERE datname = 'taizhang_test'\"" | grep -q 1 \
  || su postgres -c "createdb -O taizhang taizhang_test"

# 4. Point the tests at it.
export TAIZHANG_TEST_DATABASE_URL="postgresql://taizhang:taizhang@127.0.0.1:5432/taizhang_test"
