#!/usr/bin/env bash
# Runs every test of the workspace on a fresh machine: unit, integration, compile-fail (trybuild),
# doc tests, and the quickstart as a smoke test. Installs what the tests need when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v cargo >/dev/null 2>&1; then
  echo "cargo is needed: install Rust from https://rustup.rs" >&2
  exit 1
fi

# The RedisStore tests start a real redis-server of their own on 127.0.0.1.
if ! command -v redis-server >/dev/null 2>&1; then
  echo "installing redis-server (the RedisStore tests run a real one)"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq redis-server >/dev/null
  # Debian starts a system instance on the default port; the tests use their own.
fi

# Every test talks to servers it starts itself on 127.0.0.1; never through a proxy.
export NO_PROXY="127.0.0.1,localhost${NO_PROXY:+,$NO_PROXY}"
export no_proxy="$NO_PROXY"

cargo test --workspace --all-features --locked
cargo run --quiet --locked -p wechat-examples --example quickstart
cargo run --quiet --locked -p wechat-examples --example component_storage
cargo run --quiet --locked -p wechat-examples --example callback_server
cargo run --quiet --locked -p wechat-examples --example component_hub
cargo run --quiet --locked -p wechat-examples --example pay_offline
