//! The logic of the fuzz target `decrypt_and_parse`, kept apart so that it also runs on stable
//! in the `fuzz_logic` tests of the workspace's `callback` test binary
//! (`tests/tests/callback/fuzz_logic.rs`, which includes this file).
//!
//! The first byte of the input picks what the rest is; every path must end in `Ok` or a typed
//! error, never a panic.

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use wechat_runtime::callback::{
    msg_signature, signature, CallbackQuery, Endpoint, Incoming, MessageCrypt,
};

const TOKEN: &str = "wechat-rs-token";
const KEY: &str = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
const APPID: &str = "wx0123456789abcdef";
const TIMESTAMP: &str = "1409304348";
const NONCE: &str = "xxxxxx";

/// A callback WeChat could send, whose ciphertext the fuzzer mutates.
const TEXT: &str = "<xml><ToUserName><![CDATA[gh_7f083739789a]]></ToUserName><FromUserName><![CDATA[oia2TjuEGTNoeX76QEjQNrcURxG8]]></FromUserName><CreateTime>1407743423</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[hello]]></Content><MsgId>6046447361451147292</MsgId></xml>";

/// Runs one input through the decrypt-and-parse path.
///
/// - `0`: the rest is the text of `<Encrypt>`, correctly signed.
/// - `1`: the rest is raw ciphertext bytes, base64-encoded and correctly signed.
/// - `2`: the rest XORed into the ciphertext of a real message (bit flips reach the parser).
/// - `3`: the rest is a plaintext callback, correctly encrypted: it must decrypt back to
///   itself, then be parsed.
/// - `4`: the rest is a plaintext-mode body, correctly signed.
/// - `5`: the rest is a body in safe mode, with a signed query (the envelope parsers).
/// - `6`: the rest is JSON, as Mini Programs push it: parsed as such, then received as a
///   plaintext-mode body (made to start with `{`, so the JSON path is taken).
/// - `7`: the rest is JSON, correctly encrypted inside a JSON envelope: it is received in
///   safe mode and answered.
/// - `8`: the rest is a WeCom callback: parsed as one, then encrypted for the corp and received
///   by a WeCom endpoint (`msg_signature` only), and answered.
pub fn decrypt_and_parse(data: &[u8]) {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let safe = Endpoint::safe(TOKEN, KEY, APPID).expect("the constants are a valid endpoint");
    let crypt = MessageCrypt::new(TOKEN, KEY, APPID).expect("the constants are a valid crypt");
    match selector % 9 {
        0 => {
            let _ = receive(&safe, &String::from_utf8_lossy(rest));
        }
        1 => {
            let _ = receive(&safe, &STANDARD.encode(rest));
        }
        2 => {
            let encrypted = crypt.encrypt(TEXT).expect("a short message encrypts");
            let mut raw = STANDARD.decode(encrypted).expect("our own base64");
            let len = raw.len();
            for (i, b) in rest.iter().enumerate() {
                raw[i % len] ^= b;
            }
            let _ = receive(&safe, &STANDARD.encode(raw));
        }
        3 => {
            let message = String::from_utf8_lossy(rest);
            let encrypted = crypt.encrypt(&message).expect("a short message encrypts");
            let decrypted = crypt
                .decrypt(&encrypted)
                .expect("our own ciphertext decrypts");
            assert_eq!(decrypted, message, "encrypt then decrypt must round-trip");
            let _ = Incoming::parse(&decrypted);
            let _ = Incoming::parse_json(&decrypted);
            let _ = receive(&safe, &encrypted);
        }
        4 => {
            let plain = Endpoint::plaintext(TOKEN).expect("a valid endpoint");
            let query = CallbackQuery::parse(&format!(
                "signature={}&timestamp={TIMESTAMP}&nonce={NONCE}",
                signature(TOKEN, TIMESTAMP, NONCE)
            ));
            let _ = plain.receive(&query, rest);
        }
        5 => {
            let query = CallbackQuery::parse(&format!(
                "signature={}&timestamp={TIMESTAMP}&nonce={NONCE}&encrypt_type=aes&msg_signature=0",
                signature(TOKEN, TIMESTAMP, NONCE)
            ));
            let _ = safe.receive(&query, rest);
        }
        6 => {
            let json = String::from_utf8_lossy(rest);
            let _ = Incoming::parse_json(&json);
            let plain = Endpoint::plaintext(TOKEN).expect("a valid endpoint");
            let query = CallbackQuery::parse(&format!(
                "signature={}&timestamp={TIMESTAMP}&nonce={NONCE}",
                signature(TOKEN, TIMESTAMP, NONCE)
            ));
            let body = if json.trim_start().starts_with('{') {
                json.into_owned()
            } else {
                format!("{{{json}")
            };
            if let Ok(received) = plain.receive(&query, body.as_bytes()) {
                let reply = wechat_runtime::callback::Reply::text("ok");
                assert_eq!(
                    plain.respond(&received, Some(&reply)).ok().as_deref(),
                    Some("success"),
                    "a JSON push is answered success"
                );
            }
        }
        7 => {
            let json = String::from_utf8_lossy(rest);
            let encrypt = crypt.encrypt(&json).expect("a short message encrypts");
            let query = CallbackQuery::parse(&format!(
                "timestamp={TIMESTAMP}&nonce={NONCE}&encrypt_type=aes&msg_signature={}",
                msg_signature(TOKEN, TIMESTAMP, NONCE, &encrypt)
            ));
            let body = format!("{{\"ToUserName\": \"gh_1\", \"Encrypt\": \"{encrypt}\"}}");
            if let Ok(received) = safe.receive(&query, body.as_bytes()) {
                assert!(received.json, "a JSON envelope is a JSON push");
                let reply = wechat_runtime::callback::Reply::text("ok");
                let _ = safe.respond(&received, Some(&reply));
            }
        }
        _ => {
            const CORPID: &str = "ww0123456789abcdef";
            let xml = String::from_utf8_lossy(rest);
            let _ = Incoming::parse_work(&xml);
            let work = Endpoint::work(TOKEN, KEY, CORPID).expect("a valid WeCom endpoint");
            let crypt = MessageCrypt::new(TOKEN, KEY, CORPID).expect("a valid crypt");
            let encrypt = crypt.encrypt(&xml).expect("a short message encrypts");
            let query = CallbackQuery::parse(&format!(
                "timestamp={TIMESTAMP}&nonce={NONCE}&msg_signature={}",
                msg_signature(TOKEN, TIMESTAMP, NONCE, &encrypt)
            ));
            let body = format!(
                "<xml><ToUserName><![CDATA[{CORPID}]]></ToUserName><AgentID>1000002</AgentID><Encrypt><![CDATA[{encrypt}]]></Encrypt></xml>"
            );
            if let Ok(received) = work.receive(&query, body.as_bytes()) {
                let reply = wechat_runtime::callback::Reply::text("ok");
                let _ = work.respond(&received, Some(&reply));
            }
        }
    }
}

/// Receives `encrypt` as a correctly signed safe-mode callback, and answers it.
fn receive(endpoint: &Endpoint, encrypt: &str) -> wechat_runtime::Result<()> {
    let query = CallbackQuery::parse(&format!(
        "timestamp={TIMESTAMP}&nonce={NONCE}&encrypt_type=aes&msg_signature={}",
        msg_signature(TOKEN, TIMESTAMP, NONCE, encrypt)
    ));
    let body = format!("<xml><Encrypt><![CDATA[{encrypt}]]></Encrypt></xml>");
    let received = endpoint.receive(&query, body.as_bytes())?;
    let reply = wechat_runtime::callback::Reply::text("ok");
    let _ = endpoint.respond(&received, Some(&reply))?;
    Ok(())
}
