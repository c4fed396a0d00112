//! Mini Program virtual payment (`/xpay/*`): the user's token (代币) balance, paying with
//! tokens and cancelling that, presenting tokens, the cash orders of
//! `wx.requestVirtualPayment` (query, refund, delivery, bills), withdrawals of the income, and
//! the goods (道具) catalogue.
//!
//! Every call carries the payment signature `pay_sig`, made with the AppKey of the payment
//! environment (production or sandbox, each has its own AppKey on the Mini Program's admin
//! page); the calls that act for a user also carry the user signature `signature`, made with
//! the user's `session_key`. An [`XpayKey`] holds the AppKey with its environment: the calls
//! sign with it and send its `env`. Neither the AppKey nor a session key ever shows in
//! `Debug` or in an error. The signatures themselves are in [`sign`].
//!
//! ```no_run
//! use wechat_runtime::api::xpay::{XpayCurrencyPay, XpayKey, XpayOrderRef};
//! use wechat_runtime::{Client, Hub, MemoryStore, Secret};
//!
//! # async fn run() -> Result<(), wechat_runtime::Error> {
//! let hub = Hub::new(MemoryStore::new().with_app("wx0123456789abcdef", "the-appsecret"));
//! let client = Client::builder(hub).appid("wx0123456789abcdef").build()?;
//! let key = XpayKey::sandbox("the-sandbox-app-key");
//! let xpay = client.xpay(&key);
//!
//! // The session key jscode2session gave for the user.
//! let session_key = Secret::new("tiihtNczf5v6AKRyjwEUhQ==");
//! let openid = "oUrsf0SoPGVLbQXNOFmyz2Tkb3QM";
//! let balance = xpay.query_user_balance(openid, "203.0.113.7", &session_key).await?;
//! if balance.balance >= 10 {
//!     let paid = xpay
//!         .currency_pay(
//!             &XpayCurrencyPay::new(openid, "203.0.113.7", 10, "PAY20240501000001"),
//!             &session_key,
//!         )
//!         .await?;
//!     println!("{} tokens left", paid.balance);
//! }
//!
//! // A cash order paid through wx.requestVirtualPayment.
//! let order = xpay
//!     .query_order(openid, &XpayOrderRef::order_id("ORDER20240501000001"))
//!     .await?;
//! println!("{:?}, {} fen left to refund", order.status, order.left_fee);
//! # Ok(()) }
//! ```

mod currency;
mod merchant;
mod orders;
pub mod sign;

pub use currency::{
    XpayBalance, XpayCancelPay, XpayCurrencyPaid, XpayCurrencyPay, XpayPayItem, XpayPresented,
};
pub use merchant::{
    XpayGoodsTaskStatus, XpayGoodsUpload, XpayPublishTask, XpayPublishedGoods, XpayUploadTask,
    XpayUploadedGoods, XpayWithdrawCreated, XpayWithdrawStatus, XpayWithdrawal, MAX_GOODS_PER_TASK,
};
pub use orders::{
    XpayOrder, XpayOrderRef, XpayOrderStatus, XpayRefundOrder, XpayRefundReason, XpayRefundSource,
    XpayRefunded,
};

use std::fmt;

use reqwest::Method;
use serde::de::DeserializeOwned;
use serde::{Serialize, Serializer};

use super::{ApiCall, Area, Retry};
use crate::call::request::RequestBuilder;
use crate::call::transport::Response;
use crate::error::{Error, Result};
use crate::token::{Redacted, Secret};

/// The payment environment of a call: its `env`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum XpayEnv {
    /// The live environment (`0`): real money, WeChat's fees.
    Production,
    /// The sandbox (`1`), for tests.
    Sandbox,
}

impl XpayEnv {
    /// The number WeChat uses: 0 for production, 1 for the sandbox.
    pub fn code(self) -> u8 {
        match self {
            XpayEnv::Production => 0,
            XpayEnv::Sandbox => 1,
        }
    }
}

impl Serialize for XpayEnv {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serializer.serialize_u8(self.code())
    }
}

/// The AppKey of one payment environment, as the Mini Program's admin page shows it (the
/// production and the sandbox AppKeys differ). `Debug` never shows the key.
#[derive(Clone, PartialEq, Eq)]
pub struct XpayKey {
    app_key: Secret,
    env: XpayEnv,
}

impl XpayKey {
    /// The AppKey of the live environment.
    pub fn production(app_key: impl Into<Secret>) -> Self {
        XpayKey {
            app_key: app_key.into(),
            env: XpayEnv::Production,
        }
    }

    /// The AppKey of the sandbox.
    pub fn sandbox(app_key: impl Into<Secret>) -> Self {
        XpayKey {
            app_key: app_key.into(),
            env: XpayEnv::Sandbox,
        }
    }

    /// The environment the key belongs to; the calls send it as `env`.
    pub fn env(&self) -> XpayEnv {
        self.env
    }

    /// The payment signature of `body` sent to `uri`: [`sign::pay_sig`] with this key. For the
    /// front end's `wx.requestVirtualPayment`, `uri` is `requestVirtualPayment` and `body` the
    /// `signData` string.
    pub fn pay_sig(&self, uri: &str, body: &[u8]) -> String {
        sign::pay_sig(&self.app_key, uri, body)
    }
}

impl fmt::Debug for XpayKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("XpayKey")
            .field("app_key", &Redacted)
            .field("env", &self.env)
            .finish()
    }
}

/// Virtual payment APIs, signed with one [`XpayKey`]; from
/// [`Client::xpay`](crate::Client::xpay).
pub struct XpayApi<'c, K> {
    area: Area<'c, K>,
    key: &'c XpayKey,
}

impl<'c, K> XpayApi<'c, K> {
    pub(crate) fn new(area: Area<'c, K>, key: &'c XpayKey) -> Self {
        XpayApi { area, key }
    }
}

/// A request body with the key's `env` in front.
#[derive(Serialize)]
struct WithEnv<'a, T: Serialize> {
    env: XpayEnv,
    #[serde(flatten)]
    body: &'a T,
}

impl<'c, K: 'static> XpayApi<'c, K> {
    /// `POST path` with `body` serialized once, signed with `pay_sig` (and with the user's
    /// `signature` when a session key is given) over exactly the bytes sent.
    fn signed_request(
        &self,
        path: &'static str,
        body: &impl Serialize,
        session_key: Option<&Secret>,
        retry: Retry,
    ) -> Result<RequestBuilder<'static, K>> {
        let bytes = serde_json::to_vec(&WithEnv {
            env: self.key.env,
            body,
        })
        .map_err(|e| Error::invalid_input(format!("the body of {path} did not serialize: {e}")))?;
        let mut request = self
            .area
            .request(Method::POST, path)
            .query("pay_sig", self.key.pay_sig(path, &bytes));
        if let Some(session_key) = session_key {
            request = request.query("signature", sign::user_signature(session_key, &bytes));
        }
        Ok(request
            .body(bytes, "application/json")
            .idempotent(retry == Retry::Safe))
    }

    /// A signed call whose answer is `T`, once `checked` passed.
    fn signed<T: DeserializeOwned + Send + 'static>(
        &self,
        checked: Result<()>,
        path: &'static str,
        body: &impl Serialize,
        session_key: Option<&Secret>,
        retry: Retry,
    ) -> ApiCall<'static, T, K> {
        let request = checked.and_then(|()| self.signed_request(path, body, session_key, retry));
        self.area
            .checked(request, |request| self.area.call_json(request))
    }

    /// A signed call whose answer `decode` reads, once `checked` passed.
    fn signed_with<T>(
        &self,
        checked: Result<()>,
        path: &'static str,
        body: &impl Serialize,
        session_key: Option<&Secret>,
        retry: Retry,
        decode: fn(Response) -> Result<T>,
    ) -> ApiCall<'static, T, K> {
        let request = checked.and_then(|()| self.signed_request(path, body, session_key, retry));
        self.area
            .checked(request, |request| self.area.call(request, decode))
    }
}

/// Rejects an amount of zero.
fn check_positive(what: &str, value: u64) -> Result<()> {
    if value == 0 {
        return Err(Error::invalid_input(format!("{what} is 0")));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_never_shows() {
        let key = XpayKey::production("the-app-key-VALUE");
        let shown = format!("{key:?}");
        assert!(!shown.contains("the-app-key-VALUE"), "{shown}");
        assert!(shown.contains("Production"), "{shown}");
    }

    #[test]
    fn the_env_leads_the_body() {
        #[derive(Serialize)]
        struct Body {
            openid: &'static str,
        }
        let body = serde_json::to_string(&WithEnv {
            env: XpayEnv::Sandbox,
            body: &Body { openid: "o1" },
        })
        .unwrap();
        assert_eq!(body, r#"{"env":1,"openid":"o1"}"#);
    }
}
