//! What refunds answer: the refund ([`Refund`]), and the smaller resource of a `REFUND.*`
//! notification ([`RefundNotice`]).

use serde::{Deserialize, Serialize};
use wechat_pay::Fen;

use super::{RefundFrom, RefundGoods};
use crate::pay::wire::wire_enum;

wire_enum! {
    /// The `status` of a [`Refund`], the `refund_status` of a [`RefundNotice`].
    ///
    /// ```
    /// use wechat_runtime::pay::refunds::RefundStatus;
    ///
    /// let status: RefundStatus = serde_json::from_str(r#""PROCESSING""#).unwrap();
    /// assert_eq!(status, RefundStatus::Processing);
    /// ```
    RefundStatus {
        /// `SUCCESS`: refunded.
        Success = "SUCCESS",
        /// `CLOSED`: closed, nothing refunded.
        Closed = "CLOSED",
        /// `PROCESSING`: being refunded.
        Processing = "PROCESSING",
        /// `ABNORMAL`: stuck (the user's card was closed, for example); the merchant must
        /// settle it by hand.
        Abnormal = "ABNORMAL",
    }
}

/// A refund: the answer of [`Refunds::create`](super::Refunds::create) and [`Refunds::by_out_refund_no`](super::Refunds::by_out_refund_no).
///
/// ```
/// use wechat_runtime::pay::refunds::{Refund, RefundStatus};
/// use wechat_runtime::pay::Fen;
///
/// let refund: Refund = serde_json::from_str(r#"{
///     "refund_id": "50000000382019052709732678859", "out_refund_no": "1217752501201407033233368018",
///     "transaction_id": "1217752501201407033233368018", "out_trade_no": "1217752501201407033233368018",
///     "channel": "ORIGINAL", "user_received_account": "招商银行信用卡0403",
///     "create_time": "2020-12-01T16:18:12+08:00", "status": "PROCESSING", "funds_account": "UNSETTLED",
///     "amount": { "total": 100, "refund": 100, "payer_total": 90, "payer_refund": 90,
///                 "settlement_refund": 100, "settlement_total": 100, "discount_refund": 10, "currency": "CNY" }
/// }"#).unwrap();
/// assert_eq!(refund.status, RefundStatus::Processing);
/// assert_eq!(refund.amount.payer_refund, Fen::new(90));
/// assert_eq!(refund.success_time, None);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Refund {
    /// WeChat Pay's refund number.
    pub refund_id: String,
    /// The merchant's refund number.
    pub out_refund_no: String,
    /// WeChat Pay's order number.
    #[serde(default)]
    pub transaction_id: String,
    /// The merchant's order number.
    #[serde(default)]
    pub out_trade_no: String,
    /// Where the money goes back: `ORIGINAL` (the way it was paid), `BALANCE`,
    /// `OTHER_BALANCE`, `OTHER_BANKCARD`.
    #[serde(default)]
    pub channel: String,
    /// The account the money goes back to, in words (`招商银行信用卡0403`, `支付用户零钱`).
    #[serde(default)]
    pub user_received_account: String,
    /// When the refund succeeded (RFC 3339), once it has.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub success_time: Option<String>,
    /// When the refund was created (RFC 3339).
    #[serde(default)]
    pub create_time: String,
    /// Where the refund stands.
    pub status: RefundStatus,
    /// The merchant account the refund is paid from: `UNSETTLED`, `AVAILABLE`, `UNAVAILABLE`,
    /// `OPERATION`, `BASIC`, `ECNY_BASIC`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub funds_account: Option<String>,
    /// The amounts.
    pub amount: RefundAmount,
    /// The coupons refunded with it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub promotion_detail: Vec<RefundPromotion>,
}

/// `amount` of a [`Refund`].
///
/// ```
/// use wechat_runtime::pay::{refunds::RefundAmount, Fen};
///
/// let amount: RefundAmount = serde_json::from_str(r#"{"total":100,"refund":50,"currency":"CNY"}"#).unwrap();
/// assert_eq!(amount.refund, Fen::new(50));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RefundAmount {
    /// The order's total.
    #[serde(default)]
    pub total: Fen,
    /// The refund.
    #[serde(default)]
    pub refund: Fen,
    /// The accounts it comes from.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub from: Vec<RefundFrom>,
    /// What the user paid.
    #[serde(default)]
    pub payer_total: Fen,
    /// What the user gets back.
    #[serde(default)]
    pub payer_refund: Fen,
    /// The refund less non-prepaid coupons.
    #[serde(default)]
    pub settlement_refund: Fen,
    /// The settled total of the order.
    #[serde(default)]
    pub settlement_total: Fen,
    /// The part of the refund that was a discount.
    #[serde(default)]
    pub discount_refund: Fen,
    /// The currency, `CNY`.
    #[serde(default)]
    pub currency: String,
    /// The fee refunded to the merchant, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refund_fee: Option<Fen>,
}

/// One coupon in `promotion_detail` of a [`Refund`].
///
/// ```
/// let coupon: wechat_runtime::pay::refunds::RefundPromotion = serde_json::from_str(
///     r#"{"promotion_id":"109519","scope":"SINGLE","type":"DISCOUNT","amount":5,"refund_amount":100}"#,
/// ).unwrap();
/// assert_eq!(coupon.kind, "DISCOUNT");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RefundPromotion {
    /// The coupon's id.
    #[serde(default)]
    pub promotion_id: String,
    /// `GLOBAL` or `SINGLE`.
    #[serde(default)]
    pub scope: String,
    /// `COUPON` (pre-funded) or `DISCOUNT` (not).
    #[serde(default, rename = "type")]
    pub kind: String,
    /// The coupon's amount.
    #[serde(default)]
    pub amount: Fen,
    /// How much of it is refunded.
    #[serde(default)]
    pub refund_amount: Fen,
    /// The goods it applied to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub goods_detail: Vec<RefundGoods>,
}

/// The decrypted resource of a `REFUND.SUCCESS`, `REFUND.ABNORMAL` or `REFUND.CLOSED`
/// notification: a smaller shape than [`Refund`], with the status as `refund_status`.
///
/// ```
/// use wechat_runtime::pay::refunds::{RefundNotice, RefundStatus};
///
/// let notice: RefundNotice = serde_json::from_str(r#"{
///     "mchid": "1900000100", "transaction_id": "1008450740201411110005820873",
///     "out_trade_no": "20150806125346", "refund_id": "50200207182018070300011301001",
///     "out_refund_no": "7752501201407033233368018", "refund_status": "SUCCESS",
///     "success_time": "2018-06-08T10:34:56+08:00", "user_received_account": "招商银行信用卡0403",
///     "amount": { "total": 999, "refund": 999, "payer_total": 999, "payer_refund": 999 }
/// }"#).unwrap();
/// assert_eq!(notice.refund_status, RefundStatus::Success);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RefundNotice {
    /// The merchant id.
    #[serde(default)]
    pub mchid: String,
    /// The merchant's order number.
    #[serde(default)]
    pub out_trade_no: String,
    /// WeChat Pay's order number.
    #[serde(default)]
    pub transaction_id: String,
    /// The merchant's refund number.
    pub out_refund_no: String,
    /// WeChat Pay's refund number.
    #[serde(default)]
    pub refund_id: String,
    /// Where the refund stands: `SUCCESS`, `CLOSED` or `ABNORMAL`.
    pub refund_status: RefundStatus,
    /// When the refund succeeded (RFC 3339), for `SUCCESS`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub success_time: Option<String>,
    /// The account the money goes back to, in words.
    #[serde(default)]
    pub user_received_account: String,
    /// The amounts.
    #[serde(default)]
    pub amount: RefundNoticeAmount,
}

/// `amount` of a [`RefundNotice`].
///
/// ```
/// let amount: wechat_runtime::pay::refunds::RefundNoticeAmount =
///     serde_json::from_str(r#"{"total":999,"refund":999,"payer_total":999,"payer_refund":999}"#).unwrap();
/// assert_eq!(amount.payer_refund.get(), 999);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RefundNoticeAmount {
    /// The order's total.
    #[serde(default)]
    pub total: Fen,
    /// The refund.
    #[serde(default)]
    pub refund: Fen,
    /// What the user paid.
    #[serde(default)]
    pub payer_total: Fen,
    /// What the user gets back.
    #[serde(default)]
    pub payer_refund: Fen,
}
