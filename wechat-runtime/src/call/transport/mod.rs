//! Layer 3 of a call: one configured HTTP transport that every caller of WeChat or of a hub
//! goes through (a client, a hub, a hub client). It builds URLs under a base URL parsed once,
//! applies timeouts, retries transient failures ([`retry`]) and hands back the answer
//! ([`response`]), whose errcode it checks.

mod config;
mod decode;
mod multipart;
mod response;
mod retry;

use std::any::Any;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use bytes::Bytes;
use reqwest::header::{HeaderMap, CONTENT_TYPE};
use reqwest::{Method, StatusCode};
use url::Url;

pub(crate) use self::config::{redact_userinfo, transport_setters, TransportConfig};
pub use self::config::{
    DEFAULT_BASE_URL, DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_RESPONSE_SIZE, DEFAULT_TIMEOUT,
};
pub(crate) use self::decode::{erased, ErasedDecode};
pub use self::multipart::Part;
pub use self::response::Response;
pub(crate) use self::response::{check_errcode, lenient_errcode};
pub use self::retry::RetryPolicy;
use crate::error::{Error, Result};

/// An HTTP client with its base URL, default timeout and retry policy.
#[derive(Debug)]
pub(crate) struct Transport {
    http: reqwest::Client,
    /// Parsed once; its path (no trailing slash) prefixes every call's path.
    base: Url,
    timeout: Duration,
    retry: RetryPolicy,
    max_response_size: u64,
}

/// The body of a request. Kept as data so that a retry can send it again.
#[derive(Debug, Clone, Default)]
pub(crate) enum Body {
    #[default]
    Empty,
    Json(Bytes),
    Form(Vec<(String, String)>),
    Multipart(Vec<Part>),
    Raw {
        data: Bytes,
        content_type: String,
    },
}

impl Body {
    /// `value` as a JSON body.
    pub(crate) fn json(value: &(impl serde::Serialize + ?Sized)) -> Result<Body> {
        serde_json::to_vec(value)
            .map(|json| Body::Json(Bytes::from(json)))
            .map_err(|e| Error::invalid_input(format!("the JSON body cannot be serialized: {e}")))
    }
}

/// A request ready to go: everything but the transport.
pub(crate) struct Outgoing<'a> {
    pub method: Method,
    pub url: Url,
    /// The path, for errors and traces: never the query, which may hold a token.
    pub path: &'a str,
    pub body: &'a Body,
    /// This request's timeout, instead of the transport's.
    pub timeout: Option<Duration>,
    pub idempotent: bool,
    /// A bearer credential for the `Authorization` header (a hub's caller secret).
    pub bearer: Option<&'a str>,
    /// Whether a JSON body with a non-zero `errcode` is WeChat's error (not for a hub's answers,
    /// which have their own error shape).
    pub wechat_errors: bool,
    /// Counts the requests sent, retries included, for the caller's log of the outcome.
    pub sent: Option<&'a AtomicU32>,
    /// Whether transient failures are retried as the policy allows (a caller with somewhere
    /// else to go, such as a hub client with another hub, says no).
    pub retry: bool,
    /// Headers besides the body's type and the bearer (WeChat Pay's `Authorization`).
    pub headers: Option<&'a HeaderMap>,
    /// Makes the error of a non-2xx answer from its status, headers and body, for an API whose
    /// errors are not WeChat's errcodes (WeChat Pay's `{code, message}` and `Request-ID`).
    pub status_error: Option<StatusError>,
}

/// See [`Outgoing::status_error`]: the path, then the answer's status, headers and body.
pub(crate) type StatusError = fn(&str, StatusCode, &HeaderMap, &[u8]) -> Error;

impl<'a> Outgoing<'a> {
    /// A request of WeChat's API: its errcodes are errors, and it has no bearer.
    pub(crate) fn wechat(
        method: Method,
        url: Url,
        path: &'a str,
        body: &'a Body,
        idempotent: bool,
    ) -> Self {
        Outgoing {
            method,
            url,
            path,
            body,
            timeout: None,
            idempotent,
            bearer: None,
            wechat_errors: true,
            sent: None,
            retry: true,
            headers: None,
            status_error: None,
        }
    }
}

/// What came back: the answer, or the value a decoder made of it.
pub(crate) enum Answer {
    Response(Response),
    Decoded(Box<dyn Any + Send>),
}

impl Transport {
    /// The base URL, as given (without its trailing slash).
    pub(crate) fn base_url(&self) -> &str {
        self.base.as_str().trim_end_matches('/')
    }

    /// The same transport (HTTP client, timeouts, retries, limits) for another base URL.
    pub(crate) fn with_base_url(&self, base_url: &str) -> Result<Transport> {
        Ok(Transport {
            http: self.http.clone(),
            base: config::parse_base_url(base_url)?,
            timeout: self.timeout,
            retry: self.retry,
            max_response_size: self.max_response_size,
        })
    }

    /// The base URL for `Debug` and logs: a user and password in it (a proxy's) are masked.
    pub(crate) fn shown_base_url(&self) -> String {
        redact_userinfo(self.base_url()).into_owned()
    }

    /// The URL of `path` (which starts with `/`) under the base URL, with no query yet.
    pub(crate) fn url(&self, path: &str) -> Result<Url> {
        if !path.starts_with('/') {
            return Err(Error::invalid_input(format!(
                "the path `{path}` must start with `/`"
            )));
        }
        let mut url = self.base.clone();
        match self.base.path() {
            "/" => url.set_path(path),
            prefix => url.set_path(&format!("{prefix}{path}")),
        }
        Ok(url)
    }

    /// The URL of `path` with `query`.
    pub(crate) fn url_with<K: AsRef<str>, V: AsRef<str>>(
        &self,
        path: &str,
        query: &[(K, V)],
    ) -> Result<Url> {
        let mut url = self.url(path)?;
        if !query.is_empty() {
            url.query_pairs_mut().extend_pairs(query);
        }
        Ok(url)
    }

    /// Sends `request`, retrying transient failures as the policy allows, and turns a WeChat
    /// error body into [`Error::Api`].
    pub(crate) async fn send(&self, request: &Outgoing<'_>) -> Result<Response> {
        match self.send_with(request, None).await? {
            Answer::Response(response) => Ok(response),
            Answer::Decoded(_) => unreachable!("nothing decodes without a decoder"),
        }
    }

    /// [`send`](Transport::send), then `decode` the answer: when given, it reads the body and
    /// its errcode in one pass, and its errors (a transient errcode) are retried as the
    /// transport's are.
    pub(crate) async fn send_with(
        &self,
        request: &Outgoing<'_>,
        decode: Option<ErasedDecode>,
    ) -> Result<Answer> {
        let mut retry = 0;
        loop {
            match self.attempt(request, decode).await {
                Err(err)
                    if request.retry
                        && retry < self.retry.max_retries
                        && retry::may_retry(&err, request.idempotent) =>
                {
                    tracing::debug!(path = request.path, retry, error = %err, "transient failure, retrying");
                    tokio::time::sleep(self.retry.delay(retry)).await;
                    retry += 1;
                }
                other => return other,
            }
        }
    }

    /// The answer's body, up to the size limit: a declared length over it is refused before
    /// anything is read, and an undeclared one is read chunk by chunk until it passes it.
    async fn read_body(&self, path: &str, mut response: reqwest::Response) -> Result<Bytes> {
        let limit = self.max_response_size;
        let too_large = || Error::ResponseTooLarge {
            path: path.to_owned(),
            limit,
        };
        match response.content_length() {
            Some(len) if len > limit => return Err(too_large()),
            // hyper holds the body to its declared length.
            Some(_) => {
                return response
                    .bytes()
                    .await
                    .map_err(|e| Error::transport(path, e))
            }
            None => {}
        }
        let mut body = bytes::BytesMut::new();
        while let Some(chunk) = response
            .chunk()
            .await
            .map_err(|e| Error::transport(path, e))?
        {
            if (body.len() + chunk.len()) as u64 > limit {
                return Err(too_large());
            }
            body.extend_from_slice(&chunk);
        }
        Ok(body.freeze())
    }

    async fn attempt(
        &self,
        request: &Outgoing<'_>,
        decode: Option<ErasedDecode>,
    ) -> Result<Answer> {
        let path = request.path;
        if let Some(sent) = request.sent {
            sent.fetch_add(1, Ordering::Relaxed);
        }
        let mut builder = self
            .http
            .request(request.method.clone(), request.url.clone())
            .timeout(request.timeout.unwrap_or(self.timeout));
        if let Some(bearer) = request.bearer {
            builder = builder.bearer_auth(bearer);
        }
        if let Some(headers) = request.headers {
            builder = builder.headers(headers.clone());
        }
        builder = match request.body {
            Body::Empty => builder,
            Body::Json(json) => builder
                .header(CONTENT_TYPE, "application/json")
                .body(json.clone()),
            Body::Form(fields) => builder.form(fields),
            Body::Multipart(parts) => {
                let mut form = reqwest::multipart::Form::new();
                for part in parts {
                    form = form.part(part.name.clone(), part.to_reqwest()?);
                }
                builder.multipart(form)
            }
            Body::Raw { data, content_type } => builder
                .header(CONTENT_TYPE, content_type.as_str())
                .body(data.clone()),
        };
        let response = builder
            .send()
            .await
            .map_err(|e| Error::transport(path, e))?;
        let status = response.status();
        if !status.is_success() {
            if let Some(status_error) = request.status_error {
                let headers = response.headers().clone();
                let body = self.read_body(path, response).await?;
                return Err(status_error(path, status, &headers, &body));
            }
            if request.wechat_errors {
                // WeChat answers some errors with a 4xx/5xx and its usual JSON body (an unknown
                // path is a 404 with 40066): that errcode says more than the status does.
                if let Ok(body) = self.read_body(path, response).await {
                    check_errcode(path, &body)?;
                }
            }
            return Err(Error::Status {
                status: status.as_u16(),
                path: path.to_owned(),
            });
        }
        if let Some(decode) = decode {
            let body = self.read_body(path, response).await?;
            return decode(path, &body).map(Answer::Decoded);
        }
        let headers = response.headers().clone();
        let body = self.read_body(path, response).await?;
        if request.wechat_errors {
            check_errcode(path, &body)?;
        }
        Ok(Answer::Response(Response::new(status, headers, body, path)))
    }
}
