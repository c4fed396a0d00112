//! WeChat Pay: what verifying and decrypting a notification costs, and what the SDK adds to a
//! signed prepay call over raw reqwest.
//!
//! ```text
//! cargo bench -p wechat-tests --bench pay
//! ```
//!
//! 1. Notifications verified (RSA-2048 SHA-256, by the key the serial names) and decrypted
//!    (AES-256-GCM) per second on one core, through `PayClient::notification`; beside it, the
//!    bare RSA verification of the same messages, so the ratio says what the rest costs.
//! 2. A Native prepay through `pay.transactions().native(..)` (sign, send, verify the answer,
//!    decode) against the simulator's Pay sandbox, as a ratio to raw reqwest sending the same
//!    request signed beforehand and reading the answer without verifying it. Rounds of both
//!    sides alternate in one run, so machine noise hits both alike: read the ratio.

use std::time::{Duration, Instant};

use wechat_runtime::pay::transactions::PrepayOrder;
use wechat_runtime::pay::{
    answer_message, ApiV3Key, Fen, MerchantConfig, OutTradeNo, PayClient, SigningKey, VerifyingKey,
    WechatPayPublicKey,
};
use wechat_runtime::simulator::{PayMerchant, Simulator};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../wechat-pay/tests/fixtures/");
const API_V3_KEY: &str = "wechatpayTestApiV3Key0123456789a";
const MCHID: &str = "1900000109";
const PUBLIC_KEY_ID: &str = "PUB_KEY_ID_0114232134912410000000000000";
const NOTIFICATIONS: usize = 2_000;
const PREPAYS: usize = 300;
const ROUNDS: usize = 5;

fn read(name: &str) -> Vec<u8> {
    std::fs::read(format!("{FIXTURES}{name}")).unwrap()
}

fn merchant(public_key_id: &str, public_key_pem: &[u8]) -> MerchantConfig {
    MerchantConfig::builder()
        .mchid(MCHID)
        .merchant_private_key_pem(read("merchant_key.pem"))
        .merchant_certificate_pem(read("merchant_cert.pem"))
        .api_v3_key(API_V3_KEY)
        .wechatpay_public_key_pem(public_key_id, public_key_pem)
        .build()
        .unwrap()
}

/// A `TRANSACTION.SUCCESS` notification as WeChat Pay sends it: headers and body.
fn notification(i: usize, key: &SigningKey, api_v3_key: &ApiV3Key) -> (http::HeaderMap, String) {
    let transaction = serde_json::json!({
        "appid": "wxd678efh567hg6787", "mchid": MCHID,
        "out_trade_no": format!("BENCH{i:08}"), "transaction_id": format!("42000{i:023}"),
        "trade_type": "JSAPI", "trade_state": "SUCCESS", "trade_state_desc": "支付成功",
        "bank_type": "CMC", "attach": "", "success_time": "2026-11-27T10:34:56+08:00",
        "payer": {"openid": "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"},
        "amount": {"total": 100, "payer_total": 100, "currency": "CNY", "payer_currency": "CNY"}
    });
    let nonce = format!("{:012}", i % 1_000_000_000_000);
    let resource = api_v3_key
        .encrypt_resource(
            "transaction",
            "transaction",
            &nonce,
            transaction.to_string().as_bytes(),
        )
        .unwrap();
    let body = serde_json::json!({
        "id": format!("EV-{i}"), "create_time": "2026-11-27T10:34:56+08:00",
        "resource_type": "encrypt-resource", "event_type": "TRANSACTION.SUCCESS",
        "summary": "支付成功", "resource": resource,
    })
    .to_string();
    let timestamp = wechat_runtime::now_unix().to_string();
    let signature = key
        .sign(&answer_message(&timestamp, &nonce, body.as_bytes()))
        .unwrap();
    let mut headers = http::HeaderMap::new();
    headers.insert("Wechatpay-Timestamp", timestamp.parse().unwrap());
    headers.insert("Wechatpay-Nonce", nonce.parse().unwrap());
    headers.insert("Wechatpay-Signature", signature.parse().unwrap());
    headers.insert("Wechatpay-Serial", PUBLIC_KEY_ID.parse().unwrap());
    (headers, body)
}

async fn notifications() {
    let pay = PayClient::builder(merchant(PUBLIC_KEY_ID, &read("pubkey.pem")))
        .build()
        .unwrap();
    let key = SigningKey::from_pem(read("pubkey_key.pem")).unwrap();
    let api_v3_key = ApiV3Key::new(API_V3_KEY).unwrap();
    let inputs: Vec<_> = (0..NOTIFICATIONS)
        .map(|i| notification(i, &key, &api_v3_key))
        .collect();
    let public_key = WechatPayPublicKey::from_pem(PUBLIC_KEY_ID, read("pubkey.pem")).unwrap();
    let bare: &VerifyingKey = public_key.verifying_key();
    // A 12-byte GCM nonce, as WeChat Pay's.
    let messages: Vec<_> = inputs
        .iter()
        .map(|(headers, body)| {
            let h = |name: &str| headers[name].to_str().unwrap().to_owned();
            let message = answer_message(
                &h("Wechatpay-Timestamp"),
                &h("Wechatpay-Nonce"),
                body.as_bytes(),
            );
            (message, h("Wechatpay-Signature"))
        })
        .collect();

    let (mut sdk, mut rsa) = (Duration::ZERO, Duration::ZERO);
    for _ in 0..ROUNDS {
        let start = Instant::now();
        for (headers, body) in &inputs {
            let n = pay.notification(headers, body.as_bytes()).await.unwrap();
            assert_eq!(n.event_type, "TRANSACTION.SUCCESS");
        }
        sdk += start.elapsed();
        let start = Instant::now();
        for (message, signature) in &messages {
            bare.verify(message, signature).unwrap();
        }
        rsa += start.elapsed();
    }
    let count = (NOTIFICATIONS * ROUNDS) as f64;
    println!(
        "notifications: {:.0}/s verified+decrypted+parsed on one core; bare RSA verification {:.0}/s; ratio {:.3}",
        count / sdk.as_secs_f64(),
        count / rsa.as_secs_f64(),
        sdk.as_secs_f64() / rsa.as_secs_f64(),
    );
}

async fn prepays() {
    let sim = Simulator::start().await.unwrap();
    sim.add_pay_merchant(
        PayMerchant::new(
            MCHID,
            String::from_utf8(read("merchant_cert.pem")).unwrap(),
            API_V3_KEY,
        )
        .unwrap(),
    )
    .unwrap();
    let platform = sim.pay_platform();
    let config = merchant(&platform.public_key_id, platform.public_key_pem.as_bytes());
    let signer = config.signer().clone();
    let pay = PayClient::builder(config)
        .base_url(sim.pay_base_url())
        .build()
        .unwrap();
    // The same order each time: the sandbox, like WeChat Pay, answers the same prepay_id.
    let order = PrepayOrder::new(
        "wxd678efh567hg6787",
        "Image形象店-深圳腾大-QQ公仔",
        OutTradeNo::new("1217752501201407033233368018").unwrap(),
        "https://www.weixin.qq.com/wxpay/pay.php",
        Fen::new(100),
    );
    let prepay_id = pay.transactions().native(&order).await.unwrap();

    // What the SDK sent, for the raw side to send as is.
    let recorded = sim.requests();
    let sent = recorded.last().unwrap();
    let body = sent.body.clone();
    let path = "/v3/pay/transactions/native";
    let url = format!("{}{path}", sim.pay_base_url());
    let http = reqwest::Client::builder().no_proxy().build().unwrap();

    let (mut sdk, mut raw, mut sign) = (Duration::ZERO, Duration::ZERO, Duration::ZERO);
    for _ in 0..ROUNDS {
        let start = Instant::now();
        for _ in 0..PREPAYS {
            assert_eq!(pay.transactions().native(&order).await.unwrap(), prepay_id);
        }
        sdk += start.elapsed();
        // What the raw side does not do: sign each request (RSA-2048, the merchant key).
        let start = Instant::now();
        for _ in 0..PREPAYS {
            std::hint::black_box(signer.authorization("POST", path, &body).unwrap());
        }
        sign += start.elapsed();
        // Signed once per round, outside the timing: valid for five minutes.
        let authorization = signer.authorization("POST", path, &body).unwrap();
        let start = Instant::now();
        for _ in 0..PREPAYS {
            let answer = http
                .post(&url)
                .header("Authorization", &authorization)
                .header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .body(body.clone())
                .send()
                .await
                .unwrap();
            assert!(answer.status().is_success());
            let value: serde_json::Value = answer.json().await.unwrap();
            assert!(value["code_url"].is_string());
        }
        raw += start.elapsed();
    }
    let per_call = |d: Duration| d.as_micros() as f64 / (PREPAYS * ROUNDS) as f64;
    println!(
        "signed Native prepay against the sandbox: SDK {:.0} µs/call, raw pre-signed reqwest {:.0} µs/call; SDK/raw {:.3}",
        per_call(sdk),
        per_call(raw),
        sdk.as_secs_f64() / raw.as_secs_f64(),
    );
    println!(
        "  of which signing one request (RSA-2048): {:.0} µs; SDK minus signing, over raw: {:.3}",
        per_call(sign),
        (sdk.as_secs_f64() - sign.as_secs_f64()) / raw.as_secs_f64(),
    );
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    notifications().await;
    prepays().await;
}
