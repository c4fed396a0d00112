//! One call: [`PayRequest`] collects it, has it signed and sent (`sender`), has the answer
//! verified (`certificates`), and hands back a [`PayResponse`].

use bytes::Bytes;
use reqwest::header::HeaderMap;
use reqwest::{Method, StatusCode};
use serde::de::DeserializeOwned;
use serde::Serialize;
use tracing::Instrument;
use wechat_pay::{SignatureHeaders, VerifiedBy};

use super::certificates;
use super::sender::{request_id, Call, Sender};
use crate::call::transport::{Body, Response};
use crate::error::{Error, Result};

/// A WeChat Pay request being built: from [`PayClient::request`](super::PayClient::request) or
/// a typed endpoint.
///
/// ```no_run
/// # async fn run(pay: wechat_runtime::pay::PayClient) -> Result<(), wechat_runtime::Error> {
/// use wechat_runtime::Method;
///
/// let answer = pay
///     .request(Method::POST, "/v3/pay/transactions/out-trade-no/1217752501201407033233368018/close")
///     .json(&serde_json::json!({ "mchid": pay.mchid() }))
///     // Closing twice closes once: WeChat Pay keys it by the merchant's order number.
///     .idempotent(true)
///     .send()
///     .await?;
/// assert_eq!(answer.status(), 204);
/// println!("Request-ID {:?}", answer.request_id());
/// # Ok(()) }
/// ```
#[must_use = "a request does nothing until it is sent"]
pub struct PayRequest<'a> {
    sender: &'a Sender,
    method: Method,
    path: String,
    query: Option<String>,
    body: Body,
    idempotent: bool,
    serial: Option<String>,
    verify: bool,
    /// The first error of a setter, reported by `send`.
    error: Option<Error>,
}

impl std::fmt::Debug for PayRequest<'_> {
    /// The method, path and query; of the body only its length (it may carry personal data).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let body_len = match &self.body {
            Body::Json(json) => json.len(),
            _ => 0,
        };
        f.debug_struct("PayRequest")
            .field("method", &self.method)
            .field("path", &self.path)
            .field("query", &self.query)
            .field("body_len", &body_len)
            .field("idempotent", &self.idempotent)
            .field("wechatpay_serial", &self.serial)
            .finish_non_exhaustive()
    }
}

impl<'a> PayRequest<'a> {
    pub(super) fn new(sender: &'a Sender, method: Method, path: &str) -> Self {
        PayRequest {
            idempotent: method == Method::GET,
            sender,
            method,
            path: path.to_owned(),
            query: None,
            body: Body::Empty,
            serial: None,
            verify: true,
            error: None,
        }
    }

    /// The query string, from pairs or any `Serialize` struct (`serde_urlencoded`); part of the
    /// signed message.
    pub fn query(mut self, query: &(impl Serialize + ?Sized)) -> Self {
        match serde_urlencoded::to_string(query) {
            Ok(query) if query.is_empty() => self.query = None,
            Ok(query) => self.query = Some(query),
            Err(e) => self.fail(Error::invalid_input(format!(
                "the query of {} cannot be encoded: {e}",
                self.path
            ))),
        }
        self
    }

    /// A JSON body; part of the signed message.
    pub fn json(mut self, body: &(impl Serialize + ?Sized)) -> Self {
        match Body::json(body) {
            Ok(body) => self.body = body,
            Err(e) => self.fail(e),
        }
        self
    }

    /// Whether the call may be sent again after it may have arrived (a transient failure, the
    /// backup domain). A `GET` is; a `POST` is only when WeChat Pay keys it by a merchant
    /// number, so that a second one does nothing more than the first (a prepay by
    /// `out_trade_no`, a refund by `out_refund_no`, a transfer by `out_bill_no`).
    pub fn idempotent(mut self, idempotent: bool) -> Self {
        self.idempotent = idempotent;
        self
    }

    /// `Wechatpay-Serial`: the key the body's encrypted fields were encrypted with
    /// ([`Encryptor::serial`](wechat_pay::Encryptor::serial)).
    pub fn wechatpay_serial(mut self, serial: impl Into<String>) -> Self {
        self.serial = Some(serial.into());
        self
    }

    /// An answer WeChat Pay does not sign (a bill file, checked by its digest instead).
    pub(crate) fn unsigned_answer(mut self) -> Self {
        self.verify = false;
        self
    }

    fn fail(&mut self, error: Error) {
        self.error.get_or_insert(error);
    }

    /// Sends the request and decodes the verified JSON answer.
    pub async fn send_json<R: DeserializeOwned>(self) -> Result<R> {
        self.send().await?.json()
    }

    /// Sends the request and verifies the answer. A 2xx answer without a valid signature is an
    /// error ([`Error::Pay`] with a verification error); a non-2xx one is WeChat Pay's error
    /// (`code`, `message`, `detail`, `Request-ID`).
    pub async fn send(self) -> Result<PayResponse> {
        let span = tracing::info_span!(
            "wechat_pay",
            method = %self.method,
            path = %self.path,
            request_id = tracing::field::Empty,
        );
        self.send_traced().instrument(span).await
    }

    async fn send_traced(self) -> Result<PayResponse> {
        if let Some(error) = self.error {
            return Err(error);
        }
        if !self.path.starts_with('/') || self.path.contains(['?', '#']) {
            return Err(Error::invalid_input(format!(
                "a WeChat Pay path starts with `/` and has no query (give it with `query`): `{}`",
                self.path
            )));
        }
        let call = Call {
            method: &self.method,
            path: &self.path,
            query: self.query.as_deref(),
            body: &self.body,
            idempotent: self.idempotent,
            serial: self.serial.as_deref(),
        };
        let response = self.sender.send(&call).await.inspect_err(|e| {
            record_request_id(e.pay_request_id());
            tracing::debug!(error = %e, "WeChat Pay call failed");
        })?;
        record_request_id(request_id(response.headers()));
        let verified_by = if self.verify {
            let verified = match SignatureHeaders::from_header_map(response.headers()) {
                Ok(signature) => {
                    certificates::verify(self.sender, &signature, response.bytes()).await
                }
                Err(e) => Err(e.into()),
            };
            // Not WeChat Pay's answer, or not as it sent it: worth an operator's attention.
            Some(verified.inspect_err(
                |e| tracing::warn!(error = %e, "a WeChat Pay answer failed verification"),
            )?)
        } else {
            None
        };
        tracing::debug!(status = response.status().as_u16(), "WeChat Pay answered");
        Ok(PayResponse {
            response,
            verified_by,
        })
    }
}

fn record_request_id(request_id: Option<&str>) {
    if let Some(id) = request_id {
        tracing::Span::current().record("request_id", tracing::field::display(id));
    }
}

/// A verified answer of WeChat Pay.
///
/// ```no_run
/// # async fn run(pay: wechat_runtime::pay::PayClient) -> Result<(), wechat_runtime::Error> {
/// let answer = pay.request(wechat_runtime::Method::GET, "/v3/certificates").send().await?;
/// println!("{} signed by {:?}", answer.status(), answer.verified_by().map(|by| by.serial()));
/// let body: serde_json::Value = answer.json()?;
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
pub struct PayResponse {
    response: Response,
    verified_by: Option<VerifiedBy>,
}

impl PayResponse {
    /// The HTTP status (200, or 204 for a call with no answer body).
    pub fn status(&self) -> StatusCode {
        self.response.status()
    }

    /// The answer's headers.
    pub fn headers(&self) -> &HeaderMap {
        self.response.headers()
    }

    /// The body, exactly as received and verified.
    pub fn body(&self) -> &Bytes {
        self.response.bytes()
    }

    /// The `Request-ID` WeChat Pay gave the call, to quote to its support.
    pub fn request_id(&self) -> Option<&str> {
        request_id(self.response.headers())
    }

    /// The key that verified the answer (none for a bill file, checked by its digest).
    pub fn verified_by(&self) -> Option<&VerifiedBy> {
        self.verified_by.as_ref()
    }

    /// The body as JSON.
    pub fn json<R: DeserializeOwned>(&self) -> Result<R> {
        self.response.json()
    }
}
