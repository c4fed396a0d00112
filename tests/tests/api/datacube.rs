//! Datacube (statistics) APIs against a recording mock: every endpoint's request and rows,
//! the date checks, an errcode.

use crate::common::api::*;
use serde_json::{json, Value};

fn range(begin: &str, end: &str) -> Option<Value> {
    Some(json!({"begin_date": begin, "end_date": end}))
}

fn token() -> [(&'static str, &'static str); 1] {
    [("access_token", ACCESS_TOKEN)]
}

#[tokio::test]
async fn user_statistics() {
    let api = ApiMock::start().await;
    api.answer(
        "/datacube/getusersummary",
        json!({"list": [
            {"ref_date": "2014-12-07", "user_source": 0, "new_user": 0, "cancel_user": 0},
            {"ref_date": "2014-12-08", "user_source": 30, "new_user": 12, "cancel_user": 3}
        ]}),
    );
    let rows = api
        .client
        .datacube()
        .user_summary("2014-12-02", "2014-12-08")
        .await
        .unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(
        (
            rows[1].ref_date.as_str(),
            rows[1].user_source,
            rows[1].new_user,
            rows[1].cancel_user
        ),
        ("2014-12-08", 30, 12, 3)
    );
    api.expect(
        "POST",
        "/datacube/getusersummary",
        &token(),
        range("2014-12-02", "2014-12-08"),
    );

    api.answer(
        "/datacube/getusercumulate",
        json!({"list": [{"ref_date": "2014-12-07", "cumulate_user": 1217056}]}),
    );
    let rows = api
        .client
        .datacube()
        .user_cumulate("2014-12-02", "2014-12-07")
        .await
        .unwrap();
    assert_eq!(rows[0].cumulate_user, 1217056);
    assert_eq!(rows[0].user_source, None);
    api.expect(
        "POST",
        "/datacube/getusercumulate",
        &token(),
        range("2014-12-02", "2014-12-07"),
    );
}

#[tokio::test]
async fn article_statistics() {
    let api = ApiMock::start().await;
    let datacube = api.client.datacube();

    api.answer(
        "/datacube/getarticlesummary",
        json!({"list": [{
            "ref_date": "2014-12-08", "msgid": "10000050_1", "title": "12月27日 DiLi日报",
            "int_page_read_user": 23676, "int_page_read_count": 25615,
            "ori_page_read_user": 29, "ori_page_read_count": 34,
            "share_user": 122, "share_count": 994, "add_to_fav_user": 1, "add_to_fav_count": 3
        }]}),
    );
    let rows = datacube
        .article_summary("2014-12-08", "2014-12-08")
        .await
        .unwrap();
    assert_eq!(rows[0].msgid, "10000050_1");
    assert_eq!(rows[0].figures.int_page_read_count, 25615);
    api.expect(
        "POST",
        "/datacube/getarticlesummary",
        &token(),
        range("2014-12-08", "2014-12-08"),
    );

    api.answer(
        "/datacube/getarticletotal",
        json!({"list": [{
            "ref_date": "2014-12-14", "msgid": "202457380_1", "title": "马航丢画记",
            "details": [{
                "stat_date": "2014-12-14", "target_user": 261917,
                "int_page_read_user": 23676, "int_page_read_count": 25615,
                "ori_page_read_user": 29, "ori_page_read_count": 34,
                "share_user": 122, "share_count": 994, "add_to_fav_user": 1, "add_to_fav_count": 3,
                "int_page_from_session_read_user": 657283, "int_page_from_session_read_count": 753486,
                "int_page_from_hist_msg_read_user": 1669, "int_page_from_hist_msg_read_count": 1920,
                "int_page_from_feed_read_user": 367308, "int_page_from_feed_read_count": 433422,
                "int_page_from_friends_read_user": 15428, "int_page_from_friends_read_count": 19645,
                "int_page_from_other_read_user": 477, "int_page_from_other_read_count": 703,
                "feed_share_from_session_user": 63925, "feed_share_from_session_cnt": 66489,
                "feed_share_from_feed_user": 18249, "feed_share_from_feed_cnt": 19319,
                "feed_share_from_other_user": 0, "feed_share_from_other_cnt": 0
            }]
        }]}),
    );
    let rows = datacube
        .article_total("2014-12-14", "2014-12-14")
        .await
        .unwrap();
    assert_eq!(rows[0].details[0].target_user, 261917);
    assert_eq!(rows[0].details[0].feed_share_from_feed_cnt, 19319);
    api.expect(
        "POST",
        "/datacube/getarticletotal",
        &token(),
        range("2014-12-14", "2014-12-14"),
    );

    api.answer(
        "/datacube/getuserread",
        json!({"list": [{
            "ref_date": "2014-12-07", "user_source": 99999999,
            "int_page_read_user": 45524, "int_page_read_count": 48796,
            "ori_page_read_user": 11, "ori_page_read_count": 35,
            "share_user": 11, "share_count": 276, "add_to_fav_user": 5, "add_to_fav_count": 15
        }]}),
    );
    let rows = datacube
        .user_read("2014-12-05", "2014-12-07")
        .await
        .unwrap();
    assert_eq!(rows[0].user_source, Some(99999999));
    assert_eq!(rows[0].ref_hour, None);
    api.expect(
        "POST",
        "/datacube/getuserread",
        &token(),
        range("2014-12-05", "2014-12-07"),
    );

    api.answer(
        "/datacube/getuserreadhour",
        json!({"list": [{
            "ref_date": "2014-12-07", "ref_hour": 1200, "user_source": 0,
            "int_page_read_user": 0, "int_page_read_count": 0,
            "ori_page_read_user": 4, "ori_page_read_count": 7,
            "share_user": 0, "share_count": 0, "add_to_fav_user": 0, "add_to_fav_count": 0
        }]}),
    );
    let rows = datacube
        .user_read_hour("2014-12-07", "2014-12-07")
        .await
        .unwrap();
    assert_eq!(rows[0].ref_hour, Some(1200));
    assert_eq!(rows[0].figures.ori_page_read_count, 7);
    api.expect(
        "POST",
        "/datacube/getuserreadhour",
        &token(),
        range("2014-12-07", "2014-12-07"),
    );

    api.answer(
        "/datacube/getusershare",
        json!({"list": [{"ref_date": "2014-12-07", "share_scene": 1, "share_count": 207, "share_user": 11}]}),
    );
    let rows = datacube
        .user_share("2014-12-01", "2014-12-07")
        .await
        .unwrap();
    assert_eq!(
        (rows[0].share_scene, rows[0].share_count, rows[0].share_user),
        (1, 207, 11)
    );
    api.expect(
        "POST",
        "/datacube/getusershare",
        &token(),
        range("2014-12-01", "2014-12-07"),
    );

    api.answer(
        "/datacube/getusersharehour",
        json!({"list": [{"ref_date": "2014-12-07", "ref_hour": 1200, "share_scene": 1, "share_count": 72, "share_user": 4}]}),
    );
    let rows = datacube
        .user_share_hour("2014-12-07", "2014-12-07")
        .await
        .unwrap();
    assert_eq!((rows[0].ref_hour, rows[0].share_count), (Some(1200), 72));
    api.expect(
        "POST",
        "/datacube/getusersharehour",
        &token(),
        range("2014-12-07", "2014-12-07"),
    );
}

#[tokio::test]
async fn upstream_message_statistics() {
    let api = ApiMock::start().await;
    let datacube = api.client.datacube();
    let cases: [(&str, &str, &str, Value); 5] = [
        (
            "/datacube/getupstreammsg",
            "2014-12-01",
            "2014-12-07",
            json!({"list": [{"ref_date": "2014-12-07", "msg_type": 1, "msg_user": 282, "msg_count": 817}]}),
        ),
        (
            "/datacube/getupstreammsghour",
            "2014-12-07",
            "2014-12-07",
            json!({"list": [{"ref_date": "2014-12-07", "ref_hour": 0, "msg_type": 1, "msg_user": 9, "msg_count": 10}]}),
        ),
        (
            "/datacube/getupstreammsgweek",
            "2014-11-08",
            "2014-12-07",
            json!({"list": [{"ref_date": "2014-12-08", "msg_type": 1, "msg_user": 16, "msg_count": 27}]}),
        ),
        (
            "/datacube/getupstreammsgmonth",
            "2014-11-08",
            "2014-12-07",
            json!({"list": [{"ref_date": "2014-11-01", "msg_type": 1, "msg_user": 7989, "msg_count": 42206}]}),
        ),
        (
            "/datacube/getupstreammsgdist",
            "2014-11-23",
            "2014-12-07",
            json!({"list": [{"ref_date": "2014-12-07", "count_interval": 1, "msg_user": 246}]}),
        ),
    ];
    for (path, begin, end, answer) in cases {
        api.answer(path, answer.clone());
        let row = &answer["list"][0];
        match path {
            "/datacube/getupstreammsg" => {
                let rows = datacube.upstream_msg(begin, end).await.unwrap();
                assert_eq!(
                    (rows[0].msg_type, rows[0].msg_user, rows[0].msg_count),
                    (1, 282, 817)
                );
            }
            "/datacube/getupstreammsghour" => {
                let rows = datacube.upstream_msg_hour(begin, end).await.unwrap();
                assert_eq!(rows[0].ref_hour, Some(0));
            }
            "/datacube/getupstreammsgweek" => {
                let rows = datacube.upstream_msg_week(begin, end).await.unwrap();
                assert_eq!(rows[0].ref_date, row["ref_date"]);
            }
            "/datacube/getupstreammsgmonth" => {
                let rows = datacube.upstream_msg_month(begin, end).await.unwrap();
                assert_eq!(rows[0].msg_count, 42206);
            }
            _ => {
                let rows = datacube.upstream_msg_dist(begin, end).await.unwrap();
                assert_eq!((rows[0].count_interval, rows[0].msg_user), (1, 246));
            }
        }
        api.expect("POST", path, &token(), range(begin, end));
    }

    api.answer(
        "/datacube/getupstreammsgdistweek",
        json!({"list": [{"ref_date": "2014-12-01", "count_interval": 1, "msg_user": 246}]}),
    );
    let rows = datacube
        .upstream_msg_dist_week("2014-11-08", "2014-12-07")
        .await
        .unwrap();
    assert_eq!(rows[0].msg_user, 246);
    api.expect(
        "POST",
        "/datacube/getupstreammsgdistweek",
        &token(),
        range("2014-11-08", "2014-12-07"),
    );

    api.answer(
        "/datacube/getupstreammsgdistmonth",
        json!({"list": [{"ref_date": "2014-11-01", "count_interval": 2, "msg_user": 32}]}),
    );
    let rows = datacube
        .upstream_msg_dist_month("2014-11-08", "2014-12-07")
        .await
        .unwrap();
    assert_eq!(rows[0].count_interval, 2);
    api.expect(
        "POST",
        "/datacube/getupstreammsgdistmonth",
        &token(),
        range("2014-11-08", "2014-12-07"),
    );
}

#[tokio::test]
async fn interface_statistics() {
    let api = ApiMock::start().await;
    api.answer(
        "/datacube/getinterfacesummary",
        json!({"list": [{"ref_date": "2014-12-07", "callback_count": 36974, "fail_count": 67, "total_time_cost": 14994291, "max_time_cost": 5044}]}),
    );
    let rows = api
        .client
        .datacube()
        .interface_summary("2014-11-08", "2014-12-07")
        .await
        .unwrap();
    assert_eq!(
        (
            rows[0].callback_count,
            rows[0].fail_count,
            rows[0].total_time_cost,
            rows[0].max_time_cost
        ),
        (36974, 67, 14994291, 5044)
    );
    api.expect(
        "POST",
        "/datacube/getinterfacesummary",
        &token(),
        range("2014-11-08", "2014-12-07"),
    );

    api.answer(
        "/datacube/getinterfacesummaryhour",
        json!({"list": [{"ref_date": "2014-12-01", "ref_hour": 0, "callback_count": 424, "fail_count": 0, "total_time_cost": 25892, "max_time_cost": 302}]}),
    );
    let rows = api
        .client
        .datacube()
        .interface_summary_hour("2014-12-01", "2014-12-01")
        .await
        .unwrap();
    assert_eq!((rows[0].ref_hour, rows[0].max_time_cost), (Some(0), 302));
    api.expect(
        "POST",
        "/datacube/getinterfacesummaryhour",
        &token(),
        range("2014-12-01", "2014-12-01"),
    );
}

#[tokio::test]
async fn an_empty_answer_is_no_rows_and_an_errcode_is_an_error() {
    let api = ApiMock::start().await;
    api.answer("/datacube/getusersummary", json!({"list": []}));
    let rows = api
        .client
        .datacube()
        .user_summary("2024-03-01", "2024-03-01")
        .await
        .unwrap();
    assert!(rows.is_empty());

    api.answer(
        "/datacube/getusersummary",
        errcode(61501, "date range error"),
    );
    let err = api
        .client
        .datacube()
        .user_summary("2024-03-01", "2024-03-07")
        .await
        .unwrap_err();
    assert_eq!(err.errcode(), Some(61501));
}

#[tokio::test]
async fn bad_dates_and_spans_are_rejected_before_sending() {
    let api = ApiMock::start().await;
    let datacube = api.client.datacube();

    assert_invalid(
        datacube
            .user_summary("2024-03-01", "2024-03-08")
            .await
            .unwrap_err(),
    );
    assert_invalid(
        datacube
            .user_summary("2024/03/01", "2024-03-02")
            .await
            .unwrap_err(),
    );
    assert_invalid(
        datacube
            .user_summary("2024-3-1", "2024-03-02")
            .await
            .unwrap_err(),
    );
    assert_invalid(
        datacube
            .user_summary("2024-02-30", "2024-03-02")
            .await
            .unwrap_err(),
    );
    assert_invalid(datacube.user_summary("", "2024-03-02").await.unwrap_err());
    assert_invalid(
        datacube
            .user_summary("2024-03-05", "2024-03-01")
            .await
            .unwrap_err(),
    );
    assert_invalid(
        datacube
            .user_read("2024-03-01", "2024-03-04")
            .await
            .unwrap_err(),
    );
    assert_invalid(
        datacube
            .user_read_hour("2024-03-01", "2024-03-02")
            .await
            .unwrap_err(),
    );
    assert_invalid(
        datacube
            .article_total("2024-03-01", "2024-03-02")
            .await
            .unwrap_err(),
    );
    assert_invalid(
        datacube
            .upstream_msg_dist("2024-03-01", "2024-03-16")
            .await
            .unwrap_err(),
    );
    assert_invalid(
        datacube
            .interface_summary("2024-03-01", "2024-03-31")
            .await
            .unwrap_err(),
    );
    assert_invalid(
        datacube
            .interface_summary_hour("2024-02-29", "2024-03-01")
            .await
            .unwrap_err(),
    );
    assert_eq!(api.sent(), 0);

    // The largest spans pass: 2024-02-29 exists, and 30 days from 03-01 end on 03-30.
    datacube
        .interface_summary("2024-03-01", "2024-03-30")
        .await
        .ok();
    datacube.user_read("2024-02-28", "2024-03-01").await.ok();
    assert_eq!(api.sent(), 2);
}
