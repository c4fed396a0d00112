//! What a verified, decrypted notification hands the user: [`Notification`] and its typed
//! [`PayEvent`]; and how the envelope and the resource are read.

use serde::de::DeserializeOwned;
use serde::Deserialize;
use wechat_pay::{EncryptedResource, VerifiedBy};

use crate::error::{Error, Result};
use crate::pay::refunds::RefundNotice;
use crate::pay::transactions::Transaction;
use crate::pay::transfers::TransferBill;

/// A WeChat Pay notification whose signature was verified and whose resource was decrypted
/// with the APIv3 key: what [`PayClient::notification`](crate::pay::PayClient::notification)
/// returns and the axum `route` (feature `pay-axum`) hands its handler.
///
/// The envelope's fields are kept as WeChat Pay sent them; [`event`](Self::event) is the
/// decrypted resource, typed by `event_type`. The same notification may arrive more than once
/// (WeChat Pay resends until it gets a 2xx, and sometimes after): handle it idempotently, keyed
/// by the business number (`out_trade_no`, `out_refund_no`, `out_bill_no`), not by [`id`](Self::id).
///
/// `Debug` shows the decrypted data (the merchant's own), never a key.
///
/// ```
/// # async fn run(pay: wechat_runtime::pay::PayClient, headers: http::HeaderMap, body: bytes::Bytes) -> wechat_runtime::Result<()> {
/// use wechat_runtime::pay::notify::PayEvent;
///
/// let notification = pay.notification(&headers, &body).await?;
/// println!("{} {} ({})", notification.id, notification.event_type, notification.summary);
/// if let PayEvent::TransactionSuccess(transaction) = &notification.event {
///     println!("paid: {}", transaction.out_trade_no);
/// }
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Notification {
    /// The notification's id (`EV-…` or a UUID): one per notification, kept across resends.
    pub id: String,
    /// When WeChat Pay created it (RFC 3339, such as `2015-05-20T13:29:35+08:00`).
    pub create_time: String,
    /// Its type, such as `TRANSACTION.SUCCESS`: the typed [`event`](Self::event) follows it.
    pub event_type: String,
    /// The type of its resource: `encrypt-resource`.
    pub resource_type: String,
    /// WeChat Pay's summary in words, such as `支付成功`.
    pub summary: String,
    /// The key that verified its signature: a platform certificate or the WeChat Pay public key.
    pub verified_by: VerifiedBy,
    /// The decrypted resource, typed.
    pub event: PayEvent,
}

/// The decrypted resource of a [`Notification`], by its `event_type`.
///
/// An event type this version does not type (or one WeChat Pay adds later) arrives as
/// [`PayEvent::Unknown`] with the decrypted JSON.
///
/// ```
/// use wechat_runtime::pay::notify::PayEvent;
///
/// fn describe(event: &PayEvent) -> String {
///     match event {
///         PayEvent::TransactionSuccess(t) => format!("order {} paid", t.out_trade_no),
///         PayEvent::RefundSuccess(r) => format!("refund {} done", r.out_refund_no),
///         PayEvent::RefundAbnormal(r) | PayEvent::RefundClosed(r) => {
///             format!("refund {} failed", r.out_refund_no)
///         }
///         PayEvent::TransferBillFinished(bill) => format!("transfer {} finished", bill.out_bill_no),
///         PayEvent::Unknown { event_type, .. } => format!("{event_type}: not typed"),
///         _ => "newer than this code".to_owned(),
///     }
/// }
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum PayEvent {
    /// `TRANSACTION.SUCCESS`: a payment succeeded (resource `transaction`).
    TransactionSuccess(Box<Transaction>),
    /// `REFUND.SUCCESS`: a refund reached the user (resource `refund`).
    RefundSuccess(Box<RefundNotice>),
    /// `REFUND.ABNORMAL`: a refund could not be credited (the user's card was closed, for
    /// example); it needs the merchant's action.
    RefundAbnormal(Box<RefundNotice>),
    /// `REFUND.CLOSED`: a refund was closed without being made.
    RefundClosed(Box<RefundNotice>),
    /// `MCHTRANSFER.BILL.FINISHED`: a merchant transfer bill reached a final state
    /// (`SUCCESS`, `FAIL` or `CANCELLED`; resource `mch_payment`).
    TransferBillFinished(Box<TransferBill>),
    /// Any other event type, with its decrypted resource as JSON.
    Unknown {
        /// The notification's `event_type`.
        event_type: String,
        /// The resource's `original_type`, when given.
        original_type: Option<String>,
        /// The decrypted resource.
        resource: serde_json::Value,
    },
}

impl PayEvent {
    /// Types a decrypted resource by the notification's `event_type`.
    pub(super) fn parse(
        event_type: &str,
        original_type: Option<String>,
        plaintext: &[u8],
    ) -> Result<PayEvent> {
        Ok(match event_type {
            "TRANSACTION.SUCCESS" => PayEvent::TransactionSuccess(typed(event_type, plaintext)?),
            "REFUND.SUCCESS" => PayEvent::RefundSuccess(typed(event_type, plaintext)?),
            "REFUND.ABNORMAL" => PayEvent::RefundAbnormal(typed(event_type, plaintext)?),
            "REFUND.CLOSED" => PayEvent::RefundClosed(typed(event_type, plaintext)?),
            "MCHTRANSFER.BILL.FINISHED" => {
                PayEvent::TransferBillFinished(typed(event_type, plaintext)?)
            }
            _ => PayEvent::Unknown {
                event_type: event_type.to_owned(),
                original_type,
                resource: typed::<serde_json::Value>(event_type, plaintext).map(|v| *v)?,
            },
        })
    }
}

/// The envelope WeChat Pay posts: everything but the resource is in clear.
#[derive(Deserialize)]
pub(super) struct Envelope {
    pub(super) id: String,
    pub(super) create_time: String,
    pub(super) event_type: String,
    #[serde(default)]
    pub(super) resource_type: String,
    pub(super) resource: EncryptedResource,
    #[serde(default)]
    pub(super) summary: String,
}

impl Envelope {
    pub(super) fn parse(body: &[u8]) -> Result<Envelope> {
        serde_json::from_slice(body).map_err(|e| decode_error("the notification", &e))
    }
}

fn typed<T: DeserializeOwned>(event_type: &str, plaintext: &[u8]) -> Result<Box<T>> {
    serde_json::from_slice(plaintext).map_err(|e| {
        let what = match event_type {
            "TRANSACTION.SUCCESS" => "the notification's transaction",
            "REFUND.SUCCESS" | "REFUND.ABNORMAL" | "REFUND.CLOSED" => "the notification's refund",
            "MCHTRANSFER.BILL.FINISHED" => "the notification's transfer bill",
            _ => "the notification's resource",
        };
        decode_error(what, &e)
    })
}

/// A JSON error as [`wechat_pay::Error::Decode`], with the values serde quotes masked: they
/// come from the body, which a stranger may have written.
fn decode_error(what: &'static str, e: &serde_json::Error) -> Error {
    let mut reason = String::new();
    let mut inside = false;
    for c in e.to_string().chars() {
        match (c, inside) {
            ('"', false) => {
                reason.push('"');
                inside = true;
            }
            ('"', true) => {
                reason.push_str("…\"");
                inside = false;
            }
            (c, false) => reason.push(c),
            (_, true) => {}
        }
    }
    Error::Pay(wechat_pay::Error::Decode { what, reason })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_errors_mask_quoted_values() {
        let e = serde_json::from_str::<u32>(r#""secret-ish""#).unwrap_err();
        let err = decode_error("x", &e).to_string();
        assert!(!err.contains("secret-ish"), "{err}");
        assert!(err.contains("\"…\""), "{err}");
    }

    #[test]
    fn unknown_event_keeps_the_json() {
        let event = PayEvent::parse("SOMETHING.NEW", Some("thing".into()), br#"{"a":1}"#).unwrap();
        assert_eq!(
            event,
            PayEvent::Unknown {
                event_type: "SOMETHING.NEW".into(),
                original_type: Some("thing".into()),
                resource: serde_json::json!({"a": 1}),
            }
        );
        assert!(PayEvent::parse("SOMETHING.NEW", None, b"not json").is_err());
    }
}
