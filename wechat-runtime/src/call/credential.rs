//! Layer 2 of a call: which credential a path needs (elixir_wechat's rules), reading it
//! through the cache from the storage, and refreshing it once when WeChat rejects it.

use std::future::Future;

use super::binding::ErasedStorage;
use super::cache::{CacheKey, TokenCache};
use crate::error::{Error, Result};
use crate::token::Token;
use crate::work::WorkKey;

/// The credential a WeChat path takes in its query string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Credential {
    /// Nothing: the call carries a secret, a verify ticket or a user's OAuth token itself.
    None,
    /// `access_token`: the application's, or the authorizer's on a component client.
    AccessToken,
    /// `component_access_token`, of the component application.
    ComponentAccessToken,
    /// A WeCom app's `access_token`: every WeCom path but `/cgi-bin/gettoken` takes it.
    WorkAccessToken,
    /// The component application's token, sent as `access_token`: the open platform's code
    /// template APIs (`/wxa/gettemplatedraftlist` and its siblings) name it so.
    ComponentTokenAsAccessToken,
}

impl Credential {
    /// The name of the query parameter that carries it.
    pub(crate) fn query_name(self) -> Option<&'static str> {
        match self {
            Credential::None => None,
            Credential::AccessToken => Some("access_token"),
            Credential::ComponentAccessToken => Some("component_access_token"),
            Credential::ComponentTokenAsAccessToken | Credential::WorkAccessToken => {
                Some("access_token")
            }
        }
    }
}

/// Paths that take no token: they fetch one, or carry a user's OAuth token.
const NO_TOKEN_PATHS: [&str; 8] = [
    "/cgi-bin/token",
    "/cgi-bin/stable_token",
    "/cgi-bin/component/api_component_token",
    "/sns/userinfo",
    "/sns/auth",
    "/sns/oauth2/access_token",
    "/sns/oauth2/refresh_token",
    "/sns/jscode2session",
];

/// Paths that take the component's token under the name `access_token`.
const COMPONENT_TOKEN_AS_ACCESS_TOKEN_PATHS: [&str; 4] = [
    "/wxa/gettemplatedraftlist",
    "/wxa/addtotemplate",
    "/wxa/gettemplatelist",
    "/wxa/deletetemplate",
];

/// Paths under `/cgi-bin/component` that take the authorizer's `access_token`, not the
/// component's token: the privacy settings of an authorizer's Mini Program.
const AUTHORIZER_TOKEN_COMPONENT_PATHS: [&str; 3] = [
    "/cgi-bin/component/getprivacysetting",
    "/cgi-bin/component/setprivacysetting",
    "/cgi-bin/component/uploadprivacyextfile",
];

const COMPONENT_PREFIXES: [&str; 3] = [
    "/cgi-bin/component",
    "/sns/oauth2/component/",
    "/sns/component/",
];

/// The credential a WeCom `path` needs: its paths share names with WeChat's, so the client's
/// kind decides, not the path.
pub(crate) fn work_credential_for(path: &str) -> Credential {
    if path == "/cgi-bin/gettoken" {
        Credential::None
    } else {
        Credential::WorkAccessToken
    }
}

/// The credential `path` needs.
pub(crate) fn credential_for(path: &str) -> Credential {
    if NO_TOKEN_PATHS.contains(&path) {
        Credential::None
    } else if COMPONENT_TOKEN_AS_ACCESS_TOKEN_PATHS.contains(&path) {
        Credential::ComponentTokenAsAccessToken
    } else if AUTHORIZER_TOKEN_COMPONENT_PATHS.contains(&path) {
        Credential::AccessToken
    } else if COMPONENT_PREFIXES
        .iter()
        .any(|prefix| path.starts_with(prefix))
    {
        Credential::ComponentAccessToken
    } else {
        Credential::AccessToken
    }
}

/// The token under `key`: from the cache while fresh, else from the storage, one call per key
/// however many callers ask at once.
pub(crate) async fn fetch_token(
    binding: &dyn ErasedStorage,
    cache: Option<&TokenCache>,
    key: &CacheKey,
) -> Result<Token> {
    match cache {
        Some(cache) => {
            cache
                .token_or_fetch(key, || storage_fetch(binding, key))
                .await
        }
        None => storage_fetch(binding, key).await,
    }
}

/// A new token under `key`, because WeChat rejected `stale`. If another caller has already
/// replaced `stale` in the cache, that replacement is used and the storage is not asked.
pub(crate) async fn refresh_token(
    binding: &dyn ErasedStorage,
    cache: Option<&TokenCache>,
    key: &CacheKey,
    stale: &str,
) -> Result<Token> {
    match cache {
        Some(cache) => {
            cache
                .token_or_refresh(key, stale, || storage_refresh(binding, key, stale))
                .await
        }
        None => storage_refresh(binding, key, stale).await,
    }
}

async fn storage_fetch(binding: &dyn ErasedStorage, key: &CacheKey) -> Result<Token> {
    let token = match key {
        CacheKey::AccessToken {
            appid,
            authorizer_appid,
        } => {
            binding
                .access_token(appid, authorizer_appid.as_deref())
                .await
        }
        CacheKey::ComponentAccessToken { appid } => binding.component_access_token(appid).await,
        CacheKey::Work(work) => binding.work_token(work).await,
    }?;
    check_token(token)
}

async fn storage_refresh(
    binding: &dyn ErasedStorage,
    key: &CacheKey,
    stale: &str,
) -> Result<Token> {
    let token = match key {
        CacheKey::AccessToken {
            appid,
            authorizer_appid,
        } => {
            binding
                .refresh_access_token(appid, authorizer_appid.as_deref(), stale)
                .await
        }
        CacheKey::ComponentAccessToken { appid } => {
            binding.refresh_component_access_token(appid, stale).await
        }
        CacheKey::Work(work) => binding.refresh_work_token(work, stale).await,
    }?;
    check_token(token)
}

/// A storage that hands back an empty token would make every call fail with 41001.
fn check_token(token: Token) -> Result<Token> {
    if token.access_token.is_empty() {
        return Err(Error::storage("the storage returned an empty access token"));
    }
    Ok(token)
}

/// Runs `call` on what `prepare` makes of `token` (a URL that carries it, say); if WeChat
/// rejects that token as invalid or expired (40001, 42001, 40014), gets one new token from
/// `refresh` and runs `call` once more, never more.
pub(crate) async fn refresh_once<I, T, C, R>(
    token: String,
    prepare: impl Fn(&str) -> Result<I>,
    call: impl FnMut(I) -> C,
    refresh: impl FnOnce(String) -> R,
) -> Result<T>
where
    C: Future<Output = Result<T>>,
    R: Future<Output = Result<Token>>,
{
    refresh_once_on(Error::is_token_expired, token, prepare, call, refresh).await
}

/// [`refresh_once`] with the rule of what a stale token is: WeCom refreshes on 40014 and
/// 42001 only, since its 40001 means a wrong secret.
///
/// Every caller that spends a token goes through here: a client's calls, and a hub's own
/// upstream calls that need a token (tickets, authorizer tokens). `prepare` borrows the token
/// and `call` owns what it made: a future of a closure over a borrowed argument is not
/// provably `Send`, and the token is not copied on the way.
pub(crate) async fn refresh_once_on<I, T, C, R>(
    stale: fn(&Error) -> bool,
    token: String,
    prepare: impl Fn(&str) -> Result<I>,
    mut call: impl FnMut(I) -> C,
    refresh: impl FnOnce(String) -> R,
) -> Result<T>
where
    C: Future<Output = Result<T>>,
    R: Future<Output = Result<Token>>,
{
    match call(prepare(&token)?).await {
        Err(err) if stale(&err) => {
            tracing::debug!(errcode = err.errcode(), "token rejected, refreshing once");
            let fresh = refresh(token).await?;
            call(prepare(&fresh.access_token)?).await
        }
        other => other,
    }
}

/// Whether WeCom says the token is stale: 40014 (invalid) or 42001 (expired), not 40001.
pub(crate) fn is_work_token_stale(err: &Error) -> bool {
    matches!(err.errcode(), Some(40014 | 42001))
}

/// WeCom's 40001 means the app's secret is wrong (its tokens are not refreshed on it): the
/// error says which (corpid, app), so that a mix-up of two apps shows. For a client's calls
/// and the hub's `gettoken` alike.
pub(crate) fn name_wrong_work_secret<T>(result: Result<T>, work: &WorkKey) -> Result<T> {
    match result {
        Err(Error::Api {
            errcode: 40001,
            errmsg,
            path,
        }) => Err(Error::Api {
            errcode: 40001,
            errmsg: format!("{errmsg} ({work}: check that app's secret)"),
            path,
        }),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elixir_wechat_rules() {
        use Credential::*;
        let cases = [
            ("/cgi-bin/user/info", AccessToken),
            ("/cgi-bin/message/custom/send", AccessToken),
            ("/wxa/getwxacodeunlimit", AccessToken),
            ("/cgi-bin/token", None),
            ("/cgi-bin/stable_token", None),
            ("/cgi-bin/component/api_component_token", None),
            (
                "/cgi-bin/component/api_authorizer_token",
                ComponentAccessToken,
            ),
            (
                "/cgi-bin/component/api_create_preauthcode",
                ComponentAccessToken,
            ),
            ("/sns/oauth2/component/access_token", ComponentAccessToken),
            ("/sns/component/jscode2session", ComponentAccessToken),
            ("/sns/userinfo", None),
            ("/sns/auth", None),
            ("/sns/oauth2/access_token", None),
            ("/sns/oauth2/refresh_token", None),
            ("/sns/jscode2session", None),
            ("/wxa/gettemplatelist", ComponentTokenAsAccessToken),
            ("/wxa/addtotemplate", ComponentTokenAsAccessToken),
            ("/cgi-bin/component/getprivacysetting", AccessToken),
            ("/cgi-bin/component/setprivacysetting", AccessToken),
            ("/cgi-bin/component/uploadprivacyextfile", AccessToken),
            ("/cgi-bin/component/fastregisterweapp", ComponentAccessToken),
        ];
        for (path, expected) in cases {
            assert_eq!(credential_for(path), expected, "{path}");
        }
    }
}
