//! Orders and refunds: a prepay is `NOTPAY` until the control API pays it (`SUCCESS`), or the
//! merchant closes it (`CLOSED`); a refund turns it `REFUND` and stays `PROCESSING` until the
//! control API finishes it (`SUCCESS`, `ABNORMAL`, `CLOSED`).

use serde_json::{json, Map, Value};

use super::{time, Merchant, PaySandboxError, RefundOutcome, MAX_PAY_RECORDS};

/// How the order is paid: the prepay endpoint it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TradeType {
    Jsapi,
    App,
    H5,
    Native,
}

impl TradeType {
    /// `trade_type` as the transaction shows it.
    pub(crate) fn wire(self) -> &'static str {
        match self {
            TradeType::Jsapi => "JSAPI",
            TradeType::App => "APP",
            TradeType::H5 => "MWEB",
            TradeType::Native => "NATIVE",
        }
    }
}

/// `trade_state`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TradeState {
    NotPay,
    Success,
    Closed,
    Refund,
}

impl TradeState {
    pub(crate) fn wire(self) -> &'static str {
        match self {
            TradeState::NotPay => "NOTPAY",
            TradeState::Success => "SUCCESS",
            TradeState::Closed => "CLOSED",
            TradeState::Refund => "REFUND",
        }
    }

    fn desc(self) -> &'static str {
        match self {
            TradeState::NotPay => "订单未支付",
            TradeState::Success => "支付成功",
            TradeState::Closed => "订单已关闭",
            TradeState::Refund => "订单发生过退款",
        }
    }

    /// Whether the payer has paid (refunds included).
    pub(crate) fn is_paid(self) -> bool {
        matches!(self, TradeState::Success | TradeState::Refund)
    }
}

/// An order, from its prepay on.
#[derive(Debug, Clone)]
pub(crate) struct Order {
    pub(crate) trade_type: TradeType,
    /// The prepay request's body: the same body again gets the same answer.
    pub(crate) request: Value,
    /// The prepay answer (`prepay_id`, `code_url` or `h5_url`).
    pub(crate) answer: Value,
    pub(crate) appid: String,
    pub(crate) description: String,
    pub(crate) attach: Option<String>,
    pub(crate) notify_url: String,
    pub(crate) total: u64,
    pub(crate) payer_openid: Option<String>,
    /// `settle_info.profit_sharing`: the money can be shared before it settles.
    pub(crate) profit_sharing: bool,
    pub(crate) state: TradeState,
    pub(crate) transaction_id: Option<String>,
    pub(crate) paid_at: Option<i64>,
    /// Fen in refunds that are not closed.
    pub(crate) refunded: u64,
    /// Fen shared with profit-sharing receivers.
    pub(crate) shared: u64,
    /// Whether the rest was unfrozen to the merchant.
    pub(crate) unfrozen: bool,
}

impl Order {
    /// The transaction, as the query endpoints answer and `TRANSACTION.SUCCESS` carries it.
    pub(crate) fn to_json(&self, mchid: &str, out_trade_no: &str) -> Value {
        let mut body = Map::new();
        body.insert("appid".into(), json!(self.appid));
        body.insert("mchid".into(), json!(mchid));
        body.insert("out_trade_no".into(), json!(out_trade_no));
        if let Some(id) = &self.transaction_id {
            body.insert("transaction_id".into(), json!(id));
        }
        body.insert("trade_type".into(), json!(self.trade_type.wire()));
        body.insert("trade_state".into(), json!(self.state.wire()));
        body.insert("trade_state_desc".into(), json!(self.state.desc()));
        if let Some(attach) = &self.attach {
            body.insert("attach".into(), json!(attach));
        }
        let mut payer = Map::new();
        if let Some(openid) = &self.payer_openid {
            payer.insert("openid".into(), json!(openid));
        }
        body.insert("payer".into(), Value::Object(payer));
        let mut amount = json!({
            "total": self.total,
            "currency": "CNY",
            "payer_currency": "CNY",
        });
        if let Some(paid_at) = self.paid_at {
            body.insert("bank_type".into(), json!("OTHERS"));
            body.insert("success_time".into(), json!(time::rfc3339(paid_at)));
            amount["payer_total"] = json!(self.total);
        }
        body.insert("amount".into(), amount);
        Value::Object(body)
    }

    /// What can still be refunded.
    pub(crate) fn refundable(&self) -> u64 {
        self.total.saturating_sub(self.refunded)
    }
}

/// Why a prepay was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PrepayRefusal {
    Paid,
    Closed,
    /// The number was used for a different order.
    Used,
    Full,
}

/// `status` of a refund.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RefundStatus {
    Processing,
    Success,
    Closed,
    Abnormal,
}

impl RefundStatus {
    pub(crate) fn wire(self) -> &'static str {
        match self {
            RefundStatus::Processing => "PROCESSING",
            RefundStatus::Success => "SUCCESS",
            RefundStatus::Closed => "CLOSED",
            RefundStatus::Abnormal => "ABNORMAL",
        }
    }
}

/// A refund of (part of) a paid order.
#[derive(Debug, Clone)]
pub(crate) struct Refund {
    pub(crate) refund_id: String,
    pub(crate) out_trade_no: String,
    pub(crate) transaction_id: String,
    pub(crate) notify_url: Option<String>,
    pub(crate) amount: u64,
    pub(crate) total: u64,
    pub(crate) status: RefundStatus,
    pub(crate) created_at: i64,
    pub(crate) success_at: Option<i64>,
}

impl Refund {
    /// The refund, as the refund endpoints answer it.
    pub(crate) fn to_json(&self, out_refund_no: &str) -> Value {
        let mut body = json!({
            "refund_id": self.refund_id,
            "out_refund_no": out_refund_no,
            "transaction_id": self.transaction_id,
            "out_trade_no": self.out_trade_no,
            "channel": "ORIGINAL",
            "user_received_account": "支付用户零钱",
            "create_time": time::rfc3339(self.created_at),
            "status": self.status.wire(),
            "funds_account": "AVAILABLE",
            "amount": {
                "total": self.total,
                "refund": self.amount,
                "from": [],
                "payer_total": self.total,
                "payer_refund": self.amount,
                "settlement_refund": self.amount,
                "settlement_total": self.total,
                "discount_refund": 0,
                "currency": "CNY",
                "refund_fee": 0,
            },
            "promotion_detail": [],
        });
        if let Some(at) = self.success_at {
            body["success_time"] = json!(time::rfc3339(at));
        }
        body
    }

    /// The refund, as `REFUND.*` notifications carry it.
    pub(crate) fn notice_json(&self, mchid: &str, out_refund_no: &str) -> Value {
        let mut body = json!({
            "mchid": mchid,
            "out_trade_no": self.out_trade_no,
            "transaction_id": self.transaction_id,
            "out_refund_no": out_refund_no,
            "refund_id": self.refund_id,
            "refund_status": self.status.wire(),
            "user_received_account": "支付用户零钱",
            "amount": {
                "total": self.total,
                "refund": self.amount,
                "payer_total": self.total,
                "payer_refund": self.amount,
            },
        });
        if let Some(at) = self.success_at {
            body["success_time"] = json!(time::rfc3339(at));
        }
        body
    }
}

/// A refund request, checked for its shape.
#[derive(Debug, Clone)]
pub(crate) struct RefundRequest {
    pub(crate) transaction_id: Option<String>,
    pub(crate) out_trade_no: Option<String>,
    pub(crate) out_refund_no: String,
    pub(crate) notify_url: Option<String>,
    pub(crate) amount: u64,
    pub(crate) total: u64,
}

/// Why a refund was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum RefundRefusal {
    /// No paid order by that number.
    NoOrder,
    /// `amount.total` is not the order's total.
    TotalMismatch(u64),
    /// More than is left to refund.
    Exceeds(u64),
    Full,
}

impl Merchant {
    /// Places an order, or answers again for the same one.
    pub(crate) fn prepay(
        &mut self,
        out_trade_no: &str,
        order: Order,
    ) -> Result<Value, PrepayRefusal> {
        if let Some(existing) = self.orders.get(out_trade_no) {
            return match existing.state {
                state if state.is_paid() => Err(PrepayRefusal::Paid),
                TradeState::Closed => Err(PrepayRefusal::Closed),
                _ if existing.trade_type == order.trade_type
                    && existing.request == order.request =>
                {
                    Ok(existing.answer.clone())
                }
                _ => Err(PrepayRefusal::Used),
            };
        }
        if self.orders.len() >= MAX_PAY_RECORDS {
            return Err(PrepayRefusal::Full);
        }
        let answer = order.answer.clone();
        self.orders.insert(out_trade_no.to_owned(), order);
        Ok(answer)
    }

    /// Closes an unpaid order (closing a closed one again is fine). `Err(None)`: no such order;
    /// `Err(Some(state))`: it was paid.
    pub(crate) fn close(&mut self, out_trade_no: &str) -> Result<(), Option<TradeState>> {
        let order = self.orders.get_mut(out_trade_no).ok_or(None)?;
        if order.state.is_paid() {
            return Err(Some(order.state));
        }
        order.state = TradeState::Closed;
        Ok(())
    }

    /// The order with this transaction_id.
    pub(crate) fn order_by_transaction(&self, transaction_id: &str) -> Option<(&str, &Order)> {
        let out_trade_no = self.transactions.get(transaction_id)?;
        let order = self.orders.get(out_trade_no)?;
        Some((out_trade_no.as_str(), order))
    }

    /// The payer pays: `NOTPAY` becomes `SUCCESS`. Returns the transaction and its notify_url.
    pub(crate) fn pay(
        &mut self,
        out_trade_no: &str,
        openid: Option<&str>,
        now: i64,
    ) -> Result<(Value, String, String), PaySandboxError> {
        let order = self
            .orders
            .get_mut(out_trade_no)
            .ok_or_else(|| PaySandboxError::NotFound {
                kind: "order",
                id: out_trade_no.to_owned(),
            })?;
        if order.state != TradeState::NotPay {
            return Err(PaySandboxError::WrongState {
                kind: "order",
                id: out_trade_no.to_owned(),
                state: order.state.wire().to_owned(),
            });
        }
        let transaction_id = format!("4200{}{}", time::compact_date(now), time::digits(16));
        order.state = TradeState::Success;
        order.transaction_id = Some(transaction_id.clone());
        order.paid_at = Some(now);
        if let Some(openid) = openid {
            order.payer_openid = Some(openid.to_owned());
        } else if order.payer_openid.is_none() {
            order.payer_openid = Some(format!("oUpF8uMuAJO_M2pxb1Q9zNj{}", time::hex(5)));
        }
        let body = order.to_json(&self.mchid, out_trade_no);
        let url = order.notify_url.clone();
        self.transactions
            .insert(transaction_id.clone(), out_trade_no.to_owned());
        Ok((body, url, transaction_id))
    }

    /// Refunds (part of) a paid order; the same out_refund_no again answers the same refund.
    pub(crate) fn refund(
        &mut self,
        request: RefundRequest,
        now: i64,
    ) -> Result<Value, RefundRefusal> {
        if let Some(refund) = self.refunds.get(&request.out_refund_no) {
            return Ok(refund.to_json(&request.out_refund_no));
        }
        if self.refunds.len() >= MAX_PAY_RECORDS {
            return Err(RefundRefusal::Full);
        }
        let out_trade_no = match (&request.transaction_id, &request.out_trade_no) {
            (Some(id), _) => self.transactions.get(id).cloned(),
            (None, Some(no)) => Some(no.clone()),
            (None, None) => None,
        }
        .ok_or(RefundRefusal::NoOrder)?;
        let order = self
            .orders
            .get_mut(&out_trade_no)
            .filter(|order| order.state.is_paid())
            .ok_or(RefundRefusal::NoOrder)?;
        if request.total != order.total {
            return Err(RefundRefusal::TotalMismatch(order.total));
        }
        if request.amount > order.refundable() {
            return Err(RefundRefusal::Exceeds(order.refundable()));
        }
        order.refunded += request.amount;
        order.state = TradeState::Refund;
        let refund = Refund {
            refund_id: format!("50{}", time::digits(27)),
            out_trade_no,
            transaction_id: order.transaction_id.clone().unwrap_or_default(),
            notify_url: request.notify_url,
            amount: request.amount,
            total: order.total,
            status: RefundStatus::Processing,
            created_at: now,
            success_at: None,
        };
        let body = refund.to_json(&request.out_refund_no);
        self.refunds.insert(request.out_refund_no, refund);
        Ok(body)
    }

    /// Ends a `PROCESSING` refund. Returns the notification's plaintext and where it goes.
    pub(crate) fn finish_refund(
        &mut self,
        out_refund_no: &str,
        outcome: RefundOutcome,
        now: i64,
    ) -> Result<(Value, Option<String>), PaySandboxError> {
        let refund =
            self.refunds
                .get_mut(out_refund_no)
                .ok_or_else(|| PaySandboxError::NotFound {
                    kind: "refund",
                    id: out_refund_no.to_owned(),
                })?;
        if refund.status != RefundStatus::Processing {
            return Err(PaySandboxError::WrongState {
                kind: "refund",
                id: out_refund_no.to_owned(),
                state: refund.status.wire().to_owned(),
            });
        }
        refund.status = match outcome {
            RefundOutcome::Success => RefundStatus::Success,
            RefundOutcome::Abnormal => RefundStatus::Abnormal,
            RefundOutcome::Closed => RefundStatus::Closed,
        };
        if refund.status == RefundStatus::Success {
            refund.success_at = Some(now);
        }
        let (amount, out_trade_no) = (refund.amount, refund.out_trade_no.clone());
        let notice = refund.notice_json(&self.mchid, out_refund_no);
        let url = refund.notify_url.clone();
        if outcome == RefundOutcome::Closed {
            if let Some(order) = self.orders.get_mut(&out_trade_no) {
                order.refunded = order.refunded.saturating_sub(amount);
            }
        }
        Ok((notice, url))
    }
}
