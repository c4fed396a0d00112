//! Payments: `pay.transactions()`, to prepay an order (JSAPI and Mini Program, App, H5,
//! Native), query it by WeChat Pay's `transaction_id` or the merchant's `out_trade_no`, and
//! close it.
//!
//! A prepay answers what the front end needs to start the payment: a `prepay_id` (JSAPI, Mini
//! Program and App, which then sign the invocation with [`PayClient::jsapi_params`] or
//! [`PayClient::app_params`]), an `h5_url` (H5) or a `code_url` to show as a QR code (Native).
//!
//! ```no_run
//! # async fn run(pay: wechat_runtime::pay::PayClient) -> Result<(), wechat_runtime::Error> {
//! use wechat_runtime::pay::transactions::{JsapiOrder, PrepayOrder, TradeState};
//! use wechat_runtime::pay::{Fen, OutTradeNo};
//!
//! let out_trade_no = OutTradeNo::new("1217752501201407033233368018")?;
//! let order = PrepayOrder::new(
//!     "wxd678efh567hg6787",
//!     "Image形象店-深圳腾大-QQ公仔",
//!     out_trade_no.clone(),
//!     "https://example.com/pay/notify",
//!     Fen::from_yuan_str("0.01")?,
//! );
//! let prepay_id = pay
//!     .transactions()
//!     .jsapi(&JsapiOrder::new(order, "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"))
//!     .await?;
//! // What the Mini Program passes to wx.requestPayment.
//! let params = pay.jsapi_params("wxd678efh567hg6787", &prepay_id)?;
//!
//! // Later: did the user pay?
//! let transaction = pay.transactions().by_out_trade_no(&out_trade_no).await?;
//! if transaction.trade_state == TradeState::NotPay {
//!     pay.transactions().close(&out_trade_no).await?;
//! }
//! # Ok(()) }
//! ```

mod detail;
mod order;
mod transaction;

use reqwest::Method;
use serde::{Deserialize, Serialize};
use wechat_pay::OutTradeNo;

pub use self::detail::{GoodsDetail, H5Info, H5Type, OrderDetail, SceneInfo, StoreInfo};
use self::order::PrepayBody;
pub use self::order::{H5Order, JsapiOrder, PrepayOrder};
pub use self::transaction::{
    PromotionDetail, PromotionGoods, TradeState, TradeType, Transaction, TransactionAmount,
    TransactionPayer, TransactionScene,
};
use super::client::PayClient;
use super::path;
use crate::error::Result;

/// Payments; from [`PayClient::transactions`].
///
/// ```no_run
/// # async fn run(pay: wechat_runtime::pay::PayClient) -> Result<(), wechat_runtime::Error> {
/// let transaction = pay.transactions().by_transaction_id("4200000991202103266853086457").await?;
/// println!("{}", transaction.trade_state);
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Transactions<'a> {
    pay: &'a PayClient,
}

impl PayClient {
    /// Payments: prepay, query, close.
    ///
    /// ```no_run
    /// # async fn run(pay: wechat_runtime::pay::PayClient) -> Result<(), wechat_runtime::Error> {
    /// let transaction = pay.transactions().by_out_trade_no(&"1217752501201407033233368018".parse()?).await?;
    /// # Ok(()) }
    /// ```
    pub fn transactions(&self) -> Transactions<'_> {
        Transactions { pay: self }
    }
}

#[derive(Deserialize)]
struct PrepayIdAnswer {
    prepay_id: String,
}

#[derive(Deserialize)]
struct H5UrlAnswer {
    h5_url: String,
}

#[derive(Deserialize)]
struct CodeUrlAnswer {
    code_url: String,
}

#[derive(Serialize)]
struct MchidQuery<'a> {
    mchid: &'a str,
}

impl Transactions<'_> {
    /// Prepays a JSAPI (Official Account) or Mini Program order:
    /// `POST /v3/pay/transactions/jsapi`. Answers the `prepay_id`, valid for two hours; sign
    /// the front end's `wx.requestPayment` arguments with [`PayClient::jsapi_params`].
    ///
    /// Resent on a transient failure: WeChat Pay keys the order by its `out_trade_no`, so a
    /// second prepay makes no second order (it answers the order's prepay, or
    /// `OUT_TRADE_NO_USED` when the order changed).
    ///
    /// ```no_run
    /// # async fn run(pay: wechat_runtime::pay::PayClient, order: wechat_runtime::pay::transactions::PrepayOrder) -> Result<(), wechat_runtime::Error> {
    /// use wechat_runtime::pay::transactions::JsapiOrder;
    ///
    /// let prepay_id = pay.transactions().jsapi(&JsapiOrder::new(order, "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o")).await?;
    /// # Ok(()) }
    /// ```
    pub async fn jsapi(&self, order: &JsapiOrder) -> Result<String> {
        order.check()?;
        let body = PrepayBody::jsapi(self.pay.mchid(), order);
        let answer: PrepayIdAnswer = self.prepay("/v3/pay/transactions/jsapi", &body).await?;
        Ok(answer.prepay_id)
    }

    /// Prepays an App order: `POST /v3/pay/transactions/app`. Answers the `prepay_id`; sign
    /// the App SDK's arguments with [`PayClient::app_params`]. Resent on a transient failure,
    /// like [`jsapi`](Transactions::jsapi).
    ///
    /// ```no_run
    /// # async fn run(pay: wechat_runtime::pay::PayClient, order: wechat_runtime::pay::transactions::PrepayOrder) -> Result<(), wechat_runtime::Error> {
    /// let prepay_id = pay.transactions().app(&order).await?;
    /// let params = pay.app_params(&order.appid, &prepay_id)?;
    /// # Ok(()) }
    /// ```
    pub async fn app(&self, order: &PrepayOrder) -> Result<String> {
        order.check()?;
        let body = PrepayBody::new(self.pay.mchid(), order);
        let answer: PrepayIdAnswer = self.prepay("/v3/pay/transactions/app", &body).await?;
        Ok(answer.prepay_id)
    }

    /// Prepays an H5 order (a mobile browser outside WeChat): `POST /v3/pay/transactions/h5`.
    /// Answers the `h5_url` the browser is sent to (valid for five minutes). Resent on a
    /// transient failure, like [`jsapi`](Transactions::jsapi).
    ///
    /// ```no_run
    /// # async fn run(pay: wechat_runtime::pay::PayClient, order: wechat_runtime::pay::transactions::PrepayOrder) -> Result<(), wechat_runtime::Error> {
    /// use wechat_runtime::pay::transactions::{H5Info, H5Order, H5Type, SceneInfo};
    ///
    /// let h5 = H5Order::new(order, SceneInfo::new("14.23.150.211"), H5Info::new(H5Type::Wap));
    /// let h5_url = pay.transactions().h5(&h5).await?;
    /// # Ok(()) }
    /// ```
    pub async fn h5(&self, order: &H5Order) -> Result<String> {
        order.check()?;
        let body = PrepayBody::h5(self.pay.mchid(), order);
        let answer: H5UrlAnswer = self.prepay("/v3/pay/transactions/h5", &body).await?;
        Ok(answer.h5_url)
    }

    /// Prepays a Native order (the user scans a QR code): `POST /v3/pay/transactions/native`.
    /// Answers the `code_url` to show as a QR code. Resent on a transient failure, like
    /// [`jsapi`](Transactions::jsapi).
    ///
    /// ```no_run
    /// # async fn run(pay: wechat_runtime::pay::PayClient, order: wechat_runtime::pay::transactions::PrepayOrder) -> Result<(), wechat_runtime::Error> {
    /// let code_url = pay.transactions().native(&order).await?;
    /// assert!(code_url.starts_with("weixin://"));
    /// # Ok(()) }
    /// ```
    pub async fn native(&self, order: &PrepayOrder) -> Result<String> {
        order.check()?;
        let body = PrepayBody::new(self.pay.mchid(), order);
        let answer: CodeUrlAnswer = self.prepay("/v3/pay/transactions/native", &body).await?;
        Ok(answer.code_url)
    }

    async fn prepay<R: serde::de::DeserializeOwned>(
        &self,
        path: &str,
        body: &PrepayBody<'_>,
    ) -> Result<R> {
        self.pay
            .request(Method::POST, path)
            .json(body)
            // out_trade_no is unique per merchant ("同一个商户号下唯一"), and WeChat Pay's recovery
            // for SYSTEM_ERROR is the same call with the same parameters: no second order.
            .idempotent(true)
            .send_json()
            .await
    }

    /// A transaction by WeChat Pay's order number:
    /// `GET /v3/pay/transactions/id/{transaction_id}?mchid=…`.
    ///
    /// ```no_run
    /// # async fn run(pay: wechat_runtime::pay::PayClient) -> Result<(), wechat_runtime::Error> {
    /// let transaction = pay.transactions().by_transaction_id("4200000991202103266853086457").await?;
    /// # Ok(()) }
    /// ```
    pub async fn by_transaction_id(&self, transaction_id: &str) -> Result<Transaction> {
        let path = format!(
            "/v3/pay/transactions/id/{}",
            path::segment("transaction_id", transaction_id)?
        );
        self.pay
            .request(Method::GET, &path)
            .query(&MchidQuery {
                mchid: self.pay.mchid(),
            })
            .send_json()
            .await
    }

    /// A transaction by the merchant's order number:
    /// `GET /v3/pay/transactions/out-trade-no/{out_trade_no}?mchid=…`.
    ///
    /// ```no_run
    /// # async fn run(pay: wechat_runtime::pay::PayClient) -> Result<(), wechat_runtime::Error> {
    /// let transaction = pay.transactions().by_out_trade_no(&"1217752501201407033233368018".parse()?).await?;
    /// # Ok(()) }
    /// ```
    pub async fn by_out_trade_no(&self, out_trade_no: &OutTradeNo) -> Result<Transaction> {
        // `|` and `*` are allowed in an out_trade_no and must be escaped in a path.
        let path = format!(
            "/v3/pay/transactions/out-trade-no/{}",
            path::escape(out_trade_no.as_str())
        );
        self.pay
            .request(Method::GET, &path)
            .query(&MchidQuery {
                mchid: self.pay.mchid(),
            })
            .send_json()
            .await
    }

    /// Closes an unpaid order, so that it can no longer be paid:
    /// `POST /v3/pay/transactions/out-trade-no/{out_trade_no}/close` (WeChat Pay answers 204).
    ///
    /// ```no_run
    /// # async fn run(pay: wechat_runtime::pay::PayClient) -> Result<(), wechat_runtime::Error> {
    /// pay.transactions().close(&"1217752501201407033233368018".parse()?).await?;
    /// # Ok(()) }
    /// ```
    pub async fn close(&self, out_trade_no: &OutTradeNo) -> Result<()> {
        let path = format!(
            "/v3/pay/transactions/out-trade-no/{}/close",
            path::escape(out_trade_no.as_str())
        );
        self.pay
            .request(Method::POST, &path)
            .json(&MchidQuery {
                mchid: self.pay.mchid(),
            })
            // Closing a closed order answers 204 again, and WeChat Pay's recovery for a failed
            // close is the same call with the same parameters.
            .idempotent(true)
            .send()
            .await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wechat_pay::Fen;

    fn order() -> PrepayOrder {
        PrepayOrder::new(
            "wxd678efh567hg6787",
            "QQ公仔",
            OutTradeNo::new("T20240001").unwrap(),
            "https://example.com/notify",
            Fen::new(100),
        )
    }

    #[test]
    fn orders_are_checked() {
        assert!(order().check().is_ok());
        let mut empty = order();
        empty.description = " ".into();
        assert!(empty
            .check()
            .unwrap_err()
            .to_string()
            .contains("description"));
        let mut long = order();
        long.description = "商".repeat(128);
        assert!(long.check().unwrap_err().to_string().contains("128"));
        let mut zero = order();
        zero.total = Fen::ZERO;
        assert!(zero.check().unwrap_err().to_string().contains("0 fen"));
        assert!(JsapiOrder::new(order(), "").check().is_err());
        let h5 = H5Order::new(order(), SceneInfo::new(""), H5Info::new(H5Type::Wap));
        assert!(h5
            .check()
            .unwrap_err()
            .to_string()
            .contains("payer_client_ip"));
    }

    #[test]
    fn bodies() {
        let jsapi = JsapiOrder::new(order().profit_sharing(false), "o1");
        assert_eq!(
            serde_json::to_value(PrepayBody::jsapi("1900000109", &jsapi)).unwrap(),
            serde_json::json!({
                "appid": "wxd678efh567hg6787", "mchid": "1900000109", "description": "QQ公仔",
                "out_trade_no": "T20240001", "notify_url": "https://example.com/notify",
                "amount": { "total": 100, "currency": "CNY" }, "payer": { "openid": "o1" },
                "settle_info": { "profit_sharing": false },
            })
        );
        let h5 = H5Order::new(
            order(),
            SceneInfo::new("14.23.150.211").device_id("d1"),
            H5Info::new(H5Type::Ios).bundle_id("com.example"),
        );
        assert_eq!(
            serde_json::to_value(PrepayBody::h5("1900000109", &h5)).unwrap()["scene_info"],
            serde_json::json!({
                "payer_client_ip": "14.23.150.211", "device_id": "d1",
                "h5_info": { "type": "iOS", "bundle_id": "com.example" },
            })
        );
    }

    #[test]
    fn paths_are_escaped() {}
}
