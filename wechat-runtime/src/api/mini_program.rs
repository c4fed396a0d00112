//! Mini Program server APIs: login (`jscode2session`), Mini Program codes and QR codes (image
//! bytes), phone numbers, URL schemes and URL links, and the text security check.
//!
//! ```no_run
//! use wechat_runtime::api::mini_program::{Expiry, UnlimitedWxaCode, UrlLink};
//! use wechat_runtime::{Client, Hub, MemoryStore, Secret};
//!
//! # async fn run() -> Result<(), wechat_runtime::Error> {
//! let hub = Hub::new(MemoryStore::new().with_app("wx0123456789abcdef", "the-appsecret"));
//! let client = Client::builder(hub).appid("wx0123456789abcdef").build()?;
//!
//! // Login: the code of wx.login() for the user's openid and session key.
//! let session = client
//!     .mini_program()
//!     .jscode2session("JSCODE", &Secret::new("the-appsecret"))
//!     .await?;
//! println!("{}", session.openid);
//!
//! // A Mini Program code (PNG/JPEG bytes) that opens a page with a scene.
//! let image = client
//!     .mini_program()
//!     .wxacode_unlimited(&UnlimitedWxaCode::new("id=42").page("pages/item/item").width(430))
//!     .await?;
//! std::fs::write("code.png", &image).ok();
//!
//! // A link that opens the Mini Program from outside WeChat, valid 7 days.
//! let link = client
//!     .mini_program()
//!     .url_link(&UrlLink::new(Expiry::AfterDays(7)).path("pages/index/index"))
//!     .await?;
//! println!("{link}");
//! # Ok(()) }
//! ```

use std::fmt;

use ::bytes::Bytes;
use reqwest::Method;
use serde::{Deserialize, Serialize};

use super::{bytes, check_all_present, check_present, string_or_number, ApiCall, Area, Retry};
use crate::error::{Error, Result};
use crate::token::{Redacted, Secret};

/// Mini Program APIs; from [`Client::mini_program`](crate::Client::mini_program).
pub struct MiniProgramApi<'c, K>(pub(crate) Area<'c, K>);

/// The longest `scene` of an unlimited Mini Program code, in characters.
pub const MAX_SCENE_LEN: usize = 32;
/// The longest `path` of [`MiniProgramApi::wxacode`], in bytes.
pub const MAX_WXACODE_PATH_LEN: usize = 1024;
/// The longest `path` of [`MiniProgramApi::create_qrcode`], in bytes.
pub const MAX_QRCODE_PATH_LEN: usize = 128;
/// The longest `query` of a URL scheme or URL link, in characters.
pub const MAX_LINK_QUERY_LEN: usize = 1024;
/// The longest a URL scheme or URL link may live, in days.
pub const MAX_LINK_DAYS: u32 = 30;
/// The longest text of [`MiniProgramApi::msg_sec_check`], in characters.
pub const MAX_SEC_CHECK_CONTENT_LEN: usize = 2500;

/// The characters WeChat takes in a `scene`, besides ASCII letters and digits.
const SCENE_SPECIALS: &str = "!#$&'()*+,/:;=?@-._~";

/// A login session (`jscode2session`). `Debug` never shows the session key.
#[derive(Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct Session {
    /// The user's openid under the Mini Program.
    pub openid: String,
    /// The session key, to decrypt what `wx.getUserInfo` and others return. Keep it on the
    /// server.
    #[serde(default)]
    pub session_key: String,
    /// The user's unionid, for Mini Programs bound to an open platform account.
    #[serde(default)]
    pub unionid: Option<String>,
}

impl fmt::Debug for Session {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Session")
            .field("openid", &self.openid)
            .field("session_key", &Redacted)
            .field("unionid", &self.unionid)
            .finish()
    }
}

/// Which version of the Mini Program a code or link opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum EnvVersion {
    /// The published version (WeChat's default).
    Release,
    /// The trial version.
    Trial,
    /// The development version.
    Develop,
}

/// The colour of a code's lines, in decimal RGB.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
pub struct LineColor {
    /// Red.
    pub r: u8,
    /// Green.
    pub g: u8,
    /// Blue.
    pub b: u8,
}

impl LineColor {
    /// The colour `(r, g, b)`.
    pub fn rgb(r: u8, g: u8, b: u8) -> Self {
        LineColor { r, g, b }
    }
}

/// The look of a Mini Program code, shared by both kinds.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
struct CodeStyle {
    #[serde(skip_serializing_if = "Option::is_none")]
    env_version: Option<EnvVersion>,
    #[serde(skip_serializing_if = "Option::is_none")]
    width: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    auto_color: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    line_color: Option<LineColor>,
    #[serde(skip_serializing_if = "Option::is_none")]
    is_hyaline: Option<bool>,
}

impl CodeStyle {
    fn check(&self) -> Result<()> {
        check_width(self.width)
    }
}

fn check_width(width: Option<u32>) -> Result<()> {
    match width {
        Some(width) if !(280..=1280).contains(&width) => Err(Error::invalid_input(format!(
            "width is {width}px; WeChat takes 280 to 1280"
        ))),
        _ => Ok(()),
    }
}

macro_rules! style_setters {
    () => {
        /// Which version of the Mini Program it opens (the published one unless set).
        pub fn env_version(mut self, env_version: EnvVersion) -> Self {
            self.style.env_version = Some(env_version);
            self
        }

        /// The width in px, 280 to 1280 (430 unless set).
        pub fn width(mut self, width: u32) -> Self {
            self.style.width = Some(width);
            self
        }

        /// Whether WeChat picks the line colour itself.
        pub fn auto_color(mut self, auto_color: bool) -> Self {
            self.style.auto_color = Some(auto_color);
            self
        }

        /// The line colour, when `auto_color` is off (black unless set).
        pub fn line_color(mut self, line_color: LineColor) -> Self {
            self.style.line_color = Some(line_color);
            self
        }

        /// Whether the background is transparent.
        pub fn is_hyaline(mut self, is_hyaline: bool) -> Self {
            self.style.is_hyaline = Some(is_hyaline);
            self
        }
    };
}

/// A Mini Program code for a page with its query, for few codes (WeChat limits how many):
/// the request of [`MiniProgramApi::wxacode`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[must_use]
pub struct WxaCode {
    path: String,
    #[serde(flatten)]
    style: CodeStyle,
}

impl WxaCode {
    /// The code of `path`, a page with its query (e.g. `pages/index/index?id=1`), at most
    /// 1024 bytes.
    pub fn new(path: impl Into<String>) -> Self {
        WxaCode {
            path: path.into(),
            style: CodeStyle::default(),
        }
    }

    style_setters!();

    fn check(&self) -> Result<()> {
        check_present("path", &self.path)?;
        if self.path.len() > MAX_WXACODE_PATH_LEN {
            return Err(Error::invalid_input(format!(
                "path has {} bytes; WeChat takes at most {MAX_WXACODE_PATH_LEN}",
                self.path.len()
            )));
        }
        self.style.check()
    }
}

/// A Mini Program code for a page and a `scene`, without limit on their number: the request
/// of [`MiniProgramApi::wxacode_unlimited`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[must_use]
pub struct UnlimitedWxaCode {
    scene: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    page: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    check_path: Option<bool>,
    #[serde(flatten)]
    style: CodeStyle,
}

impl UnlimitedWxaCode {
    /// The code of `scene`: at most 32 characters of letters, digits and
    /// `!#$&'()*+,/:;=?@-._~`, handed to the page as its `scene` query.
    pub fn new(scene: impl Into<String>) -> Self {
        UnlimitedWxaCode {
            scene: scene.into(),
            page: None,
            check_path: None,
            style: CodeStyle::default(),
        }
    }

    /// The page it opens, without a leading `/` nor a query (the home page unless set).
    pub fn page(mut self, page: impl Into<String>) -> Self {
        self.page = Some(page.into());
        self
    }

    /// Whether WeChat checks that the page exists in the published version (`true` unless
    /// set); `false` allows unpublished pages.
    pub fn check_path(mut self, check_path: bool) -> Self {
        self.check_path = Some(check_path);
        self
    }

    style_setters!();

    fn check(&self) -> Result<()> {
        check_scene(&self.scene)?;
        if let Some(page) = &self.page {
            if page.starts_with('/') || page.contains('?') {
                return Err(Error::invalid_input(
                    "page must have no leading `/` and no query (put parameters in the scene)",
                ));
            }
        }
        self.style.check()
    }
}

/// Rejects a `scene` WeChat would refuse: empty, over 32 characters, or with other
/// characters than letters, digits and `!#$&'()*+,/:;=?@-._~`.
pub fn check_scene(scene: &str) -> Result<()> {
    if scene.is_empty() {
        return Err(Error::invalid_input("scene is empty"));
    }
    let count = scene.chars().count();
    if count > MAX_SCENE_LEN {
        return Err(Error::invalid_input(format!(
            "scene has {count} characters; WeChat takes at most {MAX_SCENE_LEN}"
        )));
    }
    if let Some(bad) = scene
        .chars()
        .find(|c| !c.is_ascii_alphanumeric() && !SCENE_SPECIALS.contains(*c))
    {
        return Err(Error::invalid_input(format!(
            "scene holds `{bad}`; WeChat takes letters, digits and {SCENE_SPECIALS} only"
        )));
    }
    Ok(())
}

/// A user's phone number.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct PhoneInfo {
    /// The number, with the country code for numbers outside China.
    #[serde(rename = "phoneNumber", default)]
    pub phone_number: String,
    /// The number without the country code.
    #[serde(rename = "purePhoneNumber", default)]
    pub pure_phone_number: String,
    /// The country code, e.g. `86` (WeChat sends a number or a string).
    #[serde(rename = "countryCode", default, deserialize_with = "string_or_number")]
    pub country_code: String,
    /// Which Mini Program asked, and when.
    #[serde(default)]
    pub watermark: Option<Watermark>,
}

/// The watermark of data WeChat hands out: which appid it is for, and when.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct Watermark {
    /// When, in unix seconds.
    #[serde(default)]
    pub timestamp: u64,
    /// The Mini Program's appid.
    #[serde(default)]
    pub appid: String,
}

#[derive(Deserialize)]
struct PhoneAnswer {
    phone_info: PhoneInfo,
}

/// When a URL scheme or a URL link stops working.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Expiry {
    /// At this unix second (`expire_type` 0), at most 30 days ahead.
    At(u64),
    /// After this many days (`expire_type` 1), 1 to 30.
    AfterDays(u32),
}

impl Expiry {
    fn check(self) -> Result<()> {
        match self {
            Expiry::At(0) => Err(Error::invalid_input("expire_time is 0")),
            Expiry::AfterDays(days) if !(1..=MAX_LINK_DAYS).contains(&days) => {
                Err(Error::invalid_input(format!(
                    "expire_interval is {days} days; WeChat takes 1 to {MAX_LINK_DAYS}"
                )))
            }
            _ => Ok(()),
        }
    }
}

impl Serialize for Expiry {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(2))?;
        match *self {
            Expiry::At(time) => {
                map.serialize_entry("expire_type", &0)?;
                map.serialize_entry("expire_time", &time)?;
            }
            Expiry::AfterDays(days) => {
                map.serialize_entry("expire_type", &1)?;
                map.serialize_entry("expire_interval", &days)?;
            }
        }
        map.end()
    }
}

fn check_link_query(query: Option<&str>) -> Result<()> {
    match query {
        Some(query) if query.chars().count() > MAX_LINK_QUERY_LEN => {
            Err(Error::invalid_input(format!(
                "query has {} characters; WeChat takes at most {MAX_LINK_QUERY_LEN}",
                query.chars().count()
            )))
        }
        _ => Ok(()),
    }
}

/// Where a URL scheme leads: the `jump_wxa` of [`UrlScheme`].
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
struct JumpWxa {
    #[serde(skip_serializing_if = "Option::is_none")]
    path: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    query: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    env_version: Option<EnvVersion>,
}

/// A URL scheme (`weixin://dl/business/?t=..`) that opens the Mini Program: the request of
/// [`MiniProgramApi::url_scheme`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[must_use]
pub struct UrlScheme {
    jump_wxa: JumpWxa,
    #[serde(flatten)]
    expiry: Expiry,
}

impl UrlScheme {
    /// A scheme to the home page that stops working at `expiry`.
    pub fn new(expiry: Expiry) -> Self {
        UrlScheme {
            jump_wxa: JumpWxa::default(),
            expiry,
        }
    }

    /// The page it opens, published, without a query (the home page unless set).
    pub fn path(mut self, path: impl Into<String>) -> Self {
        self.jump_wxa.path = Some(path.into());
        self
    }

    /// The page's query, at most 1024 characters.
    pub fn query(mut self, query: impl Into<String>) -> Self {
        self.jump_wxa.query = Some(query.into());
        self
    }

    /// Which version it opens, outside WeChat only (the published one unless set).
    pub fn env_version(mut self, env_version: EnvVersion) -> Self {
        self.jump_wxa.env_version = Some(env_version);
        self
    }

    fn check(&self) -> Result<()> {
        check_link_query(self.jump_wxa.query.as_deref())?;
        self.expiry.check()
    }
}

#[derive(Deserialize)]
struct SchemeAnswer {
    openlink: String,
}

/// The cloud development static site a URL link passes through, instead of WeChat's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct CloudBase {
    /// The cloud environment.
    pub env: String,
    /// The site's own domain (the default domain unless set).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub domain: Option<String>,
    /// The H5 page, without a query (`/` unless set).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// The H5 page's query, at most 1024 characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub query: Option<String>,
    /// The appid of the environment's owner, for a shared environment.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource_appid: Option<String>,
}

impl CloudBase {
    /// The site of the cloud environment `env`.
    pub fn new(env: impl Into<String>) -> Self {
        CloudBase {
            env: env.into(),
            domain: None,
            path: None,
            query: None,
            resource_appid: None,
        }
    }
}

/// A URL link (`https://wxaurl.cn/..`) that opens the Mini Program: the request of
/// [`MiniProgramApi::url_link`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[must_use]
pub struct UrlLink {
    #[serde(skip_serializing_if = "Option::is_none")]
    path: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    query: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    env_version: Option<EnvVersion>,
    #[serde(flatten)]
    expiry: Expiry,
    #[serde(skip_serializing_if = "Option::is_none")]
    cloud_base: Option<CloudBase>,
}

impl UrlLink {
    /// A link to the home page that stops working at `expiry`.
    pub fn new(expiry: Expiry) -> Self {
        UrlLink {
            path: None,
            query: None,
            env_version: None,
            expiry,
            cloud_base: None,
        }
    }

    /// The page it opens, published, without a query (the home page unless set).
    pub fn path(mut self, path: impl Into<String>) -> Self {
        self.path = Some(path.into());
        self
    }

    /// The page's query, at most 1024 characters.
    pub fn query(mut self, query: impl Into<String>) -> Self {
        self.query = Some(query.into());
        self
    }

    /// Which version it opens, outside WeChat only (the published one unless set).
    pub fn env_version(mut self, env_version: EnvVersion) -> Self {
        self.env_version = Some(env_version);
        self
    }

    /// A cloud development static site to pass through.
    pub fn cloud_base(mut self, cloud_base: CloudBase) -> Self {
        self.cloud_base = Some(cloud_base);
        self
    }

    fn check(&self) -> Result<()> {
        check_link_query(self.query.as_deref())?;
        if let Some(cloud_base) = &self.cloud_base {
            check_present("cloud_base.env", &cloud_base.env)?;
            check_link_query(cloud_base.query.as_deref())?;
        }
        self.expiry.check()
    }
}

#[derive(Deserialize)]
struct UrlLinkAnswer {
    url_link: String,
}

/// Where a text to check appears: the `scene` of [`MsgSecCheck`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SecScene {
    /// A profile (1).
    Profile,
    /// A comment (2).
    Comment,
    /// A forum post (3).
    Forum,
    /// A social log (4).
    SocialLog,
}

impl SecScene {
    /// The number WeChat uses.
    pub fn code(self) -> u8 {
        match self {
            SecScene::Profile => 1,
            SecScene::Comment => 2,
            SecScene::Forum => 3,
            SecScene::SocialLog => 4,
        }
    }
}

impl Serialize for SecScene {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u8(self.code())
    }
}

/// A text to check for illegal content (version 2): the request of
/// [`MiniProgramApi::msg_sec_check`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[must_use]
pub struct MsgSecCheck {
    content: String,
    version: u8,
    scene: SecScene,
    openid: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    nickname: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    signature: Option<String>,
}

impl MsgSecCheck {
    /// Checks `content` (at most 2500 characters) that the user `openid` (who visited the Mini
    /// Program within two hours) wrote, in `scene`.
    pub fn new(openid: impl Into<String>, scene: SecScene, content: impl Into<String>) -> Self {
        MsgSecCheck {
            content: content.into(),
            version: 2,
            scene,
            openid: openid.into(),
            title: None,
            nickname: None,
            signature: None,
        }
    }

    /// The text's title.
    pub fn title(mut self, title: impl Into<String>) -> Self {
        self.title = Some(title.into());
        self
    }

    /// The user's nickname.
    pub fn nickname(mut self, nickname: impl Into<String>) -> Self {
        self.nickname = Some(nickname.into());
        self
    }

    /// The user's signature (profile scene only).
    pub fn signature(mut self, signature: impl Into<String>) -> Self {
        self.signature = Some(signature.into());
        self
    }

    fn check(&self) -> Result<()> {
        check_present("openid", &self.openid)?;
        check_present("content", &self.content)?;
        let count = self.content.chars().count();
        if count > MAX_SEC_CHECK_CONTENT_LEN {
            return Err(Error::invalid_input(format!(
                "content has {count} characters; WeChat takes at most {MAX_SEC_CHECK_CONTENT_LEN}"
            )));
        }
        Ok(())
    }
}

/// What WeChat advises about a checked text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Suggest {
    /// Nothing wrong found.
    Pass,
    /// Needs a human review.
    Review,
    /// Risky: do not publish.
    Risky,
    /// A value this version does not know.
    #[serde(other)]
    Unknown,
}

/// The overall result of a check.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct SecResult {
    /// The advice.
    pub suggest: Suggest,
    /// The label: 100 normal, 10001 ads, 20001 politics, 20002 porn, 20003 abuse, 20006
    /// crime, 20008 fraud, 20012 vulgar, 20013 copyright, 21000 other.
    #[serde(default)]
    pub label: u32,
}

/// The result of one strategy of a check.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct SecDetail {
    /// The strategy, e.g. `content_model` or `keyword`.
    #[serde(default)]
    pub strategy: String,
    /// 0 when the strategy ran.
    #[serde(default)]
    pub errcode: i64,
    /// Its advice.
    #[serde(default)]
    pub suggest: Option<Suggest>,
    /// Its label.
    #[serde(default)]
    pub label: Option<u32>,
    /// The level (keyword strategies).
    #[serde(default)]
    pub level: Option<u32>,
    /// Its confidence, 0 to 100 (model strategies).
    #[serde(default)]
    pub prob: Option<u32>,
    /// The keyword that matched (keyword strategies).
    #[serde(default)]
    pub keyword: Option<String>,
}

/// The answer of [`MiniProgramApi::msg_sec_check`].
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct SecCheck {
    /// The request's id.
    #[serde(default)]
    pub trace_id: String,
    /// The overall result.
    pub result: SecResult,
    /// The result of each strategy.
    #[serde(default)]
    pub detail: Vec<SecDetail>,
}

fn check_qrcode_path(path: &str, width: Option<u32>) -> Result<()> {
    check_present("path", path).and(check_width(width))?;
    if path.len() > MAX_QRCODE_PATH_LEN {
        return Err(Error::invalid_input(format!(
            "path has {} bytes; WeChat takes at most {MAX_QRCODE_PATH_LEN}",
            path.len()
        )));
    }
    Ok(())
}

impl<'c, K: 'static> MiniProgramApi<'c, K> {
    /// Exchanges the `js_code` of `wx.login()` for the user's session:
    /// `GET /sns/jscode2session?appid&secret&js_code&grant_type=authorization_code`.
    ///
    /// `secret` is the Mini Program's `appsecret`: client storages hold tokens only, so the
    /// caller passes it. (A third-party platform uses
    /// [`ComponentApi::jscode2session`](super::component::ComponentApi::jscode2session).)
    pub fn jscode2session(&self, js_code: &str, secret: &Secret) -> ApiCall<'static, Session, K> {
        let checked = check_all_present(&[("js_code", js_code), ("secret", secret.expose())]);
        self.0.checked_with_appid(checked, |appid| {
            let request = self
                .0
                .request(Method::GET, "/sns/jscode2session")
                .query("appid", appid)
                .query("secret", secret.expose())
                .query("js_code", js_code)
                .query("grant_type", "authorization_code");
            self.0.call_json(request)
        })
    }

    /// A Mini Program code (image bytes) for a page with its query; WeChat limits how many
    /// such codes an account makes (100,000 together with [`create_qrcode`]):
    /// `POST /wxa/getwxacode`.
    ///
    /// [`create_qrcode`]: MiniProgramApi::create_qrcode
    pub fn wxacode(&self, code: &WxaCode) -> ApiCall<'static, Bytes, K> {
        self.0.checked(code.check(), |()| {
            self.0
                .post_with("/wxa/getwxacode", code, Retry::Unsafe, bytes)
        })
    }

    /// A Mini Program code (image bytes) for a page and a scene, without limit on their
    /// number: `POST /wxa/getwxacodeunlimit`.
    pub fn wxacode_unlimited(&self, code: &UnlimitedWxaCode) -> ApiCall<'static, Bytes, K> {
        self.0.checked(code.check(), |()| {
            self.0
                .post_with("/wxa/getwxacodeunlimit", code, Retry::Safe, bytes)
        })
    }

    /// A Mini Program QR code (image bytes) for `path` (a page with its query, at most 128
    /// bytes), `width` 280 to 1280 px (430 unless given); limited in number as [`wxacode`]:
    /// `POST /cgi-bin/wxaapp/createwxaqrcode`.
    ///
    /// [`wxacode`]: MiniProgramApi::wxacode
    pub fn create_qrcode(&self, path: &str, width: Option<u32>) -> ApiCall<'static, Bytes, K> {
        #[derive(Serialize)]
        struct Body<'a> {
            path: &'a str,
            #[serde(skip_serializing_if = "Option::is_none")]
            width: Option<u32>,
        }
        self.0.checked(check_qrcode_path(path, width), |()| {
            self.0.post_with(
                "/cgi-bin/wxaapp/createwxaqrcode",
                &Body { path, width },
                Retry::Unsafe,
                bytes,
            )
        })
    }

    /// The user's phone number, from the `code` of the `getPhoneNumber` button (single use,
    /// valid 5 minutes): `POST /wxa/business/getuserphonenumber`.
    pub fn phone_number(&self, code: &str) -> ApiCall<'static, PhoneInfo, K> {
        self.0.checked(check_present("code", code), |()| {
            self.0.post_with(
                "/wxa/business/getuserphonenumber",
                &serde_json::json!({ "code": code }),
                Retry::Unsafe,
                |response| Ok(response.json::<PhoneAnswer>()?.phone_info),
            )
        })
    }

    /// A URL scheme (`weixin://dl/business/?t=..`, the `openlink`) that opens the Mini Program:
    /// `POST /wxa/generatescheme`.
    pub fn url_scheme(&self, scheme: &UrlScheme) -> ApiCall<'static, String, K> {
        self.0.checked(scheme.check(), |()| {
            self.0
                .post_with("/wxa/generatescheme", scheme, Retry::Unsafe, |response| {
                    Ok(response.json::<SchemeAnswer>()?.openlink)
                })
        })
    }

    /// A URL link (`https://wxaurl.cn/..`) that opens the Mini Program:
    /// `POST /wxa/generate_urllink`.
    pub fn url_link(&self, link: &UrlLink) -> ApiCall<'static, String, K> {
        self.0.checked(link.check(), |()| {
            self.0
                .post_with("/wxa/generate_urllink", link, Retry::Unsafe, |response| {
                    Ok(response.json::<UrlLinkAnswer>()?.url_link)
                })
        })
    }

    /// Checks a text for illegal content (version 2): `POST /wxa/msg_sec_check`.
    pub fn msg_sec_check(&self, check: &MsgSecCheck) -> ApiCall<'static, SecCheck, K> {
        self.0.checked(check.check(), |()| {
            self.0.post("/wxa/msg_sec_check", check, Retry::Safe)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scene_rules() {
        assert!(check_scene("id=42&from=share").is_ok());
        assert!(check_scene("!#$&'()*+,/:;=?@-._~").is_ok());
        assert!(check_scene(&"a".repeat(32)).is_ok());
        assert!(check_scene(&"a".repeat(33)).is_err());
        assert!(check_scene("").is_err());
        assert!(check_scene("a%20b").is_err());
        assert!(check_scene("中文").is_err());
        assert!(check_scene("a b").is_err());
    }

    #[test]
    fn expiry_serializes_as_its_type() {
        let at = serde_json::to_value(UrlLink::new(Expiry::At(1_700_000_000))).unwrap();
        assert_eq!(
            at,
            serde_json::json!({"expire_type": 0, "expire_time": 1_700_000_000u64})
        );
        let after = serde_json::to_value(UrlScheme::new(Expiry::AfterDays(7))).unwrap();
        assert_eq!(
            after,
            serde_json::json!({"jump_wxa": {}, "expire_type": 1, "expire_interval": 7})
        );
    }
}
