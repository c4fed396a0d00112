//! The axum route of a `notify_url` (`pay::notify::route`), served on 127.0.0.1 and called
//! over HTTP as WeChat Pay calls it.

use std::sync::{Arc, Mutex};

use axum::Router;
use reqwest::header::{HeaderMap, HeaderValue};
use wechat_runtime::pay::notify::{route, Notification, PayEvent, MAX_BODY_SIZE};
use wechat_runtime::pay::{ApiV3Key, PayClient};

use super::{body, body_with, client, now, sign, sign_at, Key, REFUND, TRANSACTION, TRANSFER_BILL};

pub struct Server {
    pub url: String,
    /// Every notification the handler was called with.
    pub received: Arc<Mutex<Vec<Notification>>>,
    http: reqwest::Client,
    _task: tokio::task::JoinHandle<()>,
}

/// Serves the route at `/pay/notify`. The handler records each notification, and fails for
/// the order `FAIL-ME`.
pub async fn serve(pay: PayClient) -> Server {
    let received = Arc::new(Mutex::new(Vec::new()));
    let seen = received.clone();
    let app: Router = Router::new().route(
        "/pay/notify",
        route(pay, move |notification: Notification| {
            let seen = seen.clone();
            async move {
                let fail = matches!(
                    &notification.event,
                    PayEvent::TransactionSuccess(t) if t.out_trade_no == "FAIL-ME"
                );
                seen.lock().unwrap().push(notification);
                if fail {
                    Err("the order database is down")
                } else {
                    Ok(())
                }
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let task = tokio::spawn(async move {
        axum::serve(listener, app).await.unwrap();
    });
    Server {
        url: format!("http://{addr}/pay/notify"),
        received,
        http: reqwest::Client::builder().no_proxy().build().unwrap(),
        _task: task,
    }
}

impl Server {
    pub async fn post(
        &self,
        headers: HeaderMap,
        body: impl Into<reqwest::Body>,
    ) -> reqwest::Response {
        self.http
            .post(&self.url)
            .headers(headers)
            .header("Content-Type", "application/json")
            .body(body)
            .send()
            .await
            .unwrap()
    }

    fn calls(&self) -> usize {
        self.received.lock().unwrap().len()
    }

    /// Posts and expects a refusal: the status, WeChat Pay's `{code,message}`, and the handler
    /// not called.
    async fn refused(
        &self,
        headers: HeaderMap,
        body: impl Into<reqwest::Body>,
        status: u16,
    ) -> String {
        let before = self.calls();
        let answer = self.post(headers, body).await;
        assert_eq!(answer.status().as_u16(), status);
        assert_eq!(answer.headers()["content-type"], "application/json");
        let json: serde_json::Value = answer.json().await.unwrap();
        assert_eq!(json["code"], "FAIL");
        assert_eq!(self.calls(), before, "the handler was called");
        json["message"].as_str().unwrap().to_owned()
    }
}

#[tokio::test]
async fn every_typed_event_reaches_the_handler() {
    let server = serve(client(true, true)).await;
    let cases = [
        (
            "TRANSACTION.SUCCESS",
            "transaction",
            TRANSACTION.to_owned(),
            Key::Certificate,
        ),
        (
            "REFUND.SUCCESS",
            "refund",
            REFUND.replace("STATUS", "SUCCESS"),
            Key::PublicKey,
        ),
        (
            "REFUND.ABNORMAL",
            "refund",
            REFUND.replace("STATUS", "ABNORMAL"),
            Key::Certificate,
        ),
        (
            "REFUND.CLOSED",
            "refund",
            REFUND.replace("STATUS", "CLOSED"),
            Key::PublicKey,
        ),
        (
            "MCHTRANSFER.BILL.FINISHED",
            "mch_payment",
            TRANSFER_BILL.to_owned(),
            Key::Certificate,
        ),
        (
            "SOMETHING.NEW",
            "thing",
            r#"{"x":[1,2]}"#.to_owned(),
            Key::PublicKey,
        ),
    ];
    for (event_type, original_type, plaintext, key) in &cases {
        let body = body(event_type, original_type, plaintext);
        let answer = server.post(sign(body.as_bytes(), *key), body).await;
        assert_eq!(answer.status(), 204, "{event_type}");
        assert!(answer.bytes().await.unwrap().is_empty());
    }
    let received = server.received.lock().unwrap();
    let kinds: Vec<_> = received.iter().map(|n| n.event_type.as_str()).collect();
    assert_eq!(kinds, cases.iter().map(|c| c.0).collect::<Vec<_>>());
    assert!(
        matches!(received[0].event, PayEvent::TransactionSuccess(ref t) if t.out_trade_no == "1217752501201407033233368018")
    );
    assert!(
        matches!(received[1].event, PayEvent::RefundSuccess(ref r) if r.out_refund_no == "R1217752501201407033233368018")
    );
    assert!(matches!(received[2].event, PayEvent::RefundAbnormal(_)));
    assert!(matches!(received[3].event, PayEvent::RefundClosed(_)));
    assert!(
        matches!(received[4].event, PayEvent::TransferBillFinished(ref b) if b.out_bill_no == "plfk2020042013")
    );
    assert!(
        matches!(&received[5].event, PayEvent::Unknown { resource, .. } if resource["x"][1] == 2)
    );
}

#[tokio::test]
async fn what_is_refused_gets_a_4xx_and_never_reaches_the_handler() {
    let server = serve(client(true, true)).await;
    let good = body("TRANSACTION.SUCCESS", "transaction", TRANSACTION);

    // WeChat Pay's signature probe.
    let mut headers = sign(good.as_bytes(), Key::Certificate);
    headers.insert(
        "Wechatpay-Signature",
        HeaderValue::from_static("WECHATPAY/SIGNTEST/c2lnbmF0dXJl"),
    );
    let message = server.refused(headers, good.clone(), 401).await;
    assert_eq!(message, "signature verification failed");

    // A bad signature: the body changed after signing.
    let headers = sign(good.as_bytes(), Key::PublicKey);
    server
        .refused(headers, good.replace("12:00:05", "12:00:06"), 401)
        .await;

    // A stale timestamp.
    let headers = sign_at(good.as_bytes(), Key::Certificate, now() - 301 - 60);
    assert_eq!(
        server.refused(headers, good.clone(), 401).await,
        "timestamp out of range"
    );

    // Missing headers: all of them, and each one.
    server.refused(HeaderMap::new(), good.clone(), 401).await;
    for name in [
        "Wechatpay-Timestamp",
        "Wechatpay-Nonce",
        "Wechatpay-Signature",
        "Wechatpay-Serial",
    ] {
        let mut headers = sign(good.as_bytes(), Key::Certificate);
        headers.remove(name);
        server.refused(headers, good.clone(), 401).await;
    }

    // An unknown public key id.
    let mut headers = sign(good.as_bytes(), Key::PublicKey);
    headers.insert(
        "Wechatpay-Serial",
        HeaderValue::from_static("PUB_KEY_ID_0000000000000000000000000001"),
    );
    assert_eq!(
        server.refused(headers, good.clone(), 401).await,
        "unknown Wechatpay-Serial"
    );

    // A tampered ciphertext, signed.
    let mut envelope: serde_json::Value = serde_json::from_str(&good).unwrap();
    let ciphertext = envelope["resource"]["ciphertext"]
        .as_str()
        .unwrap()
        .to_owned();
    let mut bytes = ciphertext.into_bytes();
    bytes[10] = if bytes[10] == b'x' { b'y' } else { b'x' };
    envelope["resource"]["ciphertext"] = String::from_utf8(bytes).unwrap().into();
    let tampered = envelope.to_string();
    let message = server
        .refused(sign(tampered.as_bytes(), Key::Certificate), tampered, 400)
        .await;
    assert_eq!(message, "cannot decrypt the resource");

    // Another merchant's APIv3 key.
    let other = ApiV3Key::new("anotherMerchantsApiV3Key01234567").unwrap();
    let wrong = body_with(&other, "TRANSACTION.SUCCESS", "transaction", TRANSACTION);
    server
        .refused(sign(wrong.as_bytes(), Key::PublicKey), wrong, 400)
        .await;

    // Malformed JSON, signed.
    let junk = "{\"id\": ";
    let message = server
        .refused(sign(junk.as_bytes(), Key::Certificate), junk, 400)
        .await;
    assert_eq!(message, "malformed notification");

    // Over the body limit: refused unread.
    let big = vec![b' '; MAX_BODY_SIZE + 1];
    let headers = sign(&big, Key::Certificate);
    server.refused(headers, big, 413).await;

    // And a good one still goes through.
    let answer = server
        .post(sign(good.as_bytes(), Key::Certificate), good)
        .await;
    assert_eq!(answer.status(), 204);
    assert_eq!(server.calls(), 1);
}

#[tokio::test]
async fn a_failing_handler_gets_a_5xx_so_that_wechat_pay_retries() {
    let server = serve(client(false, true)).await;
    let failing = body(
        "TRANSACTION.SUCCESS",
        "transaction",
        &TRANSACTION.replace("1217752501201407033233368018", "FAIL-ME"),
    );
    let answer = server
        .post(sign(failing.as_bytes(), Key::PublicKey), failing.clone())
        .await;
    assert_eq!(answer.status(), 500);
    let json: serde_json::Value = answer.json().await.unwrap();
    assert_eq!(
        json,
        serde_json::json!({"code": "FAIL", "message": "handler failed"})
    );
    assert!(
        !json.to_string().contains("database"),
        "the handler's error is logged, not sent"
    );
    assert_eq!(server.calls(), 1);

    // WeChat Pay sends it again: the handler runs again (handlers are idempotent).
    let answer = server
        .post(sign(failing.as_bytes(), Key::PublicKey), failing)
        .await;
    assert_eq!(answer.status(), 500);
    assert_eq!(server.calls(), 2);
}

/// During a switch, one route takes notifications signed either way.
#[tokio::test]
async fn mixed_certificate_and_public_key_signatures() {
    let server = serve(client(true, true)).await;
    for key in [Key::Certificate, Key::PublicKey, Key::Certificate] {
        let body = body("TRANSACTION.SUCCESS", "transaction", TRANSACTION);
        let answer = server.post(sign(body.as_bytes(), key), body).await;
        assert_eq!(answer.status(), 204, "{key:?}");
    }
    let serials: Vec<String> = server
        .received
        .lock()
        .unwrap()
        .iter()
        .map(|n| n.verified_by.serial().to_owned())
        .collect();
    assert_eq!(
        serials,
        [
            super::CERTIFICATE_SERIAL,
            super::PUBLIC_KEY_ID,
            super::CERTIFICATE_SERIAL
        ]
    );
}

#[tokio::test]
async fn only_post_is_routed() {
    let server = serve(client(true, true)).await;
    let answer = reqwest::Client::builder()
        .no_proxy()
        .build()
        .unwrap()
        .get(&server.url)
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 405);
}
