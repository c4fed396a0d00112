//! Refunds: `pay.refunds()`, to refund a paid transaction (in part or in full) and to query a
//! refund by the merchant's refund number.
//!
//! A refund is keyed by its `out_refund_no`: sending the same number again refunds once, so
//! [`Refunds::create`] may be resent after a timeout, and a refund that failed should be retried
//! with the same number, never a new one.
//!
//! ```no_run
//! # async fn run(pay: wechat_runtime::pay::PayClient) -> Result<(), wechat_runtime::Error> {
//! use wechat_runtime::pay::refunds::{RefundRequest, RefundStatus};
//! use wechat_runtime::pay::{Fen, OutRefundNo, OutTradeNo};
//!
//! let request = RefundRequest::by_out_trade_no(
//!     OutTradeNo::new("1217752501201407033233368018")?,
//!     OutRefundNo::new("R1217752501201407033233368018")?,
//!     Fen::new(100), // refund
//!     Fen::new(300), // of the order's total
//! )
//! .reason("out of stock")
//! .notify_url("https://example.com/pay/refund-notify");
//! let refund = pay.refunds().create(&request).await?;
//! if refund.status == RefundStatus::Processing {
//!     // Later, or on the REFUND.SUCCESS notification:
//!     let refund = pay.refunds().by_out_refund_no(&request.out_refund_no).await?;
//!     println!("{}: {}", refund.refund_id, refund.status);
//! }
//! # Ok(()) }
//! ```

mod answers;

use reqwest::Method;
use serde::{Deserialize, Serialize};
use wechat_pay::{Fen, OutRefundNo, OutTradeNo};

pub use self::answers::{
    Refund, RefundAmount, RefundNotice, RefundNoticeAmount, RefundPromotion, RefundStatus,
};
use super::client::PayClient;
use super::path;
use crate::error::{Error, Result};

/// Refunds; from [`PayClient::refunds`].
///
/// ```no_run
/// # async fn run(pay: wechat_runtime::pay::PayClient) -> Result<(), wechat_runtime::Error> {
/// let refund = pay.refunds().by_out_refund_no(&"R1217752501201407033233368018".parse()?).await?;
/// println!("{} {}", refund.status, refund.amount.refund);
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Refunds<'a> {
    pay: &'a PayClient,
}

impl PayClient {
    /// Refunds: create one, query one.
    ///
    /// ```no_run
    /// # async fn run(pay: wechat_runtime::pay::PayClient) -> Result<(), wechat_runtime::Error> {
    /// let refund = pay.refunds().by_out_refund_no(&"R1217752501201407033233368018".parse()?).await?;
    /// # Ok(()) }
    /// ```
    pub fn refunds(&self) -> Refunds<'_> {
        Refunds { pay: self }
    }
}

/// The order a refund is of: by WeChat Pay's `transaction_id` or the merchant's `out_trade_no`.
///
/// ```
/// use wechat_runtime::pay::refunds::RefundOf;
///
/// let of = RefundOf::OutTradeNo("1217752501201407033233368018".parse()?);
/// assert!(matches!(of, RefundOf::OutTradeNo(_)));
/// # Ok::<(), wechat_runtime::pay::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RefundOf {
    /// `transaction_id`: WeChat Pay's order number.
    TransactionId(String),
    /// `out_trade_no`: the merchant's order number.
    OutTradeNo(OutTradeNo),
}

/// A refund to ask for: `POST /v3/refund/domestic/refunds`, by [`Refunds::create`].
///
/// Built with [`by_transaction_id`](RefundRequest::by_transaction_id) or
/// [`by_out_trade_no`](RefundRequest::by_out_trade_no); the optional fields by the setters.
/// The amounts are checked before sending: the refund must be more than zero and at most the
/// total, and the `from` accounts, when given, must add up to the refund.
///
/// ```
/// use wechat_runtime::pay::refunds::{RefundFrom, RefundRequest};
/// use wechat_runtime::pay::{Fen, OutRefundNo};
///
/// let request = RefundRequest::by_transaction_id(
///     "1217752501201407033233368018",
///     OutRefundNo::new("R20240001")?,
///     Fen::new(100),
///     Fen::new(100),
/// )
/// .reason("商品已售完")
/// .from(vec![RefundFrom::new("AVAILABLE", Fen::new(100))]);
/// assert_eq!(request.refund, Fen::new(100));
/// # Ok::<(), wechat_runtime::pay::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct RefundRequest {
    /// The order refunded.
    pub of: RefundOf,
    /// The merchant's refund number: one number refunds once.
    pub out_refund_no: OutRefundNo,
    /// How much to refund.
    pub refund: Fen,
    /// The order's total, as paid.
    pub total: Fen,
    /// `currency`: `CNY` when not set.
    pub currency: String,
    /// `reason`: shown to the user in the refund message.
    pub reason: Option<String>,
    /// `notify_url`: where WeChat Pay sends the refund's `REFUND.*` notification.
    pub notify_url: Option<String>,
    /// `funds_account`: `AVAILABLE` to refund from the available balance (for orders that
    /// settled from the unsettled one); none for WeChat Pay's default.
    pub funds_account: Option<String>,
    /// `amount.from`: which accounts the refund comes from, and how much from each.
    pub from: Vec<RefundFrom>,
    /// `goods_detail`: the goods refunded (needed to refund goods with a single-item coupon).
    pub goods_detail: Vec<RefundGoods>,
}

impl RefundRequest {
    /// A refund of `refund` out of the `total` of the order WeChat Pay numbered
    /// `transaction_id`.
    ///
    /// ```
    /// # use wechat_runtime::pay::{refunds::RefundRequest, Fen, OutRefundNo};
    /// let request = RefundRequest::by_transaction_id("4200000991202103266853086457", OutRefundNo::new("R1")?, Fen::new(1), Fen::new(1));
    /// # Ok::<(), wechat_runtime::pay::Error>(())
    /// ```
    pub fn by_transaction_id(
        transaction_id: impl Into<String>,
        out_refund_no: OutRefundNo,
        refund: Fen,
        total: Fen,
    ) -> Self {
        Self::new(
            RefundOf::TransactionId(transaction_id.into()),
            out_refund_no,
            refund,
            total,
        )
    }

    /// A refund of `refund` out of the `total` of the merchant's order `out_trade_no`.
    ///
    /// ```
    /// # use wechat_runtime::pay::{refunds::RefundRequest, Fen, OutRefundNo, OutTradeNo};
    /// let request = RefundRequest::by_out_trade_no(OutTradeNo::new("T20240001")?, OutRefundNo::new("R1")?, Fen::new(1), Fen::new(1));
    /// # Ok::<(), wechat_runtime::pay::Error>(())
    /// ```
    pub fn by_out_trade_no(
        out_trade_no: OutTradeNo,
        out_refund_no: OutRefundNo,
        refund: Fen,
        total: Fen,
    ) -> Self {
        Self::new(
            RefundOf::OutTradeNo(out_trade_no),
            out_refund_no,
            refund,
            total,
        )
    }

    fn new(of: RefundOf, out_refund_no: OutRefundNo, refund: Fen, total: Fen) -> Self {
        RefundRequest {
            of,
            out_refund_no,
            refund,
            total,
            currency: "CNY".to_owned(),
            reason: None,
            notify_url: None,
            funds_account: None,
            from: Vec::new(),
            goods_detail: Vec::new(),
        }
    }

    /// Sets `reason`, shown to the user.
    pub fn reason(mut self, reason: impl Into<String>) -> Self {
        self.reason = Some(reason.into());
        self
    }

    /// Sets `notify_url`, where the refund's notification goes.
    pub fn notify_url(mut self, notify_url: impl Into<String>) -> Self {
        self.notify_url = Some(notify_url.into());
        self
    }

    /// Sets `funds_account` (`AVAILABLE`).
    pub fn funds_account(mut self, funds_account: impl Into<String>) -> Self {
        self.funds_account = Some(funds_account.into());
        self
    }

    /// Sets `amount.from`, the accounts the refund comes from.
    pub fn from(mut self, from: Vec<RefundFrom>) -> Self {
        self.from = from;
        self
    }

    /// Sets `goods_detail`, the goods refunded.
    pub fn goods_detail(mut self, goods: Vec<RefundGoods>) -> Self {
        self.goods_detail = goods;
        self
    }

    /// Sets `amount.currency` (`CNY` by default).
    pub fn currency(mut self, currency: impl Into<String>) -> Self {
        self.currency = currency.into();
        self
    }

    /// What WeChat Pay would refuse anyway, refused before sending.
    fn check(&self) -> Result<()> {
        if self.refund == Fen::ZERO {
            return Err(Error::invalid_input(
                "a refund of 0 fen: refund at least 1 fen",
            ));
        }
        if self.refund > self.total {
            return Err(Error::invalid_input(format!(
                "a refund of {} is more than the order's total of {}",
                self.refund, self.total
            )));
        }
        if let RefundOf::TransactionId(id) = &self.of {
            if id.trim().is_empty() {
                return Err(Error::invalid_input("the refund's transaction_id is empty"));
            }
        }
        if !self.from.is_empty() {
            let sum = self
                .from
                .iter()
                .try_fold(Fen::ZERO, |sum, from| sum.checked_add(from.amount));
            if sum != Some(self.refund) {
                return Err(Error::invalid_input(format!(
                    "the refund's `from` accounts add up to {}, not to the refund of {}",
                    sum.map_or_else(|| "more than u64::MAX fen".to_owned(), |s| s.to_string()),
                    self.refund
                )));
            }
        }
        Ok(())
    }
}

/// One account in `amount.from`: where (part of) a refund comes from, in a request and in a
/// [`Refund`].
///
/// ```
/// use wechat_runtime::pay::{refunds::RefundFrom, Fen};
///
/// let from = RefundFrom::new("AVAILABLE", Fen::new(444));
/// assert_eq!(serde_json::to_string(&from).unwrap(), r#"{"account":"AVAILABLE","amount":444}"#);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RefundFrom {
    /// `AVAILABLE` (the available balance) or `UNAVAILABLE` (the unavailable one).
    pub account: String,
    /// How much comes from it.
    pub amount: Fen,
}

impl RefundFrom {
    /// `amount` from `account` (`AVAILABLE` or `UNAVAILABLE`).
    ///
    /// ```
    /// let from = wechat_runtime::pay::refunds::RefundFrom::new("UNAVAILABLE", wechat_runtime::pay::Fen::new(1));
    /// ```
    pub fn new(account: impl Into<String>, amount: Fen) -> Self {
        RefundFrom {
            account: account.into(),
            amount,
        }
    }
}

/// One item of a refund's `goods_detail`.
///
/// ```
/// use wechat_runtime::pay::{refunds::RefundGoods, Fen};
///
/// let goods = RefundGoods::new("1217752501201407033233368018", Fen::new(528800), Fen::new(528800), 1)
///     .goods_name("iPhone6s 16G");
/// assert_eq!(goods.refund_quantity, 1);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RefundGoods {
    /// The merchant's goods id.
    pub merchant_goods_id: String,
    /// WeChat Pay's goods id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wechatpay_goods_id: Option<String>,
    /// The goods' name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub goods_name: Option<String>,
    /// The unit price.
    pub unit_price: Fen,
    /// How much of the refund is for these goods.
    pub refund_amount: Fen,
    /// How many are refunded.
    pub refund_quantity: u32,
}

impl RefundGoods {
    /// `refund_quantity` of the goods `merchant_goods_id` at `unit_price`, refunding
    /// `refund_amount`.
    ///
    /// ```
    /// # use wechat_runtime::pay::{refunds::RefundGoods, Fen};
    /// let goods = RefundGoods::new("SKU-1", Fen::new(100), Fen::new(100), 1);
    /// ```
    pub fn new(
        merchant_goods_id: impl Into<String>,
        unit_price: Fen,
        refund_amount: Fen,
        refund_quantity: u32,
    ) -> Self {
        RefundGoods {
            merchant_goods_id: merchant_goods_id.into(),
            wechatpay_goods_id: None,
            goods_name: None,
            unit_price,
            refund_amount,
            refund_quantity,
        }
    }

    /// Sets `wechatpay_goods_id`.
    pub fn wechatpay_goods_id(mut self, id: impl Into<String>) -> Self {
        self.wechatpay_goods_id = Some(id.into());
        self
    }

    /// Sets `goods_name`.
    pub fn goods_name(mut self, name: impl Into<String>) -> Self {
        self.goods_name = Some(name.into());
        self
    }
}

/// The body of `POST /v3/refund/domestic/refunds`.
#[derive(Serialize)]
struct RefundBody<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    transaction_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    out_trade_no: Option<&'a OutTradeNo>,
    out_refund_no: &'a OutRefundNo,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    notify_url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    funds_account: Option<&'a str>,
    amount: RefundBodyAmount<'a>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    goods_detail: &'a [RefundGoods],
}

#[derive(Serialize)]
struct RefundBodyAmount<'a> {
    refund: Fen,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    from: &'a [RefundFrom],
    total: Fen,
    currency: &'a str,
}

impl<'a> From<&'a RefundRequest> for RefundBody<'a> {
    fn from(r: &'a RefundRequest) -> Self {
        RefundBody {
            transaction_id: match &r.of {
                RefundOf::TransactionId(id) => Some(id),
                RefundOf::OutTradeNo(_) => None,
            },
            out_trade_no: match &r.of {
                RefundOf::OutTradeNo(no) => Some(no),
                RefundOf::TransactionId(_) => None,
            },
            out_refund_no: &r.out_refund_no,
            reason: r.reason.as_deref(),
            notify_url: r.notify_url.as_deref(),
            funds_account: r.funds_account.as_deref(),
            amount: RefundBodyAmount {
                refund: r.refund,
                from: &r.from,
                total: r.total,
                currency: &r.currency,
            },
            goods_detail: &r.goods_detail,
        }
    }
}

impl Refunds<'_> {
    /// Asks for a refund: `POST /v3/refund/domestic/refunds`. Most refunds answer
    /// [`RefundStatus::Processing`]; the result comes by notification or by
    /// [`by_out_refund_no`](Refunds::by_out_refund_no).
    ///
    /// Resent on a transient failure: WeChat Pay refunds one `out_refund_no` once.
    ///
    /// ```no_run
    /// # async fn run(pay: wechat_runtime::pay::PayClient) -> Result<(), wechat_runtime::Error> {
    /// use wechat_runtime::pay::{refunds::RefundRequest, Fen};
    ///
    /// let request = RefundRequest::by_out_trade_no("T20240001".parse()?, "R20240001".parse()?, Fen::new(100), Fen::new(100));
    /// let refund = pay.refunds().create(&request).await?;
    /// # Ok(()) }
    /// ```
    pub async fn create(&self, request: &RefundRequest) -> Result<Refund> {
        request.check()?;
        self.pay
            .request(Method::POST, "/v3/refund/domestic/refunds")
            .json(&RefundBody::from(request))
            // "同一退款单号多次请求只退一笔": one out_refund_no refunds once, however often sent.
            .idempotent(true)
            .send_json()
            .await
    }

    /// A refund by the merchant's refund number:
    /// `GET /v3/refund/domestic/refunds/{out_refund_no}`.
    ///
    /// ```no_run
    /// # async fn run(pay: wechat_runtime::pay::PayClient) -> Result<(), wechat_runtime::Error> {
    /// let refund = pay.refunds().by_out_refund_no(&"R20240001".parse()?).await?;
    /// # Ok(()) }
    /// ```
    pub async fn by_out_refund_no(&self, out_refund_no: &OutRefundNo) -> Result<Refund> {
        self.pay
            .request(
                Method::GET,
                // `|`, `*` and `@` are allowed in an out_refund_no and escaped in a path.
                &format!(
                    "/v3/refund/domestic/refunds/{}",
                    path::escape(out_refund_no.as_str())
                ),
            )
            .send_json()
            .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(refund: u64, total: u64) -> RefundRequest {
        RefundRequest::by_out_trade_no(
            OutTradeNo::new("T20240001").unwrap(),
            OutRefundNo::new("R20240001").unwrap(),
            Fen::new(refund),
            Fen::new(total),
        )
    }

    #[test]
    fn amounts_are_checked() {
        assert!(request(1, 1).check().is_ok());
        let zero = request(0, 1).check().unwrap_err().to_string();
        assert!(zero.contains("0 fen"), "{zero}");
        let over = request(101, 100).check().unwrap_err().to_string();
        assert!(
            over.contains("101 fen") && over.contains("100 fen"),
            "{over}"
        );
        let from = request(100, 100)
            .from(vec![RefundFrom::new("AVAILABLE", Fen::new(60))])
            .check()
            .unwrap_err()
            .to_string();
        assert!(from.contains("60 fen"), "{from}");
        let empty = RefundRequest::by_transaction_id(
            " ",
            OutRefundNo::new("R1").unwrap(),
            Fen::new(1),
            Fen::new(1),
        );
        assert!(empty.check().is_err());
    }

    #[test]
    fn body_names_one_order() {
        let body = serde_json::to_value(RefundBody::from(&request(1, 2))).unwrap();
        assert_eq!(
            body,
            serde_json::json!({
                "out_trade_no": "T20240001",
                "out_refund_no": "R20240001",
                "amount": { "refund": 1, "total": 2, "currency": "CNY" },
            })
        );
    }
}
