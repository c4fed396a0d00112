//! The WeChat Pay client's own rules, against a local server that checks each request's
//! merchant signature and signs its answers as told: every answer verified (an unsigned, forged,
//! tampered or stale 2xx is an error), WeChat Pay's errors typed, one certificate fetch for a new
//! serial however many calls meet it, the backup domain for idempotent calls only, retries of
//! idempotent calls only, `Wechatpay-Serial` sent, nothing secret in `Debug`.

use std::collections::VecDeque;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use wechat_runtime::pay::{
    answer_message, nonce, Authorization, Certificate, Error as PayError, MerchantConfig,
    PayClient, SigningKey,
};
use wechat_runtime::{Error, RetryPolicy};

use crate::common::pay::{fixture, merchant, API_V3_KEY, MCHID};
use crate::common::quick_retries;

const PLATFORM_SERIAL: &str = "5157F09EFDC096DE15EBE81A47057A7232F1B8E1";
const PLATFORM2_SERIAL: &str = "E2B1A3C4D5E6F7081920A1B2C3D4E5F607182930";
const PUBLIC_KEY_ID: &str = "PUB_KEY_ID_0114232134912410000000000000";

/// How the mock signs an answer.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Sign {
    PublicKey,
    Platform,
    /// The second platform certificate, which `/v3/certificates` brings.
    Platform2,
    Unsigned,
    /// Signed, then one byte of the body changed.
    Tampered,
    /// Signed ten minutes ago.
    Stale,
}

#[derive(Debug, Clone)]
struct Reply {
    status: u16,
    body: String,
    sign: Sign,
}

fn reply(status: u16, body: &str, sign: Sign) -> Reply {
    Reply {
        status,
        body: body.to_owned(),
        sign,
    }
}

#[derive(Debug, Clone)]
struct Seen {
    method: Method,
    target: String,
    serial: Option<String>,
    body: Bytes,
}

struct MockState {
    seen: Mutex<Vec<Seen>>,
    script: Mutex<VecDeque<Reply>>,
    default: Mutex<Reply>,
    certificate_fetches: AtomicUsize,
    /// Held by a test to keep `/v3/certificates` from answering until every call is waiting.
    certificates_gate: tokio::sync::RwLock<()>,
    merchant: Certificate,
    platform: SigningKey,
    platform2: SigningKey,
    public_key: SigningKey,
}

#[derive(Clone)]
struct Mock {
    base: String,
    state: Arc<MockState>,
}

impl Mock {
    async fn start(default: Reply) -> Mock {
        let state = Arc::new(MockState {
            seen: Mutex::new(Vec::new()),
            script: Mutex::new(VecDeque::new()),
            default: Mutex::new(default),
            certificate_fetches: AtomicUsize::new(0),
            certificates_gate: tokio::sync::RwLock::new(()),
            merchant: Certificate::from_pem(fixture("merchant_cert.pem")).unwrap(),
            platform: SigningKey::from_pem(fixture("platform_key.pem")).unwrap(),
            platform2: SigningKey::from_pem(fixture("platform2_key.pem")).unwrap(),
            public_key: SigningKey::from_pem(fixture("pubkey_key.pem")).unwrap(),
        });
        let app = axum::Router::new()
            .fallback(answer)
            .with_state(state.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        Mock {
            base: format!("http://{addr}"),
            state,
        }
    }

    fn then(&self, reply: Reply) {
        self.state.script.lock().unwrap().push_back(reply);
    }

    fn seen(&self) -> Vec<Seen> {
        self.state.seen.lock().unwrap().clone()
    }

    fn client(&self, config: MerchantConfig) -> PayClient {
        PayClient::builder(config)
            .base_url(&self.base)
            .no_backup()
            .retry_policy(quick_retries())
            .build()
            .unwrap()
    }
}

/// Checks the merchant's signature, records the request, and answers: `/v3/certificates` with
/// the second platform certificate (signed by it), anything else as scripted.
async fn answer(
    State(state): State<Arc<MockState>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let target = uri.path_and_query().unwrap().as_str().to_owned();
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    state.seen.lock().unwrap().push(Seen {
        method: method.clone(),
        target: target.clone(),
        serial: header("wechatpay-serial").map(str::to_owned),
        body: body.clone(),
    });
    let signed = header("authorization")
        .ok_or(PayError::Sign)
        .and_then(Authorization::parse)
        .and_then(|auth| {
            assert_eq!(auth.mchid, MCHID);
            auth.verify(
                state.merchant.verifying_key(),
                method.as_str(),
                &target,
                &body,
            )
        });
    if signed.is_err() {
        return signed_reply(
            &state,
            reply(
                401,
                r#"{"code":"SIGN_ERROR","message":"bad"}"#,
                Sign::PublicKey,
            ),
        );
    }
    if uri.path() == "/v3/certificates" {
        let _gate = state.certificates_gate.read().await;
        state.certificate_fetches.fetch_add(1, Ordering::SeqCst);
        let body = String::from_utf8(fixture("certificates.json")).unwrap();
        return signed_reply(&state, reply(200, &body, Sign::Platform2));
    }
    let next = state.script.lock().unwrap().pop_front();
    let next = next.unwrap_or_else(|| state.default.lock().unwrap().clone());
    signed_reply(&state, next)
}

fn signed_reply(state: &MockState, reply: Reply) -> Response {
    let mut timestamp = wechat_runtime::now_unix().to_string();
    if reply.sign == Sign::Stale {
        timestamp = (wechat_runtime::now_unix() - 600).to_string();
    }
    let nonce = nonce();
    let (key, serial) = match reply.sign {
        Sign::Platform => (&state.platform, PLATFORM_SERIAL),
        Sign::Platform2 => (&state.platform2, PLATFORM2_SERIAL),
        Sign::PublicKey | Sign::Unsigned | Sign::Tampered | Sign::Stale => {
            (&state.public_key, PUBLIC_KEY_ID)
        }
    };
    let signature = key
        .sign(&answer_message(&timestamp, &nonce, reply.body.as_bytes()))
        .unwrap();
    let mut body = reply.body;
    if reply.sign == Sign::Tampered {
        body = body.replacen('1', "2", 1);
    }
    let status = StatusCode::from_u16(reply.status).unwrap();
    let mut response = (
        status,
        [
            ("content-type", "application/json"),
            ("request-id", "REQ-1"),
        ],
        body,
    )
        .into_response();
    if reply.sign != Sign::Unsigned {
        let h = response.headers_mut();
        h.insert("wechatpay-timestamp", timestamp.parse().unwrap());
        h.insert("wechatpay-nonce", nonce.parse().unwrap());
        h.insert("wechatpay-signature", signature.parse().unwrap());
        h.insert("wechatpay-serial", serial.parse().unwrap());
    }
    response
}

fn public_key_config() -> MerchantConfig {
    merchant()
        .wechatpay_public_key_pem(PUBLIC_KEY_ID, fixture("pubkey.pem"))
        .build()
        .unwrap()
}

fn certificate_config() -> MerchantConfig {
    merchant()
        .platform_certificate_pem(fixture("platform_cert.pem"))
        .build()
        .unwrap()
}

const ORDER: &str = r#"{"trade_state":"SUCCESS","out_trade_no":"1217752501201407033233368018"}"#;

#[tokio::test]
async fn a_signed_request_gets_a_verified_answer() {
    let mock = Mock::start(reply(200, ORDER, Sign::PublicKey)).await;
    let pay = mock.client(public_key_config());
    let answer = pay
        .request(
            Method::GET,
            "/v3/pay/transactions/out-trade-no/1217752501201407033233368018",
        )
        .query(&[("mchid", MCHID)])
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 200);
    assert_eq!(answer.request_id(), Some("REQ-1"));
    assert_eq!(answer.verified_by().unwrap().serial(), PUBLIC_KEY_ID);
    let order: serde_json::Value = answer.json().unwrap();
    assert_eq!(order["trade_state"], "SUCCESS");
    let seen = mock.seen();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].method, Method::GET);
    assert_eq!(
        seen[0].target,
        "/v3/pay/transactions/out-trade-no/1217752501201407033233368018?mchid=1900000109"
    );
}

#[tokio::test]
async fn a_post_body_is_signed_and_wechatpay_serial_is_sent() {
    let mock = Mock::start(reply(200, r#"{"prepay_id":"wx1"}"#, Sign::Platform)).await;
    let pay = mock.client(certificate_config());
    let body = serde_json::json!({"mchid": MCHID, "user_name": "encrypted"});
    let answer: serde_json::Value = pay
        .request(Method::POST, "/v3/fund-app/mch-transfer/transfer-bills")
        .json(&body)
        .wechatpay_serial(PLATFORM_SERIAL)
        .send_json()
        .await
        .unwrap();
    assert_eq!(answer["prepay_id"], "wx1");
    let seen = mock.seen();
    assert_eq!(seen[0].serial.as_deref(), Some(PLATFORM_SERIAL));
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(&seen[0].body).unwrap(),
        body
    );
}

#[tokio::test]
async fn answers_without_a_valid_signature_are_errors_never_data() {
    let mock = Mock::start(reply(200, ORDER, Sign::PublicKey)).await;
    let pay = mock.client(public_key_config());
    let get = || pay.request(Method::GET, "/v3/pay/transactions/id/4200000001");
    for (sign, expected) in [
        (Sign::Unsigned, "missing"),
        (Sign::Tampered, "verification failed"),
        (Sign::Stale, "5 minutes"),
        // A platform certificate this client was not given, in public key mode: no fetch.
        (Sign::Platform, "no verification key"),
    ] {
        mock.then(reply(200, ORDER, sign));
        let err = get().send().await.unwrap_err();
        assert!(
            matches!(&err, Error::Pay(e) if e.is_verification()),
            "{sign:?}: {err:?}"
        );
        assert!(err.to_string().contains(expected), "{sign:?}: {err}");
    }
    assert_eq!(mock.state.certificate_fetches.load(Ordering::SeqCst), 0);
}

#[tokio::test]
async fn wechat_pay_errors_carry_code_message_detail_and_request_id() {
    let mock = Mock::start(reply(
        400,
        r#"{"code":"PARAM_ERROR","message":"invalid out_trade_no","detail":{"field":"/out_trade_no"}}"#,
        Sign::PublicKey,
    ))
    .await;
    let pay = mock.client(public_key_config());
    let err = pay
        .request(Method::POST, "/v3/pay/transactions/native")
        .json(&serde_json::json!({}))
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.pay_code(), Some("PARAM_ERROR"));
    assert_eq!(err.pay_request_id(), Some("REQ-1"));
    let Error::Pay(PayError::Api(api)) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(api.status, 400);
    assert_eq!(api.detail.as_ref().unwrap()["field"], "/out_trade_no");
    assert!(!err.is_transient());
    // A POST is sent once.
    assert_eq!(mock.seen().len(), 1);
}

#[tokio::test]
async fn a_new_serial_fetches_certificates_once_for_all_waiting_calls() {
    // The client knows the first platform certificate; answers come signed by the second.
    let mock = Mock::start(reply(200, ORDER, Sign::Platform2)).await;
    let pay = mock.client(certificate_config());
    let gate = mock.state.certificates_gate.write().await;
    let calls: Vec<_> = (0..20)
        .map(|_| {
            let pay = pay.clone();
            tokio::spawn(async move {
                pay.request(Method::GET, "/v3/pay/transactions/id/4200000001")
                    .send()
                    .await
            })
        })
        .collect();
    // Every call has its answer and waits for the one fetch, which is held at the gate.
    while mock.seen().len() < 21 {
        tokio::task::yield_now().await;
    }
    drop(gate);
    for call in calls {
        let answer = call.await.unwrap().unwrap();
        assert_eq!(answer.verified_by().unwrap().serial(), PLATFORM2_SERIAL);
    }
    assert_eq!(mock.state.certificate_fetches.load(Ordering::SeqCst), 1);
    let serials = pay.config().verifier().certificate_serials();
    assert!(serials.iter().any(|s| s == PLATFORM2_SERIAL), "{serials:?}");
}

#[tokio::test]
async fn a_made_up_serial_does_not_fetch_at_every_call() {
    let mock = Mock::start(reply(200, ORDER, Sign::Platform2)).await;
    let config = certificate_config();
    let pay = mock.client(config);
    // The first fetch brings the second certificate; a third, unknown serial is then refused
    // without fetching again within the minute.
    pay.request(Method::GET, "/v3/a").send().await.unwrap();
    let now = wechat_runtime::now_unix().to_string();
    let forged = wechat_runtime::pay::SignatureHeaders::from_fn(|name| match name {
        "Wechatpay-Timestamp" => Some(now.as_str()),
        "Wechatpay-Nonce" => Some("n"),
        "Wechatpay-Signature" => Some("c2ln"),
        "Wechatpay-Serial" => Some("0123456789ABCDEF"),
        _ => None,
    })
    .unwrap();
    for _ in 0..3 {
        let err = pay.verify(&forged, b"{}").await.unwrap_err();
        assert!(
            matches!(err, Error::Pay(PayError::UnknownSerial { .. })),
            "{err:?}"
        );
    }
    assert_eq!(mock.state.certificate_fetches.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn idempotent_calls_are_retried_and_posts_are_not() {
    let mock = Mock::start(reply(200, ORDER, Sign::PublicKey)).await;
    let pay = mock.client(public_key_config());
    let busy = reply(
        500,
        r#"{"code":"SYSTEM_ERROR","message":"busy"}"#,
        Sign::PublicKey,
    );
    mock.then(busy.clone());
    pay.request(Method::GET, "/v3/pay/transactions/id/4200000001")
        .send()
        .await
        .unwrap();
    assert_eq!(mock.seen().len(), 2);

    mock.then(busy.clone());
    let err = pay
        .request(Method::POST, "/v3/refund/domestic/refunds")
        .json(&serde_json::json!({"out_refund_no": "R1"}))
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.pay_code(), Some("SYSTEM_ERROR"));
    assert!(err.is_transient());
    assert_eq!(
        mock.seen().len(),
        3,
        "a POST that may have arrived is not sent again"
    );

    // Marked idempotent (keyed by its merchant number), it is.
    mock.then(busy);
    pay.request(Method::POST, "/v3/refund/domestic/refunds")
        .json(&serde_json::json!({"out_refund_no": "R1"}))
        .idempotent(true)
        .send()
        .await
        .unwrap();
    assert_eq!(mock.seen().len(), 5);
}

/// An address nothing listens on.
async fn closed_port() -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    addr
}

#[tokio::test]
async fn idempotent_calls_go_to_the_backup_domain_when_the_main_one_is_unreachable() {
    let mock = Mock::start(reply(200, ORDER, Sign::PublicKey)).await;
    let pay = PayClient::builder(public_key_config())
        .base_url(format!("http://{}", closed_port().await))
        .backup_base_url(&mock.base)
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    let order: serde_json::Value = pay
        .request(Method::GET, "/v3/pay/transactions/id/4200000001")
        .send_json()
        .await
        .unwrap();
    assert_eq!(order["trade_state"], "SUCCESS");
    assert_eq!(mock.seen().len(), 1);

    // Not a POST that is not idempotent: nothing reached the main domain, but the rule is kept
    // simple and safe.
    let err = pay
        .request(Method::POST, "/v3/pay/transactions/native")
        .json(&serde_json::json!({}))
        .send()
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Transport { .. }), "{err:?}");
    assert_eq!(mock.seen().len(), 1);
}

#[tokio::test]
async fn the_sandbox_default_has_no_backup_and_official_base_has_one() {
    let official = PayClient::builder(public_key_config()).build().unwrap();
    assert!(format!("{official:?}").contains("api2.mch.weixin.qq.com"));
    let local = PayClient::builder(public_key_config())
        .base_url("http://127.0.0.1:1")
        .build()
        .unwrap();
    assert!(format!("{local:?}").contains("backup_base_url: None"));
}

#[tokio::test]
async fn bad_input_is_refused_before_sending() {
    let mock = Mock::start(reply(200, ORDER, Sign::PublicKey)).await;
    let pay = mock.client(public_key_config());
    for path in ["v3/no-slash", "/v3/x?mchid=1"] {
        let err = pay.request(Method::GET, path).send().await.unwrap_err();
        assert!(matches!(err, Error::InvalidInput(_)), "{err:?}");
    }
    assert!(mock.seen().is_empty());
}

#[tokio::test]
async fn nothing_secret_in_debug_or_errors() {
    let mock = Mock::start(reply(200, ORDER, Sign::Tampered)).await;
    let pay = mock.client(public_key_config());
    let err = pay
        .request(Method::GET, "/v3/pay/transactions/id/4200000001")
        .send()
        .await
        .unwrap_err();
    let key_pem = String::from_utf8(fixture("merchant_key.pem")).unwrap();
    let key_line = key_pem.lines().nth(1).unwrap();
    for shown in [format!("{pay:?}"), format!("{err:?}"), err.to_string()] {
        assert!(!shown.contains(API_V3_KEY), "{shown}");
        assert!(!shown.contains(key_line), "{shown}");
        assert!(!shown.contains("signature=\""), "{shown}");
    }
}
