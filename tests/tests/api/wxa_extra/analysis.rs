//! Mini Program data analysis.

use serde_json::{json, Value};
use wechat_runtime::api::wxa_analysis::{PerformanceModule, PerformanceQuery};

use super::token;
use crate::common::api::*;

fn range(begin: &str, end: &str) -> Option<Value> {
    Some(json!({"begin_date": begin, "end_date": end}))
}

#[tokio::test]
async fn analysis_trends() {
    let api = ApiMock::start().await;
    let analysis = api.client.wxa_analysis();

    api.answer(
        "/datacube/getweanalysisappiddailysummarytrend",
        json!({"list": [{"ref_date": "20170313", "visit_total": 391, "share_pv": 572, "share_uv": 383}]}),
    );
    let rows = analysis
        .daily_summary("20170313", "20170313")
        .await
        .unwrap();
    assert_eq!(
        (
            rows[0].ref_date.as_str(),
            rows[0].visit_total,
            rows[0].share_uv
        ),
        ("20170313", 391, 383)
    );
    api.expect(
        "POST",
        "/datacube/getweanalysisappiddailysummarytrend",
        &token(),
        range("20170313", "20170313"),
    );

    let trend = json!({"list": [{
        "ref_date": "20170313", "session_cnt": 142549, "visit_pv": 472351, "visit_uv": 55500,
        "visit_uv_new": 5464, "stay_time_session": 0, "visit_depth": 1.9838
    }]});
    api.answer("/datacube/getweanalysisappiddailyvisittrend", trend.clone());
    let rows = analysis
        .daily_visit_trend("20170313", "20170313")
        .await
        .unwrap();
    assert_eq!(rows[0].visit_pv, 472351);
    assert_eq!(rows[0].visit_depth, 1.9838);
    assert_eq!(rows[0].stay_time_uv, 0.0);
    api.expect(
        "POST",
        "/datacube/getweanalysisappiddailyvisittrend",
        &token(),
        range("20170313", "20170313"),
    );

    api.answer(
        "/datacube/getweanalysisappidweeklyvisittrend",
        json!({"list": [{
            "ref_date": "20170306-20170312", "session_cnt": 986780, "visit_pv": 3251840,
            "visit_uv": 189405, "visit_uv_new": 45592, "stay_time_session": 54.5346,
            "visit_depth": 1.9735
        }]}),
    );
    let rows = analysis
        .weekly_visit_trend("20170306", "20170312")
        .await
        .unwrap();
    assert_eq!(rows[0].ref_date, "20170306-20170312");
    assert_eq!(rows[0].stay_time_session, 54.5346);
    api.expect(
        "POST",
        "/datacube/getweanalysisappidweeklyvisittrend",
        &token(),
        range("20170306", "20170312"),
    );

    api.answer(
        "/datacube/getweanalysisappidmonthlyvisittrend",
        json!({"list": [{
            "ref_date": "201703", "session_cnt": 126513, "visit_pv": 426113, "visit_uv": 48659,
            "visit_uv_new": 6726, "stay_time_session": 56.4112, "visit_depth": 2.0189
        }]}),
    );
    let rows = analysis
        .monthly_visit_trend("20170301", "20170331")
        .await
        .unwrap();
    assert_eq!(rows[0].ref_date, "201703");
    api.expect(
        "POST",
        "/datacube/getweanalysisappidmonthlyvisittrend",
        &token(),
        range("20170301", "20170331"),
    );
}

#[tokio::test]
async fn analysis_distribution_retain_pages_portrait() {
    let api = ApiMock::start().await;
    let analysis = api.client.wxa_analysis();

    api.answer(
        "/datacube/getweanalysisappidvisitdistribution",
        json!({"ref_date": "20170313", "list": [
            {"index": "access_source_session_cnt", "item_list": [{"key": 10, "value": 5}, {"key": 8, "value": 687}]},
            {"index": "access_staytime_info", "item_list": [{"key": 1, "value": 3}]},
            {"index": "access_depth_info", "item_list": [{"key": 5, "value": 217}]}
        ]}),
    );
    let distribution = analysis
        .visit_distribution("20170313", "20170313")
        .await
        .unwrap();
    let sources = distribution.get("access_source_session_cnt").unwrap();
    assert_eq!(
        (sources.item_list[1].key, sources.item_list[1].value),
        (8, 687)
    );
    assert!(distribution.get("access_source_visit_uv").is_none());
    api.expect(
        "POST",
        "/datacube/getweanalysisappidvisitdistribution",
        &token(),
        range("20170313", "20170313"),
    );

    let retain = json!({
        "ref_date": "20170313",
        "visit_uv_new": [{"key": 0, "value": 5464}],
        "visit_uv": [{"key": 0, "value": 55500}, {"key": 1, "value": 9281}]
    });
    for (path, begin, end) in [
        (
            "/datacube/getweanalysisappiddailyretaininfo",
            "20170313",
            "20170313",
        ),
        (
            "/datacube/getweanalysisappidweeklyretaininfo",
            "20170306",
            "20170312",
        ),
        (
            "/datacube/getweanalysisappidmonthlyretaininfo",
            "20170201",
            "20170228",
        ),
    ] {
        api.answer(path, retain.clone());
        let info = match path {
            "/datacube/getweanalysisappiddailyretaininfo" => analysis.daily_retain(begin, end),
            "/datacube/getweanalysisappidweeklyretaininfo" => analysis.weekly_retain(begin, end),
            _ => analysis.monthly_retain(begin, end),
        }
        .await
        .unwrap();
        assert_eq!(info.visit_uv_new[0].value, 5464);
        assert_eq!((info.visit_uv[1].key, info.visit_uv[1].value), (1, 9281));
        api.expect("POST", path, &token(), range(begin, end));
    }

    api.answer(
        "/datacube/getweanalysisappidvisitpage",
        json!({"ref_date": "20170313", "list": [{
            "page_path": "pages/main/main.html", "page_visit_pv": 213429, "page_visit_uv": 55423,
            "page_staytime_pv": 8.139198, "entrypage_pv": 117922, "exitpage_pv": 61304,
            "page_share_pv": 180, "page_share_uv": 166
        }]}),
    );
    let pages = analysis.visit_page("20170313", "20170313").await.unwrap();
    assert_eq!(pages.list[0].page_path, "pages/main/main.html");
    assert_eq!(pages.list[0].page_staytime_pv, 8.139198);
    api.expect(
        "POST",
        "/datacube/getweanalysisappidvisitpage",
        &token(),
        range("20170313", "20170313"),
    );

    api.answer(
        "/datacube/getweanalysisappiduserportrait",
        json!({
            "ref_date": "20170611-20170617",
            "visit_uv_new": {
                "province": [{"id": 31, "name": "广东省", "value": 215}],
                "city": [{"id": 3102, "name": "广州", "value": 78}],
                "genders": [{"id": 1, "name": "男", "value": 2146}],
                "platforms": [{"id": 1, "name": "iPhone", "value": 27642}],
                "devices": [{"name": "OPPO R9", "value": 61}],
                "ages": [{"id": 1, "name": "17岁以下", "value": 151}]
            },
            "visit_uv": {
                "province": [{"id": 31, "name": "广东省", "access_source_visit_uv": 1341}]
            }
        }),
    );
    let portrait = analysis
        .user_portrait("20170611", "20170617")
        .await
        .unwrap();
    assert_eq!(portrait.visit_uv_new.devices[0].id, None);
    assert_eq!(portrait.visit_uv_new.ages[0].name, "17岁以下");
    assert_eq!(portrait.visit_uv.province[0].value, 1341);
    assert!(portrait.visit_uv.city.is_empty());
    api.expect(
        "POST",
        "/datacube/getweanalysisappiduserportrait",
        &token(),
        range("20170611", "20170617"),
    );
}

#[tokio::test]
async fn analysis_performance() {
    let api = ApiMock::start().await;
    let tables = json!({"tables": [{"id": "costtime", "zh": "耗时", "lines": [{"fields": [
        {"refdate": "20240401", "value": "1533"}, {"refdate": "20240402", "value": 1682}
    ]}]}], "count": 1});
    api.answer(
        "/wxa/business/performance/boot",
        json!({"errcode": 0, "errmsg": "ok", "data": {"body": tables}}),
    );
    let query = PerformanceQuery::new(PerformanceModule::LaunchStages, 1711900800, 1712073600)
        .network_type("wifi")
        .device_level("1")
        .device("1");
    let data = api.client.wxa_analysis().performance(&query).await.unwrap();
    assert_eq!(data.count, 1);
    assert_eq!(data.tables[0].id, "costtime");
    assert_eq!(data.tables[0].lines[0].fields[1].value, "1682");
    api.expect(
        "POST",
        "/wxa/business/performance/boot",
        &token(),
        Some(json!({
            "module": "10017",
            "time": {"begin_timestamp": 1711900800u64, "end_timestamp": 1712073600u64},
            "params": [
                {"field": "networktype", "value": "wifi"},
                {"field": "device_level", "value": "1"},
                {"field": "device", "value": "1"}
            ]
        })),
    );

    // Some answers carry the body as a JSON string.
    api.answer(
        "/wxa/business/performance/boot",
        json!({"errcode": 0, "errmsg": "ok", "data": {"body": tables.to_string()}}),
    );
    let query = PerformanceQuery::new(PerformanceModule::Memory, 1711900800, 1711987200);
    let data = api.client.wxa_analysis().performance(&query).await.unwrap();
    assert_eq!(data.tables[0].lines[0].fields[0].value, "1533");
    api.expect(
        "POST",
        "/wxa/business/performance/boot",
        &token(),
        Some(json!({
            "module": "10022",
            "time": {"begin_timestamp": 1711900800u64, "end_timestamp": 1711987200u64}
        })),
    );
}

#[tokio::test]
async fn analysis_errcodes_and_bad_ranges() {
    let api = ApiMock::start().await;
    let analysis = api.client.wxa_analysis();
    api.answer(
        "/datacube/getweanalysisappiddailyvisittrend",
        errcode(61503, "data not ready"),
    );
    let err = analysis
        .daily_visit_trend("20240310", "20240310")
        .await
        .unwrap_err();
    assert_eq!(err.errcode(), Some(61503));
    let sent = api.sent();

    // One day, a natural week, a natural month, 1/7/30 days; YYYYMMDD dates.
    assert_invalid(
        analysis
            .daily_visit_trend("20240310", "20240311")
            .await
            .unwrap_err(),
    );
    assert_invalid(
        analysis
            .daily_summary("2024-03-10", "2024-03-10")
            .await
            .unwrap_err(),
    );
    assert_invalid(
        analysis
            .visit_page("20240230", "20240230")
            .await
            .unwrap_err(),
    );
    assert_invalid(
        analysis
            .weekly_visit_trend("20240305", "20240311")
            .await
            .unwrap_err(),
    );
    assert_invalid(
        analysis
            .weekly_retain("20240304", "20240317")
            .await
            .unwrap_err(),
    );
    assert_invalid(
        analysis
            .monthly_retain("20240201", "20240228")
            .await
            .unwrap_err(),
    );
    assert_invalid(
        analysis
            .monthly_visit_trend("20240215", "20240314")
            .await
            .unwrap_err(),
    );
    assert_invalid(
        analysis
            .user_portrait("20240301", "20240310")
            .await
            .unwrap_err(),
    );
    assert_invalid(
        analysis
            .daily_retain("20240311", "20240310")
            .await
            .unwrap_err(),
    );
    assert_invalid(
        analysis
            .visit_distribution("", "20240310")
            .await
            .unwrap_err(),
    );
    assert_invalid(
        analysis
            .performance(&PerformanceQuery::new(
                PerformanceModule::OpenRate,
                1_700_000_000,
                1_700_000_000 + 31 * 86_400,
            ))
            .await
            .unwrap_err(),
    );
    assert_invalid(
        analysis
            .performance(&PerformanceQuery::new(
                PerformanceModule::OpenRate,
                1_700_000_000,
                1_600_000_000,
            ))
            .await
            .unwrap_err(),
    );
    assert_eq!(api.sent(), sent, "nothing was sent");
}
