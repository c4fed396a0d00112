//! A member of a WeCom corp (成员): as read, and the fields sent to create or change one.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::api::check_present;
use crate::error::{Error, Result};
use crate::work::lists::{check_at_most, check_bytes, check_chars, check_new_userid, check_userid};

/// A member's gender: `"0"` unknown, `"1"` male, `"2"` female on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum MemberGender {
    /// Not set, or not visible to the app (`"0"`).
    #[default]
    Unknown,
    /// `"1"`.
    Male,
    /// `"2"`.
    Female,
}

impl MemberGender {
    /// The code WeCom writes: `"0"`, `"1"` or `"2"`.
    pub fn as_str(self) -> &'static str {
        match self {
            MemberGender::Unknown => "0",
            MemberGender::Male => "1",
            MemberGender::Female => "2",
        }
    }
}

impl Serialize for MemberGender {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for MemberGender {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        Ok(match crate::api::string_or_number(deserializer)?.as_str() {
            "1" => MemberGender::Male,
            "2" => MemberGender::Female,
            _ => MemberGender::Unknown,
        })
    }
}

/// A member, as `user/get` and `user/list` answer. Fields the app may not see (since 2022,
/// most apps but the contacts sync one no longer get the mobile, email, avatar, gender or
/// address) are empty.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct Member {
    /// The member's account, unique in the corp.
    pub userid: String,
    /// The name.
    #[serde(default)]
    pub name: String,
    /// The departments.
    #[serde(default)]
    pub department: Vec<u32>,
    /// The order in each department, as `department` lists them.
    #[serde(default)]
    pub order: Vec<u32>,
    /// The position.
    #[serde(default)]
    pub position: String,
    /// The mobile number.
    #[serde(default)]
    pub mobile: String,
    /// The gender.
    #[serde(default)]
    pub gender: MemberGender,
    /// The email.
    #[serde(default)]
    pub email: String,
    /// The corp email.
    #[serde(default)]
    pub biz_mail: String,
    /// `1` where the member leads the department at the same place in `department`.
    #[serde(default)]
    pub is_leader_in_dept: Vec<u8>,
    /// The direct leaders' userids.
    #[serde(default)]
    pub direct_leader: Vec<String>,
    /// The avatar's URL.
    #[serde(default)]
    pub avatar: String,
    /// The avatar's thumbnail URL.
    #[serde(default)]
    pub thumb_avatar: String,
    /// The landline.
    #[serde(default)]
    pub telephone: String,
    /// The alias.
    #[serde(default)]
    pub alias: String,
    /// The address.
    #[serde(default)]
    pub address: String,
    /// The member's id across the corps of one service provider.
    #[serde(default)]
    pub open_userid: String,
    /// The main department.
    #[serde(default)]
    pub main_department: Option<u32>,
    /// The extended attributes.
    #[serde(default)]
    pub extattr: Option<MemberExtAttrs>,
    /// `1` active, `2` disabled, `4` not yet active, `5` left the corp.
    #[serde(default)]
    pub status: u8,
    /// The member's personal QR code URL.
    #[serde(default)]
    pub qr_code: String,
    /// The position shown to external contacts.
    #[serde(default)]
    pub external_position: String,
    /// The profile shown to external contacts.
    #[serde(default)]
    pub external_profile: Option<MemberExternalProfile>,
}

/// A member as `user/simplelist` lists them: the id, name and departments.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct MemberBrief {
    /// The member's account.
    pub userid: String,
    /// The name.
    #[serde(default)]
    pub name: String,
    /// The departments.
    #[serde(default)]
    pub department: Vec<u32>,
    /// The member's id across the corps of one service provider.
    #[serde(default)]
    pub open_userid: String,
}

/// A member's extended attributes (`extattr`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct MemberExtAttrs {
    /// The attributes.
    #[serde(default)]
    pub attrs: Vec<MemberExtAttr>,
}

impl MemberExtAttrs {
    /// These attributes.
    pub fn new(attrs: Vec<MemberExtAttr>) -> Self {
        MemberExtAttrs { attrs }
    }
}

/// One extended attribute: text (`type` 0), a web page (1) or a Mini Program (2, external
/// profiles only). Attributes must first be defined in the admin console; others are ignored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct MemberExtAttr {
    /// `0` text, `1` web page, `2` Mini Program.
    #[serde(rename = "type", default)]
    pub kind: u8,
    /// The attribute's name.
    #[serde(default)]
    pub name: String,
    /// The text, for `type` 0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<MemberAttrText>,
    /// The page, for `type` 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub web: Option<MemberAttrWeb>,
    /// The Mini Program, for `type` 2.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub miniprogram: Option<MemberAttrMiniprogram>,
}

/// The value of a text attribute.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct MemberAttrText {
    /// The text.
    #[serde(default)]
    pub value: String,
}

/// The value of a web page attribute.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct MemberAttrWeb {
    /// The page's URL.
    #[serde(default)]
    pub url: String,
    /// The link's title.
    #[serde(default)]
    pub title: String,
}

/// The value of a Mini Program attribute.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct MemberAttrMiniprogram {
    /// The Mini Program's appid.
    #[serde(default)]
    pub appid: String,
    /// The page opened.
    #[serde(default)]
    pub pagepath: String,
    /// The title shown.
    #[serde(default)]
    pub title: String,
}

impl MemberExtAttr {
    /// A text attribute.
    pub fn text(name: impl Into<String>, value: impl Into<String>) -> Self {
        MemberExtAttr {
            kind: 0,
            name: name.into(),
            text: Some(MemberAttrText {
                value: value.into(),
            }),
            web: None,
            miniprogram: None,
        }
    }

    /// A web page attribute.
    pub fn web(name: impl Into<String>, url: impl Into<String>, title: impl Into<String>) -> Self {
        MemberExtAttr {
            kind: 1,
            name: name.into(),
            text: None,
            web: Some(MemberAttrWeb {
                url: url.into(),
                title: title.into(),
            }),
            miniprogram: None,
        }
    }

    /// A Mini Program attribute (external profiles only).
    pub fn miniprogram(
        name: impl Into<String>,
        appid: impl Into<String>,
        pagepath: impl Into<String>,
        title: impl Into<String>,
    ) -> Self {
        MemberExtAttr {
            kind: 2,
            name: name.into(),
            text: None,
            web: None,
            miniprogram: Some(MemberAttrMiniprogram {
                appid: appid.into(),
                pagepath: pagepath.into(),
                title: title.into(),
            }),
        }
    }
}

/// What external contacts see of a member.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct MemberExternalProfile {
    /// The corp's short name shown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_corp_name: Option<String>,
    /// The member's WeChat Channels account.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wechat_channels: Option<MemberWechatChannels>,
    /// The attributes shown.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub external_attr: Vec<MemberExtAttr>,
}

/// A member's WeChat Channels account, in an external profile.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct MemberWechatChannels {
    /// The account's name.
    #[serde(default)]
    pub nickname: String,
    /// Read only: `0` not verified, `1` verified.
    #[serde(default, skip_serializing)]
    pub status: u8,
}

/// The fields of a member to create ([`MemberForm::new`]) or change ([`MemberForm::update`]):
/// what is not set is not sent, and an update leaves it as it was.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct MemberForm {
    /// The member's account.
    pub userid: String,
    /// A new account for the member (updates only; once per member).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new_userid: Option<String>,
    /// The name, 1 to 64 characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The alias, up to 64 characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alias: Option<String>,
    /// The mobile number, unique in the corp.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mobile: Option<String>,
    /// The departments, 1 to 100.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub department: Vec<u32>,
    /// The order in each department, as many as `department`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub order: Vec<u32>,
    /// The position, up to 128 characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub position: Option<String>,
    /// The gender.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gender: Option<MemberGender>,
    /// The email, unique in the corp.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// The corp email.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub biz_mail: Option<String>,
    /// `1` where the member leads the department at the same place, as many as `department`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub is_leader_in_dept: Vec<u8>,
    /// The direct leaders, up to 5.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub direct_leader: Vec<String>,
    /// `1` enabled, `0` disabled.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enable: Option<u8>,
    /// The avatar, a media id from [`WorkMediaApi::upload`](crate::work::media::WorkMediaApi::upload).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub avatar_mediaid: Option<String>,
    /// The landline, up to 32 bytes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub telephone: Option<String>,
    /// The address, up to 128 characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// The main department, one of `department`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub main_department: Option<u32>,
    /// The extended attributes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub extattr: Option<MemberExtAttrs>,
    /// Whether WeCom invites the new member (creation only; WeCom's default is yes).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to_invite: Option<bool>,
    /// The position shown to external contacts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub external_position: Option<String>,
    /// The profile shown to external contacts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub external_profile: Option<MemberExternalProfile>,
}

macro_rules! setters {
    ($($(#[$doc:meta])* $field:ident: $ty:ty;)*) => {$(
        $(#[$doc])*
        pub fn $field(mut self, $field: impl Into<$ty>) -> Self {
            self.$field = Some($field.into());
            self
        }
    )*};
}

impl MemberForm {
    /// A new member `userid` named `name` in `departments`; set a mobile or an email too.
    pub fn new(userid: impl Into<String>, name: impl Into<String>, departments: &[u32]) -> Self {
        MemberForm {
            userid: userid.into(),
            name: Some(name.into()),
            department: departments.to_vec(),
            ..MemberForm::default()
        }
    }

    /// A change of the member `userid`: set what changes.
    pub fn update(userid: impl Into<String>) -> Self {
        MemberForm {
            userid: userid.into(),
            ..MemberForm::default()
        }
    }

    setters! {
        /// Sets a new account (updates only).
        new_userid: String;
        /// Sets the name.
        name: String;
        /// Sets the alias.
        alias: String;
        /// Sets the mobile number.
        mobile: String;
        /// Sets the position.
        position: String;
        /// Sets the gender.
        gender: MemberGender;
        /// Sets the email.
        email: String;
        /// Sets the corp email.
        biz_mail: String;
        /// Sets the avatar's media id.
        avatar_mediaid: String;
        /// Sets the landline.
        telephone: String;
        /// Sets the address.
        address: String;
        /// Sets the main department.
        main_department: u32;
        /// Sets the extended attributes.
        extattr: MemberExtAttrs;
        /// Sets the position shown to external contacts.
        external_position: String;
        /// Sets the profile shown to external contacts.
        external_profile: MemberExternalProfile;
    }

    /// Sets the departments (an update moves the member to exactly these).
    pub fn departments(mut self, departments: &[u32]) -> Self {
        self.department = departments.to_vec();
        self
    }

    /// Sets the order in each department, as many as the departments.
    pub fn orders(mut self, orders: &[u32]) -> Self {
        self.order = orders.to_vec();
        self
    }

    /// Sets which departments the member leads: one flag per department, in their order.
    pub fn leads(mut self, leads: &[bool]) -> Self {
        self.is_leader_in_dept = leads.iter().map(|&lead| u8::from(lead)).collect();
        self
    }

    /// Sets the direct leaders (up to 5 userids).
    pub fn direct_leaders(mut self, leaders: &[&str]) -> Self {
        self.direct_leader = leaders.iter().map(|l| (*l).to_owned()).collect();
        self
    }

    /// Enables or disables the member.
    pub fn enabled(mut self, enabled: bool) -> Self {
        self.enable = Some(u8::from(enabled));
        self
    }

    /// Whether WeCom sends the new member an invitation (creation only).
    pub fn invite(mut self, invite: bool) -> Self {
        self.to_invite = Some(invite);
        self
    }

    /// The checks of a creation: a well-formed userid, a name, 1 to 100 departments, a mobile
    /// or an email, and the fields' lengths.
    pub(crate) fn check_new(&self) -> Result<()> {
        check_new_userid(&self.userid)?;
        check_present("the name", self.name.as_deref().unwrap_or_default())?;
        if self.department.is_empty() {
            return Err(Error::invalid_input("a new member needs a department"));
        }
        let blank = |v: &Option<String>| v.as_deref().is_none_or(|v| v.trim().is_empty());
        if blank(&self.mobile) && blank(&self.email) {
            return Err(Error::invalid_input(
                "a new member needs a mobile number or an email",
            ));
        }
        self.check_fields()
    }

    /// The checks of an update: the userid, and the fields' lengths.
    pub(crate) fn check_update(&self) -> Result<()> {
        check_userid("the userid", &self.userid)?;
        if let Some(new_userid) = &self.new_userid {
            check_new_userid(new_userid)?;
        }
        if let Some(name) = &self.name {
            check_present("the name", name)?;
        }
        self.check_fields()
    }

    fn check_fields(&self) -> Result<()> {
        let text = |what: &str, value: &Option<String>, max: usize| match value {
            Some(value) => check_chars(what, value, max),
            None => Ok(()),
        };
        text("the name", &self.name, 64)?;
        text("the alias", &self.alias, 64)?;
        text("the position", &self.position, 128)?;
        text("the address", &self.address, 128)?;
        text("the external position", &self.external_position, 12)?;
        if let Some(telephone) = &self.telephone {
            check_bytes("the telephone", telephone, 32)?;
        }
        if let Some(email) = &self.email {
            check_bytes("the email", email, 64)?;
        }
        check_at_most("the departments", &self.department, 100)?;
        check_at_most("the direct leaders", &self.direct_leader, 5)?;
        for (what, len) in [
            ("orders", self.order.len()),
            ("leader flags", self.is_leader_in_dept.len()),
        ] {
            if len != 0 && len != self.department.len() {
                return Err(Error::invalid_input(format!(
                    "{len} {what} for {} departments: give one per department",
                    self.department.len()
                )));
            }
        }
        if let Some(main) = self.main_department {
            if !self.department.is_empty() && !self.department.contains(&main) {
                return Err(Error::invalid_input(format!(
                    "the main department {main} is not one of the member's departments"
                )));
            }
        }
        Ok(())
    }
}
