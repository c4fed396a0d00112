#!/usr/bin/env bash
# The compile cost of #[wechat_client]: the build time of a small crate holding 20 generated
# clients against the same crate holding 1, dependencies prebuilt, measured interleaved; and the
# expansion size of one client in lines. Usage: bash scripts/bench-macro-build.sh [rounds]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work="$root/target/macro-build-bench"
rounds=${1:-21}
export CARGO_TARGET_DIR="$work/target"

make_crate() {
  local n=$1 dir="$work/clients$1"
  mkdir -p "$dir/src"
  cat > "$dir/Cargo.toml" <<TOML
[package]
name = "clients$n"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
wechat-runtime = { path = "$root/wechat-runtime" }

[workspace]
TOML
  {
    echo '//! Generated clients, each declared and constructed once.'
    echo 'use wechat_runtime::{wechat_client, Hub, MemoryStore};'
    for i in $(seq 1 "$n"); do
      printf '#[wechat_client(storage = Hub<MemoryStore>, appid = "wx%016d")]\npub struct Account%d;\n' "$i" "$i"
      printf 'pub fn account%d(hub: Hub<MemoryStore>) -> Account%d { Account%d::new(hub) }\n' "$i" "$i" "$i"
    done
  } > "$dir/src/lib.rs"
}

now_ms() { date +%s%3N; }

make_crate 1
make_crate 20
# Dependencies (and both crates) built once, untimed.
for n in 1 20; do cargo build -q --manifest-path "$work/clients$n/Cargo.toml"; done

declare -A times
for r in $(seq 1 "$rounds"); do
  for n in 1 20; do
    touch "$work/clients$n/src/lib.rs"
    start=$(now_ms)
    cargo build -q --manifest-path "$work/clients$n/Cargo.toml"
    times[$n]+="$(( $(now_ms) - start )) "
  done
done
# The fastest run is the build's own cost; slower ones waited on the machine. Both are shown.
median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
fastest() { tr ' ' '\n' | grep -v '^$' | sort -n | head -1; }
m1=$(echo "${times[1]}" | median); m20=$(echo "${times[20]}" | median)
f1=$(echo "${times[1]}" | fastest); f20=$(echo "${times[20]}" | fastest)
ratio() { awk "BEGIN {printf \"%.3f\", $1 / $2}"; }
echo "cargo build after touching the crate, $rounds interleaved rounds (ms): 1 client: ${times[1]}| 20 clients: ${times[20]}"
echo "fastest: 1 client ${f1} ms, 20 clients ${f20} ms, ratio 20/1 = $(ratio "$f20" "$f1") (goal <= 1.10)"
echo "median:  1 client ${m1} ms, 20 clients ${m20} ms, ratio 20/1 = $(ratio "$m20" "$m1")"

lines=$(cd "$root" && cargo test -q -p wechat-macros expansion_of_one_client -- --nocapture 2>/dev/null \
  | grep 'pub struct OfficialAccount' | rustfmt --edition 2021 --emit stdout | grep -cv '^\s*$')
echo "expansion of one client: $lines lines (rustfmt'd, goal < 150)"
