//! Verify, decrypt and parse throughput of a typical encrypted text message (safe mode):
//!
//! ```text
//! cargo bench -p wechat-runtime --features callback --bench callback
//! ```
//!
//! Criterion prints the throughput as `elem/s`: messages per second, on one core.
//! `routed_text` adds what the router does after `receive` (the dedup key, a check in the
//! in-memory seen-set, the route lookup, the handler and its reply), measured beside
//! `verify_decrypt_parse_text` in the same run: their ratio is the router's cost.

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use std::time::Duration;

use wechat_runtime::callback::router::{On, Router};
use wechat_runtime::callback::{
    msg_signature, signature, CallbackQuery, Endpoint, Incoming, MessageCrypt, Reply,
};

const TOKEN: &str = "wechat-rs-token";
const KEY: &str = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
const APPID: &str = "wx0123456789abcdef";
const TIMESTAMP: &str = "1409304348";
const NONCE: &str = "1320562132";

/// A text message as WeChat sends it (about 300 bytes of XML).
const TEXT: &str = "<xml><ToUserName><![CDATA[gh_7f083739789a]]></ToUserName><FromUserName><![CDATA[oia2TjuEGTNoeX76QEjQNrcURxG8]]></FromUserName><CreateTime>1407743423</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[你好，我想查一下我的订单什么时候发货？]]></Content><MsgId>6046447361451147292</MsgId></xml>";

fn bench(c: &mut Criterion) {
    let endpoint = Endpoint::safe(TOKEN, KEY, APPID).unwrap();
    let crypt = MessageCrypt::new(TOKEN, KEY, APPID).unwrap();
    let encrypt = crypt.encrypt(TEXT).unwrap();
    let query = CallbackQuery::parse(&format!(
        "signature={}&timestamp={TIMESTAMP}&nonce={NONCE}&openid=oia2TjuEGTNoeX76QEjQNrcURxG8&encrypt_type=aes&msg_signature={}",
        signature(TOKEN, TIMESTAMP, NONCE),
        msg_signature(TOKEN, TIMESTAMP, NONCE, &encrypt)
    ));
    let body = format!(
        "<xml><ToUserName><![CDATA[gh_7f083739789a]]></ToUserName><Encrypt><![CDATA[{encrypt}]]></Encrypt></xml>"
    );

    let mut group = c.benchmark_group("callback");
    group.throughput(Throughput::Elements(1));
    group.bench_function("verify_decrypt_parse_text", |b| {
        b.iter(|| {
            endpoint
                .receive(black_box(&query), black_box(body.as_bytes()))
                .unwrap()
        })
    });
    // A zero TTL makes every delivery a first one, so the handler runs each time (a repeat
    // would skip it and flatter the figure); the seen-set still takes each key.
    let router = Router::new()
        .dedup_ttl(Duration::ZERO)
        .on(On::message("text"), |_incoming: Incoming| async {
            Reply::text("received")
        });
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    group.bench_function("routed_text", |b| {
        b.iter(|| {
            let received = endpoint
                .receive(black_box(&query), black_box(body.as_bytes()))
                .unwrap();
            runtime
                .block_on(router.dispatch(received.incoming))
                .unwrap()
        })
    });
    group.bench_function("decrypt_only", |b| {
        b.iter(|| crypt.decrypt(black_box(&encrypt)).unwrap())
    });
    group.bench_function("parse_only", |b| {
        b.iter(|| Incoming::parse(black_box(TEXT)).unwrap())
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
