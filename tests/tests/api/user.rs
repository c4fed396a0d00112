//! User, tag and blacklist APIs against a recording mock: the exact request, a realistic answer,
//! the follower stream across pages, errcodes, and bad input rejected before sending.

use crate::common::api::*;
use futures_util::StreamExt;
use serde_json::json;
use wechat_runtime::api::user::Lang;

const OPENID: &str = "o6_bmjrPTlm6_2sgVt7hMZOPfL2M";

fn openids(n: usize) -> Vec<String> {
    (0..n)
        .map(|i| format!("oLVPpjqs9BhvzwPj5A-vTYAX{i:04}"))
        .collect()
}

#[tokio::test]
async fn info_with_and_without_lang() {
    let api = ApiMock::start().await;
    api.answer(
        "/cgi-bin/user/info",
        json!({
            "subscribe": 1,
            "openid": OPENID,
            "language": "zh_CN",
            "subscribe_time": 1382694957,
            "unionid": "o6_bmasdasdsad6_2sgVt7hMZOPfL",
            "remark": "",
            "groupid": 0,
            "tagid_list": [128, 2],
            "subscribe_scene": "ADD_SCENE_QR_CODE",
            "qr_scene": 98765,
            "qr_scene_str": ""
        }),
    );
    let user = api.client.user().info(OPENID).await.unwrap();
    api.expect(
        "GET",
        "/cgi-bin/user/info",
        &[("access_token", ACCESS_TOKEN), ("openid", OPENID)],
        None,
    );
    assert!(user.is_subscribed());
    assert_eq!(user.subscribe_time, Some(1382694957));
    assert_eq!(user.tagid_list, [128, 2]);
    assert_eq!(user.subscribe_scene.as_deref(), Some("ADD_SCENE_QR_CODE"));
    assert_eq!(user.qr_scene, Some(98765));

    // A user who does not follow: only the openid.
    api.answer(
        "/cgi-bin/user/info",
        json!({"subscribe": 0, "openid": OPENID, "tagid_list": []}),
    );
    let user = api
        .client
        .user()
        .info_with_lang(OPENID, Lang::ZhTw)
        .await
        .unwrap();
    api.expect(
        "GET",
        "/cgi-bin/user/info",
        &[
            ("access_token", ACCESS_TOKEN),
            ("openid", OPENID),
            ("lang", "zh_TW"),
        ],
        None,
    );
    assert!(!user.is_subscribed());
    assert_eq!(user.subscribe_time, None);
}

#[tokio::test]
async fn batch_info() {
    let api = ApiMock::start().await;
    api.answer(
        "/cgi-bin/user/info/batchget",
        json!({"user_info_list": [
            {"subscribe": 1, "openid": "otvxTs4dckWG7imySrJd6jSi0CWE", "language": "zh_CN",
             "subscribe_time": 1434093047, "unionid": "oR5GjjgEhCMJFyzaVZdrxZ2zRRF4", "remark": "",
             "groupid": 0, "tagid_list": [128, 2], "subscribe_scene": "ADD_SCENE_QR_CODE",
             "qr_scene": 98765, "qr_scene_str": ""},
            {"subscribe": 0, "openid": "otvxTs_JZ6SEiP0imdhpi50fuSZg"}
        ]}),
    );
    let users = api
        .client
        .user()
        .batch_info(
            &[
                "otvxTs4dckWG7imySrJd6jSi0CWE",
                "otvxTs_JZ6SEiP0imdhpi50fuSZg",
            ],
            Some(Lang::ZhCn),
        )
        .await
        .unwrap();
    api.expect(
        "POST",
        "/cgi-bin/user/info/batchget",
        &[("access_token", ACCESS_TOKEN)],
        Some(json!({"user_list": [
            {"openid": "otvxTs4dckWG7imySrJd6jSi0CWE", "lang": "zh_CN"},
            {"openid": "otvxTs_JZ6SEiP0imdhpi50fuSZg", "lang": "zh_CN"}
        ]})),
    );
    assert_eq!(users.len(), 2);
    assert_eq!(
        users[0].unionid.as_deref(),
        Some("oR5GjjgEhCMJFyzaVZdrxZ2zRRF4")
    );
    assert!(!users[1].is_subscribed());

    // Without a lang, none is sent; 100 is the limit.
    api.answer("/cgi-bin/user/info/batchget", json!({"user_info_list": []}));
    let hundred = openids(100);
    api.client.user().batch_info(&hundred, None).await.unwrap();
    let sent = api.expect(
        "POST",
        "/cgi-bin/user/info/batchget",
        &[("access_token", ACCESS_TOKEN)],
        None,
    );
    let body = sent.json();
    assert_eq!(body["user_list"].as_array().unwrap().len(), 100);
    assert_eq!(body["user_list"][99], json!({"openid": hundred[99]}));
}

#[tokio::test]
async fn one_page_of_followers() {
    let api = ApiMock::start().await;
    api.answer(
        "/cgi-bin/user/get",
        json!({"total": 2, "count": 2, "data": {"openid": ["OPENID1", "OPENID2"]}, "next_openid": "OPENID2"}),
    );
    let page = api.client.user().list(None).await.unwrap();
    api.expect(
        "GET",
        "/cgi-bin/user/get",
        &[("access_token", ACCESS_TOKEN)],
        None,
    );
    assert_eq!(page.total, Some(2));
    assert_eq!(page.count, 2);
    assert_eq!(page.openids, ["OPENID1", "OPENID2"]);
    assert_eq!(page.next_openid, "OPENID2");

    api.answer(
        "/cgi-bin/user/get",
        json!({"total": 2, "count": 0, "next_openid": ""}),
    );
    let page = api.client.user().list(Some("OPENID2")).await.unwrap();
    api.expect(
        "GET",
        "/cgi-bin/user/get",
        &[("access_token", ACCESS_TOKEN), ("next_openid", "OPENID2")],
        None,
    );
    assert!(page.openids.is_empty());
    assert_eq!(page.next_openid, "");
}

/// The stream fetches a page only when the one before is used up, so each page is scripted
/// just before the stream needs it, and the request that fetched it is checked after.
#[tokio::test]
async fn the_stream_walks_every_page() {
    let api = ApiMock::start().await;
    let mut stream = Box::pin(api.client.user().stream());
    assert_eq!(api.sent(), 0, "nothing is sent before the stream is read");

    api.answer(
        "/cgi-bin/user/get",
        json!({"total": 5, "count": 3, "data": {"openid": ["OPENID1", "OPENID2", "OPENID3"]}, "next_openid": "OPENID3"}),
    );
    for expected in ["OPENID1", "OPENID2", "OPENID3"] {
        assert_eq!(stream.next().await.unwrap().unwrap(), expected);
    }
    assert_eq!(api.sent(), 1);
    api.expect(
        "GET",
        "/cgi-bin/user/get",
        &[("access_token", ACCESS_TOKEN)],
        None,
    );

    api.answer(
        "/cgi-bin/user/get",
        json!({"total": 5, "count": 2, "data": {"openid": ["OPENID4", "OPENID5"]}, "next_openid": "OPENID5"}),
    );
    for expected in ["OPENID4", "OPENID5"] {
        assert_eq!(stream.next().await.unwrap().unwrap(), expected);
    }
    assert_eq!(api.sent(), 2);
    api.expect(
        "GET",
        "/cgi-bin/user/get",
        &[("access_token", ACCESS_TOKEN), ("next_openid", "OPENID3")],
        None,
    );

    // WeChat's last page: no openids, no next_openid.
    api.answer(
        "/cgi-bin/user/get",
        json!({"total": 5, "count": 0, "next_openid": ""}),
    );
    assert!(stream.next().await.is_none());
    assert_eq!(api.sent(), 3);
    api.expect(
        "GET",
        "/cgi-bin/user/get",
        &[("access_token", ACCESS_TOKEN), ("next_openid", "OPENID5")],
        None,
    );
    assert!(stream.next().await.is_none());
    assert_eq!(api.sent(), 3, "an ended stream sends nothing more");
}

#[tokio::test]
async fn the_stream_collects_and_ends_on_an_error() {
    let api = ApiMock::start().await;
    api.answer("/cgi-bin/user/get", errcode(40013, "invalid appid"));
    let items: Vec<_> = api.client.user().stream().collect().await;
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].as_ref().unwrap_err().errcode(), Some(40013));
    assert_eq!(api.sent(), 1);

    let api = ApiMock::start().await;
    api.answer(
        "/cgi-bin/user/get",
        json!({"total": 1, "count": 1, "data": {"openid": ["OPENID1"]}, "next_openid": "OPENID1"}),
    );
    // The second page is asked from OPENID1 and answers the same page again: a server that
    // does not move on ends the stream instead of looping it forever.
    // The stream is `Send + 'static`: it can be read on another task.
    let stream = api.client.user().stream();
    let items: Vec<String> = tokio::spawn(stream.map(Result::unwrap).collect())
        .await
        .unwrap();
    assert_eq!(items, ["OPENID1", "OPENID1"]);
    assert_eq!(api.sent(), 2);
}

#[tokio::test]
async fn remarks_and_openid_changes() {
    let api = ApiMock::start().await;
    api.answer(
        "/cgi-bin/user/info/updateremark",
        json!({"errcode": 0, "errmsg": "ok"}),
    );
    api.client
        .user()
        .update_remark("oDF3iY9ffA-hqb2vVvbr7qxf6A0Q", "pangzi")
        .await
        .unwrap();
    api.expect(
        "POST",
        "/cgi-bin/user/info/updateremark",
        &[("access_token", ACCESS_TOKEN)],
        Some(json!({"openid": "oDF3iY9ffA-hqb2vVvbr7qxf6A0Q", "remark": "pangzi"})),
    );

    api.answer(
        "/cgi-bin/changeopenid",
        json!({"errcode": 0, "errmsg": "ok", "result_list": [
            {"ori_openid": "oEmYbwN-n24jxvk4Sox81qedINkQ", "new_openid": "o2FwqwI9xCsVadFah_HtpPfaR-X4", "err_msg": "ok"},
            {"ori_openid": "oEmYbwH9uVd4RKJk7ZZg6SzL6tTo", "err_msg": "ori_openid error"}
        ]}),
    );
    let changed = api
        .client
        .user()
        .change_openid(
            "gh_91ae50dfeb1c",
            &[
                "oEmYbwN-n24jxvk4Sox81qedINkQ",
                "oEmYbwH9uVd4RKJk7ZZg6SzL6tTo",
            ],
        )
        .await
        .unwrap();
    api.expect(
        "POST",
        "/cgi-bin/changeopenid",
        &[("access_token", ACCESS_TOKEN)],
        Some(json!({
            "from_appid": "gh_91ae50dfeb1c",
            "openid_list": ["oEmYbwN-n24jxvk4Sox81qedINkQ", "oEmYbwH9uVd4RKJk7ZZg6SzL6tTo"]
        })),
    );
    assert_eq!(
        changed[0].new_openid.as_deref(),
        Some("o2FwqwI9xCsVadFah_HtpPfaR-X4")
    );
    assert_eq!(changed[1].new_openid, None);
    assert_eq!(changed[1].err_msg, "ori_openid error");
}

#[tokio::test]
async fn tags() {
    let api = ApiMock::start().await;
    let tags = api.client.tags();

    api.answer(
        "/cgi-bin/tags/create",
        json!({"tag": {"id": 134, "name": "广东"}}),
    );
    let tag = tags.create("广东").await.unwrap();
    api.expect(
        "POST",
        "/cgi-bin/tags/create",
        &[("access_token", ACCESS_TOKEN)],
        Some(json!({"tag": {"name": "广东"}})),
    );
    assert_eq!((tag.id, tag.name.as_str()), (134, "广东"));

    api.answer(
        "/cgi-bin/tags/get",
        json!({"tags": [
            {"id": 1, "name": "每天一罐可乐星人", "count": 0},
            {"id": 2, "name": "星标组", "count": 0},
            {"id": 127, "name": "广东", "count": 5}
        ]}),
    );
    let list = tags.list().await.unwrap();
    api.expect(
        "GET",
        "/cgi-bin/tags/get",
        &[("access_token", ACCESS_TOKEN)],
        None,
    );
    assert_eq!(list.len(), 3);
    assert_eq!(list[2].count, Some(5));

    api.answer(
        "/cgi-bin/tags/update",
        json!({"errcode": 0, "errmsg": "ok"}),
    );
    tags.update(134, "广东人").await.unwrap();
    api.expect(
        "POST",
        "/cgi-bin/tags/update",
        &[("access_token", ACCESS_TOKEN)],
        Some(json!({"tag": {"id": 134, "name": "广东人"}})),
    );

    api.answer(
        "/cgi-bin/tags/delete",
        json!({"errcode": 0, "errmsg": "ok"}),
    );
    tags.delete(134).await.unwrap();
    api.expect(
        "POST",
        "/cgi-bin/tags/delete",
        &[("access_token", ACCESS_TOKEN)],
        Some(json!({"tag": {"id": 134}})),
    );

    let members = [
        "ocYxcuAEy30bX0NXmGn4ypqx3tI0",
        "ocYxcuBt0mRugKZ7tGAHPnUaOW7Y",
    ];
    api.answer(
        "/cgi-bin/tags/members/batchtagging",
        json!({"errcode": 0, "errmsg": "ok"}),
    );
    tags.tag_users(134, &members).await.unwrap();
    api.expect(
        "POST",
        "/cgi-bin/tags/members/batchtagging",
        &[("access_token", ACCESS_TOKEN)],
        Some(json!({"openid_list": members, "tagid": 134})),
    );

    api.answer(
        "/cgi-bin/tags/members/batchuntagging",
        json!({"errcode": 0, "errmsg": "ok"}),
    );
    tags.untag_users(134, &members).await.unwrap();
    api.expect(
        "POST",
        "/cgi-bin/tags/members/batchuntagging",
        &[("access_token", ACCESS_TOKEN)],
        Some(json!({"openid_list": members, "tagid": 134})),
    );

    api.answer("/cgi-bin/tags/getidlist", json!({"tagid_list": [134, 2]}));
    let ids = tags.user_tags(members[1]).await.unwrap();
    api.expect(
        "POST",
        "/cgi-bin/tags/getidlist",
        &[("access_token", ACCESS_TOKEN)],
        Some(json!({"openid": members[1]})),
    );
    assert_eq!(ids, [134, 2]);

    api.answer(
        "/cgi-bin/user/tag/get",
        json!({"count": 2, "data": {"openid": members}, "next_openid": members[1]}),
    );
    let page = tags.members(134, None).await.unwrap();
    api.expect(
        "POST",
        "/cgi-bin/user/tag/get",
        &[("access_token", ACCESS_TOKEN)],
        Some(json!({"tagid": 134, "next_openid": ""})),
    );
    assert_eq!(page.total, None);
    assert_eq!(page.openids, members);
    assert_eq!(page.next_openid, members[1]);

    tags.members(134, Some(members[1])).await.unwrap();
    api.expect(
        "POST",
        "/cgi-bin/user/tag/get",
        &[("access_token", ACCESS_TOKEN)],
        Some(json!({"tagid": 134, "next_openid": members[1]})),
    );
}

#[tokio::test]
async fn blacklist() {
    let api = ApiMock::start().await;
    api.answer(
        "/cgi-bin/tags/members/getblacklist",
        json!({"total": 23000, "count": 2, "data": {"openid": ["OPENID1", "OPENID2"]}, "next_openid": "OPENID2"}),
    );
    let page = api.client.blacklist().list(None).await.unwrap();
    api.expect(
        "POST",
        "/cgi-bin/tags/members/getblacklist",
        &[("access_token", ACCESS_TOKEN)],
        Some(json!({"begin_openid": ""})),
    );
    assert_eq!(page.total, Some(23000));
    assert_eq!(page.openids, ["OPENID1", "OPENID2"]);
    api.client.blacklist().list(Some("OPENID2")).await.unwrap();
    api.expect(
        "POST",
        "/cgi-bin/tags/members/getblacklist",
        &[("access_token", ACCESS_TOKEN)],
        Some(json!({"begin_openid": "OPENID2"})),
    );

    let twenty = openids(20);
    api.answer(
        "/cgi-bin/tags/members/batchblacklist",
        json!({"errcode": 0, "errmsg": "ok"}),
    );
    api.client.blacklist().block(&twenty).await.unwrap();
    api.expect(
        "POST",
        "/cgi-bin/tags/members/batchblacklist",
        &[("access_token", ACCESS_TOKEN)],
        Some(json!({"openid_list": twenty})),
    );

    api.answer(
        "/cgi-bin/tags/members/batchunblacklist",
        json!({"errcode": 0, "errmsg": "ok"}),
    );
    api.client.blacklist().unblock(&["OPENID1"]).await.unwrap();
    api.expect(
        "POST",
        "/cgi-bin/tags/members/batchunblacklist",
        &[("access_token", ACCESS_TOKEN)],
        Some(json!({"openid_list": ["OPENID1"]})),
    );
}

#[tokio::test]
async fn errcodes_are_api_errors() {
    let api = ApiMock::start().await;
    api.answer("/cgi-bin/user/info", errcode(40003, "invalid openid"));
    let err = api.client.user().info(OPENID).await.unwrap_err();
    assert_eq!(err.errcode(), Some(40003));

    api.answer("/cgi-bin/tags/create", errcode(45157, "invalid tag name"));
    let err = api.client.tags().create("星标组").await.unwrap_err();
    assert_eq!(err.errcode(), Some(45157));

    api.answer(
        "/cgi-bin/tags/members/batchblacklist",
        errcode(49003, "not match openid with appid"),
    );
    let err = api.client.blacklist().block(&[OPENID]).await.unwrap_err();
    assert_eq!(err.errcode(), Some(49003));
}

#[tokio::test]
async fn bad_input_is_rejected_before_sending() {
    let api = ApiMock::start().await;
    let none: [&str; 0] = [];

    assert_invalid(api.client.user().info("").await.unwrap_err());
    assert_invalid(api.client.user().batch_info(&none, None).await.unwrap_err());
    assert_invalid(
        api.client
            .user()
            .batch_info(&openids(101), None)
            .await
            .unwrap_err(),
    );
    assert_invalid(
        api.client
            .user()
            .batch_info(&["OPENID1", " "], None)
            .await
            .unwrap_err(),
    );
    assert_invalid(
        api.client
            .user()
            .update_remark(OPENID, "a remark of thirty bytes......")
            .await
            .unwrap_err(),
    );
    assert_invalid(
        api.client
            .user()
            .change_openid("", &["OPENID1"])
            .await
            .unwrap_err(),
    );
    assert_invalid(
        api.client
            .user()
            .change_openid("gh_91ae50dfeb1c", &openids(101))
            .await
            .unwrap_err(),
    );

    assert_invalid(api.client.tags().create("").await.unwrap_err());
    assert_invalid(
        api.client
            .tags()
            .create(&"名".repeat(31))
            .await
            .unwrap_err(),
    );
    assert_invalid(api.client.tags().update(134, " ").await.unwrap_err());
    assert_invalid(api.client.tags().tag_users(134, &none).await.unwrap_err());
    assert_invalid(
        api.client
            .tags()
            .tag_users(134, &openids(51))
            .await
            .unwrap_err(),
    );
    assert_invalid(
        api.client
            .tags()
            .untag_users(134, &openids(51))
            .await
            .unwrap_err(),
    );
    assert_invalid(api.client.tags().user_tags("").await.unwrap_err());

    assert_invalid(api.client.blacklist().block(&none).await.unwrap_err());
    assert_invalid(
        api.client
            .blacklist()
            .block(&openids(21))
            .await
            .unwrap_err(),
    );
    assert_invalid(
        api.client
            .blacklist()
            .unblock(&openids(21))
            .await
            .unwrap_err(),
    );
    assert_eq!(api.sent(), 0);
}
