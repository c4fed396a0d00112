//! The signatures of the virtual payment and login-state APIs: HMAC-SHA256, written in lower-case
//! hex.
//!
//! - The **payment signature** `pay_sig` proves the request comes from the developer's server:
//!   HMAC-SHA256 keyed with the AppKey (of the environment the request names) over
//!   `uri + "&" + post_body`, where `uri` is the API path without its query
//!   (`/xpay/query_user_balance`). The front end's `wx.requestVirtualPayment` takes the same
//!   signature with `uri` `requestVirtualPayment` over its `signData`.
//! - The **user signature** `signature` proves the user's login state: HMAC-SHA256 keyed with
//!   the user's `session_key` (as the string `jscode2session` gave, not base64-decoded) over the
//!   post body, or over the empty string for the APIs that send no body (`checksession`,
//!   `getuserencryptkey`).
//!
//! ```
//! use wechat_runtime::api::xpay::sign::{pay_sig, user_signature};
//! use wechat_runtime::Secret;
//!
//! let body = br#"{"openid":"oUrsf0SoPGVLbQXNOFmyz2Tkb3QM","env":0,"user_ip":"127.0.0.1"}"#;
//! let pay_sig = pay_sig(&Secret::new("the-app-key"), "/xpay/query_user_balance", body);
//! let signature = user_signature(&Secret::new("tiihtNczf5v6AKRyjwEUhQ=="), body);
//! assert_eq!((pay_sig.len(), signature.len()), (64, 64));
//! ```

use ring::hmac;

use crate::token::Secret;

/// The payment signature `pay_sig` of a request to `uri` (the path without its query, e.g.
/// `/xpay/currency_pay`) whose body is `body`, keyed with the environment's `app_key`.
pub fn pay_sig(app_key: &Secret, uri: &str, body: &[u8]) -> String {
    let key = hmac::Key::new(hmac::HMAC_SHA256, app_key.expose().as_bytes());
    let mut context = hmac::Context::with_key(&key);
    context.update(uri.as_bytes());
    context.update(b"&");
    context.update(body);
    hex(context.sign().as_ref())
}

/// The user signature `signature` of `body` (empty for the APIs that send no body), keyed with
/// the user's `session_key`.
pub fn user_signature(session_key: &Secret, body: &[u8]) -> String {
    let key = hmac::Key::new(hmac::HMAC_SHA256, session_key.expose().as_bytes());
    hex(hmac::sign(&key, body).as_ref())
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        out.push(char::from(DIGITS[usize::from(byte >> 4)]));
        out.push(char::from(DIGITS[usize::from(byte & 0x0f)]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    // Each expected value was computed apart from this code, by OpenSSL, with the command above
    // it.

    #[test]
    fn user_signature_matches_wechat_s_example() {
        // WeChat's documented example of the login-state signature, and:
        // printf '%s' '{"foo":"bar"}' | openssl dgst -sha256 -hmac 'o0q0otL8aEzpcZL/FT9WsQ=='
        assert_eq!(
            user_signature(
                &Secret::new("o0q0otL8aEzpcZL/FT9WsQ=="),
                br#"{"foo":"bar"}"#
            ),
            "654571f79995b2ce1e149e53c0a33dc39c0a74090db514261454e8dbe432aa0b"
        );
    }

    #[test]
    fn user_signature_of_the_empty_body() {
        // printf '' | openssl dgst -sha256 -hmac 'tiihtNczf5v6AKRyjwEUhQ=='
        assert_eq!(
            user_signature(&Secret::new("tiihtNczf5v6AKRyjwEUhQ=="), b""),
            "7154f9f8b4b76b92f541cbf0e37d48840fa06e5e42da92a6f80168a1516a4735"
        );
    }

    #[test]
    fn pay_sig_signs_the_uri_and_the_body() {
        let body = br#"{"openid":"oUrsf0SoPGVLbQXNOFmyz2Tkb3QM","env":1,"user_ip":"127.0.0.1"}"#;
        // B='{"openid":"oUrsf0SoPGVLbQXNOFmyz2Tkb3QM","env":1,"user_ip":"127.0.0.1"}'
        // printf '%s' "/xpay/query_user_balance&$B" \
        //   | openssl dgst -sha256 -hmac 'the-app-key-SANDBOX'
        assert_eq!(
            pay_sig(
                &Secret::new("the-app-key-SANDBOX"),
                "/xpay/query_user_balance",
                body
            ),
            "a3b07042bec60a0bdf0a49e98b0e29aaad741b5bde46613ff2c5d3f27f4a01ed"
        );
        // printf '%s' '{"openid":"oUrsf0SoPGVLbQXNOFmyz2Tkb3QM","env":1,"user_ip":"127.0.0.1"}' \
        //   | openssl dgst -sha256 -hmac 'tiihtNczf5v6AKRyjwEUhQ=='
        assert_eq!(
            user_signature(&Secret::new("tiihtNczf5v6AKRyjwEUhQ=="), body),
            "22c56e2ff85e25703e9a46e2cc523bfa3311f91a2c324791c08088561eba5951"
        );
    }
}
