# Sourced by scripts/test.sh: a throwaway Redis on a Unix socket (no TCP port, nothing saved to disk).
# Sets KB_TEST_REDIS_URL (a Flask-Limiter storage URI); redis_stop (run by the caller's trap) stops it
# and removes its files.
redis_start() {
  REDIS_DIR=$(mktemp -d /tmp/kb-redis.XXXXXX)
  redis-server --port 0 --unixsocket "$REDIS_DIR/redis.sock" --unixsocketperm 700 --save "" \
    --appendonly no --daemonize yes --pidfile "$REDIS_DIR/redis.pid" --logfile "$REDIS_DIR/log" \
    --dir "$REDIS_DIR" >/dev/null
  for _ in $(seq 100); do
    [ -S "$REDIS_DIR/redis.sock" ] && break
    sleep 0.05
  done
  export KB_TEST_REDIS_URL="redis+unix://$REDIS_DIR/redis.sock"
}

redis_stop() {
  [ -n "${REDIS_DIR:-}" ] || return 0
  local pid
  pid=$(cat "$REDIS_DIR/redis.pid" 2>/dev/null || true)
  if [ -n "$pid" ] && kill "$pid" 2>/dev/null; then
    # Wait for it to exit: it writes its log and removes its socket and pid file on the way out,
    # which raced `rm -rf` once ("Directory not empty", a red run after every test passed).
    for _ in $(seq 100); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.05
    done
  fi
  rm -rf "$REDIS_DIR"
}
