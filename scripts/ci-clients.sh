#!/usr/bin/env bash
# CI for the clients (issue 13): a live server with the demo data on a loopback port, then the
# Python client's tests and its executed notebook, the R example and the TypeScript example
# against it. Bounded: each step has a timeout; the whole run takes a few minutes.
#   scripts/ci-clients.sh            (DATABASE_URL set: a fresh database on that server; else embedded PostgreSQL)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
PY=/usr/bin/python3 # Debian's python, with python3-nbclient and friends (not the pyenv python3 first on PATH)

echo "== clients: apt packages"
need=()
for pkg in python3-nbclient python3-nbformat python3-ipykernel python3-pandas python3-matplotlib r-base-core r-cran-httr2 r-cran-jsonlite; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  echo "installing ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive timeout 600 apt-get install -y -qq -o DPkg::Lock::Timeout=300 "${need[@]}" >/dev/null
fi

echo "== clients: live server with the demo data"
work=$(mktemp -d /tmp/verbatim-ci-clients.XXXXXX)
chmod 755 "$work"
db=""
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  if [ -n "$db" ]; then psql "$admin_url" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
port=$((4300 + RANDOM % 500))
key="ci-clients-admin-key-$RANDOM-0123456789"
env_db=()
if [ -n "${DATABASE_URL:-}" ]; then
  admin_url="$DATABASE_URL"
  db="verbatim_ci_clients_$$"
  psql "$admin_url" -qc "CREATE DATABASE $db"
  env_db=(DATABASE_URL="${DATABASE_URL%/*}/$db" VERBATIM_DEMO_DATA=true)
else
  env_db=(VERBATIM_DATA_DIR="$work/data")
fi
env "${env_db[@]}" PORT=$port VERBATIM_BOOTSTRAP_ADMIN_KEY="$key" LOG_LEVEL=warn \
  VERBATIM_RATE_LIMIT_PER_MINUTE=0 VERBATIM_ANONYMOUS_RATE_LIMIT_PER_MINUTE=0 \
  npx tsx src/main.ts >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 180); do
  curl -sf "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log"; exit 1; }
  sleep 1
done
curl -sf "http://127.0.0.1:$port/readyz" >/dev/null || { echo "server not ready"; cat "$work/server.log"; exit 1; }
export VERBATIM_URL="http://127.0.0.1:$port" VERBATIM_KEY="$key"
echo "server ready at $VERBATIM_URL"

echo "== clients: Python client tests (unittest)"
timeout 300 "$PY" -m unittest discover -s clients/python/tests -v 2>&1 | tail -n 25

echo "== clients: Python notebook examples/provenance.ipynb, executed"
timeout 300 "$PY" clients/python/examples/run_notebook.py clients/python/examples/provenance.ipynb

echo "== clients: R example"
timeout 300 Rscript clients/r/examples/claims.R

echo "== clients: TypeScript client (codegen drift, example compiled and run)"
(cd clients/typescript && timeout 300 npm ci --no-audit --no-fund --silent && timeout 120 npm run -s check:generated && timeout 120 npm run -s build && timeout 120 node dist/examples/list-claims.js)

echo "== clients: all passed"
cd "$root"
