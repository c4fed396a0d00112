//! Profit sharing (分账) of orders placed with `settle_info.profit_sharing`: receivers, sharing
//! orders (finished at once in the sandbox), returns, unfreezing the rest, the amount left.

use axum::{
    body::Bytes,
    extract::{Path, State},
    http::StatusCode,
    Extension, Router,
};
use serde_json::{json, Value};

use super::{
    check_len, get, ok, opt_str, post, req_fen, req_id, req_str, with_merchant, PayCaller,
    PayFailure, PayResult,
};
use crate::{
    api::Params,
    state::{
        pay::{time, Merchant, Order, Receiver, ReturnOrder, SharingOrder, MAX_PAY_RECORDS},
        AppState,
    },
};

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/v3/profitsharing/orders", post(create))
        .route("/v3/profitsharing/orders/unfreeze", post(unfreeze))
        .route("/v3/profitsharing/orders/{out_order_no}", get(query))
        .route("/v3/profitsharing/return-orders", post(return_order))
        .route(
            "/v3/profitsharing/return-orders/{out_return_no}",
            get(query_return),
        )
        .route(
            "/v3/profitsharing/transactions/{transaction_id}/amounts",
            get(amounts),
        )
        .route("/v3/profitsharing/receivers/add", post(add_receiver))
        .route("/v3/profitsharing/receivers/delete", post(delete_receiver))
}

fn not_exists(what: &str) -> PayFailure {
    PayFailure::not_found("RESOURCE_NOT_EXISTS", format!("the {what} does not exist"))
}

fn full(what: &str) -> PayFailure {
    PayFailure::invalid(format!(
        "the sandbox keeps at most {MAX_PAY_RECORDS} {what} per merchant"
    ))
}

/// What is still frozen for sharing.
fn unsplit(order: &Order) -> u64 {
    if !order.state.is_paid() || !order.profit_sharing || order.unfrozen {
        return 0;
    }
    order.total.saturating_sub(order.shared)
}

/// The paid order of `transaction_id`, open for sharing.
fn sharable<'a>(
    merchant: &'a mut Merchant,
    transaction_id: &str,
) -> Result<&'a mut Order, PayFailure> {
    let out_trade_no = merchant
        .transactions
        .get(transaction_id)
        .cloned()
        .ok_or_else(|| {
            PayFailure::invalid(format!("no paid order has transaction_id {transaction_id}"))
        })?;
    let order = merchant
        .orders
        .get_mut(&out_trade_no)
        .ok_or_else(|| not_exists("order"))?;
    if !order.profit_sharing {
        return Err(PayFailure::invalid(
            "the order was not placed for profit sharing (settle_info.profit_sharing)",
        ));
    }
    Ok(order)
}

/// A receiver type: `MERCHANT_ID` or `PERSONAL_OPENID`.
fn receiver_type<'a>(body: &'a Value, pointer: &str) -> Result<&'a str, PayFailure> {
    match req_str(body, pointer)? {
        kind @ ("MERCHANT_ID" | "PERSONAL_OPENID") => Ok(kind),
        other => Err(PayFailure::param(format!(
            "receiver type {other} is not MERCHANT_ID or PERSONAL_OPENID"
        ))),
    }
}

async fn create(
    State(state): State<AppState>,
    Extension(caller): Extension<PayCaller>,
    body: Bytes,
) -> PayResult {
    let body = super::json_body(&body)?;
    req_str(&body, "/appid")?;
    let transaction_id = req_str(&body, "/transaction_id")?;
    let out_order_no = req_id(&body, "/out_order_no", wechat_pay::OutRefundNo::new)?;
    let unfreeze = body
        .get("unfreeze_unsplit")
        .and_then(Value::as_bool)
        .ok_or_else(|| PayFailure::param("unfreeze_unsplit is required (true or false)"))?;
    let Some(Value::Array(list)) = body.get("receivers") else {
        return Err(PayFailure::param("receivers is required: an array"));
    };
    let mut receivers = Vec::new();
    for i in 0..list.len() {
        let at = |field: &str| format!("/receivers/{i}/{field}");
        let kind = receiver_type(&body, &at("type"))?;
        let account = req_str(&body, &at("account"))?;
        let amount = req_fen(&body, &at("amount"))?;
        let description = req_str(&body, &at("description"))?;
        check_len(&at("description"), description, 80)?;
        if opt_str(&body, &at("name"))?.is_some() {
            caller.check_wechatpay_serial("receivers.name")?;
        }
        receivers.push((kind, account, amount, description));
    }
    if receivers.is_empty() {
        return Err(PayFailure::param("receivers must not be empty"));
    }
    with_merchant(&state, &caller.mchid, |merchant, now| {
        if let Some(order) = merchant.sharing.orders.get(out_order_no) {
            return ok(order.to_json(out_order_no));
        }
        if merchant.sharing.orders.len() >= MAX_PAY_RECORDS {
            return Err(full("profit-sharing orders"));
        }
        for (kind, account, ..) in &receivers {
            let key = ((*kind).to_owned(), (*account).to_owned());
            if !merchant.sharing.receivers.contains_key(&key) {
                return Err(PayFailure::invalid(format!(
                    "receiver {kind} {account} was not added (POST /v3/profitsharing/receivers/add)"
                )));
            }
        }
        let total: u64 = receivers.iter().map(|r| r.2).sum();
        let order = sharable(merchant, transaction_id)?;
        if total > unsplit(order) {
            return Err(PayFailure::new(
                StatusCode::FORBIDDEN,
                "NOT_ENOUGH",
                format!("only {} fen are left to share", unsplit(order)),
            ));
        }
        order.shared += total;
        order.unfrozen |= unfreeze;
        let stamp = time::rfc3339(now);
        let listed = receivers
            .iter()
            .map(|(kind, account, amount, description)| {
                json!({
                    "amount": amount, "description": description, "type": kind,
                    "account": account, "result": "SUCCESS",
                    "detail_id": format!("36{}", time::digits(21)),
                    "create_time": stamp, "finish_time": stamp,
                })
            })
            .collect();
        let order = SharingOrder {
            transaction_id: transaction_id.to_owned(),
            order_id: format!("3008450740{}", time::digits(18)),
            state: "FINISHED",
            receivers: listed,
        };
        let answer = order.to_json(out_order_no);
        merchant
            .sharing
            .orders
            .insert(out_order_no.to_owned(), order);
        ok(answer)
    })?
}

async fn query(
    State(state): State<AppState>,
    Extension(caller): Extension<PayCaller>,
    Path(out_order_no): Path<String>,
    params: Params,
) -> PayResult {
    let transaction_id = params
        .get("transaction_id")
        .ok_or_else(|| PayFailure::param("the query parameter transaction_id is required"))?;
    let found = with_merchant(&state, &caller.mchid, |merchant, _| {
        merchant
            .sharing
            .orders
            .get(&out_order_no)
            .filter(|order| order.transaction_id == transaction_id)
            .map(|order| order.to_json(&out_order_no))
    })?;
    found.map_or_else(|| Err(not_exists("profit-sharing order")), ok)
}

async fn return_order(
    State(state): State<AppState>,
    Extension(caller): Extension<PayCaller>,
    body: Bytes,
) -> PayResult {
    let body = super::json_body(&body)?;
    let order_id = opt_str(&body, "/order_id")?;
    let out_order_no = opt_str(&body, "/out_order_no")?;
    if order_id.is_none() && out_order_no.is_none() {
        return Err(PayFailure::param("order_id or out_order_no is required"));
    }
    let out_return_no = req_id(&body, "/out_return_no", wechat_pay::OutRefundNo::new)?;
    let return_mchid = req_str(&body, "/return_mchid")?;
    let amount = req_fen(&body, "/amount")?;
    let description = req_str(&body, "/description")?;
    check_len("/description", description, 80)?;
    with_merchant(&state, &caller.mchid, |merchant, now| {
        if let Some(existing) = merchant.sharing.returns.get(out_return_no) {
            return ok(existing.to_json(out_return_no));
        }
        if merchant.sharing.returns.len() >= MAX_PAY_RECORDS {
            return Err(full("profit-sharing returns"));
        }
        let (out_order_no, order) = merchant
            .sharing
            .orders
            .iter()
            .find(|(no, order)| {
                Some(no.as_str()) == out_order_no || Some(order.order_id.as_str()) == order_id
            })
            .ok_or_else(|| not_exists("profit-sharing order"))?;
        let shared: u64 = order
            .receivers
            .iter()
            .filter(|r| r["type"] == "MERCHANT_ID" && r["account"] == return_mchid)
            .filter_map(|r| r["amount"].as_u64())
            .sum();
        let returned: u64 = merchant
            .sharing
            .returns
            .values()
            .filter(|r| &r.out_order_no == out_order_no && r.return_mchid == return_mchid)
            .map(|r| r.amount)
            .sum();
        if amount > shared.saturating_sub(returned) {
            return Err(PayFailure::invalid(format!(
                "merchant {return_mchid} has {} fen of this order left to return",
                shared.saturating_sub(returned)
            )));
        }
        let returned = ReturnOrder {
            out_order_no: out_order_no.clone(),
            order_id: order.order_id.clone(),
            return_id: format!("3008450740{}", time::digits(18)),
            return_mchid: return_mchid.to_owned(),
            amount,
            description: description.to_owned(),
            created_at: now,
        };
        let answer = returned.to_json(out_return_no);
        merchant
            .sharing
            .returns
            .insert(out_return_no.to_owned(), returned);
        ok(answer)
    })?
}

async fn query_return(
    State(state): State<AppState>,
    Extension(caller): Extension<PayCaller>,
    Path(out_return_no): Path<String>,
    params: Params,
) -> PayResult {
    let out_order_no = params
        .get("out_order_no")
        .ok_or_else(|| PayFailure::param("the query parameter out_order_no is required"))?;
    let found = with_merchant(&state, &caller.mchid, |merchant, _| {
        merchant
            .sharing
            .returns
            .get(&out_return_no)
            .filter(|r| r.out_order_no == out_order_no)
            .map(|r| r.to_json(&out_return_no))
    })?;
    found.map_or_else(|| Err(not_exists("profit-sharing return")), ok)
}

async fn unfreeze(
    State(state): State<AppState>,
    Extension(caller): Extension<PayCaller>,
    body: Bytes,
) -> PayResult {
    let body = super::json_body(&body)?;
    let transaction_id = req_str(&body, "/transaction_id")?;
    let out_order_no = req_id(&body, "/out_order_no", wechat_pay::OutRefundNo::new)?;
    let description = req_str(&body, "/description")?;
    check_len("/description", description, 80)?;
    with_merchant(&state, &caller.mchid, |merchant, now| {
        if let Some(order) = merchant.sharing.orders.get(out_order_no) {
            return ok(order.to_json(out_order_no));
        }
        if merchant.sharing.orders.len() >= MAX_PAY_RECORDS {
            return Err(full("profit-sharing orders"));
        }
        let mchid = merchant.mchid.clone();
        let order = sharable(merchant, transaction_id)?;
        let rest = unsplit(order);
        order.unfrozen = true;
        let stamp = time::rfc3339(now);
        let order = SharingOrder {
            transaction_id: transaction_id.to_owned(),
            order_id: format!("3008450740{}", time::digits(18)),
            state: "FINISHED",
            receivers: vec![json!({
                "amount": rest, "description": description, "type": "MERCHANT_ID",
                "account": mchid, "result": "SUCCESS",
                "detail_id": format!("36{}", time::digits(21)),
                "create_time": stamp, "finish_time": stamp,
            })],
        };
        let answer = order.to_json(out_order_no);
        merchant
            .sharing
            .orders
            .insert(out_order_no.to_owned(), order);
        ok(answer)
    })?
}

async fn amounts(
    State(state): State<AppState>,
    Extension(caller): Extension<PayCaller>,
    Path(transaction_id): Path<String>,
) -> PayResult {
    let found = with_merchant(&state, &caller.mchid, |merchant, _| {
        merchant
            .order_by_transaction(&transaction_id)
            .map(|(_, order)| unsplit(order))
    })?;
    let unsplit = found.ok_or_else(|| not_exists("transaction"))?;
    ok(json!({ "transaction_id": transaction_id, "unsplit_amount": unsplit }))
}

async fn add_receiver(
    State(state): State<AppState>,
    Extension(caller): Extension<PayCaller>,
    body: Bytes,
) -> PayResult {
    let body = super::json_body(&body)?;
    req_str(&body, "/appid")?;
    let kind = receiver_type(&body, "/type")?;
    let account = req_str(&body, "/account")?;
    let name = opt_str(&body, "/name")?;
    if name.is_some() {
        caller.check_wechatpay_serial("name")?;
    }
    let relation_type = req_str(&body, "/relation_type")?;
    let custom_relation = opt_str(&body, "/custom_relation")?;
    if relation_type == "CUSTOM" && custom_relation.is_none() {
        return Err(PayFailure::param(
            "custom_relation is required when relation_type is CUSTOM",
        ));
    }
    let key = (kind.to_owned(), account.to_owned());
    let mut answer = with_merchant(&state, &caller.mchid, |merchant, _| {
        let receivers = &mut merchant.sharing.receivers;
        if !receivers.contains_key(&key) && receivers.len() >= MAX_PAY_RECORDS {
            return Err(full("profit-sharing receivers"));
        }
        let receiver = receivers.entry(key).or_insert_with(|| Receiver {
            relation_type: String::new(),
            custom_relation: None,
        });
        receiver.relation_type = relation_type.to_owned();
        receiver.custom_relation = custom_relation.map(str::to_owned);
        let mut answer = json!({
            "type": kind,
            "account": account,
            "relation_type": receiver.relation_type,
        });
        if let Some(custom) = &receiver.custom_relation {
            answer["custom_relation"] = json!(custom);
        }
        Ok(answer)
    })??;
    if let Some(name) = name {
        answer["name"] = json!(name);
    }
    ok(answer)
}

async fn delete_receiver(
    State(state): State<AppState>,
    Extension(caller): Extension<PayCaller>,
    body: Bytes,
) -> PayResult {
    let body = super::json_body(&body)?;
    req_str(&body, "/appid")?;
    let kind = receiver_type(&body, "/type")?;
    let account = req_str(&body, "/account")?;
    with_merchant(&state, &caller.mchid, |merchant, _| {
        merchant
            .sharing
            .receivers
            .remove(&(kind.to_owned(), account.to_owned()))
    })?;
    ok(json!({ "type": kind, "account": account }))
}
