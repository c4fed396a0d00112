//! The merchant side of virtual payment: withdrawals of the income and the goods catalogue.

use std::collections::{HashMap, HashSet};

use serde_json::{json, Value};

use super::{fail, key, Xpay};
use crate::{clock::unix_now, errcode, tokens::random_string, wx_error::WxError};

/// A withdrawal of the income.
#[derive(Debug, Clone)]
pub(super) struct Withdrawal {
    withdraw_no: String,
    wx_withdraw_no: String,
    amount: u64,
    create_time: u64,
    succeeded: bool,
}

/// The most goods a catalogue holds in the simulator.
const MAX_GOODS: usize = 10_000;

/// The goods (道具) of one app and environment, and its last tasks.
#[derive(Debug, Default)]
pub(super) struct Catalogue {
    /// id -> the item as uploaded.
    uploaded: HashMap<String, Value>,
    published: HashSet<String>,
    /// The items of the last upload task, with their `upload_status`.
    last_upload: Option<Vec<Value>>,
    /// The items of the last publish task, with their `publish_status`.
    last_publish: Option<Vec<Value>>,
}

/// A task's `status`: 3 when every item succeeded (`ok_status`), 2 otherwise; 0 without a task.
fn task_status(items: Option<&Vec<Value>>, field: &str) -> u8 {
    match items {
        None => 0,
        Some(items) if items.iter().all(|item| item[field] == 2) => 3,
        Some(_) => 2,
    }
}

impl Xpay {
    /// `create_withdraw_order`: withdraws `amount` fen (all the income when `None`), once per
    /// `withdraw_no` (268490004); paid out at once when the income covers it, failed otherwise.
    pub(crate) fn withdraw(
        &mut self,
        appid: &str,
        env: u8,
        withdraw_no: &str,
        amount: Option<u64>,
    ) -> Result<Value, WxError> {
        let id = key(appid, env, withdraw_no);
        if self.withdrawals.contains(&id) {
            return Err(fail(errcode::XPAY_REPEATED));
        }
        let funds = self.funds.entry(format!("{appid} {env}")).or_default();
        let amount = amount.unwrap_or(*funds);
        let succeeded = amount > 0 && amount <= *funds;
        if succeeded {
            *funds -= amount;
        }
        let withdrawal = Withdrawal {
            withdraw_no: withdraw_no.to_owned(),
            wx_withdraw_no: format!("wxw{}", random_string(29)),
            amount,
            create_time: unix_now(),
            succeeded,
        };
        let answer = json!({
            "withdraw_no": withdrawal.withdraw_no,
            "wx_withdraw_no": withdrawal.wx_withdraw_no,
        });
        self.withdrawals.insert(id, withdrawal);
        Ok(answer)
    }

    /// `query_withdraw_order`.
    pub(crate) fn withdrawal(
        &self,
        appid: &str,
        env: u8,
        withdraw_no: &str,
    ) -> Result<Value, WxError> {
        let withdrawal = self
            .withdrawals
            .get(&key(appid, env, withdraw_no))
            .ok_or_else(|| fail(errcode::XPAY_INVALID_PARAM))?;
        let (fen, succeeded) = (withdrawal.amount, withdrawal.succeeded);
        Ok(json!({
            "withdraw_no": withdrawal.withdraw_no,
            "status": if withdrawal.succeeded { 2 } else { 3 },
            "withdraw_amount": format!("{}.{:02}", fen / 100, fen % 100),
            "wx_withdraw_no": withdrawal.wx_withdraw_no,
            "withdraw_success_timestamp": if succeeded { withdrawal.create_time } else { 0 },
            "create_time": withdrawal.create_time.to_string(),
            "fail_reason": if withdrawal.succeeded { "" } else { "可提现余额不足" },
        }))
    }

    /// `start_upload_goods`: each item is uploaded (2), or its id exists already (1), or the
    /// catalogue is full (3).
    pub(crate) fn upload_goods(&mut self, appid: &str, env: u8, items: &[Value]) {
        let catalogue = self.catalogues.entry(format!("{appid} {env}")).or_default();
        let results = items
            .iter()
            .map(|item| {
                let id = item["id"].as_str().unwrap_or_default().to_owned();
                let (status, errmsg) = if catalogue.uploaded.contains_key(&id) {
                    (1, "id已经存在")
                } else if catalogue.uploaded.len() >= MAX_GOODS {
                    (3, "道具数量超出上限")
                } else {
                    catalogue.uploaded.insert(id, item.clone());
                    (2, "")
                };
                let mut result = item.clone();
                result["upload_status"] = json!(status);
                result["errmsg"] = json!(errmsg);
                result
            })
            .collect();
        catalogue.last_upload = Some(results);
    }

    /// `query_upload_goods`.
    pub(crate) fn upload_task(&self, appid: &str, env: u8) -> Value {
        let last = self
            .catalogues
            .get(&format!("{appid} {env}"))
            .and_then(|catalogue| catalogue.last_upload.as_ref());
        json!({
            "status": task_status(last, "upload_status"),
            "upload_item": last.cloned().unwrap_or_default(),
        })
    }

    /// `start_publish_goods`: each uploaded item is published (2; 1 when it was already),
    /// others fail (3).
    pub(crate) fn publish_goods(&mut self, appid: &str, env: u8, ids: &[&str]) {
        let catalogue = self.catalogues.entry(format!("{appid} {env}")).or_default();
        let results = ids
            .iter()
            .map(|id| {
                let (status, errmsg) = if !catalogue.uploaded.contains_key(*id) {
                    (3, "道具未上传")
                } else if catalogue.published.insert((*id).to_owned()) {
                    (2, "")
                } else {
                    (1, "id已经存在")
                };
                json!({ "id": id, "publish_status": status, "errmsg": errmsg })
            })
            .collect();
        catalogue.last_publish = Some(results);
    }

    /// `query_publish_goods`.
    pub(crate) fn publish_task(&self, appid: &str, env: u8) -> Value {
        let last = self
            .catalogues
            .get(&format!("{appid} {env}"))
            .and_then(|catalogue| catalogue.last_publish.as_ref());
        json!({
            "status": task_status(last, "publish_status"),
            "publish_item": last.cloned().unwrap_or_default(),
        })
    }
}
