//! Bills: the trade bill and the fund-flow bill of a day, built from the day's payments and
//! refunds (Beijing time, on the simulated clock); the answer gives the file's SHA-1 and a
//! download URL on the sandbox, which serves the file (gzipped when asked) for five minutes.

use std::io::Write as _;

use axum::{
    extract::State,
    http::{header, HeaderMap, StatusCode},
    response::IntoResponse,
    Extension, Router,
};
use serde_json::json;
use sha1::{Digest as _, Sha1};

use super::{get, ok, own_base, with_merchant, PayCaller, PayFailure, PayResult};
use crate::{
    api::Params,
    state::{
        pay::{time, Download, Merchant, RefundStatus},
        AppState,
    },
};

/// How long a download URL works, in seconds.
const DOWNLOAD_TTL: i64 = 300;

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/v3/bill/tradebill", get(trade_bill))
        .route("/v3/bill/fundflowbill", get(fund_flow_bill))
        .route("/v3/billdownload/file", get(download))
}

fn param_error(field: &str, message: String) -> PayFailure {
    PayFailure::param(message).with_detail(json!({ "location": "query", "field": field }))
}

/// The day of the required `bill_date`.
fn bill_day(params: &Params) -> Result<i64, PayFailure> {
    let date = params
        .get("bill_date")
        .ok_or_else(|| param_error("bill_date", "bill_date is required (YYYY-MM-DD)".into()))?;
    time::parse_bill_date(date).ok_or_else(|| {
        param_error(
            "bill_date",
            format!("bill_date {date} is not a YYYY-MM-DD date"),
        )
    })
}

/// `tar_type`: absent, or GZIP.
fn gzip(params: &Params) -> Result<bool, PayFailure> {
    match params.get("tar_type") {
        None => Ok(false),
        Some("GZIP") => Ok(true),
        Some(other) => Err(param_error(
            "tar_type",
            format!("tar_type {other} is not supported: GZIP, or none"),
        )),
    }
}

/// One of `allowed` (the first is the default).
fn choice<'a>(params: &'a Params, name: &str, allowed: &[&'a str]) -> Result<&'a str, PayFailure> {
    match params.get(name) {
        None => Ok(allowed[0]),
        Some(value) if allowed.contains(&value) => Ok(value),
        Some(value) => Err(param_error(
            name,
            format!("{name} {value} is not one of {}", allowed.join(", ")),
        )),
    }
}

fn yuan(fen: u64) -> String {
    format!("{}.{:02}", fen / 100, fen % 100)
}

/// A bill line: every value behind a backquote, as WeChat Pay writes them.
fn line(values: &[String]) -> String {
    let cells: Vec<String> = values.iter().map(|v| format!("`{v}")).collect();
    cells.join(",")
}

/// A payment or refund of the day: (time, line).
type Row = (i64, String);

fn trade_rows(merchant: &Merchant, day: i64, bill_type: &str) -> (Vec<Row>, u64, u64) {
    let mut rows = Vec::new();
    let (mut paid, mut refunded) = (0, 0);
    if bill_type != "REFUND" {
        for (out_trade_no, order) in &merchant.orders {
            let Some(at) = order.paid_at.filter(|at| time::beijing_day(*at) == day) else {
                continue;
            };
            paid += order.total;
            rows.push((
                at,
                line(&[
                    time::bill_time(at),
                    order.appid.clone(),
                    merchant.mchid.clone(),
                    "0".into(),
                    String::new(),
                    order.transaction_id.clone().unwrap_or_default(),
                    out_trade_no.clone(),
                    order.payer_openid.clone().unwrap_or_default(),
                    order.trade_type.wire().into(),
                    "SUCCESS".into(),
                    "OTHERS".into(),
                    "CNY".into(),
                    yuan(order.total),
                    "0.00".into(),
                    "0".into(),
                    "0".into(),
                    "0.00".into(),
                    "0.00".into(),
                    String::new(),
                    String::new(),
                    order.description.clone(),
                    order.attach.clone().unwrap_or_default(),
                    "0.00".into(),
                    "0.60%".into(),
                    yuan(order.total),
                    "0.00".into(),
                    String::new(),
                ]),
            ));
        }
    }
    if bill_type != "SUCCESS" {
        for (out_refund_no, refund) in &merchant.refunds {
            let Some(at) = refund.success_at.filter(|at| time::beijing_day(*at) == day) else {
                continue;
            };
            if refund.status != RefundStatus::Success {
                continue;
            }
            refunded += refund.amount;
            let order = merchant.orders.get(&refund.out_trade_no);
            rows.push((
                at,
                line(&[
                    time::bill_time(at),
                    order.map(|o| o.appid.clone()).unwrap_or_default(),
                    merchant.mchid.clone(),
                    "0".into(),
                    String::new(),
                    refund.transaction_id.clone(),
                    refund.out_trade_no.clone(),
                    order
                        .and_then(|o| o.payer_openid.clone())
                        .unwrap_or_default(),
                    order.map_or("", |o| o.trade_type.wire()).into(),
                    "REFUND".into(),
                    "OTHERS".into(),
                    "CNY".into(),
                    "0.00".into(),
                    "0.00".into(),
                    refund.refund_id.clone(),
                    out_refund_no.clone(),
                    yuan(refund.amount),
                    "0.00".into(),
                    "ORIGINAL".into(),
                    "SUCCESS".into(),
                    order.map(|o| o.description.clone()).unwrap_or_default(),
                    String::new(),
                    "0.00".into(),
                    "0.60%".into(),
                    yuan(refund.total),
                    yuan(refund.amount),
                    String::new(),
                ]),
            ));
        }
    }
    rows.sort();
    (rows, paid, refunded)
}

fn trade_bill_text(merchant: &Merchant, day: i64, bill_type: &str) -> String {
    let (rows, paid, refunded) = trade_rows(merchant, day, bill_type);
    let mut text = String::from(
        "交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,\
         交易状态,付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,\
         充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,\
         费率备注\n",
    );
    for (_, row) in &rows {
        text.push_str(row);
        text.push('\n');
    }
    text.push_str("总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额\n");
    text.push_str(&line(&[
        rows.len().to_string(),
        yuan(paid),
        yuan(refunded),
        "0.00".into(),
        "0.00".into(),
        yuan(paid),
        yuan(refunded),
    ]));
    text.push('\n');
    text
}

fn fund_flow_text(merchant: &Merchant, day: i64, account_type: &str) -> String {
    // Only the basic account sees payments and refunds; the sandbox charges no fees.
    let mut flows: Vec<(i64, bool, u64, String, String)> = Vec::new();
    if account_type == "BASIC" {
        for (out_trade_no, order) in &merchant.orders {
            if let Some(at) = order.paid_at.filter(|at| time::beijing_day(*at) == day) {
                let id = order.transaction_id.clone().unwrap_or_default();
                flows.push((at, true, order.total, id, out_trade_no.clone()));
            }
        }
        for (out_refund_no, refund) in &merchant.refunds {
            if let Some(at) = refund.success_at.filter(|at| time::beijing_day(*at) == day) {
                flows.push((
                    at,
                    false,
                    refund.amount,
                    refund.refund_id.clone(),
                    out_refund_no.clone(),
                ));
            }
        }
    }
    flows.sort();
    let mut text = String::from(
        "记账时间,微信支付业务单号,资金流水单号,业务名称,业务类型,收支类型,收支金额（元）,\
         账户结余（元）,资金变更提交申请人,备注,业务凭证号\n",
    );
    let (mut balance, mut income, mut income_n, mut expense, mut expense_n) = (0i64, 0, 0, 0, 0);
    for (at, is_income, fen, id, voucher) in &flows {
        let (name, kind) = if *is_income {
            income += fen;
            income_n += 1;
            balance += *fen as i64;
            ("交易", "收入")
        } else {
            expense += fen;
            expense_n += 1;
            balance -= *fen as i64;
            ("退款", "支出")
        };
        let shown_balance = if balance < 0 {
            format!("-{}", yuan(balance.unsigned_abs()))
        } else {
            yuan(balance as u64)
        };
        text.push_str(&line(&[
            time::bill_time(*at),
            id.clone(),
            time::digits(28),
            name.into(),
            name.into(),
            kind.into(),
            yuan(*fen),
            shown_balance,
            "system".into(),
            String::new(),
            voucher.clone(),
        ]));
        text.push('\n');
    }
    text.push_str("资金流水总笔数,收入笔数,收入金额,支出笔数,支出金额\n");
    text.push_str(&line(&[
        flows.len().to_string(),
        income_n.to_string(),
        yuan(income),
        expense_n.to_string(),
        yuan(expense),
    ]));
    text.push('\n');
    text
}

/// Keeps the bill for download and answers its digest and URL.
fn offer(
    state: &AppState,
    caller: &PayCaller,
    headers: &HeaderMap,
    text: String,
    gzip: bool,
) -> PayResult {
    // WeChat Pay's digest is of the bill itself: for a gzipped download, after gunzip.
    let hash: String = Sha1::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let bytes = if gzip {
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        // Writing to a Vec cannot fail.
        let _ = encoder.write_all(text.as_bytes());
        encoder.finish().unwrap_or_default()
    } else {
        text.into_bytes()
    };
    let token = crate::tokens::random_string(32);
    {
        let mut inner = state.lock();
        let now = super::simulated_now(&inner);
        inner.pay.add_download(
            token.clone(),
            Download {
                mchid: caller.mchid.clone(),
                bytes,
                gzip,
                expires: now + DOWNLOAD_TTL,
            },
        );
    }
    ok(json!({
        "hash_type": "SHA1",
        "hash_value": hash,
        "download_url": format!("{}/v3/billdownload/file?token={token}", own_base(headers)),
    }))
}

async fn trade_bill(
    State(state): State<AppState>,
    Extension(caller): Extension<PayCaller>,
    headers: HeaderMap,
    params: Params,
) -> PayResult {
    let day = bill_day(&params)?;
    let bill_type = choice(&params, "bill_type", &["ALL", "SUCCESS", "REFUND"])?;
    let gzip = gzip(&params)?;
    let text = with_merchant(&state, &caller.mchid, |merchant, _| {
        trade_bill_text(merchant, day, bill_type)
    })?;
    offer(&state, &caller, &headers, text, gzip)
}

async fn fund_flow_bill(
    State(state): State<AppState>,
    Extension(caller): Extension<PayCaller>,
    headers: HeaderMap,
    params: Params,
) -> PayResult {
    let day = bill_day(&params)?;
    let account_type = choice(&params, "account_type", &["BASIC", "OPERATION", "FEES"])?;
    let gzip = gzip(&params)?;
    let text = with_merchant(&state, &caller.mchid, |merchant, _| {
        fund_flow_text(merchant, day, account_type)
    })?;
    offer(&state, &caller, &headers, text, gzip)
}

async fn download(
    State(state): State<AppState>,
    Extension(caller): Extension<PayCaller>,
    params: Params,
) -> PayResult {
    let token = params
        .get("token")
        .ok_or_else(|| param_error("token", "token is required".into()))?;
    let found = {
        let inner = state.lock();
        let now = super::simulated_now(&inner);
        inner
            .pay
            .download(token, now)
            .filter(|d| d.mchid == caller.mchid)
            .map(|d| (d.bytes.clone(), d.gzip))
    };
    let (bytes, gzip) = found.ok_or_else(|| {
        param_error(
            "token",
            "the download URL has expired or is not this merchant's: apply for the bill again"
                .into(),
        )
    })?;
    let content_type = if gzip {
        "application/octet-stream"
    } else {
        "text/plain; charset=utf-8"
    };
    Ok((
        StatusCode::OK,
        [(header::CONTENT_TYPE, content_type)],
        bytes,
    )
        .into_response())
}
