//! OA approval (审批): the templates of the approval app, applications submitted for members,
//! and the applications of a period with their details (`/cgi-bin/oa/*`).
//!
//! These calls take the token of the approval app, or of an agent configured under "审批 →
//! 可调用接口的应用" (and, to submit or read applications, granted the approval data). A
//! template's controls ([`ApprovalApi::template_detail`]) say what an application fills in:
//! each [`ApprovalContent`] names a control by its `id`.
//!
//! ```no_run
//! # async fn run<S>(client: &wechat_runtime::Client<S, wechat_runtime::Work>) -> wechat_runtime::Result<()> {
//! use wechat_runtime::work::approval::{ApprovalApplication, ApprovalContent, ApprovalQuery};
//!
//! let template = client.approval().template_detail("3Tka1eD6v6JfzhDMqPd3aMkFdxqtJMc2ZRioeFXk").await?;
//! let first_control = &template.template_content.controls[0].property.id;
//!
//! let sp_no = client
//!     .approval()
//!     .apply(
//!         &ApprovalApplication::with_template_flow("WangXiaoMing", "3Tka1eD6v6JfzhDMqPd3aMkFdxqtJMc2ZRioeFXk")
//!             .content(ApprovalContent::text(first_control.as_str(), "A new laptop"))
//!             .summary_line("Laptop"),
//!     )
//!     .await?;
//! let detail = client.approval().detail(&sp_no).await?;
//! println!("{} is in state {}", detail.sp_no, detail.sp_status);
//!
//! let page = client.approval().approval_numbers(&ApprovalQuery::new(1_569_546_000, 1_569_718_800)).await?;
//! println!("{} applications", page.sp_no_list.len());
//! # Ok(()) }
//! ```

mod apply;
mod detail;
mod template;

pub use apply::{ApprovalApplication, ApprovalContent, ApprovalStep};
pub use detail::{
    ApprovalAppliedData, ApprovalApplyer, ApprovalComment, ApprovalDetail, ApprovalNumbers,
    ApprovalQuery, ApprovalRecord, ApprovalRecordDetail, ApprovalUser,
};
pub use template::{
    ApprovalControl, ApprovalControlProperty, ApprovalTemplate, ApprovalTemplateContent,
};

use serde::{Deserialize, Serialize};

use crate::api::Area;
use crate::{Client, Work};

/// The most applications a page of [`ApprovalApi::approval_numbers`] holds.
pub const MAX_APPROVAL_PAGE: u32 = 100;
/// The longest period [`ApprovalApi::approval_numbers`] covers, in seconds (31 days).
pub const MAX_APPROVAL_PERIOD: u64 = 31 * 24 * 3600;
/// The most summary lines of an application.
pub const MAX_SUMMARY_LINES: usize = 3;

/// OA approval; from [`Client::approval`].
pub struct ApprovalApi<'c>(pub(crate) Area<'c, Work>);

impl<S> Client<S, Work> {
    /// OA approval (审批): templates, applications, their numbers and details.
    ///
    /// The client's app must be the approval app, or an agent configured under "审批 →
    /// 可调用接口的应用" ([`WorkApp::Agent`]).
    ///
    /// ```no_run
    /// # async fn run<S>(client: &wechat_runtime::Client<S, wechat_runtime::Work>) -> wechat_runtime::Result<()> {
    /// let detail = client.approval().detail("202001010001").await?;
    /// # let _ = detail; Ok(()) }
    /// ```
    ///
    /// [`WorkApp::Agent`]: crate::work::WorkApp::Agent
    pub fn approval(&self) -> ApprovalApi<'_> {
        ApprovalApi(Area::new(&self.core))
    }
}

/// A text in one language (`text`, `lang`), as approval templates and summaries write it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ApprovalText {
    /// The text.
    #[serde(default)]
    pub text: String,
    /// Its language: `zh_CN`, `en`.
    #[serde(default)]
    pub lang: String,
}

impl ApprovalText {
    /// `text` in simplified Chinese (`zh_CN`), WeCom's default.
    pub fn zh_cn(text: impl Into<String>) -> Self {
        ApprovalText {
            text: text.into(),
            lang: "zh_CN".to_owned(),
        }
    }
}
