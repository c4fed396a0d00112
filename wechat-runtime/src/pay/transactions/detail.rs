//! The parts of an order: its detail and goods, the user's scene and store, H5's `h5_info`.

use serde::Serialize;
use wechat_pay::Fen;

use crate::pay::wire::wire_enum;

/// `detail` of an order: the goods, the original price, the invoice.
///
/// ```
/// use wechat_runtime::pay::transactions::{GoodsDetail, OrderDetail};
/// use wechat_runtime::pay::Fen;
///
/// let detail = OrderDetail::new()
///     .cost_price(Fen::new(608800))
///     .invoice_id("微信123")
///     .goods(vec![GoodsDetail::new("1246464644", 1, Fen::new(528800)).goods_name("iPhoneX 256G")]);
/// assert_eq!(detail.goods_detail.len(), 1);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct OrderDetail {
    /// `cost_price`: the original price, before discounts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cost_price: Option<Fen>,
    /// `invoice_id`: the merchant's receipt number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub invoice_id: Option<String>,
    /// `goods_detail`: the goods.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub goods_detail: Vec<GoodsDetail>,
}

impl OrderDetail {
    /// An empty detail.
    ///
    /// ```
    /// assert!(wechat_runtime::pay::transactions::OrderDetail::new().goods_detail.is_empty());
    /// ```
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets `cost_price`.
    pub fn cost_price(mut self, cost_price: Fen) -> Self {
        self.cost_price = Some(cost_price);
        self
    }

    /// Sets `invoice_id`.
    pub fn invoice_id(mut self, invoice_id: impl Into<String>) -> Self {
        self.invoice_id = Some(invoice_id.into());
        self
    }

    /// Sets `goods_detail`.
    pub fn goods(mut self, goods: Vec<GoodsDetail>) -> Self {
        self.goods_detail = goods;
        self
    }
}

/// One item of an order's `detail.goods_detail`.
///
/// ```
/// use wechat_runtime::pay::{transactions::GoodsDetail, Fen};
///
/// let goods = GoodsDetail::new("1246464644", 1, Fen::new(528800)).wechatpay_goods_id("1001");
/// assert_eq!(serde_json::to_value(&goods).unwrap()["unit_price"], 528800);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct GoodsDetail {
    /// `merchant_goods_id`.
    pub merchant_goods_id: String,
    /// `wechatpay_goods_id`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub wechatpay_goods_id: Option<String>,
    /// `goods_name`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub goods_name: Option<String>,
    /// `quantity`.
    pub quantity: u32,
    /// `unit_price`.
    pub unit_price: Fen,
}

impl GoodsDetail {
    /// `quantity` of the goods `merchant_goods_id` at `unit_price`.
    ///
    /// ```
    /// let goods = wechat_runtime::pay::transactions::GoodsDetail::new("SKU-1", 2, wechat_runtime::pay::Fen::new(50));
    /// ```
    pub fn new(merchant_goods_id: impl Into<String>, quantity: u32, unit_price: Fen) -> Self {
        GoodsDetail {
            merchant_goods_id: merchant_goods_id.into(),
            wechatpay_goods_id: None,
            goods_name: None,
            quantity,
            unit_price,
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

/// `scene_info` of an order: the user's IP (required when there is a scene), the device and
/// the store.
///
/// ```
/// use wechat_runtime::pay::transactions::{SceneInfo, StoreInfo};
///
/// let scene = SceneInfo::new("14.23.150.211")
///     .device_id("013467007045764")
///     .store_info(StoreInfo::new("0001").name("腾讯大厦分店").area_code("440305").address("广东省深圳市南山区科技中一道10000号"));
/// assert_eq!(serde_json::to_value(&scene).unwrap()["store_info"]["id"], "0001");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct SceneInfo {
    /// `payer_client_ip`: the user's IP (IPv4 or IPv6).
    pub payer_client_ip: String,
    /// `device_id`: the merchant's device (terminal) id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub device_id: Option<String>,
    /// `store_info`: the store.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub store_info: Option<StoreInfo>,
}

impl SceneInfo {
    /// The scene of a user at `payer_client_ip`.
    ///
    /// ```
    /// let scene = wechat_runtime::pay::transactions::SceneInfo::new("14.23.150.211");
    /// ```
    pub fn new(payer_client_ip: impl Into<String>) -> Self {
        SceneInfo {
            payer_client_ip: payer_client_ip.into(),
            device_id: None,
            store_info: None,
        }
    }

    /// Sets `device_id`.
    pub fn device_id(mut self, device_id: impl Into<String>) -> Self {
        self.device_id = Some(device_id.into());
        self
    }

    /// Sets `store_info`.
    pub fn store_info(mut self, store: StoreInfo) -> Self {
        self.store_info = Some(store);
        self
    }
}

/// `scene_info.store_info` of an order: the merchant's store.
///
/// ```
/// let store = wechat_runtime::pay::transactions::StoreInfo::new("0001").name("腾讯大厦分店");
/// assert_eq!(store.id, "0001");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct StoreInfo {
    /// `id`: the merchant's store number.
    pub id: String,
    /// `name`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// `area_code`: the administrative area code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub area_code: Option<String>,
    /// `address`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
}

impl StoreInfo {
    /// The store the merchant numbers `id`.
    ///
    /// ```
    /// let store = wechat_runtime::pay::transactions::StoreInfo::new("0001");
    /// ```
    pub fn new(id: impl Into<String>) -> Self {
        StoreInfo {
            id: id.into(),
            name: None,
            area_code: None,
            address: None,
        }
    }

    /// Sets `name`.
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// Sets `area_code`.
    pub fn area_code(mut self, area_code: impl Into<String>) -> Self {
        self.area_code = Some(area_code.into());
        self
    }

    /// Sets `address`.
    pub fn address(mut self, address: impl Into<String>) -> Self {
        self.address = Some(address.into());
        self
    }
}

wire_enum! {
    /// `h5_info.type`: where an H5 payment starts.
    ///
    /// ```
    /// use wechat_runtime::pay::transactions::H5Type;
    /// assert_eq!(H5Type::Ios.as_str(), "iOS");
    /// ```
    H5Type {
        /// `Wap`: a mobile web site.
        Wap = "Wap",
        /// `iOS`: an iOS app.
        Ios = "iOS",
        /// `Android`: an Android app.
        Android = "Android",
    }
}

/// `scene_info.h5_info` of an H5 order.
///
/// ```
/// use wechat_runtime::pay::transactions::{H5Info, H5Type};
///
/// let info = H5Info::new(H5Type::Ios).app_name("王者荣耀").bundle_id("com.tencent.wzryiOS");
/// assert_eq!(serde_json::to_value(&info).unwrap()["type"], "iOS");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct H5Info {
    /// `type`.
    #[serde(rename = "type")]
    pub kind: H5Type,
    /// `app_name`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub app_name: Option<String>,
    /// `app_url`: the web site's URL.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub app_url: Option<String>,
    /// `bundle_id`: the iOS bundle id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bundle_id: Option<String>,
    /// `package_name`: the Android package name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub package_name: Option<String>,
}

impl H5Info {
    /// An `h5_info` of type `kind`.
    ///
    /// ```
    /// let info = wechat_runtime::pay::transactions::H5Info::new(wechat_runtime::pay::transactions::H5Type::Wap);
    /// ```
    pub fn new(kind: H5Type) -> Self {
        H5Info {
            kind,
            app_name: None,
            app_url: None,
            bundle_id: None,
            package_name: None,
        }
    }

    /// Sets `app_name`.
    pub fn app_name(mut self, app_name: impl Into<String>) -> Self {
        self.app_name = Some(app_name.into());
        self
    }

    /// Sets `app_url`.
    pub fn app_url(mut self, app_url: impl Into<String>) -> Self {
        self.app_url = Some(app_url.into());
        self
    }

    /// Sets `bundle_id`.
    pub fn bundle_id(mut self, bundle_id: impl Into<String>) -> Self {
        self.bundle_id = Some(bundle_id.into());
        self
    }

    /// Sets `package_name`.
    pub fn package_name(mut self, package_name: impl Into<String>) -> Self {
        self.package_name = Some(package_name.into());
        self
    }
}
