//! Web OAuth and the JS-SDK.

use super::area;

area! {
    /// Web OAuth; from [`Client::oauth`](crate::Client::oauth).
    OAuthApi
}

area! {
    /// JS-SDK signatures; from [`Client::jssdk`](crate::Client::jssdk).
    JssdkApi
}
