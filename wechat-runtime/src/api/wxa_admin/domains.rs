//! An authorizer's domains: the server domains its code may call (`wx.request`, sockets,
//! uploads, downloads, UDP, TCP) and the web-view (business) domains its `<web-view>` may open.
//!
//! The plain calls set domains registered on the platform; the `_directly` calls set any
//! domain on the Mini Program itself, effective once code is submitted or released.

use serde::{Deserialize, Serialize};

use super::WxaAdminApi;
use crate::api::{check_len, ok, ApiCall, Retry};
use crate::error::{Error, Result};

/// The most domains of one kind a Mini Program has.
pub const MAX_SERVER_DOMAINS: usize = 200;
/// The most web-view domains a Mini Program has.
pub const MAX_WEBVIEW_DOMAINS: usize = 100;

/// What a domain change does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DomainAction {
    /// Adds the domains (`add`).
    Add,
    /// Removes the domains (`delete`).
    Delete,
    /// Replaces every domain of each kind with the ones given (`set`).
    Set,
}

impl DomainAction {
    /// The `action` WeChat takes: `add`, `delete` or `set`.
    pub fn as_str(self) -> &'static str {
        match self {
            DomainAction::Add => "add",
            DomainAction::Delete => "delete",
            DomainAction::Set => "set",
        }
    }
}

/// Server domains of each kind, as sent and as answered.
///
/// ```
/// use wechat_runtime::api::wxa_admin::ServerDomains;
///
/// let domains = ServerDomains::new()
///     .request(["https://api.example.com"])
///     .ws_request(["wss://ws.example.com"])
///     .upload(["https://up.example.com"]);
/// # let _ = domains;
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ServerDomains {
    /// `wx.request` domains (`https://`).
    #[serde(default)]
    pub requestdomain: Vec<String>,
    /// Socket domains (`wss://`).
    #[serde(default)]
    pub wsrequestdomain: Vec<String>,
    /// `wx.uploadFile` domains (`https://`).
    #[serde(default)]
    pub uploaddomain: Vec<String>,
    /// `wx.downloadFile` domains (`https://`).
    #[serde(default)]
    pub downloaddomain: Vec<String>,
    /// UDP domains (`udp://`).
    #[serde(default)]
    pub udpdomain: Vec<String>,
    /// TCP domains (`tcp://`).
    #[serde(default)]
    pub tcpdomain: Vec<String>,
}

fn strings<S: Into<String>>(items: impl IntoIterator<Item = S>) -> Vec<String> {
    items.into_iter().map(Into::into).collect()
}

impl ServerDomains {
    /// No domain of any kind.
    pub fn new() -> Self {
        ServerDomains::default()
    }

    /// The `wx.request` domains.
    pub fn request<S: Into<String>>(mut self, domains: impl IntoIterator<Item = S>) -> Self {
        self.requestdomain = strings(domains);
        self
    }

    /// The socket domains.
    pub fn ws_request<S: Into<String>>(mut self, domains: impl IntoIterator<Item = S>) -> Self {
        self.wsrequestdomain = strings(domains);
        self
    }

    /// The upload domains.
    pub fn upload<S: Into<String>>(mut self, domains: impl IntoIterator<Item = S>) -> Self {
        self.uploaddomain = strings(domains);
        self
    }

    /// The download domains.
    pub fn download<S: Into<String>>(mut self, domains: impl IntoIterator<Item = S>) -> Self {
        self.downloaddomain = strings(domains);
        self
    }

    /// The UDP domains.
    pub fn udp<S: Into<String>>(mut self, domains: impl IntoIterator<Item = S>) -> Self {
        self.udpdomain = strings(domains);
        self
    }

    /// The TCP domains.
    pub fn tcp<S: Into<String>>(mut self, domains: impl IntoIterator<Item = S>) -> Self {
        self.tcpdomain = strings(domains);
        self
    }

    fn kinds(&self) -> [(&'static str, &'static str, &[String]); 6] {
        [
            ("requestdomain", "https://", &self.requestdomain),
            ("wsrequestdomain", "wss://", &self.wsrequestdomain),
            ("uploaddomain", "https://", &self.uploaddomain),
            ("downloaddomain", "https://", &self.downloaddomain),
            ("udpdomain", "udp://", &self.udpdomain),
            ("tcpdomain", "tcp://", &self.tcpdomain),
        ]
    }

    fn check(&self, action: DomainAction) -> Result<()> {
        let mut total = 0;
        for (what, scheme, domains) in self.kinds() {
            check_domains(what, scheme, domains, MAX_SERVER_DOMAINS)?;
            total += domains.len();
        }
        if total == 0 && action != DomainAction::Set {
            return Err(Error::invalid_input(format!(
                "no domain to {}",
                action.as_str()
            )));
        }
        Ok(())
    }
}

/// Rejects more than `max` domains, or one that does not start with `scheme` and a host.
fn check_domains(what: &str, scheme: &str, domains: &[String], max: usize) -> Result<()> {
    if domains.len() > max {
        return Err(Error::invalid_input(format!(
            "{what} has {} domains; WeChat takes at most {max}",
            domains.len()
        )));
    }
    match domains.iter().find(|domain| {
        domain
            .strip_prefix(scheme)
            .is_none_or(|host| host.is_empty() || host.contains(char::is_whitespace))
    }) {
        Some(bad) => Err(Error::invalid_input(format!(
            "{what}: `{bad}` is not a {scheme} domain"
        ))),
        None => Ok(()),
    }
}

/// The server domains after a change, and what WeChat refused: [`WxaAdminApi::modify_server_domains`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct ModifiedDomains {
    /// The domains now set.
    #[serde(flatten)]
    pub domains: ServerDomains,
    /// Request domains refused.
    #[serde(default)]
    pub invalid_requestdomain: Vec<String>,
    /// Socket domains refused.
    #[serde(default)]
    pub invalid_wsrequestdomain: Vec<String>,
    /// Upload domains refused.
    #[serde(default)]
    pub invalid_uploaddomain: Vec<String>,
    /// Download domains refused.
    #[serde(default)]
    pub invalid_downloaddomain: Vec<String>,
    /// UDP domains refused.
    #[serde(default)]
    pub invalid_udpdomain: Vec<String>,
    /// TCP domains refused.
    #[serde(default)]
    pub invalid_tcpdomain: Vec<String>,
    /// Domains refused for lacking an ICP filing.
    #[serde(default)]
    pub no_icp_domain: Vec<String>,
}

/// The server domains of each source: `POST /wxa/get_effective_domain`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct EffectiveDomains {
    /// Set by the Mini Program itself on its website.
    #[serde(default)]
    pub mp_domain: ServerDomains,
    /// Set by the platform ([`WxaAdminApi::modify_server_domains`]).
    #[serde(default)]
    pub third_domain: ServerDomains,
    /// Set directly ([`WxaAdminApi::modify_server_domains_directly`]).
    #[serde(default)]
    pub direct_domain: ServerDomains,
    /// The ones in effect once the code is released.
    #[serde(default)]
    pub effective_domain: ServerDomains,
}

/// The file that proves a web-view domain is the platform's: put it at the domain's root.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct WebviewConfirmFile {
    /// Its name.
    pub file_name: String,
    /// Its content.
    pub file_content: String,
}

#[derive(Serialize)]
struct DomainsBody<'a> {
    action: &'static str,
    #[serde(flatten)]
    domains: &'a ServerDomains,
}

#[derive(Serialize)]
struct WebviewBody<'a> {
    action: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    webviewdomain: Option<&'a [String]>,
}

#[derive(Deserialize)]
struct WebviewAnswer {
    #[serde(default)]
    webviewdomain: Vec<String>,
}

fn check_webview(action: DomainAction, domains: &[String]) -> Result<()> {
    if action != DomainAction::Set {
        check_len("webviewdomain", domains, MAX_WEBVIEW_DOMAINS)?;
    }
    check_domains("webviewdomain", "https://", domains, MAX_WEBVIEW_DOMAINS)
}

impl<'c, K: 'static> WxaAdminApi<'c, K> {
    /// The server domains set by the platform: `POST /wxa/modify_domain` with `action=get`.
    pub fn server_domains(&self) -> ApiCall<'static, ServerDomains, K> {
        let body = serde_json::json!({ "action": "get" });
        self.0.post("/wxa/modify_domain", &body, Retry::Safe)
    }

    /// Adds, removes or sets server domains registered on the platform (at most 50 changes
    /// a month): `POST /wxa/modify_domain`.
    pub fn modify_server_domains(
        &self,
        action: DomainAction,
        domains: &ServerDomains,
    ) -> ApiCall<'static, ModifiedDomains, K> {
        self.modify_domains("/wxa/modify_domain", action, domains)
    }

    /// Adds, removes or sets server domains on the Mini Program itself, effective once code
    /// is submitted or released: `POST /wxa/modify_domain_directly`.
    pub fn modify_server_domains_directly(
        &self,
        action: DomainAction,
        domains: &ServerDomains,
    ) -> ApiCall<'static, ModifiedDomains, K> {
        self.modify_domains("/wxa/modify_domain_directly", action, domains)
    }

    fn modify_domains(
        &self,
        path: &'static str,
        action: DomainAction,
        domains: &ServerDomains,
    ) -> ApiCall<'static, ModifiedDomains, K> {
        self.0.checked(domains.check(action), |()| {
            let body = DomainsBody {
                action: action.as_str(),
                domains,
            };
            self.0.post_with(path, &body, Retry::Unsafe, |response| {
                response.json::<ModifiedDomains>()
            })
        })
    }

    /// The server domains of each source, and those in effect:
    /// `POST /wxa/get_effective_domain`.
    pub fn effective_domains(&self) -> ApiCall<'static, EffectiveDomains, K> {
        self.0.post(
            "/wxa/get_effective_domain",
            &serde_json::json!({}),
            Retry::Safe,
        )
    }

    /// The web-view domains: `POST /wxa/setwebviewdomain` with `action=get`.
    pub fn webview_domains(&self) -> ApiCall<'static, Vec<String>, K> {
        let body = WebviewBody {
            action: "get",
            webviewdomain: None,
        };
        self.0
            .post_with("/wxa/setwebviewdomain", &body, Retry::Safe, |response| {
                Ok(response.json::<WebviewAnswer>()?.webviewdomain)
            })
    }

    /// Adds, removes or sets web-view domains registered on the platform (`https://`, at
    /// most 100): `POST /wxa/setwebviewdomain`.
    pub fn modify_webview_domains<S: AsRef<str>>(
        &self,
        action: DomainAction,
        domains: &[S],
    ) -> ApiCall<'static, (), K> {
        self.modify_webview("/wxa/setwebviewdomain", action, domains)
    }

    /// Adds, removes or sets web-view domains on the Mini Program itself (each must serve the
    /// [`webview_confirm_file`](WxaAdminApi::webview_confirm_file)):
    /// `POST /wxa/setwebviewdomain_directly`.
    pub fn modify_webview_domains_directly<S: AsRef<str>>(
        &self,
        action: DomainAction,
        domains: &[S],
    ) -> ApiCall<'static, (), K> {
        self.modify_webview("/wxa/setwebviewdomain_directly", action, domains)
    }

    fn modify_webview<S: AsRef<str>>(
        &self,
        path: &'static str,
        action: DomainAction,
        domains: &[S],
    ) -> ApiCall<'static, (), K> {
        let domains: Vec<String> = domains.iter().map(|d| d.as_ref().to_owned()).collect();
        self.0.checked(check_webview(action, &domains), |()| {
            let body = WebviewBody {
                action: action.as_str(),
                webviewdomain: Some(&domains),
            };
            self.0.post_with(path, &body, Retry::Unsafe, ok)
        })
    }

    /// The file that proves a web-view domain: `POST /wxa/get_webviewdomain_confirmfile`.
    pub fn webview_confirm_file(&self) -> ApiCall<'static, WebviewConfirmFile, K> {
        self.0.post(
            "/wxa/get_webviewdomain_confirmfile",
            &serde_json::json!({}),
            Retry::Safe,
        )
    }
}
