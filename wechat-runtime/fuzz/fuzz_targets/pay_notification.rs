//! WeChat Pay notifications (`wechat_runtime::pay::PayClient::notification`): verify, decrypt,
//! type. From `wechat-runtime/`:
//!
//! ```text
//! cargo +nightly fuzz run pay_notification
//! ```
//!
//! The logic is in `src/pay_notification.rs`, shared with the `callback` test binary of the
//! workspace, which runs it on stable.

#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../src/pay_notification.rs"]
mod logic;

fuzz_target!(|data: &[u8]| {
    logic::pay_notification(data);
});
