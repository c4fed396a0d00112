//! Callbacks (`wechat_runtime::callback`, features `callback` and `callback-axum`): what WeChat
//! pushes to a server, and the replies. One binary, one module per subject:
//!
//! - `signature`: `signature` and `msg_signature`, known answers.
//! - `crypto`: WXBizMsgCrypt, known answers and ciphertexts that must not decrypt.
//! - `endpoint`: the `Endpoint`'s modes, the handshake, the replay window, the body limit.
//! - `parse`: hostile XML, then one test per message and event type.
//! - `kinds`: the card, invoice, verification, Mini Program and publishing kinds, and reading
//!   any field by name.
//! - `json`: Mini Program JSON pushes, plain and encrypted.
//! - `component`: component notifications, and the verify ticket reaching a hub.
//! - `reply`: passive replies.
//! - `props`: property tests (round-trips; nothing makes the decrypt-and-parse path panic).
//! - `fuzz_logic`: the cargo-fuzz target's logic, on stable, over a fixed corpus.
//! - `axum`: the axum route, served on 127.0.0.1 and called over HTTP.
//! - `work`: WeCom callbacks: the encrypted URL check, typed events, routing, dedup.
//!
//! `vectors` holds the known-answer vectors and helpers the modules share.

mod axum;
mod component;
mod crypto;
mod endpoint;
mod fuzz_logic;
mod json;
mod kinds;
mod parse;
mod pay;
mod props;
mod reply;
mod router;
mod signature;
mod vectors;
mod work;
