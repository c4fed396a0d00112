//! Mini Program commerce and security APIs against a recording mock: shipping information
//! management (`/wxa/sec/order/*`), virtual payment (`/xpay/*`, signed), and the security and
//! login-state APIs. The exact request, a realistic answer, an errcode, and input rejected
//! before sending.
//!
//! One module per area; the ids and keys they share are here.

mod security;
mod shipping;
mod xpay;

/// The user of every call.
const OPENID: &str = "oUrsf0SoPGVLbQXNOFmyz2Tkb3QM";
/// The user's session key, as `jscode2session` gives it.
const SESSION_KEY: &str = "tiihtNczf5v6AKRyjwEUhQ==";
/// A WeChat Pay transaction id.
const TRANSACTION_ID: &str = "4200001858202306300646157659";
