//! "Contact me" ways (「联系我」): QR codes and Mini Program buttons that add a member.

use serde::{Deserialize, Serialize, Serializer};

use super::{check_chars, ExternalContactApi};
use crate::api::{check_present, ApiCall, Retry};
use crate::error::{Error, Result};
use crate::Work;

/// The longest remark or `state` of a way, in characters.
pub const MAX_WAY_TEXT_CHARS: usize = 30;
/// The longest a temporary way or chat lasts, in seconds (14 days).
pub const MAX_TEMP_SECONDS: u64 = 14 * 24 * 3600;

/// Who a way adds (`type`): one member, or one of many.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ContactWayKind {
    /// `1`: one member.
    Single,
    /// `2`: one of several members and departments.
    Multi,
}

impl ContactWayKind {
    /// The number WeCom uses.
    pub fn code(self) -> u32 {
        match self {
            ContactWayKind::Single => 1,
            ContactWayKind::Multi => 2,
        }
    }
}

impl Serialize for ContactWayKind {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serializer.serialize_u32(self.code())
    }
}

/// Where a way is shown (`scene`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ContactWayScene {
    /// `1`: a button in a Mini Program (the Mini Program needs WeCom's plugin).
    MiniProgram,
    /// `2`: a QR code.
    QrCode,
}

impl ContactWayScene {
    /// The number WeCom uses.
    pub fn code(self) -> u32 {
        match self {
            ContactWayScene::MiniProgram => 1,
            ContactWayScene::QrCode => 2,
        }
    }
}

impl Serialize for ContactWayScene {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serializer.serialize_u32(self.code())
    }
}

/// A new "contact me" way, for [`ExternalContactApi::add_contact_way`].
///
/// ```
/// use wechat_runtime::work::external_contact::{ContactWay, ContactWayScene};
///
/// let poster = ContactWay::single(ContactWayScene::QrCode, "zhangsan")
///     .remark("spring poster")
///     .state("poster-2024")
///     .skip_verify(false);
/// let team = ContactWay::multi(ContactWayScene::MiniProgram, ["zhangsan", "lisi"], [2, 3]).style(1);
/// # let _ = (poster, team);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ContactWay {
    #[serde(rename = "type")]
    kind: ContactWayKind,
    scene: ContactWayScene,
    #[serde(flatten)]
    settings: WaySettings,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    is_temp: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    is_exclusive: Option<bool>,
}

/// What a way's creation and its update share.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
struct WaySettings {
    #[serde(skip_serializing_if = "Option::is_none")]
    style: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    remark: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    skip_verify: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    state: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    user: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    party: Option<Vec<u64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    expires_in: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    chat_expires_in: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    unionid: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    conclusions: Option<serde_json::Value>,
}

impl WaySettings {
    fn check(&self) -> Result<()> {
        if let Some(remark) = &self.remark {
            check_chars("remark", remark, MAX_WAY_TEXT_CHARS)?;
        }
        if let Some(state) = &self.state {
            check_chars("state", state, MAX_WAY_TEXT_CHARS)?;
        }
        if let Some(users) = &self.user {
            users
                .iter()
                .try_for_each(|userid| check_present("a userid", userid))?;
        }
        for (what, seconds) in [
            ("expires_in", self.expires_in),
            ("chat_expires_in", self.chat_expires_in),
        ] {
            if seconds.is_some_and(|s| s == 0 || s > MAX_TEMP_SECONDS) {
                return Err(Error::invalid_input(format!(
                    "{what} is out of range; WeCom takes 1 to {MAX_TEMP_SECONDS} seconds"
                )));
            }
        }
        Ok(())
    }
}

/// The setters a new way and an update share.
macro_rules! way_setters {
    () => {
        /// The style of the Mini Program button (see WeCom's table of styles).
        pub fn style(mut self, style: u32) -> Self {
            self.settings.style = Some(style);
            self
        }

        /// A remark, to remember the way by (up to 30 characters).
        pub fn remark(mut self, remark: impl Into<String>) -> Self {
            self.settings.remark = Some(remark.into());
            self
        }

        /// Whether customers are added without the member's confirmation (WeCom's default:
        /// yes).
        pub fn skip_verify(mut self, skip_verify: bool) -> Self {
            self.settings.skip_verify = Some(skip_verify);
            self
        }

        /// The channel's own `state` (up to 30 characters), given back in the customer's
        /// details and the add-customer event.
        pub fn state(mut self, state: impl Into<String>) -> Self {
            self.settings.state = Some(state.into());
            self
        }

        /// How long a temporary way's QR code lasts, in seconds (up to 14 days).
        pub fn expires_in(mut self, seconds: u64) -> Self {
            self.settings.expires_in = Some(seconds);
            self
        }

        /// How long a temporary chat lasts after the customer is added, in seconds (up to 14
        /// days).
        pub fn chat_expires_in(mut self, seconds: u64) -> Self {
            self.settings.chat_expires_in = Some(seconds);
            self
        }

        /// The only customer (by unionid) who may use a temporary way.
        pub fn unionid(mut self, unionid: impl Into<String>) -> Self {
            self.settings.unionid = Some(unionid.into());
            self
        }

        /// The closing messages of a temporary chat, as WeCom writes them (`text`, `image`,
        /// `link`, `miniprogram`).
        pub fn conclusions(mut self, conclusions: serde_json::Value) -> Self {
            self.settings.conclusions = Some(conclusions);
            self
        }
    };
}

impl ContactWay {
    /// A way that adds the member `userid`.
    pub fn single(scene: ContactWayScene, userid: impl Into<String>) -> Self {
        ContactWay {
            kind: ContactWayKind::Single,
            scene,
            settings: WaySettings {
                user: Some(vec![userid.into()]),
                ..WaySettings::default()
            },
            is_temp: false,
            is_exclusive: None,
        }
    }

    /// A way that adds one of the members `userids` or of the members of the departments
    /// `parties`.
    pub fn multi<U, I>(
        scene: ContactWayScene,
        userids: I,
        parties: impl IntoIterator<Item = u64>,
    ) -> Self
    where
        I: IntoIterator<Item = U>,
        U: Into<String>,
    {
        let users: Vec<String> = userids.into_iter().map(Into::into).collect();
        let parties: Vec<u64> = parties.into_iter().collect();
        ContactWay {
            kind: ContactWayKind::Multi,
            scene,
            settings: WaySettings {
                user: (!users.is_empty()).then_some(users),
                party: (!parties.is_empty()).then_some(parties),
                ..WaySettings::default()
            },
            is_temp: false,
            is_exclusive: None,
        }
    }

    way_setters!();

    /// A temporary chat way (single member; healthcare corps only): its QR code expires once
    /// used, and the chat after [`chat_expires_in`](Self::chat_expires_in).
    pub fn temporary(mut self) -> Self {
        self.is_temp = true;
        self
    }

    /// Whether a customer added through it is served by that member only.
    pub fn exclusive(mut self, exclusive: bool) -> Self {
        self.is_exclusive = Some(exclusive);
        self
    }

    fn check(&self) -> Result<()> {
        self.settings.check()?;
        let users = self.settings.user.as_deref().unwrap_or_default();
        match self.kind {
            ContactWayKind::Single if users.len() != 1 || self.settings.party.is_some() => Err(
                Error::invalid_input("a single way has exactly one user and no party"),
            ),
            ContactWayKind::Multi if users.is_empty() && self.settings.party.is_none() => {
                Err(Error::invalid_input("a multi way has users or parties"))
            }
            ContactWayKind::Multi if self.is_temp => {
                Err(Error::invalid_input("a temporary way is a single way"))
            }
            _ => Ok(()),
        }
    }
}

/// A change of a "contact me" way, for [`ExternalContactApi::update_contact_way`]; what is
/// not set stays.
///
/// ```
/// use wechat_runtime::work::external_contact::ContactWayUpdate;
///
/// let update = ContactWayUpdate::new("42b34949e138eb6e027c123cba77fAAA")
///     .remark("summer poster")
///     .users(["lisi"]);
/// # let _ = update;
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ContactWayUpdate {
    config_id: String,
    #[serde(flatten)]
    settings: WaySettings,
}

impl ContactWayUpdate {
    /// A change of the way `config_id`.
    pub fn new(config_id: impl Into<String>) -> Self {
        ContactWayUpdate {
            config_id: config_id.into(),
            settings: WaySettings::default(),
        }
    }

    way_setters!();

    /// The members it adds, instead of the current ones (one, for a single way).
    pub fn users<U: Into<String>>(mut self, userids: impl IntoIterator<Item = U>) -> Self {
        self.settings.user = Some(userids.into_iter().map(Into::into).collect());
        self
    }

    /// The departments it adds from, instead of the current ones (multi ways).
    pub fn parties(mut self, parties: impl IntoIterator<Item = u64>) -> Self {
        self.settings.party = Some(parties.into_iter().collect());
        self
    }

    fn check(&self) -> Result<()> {
        check_present("config_id", &self.config_id)?;
        self.settings.check()
    }
}

/// A way just created, from [`ExternalContactApi::add_contact_way`].
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct ContactWayCreated {
    /// Its id: keep it, it is the only way to change or delete the way.
    pub config_id: String,
    /// Its QR code's URL, for a QR code way.
    #[serde(default)]
    pub qr_code: Option<String>,
}

/// A "contact me" way, from [`ExternalContactApi::get_contact_way`].
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct ContactWayInfo {
    /// Its id.
    pub config_id: String,
    /// `1` single, `2` multi.
    #[serde(default, rename = "type")]
    pub kind: u32,
    /// `1` Mini Program button, `2` QR code.
    #[serde(default)]
    pub scene: u32,
    /// The style of the Mini Program button.
    #[serde(default)]
    pub style: Option<u32>,
    /// Its remark.
    #[serde(default)]
    pub remark: String,
    /// Whether customers are added without confirmation.
    #[serde(default)]
    pub skip_verify: bool,
    /// Its `state`.
    #[serde(default)]
    pub state: String,
    /// Its QR code's URL, for a QR code way.
    #[serde(default)]
    pub qr_code: Option<String>,
    /// The members it adds.
    #[serde(default)]
    pub user: Vec<String>,
    /// The departments it adds from.
    #[serde(default)]
    pub party: Vec<u64>,
    /// Whether it is a temporary chat way.
    #[serde(default)]
    pub is_temp: bool,
    /// How long its QR code lasts, for a temporary way.
    #[serde(default)]
    pub expires_in: Option<u64>,
    /// How long its chats last, for a temporary way.
    #[serde(default)]
    pub chat_expires_in: Option<u64>,
    /// The only customer who may use it, for a temporary way.
    #[serde(default)]
    pub unionid: Option<String>,
    /// Whether a customer it added is served by that member only.
    #[serde(default)]
    pub is_exclusive: Option<bool>,
    /// The closing messages of a temporary chat.
    #[serde(default)]
    pub conclusions: Option<serde_json::Value>,
}

#[derive(Deserialize)]
struct WayAnswer {
    contact_way: ContactWayInfo,
}

impl ExternalContactApi<'_> {
    /// Creates a "contact me" way: `POST /cgi-bin/externalcontact/add_contact_way`.
    pub fn add_contact_way(&self, way: &ContactWay) -> ApiCall<'static, ContactWayCreated, Work> {
        self.0.checked(way.check(), |()| {
            self.0.post(
                "/cgi-bin/externalcontact/add_contact_way",
                way,
                Retry::Unsafe,
            )
        })
    }

    /// The way `config_id`: `POST /cgi-bin/externalcontact/get_contact_way`.
    pub fn get_contact_way(&self, config_id: &str) -> ApiCall<'static, ContactWayInfo, Work> {
        self.0.checked(check_present("config_id", config_id), |()| {
            self.0.post_with(
                "/cgi-bin/externalcontact/get_contact_way",
                &serde_json::json!({ "config_id": config_id }),
                Retry::Safe,
                |response| Ok(response.json::<WayAnswer>()?.contact_way),
            )
        })
    }

    /// Changes a way: `POST /cgi-bin/externalcontact/update_contact_way`.
    pub fn update_contact_way(&self, update: &ContactWayUpdate) -> ApiCall<'static, (), Work> {
        self.0.checked(update.check(), |()| {
            self.0.post_ok(
                "/cgi-bin/externalcontact/update_contact_way",
                update,
                Retry::Safe,
            )
        })
    }

    /// Deletes the way `config_id`: `POST /cgi-bin/externalcontact/del_contact_way`.
    pub fn del_contact_way(&self, config_id: &str) -> ApiCall<'static, (), Work> {
        self.0.checked(check_present("config_id", config_id), |()| {
            self.0.post_ok(
                "/cgi-bin/externalcontact/del_contact_way",
                &serde_json::json!({ "config_id": config_id }),
                Retry::Unsafe,
            )
        })
    }
}
