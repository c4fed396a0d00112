//! An authorizer's code: uploading a template as its trial version, what the upload holds,
//! and its audit.

use bytes::Bytes;
use reqwest::Method;
use serde::{Deserialize, Serialize};

use super::WxaAdminApi;
use crate::api::{bytes, check_all_present, check_len, ok, ApiCall, Retry};
use crate::error::{Error, Result};

/// The longest `user_version` of a commit, in characters.
pub const MAX_USER_VERSION_CHARS: usize = 64;
/// The most items an audit lists.
pub const MAX_AUDIT_ITEMS: usize = 5;
/// The longest `feedback_info` of an audit, in characters.
pub const MAX_FEEDBACK_CHARS: usize = 200;
/// The most images (`feedback_stuff`) an audit's feedback carries.
pub const MAX_FEEDBACK_STUFF: usize = 5;
/// The most tags an audit item has.
pub const MAX_AUDIT_TAGS: usize = 10;
/// The longest tag of an audit item, in characters.
pub const MAX_AUDIT_TAG_CHARS: usize = 20;
/// The longest title of an audit item, in characters.
pub const MAX_AUDIT_TITLE_CHARS: usize = 32;

/// Rejects a string longer than `max` characters.
pub(super) fn check_chars(what: &str, value: &str, max: usize) -> Result<()> {
    let chars = value.chars().count();
    if chars > max {
        return Err(Error::invalid_input(format!(
            "{what} has {chars} characters; WeChat takes at most {max}"
        )));
    }
    Ok(())
}

/// What [`WxaAdminApi::commit`] uploads: a template of the platform's library, with the
/// authorizer's `ext.json` configuration.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Commit {
    /// The template's id, from [`WxaAdminApi::templates`].
    pub template_id: u64,
    /// The `ext.json` of this authorizer, as JSON text (`extAppid`, `ext`, `extPages`,
    /// `pages`, `window`, `requiredPrivateInfos`...); the template reads it with
    /// `wx.getExtConfigSync()`.
    pub ext_json: String,
    /// The code's version (at most 64 characters).
    pub user_version: String,
    /// The code's description.
    pub user_desc: String,
}

impl Commit {
    /// Template `template_id` with the `ext_json` configuration (JSON text), as version
    /// `user_version`.
    pub fn new(
        template_id: u64,
        ext_json: impl Into<String>,
        user_version: impl Into<String>,
        user_desc: impl Into<String>,
    ) -> Self {
        Commit {
            template_id,
            ext_json: ext_json.into(),
            user_version: user_version.into(),
            user_desc: user_desc.into(),
        }
    }

    fn check(&self) -> Result<()> {
        check_all_present(&[
            ("user_version", &self.user_version),
            ("user_desc", &self.user_desc),
        ])?;
        check_chars("user_version", &self.user_version, MAX_USER_VERSION_CHARS)?;
        match serde_json::from_str::<serde_json::Value>(&self.ext_json) {
            Ok(serde_json::Value::Object(_)) => Ok(()),
            _ => Err(Error::invalid_input("ext_json is not a JSON object")),
        }
    }
}

/// One item of an audit: a category the Mini Program is set in (from
/// [`WxaAdminApi::audit_categories`]), with a page, its title and tags.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct AuditItem {
    /// The page (from [`WxaAdminApi::pages`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// Tags, separated by spaces (at most 10, each at most 20 characters).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tag: Option<String>,
    /// The first-level category's name.
    pub first_class: String,
    /// The second-level category's name.
    pub second_class: String,
    /// The third-level category's name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub third_class: Option<String>,
    /// The first-level category's id.
    pub first_id: u64,
    /// The second-level category's id.
    pub second_id: u64,
    /// The third-level category's id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub third_id: Option<u64>,
    /// The page's title (at most 32 characters).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
}

impl AuditItem {
    /// An item in category `first_class` / `second_class` (ids `first_id` / `second_id`).
    pub fn new(
        first_class: impl Into<String>,
        second_class: impl Into<String>,
        first_id: u64,
        second_id: u64,
    ) -> Self {
        AuditItem {
            address: None,
            tag: None,
            first_class: first_class.into(),
            second_class: second_class.into(),
            third_class: None,
            first_id,
            second_id,
            third_id: None,
            title: None,
        }
    }

    /// The third-level category, name and id.
    pub fn third(mut self, third_class: impl Into<String>, third_id: u64) -> Self {
        self.third_class = Some(third_class.into());
        self.third_id = Some(third_id);
        self
    }

    /// The page, such as `pages/index/index`.
    pub fn address(mut self, address: impl Into<String>) -> Self {
        self.address = Some(address.into());
        self
    }

    /// Tags, sent separated by spaces.
    pub fn tags<S: AsRef<str>>(mut self, tags: &[S]) -> Self {
        let joined: Vec<&str> = tags.iter().map(AsRef::as_ref).collect();
        self.tag = Some(joined.join(" "));
        self
    }

    /// The page's title.
    pub fn title(mut self, title: impl Into<String>) -> Self {
        self.title = Some(title.into());
        self
    }

    fn check(&self) -> Result<()> {
        check_all_present(&[
            ("first_class", &self.first_class),
            ("second_class", &self.second_class),
        ])?;
        if let Some(tag) = &self.tag {
            let tags: Vec<&str> = tag.split_whitespace().collect();
            if tags.len() > MAX_AUDIT_TAGS {
                return Err(Error::invalid_input(format!(
                    "tag has {} tags; WeChat takes at most {MAX_AUDIT_TAGS}",
                    tags.len()
                )));
            }
            tags.iter()
                .try_for_each(|tag| check_chars("a tag", tag, MAX_AUDIT_TAG_CHARS))?;
        }
        if let Some(title) = &self.title {
            check_chars("title", title, MAX_AUDIT_TITLE_CHARS)?;
        }
        Ok(())
    }
}

/// Screenshots and screen recordings of the Mini Program for the auditors (media ids of
/// uploaded temporary media).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct AuditPreview {
    /// Screen recordings.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub video_id_list: Vec<String>,
    /// Screenshots.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub pic_id_list: Vec<String>,
}

impl AuditPreview {
    /// Screenshots `pic_id_list` and recordings `video_id_list`.
    pub fn new(pic_id_list: Vec<String>, video_id_list: Vec<String>) -> Self {
        AuditPreview {
            video_id_list,
            pic_id_list,
        }
    }
}

/// The declaration about user-generated content (UGC) an audit needs the first time a Mini
/// Program in a social category is submitted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct UgcDeclare {
    /// The UGC scenes: 0 none, 1 user profiles, 2 images, 3 videos, 4 text, 5 other, 6 audio.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub scene: Vec<u32>,
    /// What "other" (5) is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub other_scene_desc: Option<String>,
    /// How the content is checked: 1 WeChat's content security API, 2 another product,
    /// 3 people, 4 not checked.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub method: Vec<u32>,
    /// Whether there is an audit team: 0 no, 1 yes.
    pub has_audit_team: u8,
    /// How the content is audited.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub audit_desc: Option<String>,
}

/// What [`WxaAdminApi::submit_audit`] sends: the uploaded code's audit items and notes.
///
/// ```
/// use wechat_runtime::api::wxa_admin::{AuditItem, SubmitAudit};
///
/// let audit = SubmitAudit::new()
///     .item(AuditItem::new("教育", "出国移民", 8, 39).address("pages/index/index").tags(&["留学", "签证"]))
///     .version_desc("test account: demo / demo")
///     .privacy_api_not_use(true);
/// # let _ = audit;
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct SubmitAudit {
    /// The audit items (at most 5).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub item_list: Vec<AuditItem>,
    /// Feedback to the auditors after a rejection (at most 200 characters).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub feedback_info: Option<String>,
    /// Images for that feedback: media ids separated by `|` (at most 5).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub feedback_stuff: Option<String>,
    /// What this version does, for the auditors (test accounts, say).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version_desc: Option<String>,
    /// Screenshots and recordings.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub preview_info: Option<AuditPreview>,
    /// The UGC declaration.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ugc_declare: Option<UgcDeclare>,
    /// Declares that the privacy APIs detected in the code but not configured are not used.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub privacy_api_not_use: Option<bool>,
    /// The order center page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order_path: Option<String>,
}

impl SubmitAudit {
    /// An audit with no item yet.
    pub fn new() -> Self {
        SubmitAudit::default()
    }

    /// Adds an audit item.
    pub fn item(mut self, item: AuditItem) -> Self {
        self.item_list.push(item);
        self
    }

    /// Feedback after a rejection, with images (media ids of temporary media).
    pub fn feedback<S: AsRef<str>>(mut self, info: impl Into<String>, media_ids: &[S]) -> Self {
        self.feedback_info = Some(info.into());
        if !media_ids.is_empty() {
            let ids: Vec<&str> = media_ids.iter().map(AsRef::as_ref).collect();
            self.feedback_stuff = Some(ids.join("|"));
        }
        self
    }

    /// What this version does, for the auditors.
    pub fn version_desc(mut self, version_desc: impl Into<String>) -> Self {
        self.version_desc = Some(version_desc.into());
        self
    }

    /// Screenshots and recordings.
    pub fn preview(mut self, preview: AuditPreview) -> Self {
        self.preview_info = Some(preview);
        self
    }

    /// The UGC declaration.
    pub fn ugc_declare(mut self, declare: UgcDeclare) -> Self {
        self.ugc_declare = Some(declare);
        self
    }

    /// Declares whether the privacy APIs detected but not configured are unused.
    pub fn privacy_api_not_use(mut self, not_used: bool) -> Self {
        self.privacy_api_not_use = Some(not_used);
        self
    }

    /// The order center page.
    pub fn order_path(mut self, order_path: impl Into<String>) -> Self {
        self.order_path = Some(order_path.into());
        self
    }

    fn check(&self) -> Result<()> {
        if self.item_list.len() > MAX_AUDIT_ITEMS {
            return Err(Error::invalid_input(format!(
                "item_list has {} items; WeChat takes at most {MAX_AUDIT_ITEMS}",
                self.item_list.len()
            )));
        }
        self.item_list.iter().try_for_each(AuditItem::check)?;
        if let Some(info) = &self.feedback_info {
            check_chars("feedback_info", info, MAX_FEEDBACK_CHARS)?;
        }
        if let Some(stuff) = &self.feedback_stuff {
            let ids: Vec<&str> = stuff.split('|').collect();
            check_len("feedback_stuff", &ids, MAX_FEEDBACK_STUFF)?;
        }
        Ok(())
    }
}

/// The audit of [`WxaAdminApi::audit_status`].
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct AuditStatus {
    /// 0 approved, 1 rejected, 2 auditing, 3 withdrawn, 4 delayed.
    pub status: u32,
    /// Why it was rejected (1) or delayed (4).
    #[serde(default)]
    pub reason: Option<String>,
    /// Screenshots of what failed: media ids separated by `|` (see
    /// [`screenshots`](AuditStatus::screenshots)).
    #[serde(default, alias = "ScreenShot")]
    pub screenshot: Option<String>,
}

impl AuditStatus {
    /// The media ids of the rejection's screenshots (permanent material).
    pub fn screenshots(&self) -> Vec<&str> {
        split_media_ids(self.screenshot.as_deref())
    }
}

/// The latest audit, of [`WxaAdminApi::latest_audit_status`].
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct LatestAudit {
    /// The audit's id.
    pub auditid: u64,
    /// 0 approved, 1 rejected, 2 auditing, 3 withdrawn, 4 delayed.
    pub status: u32,
    /// Why it was rejected.
    #[serde(default)]
    pub reason: Option<String>,
    /// Screenshots of what failed: media ids separated by `|`.
    #[serde(default, alias = "ScreenShot")]
    pub screenshot: Option<String>,
    /// The audited code's version.
    #[serde(default)]
    pub user_version: String,
    /// The audited code's description.
    #[serde(default)]
    pub user_desc: String,
    /// When it was submitted (unix seconds).
    #[serde(default)]
    pub submit_audit_time: u64,
}

impl LatestAudit {
    /// The media ids of the rejection's screenshots (permanent material).
    pub fn screenshots(&self) -> Vec<&str> {
        split_media_ids(self.screenshot.as_deref())
    }
}

fn split_media_ids(ids: Option<&str>) -> Vec<&str> {
    ids.map(|ids| ids.split('|').filter(|id| !id.is_empty()).collect())
        .unwrap_or_default()
}

/// A category an audit item may name: `GET /wxa/get_category`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct AuditCategory {
    /// The first-level category's name.
    #[serde(default)]
    pub first_class: String,
    /// The second-level category's name.
    #[serde(default)]
    pub second_class: String,
    /// The third-level category's name, if any.
    #[serde(default)]
    pub third_class: Option<String>,
    /// The first-level category's id.
    #[serde(default)]
    pub first_id: u64,
    /// The second-level category's id.
    #[serde(default)]
    pub second_id: u64,
    /// The third-level category's id, if any.
    #[serde(default)]
    pub third_id: Option<u64>,
}

/// The audit quota of this month: `GET /wxa/queryquota`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct AuditQuota {
    /// Audits left this month.
    #[serde(default)]
    pub rest: u32,
    /// Audits per month.
    #[serde(default)]
    pub limit: u32,
    /// Speed-ups left this month.
    #[serde(default)]
    pub speedup_rest: u32,
    /// Speed-ups per month.
    #[serde(default)]
    pub speedup_limit: u32,
}

#[derive(Deserialize)]
struct PagesAnswer {
    #[serde(default)]
    page_list: Vec<String>,
}

#[derive(Deserialize)]
struct AuditCategoriesAnswer {
    #[serde(default)]
    category_list: Vec<AuditCategory>,
}

#[derive(Deserialize)]
struct SubmitAnswer {
    auditid: u64,
}

impl<'c, K: 'static> WxaAdminApi<'c, K> {
    /// Uploads a template as the authorizer's code, its trial version: `POST /wxa/commit`.
    /// Wait for the code's privacy check ([`code_privacy_info`]) before submitting the audit.
    ///
    /// [`code_privacy_info`]: WxaAdminApi::code_privacy_info
    pub fn commit(&self, commit: &Commit) -> ApiCall<'static, (), K> {
        self.0.checked(commit.check(), |()| {
            self.0.post_ok("/wxa/commit", commit, Retry::Unsafe)
        })
    }

    /// The pages of the uploaded code: `GET /wxa/get_page`.
    pub fn pages(&self) -> ApiCall<'static, Vec<String>, K> {
        self.0.get_with("/wxa/get_page", |response| {
            Ok(response.json::<PagesAnswer>()?.page_list)
        })
    }

    /// The QR code of the trial version (image bytes), opening `path` (a page with its query)
    /// or the home page: `GET /wxa/get_qrcode[?path=]`.
    pub fn trial_qrcode(&self, path: Option<&str>) -> ApiCall<'static, Bytes, K> {
        let mut request = self.0.request(Method::GET, "/wxa/get_qrcode");
        if let Some(path) = path {
            request = request.query("path", path);
        }
        self.0.call(request, bytes)
    }

    /// The categories an audit item may name (the account's categories, to the third level):
    /// `GET /wxa/get_category`.
    pub fn audit_categories(&self) -> ApiCall<'static, Vec<AuditCategory>, K> {
        self.0.get_with("/wxa/get_category", |response| {
            Ok(response.json::<AuditCategoriesAnswer>()?.category_list)
        })
    }

    /// Submits the uploaded code for audit; the audit's id: `POST /wxa/submit_audit`.
    pub fn submit_audit(&self, audit: &SubmitAudit) -> ApiCall<'static, u64, K> {
        self.0.checked(audit.check(), |()| {
            self.0
                .post_with("/wxa/submit_audit", audit, Retry::Unsafe, |response| {
                    Ok(response.json::<SubmitAnswer>()?.auditid)
                })
        })
    }

    /// An audit's status: `POST /wxa/get_auditstatus`.
    pub fn audit_status(&self, auditid: u64) -> ApiCall<'static, AuditStatus, K> {
        let body = serde_json::json!({ "auditid": auditid });
        self.0.post("/wxa/get_auditstatus", &body, Retry::Safe)
    }

    /// The latest audit: `GET /wxa/get_latest_auditstatus`.
    pub fn latest_audit_status(&self) -> ApiCall<'static, LatestAudit, K> {
        self.0.get("/wxa/get_latest_auditstatus")
    }

    /// Withdraws the audit in progress (a few times a day at most): `GET /wxa/undocodeaudit`.
    /// Never sent twice.
    pub fn undo_audit(&self) -> ApiCall<'static, (), K> {
        let request = self
            .0
            .request(Method::GET, "/wxa/undocodeaudit")
            .idempotent(false);
        self.0.call(request, ok)
    }

    /// Speeds up the audit in progress (a monthly quota): `POST /wxa/speedupaudit`.
    pub fn speedup_audit(&self, auditid: u64) -> ApiCall<'static, (), K> {
        let body = serde_json::json!({ "auditid": auditid });
        self.0.post_ok("/wxa/speedupaudit", &body, Retry::Unsafe)
    }

    /// The audit quota of this month: `GET /wxa/queryquota`.
    pub fn audit_quota(&self) -> ApiCall<'static, AuditQuota, K> {
        self.0.get("/wxa/queryquota")
    }
}
