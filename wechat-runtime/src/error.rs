//! The one error type of the crate.
//!
//! No variant's `Display` or `Debug` ever shows an access token, a ticket or a secret: paths are
//! kept without their query string, and quoted values in decode errors are masked.

use std::error::Error as StdError;

/// The errcodes with which WeChat rejects a stale access token: invalid (40001), expired (42001)
/// and invalid for this call (40014).
pub const TOKEN_EXPIRED_ERRCODES: [i64; 3] = [40001, 42001, 40014];

/// A boxed error from a storage, a hub or any other source the runtime wraps.
pub type BoxError = Box<dyn StdError + Send + Sync + 'static>;

/// Everything that can go wrong in a call.
///
/// ```no_run
/// use wechat_runtime::Error;
///
/// # async fn run(client: wechat_runtime::Client<wechat_runtime::Hub<wechat_runtime::MemoryStore>>) {
/// match client.user().info("o6_bmjrPTlm6_2sgVt7hMZOPfL2M").await {
///     Ok(user) => println!("{user:?}"),
///     // 40003: an openid of another account.
///     Err(Error::Api { errcode: 40003, .. }) => println!("not our follower"),
///     // Already retried as far as the retry policy allows.
///     Err(e) if e.is_transient() => println!("try again later: {e}"),
///     Err(e) => println!("failed: {e}"),
/// }
/// # }
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// WeChat answered with a non-zero `errcode`. When WeChat refused the call for the IP it
    /// came from (see [`Error::is_ip_not_allowed`]), `Display` says so and what to do.
    #[error("wechat api error {errcode} on {path}: {errmsg}{}", ip_hint(*.errcode, .errmsg))]
    Api {
        /// The `errcode` WeChat sent.
        errcode: i64,
        /// The `errmsg` WeChat sent.
        errmsg: String,
        /// The path of the call, without its query string.
        path: String,
    },
    /// The server answered with an HTTP status other than 2xx.
    #[error("http status {status} on {path}")]
    Status {
        /// The HTTP status code.
        status: u16,
        /// The path of the call, without its query string.
        path: String,
    },
    /// The request could not be sent or its response not read: a connection error or a timeout.
    ///
    /// `Display` says which; the underlying error is the [`source`](std::error::Error::source),
    /// not repeated in the message, so that a printed chain says each thing once.
    #[error("transport error on {path}: {}", transport_kind(.source))]
    Transport {
        /// The path of the call, without its query string.
        path: String,
        /// The underlying error, stripped of its URL.
        #[source]
        source: reqwest::Error,
    },
    /// The response was not what the endpoint documents: not JSON, or missing a field.
    #[error("cannot decode the response of {path}: {detail}")]
    Decode {
        /// The path of the call, without its query string.
        path: String,
        /// What was wrong, with quoted values masked.
        detail: String,
    },
    /// A storage (a [`ClientStorage`](crate::ClientStorage), a hub persistence, a hub client)
    /// failed.
    #[error("storage error: {message}")]
    Storage {
        /// What failed.
        message: String,
        /// The storage's own error, if it has one.
        #[source]
        source: Option<BoxError>,
    },
    /// A token hub answered with an error (elixir_wechat's `{"errcode", "http_status",
    /// "message", "reason"}`), or with a success status but no token.
    #[error("the hub failed on {path}: {message}")]
    Hub {
        /// The path of the hub call, without its query string.
        path: String,
        /// The errcode the hub gave, if any (WeChat's, when the hub passes one on).
        errcode: Option<i64>,
        /// What the hub said.
        message: String,
    },
    /// Something the call needs is not stored: a secret, a `component_verify_ticket`, an
    /// authorizer refresh token.
    #[error("no {what} is stored for appid {appid}")]
    Missing {
        /// What is missing, e.g. `"secret"`.
        what: &'static str,
        /// The appid it is missing for.
        appid: String,
    },
    /// A hub refused to force a new token: WeChat allows one forced refresh per appid in a
    /// while, and each one invalidates the token every other process holds. The stored token
    /// stays; try again after `retry_after_secs`.
    #[error("a new token for appid {appid} was forced less than {retry_after_secs} s ago: not forcing another yet")]
    RefreshLimited {
        /// The appid whose token was to be refreshed.
        appid: String,
        /// How long until a forced refresh is allowed again, at most.
        retry_after_secs: u64,
    },
    /// An answer was larger than the transport accepts (see the builders' `max_response_size`):
    /// nothing of it was decoded.
    #[error("the answer of {path} is larger than {limit} bytes")]
    ResponseTooLarge {
        /// The path of the call, without its query string.
        path: String,
        /// The limit, in bytes.
        limit: u64,
    },
    /// The client or the call is configured in a way that cannot work.
    #[error("configuration error: {0}")]
    Config(String),
    /// An argument was rejected before anything was sent.
    #[error("invalid input: {0}")]
    InvalidInput(String),
    /// A callback from WeChat carried a signature that does not match: it is not from WeChat,
    /// or the token is wrong. Nothing of it was parsed.
    #[error("the callback signature does not match")]
    InvalidSignature,
    /// A callback whose `timestamp` is not within the replay window
    /// (`callback::Endpoint::replay_window`, feature `callback`) of this machine's clock (or is
    /// not a number): an old callback sent again, or a clock far off. Its signature was checked
    /// first.
    #[error("the callback's timestamp is outside the replay window of {window_secs} s")]
    StaleCallback {
        /// The window, in seconds.
        window_secs: u64,
    },
    /// An encrypted callback could not be decrypted: bad base64, a wrong key, bad padding, a
    /// truncated ciphertext, or an appid that is not ours.
    #[error("cannot decrypt the callback: {0}")]
    Decrypt(String),
    /// A callback body is not a message WeChat sends: malformed or oversized XML.
    #[error("malformed callback message: {0}")]
    MalformedMessage(String),
    /// WeChat Pay refused the call (its `code`, `message`, `detail` and `Request-ID`), or an
    /// answer or a notification failed verification (feature `pay`): see
    /// [`pay::Error`](crate::pay::Error).
    #[cfg(feature = "pay")]
    #[error(transparent)]
    Pay(#[from] wechat_pay::Error),
}

/// The errcodes of a call refused for the IP it came from: an Official Account's or Mini
/// Program's (40164), the open platform's (61004), WeCom's (60020).
pub const IP_NOT_ALLOWED_ERRCODES: [i64; 3] = [40164, 61004, 60020];

/// The IP that WeChat names in its errmsg (`invalid ip 1.2.3.4 ipv6 ...`, `from ip: 1.2.3.4`).
fn ip_in(errmsg: &str) -> Option<std::net::IpAddr> {
    errmsg
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '[' | ']' | '(' | ')'))
        .find_map(|word| word.trim_end_matches(['.', ':']).parse().ok())
}

/// What to do about a call refused for its IP, for `Display`.
fn ip_hint(errcode: i64, errmsg: &str) -> String {
    if !IP_NOT_ALLOWED_ERRCODES.contains(&errcode) {
        return String::new();
    }
    let ip = match ip_in(errmsg) {
        Some(ip) => format!("this machine's IP as WeChat sees it, {ip}"),
        None => "this machine's outgoing IP".to_owned(),
    };
    format!(
        " (WeChat refused the call for the IP it came from: add {ip} to the IP allow-list of the account, the open platform or the WeCom app, as the errcode says, in its admin console)"
    )
}

/// What went wrong in a transport error, in a few words.
fn transport_kind(source: &reqwest::Error) -> &'static str {
    if source.is_timeout() {
        "timed out"
    } else if source.is_connect() {
        "cannot connect"
    } else if source.is_body() || source.is_decode() {
        "the answer broke off"
    } else {
        "the request failed"
    }
}

impl Error {
    /// The WeChat `errcode`, for [`Error::Api`].
    pub fn errcode(&self) -> Option<i64> {
        match self {
            Error::Api { errcode, .. } => Some(*errcode),
            _ => None,
        }
    }

    /// Whether WeChat refused the call for the IP it came from (40164, 61004, 60020): the IP is
    /// not in the allow-list of the account (设置与开发 → 基本配置 → IP白名单), the open platform
    /// or the WeCom app (企业可信IP).
    ///
    /// ```
    /// let err = wechat_runtime::Error::Api {
    ///     errcode: 40164,
    ///     errmsg: "invalid ip 203.0.113.7 ipv6 ::ffff:203.0.113.7, not in whitelist rid: 1".into(),
    ///     path: "/cgi-bin/stable_token".into(),
    /// };
    /// assert!(err.is_ip_not_allowed());
    /// assert_eq!(err.refused_ip(), Some("203.0.113.7".parse().unwrap()));
    /// assert!(err.to_string().contains("add this machine's IP as WeChat sees it, 203.0.113.7"));
    /// ```
    pub fn is_ip_not_allowed(&self) -> bool {
        self.errcode()
            .is_some_and(|code| IP_NOT_ALLOWED_ERRCODES.contains(&code))
    }

    /// The IP WeChat refused the call for, when it names one (see
    /// [`is_ip_not_allowed`](Error::is_ip_not_allowed)).
    pub fn refused_ip(&self) -> Option<std::net::IpAddr> {
        match self {
            Error::Api { errmsg, .. } if self.is_ip_not_allowed() => ip_in(errmsg),
            _ => None,
        }
    }

    /// Whether WeChat rejected the access token as invalid or expired (40001, 42001, 40014).
    pub fn is_token_expired(&self) -> bool {
        self.errcode()
            .is_some_and(|code| TOKEN_EXPIRED_ERRCODES.contains(&code))
    }

    /// Whether trying again later may succeed: WeChat's "system busy" (-1), an HTTP 5xx, a
    /// connection error, a dropped connection or a timeout.
    pub fn is_transient(&self) -> bool {
        match self {
            Error::Api { errcode, .. } => *errcode == -1,
            Error::Status { status, .. } => *status >= 500,
            // WeChat Pay's SYSTEM_ERROR and the like come with a 5xx.
            #[cfg(feature = "pay")]
            Error::Pay(wechat_pay::Error::Api(api)) => api.status >= 500,
            // A connection that failed, timed out or was dropped mid-answer.
            Error::Transport { .. } => true,
            _ => false,
        }
    }

    /// The `Request-ID` of a failed WeChat Pay call, for [`Error::Pay`] with WeChat Pay's error.
    #[cfg(feature = "pay")]
    pub fn pay_request_id(&self) -> Option<&str> {
        match self {
            Error::Pay(e) => e.request_id(),
            _ => None,
        }
    }

    /// WeChat Pay's error `code` (`ORDER_NOT_EXIST`, `PARAM_ERROR`, …), for [`Error::Pay`].
    ///
    /// ```
    /// use wechat_runtime::pay::ApiError;
    /// let err = wechat_runtime::Error::Pay(
    ///     ApiError::from_response(404, Some("req-1"), br#"{"code":"ORDER_NOT_EXIST","message":"no such order"}"#).into(),
    /// );
    /// assert_eq!(err.pay_code(), Some("ORDER_NOT_EXIST"));
    /// assert_eq!(err.pay_request_id(), Some("req-1"));
    /// ```
    #[cfg(feature = "pay")]
    pub fn pay_code(&self) -> Option<&str> {
        match self {
            Error::Pay(e) => e.code(),
            _ => None,
        }
    }

    /// Whether the request timed out.
    pub fn is_timeout(&self) -> bool {
        matches!(self, Error::Transport { source, .. } if source.is_timeout())
    }

    /// A storage error with a message.
    pub fn storage(message: impl Into<String>) -> Self {
        Error::Storage {
            message: message.into(),
            source: None,
        }
    }

    /// A storage error wrapping the storage's own error.
    pub fn storage_with_source(message: impl Into<String>, source: impl Into<BoxError>) -> Self {
        Error::Storage {
            message: message.into(),
            source: Some(source.into()),
        }
    }

    /// An input error, raised before anything is sent.
    pub fn invalid_input(message: impl Into<String>) -> Self {
        Error::InvalidInput(message.into())
    }

    pub(crate) fn transport(path: &str, source: reqwest::Error) -> Self {
        Error::Transport {
            path: path.to_owned(),
            source: source.without_url(),
        }
    }

    pub(crate) fn decode(path: &str, source: &serde_json::Error) -> Self {
        Error::Decode {
            path: path.to_owned(),
            detail: mask_quoted(&source.to_string()),
        }
    }
}

/// A `Result` with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Masks every double-quoted value: serde_json quotes the offending value in its messages, and
/// that value may be a token.
fn mask_quoted(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut inside = false;
    for c in message.chars() {
        if c == '"' {
            if inside {
                out.push_str("…\"");
            } else {
                out.push('"');
            }
            inside = !inside;
        } else if !inside {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calls_refused_for_their_ip_name_it_and_the_fix() {
        let api = |errcode, errmsg: &str| Error::Api {
            errcode,
            errmsg: errmsg.into(),
            path: "/p".into(),
        };
        let cases = [
            (40164, "invalid ip 101.45.43.1 ipv6 ::ffff:101.45.43.1, not in whitelist rid: x", Some("101.45.43.1")),
            (60020, "not allow to access from your ip, hint: [1662], from ip: 114.132.235.244, more info at https://open.work.weixin.qq.com/devtool/query?e=60020", Some("114.132.235.244")),
            (61004, "access clientip is not registered rid: x", None),
        ];
        for (errcode, errmsg, ip) in cases {
            let err = api(errcode, errmsg);
            assert!(err.is_ip_not_allowed());
            assert_eq!(
                err.refused_ip(),
                ip.map(|ip| ip.parse().unwrap()),
                "{errmsg}"
            );
            let shown = err.to_string();
            assert!(shown.contains("IP allow-list"), "{shown}");
            if let Some(ip) = ip {
                assert!(
                    shown.contains(&format!("as WeChat sees it, {ip}")),
                    "{shown}"
                );
            }
        }
        let other = api(40001, "invalid credential, from ip 1.2.3.4");
        assert!(!other.is_ip_not_allowed());
        assert_eq!(other.refused_ip(), None);
        assert!(!other.to_string().contains("allow-list"));
    }

    #[test]
    fn helpers() {
        let api = |errcode| Error::Api {
            errcode,
            errmsg: "x".into(),
            path: "/cgi-bin/user/info".into(),
        };
        assert!(api(40001).is_token_expired());
        assert!(api(42001).is_token_expired());
        assert!(api(40014).is_token_expired());
        assert!(!api(40013).is_token_expired());
        assert!(api(-1).is_transient());
        assert_eq!(api(45009).errcode(), Some(45009));
        let status = |status| Error::Status {
            status,
            path: "/".into(),
        };
        assert!(status(502).is_transient());
        assert!(!status(404).is_transient());
        assert_eq!(Error::storage("x").errcode(), None);
    }

    #[test]
    fn decode_errors_mask_values() {
        let err = serde_json::from_str::<u32>("\"SECRET_TOKEN\"").unwrap_err();
        let shown = Error::decode("/cgi-bin/token", &err).to_string();
        assert!(!shown.contains("SECRET_TOKEN"), "{shown}");
        assert!(shown.contains("invalid type"), "{shown}");
    }
}
