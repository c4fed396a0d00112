//! Approval templates and their controls: [`ApprovalTemplate`].

use serde::Deserialize;

use super::{ApprovalApi, ApprovalText};
use crate::api::{check_present, ApiCall, Retry};
use crate::Work;

/// An approval template, from [`ApprovalApi::template_detail`].
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct ApprovalTemplate {
    /// Its name, in each language it has.
    #[serde(default)]
    pub template_names: Vec<ApprovalText>,
    /// Its controls.
    #[serde(default)]
    pub template_content: ApprovalTemplateContent,
}

/// The controls of an [`ApprovalTemplate`].
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct ApprovalTemplateContent {
    /// The controls, in order.
    #[serde(default)]
    pub controls: Vec<ApprovalControl>,
}

/// A control of an [`ApprovalTemplate`].
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct ApprovalControl {
    /// What the control is.
    pub property: ApprovalControlProperty,
    /// Its type's settings (`date`, `selector`, `contact`, …), as WeCom sent them.
    #[serde(default)]
    pub config: Option<serde_json::Value>,
}

/// What an [`ApprovalControl`] is.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct ApprovalControlProperty {
    /// Its type: `Text`, `Textarea`, `Number`, `Money`, `Date`, `Selector`, `Contact`, …
    pub control: String,
    /// Its id, which an [`ApprovalContent`](super::ApprovalContent) names.
    pub id: String,
    /// Its title.
    #[serde(default)]
    pub title: Vec<ApprovalText>,
    /// Its placeholder.
    #[serde(default)]
    pub placeholder: Vec<ApprovalText>,
    /// `1` when it must be filled in.
    #[serde(default)]
    pub require: u32,
    /// `1` when it is left out of the printout.
    #[serde(default)]
    pub un_print: u32,
}

impl ApprovalApi<'_> {
    /// The template `template_id` and its controls: `POST /cgi-bin/oa/gettemplatedetail`.
    pub fn template_detail(&self, template_id: &str) -> ApiCall<'static, ApprovalTemplate, Work> {
        self.0
            .checked(check_present("template_id", template_id), |()| {
                self.0.post(
                    "/cgi-bin/oa/gettemplatedetail",
                    &serde_json::json!({ "template_id": template_id }),
                    Retry::Safe,
                )
            })
    }
}
