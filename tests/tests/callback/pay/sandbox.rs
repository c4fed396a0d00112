//! End to end with the simulator's Pay sandbox: the signed client's typed calls, the user's side
//! played through the control API, and the sandbox's signed, encrypted notifications reaching
//! the real axum route on 127.0.0.1:
//!
//! - a payment's `TRANSACTION.SUCCESS`; a refused delivery recorded by the sandbox;
//! - a refund's `REFUND.SUCCESS`, `REFUND.ABNORMAL`, `REFUND.CLOSED`, and the queries agreeing;
//! - a transfer with an encrypted name, confirmed by the user: `MCHTRANSFER.BILL.FINISHED`.
//!
//! `sandbox_delivery` has duplicates and retries; `sandbox_keys` the keys: the switch mode, and
//! the platform certificates fetched. Both use the helpers here.
//!
//! A sandbox call that pushes a notification returns after its first delivery (and its
//! duplicate), `advance_clock` after the retries it made due; the hook's notifications are
//! awaited with a deadline all the same, never slept for.

use std::time::Duration;

use axum::Router;
use base64::Engine as _;
use tokio::sync::mpsc;
use wechat_runtime::pay::notify::{route, Notification, PayEvent};
use wechat_runtime::pay::refunds::{RefundRequest, RefundStatus};
use wechat_runtime::pay::transactions::{PrepayOrder, TradeState};
use wechat_runtime::pay::transfers::{SceneReportInfo, TransferRequest, TransferState};
use wechat_runtime::pay::{
    Fen, MerchantConfig, OutBillNo, OutRefundNo, OutTradeNo, PayClient, VerifiedBy,
};
use wechat_runtime::Method;
use wechat_simulator::{PayMerchant, PaySignMode, RefundOutcome, Simulator};

use super::route::serve;
use super::{fixture, API_V3_KEY};

pub(super) const MCHID: &str = "1900000109";
const APPID: &str = "wxd678efh567hg6787";
const OPENID: &str = "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o";
const TRANSFERS: &str = "/v3/fund-app/mch-transfer/transfer-bills";

/// The longest any awaited notification may take.
const DEADLINE: Duration = Duration::from_secs(10);

/// The WeChat Pay keys a client is configured with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Trust {
    /// The sandbox's platform certificate and its public key, as during a switch.
    Both,
    /// The sandbox's platform certificate only.
    Certificate,
    /// A platform certificate the sandbox does not sign with (`platform2_cert.pem`).
    OtherCertificate,
    /// None: the platform certificates are fetched on first use.
    Fetch,
}

/// The simulator with the test merchant registered; no duplicates unless a test asks.
pub(super) async fn simulator() -> Simulator {
    let sim = Simulator::start().await.unwrap();
    sim.add_pay_merchant(
        PayMerchant::new(MCHID, fixture("merchant_cert.pem"), API_V3_KEY).unwrap(),
    )
    .unwrap();
    sim.set_pay_duplicate_rate(0.0);
    sim
}

/// A client of the sandbox trusting `trust`. No background refresh: the only certificate
/// fetches are those an answer or an encryption asks for.
pub(super) fn client(sim: &Simulator, trust: Trust) -> PayClient {
    let platform = sim.pay_platform();
    let config = MerchantConfig::builder()
        .mchid(MCHID)
        .merchant_private_key_pem(fixture("merchant_key.pem"))
        .merchant_certificate_pem(fixture("merchant_cert.pem"))
        .api_v3_key(API_V3_KEY);
    let config = match trust {
        Trust::Both => config
            .platform_certificate_pem(platform.certificate_pem.as_bytes())
            .wechatpay_public_key_pem(&platform.public_key_id, platform.public_key_pem.as_bytes()),
        Trust::Certificate => config.platform_certificate_pem(platform.certificate_pem.as_bytes()),
        Trust::OtherCertificate => config.platform_certificate_pem(fixture("platform2_cert.pem")),
        Trust::Fetch => config.fetch_platform_certificates(),
    };
    PayClient::builder(config.build().unwrap())
        .base_url(sim.pay_base_url())
        .no_backup()
        .refresh_certificates(false)
        .build()
        .unwrap()
}

pub(super) async fn sandbox() -> (Simulator, PayClient) {
    let sim = simulator().await;
    let pay = client(&sim, Trust::Both);
    (sim, pay)
}

async fn prepay(pay: &PayClient, out_trade_no: &str, notify_url: &str) {
    let answer: serde_json::Value = pay
        .request(Method::POST, "/v3/pay/transactions/native")
        .json(&serde_json::json!({
            "appid": "wxd678efh567hg6787",
            "mchid": MCHID,
            "description": "Image形象店-深圳腾大-QQ公仔",
            "out_trade_no": out_trade_no,
            "notify_url": notify_url,
            "amount": { "total": 100, "currency": "CNY" },
        }))
        .send_json()
        .await
        .unwrap();
    assert!(answer["code_url"]
        .as_str()
        .unwrap()
        .starts_with("weixin://"));
}

/// A `notify_url`: the real route at `/pay/notify` on 127.0.0.1. Every notification its handler
/// is called with comes out of [`next`](Hook::next); what the handler answers is up to the test.
pub(super) struct Hook {
    pub url: String,
    events: mpsc::UnboundedReceiver<Notification>,
    _task: tokio::task::JoinHandle<()>,
}

impl Hook {
    /// The route whose handler answers what `answer` says of each notification.
    pub(super) async fn serve<F>(pay: PayClient, answer: F) -> Hook
    where
        F: Fn(&Notification) -> Result<(), String> + Clone + Send + Sync + 'static,
    {
        let (events_tx, events) = mpsc::unbounded_channel();
        let app: Router = Router::new().route(
            "/pay/notify",
            route(pay, move |notification: Notification| {
                let events_tx = events_tx.clone();
                let answer = answer.clone();
                async move {
                    let result = answer(&notification);
                    // The test may have dropped its hook already.
                    let _ = events_tx.send(notification);
                    result
                }
            }),
        );
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let task = tokio::spawn(async move {
            axum::serve(listener, app).await.unwrap();
        });
        Hook {
            url: format!("http://{addr}/pay/notify"),
            events,
            _task: task,
        }
    }

    /// The route whose handler takes everything.
    pub(super) async fn accepting(pay: PayClient) -> Hook {
        Hook::serve(pay, |_| Ok(())).await
    }

    /// The next notification the handler was called with.
    pub(super) async fn next(&mut self) -> Notification {
        tokio::time::timeout(DEADLINE, self.events.recv())
            .await
            .expect("a notification within the deadline")
            .expect("the route is serving")
    }

    /// No notification the test has not taken. (The sandbox calls that deliver return after
    /// their deliveries: nothing can still be on its way.)
    #[track_caller]
    pub(super) fn assert_idle(&mut self) {
        if let Ok(notification) = self.events.try_recv() {
            panic!("an unexpected notification: {notification:?}");
        }
    }
}

/// Places a Native order of `total` fen with the typed call, notified at `notify_url`.
pub(super) async fn place_order(pay: &PayClient, out_trade_no: &str, total: u64, notify_url: &str) {
    let order = PrepayOrder::new(
        APPID,
        "Image形象店-深圳腾大-QQ公仔",
        OutTradeNo::new(out_trade_no).unwrap(),
        notify_url,
        Fen::new(total),
    );
    let code_url = pay.transactions().native(&order).await.unwrap();
    assert!(code_url.starts_with("weixin://"), "{code_url}");
}

/// A Native order placed and paid by [`OPENID`]; its transaction_id and the
/// `TRANSACTION.SUCCESS` the hook received.
pub(super) async fn paid_order(
    sim: &Simulator,
    pay: &PayClient,
    hook: &mut Hook,
    out_trade_no: &str,
    total: u64,
) -> (String, Notification) {
    place_order(pay, out_trade_no, total, &hook.url).await;
    let transaction_id = sim
        .pay_transaction(MCHID, out_trade_no, Some(OPENID))
        .await
        .unwrap();
    let notification = hook.next().await;
    assert_eq!(notification.event_type, "TRANSACTION.SUCCESS");
    let PayEvent::TransactionSuccess(t) = &notification.event else {
        panic!("{:?}", notification.event)
    };
    assert_eq!(t.out_trade_no, out_trade_no);
    assert_eq!(t.transaction_id.as_deref(), Some(transaction_id.as_str()));
    assert_eq!(t.amount.as_ref().unwrap().total, Fen::new(total));
    (transaction_id, notification)
}

/// Each delivery the sandbox recorded: (event type, attempt, duplicate, status).
pub(super) fn deliveries(sim: &Simulator) -> Vec<(String, u32, bool, Option<u16>)> {
    sim.pay_notifications()
        .into_iter()
        .map(|d| (d.event_type, d.attempt, d.duplicate, d.status))
        .collect()
}

pub(super) fn delivery(
    event_type: &str,
    attempt: u32,
    status: u16,
) -> (String, u32, bool, Option<u16>) {
    (event_type.to_owned(), attempt, false, Some(status))
}

#[tokio::test]
async fn the_sandbox_pays_and_its_notification_reaches_the_route() {
    let (sim, pay) = sandbox().await;
    let server = serve(pay.clone()).await;
    for (mode, out_trade_no) in [
        (PaySignMode::PublicKey, "SANDBOX-PK-0001"),
        (PaySignMode::Certificate, "SANDBOX-CERT-0001"),
    ] {
        sim.set_pay_sign_mode(mode);
        prepay(&pay, out_trade_no, &server.url).await;
        let transaction_id = sim
            .pay_transaction(MCHID, out_trade_no, None)
            .await
            .unwrap();

        let received = server
            .received
            .lock()
            .unwrap()
            .pop()
            .expect("a notification");
        assert_eq!(received.event_type, "TRANSACTION.SUCCESS");
        match (&received.verified_by, mode) {
            (VerifiedBy::PublicKey { .. }, PaySignMode::PublicKey) => {}
            (VerifiedBy::Certificate { .. }, PaySignMode::Certificate) => {}
            other => panic!("{other:?}"),
        }
        let PayEvent::TransactionSuccess(t) = received.event else {
            panic!("{:?}", received.event)
        };
        assert_eq!(t.out_trade_no, out_trade_no);
        assert_eq!(t.transaction_id.as_deref(), Some(transaction_id.as_str()));
        assert_eq!(t.amount.unwrap().total.get(), 100);
    }
    let deliveries = sim.pay_notifications();
    assert_eq!(deliveries.len(), 2);
    assert!(
        deliveries.iter().all(|d| d.status == Some(204)),
        "{deliveries:?}"
    );
}

/// A handler that fails gets a 500: the sandbox records it and retries later.
#[tokio::test]
async fn a_refused_delivery_is_recorded_by_the_sandbox() {
    let (sim, pay) = sandbox().await;
    let server = serve(pay.clone()).await;
    prepay(&pay, "FAIL-ME", &server.url).await;
    sim.pay_transaction(MCHID, "FAIL-ME", None).await.unwrap();
    let deliveries = sim.pay_notifications();
    assert_eq!(deliveries.len(), 1);
    assert_eq!(deliveries[0].status, Some(500));
    assert_eq!(server.received.lock().unwrap().len(), 1);
}

/// Pay 300, refund 120: `PROCESSING` until the sandbox finishes it, then `REFUND.SUCCESS` at
/// the route with the refund's numbers and amounts, and both queries agree.
#[tokio::test]
async fn a_refund_succeeds_its_notification_reaches_the_route_and_the_queries_agree() {
    let (sim, pay) = sandbox().await;
    let mut hook = Hook::accepting(pay.clone()).await;
    let out_trade_no = OutTradeNo::new("REFUND-ORDER-0001").unwrap();
    let (transaction_id, _) = paid_order(&sim, &pay, &mut hook, out_trade_no.as_str(), 300).await;

    let out_refund_no = OutRefundNo::new("R-REFUND-ORDER-0001").unwrap();
    let request = RefundRequest::by_out_trade_no(
        out_trade_no.clone(),
        out_refund_no.clone(),
        Fen::new(120),
        Fen::new(300),
    )
    .reason("商品已售完")
    .notify_url(&hook.url);
    let created = pay.refunds().create(&request).await.unwrap();
    assert_eq!(created.status, RefundStatus::Processing);
    assert_eq!(created.out_refund_no, out_refund_no.as_str());
    assert_eq!(created.out_trade_no, out_trade_no.as_str());
    assert_eq!(created.transaction_id, transaction_id);
    assert_eq!(created.amount.refund, Fen::new(120));
    assert_eq!(created.amount.total, Fen::new(300));
    assert_eq!(created.success_time, None);
    // Nothing is notified while the refund is processing.
    hook.assert_idle();

    sim.finish_refund(MCHID, out_refund_no.as_str(), RefundOutcome::Success)
        .await
        .unwrap();
    let notification = hook.next().await;
    assert_eq!(notification.event_type, "REFUND.SUCCESS");
    let PayEvent::RefundSuccess(notice) = notification.event else {
        panic!("{:?}", notification.event)
    };
    assert_eq!(notice.mchid, MCHID);
    assert_eq!(notice.out_refund_no, out_refund_no.as_str());
    assert_eq!(notice.refund_id, created.refund_id);
    assert_eq!(notice.out_trade_no, out_trade_no.as_str());
    assert_eq!(notice.transaction_id, transaction_id);
    assert_eq!(notice.refund_status, RefundStatus::Success);
    assert!(notice.success_time.is_some());
    assert_eq!(notice.amount.total, Fen::new(300));
    assert_eq!(notice.amount.refund, Fen::new(120));
    assert_eq!(notice.amount.payer_total, Fen::new(300));
    assert_eq!(notice.amount.payer_refund, Fen::new(120));

    let refund = pay
        .refunds()
        .by_out_refund_no(&out_refund_no)
        .await
        .unwrap();
    assert_eq!(refund.status, RefundStatus::Success);
    assert_eq!(refund.refund_id, created.refund_id);
    assert_eq!(refund.success_time, notice.success_time);
    assert_eq!(refund.amount.refund, Fen::new(120));
    assert_eq!(refund.amount.payer_refund, Fen::new(120));
    let transaction = pay
        .transactions()
        .by_out_trade_no(&out_trade_no)
        .await
        .unwrap();
    assert_eq!(transaction.trade_state, TradeState::Refund);
    assert_eq!(
        transaction.transaction_id.as_deref(),
        Some(transaction_id.as_str())
    );

    // Both notifications were taken at once.
    assert_eq!(
        deliveries(&sim),
        [
            delivery("TRANSACTION.SUCCESS", 1, 204),
            delivery("REFUND.SUCCESS", 1, 204),
        ]
    );
}

/// A refund that fails at the bank (`ABNORMAL`) or is closed (`CLOSED`) reaches the route as its
/// own event; the query agrees; a closed refund's amount can be refunded again, an abnormal
/// one's cannot (it waits for the merchant).
#[tokio::test]
async fn abnormal_and_closed_refunds_reach_the_route_as_their_events() {
    let (sim, pay) = sandbox().await;
    let mut hook = Hook::accepting(pay.clone()).await;
    for (outcome, event_type, status) in [
        (
            RefundOutcome::Abnormal,
            "REFUND.ABNORMAL",
            RefundStatus::Abnormal,
        ),
        (RefundOutcome::Closed, "REFUND.CLOSED", RefundStatus::Closed),
    ] {
        let out_trade_no = OutTradeNo::new(format!("ORDER-{status}")).unwrap();
        paid_order(&sim, &pay, &mut hook, out_trade_no.as_str(), 300).await;
        let out_refund_no = OutRefundNo::new(format!("R-{status}")).unwrap();
        let request = RefundRequest::by_out_trade_no(
            out_trade_no.clone(),
            out_refund_no.clone(),
            Fen::new(300),
            Fen::new(300),
        )
        .notify_url(&hook.url);
        let created = pay.refunds().create(&request).await.unwrap();
        assert_eq!(created.status, RefundStatus::Processing);

        sim.finish_refund(MCHID, out_refund_no.as_str(), outcome)
            .await
            .unwrap();
        let notification = hook.next().await;
        assert_eq!(notification.event_type, event_type);
        let notice = match (outcome, notification.event) {
            (RefundOutcome::Abnormal, PayEvent::RefundAbnormal(notice))
            | (RefundOutcome::Closed, PayEvent::RefundClosed(notice)) => notice,
            (_, other) => panic!("{event_type}: {other:?}"),
        };
        assert_eq!(notice.out_refund_no, out_refund_no.as_str());
        assert_eq!(notice.refund_id, created.refund_id);
        assert_eq!(notice.refund_status, status);
        assert_eq!(notice.success_time, None);
        assert_eq!(notice.amount.refund, Fen::new(300));

        let refund = pay
            .refunds()
            .by_out_refund_no(&out_refund_no)
            .await
            .unwrap();
        assert_eq!(refund.status, status);
        assert_eq!(refund.success_time, None);

        let again = RefundRequest::by_out_trade_no(
            out_trade_no.clone(),
            OutRefundNo::new(format!("R2-{status}")).unwrap(),
            Fen::new(300),
            Fen::new(300),
        );
        let again = pay.refunds().create(&again).await;
        match outcome {
            RefundOutcome::Closed => {
                assert_eq!(again.unwrap().status, RefundStatus::Processing);
            }
            _ => {
                let err = again.unwrap_err();
                assert_eq!(err.pay_code(), Some("INVALID_REQUEST"), "{err:?}");
            }
        }
    }
    assert!(
        sim.pay_notifications()
            .iter()
            .all(|d| d.status == Some(204)),
        "{:?}",
        sim.pay_notifications()
    );
}

fn transfer(out_bill_no: &str, notify_url: &str) -> TransferRequest {
    TransferRequest::new(
        APPID,
        OutBillNo::new(out_bill_no).unwrap(),
        "1000",
        OPENID,
        Fen::new(400),
        "新会员开通有礼",
    )
    .user_name("张三")
    .user_recv_perception("现金奖励")
    .scene_report_infos(vec![
        SceneReportInfo::new("活动名称", "新会员有礼"),
        SceneReportInfo::new("奖励说明", "注册会员抽奖一等奖"),
    ])
    .notify_url(notify_url)
}

/// A transfer with the user's name: the name is encrypted under the public key (a client with
/// both keys) or the certificate (a client with the certificate only), named in
/// `Wechatpay-Serial` as the sandbox requires; `WAIT_USER_CONFIRM` until the user confirms, then
/// `MCHTRANSFER.BILL.FINISHED` with `SUCCESS` at the route, and both queries agree.
#[tokio::test]
async fn a_transfer_with_an_encrypted_name_is_confirmed_and_notified() {
    for (trust, mode, out_bill_no) in [
        (Trust::Both, PaySignMode::PublicKey, "TRANSFERPK0001"),
        (
            Trust::Certificate,
            PaySignMode::Certificate,
            "TRANSFERCERT0001",
        ),
    ] {
        let sim = simulator().await;
        sim.set_pay_sign_mode(mode);
        let pay = client(&sim, trust);
        let mut hook = Hook::accepting(pay.clone()).await;
        let platform = sim.pay_platform();
        let key = if trust == Trust::Both {
            &platform.public_key_id
        } else {
            &platform.certificate_serial
        };
        assert_eq!(pay.encryptor().await.unwrap().serial(), key.as_str());

        let request = transfer(out_bill_no, &hook.url);
        let created = pay.transfers().create(&request).await.unwrap();
        assert_eq!(created.state, TransferState::WaitUserConfirm, "{trust:?}");
        assert_eq!(created.out_bill_no, out_bill_no);
        assert!(created.package_info.is_some());
        let sent = sim
            .requests()
            .into_iter()
            .rfind(|r| r.path == TRANSFERS)
            .expect("the transfer was sent");
        let name = sent.json().unwrap()["user_name"]
            .as_str()
            .expect("user_name sent")
            .to_owned();
        assert_ne!(name, "张三");
        let ciphertext = base64::engine::general_purpose::STANDARD
            .decode(&name)
            .unwrap();
        assert_eq!(ciphertext.len(), 256, "RSA-2048 OAEP");
        hook.assert_idle();
        let bill = pay
            .transfers()
            .by_out_bill_no(&request.out_bill_no)
            .await
            .unwrap();
        assert_eq!(bill.state, TransferState::WaitUserConfirm);

        sim.confirm_transfer(MCHID, out_bill_no).await.unwrap();
        let notification = hook.next().await;
        assert_eq!(notification.event_type, "MCHTRANSFER.BILL.FINISHED");
        match (&notification.verified_by, mode) {
            (VerifiedBy::PublicKey { id }, PaySignMode::PublicKey) => {
                assert_eq!(id, &platform.public_key_id)
            }
            (VerifiedBy::Certificate { serial }, PaySignMode::Certificate) => {
                assert_eq!(serial, &platform.certificate_serial)
            }
            other => panic!("{other:?}"),
        }
        let PayEvent::TransferBillFinished(finished) = notification.event else {
            panic!("{:?}", notification.event)
        };
        assert_eq!(finished.state, TransferState::Success);
        assert_eq!(finished.mch_id, MCHID);
        assert_eq!(finished.out_bill_no, out_bill_no);
        assert_eq!(finished.transfer_bill_no, created.transfer_bill_no);
        assert_eq!(finished.transfer_amount, Fen::new(400));
        assert_eq!(finished.openid, OPENID);

        let bill = pay
            .transfers()
            .by_out_bill_no(&request.out_bill_no)
            .await
            .unwrap();
        assert_eq!(bill.state, TransferState::Success);
        assert_eq!(bill.transfer_bill_no, created.transfer_bill_no);
        assert_eq!(bill.transfer_amount, Fen::new(400));
        assert_eq!(bill.appid, APPID);
        assert_eq!(bill.update_time, finished.update_time);
        let by_number = pay
            .transfers()
            .by_transfer_bill_no(&created.transfer_bill_no)
            .await
            .unwrap();
        assert_eq!(by_number, bill);
        assert_eq!(
            deliveries(&sim),
            [delivery("MCHTRANSFER.BILL.FINISHED", 1, 204)]
        );
    }
}

/// What the sandbox checks of an encrypted name: a `Wechatpay-Serial` naming one of its keys.
/// The typed call above always sends it; a hand-made call without it, or naming another key, is
/// refused, and the same call naming the encryptor's key is taken.
#[tokio::test]
async fn an_encrypted_name_without_its_serial_is_refused_by_the_sandbox() {
    let (sim, pay) = sandbox().await;
    let encryptor = pay.encryptor().await.unwrap();
    let name = encryptor.encrypt("张三").unwrap();
    let body = serde_json::json!({
        "appid": APPID, "out_bill_no": "TRANSFERNOSERIAL", "transfer_scene_id": "1000",
        "openid": OPENID, "user_name": name, "transfer_amount": 400,
        "transfer_remark": "新会员开通有礼",
        "transfer_scene_report_infos": [{ "info_type": "活动名称", "info_content": "新会员有礼" }],
    });
    for serial in [None, Some("5157F09EFDC096DE15EBE81A47057A7232F1B8E2")] {
        let mut call = pay.request(Method::POST, TRANSFERS).json(&body);
        if let Some(serial) = serial {
            call = call.wechatpay_serial(serial);
        }
        let err = call.send().await.unwrap_err();
        assert_eq!(err.pay_code(), Some("PARAM_ERROR"), "{err:?}");
        assert!(err.to_string().contains("Wechatpay-Serial"), "{err}");
    }
    assert_eq!(sim.pay_transfer_state(MCHID, "TRANSFERNOSERIAL"), None);
    pay.request(Method::POST, TRANSFERS)
        .json(&body)
        .wechatpay_serial(encryptor.serial())
        .send()
        .await
        .unwrap();
    assert_eq!(
        sim.pay_transfer_state(MCHID, "TRANSFERNOSERIAL").as_deref(),
        Some("WAIT_USER_CONFIRM")
    );
}
