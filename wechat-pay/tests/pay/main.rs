//! The tests of `wechat-pay`, in one binary. The fixtures (throwaway keys, certificates and the
//! vectors that `tests/fixtures/generate.sh` computed with the openssl command line and OpenSSL's
//! EVP interface) are described in `tests/fixtures/README.md`.

mod amount;
mod config;
mod crypto;
mod fixtures;
mod known_answers;
mod properties;
mod secrets;
mod verify;
