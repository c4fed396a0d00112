//! The two sides of WeChat Pay's signatures: the merchant's `Authorization` on each request,
//! checked against the certificate registered for its mchid, and the sandbox's signature on each
//! answer (`Wechatpay-Timestamp`, `-Nonce`, `-Signature`, `-Serial`), errors included.

use axum::{
    body::Body,
    extract::{Request, State},
    http::{header, request::Parts, HeaderMap, HeaderName, HeaderValue, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
};
use serde_json::{json, Value};
use wechat_pay::{
    Authorization, HEADER_NONCE, HEADER_REQUEST_ID, HEADER_SERIAL, HEADER_SIGNATURE,
    HEADER_TIMESTAMP, MAX_CLOCK_SKEW_SECS,
};

use super::{keys, PayCaller, PayFailure};
use crate::state::AppState;

/// Checks the merchant's signature; the handler runs only if it holds, with the [`PayCaller`]
/// in the request's extensions.
pub(super) async fn authenticate(
    State(state): State<AppState>,
    req: Request,
    next: Next,
) -> Response {
    let (parts, body) = req.into_parts();
    // The recording middleware has already read the body into memory, within its limit.
    let Ok(bytes) = axum::body::to_bytes(body, usize::MAX).await else {
        return PayFailure::param("the request body could not be read").into_response();
    };
    match check(&state, &parts, &bytes) {
        Ok(caller) => {
            let mut req = Request::from_parts(parts, Body::from(bytes));
            req.extensions_mut().insert(caller);
            next.run(req).await
        }
        Err(failure) => failure.into_response(),
    }
}

fn sign_error(message: impl Into<String>, detail: Value) -> PayFailure {
    PayFailure::new(StatusCode::UNAUTHORIZED, "SIGN_ERROR", message).with_detail(detail)
}

fn header_str<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

fn check(state: &AppState, parts: &Parts, body: &[u8]) -> Result<PayCaller, PayFailure> {
    let at_header = |field: &str| json!({ "location": "authorization", "field": field });
    let value = header_str(&parts.headers, header::AUTHORIZATION.as_str()).ok_or_else(|| {
        sign_error(
            "the Authorization header is missing: sign every request (WECHATPAY2-SHA256-RSA2048)",
            json!({ "location": "header", "field": "Authorization" }),
        )
    })?;
    let auth = Authorization::parse(value).map_err(|e| {
        sign_error(
            format!("the Authorization header is malformed: {e}"),
            json!({ "location": "header", "field": "Authorization" }),
        )
    })?;
    let (serial, key) = {
        let inner = state.lock();
        let merchant = inner.pay.merchant(&auth.mchid).ok_or_else(|| {
            PayFailure::new(
                StatusCode::BAD_REQUEST,
                "MCH_NOT_EXISTS",
                format!("merchant {} does not exist", auth.mchid),
            )
        })?;
        (merchant.serial.clone(), merchant.key.clone())
    };
    if !auth.serial_no.eq_ignore_ascii_case(&serial) {
        return Err(sign_error(
            format!(
                "serial_no {} is not the serial of merchant {}'s certificate",
                auth.serial_no, auth.mchid
            ),
            at_header("serial_no"),
        ));
    }
    let now = i64::try_from(crate::clock::unix_now()).unwrap_or(i64::MAX);
    if (now - auth.timestamp).abs() > MAX_CLOCK_SKEW_SECS {
        return Err(sign_error(
            format!(
                "timestamp {} is more than 5 minutes from the server's clock",
                auth.timestamp
            ),
            at_header("timestamp"),
        ));
    }
    let path_and_query = parts
        .uri
        .path_and_query()
        .map_or(parts.uri.path(), |pq| pq.as_str());
    let method = parts.method.as_str();
    // A full URL, so that a "://" in the query cannot be taken for the scheme's.
    let url = format!("http://sandbox{path_and_query}");
    if auth.verify(&key, method, &url, body).is_err() {
        let message =
            wechat_pay::request_message(method, &url, auth.timestamp, &auth.nonce_str, body);
        let shown: String = String::from_utf8_lossy(&message).chars().take(80).collect();
        return Err(sign_error(
            "the signature does not match the request: sign METHOD\\nPATH?QUERY\\nTIMESTAMP\\nNONCE\\nBODY\\n as sent",
            json!({
                "location": "authorization",
                "field": "signature",
                "detail": { "issue": "sign not match" },
                "sign_information": {
                    "method": method,
                    "url": path_and_query,
                    "sign_message_length": message.len(),
                    "truncated_sign_message": shown,
                },
            }),
        ));
    }
    Ok(PayCaller {
        mchid: auth.mchid,
        wechatpay_serial: header_str(&parts.headers, HEADER_SERIAL).map(str::to_owned),
    })
}

/// Signs every answer with the key the sign mode picks, over the real clock, and gives it a
/// `Request-ID`.
pub(super) async fn sign_answers(
    State(state): State<AppState>,
    req: Request,
    next: Next,
) -> Response {
    let response = next.run(req).await;
    let (mut parts, body) = response.into_parts();
    let bytes = match axum::body::to_bytes(body, usize::MAX).await {
        Ok(bytes) => bytes,
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    let mode = state.lock().pay.sign_mode;
    let signed = keys::platform().sign(mode, &bytes);
    let headers = [
        (HEADER_TIMESTAMP, signed.timestamp),
        (HEADER_NONCE, signed.nonce),
        (HEADER_SIGNATURE, signed.signature),
        (HEADER_SERIAL, signed.serial.to_owned()),
        (HEADER_REQUEST_ID, keys::request_id()),
    ];
    for (name, value) in headers {
        if let (Ok(name), Ok(value)) = (HeaderName::try_from(name), HeaderValue::try_from(value)) {
            parts.headers.insert(name, value);
        }
    }
    Response::from_parts(parts, Body::from(bytes))
}
