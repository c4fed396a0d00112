//! The options set on authorizer accounts of third-party platforms
//! (`api_set_authorizer_option`).

use std::collections::HashMap;

/// The options set on authorizer accounts. Only authorized accounts get an entry, three
/// options each at most.
#[derive(Debug, Default)]
pub(crate) struct AuthorizerOptions {
    /// (authorizer appid, option name) -> value.
    pub(crate) values: HashMap<(String, &'static str), String>,
}
