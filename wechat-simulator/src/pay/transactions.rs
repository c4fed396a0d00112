//! Payments: prepay for JSAPI / Mini Program, App, H5 and Native; the query by transaction_id
//! and by out_trade_no; closing an unpaid order.

use axum::{
    body::Bytes,
    extract::{Path, State},
    http::StatusCode,
    Extension, Router,
};
use serde_json::{json, Value};

use super::{
    check_len, check_notify_url, get, no_content, ok, opt_str, post, req_fen, req_id, req_str,
    with_merchant, PayCaller, PayFailure, PayResult,
};
use crate::{
    api::Params,
    state::{
        pay::{time, Order, PrepayRefusal, TradeState, TradeType, MAX_PAY_RECORDS},
        AppState,
    },
};

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/v3/pay/transactions/jsapi", post(jsapi))
        .route("/v3/pay/transactions/app", post(app))
        .route("/v3/pay/transactions/h5", post(h5))
        .route("/v3/pay/transactions/native", post(native))
        .route(
            "/v3/pay/transactions/id/{transaction_id}",
            get(by_transaction_id),
        )
        .route(
            "/v3/pay/transactions/out-trade-no/{out_trade_no}",
            get(by_out_trade_no),
        )
        .route(
            "/v3/pay/transactions/out-trade-no/{out_trade_no}/close",
            post(close),
        )
}

async fn jsapi(
    State(state): State<AppState>,
    Extension(caller): Extension<PayCaller>,
    body: Bytes,
) -> PayResult {
    prepay(&state, &caller, &body, TradeType::Jsapi)
}

async fn app(
    State(state): State<AppState>,
    Extension(caller): Extension<PayCaller>,
    body: Bytes,
) -> PayResult {
    prepay(&state, &caller, &body, TradeType::App)
}

async fn h5(
    State(state): State<AppState>,
    Extension(caller): Extension<PayCaller>,
    body: Bytes,
) -> PayResult {
    prepay(&state, &caller, &body, TradeType::H5)
}

async fn native(
    State(state): State<AppState>,
    Extension(caller): Extension<PayCaller>,
    body: Bytes,
) -> PayResult {
    prepay(&state, &caller, &body, TradeType::Native)
}

/// The checked fields of a prepay, and the order they make.
fn order_of(body: &Value, trade_type: TradeType, now: i64) -> Result<(String, Order), PayFailure> {
    let appid = req_str(body, "/appid")?;
    let description = req_str(body, "/description")?;
    check_len("/description", description, 127)?;
    let out_trade_no = req_id(body, "/out_trade_no", wechat_pay::OutTradeNo::new)?;
    let notify_url = req_str(body, "/notify_url")?;
    check_notify_url("/notify_url", notify_url)?;
    let total = req_fen(body, "/amount/total")?;
    if let Some(currency) = opt_str(body, "/amount/currency")? {
        if currency != "CNY" {
            return Err(PayFailure::param(format!(
                "amount.currency {currency} is not supported: only CNY"
            )));
        }
    }
    let attach = opt_str(body, "/attach")?;
    if let Some(attach) = attach {
        check_len("/attach", attach, 128)?;
    }
    let payer_openid = match trade_type {
        TradeType::Jsapi => Some(req_str(body, "/payer/openid")?),
        _ => opt_str(body, "/payer/openid")?,
    };
    if trade_type == TradeType::H5 {
        req_str(body, "/scene_info/payer_client_ip")?;
        req_str(body, "/scene_info/h5_info/type")?;
    }
    let prepay_id = format!("wx{}{}", time::compact_time(now), time::hex(20));
    let answer = match trade_type {
        TradeType::Jsapi | TradeType::App => json!({ "prepay_id": prepay_id }),
        TradeType::H5 => json!({
            "h5_url": format!(
                "https://wx.tenpay.com/cgi-bin/mmpayweb-bin/checkmweb?prepay_id={prepay_id}&package={}",
                time::digits(10)
            ),
        }),
        TradeType::Native => json!({
            "code_url": format!("weixin://wxpay/bizpayurl?pr={}", crate::tokens::random_string(7)),
        }),
    };
    let order = Order {
        trade_type,
        request: body.clone(),
        answer,
        appid: appid.to_owned(),
        description: description.to_owned(),
        attach: attach.map(str::to_owned),
        notify_url: notify_url.to_owned(),
        total,
        payer_openid: payer_openid.map(str::to_owned),
        profit_sharing: body
            .pointer("/settle_info/profit_sharing")
            .and_then(Value::as_bool)
            .unwrap_or(false),
        state: TradeState::NotPay,
        transaction_id: None,
        paid_at: None,
        refunded: 0,
        shared: 0,
        unfrozen: false,
    };
    Ok((out_trade_no.to_owned(), order))
}

fn prepay(state: &AppState, caller: &PayCaller, body: &Bytes, trade_type: TradeType) -> PayResult {
    let body = super::json_body(body)?;
    caller.check_mchid(req_str(&body, "/mchid")?)?;
    let now = super::simulated_now(&state.lock());
    let (out_trade_no, order) = order_of(&body, trade_type, now)?;
    let answer = with_merchant(state, &caller.mchid, |merchant, _| {
        merchant.prepay(&out_trade_no, order)
    })?;
    match answer {
        Ok(answer) => ok(answer),
        Err(PrepayRefusal::Paid) => Err(PayFailure::new(
            StatusCode::BAD_REQUEST,
            "ORDERPAID",
            format!("order {out_trade_no} is already paid"),
        )),
        Err(PrepayRefusal::Closed) => Err(PayFailure::new(
            StatusCode::BAD_REQUEST,
            "ORDER_CLOSED",
            format!("order {out_trade_no} is closed: place a new one with another out_trade_no"),
        )),
        Err(PrepayRefusal::Used) => Err(PayFailure::new(
            StatusCode::FORBIDDEN,
            "OUT_TRADE_NO_USED",
            format!(
                "out_trade_no {out_trade_no} was used for a different order: the same number must \
                 come with the same request"
            ),
        )),
        Err(PrepayRefusal::Full) => Err(PayFailure::invalid(format!(
            "the sandbox keeps at most {MAX_PAY_RECORDS} orders per merchant"
        ))),
    }
}

/// The `mchid` query parameter the queries need, checked against the caller.
fn query_mchid(caller: &PayCaller, params: &Params) -> Result<(), PayFailure> {
    let mchid = params.get("mchid").ok_or_else(|| {
        PayFailure::param("the query parameter mchid is required")
            .with_detail(json!({ "location": "query", "field": "mchid" }))
    })?;
    caller.check_mchid(mchid)
}

fn order_not_exist() -> PayFailure {
    PayFailure::not_found("ORDER_NOT_EXIST", "the order does not exist")
}

async fn by_transaction_id(
    State(state): State<AppState>,
    Extension(caller): Extension<PayCaller>,
    Path(transaction_id): Path<String>,
    params: Params,
) -> PayResult {
    query_mchid(&caller, &params)?;
    let found = with_merchant(&state, &caller.mchid, |merchant, _| {
        merchant
            .order_by_transaction(&transaction_id)
            .map(|(out_trade_no, order)| order.to_json(&merchant.mchid, out_trade_no))
    })?;
    found.map_or_else(|| Err(order_not_exist()), ok)
}

async fn by_out_trade_no(
    State(state): State<AppState>,
    Extension(caller): Extension<PayCaller>,
    Path(out_trade_no): Path<String>,
    params: Params,
) -> PayResult {
    query_mchid(&caller, &params)?;
    let found = with_merchant(&state, &caller.mchid, |merchant, _| {
        merchant
            .orders
            .get(&out_trade_no)
            .map(|order| order.to_json(&merchant.mchid, &out_trade_no))
    })?;
    found.map_or_else(|| Err(order_not_exist()), ok)
}

async fn close(
    State(state): State<AppState>,
    Extension(caller): Extension<PayCaller>,
    Path(out_trade_no): Path<String>,
    body: Bytes,
) -> PayResult {
    let body = super::json_body(&body)?;
    caller.check_mchid(req_str(&body, "/mchid")?)?;
    match with_merchant(&state, &caller.mchid, |merchant, _| {
        merchant.close(&out_trade_no)
    })? {
        Ok(()) => no_content(),
        Err(None) => Err(order_not_exist()),
        Err(Some(_)) => Err(PayFailure::new(
            StatusCode::BAD_REQUEST,
            "ORDERPAID",
            format!("order {out_trade_no} is paid: it cannot be closed"),
        )),
    }
}
