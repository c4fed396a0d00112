//! Money leaving the merchant: transfer bills (商家转账, `WAIT_USER_CONFIRM` until the control API
//! confirms, or the merchant cancels) and profit sharing (分账: orders, returns, receivers).

use std::collections::HashMap;

use serde_json::{json, Value};

use super::{time, Merchant, PaySandboxError, MAX_PAY_RECORDS};

/// A transfer bill.
#[derive(Debug, Clone)]
pub(crate) struct TransferBill {
    /// The create request's body: the same body again gets the same answer.
    pub(crate) request: Value,
    pub(crate) appid: String,
    pub(crate) openid: String,
    pub(crate) amount: u64,
    pub(crate) remark: String,
    pub(crate) notify_url: Option<String>,
    pub(crate) transfer_bill_no: String,
    pub(crate) package_info: String,
    pub(crate) state: &'static str,
    pub(crate) created_at: i64,
    pub(crate) updated_at: i64,
}

impl TransferBill {
    /// The answer to its creation.
    pub(crate) fn created_json(&self, out_bill_no: &str) -> Value {
        json!({
            "out_bill_no": out_bill_no,
            "transfer_bill_no": self.transfer_bill_no,
            "create_time": time::rfc3339(self.created_at),
            "state": self.state,
            "package_info": self.package_info,
        })
    }

    /// The bill, as the query endpoints answer it.
    pub(crate) fn to_json(&self, mchid: &str, out_bill_no: &str) -> Value {
        json!({
            "mch_id": mchid,
            "out_bill_no": out_bill_no,
            "transfer_bill_no": self.transfer_bill_no,
            "appid": self.appid,
            "state": self.state,
            "transfer_amount": self.amount,
            "transfer_remark": self.remark,
            "openid": self.openid,
            "create_time": time::rfc3339(self.created_at),
            "update_time": time::rfc3339(self.updated_at),
        })
    }

    /// The bill, as `MCHTRANSFER.BILL.FINISHED` carries it.
    fn notice_json(&self, mchid: &str, out_bill_no: &str) -> Value {
        json!({
            "mch_id": mchid,
            "out_bill_no": out_bill_no,
            "transfer_bill_no": self.transfer_bill_no,
            "state": self.state,
            "transfer_amount": self.amount,
            "openid": self.openid,
            "create_time": time::rfc3339(self.created_at),
            "update_time": time::rfc3339(self.updated_at),
        })
    }

    fn is_final(&self) -> bool {
        matches!(self.state, "SUCCESS" | "FAIL" | "CANCELLED")
    }
}

/// Why a transfer was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TransferRefusal {
    /// The out_bill_no was used for a different transfer.
    Used,
    Full,
}

/// A transfer bill reaching its final state: the answer, the notification's plaintext (none when
/// nothing changed) and where it goes.
pub(crate) type Finished = (Value, Option<Value>, Option<String>);

impl Merchant {
    /// Creates a transfer bill, or answers again for the same one.
    pub(crate) fn create_transfer(
        &mut self,
        out_bill_no: &str,
        bill: TransferBill,
    ) -> Result<Value, TransferRefusal> {
        if let Some(existing) = self.transfers.get(out_bill_no) {
            return if existing.request == bill.request {
                Ok(existing.created_json(out_bill_no))
            } else {
                Err(TransferRefusal::Used)
            };
        }
        if self.transfers.len() >= MAX_PAY_RECORDS {
            return Err(TransferRefusal::Full);
        }
        let answer = bill.created_json(out_bill_no);
        self.transfer_ids
            .insert(bill.transfer_bill_no.clone(), out_bill_no.to_owned());
        self.transfers.insert(out_bill_no.to_owned(), bill);
        Ok(answer)
    }

    /// Moves an unfinished bill to a final state.
    fn finish_transfer(
        &mut self,
        out_bill_no: &str,
        state: &'static str,
        now: i64,
    ) -> Result<Finished, PaySandboxError> {
        let bill =
            self.transfers
                .get_mut(out_bill_no)
                .ok_or_else(|| PaySandboxError::NotFound {
                    kind: "transfer bill",
                    id: out_bill_no.to_owned(),
                })?;
        if state == "CANCELLED" && bill.state == state {
            // Cancelling again changes nothing, and is answered as such.
            let answer = json!({
                "out_bill_no": out_bill_no,
                "transfer_bill_no": bill.transfer_bill_no,
                "state": bill.state,
                "update_time": time::rfc3339(bill.updated_at),
            });
            return Ok((answer, None, None));
        }
        if bill.is_final() {
            return Err(PaySandboxError::WrongState {
                kind: "transfer bill",
                id: out_bill_no.to_owned(),
                state: bill.state.to_owned(),
            });
        }
        bill.state = state;
        bill.updated_at = now;
        let answer = json!({
            "out_bill_no": out_bill_no,
            "transfer_bill_no": bill.transfer_bill_no,
            // The cancel is accepted; the bill is CANCELLED by the time it is queried.
            "state": if state == "CANCELLED" { "CANCELING" } else { state },
            "update_time": time::rfc3339(now),
        });
        Ok((
            answer,
            Some(bill.notice_json(&self.mchid, out_bill_no)),
            bill.notify_url.clone(),
        ))
    }

    /// The user confirms the transfer: `SUCCESS`.
    pub(crate) fn confirm_transfer(
        &mut self,
        out_bill_no: &str,
        now: i64,
    ) -> Result<Finished, PaySandboxError> {
        self.finish_transfer(out_bill_no, "SUCCESS", now)
    }

    /// The merchant cancels the transfer before the user confirms it: `CANCELLED` (again: the
    /// same answer, nothing notified).
    pub(crate) fn cancel_transfer(
        &mut self,
        out_bill_no: &str,
        now: i64,
    ) -> Result<Finished, PaySandboxError> {
        self.finish_transfer(out_bill_no, "CANCELLED", now)
    }
}

/// A profit-sharing order: the sandbox shares at once, so it is `FINISHED` when created.
#[derive(Debug, Clone)]
pub(crate) struct SharingOrder {
    pub(crate) transaction_id: String,
    pub(crate) order_id: String,
    pub(crate) state: &'static str,
    /// The receivers as the answers list them.
    pub(crate) receivers: Vec<Value>,
}

impl SharingOrder {
    pub(crate) fn to_json(&self, out_order_no: &str) -> Value {
        json!({
            "transaction_id": self.transaction_id,
            "out_order_no": out_order_no,
            "order_id": self.order_id,
            "state": self.state,
            "receivers": self.receivers,
        })
    }
}

/// A return of shared money from a receiver.
#[derive(Debug, Clone)]
pub(crate) struct ReturnOrder {
    pub(crate) out_order_no: String,
    pub(crate) order_id: String,
    pub(crate) return_id: String,
    pub(crate) return_mchid: String,
    pub(crate) amount: u64,
    pub(crate) description: String,
    pub(crate) created_at: i64,
}

impl ReturnOrder {
    pub(crate) fn to_json(&self, out_return_no: &str) -> Value {
        json!({
            "order_id": self.order_id,
            "out_order_no": self.out_order_no,
            "out_return_no": out_return_no,
            "return_id": self.return_id,
            "return_mchid": self.return_mchid,
            "amount": self.amount,
            "description": self.description,
            "result": "SUCCESS",
            "create_time": time::rfc3339(self.created_at),
            "finish_time": time::rfc3339(self.created_at),
        })
    }
}

/// A profit-sharing receiver the merchant added.
#[derive(Debug, Clone)]
pub(crate) struct Receiver {
    pub(crate) relation_type: String,
    pub(crate) custom_relation: Option<String>,
}

/// A merchant's profit sharing.
#[derive(Debug, Clone, Default)]
pub(crate) struct ProfitSharing {
    /// out_order_no -> order.
    pub(crate) orders: HashMap<String, SharingOrder>,
    /// out_return_no -> return.
    pub(crate) returns: HashMap<String, ReturnOrder>,
    /// (type, account) -> receiver.
    pub(crate) receivers: HashMap<(String, String), Receiver>,
}
