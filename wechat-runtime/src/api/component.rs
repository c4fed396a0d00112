//! Open platform (component) APIs: authorizing accounts to the third-party platform, reading
//! the authorizers, and web OAuth and Mini Program login on their behalf.
//!
//! These calls take the platform's `component_access_token`, which the runtime injects; the
//! `component_appid` they send is the client's appid.
//!
//! ```no_run
//! use futures_util::TryStreamExt;
//! use wechat_runtime::api::component::AuthType;
//! use wechat_runtime::{Client, ClientBuilder, Component, Hub, MemoryStore};
//!
//! # async fn run() -> Result<(), wechat_runtime::Error> {
//! let store = MemoryStore::new().with_app("wxc0mponent0000001", "the-component-secret");
//! let platform: Client<_, Component> = ClientBuilder::component(Hub::new(store), ())
//!     .appid("wxc0mponent0000001")
//!     .build()?;
//!
//! // 1. The page where an account's administrator authorizes the platform.
//! let code = platform.component().pre_auth_code().await?;
//! let url = platform
//!     .component()
//!     .authorization_url(&code.pre_auth_code, "https://example.com/authorized")
//!     .auth_type(AuthType::Both)
//!     .pc_url()?;
//! # let _ = url;
//! // 2. WeChat redirects to https://example.com/authorized?auth_code=...: keep the
//! //    authorizer's refresh token where the hub finds it.
//! let store = platform.storage().store();
//! let info = platform.component().query_auth("AUTH_CODE").save_to(store).await?;
//! println!("authorized by {}", info.authorizer_appid);
//!
//! // Every authorizer, across pages.
//! let all: Vec<_> = platform.component().authorizers().try_collect().await?;
//! println!("{} authorizers", all.len());
//! # Ok(()) }
//! ```

use std::collections::VecDeque;
use std::fmt;
use std::future::{Future, IntoFuture};
use std::pin::Pin;
use std::time::Duration;

use futures_util::Stream;
use reqwest::Method;
use serde::{Deserialize, Serialize};

use super::mini_program::Session;
use super::oauth::{check_redirect_uri, encode, AuthorizeUrl, OAuthToken, Scope};
use super::{check_all_present, check_between, check_present, json, ok, ApiCall, Area, Retry};
use crate::call::kind::Component;
use crate::call::shared::require_appid;
use crate::call::transport::Response;
use crate::error::{Error, Result};
use crate::storage::{ComponentClientStorage, ComponentHubStorage, TokenKey};
use crate::token::{now_unix, Redacted, Token};

/// Open platform APIs; from [`Client::component`](crate::Client::component).
pub struct ComponentApi<'c, K>(pub(crate) Area<'c, K>);

/// The PC authorization page: the administrator scans a QR code.
pub const LOGIN_PAGE_URL: &str = "https://mp.weixin.qq.com/cgi-bin/componentloginpage";
/// The mobile authorization page, opened in WeChat.
pub const BIND_COMPONENT_URL: &str = "https://open.weixin.qq.com/wxaopen/safe/bindcomponent";

/// The most authorizers [`ComponentApi::authorizer_list`] returns at once.
pub const MAX_AUTHORIZER_PAGE: u32 = 500;

/// A pre-authorization code, for [`ComponentApi::authorization_url`].
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct PreAuthCode {
    /// The code (`preauthcode@@@...`).
    pub pre_auth_code: String,
    /// Its lifetime in seconds (1800).
    #[serde(default)]
    pub expires_in: u64,
}

/// Which accounts the authorization page offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum AuthType {
    /// Official Accounts only (1).
    OfficialAccount,
    /// Mini Programs only (2).
    MiniProgram,
    /// Both (3; WeChat's default).
    Both,
    /// Another value WeChat documents (e.g. for Channels accounts).
    Code(u8),
}

impl AuthType {
    /// The number WeChat uses.
    pub fn code(self) -> u8 {
        match self {
            AuthType::OfficialAccount => 1,
            AuthType::MiniProgram => 2,
            AuthType::Both => 3,
            AuthType::Code(code) => code,
        }
    }
}

/// The URL of the page where an account's administrator authorizes the platform, on a PC
/// ([`pc_url`](AuthorizationUrl::pc_url)) or in WeChat on a phone
/// ([`mobile_url`](AuthorizationUrl::mobile_url)). Building it sends nothing.
///
/// After the authorization WeChat redirects to `redirect_uri?auth_code=..&expires_in=600`;
/// hand the code to [`ComponentApi::query_auth`]. The page must be opened from the platform's
/// registered domain, and so must the redirect URI be under it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[must_use]
pub struct AuthorizationUrl {
    component_appid: Option<String>,
    pre_auth_code: String,
    redirect_uri: String,
    auth_type: Option<AuthType>,
    biz_appid: Option<String>,
}

impl AuthorizationUrl {
    /// The authorization page of the platform `component_appid`.
    pub fn new(
        component_appid: impl Into<String>,
        pre_auth_code: impl Into<String>,
        redirect_uri: impl Into<String>,
    ) -> Self {
        AuthorizationUrl {
            component_appid: Some(component_appid.into()),
            pre_auth_code: pre_auth_code.into(),
            redirect_uri: redirect_uri.into(),
            auth_type: None,
            biz_appid: None,
        }
    }

    /// Which accounts the page offers (both kinds unless set).
    pub fn auth_type(mut self, auth_type: AuthType) -> Self {
        self.auth_type = Some(auth_type);
        self
    }

    /// The one account that may authorize.
    pub fn biz_appid(mut self, biz_appid: impl Into<String>) -> Self {
        self.biz_appid = Some(biz_appid.into());
        self
    }

    fn query(&self) -> Result<String> {
        let component_appid = require_appid(self.component_appid.as_deref())?;
        check_present("pre_auth_code", &self.pre_auth_code)?;
        check_redirect_uri(&self.redirect_uri)?;
        let mut query = format!(
            "component_appid={}&pre_auth_code={}&redirect_uri={}",
            encode(component_appid),
            encode(&self.pre_auth_code),
            encode(&self.redirect_uri)
        );
        if let Some(auth_type) = self.auth_type {
            query.push_str(&format!("&auth_type={}", auth_type.code()));
        }
        if let Some(biz_appid) = &self.biz_appid {
            check_present("biz_appid", biz_appid)?;
            query.push_str("&biz_appid=");
            query.push_str(&encode(biz_appid));
        }
        Ok(query)
    }

    /// The PC page, where the administrator scans a QR code:
    /// `https://mp.weixin.qq.com/cgi-bin/componentloginpage?component_appid&pre_auth_code&redirect_uri&auth_type&biz_appid`.
    pub fn pc_url(&self) -> Result<String> {
        Ok(format!("{LOGIN_PAGE_URL}?{}", self.query()?))
    }

    /// The mobile page, opened in WeChat:
    /// `https://open.weixin.qq.com/wxaopen/safe/bindcomponent?action=bindcomponent&no_scan=1&component_appid&pre_auth_code&redirect_uri&auth_type&biz_appid#wechat_redirect`.
    pub fn mobile_url(&self) -> Result<String> {
        Ok(format!(
            "{BIND_COMPONENT_URL}?action=bindcomponent&no_scan=1&{}#wechat_redirect",
            self.query()?
        ))
    }
}

/// A permission set granted to the platform.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct FuncInfo {
    /// The permission set.
    pub funcscope_category: FuncScope,
    /// Whether the set needs the administrator's confirmation, as WeChat sends it.
    #[serde(default)]
    pub confirm_info: Option<serde_json::Value>,
}

/// The id of a permission set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct FuncScope {
    /// The id, e.g. 1 for messages.
    pub id: u32,
}

/// What an account authorized: its appid, its tokens (from [`ComponentApi::query_auth`]), and
/// the permission sets. `Debug` shows neither token.
#[derive(Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct AuthorizationInfo {
    /// The authorizer's appid (`appid` in answers shaped as WeChat's older documentation shows).
    #[serde(alias = "appid")]
    pub authorizer_appid: String,
    /// Its access token (from `api_query_auth` only).
    #[serde(default)]
    pub authorizer_access_token: String,
    /// The token's lifetime in seconds.
    #[serde(default)]
    pub expires_in: u64,
    /// Its refresh token: keep it, it is how every later token is fetched.
    #[serde(default)]
    pub authorizer_refresh_token: String,
    /// The permission sets granted.
    #[serde(default)]
    pub func_info: Vec<FuncInfo>,
}

impl fmt::Debug for AuthorizationInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AuthorizationInfo")
            .field("authorizer_appid", &self.authorizer_appid)
            .field("authorizer_access_token", &Redacted)
            .field("expires_in", &self.expires_in)
            .field("authorizer_refresh_token", &Redacted)
            .field("func_info", &self.func_info)
            .finish()
    }
}

#[derive(Deserialize)]
struct QueryAuthAnswer {
    authorization_info: AuthorizationInfo,
}

/// The call of [`ComponentApi::query_auth`]: `.await` it for the [`AuthorizationInfo`], or
/// [`save_to`](QueryAuth::save_to) a hub persistence as well.
#[must_use = "a call does nothing until it is awaited"]
pub struct QueryAuth<'a> {
    call: ApiCall<'a, QueryAuthAnswer, Component>,
    component_appid: String,
}

impl<'a> QueryAuth<'a> {
    /// How long the call may take, instead of the client's timeout.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.call = self.call.timeout(timeout);
        self
    }

    /// Uses `storage`, bound with `args`, for this call only.
    pub fn with_storage<S>(mut self, storage: &'a S, args: S::Args) -> Self
    where
        S: ComponentClientStorage,
        S::Args: 'a,
    {
        self.call = self.call.with_storage(storage, args);
        self
    }

    /// Sends the call, then stores in `store` the authorizer's refresh token
    /// ([`ComponentHubStorage::save_authorizer_refresh_token`]) and its access token (under
    /// [`TokenKey::authorizer`]), where a [`Hub`](crate::Hub) over `store` finds them.
    ///
    /// The refresh token is stored first: without it no later token can be fetched.
    pub async fn save_to<S: ComponentHubStorage + ?Sized>(
        self,
        store: &S,
    ) -> Result<AuthorizationInfo> {
        let component_appid = self.component_appid;
        let info = self.call.await?.authorization_info;
        let path = "/cgi-bin/component/api_query_auth";
        if info.authorizer_appid.is_empty() || info.authorizer_refresh_token.is_empty() {
            return Err(Error::Decode {
                path: path.to_owned(),
                detail: "the answer has no authorizer_appid or authorizer_refresh_token".into(),
            });
        }
        store
            .save_authorizer_refresh_token(
                &component_appid,
                &info.authorizer_appid,
                &info.authorizer_refresh_token,
            )
            .await?;
        if !info.authorizer_access_token.is_empty() {
            let token = Token {
                access_token: info.authorizer_access_token.clone(),
                expires_in: info.expires_in,
                refresh_token: Some(info.authorizer_refresh_token.clone()),
                timestamp: now_unix(),
            };
            let key = TokenKey::authorizer(component_appid, info.authorizer_appid.clone());
            store.save_token(&key, &token).await?;
        }
        Ok(info)
    }
}

impl<'a> IntoFuture for QueryAuth<'a> {
    type Output = Result<AuthorizationInfo>;
    type IntoFuture = Pin<Box<dyn Future<Output = Result<AuthorizationInfo>> + Send + 'a>>;

    fn into_future(self) -> Self::IntoFuture {
        let call = self.call;
        Box::pin(async move { Ok(call.await?.authorization_info) })
    }
}

/// The type of an account, or of its verification: `{"id": n}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct TypeInfo {
    /// The id; for verification, -1 means not verified.
    pub id: i32,
}

/// An authorizer account's profile.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct AuthorizerDetails {
    /// The nickname.
    #[serde(default)]
    pub nick_name: String,
    /// The avatar URL.
    #[serde(default)]
    pub head_img: String,
    /// The account type (Official Accounts: 0 subscription, 2 service; Mini Programs: 0).
    #[serde(default)]
    pub service_type_info: Option<TypeInfo>,
    /// The verification type (-1 not verified, 0 WeChat verified, ...).
    #[serde(default)]
    pub verify_type_info: Option<TypeInfo>,
    /// The original id (`gh_...`).
    #[serde(default)]
    pub user_name: String,
    /// The principal (company) name.
    #[serde(default)]
    pub principal_name: String,
    /// The WeChat id of the account.
    #[serde(default)]
    pub alias: String,
    /// The URL of its QR code.
    #[serde(default)]
    pub qrcode_url: String,
    /// Its description.
    #[serde(default)]
    pub signature: String,
    /// Which features it has opened (store, scan, pay, card, shake), as WeChat sends them.
    #[serde(default)]
    pub business_info: Option<serde_json::Value>,
    /// For Mini Programs: the network and category configuration, as WeChat sends it.
    #[serde(default, rename = "MiniProgramInfo")]
    pub mini_program_info: Option<serde_json::Value>,
    /// The account status (1 normal, 14 deregistered, 16 banned, ...).
    #[serde(default)]
    pub account_status: Option<i32>,
    /// How the account was registered.
    #[serde(default)]
    pub register_type: Option<i32>,
    /// Whether a phone and an email are configured, as WeChat sends it.
    #[serde(default)]
    pub basic_config: Option<serde_json::Value>,
}

/// An authorizer: its profile and what it authorized.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct AuthorizerInfo {
    /// The profile.
    pub authorizer_info: AuthorizerDetails,
    /// The appid, the refresh token and the permission sets.
    pub authorization_info: AuthorizationInfo,
}

/// An option of an authorizer account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum AuthorizerOptionName {
    /// Location reports: `0` none, `1` when a session starts, `2` every 5 seconds.
    LocationReport,
    /// Voice recognition: `0` off, `1` on.
    VoiceRecognize,
    /// Customer service: `0` off, `1` on.
    CustomerService,
}

/// The value of an option of an authorizer account.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct AuthorizerOption {
    /// The authorizer's appid.
    #[serde(default)]
    pub authorizer_appid: String,
    /// The option.
    pub option_name: String,
    /// Its value, e.g. `"1"`.
    pub option_value: String,
}

/// One authorizer of the platform. `Debug` never shows its refresh token.
#[derive(Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct Authorizer {
    /// Its appid.
    pub authorizer_appid: String,
    /// Its refresh token.
    #[serde(default)]
    pub refresh_token: String,
    /// When it authorized, in unix seconds.
    #[serde(default)]
    pub auth_time: u64,
}

impl fmt::Debug for Authorizer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Authorizer")
            .field("authorizer_appid", &self.authorizer_appid)
            .field("refresh_token", &Redacted)
            .field("auth_time", &self.auth_time)
            .finish()
    }
}

/// A page of the platform's authorizers.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct AuthorizerList {
    /// How many authorizers there are in all.
    #[serde(default)]
    pub total_count: u64,
    /// This page.
    #[serde(default)]
    pub list: Vec<Authorizer>,
}

impl<'c> ComponentApi<'c, Component> {
    /// A POST of `body` with `component_appid` (the client's appid) added, its answer read by
    /// `decode`.
    fn post_with_appid<T>(
        &self,
        path: &'static str,
        mut body: serde_json::Value,
        retry: Retry,
        decode: fn(Response) -> Result<T>,
    ) -> ApiCall<'static, T, Component> {
        self.0.checked(self.0.appid(), |component_appid| {
            body["component_appid"] = component_appid.into();
            self.0.post_with(path, &body, retry, decode)
        })
    }

    /// A new pre-authorization code: `POST /cgi-bin/component/api_create_preauthcode`.
    pub fn pre_auth_code(&self) -> ApiCall<'static, PreAuthCode, Component> {
        self.post_with_appid(
            "/cgi-bin/component/api_create_preauthcode",
            serde_json::json!({}),
            Retry::Unsafe,
            json,
        )
    }

    /// The authorization page of the client's platform, for a pre-authorization code from
    /// [`pre_auth_code`](ComponentApi::pre_auth_code): see [`AuthorizationUrl`]. Nothing is
    /// sent.
    pub fn authorization_url(&self, pre_auth_code: &str, redirect_uri: &str) -> AuthorizationUrl {
        AuthorizationUrl {
            component_appid: self.0.core.appid.as_deref().map(str::to_owned),
            pre_auth_code: pre_auth_code.to_owned(),
            redirect_uri: redirect_uri.to_owned(),
            auth_type: None,
            biz_appid: None,
        }
    }

    /// What an account authorized, from the `auth_code` of the redirect:
    /// `POST /cgi-bin/component/api_query_auth`. Use
    /// [`save_to`](QueryAuth::save_to) to keep the authorizer's refresh token.
    pub fn query_auth(&self, authorization_code: &str) -> QueryAuth<'static> {
        let component_appid = self
            .0
            .core
            .appid
            .as_deref()
            .map(str::to_owned)
            .unwrap_or_default();
        let checked = check_present("authorization_code", authorization_code);
        let call = self.0.checked(checked, |()| {
            self.post_with_appid(
                "/cgi-bin/component/api_query_auth",
                serde_json::json!({ "authorization_code": authorization_code }),
                // Sending a code twice fails the second time: not idempotent.
                Retry::Unsafe,
                json,
            )
        });
        QueryAuth {
            call,
            component_appid,
        }
    }

    /// An authorizer's profile and permission sets:
    /// `POST /cgi-bin/component/api_get_authorizer_info`.
    pub fn authorizer_info(
        &self,
        authorizer_appid: &str,
    ) -> ApiCall<'static, AuthorizerInfo, Component> {
        let checked = check_present("authorizer_appid", authorizer_appid);
        self.0.checked(checked, |()| {
            self.post_with_appid(
                "/cgi-bin/component/api_get_authorizer_info",
                serde_json::json!({ "authorizer_appid": authorizer_appid }),
                Retry::Safe,
                json,
            )
        })
    }

    /// An option of an authorizer account:
    /// `POST /cgi-bin/component/api_get_authorizer_option`.
    pub fn authorizer_option(
        &self,
        authorizer_appid: &str,
        option_name: AuthorizerOptionName,
    ) -> ApiCall<'static, AuthorizerOption, Component> {
        let checked = check_present("authorizer_appid", authorizer_appid);
        self.0.checked(checked, |()| {
            self.post_with_appid(
                "/cgi-bin/component/api_get_authorizer_option",
                serde_json::json!({
                    "authorizer_appid": authorizer_appid,
                    "option_name": option_name,
                }),
                Retry::Safe,
                json,
            )
        })
    }

    /// Sets an option of an authorizer account (`option_value` as WeChat documents it for
    /// the option, e.g. `"1"`): `POST /cgi-bin/component/api_set_authorizer_option`.
    pub fn set_authorizer_option(
        &self,
        authorizer_appid: &str,
        option_name: AuthorizerOptionName,
        option_value: &str,
    ) -> ApiCall<'static, (), Component> {
        let checked = check_all_present(&[
            ("authorizer_appid", authorizer_appid),
            ("option_value", option_value),
        ]);
        self.0.checked(checked, |()| {
            self.post_with_appid(
                "/cgi-bin/component/api_set_authorizer_option",
                serde_json::json!({
                    "authorizer_appid": authorizer_appid,
                    "option_name": option_name,
                    "option_value": option_value,
                }),
                Retry::Unsafe,
                ok,
            )
        })
    }

    /// A page of the platform's authorizers, from `offset`, `count` of them (1 to 500):
    /// `POST /cgi-bin/component/api_get_authorizer_list`. See also
    /// [`authorizers`](ComponentApi::authorizers).
    pub fn authorizer_list(
        &self,
        offset: u32,
        count: u32,
    ) -> ApiCall<'static, AuthorizerList, Component> {
        let checked = check_between("count", count, 1, MAX_AUTHORIZER_PAGE);
        self.0.checked(checked, |()| {
            self.post_with_appid(
                "/cgi-bin/component/api_get_authorizer_list",
                serde_json::json!({ "offset": offset, "count": count }),
                Retry::Safe,
                json,
            )
        })
    }

    /// Every authorizer of the platform, fetched 500 at a time with
    /// [`authorizer_list`](ComponentApi::authorizer_list) as the stream is read. A failed
    /// page ends the stream with its error.
    pub fn authorizers(&self) -> impl Stream<Item = Result<Authorizer>> + Send + 'static {
        struct Pages {
            core: std::sync::Arc<crate::call::shared::ClientCore>,
            offset: u32,
            buffer: VecDeque<Authorizer>,
            done: bool,
        }
        let pages = Pages {
            core: self.0.core.clone(),
            offset: 0,
            buffer: VecDeque::new(),
            done: false,
        };
        futures_util::stream::unfold(pages, |mut pages| async move {
            loop {
                if let Some(authorizer) = pages.buffer.pop_front() {
                    return Some((Ok(authorizer), pages));
                }
                if pages.done {
                    return None;
                }
                let api = ComponentApi(Area::<Component>::new(&pages.core));
                let page = api.authorizer_list(pages.offset, MAX_AUTHORIZER_PAGE).await;
                match page {
                    Err(e) => {
                        pages.done = true;
                        return Some((Err(e), pages));
                    }
                    Ok(page) => {
                        let n = u32::try_from(page.list.len()).unwrap_or(u32::MAX);
                        pages.offset = pages.offset.saturating_add(n);
                        if n == 0 || u64::from(pages.offset) >= page.total_count {
                            pages.done = true;
                        }
                        pages.buffer.extend(page.list);
                    }
                }
            }
        })
    }

    /// The web OAuth page for the Official Account `authorizer_appid`, on behalf of the
    /// client's platform: see [`AuthorizeUrl`] (with `component_appid`). Nothing is sent.
    pub fn oauth_authorize_url(
        &self,
        authorizer_appid: &str,
        redirect_uri: &str,
        scope: Scope,
        state: &str,
    ) -> AuthorizeUrl {
        AuthorizeUrl::new(authorizer_appid, redirect_uri, scope, state).component_appid(
            self.0
                .core
                .appid
                .as_deref()
                .map(str::to_owned)
                .unwrap_or_default(),
        )
    }

    /// Exchanges the `code` of a component web OAuth redirect for the user's token:
    /// `GET /sns/oauth2/component/access_token?appid&code&grant_type=authorization_code&component_appid`.
    pub fn oauth_access_token(
        &self,
        authorizer_appid: &str,
        code: &str,
    ) -> ApiCall<'static, OAuthToken, Component> {
        let checked = check_all_present(&[("authorizer_appid", authorizer_appid), ("code", code)]);
        self.0.checked_with_appid(checked, |component_appid| {
            let request = self
                .0
                .request(Method::GET, "/sns/oauth2/component/access_token")
                .query("appid", authorizer_appid)
                .query("code", code)
                .query("grant_type", "authorization_code")
                .query("component_appid", component_appid);
            self.0.call_json(request)
        })
    }

    /// A new user token from a component web OAuth refresh token:
    /// `GET /sns/oauth2/component/refresh_token?appid&grant_type=refresh_token&component_appid&refresh_token`.
    pub fn oauth_refresh(
        &self,
        authorizer_appid: &str,
        refresh_token: &str,
    ) -> ApiCall<'static, OAuthToken, Component> {
        let checked = check_all_present(&[
            ("authorizer_appid", authorizer_appid),
            ("refresh_token", refresh_token),
        ]);
        self.0.checked_with_appid(checked, |component_appid| {
            let request = self
                .0
                .request(Method::GET, "/sns/oauth2/component/refresh_token")
                .query("appid", authorizer_appid)
                .query("grant_type", "refresh_token")
                .query("component_appid", component_appid)
                .query("refresh_token", refresh_token);
            self.0.call_json(request)
        })
    }

    /// Mini Program login on behalf of the authorizer `authorizer_appid`: exchanges the
    /// `js_code` of `wx.login()` for the user's session:
    /// `GET /sns/component/jscode2session?appid&js_code&grant_type=authorization_code&component_appid`.
    pub fn jscode2session(
        &self,
        authorizer_appid: &str,
        js_code: &str,
    ) -> ApiCall<'static, Session, Component> {
        let checked =
            check_all_present(&[("authorizer_appid", authorizer_appid), ("js_code", js_code)]);
        self.0.checked_with_appid(checked, |component_appid| {
            let request = self
                .0
                .request(Method::GET, "/sns/component/jscode2session")
                .query("appid", authorizer_appid)
                .query("js_code", js_code)
                .query("grant_type", "authorization_code")
                .query("component_appid", component_appid);
            self.0.call_json(request)
        })
    }
}
