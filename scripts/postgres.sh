#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests and benchmarks.
#
# Two ways to use it:
#
#   source scripts/postgres.sh        # from a bash script running with set -euo pipefail
#   gridnotify_pg_start               # exports GRIDNOTIFY_TEST_POSTGRES, installs the traps
#   ...                               # the stop runs on every exit (also failure and Ctrl-C)
#
#   scripts/postgres.sh CMD [ARG...]  # runs CMD with GRIDNOTIFY_TEST_POSTGRES set, then stops
#
# If GRIDNOTIFY_TEST_POSTGRES is already set (a DSN of an existing database the tests may fill
# and empty), nothing is started and it is used as it is. Otherwise gridnotify_pg_start finds
# initdb and pg_ctl (PATH, then the newest /usr/lib/postgresql/*/bin); if they are missing it
# installs Debian's postgresql package when running as root. It then initdb's a cluster into a
# fresh temporary directory, starts it listening on 127.0.0.1 at a free port and on a unix socket
# in that directory (no other interface), tuned for speed over durability (fsync, synchronous
# commit and full-page writes off), creates the database "gridnotify" and exports
# GRIDNOTIFY_TEST_POSTGRES=postgres://postgres@127.0.0.1:PORT/gridnotify?sslmode=disable.
# As root the server runs as the system user postgres (or nobody), since PostgreSQL refuses root.
#
# When no server can be had: outside CI (CI not "true"/"1") it prints why and returns, and the
# PostgreSQL tests skip; under CI it fails. A server that was found but does not start is always
# a failure, with its log printed.
#
# gridnotify_pg_start installs EXIT, INT, TERM and HUP traps; a caller that needs its own EXIT
# trap calls gridnotify_pg_stop from it (it is idempotent).

# Set by gridnotify_pg_start; read by gridnotify_pg_stop.
GRIDNOTIFY_PG_TMP=""     # temporary directory holding data/, the socket and server.log
GRIDNOTIFY_PG_BIN=""     # directory of initdb, pg_ctl, createdb
GRIDNOTIFY_PG_RUNAS=""   # user the server runs as when we are root; empty: ourselves

_gridnotify_pg_log() { echo "postgres: $*" >&2; }

_gridnotify_pg_ci() {
  case "${CI:-}" in true | TRUE | True | 1) return 0 ;; *) return 1 ;; esac
}

# _gridnotify_pg_run CMD...: runs a server command as the server's user, from a directory that
# user can read.
_gridnotify_pg_run() {
  if [ -n "$GRIDNOTIFY_PG_RUNAS" ]; then
    (cd / && runuser -u "$GRIDNOTIFY_PG_RUNAS" -- "$@")
  else
    (cd / && "$@")
  fi
}

# _gridnotify_pg_find_bin: sets GRIDNOTIFY_PG_BIN to the directory holding initdb and pg_ctl, or
# returns 1. Debian keeps them out of PATH, in /usr/lib/postgresql/<major>/bin.
_gridnotify_pg_find_bin() {
  local initdb pgctl dir
  initdb=$(command -v initdb 2>/dev/null || true)
  pgctl=$(command -v pg_ctl 2>/dev/null || true)
  if [ -n "$initdb" ] && [ -n "$pgctl" ]; then
    # Follow symlinks (e.g. /usr/local/bin/initdb -> /usr/lib/postgresql/15/bin/initdb) so that
    # createdb of the same version is found beside them.
    dir=$(dirname "$(readlink -f "$initdb")")
    if [ -x "$dir/pg_ctl" ] && [ -x "$dir/createdb" ]; then
      GRIDNOTIFY_PG_BIN=$dir
      return 0
    fi
  fi
  for dir in $(printf "%s\n" /usr/lib/postgresql/*/bin | sort -V -r); do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ] && [ -x "$dir/createdb" ]; then
      GRIDNOTIFY_PG_BIN=$dir
      return 0
    fi
  done
  return 1
}

# _gridnotify_pg_install: installs Debian's postgresql package, non-interactively. Only as root.
# It keeps Debian from creating (and, where services may start, starting) its default cluster
# "main": the tests use their own throwaway one.
_gridnotify_pg_install() {
  local log
  log=$(mktemp "${TMPDIR:-/tmp}/gridnotify-apt.XXXXXX")
  _gridnotify_pg_log "initdb/pg_ctl not found; installing Debian's postgresql package (apt-get)"
  if [ ! -e /etc/postgresql-common/createcluster.conf ]; then
    mkdir -p /etc/postgresql-common
    echo "create_main_cluster = false" >/etc/postgresql-common/createcluster.conf
  fi
  if ! {
    DEBIAN_FRONTEND=noninteractive apt-get update -q &&
      DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
        -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold postgresql
  } </dev/null >"$log" 2>&1; then
    tail -n 30 "$log" >&2
    rm -f "$log"
    _gridnotify_pg_log "apt-get install postgresql failed (output above)"
    return 1
  fi
  rm -f "$log"
}

# _gridnotify_pg_unavailable MESSAGE: no server can be had. Fails under CI; otherwise says that the
# PostgreSQL tests will skip.
_gridnotify_pg_unavailable() {
  if _gridnotify_pg_ci; then
    _gridnotify_pg_log "error: $1"
    _gridnotify_pg_log "CI=${CI} requires the PostgreSQL tests to run: install Debian's postgresql package or set GRIDNOTIFY_TEST_POSTGRES"
    return 1
  fi
  _gridnotify_pg_log "$1"
  _gridnotify_pg_log "the PostgreSQL tests will SKIP; install PostgreSQL (apt-get install postgresql) or set GRIDNOTIFY_TEST_POSTGRES=postgres://user@host:port/db"
  return 0
}

# _gridnotify_pg_port_free PORT: true if nothing answers on 127.0.0.1:PORT.
_gridnotify_pg_port_free() {
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# gridnotify_pg_start: see the top of this file.
gridnotify_pg_start() {
  if [ -n "${GRIDNOTIFY_TEST_POSTGRES:-}" ]; then
    export GRIDNOTIFY_TEST_POSTGRES
    # Print where, never a password.
    echo "postgres: tests use GRIDNOTIFY_TEST_POSTGRES from the environment: $(echo "$GRIDNOTIFY_TEST_POSTGRES" | sed -E 's#://[^@/]*@#://***@#; s#password=[^ ]*#password=***#')"
    return 0
  fi

  if ! _gridnotify_pg_find_bin; then
    if [ "$(id -u)" -ne 0 ]; then
      _gridnotify_pg_unavailable "no PostgreSQL server binaries (initdb, pg_ctl) in PATH or /usr/lib/postgresql/*/bin, and not root, so Debian's postgresql package cannot be installed"
      return
    fi
    if ! _gridnotify_pg_install; then
      _gridnotify_pg_unavailable "PostgreSQL could not be installed"
      return
    fi
    if ! _gridnotify_pg_find_bin; then
      _gridnotify_pg_unavailable "apt-get installed postgresql, but initdb and pg_ctl are still not in PATH or /usr/lib/postgresql/*/bin"
      return
    fi
    _gridnotify_pg_log "installed $GRIDNOTIFY_PG_BIN"
  fi

  local base=${TMPDIR:-/tmp} t0 port tries version
  t0=$(date +%s%N)
  if [ "$(id -u)" -eq 0 ]; then
    if id -u postgres >/dev/null 2>&1; then
      GRIDNOTIFY_PG_RUNAS=postgres
    else
      GRIDNOTIFY_PG_RUNAS=nobody
    fi
    # The server's user must reach the directory: /tmp, not a TMPDIR under /root.
    base=/tmp
  fi
  # A unix socket path may be at most 107 bytes; keep the directory short.
  if [ ${#base} -gt 60 ]; then base=/tmp; fi

  trap gridnotify_pg_stop EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  trap 'exit 129' HUP
  GRIDNOTIFY_PG_TMP=$(mktemp -d "$base/gridnotify-pg.XXXXXX")
  chmod 700 "$GRIDNOTIFY_PG_TMP"
  if [ -n "$GRIDNOTIFY_PG_RUNAS" ]; then
    chown "$GRIDNOTIFY_PG_RUNAS" "$GRIDNOTIFY_PG_TMP"
  fi

  # Throwaway cluster: trust authentication (it listens only on 127.0.0.1 and a socket in a 0700
  # directory), superuser "postgres", C locale, no fsync while creating it.
  if ! _gridnotify_pg_run "$GRIDNOTIFY_PG_BIN/initdb" -D "$GRIDNOTIFY_PG_TMP/data" -U postgres \
    --auth=trust --encoding=UTF8 --no-locale --no-sync >"$GRIDNOTIFY_PG_TMP/initdb.log" 2>&1; then
    cat "$GRIDNOTIFY_PG_TMP/initdb.log" >&2
    _gridnotify_pg_log "error: initdb failed (output above)"
    return 1
  fi

  echo "include 'gridnotify.conf'" >>"$GRIDNOTIFY_PG_TMP/data/postgresql.conf"

  # A random free port; retried if another process takes it between the check and the start.
  for tries in 1 2 3 4 5; do
    port=$((20000 + RANDOM % 40000))
    _gridnotify_pg_port_free "$port" || continue
    cat >"$GRIDNOTIFY_PG_TMP/data/gridnotify.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$GRIDNOTIFY_PG_TMP'
max_connections = 200
fsync = off
synchronous_commit = off
full_page_writes = off
shared_buffers = 128MB
logging_collector = off
EOF
    if _gridnotify_pg_run "$GRIDNOTIFY_PG_BIN/pg_ctl" start -w -t 60 -D "$GRIDNOTIFY_PG_TMP/data" \
      -l "$GRIDNOTIFY_PG_TMP/server.log" >/dev/null 2>&1; then
      break
    fi
    if ! grep -q "could not bind\|Address already in use" "$GRIDNOTIFY_PG_TMP/server.log" 2>/dev/null ||
      [ "$tries" -eq 5 ]; then
      cat "$GRIDNOTIFY_PG_TMP/server.log" >&2 || true
      _gridnotify_pg_log "error: the PostgreSQL server did not start (log above)"
      return 1
    fi
    : >"$GRIDNOTIFY_PG_TMP/server.log"
  done

  if ! _gridnotify_pg_run "$GRIDNOTIFY_PG_BIN/createdb" -h "$GRIDNOTIFY_PG_TMP" -p "$port" -U postgres \
    gridnotify >"$GRIDNOTIFY_PG_TMP/createdb.log" 2>&1; then
    cat "$GRIDNOTIFY_PG_TMP/createdb.log" >&2
    _gridnotify_pg_log "error: createdb failed (output above)"
    return 1
  fi

  export GRIDNOTIFY_TEST_POSTGRES="postgres://postgres@127.0.0.1:$port/gridnotify?sslmode=disable"
  version=$("$GRIDNOTIFY_PG_BIN/postgres" --version 2>/dev/null | sed 's/^postgres (PostgreSQL) //' || true)
  echo "postgres: tests use a throwaway PostgreSQL ${version:-?} at $GRIDNOTIFY_TEST_POSTGRES (in $GRIDNOTIFY_PG_TMP, started in $((($(date +%s%N) - t0) / 1000000)) ms)"
}

# gridnotify_pg_stop: stops the server gridnotify_pg_start started and removes its directory.
# Safe to call more than once, and when nothing was started.
gridnotify_pg_stop() {
  local rc=$? pid
  if [ -n "$GRIDNOTIFY_PG_TMP" ] && [ -d "$GRIDNOTIFY_PG_TMP" ]; then
    if [ -f "$GRIDNOTIFY_PG_TMP/data/postmaster.pid" ]; then
      # The data is thrown away: an immediate shutdown is enough.
      _gridnotify_pg_run "$GRIDNOTIFY_PG_BIN/pg_ctl" stop -w -t 30 -m immediate \
        -D "$GRIDNOTIFY_PG_TMP/data" >/dev/null 2>&1 || true
      if [ -f "$GRIDNOTIFY_PG_TMP/data/postmaster.pid" ]; then
        pid=$(head -n 1 "$GRIDNOTIFY_PG_TMP/data/postmaster.pid" 2>/dev/null || true)
        case "$pid" in '' | *[!0-9]*) ;; *) kill -KILL "$pid" 2>/dev/null || true ;; esac
      fi
    fi
    rm -rf "$GRIDNOTIFY_PG_TMP" || true
  fi
  GRIDNOTIFY_PG_TMP=""
  return $rc
}

# Run as a command: start, run the arguments, stop.
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  if [ $# -eq 0 ]; then
    echo "usage: $0 CMD [ARG...]   (runs CMD with GRIDNOTIFY_TEST_POSTGRES set)" >&2
    exit 2
  fi
  gridnotify_pg_start
  "$@"
fi
