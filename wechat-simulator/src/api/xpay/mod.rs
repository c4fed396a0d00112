//! Mini Program virtual payment (`/xpay/*`).
//!
//! Every call must carry a `pay_sig` made with the app's AppKey (`Simulator::set_xpay_app_key`;
//! an app without one fails every signature with 268490003) over `uri&body`; the calls that act
//! for a user also carry the user `signature` made with the session key `jscode2session` gave
//! the user last (268490009 when the user never logged in). Token accounts are kept per app,
//! environment and user; cash orders come from `Simulator::add_xpay_order`, as if paid through
//! `wx.requestVirtualPayment`, and make the income withdrawals draw from (paid out at once when
//! it covers them). Goods named with `simulated-risky` are refused as sensitive.

use axum::{
    extract::{FromRequest, FromRequestParts, Request, State},
    Router,
};
use bytes::Bytes;
use serde_json::Value;

mod merchant;

use super::{credentials::AccessToken, ok, ok_empty, post, ApiResult, Params};
use crate::{
    errcode,
    state::{xpay::hmac_sha256_matches, xpay::Refund, AppState, Inner},
    wx_error::WxError,
};

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/xpay/query_user_balance", post(query_user_balance))
        .route("/xpay/currency_pay", post(currency_pay))
        .route("/xpay/cancel_currency_pay", post(cancel_currency_pay))
        .route("/xpay/present_currency", post(present_currency))
        .route("/xpay/query_order", post(query_order))
        .route("/xpay/notify_provide_goods", post(notify_provide_goods))
        .route("/xpay/refund_order", post(refund_order))
        .route("/xpay/download_bill", post(download_bill))
        .route(
            "/xpay/create_withdraw_order",
            post(merchant::create_withdraw_order),
        )
        .route(
            "/xpay/query_withdraw_order",
            post(merchant::query_withdraw_order),
        )
        .route(
            "/xpay/start_upload_goods",
            post(merchant::start_upload_goods),
        )
        .route(
            "/xpay/query_upload_goods",
            post(merchant::query_upload_goods),
        )
        .route(
            "/xpay/start_publish_goods",
            post(merchant::start_publish_goods),
        )
        .route(
            "/xpay/query_publish_goods",
            post(merchant::query_publish_goods),
        )
}

/// A request that passed the signature checks: its JSON body and environment.
struct Signed {
    body: Value,
    env: u8,
}

impl Signed {
    fn str(&self, name: &str) -> Option<&str> {
        self.body
            .get(name)
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
    }

    /// A required string field: 268490002 when missing.
    fn required(&self, name: &str) -> Result<&str, WxError> {
        self.str(name).ok_or_else(|| param_error(name))
    }

    /// A required positive amount: 268490002 otherwise.
    fn amount(&self, name: &str) -> Result<u64, WxError> {
        self.body
            .get(name)
            .and_then(Value::as_u64)
            .filter(|amount| *amount > 0)
            .ok_or_else(|| param_error(name))
    }

    /// The openid: 268490001 when missing.
    fn openid(&self) -> Result<&str, WxError> {
        self.str("openid")
            .ok_or_else(|| WxError::new(errcode::XPAY_INVALID_OPENID))
    }
}

/// 268490002 naming the field, as WeChat's errmsg does.
fn param_error(name: &str) -> WxError {
    WxError {
        errcode: errcode::XPAY_INVALID_PARAM,
        errmsg: format!("请求参数字段[{name}]错误"),
    }
}

/// An xpay call as it arrived: the caller's appid, and the path, query and body the signatures
/// cover (`pay_sig` is over `path&body`).
struct XpayCall {
    appid: String,
    path: String,
    params: Params,
    bytes: Bytes,
}

impl FromRequest<AppState> for XpayCall {
    type Rejection = WxError;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, WxError> {
        let (mut parts, body) = req.into_parts();
        let auth = AccessToken::from_request_parts(&mut parts, state).await?;
        let params = Params::from_request_parts(&mut parts, state).await?;
        let path = parts.uri.path().to_owned();
        let bytes = Bytes::from_request(Request::from_parts(parts, body), state)
            .await
            .map_err(|_| WxError::new(errcode::DATA_FORMAT_ERROR))?;
        Ok(XpayCall {
            appid: auth.appid,
            path,
            params,
            bytes,
        })
    }
}

impl XpayCall {
    /// Checks the body, its `pay_sig` and (when `user`) its user `signature`, as WeChat does: a
    /// JSON body (47001), a `pay_sig` (268490002) matching the AppKey (268490003), an `env` of 0
    /// or 1 (268490002), and for user calls an openid (268490001) with a live session key
    /// (268490009) that made the `signature` (268490003).
    fn check(&self, inner: &Inner, user: bool) -> Result<Signed, WxError> {
        let body: Value = serde_json::from_slice(&self.bytes)
            .ok()
            .filter(Value::is_object)
            .ok_or_else(|| WxError::new(errcode::DATA_FORMAT_ERROR))?;
        let pay_sig = self.params.get("pay_sig").ok_or_else(|| WxError {
            errcode: errcode::XPAY_INVALID_PARAM,
            errmsg: "签名字段[pay_sig]为空".to_owned(),
        })?;
        if !inner
            .xpay
            .pay_sig_matches(&self.appid, &self.path, &self.bytes, pay_sig)
        {
            return Err(WxError::new(errcode::XPAY_INVALID_SIGNATURE));
        }
        let env = match body.get("env").map(Value::as_u64) {
            None => 0,
            Some(Some(env @ (0 | 1))) => env as u8,
            Some(_) => return Err(param_error("env")),
        };
        let signed = Signed { body, env };
        if user {
            let openid = signed.openid()?;
            let signature = self.params.get("signature").ok_or_else(|| WxError {
                errcode: errcode::XPAY_INVALID_PARAM,
                errmsg: "签名字段[signature]为空".to_owned(),
            })?;
            let session_key = inner
                .mini_program
                .session_key(&self.appid, openid)
                .ok_or_else(|| WxError::new(errcode::XPAY_SESSION_KEY_EXPIRED))?;
            if !hmac_sha256_matches(session_key, &[&self.bytes], signature) {
                return Err(WxError::new(errcode::XPAY_INVALID_SIGNATURE));
            }
        }
        Ok(signed)
    }
}

/// `POST /xpay/query_user_balance` (payment and user signatures): the user's tokens.
async fn query_user_balance(State(state): State<AppState>, call: XpayCall) -> ApiResult {
    let inner = state.lock();
    let req = call.check(&inner, true)?;
    req.required("user_ip")?;
    ok(inner.xpay.balance(&call.appid, req.env, req.openid()?))
}

/// `POST /xpay/currency_pay` (payment and user signatures): spends tokens, once per
/// `order_id` (268490004), within the balance (268490006).
async fn currency_pay(State(state): State<AppState>, call: XpayCall) -> ApiResult {
    let mut inner = state.lock();
    let req = call.check(&inner, true)?;
    req.required("user_ip")?;
    let answer = inner.xpay.pay(
        &call.appid,
        req.env,
        req.openid()?,
        req.required("order_id")?,
        req.amount("amount")?,
    )?;
    ok(answer)
}

/// `POST /xpay/cancel_currency_pay` (payment and user signatures): gives back tokens of a
/// payment, at most what is left of it (268490006; 268490005 once all is given back).
async fn cancel_currency_pay(State(state): State<AppState>, call: XpayCall) -> ApiResult {
    let mut inner = state.lock();
    let req = call.check(&inner, true)?;
    req.required("user_ip")?;
    let answer = inner.xpay.cancel(
        &call.appid,
        req.env,
        req.openid()?,
        req.required("pay_order_id")?,
        req.required("order_id")?,
        req.amount("amount")?,
    )?;
    ok(answer)
}

/// `POST /xpay/present_currency` (payment signature): presents tokens, once per `order_id`.
async fn present_currency(State(state): State<AppState>, call: XpayCall) -> ApiResult {
    let mut inner = state.lock();
    let req = call.check(&inner, false)?;
    let answer = inner.xpay.present(
        &call.appid,
        req.env,
        req.openid()?,
        req.required("order_id")?,
        req.amount("amount")?,
    )?;
    ok(answer)
}

/// `POST /xpay/query_order` (payment signature): a cash order of the user, by `order_id` or
/// `wx_order_id`.
async fn query_order(State(state): State<AppState>, call: XpayCall) -> ApiResult {
    let inner = state.lock();
    let req = call.check(&inner, false)?;
    let order = inner.xpay.order(
        &call.appid,
        req.env,
        req.openid()?,
        req.str("order_id"),
        req.str("wx_order_id"),
    )?;
    ok(serde_json::json!({ "errcode": errcode::OK, "errmsg": "ok", "order": order }))
}

/// `POST /xpay/notify_provide_goods` (payment signature): a paid order's goods are delivered.
async fn notify_provide_goods(State(state): State<AppState>, call: XpayCall) -> ApiResult {
    let mut inner = state.lock();
    let req = call.check(&inner, false)?;
    inner.xpay.provide(
        &call.appid,
        req.env,
        req.str("order_id"),
        req.str("wx_order_id"),
    )?;
    ok_empty()
}

/// `POST /xpay/refund_order` (payment signature): refunds `refund_fee` of a paid order whose
/// current `left_fee` the request names, under a new `refund_order_id` (8 to 32 characters).
async fn refund_order(State(state): State<AppState>, call: XpayCall) -> ApiResult {
    let mut inner = state.lock();
    let req = call.check(&inner, false)?;
    let refund_order_id = req
        .str("refund_order_id")
        .filter(|id| valid_order_no(id))
        .ok_or_else(|| param_error("refund_order_id"))?;
    let reason_ok = req
        .str("refund_reason")
        .is_none_or(|r| matches!(r, "0" | "1" | "2" | "3" | "4" | "5"));
    let from_ok = req
        .str("req_from")
        .is_none_or(|r| matches!(r, "1" | "2" | "3"));
    if !reason_ok || !from_ok {
        return Err(param_error(if reason_ok {
            "req_from"
        } else {
            "refund_reason"
        }));
    }
    let left_fee = req
        .body
        .get("left_fee")
        .and_then(Value::as_u64)
        .ok_or_else(|| param_error("left_fee"))?;
    let refund = Refund {
        openid: req.openid()?,
        order_id: req.str("order_id"),
        wx_order_id: req.str("wx_order_id"),
        refund_order_id,
        left_fee,
        refund_fee: req.amount("refund_fee")?,
        biz_meta: req.str("biz_meta").unwrap_or_default(),
    };
    let answer = inner.xpay.refund(&call.appid, req.env, &refund)?;
    ok(answer)
}

/// `POST /xpay/download_bill` (payment signature): `begin_ds` and `end_ds` as `yyyymmdd`
/// numbers; 268490011 on the first ask of a range, then the URL.
async fn download_bill(State(state): State<AppState>, call: XpayCall) -> ApiResult {
    let mut inner = state.lock();
    let req = call.check(&inner, false)?;
    let day = |name: &str| {
        req.body
            .get(name)
            .and_then(Value::as_u64)
            .filter(|day| (19_700_101..=99_991_231).contains(day))
            .ok_or_else(|| param_error(name))
    };
    let (begin_ds, end_ds) = (day("begin_ds")?, day("end_ds")?);
    if begin_ds > end_ds {
        return Err(param_error("begin_ds"));
    }
    let answer = inner.xpay.bill(&call.appid, begin_ds, end_ds)?;
    ok(answer)
}

/// Whether `id` is 8 to 32 letters, digits, `_` or `-` (withdrawal and refund ids).
fn valid_order_no(id: &str) -> bool {
    (8..=32).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}
