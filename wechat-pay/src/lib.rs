//! WeChat Pay API v3 for Rust: the merchant's request signatures, the verification of every
//! answer and notification by the key its `Wechatpay-Serial` names (platform certificate or
//! WeChat Pay public key, both during a switch), AES-256-GCM decryption with the APIv3 key,
//! RSA-OAEP encryption of sensitive fields, amounts in integer fen and checked merchant numbers.
//!
//! This is the core the HTTP client, the typed endpoints and the notification route build on:
//! it does no I/O. Everything is checked when the [`MerchantConfig`] is built, so a bad key or
//! an expired certificate fails at start-up, not at the first payment. No key, APIv3 key or
//! signature ever appears in a `Display` or `Debug` output.
//!
//! ```
//! use wechat_pay::{Fen, MerchantConfig, OutTradeNo, SignatureHeaders};
//!
//! # let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/");
//! # let read = |name: &str| std::fs::read(format!("{dir}{name}")).unwrap();
//! let config = MerchantConfig::builder()
//!     .mchid("1900000109")
//!     .merchant_private_key_pem(read("merchant_key.pem"))   // apiclient_key.pem
//!     .merchant_certificate_pem(read("merchant_cert.pem"))  // apiclient_cert.pem: gives the serial
//!     .api_v3_key("wechatpayTestApiV3Key0123456789a")
//!     .platform_certificate_pem(read("platform_cert.pem"))
//!     .wechatpay_public_key_pem("PUB_KEY_ID_0114232134912410000000000000", read("pubkey.pem"))
//!     .build()?;
//!
//! // A request: sign it.
//! let body = serde_json::json!({
//!     "mchid": config.mchid(),
//!     "out_trade_no": OutTradeNo::new("1217752501201407033233368018")?,
//!     "amount": { "total": Fen::from_yuan_str("9.90")? },
//! })
//! .to_string();
//! let authorization = config.signer().authorization("POST", "/v3/pay/transactions/native", body.as_bytes())?;
//! assert!(authorization.starts_with("WECHATPAY2-SHA256-RSA2048 "));
//!
//! // An answer or a notification: verify it before reading it. (Here the test platform key
//! // stands in for WeChat Pay.)
//! let body = br#"{"code_url":"weixin://wxpay/bizpayurl?pr=JyC91EIz1"}"#;
//! let timestamp = std::time::SystemTime::now()
//!     .duration_since(std::time::UNIX_EPOCH).unwrap().as_secs().to_string();
//! # let platform = wechat_pay::SigningKey::from_pem(read("platform_key.pem"))?;
//! # let signature = platform.sign(&wechat_pay::answer_message(&timestamp, "d824f2e086d3c1df967785d13fcd22ef", body))?;
//! let headers = SignatureHeaders::from_fn(|name| match name {
//!     "Wechatpay-Timestamp" => Some(timestamp.as_str()),
//!     "Wechatpay-Nonce" => Some("d824f2e086d3c1df967785d13fcd22ef"),
//!     "Wechatpay-Signature" => Some(signature.as_str()),
//!     "Wechatpay-Serial" => Some("5157F09EFDC096DE15EBE81A47057A7232F1B8E1"),
//!     _ => None,
//! })?;
//! let by = config.verifier().verify(&headers, body)?;
//! assert_eq!(by.serial(), "5157F09EFDC096DE15EBE81A47057A7232F1B8E1");
//!
//! // One byte changed, and it is refused.
//! let err = config.verifier().verify(&headers, br#"{"code_url":"weixin://wxpay/bizpayurl?pr=JyC91EIz2"}"#);
//! assert!(matches!(err, Err(wechat_pay::Error::BadSignature { .. })));
//! # Ok::<(), wechat_pay::Error>(())
//! ```
//!
//! The modules, one concern each: `config` (the merchant configuration), `keys` (PEM keys),
//! `certificate` (X.509), `sign` (the `Authorization` of requests), `invoke` (the front end's
//! `paySign` and App `sign`), `verify` (what WeChat Pay signs), `crypto` (AES-256-GCM and
//! RSA-OAEP), `amount` (fen and merchant numbers), `error`.

#![warn(missing_docs)]

mod amount;
mod certificate;
mod config;
mod crypto;
mod error;
mod invoke;
mod keys;
mod sign;
mod verify;

pub use amount::{Fen, OutBillNo, OutRefundNo, OutTradeNo};
pub use certificate::Certificate;
pub use config::{MerchantConfig, MerchantConfigBuilder};
pub use crypto::{ApiV3Key, EncryptedResource, Encryptor, AEAD_AES_256_GCM};
pub use error::{ApiError, Error, Result};
pub use invoke::{AppPayParams, JsapiPayParams};
pub use keys::{SigningKey, VerifyingKey, WechatPayPublicKey};
pub use sign::{
    answer_message, nonce, request_message, Authorization, Signer, AUTHORIZATION_SCHEME,
};
pub use verify::{
    SignatureHeaders, VerifiedBy, Verifier, HEADER_NONCE, HEADER_REQUEST_ID, HEADER_SERIAL,
    HEADER_SIGNATURE, HEADER_SIGNATURE_TYPE, HEADER_TIMESTAMP, MAX_CLOCK_SKEW_SECS,
};

/// The prefix of a WeChat Pay public key id, as sent in `Wechatpay-Serial`.
///
/// ```
/// assert!("PUB_KEY_ID_0114232134912410000000000000".starts_with(wechat_pay::PUBLIC_KEY_ID_PREFIX));
/// ```
pub const PUBLIC_KEY_ID_PREFIX: &str = "PUB_KEY_ID_";

/// WeChat Pay's API host.
///
/// ```
/// assert_eq!(wechat_pay::API_BASE_URL, "https://api.mch.weixin.qq.com");
/// ```
pub const API_BASE_URL: &str = "https://api.mch.weixin.qq.com";

/// WeChat Pay's backup API host, for idempotent calls whose connection to the main host failed.
///
/// ```
/// assert_eq!(wechat_pay::API_BACKUP_BASE_URL, "https://api2.mch.weixin.qq.com");
/// ```
pub const API_BACKUP_BASE_URL: &str = "https://api2.mch.weixin.qq.com";
