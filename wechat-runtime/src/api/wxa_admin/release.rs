//! An authorizer's releases: publishing the approved code, phased (gray) releases, rollbacks,
//! and whether the Mini Program can be visited.

use reqwest::Method;
use serde::{Deserialize, Serialize};

use super::WxaAdminApi;
use crate::api::{check_between, ok, ApiCall, Retry};

/// A version the online code can be rolled back to: from
/// [`WxaAdminApi::history_versions`].
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct HistoryVersion {
    /// The version's number, for [`WxaAdminApi::revert_release`].
    pub app_version: u64,
    /// Its version, as the developer named it.
    #[serde(default)]
    pub user_version: String,
    /// Its description.
    #[serde(default)]
    pub user_desc: String,
    /// When it was released (unix seconds).
    #[serde(default)]
    pub commit_time: u64,
}

/// A phased release: the share of users who get the new version, and who gets it first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct GrayRelease {
    /// The share of users, 1 to 100 percent.
    pub gray_percentage: u32,
    /// Project members get it first.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub support_debuger_first: Option<bool>,
    /// Testers get it first.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub support_experiencer_first: Option<bool>,
}

impl GrayRelease {
    /// A release to `gray_percentage` percent of users (1 to 100).
    pub fn new(gray_percentage: u32) -> Self {
        GrayRelease {
            gray_percentage,
            support_debuger_first: None,
            support_experiencer_first: None,
        }
    }

    /// Whether project members get it first.
    pub fn debuger_first(mut self, first: bool) -> Self {
        self.support_debuger_first = Some(first);
        self
    }

    /// Whether testers get it first.
    pub fn experiencer_first(mut self, first: bool) -> Self {
        self.support_experiencer_first = Some(first);
        self
    }
}

/// The phased release in progress: `GET /wxa/getgrayreleaseplan`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct GrayReleasePlan {
    /// 0 initial, 1 running, 2 paused, 3 done, 4 deleted.
    pub status: u32,
    /// When the plan was made (unix seconds).
    #[serde(default)]
    pub create_timestamp: u64,
    /// The share of users who have the new version, in percent.
    #[serde(default)]
    pub gray_percentage: u32,
    /// Whether testers get it first.
    #[serde(default)]
    pub support_experiencer_first: bool,
    /// Whether project members get it first.
    #[serde(default)]
    pub support_debuger_first: bool,
}

/// Whether users can visit the Mini Program: [`WxaAdminApi::set_visit_status`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum VisitStatus {
    /// Visitable (`open`).
    Open,
    /// Not visitable, as if unpublished (`close`).
    Close,
}

impl VisitStatus {
    /// The `action` WeChat takes: `open` or `close`.
    pub fn as_str(self) -> &'static str {
        match self {
            VisitStatus::Open => "open",
            VisitStatus::Close => "close",
        }
    }
}

/// The trial version, in [`VersionInfo`].
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct ExperienceVersionInfo {
    /// When it was uploaded (unix seconds).
    #[serde(default)]
    pub exp_time: u64,
    /// Its version.
    #[serde(default)]
    pub exp_version: String,
    /// Its description.
    #[serde(default)]
    pub exp_desc: String,
}

/// The online version, in [`VersionInfo`].
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct ReleaseVersionInfo {
    /// When it was released (unix seconds).
    #[serde(default)]
    pub release_time: u64,
    /// Its version.
    #[serde(default)]
    pub release_version: String,
    /// Its description.
    #[serde(default)]
    pub release_desc: String,
}

/// The trial and online versions: `POST /wxa/getversioninfo`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct VersionInfo {
    /// The trial version, if code was uploaded.
    #[serde(default)]
    pub exp_info: Option<ExperienceVersionInfo>,
    /// The online version, if one was released.
    #[serde(default)]
    pub release_info: Option<ReleaseVersionInfo>,
}

#[derive(Deserialize)]
struct HistoryAnswer {
    #[serde(default)]
    version_list: Vec<HistoryVersion>,
}

#[derive(Deserialize)]
struct GrayPlanAnswer {
    gray_release_plan: GrayReleasePlan,
}

impl<'c, K: 'static> WxaAdminApi<'c, K> {
    /// Releases the approved code to every user: `POST /wxa/release`.
    pub fn release(&self) -> ApiCall<'static, (), K> {
        self.0
            .post_ok("/wxa/release", &serde_json::json!({}), Retry::Unsafe)
    }

    /// Rolls the online code back to the version before it, or to `app_version` (from
    /// [`history_versions`](WxaAdminApi::history_versions)):
    /// `GET /wxa/revertcoderelease[?app_version=]`. Never sent twice.
    pub fn revert_release(&self, app_version: Option<u64>) -> ApiCall<'static, (), K> {
        let mut request = self
            .0
            .request(Method::GET, "/wxa/revertcoderelease")
            .idempotent(false);
        if let Some(app_version) = app_version {
            request = request.query("app_version", app_version);
        }
        self.0.call(request, ok)
    }

    /// The versions the online code can be rolled back to (the latest five):
    /// `GET /wxa/revertcoderelease?action=get_history_version`.
    pub fn history_versions(&self) -> ApiCall<'static, Vec<HistoryVersion>, K> {
        let request = self
            .0
            .request(Method::GET, "/wxa/revertcoderelease")
            .query("action", "get_history_version");
        self.0.call(request, |response| {
            Ok(response.json::<HistoryAnswer>()?.version_list)
        })
    }

    /// Releases the approved code to a share of users, or raises that share:
    /// `POST /wxa/grayrelease`.
    pub fn gray_release(&self, release: &GrayRelease) -> ApiCall<'static, (), K> {
        let checked = check_between("gray_percentage", release.gray_percentage, 1, 100);
        self.0.checked(checked, |()| {
            self.0.post_ok("/wxa/grayrelease", release, Retry::Unsafe)
        })
    }

    /// The phased release in progress: `GET /wxa/getgrayreleaseplan`.
    pub fn gray_release_plan(&self) -> ApiCall<'static, GrayReleasePlan, K> {
        self.0.get_with("/wxa/getgrayreleaseplan", |response| {
            Ok(response.json::<GrayPlanAnswer>()?.gray_release_plan)
        })
    }

    /// Cancels the phased release: `GET /wxa/revertgrayrelease`. Never sent twice.
    pub fn revert_gray_release(&self) -> ApiCall<'static, (), K> {
        let request = self
            .0
            .request(Method::GET, "/wxa/revertgrayrelease")
            .idempotent(false);
        self.0.call(request, ok)
    }

    /// Opens or closes the Mini Program to its users: `POST /wxa/change_visitstatus`.
    pub fn set_visit_status(&self, status: VisitStatus) -> ApiCall<'static, (), K> {
        let body = serde_json::json!({ "action": status.as_str() });
        self.0
            .post_ok("/wxa/change_visitstatus", &body, Retry::Safe)
    }

    /// The trial and online versions: `POST /wxa/getversioninfo`.
    pub fn version_info(&self) -> ApiCall<'static, VersionInfo, K> {
        self.0
            .post("/wxa/getversioninfo", &serde_json::json!({}), Retry::Safe)
    }
}
