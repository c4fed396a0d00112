//! Refunds: apply (`PROCESSING` until the control API finishes it) and query.

use axum::{
    body::Bytes,
    extract::{Path, State},
    Extension, Router,
};

use super::{
    check_len, check_notify_url, get, ok, opt_str, post, req_fen, req_id, req_str, with_merchant,
    PayCaller, PayFailure, PayResult,
};
use crate::state::{
    pay::{RefundRefusal, RefundRequest, MAX_PAY_RECORDS},
    AppState,
};

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/v3/refund/domestic/refunds", post(create))
        .route(
            "/v3/refund/domestic/refunds/{out_refund_no}",
            get(by_out_refund_no),
        )
}

fn not_exists(message: impl Into<String>) -> PayFailure {
    PayFailure::not_found("RESOURCE_NOT_EXISTS", message)
}

async fn create(
    State(state): State<AppState>,
    Extension(caller): Extension<PayCaller>,
    body: Bytes,
) -> PayResult {
    let body = super::json_body(&body)?;
    let transaction_id = opt_str(&body, "/transaction_id")?;
    let out_trade_no = opt_str(&body, "/out_trade_no")?;
    if transaction_id.is_none() && out_trade_no.is_none() {
        return Err(PayFailure::param(
            "transaction_id or out_trade_no is required: which order to refund",
        ));
    }
    let out_refund_no = req_id(&body, "/out_refund_no", wechat_pay::OutRefundNo::new)?;
    if let Some(reason) = opt_str(&body, "/reason")? {
        check_len("/reason", reason, 80)?;
    }
    let notify_url = opt_str(&body, "/notify_url")?;
    if let Some(url) = notify_url {
        check_notify_url("/notify_url", url)?;
    }
    let amount = req_fen(&body, "/amount/refund")?;
    let total = req_fen(&body, "/amount/total")?;
    match req_str(&body, "/amount/currency")? {
        "CNY" => {}
        other => {
            return Err(PayFailure::param(format!(
                "amount.currency {other} is not supported: only CNY"
            )))
        }
    }
    let request = RefundRequest {
        transaction_id: transaction_id.map(str::to_owned),
        out_trade_no: out_trade_no.map(str::to_owned),
        out_refund_no: out_refund_no.to_owned(),
        notify_url: notify_url.map(str::to_owned),
        amount,
        total,
    };
    match with_merchant(&state, &caller.mchid, |merchant, now| {
        merchant.refund(request, now)
    })? {
        Ok(refund) => ok(refund),
        Err(RefundRefusal::NoOrder) => Err(not_exists(
            "no paid order by that number: an unpaid order cannot be refunded",
        )),
        Err(RefundRefusal::TotalMismatch(total)) => Err(PayFailure::invalid(format!(
            "amount.total must be the order's total, {total} fen"
        ))),
        Err(RefundRefusal::Exceeds(left)) => Err(PayFailure::invalid(format!(
            "amount.refund exceeds what is left to refund of the order: {left} fen"
        ))),
        Err(RefundRefusal::Full) => Err(PayFailure::invalid(format!(
            "the sandbox keeps at most {MAX_PAY_RECORDS} refunds per merchant"
        ))),
    }
}

async fn by_out_refund_no(
    State(state): State<AppState>,
    Extension(caller): Extension<PayCaller>,
    Path(out_refund_no): Path<String>,
) -> PayResult {
    let found = with_merchant(&state, &caller.mchid, |merchant, _| {
        merchant
            .refunds
            .get(&out_refund_no)
            .map(|refund| refund.to_json(&out_refund_no))
    })?;
    found.map_or_else(|| Err(not_exists("the refund does not exist")), ok)
}
