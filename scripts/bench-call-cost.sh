#!/usr/bin/env bash
# Instructions per typed call, SDK against raw reqwest, counted by callgrind (deterministic).
# Usage: bash scripts/bench-call-cost.sh [CALLS]   (needs valgrind)
set -euo pipefail
cd "$(dirname "$0")/.."
calls=${1:-2000}
few=$((calls / 4))

cargo build --release --locked -q -p wechat-simulator --bin wechat-simulator
cargo bench --locked -q -p wechat-tests --bench call_cost --no-run 2>/dev/null
bench=$(ls -t target/release/deps/call_cost-* | grep -v '\.d$' | head -1)

port=$((20000 + RANDOM % 20000))
target/release/wechat-simulator --port "$port" --app wx0000000000000001:bench-secret >/dev/null 2>&1 &
sim=$!
trap 'kill $sim 2>/dev/null || true' EXIT
export WECHAT_SIM_URL="http://127.0.0.1:$port"
export NO_PROXY=127.0.0.1 no_proxy=127.0.0.1
for _ in $(seq 50); do curl -s -o /dev/null "$WECHAT_SIM_URL/" && break; sleep 0.1; done

count() { # side calls -> total instructions of the run
  local out; out=$(mktemp)
  valgrind --tool=callgrind --callgrind-out-file="$out" "$bench" "$1" "$2" >/dev/null 2>&1
  local total; total=$(callgrind_annotate "$out" 2>/dev/null | awk '/PROGRAM TOTALS/ {gsub(",", "", $1); print $1}')
  rm -f "$out"; echo "$total"
}

declare -A per_call
for side in raw sdk; do
  a=$(count "$side" "$few"); b=$(count "$side" "$calls")
  per_call[$side]=$(( (b - a) / (calls - few) ))
  echo "$side: $few calls $a instructions, $calls calls $b instructions, per call ${per_call[$side]}"
done
awk -v s="${per_call[sdk]}" -v r="${per_call[raw]}" \
  'BEGIN { printf "sdk / raw reqwest, instructions per call: %.4f (sdk %d, raw %d, difference %d)\n", s / r, s, r, s - r }'
