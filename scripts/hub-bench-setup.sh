# Sourced by the hub benchmarks: builds the release binaries, starts the simulator with one app,
# and writes a hub configuration for it. Sets `work` (a temporary folder, removed on exit),
# `appid`, `sim_url` and `$work/hub.toml` (caller secret `bench-caller-secret`).
cargo build -q --release --locked -p wechat-simulator -p wechat-hub
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
