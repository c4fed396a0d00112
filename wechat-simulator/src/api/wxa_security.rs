//! Mini Program security and user-state APIs: `/wxa/media_check_async`,
//! `/wxa/getuserriskrank`, `/wxa/getpaidunionid`, `/wxa/business/getuserencryptkey`,
//! `/wxa/checksession`, and the customer service typing of Mini Programs
//! (`/cgi-bin/message/custom/business/typing`).
//!
//! The login-state APIs check the `signature` against the session key `jscode2session` gave
//! the user last (87009 otherwise). `getpaidunionid` answers for the orders of
//! `Simulator::add_paid_order` within 5 minutes of payment. A user whose openid holds `risky` has
//! risk rank 4, anyone else 0.

use axum::{extract::State, Router};
use base64::{engine::general_purpose::STANDARD, Engine as _};
use bytes::Bytes;
use ring::hmac;
use serde_json::{json, Value};

use super::{
    credentials::AccessToken,
    get,
    message::{text, touser, valid_openid},
    ok, ok_empty, post, ApiResult, Params, WxJson,
};
use crate::{
    clock::unix_now,
    errcode,
    ids::unionid,
    state::{wxa_shipping::OrderRef, xpay::hmac_sha256_matches, AppState, Inner},
    tokens::random_string,
    wx_error::WxError,
};

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/wxa/media_check_async", post(media_check_async))
        .route("/wxa/getuserriskrank", post(getuserriskrank))
        .route("/wxa/getpaidunionid", get(getpaidunionid))
        .route("/wxa/business/getuserencryptkey", post(getuserencryptkey))
        .route("/wxa/checksession", get(checksession))
        .route("/cgi-bin/message/custom/business/typing", post(typing))
}

/// How long after payment `getpaidunionid` answers, in seconds.
const PAID_UNIONID_WINDOW: u64 = 300;
/// How long a user's encryption key lives, in seconds.
const ENCRYPT_KEY_TTL: u64 = 3600;

fn fail(code: i64) -> WxError {
    WxError::new(code)
}

/// The body's `openid`: 40003 when missing or malformed.
fn openid(body: &Value) -> Result<&str, WxError> {
    text(body, "openid")
        .filter(|openid| valid_openid(openid))
        .ok_or_else(|| fail(errcode::INVALID_OPENID))
}

/// A request id shaped as WeChat's (`64a2b3ba-3f9f1f69-61ab1bb7`).
fn trace_id() -> String {
    format!(
        "{:08x}-{}-{}",
        unix_now(),
        random_string(8).to_lowercase(),
        random_string(8).to_lowercase()
    )
}

/// `POST /wxa/media_check_async` (version 2): an http(s) `media_url`, `media_type` 1 (audio)
/// or 2 (image), `scene` 1 to 4 (40097 otherwise), a user's openid (40003); the trace id.
async fn media_check_async(_auth: AccessToken, WxJson(body): WxJson<Value>) -> ApiResult {
    openid(&body)?;
    let number = |name: &str| body.get(name).and_then(Value::as_u64);
    let args_ok = text(&body, "media_url")
        .is_some_and(|url| url.starts_with("http://") || url.starts_with("https://"))
        && matches!(number("media_type"), Some(1 | 2))
        && number("version") == Some(2)
        && number("scene").is_some_and(|scene| (1..=4).contains(&scene));
    if !args_ok {
        return Err(fail(errcode::INVALID_ARGS));
    }
    ok(json!({ "errcode": errcode::OK, "errmsg": "ok", "trace_id": trace_id() }))
}

/// `POST /wxa/getuserriskrank`: the caller's own `appid` (40013), a user's openid (40003),
/// `scene` 0 to 2 and a `client_ip` (40097).
async fn getuserriskrank(auth: AccessToken, WxJson(body): WxJson<Value>) -> ApiResult {
    if text(&body, "appid") != Some(auth.appid.as_str()) {
        return Err(fail(errcode::INVALID_APPID));
    }
    let openid = openid(&body)?;
    let scene_ok = body
        .get("scene")
        .and_then(Value::as_u64)
        .is_some_and(|scene| scene <= 2);
    if !scene_ok || text(&body, "client_ip").is_none() {
        return Err(fail(errcode::INVALID_ARGS));
    }
    let risk_rank = if openid.contains("risky") { 4 } else { 0 };
    ok(json!({
        "errcode": errcode::OK,
        "errmsg": "getuserriskrank succ",
        "risk_rank": risk_rank,
        "unoin_id": u64::from(rand::random::<u32>()),
    }))
}

/// `GET /wxa/getpaidunionid?openid&transaction_id` or `?openid&mch_id&out_trade_no`: the
/// payer's unionid within 5 minutes of payment (89300 otherwise, 40003 for another user).
async fn getpaidunionid(
    State(state): State<AppState>,
    auth: AccessToken,
    params: Params,
) -> ApiResult {
    let openid = params
        .get("openid")
        .filter(|openid| valid_openid(openid))
        .ok_or_else(|| fail(errcode::INVALID_OPENID))?;
    let order = match (
        params.get("transaction_id"),
        params.get("mch_id"),
        params.get("out_trade_no"),
    ) {
        (Some(id), _, _) => OrderRef::TransactionId(id.to_owned()),
        (None, Some(merchant_id), Some(trade_no)) => OrderRef::TradeNo {
            merchant_id: merchant_id.to_owned(),
            trade_no: trade_no.to_owned(),
        },
        _ => return Err(fail(errcode::INVALID_TRADE)),
    };
    let (payer, pay_time) = state
        .lock()
        .wxa_shipping
        .payer(&auth.appid, &order)
        .ok_or_else(|| fail(errcode::INVALID_TRADE))?;
    if payer != openid {
        return Err(fail(errcode::INVALID_OPENID));
    }
    if unix_now() > pay_time + PAID_UNIONID_WINDOW {
        return Err(fail(errcode::INVALID_TRADE));
    }
    ok(json!({
        "errcode": errcode::OK,
        "errmsg": "ok",
        "unionid": unionid(&auth.appid, openid),
    }))
}

/// The user's session key, when `params` carry an openid and a `hmac_sha256` `signature` of
/// the empty string made with it (87009 otherwise, 40003 without an openid).
fn session_key<'a>(inner: &'a Inner, appid: &str, params: &Params) -> Result<&'a str, WxError> {
    let openid = params
        .get("openid")
        .filter(|openid| valid_openid(openid))
        .ok_or_else(|| fail(errcode::INVALID_OPENID))?;
    let signature = params.get("signature").unwrap_or_default();
    let session_key = inner
        .mini_program
        .session_key(appid, openid)
        .filter(|_| params.get("sig_method") == Some("hmac_sha256"))
        .filter(|key| hmac_sha256_matches(key, &[b""], signature))
        .ok_or_else(|| fail(errcode::INVALID_SIGNATURE))?;
    Ok(session_key)
}

/// One of a user's encryption keys, derived from the session key so that it stays the same
/// within its hour: `version` (the newest first), made at `create_time`.
fn encrypt_key(session_key: &str, version: u64, create_time: u64, now: u64) -> Value {
    let key = hmac::Key::new(hmac::HMAC_SHA256, session_key.as_bytes());
    let derive = |what: &str| hmac::sign(&key, format!("{what} {create_time}").as_bytes());
    let encrypt_key = STANDARD.encode(&derive("encrypt_key").as_ref()[..16]);
    let iv: String = derive("iv").as_ref()[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    json!({
        "encrypt_key": encrypt_key,
        "version": version,
        "expire_in": (create_time + ENCRYPT_KEY_TTL).saturating_sub(now),
        "iv": iv,
        "create_time": create_time,
    })
}

/// `POST /wxa/business/getuserencryptkey?openid&signature&sig_method=hmac_sha256`, no body
/// (87009 with one, as WeChat): the user's last three keys, one per hour, the newest first.
async fn getuserencryptkey(
    State(state): State<AppState>,
    auth: AccessToken,
    params: Params,
    body: Bytes,
) -> ApiResult {
    let inner = state.lock();
    let session_key = session_key(&inner, &auth.appid, &params)?;
    if !body.is_empty() {
        return Err(fail(errcode::INVALID_SIGNATURE));
    }
    let now = unix_now();
    let hour = now - now % ENCRYPT_KEY_TTL;
    let version = hour / ENCRYPT_KEY_TTL;
    let keys: Vec<Value> = (0..3)
        .map(|age| {
            encrypt_key(
                session_key,
                version - age,
                hour - age * ENCRYPT_KEY_TTL,
                now,
            )
        })
        .collect();
    ok(json!({ "errcode": errcode::OK, "errmsg": "ok", "key_info_list": keys }))
}

/// `GET /wxa/checksession?openid&signature&sig_method=hmac_sha256`: ok while the signature is
/// made with the user's live session key, 87009 otherwise.
async fn checksession(
    State(state): State<AppState>,
    auth: AccessToken,
    params: Params,
) -> ApiResult {
    session_key(&state.lock(), &auth.appid, &params)?;
    ok_empty()
}

/// `POST /cgi-bin/message/custom/business/typing`: `command` is `Typing` or `CancelTyping`
/// (else 45072).
async fn typing(_auth: AccessToken, WxJson(body): WxJson<Value>) -> ApiResult {
    touser(&body)?;
    match text(&body, "command") {
        Some("Typing" | "CancelTyping") => ok_empty(),
        _ => Err(fail(errcode::INVALID_TYPING_COMMAND)),
    }
}
