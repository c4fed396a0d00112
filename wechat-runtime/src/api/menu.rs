//! Custom menus: the default menu, conditional (personalized) menus, and the menu as configured
//! on the platform's website.
//!
//! A menu is 1 to 3 top-level [`Button`]s; a top-level button either acts itself or opens 1 to 5
//! sub-buttons. [`MenuApi::create`] checks that shape, and the fields each button type needs,
//! before anything is sent.
//!
//! ```no_run
//! # async fn run() -> wechat_runtime::Result<()> {
//! use wechat_runtime::api::menu::{Button, MatchRule};
//! use wechat_runtime::{Client, Hub, MemoryStore};
//!
//! let hub = Hub::builder(MemoryStore::new().with_app("wx0123456789abcdef", "the-appsecret")).build()?;
//! let client = Client::builder(hub).appid("wx0123456789abcdef").build()?;
//!
//! let menu = [
//!     Button::click("Today", "V1001_TODAY_MUSIC"),
//!     Button::parent(
//!         "More",
//!         vec![
//!             Button::view("Search", "https://www.example.com/"),
//!             Button::scancode_push("Scan", "rselfmenu_0_1"),
//!         ],
//!     ),
//! ];
//! client.menu().create(&menu).await?;
//! let menuid = client
//!     .menu()
//!     .add_conditional(&menu, &MatchRule::tag("2"))
//!     .await?;
//! let current = client.menu().get().await?;
//! println!("{} buttons, conditional menu {menuid}", current.menu.button.len());
//! # Ok(()) }
//! ```

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};

use super::{
    check_len, check_present, ok, opt_string_or_number, string_or_number, ApiCall, Area, Retry,
};
use crate::error::{Error, Result};

/// Custom menus; from [`Client::menu`](crate::Client::menu).
pub struct MenuApi<'c, K>(pub(crate) Area<'c, K>);

/// The most top-level buttons a menu has.
pub const MAX_BUTTONS: usize = 3;
/// The most sub-buttons one top-level button has.
pub const MAX_SUB_BUTTONS: usize = 5;

/// What a button does when tapped: its `type` on the wire.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ButtonKind {
    /// `click`: pushes a click event with the button's `key`.
    Click,
    /// `view`: opens the button's `url`.
    View,
    /// `miniprogram`: opens a Mini Program page (`appid`, `pagepath`; `url` for old clients).
    Miniprogram,
    /// `scancode_push`: opens the scanner and pushes the result.
    ScancodePush,
    /// `scancode_waitmsg`: opens the scanner, pushes the result and shows "receiving".
    ScancodeWaitmsg,
    /// `pic_sysphoto`: takes a photo with the camera.
    PicSysphoto,
    /// `pic_photo_or_album`: takes a photo or picks one from the album.
    PicPhotoOrAlbum,
    /// `pic_weixin`: picks a photo from the WeChat album.
    PicWeixin,
    /// `location_select`: picks a location.
    LocationSelect,
    /// `media_id`: sends the permanent material `media_id`.
    MediaId,
    /// `view_limited`: opens the article material `media_id` (older accounts).
    ViewLimited,
    /// `article_id`: sends the published article `article_id`.
    ArticleId,
    /// `article_view_limited`: opens the published article `article_id`.
    ArticleViewLimited,
    /// A type this SDK does not know, as WeChat sent it.
    Other(String),
}

impl ButtonKind {
    /// The type as WeChat writes it.
    pub fn as_str(&self) -> &str {
        match self {
            ButtonKind::Click => "click",
            ButtonKind::View => "view",
            ButtonKind::Miniprogram => "miniprogram",
            ButtonKind::ScancodePush => "scancode_push",
            ButtonKind::ScancodeWaitmsg => "scancode_waitmsg",
            ButtonKind::PicSysphoto => "pic_sysphoto",
            ButtonKind::PicPhotoOrAlbum => "pic_photo_or_album",
            ButtonKind::PicWeixin => "pic_weixin",
            ButtonKind::LocationSelect => "location_select",
            ButtonKind::MediaId => "media_id",
            ButtonKind::ViewLimited => "view_limited",
            ButtonKind::ArticleId => "article_id",
            ButtonKind::ArticleViewLimited => "article_view_limited",
            ButtonKind::Other(other) => other,
        }
    }

    fn needs_key(&self) -> bool {
        matches!(
            self,
            ButtonKind::Click
                | ButtonKind::ScancodePush
                | ButtonKind::ScancodeWaitmsg
                | ButtonKind::PicSysphoto
                | ButtonKind::PicPhotoOrAlbum
                | ButtonKind::PicWeixin
                | ButtonKind::LocationSelect
        )
    }
}

impl fmt::Display for ButtonKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl From<&str> for ButtonKind {
    fn from(value: &str) -> Self {
        match value {
            "click" => ButtonKind::Click,
            "view" => ButtonKind::View,
            "miniprogram" => ButtonKind::Miniprogram,
            "scancode_push" => ButtonKind::ScancodePush,
            "scancode_waitmsg" => ButtonKind::ScancodeWaitmsg,
            "pic_sysphoto" => ButtonKind::PicSysphoto,
            "pic_photo_or_album" => ButtonKind::PicPhotoOrAlbum,
            "pic_weixin" => ButtonKind::PicWeixin,
            "location_select" => ButtonKind::LocationSelect,
            "media_id" => ButtonKind::MediaId,
            "view_limited" => ButtonKind::ViewLimited,
            "article_id" => ButtonKind::ArticleId,
            "article_view_limited" => ButtonKind::ArticleViewLimited,
            other => ButtonKind::Other(other.to_owned()),
        }
    }
}

impl Serialize for ButtonKind {
    fn serialize<S: serde::Serializer>(
        &self,
        serializer: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for ButtonKind {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        let value = String::deserialize(deserializer)?;
        Ok(ButtonKind::from(value.as_str()))
    }
}

/// One menu button: a top-level button or a sub-button.
///
/// Build one with the constructors ([`Button::click`], [`Button::view`], [`Button::parent`],
/// ...); the same type decodes the buttons of [`MenuApi::get`] and [`MenuApi::try_match`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Button {
    /// What the button does; `None` for a button that opens sub-buttons.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<ButtonKind>,
    /// The title: at most 16 bytes on a top-level button, 60 on a sub-button.
    #[serde(default)]
    pub name: String,
    /// The event key of click-like buttons (at most 128 bytes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// The page of `view` buttons, the fallback page of `miniprogram` ones (at most 1024 bytes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The permanent material of `media_id` and `view_limited` buttons.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub media_id: Option<String>,
    /// The Mini Program of `miniprogram` buttons.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub appid: Option<String>,
    /// The Mini Program page of `miniprogram` buttons.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pagepath: Option<String>,
    /// The published article of `article_id` and `article_view_limited` buttons.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub article_id: Option<String>,
    /// The sub-buttons of a top-level button without a type.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sub_button: Vec<Button>,
}

impl Button {
    fn new(kind: ButtonKind, name: impl Into<String>) -> Self {
        Button {
            kind: Some(kind),
            name: name.into(),
            key: None,
            url: None,
            media_id: None,
            appid: None,
            pagepath: None,
            article_id: None,
            sub_button: Vec::new(),
        }
    }

    fn keyed(kind: ButtonKind, name: impl Into<String>, key: impl Into<String>) -> Self {
        Button {
            key: Some(key.into()),
            ..Button::new(kind, name)
        }
    }

    /// A top-level button that opens 1 to 5 sub-buttons.
    pub fn parent(name: impl Into<String>, sub_buttons: Vec<Button>) -> Self {
        Button {
            kind: None,
            sub_button: sub_buttons,
            ..Button::new(ButtonKind::Click, name)
        }
    }

    /// A `click` button: WeChat pushes a click event carrying `key`.
    pub fn click(name: impl Into<String>, key: impl Into<String>) -> Self {
        Button::keyed(ButtonKind::Click, name, key)
    }

    /// A `view` button: opens `url`.
    pub fn view(name: impl Into<String>, url: impl Into<String>) -> Self {
        Button {
            url: Some(url.into()),
            ..Button::new(ButtonKind::View, name)
        }
    }

    /// A `miniprogram` button: opens `pagepath` of the Mini Program `appid`; clients too old for
    /// Mini Programs open `url`.
    pub fn miniprogram(
        name: impl Into<String>,
        url: impl Into<String>,
        appid: impl Into<String>,
        pagepath: impl Into<String>,
    ) -> Self {
        Button {
            url: Some(url.into()),
            appid: Some(appid.into()),
            pagepath: Some(pagepath.into()),
            ..Button::new(ButtonKind::Miniprogram, name)
        }
    }

    /// A `scancode_push` button.
    pub fn scancode_push(name: impl Into<String>, key: impl Into<String>) -> Self {
        Button::keyed(ButtonKind::ScancodePush, name, key)
    }

    /// A `scancode_waitmsg` button.
    pub fn scancode_waitmsg(name: impl Into<String>, key: impl Into<String>) -> Self {
        Button::keyed(ButtonKind::ScancodeWaitmsg, name, key)
    }

    /// A `pic_sysphoto` button.
    pub fn pic_sysphoto(name: impl Into<String>, key: impl Into<String>) -> Self {
        Button::keyed(ButtonKind::PicSysphoto, name, key)
    }

    /// A `pic_photo_or_album` button.
    pub fn pic_photo_or_album(name: impl Into<String>, key: impl Into<String>) -> Self {
        Button::keyed(ButtonKind::PicPhotoOrAlbum, name, key)
    }

    /// A `pic_weixin` button.
    pub fn pic_weixin(name: impl Into<String>, key: impl Into<String>) -> Self {
        Button::keyed(ButtonKind::PicWeixin, name, key)
    }

    /// A `location_select` button.
    pub fn location_select(name: impl Into<String>, key: impl Into<String>) -> Self {
        Button::keyed(ButtonKind::LocationSelect, name, key)
    }

    /// A `media_id` button: sends the permanent material `media_id`.
    pub fn media_id(name: impl Into<String>, media_id: impl Into<String>) -> Self {
        Button {
            media_id: Some(media_id.into()),
            ..Button::new(ButtonKind::MediaId, name)
        }
    }

    /// A `view_limited` button: opens the article material `media_id` (older accounts; new
    /// menus use [`Button::article_view_limited`]).
    pub fn view_limited(name: impl Into<String>, media_id: impl Into<String>) -> Self {
        Button {
            media_id: Some(media_id.into()),
            ..Button::new(ButtonKind::ViewLimited, name)
        }
    }

    /// An `article_id` button: sends the published article `article_id`.
    pub fn article_id(name: impl Into<String>, article_id: impl Into<String>) -> Self {
        Button {
            article_id: Some(article_id.into()),
            ..Button::new(ButtonKind::ArticleId, name)
        }
    }

    /// An `article_view_limited` button: opens the published article `article_id`.
    pub fn article_view_limited(name: impl Into<String>, article_id: impl Into<String>) -> Self {
        Button {
            article_id: Some(article_id.into()),
            ..Button::new(ButtonKind::ArticleViewLimited, name)
        }
    }
}

/// The rule of a conditional menu: which users see it. At least one field must be set.
///
/// WeChat now matches on `tag_id` and `client_platform_type` only; rules on the user's sex,
/// region or language are rejected (errcode 65320) and kept here to decode older menus.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct MatchRule {
    /// The user tag.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_string_or_number"
    )]
    pub tag_id: Option<String>,
    /// The phone OS: `1` iOS, `2` Android, `3` others.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_string_or_number"
    )]
    pub client_platform_type: Option<String>,
    /// Deprecated by WeChat: `1` male, `2` female.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_string_or_number"
    )]
    pub sex: Option<String>,
    /// Deprecated by WeChat: the country.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// Deprecated by WeChat: the province.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub province: Option<String>,
    /// Deprecated by WeChat: the city.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// Deprecated by WeChat: the client language, such as `zh_CN`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
}

impl MatchRule {
    /// Users with the tag `tag_id`.
    pub fn tag(tag_id: impl Into<String>) -> Self {
        MatchRule {
            tag_id: Some(tag_id.into()),
            ..MatchRule::default()
        }
    }

    /// Also (or only) users on this phone OS: `1` iOS, `2` Android, `3` others.
    pub fn client_platform_type(mut self, platform: impl Into<String>) -> Self {
        self.client_platform_type = Some(platform.into());
        self
    }

    fn is_empty(&self) -> bool {
        [
            &self.tag_id,
            &self.client_platform_type,
            &self.sex,
            &self.country,
            &self.province,
            &self.city,
            &self.language,
        ]
        .iter()
        .all(|field| field.as_deref().is_none_or(|v| v.trim().is_empty()))
    }
}

/// The default menu, as [`MenuApi::get`] returns it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct Menu {
    /// The top-level buttons.
    #[serde(default)]
    pub button: Vec<Button>,
    /// The menu's id, present once conditional menus exist.
    #[serde(default, deserialize_with = "opt_string_or_number")]
    pub menuid: Option<String>,
}

/// A conditional menu, as [`MenuApi::get`] returns it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct ConditionalMenu {
    /// The top-level buttons.
    #[serde(default)]
    pub button: Vec<Button>,
    /// Who sees it.
    #[serde(default)]
    pub matchrule: MatchRule,
    /// Its id, for [`MenuApi::delete_conditional`].
    #[serde(default, deserialize_with = "opt_string_or_number")]
    pub menuid: Option<String>,
}

/// Every menu set through the API: the default one and the conditional ones.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct MenuConfig {
    /// The default menu.
    #[serde(default)]
    pub menu: Menu,
    /// The conditional menus, newest last.
    #[serde(default)]
    pub conditionalmenu: Vec<ConditionalMenu>,
}

/// The menu as in use, whether set through the API or on the platform's website.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct SelfMenuInfo {
    /// `1` when the menu is on, `0` when off.
    #[serde(default)]
    pub is_menu_open: u8,
    /// The menu.
    #[serde(default)]
    pub selfmenu_info: SelfMenu,
}

impl SelfMenuInfo {
    /// Whether the menu is on.
    pub fn is_open(&self) -> bool {
        self.is_menu_open == 1
    }
}

/// The buttons of [`SelfMenuInfo`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct SelfMenu {
    /// The top-level buttons.
    #[serde(default)]
    pub button: Vec<SelfMenuButton>,
}

/// A button of the menu in use. Menus set on the website have types the API has not
/// (`text`, `img`, `voice`, `video`, `news`), whose content is in `value` and `news_info`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct SelfMenuButton {
    /// The type; `None` for a button with sub-buttons.
    #[serde(rename = "type", default)]
    pub kind: Option<ButtonKind>,
    /// The title.
    #[serde(default)]
    pub name: String,
    /// The event key of click-like buttons.
    #[serde(default)]
    pub key: Option<String>,
    /// The page of `view` buttons.
    #[serde(default)]
    pub url: Option<String>,
    /// The content of website types: the text, a media id, or a video URL.
    #[serde(default)]
    pub value: Option<String>,
    /// The Mini Program of `miniprogram` buttons.
    #[serde(default)]
    pub appid: Option<String>,
    /// The Mini Program page of `miniprogram` buttons.
    #[serde(default)]
    pub pagepath: Option<String>,
    /// The articles of a `news` button.
    #[serde(default)]
    pub news_info: Option<NewsInfo>,
    /// The sub-buttons.
    #[serde(default)]
    pub sub_button: Option<SelfMenuSubButtons>,
}

/// The sub-buttons of a [`SelfMenuButton`] (WeChat wraps them in `list`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct SelfMenuSubButtons {
    /// The sub-buttons.
    #[serde(default)]
    pub list: Vec<SelfMenuButton>,
}

/// The articles of a `news` button.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct NewsInfo {
    /// The articles.
    #[serde(default)]
    pub list: Vec<MenuNewsArticle>,
}

/// One article of a `news` button, as the menu in use shows it (not the
/// [`NewsArticle`](crate::api::message::NewsArticle) a message sends).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct MenuNewsArticle {
    /// The title.
    #[serde(default)]
    pub title: String,
    /// The author.
    #[serde(default)]
    pub author: String,
    /// The digest.
    #[serde(default)]
    pub digest: String,
    /// `1` when the cover shows in the body.
    #[serde(default)]
    pub show_cover: u8,
    /// The cover image.
    #[serde(default)]
    pub cover_url: String,
    /// The article's page.
    #[serde(default)]
    pub content_url: String,
    /// The "read more" page.
    #[serde(default)]
    pub source_url: String,
}

#[derive(Serialize)]
struct MenuBody<'a> {
    button: &'a [Button],
    #[serde(skip_serializing_if = "Option::is_none")]
    matchrule: Option<&'a MatchRule>,
}

#[derive(Deserialize)]
struct MenuIdAnswer {
    #[serde(deserialize_with = "string_or_number")]
    menuid: String,
}

#[derive(Deserialize)]
struct ButtonsAnswer {
    #[serde(default)]
    button: Vec<Button>,
}

impl<'c, K: 'static> MenuApi<'c, K> {
    /// Creates the default menu, replacing the one before: `POST /cgi-bin/menu/create`.
    ///
    /// `buttons` is checked first: 1 to 3 top-level buttons, 1 to 5 sub-buttons under a button
    /// without a type, and the fields each type needs.
    pub fn create(&self, buttons: &[Button]) -> ApiCall<'static, (), K> {
        self.0.checked(check_menu(buttons), |()| {
            self.0.post_ok(
                "/cgi-bin/menu/create",
                &MenuBody {
                    button: buttons,
                    matchrule: None,
                },
                Retry::Unsafe,
            )
        })
    }

    /// The menus set through the API, conditional menus included: `GET /cgi-bin/menu/get`.
    pub fn get(&self) -> ApiCall<'static, MenuConfig, K> {
        self.0.get("/cgi-bin/menu/get")
    }

    /// Deletes the default menu and every conditional menu: `GET /cgi-bin/menu/delete`.
    pub fn delete(&self) -> ApiCall<'static, (), K> {
        self.0.get_with("/cgi-bin/menu/delete", ok)
    }

    /// The menu in use, whether set through the API or on the website:
    /// `GET /cgi-bin/get_current_selfmenu_info`.
    pub fn current_selfmenu_info(&self) -> ApiCall<'static, SelfMenuInfo, K> {
        self.0.get("/cgi-bin/get_current_selfmenu_info")
    }

    /// Creates a conditional menu for the users `rule` matches, and returns its `menuid`:
    /// `POST /cgi-bin/menu/addconditional`. A default menu must exist first.
    pub fn add_conditional(
        &self,
        buttons: &[Button],
        rule: &MatchRule,
    ) -> ApiCall<'static, String, K> {
        let checked = check_menu(buttons).and_then(|()| {
            if rule.is_empty() {
                return Err(Error::invalid_input("the match rule has no condition"));
            }
            Ok(())
        });
        self.0.checked(checked, |()| {
            self.0.post_with(
                "/cgi-bin/menu/addconditional",
                &MenuBody {
                    button: buttons,
                    matchrule: Some(rule),
                },
                Retry::Unsafe,
                |response| Ok(response.json::<MenuIdAnswer>()?.menuid),
            )
        })
    }

    /// Deletes the conditional menu `menuid`: `POST /cgi-bin/menu/delconditional`.
    pub fn delete_conditional(&self, menuid: &str) -> ApiCall<'static, (), K> {
        self.0.checked(check_present("menuid", menuid), |()| {
            self.0.post_ok(
                "/cgi-bin/menu/delconditional",
                &serde_json::json!({ "menuid": menuid }),
                Retry::Unsafe,
            )
        })
    }

    /// The menu a user sees, by their openid or WeChat ID: `POST /cgi-bin/menu/trymatch`.
    pub fn try_match(&self, user_id: &str) -> ApiCall<'static, Vec<Button>, K> {
        self.0.checked(check_present("user_id", user_id), |()| {
            self.0.post_with(
                "/cgi-bin/menu/trymatch",
                &serde_json::json!({ "user_id": user_id }),
                Retry::Safe,
                |response| Ok(response.json::<ButtonsAnswer>()?.button),
            )
        })
    }
}

/// Checks a menu's shape and each button's fields, as WeChat would.
fn check_menu(buttons: &[Button]) -> Result<()> {
    check_two_levels(buttons, MAX_BUTTONS, 16, MAX_SUB_BUTTONS, 60)
}

/// What the two-level check of a menu asks of a button: WeChat's menus and WeCom agents'
/// share the shape, and differ in their limits, button types and wording.
pub(crate) trait MenuButton: Sized {
    fn name(&self) -> &str;
    /// Whether it has a type (an action); a button without one holds sub-buttons.
    fn has_kind(&self) -> bool;
    fn sub_buttons(&self) -> &[Self];
    /// Its name is present and at most `max_bytes` long.
    fn check_name(&self, max_bytes: usize) -> Result<()>;
    /// Its type is there, with the fields that type needs.
    fn check_action(&self) -> Result<()>;
}

impl MenuButton for Button {
    fn name(&self) -> &str {
        &self.name
    }

    fn has_kind(&self) -> bool {
        self.kind.is_some()
    }

    fn sub_buttons(&self) -> &[Self] {
        &self.sub_button
    }

    fn check_name(&self, max_bytes: usize) -> Result<()> {
        check_name(&self.name, max_bytes)
    }

    fn check_action(&self) -> Result<()> {
        check_action(self)
    }
}

/// A menu of at most `max_top` buttons (names up to `top_name` bytes), each either an action or
/// a parent of at most `max_sub` actions (names up to `sub_name` bytes).
pub(crate) fn check_two_levels<B: MenuButton>(
    buttons: &[B],
    max_top: usize,
    top_name: usize,
    max_sub: usize,
    sub_name: usize,
) -> Result<()> {
    check_len("the menu's buttons", buttons, max_top)?;
    for button in buttons {
        button.check_name(top_name)?;
        if button.has_kind() {
            if !button.sub_buttons().is_empty() {
                return Err(Error::invalid_input(format!(
                    "the button `{}` has both a type and sub-buttons",
                    button.name()
                )));
            }
            button.check_action()?;
            continue;
        }
        check_len(
            &format!("the sub-buttons of `{}`", button.name()),
            button.sub_buttons(),
            max_sub,
        )?;
        for sub in button.sub_buttons() {
            sub.check_name(sub_name)?;
            if !sub.sub_buttons().is_empty() {
                return Err(Error::invalid_input(format!(
                    "the sub-button `{}` has sub-buttons; menus have two levels",
                    sub.name()
                )));
            }
            sub.check_action()?;
        }
    }
    Ok(())
}

fn check_name(name: &str, max_bytes: usize) -> Result<()> {
    check_present("a button's name", name)?;
    if name.len() > max_bytes {
        return Err(Error::invalid_input(format!(
            "the button name `{name}` is {} bytes; WeChat takes at most {max_bytes}",
            name.len()
        )));
    }
    Ok(())
}

fn check_action(button: &Button) -> Result<()> {
    let Some(kind) = &button.kind else {
        return Err(Error::invalid_input(format!(
            "the sub-button `{}` has no type",
            button.name
        )));
    };
    let need = |field: &str, value: &Option<String>, max: usize| -> Result<()> {
        match value.as_deref() {
            Some(v) if !v.trim().is_empty() => {
                if v.len() > max {
                    Err(Error::invalid_input(format!(
                        "the {field} of the button `{}` is {} bytes; WeChat takes at most {max}",
                        button.name,
                        v.len()
                    )))
                } else {
                    Ok(())
                }
            }
            _ => Err(Error::invalid_input(format!(
                "the {kind} button `{}` needs a {field}",
                button.name
            ))),
        }
    };
    if kind.needs_key() {
        need("key", &button.key, 128)?;
    }
    match kind {
        ButtonKind::View => need("url", &button.url, 1024)?,
        ButtonKind::Miniprogram => {
            need("url", &button.url, 1024)?;
            need("appid", &button.appid, usize::MAX)?;
            need("pagepath", &button.pagepath, usize::MAX)?;
        }
        ButtonKind::MediaId | ButtonKind::ViewLimited => {
            need("media_id", &button.media_id, usize::MAX)?
        }
        ButtonKind::ArticleId | ButtonKind::ArticleViewLimited => {
            need("article_id", &button.article_id, usize::MAX)?
        }
        _ => {}
    }
    Ok(())
}
