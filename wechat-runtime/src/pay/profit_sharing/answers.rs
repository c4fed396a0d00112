//! What profit sharing answers: the sharing order, the return order, the amount left, the
//! receivers added and deleted.

use serde::{Deserialize, Serialize};
use wechat_pay::Fen;

use super::ReceiverType;
use crate::pay::wire::wire_enum;

wire_enum! {
    /// `state` of a [`ProfitSharingOrder`].
    ///
    /// ```
    /// let state: wechat_runtime::pay::profit_sharing::ProfitSharingState =
    ///     serde_json::from_str(r#""FINISHED""#).unwrap();
    /// assert_eq!(state.as_str(), "FINISHED");
    /// ```
    ProfitSharingState {
        /// `PROCESSING`: being shared.
        Processing = "PROCESSING",
        /// `FINISHED`: done (each receiver's result is in `receivers`).
        Finished = "FINISHED",
    }
}

wire_enum! {
    /// `result` of one receiver of a [`ProfitSharingOrder`].
    ///
    /// ```
    /// use wechat_runtime::pay::profit_sharing::ReceiverResult;
    /// assert_eq!(serde_json::from_str::<ReceiverResult>(r#""CLOSED""#).unwrap(), ReceiverResult::Closed);
    /// ```
    ReceiverResult {
        /// `PENDING`: waiting.
        Pending = "PENDING",
        /// `SUCCESS`: shared.
        Success = "SUCCESS",
        /// `CLOSED`: failed and closed; `fail_reason` says why.
        Closed = "CLOSED",
    }
}

wire_enum! {
    /// `result` of a [`ProfitSharingReturn`].
    ///
    /// ```
    /// use wechat_runtime::pay::profit_sharing::ReturnResult;
    /// assert_eq!(ReturnResult::Failed.as_str(), "FAILED");
    /// ```
    ReturnResult {
        /// `PROCESSING`: being returned. Query again with the same `out_return_no`; never
        /// return again under a new one.
        Processing = "PROCESSING",
        /// `SUCCESS`: returned.
        Success = "SUCCESS",
        /// `FAILED`: failed; `fail_reason` says why.
        Failed = "FAILED",
    }
}

/// A profit-sharing order: the answer of
/// [`ProfitSharing::create`](super::ProfitSharing::create),
/// [`query`](super::ProfitSharing::query) and [`unfreeze`](super::ProfitSharing::unfreeze).
///
/// ```
/// use wechat_runtime::pay::profit_sharing::{ProfitSharingOrder, ProfitSharingState, ReceiverResult};
///
/// let order: ProfitSharingOrder = serde_json::from_str(r#"{
///     "transaction_id": "4208450740201411110007820472", "out_order_no": "P20150806125346",
///     "order_id": "3008450740201411110007820472", "state": "FINISHED",
///     "receivers": [{ "amount": 100, "description": "分给商户1900000109", "type": "MERCHANT_ID",
///         "account": "1900000109", "result": "SUCCESS", "detail_id": "36011111111111111111111",
///         "create_time": "2015-05-20T13:29:35.120+08:00", "finish_time": "2015-05-20T13:29:35.120+08:00" }]
/// }"#).unwrap();
/// assert_eq!(order.state, ProfitSharingState::Finished);
/// assert_eq!(order.receivers[0].result, ReceiverResult::Success);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ProfitSharingOrder {
    /// WeChat Pay's order number of the payment shared.
    #[serde(default)]
    pub transaction_id: String,
    /// The merchant's sharing number.
    pub out_order_no: String,
    /// WeChat Pay's sharing number.
    #[serde(default)]
    pub order_id: String,
    /// Where the sharing stands.
    pub state: ProfitSharingState,
    /// Each receiver's share and result.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub receivers: Vec<ReceiverShare>,
}

/// One receiver of a [`ProfitSharingOrder`]: its share and its result.
///
/// ```
/// let share: wechat_runtime::pay::profit_sharing::ReceiverShare = serde_json::from_str(
///     r#"{"amount":100,"description":"d","type":"MERCHANT_ID","account":"1900000109","result":"PENDING"}"#,
/// ).unwrap();
/// assert_eq!(share.amount.get(), 100);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ReceiverShare {
    /// The share.
    #[serde(default)]
    pub amount: Fen,
    /// The description given.
    #[serde(default)]
    pub description: String,
    /// The receiver's kind.
    #[serde(rename = "type")]
    pub kind: ReceiverType,
    /// The receiver's account (a merchant id or an openid).
    #[serde(default)]
    pub account: String,
    /// The result.
    pub result: ReceiverResult,
    /// Why it failed, for `CLOSED` (`ACCOUNT_ABNORMAL`, `NO_RELATION`…).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fail_reason: Option<String>,
    /// WeChat Pay's detail number, to reconcile with the fund-flow bill.
    #[serde(default)]
    pub detail_id: String,
    /// When it was created (RFC 3339).
    #[serde(default)]
    pub create_time: String,
    /// When it finished (RFC 3339).
    #[serde(default)]
    pub finish_time: String,
}

/// A profit-sharing return: the answer of
/// [`ProfitSharing::return_order`](super::ProfitSharing::return_order) and
/// [`query_return`](super::ProfitSharing::query_return).
///
/// ```
/// use wechat_runtime::pay::profit_sharing::{ProfitSharingReturn, ReturnResult};
///
/// let ret: ProfitSharingReturn = serde_json::from_str(r#"{
///     "order_id": "3008450740201411110007820472", "out_order_no": "P20150806125346",
///     "out_return_no": "R20190516001", "return_id": "3008450740201411110007820472",
///     "return_mchid": "86693852", "amount": 10, "description": "用户退款", "result": "SUCCESS",
///     "create_time": "2015-05-20T13:29:35.120+08:00", "finish_time": "2015-05-20T13:29:35.120+08:00"
/// }"#).unwrap();
/// assert_eq!(ret.result, ReturnResult::Success);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ProfitSharingReturn {
    /// WeChat Pay's sharing number.
    #[serde(default)]
    pub order_id: String,
    /// The merchant's sharing number.
    #[serde(default)]
    pub out_order_no: String,
    /// The merchant's return number.
    pub out_return_no: String,
    /// WeChat Pay's return number.
    #[serde(default)]
    pub return_id: String,
    /// The merchant the money comes back from.
    #[serde(default)]
    pub return_mchid: String,
    /// The amount returned.
    #[serde(default)]
    pub amount: Fen,
    /// The description given.
    #[serde(default)]
    pub description: String,
    /// Where the return stands.
    pub result: ReturnResult,
    /// Why it failed, for `FAILED`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fail_reason: Option<String>,
    /// When it was created (RFC 3339).
    #[serde(default)]
    pub create_time: String,
    /// When it finished (RFC 3339).
    #[serde(default)]
    pub finish_time: String,
}

/// What is left to share of a payment: the answer of
/// [`ProfitSharing::amounts`](super::ProfitSharing::amounts).
///
/// ```
/// let left: wechat_runtime::pay::profit_sharing::UnsplitAmount = serde_json::from_str(
///     r#"{"transaction_id":"4208450740201411110007820472","unsplit_amount":1000}"#,
/// ).unwrap();
/// assert_eq!(left.unsplit_amount.get(), 1000);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct UnsplitAmount {
    /// WeChat Pay's order number.
    #[serde(default)]
    pub transaction_id: String,
    /// What is left to share.
    #[serde(default)]
    pub unsplit_amount: Fen,
}

/// A receiver added: the answer of
/// [`ProfitSharing::add_receiver`](super::ProfitSharing::add_receiver).
///
/// ```
/// let added: wechat_runtime::pay::profit_sharing::AddedReceiver = serde_json::from_str(
///     r#"{"type":"MERCHANT_ID","account":"86693852","relation_type":"STORE"}"#,
/// ).unwrap();
/// assert_eq!(added.account, "86693852");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AddedReceiver {
    /// The receiver's kind.
    #[serde(rename = "type")]
    pub kind: ReceiverType,
    /// Its account.
    #[serde(default)]
    pub account: String,
    /// Its name, encrypted by WeChat Pay, when it sends it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The relation, as given.
    #[serde(default)]
    pub relation_type: String,
    /// The custom relation, for `CUSTOM`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom_relation: Option<String>,
}

/// A receiver deleted: the answer of
/// [`ProfitSharing::delete_receiver`](super::ProfitSharing::delete_receiver).
///
/// ```
/// let deleted: wechat_runtime::pay::profit_sharing::DeletedReceiver =
///     serde_json::from_str(r#"{"type":"PERSONAL_OPENID","account":"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"}"#).unwrap();
/// assert_eq!(deleted.account, "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DeletedReceiver {
    /// The receiver's kind.
    #[serde(rename = "type")]
    pub kind: ReceiverType,
    /// Its account.
    #[serde(default)]
    pub account: String,
}
