//! The transaction object: what a query by `transaction_id` or `out_trade_no` answers, and the
//! decrypted resource of a `TRANSACTION.SUCCESS` notification.

use serde::{Deserialize, Serialize};
use wechat_pay::Fen;

use crate::pay::wire::wire_enum;

wire_enum! {
    /// `trade_state`: where a transaction stands.
    ///
    /// A state this version does not know arrives as [`TradeState::Other`], with WeChat Pay's
    /// spelling.
    ///
    /// ```
    /// use wechat_runtime::pay::transactions::TradeState;
    ///
    /// let state: TradeState = serde_json::from_str(r#""USERPAYING""#).unwrap();
    /// assert_eq!(state, TradeState::UserPaying);
    /// let state: TradeState = serde_json::from_str(r#""SOMETHING_NEW""#).unwrap();
    /// assert_eq!(state.as_str(), "SOMETHING_NEW");
    /// ```
    TradeState {
        /// `SUCCESS`: paid.
        Success = "SUCCESS",
        /// `REFUND`: paid, then refunded (in part or in full).
        Refund = "REFUND",
        /// `NOTPAY`: not paid yet.
        NotPay = "NOTPAY",
        /// `CLOSED`: closed before it was paid.
        Closed = "CLOSED",
        /// `REVOKED`: revoked (payment code payments).
        Revoked = "REVOKED",
        /// `USERPAYING`: the user is paying (entering the password, for example).
        UserPaying = "USERPAYING",
        /// `PAYERROR`: the payment failed (a bank refused it, for example).
        PayError = "PAYERROR",
    }
}

wire_enum! {
    /// `trade_type`: how the user paid.
    ///
    /// ```
    /// use wechat_runtime::pay::transactions::TradeType;
    ///
    /// let kind: TradeType = serde_json::from_str(r#""MWEB""#).unwrap();
    /// assert_eq!(kind, TradeType::H5);
    /// ```
    TradeType {
        /// `JSAPI`: in WeChat's browser (an Official Account) or a Mini Program.
        Jsapi = "JSAPI",
        /// `NATIVE`: by scanning a QR code.
        Native = "NATIVE",
        /// `APP`: in an app, through the WeChat SDK.
        App = "APP",
        /// `MICROPAY`: the merchant scanned the user's payment code.
        MicroPay = "MICROPAY",
        /// `MWEB`: H5, in a mobile browser outside WeChat.
        H5 = "MWEB",
        /// `FACEPAY`: by face.
        FacePay = "FACEPAY",
    }
}

/// A WeChat Pay transaction: the answer of
/// [`Transactions::by_out_trade_no`](super::Transactions::by_out_trade_no) and
/// [`by_transaction_id`](super::Transactions::by_transaction_id), and the decrypted resource
/// of a `TRANSACTION.SUCCESS` notification.
///
/// Fields WeChat Pay fills only once the transaction is paid (`transaction_id`, `trade_type`,
/// `bank_type`, `success_time`, `payer`…) are optional.
///
/// ```
/// use wechat_runtime::pay::transactions::{Transaction, TradeState};
/// use wechat_runtime::pay::Fen;
///
/// let paid: Transaction = serde_json::from_str(r#"{
///     "appid": "wxd678efh567hg6787", "mchid": "1230000109",
///     "out_trade_no": "1217752501201407033233368018",
///     "transaction_id": "1217752501201407033233368018",
///     "trade_type": "JSAPI", "trade_state": "SUCCESS", "trade_state_desc": "支付成功",
///     "bank_type": "CMC", "success_time": "2018-06-08T10:34:56+08:00",
///     "payer": { "openid": "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o" },
///     "amount": { "total": 100, "payer_total": 90, "currency": "CNY", "payer_currency": "CNY" }
/// }"#).unwrap();
/// assert_eq!(paid.trade_state, TradeState::Success);
/// assert_eq!(paid.amount.as_ref().unwrap().payer_total, Some(Fen::new(90)));
/// assert!(paid.promotion_detail.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Transaction {
    /// The appid the order was placed for.
    #[serde(default)]
    pub appid: String,
    /// The merchant id.
    #[serde(default)]
    pub mchid: String,
    /// The merchant's order number.
    pub out_trade_no: String,
    /// WeChat Pay's order number, once there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transaction_id: Option<String>,
    /// How the user paid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trade_type: Option<TradeType>,
    /// Where the transaction stands.
    pub trade_state: TradeState,
    /// The state in words, from WeChat Pay.
    #[serde(default)]
    pub trade_state_desc: String,
    /// The paying bank (`OTHERS` and the like), once paid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bank_type: Option<String>,
    /// The merchant's `attach`, sent back as given to the prepay.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attach: Option<String>,
    /// When it was paid (RFC 3339, such as `2018-06-08T10:34:56+08:00`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub success_time: Option<String>,
    /// Who paid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payer: Option<TransactionPayer>,
    /// The amounts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<TransactionAmount>,
    /// The device the order was placed on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scene_info: Option<TransactionScene>,
    /// Coupons and discounts applied to the payment.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub promotion_detail: Vec<PromotionDetail>,
}

/// `payer` of a [`Transaction`].
///
/// ```
/// let payer: wechat_runtime::pay::transactions::TransactionPayer =
///     serde_json::from_str(r#"{"openid":"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"}"#).unwrap();
/// assert_eq!(payer.openid, "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TransactionPayer {
    /// The payer's openid under the order's appid.
    #[serde(default)]
    pub openid: String,
}

/// `amount` of a [`Transaction`]: what the order was for, and what the user paid after
/// discounts.
///
/// ```
/// use wechat_runtime::pay::{transactions::TransactionAmount, Fen};
///
/// let amount: TransactionAmount = serde_json::from_str(r#"{"total":100,"currency":"CNY"}"#).unwrap();
/// assert_eq!(amount.total, Fen::new(100));
/// assert_eq!(amount.payer_total, None); // not paid yet
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TransactionAmount {
    /// The order's total.
    #[serde(default)]
    pub total: Fen,
    /// What the user paid (the total less discounts), once paid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payer_total: Option<Fen>,
    /// The currency, `CNY`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// The currency the user paid in, `CNY`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payer_currency: Option<String>,
}

/// `scene_info` of a [`Transaction`].
///
/// ```
/// let scene: wechat_runtime::pay::transactions::TransactionScene =
///     serde_json::from_str(r#"{"device_id":"013467007045764"}"#).unwrap();
/// assert_eq!(scene.device_id.as_deref(), Some("013467007045764"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TransactionScene {
    /// The merchant's device (terminal) id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device_id: Option<String>,
}

/// One coupon or discount in `promotion_detail` of a [`Transaction`].
///
/// ```
/// use wechat_runtime::pay::{transactions::PromotionDetail, Fen};
///
/// let coupon: PromotionDetail = serde_json::from_str(r#"{
///     "coupon_id": "109519", "name": "单品惠-6", "scope": "SINGLE", "type": "CASH",
///     "amount": 10, "stock_id": "931386", "wechatpay_contribute": 0,
///     "merchant_contribute": 10, "other_contribute": 0, "currency": "CNY",
///     "goods_detail": [{ "goods_id": "M1006", "quantity": 1, "unit_price": 100, "discount_amount": 10 }]
/// }"#).unwrap();
/// assert_eq!(coupon.amount, Fen::new(10));
/// assert_eq!(coupon.goods_detail[0].goods_id, "M1006");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PromotionDetail {
    /// The coupon's id.
    #[serde(default)]
    pub coupon_id: String,
    /// The coupon's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// `GLOBAL` (the whole order) or `SINGLE` (some goods).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    /// `CASH` (pre-funded) or `NOCASH` (not pre-funded).
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// The discount.
    #[serde(default)]
    pub amount: Fen,
    /// The stock (批次) the coupon belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stock_id: Option<String>,
    /// The part WeChat Pay funds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wechatpay_contribute: Option<Fen>,
    /// The part the merchant funds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub merchant_contribute: Option<Fen>,
    /// The part others fund.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub other_contribute: Option<Fen>,
    /// The currency, `CNY`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// The goods a `SINGLE` coupon applied to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub goods_detail: Vec<PromotionGoods>,
}

/// One item in `goods_detail` of a [`PromotionDetail`].
///
/// ```
/// let goods: wechat_runtime::pay::transactions::PromotionGoods = serde_json::from_str(
///     r#"{"goods_id":"M1006","quantity":1,"unit_price":100,"discount_amount":1,"goods_remark":"商品备注"}"#,
/// ).unwrap();
/// assert_eq!(goods.quantity, 1);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PromotionGoods {
    /// The goods' id.
    #[serde(default)]
    pub goods_id: String,
    /// How many.
    #[serde(default)]
    pub quantity: u64,
    /// The unit price.
    #[serde(default)]
    pub unit_price: Fen,
    /// The discount on these goods.
    #[serde(default)]
    pub discount_amount: Fen,
    /// The goods' remark.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub goods_remark: Option<String>,
}
