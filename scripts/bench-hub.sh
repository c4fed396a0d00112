#!/usr/bin/env bash
# Cached `GET /client/access_token` through the wechat-hub binary under load from a second
# process (wrk) on loopback: requests per second and p99. Then the in-process ratio of a
# HubClient cached read to a direct MemoryStore read.
# Usage: bash scripts/bench-hub.sh [seconds]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
seconds=${1:-10}
if ! command -v wrk >/dev/null 2>&1; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq wrk >/dev/null
fi
cargo build -q --release -p wechat-simulator -p wechat-hub
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$work"' EXIT

appid=wx0000000000000001
./target/release/wechat-simulator --port 0 --app "$appid:bench-secret" >"$work/sim.out" &
until grep -q "listening on" "$work/sim.out" 2>/dev/null; do sleep 0.05; done
sim_url=$(grep -o 'http://[0-9.:]*' "$work/sim.out" | head -1)

cat >"$work/hub.toml" <<TOML
listen = "127.0.0.1:0"
wechat_base_url = "$sim_url"
[[apps]]
appid = "$appid"
secret = "bench-secret"
[[callers]]
name = "bench"
secret = "bench-caller-secret"
appids = ["$appid"]
TOML
RUST_LOG=warn ./target/release/wechat-hub --config "$work/hub.toml" >"$work/hub.out" &
until grep -q "listening on" "$work/hub.out" 2>/dev/null; do sleep 0.05; done
hub_url=$(grep -o 'http://[0-9.:]*' "$work/hub.out" | head -1)
url="$hub_url/client/access_token?appid=$appid"
curl -sf -H "Authorization: Bearer bench-caller-secret" "$url" >/dev/null  # the one upstream fetch

echo "wrk -t2 -c64 -d${seconds}s against $url (cached token, bearer auth):"
wrk -t2 -c64 -d"${seconds}s" --latency -H "Authorization: Bearer bench-caller-secret" "$url" \
  | grep -E "Requests/sec|Latency|99%|requests in"

cargo bench -q -p wechat-tests --bench hub_client 2>/dev/null | grep -v '^$'
