//! Notifications to the merchant's `notify_url`: the resource encrypted with its APIv3 key, the
//! body signed like an answer; retried on WeChat Pay's schedule in simulated time (when
//! `advance_clock` passes a retry's time); now and then sent twice.

use std::time::Duration;

use rand::Rng;
use serde_json::{json, Value};
use wechat_pay::{
    AUTHORIZATION_SCHEME, HEADER_NONCE, HEADER_REQUEST_ID, HEADER_SERIAL, HEADER_SIGNATURE,
    HEADER_SIGNATURE_TYPE, HEADER_TIMESTAMP,
};

use super::keys;
use crate::{
    push::PUSH_TIMEOUT,
    state::{
        pay::{
            time, Merchant, Notice, PayNotificationOutcome, RefundOutcome, PAYMENT_RETRIES,
            TRANSFER_RETRIES,
        },
        AppState,
    },
};

/// A kind of notification.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Event {
    pub(crate) event_type: &'static str,
    summary: &'static str,
    original_type: &'static str,
    associated_data: &'static str,
    schedule: &'static [u64],
}

/// A payment succeeded.
pub(crate) const TRANSACTION_SUCCESS: Event = Event {
    event_type: "TRANSACTION.SUCCESS",
    summary: "支付成功",
    original_type: "transaction",
    associated_data: "transaction",
    schedule: &PAYMENT_RETRIES,
};

/// A transfer bill reached its final state.
pub(crate) const TRANSFER_FINISHED: Event = Event {
    event_type: "MCHTRANSFER.BILL.FINISHED",
    summary: "商家转账单据终态通知",
    original_type: "mch_payment",
    // WeChat Pay's own example leaves it empty.
    associated_data: "",
    schedule: &TRANSFER_RETRIES,
};

/// A refund ended.
pub(crate) fn refund_event(outcome: RefundOutcome) -> Event {
    let (event_type, summary) = match outcome {
        RefundOutcome::Success => ("REFUND.SUCCESS", "退款成功"),
        RefundOutcome::Abnormal => ("REFUND.ABNORMAL", "退款异常"),
        RefundOutcome::Closed => ("REFUND.CLOSED", "退款关闭"),
    };
    Event {
        event_type,
        summary,
        original_type: "refund",
        associated_data: "refund",
        schedule: &PAYMENT_RETRIES,
    }
}

/// The client notifications are posted with: no proxy, and [`PUSH_TIMEOUT`] as the deadline of
/// each delivery.
pub(crate) fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .no_proxy()
        .timeout(PUSH_TIMEOUT)
        .build()
        // Only fails when the TLS backend cannot start; nothing could be pushed then.
        .expect("an HTTP client for Pay notifications")
}

/// A notification of `event` for `merchant`, its resource being `plaintext`.
pub(crate) fn notice(
    merchant: &Merchant,
    event: Event,
    url: String,
    plaintext: &Value,
    now: i64,
) -> Notice {
    let nonce = crate::tokens::random_string(12);
    let resource = merchant
        .api_v3_key
        .encrypt_resource(
            event.original_type,
            event.associated_data,
            &nonce,
            plaintext.to_string().as_bytes(),
        )
        // The nonce is 12 bytes, as AES-GCM wants: sealing cannot fail.
        .expect("AES-256-GCM sealing");
    let id = format!(
        "{}-{}-{}-{}-{}",
        time::hex(8),
        time::hex(4),
        time::hex(4),
        time::hex(4),
        time::hex(12)
    );
    let body = json!({
        "id": id,
        "create_time": time::rfc3339(now),
        "resource_type": "encrypt-resource",
        "event_type": event.event_type,
        "summary": event.summary,
        "resource": resource,
    });
    Notice {
        mchid: merchant.mchid.clone(),
        id,
        event_type: event.event_type.to_owned(),
        url,
        body: body.to_string(),
        schedule: event.schedule,
        attempts: 0,
        due: Duration::ZERO,
    }
}

/// The first delivery of a notification: then maybe a duplicate, or a retry later.
pub(crate) async fn deliver(state: &AppState, notice: Notice) {
    let offset = state.lock().tokens.offset();
    after_attempt(state, notice, offset).await;
}

/// Delivers every retry that the simulated clock has passed, each at its turn: a failed retry
/// is queued again after its delay, counted from when it was due, so a long advance of the clock
/// makes every retry WeChat Pay would have made meanwhile.
pub(crate) async fn run_due(state: &AppState) {
    loop {
        let next = {
            let mut inner = state.lock();
            let offset = inner.tokens.offset();
            inner.pay.take_due(offset)
        };
        let Some(notice) = next else { return };
        let due = notice.due;
        after_attempt(state, notice, due).await;
    }
}

/// Delivers `notice` once; on success maybe sends a duplicate, on failure queues the next retry
/// (counted from `from`) while the schedule lasts.
async fn after_attempt(state: &AppState, mut notice: Notice, from: Duration) {
    notice.attempts += 1;
    if attempt(state, &notice, false).await {
        let rate = state.lock().pay.duplicate_rate;
        if rate > 0.0 && rand::thread_rng().gen_bool(rate.min(1.0)) {
            attempt(state, &notice, true).await;
        }
        return;
    }
    let Some(delay) = notice.schedule.get(notice.attempts as usize - 1) else {
        return;
    };
    notice.due = from + Duration::from_secs(*delay);
    state.lock().pay.schedule(notice);
}

/// Posts the notification, signed now; records and returns whether it was taken (HTTP 2xx).
async fn attempt(state: &AppState, notice: &Notice, duplicate: bool) -> bool {
    let (http, mode) = {
        let inner = state.lock();
        (inner.pay.http.clone(), inner.pay.sign_mode)
    };
    let result = match http {
        None => Err("the simulator is not running".to_owned()),
        Some(http) => {
            let signed = keys::platform().sign(mode, notice.body.as_bytes());
            http.post(&notice.url)
                .header("content-type", "application/json")
                .header(HEADER_TIMESTAMP, signed.timestamp)
                .header(HEADER_NONCE, signed.nonce)
                .header(HEADER_SIGNATURE, signed.signature)
                .header(HEADER_SERIAL, signed.serial)
                .header(HEADER_SIGNATURE_TYPE, AUTHORIZATION_SCHEME)
                .header(HEADER_REQUEST_ID, keys::request_id())
                .body(notice.body.clone())
                .send()
                .await
                .map(|response| response.status().as_u16())
                .map_err(|e| e.without_url().to_string())
        }
    };
    let outcome = PayNotificationOutcome {
        mchid: notice.mchid.clone(),
        id: notice.id.clone(),
        event_type: notice.event_type.clone(),
        url: notice.url.clone(),
        attempt: notice.attempts,
        duplicate,
        status: result.as_ref().ok().copied(),
        error: result.err(),
    };
    let delivered = outcome.delivered();
    state.lock().pay.record(outcome);
    delivered
}
