//! Mini Program shipping information management (`/wxa/sec/order/*`).
//!
//! Paid orders come from `Simulator::add_paid_order`, as WeChat Pay would record them. An
//! upload ships an order (a split delivery only once `is_all_delivered`); a shipped order can be
//! shipped again once (10060003 after that), never once received (10060004). `get_order` and
//! `get_order_list` show the state; the receipt reminder works once per shipped express order.

use axum::{extract::State, Router};
use serde_json::Value;

use super::{credentials::AccessToken, ok, ok_empty, post, ApiResult, WxJson};
use crate::{
    errcode,
    state::{
        wxa_shipping::{OrderFilter, OrderRef, Package, Shipment},
        AppState,
    },
    wx_error::WxError,
};

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/wxa/sec/order/upload_shipping_info", post(upload))
        .route(
            "/wxa/sec/order/upload_combined_shipping_info",
            post(upload_combined),
        )
        .route("/wxa/sec/order/get_order", post(get_order))
        .route("/wxa/sec/order/get_order_list", post(get_order_list))
        .route(
            "/wxa/sec/order/notify_confirm_receive",
            post(notify_confirm_receive),
        )
        .route("/wxa/sec/order/set_msg_jump_path", post(set_msg_jump_path))
        .route("/wxa/sec/order/opspecialorder", post(opspecialorder))
        .route("/wxa/sec/order/is_trade_managed", post(is_trade_managed))
        .route(
            "/wxa/sec/order/is_trade_management_confirmation_completed",
            post(is_trade_management_confirmation_completed),
        )
}

fn fail(code: i64) -> WxError {
    WxError::new(code)
}

fn text<'a>(value: &'a Value, name: &str) -> Option<&'a str> {
    value
        .get(name)
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
}

/// An `order_key`: `order_number_type` 1 names `mchid` and `out_trade_no`, 2 names
/// `transaction_id` (47001 otherwise, as WeChat's "data format error").
fn order_key(value: Option<&Value>) -> Result<OrderRef, WxError> {
    let key = value.ok_or_else(|| fail(errcode::DATA_FORMAT_ERROR))?;
    let order = match key.get("order_number_type").and_then(Value::as_u64) {
        Some(1) => {
            text(key, "mchid")
                .zip(text(key, "out_trade_no"))
                .map(|(merchant_id, trade_no)| OrderRef::TradeNo {
                    merchant_id: merchant_id.to_owned(),
                    trade_no: trade_no.to_owned(),
                })
        }
        Some(2) => text(key, "transaction_id").map(|id| OrderRef::TransactionId(id.to_owned())),
        _ => None,
    };
    order.ok_or_else(|| fail(errcode::DATA_FORMAT_ERROR))
}

/// A trade named the `get_order` way: `transaction_id`, or `merchant_id` with
/// `merchant_trade_no` (10060001 when neither).
fn trade_ref(body: &Value) -> Result<OrderRef, WxError> {
    if let Some(id) = text(body, "transaction_id") {
        return Ok(OrderRef::TransactionId(id.to_owned()));
    }
    text(body, "merchant_id")
        .zip(text(body, "merchant_trade_no"))
        .map(|(merchant_id, trade_no)| OrderRef::TradeNo {
            merchant_id: merchant_id.to_owned(),
            trade_no: trade_no.to_owned(),
        })
        .ok_or_else(|| fail(errcode::SHIPPING_ORDER_NOT_FOUND))
}

/// Whether `time` is RFC 3339 (`2022-12-15T13:29:35.120+08:00`, `2024-05-07T16:48:34Z`).
fn is_rfc3339(time: &str) -> bool {
    let b = time.as_bytes();
    let digits = |from: usize, to: usize| {
        b.get(from..to)
            .is_some_and(|part| part.iter().all(u8::is_ascii_digit))
    };
    let shape = digits(0, 4)
        && b.get(4) == Some(&b'-')
        && digits(5, 7)
        && b.get(7) == Some(&b'-')
        && digits(8, 10)
        && matches!(b.get(10), Some(b'T' | b't'))
        && digits(11, 13)
        && b.get(13) == Some(&b':')
        && digits(14, 16)
        && b.get(16) == Some(&b':')
        && digits(17, 19);
    let mut zone = b.get(19..).unwrap_or_default();
    if let Some(fraction) = zone.strip_prefix(b".") {
        zone = &fraction[fraction.iter().take_while(|c| c.is_ascii_digit()).count()..];
    }
    let zone_ok = matches!(zone, b"Z" | b"z")
        || (zone.len() == 6
            && matches!(zone[0], b'+' | b'-')
            && zone[3] == b':'
            && zone[1..3].iter().chain(&zone[4..]).all(u8::is_ascii_digit));
    shape && zone_ok
}

/// The shipment of one order (`upload_shipping_info`'s body, or one of `sub_orders`), checked as
/// WeChat does.
fn shipment(value: &Value) -> Result<Shipment, WxError> {
    let order = order_key(value.get("order_key"))?;
    let logistics_type = match value.get("logistics_type").and_then(Value::as_u64) {
        Some(t @ 1..=4) => t as u8,
        Some(_) => return Err(fail(errcode::SHIPPING_INVALID_LOGISTICS_TYPE)),
        None => return Err(fail(errcode::DATA_FORMAT_ERROR)),
    };
    let delivery_mode = match value.get("delivery_mode").and_then(Value::as_u64) {
        Some(m @ (1 | 2)) => m as u8,
        _ => return Err(fail(errcode::SHIPPING_INVALID_DELIVERY_MODE)),
    };
    let list = value
        .get("shipping_list")
        .and_then(Value::as_array)
        .filter(|list| !list.is_empty())
        .ok_or_else(|| fail(errcode::DATA_FORMAT_ERROR))?;
    if list.len() > 15 {
        return Err(fail(errcode::SHIPPING_LIST_TOO_LONG));
    }
    let finished = if delivery_mode == 1 {
        if list.len() != 1 {
            return Err(fail(errcode::SHIPPING_UNIFIED_NEEDS_ONE));
        }
        true
    } else {
        if logistics_type != 1 {
            return Err(fail(errcode::SHIPPING_SPLIT_NEEDS_EXPRESS));
        }
        value
            .get("is_all_delivered")
            .and_then(Value::as_bool)
            .ok_or_else(|| fail(errcode::SHIPPING_ALL_DELIVERED_MISSING))?
    };
    let packages = list
        .iter()
        .map(|package| {
            let item_desc = text(package, "item_desc")
                .ok_or_else(|| fail(errcode::SHIPPING_ITEM_DESC_EMPTY))?;
            if item_desc.chars().count() > 120 {
                return Err(fail(errcode::SHIPPING_ITEM_DESC_TOO_LONG));
            }
            let tracking_no = text(package, "tracking_no").unwrap_or_default();
            let express_company = text(package, "express_company").unwrap_or_default();
            if tracking_no.len() > 128 {
                return Err(fail(errcode::SHIPPING_TRACKING_NO_TOO_LONG));
            }
            if express_company.len() > 128 {
                return Err(fail(errcode::SHIPPING_COMPANY_TOO_LONG));
            }
            if logistics_type == 1 && (tracking_no.is_empty() || express_company.is_empty()) {
                return Err(fail(errcode::SHIPPING_INVALID_PARAMS));
            }
            Ok(Package {
                tracking_no: tracking_no.to_owned(),
                express_company: express_company.to_owned(),
                item_desc: item_desc.to_owned(),
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Shipment {
        order,
        logistics_type,
        delivery_mode,
        finished,
        packages,
    })
}

/// The `upload_time` (268485216 unless RFC 3339) and payer openid (47001) of an upload.
fn payer(body: &Value) -> Result<&str, WxError> {
    let upload_time = text(body, "upload_time").ok_or_else(|| fail(errcode::DATA_FORMAT_ERROR))?;
    if !is_rfc3339(upload_time) {
        return Err(fail(errcode::SHIPPING_INVALID_UPLOAD_TIME));
    }
    body.get("payer")
        .and_then(|payer| text(payer, "openid"))
        .ok_or_else(|| fail(errcode::DATA_FORMAT_ERROR))
}

/// `POST /wxa/sec/order/upload_shipping_info`.
async fn upload(
    State(state): State<AppState>,
    auth: AccessToken,
    WxJson(body): WxJson<Value>,
) -> ApiResult {
    let shipment = shipment(&body)?;
    let payer = payer(&body)?;
    state
        .lock()
        .wxa_shipping
        .ship(&auth.appid, payer, &[shipment])?;
    ok_empty()
}

/// `POST /wxa/sec/order/upload_combined_shipping_info`: every sub-order is shipped, or none.
async fn upload_combined(
    State(state): State<AppState>,
    auth: AccessToken,
    WxJson(body): WxJson<Value>,
) -> ApiResult {
    order_key(body.get("order_key"))?;
    let shipments = body
        .get("sub_orders")
        .and_then(Value::as_array)
        .filter(|sub_orders| !sub_orders.is_empty())
        .ok_or_else(|| fail(errcode::DATA_FORMAT_ERROR))?
        .iter()
        .map(shipment)
        .collect::<Result<Vec<_>, _>>()?;
    let payer = payer(&body)?;
    state
        .lock()
        .wxa_shipping
        .ship(&auth.appid, payer, &shipments)?;
    ok_empty()
}

/// `POST /wxa/sec/order/get_order`.
async fn get_order(
    State(state): State<AppState>,
    auth: AccessToken,
    WxJson(body): WxJson<Value>,
) -> ApiResult {
    let order = state
        .lock()
        .wxa_shipping
        .order(&auth.appid, &trade_ref(&body)?)?;
    ok(serde_json::json!({ "errcode": errcode::OK, "errmsg": "ok", "order": order }))
}

/// `POST /wxa/sec/order/get_order_list`: pages of `page_size` (default 100) orders by pay time,
/// `last_index` the position where the next page starts.
async fn get_order_list(
    State(state): State<AppState>,
    auth: AccessToken,
    WxJson(body): WxJson<Value>,
) -> ApiResult {
    let range = body.get("pay_time_range");
    let bound = |name: &str| range.and_then(|r| r.get(name)).and_then(Value::as_u64);
    let state_filter = match body.get("order_state").map(Value::as_u64) {
        None => None,
        Some(Some(s @ 1..=6)) => Some(s as u8),
        Some(_) => return Err(fail(errcode::SHIPPING_INVALID_PARAMS)),
    };
    let size = match body.get("page_size").map(Value::as_u64) {
        None => 100,
        Some(Some(size @ 1..=100)) => size as usize,
        Some(_) => return Err(fail(errcode::SHIPPING_INVALID_PARAMS)),
    };
    let start = match text(&body, "last_index") {
        None => 0,
        Some(index) => index
            .parse()
            .map_err(|_| fail(errcode::SHIPPING_INVALID_PARAMS))?,
    };
    let filter = OrderFilter {
        begin: bound("begin_time").unwrap_or(0),
        end: bound("end_time").unwrap_or(u64::from(u32::MAX)),
        state: state_filter,
        openid: text(&body, "openid"),
    };
    let (page, next, has_more) =
        state
            .lock()
            .wxa_shipping
            .orders(&auth.appid, &filter, start, size);
    ok(serde_json::json!({
        "errcode": errcode::OK,
        "errmsg": "ok",
        "last_index": next.to_string(),
        "has_more": has_more,
        "order_list": page,
    }))
}

/// `POST /wxa/sec/order/notify_confirm_receive`.
async fn notify_confirm_receive(
    State(state): State<AppState>,
    auth: AccessToken,
    WxJson(body): WxJson<Value>,
) -> ApiResult {
    let order = trade_ref(&body)?;
    let received_time = body
        .get("received_time")
        .and_then(Value::as_u64)
        .filter(|time| *time > 0)
        .ok_or_else(|| fail(errcode::SHIPPING_RECEIVED_TIME_INVALID))?;
    state
        .lock()
        .wxa_shipping
        .remind(&auth.appid, &order, received_time)?;
    ok_empty()
}

/// `POST /wxa/sec/order/set_msg_jump_path`: any path, an empty one included (47001 without
/// `path`).
async fn set_msg_jump_path(
    State(state): State<AppState>,
    auth: AccessToken,
    WxJson(body): WxJson<Value>,
) -> ApiResult {
    let path = body
        .get("path")
        .and_then(Value::as_str)
        .ok_or_else(|| fail(errcode::DATA_FORMAT_ERROR))?;
    state
        .lock()
        .wxa_shipping
        .set_msg_jump_path(&auth.appid, path);
    ok_empty()
}

/// `POST /wxa/sec/order/opspecialorder`: `order_id`, `type` (1 presale, 2 test) and, for
/// presale, `delay_to`.
async fn opspecialorder(
    State(state): State<AppState>,
    auth: AccessToken,
    WxJson(body): WxJson<Value>,
) -> ApiResult {
    let order_id =
        text(&body, "order_id").ok_or_else(|| fail(errcode::SHIPPING_SPECIAL_NO_ORDER))?;
    let kind = body.get("type").and_then(Value::as_u64).unwrap_or(0);
    let delay_to = body.get("delay_to").and_then(Value::as_u64);
    state
        .lock()
        .wxa_shipping
        .report_special(&auth.appid, order_id, kind, delay_to)?;
    ok_empty()
}

/// The `appid` of the two management queries: the caller's own (40013 for another's, 47001
/// when missing).
fn queried_appid<'a>(auth: &AccessToken, body: &'a Value) -> Result<&'a str, WxError> {
    let appid = text(body, "appid").ok_or_else(|| fail(errcode::DATA_FORMAT_ERROR))?;
    if appid != auth.appid {
        return Err(fail(errcode::INVALID_APPID));
    }
    Ok(appid)
}

/// `POST /wxa/sec/order/is_trade_managed`.
async fn is_trade_managed(
    State(state): State<AppState>,
    auth: AccessToken,
    WxJson(body): WxJson<Value>,
) -> ApiResult {
    let appid = queried_appid(&auth, &body)?;
    let (managed, _) = state.lock().wxa_shipping.managed(appid);
    ok(serde_json::json!({ "errcode": errcode::OK, "errmsg": "ok", "is_trade_managed": managed }))
}

/// `POST /wxa/sec/order/is_trade_management_confirmation_completed`.
async fn is_trade_management_confirmation_completed(
    State(state): State<AppState>,
    auth: AccessToken,
    WxJson(body): WxJson<Value>,
) -> ApiResult {
    let appid = queried_appid(&auth, &body)?;
    let (_, completed) = state.lock().wxa_shipping.managed(appid);
    ok(serde_json::json!({ "errcode": errcode::OK, "errmsg": "ok", "completed": completed }))
}

#[cfg(test)]
mod tests {
    use super::is_rfc3339;

    #[test]
    fn rfc3339_times() {
        assert!(is_rfc3339("2022-12-15T13:29:35.120+08:00"));
        assert!(is_rfc3339("2024-05-07T16:48:34Z"));
        assert!(!is_rfc3339("2024-12-29T11:18:45.035+0800"));
        assert!(!is_rfc3339("2022-12-15 13:29:35"));
    }
}
