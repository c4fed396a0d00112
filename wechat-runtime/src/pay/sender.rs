//! What every call of one merchant shares, and the one way a WeChat Pay request is sent:
//! signed with the merchant key, through the crate's transport, on the backup domain when the
//! main one cannot be reached. The answer is verified a layer up (`certificates`).

use std::time::Instant;

use reqwest::header::{HeaderMap, HeaderName, HeaderValue, ACCEPT, AUTHORIZATION};
use reqwest::{Method, StatusCode};
use url::Url;
use wechat_pay::{ApiError, MerchantConfig, HEADER_REQUEST_ID, HEADER_SERIAL};

use crate::call::transport::{Body, Outgoing, Response, Transport};
use crate::error::{Error, Result};

/// A merchant's configuration, its transports, and the state of its certificate fetches.
pub(super) struct Sender {
    pub(super) config: MerchantConfig,
    pub(super) transport: Transport,
    /// The backup domain, tried for an idempotent call whose connection to the main one failed.
    pub(super) backup: Option<Transport>,
    /// Held for the length of a `/v3/certificates` fetch, which the transport's timeouts bound;
    /// the time of the last one.
    pub(super) last_fetch: tokio::sync::Mutex<Option<Instant>>,
}

/// One request, as it is signed and sent.
pub(super) struct Call<'a> {
    pub(super) method: &'a Method,
    /// Starts with `/`, without a query.
    pub(super) path: &'a str,
    /// Already encoded.
    pub(super) query: Option<&'a str>,
    pub(super) body: &'a Body,
    pub(super) idempotent: bool,
    /// `Wechatpay-Serial`: the key the body's encrypted fields were encrypted with.
    pub(super) serial: Option<&'a str>,
}

impl Sender {
    /// Signs `call` and sends it; a non-2xx answer is WeChat Pay's error. The answer is not
    /// verified here.
    pub(super) async fn send(&self, call: &Call<'_>) -> Result<Response> {
        let body: &[u8] = match call.body {
            Body::Json(json) => json,
            _ => &[],
        };
        // The signature covers the path and query as WeChat Pay receives them: relative to the
        // base URL's path prefix, which a proxy in front strips.
        let url = url_of(&self.transport, call)?;
        let signed = match url.query() {
            Some(query) => format!("{}?{query}", call.path),
            None => call.path.to_owned(),
        };
        let authorization =
            self.config
                .signer()
                .authorization(call.method.as_str(), &signed, body)?;
        let mut headers = HeaderMap::with_capacity(3);
        headers.insert(ACCEPT, HeaderValue::from_static("application/json"));
        headers.insert(AUTHORIZATION, header_value("Authorization", authorization)?);
        if let Some(serial) = call.serial {
            headers.insert(
                HeaderName::from_static("wechatpay-serial"),
                header_value(HEADER_SERIAL, serial.to_owned())?,
            );
        }
        let outgoing = Outgoing {
            headers: Some(&headers),
            status_error: Some(pay_error),
            wechat_errors: false,
            ..Outgoing::wechat(
                call.method.clone(),
                url,
                call.path,
                call.body,
                call.idempotent,
            )
        };
        match self.transport.send(&outgoing).await {
            Err(e) if cannot_connect(&e) && call.idempotent && self.backup.is_some() => {
                let backup = self.backup.as_ref().expect("checked above");
                tracing::warn!(error = %e, backup = %backup.shown_base_url(), "WeChat Pay unreachable, trying the backup domain");
                let url = url_of(backup, call)?;
                backup.send(&Outgoing { url, ..outgoing }).await
            }
            other => other,
        }
    }
}

/// The URL of `call` under `transport`'s base URL.
fn url_of(transport: &Transport, call: &Call<'_>) -> Result<Url> {
    let mut url = transport.url(call.path)?;
    url.set_query(call.query);
    Ok(url)
}

fn header_value(name: &str, value: String) -> Result<HeaderValue> {
    HeaderValue::try_from(value)
        .map_err(|_| Error::invalid_input(format!("`{name}` is not a valid header value")))
}

fn cannot_connect(error: &Error) -> bool {
    matches!(error, Error::Transport { source, .. } if source.is_connect())
}

/// The `Request-ID` header of an answer.
pub(super) fn request_id(headers: &HeaderMap) -> Option<&str> {
    headers.get(HEADER_REQUEST_ID).and_then(|v| v.to_str().ok())
}

/// A non-2xx answer of WeChat Pay: its `code`, `message`, `detail` and `Request-ID`.
fn pay_error(_path: &str, status: StatusCode, headers: &HeaderMap, body: &[u8]) -> Error {
    Error::Pay(ApiError::from_response(status.as_u16(), request_id(headers), body).into())
}
