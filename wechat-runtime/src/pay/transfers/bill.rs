//! What transfers answer: the bill created, the bill ([`TransferBill`], also the resource of
//! the `MCHTRANSFER.BILL.FINISHED` notification), the bill cancelled.

use serde::{Deserialize, Serialize};
use wechat_pay::Fen;

use crate::pay::wire::wire_enum;

wire_enum! {
    /// `state`: where a transfer bill stands.
    ///
    /// ```
    /// use wechat_runtime::pay::transfers::TransferState;
    ///
    /// let state: TransferState = serde_json::from_str(r#""WAIT_USER_CONFIRM""#).unwrap();
    /// assert_eq!(state, TransferState::WaitUserConfirm);
    /// assert!(!state.is_final());
    /// ```
    TransferState {
        /// `ACCEPTED`: accepted, being processed.
        Accepted = "ACCEPTED",
        /// `PROCESSING`: being transferred (a temporary failure may retry it).
        Processing = "PROCESSING",
        /// `WAIT_USER_CONFIRM`: waiting for the user to confirm on WeChat's page.
        WaitUserConfirm = "WAIT_USER_CONFIRM",
        /// `TRANSFERING`: the user confirmed; the money is on its way. (WeChat Pay's spelling.)
        Transfering = "TRANSFERING",
        /// `SUCCESS`: transferred.
        Success = "SUCCESS",
        /// `FAIL`: failed; `fail_reason` says why.
        Fail = "FAIL",
        /// `CANCELING`: being cancelled.
        Canceling = "CANCELING",
        /// `CANCELLED`: cancelled.
        Cancelled = "CANCELLED",
    }
}

impl TransferState {
    /// Whether the bill is done: `SUCCESS`, `FAIL` or `CANCELLED` (the states the
    /// `MCHTRANSFER.BILL.FINISHED` notification reports).
    ///
    /// ```
    /// assert!(wechat_runtime::pay::transfers::TransferState::Cancelled.is_final());
    /// ```
    pub fn is_final(&self) -> bool {
        matches!(
            self,
            TransferState::Success | TransferState::Fail | TransferState::Cancelled
        )
    }
}

/// What [`Transfers::create`](super::Transfers::create) answers.
///
/// ```
/// use wechat_runtime::pay::transfers::{TransferCreated, TransferState};
///
/// let created: TransferCreated = serde_json::from_str(r#"{
///     "out_bill_no": "plfk2020042013", "transfer_bill_no": "1330000071100999991182020050700019480001",
///     "create_time": "2015-05-20T13:29:35.120+08:00", "state": "WAIT_USER_CONFIRM",
///     "package_info": "affffddafdfafddffda=="
/// }"#).unwrap();
/// assert_eq!(created.state, TransferState::WaitUserConfirm);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TransferCreated {
    /// The merchant's bill number.
    pub out_bill_no: String,
    /// WeChat Pay's bill number.
    pub transfer_bill_no: String,
    /// When the bill was created (RFC 3339).
    #[serde(default)]
    pub create_time: String,
    /// Where it stands.
    pub state: TransferState,
    /// Why it failed, for `FAIL`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fail_reason: Option<String>,
    /// For `WAIT_USER_CONFIRM`: what the front end hands to WeChat's confirmation page
    /// (`wx.requestMerchantTransfer` and the like).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub package_info: Option<String>,
}

/// A transfer bill: the answer of [`Transfers::by_out_bill_no`](super::Transfers::by_out_bill_no) and
/// [`Transfers::by_transfer_bill_no`](super::Transfers::by_transfer_bill_no), and the decrypted resource of a
/// `MCHTRANSFER.BILL.FINISHED` notification (which carries no `appid`, `transfer_remark` or
/// `user_name`: they are then empty).
///
/// ```
/// use wechat_runtime::pay::transfers::{TransferBill, TransferState};
/// use wechat_runtime::pay::Fen;
///
/// // The notification's resource.
/// let bill: TransferBill = serde_json::from_str(r#"{
///     "out_bill_no": "plfk2020042013", "transfer_bill_no": "1330000071100999991182020050700019480001",
///     "state": "SUCCESS", "mch_id": "1900001109", "transfer_amount": 2000,
///     "openid": "o-MYE42l80oelYMDE34nYD456Xoy",
///     "create_time": "2015-05-20T13:29:35.120+08:00", "update_time": "2015-05-20T13:29:35.120+08:00"
/// }"#).unwrap();
/// assert_eq!(bill.state, TransferState::Success);
/// assert_eq!(bill.transfer_amount, Fen::new(2000));
/// assert_eq!(bill.appid, "");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TransferBill {
    /// The merchant id.
    #[serde(default)]
    pub mch_id: String,
    /// The merchant's bill number.
    pub out_bill_no: String,
    /// WeChat Pay's bill number.
    pub transfer_bill_no: String,
    /// The appid of `openid` (not in the notification).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub appid: String,
    /// Where the bill stands.
    pub state: TransferState,
    /// The amount.
    #[serde(default)]
    pub transfer_amount: Fen,
    /// The remark shown to the user (not in the notification).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub transfer_remark: String,
    /// Why it failed, for `FAIL`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fail_reason: Option<String>,
    /// The user paid.
    #[serde(default)]
    pub openid: String,
    /// The user's name, encrypted by WeChat Pay (not in the notification).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_name: Option<String>,
    /// When the bill was created (RFC 3339).
    #[serde(default)]
    pub create_time: String,
    /// When its state last changed (RFC 3339).
    #[serde(default)]
    pub update_time: String,
}

/// What [`Transfers::cancel`](super::Transfers::cancel) answers: `CANCELING` or `CANCELLED`.
///
/// ```
/// use wechat_runtime::pay::transfers::{TransferCancelled, TransferState};
///
/// let cancelled: TransferCancelled = serde_json::from_str(r#"{"out_bill_no":"plfk2020042013",
///     "transfer_bill_no":"1330000071100999991182020050700019480001","state":"CANCELING",
///     "update_time":"2015-05-20T13:29:35.120+08:00"}"#).unwrap();
/// assert_eq!(cancelled.state, TransferState::Canceling);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TransferCancelled {
    /// The merchant's bill number.
    pub out_bill_no: String,
    /// WeChat Pay's bill number.
    pub transfer_bill_no: String,
    /// `CANCELING` or `CANCELLED`.
    pub state: TransferState,
    /// When its state last changed (RFC 3339).
    #[serde(default)]
    pub update_time: String,
}
