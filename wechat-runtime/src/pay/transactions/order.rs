//! What a prepay sends: [`PrepayOrder`], shared by the four kinds, and the two kinds that need
//! more: [`JsapiOrder`] (the payer) and [`H5Order`] (the scene and `h5_info`).

use serde::Serialize;
use wechat_pay::{Fen, OutTradeNo};

use super::detail::{H5Info, OrderDetail, SceneInfo};
use crate::error::{Error, Result};

/// An order to prepay: the fields JSAPI (Mini Program), App, H5 and Native prepays share.
///
/// The required ones go to [`new`](PrepayOrder::new), the optional ones through the setters.
/// A JSAPI prepay also needs the payer ([`JsapiOrder`]), an H5 one the user's scene
/// ([`H5Order`]). Checked before sending: the description is not empty and at most 127
/// characters, the total is more than zero, `appid` and `notify_url` are set.
///
/// ```
/// use wechat_runtime::pay::transactions::{GoodsDetail, OrderDetail, PrepayOrder, SceneInfo};
/// use wechat_runtime::pay::{Fen, OutTradeNo};
///
/// let order = PrepayOrder::new(
///     "wxd678efh567hg6787",
///     "Image形象店-深圳腾大-QQ公仔",
///     OutTradeNo::new("1217752501201407033233368018")?,
///     "https://www.weixin.qq.com/wxpay/pay.php",
///     Fen::new(100),
/// )
/// .attach("自定义数据说明")
/// .time_expire("2018-06-08T10:34:56+08:00")
/// .detail(OrderDetail::new().goods(vec![GoodsDetail::new("1246464644", 1, Fen::new(528800))]))
/// .scene_info(SceneInfo::new("14.23.150.211").device_id("013467007045764"))
/// .profit_sharing(true);
/// assert_eq!(order.total, Fen::new(100));
/// # Ok::<(), wechat_runtime::pay::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct PrepayOrder {
    /// `appid`: the Official Account, Mini Program or app the user pays in, bound to the
    /// merchant.
    pub appid: String,
    /// `description`: what is bought, shown to the user.
    pub description: String,
    /// `out_trade_no`: the merchant's order number.
    pub out_trade_no: OutTradeNo,
    /// `notify_url`: where the `TRANSACTION.SUCCESS` notification goes.
    pub notify_url: String,
    /// `amount.total`.
    pub total: Fen,
    /// `amount.currency`: `CNY` when not set.
    pub currency: String,
    /// `time_expire`: when the order can no longer be paid (RFC 3339).
    pub time_expire: Option<String>,
    /// `attach`: the merchant's data, given back by queries and notifications.
    pub attach: Option<String>,
    /// `goods_tag`: the tag coupons are matched against.
    pub goods_tag: Option<String>,
    /// `support_fapiao`: whether the order can be invoiced electronically.
    pub support_fapiao: Option<bool>,
    /// `detail`: the goods and the original price.
    pub detail: Option<OrderDetail>,
    /// `scene_info`: the user's IP, the device, the store.
    pub scene_info: Option<SceneInfo>,
    /// `settle_info.profit_sharing`: whether the payment will be shared (分账).
    pub profit_sharing: Option<bool>,
}

impl PrepayOrder {
    /// An order of `total` for `description`, paid in `appid`, numbered `out_trade_no`, whose
    /// notification goes to `notify_url`.
    ///
    /// ```
    /// # use wechat_runtime::pay::{transactions::PrepayOrder, Fen, OutTradeNo};
    /// let order = PrepayOrder::new("wxd678efh567hg6787", "QQ公仔", OutTradeNo::new("T20240001")?,
    ///     "https://example.com/notify", Fen::new(100));
    /// # Ok::<(), wechat_runtime::pay::Error>(())
    /// ```
    pub fn new(
        appid: impl Into<String>,
        description: impl Into<String>,
        out_trade_no: OutTradeNo,
        notify_url: impl Into<String>,
        total: Fen,
    ) -> Self {
        PrepayOrder {
            appid: appid.into(),
            description: description.into(),
            out_trade_no,
            notify_url: notify_url.into(),
            total,
            currency: "CNY".to_owned(),
            time_expire: None,
            attach: None,
            goods_tag: None,
            support_fapiao: None,
            detail: None,
            scene_info: None,
            profit_sharing: None,
        }
    }

    /// Sets `time_expire` (RFC 3339, such as `2018-06-08T10:34:56+08:00`).
    pub fn time_expire(mut self, time_expire: impl Into<String>) -> Self {
        self.time_expire = Some(time_expire.into());
        self
    }

    /// Sets `attach`.
    pub fn attach(mut self, attach: impl Into<String>) -> Self {
        self.attach = Some(attach.into());
        self
    }

    /// Sets `goods_tag`.
    pub fn goods_tag(mut self, goods_tag: impl Into<String>) -> Self {
        self.goods_tag = Some(goods_tag.into());
        self
    }

    /// Sets `support_fapiao`.
    pub fn support_fapiao(mut self, support: bool) -> Self {
        self.support_fapiao = Some(support);
        self
    }

    /// Sets `amount.currency` (`CNY` by default).
    pub fn currency(mut self, currency: impl Into<String>) -> Self {
        self.currency = currency.into();
        self
    }

    /// Sets `detail`.
    pub fn detail(mut self, detail: OrderDetail) -> Self {
        self.detail = Some(detail);
        self
    }

    /// Sets `scene_info`.
    pub fn scene_info(mut self, scene_info: SceneInfo) -> Self {
        self.scene_info = Some(scene_info);
        self
    }

    /// Sets `settle_info.profit_sharing`: `true` to share the payment later (分账), which
    /// keeps the money frozen until it is shared or unfrozen.
    pub fn profit_sharing(mut self, profit_sharing: bool) -> Self {
        self.profit_sharing = Some(profit_sharing);
        self
    }

    /// What WeChat Pay would refuse anyway, refused before sending.
    pub(super) fn check(&self) -> Result<()> {
        if self.appid.trim().is_empty() {
            return Err(Error::invalid_input("the order's appid is empty"));
        }
        if self.description.trim().is_empty() {
            return Err(Error::invalid_input(
                "the order's description is empty: WeChat Pay shows it to the user",
            ));
        }
        let chars = self.description.chars().count();
        if chars > 127 {
            return Err(Error::invalid_input(format!(
                "the order's description is {chars} characters; WeChat Pay takes at most 127"
            )));
        }
        if self.notify_url.trim().is_empty() {
            return Err(Error::invalid_input("the order's notify_url is empty"));
        }
        if self.total == Fen::ZERO {
            return Err(Error::invalid_input(
                "an order of 0 fen: the total must be at least 1 fen",
            ));
        }
        Ok(())
    }
}

/// A JSAPI (Official Account) or Mini Program prepay: the order and its payer's openid under
/// the order's appid. For [`Transactions::jsapi`](super::Transactions::jsapi).
///
/// ```
/// use wechat_runtime::pay::transactions::{JsapiOrder, PrepayOrder};
/// use wechat_runtime::pay::{Fen, OutTradeNo};
///
/// let order = PrepayOrder::new("wxd678efh567hg6787", "QQ公仔", OutTradeNo::new("T20240001")?,
///     "https://example.com/notify", Fen::new(100));
/// let jsapi = JsapiOrder::new(order, "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o");
/// assert_eq!(jsapi.openid(), "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o");
/// # Ok::<(), wechat_runtime::pay::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsapiOrder {
    order: PrepayOrder,
    openid: String,
}

impl JsapiOrder {
    /// `order`, paid by the user `openid` (`payer.openid`).
    ///
    /// ```
    /// # use wechat_runtime::pay::{transactions::{JsapiOrder, PrepayOrder}, Fen, OutTradeNo};
    /// # let order = PrepayOrder::new("wxd678efh567hg6787", "QQ公仔", OutTradeNo::new("T20240001")?, "https://example.com/notify", Fen::new(1));
    /// let jsapi = JsapiOrder::new(order, "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o");
    /// # Ok::<(), wechat_runtime::pay::Error>(())
    /// ```
    pub fn new(order: PrepayOrder, openid: impl Into<String>) -> Self {
        JsapiOrder {
            order,
            openid: openid.into(),
        }
    }

    /// The order.
    ///
    /// ```
    /// # use wechat_runtime::pay::{transactions::{JsapiOrder, PrepayOrder}, Fen, OutTradeNo};
    /// # let order = PrepayOrder::new("wxd678efh567hg6787", "QQ公仔", OutTradeNo::new("T20240001")?, "https://example.com/notify", Fen::new(1));
    /// assert_eq!(JsapiOrder::new(order, "o1").order().total, Fen::new(1));
    /// # Ok::<(), wechat_runtime::pay::Error>(())
    /// ```
    pub fn order(&self) -> &PrepayOrder {
        &self.order
    }

    /// The payer's openid.
    ///
    /// ```
    /// # use wechat_runtime::pay::{transactions::{JsapiOrder, PrepayOrder}, Fen, OutTradeNo};
    /// # let order = PrepayOrder::new("wxd678efh567hg6787", "QQ公仔", OutTradeNo::new("T20240001")?, "https://example.com/notify", Fen::new(1));
    /// assert_eq!(JsapiOrder::new(order, "o1").openid(), "o1");
    /// # Ok::<(), wechat_runtime::pay::Error>(())
    /// ```
    pub fn openid(&self) -> &str {
        &self.openid
    }

    pub(super) fn check(&self) -> Result<()> {
        self.order.check()?;
        if self.openid.trim().is_empty() {
            return Err(Error::invalid_input(
                "the JSAPI order's payer openid is empty",
            ));
        }
        Ok(())
    }
}

/// An H5 prepay (a mobile browser outside WeChat): the order, the user's scene (its
/// `payer_client_ip` is required) and `h5_info`. For
/// [`Transactions::h5`](super::Transactions::h5).
///
/// ```
/// use wechat_runtime::pay::transactions::{H5Info, H5Order, H5Type, PrepayOrder, SceneInfo};
/// use wechat_runtime::pay::{Fen, OutTradeNo};
///
/// let order = PrepayOrder::new("wxd678efh567hg6787", "QQ公仔", OutTradeNo::new("T20240001")?,
///     "https://example.com/notify", Fen::new(100));
/// let h5 = H5Order::new(order, SceneInfo::new("14.23.150.211"), H5Info::new(H5Type::Wap).app_name("王者荣耀"));
/// assert_eq!(h5.order().scene_info.as_ref().unwrap().payer_client_ip, "14.23.150.211");
/// # Ok::<(), wechat_runtime::pay::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct H5Order {
    order: PrepayOrder,
    h5_info: H5Info,
}

impl H5Order {
    /// `order` placed from `scene` (which replaces the order's own `scene_info`), with
    /// `h5_info`.
    ///
    /// ```
    /// # use wechat_runtime::pay::{transactions::{H5Info, H5Order, H5Type, PrepayOrder, SceneInfo}, Fen, OutTradeNo};
    /// # let order = PrepayOrder::new("wxd678efh567hg6787", "QQ公仔", OutTradeNo::new("T20240001")?, "https://example.com/notify", Fen::new(1));
    /// let h5 = H5Order::new(order, SceneInfo::new("14.23.150.211"), H5Info::new(H5Type::Ios));
    /// # Ok::<(), wechat_runtime::pay::Error>(())
    /// ```
    pub fn new(mut order: PrepayOrder, scene: SceneInfo, h5_info: H5Info) -> Self {
        order.scene_info = Some(scene);
        H5Order { order, h5_info }
    }

    /// The order, with its scene.
    ///
    /// ```
    /// # use wechat_runtime::pay::{transactions::{H5Info, H5Order, H5Type, PrepayOrder, SceneInfo}, Fen, OutTradeNo};
    /// # let order = PrepayOrder::new("wxd678efh567hg6787", "QQ公仔", OutTradeNo::new("T20240001")?, "https://example.com/notify", Fen::new(1));
    /// let h5 = H5Order::new(order, SceneInfo::new("14.23.150.211"), H5Info::new(H5Type::Wap));
    /// assert!(h5.order().scene_info.is_some());
    /// # Ok::<(), wechat_runtime::pay::Error>(())
    /// ```
    pub fn order(&self) -> &PrepayOrder {
        &self.order
    }

    /// `scene_info.h5_info`.
    ///
    /// ```
    /// # use wechat_runtime::pay::{transactions::{H5Info, H5Order, H5Type, PrepayOrder, SceneInfo}, Fen, OutTradeNo};
    /// # let order = PrepayOrder::new("wxd678efh567hg6787", "QQ公仔", OutTradeNo::new("T20240001")?, "https://example.com/notify", Fen::new(1));
    /// let h5 = H5Order::new(order, SceneInfo::new("14.23.150.211"), H5Info::new(H5Type::Wap));
    /// assert_eq!(h5.h5_info().kind, H5Type::Wap);
    /// # Ok::<(), wechat_runtime::pay::Error>(())
    /// ```
    pub fn h5_info(&self) -> &H5Info {
        &self.h5_info
    }

    pub(super) fn check(&self) -> Result<()> {
        self.order.check()?;
        let ip = self
            .order
            .scene_info
            .as_ref()
            .map(|s| s.payer_client_ip.trim());
        if ip.is_none_or(str::is_empty) {
            return Err(Error::invalid_input(
                "the H5 order's payer_client_ip is empty: WeChat Pay requires the user's IP",
            ));
        }
        Ok(())
    }
}

/// The body of a prepay: the order's fields with `mchid`, and the payer or the H5 scene.
#[derive(Serialize)]
pub(super) struct PrepayBody<'a> {
    appid: &'a str,
    mchid: &'a str,
    description: &'a str,
    out_trade_no: &'a OutTradeNo,
    #[serde(skip_serializing_if = "Option::is_none")]
    time_expire: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    attach: Option<&'a str>,
    notify_url: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    goods_tag: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    support_fapiao: Option<bool>,
    amount: AmountBody<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    payer: Option<PayerBody<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    detail: Option<&'a OrderDetail>,
    #[serde(skip_serializing_if = "Option::is_none")]
    scene_info: Option<SceneBody<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    settle_info: Option<SettleBody>,
}

#[derive(Serialize)]
struct AmountBody<'a> {
    total: Fen,
    currency: &'a str,
}

#[derive(Serialize)]
struct PayerBody<'a> {
    openid: &'a str,
}

#[derive(Serialize)]
struct SceneBody<'a> {
    #[serde(flatten)]
    scene: &'a SceneInfo,
    #[serde(skip_serializing_if = "Option::is_none")]
    h5_info: Option<&'a H5Info>,
}

#[derive(Serialize)]
struct SettleBody {
    profit_sharing: bool,
}

impl<'a> PrepayBody<'a> {
    /// The body of an App or Native prepay.
    pub(super) fn new(mchid: &'a str, order: &'a PrepayOrder) -> Self {
        PrepayBody {
            appid: &order.appid,
            mchid,
            description: &order.description,
            out_trade_no: &order.out_trade_no,
            time_expire: order.time_expire.as_deref(),
            attach: order.attach.as_deref(),
            notify_url: &order.notify_url,
            goods_tag: order.goods_tag.as_deref(),
            support_fapiao: order.support_fapiao,
            amount: AmountBody {
                total: order.total,
                currency: &order.currency,
            },
            payer: None,
            detail: order.detail.as_ref(),
            scene_info: order.scene_info.as_ref().map(|scene| SceneBody {
                scene,
                h5_info: None,
            }),
            settle_info: order
                .profit_sharing
                .map(|profit_sharing| SettleBody { profit_sharing }),
        }
    }

    /// The body of a JSAPI prepay.
    pub(super) fn jsapi(mchid: &'a str, order: &'a JsapiOrder) -> Self {
        PrepayBody {
            payer: Some(PayerBody {
                openid: &order.openid,
            }),
            ..Self::new(mchid, &order.order)
        }
    }

    /// The body of an H5 prepay.
    pub(super) fn h5(mchid: &'a str, order: &'a H5Order) -> Self {
        let mut body = Self::new(mchid, &order.order);
        if let Some(scene) = &mut body.scene_info {
            scene.h5_info = Some(&order.h5_info);
        }
        body
    }
}
