#!/usr/bin/env bash
# Backup and restore drill for the portal's PostgreSQL database (docs/operating-an-incident.md).
#
#   db/backup.sh backup  <database-url> <file.dump>    pg_dump --format=custom (compressed)
#   db/backup.sh restore <file.dump> <new-database-url> creates the database, then pg_restore
#
# The restore refuses a database that already exists: a drill never overwrites anything. Check
# the restored copy with `DATABASE_URL=<new-database-url> npm run cli -- audit verify` and
# `... report states`. A dump holds personal data (encrypted fields, as in the database):
# keep it encrypted at rest and let it expire before the incident's retention date.
set -euo pipefail

usage() {
  sed -n '4,5p' "$0" | sed 's/^# *//' >&2
  exit 2
}

[[ $# -eq 3 ]] || usage
case "$1" in
  backup)
    url="$2"
    out="$3"
    tmp="$out.partial"
    # Written under another name first: a failed or interrupted dump never looks like a backup.
    pg_dump --format=custom --compress=6 --no-owner --no-privileges --file="$tmp" "$url"
    mv "$tmp" "$out"
    echo "backup written: $out ($(wc -c <"$out") bytes)"
    ;;
  restore)
    file="$2"
    url="$3"
    [[ -f "$file" ]] || { echo "no such file: $file" >&2; exit 1; }
    # Connect to the server's maintenance database to create the new one.
    name="${url##*/}"
    name="${name%%\?*}"
    admin="${url%/*}/postgres"
    [[ "$name" =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || { echo "unusual database name: $name" >&2; exit 2; }
    exists=$(psql "$admin" -tAc "select 1 from pg_database where datname = '$name'")
    if [[ "$exists" == "1" ]]; then
      echo "database $name exists already: restore into a new database" >&2
      exit 1
    fi
    psql "$admin" -q -c "create database \"$name\""
    pg_restore --no-owner --no-privileges --exit-on-error --dbname="$url" "$file"
    echo "restored into $name"
    ;;
  *) usage ;;
esac
