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

/// WeChat Pay: the Request-ID is in the trace of a call and of its failure; the APIv3 key, the
/// merchant key, the request signatures and a transfer's clear-text name are in no trace and
/// no error, and a notification is traced by id without its ciphertext.
#[tokio::test]
async fn pay_traces_request_ids_and_no_secret() {
    use wechat_runtime::pay::transactions::PrepayOrder;
    use wechat_runtime::pay::transfers::{SceneReportInfo, TransferRequest};
    use wechat_runtime::pay::{Fen, OutBillNo, OutTradeNo, PayClient};
    use wechat_runtime::simulator::PayMerchant;

    use common::pay::{fixture_str as read, merchant, API_V3_KEY, MCHID};
    const NAME: &str = "张三丰";

    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let sim = simulator().await;
    sim.add_pay_merchant(PayMerchant::new(MCHID, read("merchant_cert.pem"), API_V3_KEY).unwrap())
        .unwrap();
    sim.set_pay_duplicate_rate(0.0);
    let platform = sim.pay_platform();
    let config = merchant()
        .wechatpay_public_key_pem(&platform.public_key_id, &platform.public_key_pem)
        .build()
        .unwrap();
    let pay = PayClient::builder(config)
        .base_url(sim.pay_base_url())
        .build()
        .unwrap();

    // A notification route, which the sandbox's TRANSACTION.SUCCESS reaches.
    let app = axum::Router::new().route(
        "/notify",
        wechat_runtime::pay::notify::route(pay.clone(), |_| async {
            Ok::<(), std::convert::Infallible>(())
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let notify_url = format!("http://{}/notify", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });

    let out_trade_no = OutTradeNo::new("SECRETS0001").unwrap();
    let order = PrepayOrder::new(
        "wxd678efh567hg6787",
        "QQ公仔",
        out_trade_no.clone(),
        &notify_url,
        Fen::new(100),
    );
    pay.transactions().native(&order).await.unwrap();
    let transaction_id = sim
        .pay_transaction(MCHID, out_trade_no.as_str(), None)
        .await
        .unwrap();
    let delivered = sim.pay_notifications();
    assert_eq!(delivered.len(), 1);
    assert!(delivered[0].delivered(), "{delivered:?}");

    let missing = pay
        .transactions()
        .by_out_trade_no(&OutTradeNo::new("NOSUCHORDER").unwrap())
        .await
        .unwrap_err();
    let request_id = missing.pay_request_id().expect("a Request-ID").to_owned();
    let transfer = TransferRequest::new(
        "wxd678efh567hg6787",
        OutBillNo::new("SECRETSBILL0001").unwrap(),
        "1000",
        "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o",
        Fen::new(100),
        "奖励",
    )
    .user_name(NAME)
    .scene_report_infos(vec![
        SceneReportInfo::new("活动名称", "新会员有礼"),
        SceneReportInfo::new("奖励说明", "注册会员抽奖一等奖"),
    ]);
    let shown_request = format!("{transfer:?}");
    pay.transfers().create(&transfer).await.unwrap();

    let shown = format!("{missing} {missing:?} {pay:?} {shown_request}");
    let traced = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    assert!(
        traced.contains(&format!("request_id={request_id}")),
        "the failed call's span carries its Request-ID: {traced}"
    );
    assert!(shown.contains(&request_id), "{shown}");
    assert!(
        traced.contains("WeChat Pay notification verified and decrypted"),
        "{traced}"
    );
    assert!(traced.contains(&transaction_id) || traced.contains("TRANSACTION.SUCCESS"));
    let key_line = read("merchant_key.pem").lines().nth(1).unwrap().to_owned();
    for secret in [
        API_V3_KEY,
        key_line.as_str(),
        NAME,
        "signature=\"",
        "ciphertext",
    ] {
        assert!(!shown.contains(secret), "{secret} shown in {shown}");
        assert!(!traced.contains(secret), "{secret} traced in {traced}");
    }
}
