//! An offline stand-in for the WeChat (Weixin) server API, listening on `127.0.0.1`.
//!
//! Every test of a WeChat application can run against a [`Simulator`] instead of
//! `https://api.weixin.qq.com`: it issues and validates tokens like WeChat (each
//! `/cgi-bin/token` call invalidates the previous token, `/cgi-bin/stable_token` reuses the live
//! one, authorizer refresh tokens rotate), answers the same errcodes (see [`errcode`]), records
//! every request, and can inject faults ([`Fault`]) such as HTTP 5xx, delays, dropped
//! connections or `errcode` -1.
//!
//! The crate also ships the `wechat-simulator` binary, for applications in any language.
//!
//! # Example
//!
//! ```
//! use wechat_simulator::{errcode, Fault, Simulator};
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let sim = Simulator::start().await?;
//! sim.add_app("wx1234567890abcdef", "app-secret");
//! let http = reqwest::Client::builder().no_proxy().build()?;
//!
//! let url = format!(
//!     "{}/cgi-bin/token?grant_type=client_credential&appid=wx1234567890abcdef&secret=app-secret",
//!     sim.base_url()
//! );
//! let body: serde_json::Value = http.get(&url).send().await?.json().await?;
//! assert_eq!(body["expires_in"], 7200);
//! let token = body["access_token"].as_str().unwrap();
//! assert_eq!(sim.current_access_token("wx1234567890abcdef").as_deref(), Some(token));
//!
//! // The next call to the token endpoint answers "system busy".
//! sim.inject_fault("/cgi-bin/token", Fault::SystemBusy, 1);
//! let body: serde_json::Value = http.get(&url).send().await?.json().await?;
//! assert_eq!(body["errcode"], errcode::SYSTEM_ERROR);
//! assert_eq!(sim.calls("/cgi-bin/token"), 2);
//! # Ok(())
//! # }
//! ```
//!
//! # Endpoints
//!
//! Every typed endpoint of `wechat-runtime` (the request rows of its `API_COVERAGE.md`; a test
//! walks them and fails on any that is not served), with answers shaped like WeChat's, state
//! where WeChat keeps state, and WeChat's errcodes (see [`errcode`]) for bad input. The token
//! endpoints behave as WeChat's do:
//!
//! | path | method | notes |
//! |---|---|---|
//! | `/cgi-bin/token` | GET | a new token per call; the previous one answers 40001 |
//! | `/cgi-bin/stable_token` | POST | reuses the live token unless `force_refresh` |
//! | `/cgi-bin/component/api_component_token` | POST | needs the latest or previous verify ticket |
//! | `/cgi-bin/component/api_authorizer_token` | POST | rotates `authorizer_refresh_token` |
//!
//! WeCom's (企业微信) API is served under `/qyapi` ([`Simulator::work_base_url`]):
//! `/cgi-bin/gettoken` hands out one token per app of a corp ([`Simulator::add_work_app`]),
//! the same one while it lives, and WeCom's paths answer WeCom's errcodes.
//!
//! Every API endpoint checks its `access_token` (or `component_access_token`) the same way:
//! missing 41001, malformed 40014, unknown, revoked or not the latest 40001, expired 42001.
//! Unknown paths answer HTTP 404 with errcode 40066; a wrong method answers 43001 / 43002.
//!
//! WeChat Pay API v3 is served under `/v3` on the same root ([`Simulator::pay_base_url`]), as a
//! sandbox: requests must carry the `Authorization` of a merchant registered with
//! [`Simulator::add_pay_merchant`] (401 `SIGN_ERROR` otherwise), every answer is signed with the
//! sandbox's test keys ([`Simulator::pay_platform`], [`PaySignMode`]), and orders, refunds,
//! transfer bills and profit sharing keep their state. [`Simulator::pay_transaction`] is the user
//! paying: the signed, encrypted `TRANSACTION.SUCCESS` goes to the order's `notify_url`, retried
//! on WeChat Pay's schedule as [`Simulator::advance_clock`] passes it.
//!
//! # Callbacks, time and the control API
//!
//! [`Simulator::push`] and [`Simulator::push_component`] (and for WeCom
//! [`Simulator::push_work`]) send what WeChat sends to an
//! application's callback URL ([`CallbackTarget`]), signed and, in safe mode, encrypted.
//! [`Simulator::advance_clock`] moves simulated time: tokens expire and components get their
//! verify tickets. The binary's control API under [`CONTROL_PREFIX`] does all of this over HTTP
//! for tests in any language (see the crate's README).

#![warn(missing_docs)]

mod api;
mod clock;
mod config;
mod control;
pub mod errcode;
mod faults;
mod ids;
mod pay;
mod push;
mod record;
mod server;
mod simulator;
mod state;
mod tokens;
mod work;
mod wx_error;

pub use config::{SimulatorConfig, DEFAULT_TOKEN_TTL};
pub use control::CONTROL_PREFIX;
pub use faults::Fault;
pub use push::{
    CallbackTarget, ComponentPush, Delivery, Push, PushError, PushRecord, WorkPush, PUSH_TIMEOUT,
};
pub use record::RecordedRequest;
pub use simulator::{PayMerchant, PayMerchantError, PayPlatform, Simulator};
pub use state::pay::{PayNotificationOutcome, PaySandboxError, PaySignMode, RefundOutcome};
