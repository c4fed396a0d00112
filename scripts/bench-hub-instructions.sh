#!/usr/bin/env bash
# Instructions the wechat-hub process spends per cached `GET /client/access_token`, counted by
# callgrind (deterministic), for this build and, when given, a baseline binary.
# Usage: bash scripts/bench-hub-instructions.sh [/path/to/baseline/wechat-hub]
# Needs valgrind and ab (apache2-utils). Each binary runs under callgrind twice, for 2,000 and
# 8,000 keep-alive requests from ab (4 connections); the difference over 6,000 is one request.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
command -v ab >/dev/null || { echo "ab is needed (apt-get install apache2-utils)" >&2; exit 1; }
source scripts/hub-bench-setup.sh

count() { # binary requests -> instructions of the hub process
  rm -f "$work/hub.out"
  RUST_LOG=warn valgrind --tool=callgrind --callgrind-out-file="$work/cg.out" "$1" --config "$work/hub.toml" \
    >"$work/hub.out" 2>/dev/null &
  local pid=$!
  until grep -q "listening on" "$work/hub.out" 2>/dev/null; do sleep 0.1; done
  local url; url="$(grep -o 'http://[0-9.:]*' "$work/hub.out" | head -1)/client/access_token?appid=$appid"
  curl -sf -H "Authorization: Bearer bench-caller-secret" "$url" >/dev/null
  ab -q -k -n "$2" -c 4 -H "Authorization: Bearer bench-caller-secret" "$url" >/dev/null 2>&1
  kill -TERM "$pid"; wait "$pid" || true
  callgrind_annotate "$work/cg.out" 2>/dev/null | awk '/PROGRAM TOTALS/ {gsub(",", "", $1); print $1}'
}
per_request() { local a b; a=$(count "$1" 2000); b=$(count "$1" 8000); echo $(( (b - a) / 6000 )); }

this=$(per_request ./target/release/wechat-hub)
echo "this build: $this instructions per cached read"
if [ -n "${1:-}" ]; then
  base=$(per_request "$1")
  echo "baseline:   $base instructions per cached read"
  awk -v t="$this" -v b="$base" 'BEGIN { printf "this build / baseline: %.4f\n", t / b }'
fi
