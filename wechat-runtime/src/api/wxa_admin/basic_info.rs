//! An authorizer's basic information: its profile, name (audited), avatar and signature.

use serde::{Deserialize, Serialize};

use super::code::check_chars;
use super::WxaAdminApi;
use crate::api::{check_present, ApiCall, Retry};
use crate::error::{Error, Result};

/// The longest signature (introduction), in characters.
pub const MAX_SIGNATURE_CHARS: usize = 120;
/// The most supporting documents a name change carries.
pub const MAX_NAMING_STUFF: usize = 5;

/// WeChat verification of an account.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct WxVerifyInfo {
    /// Whether its qualification is verified.
    #[serde(default)]
    pub qualification_verify: bool,
    /// Whether its name is verified.
    #[serde(default)]
    pub naming_verify: bool,
    /// Whether the yearly review is due.
    #[serde(default)]
    pub annual_review: Option<bool>,
    /// When the yearly review starts (unix seconds).
    #[serde(default)]
    pub annual_review_begin_time: Option<u64>,
    /// When it ends (unix seconds).
    #[serde(default)]
    pub annual_review_end_time: Option<u64>,
}

/// An account's signature (introduction) and how often it may still change.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct SignatureInfo {
    /// The signature.
    #[serde(default)]
    pub signature: String,
    /// Changes made this month.
    #[serde(default)]
    pub modify_used_count: u32,
    /// Changes allowed a month.
    #[serde(default)]
    pub modify_quota: u32,
}

/// An account's avatar and how often it may still change.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct HeadImageInfo {
    /// The avatar's URL.
    #[serde(default)]
    pub head_image_url: String,
    /// Changes made this month.
    #[serde(default)]
    pub modify_used_count: u32,
    /// Changes allowed a month.
    #[serde(default)]
    pub modify_quota: u32,
}

/// An account's name and how often it may still change.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct NicknameInfo {
    /// The name.
    #[serde(default)]
    pub nickname: String,
    /// Changes made this year.
    #[serde(default)]
    pub modify_used_count: u32,
    /// Changes allowed a year.
    #[serde(default)]
    pub modify_quota: u32,
}

/// An account's basic information: `POST /cgi-bin/account/getaccountbasicinfo`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct AccountBasicInfo {
    /// The appid.
    #[serde(default)]
    pub appid: String,
    /// 1 subscription account, 2 service account, 3 Mini Program.
    #[serde(default)]
    pub account_type: u32,
    /// The owner's type: 0 a person, 1 a company, 2 a medium, 3 a government, 4 another
    /// organization.
    #[serde(default)]
    pub principal_type: u32,
    /// The owner's name.
    #[serde(default)]
    pub principal_name: String,
    /// The owner's code (a company's credit code), for an owner that is not a person.
    #[serde(default)]
    pub credential: Option<String>,
    /// Real-name verification: 1 verified, 2 not yet, 3 failed.
    #[serde(default)]
    pub realname_status: u32,
    /// WeChat verification.
    #[serde(default)]
    pub wx_verify_info: Option<WxVerifyInfo>,
    /// The signature.
    #[serde(default)]
    pub signature_info: Option<SignatureInfo>,
    /// The avatar.
    #[serde(default)]
    pub head_image_info: Option<HeadImageInfo>,
    /// The name.
    #[serde(default)]
    pub nickname: String,
    /// The name and its quota.
    #[serde(default)]
    pub nickname_info: Option<NicknameInfo>,
    /// The country of registration.
    #[serde(default)]
    pub registered_country: Option<u32>,
    /// The verification type; 0 when not verified.
    #[serde(default)]
    pub customer_type: Option<u32>,
}

/// A new name for the account, with the documents WeChat asks for: [`WxaAdminApi::set_nickname`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct SetNickname {
    /// The name.
    pub nick_name: String,
    /// For a person's account: the media id of their identity card.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id_card: Option<String>,
    /// For an organization's account: the media id of its licence.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub license: Option<String>,
    /// Other documents (media ids), sent as `naming_other_stuff_1` to `_5`.
    #[serde(skip)]
    pub other_stuff: Vec<String>,
}

impl SetNickname {
    /// The name `nick_name`.
    pub fn new(nick_name: impl Into<String>) -> Self {
        SetNickname {
            nick_name: nick_name.into(),
            id_card: None,
            license: None,
            other_stuff: Vec::new(),
        }
    }

    /// The owner's identity card (media id of temporary media).
    pub fn id_card(mut self, media_id: impl Into<String>) -> Self {
        self.id_card = Some(media_id.into());
        self
    }

    /// The organization's licence (media id of temporary media).
    pub fn license(mut self, media_id: impl Into<String>) -> Self {
        self.license = Some(media_id.into());
        self
    }

    /// Adds a supporting document (trademark, authorization...), up to 5.
    pub fn other_stuff(mut self, media_id: impl Into<String>) -> Self {
        self.other_stuff.push(media_id.into());
        self
    }

    fn check(&self) -> Result<()> {
        check_present("nick_name", &self.nick_name)?;
        if self.other_stuff.len() > MAX_NAMING_STUFF {
            return Err(Error::invalid_input(format!(
                "other_stuff has {} documents; WeChat takes at most {MAX_NAMING_STUFF}",
                self.other_stuff.len()
            )));
        }
        Ok(())
    }

    fn body(&self) -> serde_json::Value {
        let mut body = serde_json::to_value(self).unwrap_or_default();
        for (i, stuff) in self.other_stuff.iter().enumerate() {
            body[format!("naming_other_stuff_{}", i + 1)] = stuff.as_str().into();
        }
        body
    }
}

/// What [`WxaAdminApi::set_nickname`] answers.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct NicknameSubmitted {
    /// WeChat's note on the change.
    #[serde(default)]
    pub wording: String,
    /// The audit's id when the name needs one (then see [`WxaAdminApi::nickname_audit`]);
    /// `None` or 0 when the name was set at once.
    #[serde(default)]
    pub audit_id: Option<u64>,
}

/// The audit of a name change: `POST /wxa/api_wxa_querynickname`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct NicknameAudit {
    /// The name audited.
    #[serde(default)]
    pub nickname: String,
    /// 1 auditing, 2 rejected, 3 approved.
    pub audit_stat: u32,
    /// Why it was rejected.
    #[serde(default)]
    pub fail_reason: String,
    /// When it was submitted (unix seconds).
    #[serde(default)]
    pub create_time: u64,
    /// When it was decided (unix seconds).
    #[serde(default)]
    pub audit_time: u64,
}

/// Whether a name needs the name-verification documents:
/// `POST /cgi-bin/wxverify/checkwxverifynickname`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct NicknameCheck {
    /// Whether the name hits a protected one (then documents are needed).
    #[serde(default)]
    pub hit_condition: bool,
    /// WeChat's note on the name.
    #[serde(default)]
    pub wording: String,
}

/// The part of an image that becomes the avatar, as fractions of its width and height: from
/// (`x1`, `y1`) at the top left to (`x2`, `y2`) at the bottom right.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[non_exhaustive]
pub struct HeadImageCrop {
    /// Left edge, 0 to 1.
    pub x1: f64,
    /// Top edge, 0 to 1.
    pub y1: f64,
    /// Right edge, 0 to 1.
    pub x2: f64,
    /// Bottom edge, 0 to 1.
    pub y2: f64,
}

impl HeadImageCrop {
    /// The whole image.
    pub fn full() -> Self {
        HeadImageCrop {
            x1: 0.0,
            y1: 0.0,
            x2: 1.0,
            y2: 1.0,
        }
    }

    /// From (`x1`, `y1`) to (`x2`, `y2`), fractions of the image.
    pub fn new(x1: f64, y1: f64, x2: f64, y2: f64) -> Self {
        HeadImageCrop { x1, y1, x2, y2 }
    }

    fn check(&self) -> Result<()> {
        let inside = |a: f64, b: f64| (0.0..=1.0).contains(&a) && (0.0..=1.0).contains(&b) && a < b;
        if inside(self.x1, self.x2) && inside(self.y1, self.y2) {
            Ok(())
        } else {
            Err(Error::invalid_input(
                "the crop must lie within 0 to 1, its top left before its bottom right",
            ))
        }
    }
}

impl<'c, K: 'static> WxaAdminApi<'c, K> {
    /// The account's basic information: `POST /cgi-bin/account/getaccountbasicinfo`.
    pub fn basic_info(&self) -> ApiCall<'static, AccountBasicInfo, K> {
        self.0.post(
            "/cgi-bin/account/getaccountbasicinfo",
            &serde_json::json!({}),
            Retry::Safe,
        )
    }

    /// Renames the account (set at once, or audited): `POST /wxa/setnickname`.
    pub fn set_nickname(&self, nickname: &SetNickname) -> ApiCall<'static, NicknameSubmitted, K> {
        self.0.checked(nickname.check(), |()| {
            self.0
                .post("/wxa/setnickname", &nickname.body(), Retry::Unsafe)
        })
    }

    /// The audit of a name change: `POST /wxa/api_wxa_querynickname`.
    pub fn nickname_audit(&self, audit_id: u64) -> ApiCall<'static, NicknameAudit, K> {
        self.0.post(
            "/wxa/api_wxa_querynickname",
            &serde_json::json!({ "audit_id": audit_id }),
            Retry::Safe,
        )
    }

    /// Whether `nick_name` needs the name-verification documents:
    /// `POST /cgi-bin/wxverify/checkwxverifynickname`.
    pub fn check_nickname(&self, nick_name: &str) -> ApiCall<'static, NicknameCheck, K> {
        self.0.checked(check_present("nick_name", nick_name), |()| {
            self.0.post(
                "/cgi-bin/wxverify/checkwxverifynickname",
                &serde_json::json!({ "nick_name": nick_name }),
                Retry::Safe,
            )
        })
    }

    /// Sets the avatar from `head_img_media_id` (temporary media), cropped to `crop`:
    /// `POST /cgi-bin/account/modifyheadimage`.
    pub fn modify_head_image(
        &self,
        head_img_media_id: &str,
        crop: HeadImageCrop,
    ) -> ApiCall<'static, (), K> {
        let checked = check_present("head_img_media_id", head_img_media_id).and(crop.check());
        self.0.checked(checked, |()| {
            let mut body = serde_json::to_value(crop).unwrap_or_default();
            body["head_img_media_id"] = head_img_media_id.into();
            self.0
                .post_ok("/cgi-bin/account/modifyheadimage", &body, Retry::Unsafe)
        })
    }

    /// Sets the signature (introduction, at most 120 characters):
    /// `POST /cgi-bin/account/modifysignature`.
    pub fn modify_signature(&self, signature: &str) -> ApiCall<'static, (), K> {
        let checked = check_present("signature", signature)
            .and_then(|()| check_chars("signature", signature, MAX_SIGNATURE_CHARS));
        self.0.checked(checked, |()| {
            self.0.post_ok(
                "/cgi-bin/account/modifysignature",
                &serde_json::json!({ "signature": signature }),
                Retry::Unsafe,
            )
        })
    }
}
