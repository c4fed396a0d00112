//! The open platform managing authorizers' Mini Programs, against a recording mock: the exact
//! request with the right token (the authorizer's, the platform's as `access_token` for code
//! templates, `component_access_token` for fast registration), a realistic answer, an errcode,
//! and the input rejected before anything is sent.
//!
//! - `code`: code templates, code upload, audits, releases and rollbacks.
//! - `account`: domains, testers, categories, basic information, privacy guides, fast
//!   registration.

mod account;
mod code;

/// The query of a call made with the authorizer's token.
fn authorizer() -> [(&'static str, &'static str); 1] {
    [("access_token", crate::common::api::ACCESS_TOKEN)]
}

fn ok_answer() -> serde_json::Value {
    serde_json::json!({"errcode": 0, "errmsg": "ok"})
}
