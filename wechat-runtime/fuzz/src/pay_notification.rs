//! The logic of the fuzz target `pay_notification`: WeChat Pay notifications through
//! `PayClient::notification` (verify by serial, then decrypt with the APIv3 key, then type by
//! `event_type`). It is included with `#[path]` by the target
//! (`fuzz_targets/pay_notification.rs`) and by the `callback` test binary of the workspace
//! (`tests/tests/callback/pay/fuzz_logic.rs`), which runs it on stable over a fixed corpus.
//!
//! The client is configured with the test keys of `wechat-pay/tests/fixtures` (a platform
//! certificate and a WeChat Pay public key, as during a switch), so that the target can sign
//! what it fuzzes with the matching private keys and reach what lies behind the signature:
//! the envelope, the AES-256-GCM resource and the typed parsers. A new certificate serial makes
//! the client fetch `/v3/certificates` at most once a minute, from a closed local port.
//!
//! The first byte of the input picks what the rest is; every path must end in `Ok` or a typed
//! error, never a panic, and the invariants below must hold.
//!
//! - `0`: unsigned: the rest is split on `\n` into timestamp, nonce, signature, serial and body.
//!   Must be refused.
//! - `1`: the rest is a body, signed with the platform certificate's key, now. Must pass the
//!   signature; any error is the body's (a 400).
//! - `2`: the same, signed with the WeChat Pay public key.
//! - `3`: the rest (after a byte that picks the event type) is a resource's plaintext, sealed
//!   with the APIv3 key into a signed notification: it reaches the typed parsers. An unknown
//!   event type with JSON plaintext must come back as that JSON.
//! - `4`: the rest is XORed into a real notification, which is then signed: the envelope and
//!   the GCM parameters are mutated behind a valid signature.
//! - `5`: the rest is XORed into a real notification after it was signed: any change must be
//!   refused by the signature.
//! - `6`: a real notification with one header replaced (the first byte picks which) by the
//!   rest: a changed timestamp, nonce or signature must be refused.

use std::sync::OnceLock;
use std::time::{SystemTime, UNIX_EPOCH};

use reqwest::header::{HeaderMap, HeaderValue};
use wechat_runtime::pay::notify::{Notification, PayEvent, Rejection};
use wechat_runtime::pay::{answer_message, ApiV3Key, MerchantConfig, PayClient, SigningKey};
use wechat_runtime::Error;

macro_rules! fixture {
    ($name:literal) => {
        include_bytes!(concat!("../../../wechat-pay/tests/fixtures/", $name))
    };
}

/// The test APIv3 key of the fixtures.
pub const API_V3_KEY: &str = "wechatpayTestApiV3Key0123456789a";
/// The test WeChat Pay public key id.
pub const PUBLIC_KEY_ID: &str = "PUB_KEY_ID_0114232134912410000000000000";
/// The serial of the test platform certificate.
pub const CERTIFICATE_SERIAL: &str = "5157F09EFDC096DE15EBE81A47057A7232F1B8E1";

const NONCE: &str = "5K8264ILTKCH16CQ2502SI8ZNMTM67VS";
const GCM_NONCE: &str = "fdasflkja484";

/// The event types mode 3 picks from: the typed ones and one unknown.
const EVENT_TYPES: [(&str, &str); 6] = [
    ("TRANSACTION.SUCCESS", "transaction"),
    ("REFUND.SUCCESS", "refund"),
    ("REFUND.ABNORMAL", "refund"),
    ("REFUND.CLOSED", "refund"),
    ("MCHTRANSFER.BILL.FINISHED", "mch_payment"),
    ("FUZZ.UNKNOWN", "fuzz"),
];

/// A paid transaction, as WeChat Pay encrypts it into `TRANSACTION.SUCCESS`.
pub const TRANSACTION: &str = r#"{"appid":"wxd678efh567hg6787","mchid":"1900000109","out_trade_no":"1217752501201407033233368018","transaction_id":"1217752501201407033233368018","trade_type":"JSAPI","trade_state":"SUCCESS","trade_state_desc":"支付成功","bank_type":"CMC","attach":"","success_time":"2018-06-08T10:34:56+08:00","payer":{"openid":"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"},"amount":{"total":100,"payer_total":100,"currency":"CNY","payer_currency":"CNY"}}"#;

/// Which key signs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    /// The platform certificate's key, announced by its serial.
    Certificate,
    /// The WeChat Pay public key's private half, announced by `PUB_KEY_ID_…`.
    PublicKey,
}

struct Fixtures {
    runtime: tokio::runtime::Runtime,
    client: PayClient,
    platform: SigningKey,
    public_key: SigningKey,
    api_v3_key: ApiV3Key,
    /// A real `TRANSACTION.SUCCESS` body.
    template: String,
}

fn fixtures() -> &'static Fixtures {
    static FIXTURES: OnceLock<Fixtures> = OnceLock::new();
    FIXTURES.get_or_init(|| {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a tokio runtime");
        let client = runtime.block_on(async { client() });
        let api_v3_key = ApiV3Key::new(API_V3_KEY).expect("the test APIv3 key");
        let template = envelope(
            &api_v3_key,
            "TRANSACTION.SUCCESS",
            "transaction",
            TRANSACTION.as_bytes(),
        );
        Fixtures {
            runtime,
            client,
            platform: SigningKey::from_pem(fixture!("platform_key.pem")).expect("platform key"),
            public_key: SigningKey::from_pem(fixture!("pubkey_key.pem")).expect("public key"),
            api_v3_key,
            template,
        }
    })
}

/// A client with both kinds of verification keys, whose certificate fetches go to a closed
/// local port, fast.
fn client() -> PayClient {
    let config = MerchantConfig::builder()
        .mchid("1900000109")
        .merchant_private_key_pem(fixture!("merchant_key.pem"))
        .merchant_certificate_pem(fixture!("merchant_cert.pem"))
        .api_v3_key(API_V3_KEY)
        .platform_certificate_pem(fixture!("platform_cert.pem"))
        .wechatpay_public_key_pem(PUBLIC_KEY_ID, fixture!("pubkey.pem"))
        .build()
        .expect("the test merchant configuration");
    PayClient::builder(config)
        .base_url("http://127.0.0.1:1")
        .no_backup()
        .refresh_certificates(false)
        .retry_policy(wechat_runtime::RetryPolicy::none())
        .timeout(std::time::Duration::from_millis(200))
        .build()
        .expect("the test client")
}

/// A notification body whose resource is `plaintext` sealed with `key`.
pub fn envelope(key: &ApiV3Key, event_type: &str, original_type: &str, plaintext: &[u8]) -> String {
    let resource = key
        .encrypt_resource(original_type, original_type, GCM_NONCE, plaintext)
        .expect("sealing with a 12-byte nonce");
    serde_json::json!({
        "id": "EV-2018022511223320873",
        "create_time": "2015-05-20T13:29:35+08:00",
        "resource_type": "encrypt-resource",
        "event_type": event_type,
        "summary": "fuzz",
        "resource": resource,
    })
    .to_string()
}

fn now() -> String {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or_default()
        .to_string()
}

/// The headers WeChat Pay would send with `body`, signed now by `key`.
fn signed(body: &[u8], key: Key) -> HeaderMap {
    let f = fixtures();
    let timestamp = now();
    let (signing, serial) = match key {
        Key::Certificate => (&f.platform, CERTIFICATE_SERIAL),
        Key::PublicKey => (&f.public_key, PUBLIC_KEY_ID),
    };
    let signature = signing
        .sign(&answer_message(&timestamp, NONCE, body))
        .expect("signing with the test key");
    let mut headers = HeaderMap::new();
    for (name, value) in [
        ("Wechatpay-Timestamp", timestamp.as_str()),
        ("Wechatpay-Nonce", NONCE),
        ("Wechatpay-Signature", signature.as_str()),
        ("Wechatpay-Serial", serial),
    ] {
        headers.insert(name, HeaderValue::from_str(value).expect("ASCII"));
    }
    headers
}

fn receive(headers: &HeaderMap, body: &[u8]) -> Result<Notification, Error> {
    let f = fixtures();
    f.runtime.block_on(f.client.notification(headers, body))
}

fn is_verification(err: &Error) -> bool {
    matches!(err, Error::Pay(e) if e.is_verification())
}

/// A result behind a valid signature: `Ok`, or an error of the body (answered 400).
fn assert_body_error(result: &Result<Notification, Error>) {
    if let Err(err) = result {
        assert!(
            !is_verification(err),
            "a valid signature was refused: {err}"
        );
        assert_eq!(Rejection::of(err).status, 400, "{err}");
    }
}

/// Runs one input through the notification path.
pub fn pay_notification(data: &[u8]) {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    match selector % 7 {
        0 => unsigned(rest),
        1 => assert_body_error(&receive(&signed(rest, Key::Certificate), rest)),
        2 => assert_body_error(&receive(&signed(rest, Key::PublicKey), rest)),
        3 => sealed(rest),
        4 => tampered_then_signed(rest),
        5 => signed_then_tampered(rest),
        6 => header_replaced(rest),
        _ => unreachable!(),
    }
}

fn unsigned(rest: &[u8]) {
    let mut parts = rest.splitn(5, |&b| b == b'\n');
    let mut headers = HeaderMap::new();
    for name in [
        "Wechatpay-Timestamp",
        "Wechatpay-Nonce",
        "Wechatpay-Signature",
        "Wechatpay-Serial",
    ] {
        if let Some(value) = parts.next().and_then(|v| HeaderValue::from_bytes(v).ok()) {
            headers.insert(name, value);
        }
    }
    let body = parts.next().unwrap_or_default();
    assert!(
        receive(&headers, body).is_err(),
        "an unsigned notification was accepted"
    );
}

fn sealed(rest: &[u8]) {
    let Some((&kind, plaintext)) = rest.split_first() else {
        return;
    };
    let f = fixtures();
    let (event_type, original_type) = EVENT_TYPES[usize::from(kind) % EVENT_TYPES.len()];
    let body = envelope(&f.api_v3_key, event_type, original_type, plaintext);
    let key = if kind & 0x80 == 0 {
        Key::Certificate
    } else {
        Key::PublicKey
    };
    let result = receive(&signed(body.as_bytes(), key), body.as_bytes());
    assert_body_error(&result);
    if let Ok(notification) = &result {
        assert_eq!(notification.event_type, event_type);
    }
    if event_type == "FUZZ.UNKNOWN" {
        if let Ok(json) = serde_json::from_slice::<serde_json::Value>(plaintext) {
            match result.map(|n| n.event) {
                Ok(PayEvent::Unknown { resource, .. }) => assert_eq!(resource, json),
                other => panic!("an unknown event with JSON came back as {other:?}"),
            }
        }
    }
}

fn xor_into(body: &mut [u8], rest: &[u8]) -> bool {
    let mut changed = false;
    for (b, x) in body.iter_mut().zip(rest) {
        *b ^= x;
        changed |= *x != 0;
    }
    changed
}

fn tampered_then_signed(rest: &[u8]) {
    let mut body = fixtures().template.clone().into_bytes();
    xor_into(&mut body, rest);
    assert_body_error(&receive(&signed(&body, Key::Certificate), &body));
}

fn signed_then_tampered(rest: &[u8]) {
    let mut body = fixtures().template.clone().into_bytes();
    let headers = signed(&body, Key::PublicKey);
    let changed = xor_into(&mut body, rest);
    let result = receive(&headers, &body);
    if changed {
        match result {
            Err(err) => assert!(
                is_verification(&err),
                "refused, but not by the signature: {err}"
            ),
            Ok(_) => panic!("a notification changed after signing was accepted"),
        }
    } else {
        assert!(result.is_ok(), "{:?}", result.err());
    }
}

fn header_replaced(rest: &[u8]) {
    let Some((&which, value)) = rest.split_first() else {
        return;
    };
    let body = fixtures().template.clone().into_bytes();
    let mut headers = signed(&body, Key::Certificate);
    let names = [
        "Wechatpay-Timestamp",
        "Wechatpay-Nonce",
        "Wechatpay-Signature",
        "Wechatpay-Serial",
        "Wechatpay-Signature-Type",
    ];
    let name = names[usize::from(which) % names.len()];
    let before = headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .trim()
        .to_owned();
    match HeaderValue::from_bytes(value) {
        Ok(value) => headers.insert(name, value),
        Err(_) => headers.remove(name),
    };
    let after = headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .unwrap_or_default();
    let result = receive(&headers, &body);
    let signed_part = matches!(
        name,
        "Wechatpay-Timestamp" | "Wechatpay-Nonce" | "Wechatpay-Signature"
    );
    if signed_part && before != after {
        match result {
            Err(err) => assert!(
                is_verification(&err),
                "refused, but not by the signature: {err}"
            ),
            Ok(_) => panic!("a notification with a changed {name} was accepted"),
        }
    }
}
