//! The merchant side of virtual payment: withdrawals and the goods catalogue.

use axum::extract::State;
use serde_json::Value;

use super::{param_error, valid_order_no, Signed, XpayCall};
use crate::{
    api::{mini_program::RISKY_MARKER, ok, ok_empty, ApiResult},
    errcode,
    state::AppState,
    wx_error::WxError,
};

/// A yuan amount (`"12.34"`, `"5"`) in fen.
fn fen_of_yuan(yuan: &str) -> Option<u64> {
    let (whole, fraction) = yuan.split_once('.').unwrap_or((yuan, ""));
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole) || fraction.len() > 2 || (!fraction.is_empty() && !digits(fraction)) {
        return None;
    }
    let cents = format!("{fraction:0<2}").parse::<u64>().ok()?;
    whole
        .parse::<u64>()
        .ok()?
        .checked_mul(100)?
        .checked_add(cents)
}

/// `POST /xpay/create_withdraw_order` (payment signature): a `withdraw_no` of 8 to 32
/// characters, a `withdraw_amount` in yuan or none for all the income.
pub(super) async fn create_withdraw_order(
    State(state): State<AppState>,
    call: XpayCall,
) -> ApiResult {
    let mut inner = state.lock();
    let req = call.check(&inner, false)?;
    let withdraw_no = req
        .str("withdraw_no")
        .filter(|id| valid_order_no(id))
        .ok_or_else(|| param_error("withdraw_no"))?;
    let amount = match req.str("withdraw_amount") {
        None => None,
        Some(yuan) => Some(
            fen_of_yuan(yuan)
                .filter(|fen| *fen > 0)
                .ok_or_else(|| param_error("withdraw_amount"))?,
        ),
    };
    let answer = inner
        .xpay
        .withdraw(&call.appid, req.env, withdraw_no, amount)?;
    ok(answer)
}

/// `POST /xpay/query_withdraw_order` (payment signature).
pub(super) async fn query_withdraw_order(
    State(state): State<AppState>,
    call: XpayCall,
) -> ApiResult {
    let inner = state.lock();
    let req = call.check(&inner, false)?;
    let withdrawal = inner
        .xpay
        .withdrawal(&call.appid, req.env, req.required("withdraw_no")?)?;
    let mut answer = withdrawal;
    answer["errcode"] = serde_json::json!(errcode::OK);
    answer["errmsg"] = serde_json::json!("ok");
    ok(answer)
}

/// Checks one goods item to upload: `id` 1 to 64 letters, digits, `_` or `-`; `name` and
/// `remark` 1 to 1024 characters; `price` above 0; an `item_url` (268490002 naming the field);
/// no sensitive text (268490007).
fn goods_item(item: &Value) -> Result<Value, WxError> {
    let field = |name: &str| item.get(name).and_then(Value::as_str).unwrap_or_default();
    let id = field("id");
    if !(1..=64).contains(&id.len())
        || !id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
    {
        return Err(param_error("id"));
    }
    for name in ["name", "remark"] {
        let count = field(name).chars().count();
        if count == 0 || count > 1024 {
            return Err(param_error(name));
        }
    }
    if item
        .get("price")
        .and_then(Value::as_u64)
        .is_none_or(|price| price == 0)
    {
        return Err(param_error("price"));
    }
    if field("item_url").is_empty() {
        return Err(param_error("item_url"));
    }
    if field("name").contains(RISKY_MARKER) || field("remark").contains(RISKY_MARKER) {
        return Err(WxError::new(errcode::XPAY_SENSITIVE_CONTENT));
    }
    Ok(serde_json::json!({
        "id": id,
        "name": field("name"),
        "price": item["price"],
        "remark": field("remark"),
        "item_url": field("item_url"),
    }))
}

/// The non-empty array `name` of the body (268490002 otherwise).
fn items<'a>(req: &'a Signed, name: &str) -> Result<&'a Vec<Value>, WxError> {
    req.body
        .get(name)
        .and_then(Value::as_array)
        .filter(|items| !items.is_empty())
        .ok_or_else(|| param_error(name))
}

/// `POST /xpay/start_upload_goods` (payment signature): uploads the items at once.
pub(super) async fn start_upload_goods(State(state): State<AppState>, call: XpayCall) -> ApiResult {
    let mut inner = state.lock();
    let req = call.check(&inner, false)?;
    let goods = items(&req, "upload_item")?
        .iter()
        .map(goods_item)
        .collect::<Result<Vec<_>, _>>()?;
    inner.xpay.upload_goods(&call.appid, req.env, &goods);
    ok_empty()
}

/// `POST /xpay/query_upload_goods` (payment signature).
pub(super) async fn query_upload_goods(State(state): State<AppState>, call: XpayCall) -> ApiResult {
    let inner = state.lock();
    let req = call.check(&inner, false)?;
    let mut answer = inner.xpay.upload_task(&call.appid, req.env);
    answer["errcode"] = serde_json::json!(errcode::OK);
    answer["errmsg"] = serde_json::json!("ok");
    ok(answer)
}

/// `POST /xpay/start_publish_goods` (payment signature): publishes the uploaded items at once.
pub(super) async fn start_publish_goods(
    State(state): State<AppState>,
    call: XpayCall,
) -> ApiResult {
    let mut inner = state.lock();
    let req = call.check(&inner, false)?;
    let ids = items(&req, "publish_item")?
        .iter()
        .map(|item| {
            item.get("id")
                .and_then(Value::as_str)
                .filter(|id| !id.is_empty())
                .ok_or_else(|| param_error("id"))
        })
        .collect::<Result<Vec<_>, _>>()?;
    inner.xpay.publish_goods(&call.appid, req.env, &ids);
    ok_empty()
}

/// `POST /xpay/query_publish_goods` (payment signature).
pub(super) async fn query_publish_goods(
    State(state): State<AppState>,
    call: XpayCall,
) -> ApiResult {
    let inner = state.lock();
    let req = call.check(&inner, false)?;
    let mut answer = inner.xpay.publish_task(&call.appid, req.env);
    answer["errcode"] = serde_json::json!(errcode::OK);
    answer["errmsg"] = serde_json::json!("ok");
    ok(answer)
}

#[cfg(test)]
mod tests {
    use super::fen_of_yuan;

    #[test]
    fn yuan_amounts() {
        assert_eq!(fen_of_yuan("0.01"), Some(1));
        assert_eq!(fen_of_yuan("12.3"), Some(1230));
        assert_eq!(fen_of_yuan("5"), Some(500));
        assert_eq!(fen_of_yuan("1.234"), None);
        assert_eq!(fen_of_yuan("-1"), None);
        assert_eq!(fen_of_yuan(".5"), None);
    }
}
