//! The WeChat Pay v3 sandbox, driven with raw reqwest and the `wechat-pay` crate: requests
//! signed with the test merchant's key, answers verified with the sandbox's platform keys,
//! notifications received by a local axum server, decrypted with the APIv3 key.

mod funds;
mod notifications;
mod orders;

use std::{
    net::SocketAddr,
    sync::{
        atomic::{AtomicU16, Ordering},
        Arc,
    },
    time::Duration,
};

use axum::{body::Bytes, extract::State, http::HeaderMap, routing::post, Router};
use serde_json::{json, Value};
use tokio::sync::mpsc;
use wechat_pay::{
    ApiV3Key, Certificate, EncryptedResource, SignatureHeaders, Signer, SigningKey, Verifier,
    WechatPayPublicKey,
};
use wechat_simulator::{PayMerchant, Simulator};

use crate::common::client;

pub const MCHID: &str = "1900000109";
pub const API_V3_KEY: &str = "wechatpayTestApiV3Key0123456789a";
pub const APPID: &str = "wxd678efh567hg6787";
pub const OPENID: &str = "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o";

/// A file of wechat-pay's test fixtures (throwaway keys).
pub fn fixture(name: &str) -> String {
    let path = format!(
        "{}/../wechat-pay/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// What the sandbox answered, its signature verified.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub body: Bytes,
    /// The serial or public key id that verified the answer.
    pub signed_by: String,
}

impl Answer {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or(Value::Null)
    }

    /// WeChat Pay's error `code`.
    pub fn code(&self) -> String {
        self.json()["code"].as_str().unwrap_or_default().to_owned()
    }
}

/// A simulator with the test merchant registered, and what a client of it needs.
pub struct PaySim {
    pub sim: Simulator,
    pub signer: Signer,
    pub verifier: Verifier,
    pub key: ApiV3Key,
    pub certificate_serial: String,
    pub public_key_id: String,
}

pub async fn pay_sim() -> PaySim {
    let sim = Simulator::start().await.expect("start");
    let merchant_cert = fixture("merchant_cert.pem");
    let merchant = PayMerchant::new(MCHID, &merchant_cert, API_V3_KEY).expect("merchant");
    let serial = merchant.certificate_serial().to_owned();
    sim.add_pay_merchant(merchant).expect("registered");
    let key = SigningKey::from_pem(fixture("merchant_key.pem")).expect("merchant key");
    let platform = sim.pay_platform();
    let verifier = Verifier::new(
        vec![Certificate::from_pem(&platform.certificate_pem).expect("platform certificate")],
        Some(
            WechatPayPublicKey::from_pem(&platform.public_key_id, &platform.public_key_pem)
                .expect("public key"),
        ),
    );
    PaySim {
        sim,
        signer: Signer::new(MCHID, serial, key),
        verifier,
        key: ApiV3Key::new(API_V3_KEY).expect("APIv3 key"),
        certificate_serial: platform.certificate_serial,
        public_key_id: platform.public_key_id,
    }
}

impl PaySim {
    /// Sends a request as given (no signature added) and verifies the answer's signature.
    pub async fn send(&self, request: reqwest::RequestBuilder) -> Answer {
        let response = request.send().await.expect("send");
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let body = response.bytes().await.expect("body");
        let signature = SignatureHeaders::from_header_map(&headers).expect("signature headers");
        let signed_by = self
            .verifier
            .verify(&signature, &body)
            .expect("the answer's signature verifies")
            .serial()
            .to_owned();
        assert!(
            headers.contains_key("Request-ID"),
            "every answer carries a Request-ID"
        );
        Answer {
            status,
            headers,
            body,
            signed_by,
        }
    }

    /// A signed request of `method` to `path_and_query`, with `extra` headers.
    pub fn request(
        &self,
        method: &str,
        path_and_query: &str,
        body: Option<&Value>,
        extra: &[(&str, &str)],
    ) -> reqwest::RequestBuilder {
        let body = body.map(Value::to_string).unwrap_or_default();
        let authorization = self
            .signer
            .authorization(method, path_and_query, body.as_bytes())
            .expect("signed");
        let url = format!("{}{path_and_query}", self.sim.pay_base_url());
        let mut request = client()
            .request(method.parse().expect("method"), url)
            .header("Authorization", authorization)
            .header("Accept", "application/json");
        if !body.is_empty() {
            request = request
                .header("Content-Type", "application/json")
                .body(body);
        }
        for (name, value) in extra {
            request = request.header(*name, *value);
        }
        request
    }

    pub async fn get(&self, path_and_query: &str) -> Answer {
        self.send(self.request("GET", path_and_query, None, &[]))
            .await
    }

    pub async fn post(&self, path: &str, body: &Value) -> Answer {
        self.send(self.request("POST", path, Some(body), &[])).await
    }

    /// A JSAPI prepay of `total` fen to `notify_url`; returns the prepay_id.
    pub async fn jsapi(&self, out_trade_no: &str, total: u64, notify_url: &str) -> String {
        let answer = self
            .post(
                "/v3/pay/transactions/jsapi",
                &jsapi_order(out_trade_no, total, notify_url),
            )
            .await;
        assert_eq!(answer.status, 200, "{}", answer.json());
        answer.json()["prepay_id"]
            .as_str()
            .expect("prepay_id")
            .to_owned()
    }

    /// Verifies a notification's signature, then decrypts its resource.
    pub fn open(&self, notification: &Notification) -> (Value, Value) {
        let signature =
            SignatureHeaders::from_header_map(&notification.headers).expect("signature headers");
        self.verifier
            .verify(&signature, &notification.body)
            .expect("the notification's signature verifies");
        let body: Value = serde_json::from_slice(&notification.body).expect("JSON");
        let resource: EncryptedResource =
            serde_json::from_value(body["resource"].clone()).expect("resource");
        let plain = self.key.decrypt_resource(&resource).expect("decrypts");
        (body, serde_json::from_slice(&plain).expect("JSON resource"))
    }
}

/// A JSAPI order body.
pub fn jsapi_order(out_trade_no: &str, total: u64, notify_url: &str) -> Value {
    json!({
        "appid": APPID,
        "mchid": MCHID,
        "description": "Image形象店-深圳腾大-QQ公仔",
        "out_trade_no": out_trade_no,
        "notify_url": notify_url,
        "amount": { "total": total, "currency": "CNY" },
        "payer": { "openid": OPENID },
    })
}

/// One notification as the receiver got it.
#[derive(Debug)]
pub struct Notification {
    pub headers: HeaderMap,
    pub body: Bytes,
}

/// A local server that takes notifications and answers them with a status the test sets.
pub struct Receiver {
    pub url: String,
    status: Arc<AtomicU16>,
    received: mpsc::UnboundedReceiver<Notification>,
}

#[derive(Clone)]
struct ReceiverState {
    status: Arc<AtomicU16>,
    sender: mpsc::UnboundedSender<Notification>,
}

async fn take(
    State(state): State<ReceiverState>,
    headers: HeaderMap,
    body: Bytes,
) -> axum::http::StatusCode {
    let _ = state.sender.send(Notification { headers, body });
    axum::http::StatusCode::from_u16(state.status.load(Ordering::SeqCst))
        .unwrap_or(axum::http::StatusCode::OK)
}

impl Receiver {
    pub async fn start(status: u16) -> Receiver {
        let listener = tokio::net::TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], 0)))
            .await
            .expect("bind");
        let addr = listener.local_addr().expect("addr");
        let status = Arc::new(AtomicU16::new(status));
        let (sender, received) = mpsc::unbounded_channel();
        let app = Router::new()
            .route("/notify", post(take))
            .with_state(ReceiverState {
                status: status.clone(),
                sender,
            });
        tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        Receiver {
            url: format!("http://{addr}/notify"),
            status,
            received,
        }
    }

    /// Answers the next notifications with `status`.
    pub fn answer(&self, status: u16) {
        self.status.store(status, Ordering::SeqCst);
    }

    /// The next notification (the sandbox has sent it by the time its control call returns;
    /// the guard only keeps a broken test from hanging).
    pub async fn next(&mut self) -> Notification {
        tokio::time::timeout(Duration::from_secs(30), self.received.recv())
            .await
            .expect("a notification arrives")
            .expect("the receiver runs")
    }

    /// The notifications received and not taken yet.
    pub fn drain(&mut self) -> Vec<Notification> {
        let mut taken = Vec::new();
        while let Ok(notification) = self.received.try_recv() {
            taken.push(notification);
        }
        taken
    }
}
