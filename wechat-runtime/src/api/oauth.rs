//! Web OAuth (`snsapi_base`, `snsapi_userinfo`) and the JS-SDK signatures.
//!
//! Web OAuth runs in three steps: send the user to [`AuthorizeUrl`], exchange the `code`
//! WeChat sends back to the redirect URI for the user's own token with
//! [`OAuthApi::access_token`], then read the user's profile with [`OAuthApi::user_info`]. The
//! user's token is not the application's `access_token`: it is handed to you, and you keep it.
//!
//! ```no_run
//! use wechat_runtime::api::oauth::{Lang, Scope};
//! use wechat_runtime::{Client, Hub, MemoryStore, Secret};
//!
//! # async fn run() -> Result<(), wechat_runtime::Error> {
//! let hub = Hub::new(MemoryStore::new().with_app("wx0123456789abcdef", "the-appsecret"));
//! let client = Client::builder(hub).appid("wx0123456789abcdef").build()?;
//!
//! // 1. Where to send the user.
//! let url = client
//!     .oauth()
//!     .authorize_url("https://example.com/callback", Scope::Userinfo, "xyz123")
//!     .build()?;
//! # let _ = url;
//! // 2. The code WeChat sent to https://example.com/callback?code=...&state=xyz123
//! let secret = Secret::new("the-appsecret");
//! let token = client.oauth().access_token("CODE", &secret).await?;
//! // 3. The user's profile, with the user's token.
//! let user = client
//!     .oauth()
//!     .user_info(&token.access_token, &token.openid, Lang::ZhCn)
//!     .await?;
//! println!("{} ({})", user.nickname, user.openid);
//!
//! // The JS-SDK `wx.config` of a page, signed with the cached jsapi ticket.
//! let config = client.jssdk().config("https://example.com/page?id=1#top").await?;
//! println!("{} {} {}", config.timestamp, config.nonce_str, config.signature);
//! # Ok(()) }
//! ```

use std::fmt;

use reqwest::Method;
use serde::{Deserialize, Serialize};
use sha1::{Digest, Sha1};

use super::{check_all_present, check_present, ok, ApiCall, Area};
use crate::call::shared::{require_appid, ClientCore};
use crate::error::{Error, Result};
use crate::token::{now_unix, Redacted, Secret, Ticket, TicketType};

/// Web OAuth; from [`Client::oauth`](crate::Client::oauth).
pub struct OAuthApi<'c, K>(pub(crate) Area<'c, K>);

/// JS-SDK signatures; from [`Client::jssdk`](crate::Client::jssdk).
pub struct JssdkApi<'c, K>(pub(crate) Area<'c, K>);

/// The page users are sent to, to authorize an application.
pub const AUTHORIZE_URL: &str = "https://open.weixin.qq.com/connect/oauth2/authorize";

/// The longest `state` WeChat takes, in characters of `[a-zA-Z0-9]`.
pub const MAX_STATE_LEN: usize = 128;

/// What the application asks the user for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub enum Scope {
    /// `snsapi_base`: the openid only, silently, without an authorization page.
    #[serde(rename = "snsapi_base")]
    Base,
    /// `snsapi_userinfo`: the profile (nickname, avatar), after the user agrees.
    #[serde(rename = "snsapi_userinfo")]
    Userinfo,
}

impl Scope {
    /// The name WeChat uses: `snsapi_base` or `snsapi_userinfo`.
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Base => "snsapi_base",
            Scope::Userinfo => "snsapi_userinfo",
        }
    }
}

impl fmt::Display for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

pub use super::Lang;

/// The URL of WeChat's authorization page (web OAuth):
/// `https://open.weixin.qq.com/connect/oauth2/authorize?appid=..&redirect_uri=..&response_type=code&scope=..&state=..#wechat_redirect`,
/// with `&component_appid=..` before the fragment when a third-party platform authorizes for
/// an Official Account.
///
/// Building it sends nothing. [`build`](AuthorizeUrl::build) checks the input: an `http(s)`
/// redirect URI, and a `state` of 1 to 128 characters of `[a-zA-Z0-9]`. The state is required
/// here although WeChat calls it optional: it is what protects the callback from cross-site
/// request forgery, so check it when the user comes back.
#[derive(Debug, Clone, PartialEq, Eq)]
#[must_use]
pub struct AuthorizeUrl {
    appid: Option<String>,
    redirect_uri: String,
    scope: Scope,
    state: String,
    component_appid: Option<String>,
}

impl AuthorizeUrl {
    /// The authorization URL of `appid`.
    pub fn new(
        appid: impl Into<String>,
        redirect_uri: impl Into<String>,
        scope: Scope,
        state: impl Into<String>,
    ) -> Self {
        AuthorizeUrl {
            appid: Some(appid.into()),
            redirect_uri: redirect_uri.into(),
            scope,
            state: state.into(),
            component_appid: None,
        }
    }

    pub(crate) fn with_appid(
        appid: Option<String>,
        redirect_uri: &str,
        scope: Scope,
        state: &str,
    ) -> Self {
        AuthorizeUrl {
            appid,
            redirect_uri: redirect_uri.to_owned(),
            scope,
            state: state.to_owned(),
            component_appid: None,
        }
    }

    /// Another appid than the client's.
    pub fn appid(mut self, appid: impl Into<String>) -> Self {
        self.appid = Some(appid.into());
        self
    }

    /// A third-party platform authorizing for the Official Account `appid` (component web
    /// OAuth): adds `component_appid`.
    pub fn component_appid(mut self, component_appid: impl Into<String>) -> Self {
        self.component_appid = Some(component_appid.into());
        self
    }

    /// The URL, with the redirect URI URL-encoded.
    pub fn build(&self) -> Result<String> {
        let appid = require_appid(self.appid.as_deref())?;
        check_redirect_uri(&self.redirect_uri)?;
        check_state(&self.state)?;
        let mut url = format!(
            "{AUTHORIZE_URL}?appid={}&redirect_uri={}&response_type=code&scope={}&state={}",
            encode(appid),
            encode(&self.redirect_uri),
            self.scope,
            self.state
        );
        if let Some(component_appid) = &self.component_appid {
            check_present("component_appid", component_appid)?;
            url.push_str("&component_appid=");
            url.push_str(&encode(component_appid));
        }
        url.push_str("#wechat_redirect");
        Ok(url)
    }
}

/// URL-encodes a query value (`:` and `/` included).
pub(crate) fn encode(value: &str) -> String {
    url::form_urlencoded::byte_serialize(value.as_bytes()).collect()
}

/// Rejects a redirect URI that is not an absolute `http` or `https` URL.
pub(crate) fn check_redirect_uri(redirect_uri: &str) -> Result<()> {
    check_present("redirect_uri", redirect_uri)?;
    match url::Url::parse(redirect_uri) {
        Ok(url) if matches!(url.scheme(), "http" | "https") => Ok(()),
        _ => Err(Error::invalid_input(
            "redirect_uri must be an absolute http or https URL",
        )),
    }
}

/// Rejects a `state` WeChat would refuse: empty, over 128 characters, or not `[a-zA-Z0-9]`.
pub fn check_state(state: &str) -> Result<()> {
    if state.is_empty() {
        return Err(Error::invalid_input("state is empty"));
    }
    if state.len() > MAX_STATE_LEN {
        return Err(Error::invalid_input(format!(
            "state has {} characters; WeChat takes at most {MAX_STATE_LEN}",
            state.chars().count()
        )));
    }
    if !state.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Err(Error::invalid_input(
            "state may only hold the characters a-z, A-Z and 0-9",
        ));
    }
    Ok(())
}

/// A user's web OAuth token, from a `code` or a refresh.
///
/// This is the user's token, for [`OAuthApi::user_info`] and [`OAuthApi::check_token`], not
/// the application's. `Debug` shows neither the token nor the refresh token.
#[derive(Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct OAuthToken {
    /// The user's access token.
    pub access_token: String,
    /// Its lifetime in seconds (7200).
    #[serde(default)]
    pub expires_in: u64,
    /// The refresh token, valid 30 days.
    #[serde(default)]
    pub refresh_token: String,
    /// The user's openid under this application.
    pub openid: String,
    /// The scopes the user granted, comma-separated (`snsapi_base`, `snsapi_userinfo`).
    #[serde(default)]
    pub scope: String,
    /// The user's unionid, for applications bound to an open platform account, with
    /// `snsapi_userinfo`.
    #[serde(default)]
    pub unionid: Option<String>,
    /// `Some(1)` for a virtual account of the snapshot-page mode: the user has not really
    /// authorized, and no profile is available.
    #[serde(default)]
    pub is_snapshotuser: Option<u8>,
}

impl fmt::Debug for OAuthToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OAuthToken")
            .field("access_token", &Redacted)
            .field("expires_in", &self.expires_in)
            .field("refresh_token", &Redacted)
            .field("openid", &self.openid)
            .field("scope", &self.scope)
            .field("unionid", &self.unionid)
            .field("is_snapshotuser", &self.is_snapshotuser)
            .finish()
    }
}

/// A user's profile, read with the user's own token (`snsapi_userinfo`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct OAuthUser {
    /// The user's openid.
    pub openid: String,
    /// The nickname.
    #[serde(default)]
    pub nickname: String,
    /// 1 male, 2 female, 0 unknown (WeChat now sends 0). Older answers send it as a string
    /// (`"1"`), read the same.
    #[serde(default, deserialize_with = "super::small_number_or_string")]
    pub sex: u8,
    /// The province of the profile.
    #[serde(default)]
    pub province: String,
    /// The city of the profile.
    #[serde(default)]
    pub city: String,
    /// The country, e.g. `CN`.
    #[serde(default)]
    pub country: String,
    /// The avatar URL (empty without an avatar); its last segment is the size.
    #[serde(default)]
    pub headimgurl: String,
    /// Privileges, e.g. `chinaunicom`.
    #[serde(default)]
    pub privilege: Vec<String>,
    /// The unionid, for applications bound to an open platform account.
    #[serde(default)]
    pub unionid: Option<String>,
}

impl<'c, K: 'static> OAuthApi<'c, K> {
    /// The URL to send a user to, for the client's appid: see [`AuthorizeUrl`]. Nothing is
    /// sent.
    pub fn authorize_url(&self, redirect_uri: &str, scope: Scope, state: &str) -> AuthorizeUrl {
        AuthorizeUrl::with_appid(
            self.0.core.appid.as_deref().map(str::to_owned),
            redirect_uri,
            scope,
            state,
        )
    }

    /// Exchanges the `code` of the redirect for the user's token:
    /// `GET /sns/oauth2/access_token?appid&secret&code&grant_type=authorization_code`.
    ///
    /// `secret` is the application's `appsecret`: client storages hold tokens only, so the
    /// caller passes it. A code works once, within 5 minutes.
    pub fn access_token(&self, code: &str, secret: &Secret) -> ApiCall<'static, OAuthToken, K> {
        let checked = check_all_present(&[("code", code), ("secret", secret.expose())]);
        self.0.checked_with_appid(checked, |appid| {
            let request = self
                .0
                .request(Method::GET, "/sns/oauth2/access_token")
                .query("appid", appid)
                .query("secret", secret.expose())
                .query("code", code)
                .query("grant_type", "authorization_code");
            self.0.call_json(request)
        })
    }

    /// A new user token from a refresh token:
    /// `GET /sns/oauth2/refresh_token?appid&grant_type=refresh_token&refresh_token`.
    pub fn refresh(&self, refresh_token: &str) -> ApiCall<'static, OAuthToken, K> {
        let checked = check_present("refresh_token", refresh_token);
        self.0.checked_with_appid(checked, |appid| {
            let request = self
                .0
                .request(Method::GET, "/sns/oauth2/refresh_token")
                .query("appid", appid)
                .query("grant_type", "refresh_token")
                .query("refresh_token", refresh_token);
            self.0.call_json(request)
        })
    }

    /// The profile of the user, with the user's own token (scope `snsapi_userinfo`):
    /// `GET /sns/userinfo?access_token&openid&lang`.
    pub fn user_info(
        &self,
        access_token: &str,
        openid: &str,
        lang: Lang,
    ) -> ApiCall<'static, OAuthUser, K> {
        let checked = check_all_present(&[("access_token", access_token), ("openid", openid)]);
        self.0.checked(checked, |()| {
            let request = self
                .0
                .request(Method::GET, "/sns/userinfo")
                .query("access_token", access_token)
                .query("openid", openid)
                .query("lang", lang.as_str());
            self.0.call_json(request)
        })
    }

    /// Checks that a user's token is still valid: `GET /sns/auth?access_token&openid`.
    ///
    /// An invalid or expired token is an [`Error::Api`] (e.g. 40001, 40003, 42001).
    pub fn check_token(&self, access_token: &str, openid: &str) -> ApiCall<'static, (), K> {
        let checked = check_all_present(&[("access_token", access_token), ("openid", openid)]);
        self.0.checked(checked, |()| {
            let request = self
                .0
                .request(Method::GET, "/sns/auth")
                .query("access_token", access_token)
                .query("openid", openid);
            self.0.call(request, ok)
        })
    }
}

/// The arguments of `wx.config` on a page: `appId`, `timestamp`, `nonceStr`, `signature`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct JsSdkConfig {
    /// The appid the ticket belongs to (the authorizer's, on a component client).
    pub appid: String,
    /// When it was signed, in unix seconds.
    pub timestamp: u64,
    /// The random string signed with it.
    pub nonce_str: String,
    /// The SHA1 signature, lowercase hex.
    pub signature: String,
}

/// The JS-SDK signature: SHA1 over
/// `jsapi_ticket=..&noncestr=..&timestamp=..&url=..`, the url without its `#fragment`, the
/// values not escaped, as lowercase hex.
///
/// A pure function of its inputs; [`JssdkApi::config`] fetches the ticket and picks the
/// nonce and timestamp.
pub fn jsapi_signature(jsapi_ticket: &str, nonce_str: &str, timestamp: u64, url: &str) -> String {
    let url = url.split('#').next().unwrap_or_default();
    sha1_hex(&format!(
        "jsapi_ticket={jsapi_ticket}&noncestr={nonce_str}&timestamp={timestamp}&url={url}"
    ))
}

/// The card signature (`wx_card` api_ticket): SHA1 over the values, sorted as strings (byte
/// order) and concatenated, as lowercase hex. Empty values are left out.
///
/// For the `cardExt` of `addCard` the values are the api_ticket, timestamp, nonce_str,
/// card_id, code and openid; for `chooseCard`, the api_ticket, app_id, location_id,
/// time_stamp, nonce_str, card_id and card_type. See [`JssdkApi::card_ext`].
pub fn card_signature(values: &[&str]) -> String {
    let mut values: Vec<&str> = values.iter().copied().filter(|v| !v.is_empty()).collect();
    values.sort_unstable();
    sha1_hex(&values.concat())
}

fn sha1_hex(input: &str) -> String {
    Sha1::digest(input.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A random string of 16 characters of `[a-zA-Z0-9]`, for signatures.
pub fn nonce_str() -> String {
    use std::hash::{BuildHasher, Hasher};
    use std::sync::atomic::{AtomicU64, Ordering};
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    // `RandomState` is seeded per process by the OS; a counter keeps values apart within it.
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    hasher.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0),
    );
    let mut bits = u128::from(hasher.finish()) << 64
        | u128::from(
            std::collections::hash_map::RandomState::new()
                .build_hasher()
                .finish(),
        );
    (0..16)
        .map(|_| {
            let c = ALPHABET[(bits % ALPHABET.len() as u128) as usize];
            bits /= ALPHABET.len() as u128;
            char::from(c)
        })
        .collect()
}

/// The `cardExt` of a card for `wx.addCard`: serialize it to JSON and pass the string.
///
/// `Debug` shows everything: none of it is secret (the api_ticket is only signed, not held).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct CardExt {
    /// The card's code, for cards with custom codes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// The only user who may take the card, for cards bound to an openid.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub openid: Option<String>,
    /// When it was signed, in unix seconds.
    pub timestamp: u64,
    /// The random string signed with it.
    pub nonce_str: String,
    /// The card signature.
    pub signature: String,
}

impl<'c, K: 'static> JssdkApi<'c, K> {
    /// The `wx.config` arguments of the page at `url` (its `#fragment` is dropped), signed
    /// with the client's `jsapi` ticket (cached; fetched through the storage when stale), a
    /// random nonce and the current time.
    pub async fn config(&self, url: &str) -> Result<JsSdkConfig> {
        check_present("url", url)?;
        let (appid, ticket) = ticket(self.0.core, TicketType::Jsapi).await?;
        let nonce_str = nonce_str();
        let timestamp = now_unix();
        let signature = jsapi_signature(&ticket.value, &nonce_str, timestamp, url);
        Ok(JsSdkConfig {
            appid,
            timestamp,
            nonce_str,
            signature,
        })
    }

    /// The `cardExt` of `card_id` for `wx.addCard`, signed with the client's `wx_card` ticket
    /// (cached), a random nonce and the current time. `code` is for cards with custom codes,
    /// `openid` for cards bound to one user.
    pub async fn card_ext(
        &self,
        card_id: &str,
        code: Option<&str>,
        openid: Option<&str>,
    ) -> Result<CardExt> {
        check_present("card_id", card_id)?;
        let (_, ticket) = ticket(self.0.core, TicketType::WxCard).await?;
        let nonce_str = nonce_str();
        let timestamp = now_unix();
        let signature = card_signature(&[
            &ticket.value,
            &timestamp.to_string(),
            &nonce_str,
            card_id,
            code.unwrap_or_default(),
            openid.unwrap_or_default(),
        ]);
        Ok(CardExt {
            code: code.filter(|c| !c.is_empty()).map(str::to_owned),
            openid: openid.filter(|o| !o.is_empty()).map(str::to_owned),
            timestamp,
            nonce_str,
            signature,
        })
    }
}

/// The ticket of the client's appid (its authorizer's, on a component client), through the
/// local cache, as [`Client::ticket`](crate::Client::ticket) does; and the appid it is for.
async fn ticket(core: &ClientCore, ticket_type: TicketType) -> Result<(String, Ticket)> {
    let appid = require_appid(core.appid.as_deref())?;
    // The appid the page runs under: the authorizer's, on a component client.
    let owner = core.authorizer_appid.as_deref().unwrap_or(appid).to_owned();
    Ok((owner, core.ticket(ticket_type).await?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn state_rules() {
        assert!(check_state("abcXYZ019").is_ok());
        assert!(check_state(&"a".repeat(128)).is_ok());
        assert!(check_state(&"a".repeat(129)).is_err());
        assert!(check_state("").is_err());
        assert!(check_state("a-b").is_err());
        assert!(check_state("中文").is_err());
    }

    #[test]
    fn nonces_differ() {
        let a = nonce_str();
        let b = nonce_str();
        assert_eq!(a.len(), 16);
        assert!(a.bytes().all(|c| c.is_ascii_alphanumeric()));
        assert_ne!(a, b);
    }
}
