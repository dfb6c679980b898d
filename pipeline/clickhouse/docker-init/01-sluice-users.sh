#!/bin/bash
# Runs once, on the first start of the modern ClickHouse image (/docker-entrypoint-initdb.d), as the
# admin account CLICKHOUSE_USER. Creates the least-privileged accounts Sluice uses:
#   ingest: writes events (Vector, the shipper); reader: read-only reports (the backend).
# The rollups' materialized views insert as their definer (the admin account that ran the migrations), so
# ingest needs no grant on the rollup tables.
set -euo pipefail
: "${CLICKHOUSE_INGEST_PASSWORD:?CLICKHOUSE_INGEST_PASSWORD must be set}"
: "${CLICKHOUSE_READER_PASSWORD:?CLICKHOUSE_READER_PASSWORD must be set}"
db="${CLICKHOUSE_DB:-sluice}"
ingest="${CLICKHOUSE_INGEST_USER:-sluice_ingest}"
reader="${CLICKHOUSE_READER_USER:-sluice_reader}"

# Names go into the SQL as identifiers, so they must be plain ones.
for name in "$db" "$ingest" "$reader"; do
  [[ $name =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || { echo "01-sluice-users.sh: \"$name\" is not a valid ClickHouse name" >&2; exit 1; }
done

# A password as an SQL string literal: backslashes and quotes escaped.
literal() { local s=${1//\\/\\\\}; printf "'%s'" "${s//\'/\\\'}"; }

clickhouse client --user "$CLICKHOUSE_USER" --password "$CLICKHOUSE_PASSWORD" --multiquery <<SQL
CREATE DATABASE IF NOT EXISTS ${db};
CREATE USER IF NOT EXISTS ${ingest} IDENTIFIED WITH sha256_password BY $(literal "$CLICKHOUSE_INGEST_PASSWORD");
CREATE USER IF NOT EXISTS ${reader} IDENTIFIED WITH sha256_password BY $(literal "$CLICKHOUSE_READER_PASSWORD")
  SETTINGS readonly = 2;
GRANT INSERT, SELECT ON ${db}.events TO ${ingest};
GRANT SELECT ON ${db}.* TO ${reader};
SQL
