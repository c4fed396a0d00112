//! WeChat Pay v3's typed endpoints (`wechat_runtime::pay`, feature `pay`) against the Pay
//! sandbox of the simulator: for each endpoint the exact request the sandbox recorded (method,
//! path, query, JSON body), the typed answer, and the input refused before anything is sent.
//! One module per area:
//!
//! - `transactions`: prepay (JSAPI, App, H5, Native), the two queries, close.
//! - `refunds`: refund and its query.
//! - `bills`: the trade and fund-flow bills, downloaded, gunzipped and checked by digest.
//! - `transfers`: the 2025 merchant transfer (create with an encrypted name, queries, cancel).
//! - `profit_sharing`: receivers, sharing, its query, return, unfreeze, the amount left.
//!
//! The client is built from wechat-pay's test fixtures (throwaway keys) and trusts the
//! sandbox's WeChat Pay public key, or, in the tests that say so, its platform certificate.

mod bills;
mod profit_sharing;
mod refunds;
mod transactions;
mod transfers;

use wechat_runtime::pay::{transactions::PrepayOrder, Fen, OutTradeNo, PayClient};
use wechat_runtime::RetryPolicy;
use wechat_simulator::{PayMerchant, PaySignMode, RecordedRequest, Simulator};

pub use crate::common::pay::{fixture, API_V3_KEY, MCHID};
pub const APPID: &str = "wxd678efh567hg6787";
pub const OPENID: &str = "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o";
/// Where the sandbox pushes notifications: a closed port, so that deliveries fail at once
/// (these tests look at the calls, not at the notifications).
pub const NOTIFY_URL: &str = "http://127.0.0.1:9/pay/notify";

/// The sandbox with the test merchant registered, and a client of it.
pub struct Sandbox {
    pub sim: Simulator,
    pub pay: PayClient,
}

/// Which of the sandbox's keys the client trusts.
#[derive(Clone, Copy)]
pub enum Trust {
    PublicKey,
    Certificate,
}

pub async fn sandbox() -> Sandbox {
    sandbox_trusting(Trust::PublicKey).await
}

pub async fn sandbox_trusting(trust: Trust) -> Sandbox {
    let sim = Simulator::start().await.expect("the simulator starts");
    let merchant = PayMerchant::new(MCHID, fixture("merchant_cert.pem"), API_V3_KEY)
        .expect("the test merchant");
    sim.add_pay_merchant(merchant).expect("registered");
    sim.set_pay_duplicate_rate(0.0);
    let platform = sim.pay_platform();
    let config = crate::common::pay::merchant();
    let config = match trust {
        Trust::PublicKey => {
            sim.set_pay_sign_mode(PaySignMode::PublicKey);
            config.wechatpay_public_key_pem(&platform.public_key_id, &platform.public_key_pem)
        }
        Trust::Certificate => {
            sim.set_pay_sign_mode(PaySignMode::Certificate);
            config.platform_certificate_pem(&platform.certificate_pem)
        }
    }
    .build()
    .expect("the merchant configuration");
    let pay = PayClient::builder(config)
        .base_url(sim.pay_base_url())
        .no_backup()
        .refresh_certificates(false)
        .retry_policy(RetryPolicy {
            max_retries: 1,
            base_delay: std::time::Duration::from_millis(1),
            max_delay: std::time::Duration::from_millis(5),
        })
        .build()
        .expect("the client");
    Sandbox { sim, pay }
}

impl Sandbox {
    /// The WeChat Pay requests recorded since the last [`take`](Sandbox::take), and forgets
    /// them.
    pub fn take(&self) -> Vec<RecordedRequest> {
        let requests = self
            .sim
            .requests()
            .into_iter()
            .filter(|r| r.path.starts_with("/v3/"))
            .collect();
        self.sim.reset_counters();
        requests
    }

    /// The one WeChat Pay request recorded since the last `take`.
    pub fn one(&self) -> RecordedRequest {
        let mut requests = self.take();
        assert_eq!(requests.len(), 1, "one request expected: {requests:#?}");
        requests.remove(0)
    }

    /// A Native order of `total` fen, paid by [`OPENID`]; its transaction_id.
    pub async fn paid_order(&self, out_trade_no: &str, total: u64, profit_sharing: bool) -> String {
        let order = order(out_trade_no, total).profit_sharing(profit_sharing);
        self.pay
            .transactions()
            .native(&order)
            .await
            .expect("prepay");
        let id = self
            .sim
            .pay_transaction(MCHID, out_trade_no, Some(OPENID))
            .await
            .expect("the user pays");
        self.take();
        id
    }
}

/// An order of `total` fen with the required fields only.
pub fn order(out_trade_no: &str, total: u64) -> PrepayOrder {
    PrepayOrder::new(
        APPID,
        "Image形象店-深圳腾大-QQ公仔",
        OutTradeNo::new(out_trade_no).expect("a valid out_trade_no"),
        NOTIFY_URL,
        Fen::new(total),
    )
}

/// Asserts a recorded request: method, path, decoded query pairs in order, JSON body (or
/// none).
#[track_caller]
pub fn assert_request(
    request: &RecordedRequest,
    method: &str,
    path: &str,
    query: &[(&str, &str)],
    body: Option<serde_json::Value>,
) {
    assert_eq!(request.method, method, "method of {request:?}");
    assert_eq!(request.path, path, "path of {request:?}");
    let query: Vec<(String, String)> = query
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    assert_eq!(request.query, query, "query of {}", request.path);
    match body {
        Some(body) => assert_eq!(request.json(), Some(body), "body of {}", request.path),
        None => assert!(
            request.body.is_empty(),
            "no body expected on {}",
            request.path
        ),
    }
}

/// Today in Beijing (UTC+8), `yyyy-MM-dd`: the day of the sandbox's bills.
pub fn beijing_today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("after 1970")
        .as_secs()
        + 8 * 3600;
    // Days to civil date (Howard Hinnant's algorithm).
    let z = (secs / 86_400) as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

/// WeChat Pay's error code of a failed call.
#[track_caller]
pub fn pay_code(err: &wechat_runtime::Error) -> String {
    err.pay_code()
        .unwrap_or_else(|| panic!("a WeChat Pay error expected, got {err:?}"))
        .to_owned()
}

/// `pay.certificates()`: `GET /v3/certificates` with no query and no body; the answer is
/// decrypted with the APIv3 key into the sandbox's platform certificate, and added to the ones
/// the client verifies with.
#[tokio::test]
async fn certificates_are_downloaded_decrypted_and_added() {
    let sb = sandbox().await;
    let platform = sb.sim.pay_platform();
    assert!(sb.pay.config().verifier().certificate_serials().is_empty());

    let certificates = sb.pay.certificates().await.expect("certificates");
    assert_request(&sb.one(), "GET", "/v3/certificates", &[], None);
    let serials: Vec<&str> = certificates.iter().map(|c| c.serial()).collect();
    assert_eq!(serials, [platform.certificate_serial.as_str()]);
    assert_eq!(
        sb.pay.config().verifier().certificate_serials(),
        vec![platform.certificate_serial]
    );
}
