//! Mini Program shipping information management (发货信息管理, `/wxa/sec/order/*`): what the
//! Mini Programs WeChat manages must report once they ship a paid order, before WeChat settles
//! its funds; the order's shipping state; the reminder to confirm receipt.
//!
//! An order is named by its WeChat Pay transaction id or by merchant id and merchant order
//! number: [`ShippingOrderKey`] when shipping, [`ShippingTradeRef`] when querying. A shipment
//! is either one package for the whole order ([`OrderShipping::unified`]) or express packages
//! split up ([`OrderShipping::split`], at most 15); WeChat allows one correction after an
//! order is shipped.
//!
//! ```no_run
//! use wechat_runtime::api::wxa_shipping::{
//!     OrderShipping, ShippingInfo, ShippingLogistics, ShippingOrderKey, ShippingPackage,
//!     ShippingTradeRef,
//! };
//! use wechat_runtime::{Client, Hub, MemoryStore};
//!
//! # async fn run() -> Result<(), wechat_runtime::Error> {
//! let hub = Hub::new(MemoryStore::new().with_app("wx0123456789abcdef", "the-appsecret"));
//! let client = Client::builder(hub).appid("wx0123456789abcdef").build()?;
//! let transaction_id = "4200001858202306300646157659";
//!
//! let package = ShippingPackage::express("YT3750696145732", "YTO", "微信气泡狗集线器*1")
//!     .receiver_contact("189****1234");
//! let shipping = OrderShipping::unified(
//!     ShippingOrderKey::transaction_id(transaction_id),
//!     ShippingLogistics::Express,
//!     package,
//! );
//! client
//!     .wxa_shipping()
//!     .upload(&ShippingInfo::new("o6_bmjrPTlm6_2sgVt7hMZOPfL2M", shipping))
//!     .await?;
//!
//! let order = client
//!     .wxa_shipping()
//!     .get_order(&ShippingTradeRef::transaction_id(transaction_id))
//!     .await?;
//! println!("{:?}", order.order_state);
//! # Ok(()) }
//! ```

/// `Serialize` and `Deserialize` of the enums WeChat sends as a number: `code()` out, `From<u8>`
/// in.
macro_rules! code_serde {
    ($ty:ty) => {
        impl ::serde::Serialize for $ty {
            fn serialize<S: ::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_u8(self.code())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $ty {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                <u8 as ::serde::Deserialize>::deserialize(deserializer).map(<$ty>::from)
            }
        }
    };
}

mod orders;
mod upload;

pub use orders::{
    ShippedPackage, ShippingDetail, ShippingOrder, ShippingOrderList, ShippingOrderQuery,
    ShippingOrderState, ShippingTradeRef,
};
pub use upload::{
    CombinedShippingInfo, OrderShipping, ShippingInfo, ShippingLogistics, ShippingMode,
    ShippingOrderKey, ShippingPackage,
};

use serde::{Deserialize, Serialize};

use super::{check_present, ApiCall, Area, Retry};
use crate::error::Error;
use orders::OrderAnswer;

/// Shipping information management; from [`Client::wxa_shipping`](crate::Client::wxa_shipping).
pub struct WxaShippingApi<'c, K>(pub(crate) Area<'c, K>);

/// The most packages of one order.
pub const MAX_PACKAGES: usize = 15;
/// The longest `item_desc` of a package, in characters.
pub const MAX_ITEM_DESC_LEN: usize = 120;
/// The longest tracking number or express company code, in bytes.
pub const MAX_TRACKING_LEN: usize = 128;
/// The most orders a page of [`WxaShippingApi::get_order_list`] holds.
pub const MAX_ORDER_PAGE_SIZE: u32 = 100;

/// What an order not shipped yet is reported as: the `type` of
/// [`WxaShippingApi::report_special_order`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ShippingSpecialKind {
    /// 1: goods on presale, shipped later than 15 days after payment; `ship_by` is when they
    /// will ship (unix seconds, 15 to 330 days after payment): the user is told.
    Presale {
        /// When the goods will ship, in unix seconds.
        ship_by: u64,
    },
    /// 2: a test order, never shipped.
    Test,
}

#[derive(Deserialize)]
struct TradeManaged {
    #[serde(default)]
    is_trade_managed: bool,
}

#[derive(Deserialize)]
struct ConfirmationCompleted {
    #[serde(default)]
    completed: bool,
}

#[derive(Serialize)]
struct AppidBody<'a> {
    appid: &'a str,
}

impl<'c, K: 'static> WxaShippingApi<'c, K> {
    /// Reports how an order shipped (or corrects it once, before the user confirms receipt):
    /// `POST /wxa/sec/order/upload_shipping_info`. Never sent twice: a second upload of a
    /// shipped order spends its one correction.
    pub fn upload(&self, info: &ShippingInfo) -> ApiCall<'static, (), K> {
        self.0.checked(info.check(), |()| {
            self.0
                .post_ok("/wxa/sec/order/upload_shipping_info", info, Retry::Unsafe)
        })
    }

    /// Reports how the sub-orders of a combined order shipped:
    /// `POST /wxa/sec/order/upload_combined_shipping_info`. Never sent twice.
    pub fn upload_combined(&self, info: &CombinedShippingInfo) -> ApiCall<'static, (), K> {
        self.0.checked(info.check(), |()| {
            self.0.post_ok(
                "/wxa/sec/order/upload_combined_shipping_info",
                info,
                Retry::Unsafe,
            )
        })
    }

    /// A paid order and its shipping state: `POST /wxa/sec/order/get_order`.
    pub fn get_order(&self, order: &ShippingTradeRef) -> ApiCall<'static, ShippingOrder, K> {
        self.0.checked(order.check(), |()| {
            self.0
                .post_with("/wxa/sec/order/get_order", order, Retry::Safe, |response| {
                    Ok(response.json::<OrderAnswer>()?.order)
                })
        })
    }

    /// A page of paid orders: `POST /wxa/sec/order/get_order_list`.
    pub fn get_order_list(
        &self,
        query: &ShippingOrderQuery,
    ) -> ApiCall<'static, ShippingOrderList, K> {
        self.0.checked(query.check(), |()| {
            self.0
                .post("/wxa/sec/order/get_order_list", query, Retry::Safe)
        })
    }

    /// Reminds the user to confirm receipt of a shipped express order, once per order, signed
    /// for at `received_time` (unix seconds, after the shipment):
    /// `POST /wxa/sec/order/notify_confirm_receive`.
    pub fn notify_confirm_receive(
        &self,
        order: &ShippingTradeRef,
        received_time: u64,
    ) -> ApiCall<'static, (), K> {
        #[derive(Serialize)]
        struct Body<'a> {
            #[serde(flatten)]
            order: &'a ShippingTradeRef,
            received_time: u64,
        }
        let checked = order.check().and_then(|()| {
            if received_time == 0 {
                Err(Error::invalid_input("received_time is 0"))
            } else {
                Ok(())
            }
        });
        self.0.checked(checked, |()| {
            self.0.post_ok(
                "/wxa/sec/order/notify_confirm_receive",
                &Body {
                    order,
                    received_time,
                },
                Retry::Unsafe,
            )
        })
    }

    /// The Mini Program page the shipping and receipt messages open (WeChat appends the
    /// order's `transaction_id`, `merchant_id`, `merchant_trade_no` to its query); an empty or
    /// unknown page keeps WeChat's own: `POST /wxa/sec/order/set_msg_jump_path`.
    pub fn set_msg_jump_path(&self, path: &str) -> ApiCall<'static, (), K> {
        self.0.post_ok(
            "/wxa/sec/order/set_msg_jump_path",
            &serde_json::json!({ "path": path }),
            Retry::Safe,
        )
    }

    /// Reports an order not shipped yet as presale goods or a test order, by its transaction
    /// id or merchant order number: `POST /wxa/sec/order/opspecialorder`.
    pub fn report_special_order(
        &self,
        order_id: &str,
        kind: ShippingSpecialKind,
    ) -> ApiCall<'static, (), K> {
        #[derive(Serialize)]
        struct Body<'a> {
            order_id: &'a str,
            #[serde(rename = "type")]
            kind: u8,
            #[serde(skip_serializing_if = "Option::is_none")]
            delay_to: Option<u64>,
        }
        let (code, delay_to) = match kind {
            ShippingSpecialKind::Presale { ship_by } => (1, Some(ship_by)),
            ShippingSpecialKind::Test => (2, None),
        };
        let checked = check_present("order_id", order_id).and_then(|()| match delay_to {
            Some(0) => Err(Error::invalid_input("the presale ship_by time is 0")),
            _ => Ok(()),
        });
        self.0.checked(checked, |()| {
            self.0.post_ok(
                "/wxa/sec/order/opspecialorder",
                &Body {
                    order_id,
                    kind: code,
                    delay_to,
                },
                // Reporting the same again changes nothing.
                Retry::Safe,
            )
        })
    }

    /// Whether the Mini Program `appid` (the caller's own, unless a third-party platform asks
    /// for an authorizer) must report its shipments: `POST /wxa/sec/order/is_trade_managed`.
    pub fn is_trade_managed(&self, appid: &str) -> ApiCall<'static, bool, K> {
        self.0.checked(check_present("appid", appid), |()| {
            self.0.post_with(
                "/wxa/sec/order/is_trade_managed",
                &AppidBody { appid },
                Retry::Safe,
                |response| Ok(response.json::<TradeManaged>()?.is_trade_managed),
            )
        })
    }

    /// Whether the Mini Program `appid` confirmed the trade settlement management of all its
    /// merchants: `POST /wxa/sec/order/is_trade_management_confirmation_completed`.
    pub fn is_trade_management_confirmation_completed(
        &self,
        appid: &str,
    ) -> ApiCall<'static, bool, K> {
        self.0.checked(check_present("appid", appid), |()| {
            self.0.post_with(
                "/wxa/sec/order/is_trade_management_confirmation_completed",
                &AppidBody { appid },
                Retry::Safe,
                |response| Ok(response.json::<ConfirmationCompleted>()?.completed),
            )
        })
    }
}
