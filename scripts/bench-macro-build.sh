#!/usr/bin/env bash
# The compile cost of #[wechat_client]: the build time of a small crate holding 20 generated
# clients against the same crate holding 1, dependencies prebuilt; and the expansion size of one
# client in lines. Usage: bash scripts/bench-macro-build.sh [rounds]
#
# Three figures, each a 20/1 ratio:
# - build: `cargo build` of the crate from clean (`cargo clean -p` first; the dependencies stay
#   built), interleaved rounds, fastest and median wall clock. This is the goal's figure.
# - instructions: the same two builds with rustc run under valgrind, counting the instructions
#   it executes: deterministic, so it judges changes that the wall clock's noise hides. Skipped
#   without valgrind.
# - rebuild: `cargo build` after touching the crate, over its warm incremental cache. Codegen is
#   reused, so what is left is cargo's start-up, the macro, and checking every item again.
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

build() { cargo build -q --manifest-path "$work/clients$1/Cargo.toml"; }
clean() { cargo clean -q -p "clients$1" --manifest-path "$work/clients$1/Cargo.toml"; }
now_ms() { date +%s%3N; }
median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
fastest() { tr ' ' '\n' | grep -v '^$' | sort -n | head -1; }
ratio() { awk "BEGIN {printf \"%.3f\", $1 / $2}"; }

make_crate 1
make_crate 20
# Dependencies (and both crates) built once, untimed.
for n in 1 20; do build "$n"; done

# Times `cargo build` of both crates in interleaved rounds, after `$1` (clean or touch).
measure() {
  local prepare=$1 label=$2
  declare -A times
  for _ in $(seq 1 "$rounds"); do
    for n in 1 20; do
      if [ "$prepare" = clean ]; then clean "$n"; else touch "$work/clients$n/src/lib.rs"; fi
      local start
      start=$(now_ms)
      build "$n"
      times[$n]+="$(($(now_ms) - start)) "
    done
  done
  local f1 f20 m1 m20
  f1=$(echo "${times[1]}" | fastest); f20=$(echo "${times[20]}" | fastest)
  m1=$(echo "${times[1]}" | median); m20=$(echo "${times[20]}" | median)
  echo "$label, $rounds interleaved rounds (ms): 1 client: ${times[1]}| 20 clients: ${times[20]}"
  # The fastest run is the build's own cost; slower ones waited on the machine. Both are shown.
  echo "  fastest: 1 client ${f1} ms, 20 clients ${f20} ms, ratio 20/1 = $(ratio "$f20" "$f1")"
  echo "  median:  1 client ${m1} ms, 20 clients ${m20} ms, ratio 20/1 = $(ratio "$m20" "$m1")"
}

measure clean "build from clean (goal: ratio <= 1.10)"

if command -v valgrind > /dev/null; then
  # A rustc wrapper that counts the instructions of the benchmark crate's compilation only.
  wrapper="$work/count-instructions.sh"
  cat > "$wrapper" <<'SH'
#!/usr/bin/env bash
case " $* " in
  *" --crate-name clients"*)
    valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null "$@" 2> "$COUNT_LOG.err"
    status=$?
    grep -E 'I +refs' "$COUNT_LOG.err" | awk '{gsub(",", "", $NF); print $NF}' > "$COUNT_LOG"
    exit $status ;;
  *) exec "$@" ;;
esac
SH
  chmod +x "$wrapper"
  declare -A instructions
  for n in 1 20; do
    clean "$n"
    COUNT_LOG="$work/instructions$n" RUSTC_WRAPPER="$wrapper" build "$n"
    instructions[$n]=$(cat "$work/instructions$n")
  done
  echo "rustc instructions, build from clean: 1 client ${instructions[1]}, 20 clients ${instructions[20]}, ratio 20/1 = $(ratio "${instructions[20]}" "${instructions[1]}")"
  # Leave both crates built as cargo would, without the wrapper.
  for n in 1 20; do clean "$n"; build "$n"; done
else
  echo "rustc instructions: skipped (no valgrind)"
fi

measure touch "rebuild after touching the crate (warm incremental cache)"

lines=$(cd "$root" && cargo test -q -p wechat-macros expansion_of_one_client -- --nocapture 2>/dev/null \
  | grep 'pub struct OfficialAccount' | rustfmt --edition 2021 --emit stdout | grep -cv '^\s*$')
echo "expansion of one client: $lines lines (rustfmt'd, goal < 150)"
