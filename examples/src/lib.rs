//! Runnable examples of wechat-rs; the programs are in `examples/`.
//!
//! This library also compiles every Rust snippet of the READMEs (the repository's and each
//! published crate's) as doc tests, so that what a new user copies from them builds.

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

/// `wechat-simulator`'s README.
#[cfg(doctest)]
#[doc = include_str!("../../wechat-simulator/README.md")]
pub struct SimulatorReadmeDoctests;

/// `wechat-hub`'s README (no Rust in it today; included so that any added later is checked).
#[cfg(doctest)]
#[doc = include_str!("../../wechat-hub/README.md")]
pub struct HubReadmeDoctests;
