//! One call, layer by layer, in the order it runs:
//!
//! 1. [`client`] and [`request`]: the client and the call builder, with its per-call overrides.
//! 2. [`credential`]: which token the path needs, read through the [`cache`] (single-flight)
//!    from the storage, seen through [`binding`]; the refresh-once-and-retry rule.
//! 3. [`transport`]: send with a timeout and bounded retries, then decode WeChat's answer.
//!
//! [`kind`] and [`shared`] hold what the layers share: the kind marker of a client and the
//! state its calls share.

pub(crate) mod binding;
pub(crate) mod cache;
pub(crate) mod client;
pub(crate) mod credential;
pub(crate) mod kind;
pub(crate) mod request;
pub(crate) mod shared;
pub(crate) mod transport;
