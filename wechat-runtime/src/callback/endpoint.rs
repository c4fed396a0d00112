//! One callback URL: its security mode, the handshake, receiving and answering.

use std::fmt;
use std::time::Duration;

use rand::distributions::{Alphanumeric, DistString};
use serde::Deserialize;

use super::crypto::MessageCrypt;
use super::incoming::{is_json, Incoming};
use super::reply::Reply;
use super::signature::{verify_msg_signature, verify_signature};
use super::xml;
use crate::error::{Error, Result};
use crate::token::now_unix;

/// The largest callback body an [`Endpoint`] reads unless told otherwise: 1 MiB. WeChat's
/// callbacks are a few kilobytes.
pub const DEFAULT_MAX_BODY_SIZE: usize = 1024 * 1024;

/// What to answer when there is nothing to reply: WeChat then shows the user nothing and
/// does not retry.
pub const SUCCESS: &str = "success";

/// The message encryption mode chosen for the account in WeChat's console.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SecurityMode {
    /// 明文模式: callbacks and replies in plain XML, signed by `signature`.
    Plaintext,
    /// 兼容模式: callbacks carry the plain fields and `<Encrypt>`; replies may be either. An
    /// endpoint decrypts when the query says `encrypt_type=aes` and answers in kind.
    Compatible,
    /// 安全模式: callbacks and replies encrypted, signed by `msg_signature`.
    Safe,
    /// WeCom (企业微信), an [`Endpoint::work`]: always encrypted, signed by `msg_signature`
    /// only (no `signature`), the handshake's `echostr` encrypted too, the corpid as the
    /// receive id; events typed as [`Incoming::Work`].
    Work,
}

/// The query string WeChat puts on every callback.
///
/// Missing parameters read as empty (`timestamp`, `nonce`) or `None`; a callback without the
/// signature its mode needs is rejected as [`Error::InvalidSignature`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct CallbackQuery {
    /// `signature`: over the token, `timestamp` and `nonce`.
    pub signature: Option<String>,
    /// `timestamp`.
    pub timestamp: String,
    /// `nonce`.
    pub nonce: String,
    /// `echostr`: set on the handshake (GET) only.
    pub echostr: Option<String>,
    /// `encrypt_type`: `aes` when the body is encrypted.
    pub encrypt_type: Option<String>,
    /// `msg_signature`: over the token, `timestamp`, `nonce` and the ciphertext.
    pub msg_signature: Option<String>,
    /// `openid`: the user, on messages to an Official Account.
    pub openid: Option<String>,
}

impl CallbackQuery {
    /// Reads a query string (without the `?`), as in `signature=…&timestamp=…&nonce=…`.
    /// Unknown parameters are ignored.
    pub fn parse(query: &str) -> Self {
        let mut out = CallbackQuery::default();
        for (key, value) in url::form_urlencoded::parse(query.as_bytes()) {
            let value = value.into_owned();
            match &*key {
                "signature" => out.signature = Some(value),
                "timestamp" => out.timestamp = value,
                "nonce" => out.nonce = value,
                "echostr" => out.echostr = Some(value),
                "encrypt_type" => out.encrypt_type = Some(value),
                "msg_signature" => out.msg_signature = Some(value),
                "openid" => out.openid = Some(value),
                _ => {}
            }
        }
        out
    }

    /// Whether the query says the body is encrypted (`encrypt_type=aes`).
    pub fn is_encrypted(&self) -> bool {
        self.encrypt_type
            .as_deref()
            .is_some_and(|t| t.eq_ignore_ascii_case("aes"))
    }
}

/// A callback received by an [`Endpoint`]: the message, whether it came encrypted (so the
/// reply is encrypted too), and whether it came as JSON (so it takes no reply).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Received {
    /// The message, event or notification.
    pub incoming: Incoming,
    /// Whether it came encrypted.
    pub encrypted: bool,
    /// Whether it came as JSON, as a Mini Program configured for JSON pushes it.
    pub json: bool,
}

/// One callback URL: its token, its mode and, unless plaintext, its [`MessageCrypt`].
///
/// It checks signatures, decrypts, parses, and writes (and encrypts) replies. It holds no
/// connection and no state: share one across requests.
///
/// Its `Debug` shows neither the token nor the key.
#[derive(Clone)]
pub struct Endpoint {
    token: String,
    mode: SecurityMode,
    crypt: Option<MessageCrypt>,
    max_body_size: usize,
    replay_window: Option<Duration>,
}

impl fmt::Debug for Endpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Endpoint")
            .field("mode", &self.mode)
            .field("token", &"…")
            .field("crypt", &self.crypt)
            .field("max_body_size", &self.max_body_size)
            .field("replay_window", &self.replay_window)
            .finish()
    }
}

impl Endpoint {
    /// An endpoint in plaintext mode.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidInput`] for an empty token.
    pub fn plaintext(token: impl Into<String>) -> Result<Self> {
        let token = token.into();
        if token.is_empty() {
            return Err(Error::invalid_input("the callback token is empty"));
        }
        Ok(Endpoint {
            token,
            mode: SecurityMode::Plaintext,
            crypt: None,
            max_body_size: DEFAULT_MAX_BODY_SIZE,
            replay_window: None,
        })
    }

    /// An endpoint in compatible mode.
    ///
    /// # Errors
    ///
    /// As [`MessageCrypt::new`].
    pub fn compatible(
        token: impl Into<String>,
        encoding_aes_key: &str,
        appid: impl Into<String>,
    ) -> Result<Self> {
        Self::encrypted(SecurityMode::Compatible, token, encoding_aes_key, appid)
    }

    /// An endpoint in safe mode. For a third-party platform's callbacks, `appid` is the
    /// component appid.
    ///
    /// # Errors
    ///
    /// As [`MessageCrypt::new`].
    pub fn safe(
        token: impl Into<String>,
        encoding_aes_key: &str,
        appid: impl Into<String>,
    ) -> Result<Self> {
        Self::encrypted(SecurityMode::Safe, token, encoding_aes_key, appid)
    }

    /// An endpoint for the callbacks of a WeCom (企业微信) self-built application, or of the
    /// address book, customer contact or WeChat Customer Service, as configured in WeCom's
    /// admin console ("API接收": URL, Token, EncodingAESKey). `corpid` is the receive id the
    /// messages carry.
    ///
    /// Its [`verify_url`](Self::verify_url) checks `msg_signature` over the encrypted
    /// `echostr` and answers it decrypted; its [`receive`](Self::receive) checks
    /// `msg_signature`, decrypts, and types events as [`Incoming::Work`]
    /// ([`Incoming::parse_work`]); replies are encrypted.
    ///
    /// ```
    /// use wechat_runtime::callback::{msg_signature, CallbackQuery, Endpoint, MessageCrypt};
    ///
    /// const KEY: &str = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    /// let endpoint = Endpoint::work("the-token", KEY, "ww0123456789abcdef")?;
    ///
    /// // WeCom checks the URL with an encrypted echostr.
    /// let echostr = MessageCrypt::new("the-token", KEY, "ww0123456789abcdef")?.encrypt("4261531425")?;
    /// let query = CallbackQuery::parse(&format!(
    ///     "msg_signature={}&timestamp=1409659813&nonce=1372623149&echostr={}",
    ///     msg_signature("the-token", "1409659813", "1372623149", &echostr),
    ///     url::form_urlencoded::byte_serialize(echostr.as_bytes()).collect::<String>(),
    /// ));
    /// assert_eq!(endpoint.verify_url(&query)?, "4261531425");
    /// # Ok::<(), wechat_runtime::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`MessageCrypt::new`].
    pub fn work(
        token: impl Into<String>,
        encoding_aes_key: &str,
        corpid: impl Into<String>,
    ) -> Result<Self> {
        Self::encrypted(SecurityMode::Work, token, encoding_aes_key, corpid)
    }

    fn encrypted(
        mode: SecurityMode,
        token: impl Into<String>,
        encoding_aes_key: &str,
        appid: impl Into<String>,
    ) -> Result<Self> {
        let crypt = MessageCrypt::new(token, encoding_aes_key, appid)?;
        Ok(Endpoint {
            token: crypt.token().to_owned(),
            mode,
            crypt: Some(crypt),
            max_body_size: DEFAULT_MAX_BODY_SIZE,
            replay_window: None,
        })
    }

    /// Sets the largest body [`receive`](Self::receive) accepts (default
    /// [`DEFAULT_MAX_BODY_SIZE`]).
    pub fn max_body_size(mut self, bytes: usize) -> Self {
        self.max_body_size = bytes;
        self
    }

    /// Refuses callbacks (and handshakes) whose `timestamp` is more than `window` away from
    /// this machine's clock, either way, as [`Error::StaleCallback`]: a callback captured on
    /// the way cannot be sent again later. The timestamp is signed, so it is checked after the
    /// signature. Off by default, as in WeChat's own samples.
    ///
    /// WeChat retries a callback it got no answer to within five seconds, up to three times;
    /// keep the window well above those seconds plus the clock difference of your servers
    /// (five minutes is usual). Within the window a repeat is still possible: drop duplicates
    /// by `MsgId` (or `FromUserName` + `CreateTime` for events) where it matters, as WeChat
    /// advises for its own retries.
    ///
    /// ```
    /// use std::time::Duration;
    /// use wechat_runtime::callback::Endpoint;
    ///
    /// let endpoint = Endpoint::plaintext("token")?.replay_window(Duration::from_secs(300));
    /// # Ok::<(), wechat_runtime::Error>(())
    /// ```
    pub fn replay_window(mut self, window: Duration) -> Self {
        self.replay_window = Some(window);
        self
    }

    /// The largest body accepted.
    pub fn body_limit(&self) -> usize {
        self.max_body_size
    }

    /// The security mode.
    pub fn mode(&self) -> SecurityMode {
        self.mode
    }

    /// The crypt, unless the endpoint is in plaintext mode.
    pub fn crypt(&self) -> Option<&MessageCrypt> {
        self.crypt.as_ref()
    }

    /// Answers the handshake WeChat makes when the URL is configured (a GET with `echostr`):
    /// returns what to send back.
    ///
    /// With a `msg_signature` (encrypted `echostr`, as WeCom sends it) it checks that and
    /// returns the decrypted `echostr`; else it checks `signature` and returns `echostr` as is.
    /// A [WeCom endpoint](Self::work) requires the `msg_signature`.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidInput`] without `echostr`; [`Error::InvalidSignature`];
    /// [`Error::Decrypt`] for an encrypted `echostr` that does not decrypt;
    /// [`Error::StaleCallback`] outside the [replay window](Self::replay_window).
    pub fn verify_url(&self, query: &CallbackQuery) -> Result<String> {
        let echostr = query
            .echostr
            .as_deref()
            .ok_or_else(|| Error::invalid_input("the handshake has no echostr"))?;
        if self.mode == SecurityMode::Work && query.msg_signature.is_none() {
            return Err(Error::InvalidSignature);
        }
        if let (Some(msg_signature), Some(crypt)) = (&query.msg_signature, &self.crypt) {
            // A `+` sent unescaped reads as a space; base64 has no spaces.
            let echostr = echostr.replace(' ', "+");
            let echostr =
                crypt.decrypt_signed(msg_signature, &query.timestamp, &query.nonce, &echostr)?;
            self.check_timestamp(query)?;
            return Ok(echostr);
        }
        self.verify_query(query)?;
        self.check_timestamp(query)?;
        Ok(echostr.to_owned())
    }

    /// Checks the plain `signature` of the query, before anything of the body is read.
    ///
    /// In plaintext mode, and in compatible mode for a plain callback, it is required. In
    /// safe mode, or for an encrypted callback, it is checked when present; the
    /// `msg_signature` over the body is checked by [`receive`](Self::receive). A [WeCom
    /// endpoint](Self::work) requires a `msg_signature` (WeCom sends no `signature`).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidSignature`].
    pub fn verify_query(&self, query: &CallbackQuery) -> Result<()> {
        if self.mode == SecurityMode::Work {
            return match query.msg_signature {
                Some(_) => Ok(()),
                None => Err(Error::InvalidSignature),
            };
        }
        match &query.signature {
            Some(signature) => {
                verify_signature(&self.token, &query.timestamp, &query.nonce, signature)
            }
            None if self.takes_encrypted(query) && query.msg_signature.is_some() => Ok(()),
            None => Err(Error::InvalidSignature),
        }
    }

    /// Checks the (already verified) timestamp against the replay window, if one is set.
    fn check_timestamp(&self, query: &CallbackQuery) -> Result<()> {
        let Some(window) = self.replay_window else {
            return Ok(());
        };
        let window_secs = window.as_secs();
        match query.timestamp.parse::<u64>() {
            Ok(timestamp) if now_unix().abs_diff(timestamp) <= window_secs => Ok(()),
            _ => Err(Error::StaleCallback { window_secs }),
        }
    }

    /// Whether a callback with `query` is read as encrypted.
    fn takes_encrypted(&self, query: &CallbackQuery) -> bool {
        match self.mode {
            SecurityMode::Plaintext => false,
            SecurityMode::Compatible => query.is_encrypted(),
            SecurityMode::Safe | SecurityMode::Work => true,
        }
    }

    /// Checks, decrypts and parses a callback (a POST): its query and its body.
    ///
    /// The query's `signature` is checked first, before the body is looked at; in encrypted
    /// mode the `msg_signature` over `<Encrypt>` is checked before decrypting; then the
    /// message is parsed.
    ///
    /// A body whose first non-whitespace byte is `{` is JSON, as Mini Programs configured
    /// for JSON push it: plain ([`Incoming::parse_json`]), or encrypted as
    /// `{"ToUserName": "…", "Encrypt": "…"}` around a JSON text. It is typed as the XML would
    /// be, and [`Received::json`] is set.
    ///
    /// ```
    /// use wechat_runtime::callback::{signature, CallbackQuery, Endpoint, SUCCESS};
    ///
    /// let endpoint = Endpoint::plaintext("token")?;
    /// let query = CallbackQuery::parse(&format!(
    ///     "signature={}&timestamp=1&nonce=n",
    ///     signature("token", "1", "n")
    /// ));
    /// let body = r#"{"ToUserName": "gh_1", "FromUserName": "o1", "CreateTime": 1,
    ///     "MsgType": "event", "Event": "user_enter_tempsession", "SessionFrom": "page"}"#;
    /// let received = endpoint.receive(&query, body.as_bytes())?;
    /// assert!(received.json);
    /// assert_eq!(received.incoming.field("SessionFrom"), Some("page"));
    /// assert_eq!(endpoint.respond(&received, None)?, SUCCESS);
    /// # Ok::<(), wechat_runtime::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidSignature`]; [`Error::StaleCallback`] outside the [replay
    /// window](Self::replay_window); [`Error::MalformedMessage`] for a body over the limit,
    /// not UTF-8, not the XML or JSON WeChat sends, or without `Encrypt` in encrypted mode;
    /// [`Error::Decrypt`] (see [`MessageCrypt::decrypt`]).
    pub fn receive(&self, query: &CallbackQuery, body: &[u8]) -> Result<Received> {
        self.verify_query(query)?;
        if body.len() > self.max_body_size {
            return Err(Error::MalformedMessage(format!(
                "a body of {} bytes is over the limit of {}",
                body.len(),
                self.max_body_size
            )));
        }
        let body = std::str::from_utf8(body)
            .map_err(|_| Error::MalformedMessage("the body is not UTF-8".to_owned()))?;
        let crypt = match &self.crypt {
            Some(crypt) if self.takes_encrypted(query) => crypt,
            _ => {
                self.check_timestamp(query)?;
                let (incoming, json) = Incoming::parse_either(body);
                return Ok(Received {
                    incoming: incoming?,
                    encrypted: false,
                    json,
                });
            }
        };
        let msg_signature = query
            .msg_signature
            .as_deref()
            .ok_or(Error::InvalidSignature)?;
        let body_is_json = is_json(body);
        let envelope: EncryptedBody = if body_is_json {
            serde_json::from_str(body).map_err(|_| {
                Error::MalformedMessage("not the JSON WeChat sends encrypted".to_owned())
            })?
        } else {
            xml::from_str(body)?
        };
        let encrypt = envelope
            .encrypt
            .filter(|e| !e.is_empty())
            .ok_or_else(|| Error::MalformedMessage("no Encrypt in the body".to_owned()))?;
        verify_msg_signature(
            &self.token,
            &query.timestamp,
            &query.nonce,
            &encrypt,
            msg_signature,
        )?;
        self.check_timestamp(query)?;
        let plain = crypt.decrypt(&encrypt)?;
        let (incoming, plain_is_json) = match self.mode {
            // WeCom pushes XML only.
            SecurityMode::Work => (Incoming::parse_work(&plain), false),
            _ => Incoming::parse_either(&plain),
        };
        Ok(Received {
            incoming: incoming?,
            encrypted: true,
            json: body_is_json || plain_is_json,
        })
    }

    /// The body answering `received` with `reply`, encrypted if the callback was;
    /// [`SUCCESS`] when `reply` is `None`.
    ///
    /// A callback that came as JSON ([`Received::json`]) is always answered [`SUCCESS`]: a
    /// Mini Program takes no passive reply in JSON, so `reply` is dropped (send it with the
    /// customer service message API instead).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidInput`] for a reply to a component notification (they take none:
    /// answer [`SUCCESS`]) or a news reply with no or too many articles.
    pub fn respond(&self, received: &Received, reply: Option<&Reply>) -> Result<String> {
        let Some(reply) = reply.filter(|_| !received.json) else {
            return Ok(SUCCESS.to_owned());
        };
        let header = received.incoming.header().ok_or_else(|| {
            Error::invalid_input("a component notification takes no reply: answer `success`")
        })?;
        let now = now_unix();
        let xml = reply.to_xml(header, now)?;
        match &self.crypt {
            Some(crypt) if received.encrypted => {
                let nonce = Alphanumeric.sample_string(&mut rand::thread_rng(), 16);
                crypt.encrypt_reply(&xml, &now.to_string(), &nonce)
            }
            _ => Ok(xml),
        }
    }
}

/// The body of an encrypted callback: `<Encrypt>`, or `"Encrypt"` in JSON (with `ToUserName`
/// or `AppId`, and in compatible mode the plain fields, all ignored here).
#[derive(Deserialize)]
struct EncryptedBody {
    #[serde(rename = "Encrypt", default)]
    encrypt: Option<String>,
}
