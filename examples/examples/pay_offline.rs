//! A whole WeChat Pay v3 payment, offline, against the simulator's Pay sandbox: a JSAPI prepay
//! and the front end's `paySign`, the user "pays", the signed and encrypted `TRANSACTION.SUCCESS`
//! notification reaches this program's route, the order is queried, then refunded, and the
//! `REFUND.SUCCESS` notification arrives too.
//!
//! ```text
//! cargo run -p wechat-examples --example pay_offline
//! ```
//!
//! The merchant's keys are the throwaway test keys of `wechat-pay/tests/fixtures`; a real
//! merchant reads `apiclient_key.pem` and `apiclient_cert.pem`, its APIv3 key and the WeChat Pay
//! public key from its own safe place, and drops `base_url`.

use std::collections::HashSet;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::mpsc;
use wechat_runtime::pay::notify::{route, Notification, PayEvent};
use wechat_runtime::pay::refunds::RefundRequest;
use wechat_runtime::pay::transactions::{JsapiOrder, PrepayOrder};
use wechat_runtime::pay::{Fen, MerchantConfig, OutRefundNo, OutTradeNo, PayClient};
use wechat_runtime::simulator::{PayMerchant, RefundOutcome, Simulator};

const MCHID: &str = "1900000109";
const APPID: &str = "wxd678efh567hg6787";
const OPENID: &str = "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o";
/// Test keys only: public, so they protect nothing.
const MERCHANT_KEY: &str = include_str!("../../wechat-pay/tests/fixtures/merchant_key.pem");
const MERCHANT_CERT: &str = include_str!("../../wechat-pay/tests/fixtures/merchant_cert.pem");
const API_V3_KEY: &str = "wechatpayTestApiV3Key0123456789a";

/// How long the example waits for a notification before it gives up.
const NOTIFICATION_DEADLINE: Duration = Duration::from_secs(10);

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    wechat_examples::init_logs();

    // The sandbox, with the merchant registered as it would be on the merchant platform.
    let sim = Simulator::start().await?;
    sim.add_pay_merchant(PayMerchant::new(MCHID, MERCHANT_CERT, API_V3_KEY)?)?;
    let platform = sim.pay_platform();

    // The merchant's client: its key and certificate, its APIv3 key, and WeChat Pay's public key
    // to verify answers and notifications with. All checked here, not at the first payment.
    let config = MerchantConfig::builder()
        .mchid(MCHID)
        .merchant_private_key_pem(MERCHANT_KEY)
        .merchant_certificate_pem(MERCHANT_CERT)
        .api_v3_key(API_V3_KEY)
        .wechatpay_public_key_pem(&platform.public_key_id, &platform.public_key_pem)
        .build()?;
    let pay = PayClient::builder(config)
        .base_url(sim.pay_base_url())
        .build()?;

    // The notification route. WeChat Pay may send a notification twice: the handler acts once
    // per notification id (a real one keys by transaction_id or out_refund_no in its database).
    let (events, mut received) = mpsc::channel::<Notification>(8);
    let seen = Arc::new(Mutex::new(HashSet::new()));
    let app = axum::Router::new().route(
        "/pay/notify",
        route(pay.clone(), move |notification: Notification| {
            let (events, seen) = (events.clone(), seen.clone());
            async move {
                if seen.lock().unwrap().insert(notification.id.clone()) {
                    events
                        .send(notification)
                        .await
                        .map_err(|_| "the example has ended")?;
                }
                Ok::<(), &'static str>(())
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let notify_url = format!("http://{}/pay/notify", listener.local_addr()?);
    tokio::spawn(async move { axum::serve(listener, app).await });

    // 1. Prepay (JSAPI / Mini Program), and what the front end passes to wx.requestPayment.
    let out_trade_no = OutTradeNo::new("ORDER20261127000001")?;
    let order = PrepayOrder::new(
        APPID,
        "Image形象店-深圳腾大-QQ公仔",
        out_trade_no.clone(),
        &notify_url,
        Fen::from_yuan_str("9.90")?,
    );
    let prepay_id = pay
        .transactions()
        .jsapi(&JsapiOrder::new(order, OPENID))
        .await?;
    let params = pay.jsapi_params(APPID, &prepay_id)?;
    println!(
        "prepay: {prepay_id}; wx.requestPayment package={}",
        params.package
    );

    // 2. The user pays (the sandbox's control API stands in for the WeChat app).
    let transaction_id = sim
        .pay_transaction(MCHID, out_trade_no.as_str(), Some(OPENID))
        .await?;

    // 3. The notification arrives, verified and decrypted.
    let notification = next(&mut received).await?;
    let PayEvent::TransactionSuccess(paid) = &notification.event else {
        return Err(format!(
            "expected TRANSACTION.SUCCESS, got {}",
            notification.event_type
        )
        .into());
    };
    println!(
        "notification {}: {} paid {} fen (transaction {})",
        notification.event_type,
        paid.out_trade_no,
        paid.amount.as_ref().map_or(0, |a| a.total.get()),
        transaction_id
    );

    // 4. Query the order.
    let order = pay.transactions().by_out_trade_no(&out_trade_no).await?;
    println!("query: {} is {:?}", order.out_trade_no, order.trade_state);

    // 5. Refund part of it; the sandbox completes the refund, and its notification arrives.
    let out_refund_no = OutRefundNo::new("REFUND20261127000001")?;
    let refund = pay
        .refunds()
        .create(
            &RefundRequest::by_out_trade_no(
                out_trade_no.clone(),
                out_refund_no.clone(),
                Fen::new(300),
                Fen::new(990),
            )
            .reason("one item out of stock")
            .notify_url(&notify_url),
        )
        .await?;
    println!("refund {}: {:?}", refund.out_refund_no, refund.status);
    sim.finish_refund(MCHID, out_refund_no.as_str(), RefundOutcome::Success)
        .await?;
    let notification = next(&mut received).await?;
    let PayEvent::RefundSuccess(refunded) = &notification.event else {
        return Err(format!("expected REFUND.SUCCESS, got {}", notification.event_type).into());
    };
    println!(
        "notification {}: {} refunded {} fen",
        notification.event_type,
        refunded.out_refund_no,
        refunded.amount.refund.get()
    );
    println!("done: prepay, payment, notification, query, refund");
    Ok(())
}

/// The next notification the route received, within the deadline.
async fn next(
    received: &mut mpsc::Receiver<Notification>,
) -> Result<Notification, Box<dyn std::error::Error>> {
    tokio::time::timeout(NOTIFICATION_DEADLINE, received.recv())
        .await
        .map_err(|_| "no notification within the deadline")?
        .ok_or_else(|| "the route has stopped".into())
}
