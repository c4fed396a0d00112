//! Paid orders as WeChat reports them, and how to name and list them.

use serde::{Deserialize, Serialize};

use super::{ShippingLogistics, ShippingMode, MAX_ORDER_PAGE_SIZE};
use crate::api::{check_between, check_present};
use crate::error::{Error, Result};

/// A paid order to look at or remind about: by transaction id, or by merchant id and merchant
/// order number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[must_use]
pub struct ShippingTradeRef {
    #[serde(skip_serializing_if = "Option::is_none")]
    transaction_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    merchant_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sub_merchant_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    merchant_trade_no: Option<String>,
}

impl ShippingTradeRef {
    /// The order of WeChat Pay transaction `transaction_id`.
    pub fn transaction_id(transaction_id: impl Into<String>) -> Self {
        ShippingTradeRef {
            transaction_id: Some(transaction_id.into()),
            merchant_id: None,
            sub_merchant_id: None,
            merchant_trade_no: None,
        }
    }

    /// The order `merchant_trade_no` of merchant `merchant_id`.
    pub fn merchant_trade_no(
        merchant_id: impl Into<String>,
        merchant_trade_no: impl Into<String>,
    ) -> Self {
        ShippingTradeRef {
            transaction_id: None,
            merchant_id: Some(merchant_id.into()),
            sub_merchant_id: None,
            merchant_trade_no: Some(merchant_trade_no.into()),
        }
    }

    /// The second-level merchant the order was paid to, for platform merchants.
    pub fn sub_merchant_id(mut self, sub_merchant_id: impl Into<String>) -> Self {
        self.sub_merchant_id = Some(sub_merchant_id.into());
        self
    }

    pub(super) fn check(&self) -> Result<()> {
        match (
            &self.transaction_id,
            &self.merchant_id,
            &self.merchant_trade_no,
        ) {
            (Some(id), _, _) => check_present("transaction_id", id),
            (None, Some(merchant_id), Some(trade_no)) => check_present("merchant_id", merchant_id)
                .and(check_present("merchant_trade_no", trade_no)),
            _ => Err(Error::invalid_input(
                "name the order by transaction_id or by merchant_id and merchant_trade_no",
            )),
        }
    }
}

/// Where a paid order stands: its `order_state`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ShippingOrderState {
    /// 1: waiting to be shipped.
    WaitingShipment,
    /// 2: shipped.
    Shipped,
    /// 3: the user confirmed receipt.
    Received,
    /// 4: completed.
    Completed,
    /// 5: refunded.
    Refunded,
    /// 6: funds waiting for settlement.
    PendingSettlement,
    /// A state this version does not know, as WeChat sent it.
    Other(u8),
}

impl ShippingOrderState {
    /// The number WeChat uses.
    pub fn code(self) -> u8 {
        match self {
            ShippingOrderState::WaitingShipment => 1,
            ShippingOrderState::Shipped => 2,
            ShippingOrderState::Received => 3,
            ShippingOrderState::Completed => 4,
            ShippingOrderState::Refunded => 5,
            ShippingOrderState::PendingSettlement => 6,
            ShippingOrderState::Other(code) => code,
        }
    }
}

impl From<u8> for ShippingOrderState {
    fn from(code: u8) -> Self {
        match code {
            1 => ShippingOrderState::WaitingShipment,
            2 => ShippingOrderState::Shipped,
            3 => ShippingOrderState::Received,
            4 => ShippingOrderState::Completed,
            5 => ShippingOrderState::Refunded,
            6 => ShippingOrderState::PendingSettlement,
            other => ShippingOrderState::Other(other),
        }
    }
}

code_serde!(ShippingOrderState);

fn waiting() -> ShippingOrderState {
    ShippingOrderState::WaitingShipment
}

/// A package as WeChat recorded it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct ShippedPackage {
    /// The tracking number (empty for goods not sent by express).
    #[serde(default)]
    pub tracking_no: String,
    /// The express company code.
    #[serde(default)]
    pub express_company: String,
    /// When it was uploaded, in unix seconds.
    #[serde(default)]
    pub upload_time: u64,
    /// What it holds, as uploaded.
    #[serde(default)]
    pub goods_desc: Option<String>,
}

/// How an order was shipped.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct ShippingDetail {
    /// One package or several.
    #[serde(default)]
    pub delivery_mode: Option<ShippingMode>,
    /// How the goods travel.
    #[serde(default)]
    pub logistics_type: Option<ShippingLogistics>,
    /// Whether everything was shipped.
    #[serde(default)]
    pub finish_shipping: bool,
    /// The goods description entered on the admin page.
    #[serde(default)]
    pub goods_desc: Option<String>,
    /// How many times the order was shipped in full (2 after a correction).
    #[serde(default)]
    pub finish_shipping_count: u32,
    /// Where the shipment was entered (the admin page or the API).
    #[serde(default)]
    pub upload_scene: Option<u32>,
    /// The packages.
    #[serde(default)]
    pub shipping_list: Vec<ShippedPackage>,
}

/// A paid order and its shipping: the answer of
/// [`WxaShippingApi::get_order`](super::WxaShippingApi::get_order), an entry of
/// [`ShippingOrderList`]. Amounts are in fen.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct ShippingOrder {
    /// The WeChat Pay transaction id.
    #[serde(default)]
    pub transaction_id: String,
    /// The merchant id.
    #[serde(default)]
    pub merchant_id: String,
    /// The second-level merchant id, for platform merchants.
    #[serde(default)]
    pub sub_merchant_id: Option<String>,
    /// The merchant's order number.
    #[serde(default)]
    pub merchant_trade_no: String,
    /// The goods of the payment, joined by `;` and cut at 120 characters.
    #[serde(default)]
    pub description: String,
    /// What was paid.
    #[serde(default)]
    pub paid_amount: u64,
    /// The payer.
    #[serde(default)]
    pub openid: String,
    /// When the trade was created, in unix seconds.
    #[serde(default)]
    pub trade_create_time: u64,
    /// When it was paid, in unix seconds.
    #[serde(default)]
    pub pay_time: u64,
    /// Whether the order is in a dispute.
    #[serde(default)]
    pub in_complaint: bool,
    /// Where it stands.
    #[serde(default = "waiting")]
    pub order_state: ShippingOrderState,
    /// How it was shipped, once it was.
    #[serde(default)]
    pub shipping: Option<ShippingDetail>,
}

/// The answer of `get_order`, around the order.
#[derive(Deserialize)]
pub(super) struct OrderAnswer {
    pub(super) order: ShippingOrder,
}

/// The filter and page of
/// [`WxaShippingApi::get_order_list`](super::WxaShippingApi::get_order_list).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[must_use]
pub struct ShippingOrderQuery {
    #[serde(skip_serializing_if = "Option::is_none")]
    pay_time_range: Option<PayTimeRange>,
    #[serde(skip_serializing_if = "Option::is_none")]
    order_state: Option<ShippingOrderState>,
    #[serde(skip_serializing_if = "Option::is_none")]
    openid: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    last_index: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    page_size: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
struct PayTimeRange {
    #[serde(skip_serializing_if = "Option::is_none")]
    begin_time: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_time: Option<u64>,
}

impl ShippingOrderQuery {
    /// Every order, the first page.
    pub fn new() -> Self {
        ShippingOrderQuery::default()
    }

    /// Orders paid from `begin_time` to `end_time` (unix seconds, both included; either open).
    pub fn pay_time_range(mut self, begin_time: Option<u64>, end_time: Option<u64>) -> Self {
        self.pay_time_range = Some(PayTimeRange {
            begin_time,
            end_time,
        });
        self
    }

    /// Orders in `state`.
    pub fn order_state(mut self, state: ShippingOrderState) -> Self {
        self.order_state = Some(state);
        self
    }

    /// Orders paid by `openid`.
    pub fn openid(mut self, openid: impl Into<String>) -> Self {
        self.openid = Some(openid.into());
        self
    }

    /// The page after the one that answered `last_index` with `has_more`.
    pub fn last_index(mut self, last_index: impl Into<String>) -> Self {
        self.last_index = Some(last_index.into());
        self
    }

    /// At most `page_size` orders, 1 to 100 (100 unless set).
    pub fn page_size(mut self, page_size: u32) -> Self {
        self.page_size = Some(page_size);
        self
    }

    pub(super) fn check(&self) -> Result<()> {
        if let Some(size) = self.page_size {
            check_between("page_size", size, 1, MAX_ORDER_PAGE_SIZE)?;
        }
        if let Some(PayTimeRange {
            begin_time: Some(begin),
            end_time: Some(end),
        }) = self.pay_time_range
        {
            if begin > end {
                return Err(Error::invalid_input(format!(
                    "begin_time {begin} is after end_time {end}"
                )));
            }
        }
        Ok(())
    }
}

/// A page of orders: the answer of
/// [`WxaShippingApi::get_order_list`](super::WxaShippingApi::get_order_list).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct ShippingOrderList {
    /// The orders.
    #[serde(default)]
    pub order_list: Vec<ShippingOrder>,
    /// Where the next page starts.
    #[serde(default)]
    pub last_index: String,
    /// Whether there are more.
    #[serde(default)]
    pub has_more: bool,
}
