//! WeChat Pay API v3 (feature `pay`): [`PayClient`] signs every request with the merchant key,
//! verifies every answer by the key its `Wechatpay-Serial` names before decoding it, and offers
//! the typed payments, refunds, bills, transfers and profit sharing; [`notify`] verifies, then
//! decrypts, WeChat Pay's notifications.
//!
//! The keys, signatures and amounts come from the `wechat-pay` crate, re-exported here
//! ([`MerchantConfig`], [`Fen`], [`OutTradeNo`], [`Signer`], …); its [`Error`] (`pay::Error`)
//! arrives inside [`crate::Error::Pay`].
//!
//! The flow of one call: the typed area (`transactions`, `refunds`, …) builds a
//! [`PayRequest`] (`request`); `sender` signs it and sends it through the crate's one transport
//! (the timeouts and bounded retries of idempotent calls that every caller of the crate has),
//! on the backup domain too when the main one cannot be reached; `certificates` finds the key
//! that verifies the answer, fetching `/v3/certificates` once when a serial is new. `client`
//! ties them together for one merchant.
//!
//! ```no_run
//! use wechat_runtime::pay::{Fen, MerchantConfig, OutTradeNo, PayClient};
//!
//! # async fn run() -> Result<(), wechat_runtime::Error> {
//! let config = MerchantConfig::builder()
//!     .mchid("1900000109")
//!     .merchant_private_key_pem(std::fs::read("apiclient_key.pem").unwrap())
//!     .merchant_certificate_pem(std::fs::read("apiclient_cert.pem").unwrap())
//!     .api_v3_key(std::env::var("WECHATPAY_APIV3_KEY").unwrap())
//!     .wechatpay_public_key_pem("PUB_KEY_ID_0114232134912410000000000000", std::fs::read("pub_key.pem").unwrap())
//!     .build()?;
//! let pay = PayClient::builder(config).build()?;
//!
//! // Any v3 path, signed and verified like the typed ones.
//! let order: serde_json::Value = pay
//!     .request(wechat_runtime::Method::GET, "/v3/pay/transactions/out-trade-no/1217752501201407033233368018")
//!     .query(&[("mchid", "1900000109")])
//!     .send_json()
//!     .await?;
//! println!("{}", order["trade_state"]);
//! # Ok(()) }
//! ```

pub mod bills;
mod certificates;
mod client;
pub mod notify;
mod path;
pub mod profit_sharing;
pub mod refunds;
mod request;
mod sender;
pub mod transactions;
pub mod transfers;
mod wire;

pub use self::client::{PayClient, PayClientBuilder};
pub use self::request::{PayRequest, PayResponse};
pub use wechat_pay::*;
