//! Statistics (`/datacube/*`): plausible figures, the same for the same account and day.
//!
//! Every endpoint takes `{"begin_date","end_date"}` as `YYYY-MM-DD`, checked as WeChat does: a
//! missing or malformed date answers 61500; an end before the beginning, a span over the
//! endpoint's maximum, or a day outside 2014-12-01 to yesterday (Beijing time) answers 61501.

use axum::{routing::MethodRouter, Router};
use serde::Deserialize;
use serde_json::{json, Value};

use super::{credentials::AccessToken, ok, post, ApiResult, WxJson};
use crate::{clock::unix_now, errcode, state::AppState, wx_error::WxError};

/// How an endpoint lays out its rows.
#[derive(Debug, Clone, Copy)]
enum Shape {
    UserSummary,
    UserCumulate,
    ArticleSummary,
    ArticleTotal,
    UserRead,
    UserReadHour,
    UserShare,
    UserShareHour,
    Upstream,
    UpstreamHour,
    UpstreamWeek,
    UpstreamMonth,
    Dist,
    DistWeek,
    DistMonth,
    Interface,
    InterfaceHour,
}

/// Each endpoint: its path, its maximum span in days, and its rows.
const ENDPOINTS: [(&str, i64, Shape); 17] = [
    ("/datacube/getusersummary", 7, Shape::UserSummary),
    ("/datacube/getusercumulate", 7, Shape::UserCumulate),
    ("/datacube/getarticlesummary", 1, Shape::ArticleSummary),
    ("/datacube/getarticletotal", 1, Shape::ArticleTotal),
    ("/datacube/getuserread", 3, Shape::UserRead),
    ("/datacube/getuserreadhour", 1, Shape::UserReadHour),
    ("/datacube/getusershare", 7, Shape::UserShare),
    ("/datacube/getusersharehour", 1, Shape::UserShareHour),
    ("/datacube/getupstreammsg", 7, Shape::Upstream),
    ("/datacube/getupstreammsghour", 1, Shape::UpstreamHour),
    ("/datacube/getupstreammsgweek", 30, Shape::UpstreamWeek),
    ("/datacube/getupstreammsgmonth", 30, Shape::UpstreamMonth),
    ("/datacube/getupstreammsgdist", 15, Shape::Dist),
    ("/datacube/getupstreammsgdistweek", 30, Shape::DistWeek),
    ("/datacube/getupstreammsgdistmonth", 30, Shape::DistMonth),
    ("/datacube/getinterfacesummary", 30, Shape::Interface),
    ("/datacube/getinterfacesummaryhour", 1, Shape::InterfaceHour),
];

pub(super) fn routes() -> Router<AppState> {
    ENDPOINTS
        .iter()
        .fold(Router::new(), |router, &(path, max_days, shape)| {
            router.route(path, endpoint(max_days, shape))
        })
}

fn endpoint(max_days: i64, shape: Shape) -> MethodRouter<AppState> {
    post(
        move |auth: AccessToken, WxJson(body): WxJson<RangeRequest>| async move {
            statistics(&auth.appid, &body, max_days, shape)
        },
    )
}

#[derive(Debug, Deserialize)]
struct RangeRequest {
    begin_date: Option<String>,
    end_date: Option<String>,
}

/// The first day WeChat has statistics for.
const FIRST_DAY: (i64, i64, i64) = (2014, 12, 1);

fn statistics(appid: &str, body: &RangeRequest, max_days: i64, shape: Shape) -> ApiResult {
    let (begin, end) = checked_range(
        body.begin_date.as_deref(),
        body.end_date.as_deref(),
        DateFormat::Dashed,
    )?;
    if end - begin + 1 > max_days {
        return Err(WxError::new(errcode::DATE_RANGE_ERROR));
    }
    let seed = fnv1a(appid);
    let mut days: Vec<i64> = (begin..=end).map(|day| period_start(shape, day)).collect();
    days.dedup();
    let list: Vec<Value> = days
        .into_iter()
        .flat_map(|day| rows(shape, day, seed))
        .collect();
    ok(json!({ "list": list }))
}

/// How an endpoint writes its dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum DateFormat {
    /// `YYYY-MM-DD` (the datacube statistics).
    Dashed,
    /// `YYYYMMDD` (the Mini Program analysis).
    Compact,
}

/// The first and last day (days since 1970-01-01) of a range, checked as WeChat does: 61500
/// for a missing or malformed date; 61501 for an end before the beginning, or a day outside
/// 2014-12-01 to yesterday (Beijing time).
pub(super) fn checked_range(
    begin_date: Option<&str>,
    end_date: Option<&str>,
    format: DateFormat,
) -> Result<(i64, i64), WxError> {
    let parse = |date: Option<&str>| {
        date.and_then(|date| parse_date_as(date, format))
            .ok_or_else(|| WxError::new(errcode::DATE_FORMAT_ERROR))
    };
    let (begin, end) = (parse(begin_date)?, parse(end_date)?);
    let first = days_from_civil(FIRST_DAY.0, FIRST_DAY.1, FIRST_DAY.2);
    if end < begin || begin < first || end >= today() {
        return Err(WxError::new(errcode::DATE_RANGE_ERROR));
    }
    Ok((begin, end))
}

/// Today in Beijing (UTC+8), as days since 1970-01-01: today's figures are not ready yet.
pub(super) fn today() -> i64 {
    ((unix_now() + 8 * 3600) / 86_400) as i64
}

/// A pseudo-random figure below `max`, stable for a seed, a day and a salt.
pub(super) fn figure(seed: u64, day: i64, salt: u64, max: u64) -> u64 {
    let mut x = seed ^ (day as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ salt.rotate_left(32);
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
    x ^= x >> 33;
    x % max.max(1)
}

/// Reads, shares and saves, as every article statistic reports them.
fn reading(seed: u64, day: i64, salt: u64) -> Value {
    let f = |n: u64, max: u64| figure(seed, day, salt * 16 + n, max);
    let (read_user, ori_user, share_user, fav_user) =
        (f(1, 900) + 100, f(2, 50), f(3, 60), f(4, 30));
    json!({
        "int_page_read_user": read_user,
        "int_page_read_count": read_user + f(5, 200),
        "ori_page_read_user": ori_user,
        "ori_page_read_count": ori_user + f(6, 20),
        "share_user": share_user,
        "share_count": share_user + f(7, 20),
        "add_to_fav_user": fav_user,
        "add_to_fav_count": fav_user + f(8, 10),
    })
}

/// Merges the fields of `extra` into `row`.
fn with(mut row: Value, extra: Value) -> Value {
    if let (Some(row), Value::Object(extra)) = (row.as_object_mut(), extra) {
        row.extend(extra);
    }
    row
}

/// The rows of one day.
fn rows(shape: Shape, day: i64, seed: u64) -> Vec<Value> {
    let date = format_date(day);
    let f = |salt: u64, max: u64| figure(seed, day, salt, max);
    let hours = || (0..24u64).map(|h| (h, h * 100));
    match shape {
        Shape::UserSummary => [0u64, 1, 17, 30, 43, 51, 57, 75, 78]
            .iter()
            .filter(|source| **source == 0 || f(**source, 3) > 0)
            .map(|source| {
                json!({
                    "ref_date": date,
                    "user_source": source,
                    "new_user": f(100 + source, 50),
                    "cancel_user": f(200 + source, 10),
                })
            })
            .collect(),
        Shape::UserCumulate => vec![json!({
            "ref_date": date,
            // Grows by a little every day.
            "cumulate_user": 10_000 + (day.max(0) as u64 % 10_000) * 3 + f(1, 3),
        })],
        Shape::ArticleSummary => vec![with(
            json!({
                "ref_date": date,
                "msgid": format!("{}_1", 1_000_000_000 + f(1, 1_000_000)),
                "title": format!("Article of {date}"),
            }),
            reading(seed, day, 1),
        )],
        Shape::ArticleTotal => vec![json!({
            "ref_date": date,
            "msgid": format!("{}_1", 1_000_000_000 + f(1, 1_000_000)),
            "title": format!("Article of {date}"),
            "details": [with(
                json!({
                    "stat_date": date,
                    "target_user": 10_000 + f(2, 5_000),
                    "int_page_from_session_read_user": f(3, 400),
                    "int_page_from_session_read_count": f(4, 500),
                    "int_page_from_hist_msg_read_user": f(5, 50),
                    "int_page_from_hist_msg_read_count": f(6, 60),
                    "int_page_from_feed_read_user": f(7, 200),
                    "int_page_from_feed_read_count": f(8, 250),
                    "int_page_from_friends_read_user": f(9, 100),
                    "int_page_from_friends_read_count": f(10, 120),
                    "int_page_from_other_read_user": f(11, 30),
                    "int_page_from_other_read_count": f(12, 40),
                    "feed_share_from_session_user": f(13, 20),
                    "feed_share_from_session_cnt": f(14, 25),
                    "feed_share_from_feed_user": f(15, 10),
                    "feed_share_from_feed_cnt": f(16, 12),
                    "feed_share_from_other_user": f(17, 5),
                    "feed_share_from_other_cnt": f(18, 6),
                }),
                reading(seed, day, 2),
            )],
        })],
        Shape::UserRead => [99_999_999u64, 0, 1, 2, 4, 5]
            .iter()
            .map(|source| {
                with(
                    json!({ "ref_date": date, "user_source": source }),
                    reading(seed, day, 10 + source % 97),
                )
            })
            .collect(),
        Shape::UserReadHour => hours()
            .map(|(h, ref_hour)| {
                with(
                    json!({ "ref_date": date, "ref_hour": ref_hour, "user_source": 0 }),
                    reading(seed, day, 100 + h),
                )
            })
            .collect(),
        Shape::UserShare => [1u64, 2, 255]
            .iter()
            .map(|scene| {
                json!({
                    "ref_date": date,
                    "share_scene": scene,
                    "share_count": f(300 + scene, 80) + 1,
                    "share_user": f(400 + scene, 60) + 1,
                })
            })
            .collect(),
        Shape::UserShareHour => hours()
            .map(|(h, ref_hour)| {
                json!({
                    "ref_date": date,
                    "ref_hour": ref_hour,
                    "share_scene": 1,
                    "share_count": f(500 + h, 10),
                    "share_user": f(600 + h, 8),
                })
            })
            .collect(),
        Shape::Upstream | Shape::UpstreamWeek | Shape::UpstreamMonth => [1u64, 2, 3]
            .iter()
            .map(|msg_type| {
                let users = f(700 + msg_type, 100) + 1;
                json!({
                    "ref_date": date,
                    "msg_type": msg_type,
                    "msg_user": users,
                    "msg_count": users + f(800 + msg_type, 100),
                })
            })
            .collect(),
        Shape::UpstreamHour => hours()
            .map(|(h, ref_hour)| {
                let users = f(900 + h, 20);
                json!({
                    "ref_date": date,
                    "ref_hour": ref_hour,
                    "msg_type": 1,
                    "msg_user": users,
                    "msg_count": users + f(1000 + h, 10),
                })
            })
            .collect(),
        Shape::Dist | Shape::DistWeek | Shape::DistMonth => (0u64..4)
            .map(|interval| {
                json!({
                    "ref_date": date,
                    "count_interval": interval,
                    "msg_user": f(1100 + interval, 100),
                })
            })
            .collect(),
        Shape::Interface => vec![interface_row(&date, None, seed, day, 0)],
        Shape::InterfaceHour => hours()
            .map(|(h, ref_hour)| interface_row(&date, Some(ref_hour), seed, day, h + 1))
            .collect(),
    }
}

fn interface_row(date: &str, ref_hour: Option<u64>, seed: u64, day: i64, salt: u64) -> Value {
    let calls = figure(seed, day, 1200 + salt, 500) + 1;
    let mut row = json!({
        "ref_date": date,
        "callback_count": calls,
        "fail_count": figure(seed, day, 1300 + salt, 3),
        "total_time_cost": calls * (100 + figure(seed, day, 1400 + salt, 200)),
        "max_time_cost": 500 + figure(seed, day, 1500 + salt, 2000),
    });
    if let Some(hour) = ref_hour {
        row["ref_hour"] = json!(hour);
    }
    row
}

/// The day of the row `day` falls in: itself for daily data, its week's Monday for weekly
/// data, the first of its month for monthly data.
fn period_start(shape: Shape, day: i64) -> i64 {
    match shape {
        // 1970-01-01 was a Thursday: Mondays are 4 days on.
        Shape::UpstreamWeek | Shape::DistWeek => day - (day - 4).rem_euclid(7),
        Shape::UpstreamMonth | Shape::DistMonth => day - (civil_from_days(day).2 - 1),
        _ => day,
    }
}

/// A stable 64-bit hash (FNV-1a).
pub(super) fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// A date `YYYY-MM-DD` as days since 1970-01-01.
#[cfg(test)]
fn parse_date(date: &str) -> Option<i64> {
    parse_date_as(date, DateFormat::Dashed)
}

/// A date written as `format` as days since 1970-01-01.
pub(super) fn parse_date_as(date: &str, format: DateFormat) -> Option<i64> {
    let bytes = date.as_bytes();
    let (year, month, day) = match format {
        DateFormat::Dashed if bytes.len() == 10 && bytes[4] == b'-' && bytes[7] == b'-' => {
            (0..4, 5..7, 8..10)
        }
        DateFormat::Compact if bytes.len() == 8 => (0..4, 4..6, 6..8),
        _ => return None,
    };
    let number = |range: std::ops::Range<usize>| -> Option<i64> {
        let part = date.get(range)?;
        part.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| part.parse().ok())
            .flatten()
    };
    let (year, month, day) = (number(year)?, number(month)?, number(day)?);
    let days = days_from_civil(year, month, day);
    // A day that does not exist (e.g. 02-30) does not survive the round trip.
    (civil_from_days(days) == (year, month, day)).then_some(days)
}

/// A day as `YYYY-MM-DD`.
pub(super) fn format_date(days: i64) -> String {
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
pub(super) fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day since 1970-01-01 (the inverse of [`days_from_civil`]).
pub(super) fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(parse_date("1970-01-01"), Some(0));
        assert_eq!(
            parse_date("2024-02-29").map(format_date).as_deref(),
            Some("2024-02-29")
        );
        assert_eq!(parse_date("2023-02-29"), None);
        assert_eq!(parse_date("2024-13-01"), None);
        assert_eq!(parse_date("2024-1-01"), None);
        assert_eq!(parse_date("+024-01-01"), None);
        // 2024-03-04 was a Monday.
        let week = |date| format_date(period_start(Shape::DistWeek, parse_date(date).unwrap()));
        assert_eq!(week("2024-03-04"), "2024-03-04");
        assert_eq!(week("2024-03-10"), "2024-03-04");
        let month = format_date(period_start(
            Shape::UpstreamMonth,
            parse_date("2024-03-31").unwrap(),
        ));
        assert_eq!(month, "2024-03-01");
    }
}
