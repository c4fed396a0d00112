#!/usr/bin/env bash
# The simulator's own throughput for a cached-token `GET /cgi-bin/user/info`, in requests per
# CPU-second of the simulator process (it shares the CPU with wrk and with every other
# benchmark, so CPU time, not wall time, is what it costs), and the number of typed endpoints
# it serves (the request rows of API_COVERAGE.md; the `coverage` test checks each is served).
#
#   bash scripts/bench-simulator.sh [seconds]     # default 10
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
command -v wrk >/dev/null || { echo "needs wrk (apt-get install wrk)" >&2; exit 1; }

cargo build -q --release --locked -p wechat-simulator
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$work"' EXIT
appid=wx0000000000000001
./target/release/wechat-simulator --port 0 --app "$appid:bench-secret" >"$work/sim.out" &
sim_pid=$!
until grep -q "listening on" "$work/sim.out" 2>/dev/null; do sleep 0.05; done
sim_url=$(grep -o 'http://[0-9.:]*' "$work/sim.out" | head -1)
token=$(curl -s "$sim_url/cgi-bin/token?grant_type=client_credential&appid=$appid&secret=bench-secret" |
  sed 's/.*"access_token":"\([^"]*\)".*/\1/')

# utime + stime of the simulator, in clock ticks.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$sim_pid/stat"; }
hz=$(getconf CLK_TCK)
before=$(cpu_ticks)
wrk -t1 -c16 -d"${seconds}s" "$sim_url/cgi-bin/user/info?access_token=$token&openid=o6_bmjrPTlm6_2sgVt7hMZOPfL2M" >"$work/wrk.out"
after=$(cpu_ticks)
requests=$(awk '/requests in/ {print $1}' "$work/wrk.out")
cpu=$(awk -v t=$((after - before)) -v hz="$hz" 'BEGIN {printf "%.2f", t / hz}')
endpoints=$(grep -cE '^\| [a-z ]+ \| (GET|POST) /' API_COVERAGE.md)
echo "typed endpoints (request rows of API_COVERAGE.md): $endpoints"
echo "user/info with a cached token: $requests requests in ${seconds} s, simulator CPU ${cpu} s"
awk -v r="$requests" -v c="$cpu" 'BEGIN {printf "requests per CPU-second: %.0f\n", r / c}'
