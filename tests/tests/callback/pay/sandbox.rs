//! End to end with the simulator's Pay sandbox: a prepay through the signed client, the user
//! "pays" through the control API, and the sandbox's signed, encrypted `TRANSACTION.SUCCESS`
//! reaches the route; a refused delivery is retried by the sandbox.

use wechat_runtime::pay::notify::PayEvent;
use wechat_runtime::pay::{MerchantConfig, PayClient, VerifiedBy};
use wechat_runtime::Method;
use wechat_simulator::{PayMerchant, PaySignMode, Simulator};

use super::route::serve;
use super::{fixture, API_V3_KEY};

const MCHID: &str = "1900000109";

async fn sandbox() -> (Simulator, PayClient) {
    let sim = Simulator::start().await.unwrap();
    sim.add_pay_merchant(
        PayMerchant::new(MCHID, fixture("merchant_cert.pem"), API_V3_KEY).unwrap(),
    )
    .unwrap();
    sim.set_pay_duplicate_rate(0.0);
    let platform = sim.pay_platform();
    let config = MerchantConfig::builder()
        .mchid(MCHID)
        .merchant_private_key_pem(fixture("merchant_key.pem"))
        .merchant_certificate_pem(fixture("merchant_cert.pem"))
        .api_v3_key(API_V3_KEY)
        .platform_certificate_pem(platform.certificate_pem.as_bytes())
        .wechatpay_public_key_pem(&platform.public_key_id, platform.public_key_pem.as_bytes())
        .build()
        .unwrap();
    let pay = PayClient::builder(config)
        .base_url(sim.pay_base_url())
        .no_backup()
        .build()
        .unwrap();
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
