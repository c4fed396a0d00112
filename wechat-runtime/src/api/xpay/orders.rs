//! Cash orders, those the user paid through `wx.requestVirtualPayment`: query, delivery,
//! refund, and the bills.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{check_positive, XpayApi};
use crate::api::{check_present, ok, ApiCall, Retry};
use crate::error::{Error, Result};

/// Which cash order: by the developer's order id or by WeChat's.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum XpayOrderRef {
    /// The developer's order id (`order_id`, the `outTradeNo` of the payment).
    OrderId(String),
    /// WeChat's order id (`wx_order_id`).
    WxOrderId(String),
}

impl XpayOrderRef {
    /// The order the developer named `order_id`.
    pub fn order_id(order_id: impl Into<String>) -> Self {
        XpayOrderRef::OrderId(order_id.into())
    }

    /// The order WeChat named `wx_order_id`.
    pub fn wx_order_id(wx_order_id: impl Into<String>) -> Self {
        XpayOrderRef::WxOrderId(wx_order_id.into())
    }

    fn check(&self) -> Result<()> {
        match self {
            XpayOrderRef::OrderId(id) => check_present("order_id", id),
            XpayOrderRef::WxOrderId(id) => check_present("wx_order_id", id),
        }
    }
}

impl Serialize for XpayOrderRef {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(1))?;
        match self {
            XpayOrderRef::OrderId(id) => map.serialize_entry("order_id", id)?,
            XpayOrderRef::WxOrderId(id) => map.serialize_entry("wx_order_id", id)?,
        }
        map.end()
    }
}

/// Where a cash order stands: its `status`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum XpayOrderStatus {
    /// 0: being created, not payable.
    Initializing,
    /// 1: created, not paid yet.
    Created,
    /// 2: paid, the goods not delivered yet.
    Paid,
    /// 3: the goods being delivered.
    Delivering,
    /// 4: the goods delivered.
    Delivered,
    /// 5: refunded.
    Refunded,
    /// 6: closed, unusable.
    Closed,
    /// 7: the refund failed.
    RefundFailed,
    /// A status this version does not know, as WeChat sent it.
    Other(i64),
}

impl From<i64> for XpayOrderStatus {
    fn from(code: i64) -> Self {
        match code {
            0 => XpayOrderStatus::Initializing,
            1 => XpayOrderStatus::Created,
            2 => XpayOrderStatus::Paid,
            3 => XpayOrderStatus::Delivering,
            4 => XpayOrderStatus::Delivered,
            5 => XpayOrderStatus::Refunded,
            6 => XpayOrderStatus::Closed,
            7 => XpayOrderStatus::RefundFailed,
            other => XpayOrderStatus::Other(other),
        }
    }
}

impl<'de> Deserialize<'de> for XpayOrderStatus {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        i64::deserialize(deserializer).map(XpayOrderStatus::from)
    }
}

fn initializing() -> XpayOrderStatus {
    XpayOrderStatus::Initializing
}

/// A cash order: the answer of [`XpayApi::query_order`]. Amounts are in fen.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct XpayOrder {
    /// The developer's order id.
    #[serde(default)]
    pub order_id: String,
    /// When it was created, in unix seconds.
    #[serde(default)]
    pub create_time: u64,
    /// When it last changed, in unix seconds.
    #[serde(default)]
    pub update_time: u64,
    /// Where it stands.
    #[serde(default = "initializing")]
    pub status: XpayOrderStatus,
    /// The business type (0: short dramas).
    #[serde(default)]
    pub biz_type: i64,
    /// The order's price.
    #[serde(default)]
    pub order_fee: u64,
    /// The discount.
    #[serde(default)]
    pub coupon_fee: u64,
    /// What the user paid.
    #[serde(default)]
    pub paid_fee: u64,
    /// 0 for a payment, 1 for a refund.
    #[serde(default)]
    pub order_type: i64,
    /// For a refund, the amount refunded.
    #[serde(default)]
    pub refund_fee: u64,
    /// When it was paid (or refunded), in unix seconds.
    #[serde(default)]
    pub paid_time: u64,
    /// When the goods were delivered, in unix seconds.
    #[serde(default)]
    pub provide_time: u64,
    /// The developer's data given at payment (or refund).
    #[serde(default)]
    pub biz_meta: String,
    /// 1 live, 2 sandbox.
    #[serde(default)]
    pub env_type: i64,
    /// The token the payment was made with.
    #[serde(default)]
    pub token: String,
    /// For a payment, what is left to refund.
    #[serde(default)]
    pub left_fee: u64,
    /// WeChat's order id.
    #[serde(default)]
    pub wx_order_id: String,
    /// The merchant order number shown on the user's WeChat Pay receipt.
    #[serde(default)]
    pub channel_order_id: String,
    /// The WeChat Pay transaction id shown on the user's receipt.
    #[serde(default)]
    pub wxpay_order_id: String,
    /// When the order was settled, in unix seconds.
    #[serde(default)]
    pub sett_time: Option<u64>,
    /// The settlement state.
    #[serde(default)]
    pub sett_state: Option<i64>,
}

#[derive(Deserialize)]
struct OrderAnswer {
    order: XpayOrder,
}

/// Why a cash order is refunded: its `refund_reason`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum XpayRefundReason {
    /// "0": no description (the default).
    #[default]
    NoDescription,
    /// "1": the product did not work or disappointed.
    ProductProblem,
    /// "2": after-sales could not help.
    AfterSales,
    /// "3": the user changed their mind.
    UserWish,
    /// "4": the price.
    Price,
    /// "5": another reason.
    Other,
}

impl XpayRefundReason {
    /// The code WeChat uses, "0" to "5".
    pub fn code(self) -> &'static str {
        match self {
            XpayRefundReason::NoDescription => "0",
            XpayRefundReason::ProductProblem => "1",
            XpayRefundReason::AfterSales => "2",
            XpayRefundReason::UserWish => "3",
            XpayRefundReason::Price => "4",
            XpayRefundReason::Other => "5",
        }
    }
}

/// Who asked for a refund: its `req_from`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum XpayRefundSource {
    /// "1": customer service, on the user's call.
    CustomerService,
    /// "2": the user.
    User,
    /// "3": anything else (the default).
    #[default]
    Other,
}

impl XpayRefundSource {
    /// The code WeChat uses, "1" to "3".
    pub fn code(self) -> &'static str {
        match self {
            XpayRefundSource::CustomerService => "1",
            XpayRefundSource::User => "2",
            XpayRefundSource::Other => "3",
        }
    }
}

/// The longest `biz_meta` of a refund, in characters.
pub const MAX_BIZ_META_LEN: usize = 1024;

/// A refund of a cash order: the request of [`XpayApi::refund_order`]. Amounts are in fen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[must_use]
pub struct XpayRefundOrder {
    openid: String,
    #[serde(flatten)]
    order: XpayOrderRef,
    refund_order_id: String,
    left_fee: u64,
    refund_fee: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    biz_meta: Option<String>,
    refund_reason: &'static str,
    req_from: &'static str,
}

impl XpayRefundOrder {
    /// Refunds `refund_fee` (1 to `left_fee`) of `order`, paid by `openid`, under the refund id
    /// `refund_order_id` (8 to 32 letters, digits, `_` or `-`). `left_fee` is what is left to
    /// refund now, as [`XpayApi::query_order`] tells.
    pub fn new(
        openid: impl Into<String>,
        order: XpayOrderRef,
        refund_order_id: impl Into<String>,
        left_fee: u64,
        refund_fee: u64,
    ) -> Self {
        XpayRefundOrder {
            openid: openid.into(),
            order,
            refund_order_id: refund_order_id.into(),
            left_fee,
            refund_fee,
            biz_meta: None,
            refund_reason: XpayRefundReason::default().code(),
            req_from: XpayRefundSource::default().code(),
        }
    }

    /// Data of the developer's, returned by `query_order` on the refund (at most 1024
    /// characters).
    pub fn biz_meta(mut self, biz_meta: impl Into<String>) -> Self {
        self.biz_meta = Some(biz_meta.into());
        self
    }

    /// Why (no description unless set).
    pub fn refund_reason(mut self, reason: XpayRefundReason) -> Self {
        self.refund_reason = reason.code();
        self
    }

    /// Who asked (other unless set).
    pub fn req_from(mut self, source: XpayRefundSource) -> Self {
        self.req_from = source.code();
        self
    }

    fn check(&self) -> Result<()> {
        check_present("openid", &self.openid)?;
        self.order.check()?;
        check_order_no("refund_order_id", &self.refund_order_id)?;
        check_positive("refund_fee", self.refund_fee)?;
        if self.refund_fee > self.left_fee {
            return Err(Error::invalid_input(format!(
                "refund_fee is {}; WeChat takes at most left_fee, {}",
                self.refund_fee, self.left_fee
            )));
        }
        match &self.biz_meta {
            Some(meta) if meta.chars().count() > MAX_BIZ_META_LEN => {
                Err(Error::invalid_input(format!(
                    "biz_meta has {} characters; WeChat takes at most {MAX_BIZ_META_LEN}",
                    meta.chars().count()
                )))
            }
            _ => Ok(()),
        }
    }
}

/// Rejects an order number WeChat would refuse: 8 to 32 letters, digits, `_` or `-`.
fn check_order_no(what: &str, value: &str) -> Result<()> {
    let len_ok = (8..=32).contains(&value.len());
    let chars_ok = value
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    if !len_ok || !chars_ok {
        return Err(Error::invalid_input(format!(
            "{what} must be 8 to 32 letters, digits, `_` or `-`"
        )));
    }
    Ok(())
}

/// The answer of [`XpayApi::refund_order`].
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct XpayRefunded {
    /// The refund's id, the developer's.
    #[serde(default)]
    pub refund_order_id: String,
    /// The refund's id, WeChat's.
    #[serde(default)]
    pub refund_wx_order_id: String,
    /// The refunded order's id, the developer's.
    #[serde(default)]
    pub pay_order_id: String,
    /// The refunded order's id, WeChat's.
    #[serde(default)]
    pub pay_wx_order_id: String,
}

#[derive(Deserialize)]
struct BillAnswer {
    url: String,
}

/// Rejects a day that is not `yyyymmdd`.
fn check_day(what: &str, day: u32) -> Result<()> {
    let (month, dom) = (day / 100 % 100, day % 100);
    if !(19_700_101..=99_991_231).contains(&day)
        || !(1..=12).contains(&month)
        || dom == 0
        || dom > 31
    {
        return Err(Error::invalid_input(format!(
            "{what} is {day}; WeChat takes a day as yyyymmdd"
        )));
    }
    Ok(())
}

impl<'c, K: 'static> XpayApi<'c, K> {
    /// A cash order of `openid`: `POST /xpay/query_order`.
    pub fn query_order(
        &self,
        openid: &str,
        order: &XpayOrderRef,
    ) -> ApiCall<'static, XpayOrder, K> {
        #[derive(Serialize)]
        struct Body<'a> {
            openid: &'a str,
            #[serde(flatten)]
            order: &'a XpayOrderRef,
        }
        let checked = check_present("openid", openid).and_then(|()| order.check());
        self.signed_with(
            checked,
            "/xpay/query_order",
            &Body { openid, order },
            None,
            Retry::Safe,
            |response| Ok(response.json::<OrderAnswer>()?.order),
        )
    }

    /// Marks the goods of a paid cash order delivered, when the delivery push
    /// (`xpay_goods_deliver_notify`) could not be acknowledged: `POST /xpay/notify_provide_goods`.
    pub fn notify_provide_goods(&self, order: &XpayOrderRef) -> ApiCall<'static, (), K> {
        self.signed_with(
            order.check(),
            "/xpay/notify_provide_goods",
            order,
            None,
            // Marking the same order delivered again changes nothing.
            Retry::Safe,
            ok,
        )
    }

    /// Refunds a cash order, whole or in part: `POST /xpay/refund_order`. Never sent twice.
    pub fn refund_order(&self, refund: &XpayRefundOrder) -> ApiCall<'static, XpayRefunded, K> {
        self.signed(
            refund.check(),
            "/xpay/refund_order",
            refund,
            None,
            Retry::Unsafe,
        )
    }

    /// The download URL of the bills from `begin_ds` to `end_ds` (days as `yyyymmdd`):
    /// `POST /xpay/download_bill`. The first call starts making the file and fails with
    /// 268490011 (being generated): call again a little later.
    pub fn download_bill(&self, begin_ds: u32, end_ds: u32) -> ApiCall<'static, String, K> {
        #[derive(Serialize)]
        struct Body {
            begin_ds: u32,
            end_ds: u32,
        }
        let checked = check_day("begin_ds", begin_ds)
            .and(check_day("end_ds", end_ds))
            .and_then(|()| {
                if begin_ds > end_ds {
                    Err(Error::invalid_input(format!(
                        "begin_ds {begin_ds} is after end_ds {end_ds}"
                    )))
                } else {
                    Ok(())
                }
            });
        self.signed_with(
            checked,
            "/xpay/download_bill",
            &Body { begin_ds, end_ds },
            None,
            Retry::Safe,
            |response| Ok(response.json::<BillAnswer>()?.url),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_numbers_and_days() {
        assert!(check_order_no("id", "REFUND_2024-01").is_ok());
        assert!(check_order_no("id", "short").is_err());
        assert!(check_order_no("id", &"a".repeat(33)).is_err());
        assert!(check_order_no("id", "REFUND 2024").is_err());
        assert!(check_day("d", 20230801).is_ok());
        assert!(check_day("d", 20231301).is_err());
        assert!(check_day("d", 20230800).is_err());
        assert!(check_day("d", 230801).is_err());
    }
}
