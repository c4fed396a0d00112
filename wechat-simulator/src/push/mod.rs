//! Callbacks the simulator pushes to an application, as WeChat does: user messages and events
//! to an account's server URL, verify tickets and authorization events to a component's.
//!
//! A push is signed like WeChat's (`signature`, `timestamp`, `nonce` in the query) and, for a
//! target in safe mode, encrypted (`encrypt_type=aes`, `msg_signature`, an `<Encrypt>` body).
//! Component notifications are always encrypted, as WeChat requires.

mod crypt;
mod message;
mod work;
mod xml;

use std::{fmt, time::Duration};

use rand::Rng;

pub(crate) use message::ComponentNotice;
pub use message::{ComponentPush, Push};
pub use work::WorkPush;

/// How long WeChat waits for an answer before it gives up on a push.
pub const PUSH_TIMEOUT: Duration = Duration::from_secs(5);

/// Where an account or a component receives its callbacks, and the secrets they are signed
/// and encrypted with (the 服务器配置 of the account, or the 授权事件接收URL of a component).
///
/// ```
/// use wechat_simulator::CallbackTarget;
///
/// let plain = CallbackTarget::plaintext("http://127.0.0.1:3000/wechat", "token");
/// let safe = CallbackTarget::safe(
///     "http://127.0.0.1:3000/wechat",
///     "token",
///     "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG",
/// )?;
/// // Neither secret is shown.
/// assert!(!format!("{safe:?}").contains("abcdefghij"));
/// # Ok::<(), wechat_simulator::PushError>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct CallbackTarget {
    pub(crate) url: String,
    pub(crate) token: String,
    pub(crate) key: Option<[u8; 32]>,
}

impl fmt::Debug for CallbackTarget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CallbackTarget")
            .field("url", &self.url)
            .field("encrypted", &self.key.is_some())
            .finish_non_exhaustive()
    }
}

impl CallbackTarget {
    /// A target in plaintext mode (明文模式): pushes are signed, not encrypted.
    pub fn plaintext(url: impl Into<String>, token: impl Into<String>) -> Self {
        CallbackTarget {
            url: url.into(),
            token: token.into(),
            key: None,
        }
    }

    /// A target in safe mode (安全模式): pushes are signed and encrypted with the
    /// EncodingAESKey (43 characters).
    ///
    /// # Errors
    ///
    /// [`PushError::InvalidKey`] when the key is not 43 base64 characters.
    pub fn safe(
        url: impl Into<String>,
        token: impl Into<String>,
        encoding_aes_key: &str,
    ) -> Result<Self, PushError> {
        let key = crypt::decode_key(encoding_aes_key).ok_or(PushError::InvalidKey)?;
        Ok(CallbackTarget {
            url: url.into(),
            token: token.into(),
            key: Some(key),
        })
    }

    /// The URL pushes go to.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Whether pushes are encrypted.
    pub fn is_encrypted(&self) -> bool {
        self.key.is_some()
    }
}

/// What the application answered to a push.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Delivery {
    /// The HTTP status of the answer.
    pub status: u16,
    /// The body of the answer: `success`, an empty string, or a passive reply (encrypted in safe
    /// mode).
    pub body: String,
}

/// A push the simulator sent, and how it went.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct PushRecord {
    /// The account or component it was pushed to.
    pub appid: String,
    /// The XML pushed, before encryption.
    pub xml: String,
    /// The answer, or why there was none.
    pub outcome: Result<Delivery, PushError>,
}

/// Why a push was not delivered.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum PushError {
    /// No callback target is registered for this appid.
    NoTarget(String),
    /// The EncodingAESKey is not 43 base64 characters.
    InvalidKey,
    /// A component's notifications and WeCom's callbacks need a target in safe mode; they are
    /// only ever sent encrypted.
    NotEncrypted(String),
    /// The application could not be reached, or did not answer within [`PUSH_TIMEOUT`].
    Unreachable(String),
}

impl fmt::Display for PushError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PushError::NoTarget(appid) => write!(
                f,
                "no callback target for {appid}: register one (Simulator::set_callback, or POST /__sim/callbacks)"
            ),
            PushError::InvalidKey => f.write_str("the EncodingAESKey must be 43 base64 characters"),
            PushError::NotEncrypted(appid) => write!(
                f,
                "{appid} takes encrypted callbacks only: give it a target in safe mode \
                 (CallbackTarget::safe)"
            ),
            PushError::Unreachable(reason) => write!(f, "the push was not answered: {reason}"),
        }
    }
}

impl std::error::Error for PushError {}

/// Sends pushes over HTTP.
#[derive(Debug, Clone)]
pub(crate) struct Pusher {
    http: reqwest::Client,
}

impl Pusher {
    pub(crate) fn new() -> Self {
        let http = reqwest::Client::builder()
            .no_proxy()
            .timeout(PUSH_TIMEOUT)
            .build()
            // Only fails when the TLS backend cannot start; nothing to push with then.
            .expect("an HTTP client for pushes");
        Pusher { http }
    }

    /// Signs, encrypts when the target asks for it, and posts `xml` to `target`.
    ///
    /// `receiver` is the appid the ciphertext is for and `to` the `<ToUserName>` (or `<AppId>`
    /// for a component) of the envelope; `openid` goes in the query of a user's push.
    pub(crate) async fn send(
        &self,
        target: &CallbackTarget,
        envelope: Envelope<'_>,
        xml: &str,
    ) -> Result<Delivery, PushError> {
        let timestamp = crate::clock::unix_now().to_string();
        let nonce = rand::thread_rng()
            .gen_range(100_000_000u64..10_000_000_000)
            .to_string();
        let signature = crypt::sign(&[&target.token, &timestamp, &nonce]);
        let mut query = vec![
            ("signature", signature),
            ("timestamp", timestamp.clone()),
            ("nonce", nonce.clone()),
        ];
        if let Some(openid) = envelope.openid {
            query.push(("openid", openid.to_owned()));
        }
        let body = match &target.key {
            None => xml.to_owned(),
            Some(key) => {
                let encrypted = crypt::encrypt(key, xml, envelope.receiver);
                let msg_signature = crypt::sign(&[&target.token, &timestamp, &nonce, &encrypted]);
                query.push(("encrypt_type", "aes".to_owned()));
                query.push(("msg_signature", msg_signature));
                xml::document(&[
                    (envelope.to_field, xml::Field::Text(envelope.to)),
                    ("Encrypt", xml::Field::Text(&encrypted)),
                ])
            }
        };
        let response = self
            .http
            .post(&target.url)
            .query(&query)
            .header("content-type", "text/xml")
            .body(body)
            .send()
            .await
            .map_err(|e| PushError::Unreachable(e.without_url().to_string()))?;
        let status = response.status().as_u16();
        let body = response
            .text()
            .await
            .map_err(|e| PushError::Unreachable(e.without_url().to_string()))?;
        Ok(Delivery { status, body })
    }
}

/// Who a push is for, as its envelope and query say.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Envelope<'a> {
    /// The appid the ciphertext is for.
    pub(crate) receiver: &'a str,
    /// The envelope's first element: `ToUserName` for an account, `AppId` for a component.
    pub(crate) to_field: &'a str,
    pub(crate) to: &'a str,
    pub(crate) openid: Option<&'a str>,
}
