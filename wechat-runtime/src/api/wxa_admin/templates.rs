//! Code templates: the drafts the platform's developers upload with WeChat DevTools, and the
//! template library made from them, which [`WxaAdminApi::commit`] uploads to authorizers.
//!
//! These four calls take the platform's own token, sent as `access_token`.

use reqwest::Method;
use serde::Deserialize;

use super::WxaAdminApi;
use crate::api::{ok, ApiCall, Retry};

/// Which template library a code template is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum CodeTemplateType {
    /// An ordinary template (0).
    Normal,
    /// A standard template (1): audited once by WeChat, then committed to authorizers with
    /// only `extAppid`, `ext` and `window` in their `ext_json`.
    Standard,
}

impl CodeTemplateType {
    /// The number WeChat uses: 0 or 1.
    pub fn code(self) -> u8 {
        match self {
            CodeTemplateType::Normal => 0,
            CodeTemplateType::Standard => 1,
        }
    }
}

/// A draft in the platform's draft box: `GET /wxa/gettemplatedraftlist`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct TemplateDraft {
    /// The draft's id, for [`WxaAdminApi::add_to_template`].
    pub draft_id: u64,
    /// When the developer uploaded it (unix seconds).
    #[serde(default)]
    pub create_time: u64,
    /// Its version, as the developer named it.
    #[serde(default)]
    pub user_version: String,
    /// Its description, as the developer wrote it.
    #[serde(default)]
    pub user_desc: String,
    /// The appid of the Mini Program it was developed in.
    #[serde(default)]
    pub source_miniprogram_appid: Option<String>,
    /// The name of that Mini Program.
    #[serde(default)]
    pub source_miniprogram: Option<String>,
    /// The developer who uploaded it.
    #[serde(default)]
    pub developer: Option<String>,
}

/// A category of a standard template.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct TemplateCategory {
    /// The first-level category's name.
    #[serde(default)]
    pub first_class: String,
    /// Its id.
    #[serde(default)]
    pub first_id: u64,
    /// The second-level category's name.
    #[serde(default)]
    pub second_class: String,
    /// Its id.
    #[serde(default)]
    pub second_id: u64,
    /// The third-level category's name, if any.
    #[serde(default)]
    pub third_class: Option<String>,
    /// Its id, if any.
    #[serde(default)]
    pub third_id: Option<u64>,
}

/// A template of the platform's library: `GET /wxa/gettemplatelist`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct CodeTemplate {
    /// The template's id, for [`Commit::new`](super::Commit::new).
    pub template_id: u64,
    /// When it was added to the library (unix seconds).
    #[serde(default)]
    pub create_time: u64,
    /// Its version, as the developer named it.
    #[serde(default)]
    pub user_version: String,
    /// Its description, as the developer wrote it.
    #[serde(default)]
    pub user_desc: String,
    /// The draft it was made from.
    #[serde(default)]
    pub draft_id: Option<u64>,
    /// 0 for an ordinary template, 1 for a standard one.
    #[serde(default)]
    pub template_type: u8,
    /// The appid of the Mini Program it was developed in.
    #[serde(default)]
    pub source_miniprogram_appid: Option<String>,
    /// The name of that Mini Program.
    #[serde(default)]
    pub source_miniprogram: Option<String>,
    /// The developer who uploaded it.
    #[serde(default)]
    pub developer: Option<String>,
    /// A standard template's categories (empty for an ordinary one).
    #[serde(default)]
    pub category_list: Vec<TemplateCategory>,
    /// A standard template's scene tag.
    #[serde(default)]
    pub audit_scene: Option<u32>,
    /// A standard template's audit: 0 not submitted, 1 auditing, 2 rejected, 3 approved,
    /// 4 being submitted, 5 submission failed.
    #[serde(default)]
    pub audit_status: Option<u32>,
    /// Why a standard template was rejected.
    #[serde(default)]
    pub reason: Option<String>,
}

#[derive(Deserialize)]
struct DraftListAnswer {
    #[serde(default)]
    draft_list: Vec<TemplateDraft>,
}

#[derive(Deserialize)]
struct TemplateListAnswer {
    #[serde(default)]
    template_list: Vec<CodeTemplate>,
}

impl<'c, K: 'static> WxaAdminApi<'c, K> {
    /// The drafts in the platform's draft box: `GET /wxa/gettemplatedraftlist` (the platform's
    /// token).
    pub fn template_drafts(&self) -> ApiCall<'static, Vec<TemplateDraft>, K> {
        self.0.get_with("/wxa/gettemplatedraftlist", |response| {
            Ok(response.json::<DraftListAnswer>()?.draft_list)
        })
    }

    /// Adds a draft to the template library, ordinary unless `template_type` says otherwise:
    /// `POST /wxa/addtotemplate` (the platform's token).
    pub fn add_to_template(
        &self,
        draft_id: u64,
        template_type: Option<CodeTemplateType>,
    ) -> ApiCall<'static, (), K> {
        let mut body = serde_json::json!({ "draft_id": draft_id });
        if let Some(template_type) = template_type {
            body["template_type"] = template_type.code().into();
        }
        self.0.post_ok("/wxa/addtotemplate", &body, Retry::Unsafe)
    }

    /// The templates of the library, all of them or those of one type:
    /// `GET /wxa/gettemplatelist[?template_type=]` (the platform's token).
    pub fn templates(
        &self,
        template_type: Option<CodeTemplateType>,
    ) -> ApiCall<'static, Vec<CodeTemplate>, K> {
        let mut request = self.0.request(Method::GET, "/wxa/gettemplatelist");
        if let Some(template_type) = template_type {
            request = request.query("template_type", template_type.code());
        }
        self.0.call(request, |response| {
            Ok(response.json::<TemplateListAnswer>()?.template_list)
        })
    }

    /// Deletes a template from the library: `POST /wxa/deletetemplate` (the platform's
    /// token).
    pub fn delete_template(&self, template_id: u64) -> ApiCall<'static, (), K> {
        let body = serde_json::json!({ "template_id": template_id });
        self.0
            .post_with("/wxa/deletetemplate", &body, Retry::Unsafe, ok)
    }
}
