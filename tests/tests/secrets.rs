//! Secrets appear in no error and no trace.
//!
//! A test binary of its own: tracing caches per call site whether anyone listens, and a test
//! running beside this one without a subscriber could make the spans look unwatched.

mod common;

use std::io::Write;
use std::sync::{Arc, Mutex};

use common::*;
use wechat_runtime::simulator::Fault;
use wechat_runtime::{Hub, MemoryStore, TicketType, TokenKey};

/// Collects everything the tracing subscriber writes.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn secrets_appear_in_no_error_and_no_trace() {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let sim = simulator().await;
    let client = client(&sim, hub(&sim));
    let mut shown = Vec::new();
    client
        .get("/cgi-bin/user/info")
        .query("openid", OPENID)
        .await
        .unwrap();
    let token = sim.current_access_token(APPID).unwrap();
    let ticket = client.ticket(TicketType::Jsapi).await.unwrap();
    shown.push(format!(
        "{ticket:?} {:?}",
        client.access_token().await.unwrap()
    ));

    // Failures of every kind, each with the token in the URL.
    sim.revoke_access_token(&token);
    sim.inject_fault("/cgi-bin/user/info", Fault::Status(500), 10);
    let status = client.get("/cgi-bin/user/info").await.unwrap_err();
    // One attempt and two retries.
    sim.inject_fault("/cgi-bin/menu/get", Fault::DropConnection, 3);
    let transport = client.get("/cgi-bin/menu/get").await.unwrap_err();
    sim.inject_fault("/cgi-bin/menu/get", Fault::MalformedJson, 1);
    let decode = client
        .get("/cgi-bin/menu/get")
        .await
        .unwrap()
        .json::<Vec<u8>>()
        .unwrap_err();
    let wrong_secret = Hub::builder(MemoryStore::new().with_app(APPID, "WRONG-SECRET-VALUE"))
        .base_url(sim.base_url())
        .build()
        .unwrap()
        .token(&TokenKey::app(APPID))
        .await
        .unwrap_err();
    for err in [&status, &transport, &decode, &wrong_secret] {
        shown.push(format!(
            "{err} {err:?} {:?}",
            std::error::Error::source(err)
        ));
    }
    shown.push(format!("{client:?} {:?}", client.storage()));

    let shown = shown.join("\n");
    let traced = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    assert!(
        traced.contains("wechat.request"),
        "the calls were traced: {traced}"
    );
    // Each call's outcome, at debug: attempts and duration, the errcode of a failure.
    assert!(
        traced.contains("call succeeded attempts=1 elapsed_ms="),
        "{traced}"
    );
    assert!(
        traced.contains("call failed attempts=3 elapsed_ms="),
        "a failure retried twice: {traced}"
    );
    assert!(traced.contains("path=/cgi-bin/menu/get"), "{traced}");
    for secret in [
        token.as_str(),
        ticket.value.as_str(),
        SECRET,
        "WRONG-SECRET-VALUE",
    ] {
        assert!(!shown.contains(secret), "{secret} shown in {shown}");
        assert!(!traced.contains(secret), "{secret} traced in {traced}");
    }
}
