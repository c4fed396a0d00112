//! Nothing but the compile-fail cases of `#[wechat_client]`: see `compile_fail.rs`.
