#!/usr/bin/env bash
# A throwaway PostgreSQL on loopback for the brief store's tests (CI, and developers locally).
#
#   .ci/postgres.sh start [DIR]   initdb + start in DIR (default: a new temp dir); writes DIR/env
#   . DIR/env                     exports HANDOFF_TEST_POSTGRES_URL, _USER, _PASSWORD
#   .ci/postgres.sh stop DIR      stops the server and deletes DIR
#
# The password is random and only ever written to DIR/env (mode 600), never printed. The server
# listens on 127.0.0.1 only, on a free port, with its socket in DIR. As root (CI) the server runs
# as the `postgres` user; as anyone else, as yourself. Installs Debian's postgresql when missing
# (root only).
set -euo pipefail

find_bin() {
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [ -x "$d/initdb" ] && { echo "$d"; return 0; }
  done
  if command -v initdb >/dev/null 2>&1; then dirname "$(command -v initdb)"; return 0; fi
  return 1
}

# Runs a command as the server's owner: `postgres` when we are root, else ourselves.
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start() {
  local dir=${1:-}
  local bin
  if ! bin=$(find_bin); then
    if [ "$(id -u)" != 0 ]; then
      echo "postgres.sh: no initdb found; install PostgreSQL (apt-get install postgresql) first" >&2
      exit 1
    fi
    echo "postgres.sh: installing Debian's postgresql" >&2
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    bin=$(find_bin)
  fi
  [ -n "$dir" ] || dir=$(mktemp -d "${TMPDIR:-/tmp}/handoff-pg.XXXXXX")
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir "$dir" --shell /usr/sbin/nologin postgres
    chown postgres "$dir"
  fi
  chmod 700 "$dir"

  local password
  password=$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')
  # Local socket connections are trusted (the socket sits in a directory only the owner can
  # enter); TCP needs the password.
  as_owner "$bin/initdb" -D "$dir/data" -U postgres -E UTF8 --locale=C.UTF-8 --no-sync \
    --auth-local=trust --auth-host=scram-sha-256 >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; exit 1; }

  # A free port: try a few random ones; pg_ctl fails on one taken in between and we try again.
  local port started=""
  for _ in 1 2 3 4 5; do
    port=$(( 20000 + $(od -An -N2 -tu2 /dev/urandom | tr -d ' ') % 30000 ))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && continue
    if as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
        start >/dev/null; then
      started=1
      break
    fi
  done
  [ -n "$started" ] || { echo "postgres.sh: the server did not start; see $dir/server.log" >&2; tail -20 "$dir/server.log" >&2; exit 1; }

  # The password goes in on stdin, so it never shows in a process list.
  as_owner "$bin/psql" -q -v ON_ERROR_STOP=1 -h "$dir" -p "$port" -U postgres -d postgres >/dev/null <<SQL
CREATE ROLE handoff LOGIN PASSWORD '$password';
CREATE DATABASE handoff_test OWNER handoff;
SQL

  (umask 077
   cat >"$dir/env" <<ENV
export HANDOFF_TEST_POSTGRES_URL='jdbc:postgresql://127.0.0.1:$port/handoff_test'
export HANDOFF_TEST_POSTGRES_USER='handoff'
export HANDOFF_TEST_POSTGRES_PASSWORD='$password'
ENV
  )
  echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port; variables: . $dir/env; stop: $0 stop $dir"
}

stop() {
  local dir=${1:?usage: postgres.sh stop DIR}
  local bin
  bin=$(find_bin) || true
  if [ -n "$bin" ] && [ -f "$dir/data/postmaster.pid" ]; then
    as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
}

case "${1:-}" in
  start) start "${2:-}" ;;
  stop) stop "${2:-}" ;;
  *) echo "usage: $0 start [DIR] | stop DIR" >&2; exit 2 ;;
esac
