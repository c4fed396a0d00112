//! The open platform managing its authorizers' Mini Programs: what third-party platforms exist
//! for. Code templates, code upload, audit and release, server and web-view domains, testers,
//! categories, the account's name, avatar and signature, its privacy settings, and the fast
//! registration of new Mini Programs.
//!
//! Reached from a component client with [`Client::wxa_admin`](crate::Client::wxa_admin). Most
//! calls act for one authorizer and take its `access_token`: the client's default authorizer,
//! or the one named with `.authorizer_appid(..)` on the call. The code template calls
//! ([`templates`](WxaAdminApi::templates) and its siblings) take the platform's own token,
//! under the name `access_token`, and the fast registration calls its
//! `component_access_token`; the runtime picks the right one by path.
//!
//! Calls that spend a quota or change what users see (commit, audit, release, rollbacks) are
//! never sent twice after a transient failure; queries are retried.
//!
//! ```no_run
//! use wechat_runtime::api::wxa_admin::{AuditItem, Commit, DomainAction, ServerDomains, SubmitAudit};
//! use wechat_runtime::{Client, ClientBuilder, Component, Hub, MemoryStore};
//!
//! # async fn run() -> wechat_runtime::Result<()> {
//! let store = MemoryStore::new().with_app("wxc0mponent0000001", "the-component-secret");
//! let platform: Client<_, Component> = ClientBuilder::component(Hub::new(store), ())
//!     .appid("wxc0mponent0000001")
//!     .build()?;
//! let admin = platform.wxa_admin();
//!
//! // The platform's code templates (its own token).
//! let template = admin.templates(None).await?.remove(0);
//!
//! // For one authorizer: domains, code, audit, release.
//! let shop = "wxa1b2c3d4e5f60001";
//! let domains = ServerDomains::new().request(["https://api.example.com"]);
//! admin
//!     .modify_server_domains(DomainAction::Add, &domains)
//!     .authorizer_appid(shop)
//!     .await?;
//! let commit = Commit::new(template.template_id, r#"{"extAppid":"wxa1b2c3d4e5f60001"}"#, "1.0.0", "first release");
//! admin.commit(&commit).authorizer_appid(shop).await?;
//! let audit = SubmitAudit::new().item(AuditItem::new("教育", "出国移民", 8, 39).address("pages/index/index"));
//! let auditid = admin.submit_audit(&audit).authorizer_appid(shop).await?;
//! if admin.audit_status(auditid).authorizer_appid(shop).await?.status == 0 {
//!     admin.release().authorizer_appid(shop).await?;
//! }
//! # Ok(()) }
//! ```

mod basic_info;
mod categories;
mod code;
mod domains;
mod privacy;
mod register;
mod release;
mod templates;
mod testers;

pub use basic_info::{
    AccountBasicInfo, HeadImageCrop, HeadImageInfo, NicknameAudit, NicknameCheck, NicknameInfo,
    NicknameSubmitted, SetNickname, SignatureInfo, WxVerifyInfo, MAX_NAMING_STUFF,
    MAX_SIGNATURE_CHARS,
};
pub use categories::{
    CategoryCertificate, CategoryNode, CategoryQualify, NewCategory, QualifyDoc, QualifyGroup,
    SettingCategories, SettingCategory,
};
pub use code::{
    AuditCategory, AuditItem, AuditPreview, AuditQuota, AuditStatus, Commit, LatestAudit,
    SubmitAudit, UgcDeclare, MAX_AUDIT_ITEMS, MAX_AUDIT_TAGS, MAX_AUDIT_TAG_CHARS,
    MAX_AUDIT_TITLE_CHARS, MAX_FEEDBACK_CHARS, MAX_FEEDBACK_STUFF, MAX_USER_VERSION_CHARS,
};
pub use domains::{
    DomainAction, EffectiveDomains, ModifiedDomains, ServerDomains, WebviewConfirmFile,
    MAX_SERVER_DOMAINS, MAX_WEBVIEW_DOMAINS,
};
pub use privacy::{
    CodePrivacyInfo, PrivacyItem, PrivacyKeyDesc, PrivacyOwner, PrivacySetting,
    PrivacySettingUpdate, PrivacyVersion, SdkPrivacyInfo, MAX_PRIVACY_FILE_BYTES,
};
pub use register::{EnterpriseCodeType, FastRegistration};
pub use release::{
    ExperienceVersionInfo, GrayRelease, GrayReleasePlan, HistoryVersion, ReleaseVersionInfo,
    VersionInfo, VisitStatus,
};
pub use templates::{CodeTemplate, CodeTemplateType, TemplateCategory, TemplateDraft};

use super::Area;

/// Managing authorizers' Mini Programs; from
/// [`Client::wxa_admin`](crate::Client::wxa_admin).
pub struct WxaAdminApi<'c, K>(pub(crate) Area<'c, K>);
