#!/usr/bin/env bash
# Install (Debian package), start and prepare a PostgreSQL server for the test suite.
# Idempotent: safe to run on a machine where it already ran.
set -euo pipefail

if ! command -v pg_lsclusters >/dev/null 2>&1 || [ -z "$(pg_lsclusters -h 2>/dev/null)" ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq postgresql >/dev/null
fi

# Start the first cluster the machine has, whatever its version.
read -r version cluster _ < <(pg_lsclusters -h | head -n 1)
pg_ctlcluster "$version" "$cluster" start 2>/dev/null || true
for _ in $(seq 1 30); do
  su postgres -c "pg_isready -q -h 127.0.0.1" && break
  sleep 1
done

su postgres -c "psql -q -v ON_ERROR_STOP=1" <<'SQL'
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'zhanbao') THEN
    CREATE ROLE zhanbao LOGIN PASSWORD 'zhanbao' CREATEDB;
  END IF;
END $$;
SQL
su postgres -c "psql -tAc \"SELECT 1 FROM pg_database WHERE datname = 'zhanbao_test'\"" | grep -q 1 \
  || su postgres -c "createdb -O zhanbao zhanbao_test"
