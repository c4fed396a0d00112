//! An authorizer's privacy guide: what user information its code collects and why, who
//! collects it and how to reach them. These calls live under `/cgi-bin/component/` but take
//! the authorizer's `access_token`.

use bytes::Bytes;
use reqwest::Method;
use serde::{Deserialize, Deserializer, Serialize};

use super::WxaAdminApi;
use crate::api::{check_present, ApiCall, Retry};
use crate::call::transport::Part;
use crate::error::{Error, Result};

/// The largest custom privacy guide file, in bytes (100 KB).
pub const MAX_PRIVACY_FILE_BYTES: usize = 100 * 1024;

/// Which privacy guide a call reads or writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum PrivacyVersion {
    /// The one online (1): only the owner's contact details change here, at once.
    Online,
    /// The one in development (2, WeChat's default): effective once audited and released.
    Develop,
}

impl PrivacyVersion {
    /// The number WeChat uses: 1 or 2.
    pub fn code(self) -> u8 {
        match self {
            PrivacyVersion::Online => 1,
            PrivacyVersion::Develop => 2,
        }
    }
}

/// One kind of user information and why it is collected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PrivacyItem {
    /// The kind: `UserInfo`, `Location`, `PhoneNumber`, `Album`... (or a custom one).
    pub privacy_key: String,
    /// Why it is collected, shown after "to" ("为了"): "deliver your orders", say.
    #[serde(default)]
    pub privacy_text: String,
    /// The label WeChat shows for it (answers only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub privacy_label: Option<String>,
}

impl PrivacyItem {
    /// Information `privacy_key`, collected to `privacy_text`.
    pub fn new(privacy_key: impl Into<String>, privacy_text: impl Into<String>) -> Self {
        PrivacyItem {
            privacy_key: privacy_key.into(),
            privacy_text: privacy_text.into(),
            privacy_label: None,
        }
    }
}

/// Who collects the information (the developer): at least one way to reach them, and how
/// users are told of changes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PrivacyOwner {
    /// A phone number.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub contact_phone: String,
    /// An email address.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub contact_email: String,
    /// A QQ number.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub contact_qq: String,
    /// A WeChat ID.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub contact_weixin: String,
    /// A custom privacy guide ([`WxaAdminApi::upload_privacy_ext_file`]) instead of WeChat's
    /// standard one.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub ext_file_media_id: String,
    /// How users are told when the collection changes ("a pop-up", say).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notice_method: String,
    /// How long the information is kept.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub store_expire_timestamp: String,
}

impl PrivacyOwner {
    /// An owner who tells users of changes by `notice_method`; add a contact.
    pub fn new(notice_method: impl Into<String>) -> Self {
        PrivacyOwner {
            notice_method: notice_method.into(),
            ..PrivacyOwner::default()
        }
    }

    /// A phone number.
    pub fn contact_phone(mut self, phone: impl Into<String>) -> Self {
        self.contact_phone = phone.into();
        self
    }

    /// An email address.
    pub fn contact_email(mut self, email: impl Into<String>) -> Self {
        self.contact_email = email.into();
        self
    }

    /// A QQ number.
    pub fn contact_qq(mut self, qq: impl Into<String>) -> Self {
        self.contact_qq = qq.into();
        self
    }

    /// A WeChat ID.
    pub fn contact_weixin(mut self, weixin: impl Into<String>) -> Self {
        self.contact_weixin = weixin.into();
        self
    }

    /// A custom privacy guide, by its media id.
    pub fn ext_file_media_id(mut self, media_id: impl Into<String>) -> Self {
        self.ext_file_media_id = media_id.into();
        self
    }

    /// How long the information is kept.
    pub fn store_expire_timestamp(mut self, how_long: impl Into<String>) -> Self {
        self.store_expire_timestamp = how_long.into();
        self
    }

    fn check(&self) -> Result<()> {
        check_present("notice_method", &self.notice_method)?;
        let contacts = [
            &self.contact_phone,
            &self.contact_email,
            &self.contact_qq,
            &self.contact_weixin,
        ];
        if contacts.iter().all(|contact| contact.trim().is_empty()) {
            return Err(Error::invalid_input(
                "the owner needs a phone, email, QQ or WeChat contact",
            ));
        }
        Ok(())
    }
}

/// What a third-party SDK in the code collects.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SdkPrivacyInfo {
    /// The SDK's name.
    pub sdk_name: String,
    /// The company behind it.
    #[serde(default)]
    pub sdk_biz_name: String,
    /// What it collects and why.
    #[serde(default)]
    pub sdk_list: Vec<PrivacyItem>,
}

impl SdkPrivacyInfo {
    /// SDK `sdk_name` of `sdk_biz_name`, collecting `sdk_list`.
    pub fn new(
        sdk_name: impl Into<String>,
        sdk_biz_name: impl Into<String>,
        sdk_list: Vec<PrivacyItem>,
    ) -> Self {
        SdkPrivacyInfo {
            sdk_name: sdk_name.into(),
            sdk_biz_name: sdk_biz_name.into(),
            sdk_list,
        }
    }
}

/// A kind of user information and its description: [`PrivacySetting::privacy_desc`].
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct PrivacyKeyDesc {
    /// The kind.
    pub privacy_key: String,
    /// What it is.
    #[serde(default)]
    pub privacy_desc: String,
}

/// A privacy guide: `POST /cgi-bin/component/getprivacysetting`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct PrivacySetting {
    /// 1 when code was uploaded, 0 otherwise (then `privacy_list` is empty).
    #[serde(default)]
    pub code_exist: u32,
    /// The kinds of information the uploaded code was found to collect: each needs an item.
    #[serde(default)]
    pub privacy_list: Vec<String>,
    /// What is collected and why.
    #[serde(default)]
    pub setting_list: Vec<PrivacyItem>,
    /// When it was last changed (unix seconds).
    #[serde(default)]
    pub update_time: u64,
    /// Who collects it.
    #[serde(default)]
    pub owner_setting: PrivacyOwner,
    /// Every kind of information that can be declared, with its description.
    #[serde(default, deserialize_with = "privacy_desc_list")]
    pub privacy_desc: Vec<PrivacyKeyDesc>,
    /// What the third-party SDKs collect.
    #[serde(default)]
    pub sdk_privacy_info_list: Vec<SdkPrivacyInfo>,
}

/// `{"privacy_desc_list": [..]}` as its list.
fn privacy_desc_list<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> std::result::Result<Vec<PrivacyKeyDesc>, D::Error> {
    #[derive(Deserialize)]
    struct Wrapper {
        #[serde(default)]
        privacy_desc_list: Vec<PrivacyKeyDesc>,
    }
    Ok(Option::<Wrapper>::deserialize(deserializer)?
        .map(|wrapper| wrapper.privacy_desc_list)
        .unwrap_or_default())
}

/// A privacy guide to set: [`WxaAdminApi::set_privacy_setting`].
///
/// ```
/// use wechat_runtime::api::wxa_admin::{PrivacyOwner, PrivacySettingUpdate};
///
/// let owner = PrivacyOwner::new("a pop-up in the Mini Program").contact_email("privacy@example.com");
/// let update = PrivacySettingUpdate::develop(owner)
///     .item("UserInfo", "show your name and avatar on your orders")
///     .item("Location", "find the shops near you");
/// # let _ = update;
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct PrivacySettingUpdate {
    /// 1 the online guide, 2 the one in development.
    pub privacy_ver: u8,
    /// Who collects the information.
    pub owner_setting: PrivacyOwner,
    /// What is collected and why (the development guide only).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub setting_list: Vec<PrivacyItem>,
    /// What the third-party SDKs collect.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sdk_privacy_info_list: Vec<SdkPrivacyInfo>,
}

impl PrivacySettingUpdate {
    /// The guide in development, collected by `owner`; add items.
    pub fn develop(owner: PrivacyOwner) -> Self {
        PrivacySettingUpdate {
            privacy_ver: PrivacyVersion::Develop.code(),
            owner_setting: owner,
            setting_list: Vec::new(),
            sdk_privacy_info_list: Vec::new(),
        }
    }

    /// The online guide's owner, changed at once (its items cannot change here).
    pub fn online(owner: PrivacyOwner) -> Self {
        PrivacySettingUpdate {
            privacy_ver: PrivacyVersion::Online.code(),
            ..PrivacySettingUpdate::develop(owner)
        }
    }

    /// Adds an item: information `privacy_key`, collected to `privacy_text`.
    pub fn item(mut self, privacy_key: impl Into<String>, privacy_text: impl Into<String>) -> Self {
        self.setting_list
            .push(PrivacyItem::new(privacy_key, privacy_text));
        self
    }

    /// Adds what a third-party SDK collects.
    pub fn sdk(mut self, sdk: SdkPrivacyInfo) -> Self {
        self.sdk_privacy_info_list.push(sdk);
        self
    }

    fn check(&self) -> Result<()> {
        self.owner_setting.check()?;
        let online = self.privacy_ver == PrivacyVersion::Online.code();
        if online && (!self.setting_list.is_empty() || !self.sdk_privacy_info_list.is_empty()) {
            return Err(Error::invalid_input(
                "the online privacy guide changes only its owner: items go to the development one",
            ));
        }
        if !online && self.setting_list.is_empty() {
            return Err(Error::invalid_input("setting_list is empty"));
        }
        self.setting_list.iter().try_for_each(|item| {
            check_present("privacy_key", &item.privacy_key)
                .and_then(|()| check_present("privacy_text", &item.privacy_text))
        })
    }
}

/// The privacy APIs the uploaded code calls: `GET /wxa/security/get_code_privacy_info`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct CodePrivacyInfo {
    /// Called but not declared (in `ext_json`'s `requiredPrivateInfos`) or not authorized.
    #[serde(default)]
    pub without_auth_list: Vec<String>,
    /// Called and declared.
    #[serde(default)]
    pub valid_auth_list: Vec<String>,
}

#[derive(Deserialize)]
struct UploadAnswer {
    ext_file_media_id: String,
}

fn check_privacy_file(filename: &str, data: &[u8]) -> Result<()> {
    check_present("filename", filename)?;
    if !filename.to_ascii_lowercase().ends_with(".txt") {
        return Err(Error::invalid_input(
            "a privacy guide file must be a .txt file",
        ));
    }
    if data.is_empty() {
        return Err(Error::invalid_input("the privacy guide file is empty"));
    }
    if data.len() > MAX_PRIVACY_FILE_BYTES {
        return Err(Error::invalid_input(format!(
            "the privacy guide file has {} bytes; WeChat takes at most {MAX_PRIVACY_FILE_BYTES}",
            data.len()
        )));
    }
    Ok(())
}

impl<'c, K: 'static> WxaAdminApi<'c, K> {
    /// A privacy guide, online or in development:
    /// `POST /cgi-bin/component/getprivacysetting` (the authorizer's token).
    pub fn privacy_setting(&self, version: PrivacyVersion) -> ApiCall<'static, PrivacySetting, K> {
        self.0.post(
            "/cgi-bin/component/getprivacysetting",
            &serde_json::json!({ "privacy_ver": version.code() }),
            Retry::Safe,
        )
    }

    /// Sets a privacy guide: `POST /cgi-bin/component/setprivacysetting` (the authorizer's
    /// token).
    pub fn set_privacy_setting(&self, update: &PrivacySettingUpdate) -> ApiCall<'static, (), K> {
        self.0.checked(update.check(), |()| {
            self.0
                .post_ok("/cgi-bin/component/setprivacysetting", update, Retry::Safe)
        })
    }

    /// Uploads a custom privacy guide (a `.txt` file of at most 100 KB, the multipart field
    /// `file`); its media id, for [`PrivacyOwner::ext_file_media_id`]:
    /// `POST /cgi-bin/component/uploadprivacyextfile` (the authorizer's token).
    pub fn upload_privacy_ext_file(
        &self,
        filename: &str,
        data: impl Into<Bytes>,
    ) -> ApiCall<'static, String, K> {
        let data = data.into();
        self.0.checked(check_privacy_file(filename, &data), |()| {
            let request = self
                .0
                .request(Method::POST, "/cgi-bin/component/uploadprivacyextfile")
                .part(Part::bytes("file", filename, data).content_type("text/plain"))
                .idempotent(false);
            self.0.call(request, |response| {
                Ok(response.json::<UploadAnswer>()?.ext_file_media_id)
            })
        })
    }

    /// The privacy APIs the uploaded code calls, declared or not (errcode 61039 while the
    /// check of a new upload runs): `GET /wxa/security/get_code_privacy_info`.
    pub fn code_privacy_info(&self) -> ApiCall<'static, CodePrivacyInfo, K> {
        self.0.get("/wxa/security/get_code_privacy_info")
    }
}
