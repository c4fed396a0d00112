//! The settings every HTTP caller of the crate shares (a client, a hub, a hub client), and
//! the transport they build.

use std::time::Duration;

use url::Url;

use super::retry::RetryPolicy;
use super::Transport;
use crate::error::{Error, Result};

/// The base URL of the WeChat API.
pub const DEFAULT_BASE_URL: &str = "https://api.weixin.qq.com";
/// How long a request may take in all, unless a client or a call says otherwise.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// How long opening a connection may take, unless a client says otherwise.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// The largest answer read unless a builder says otherwise: WeChat's largest downloads (a
/// temporary video, a permanent material) are tens of megabytes at most.
pub const DEFAULT_MAX_RESPONSE_SIZE: u64 = 64 * 1024 * 1024;

/// The `User-Agent` of the HTTP client the crate builds.
pub(crate) const USER_AGENT: &str = concat!("wechat-rs/", env!("CARGO_PKG_VERSION"));

/// What a builder collects for its transport: not generic, so that it is compiled once.
#[derive(Debug, Clone)]
pub(crate) struct TransportConfig {
    pub http: Option<reqwest::Client>,
    pub base_url: String,
    pub timeout: Duration,
    pub connect_timeout: Duration,
    pub retry: RetryPolicy,
    pub user_agent: String,
    pub max_response_size: u64,
}

impl TransportConfig {
    /// Settings for calls to `base_url` that may take `timeout` each.
    pub(crate) fn new(base_url: &str, timeout: Duration) -> Self {
        TransportConfig {
            http: None,
            base_url: base_url.to_owned(),
            timeout,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            retry: RetryPolicy::default(),
            user_agent: USER_AGENT.to_owned(),
            max_response_size: DEFAULT_MAX_RESPONSE_SIZE,
        }
    }

    /// Checks the base URL and builds the HTTP client, unless one was given.
    pub(crate) fn build(self) -> Result<Transport> {
        let base = parse_base_url(&self.base_url)?;
        let http = match self.http {
            Some(http) => http,
            None => reqwest::Client::builder()
                .connect_timeout(self.connect_timeout)
                .user_agent(self.user_agent)
                .build()
                .map_err(|e| Error::Config(format!("cannot build the HTTP client: {e}")))?,
        };
        Ok(Transport {
            http,
            base,
            timeout: self.timeout,
            retry: self.retry,
            max_response_size: self.max_response_size,
        })
    }
}

/// `url` with what sits between `://` and `@` (a user and password) masked, for errors, `Debug`
/// and logs.
pub(crate) fn redact_userinfo(url: &str) -> std::borrow::Cow<'_, str> {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.into();
    };
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    match rest[..authority_end].rfind('@') {
        Some(at) => format!("{scheme}://***@{}", &rest[at + 1..]).into(),
        None => url.into(),
    }
}

/// Checks a base URL: `http` or `https`, no query. Its path, without a trailing slash, is
/// the prefix of every call's path.
pub(crate) fn parse_base_url(base_url: &str) -> Result<Url> {
    let shown = redact_userinfo(base_url);
    let mut url = Url::parse(base_url)
        .map_err(|e| Error::Config(format!("the base URL `{shown}` is not a URL: {e}")))?;
    if !matches!(url.scheme(), "http" | "https") || url.query().is_some() || url.cannot_be_a_base()
    {
        return Err(Error::Config(format!(
            "the base URL `{shown}` must be an http or https URL without a query"
        )));
    }
    let path = url.path().trim_end_matches('/').to_owned();
    url.set_path(&path);
    url.set_fragment(None);
    Ok(url)
}

/// The setters of [`TransportConfig`], written once for the builders that hold one (at
/// `self.$field`).
macro_rules! transport_setters {
    ($($field:ident).+, $default_timeout:literal, $default_base:literal) => {
        #[doc = concat!("Where calls go: ", $default_base, " unless set, e.g. a simulator or a")]
        /// proxy. It must be an `http` or `https` URL without a query; a path prefix is kept.
        pub fn base_url(mut self, base_url: impl Into<String>) -> Self {
            self.$($field).+.base_url = base_url.into();
            self
        }

        /// The HTTP client to use, with its own pool, proxy and TLS settings. The connect
        /// timeout and user agent of this builder then do not apply.
        pub fn http_client(mut self, http: reqwest::Client) -> Self {
            self.$($field).+.http = Some(http);
            self
        }

        #[doc = concat!("How long one request may take in all (", $default_timeout, " unless set).")]
        pub fn timeout(mut self, timeout: std::time::Duration) -> Self {
            self.$($field).+.timeout = timeout;
            self
        }

        /// How long opening a connection may take (5 s unless set).
        pub fn connect_timeout(mut self, timeout: std::time::Duration) -> Self {
            self.$($field).+.connect_timeout = timeout;
            self
        }

        /// How transient failures are retried.
        pub fn retry_policy(mut self, retry: $crate::RetryPolicy) -> Self {
            self.$($field).+.retry = retry;
            self
        }

        /// The largest answer read, in bytes (64 MiB unless set): a larger one is
        /// [`Error::ResponseTooLarge`](crate::Error::ResponseTooLarge), and is not read whole.
        pub fn max_response_size(mut self, bytes: u64) -> Self {
            self.$($field).+.max_response_size = bytes;
            self
        }

        /// The `User-Agent` header (`wechat-rs/<version>` unless set).
        pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
            self.$($field).+.user_agent = user_agent.into();
            self
        }
    };
}
pub(crate) use transport_setters;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls() {
        let url = parse_base_url("http://127.0.0.1:8080/").unwrap();
        assert_eq!(url.as_str(), "http://127.0.0.1:8080/");
        let url = parse_base_url("https://proxy.example.com/wechat/").unwrap();
        assert_eq!(url.path(), "/wechat");
        for bad in ["ftp://x", "not a url", "http://x/?a=b", "mailto:a@b"] {
            assert!(parse_base_url(bad).is_err(), "{bad}");
        }
        // A proxy's user and password never show in an error.
        let err = parse_base_url("http://user:s3cret@proxy:8080/?q").unwrap_err();
        assert!(!err.to_string().contains("s3cret"), "{err}");
        assert_eq!(
            redact_userinfo("https://u:p@h:1/x@y"),
            "https://***@h:1/x@y"
        );
        assert_eq!(redact_userinfo("http://h/p"), "http://h/p");
    }
}
