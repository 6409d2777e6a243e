# Sourced by run-tests: puts Prometheus' promtool on PATH for the alert-rule tests. The system's promtool if there is
# one, else the binary from Debian's prometheus package, unpacked (not installed, so no server is set up or started)
# into .tools/prometheus.
if ! command -v promtool > /dev/null; then
  PROMTOOL_DIR="$(pwd)/.tools/prometheus"
  if [[ ! -x "$PROMTOOL_DIR/usr/bin/promtool" ]]; then
    echo "fetching promtool (Debian's prometheus package, unpacked into .tools/prometheus)"
    mkdir -p "$PROMTOOL_DIR"
    ( cd "$PROMTOOL_DIR" \
      && { apt-get download prometheus > /dev/null 2>&1 || { apt-get update > /dev/null && apt-get download prometheus > /dev/null; }; } \
      && dpkg-deb -x prometheus_*.deb . && rm -f prometheus_*.deb ) \
      || echo "could not fetch promtool: AlertRulesTest will fail (apt-get install prometheus provides it)" >&2
  fi
  export PATH="$PROMTOOL_DIR/usr/bin:$PATH"
fi
