//! The merchant side of virtual payment: withdrawals of the income, and the goods (道具)
//! catalogue, uploaded then published in batches.

use serde::{Deserialize, Deserializer, Serialize};

use super::XpayApi;
use crate::api::{check_len, check_present, ok, ApiCall, Retry};
use crate::error::{Error, Result};

/// The answer of [`XpayApi::create_withdraw_order`].
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct XpayWithdrawCreated {
    /// The withdrawal's id, the developer's.
    #[serde(default)]
    pub withdraw_no: String,
    /// The withdrawal's id, WeChat's.
    #[serde(default)]
    pub wx_withdraw_no: String,
}

/// Where a withdrawal stands: its `status`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum XpayWithdrawStatus {
    /// 1: created, being paid out.
    Processing,
    /// 2: paid out.
    Succeeded,
    /// 3: failed (see `fail_reason`).
    Failed,
    /// A status this version does not know, as WeChat sent it.
    Other(i64),
}

impl<'de> Deserialize<'de> for XpayWithdrawStatus {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        Ok(match i64::deserialize(deserializer)? {
            1 => XpayWithdrawStatus::Processing,
            2 => XpayWithdrawStatus::Succeeded,
            3 => XpayWithdrawStatus::Failed,
            other => XpayWithdrawStatus::Other(other),
        })
    }
}

fn processing() -> XpayWithdrawStatus {
    XpayWithdrawStatus::Processing
}

/// A withdrawal: the answer of [`XpayApi::query_withdraw_order`].
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct XpayWithdrawal {
    /// The withdrawal's id, the developer's.
    #[serde(default)]
    pub withdraw_no: String,
    /// Where it stands.
    #[serde(default = "processing")]
    pub status: XpayWithdrawStatus,
    /// The amount, in yuan (`"0.01"`).
    #[serde(default)]
    pub withdraw_amount: String,
    /// The withdrawal's id, WeChat's.
    #[serde(default)]
    pub wx_withdraw_no: String,
    /// When it succeeded, in unix seconds.
    #[serde(default)]
    pub withdraw_success_timestamp: u64,
    /// When it was created.
    #[serde(default, deserialize_with = "crate::api::string_or_number")]
    pub create_time: String,
    /// Why it failed.
    #[serde(default, alias = "failReason")]
    pub fail_reason: String,
}

/// One item of the goods catalogue to upload: an entry of `upload_item`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct XpayGoodsUpload {
    /// Its id: 1 to 64 letters, digits, `_` or `-`.
    pub id: String,
    /// Its name, 1 to 1024 characters.
    pub name: String,
    /// Its price in fen, above 0.
    pub price: u64,
    /// A remark, 1 to 1024 characters.
    pub remark: String,
    /// The URL of its picture (jpg, png).
    pub item_url: String,
}

impl XpayGoodsUpload {
    /// The item `id` named `name`, at `price` fen, with a `remark` and a picture at `item_url`.
    pub fn new(
        id: impl Into<String>,
        name: impl Into<String>,
        price: u64,
        remark: impl Into<String>,
        item_url: impl Into<String>,
    ) -> Self {
        XpayGoodsUpload {
            id: id.into(),
            name: name.into(),
            price,
            remark: remark.into(),
            item_url: item_url.into(),
        }
    }

    fn check(&self) -> Result<()> {
        check_goods_id(&self.id)?;
        for (what, value) in [("name", &self.name), ("remark", &self.remark)] {
            let count = value.chars().count();
            if count == 0 || count > 1024 {
                return Err(Error::invalid_input(format!(
                    "{what} of goods {} has {count} characters; WeChat takes 1 to 1024",
                    self.id
                )));
            }
        }
        check_present("item_url", &self.item_url)?;
        if self.price == 0 {
            return Err(Error::invalid_input(format!(
                "the price of goods {} is 0",
                self.id
            )));
        }
        Ok(())
    }
}

/// Rejects a goods id WeChat would refuse: 1 to 64 letters, digits, `_` or `-`.
fn check_goods_id(id: &str) -> Result<()> {
    let ok = (1..=64).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    if !ok {
        return Err(Error::invalid_input(format!(
            "goods id {id:?} must be 1 to 64 letters, digits, `_` or `-`"
        )));
    }
    Ok(())
}

/// The state of a batch task of the goods catalogue: its `status`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum XpayGoodsTaskStatus {
    /// 0: no task running.
    Idle,
    /// 1: running.
    Running,
    /// 2: done, some or all items failed.
    Failed,
    /// 3: done, every item succeeded.
    Succeeded,
    /// A status this version does not know, as WeChat sent it.
    Other(i64),
}

impl<'de> Deserialize<'de> for XpayGoodsTaskStatus {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        Ok(match i64::deserialize(deserializer)? {
            0 => XpayGoodsTaskStatus::Idle,
            1 => XpayGoodsTaskStatus::Running,
            2 => XpayGoodsTaskStatus::Failed,
            3 => XpayGoodsTaskStatus::Succeeded,
            other => XpayGoodsTaskStatus::Other(other),
        })
    }
}

fn idle() -> XpayGoodsTaskStatus {
    XpayGoodsTaskStatus::Idle
}

/// An item of the last upload task, with how it went.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct XpayUploadedGoods {
    /// Its id.
    #[serde(default)]
    pub id: String,
    /// Its name.
    #[serde(default)]
    pub name: String,
    /// Its price in fen.
    #[serde(default)]
    pub price: u64,
    /// Its remark.
    #[serde(default)]
    pub remark: String,
    /// Its picture.
    #[serde(default)]
    pub item_url: String,
    /// 0 uploading, 1 the id exists already, 2 uploaded, 3 failed.
    #[serde(default)]
    pub upload_status: i64,
    /// Why it failed.
    #[serde(default)]
    pub errmsg: String,
}

/// The last upload task: the answer of [`XpayApi::query_upload_goods`].
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct XpayUploadTask {
    /// Where the task stands.
    #[serde(default = "idle")]
    pub status: XpayGoodsTaskStatus,
    /// Its items.
    #[serde(default)]
    pub upload_item: Vec<XpayUploadedGoods>,
}

/// An item of the last publish task, with how it went.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct XpayPublishedGoods {
    /// Its id.
    #[serde(default)]
    pub id: String,
    /// 0 publishing, 1 the id exists already, 2 published, 3 failed.
    #[serde(default)]
    pub publish_status: i64,
    /// Why it failed.
    #[serde(default)]
    pub errmsg: String,
}

/// The last publish task: the answer of [`XpayApi::query_publish_goods`].
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct XpayPublishTask {
    /// Where the task stands.
    #[serde(default = "idle")]
    pub status: XpayGoodsTaskStatus,
    /// Its items.
    #[serde(default)]
    pub publish_item: Vec<XpayPublishedGoods>,
}

/// The most items of one goods task (this SDK's bound; WeChat documents none).
pub const MAX_GOODS_PER_TASK: usize = 500;

/// Rejects a withdrawal id WeChat would refuse: 8 to 32 letters, digits, `_` or `-`.
fn check_withdraw_no(withdraw_no: &str) -> Result<()> {
    let ok = (8..=32).contains(&withdraw_no.len())
        && withdraw_no
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    if !ok {
        return Err(Error::invalid_input(
            "withdraw_no must be 8 to 32 letters, digits, `_` or `-`",
        ));
    }
    Ok(())
}

/// `fen` as the yuan WeChat takes: `1` is `"0.01"`.
fn yuan(fen: u64) -> String {
    format!("{}.{:02}", fen / 100, fen % 100)
}

impl<'c, K: 'static> XpayApi<'c, K> {
    /// Withdraws `amount` fen of the income (all of it when `None`) under the withdrawal id
    /// `withdraw_no` (8 to 32 letters, digits, `_` or `-`): `POST /xpay/create_withdraw_order`.
    /// Never sent twice.
    pub fn create_withdraw_order(
        &self,
        withdraw_no: &str,
        amount: Option<u64>,
    ) -> ApiCall<'static, XpayWithdrawCreated, K> {
        #[derive(Serialize)]
        struct Body<'a> {
            withdraw_no: &'a str,
            #[serde(skip_serializing_if = "Option::is_none")]
            withdraw_amount: Option<String>,
        }
        let checked = check_withdraw_no(withdraw_no).and_then(|()| match amount {
            Some(0) => Err(Error::invalid_input("the withdrawal amount is 0")),
            _ => Ok(()),
        });
        self.signed(
            checked,
            "/xpay/create_withdraw_order",
            &Body {
                withdraw_no,
                withdraw_amount: amount.map(yuan),
            },
            None,
            Retry::Unsafe,
        )
    }

    /// A withdrawal: `POST /xpay/query_withdraw_order`.
    pub fn query_withdraw_order(&self, withdraw_no: &str) -> ApiCall<'static, XpayWithdrawal, K> {
        self.signed(
            check_withdraw_no(withdraw_no),
            "/xpay/query_withdraw_order",
            &serde_json::json!({ "withdraw_no": withdraw_no }),
            None,
            Retry::Safe,
        )
    }

    /// Starts uploading `items` to the development catalogue (1 to 500 per task); follow it
    /// with [`query_upload_goods`](XpayApi::query_upload_goods): `POST /xpay/start_upload_goods`.
    pub fn start_upload_goods(&self, items: &[XpayGoodsUpload]) -> ApiCall<'static, (), K> {
        let checked = check_len("upload_item", items, MAX_GOODS_PER_TASK)
            .and_then(|()| items.iter().try_for_each(XpayGoodsUpload::check));
        self.signed_with(
            checked,
            "/xpay/start_upload_goods",
            &serde_json::json!({ "upload_item": items }),
            None,
            // Uploading the same items again changes nothing.
            Retry::Safe,
            ok,
        )
    }

    /// The last upload task: `POST /xpay/query_upload_goods`.
    pub fn query_upload_goods(&self) -> ApiCall<'static, XpayUploadTask, K> {
        self.signed(
            Ok(()),
            "/xpay/query_upload_goods",
            &serde_json::json!({}),
            None,
            Retry::Safe,
        )
    }

    /// Starts publishing the uploaded items `ids` to the live catalogue (1 to 500 per task);
    /// follow it with [`query_publish_goods`](XpayApi::query_publish_goods):
    /// `POST /xpay/start_publish_goods`.
    pub fn start_publish_goods(&self, ids: &[&str]) -> ApiCall<'static, (), K> {
        #[derive(Serialize)]
        struct Item<'a> {
            id: &'a str,
        }
        let checked = check_len("publish_item", ids, MAX_GOODS_PER_TASK)
            .and_then(|()| ids.iter().try_for_each(|id| check_goods_id(id)));
        let items: Vec<Item<'_>> = ids.iter().map(|id| Item { id }).collect();
        self.signed_with(
            checked,
            "/xpay/start_publish_goods",
            &serde_json::json!({ "publish_item": items }),
            None,
            Retry::Safe,
            ok,
        )
    }

    /// The last publish task: `POST /xpay/query_publish_goods`.
    pub fn query_publish_goods(&self) -> ApiCall<'static, XpayPublishTask, K> {
        self.signed(
            Ok(()),
            "/xpay/query_publish_goods",
            &serde_json::json!({}),
            None,
            Retry::Safe,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yuan_of_fen() {
        assert_eq!(yuan(1), "0.01");
        assert_eq!(yuan(100), "1.00");
        assert_eq!(yuan(123_456), "1234.56");
    }
}
