//! Mini Program data analysis (`/datacube/getweanalysisappid*`, `/wxa/business/performance/boot`):
//! plausible figures, the same for the same account and day.
//!
//! The statistics take `{"begin_date","end_date"}` as `YYYYMMDD`, checked as the datacube
//! statistics are (61500 for a missing or malformed date, 61501 for a day outside 2014-12-01 to
//! yesterday), and then against the range each endpoint takes: one day, one natural week
//! (Monday to Sunday), one natural month, or the last 1, 7 or 30 days for the user portrait
//! (61501 otherwise).

use axum::{routing::MethodRouter, Router};
use serde::Deserialize;
use serde_json::{json, Value};

use super::{
    credentials::AccessToken,
    datacube::{
        checked_range, civil_from_days, days_from_civil, figure, fnv1a, format_date, DateFormat,
    },
    ok, post, ApiResult, WxJson,
};
use crate::{errcode, state::AppState, wx_error::WxError};

/// The range an endpoint takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Span {
    Day,
    Week,
    Month,
    Portrait,
}

/// How an endpoint answers.
#[derive(Debug, Clone, Copy)]
enum Shape {
    Summary,
    VisitTrend,
    Distribution,
    Retain,
    VisitPage,
    Portrait,
}

/// Each statistic: its path, its range and its answer.
const ENDPOINTS: [(&str, Span, Shape); 10] = [
    (
        "/datacube/getweanalysisappiddailysummarytrend",
        Span::Day,
        Shape::Summary,
    ),
    (
        "/datacube/getweanalysisappiddailyvisittrend",
        Span::Day,
        Shape::VisitTrend,
    ),
    (
        "/datacube/getweanalysisappidweeklyvisittrend",
        Span::Week,
        Shape::VisitTrend,
    ),
    (
        "/datacube/getweanalysisappidmonthlyvisittrend",
        Span::Month,
        Shape::VisitTrend,
    ),
    (
        "/datacube/getweanalysisappidvisitdistribution",
        Span::Day,
        Shape::Distribution,
    ),
    (
        "/datacube/getweanalysisappiddailyretaininfo",
        Span::Day,
        Shape::Retain,
    ),
    (
        "/datacube/getweanalysisappidweeklyretaininfo",
        Span::Week,
        Shape::Retain,
    ),
    (
        "/datacube/getweanalysisappidmonthlyretaininfo",
        Span::Month,
        Shape::Retain,
    ),
    (
        "/datacube/getweanalysisappidvisitpage",
        Span::Day,
        Shape::VisitPage,
    ),
    (
        "/datacube/getweanalysisappiduserportrait",
        Span::Portrait,
        Shape::Portrait,
    ),
];

pub(super) fn routes() -> Router<AppState> {
    ENDPOINTS
        .iter()
        .fold(Router::new(), |router, &(path, span, shape)| {
            router.route(path, endpoint(span, shape))
        })
        .route("/wxa/business/performance/boot", post(performance))
}

fn endpoint(span: Span, shape: Shape) -> MethodRouter<AppState> {
    post(
        move |auth: AccessToken, WxJson(body): WxJson<RangeRequest>| async move {
            statistics(&auth.appid, &body, span, shape)
        },
    )
}

#[derive(Debug, Deserialize)]
struct RangeRequest {
    begin_date: Option<String>,
    end_date: Option<String>,
}

/// A day as `YYYYMMDD`.
fn compact(day: i64) -> String {
    format_date(day).replace('-', "")
}

/// Whether `begin..=end` is a range `span` takes.
fn fits(span: Span, begin: i64, end: i64) -> bool {
    match span {
        Span::Day => begin == end,
        // 1970-01-01 was a Thursday: Mondays are 4 days on.
        Span::Week => (begin - 4).rem_euclid(7) == 0 && end == begin + 6,
        Span::Month => {
            let (year, month, day) = civil_from_days(begin);
            let (next_year, next_month) = if month == 12 {
                (year + 1, 1)
            } else {
                (year, month + 1)
            };
            day == 1 && end == days_from_civil(next_year, next_month, 1) - 1
        }
        Span::Portrait => matches!(end - begin, 0 | 6 | 29),
    }
}

fn statistics(appid: &str, body: &RangeRequest, span: Span, shape: Shape) -> ApiResult {
    let (begin, end) = checked_range(
        body.begin_date.as_deref(),
        body.end_date.as_deref(),
        DateFormat::Compact,
    )?;
    if !fits(span, begin, end) {
        return Err(WxError::new(errcode::DATE_RANGE_ERROR));
    }
    let seed = fnv1a(appid);
    let ref_date = match span {
        Span::Day => compact(begin),
        Span::Week | Span::Portrait => format!("{}-{}", compact(begin), compact(end)),
        Span::Month => compact(begin)[..6].to_owned(),
    };
    let f = |salt: u64, max: u64| figure(seed, begin, salt, max);
    ok(match shape {
        Shape::Summary => json!({ "list": [{
            "ref_date": ref_date,
            // Grows by a little every day.
            "visit_total": 20_000 + (begin.max(0) as u64 % 10_000) * 5 + f(1, 5),
            "share_pv": f(2, 600) + 100,
            "share_uv": f(3, 300) + 50,
        }]}),
        Shape::VisitTrend => {
            let days = (end - begin + 1) as u64;
            let visit_uv = (f(10, 2_000) + 500) * days;
            let sessions = visit_uv + f(11, 1_000) * days;
            json!({ "list": [{
                "ref_date": ref_date,
                "session_cnt": sessions,
                "visit_pv": sessions * 3 + f(12, 500),
                "visit_uv": visit_uv,
                "visit_uv_new": visit_uv / 10 + f(13, 100),
                "stay_time_uv": 60.0 + f(14, 300) as f64 / 7.0,
                "stay_time_session": 30.0 + f(15, 200) as f64 / 7.0,
                "visit_depth": 1.0 + f(16, 300) as f64 / 100.0,
            }]})
        }
        Shape::Distribution => distribution(&ref_date, seed, begin),
        Shape::Retain => retain(&ref_date, span, seed, begin),
        Shape::VisitPage => visit_page(&ref_date, seed, begin),
        Shape::Portrait => json!({
            "ref_date": ref_date,
            "visit_uv_new": portrait(seed, begin, 100),
            "visit_uv": portrait(seed, begin, 1_000),
        }),
    })
}

fn distribution(ref_date: &str, seed: u64, day: i64) -> Value {
    let buckets = |index: &str, keys: &[u64], salt: u64| {
        let items: Vec<Value> = keys
            .iter()
            .map(|key| json!({ "key": key, "value": figure(seed, day, salt + key, 500) + 1 }))
            .collect();
        json!({ "index": index, "item_list": items })
    };
    let sources = [1, 2, 3, 4, 10, 16, 17, 29];
    json!({
        "ref_date": ref_date,
        "list": [
            buckets("access_source_session_cnt", &sources, 100),
            buckets("access_source_visit_uv", &sources, 200),
            buckets("access_staytime_info", &[1, 2, 3, 4, 5, 6, 7, 8], 300),
            buckets("access_depth_info", &[1, 2, 3, 4, 5, 6, 7], 400),
        ],
    })
}

fn retain(ref_date: &str, span: Span, seed: u64, day: i64) -> Value {
    let keys: &[u64] = match span {
        Span::Week => &[0, 1, 2, 3, 4],
        Span::Month => &[0, 1],
        _ => &[0, 1, 2, 3, 4, 5, 6, 7, 14, 30],
    };
    let rows = |base: u64, salt: u64| -> Vec<Value> {
        keys.iter()
            .map(|&key| {
                // Fewer users stay the longer after.
                let value = if key == 0 {
                    base
                } else {
                    base / (key + 1) + figure(seed, day, salt + key, base / 10 + 1)
                };
                json!({ "key": key, "value": value })
            })
            .collect()
    };
    let new_users = figure(seed, day, 500, 500) + 100;
    let active = new_users * 8 + figure(seed, day, 501, 1_000);
    json!({
        "ref_date": ref_date,
        "visit_uv_new": rows(new_users, 510),
        "visit_uv": rows(active, 530),
    })
}

fn visit_page(ref_date: &str, seed: u64, day: i64) -> Value {
    let pages = [
        "pages/index/index",
        "pages/item/item",
        "pages/search/search",
        "pages/cart/cart",
        "pages/me/me",
    ];
    let mut pv = 10_000 + figure(seed, day, 600, 5_000);
    let list: Vec<Value> = pages
        .iter()
        .enumerate()
        .map(|(i, page)| {
            let salt = 610 + i as u64 * 10;
            // Most visited first.
            pv = pv * 6 / 10;
            let uv = pv / 3 + 1;
            json!({
                "page_path": page,
                "page_visit_pv": pv,
                "page_visit_uv": uv,
                "page_staytime_pv": 5.0 + figure(seed, day, salt, 4_000) as f64 / 100.0,
                "entrypage_pv": pv / 2,
                "exitpage_pv": pv / 3,
                "page_share_pv": figure(seed, day, salt + 1, 200),
                "page_share_uv": figure(seed, day, salt + 2, 150),
            })
        })
        .collect();
    json!({ "ref_date": ref_date, "list": list })
}

fn portrait(seed: u64, day: i64, scale: u64) -> Value {
    let items = |values: &[(i64, &str)], salt: u64| -> Vec<Value> {
        values
            .iter()
            .map(|(id, name)| {
                json!({
                    "id": id,
                    "name": name,
                    "value": figure(seed, day, salt + *id as u64, scale) + 1,
                })
            })
            .collect()
    };
    let devices: Vec<Value> = ["iPhone 15", "HUAWEI Mate 60", "Xiaomi 14"]
        .iter()
        .enumerate()
        .map(|(i, name)| json!({ "name": name, "value": figure(seed, day, 760 + i as u64, scale) + 1 }))
        .collect();
    json!({
        "province": items(&[(31, "广东省"), (11, "北京"), (32, "江苏省")], 700),
        "city": items(&[(3102, "广州"), (3103, "深圳"), (1101, "北京")], 710),
        "genders": items(&[(1, "男"), (2, "女"), (0, "未知")], 720),
        "platforms": items(&[(1, "iPhone"), (2, "Android"), (3, "其他")], 730),
        "devices": devices,
        "ages": items(&[(1, "17岁以下"), (2, "18-24岁"), (3, "25-29岁"), (4, "30-39岁")], 740),
    })
}

#[derive(Debug, Deserialize)]
struct PerformanceTime {
    begin_timestamp: Option<u64>,
    end_timestamp: Option<u64>,
}

#[derive(Debug, Deserialize)]
struct PerformanceRequest {
    module: Option<Value>,
    time: Option<PerformanceTime>,
}

/// `POST /wxa/business/performance/boot`: a known `module` (10016, 10017, 10021, 10022,
/// 10023, as a number or a string) over at most 30 days; 40097 otherwise.
async fn performance(auth: AccessToken, WxJson(body): WxJson<PerformanceRequest>) -> ApiResult {
    let module = match &body.module {
        Some(Value::Number(n)) => n.as_u64(),
        Some(Value::String(s)) => s.parse().ok(),
        _ => None,
    }
    .filter(|m| matches!(m, 10016 | 10017 | 10021 | 10022 | 10023));
    let span = body
        .time
        .as_ref()
        .and_then(|t| Some((t.begin_timestamp?, t.end_timestamp?)))
        .filter(|(begin, end)| begin <= end && end - begin <= 30 * 86_400);
    let (Some(module), Some((begin, end))) = (module, span) else {
        return Err(WxError::new(errcode::INVALID_ARGS));
    };
    let seed = fnv1a(&auth.appid);
    // One value per Beijing day of the range.
    let first = ((begin + 8 * 3600) / 86_400) as i64;
    let last = ((end + 8 * 3600) / 86_400) as i64;
    let fields: Vec<Value> = (first..=last)
        .map(|day| {
            json!({
                "refdate": compact(day),
                "value": (figure(seed, day, module, 2_000) + 300).to_string(),
            })
        })
        .collect();
    let (id, zh) = match module {
        10016 => ("openrate", "打开率"),
        10017 => ("costtime", "耗时"),
        10021 => ("pageswitch", "页面切换耗时"),
        10022 => ("memory", "内存指标"),
        _ => ("memoryalert", "内存异常"),
    };
    ok(json!({
        "errcode": errcode::OK,
        "errmsg": "ok",
        "data": {
            "body": {
                "tables": [{ "id": id, "zh": zh, "lines": [{ "fields": fields }] }],
                "count": 1,
            }
        }
    }))
}
