//! Mini Program data analysis: visit trends, retention, distribution, pages, user portraits and
//! performance.
//!
//! The statistics take a date range as `YYYYMMDD` strings, both ends included, and each API
//! takes one shape of range: one day (`begin_date` = `end_date`), one natural week (a Monday to
//! the Sunday after it), one natural month (its first to its last day), or, for the user
//! portrait, the last 1, 7 or 30 days. WeChat has data up to yesterday. A malformed date or a
//! range of another shape is rejected before sending, with [`Error::InvalidInput`], with the
//! same date checks as the [datacube](super::datacube) statistics.
//!
//! # Example
//!
//! ```no_run
//! # async fn example<S>(client: &wechat_runtime::Client<S>) -> wechat_runtime::Result<()> {
//! use wechat_runtime::api::wxa_analysis::{PerformanceModule, PerformanceQuery};
//!
//! let analysis = client.wxa_analysis();
//! for day in analysis.daily_visit_trend("20240310", "20240310").await? {
//!     println!("{}: {} visits by {} users", day.ref_date, day.visit_pv, day.visit_uv);
//! }
//! // A natural week: a Monday to the Sunday after it.
//! let retain = analysis.weekly_retain("20240304", "20240310").await?;
//! println!("{} new users that week", retain.visit_uv_new.first().map_or(0, |r| r.value));
//! // A natural month.
//! let month = analysis.monthly_visit_trend("20240201", "20240229").await?;
//! # let _ = month;
//! // The launch time of the last week, on Wi-Fi.
//! let query = PerformanceQuery::new(PerformanceModule::LaunchStages, 1_709_510_400, 1_710_115_200)
//!     .network_type("wifi");
//! let performance = analysis.performance(&query).await?;
//! # let _ = performance;
//! # Ok(()) }
//! ```

mod performance;
mod visits;

pub use performance::{
    PerformanceData, PerformanceField, PerformanceLine, PerformanceModule, PerformanceQuery,
    PerformanceTable, MAX_PERFORMANCE_SPAN_SECS,
};
pub use visits::{
    Distribution, DistributionItem, Portrait, PortraitItem, RetainInfo, RetainItem, SummaryTrend,
    UserPortrait, VisitDistribution, VisitPage, VisitPages, VisitTrend,
};

use performance::decode_performance;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::datacube::{days_from_civil, parse_civil, DateFormat};
use super::{ApiCall, Area, Retry};
use crate::call::transport::Response;
use crate::error::{Error, Result};

/// Mini Program data analysis; from [`Client::wxa_analysis`](crate::Client::wxa_analysis).
pub struct WxaAnalysisApi<'c, K>(pub(crate) Area<'c, K>);

/// The shape of date range an analysis API takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Span {
    /// One day.
    Day,
    /// A natural week, Monday to Sunday.
    Week,
    /// A natural month, its first to its last day.
    Month,
    /// The last 1, 7 or 30 days.
    Portrait,
}

/// Checks a range `YYYYMMDD` to `YYYYMMDD` against the shape an API takes.
fn check_span(begin_date: &str, end_date: &str, span: Span) -> Result<()> {
    let (by, bm, bd) = parse_civil("begin_date", begin_date, DateFormat::Compact)?;
    let (ey, em, ed) = parse_civil("end_date", end_date, DateFormat::Compact)?;
    let (begin, end) = (days_from_civil(by, bm, bd), days_from_civil(ey, em, ed));
    if end < begin {
        return Err(Error::invalid_input(format!(
            "end_date {end_date} is before begin_date {begin_date}"
        )));
    }
    let ok = match span {
        Span::Day => end == begin,
        // 1970-01-01 was a Thursday: Mondays are 4 days on.
        Span::Week => (begin - 4).rem_euclid(7) == 0 && end == begin + 6,
        Span::Month => {
            let (ny, nm) = if bm == 12 { (by + 1, 1) } else { (by, bm + 1) };
            bd == 1 && end == days_from_civil(ny, nm, 1) - 1
        }
        Span::Portrait => matches!(end - begin, 0 | 6 | 29),
    };
    if ok {
        return Ok(());
    }
    let takes = match span {
        Span::Day => "one day (begin_date equal to end_date)",
        Span::Week => "one natural week (a Monday to the Sunday after it)",
        Span::Month => "one natural month (its first to its last day)",
        Span::Portrait => "the last 1, 7 or 30 days",
    };
    Err(Error::invalid_input(format!(
        "{begin_date} to {end_date}: this API takes {takes}"
    )))
}

#[derive(Serialize)]
struct Range<'a> {
    begin_date: &'a str,
    end_date: &'a str,
}

/// The rows of a `{"list": [...]}` answer.
fn list<T: DeserializeOwned>(response: Response) -> Result<Vec<T>> {
    #[derive(Deserialize)]
    struct List<T> {
        #[serde(default = "Vec::new")]
        list: Vec<T>,
    }
    Ok(response.json::<List<T>>()?.list)
}

impl<'c, K: 'static> WxaAnalysisApi<'c, K> {
    /// A statistic of `path` decoded by `decode`, after checking the range against `span`.
    fn stat<T>(
        &self,
        path: &'static str,
        span: Span,
        begin_date: &str,
        end_date: &str,
        decode: fn(Response) -> Result<T>,
    ) -> ApiCall<'static, T, K> {
        self.0
            .checked(check_span(begin_date, end_date, span), |()| {
                self.0.post_with(
                    path,
                    &Range {
                        begin_date,
                        end_date,
                    },
                    Retry::Safe,
                    decode,
                )
            })
    }

    /// A statistic answered as a JSON object, after checking the range against `span`.
    fn object<T: DeserializeOwned + Send + 'static>(
        &self,
        path: &'static str,
        span: Span,
        begin_date: &str,
        end_date: &str,
    ) -> ApiCall<'static, T, K> {
        self.0
            .checked(check_span(begin_date, end_date, span), |()| {
                self.0.post(
                    path,
                    &Range {
                        begin_date,
                        end_date,
                    },
                    Retry::Safe,
                )
            })
    }

    /// The total users and shares of one day:
    /// `POST /datacube/getweanalysisappiddailysummarytrend`.
    pub fn daily_summary(
        &self,
        begin_date: &str,
        end_date: &str,
    ) -> ApiCall<'static, Vec<SummaryTrend>, K> {
        self.stat(
            "/datacube/getweanalysisappiddailysummarytrend",
            Span::Day,
            begin_date,
            end_date,
            list::<SummaryTrend>,
        )
    }

    /// The visits of one day: `POST /datacube/getweanalysisappiddailyvisittrend`.
    pub fn daily_visit_trend(
        &self,
        begin_date: &str,
        end_date: &str,
    ) -> ApiCall<'static, Vec<VisitTrend>, K> {
        self.stat(
            "/datacube/getweanalysisappiddailyvisittrend",
            Span::Day,
            begin_date,
            end_date,
            list::<VisitTrend>,
        )
    }

    /// The visits of one natural week (Monday to Sunday):
    /// `POST /datacube/getweanalysisappidweeklyvisittrend`.
    pub fn weekly_visit_trend(
        &self,
        begin_date: &str,
        end_date: &str,
    ) -> ApiCall<'static, Vec<VisitTrend>, K> {
        self.stat(
            "/datacube/getweanalysisappidweeklyvisittrend",
            Span::Week,
            begin_date,
            end_date,
            list::<VisitTrend>,
        )
    }

    /// The visits of one natural month (its first to its last day; the latest is last month):
    /// `POST /datacube/getweanalysisappidmonthlyvisittrend`.
    pub fn monthly_visit_trend(
        &self,
        begin_date: &str,
        end_date: &str,
    ) -> ApiCall<'static, Vec<VisitTrend>, K> {
        self.stat(
            "/datacube/getweanalysisappidmonthlyvisittrend",
            Span::Month,
            begin_date,
            end_date,
            list::<VisitTrend>,
        )
    }

    /// The visits of one day by source, stay and depth:
    /// `POST /datacube/getweanalysisappidvisitdistribution`.
    pub fn visit_distribution(
        &self,
        begin_date: &str,
        end_date: &str,
    ) -> ApiCall<'static, VisitDistribution, K> {
        self.object(
            "/datacube/getweanalysisappidvisitdistribution",
            Span::Day,
            begin_date,
            end_date,
        )
    }

    /// The retention of the users of one day:
    /// `POST /datacube/getweanalysisappiddailyretaininfo`.
    pub fn daily_retain(
        &self,
        begin_date: &str,
        end_date: &str,
    ) -> ApiCall<'static, RetainInfo, K> {
        self.object(
            "/datacube/getweanalysisappiddailyretaininfo",
            Span::Day,
            begin_date,
            end_date,
        )
    }

    /// The retention of the users of one natural week (Monday to Sunday):
    /// `POST /datacube/getweanalysisappidweeklyretaininfo`.
    pub fn weekly_retain(
        &self,
        begin_date: &str,
        end_date: &str,
    ) -> ApiCall<'static, RetainInfo, K> {
        self.object(
            "/datacube/getweanalysisappidweeklyretaininfo",
            Span::Week,
            begin_date,
            end_date,
        )
    }

    /// The retention of the users of one natural month:
    /// `POST /datacube/getweanalysisappidmonthlyretaininfo`.
    pub fn monthly_retain(
        &self,
        begin_date: &str,
        end_date: &str,
    ) -> ApiCall<'static, RetainInfo, K> {
        self.object(
            "/datacube/getweanalysisappidmonthlyretaininfo",
            Span::Month,
            begin_date,
            end_date,
        )
    }

    /// The 200 most visited pages of one day:
    /// `POST /datacube/getweanalysisappidvisitpage`.
    pub fn visit_page(&self, begin_date: &str, end_date: &str) -> ApiCall<'static, VisitPages, K> {
        self.object(
            "/datacube/getweanalysisappidvisitpage",
            Span::Day,
            begin_date,
            end_date,
        )
    }

    /// The portraits of the new and active users of the last 1, 7 or 30 days (`end_date` at
    /// most yesterday): `POST /datacube/getweanalysisappiduserportrait`.
    pub fn user_portrait(
        &self,
        begin_date: &str,
        end_date: &str,
    ) -> ApiCall<'static, UserPortrait, K> {
        self.object(
            "/datacube/getweanalysisappiduserportrait",
            Span::Portrait,
            begin_date,
            end_date,
        )
    }

    /// Launch and runtime performance: `POST /wxa/business/performance/boot`.
    pub fn performance(&self, query: &PerformanceQuery) -> ApiCall<'static, PerformanceData, K> {
        self.0.checked(query.check(), |()| {
            self.0.post_with(
                "/wxa/business/performance/boot",
                query,
                Retry::Safe,
                decode_performance,
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans() {
        assert!(check_span("20240310", "20240310", Span::Day).is_ok());
        assert!(check_span("20240310", "20240311", Span::Day).is_err());
        // 2024-03-04 was a Monday.
        assert!(check_span("20240304", "20240310", Span::Week).is_ok());
        assert!(check_span("20240305", "20240311", Span::Week).is_err());
        assert!(check_span("20240304", "20240309", Span::Week).is_err());
        assert!(check_span("20240201", "20240229", Span::Month).is_ok());
        assert!(check_span("20230201", "20230228", Span::Month).is_ok());
        assert!(check_span("20231201", "20231231", Span::Month).is_ok());
        assert!(check_span("20240201", "20240228", Span::Month).is_err());
        assert!(check_span("20240202", "20240229", Span::Month).is_err());
        assert!(check_span("20240310", "20240310", Span::Portrait).is_ok());
        assert!(check_span("20240304", "20240310", Span::Portrait).is_ok());
        assert!(check_span("20240210", "20240310", Span::Portrait).is_ok());
        assert!(check_span("20240303", "20240310", Span::Portrait).is_err());
        assert!(check_span("2024-03-10", "2024-03-10", Span::Day).is_err());
        assert!(check_span("20240230", "20240230", Span::Day).is_err());
        assert!(check_span("２０２４0310", "20240310", Span::Day).is_err());
    }
}
