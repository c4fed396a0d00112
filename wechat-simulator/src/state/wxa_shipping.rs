//! Mini Program shipping information management (`/wxa/sec/order/*`): the paid orders of each
//! app (added through the control API, as WeChat Pay would), how they shipped, and the app's
//! settings.

use std::collections::{BTreeMap, HashMap};

use serde_json::{json, Value};

use crate::{clock::unix_now, errcode, wx_error::WxError};

/// The most paid orders one app keeps; the oldest paid are dropped first.
const MAX_ORDERS_PER_APP: usize = 100_000;

/// Order states, as `order_state` numbers them.
pub(crate) const WAITING_SHIPMENT: u8 = 1;
pub(crate) const SHIPPED: u8 = 2;
pub(crate) const RECEIVED: u8 = 3;

/// How an order is named: by transaction id, or by merchant id and merchant order number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum OrderRef {
    TransactionId(String),
    TradeNo {
        merchant_id: String,
        trade_no: String,
    },
}

/// One package of a shipment.
#[derive(Debug, Clone)]
pub(crate) struct Package {
    pub(crate) tracking_no: String,
    pub(crate) express_company: String,
    pub(crate) item_desc: String,
}

/// A checked shipment of one order.
#[derive(Debug, Clone)]
pub(crate) struct Shipment {
    pub(crate) order: OrderRef,
    pub(crate) logistics_type: u8,
    pub(crate) delivery_mode: u8,
    /// Whether these packages finish the order (always for a unified delivery).
    pub(crate) finished: bool,
    pub(crate) packages: Vec<Package>,
}

#[derive(Debug, Clone)]
struct ShippingRecord {
    delivery_mode: u8,
    logistics_type: u8,
    finish_shipping: bool,
    finish_shipping_count: u32,
    upload_time: u64,
    packages: Vec<Package>,
}

/// A paid order.
#[derive(Debug, Clone)]
struct TradeOrder {
    transaction_id: String,
    merchant_id: String,
    merchant_trade_no: String,
    description: String,
    paid_amount: u64,
    openid: String,
    pay_time: u64,
    state: u8,
    shipping: Option<ShippingRecord>,
    /// Whether the one correction of a shipped order was used.
    reshipped: bool,
    /// Whether the receipt reminder was sent.
    reminded: bool,
    /// A special report (`opspecialorder`): 1 presale with its ship-by time, 2 a test order.
    special: Option<(u8, Option<u64>)>,
}

impl TradeOrder {
    fn to_json(&self) -> Value {
        let mut order = json!({
            "transaction_id": self.transaction_id,
            "merchant_id": self.merchant_id,
            "sub_merchant_id": "0",
            "merchant_trade_no": self.merchant_trade_no,
            "description": self.description,
            "paid_amount": self.paid_amount,
            "openid": self.openid,
            "trade_create_time": self.pay_time,
            "pay_time": self.pay_time,
            "in_complaint": false,
            "order_state": self.state,
        });
        if let Some(shipping) = &self.shipping {
            order["shipping"] = json!({
                "delivery_mode": shipping.delivery_mode,
                "logistics_type": shipping.logistics_type,
                "finish_shipping": shipping.finish_shipping,
                "finish_shipping_count": shipping.finish_shipping_count,
                "upload_scene": 2,
                "shipping_list": shipping.packages.iter().map(|package| json!({
                    "tracking_no": package.tracking_no,
                    "express_company": package.express_company,
                    "upload_time": shipping.upload_time,
                    "goods_desc": package.item_desc,
                })).collect::<Vec<_>>(),
            });
        }
        order
    }
}

/// One app's orders and settings.
#[derive(Debug, Default)]
struct AppTrade {
    /// transaction id -> order.
    orders: BTreeMap<String, TradeOrder>,
    /// (merchant id, merchant order number) -> transaction id.
    by_trade_no: HashMap<(String, String), String>,
    msg_jump_path: Option<String>,
    managed: bool,
    confirmation_completed: bool,
}

impl AppTrade {
    fn transaction_id(&self, order: &OrderRef) -> Result<String, WxError> {
        let id = match order {
            OrderRef::TransactionId(id) => Some(id.clone()),
            OrderRef::TradeNo {
                merchant_id,
                trade_no,
            } => self
                .by_trade_no
                .get(&(merchant_id.clone(), trade_no.clone()))
                .cloned(),
        };
        id.filter(|id| self.orders.contains_key(id))
            .ok_or_else(|| WxError::new(errcode::SHIPPING_ORDER_NOT_FOUND))
    }

    /// Whether `shipment` may be applied, and the transaction id it ships.
    fn check(&self, payer: &str, shipment: &Shipment) -> Result<String, WxError> {
        let id = self.transaction_id(&shipment.order)?;
        let order = &self.orders[&id];
        if order.openid != payer {
            return Err(WxError::new(errcode::INVALID_OPENID));
        }
        match order.state {
            WAITING_SHIPMENT => Ok(id),
            SHIPPED if !order.reshipped => Ok(id),
            SHIPPED => Err(WxError::new(errcode::SHIPPING_RESHIPPED)),
            _ => Err(WxError::new(errcode::SHIPPING_NOT_SHIPPABLE)),
        }
    }

    fn apply(&mut self, id: &str, shipment: &Shipment) {
        let Some(order) = self.orders.get_mut(id) else {
            return;
        };
        if order.state == SHIPPED {
            order.reshipped = true;
        }
        let count = order
            .shipping
            .as_ref()
            .map_or(0, |shipping| shipping.finish_shipping_count);
        order.shipping = Some(ShippingRecord {
            delivery_mode: shipment.delivery_mode,
            logistics_type: shipment.logistics_type,
            finish_shipping: shipment.finished,
            finish_shipping_count: count + u32::from(shipment.finished),
            upload_time: unix_now(),
            packages: shipment.packages.clone(),
        });
        if shipment.finished {
            order.state = SHIPPED;
        }
    }
}

/// What this area remembers, per app.
#[derive(Debug, Default)]
pub(crate) struct WxaShipping {
    apps: HashMap<String, AppTrade>,
    /// Numbers the transaction ids.
    serial: u64,
}

impl WxaShipping {
    fn app(&self, appid: &str) -> Option<&AppTrade> {
        self.apps.get(appid)
    }

    fn app_mut(&mut self, appid: &str) -> &mut AppTrade {
        self.apps.entry(appid.to_owned()).or_default()
    }

    /// A paid order of `appid`, waiting for its shipment; its transaction id.
    pub(crate) fn add_paid_order(
        &mut self,
        appid: &str,
        merchant_id: &str,
        merchant_trade_no: &str,
        openid: &str,
        paid_amount: u64,
        description: &str,
    ) -> String {
        let now = unix_now();
        self.serial += 1;
        let transaction_id = format!("4200{:010}{:014}", now % 10_000_000_000, self.serial);
        let app = self.app_mut(appid);
        if app.orders.len() >= MAX_ORDERS_PER_APP {
            let oldest = app
                .orders
                .values()
                .min_by_key(|order| order.pay_time)
                .map(|order| order.transaction_id.clone());
            if let Some(oldest) = oldest.and_then(|id| app.orders.remove(&id)) {
                app.by_trade_no
                    .remove(&(oldest.merchant_id, oldest.merchant_trade_no));
            }
        }
        app.by_trade_no.insert(
            (merchant_id.to_owned(), merchant_trade_no.to_owned()),
            transaction_id.clone(),
        );
        app.orders.insert(
            transaction_id.clone(),
            TradeOrder {
                transaction_id: transaction_id.clone(),
                merchant_id: merchant_id.to_owned(),
                merchant_trade_no: merchant_trade_no.to_owned(),
                description: description.chars().take(120).collect(),
                paid_amount,
                openid: openid.to_owned(),
                pay_time: now,
                state: WAITING_SHIPMENT,
                shipping: None,
                reshipped: false,
                reminded: false,
                special: None,
            },
        );
        transaction_id
    }

    /// Records `shipments` paid by `payer`, all or none: each order must be `payer`'s
    /// (40003), waiting for shipment or shipped without its correction used (10060003), not
    /// received or refunded (10060004).
    pub(crate) fn ship(
        &mut self,
        appid: &str,
        payer: &str,
        shipments: &[Shipment],
    ) -> Result<(), WxError> {
        let app = self
            .app(appid)
            .ok_or_else(|| WxError::new(errcode::SHIPPING_ORDER_NOT_FOUND))?;
        let ids = shipments
            .iter()
            .map(|shipment| app.check(payer, shipment))
            .collect::<Result<Vec<_>, _>>()?;
        let app = self.app_mut(appid);
        for (id, shipment) in ids.iter().zip(shipments) {
            app.apply(id, shipment);
        }
        Ok(())
    }

    /// `get_order`.
    pub(crate) fn order(&self, appid: &str, order: &OrderRef) -> Result<Value, WxError> {
        let app = self
            .app(appid)
            .ok_or_else(|| WxError::new(errcode::SHIPPING_ORDER_NOT_FOUND))?;
        let id = app.transaction_id(order)?;
        Ok(app.orders[&id].to_json())
    }

    /// `get_order_list`: the orders paid in `begin..=end`, in `state`, of `openid`, from
    /// position `start`, at most `size`: the page, the next position and whether there are more.
    pub(crate) fn orders(
        &self,
        appid: &str,
        filter: &OrderFilter<'_>,
        start: usize,
        size: usize,
    ) -> (Vec<Value>, usize, bool) {
        let Some(app) = self.app(appid) else {
            return (Vec::new(), start, false);
        };
        let mut matching: Vec<&TradeOrder> = app
            .orders
            .values()
            .filter(|order| (filter.begin..=filter.end).contains(&order.pay_time))
            .filter(|order| filter.state.is_none_or(|state| order.state == state))
            .filter(|order| filter.openid.is_none_or(|openid| order.openid == openid))
            .collect();
        matching
            .sort_by(|a, b| (a.pay_time, &a.transaction_id).cmp(&(b.pay_time, &b.transaction_id)));
        let page: Vec<Value> = matching
            .iter()
            .skip(start)
            .take(size)
            .map(|order| order.to_json())
            .collect();
        let next = start + page.len();
        (page, next, next < matching.len())
    }

    /// `notify_confirm_receive`: once per shipped express order (10060014), signed for after
    /// the shipment (10060029).
    pub(crate) fn remind(
        &mut self,
        appid: &str,
        order: &OrderRef,
        received_time: u64,
    ) -> Result<(), WxError> {
        let app = self
            .apps
            .get_mut(appid)
            .ok_or_else(|| WxError::new(errcode::SHIPPING_ORDER_NOT_FOUND))?;
        let id = app.transaction_id(order)?;
        let Some(order) = app.orders.get_mut(&id) else {
            return Err(WxError::new(errcode::SHIPPING_ORDER_NOT_FOUND));
        };
        let shipping = match &order.shipping {
            Some(shipping) if order.state == SHIPPED && shipping.logistics_type == 1 => shipping,
            _ => return Err(WxError::new(errcode::SHIPPING_INVALID_PARAMS)),
        };
        if order.reminded {
            return Err(WxError::new(errcode::SHIPPING_INVALID_PARAMS));
        }
        if received_time < shipping.upload_time {
            return Err(WxError::new(errcode::SHIPPING_RECEIVED_TIME_INVALID));
        }
        order.reminded = true;
        Ok(())
    }

    /// `opspecialorder`: an order waiting for shipment, named by transaction id or merchant
    /// order number (268546002), reported as presale (`kind` 1, shipping 15 to 330 days after
    /// payment: 268546001) or a test order (2); 268546000 for another kind.
    pub(crate) fn report_special(
        &mut self,
        appid: &str,
        order_id: &str,
        kind: u64,
        delay_to: Option<u64>,
    ) -> Result<(), WxError> {
        const DAY: u64 = 86_400;
        if !matches!(kind, 1 | 2) {
            return Err(WxError::new(errcode::SHIPPING_SPECIAL_INVALID_TYPE));
        }
        let order = self.apps.get_mut(appid).and_then(|app| {
            let id = app
                .by_trade_no
                .iter()
                .find(|((_, trade_no), _)| trade_no == order_id)
                .map_or(order_id.to_owned(), |(_, id)| id.clone());
            app.orders.get_mut(&id)
        });
        let Some(order) = order.filter(|order| order.state == WAITING_SHIPMENT) else {
            return Err(WxError::new(errcode::SHIPPING_SPECIAL_NO_ORDER));
        };
        if kind == 1 {
            let earliest = order.pay_time + 15 * DAY;
            let latest = order.pay_time + 330 * DAY;
            if !delay_to.is_some_and(|time| (earliest..=latest).contains(&time)) {
                return Err(WxError::new(errcode::SHIPPING_SPECIAL_INVALID_DELAY));
            }
        }
        order.special = Some((kind as u8, delay_to.filter(|_| kind == 1)));
        Ok(())
    }

    /// The user confirms receipt of a shipped order; whether it was shipped.
    pub(crate) fn confirm_received(&mut self, appid: &str, transaction_id: &str) -> bool {
        let order = self
            .apps
            .get_mut(appid)
            .and_then(|app| app.orders.get_mut(transaction_id));
        match order {
            Some(order) if order.state == SHIPPED => {
                order.state = RECEIVED;
                true
            }
            _ => false,
        }
    }

    /// `set_msg_jump_path`.
    pub(crate) fn set_msg_jump_path(&mut self, appid: &str, path: &str) {
        self.app_mut(appid).msg_jump_path = Some(path.to_owned());
    }

    /// The path `set_msg_jump_path` set last.
    pub(crate) fn msg_jump_path(&self, appid: &str) -> Option<String> {
        self.app(appid).and_then(|app| app.msg_jump_path.clone())
    }

    /// Sets whether `appid` is under shipping management, and has confirmed its settlement
    /// management.
    pub(crate) fn set_managed(&mut self, appid: &str, managed: bool, confirmation_completed: bool) {
        let app = self.app_mut(appid);
        app.managed = managed;
        app.confirmation_completed = confirmation_completed;
    }

    /// (`is_trade_managed`, `is_trade_management_confirmation_completed`) of `appid`.
    pub(crate) fn managed(&self, appid: &str) -> (bool, bool) {
        self.app(appid).map_or((false, false), |app| {
            (app.managed, app.confirmation_completed)
        })
    }

    /// The payer and pay time of a paid order, for `getpaidunionid`.
    pub(crate) fn payer(&self, appid: &str, order: &OrderRef) -> Option<(String, u64)> {
        let app = self.app(appid)?;
        let id = app.transaction_id(order).ok()?;
        app.orders
            .get(&id)
            .map(|order| (order.openid.clone(), order.pay_time))
    }
}

/// The filter of `get_order_list`.
#[derive(Debug, Clone)]
pub(crate) struct OrderFilter<'a> {
    pub(crate) begin: u64,
    pub(crate) end: u64,
    pub(crate) state: Option<u8>,
    pub(crate) openid: Option<&'a str>,
}
