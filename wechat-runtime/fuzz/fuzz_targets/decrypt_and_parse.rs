//! The decrypt-and-parse path of callbacks (`wechat_runtime::callback`). From `wechat-runtime/`:
//!
//! ```text
//! cargo +nightly fuzz run decrypt_and_parse
//! ```

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    wechat_runtime_fuzz::decrypt_and_parse(data);
});
