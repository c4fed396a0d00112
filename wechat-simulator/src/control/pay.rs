//! The control routes of the WeChat Pay sandbox, under `/__sim/pay/`: merchants, the platform
//! keys, the sign mode and duplicates, and the user's side of payments, refunds and transfers.

use axum::{
    extract::{Path, State},
    http::StatusCode,
    routing::{get, post},
    Json, Router,
};
use serde::Deserialize;
use serde_json::{json, Value};

use super::{bad_request, done, Body, Control, ControlError, JsonBody};
use crate::{
    simulator::Handle, PayMerchant, PayNotificationOutcome, PaySandboxError, PaySignMode,
    RefundOutcome,
};

/// The Pay control routes, merged into the control router.
pub(super) fn routes() -> Router<Handle> {
    Router::new()
        .route("/pay/merchants", post(add_merchant))
        .route("/pay/platform", get(platform))
        .route("/pay/sign_mode", post(sign_mode))
        .route("/pay/duplicate_rate", post(duplicate_rate))
        .route("/pay/transactions/pay", post(pay))
        .route("/pay/transactions/{mchid}/{out_trade_no}", get(transaction))
        .route("/pay/refunds/finish", post(finish_refund))
        .route("/pay/refunds/{mchid}/{out_refund_no}", get(refund))
        .route("/pay/transfers/confirm", post(confirm_transfer))
        .route("/pay/transfers/{mchid}/{out_bill_no}", get(transfer))
        .route("/pay/notifications", get(notifications))
}

impl From<PaySandboxError> for ControlError {
    fn from(err: PaySandboxError) -> Self {
        let status = match err {
            PaySandboxError::UnknownMerchant(_) | PaySandboxError::NotFound { .. } => {
                StatusCode::NOT_FOUND
            }
            _ => StatusCode::BAD_REQUEST,
        };
        ControlError(status, err.to_string())
    }
}

/// `{"mchid", "certificate_pem", "api_v3_key"}`.
#[derive(Debug, Deserialize)]
struct MerchantBody {
    mchid: String,
    certificate_pem: String,
    api_v3_key: String,
}

async fn add_merchant(State(sim): State<Handle>, body: Body<MerchantBody>) -> Control {
    let JsonBody(body) = body?;
    let merchant = PayMerchant::new(body.mchid, body.certificate_pem, body.api_v3_key)
        .map_err(|e| bad_request(e.to_string()))?;
    let serial = merchant.certificate_serial().to_owned();
    sim.view().add_pay_merchant(merchant)?;
    Ok(Json(json!({ "ok": true, "certificate_serial": serial })))
}

async fn platform(State(sim): State<Handle>) -> Control {
    let platform = sim.view().pay_platform();
    Ok(Json(json!({
        "certificate_pem": platform.certificate_pem,
        "certificate_serial": platform.certificate_serial,
        "public_key_pem": platform.public_key_pem,
        "public_key_id": platform.public_key_id,
    })))
}

/// `{"mode": "certificate" | "public_key" | "switch"}`.
#[derive(Debug, Deserialize)]
struct SignModeBody {
    mode: String,
}

async fn sign_mode(State(sim): State<Handle>, body: Body<SignModeBody>) -> Control {
    let JsonBody(body) = body?;
    let mode = match body.mode.as_str() {
        "certificate" => PaySignMode::Certificate,
        "public_key" => PaySignMode::PublicKey,
        "switch" => PaySignMode::Switch,
        other => {
            return Err(bad_request(format!(
                "unknown sign mode `{other}`: use certificate, public_key or switch"
            )))
        }
    };
    sim.view().set_pay_sign_mode(mode);
    done()
}

/// `{"rate": 0.05}`.
#[derive(Debug, Deserialize)]
struct RateBody {
    rate: f64,
}

async fn duplicate_rate(State(sim): State<Handle>, body: Body<RateBody>) -> Control {
    let JsonBody(body) = body?;
    sim.view().set_pay_duplicate_rate(body.rate);
    done()
}

/// `{"mchid", "out_trade_no", "openid"?}`.
#[derive(Debug, Deserialize)]
struct PayBody {
    mchid: String,
    out_trade_no: String,
    openid: Option<String>,
}

async fn pay(State(sim): State<Handle>, body: Body<PayBody>) -> Control {
    let JsonBody(body) = body?;
    let transaction_id = sim
        .view()
        .pay_transaction(&body.mchid, &body.out_trade_no, body.openid.as_deref())
        .await?;
    Ok(Json(json!({ "transaction_id": transaction_id })))
}

fn not_found(what: &str) -> ControlError {
    ControlError(StatusCode::NOT_FOUND, format!("no such {what}"))
}

async fn transaction(
    State(sim): State<Handle>,
    Path((mchid, out_trade_no)): Path<(String, String)>,
) -> Control {
    let state = sim
        .view()
        .pay_transaction_state(&mchid, &out_trade_no)
        .ok_or_else(|| not_found("order"))?;
    Ok(Json(json!({ "trade_state": state })))
}

/// `{"mchid", "out_refund_no", "outcome": "SUCCESS" | "ABNORMAL" | "CLOSED"}`.
#[derive(Debug, Deserialize)]
struct FinishRefundBody {
    mchid: String,
    out_refund_no: String,
    outcome: String,
}

async fn finish_refund(State(sim): State<Handle>, body: Body<FinishRefundBody>) -> Control {
    let JsonBody(body) = body?;
    let outcome = match body.outcome.as_str() {
        "SUCCESS" => RefundOutcome::Success,
        "ABNORMAL" => RefundOutcome::Abnormal,
        "CLOSED" => RefundOutcome::Closed,
        other => {
            return Err(bad_request(format!(
                "unknown refund outcome `{other}`: use SUCCESS, ABNORMAL or CLOSED"
            )))
        }
    };
    sim.view()
        .finish_refund(&body.mchid, &body.out_refund_no, outcome)
        .await?;
    done()
}

async fn refund(
    State(sim): State<Handle>,
    Path((mchid, out_refund_no)): Path<(String, String)>,
) -> Control {
    let status = sim
        .view()
        .pay_refund_status(&mchid, &out_refund_no)
        .ok_or_else(|| not_found("refund"))?;
    Ok(Json(json!({ "status": status })))
}

/// `{"mchid", "out_bill_no"}`.
#[derive(Debug, Deserialize)]
struct TransferBody {
    mchid: String,
    out_bill_no: String,
}

async fn confirm_transfer(State(sim): State<Handle>, body: Body<TransferBody>) -> Control {
    let JsonBody(body) = body?;
    sim.view()
        .confirm_transfer(&body.mchid, &body.out_bill_no)
        .await?;
    done()
}

async fn transfer(
    State(sim): State<Handle>,
    Path((mchid, out_bill_no)): Path<(String, String)>,
) -> Control {
    let state = sim
        .view()
        .pay_transfer_state(&mchid, &out_bill_no)
        .ok_or_else(|| not_found("transfer bill"))?;
    Ok(Json(json!({ "state": state })))
}

fn notification_json(outcome: &PayNotificationOutcome) -> Value {
    json!({
        "mchid": outcome.mchid,
        "id": outcome.id,
        "event_type": outcome.event_type,
        "url": outcome.url,
        "attempt": outcome.attempt,
        "duplicate": outcome.duplicate,
        "status": outcome.status,
        "error": outcome.error,
        "delivered": outcome.delivered(),
    })
}

async fn notifications(State(sim): State<Handle>) -> Control {
    let list = sim.view().pay_notifications();
    Ok(Json(Value::Array(
        list.iter().map(notification_json).collect(),
    )))
}
