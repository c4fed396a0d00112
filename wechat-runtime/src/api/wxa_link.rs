//! Mini Program links: what a URL scheme or URL link opens, the daily visit quota, Short
//! Links, and the schemes of NFC tags.
//!
//! URL schemes and URL links are made by
//! [`MiniProgramApi::url_scheme`](super::mini_program::MiniProgramApi::url_scheme) and
//! [`MiniProgramApi::url_link`](super::mini_program::MiniProgramApi::url_link); this area reads
//! them back and makes the other kinds of link.
//!
//! # Example
//!
//! ```no_run
//! # async fn example<S>(client: &wechat_runtime::Client<S>) -> wechat_runtime::Result<()> {
//! use wechat_runtime::api::mini_program::{Expiry, UrlScheme};
//! use wechat_runtime::api::wxa_link::ShortLink;
//!
//! let scheme = client
//!     .mini_program()
//!     .url_scheme(&UrlScheme::new(Expiry::AfterDays(7)).path("pages/index/index"))
//!     .await?;
//! let found = client.wxa_link().query_scheme(&scheme).await?;
//! println!("opens {} until {}", found.info.path, found.info.expire_time);
//! println!("{} visits left today", client.wxa_link().visit_quota().await?);
//!
//! let link = client
//!     .wxa_link()
//!     .short_link(&ShortLink::new("pages/item/item?id=42").title("Today's pick"))
//!     .await?;
//! println!("{link}");
//! # Ok(()) }
//! ```

use serde::{Deserialize, Deserializer, Serialize};

use super::mini_program::{EnvVersion, MAX_LINK_QUERY_LEN};
use super::{check_present, ApiCall, Area, Retry};
use crate::error::{Error, Result};

/// Mini Program links; from [`Client::wxa_link`](crate::Client::wxa_link).
pub struct WxaLinkApi<'c, K>(pub(crate) Area<'c, K>);

/// The longest `page_url` of a [`ShortLink`], in characters.
pub const MAX_SHORT_LINK_URL_LEN: usize = 1024;

/// `env_version` as WeChat reports it; anything else (an empty string) is `None`.
fn lenient_env_version<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> std::result::Result<Option<EnvVersion>, D::Error> {
    Ok(
        match Option::<String>::deserialize(deserializer)?.as_deref() {
            Some("release") => Some(EnvVersion::Release),
            Some("trial") => Some(EnvVersion::Trial),
            Some("develop") => Some(EnvVersion::Develop),
            _ => None,
        },
    )
}

/// The cloud development static site a URL link passes through, as WeChat reports it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct CloudBaseInfo {
    /// The cloud environment.
    #[serde(default)]
    pub env: String,
    /// The site's own domain (WeChat's documentation spells it `doamin`).
    #[serde(default, alias = "doamin")]
    pub domain: String,
    /// The H5 page.
    #[serde(default)]
    pub path: String,
    /// The H5 page's query.
    #[serde(default)]
    pub query: String,
    /// The appid of the environment's owner, for a shared environment.
    #[serde(default)]
    pub resource_appid: String,
}

/// What a URL scheme or URL link opens.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct LinkInfo {
    /// The Mini Program's appid.
    #[serde(default)]
    pub appid: String,
    /// The page (empty for the home page).
    #[serde(default)]
    pub path: String,
    /// The page's query.
    #[serde(default)]
    pub query: String,
    /// When it was made, in unix seconds.
    #[serde(default)]
    pub create_time: u64,
    /// When it stops working, in unix seconds; 0 if never.
    #[serde(default)]
    pub expire_time: u64,
    /// Which version it opens.
    #[serde(default, deserialize_with = "lenient_env_version")]
    pub env_version: Option<EnvVersion>,
    /// The static site a URL link passes through, if any.
    #[serde(default)]
    pub cloud_base: Option<CloudBaseInfo>,
}

/// The visits of URL schemes and URL links an account has left.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct VisitQuota {
    /// Visits left today, URL schemes and URL links together.
    #[serde(default)]
    pub remain_visit_quota: u64,
}

/// The answer of [`WxaLinkApi::query_scheme`] and [`WxaLinkApi::query_url_link`].
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct LinkQuery {
    /// What it opens (`scheme_info` or `url_link_info`).
    #[serde(rename = "scheme_info", alias = "url_link_info")]
    pub info: LinkInfo,
    /// The visits left today, where WeChat sends them.
    #[serde(default)]
    pub quota_info: Option<VisitQuota>,
}

/// A Short Link (`#小程序://..`) that opens a page inside WeChat: the request of
/// [`WxaLinkApi::short_link`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[must_use]
pub struct ShortLink {
    page_url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    page_title: Option<String>,
    is_permanent: bool,
}

impl ShortLink {
    /// A link valid 30 days to `page_url`, a published page with its query (at most 1024
    /// characters).
    pub fn new(page_url: impl Into<String>) -> Self {
        ShortLink {
            page_url: page_url.into(),
            page_title: None,
            is_permanent: false,
        }
    }

    /// The page's title (WeChat cuts it past 20 characters).
    pub fn title(mut self, title: impl Into<String>) -> Self {
        self.page_title = Some(title.into());
        self
    }

    /// A link that never expires; an account makes at most 100,000 of them.
    pub fn permanent(mut self, permanent: bool) -> Self {
        self.is_permanent = permanent;
        self
    }

    fn check(&self) -> Result<()> {
        check_present("page_url", &self.page_url)?;
        let count = self.page_url.chars().count();
        if count > MAX_SHORT_LINK_URL_LEN {
            return Err(Error::invalid_input(format!(
                "page_url has {count} characters; WeChat takes at most {MAX_SHORT_LINK_URL_LEN}"
            )));
        }
        Ok(())
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
struct NfcTarget {
    #[serde(skip_serializing_if = "Option::is_none")]
    path: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    query: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    env_version: Option<EnvVersion>,
}

impl NfcTarget {
    fn is_empty(&self) -> bool {
        self == &NfcTarget::default()
    }
}

/// The scheme of an NFC tag (Mini Programs of organisations that applied for NFC): the request
/// of [`WxaLinkApi::nfc_scheme`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[must_use]
pub struct NfcScheme {
    #[serde(skip_serializing_if = "NfcTarget::is_empty")]
    jump_wxa: NfcTarget,
    model_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    sn: Option<String>,
}

impl NfcScheme {
    /// A scheme to the home page for the device model `model_id`.
    pub fn new(model_id: impl Into<String>) -> Self {
        NfcScheme {
            jump_wxa: NfcTarget::default(),
            model_id: model_id.into(),
            sn: None,
        }
    }

    /// The page it opens, published, without a query.
    pub fn path(mut self, path: impl Into<String>) -> Self {
        self.jump_wxa.path = Some(path.into());
        self
    }

    /// The page's query, at most 1024 characters.
    pub fn query(mut self, query: impl Into<String>) -> Self {
        self.jump_wxa.query = Some(query.into());
        self
    }

    /// Which version it opens, outside WeChat only.
    pub fn env_version(mut self, env_version: EnvVersion) -> Self {
        self.jump_wxa.env_version = Some(env_version);
        self
    }

    /// The device's serial number, for one scheme per device.
    pub fn sn(mut self, sn: impl Into<String>) -> Self {
        self.sn = Some(sn.into());
        self
    }

    fn check(&self) -> Result<()> {
        check_present("model_id", &self.model_id)?;
        let count = self
            .jump_wxa
            .query
            .as_deref()
            .map_or(0, |q| q.chars().count());
        if count > MAX_LINK_QUERY_LEN {
            return Err(Error::invalid_input(format!(
                "query has {count} characters; WeChat takes at most {MAX_LINK_QUERY_LEN}"
            )));
        }
        Ok(())
    }
}

#[derive(Serialize)]
struct SchemeQuery<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    scheme: Option<&'a str>,
    query_type: u8,
}

impl<'c, K: 'static> WxaLinkApi<'c, K> {
    /// What a URL scheme (`weixin://dl/business/?t=..`, with or without its `cq` parameter)
    /// opens: `POST /wxa/queryscheme`.
    pub fn query_scheme(&self, scheme: &str) -> ApiCall<'static, LinkQuery, K> {
        self.0.checked(check_present("scheme", scheme), |()| {
            self.0.post(
                "/wxa/queryscheme",
                &SchemeQuery {
                    scheme: Some(scheme),
                    query_type: 0,
                },
                Retry::Safe,
            )
        })
    }

    /// The visits of URL schemes and URL links the account has left today:
    /// `POST /wxa/queryscheme` with `query_type` 1.
    pub fn visit_quota(&self) -> ApiCall<'static, u64, K> {
        self.0.post_with(
            "/wxa/queryscheme",
            &SchemeQuery {
                scheme: None,
                query_type: 1,
            },
            Retry::Safe,
            |response| {
                #[derive(Deserialize)]
                struct Answer {
                    quota_info: VisitQuota,
                }
                Ok(response.json::<Answer>()?.quota_info.remain_visit_quota)
            },
        )
    }

    /// What a URL link (`https://wxaurl.cn/..`, with or without its `cq` parameter) opens:
    /// `POST /wxa/query_urllink`.
    pub fn query_url_link(&self, url_link: &str) -> ApiCall<'static, LinkQuery, K> {
        self.0.checked(check_present("url_link", url_link), |()| {
            self.0.post(
                "/wxa/query_urllink",
                &serde_json::json!({ "url_link": url_link, "query_type": 0 }),
                Retry::Safe,
            )
        })
    }

    /// A Short Link that opens a page inside WeChat: `POST /wxa/genwxashortlink`.
    pub fn short_link(&self, link: &ShortLink) -> ApiCall<'static, String, K> {
        self.0.checked(link.check(), |()| {
            self.0
                .post_with("/wxa/genwxashortlink", link, Retry::Unsafe, |response| {
                    #[derive(Deserialize)]
                    struct Answer {
                        link: String,
                    }
                    Ok(response.json::<Answer>()?.link)
                })
        })
    }

    /// The scheme (`openlink`) of an NFC tag: `POST /wxa/generatenfcscheme`.
    pub fn nfc_scheme(&self, scheme: &NfcScheme) -> ApiCall<'static, String, K> {
        self.0.checked(scheme.check(), |()| {
            self.0.post_with(
                "/wxa/generatenfcscheme",
                scheme,
                Retry::Unsafe,
                |response| {
                    #[derive(Deserialize)]
                    struct Answer {
                        openlink: String,
                    }
                    Ok(response.json::<Answer>()?.openlink)
                },
            )
        })
    }
}
