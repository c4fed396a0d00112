//! The answers of the visit statistics: trends, distributions, retention, pages, portraits.

use serde::Deserialize;

/// The summary of a day (`getweanalysisappiddailysummarytrend`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct SummaryTrend {
    /// The day, `YYYYMMDD`.
    pub ref_date: String,
    /// Users who ever visited, up to that day.
    #[serde(default)]
    pub visit_total: u64,
    /// Shares.
    #[serde(default)]
    pub share_pv: u64,
    /// Users who shared.
    #[serde(default)]
    pub share_uv: u64,
}

/// Visits of a day, a week or a month (`getweanalysisappid{daily,weekly,monthly}visittrend`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct VisitTrend {
    /// The day `YYYYMMDD`, the week `YYYYMMDD-YYYYMMDD` or the month `YYYYMM`.
    pub ref_date: String,
    /// Times the Mini Program was opened.
    #[serde(default)]
    pub session_cnt: u64,
    /// Visits (page views).
    #[serde(default)]
    pub visit_pv: u64,
    /// Visitors.
    #[serde(default)]
    pub visit_uv: u64,
    /// New visitors.
    #[serde(default)]
    pub visit_uv_new: u64,
    /// The time each visitor stayed, on average, in seconds.
    #[serde(default)]
    pub stay_time_uv: f64,
    /// The time each opening lasted, on average, in seconds.
    #[serde(default)]
    pub stay_time_session: f64,
    /// The pages each opening visited, on average.
    #[serde(default)]
    pub visit_depth: f64,
}

/// One bucket of a [`Distribution`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct DistributionItem {
    /// The bucket: a source for `access_source_*` (1: history list, 2: search, 3: chat, 4: scan
    /// a QR code, ...), a stay for `access_staytime_info` (1: 0-2 s, ..., 8: over 100 s), a depth
    /// for `access_depth_info` (1: one page, ..., 7: over 10 pages).
    #[serde(default)]
    pub key: u32,
    /// Openings (or visitors for `access_source_visit_uv`) in the bucket.
    #[serde(default)]
    pub value: u64,
}

/// One distribution of the visits of a day.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct Distribution {
    /// What is distributed: `access_source_session_cnt` (openings by source),
    /// `access_source_visit_uv` (visitors by source), `access_staytime_info` (openings by
    /// stay) or `access_depth_info` (openings by depth).
    #[serde(default)]
    pub index: String,
    /// The buckets.
    #[serde(default)]
    pub item_list: Vec<DistributionItem>,
}

/// The visits of a day by source, stay and depth (`getweanalysisappidvisitdistribution`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct VisitDistribution {
    /// The day, `YYYYMMDD`.
    #[serde(default)]
    pub ref_date: String,
    /// One distribution per kind.
    #[serde(default)]
    pub list: Vec<Distribution>,
}

impl VisitDistribution {
    /// The distribution named `index` (e.g. `access_depth_info`), if WeChat sent it.
    pub fn get(&self, index: &str) -> Option<&Distribution> {
        self.list.iter().find(|d| d.index == index)
    }
}

/// The users still visiting some time after a day, week or month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct RetainItem {
    /// How long after: 0 is the period itself; then days (0 to 7, 14, 30), weeks (0 to 4) or
    /// months (0 and 1).
    #[serde(default)]
    pub key: u32,
    /// The users of the period (key 0) or those of them still visiting (key over 0).
    #[serde(default)]
    pub value: u64,
}

/// Retention of a day, a week or a month (`getweanalysisappid{daily,weekly,monthly}retaininfo`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct RetainInfo {
    /// The day `YYYYMMDD`, the week `YYYYMMDD-YYYYMMDD` or the month `YYYYMM`.
    #[serde(default)]
    pub ref_date: String,
    /// Retention of the new users.
    #[serde(default)]
    pub visit_uv_new: Vec<RetainItem>,
    /// Retention of the active users.
    #[serde(default)]
    pub visit_uv: Vec<RetainItem>,
}

/// The visits of one page on a day.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct VisitPage {
    /// The page.
    pub page_path: String,
    /// Visits.
    #[serde(default)]
    pub page_visit_pv: u64,
    /// Visitors.
    #[serde(default)]
    pub page_visit_uv: u64,
    /// The time each visit stayed, on average, in seconds.
    #[serde(default)]
    pub page_staytime_pv: f64,
    /// Times it was the first page.
    #[serde(default)]
    pub entrypage_pv: u64,
    /// Times it was the last page.
    #[serde(default)]
    pub exitpage_pv: u64,
    /// Shares.
    #[serde(default)]
    pub page_share_pv: u64,
    /// Users who shared.
    #[serde(default)]
    pub page_share_uv: u64,
}

/// The most visited pages of a day, at most 200 (`getweanalysisappidvisitpage`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct VisitPages {
    /// The day, `YYYYMMDD`.
    #[serde(default)]
    pub ref_date: String,
    /// The pages, most visited first.
    #[serde(default)]
    pub list: Vec<VisitPage>,
}

/// One value of a portrait attribute (a province, an age bracket, ...).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct PortraitItem {
    /// The value's id (devices have none).
    #[serde(default)]
    pub id: Option<i64>,
    /// The value's name, e.g. `广东省`, `17岁以下`, `iPhone`.
    #[serde(default)]
    pub name: String,
    /// The users with that value (WeChat's documentation names it `access_source_visit_uv`).
    #[serde(default, alias = "access_source_visit_uv")]
    pub value: u64,
}

/// The portrait of a group of users, attribute by attribute.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct Portrait {
    /// The distribution type, where WeChat sends one.
    #[serde(default)]
    pub index: Option<i64>,
    /// By province.
    #[serde(default)]
    pub province: Vec<PortraitItem>,
    /// By city.
    #[serde(default)]
    pub city: Vec<PortraitItem>,
    /// By gender (male, female, unknown).
    #[serde(default)]
    pub genders: Vec<PortraitItem>,
    /// By platform (iPhone, Android, other).
    #[serde(default)]
    pub platforms: Vec<PortraitItem>,
    /// By device model.
    #[serde(default)]
    pub devices: Vec<PortraitItem>,
    /// By age bracket.
    #[serde(default)]
    pub ages: Vec<PortraitItem>,
}

/// The portraits of the new and the active users (`getweanalysisappiduserportrait`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct UserPortrait {
    /// The range, e.g. `20170611-20170617`.
    #[serde(default)]
    pub ref_date: String,
    /// The new users.
    #[serde(default)]
    pub visit_uv_new: Portrait,
    /// The active users.
    #[serde(default)]
    pub visit_uv: Portrait,
}
