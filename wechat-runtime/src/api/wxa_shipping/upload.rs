//! What a shipment is: the order's key, how the goods travel, the packages, the payer.

use serde::{Serialize, Serializer};

use super::{MAX_ITEM_DESC_LEN, MAX_PACKAGES, MAX_TRACKING_LEN};
use crate::api::check_present;
use crate::error::{Error, Result};
use crate::token::now_unix;

/// The order to ship: its `order_key`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ShippingOrderKey {
    /// By merchant id and merchant order number (`order_number_type` 1).
    OutTradeNo {
        /// The merchant id the order was paid to.
        mchid: String,
        /// The merchant's order number.
        out_trade_no: String,
    },
    /// By WeChat Pay transaction id (`order_number_type` 2).
    TransactionId(String),
}

impl ShippingOrderKey {
    /// The order `out_trade_no` of merchant `mchid`.
    pub fn out_trade_no(mchid: impl Into<String>, out_trade_no: impl Into<String>) -> Self {
        ShippingOrderKey::OutTradeNo {
            mchid: mchid.into(),
            out_trade_no: out_trade_no.into(),
        }
    }

    /// The order of WeChat Pay transaction `transaction_id`.
    pub fn transaction_id(transaction_id: impl Into<String>) -> Self {
        ShippingOrderKey::TransactionId(transaction_id.into())
    }

    fn check(&self) -> Result<()> {
        match self {
            ShippingOrderKey::OutTradeNo {
                mchid,
                out_trade_no,
            } => check_present("mchid", mchid).and(check_present("out_trade_no", out_trade_no)),
            ShippingOrderKey::TransactionId(id) => check_present("transaction_id", id),
        }
    }
}

impl Serialize for ShippingOrderKey {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(None)?;
        match self {
            ShippingOrderKey::OutTradeNo {
                mchid,
                out_trade_no,
            } => {
                map.serialize_entry("order_number_type", &1)?;
                map.serialize_entry("mchid", mchid)?;
                map.serialize_entry("out_trade_no", out_trade_no)?;
            }
            ShippingOrderKey::TransactionId(id) => {
                map.serialize_entry("order_number_type", &2)?;
                map.serialize_entry("transaction_id", id)?;
            }
        }
        map.end()
    }
}

/// How the goods travel: `logistics_type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ShippingLogistics {
    /// 1: an express company.
    Express,
    /// 2: same-city delivery.
    SameCity,
    /// 3: virtual goods, nothing delivered (top-ups, cards).
    Virtual,
    /// 4: the user picks them up.
    SelfPickup,
    /// A type this version does not know, as WeChat sent it.
    Other(u8),
}

impl ShippingLogistics {
    /// The number WeChat uses.
    pub fn code(self) -> u8 {
        match self {
            ShippingLogistics::Express => 1,
            ShippingLogistics::SameCity => 2,
            ShippingLogistics::Virtual => 3,
            ShippingLogistics::SelfPickup => 4,
            ShippingLogistics::Other(code) => code,
        }
    }
}

impl From<u8> for ShippingLogistics {
    fn from(code: u8) -> Self {
        match code {
            1 => ShippingLogistics::Express,
            2 => ShippingLogistics::SameCity,
            3 => ShippingLogistics::Virtual,
            4 => ShippingLogistics::SelfPickup,
            other => ShippingLogistics::Other(other),
        }
    }
}

/// Whether an order ships as one package or several: `delivery_mode`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ShippingMode {
    /// 1: one package for the whole order.
    Unified,
    /// 2: several express packages.
    Split,
    /// A mode this version does not know, as WeChat sent it.
    Other(u8),
}

impl ShippingMode {
    /// The number WeChat uses.
    pub fn code(self) -> u8 {
        match self {
            ShippingMode::Unified => 1,
            ShippingMode::Split => 2,
            ShippingMode::Other(code) => code,
        }
    }
}

impl From<u8> for ShippingMode {
    fn from(code: u8) -> Self {
        match code {
            1 => ShippingMode::Unified,
            2 => ShippingMode::Split,
            other => ShippingMode::Other(other),
        }
    }
}
code_serde!(ShippingLogistics);
code_serde!(ShippingMode);

/// How to reach the sender or the receiver, masked but for the last four digits
/// (`189****1234`): required for SF Express.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
struct ShippingContact {
    #[serde(skip_serializing_if = "Option::is_none")]
    consignor_contact: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    receiver_contact: Option<String>,
}

/// One package of a shipment: an entry of `shipping_list`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[must_use]
pub struct ShippingPackage {
    #[serde(skip_serializing_if = "Option::is_none")]
    tracking_no: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    express_company: Option<String>,
    item_desc: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    contact: Option<ShippingContact>,
}

impl ShippingPackage {
    /// A package sent by express: its `tracking_no`, the `express_company` code (from
    /// `get_delivery_list`, e.g. `SF`, `YTO`) and what it holds (`item_desc`, at most 120
    /// characters, e.g. `微信红包抱枕*1个`).
    pub fn express(
        tracking_no: impl Into<String>,
        express_company: impl Into<String>,
        item_desc: impl Into<String>,
    ) -> Self {
        ShippingPackage {
            tracking_no: Some(tracking_no.into()),
            express_company: Some(express_company.into()),
            item_desc: item_desc.into(),
            contact: None,
        }
    }

    /// Goods that do not travel by express (same city, virtual, picked up): only what they
    /// are, at most 120 characters.
    pub fn goods(item_desc: impl Into<String>) -> Self {
        ShippingPackage {
            tracking_no: None,
            express_company: None,
            item_desc: item_desc.into(),
            contact: None,
        }
    }

    /// The sender's masked phone number (`189****1234`).
    pub fn consignor_contact(mut self, contact: impl Into<String>) -> Self {
        self.contact
            .get_or_insert_with(Default::default)
            .consignor_contact = Some(contact.into());
        self
    }

    /// The receiver's masked phone number (`189****1234`).
    pub fn receiver_contact(mut self, contact: impl Into<String>) -> Self {
        self.contact
            .get_or_insert_with(Default::default)
            .receiver_contact = Some(contact.into());
        self
    }

    fn check(&self, logistics: ShippingLogistics) -> Result<()> {
        check_present("item_desc", &self.item_desc)?;
        let count = self.item_desc.chars().count();
        if count > MAX_ITEM_DESC_LEN {
            return Err(Error::invalid_input(format!(
                "item_desc has {count} characters; WeChat takes at most {MAX_ITEM_DESC_LEN}"
            )));
        }
        for (what, value) in [
            ("tracking_no", &self.tracking_no),
            ("express_company", &self.express_company),
        ] {
            match value {
                Some(value) => {
                    check_present(what, value)?;
                    if value.len() > MAX_TRACKING_LEN {
                        return Err(Error::invalid_input(format!(
                            "{what} has {} bytes; WeChat takes at most {MAX_TRACKING_LEN}",
                            value.len()
                        )));
                    }
                }
                None if logistics == ShippingLogistics::Express => {
                    return Err(Error::invalid_input(format!(
                        "{what} is missing; express shipping needs it"
                    )));
                }
                None => {}
            }
        }
        let has_contact = self.contact.as_ref().is_some_and(|contact| {
            contact.consignor_contact.is_some() || contact.receiver_contact.is_some()
        });
        if self.express_company.as_deref() == Some("SF") && !has_contact {
            return Err(Error::invalid_input(
                "a package sent by SF Express needs a consignor or receiver contact",
            ));
        }
        Ok(())
    }
}

/// How one order ships: its key, logistics, mode and packages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[must_use]
pub struct OrderShipping {
    order_key: ShippingOrderKey,
    logistics_type: ShippingLogistics,
    delivery_mode: ShippingMode,
    #[serde(skip_serializing_if = "Option::is_none")]
    is_all_delivered: Option<bool>,
    shipping_list: Vec<ShippingPackage>,
}

impl OrderShipping {
    /// The whole order in one `package`, sent by `logistics`.
    pub fn unified(
        order_key: ShippingOrderKey,
        logistics: ShippingLogistics,
        package: ShippingPackage,
    ) -> Self {
        OrderShipping {
            order_key,
            logistics_type: logistics,
            delivery_mode: ShippingMode::Unified,
            is_all_delivered: None,
            shipping_list: vec![package],
        }
    }

    /// The order split into express `packages` (1 to 15); `all_delivered` says whether these
    /// are the last (only then is the user told the order shipped).
    pub fn split(
        order_key: ShippingOrderKey,
        packages: Vec<ShippingPackage>,
        all_delivered: bool,
    ) -> Self {
        OrderShipping {
            order_key,
            logistics_type: ShippingLogistics::Express,
            delivery_mode: ShippingMode::Split,
            is_all_delivered: Some(all_delivered),
            shipping_list: packages,
        }
    }

    fn check(&self) -> Result<()> {
        self.order_key.check()?;
        if self.shipping_list.is_empty() || self.shipping_list.len() > MAX_PACKAGES {
            return Err(Error::invalid_input(format!(
                "shipping_list has {} packages; WeChat takes 1 to {MAX_PACKAGES}",
                self.shipping_list.len()
            )));
        }
        self.shipping_list
            .iter()
            .try_for_each(|package| package.check(self.logistics_type))
    }
}

/// The payer of an order: `payer`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
struct Payer {
    openid: String,
}

/// A shipment of one order: the request of
/// [`WxaShippingApi::upload`](super::WxaShippingApi::upload).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[must_use]
pub struct ShippingInfo {
    #[serde(flatten)]
    shipping: OrderShipping,
    upload_time: String,
    payer: Payer,
}

impl ShippingInfo {
    /// `shipping` of an order paid by `payer_openid`, uploaded now.
    pub fn new(payer_openid: impl Into<String>, shipping: OrderShipping) -> Self {
        ShippingInfo {
            shipping,
            upload_time: rfc3339_utc(now_unix()),
            payer: Payer {
                openid: payer_openid.into(),
            },
        }
    }

    /// When the information was made, as RFC 3339 (`2022-12-15T13:29:35.120+08:00`); WeChat
    /// orders updates by it. Now unless set.
    pub fn upload_time(mut self, upload_time: impl Into<String>) -> Self {
        self.upload_time = upload_time.into();
        self
    }

    pub(super) fn check(&self) -> Result<()> {
        check_present("payer.openid", &self.payer.openid)?;
        check_upload_time(&self.upload_time)?;
        self.shipping.check()
    }
}

/// A shipment of a combined order (合单), sub-order by sub-order: the request of
/// [`WxaShippingApi::upload_combined`](super::WxaShippingApi::upload_combined).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[must_use]
pub struct CombinedShippingInfo {
    order_key: ShippingOrderKey,
    sub_orders: Vec<OrderShipping>,
    upload_time: String,
    payer: Payer,
}

impl CombinedShippingInfo {
    /// The `sub_orders` of the combined order `order_key` (keyed the same way), paid by
    /// `payer_openid`, uploaded now.
    pub fn new(
        order_key: ShippingOrderKey,
        payer_openid: impl Into<String>,
        sub_orders: Vec<OrderShipping>,
    ) -> Self {
        CombinedShippingInfo {
            order_key,
            sub_orders,
            upload_time: rfc3339_utc(now_unix()),
            payer: Payer {
                openid: payer_openid.into(),
            },
        }
    }

    /// When the information was made, as RFC 3339. Now unless set.
    pub fn upload_time(mut self, upload_time: impl Into<String>) -> Self {
        self.upload_time = upload_time.into();
        self
    }

    pub(super) fn check(&self) -> Result<()> {
        check_present("payer.openid", &self.payer.openid)?;
        check_upload_time(&self.upload_time)?;
        self.order_key.check()?;
        if self.sub_orders.is_empty() {
            return Err(Error::invalid_input("sub_orders is empty"));
        }
        self.sub_orders.iter().try_for_each(OrderShipping::check)
    }
}

/// `unix` seconds as an RFC 3339 UTC time, `2024-05-01T08:30:00Z`.
fn rfc3339_utc(unix: u64) -> String {
    // Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
    let days = unix / 86_400;
    let secs = unix % 86_400;
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z % 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + u64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    )
}

/// Rejects an `upload_time` that is not RFC 3339 (`2022-12-15T13:29:35.120+08:00`).
fn check_upload_time(time: &str) -> Result<()> {
    let b = time.as_bytes();
    let digits = |range: std::ops::Range<usize>| {
        b.get(range)
            .is_some_and(|part| part.iter().all(u8::is_ascii_digit))
    };
    let shape = digits(0..4)
        && b.get(4) == Some(&b'-')
        && digits(5..7)
        && b.get(7) == Some(&b'-')
        && digits(8..10)
        && matches!(b.get(10), Some(b'T' | b't'))
        && digits(11..13)
        && b.get(13) == Some(&b':')
        && digits(14..16)
        && b.get(16) == Some(&b':')
        && digits(17..19);
    let zone = time.get(19..).unwrap_or_default();
    let zone = zone
        .strip_prefix('.')
        .map(|rest| rest.trim_start_matches(|c: char| c.is_ascii_digit()))
        .unwrap_or(zone);
    let z = zone.as_bytes();
    let zone_ok = matches!(zone, "Z" | "z")
        || (z.len() == 6
            && matches!(z[0], b'+' | b'-')
            && z[3] == b':'
            && z[1..3].iter().chain(&z[4..]).all(u8::is_ascii_digit));
    if !shape || !zone_ok {
        return Err(Error::invalid_input(format!(
            "upload_time {time:?} is not RFC 3339 (2022-12-15T13:29:35.120+08:00)"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unix_seconds_as_rfc3339() {
        assert_eq!(rfc3339_utc(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339_utc(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(rfc3339_utc(1_714_552_200), "2024-05-01T08:30:00Z");
        assert!(check_upload_time(&rfc3339_utc(now_unix())).is_ok());
    }

    #[test]
    fn upload_times() {
        for ok in [
            "2022-12-15T13:29:35.120+08:00",
            "2022-12-15T13:29:35+08:00",
            "2024-05-07T16:48:34Z",
        ] {
            assert!(check_upload_time(ok).is_ok(), "{ok}");
        }
        for bad in [
            "2024-12-29T11:18:45.035+0800",
            "2022-12-15 13:29:35",
            "2022-12-15T13:29:35",
            "",
            "2022-12-15T13:29:35.120+08:0é",
        ] {
            assert!(check_upload_time(bad).is_err(), "{bad}");
        }
    }
}
