# Sourced by scripts/test.sh: a throwaway PostgreSQL cluster on a Unix socket, no TCP port.
# Sets KB_TEST_POSTGRES_URL; pg_stop (run by the caller's trap) stops it and removes its files.
pg_start() {
  local bin; bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  PG_DIR=$(mktemp -d /tmp/kb-pg.XXXXXX)
  chmod 755 "$PG_DIR"
  local run=()
  if [ "$(id -u)" = 0 ]; then  # initdb refuses to run as root
    chown postgres "$PG_DIR"
    run=(runuser -u postgres --)
  fi
  "${run[@]}" "$bin/initdb" -D "$PG_DIR/data" -U kb --auth=trust >/dev/null
  "${run[@]}" "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w \
    -o "-k $PG_DIR -c listen_addresses='' -c fsync=off" start >/dev/null
  "${run[@]}" "$bin/createdb" -h "$PG_DIR" -U kb kbtest
  PG_BIN=$bin
  export KB_TEST_POSTGRES_URL="postgresql+psycopg://kb@/kbtest?host=$PG_DIR"
}

pg_stop() {
  [ -n "${PG_DIR:-}" ] || return 0
  local run=()
  [ "$(id -u)" = 0 ] && run=(runuser -u postgres --)
  "${run[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
}
