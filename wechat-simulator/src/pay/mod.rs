//! The WeChat Pay API v3 sandbox, served under `/v3/` on the simulator's own root, so
//! `Simulator::pay_base_url()` stands in for `https://api.mch.weixin.qq.com`.
//!
//! Every route checks the merchant's `Authorization` (`auth::authenticate`) and every answer,
//! errors included, is signed (`auth::sign_answers`). Adding an endpoint is a handler in its area
//! module plus one `.route(..)` line there. Handlers take [`PayCaller`] (the authenticated
//! merchant), parse their body with [`json_body`] and the field helpers, and return [`PayResult`],
//! whose error side [`PayFailure`] renders WeChat Pay's `{"code","message","detail"}`.

mod auth;
mod bills;
mod certificates;
pub(crate) mod keys;
pub(crate) mod notify;
mod profit_sharing;
mod refunds;
mod transactions;
mod transfers;

use axum::{
    body::Bytes,
    handler::Handler,
    http::{header, HeaderMap, Method, StatusCode, Uri},
    middleware,
    response::{IntoResponse, Response},
    routing::{any, MethodRouter},
    Router,
};
use serde_json::{json, Value};

use crate::state::{pay::Merchant, AppState};

/// All Pay routes, with their authentication and answer signatures.
pub(crate) fn routes(state: AppState) -> Router<AppState> {
    Router::new()
        .merge(transactions::routes())
        .merge(refunds::routes())
        .merge(bills::routes())
        .merge(certificates::routes())
        .merge(transfers::routes())
        .merge(profit_sharing::routes())
        .route_layer(middleware::from_fn_with_state(
            state.clone(),
            auth::authenticate,
        ))
        // Unknown paths answer 404 before any signature check, as WeChat Pay's do.
        .route("/v3/{*rest}", any(not_found))
        .layer(middleware::from_fn_with_state(state, auth::sign_answers))
}

/// The merchant whose signature the request carries.
#[derive(Debug, Clone)]
pub(crate) struct PayCaller {
    pub(crate) mchid: String,
    /// The request's `Wechatpay-Serial`, if any (requests with encrypted fields send it).
    pub(crate) wechatpay_serial: Option<String>,
}

impl PayCaller {
    /// The `mchid` a request names must be the merchant that signed it.
    pub(crate) fn check_mchid(&self, mchid: &str) -> Result<(), PayFailure> {
        if mchid == self.mchid {
            Ok(())
        } else {
            Err(PayFailure::invalid(format!(
                "mchid {mchid} is not the merchant that signed the request ({})",
                self.mchid
            )))
        }
    }

    /// Encrypted fields need `Wechatpay-Serial` naming the key they were encrypted with.
    pub(crate) fn check_wechatpay_serial(&self, field: &str) -> Result<(), PayFailure> {
        match &self.wechatpay_serial {
            Some(serial) if keys::platform().knows(serial) => Ok(()),
            Some(serial) => Err(PayFailure::param(format!(
                "Wechatpay-Serial {serial} names no key of WeChat Pay's: {field} must be encrypted \
                 with the platform certificate ({}) or the public key ({})",
                keys::platform().certificate.serial(),
                keys::PUBLIC_KEY_ID
            ))
            .with_detail(json!({ "location": "header", "field": "Wechatpay-Serial" }))),
            None => Err(PayFailure::param(format!(
                "{field} is encrypted: send the Wechatpay-Serial header naming the key used"
            ))
            .with_detail(json!({ "location": "header", "field": "Wechatpay-Serial" }))),
        }
    }
}

/// A WeChat Pay error answer.
#[derive(Debug, Clone)]
pub(crate) struct PayFailure {
    pub(crate) status: StatusCode,
    pub(crate) code: &'static str,
    pub(crate) message: String,
    pub(crate) detail: Option<Value>,
}

impl PayFailure {
    pub(crate) fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        PayFailure {
            status,
            code,
            message: message.into(),
            detail: None,
        }
    }

    /// 400 `PARAM_ERROR`: a field is missing or malformed.
    pub(crate) fn param(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "PARAM_ERROR", message)
    }

    /// 400 `INVALID_REQUEST`: well-formed, but against the business rules.
    pub(crate) fn invalid(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "INVALID_REQUEST", message)
    }

    /// 404 with `code`.
    pub(crate) fn not_found(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, code, message)
    }

    pub(crate) fn with_detail(mut self, detail: Value) -> Self {
        self.detail = Some(detail);
        self
    }
}

impl IntoResponse for PayFailure {
    fn into_response(self) -> Response {
        let mut body = json!({ "code": self.code, "message": self.message });
        if let Some(detail) = self.detail {
            body["detail"] = detail;
        }
        json_answer(self.status, &body)
    }
}

/// What a handler returns.
pub(crate) type PayResult = Result<Response, PayFailure>;

fn json_answer(status: StatusCode, body: &Value) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
        body.to_string(),
    )
        .into_response()
}

/// 200 with a JSON body.
pub(crate) fn ok(body: Value) -> PayResult {
    Ok(json_answer(StatusCode::OK, &body))
}

/// 204 without a body.
pub(crate) fn no_content() -> PayResult {
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// A GET route; another method answers 405.
pub(crate) fn get<H, T>(handler: H) -> MethodRouter<AppState>
where
    H: Handler<T, AppState>,
    T: 'static,
{
    axum::routing::get(handler).fallback(method_not_allowed)
}

/// A POST route; another method answers 405.
pub(crate) fn post<H, T>(handler: H) -> MethodRouter<AppState>
where
    H: Handler<T, AppState>,
    T: 'static,
{
    axum::routing::post(handler).fallback(method_not_allowed)
}

async fn method_not_allowed(method: Method, uri: Uri) -> PayFailure {
    PayFailure::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "METHOD_NOT_ALLOWED",
        format!("{} does not take {method}", uri.path()),
    )
}

/// The answer to a path WeChat Pay does not serve.
async fn not_found(method: Method, uri: Uri) -> PayFailure {
    // WeChat Pay answers an empty 404 here; the sandbox says which path it does not know.
    PayFailure::not_found(
        "URL_NOT_FOUND",
        format!("no WeChat Pay API at {method} {}", uri.path()),
    )
}

/// The request body as JSON.
pub(crate) fn json_body(body: &Bytes) -> Result<Value, PayFailure> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(PayFailure::param("the request body is empty")
            .with_detail(json!({ "location": "body" })));
    }
    let value: Value = serde_json::from_slice(body).map_err(|e| {
        PayFailure::param(format!("the request body is not JSON: {e}"))
            .with_detail(json!({ "location": "body" }))
    })?;
    if !value.is_object() {
        return Err(PayFailure::param("the request body must be a JSON object")
            .with_detail(json!({ "location": "body" })));
    }
    Ok(value)
}

/// The pointer `/a/b` as `a.b`, for messages.
fn field_name(pointer: &str) -> String {
    pointer.trim_start_matches('/').replace('/', ".")
}

fn missing(pointer: &str) -> PayFailure {
    PayFailure::param(format!("{} is required", field_name(pointer)))
        .with_detail(json!({ "location": "body", "field": field_name(pointer) }))
}

fn malformed(pointer: &str, value: &Value, why: &str) -> PayFailure {
    PayFailure::param(format!("{} {why}", field_name(pointer))).with_detail(json!({
        "location": "body",
        "field": field_name(pointer),
        "value": value,
    }))
}

/// A string field (`pointer` as in `/amount/currency`), if present; an empty string counts as
/// absent, another type is an error.
pub(crate) fn opt_str<'a>(body: &'a Value, pointer: &str) -> Result<Option<&'a str>, PayFailure> {
    match body.pointer(pointer) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) if s.is_empty() => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(other) => Err(malformed(pointer, other, "must be a string")),
    }
}

/// A required, non-empty string field.
pub(crate) fn req_str<'a>(body: &'a Value, pointer: &str) -> Result<&'a str, PayFailure> {
    opt_str(body, pointer)?.ok_or_else(|| missing(pointer))
}

/// A string field of at most `max` characters.
pub(crate) fn check_len(pointer: &str, value: &str, max: usize) -> Result<(), PayFailure> {
    if value.chars().count() > max {
        return Err(malformed(
            pointer,
            &json!(value),
            &format!("is longer than {max} characters"),
        ));
    }
    Ok(())
}

/// A required amount in fen: an integer above zero.
pub(crate) fn req_fen(body: &Value, pointer: &str) -> Result<u64, PayFailure> {
    match body.pointer(pointer) {
        None | Some(Value::Null) => Err(missing(pointer)),
        Some(value) => match value.as_u64() {
            Some(fen) if fen > 0 => Ok(fen),
            _ => Err(malformed(
                pointer,
                value,
                "must be an integer number of fen above 0",
            )),
        },
    }
}

/// A merchant number checked by `check` (such as `wechat_pay::OutTradeNo::new`).
pub(crate) fn req_id<'a, T, E: std::fmt::Display>(
    body: &'a Value,
    pointer: &str,
    check: impl FnOnce(&'a str) -> Result<T, E>,
) -> Result<&'a str, PayFailure> {
    let value = req_str(body, pointer)?;
    check(value).map_err(|e| malformed(pointer, &json!(value), &format!("is invalid: {e}")))?;
    Ok(value)
}

/// A notify_url: an http or https URL without a query.
pub(crate) fn check_notify_url(pointer: &str, url: &str) -> Result<(), PayFailure> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    match rest {
        Some(rest) if !rest.is_empty() && !rest.starts_with('/') && !url.contains('?') => Ok(()),
        _ => Err(malformed(
            pointer,
            &json!(url),
            "must be an http:// or https:// URL without query parameters",
        )),
    }
}

/// Runs `f` on the caller's merchant under the lock, with the simulated unix time.
pub(crate) fn with_merchant<T>(
    state: &AppState,
    mchid: &str,
    f: impl FnOnce(&mut Merchant, i64) -> T,
) -> Result<T, PayFailure> {
    let mut inner = state.lock();
    let now = simulated_now(&inner);
    let merchant = inner.pay.merchant_mut(mchid).ok_or_else(|| {
        PayFailure::new(
            StatusCode::BAD_REQUEST,
            "MCH_NOT_EXISTS",
            "the merchant does not exist",
        )
    })?;
    Ok(f(merchant, now))
}

/// The simulated unix time: the wall clock plus the simulated clock's advance.
pub(crate) fn simulated_now(inner: &crate::state::Inner) -> i64 {
    let secs = crate::clock::unix_now().saturating_add(inner.tokens.offset().as_secs());
    i64::try_from(secs).unwrap_or(i64::MAX)
}

/// `http://host` of the request, for URLs that point back at the sandbox.
pub(crate) fn own_base(headers: &HeaderMap) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("127.0.0.1");
    format!("http://{host}")
}
