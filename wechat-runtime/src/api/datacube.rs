//! Statistics (datacube): users, articles, upstream messages and the callback interface.
//!
//! Every call takes a date range as `YYYY-MM-DD` strings, both ends included. Each API has a
//! maximum span (7 days for the user summary, 1 day for the hourly data, ...), and WeChat
//! keeps data from 2014-12-01 up to yesterday. A malformed date, an end before the beginning or
//! a span over the API's maximum is rejected before sending, with
//! [`Error::InvalidInput`].
//!
//! # Example
//!
//! ```no_run
//! # async fn example<S>(client: &wechat_runtime::Client<S>) -> wechat_runtime::Result<()> {
//! let rows = client.datacube().user_summary("2024-03-01", "2024-03-07").await?;
//! for row in rows {
//!     println!("{}: +{} -{}", row.ref_date, row.new_user, row.cancel_user);
//! }
//! let hourly = client
//!     .datacube()
//!     .interface_summary_hour("2024-03-07", "2024-03-07")
//!     .await?;
//! # let _ = hourly;
//! # Ok(()) }
//! ```

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::{ApiCall, Area, Retry};
use crate::call::transport::Response;
use crate::error::{Error, Result};

/// Statistics; from [`Client::datacube`](crate::Client::datacube).
pub struct DatacubeApi<'c, K>(pub(crate) Area<'c, K>);

/// How an API writes its dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DateFormat {
    /// `YYYY-MM-DD`, as the datacube statistics take them.
    Dashed,
    /// `YYYYMMDD`, as the Mini Program analysis takes them.
    Compact,
}

/// A date `YYYY-MM-DD` as days since 1970-01-01, or why it is not one.
fn parse_date(what: &str, date: &str) -> Result<i64> {
    parse_civil(what, date, DateFormat::Dashed).map(|(y, m, d)| days_from_civil(y, m, d))
}

/// The year, month and day of a date written as `format`, or why it is not one (a malformed
/// date, or a day that does not exist such as 02-30).
pub(crate) fn parse_civil(what: &str, date: &str, format: DateFormat) -> Result<(i64, i64, i64)> {
    let invalid = || {
        let shape = match format {
            DateFormat::Dashed => "YYYY-MM-DD",
            DateFormat::Compact => "YYYYMMDD",
        };
        Error::invalid_input(format!("{what} `{date}` is not a date {shape}"))
    };
    let bytes = date.as_bytes();
    if !date.is_ascii() {
        return Err(invalid());
    }
    let (year, month, day) = match format {
        DateFormat::Dashed if bytes.len() == 10 && bytes[4] == b'-' && bytes[7] == b'-' => {
            (0..4, 5..7, 8..10)
        }
        DateFormat::Compact if bytes.len() == 8 => (0..4, 4..6, 6..8),
        _ => return Err(invalid()),
    };
    let number = |range: std::ops::Range<usize>| -> Result<i64> {
        let part = &date[range];
        if !part.bytes().all(|b| b.is_ascii_digit()) {
            return Err(invalid());
        }
        part.parse().map_err(|_| invalid())
    };
    let (year, month, day) = (number(year)?, number(month)?, number(day)?);
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return Err(invalid()),
    };
    if day < 1 || day > days_in_month {
        return Err(invalid());
    }
    Ok((year, month, day))
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
pub(crate) fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Checks a range against an API's maximum span in days, both ends included.
fn check_range(begin_date: &str, end_date: &str, max_days: i64) -> Result<()> {
    let begin = parse_date("begin_date", begin_date)?;
    let end = parse_date("end_date", end_date)?;
    if end < begin {
        return Err(Error::invalid_input(format!(
            "end_date {end_date} is before begin_date {begin_date}"
        )));
    }
    let days = end - begin + 1;
    if days > max_days {
        return Err(Error::invalid_input(format!(
            "{begin_date} to {end_date} spans {days} days; this API takes at most {max_days}"
        )));
    }
    Ok(())
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

/// New and lost followers of a day, by source (`getusersummary`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct UserSummary {
    /// The day.
    pub ref_date: String,
    /// Where the followers came from (0: other, 1: search, 17: card sharing, 30: QR code,
    /// ...).
    #[serde(default)]
    pub user_source: u32,
    /// New followers.
    #[serde(default)]
    pub new_user: u64,
    /// Followers lost.
    #[serde(default)]
    pub cancel_user: u64,
}

/// The total followers on a day (`getusercumulate`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct UserCumulate {
    /// The day.
    pub ref_date: String,
    /// The total followers.
    #[serde(default)]
    pub cumulate_user: u64,
    /// The source, where WeChat sends one.
    #[serde(default)]
    pub user_source: Option<u32>,
}

/// Reads, shares and saves of articles, as every article statistic reports them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct ReadingFigures {
    /// Readers of the article page.
    #[serde(default)]
    pub int_page_read_user: u64,
    /// Reads of the article page.
    #[serde(default)]
    pub int_page_read_count: u64,
    /// Readers of the original page ("read more").
    #[serde(default)]
    pub ori_page_read_user: u64,
    /// Reads of the original page.
    #[serde(default)]
    pub ori_page_read_count: u64,
    /// Users who shared.
    #[serde(default)]
    pub share_user: u64,
    /// Shares.
    #[serde(default)]
    pub share_count: u64,
    /// Users who saved.
    #[serde(default)]
    pub add_to_fav_user: u64,
    /// Saves.
    #[serde(default)]
    pub add_to_fav_count: u64,
}

/// Reads of one mass-sent article on a day (`getarticlesummary`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct ArticleSummary {
    /// The day.
    pub ref_date: String,
    /// The message id and article index (`msgid_index`).
    #[serde(default)]
    pub msgid: String,
    /// The title.
    #[serde(default)]
    pub title: String,
    /// Reads, shares and saves.
    #[serde(flatten)]
    pub figures: ReadingFigures,
}

/// The figures of one day after an article was sent (`getarticletotal` details).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct ArticleTotalDetail {
    /// The day of the figures.
    pub stat_date: String,
    /// Users the article was sent to.
    #[serde(default)]
    pub target_user: u64,
    /// Reads, shares and saves.
    #[serde(flatten)]
    pub figures: ReadingFigures,
    /// Readers from the chat.
    #[serde(default)]
    pub int_page_from_session_read_user: u64,
    /// Reads from the chat.
    #[serde(default)]
    pub int_page_from_session_read_count: u64,
    /// Readers from the history page.
    #[serde(default)]
    pub int_page_from_hist_msg_read_user: u64,
    /// Reads from the history page.
    #[serde(default)]
    pub int_page_from_hist_msg_read_count: u64,
    /// Readers from Moments.
    #[serde(default)]
    pub int_page_from_feed_read_user: u64,
    /// Reads from Moments.
    #[serde(default)]
    pub int_page_from_feed_read_count: u64,
    /// Readers from friends' shares.
    #[serde(default)]
    pub int_page_from_friends_read_user: u64,
    /// Reads from friends' shares.
    #[serde(default)]
    pub int_page_from_friends_read_count: u64,
    /// Readers from elsewhere.
    #[serde(default)]
    pub int_page_from_other_read_user: u64,
    /// Reads from elsewhere.
    #[serde(default)]
    pub int_page_from_other_read_count: u64,
    /// Users who shared it to Moments from the chat.
    #[serde(default)]
    pub feed_share_from_session_user: u64,
    /// Shares to Moments from the chat.
    #[serde(default)]
    pub feed_share_from_session_cnt: u64,
    /// Users who shared it to Moments from Moments.
    #[serde(default)]
    pub feed_share_from_feed_user: u64,
    /// Shares to Moments from Moments.
    #[serde(default)]
    pub feed_share_from_feed_cnt: u64,
    /// Users who shared it to Moments from elsewhere.
    #[serde(default)]
    pub feed_share_from_other_user: u64,
    /// Shares to Moments from elsewhere.
    #[serde(default)]
    pub feed_share_from_other_cnt: u64,
}

/// The figures of one mass-sent article over its first days (`getarticletotal`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct ArticleTotal {
    /// The day it was sent.
    pub ref_date: String,
    /// The message id and article index (`msgid_index`).
    #[serde(default)]
    pub msgid: String,
    /// The title.
    #[serde(default)]
    pub title: String,
    /// One entry per day since it was sent.
    #[serde(default)]
    pub details: Vec<ArticleTotalDetail>,
}

/// Reads of all articles on a day or an hour, by source (`getuserread`, `getuserreadhour`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct UserRead {
    /// The day.
    pub ref_date: String,
    /// The hour, as `HHMM` (hourly data only).
    #[serde(default)]
    pub ref_hour: Option<u32>,
    /// Where readers came from (99999999: all; 0: chat; 1: friends; 2: Moments; 4: history;
    /// 5: other; 6: Top Stories; 7: search).
    #[serde(default)]
    pub user_source: Option<u64>,
    /// Reads, shares and saves.
    #[serde(flatten)]
    pub figures: ReadingFigures,
}

/// Shares of articles on a day or an hour, by scene (`getusershare`, `getusersharehour`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct UserShare {
    /// The day.
    pub ref_date: String,
    /// The hour, as `HHMM` (hourly data only).
    #[serde(default)]
    pub ref_hour: Option<u32>,
    /// Where it was shared to (1: a friend; 2: Moments; 3: Tencent Weibo; 255: other).
    #[serde(default)]
    pub share_scene: u32,
    /// Shares.
    #[serde(default)]
    pub share_count: u64,
    /// Users who shared.
    #[serde(default)]
    pub share_user: u64,
}

/// Messages users sent to the account, by type (`getupstreammsg`, `...hour`, `...week`,
/// `...month`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct UpstreamMsg {
    /// The day (the first day of the week or month for weekly and monthly data).
    pub ref_date: String,
    /// The hour, as `HHMM` (hourly data only).
    #[serde(default)]
    pub ref_hour: Option<u32>,
    /// The type (1: text; 2: image; 3: voice; 4: video; 6: third-party app message).
    #[serde(default)]
    pub msg_type: u32,
    /// Users who sent such messages.
    #[serde(default)]
    pub msg_user: u64,
    /// Messages sent.
    #[serde(default)]
    pub msg_count: u64,
}

/// Users by how many messages they sent (`getupstreammsgdist`, `...week`, `...month`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct UpstreamMsgDist {
    /// The day (the first day of the week or month for weekly and monthly data).
    pub ref_date: String,
    /// The bucket (0: none; 1: 1 to 5; 2: 6 to 10; 3: more than 10).
    #[serde(default)]
    pub count_interval: u32,
    /// Users in the bucket.
    #[serde(default)]
    pub msg_user: u64,
}

/// Calls to the account's callback URL on a day or an hour (`getinterfacesummary`,
/// `getinterfacesummaryhour`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct InterfaceSummary {
    /// The day.
    pub ref_date: String,
    /// The hour, as `HHMM` (hourly data only).
    #[serde(default)]
    pub ref_hour: Option<u32>,
    /// Callbacks made.
    #[serde(default)]
    pub callback_count: u64,
    /// Callbacks that failed.
    #[serde(default)]
    pub fail_count: u64,
    /// Their total time, in milliseconds.
    #[serde(default)]
    pub total_time_cost: u64,
    /// The longest one, in milliseconds.
    #[serde(default)]
    pub max_time_cost: u64,
}

impl<'c, K: 'static> DatacubeApi<'c, K> {
    /// A `{"list": [...]}` statistic of `path`, after checking the range against `max_days`.
    fn rows<T: DeserializeOwned + Send + 'static>(
        &self,
        path: &'static str,
        max_days: i64,
        begin_date: &str,
        end_date: &str,
    ) -> ApiCall<'static, Vec<T>, K> {
        self.0
            .checked(check_range(begin_date, end_date, max_days), |()| {
                self.0.post_with(
                    path,
                    &Range {
                        begin_date,
                        end_date,
                    },
                    Retry::Safe,
                    list::<T>,
                )
            })
    }

    /// New and lost followers per day and source, at most 7 days:
    /// `POST /datacube/getusersummary`.
    pub fn user_summary(
        &self,
        begin_date: &str,
        end_date: &str,
    ) -> ApiCall<'static, Vec<UserSummary>, K> {
        self.rows("/datacube/getusersummary", 7, begin_date, end_date)
    }

    /// Total followers per day, at most 7 days: `POST /datacube/getusercumulate`.
    pub fn user_cumulate(
        &self,
        begin_date: &str,
        end_date: &str,
    ) -> ApiCall<'static, Vec<UserCumulate>, K> {
        self.rows("/datacube/getusercumulate", 7, begin_date, end_date)
    }

    /// Reads of each mass-sent article on one day: `POST /datacube/getarticlesummary`.
    /// WeChat no longer maintains it and points to the newer publishing statistics.
    pub fn article_summary(
        &self,
        begin_date: &str,
        end_date: &str,
    ) -> ApiCall<'static, Vec<ArticleSummary>, K> {
        self.rows("/datacube/getarticlesummary", 1, begin_date, end_date)
    }

    /// The figures of the articles mass-sent on one day, over their first days:
    /// `POST /datacube/getarticletotal`. WeChat no longer maintains it and points to the
    /// newer publishing statistics.
    pub fn article_total(
        &self,
        begin_date: &str,
        end_date: &str,
    ) -> ApiCall<'static, Vec<ArticleTotal>, K> {
        self.rows("/datacube/getarticletotal", 1, begin_date, end_date)
    }

    /// Reads of all articles per day and source, at most 3 days:
    /// `POST /datacube/getuserread`. WeChat no longer maintains it and points to the newer
    /// publishing statistics.
    pub fn user_read(
        &self,
        begin_date: &str,
        end_date: &str,
    ) -> ApiCall<'static, Vec<UserRead>, K> {
        self.rows("/datacube/getuserread", 3, begin_date, end_date)
    }

    /// Reads of all articles per hour of one day: `POST /datacube/getuserreadhour`.
    /// WeChat no longer maintains it and points to the newer publishing statistics.
    pub fn user_read_hour(
        &self,
        begin_date: &str,
        end_date: &str,
    ) -> ApiCall<'static, Vec<UserRead>, K> {
        self.rows("/datacube/getuserreadhour", 1, begin_date, end_date)
    }

    /// Shares of articles per day and scene, at most 7 days: `POST /datacube/getusershare`.
    /// WeChat no longer maintains it and points to the newer publishing statistics.
    pub fn user_share(
        &self,
        begin_date: &str,
        end_date: &str,
    ) -> ApiCall<'static, Vec<UserShare>, K> {
        self.rows("/datacube/getusershare", 7, begin_date, end_date)
    }

    /// Shares of articles per hour of one day: `POST /datacube/getusersharehour`.
    /// WeChat no longer maintains it and points to the newer publishing statistics.
    pub fn user_share_hour(
        &self,
        begin_date: &str,
        end_date: &str,
    ) -> ApiCall<'static, Vec<UserShare>, K> {
        self.rows("/datacube/getusersharehour", 1, begin_date, end_date)
    }

    /// Messages users sent, per day and type, at most 7 days:
    /// `POST /datacube/getupstreammsg`.
    pub fn upstream_msg(
        &self,
        begin_date: &str,
        end_date: &str,
    ) -> ApiCall<'static, Vec<UpstreamMsg>, K> {
        self.rows("/datacube/getupstreammsg", 7, begin_date, end_date)
    }

    /// Messages users sent, per hour of one day: `POST /datacube/getupstreammsghour`.
    pub fn upstream_msg_hour(
        &self,
        begin_date: &str,
        end_date: &str,
    ) -> ApiCall<'static, Vec<UpstreamMsg>, K> {
        self.rows("/datacube/getupstreammsghour", 1, begin_date, end_date)
    }

    /// Messages users sent, per week, at most 30 days: `POST /datacube/getupstreammsgweek`.
    pub fn upstream_msg_week(
        &self,
        begin_date: &str,
        end_date: &str,
    ) -> ApiCall<'static, Vec<UpstreamMsg>, K> {
        self.rows("/datacube/getupstreammsgweek", 30, begin_date, end_date)
    }

    /// Messages users sent, per month, at most 30 days: `POST /datacube/getupstreammsgmonth`.
    pub fn upstream_msg_month(
        &self,
        begin_date: &str,
        end_date: &str,
    ) -> ApiCall<'static, Vec<UpstreamMsg>, K> {
        self.rows("/datacube/getupstreammsgmonth", 30, begin_date, end_date)
    }

    /// Users by how many messages they sent, per day, at most 15 days:
    /// `POST /datacube/getupstreammsgdist`.
    pub fn upstream_msg_dist(
        &self,
        begin_date: &str,
        end_date: &str,
    ) -> ApiCall<'static, Vec<UpstreamMsgDist>, K> {
        self.rows("/datacube/getupstreammsgdist", 15, begin_date, end_date)
    }

    /// Users by how many messages they sent, per week, at most 30 days:
    /// `POST /datacube/getupstreammsgdistweek`.
    pub fn upstream_msg_dist_week(
        &self,
        begin_date: &str,
        end_date: &str,
    ) -> ApiCall<'static, Vec<UpstreamMsgDist>, K> {
        self.rows("/datacube/getupstreammsgdistweek", 30, begin_date, end_date)
    }

    /// Users by how many messages they sent, per month, at most 30 days:
    /// `POST /datacube/getupstreammsgdistmonth`.
    pub fn upstream_msg_dist_month(
        &self,
        begin_date: &str,
        end_date: &str,
    ) -> ApiCall<'static, Vec<UpstreamMsgDist>, K> {
        self.rows(
            "/datacube/getupstreammsgdistmonth",
            30,
            begin_date,
            end_date,
        )
    }

    /// Calls to the callback URL per day, at most 30 days:
    /// `POST /datacube/getinterfacesummary`.
    pub fn interface_summary(
        &self,
        begin_date: &str,
        end_date: &str,
    ) -> ApiCall<'static, Vec<InterfaceSummary>, K> {
        self.rows("/datacube/getinterfacesummary", 30, begin_date, end_date)
    }

    /// Calls to the callback URL per hour of one day:
    /// `POST /datacube/getinterfacesummaryhour`.
    pub fn interface_summary_hour(
        &self,
        begin_date: &str,
        end_date: &str,
    ) -> ApiCall<'static, Vec<InterfaceSummary>, K> {
        self.rows("/datacube/getinterfacesummaryhour", 1, begin_date, end_date)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_spans() {
        assert_eq!(parse_date("d", "1970-01-01").unwrap(), 0);
        assert_eq!(
            parse_date("d", "2024-03-01").unwrap() - parse_date("d", "2024-02-28").unwrap(),
            2
        );
        assert!(parse_date("d", "2023-02-29").is_err());
        assert!(parse_date("d", "2024-13-01").is_err());
        assert!(parse_date("d", "2024-1-01").is_err());
        assert!(parse_date("d", "+024-01-01").is_err());
        assert!(parse_date("d", "2024-01-0١").is_err());
        assert!(check_range("2024-03-01", "2024-03-07", 7).is_ok());
        assert!(check_range("2024-03-01", "2024-03-08", 7).is_err());
        assert!(check_range("2024-03-02", "2024-03-01", 7).is_err());
        assert!(check_range("2024-03-01", "2024-03-01", 1).is_ok());
        assert!(check_range("2024-03-01", "2024-03-02", 1).is_err());
    }
}
