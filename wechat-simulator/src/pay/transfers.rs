//! Merchant transfer (商家转账, the 2025 API where the user confirms the receipt): create a bill
//! (`WAIT_USER_CONFIRM` until the control API confirms it), query it by either number, cancel it.
//! A final state is notified with `MCHTRANSFER.BILL.FINISHED`.

use axum::{
    body::Bytes,
    extract::{Path, State},
    Extension, Router,
};
use serde_json::Value;

use super::{
    check_len, check_notify_url, get, notify, ok, opt_str, post, req_fen, req_id, req_str,
    with_merchant, PayCaller, PayFailure, PayResult,
};
use crate::state::{
    pay::{time, PaySandboxError, TransferBill, TransferRefusal, MAX_PAY_RECORDS},
    AppState,
};

pub(super) fn routes() -> Router<AppState> {
    const BASE: &str = "/v3/fund-app/mch-transfer/transfer-bills";
    Router::new()
        .route(BASE, post(create))
        .route(
            &format!("{BASE}/out-bill-no/{{out_bill_no}}"),
            get(by_out_bill_no),
        )
        .route(
            &format!("{BASE}/out-bill-no/{{out_bill_no}}/cancel"),
            post(cancel),
        )
        .route(
            &format!("{BASE}/transfer-bill-no/{{transfer_bill_no}}"),
            get(by_transfer_bill_no),
        )
}

fn not_found() -> PayFailure {
    PayFailure::not_found("NOT_FOUND", "the transfer bill does not exist")
}

/// The checked request: (out_bill_no, bill).
fn bill_of(
    body: &Value,
    caller: &PayCaller,
    now: i64,
) -> Result<(String, TransferBill), PayFailure> {
    let appid = req_str(body, "/appid")?;
    let out_bill_no = req_id(body, "/out_bill_no", wechat_pay::OutBillNo::new)?;
    req_str(body, "/transfer_scene_id")?;
    let openid = req_str(body, "/openid")?;
    if opt_str(body, "/user_name")?.is_some() {
        caller.check_wechatpay_serial("user_name")?;
    }
    let amount = req_fen(body, "/transfer_amount")?;
    let remark = req_str(body, "/transfer_remark")?;
    check_len("/transfer_remark", remark, 32)?;
    let notify_url = opt_str(body, "/notify_url")?;
    if let Some(url) = notify_url {
        check_notify_url("/notify_url", url)?;
    }
    match body.get("transfer_scene_report_infos") {
        Some(Value::Array(infos)) => {
            for (i, _) in infos.iter().enumerate() {
                req_str(body, &format!("/transfer_scene_report_infos/{i}/info_type"))?;
                req_str(
                    body,
                    &format!("/transfer_scene_report_infos/{i}/info_content"),
                )?;
            }
        }
        _ => {
            return Err(PayFailure::param(
                "transfer_scene_report_infos is required: the scene's report, as an array",
            ))
        }
    }
    let bill = TransferBill {
        request: body.clone(),
        appid: appid.to_owned(),
        openid: openid.to_owned(),
        amount,
        remark: remark.to_owned(),
        notify_url: notify_url.map(str::to_owned),
        transfer_bill_no: format!("13300000{}", time::digits(32)),
        package_info: format!("ABBQO+oYAAABAAAAAAAk{}", crate::tokens::random_string(40)),
        state: "WAIT_USER_CONFIRM",
        created_at: now,
        updated_at: now,
    };
    Ok((out_bill_no.to_owned(), bill))
}

async fn create(
    State(state): State<AppState>,
    Extension(caller): Extension<PayCaller>,
    body: Bytes,
) -> PayResult {
    let body = super::json_body(&body)?;
    let now = super::simulated_now(&state.lock());
    let (out_bill_no, bill) = bill_of(&body, &caller, now)?;
    match with_merchant(&state, &caller.mchid, |merchant, _| {
        merchant.create_transfer(&out_bill_no, bill)
    })? {
        Ok(answer) => ok(answer),
        Err(TransferRefusal::Used) => Err(PayFailure::invalid(format!(
            "out_bill_no {out_bill_no} was used for a different transfer"
        ))),
        Err(TransferRefusal::Full) => Err(PayFailure::invalid(format!(
            "the sandbox keeps at most {MAX_PAY_RECORDS} transfer bills per merchant"
        ))),
    }
}

async fn by_out_bill_no(
    State(state): State<AppState>,
    Extension(caller): Extension<PayCaller>,
    Path(out_bill_no): Path<String>,
) -> PayResult {
    let found = with_merchant(&state, &caller.mchid, |merchant, _| {
        merchant
            .transfers
            .get(&out_bill_no)
            .map(|bill| bill.to_json(&merchant.mchid, &out_bill_no))
    })?;
    found.map_or_else(|| Err(not_found()), ok)
}

async fn by_transfer_bill_no(
    State(state): State<AppState>,
    Extension(caller): Extension<PayCaller>,
    Path(transfer_bill_no): Path<String>,
) -> PayResult {
    let found = with_merchant(&state, &caller.mchid, |merchant, _| {
        let out_bill_no = merchant.transfer_ids.get(&transfer_bill_no)?;
        let bill = merchant.transfers.get(out_bill_no)?;
        Some(bill.to_json(&merchant.mchid, out_bill_no))
    })?;
    found.map_or_else(|| Err(not_found()), ok)
}

async fn cancel(
    State(state): State<AppState>,
    Extension(caller): Extension<PayCaller>,
    Path(out_bill_no): Path<String>,
) -> PayResult {
    let result = with_merchant(&state, &caller.mchid, |merchant, now| {
        let (answer, plaintext, url) = merchant.cancel_transfer(&out_bill_no, now)?;
        let notice = plaintext.zip(url).map(|(plaintext, url)| {
            notify::notice(merchant, notify::TRANSFER_FINISHED, url, &plaintext, now)
        });
        Ok::<_, PaySandboxError>((answer, notice))
    })?;
    match result {
        Ok((answer, notice)) => {
            if let Some(notice) = notice {
                let state = state.clone();
                tokio::spawn(async move { notify::deliver(&state, notice).await });
            }
            ok(answer)
        }
        Err(PaySandboxError::WrongState { state, .. }) => Err(PayFailure::invalid(format!(
            "the transfer bill is {state}: only a bill the user has not confirmed can be cancelled"
        ))),
        Err(_) => Err(not_found()),
    }
}
