//! WeChat Pay notifications (`wechat_runtime::pay::notify`, features `pay` and `pay-axum`).
//! The tests build the notifications themselves, as WeChat Pay does: the resource sealed with
//! the test APIv3 key, the body signed now with the test platform key or the test WeChat Pay
//! public key (`wechat-pay/tests/fixtures`).
//!
//! - `events`: `PayClient::notification`: each typed event, and what is refused.
//! - `route`: the axum route on 127.0.0.1, called over HTTP: statuses, `{code,message}`
//!   bodies, the handler not called for what is refused.
//! - `fuzz_logic`: the `pay_notification` fuzz target's logic, on stable.
//! - `sandbox`: the simulator's Pay sandbox pays an order, refunds it, transfers, and its
//!   notifications reach the route.
//! - `sandbox_delivery`: the sandbox's duplicates, and its retries on simulated time.
//! - `sandbox_keys`: the sandbox's switch mode, and its certificate fetched once.

mod events;
mod fuzz_logic;
mod route;
mod sandbox;
mod sandbox_delivery;
mod sandbox_keys;

use std::time::{SystemTime, UNIX_EPOCH};

use reqwest::header::{HeaderMap, HeaderValue};
use wechat_runtime::pay::{answer_message, ApiV3Key, MerchantConfig, PayClient, SigningKey};

pub const API_V3_KEY: &str = "wechatpayTestApiV3Key0123456789a";
pub const PUBLIC_KEY_ID: &str = "PUB_KEY_ID_0114232134912410000000000000";
pub const CERTIFICATE_SERIAL: &str = "5157F09EFDC096DE15EBE81A47057A7232F1B8E1";

/// A paid transaction, as `TRANSACTION.SUCCESS` carries it.
pub const TRANSACTION: &str = r#"{
    "appid": "wxd678efh567hg6787", "mchid": "1900000109",
    "out_trade_no": "1217752501201407033233368018", "transaction_id": "4200000000202401010000000001",
    "trade_type": "JSAPI", "trade_state": "SUCCESS", "trade_state_desc": "支付成功",
    "bank_type": "CMC", "attach": "", "success_time": "2024-01-01T12:00:05+08:00",
    "payer": { "openid": "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o" },
    "amount": { "total": 100, "payer_total": 100, "currency": "CNY", "payer_currency": "CNY" }
}"#;

/// A refund's outcome, as `REFUND.*` carries it (`STATUS` replaced).
pub const REFUND: &str = r#"{
    "mchid": "1900000109", "transaction_id": "4200000000202401010000000001",
    "out_trade_no": "1217752501201407033233368018", "refund_id": "50300000000202401010000000001",
    "out_refund_no": "R1217752501201407033233368018", "refund_status": "STATUS",
    "success_time": "2024-01-01T13:00:00+08:00", "user_received_account": "支付用户零钱",
    "amount": { "total": 100, "refund": 40, "payer_total": 100, "payer_refund": 40 }
}"#;

/// A transfer bill at its end, as `MCHTRANSFER.BILL.FINISHED` carries it.
pub const TRANSFER_BILL: &str = r#"{
    "mch_id": "1900000109", "out_bill_no": "plfk2020042013",
    "transfer_bill_no": "1330000071100999991182020050700019480001", "state": "SUCCESS",
    "transfer_amount": 200, "openid": "o-MYE42l80oelYMDE34nYD456Xoy",
    "create_time": "2025-01-01T10:00:00+08:00", "update_time": "2025-01-01T10:00:05+08:00"
}"#;

pub fn fixture(name: &str) -> Vec<u8> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../wechat-pay/tests/fixtures/");
    std::fs::read(format!("{dir}{name}")).unwrap()
}

/// Which of WeChat Pay's keys signs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    /// The platform certificate's key (`Wechatpay-Serial` is the certificate's serial).
    Certificate,
    /// The WeChat Pay public key's private half (`PUB_KEY_ID_…`).
    PublicKey,
}

/// A client verifying with the platform certificate, the WeChat Pay public key, or both. A new
/// certificate serial would fetch `/v3/certificates` from a closed local port.
pub fn client(certificate: bool, public_key: bool) -> PayClient {
    let mut config = MerchantConfig::builder()
        .mchid("1900000109")
        .merchant_private_key_pem(fixture("merchant_key.pem"))
        .merchant_certificate_pem(fixture("merchant_cert.pem"))
        .api_v3_key(API_V3_KEY);
    if certificate {
        config = config.platform_certificate_pem(fixture("platform_cert.pem"));
    }
    if public_key {
        config = config.wechatpay_public_key_pem(PUBLIC_KEY_ID, fixture("pubkey.pem"));
    }
    PayClient::builder(config.build().unwrap())
        .base_url("http://127.0.0.1:1")
        .no_backup()
        .refresh_certificates(false)
        .build()
        .unwrap()
}

pub fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

pub fn api_v3_key() -> ApiV3Key {
    ApiV3Key::new(API_V3_KEY).unwrap()
}

/// A notification body: `plaintext` sealed with `key` as `original_type`.
pub fn body_with(key: &ApiV3Key, event_type: &str, original_type: &str, plaintext: &str) -> String {
    let resource = key
        .encrypt_resource(
            original_type,
            original_type,
            "0123456789ab",
            plaintext.as_bytes(),
        )
        .unwrap();
    serde_json::json!({
        "id": format!("EV-{event_type}"),
        "create_time": "2024-01-01T12:00:05+08:00",
        "resource_type": "encrypt-resource",
        "event_type": event_type,
        "summary": "摘要",
        "resource": resource,
    })
    .to_string()
}

/// A notification body sealed with the test APIv3 key.
pub fn body(event_type: &str, original_type: &str, plaintext: &str) -> String {
    body_with(&api_v3_key(), event_type, original_type, plaintext)
}

/// The four signature headers of `body`, signed by `key` at `timestamp`.
pub fn sign_at(body: &[u8], key: Key, timestamp: i64) -> HeaderMap {
    let (pem, serial) = match key {
        Key::Certificate => ("platform_key.pem", CERTIFICATE_SERIAL),
        Key::PublicKey => ("pubkey_key.pem", PUBLIC_KEY_ID),
    };
    let timestamp = timestamp.to_string();
    let nonce = "d824f2e086d3c1df967785d13fcd22ef";
    let signature = SigningKey::from_pem(fixture(pem))
        .unwrap()
        .sign(&answer_message(&timestamp, nonce, body))
        .unwrap();
    let mut headers = HeaderMap::new();
    for (name, value) in [
        ("Wechatpay-Timestamp", timestamp.as_str()),
        ("Wechatpay-Nonce", nonce),
        ("Wechatpay-Signature", signature.as_str()),
        ("Wechatpay-Serial", serial),
        ("Wechatpay-Signature-Type", "WECHATPAY2-SHA256-RSA2048"),
    ] {
        headers.insert(name, HeaderValue::from_str(value).unwrap());
    }
    headers
}

/// The signature headers of `body`, signed now by `key`.
pub fn sign(body: &[u8], key: Key) -> HeaderMap {
    sign_at(body, key, now())
}
