//! Runnable examples of wechat-rs; the programs are in `examples/`.
//!
//! This library also compiles every Rust snippet of the READMEs (the repository's and each
//! published crate's) as doc tests, so that what a new user copies from them builds.

/// Prints the SDK's logs as `RUST_LOG` asks (`RUST_LOG=wechat_runtime=debug` shows each call's
/// path, appid, attempts, duration and errcode; never a token or secret), warnings only unless
/// set.
///
/// ```no_run
/// wechat_examples::init_logs();
/// ```
pub fn init_logs() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    // An example run twice in one process (tests) keeps the first subscriber.
    let _ = tracing_subscriber::fmt().with_env_filter(filter).try_init();
}

/// The repository's README.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;

/// `wechat-runtime`'s README.
#[cfg(doctest)]
#[doc = include_str!("../../wechat-runtime/README.md")]
pub struct RuntimeReadmeDoctests;

/// `wechat-macros`' README.
#[cfg(doctest)]
#[doc = include_str!("../../wechat-macros/README.md")]
pub struct MacrosReadmeDoctests;

/// The docs of `#[wechat_client]` (in `wechat-macros`, which cannot depend on the runtime its
/// examples need).
#[cfg(doctest)]
#[doc = include_str!("../../wechat-macros/src/wechat_client.md")]
pub struct WechatClientDoctests;

/// `wechat-simulator`'s README.
#[cfg(doctest)]
#[doc = include_str!("../../wechat-simulator/README.md")]
pub struct SimulatorReadmeDoctests;

/// `wechat-hub`'s README (no Rust in it today; included so that any added later is checked).
#[cfg(doctest)]
#[doc = include_str!("../../wechat-hub/README.md")]
pub struct HubReadmeDoctests;
