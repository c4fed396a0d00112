//! WeChat Pay notifications (支付通知, 退款结果通知, 商家转账回调通知…): verified, then
//! decrypted, then typed, in that order.
//!
//! [`PayClient::notification`] takes the headers and the exact body bytes WeChat Pay posted:
//!
//! 1. it verifies `Wechatpay-Signature` with the key `Wechatpay-Serial` names (a platform
//!    certificate, fetched once if the serial is new, or the WeChat Pay public key; both kinds
//!    are accepted while a merchant switches), refusing a `WECHATPAY/SIGNTEST/` probe and a
//!    timestamp more than 5 minutes off;
//! 2. only then reads the envelope and decrypts its AES-256-GCM `resource` with the APIv3 key;
//! 3. and types the resource by `event_type` ([`PayEvent`]).
//!
//! With the feature `pay-axum`, `route` is an axum route that does this and hands the
//! [`Notification`] to a handler. Receiving it another way, answer as WeChat Pay expects: a
//! 2xx (200 or 204, no body) once the notification is handled, and otherwise a 4xx or 5xx with
//! `{"code":"FAIL","message":"…"}`, after which WeChat Pay sends it again (15 s, 15 s, 30 s,
//! 3 min… over about a day). [`Rejection::of`] gives the answer the route gives for an error.
//!
//! **Handlers must be idempotent.** WeChat Pay resends a notification it believes failed and
//! may send one twice anyway: check the state of the order (by `out_trade_no` or
//! `transaction_id`, `out_refund_no`, `out_bill_no`) under a lock or in a transaction before
//! acting on it, and answer success for one already handled. Check the amount against the
//! order too.
//!
//! ```no_run
//! # async fn run(pay: wechat_runtime::pay::PayClient, headers: http::HeaderMap, body: Vec<u8>) {
//! use wechat_runtime::pay::notify::{PayEvent, Rejection};
//!
//! let (status, answer) = match pay.notification(&headers, &body).await {
//!     Ok(notification) => {
//!         if let PayEvent::TransactionSuccess(t) = notification.event {
//!             println!("order {} paid", t.out_trade_no); // mark it paid, once
//!         }
//!         (204, String::new())
//!     }
//!     Err(err) => {
//!         let rejection = Rejection::of(&err);
//!         (rejection.status, rejection.body())
//!     }
//! };
//! # }
//! ```

#[cfg(feature = "pay-axum")]
mod axum;
mod event;

use std::fmt;

use wechat_pay::SignatureHeaders;

#[cfg(feature = "pay-axum")]
pub use self::axum::{route, MAX_BODY_SIZE};
use self::event::Envelope;
pub use self::event::{Notification, PayEvent};
use super::PayClient;
use crate::error::{Error, Result};

impl PayClient {
    /// Verifies, decrypts and types a WeChat Pay notification: `headers` as received, `body`
    /// the exact bytes received (not re-serialized JSON).
    ///
    /// The signature is verified first, by [`PayClient::verify`] (so a new certificate serial
    /// fetches `/v3/certificates` once); nothing of the body is parsed before. Then the envelope is
    /// parsed and its resource decrypted with the APIv3 key, then typed by `event_type`.
    ///
    /// Errors are [`Error::Pay`]: a refused signature (a missing header, a
    /// `WECHATPAY/SIGNTEST/` probe, a stale timestamp, an unknown serial, a bad signature: see
    /// [`wechat_pay::Error::is_verification`]); [`wechat_pay::Error::Decrypt`] for a wrong APIv3
    /// key or a tampered resource; [`wechat_pay::Error::Decode`] for JSON that is not a
    /// notification. A failed certificate fetch is the transport's error. [`Rejection::of`]
    /// says how to answer each.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// # let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../wechat-pay/tests/fixtures/");
    /// # let read = |name: &str| std::fs::read(format!("{dir}{name}")).unwrap();
    /// use wechat_runtime::pay::{answer_message, ApiV3Key, MerchantConfig, PayClient, SigningKey};
    /// use wechat_runtime::pay::notify::PayEvent;
    ///
    /// let config = MerchantConfig::builder()
    ///     .mchid("1900000109")
    ///     .merchant_private_key_pem(read("merchant_key.pem"))
    ///     .merchant_certificate_pem(read("merchant_cert.pem"))
    ///     .api_v3_key("wechatpayTestApiV3Key0123456789a")
    ///     .wechatpay_public_key_pem("PUB_KEY_ID_0114232134912410000000000000", read("pubkey.pem"))
    ///     .build()?;
    /// let pay = PayClient::builder(config).build()?;
    ///
    /// // What WeChat Pay posts (here the test keys stand in for it).
    /// let key = ApiV3Key::new("wechatpayTestApiV3Key0123456789a")?;
    /// let resource = key.encrypt_resource("thing", "thing", "0123456789ab", br#"{"n":1}"#)?;
    /// let body = serde_json::json!({
    ///     "id": "EV-1", "create_time": "2025-01-01T12:00:00+08:00", "event_type": "SOMETHING.NEW",
    ///     "resource_type": "encrypt-resource", "summary": "new", "resource": resource,
    /// })
    /// .to_string();
    /// let timestamp = std::time::SystemTime::now()
    ///     .duration_since(std::time::UNIX_EPOCH)?.as_secs().to_string();
    /// let signature = SigningKey::from_pem(read("pubkey_key.pem"))?
    ///     .sign(&answer_message(&timestamp, "nonce", body.as_bytes()))?;
    /// let mut headers = http::HeaderMap::new();
    /// headers.insert("Wechatpay-Timestamp", timestamp.parse()?);
    /// headers.insert("Wechatpay-Nonce", "nonce".parse()?);
    /// headers.insert("Wechatpay-Signature", signature.parse()?);
    /// headers.insert("Wechatpay-Serial", "PUB_KEY_ID_0114232134912410000000000000".parse()?);
    ///
    /// let notification = pay.notification(&headers, body.as_bytes()).await?;
    /// assert_eq!(notification.id, "EV-1");
    /// let PayEvent::Unknown { resource, .. } = notification.event else { panic!() };
    /// assert_eq!(resource["n"], 1);
    ///
    /// // One byte changed: refused before anything is decrypted.
    /// let forged = body.replace("EV-1", "EV-2");
    /// let err = pay.notification(&headers, forged.as_bytes()).await.unwrap_err();
    /// assert!(matches!(err, wechat_runtime::Error::Pay(e) if e.is_verification()));
    /// # Ok(()) }
    /// ```
    pub async fn notification(
        &self,
        headers: &http::HeaderMap,
        body: &[u8],
    ) -> Result<Notification> {
        let signature = SignatureHeaders::from_header_map(headers)?;
        let verified_by = self.verify(&signature, body).await?;
        let envelope = Envelope::parse(body)?;
        let plaintext = self
            .config()
            .api_v3_key()
            .decrypt_resource(&envelope.resource)?;
        let event = PayEvent::parse(
            &envelope.event_type,
            envelope.resource.original_type,
            &plaintext,
        )?;
        tracing::debug!(
            id = %envelope.id,
            event_type = %envelope.event_type,
            serial = verified_by.serial(),
            "WeChat Pay notification verified and decrypted"
        );
        Ok(Notification {
            id: envelope.id,
            create_time: envelope.create_time,
            event_type: envelope.event_type,
            resource_type: envelope.resource_type,
            summary: envelope.summary,
            verified_by,
            event,
        })
    }
}

/// How to answer a notification that failed: the HTTP status and WeChat Pay's
/// `{"code":"FAIL","message":"…"}` body. Any 4xx or 5xx makes WeChat Pay send the
/// notification again later.
///
/// | error | status | message |
/// |---|---|---|
/// | a missing or malformed `Wechatpay-*` header | 401 | `missing or malformed signature headers` |
/// | a `WECHATPAY/SIGNTEST/` probe, a bad signature | 401 | `signature verification failed` |
/// | a timestamp more than 5 minutes off | 401 | `timestamp out of range` |
/// | a serial naming no known key | 401 | `unknown Wechatpay-Serial` |
/// | a wrong APIv3 key, a tampered resource | 400 | `cannot decrypt the resource` |
/// | JSON that is not a notification | 400 | `malformed notification` |
/// | anything else (a failed certificate fetch) | 500 | `internal error` |
///
/// The messages are fixed: nothing of the request, and no key, is echoed.
///
/// ```
/// use wechat_runtime::pay::notify::Rejection;
///
/// let err = wechat_runtime::Error::Pay(wechat_runtime::pay::Error::SignatureProbe);
/// let rejection = Rejection::of(&err);
/// assert_eq!(rejection.status, 401);
/// assert_eq!(rejection.body(), r#"{"code":"FAIL","message":"signature verification failed"}"#);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Rejection {
    /// The HTTP status.
    pub status: u16,
    /// The `message` (at most 64 characters, as WeChat Pay allows).
    pub message: &'static str,
}

impl Rejection {
    /// The answer to a notification that `err` refused (see the table above).
    ///
    /// ```
    /// use wechat_runtime::pay::notify::Rejection;
    ///
    /// let err = wechat_runtime::Error::Pay(wechat_runtime::pay::Error::Decrypt);
    /// assert_eq!(Rejection::of(&err).status, 400);
    /// ```
    pub fn of(err: &Error) -> Rejection {
        use wechat_pay::Error as Pay;
        let (status, message) = match err {
            Error::Pay(Pay::MissingHeader { .. } | Pay::InvalidHeader { .. }) => {
                (401, "missing or malformed signature headers")
            }
            Error::Pay(Pay::StaleTimestamp { .. }) => (401, "timestamp out of range"),
            Error::Pay(Pay::UnknownSerial { .. }) => (401, "unknown Wechatpay-Serial"),
            Error::Pay(e) if e.is_verification() => (401, "signature verification failed"),
            Error::Pay(
                Pay::Decrypt | Pay::UnsupportedAlgorithm { .. } | Pay::InvalidNonce { .. },
            ) => (400, "cannot decrypt the resource"),
            Error::Pay(Pay::Decode { .. }) | Error::Decode { .. } => {
                (400, "malformed notification")
            }
            _ => (500, "internal error"),
        };
        Rejection { status, message }
    }

    /// A rejection with a status and message of the caller's choice (the route's answer to a
    /// handler that failed is `Rejection::new(500, "handler failed")`).
    ///
    /// ```
    /// let r = wechat_runtime::pay::notify::Rejection::new(503, "try later");
    /// assert_eq!(r.body(), r#"{"code":"FAIL","message":"try later"}"#);
    /// ```
    pub fn new(status: u16, message: &'static str) -> Rejection {
        Rejection { status, message }
    }

    /// The JSON body: `{"code":"FAIL","message":"…"}`.
    ///
    /// ```
    /// let r = wechat_runtime::pay::notify::Rejection::new(500, "handler failed");
    /// let body: serde_json::Value = serde_json::from_str(&r.body()).unwrap();
    /// assert_eq!(body["code"], "FAIL");
    /// ```
    pub fn body(&self) -> String {
        serde_json::json!({ "code": "FAIL", "message": self.message }).to_string()
    }
}

impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.status, self.message)
    }
}
