#!/usr/bin/env bash
# Cached `GET /client/access_token` through the wechat-hub binary under load from a second
# process (wrk) on loopback: requests per second and p99. Then the in-process ratio of a
# HubClient cached read to a direct MemoryStore read.
# Usage: bash scripts/bench-hub.sh [seconds]
#        BASELINE_HUB=/path/to/an/older/wechat-hub bash scripts/bench-hub.sh [seconds]
#   With BASELINE_HUB, both binaries serve the same simulator and wrk measures them in five
#   alternating rounds, then prints the median of the per-round ratios.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
seconds=${1:-10}
if ! command -v wrk >/dev/null 2>&1; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq wrk >/dev/null
fi
source scripts/hub-bench-setup.sh
start_hub() { # binary name -> the hub's cached-token URL
  RUST_LOG=warn "$1" --config "$work/hub.toml" >"$work/$2.out" 2>/dev/null &
  until grep -q "listening on" "$work/$2.out" 2>/dev/null; do sleep 0.05; done
  local hub_url; hub_url=$(grep -o 'http://[0-9.:]*' "$work/$2.out" | head -1)
  local url="$hub_url/client/access_token?appid=$appid"
  curl -sf -H "Authorization: Bearer bench-caller-secret" "$url" >/dev/null  # the one upstream fetch
  echo "$url"
}
load() { # url -> wrk's summary
  wrk -t2 -c64 -d"${seconds}s" --latency -H "Authorization: Bearer bench-caller-secret" "$1" \
    | grep -E "Requests/sec|Latency|99%|requests in"
}

url=$(start_hub ./target/release/wechat-hub hub)
if [ -z "${BASELINE_HUB:-}" ]; then
  echo "wrk -t2 -c64 -d${seconds}s against $url (cached token, bearer auth):"
  load "$url"
else
  base=$(start_hub "$BASELINE_HUB" baseline)
  new_rps=(); base_rps=()
  for round in 1 2 3 4 5; do
    b=$(load "$base" | awk '/Requests\/sec/ {print $2}')
    n=$(load "$url" | awk '/Requests\/sec/ {print $2}')
    echo "round $round: baseline $b req/s, this build $n req/s"
    base_rps+=("$b"); new_rps+=("$n")
  done
  median() { printf '%s\n' "$@" | sort -g | sed -n 3p; }
  ratios=()
  for i in 0 1 2 3 4; do
    ratios+=("$(awk -v n="${new_rps[$i]}" -v b="${base_rps[$i]}" 'BEGIN { printf "%.4f", n / b }')")
  done
  # Each round's two measures are side by side, so the median of the per-round ratios is the
  # figure; the medians of each side are printed for reference.
  echo "median of per-round ratios (this build / baseline): $(median "${ratios[@]}")"
  echo "medians: baseline $(median "${base_rps[@]}") req/s, this build $(median "${new_rps[@]}") req/s"
fi

cargo bench -q -p wechat-tests --bench hub_client 2>/dev/null | grep -v '^$'
