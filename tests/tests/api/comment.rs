//! Comments on published articles, and the automatic replies, against a recording mock: the
//! exact request, a realistic answer, an errcode, and input rejected before sending.

use crate::common::api::*;
use serde_json::json;
use wechat_runtime::api::comment::CommentType;

const MSG: u64 = 2_247_483_647;

#[tokio::test]
async fn open_close_and_list() {
    let api = ApiMock::start().await;
    let comments = api.client.comment();
    let ok = json!({"errcode": 0, "errmsg": "ok"});

    api.answer("/cgi-bin/comment/open", ok.clone());
    comments.open(MSG, 1).await.unwrap();
    api.expect(
        "POST",
        "/cgi-bin/comment/open",
        &[("access_token", ACCESS_TOKEN)],
        Some(json!({"msg_data_id": MSG, "index": 1})),
    );
    api.answer("/cgi-bin/comment/close", ok);
    comments.close(MSG, 0).await.unwrap();
    api.expect(
        "POST",
        "/cgi-bin/comment/close",
        &[("access_token", ACCESS_TOKEN)],
        Some(json!({"msg_data_id": MSG, "index": 0})),
    );
    api.answer(
        "/cgi-bin/comment/close",
        errcode(88001, "msg_data is not exists"),
    );
    let err = comments.close(1, 0).await.unwrap_err();
    assert_eq!(err.errcode(), Some(88001));

    api.answer(
        "/cgi-bin/comment/list",
        json!({
            "errcode": 0,
            "errmsg": "ok",
            "total": 2,
            "comment": [
                {
                    "user_comment_id": 1,
                    "openid": "o6_bmjrPTlm6_2sgVt7hMZOPfL2M",
                    "create_time": 1720000000,
                    "content": "写得好",
                    "comment_type": 1,
                    "reply": {"content": "谢谢", "create_time": 1720000100}
                },
                {
                    "user_comment_id": 2,
                    "openid": "o6_bmjrPTlm6_2sgVt7hMZOPfL2N",
                    "create_time": 1720000200,
                    "content": "期待下一篇",
                    "comment_type": 0
                }
            ]
        }),
    );
    let page = comments
        .list(MSG, 0, 0, 49, CommentType::All)
        .await
        .unwrap();
    api.expect(
        "POST",
        "/cgi-bin/comment/list",
        &[("access_token", ACCESS_TOKEN)],
        Some(json!({"msg_data_id": MSG, "index": 0, "begin": 0, "count": 49, "type": 0})),
    );
    assert_eq!(page.total, 2);
    assert!(page.comment[0].is_elected());
    assert_eq!(page.comment[0].reply.as_ref().unwrap().content, "谢谢");
    assert!(!page.comment[1].is_elected());
    assert_eq!(page.comment[1].reply, None);
    comments
        .list(MSG, 2, 10, 5, CommentType::Elected)
        .await
        .unwrap();
    assert_eq!(
        api.last().json(),
        json!({"msg_data_id": MSG, "index": 2, "begin": 10, "count": 5, "type": 2})
    );
    comments
        .list(MSG, 2, 10, 5, CommentType::Normal)
        .await
        .unwrap();
    assert_eq!(api.last().json()["type"], 1);

    let sent = api.sent();
    assert_invalid(comments.open(0, 0).await.unwrap_err());
    assert_invalid(comments.close(0, 0).await.unwrap_err());
    assert_invalid(
        comments
            .list(MSG, 0, 0, 50, CommentType::All)
            .await
            .unwrap_err(),
    );
    assert_invalid(
        comments
            .list(MSG, 0, 0, 0, CommentType::All)
            .await
            .unwrap_err(),
    );
    assert_invalid(
        comments
            .list(0, 0, 0, 1, CommentType::All)
            .await
            .unwrap_err(),
    );
    assert_eq!(api.sent(), sent);
}

#[tokio::test]
async fn elect_delete_and_reply() {
    let api = ApiMock::start().await;
    let comments = api.client.comment();
    let ok = json!({"errcode": 0, "errmsg": "ok"});
    let target = json!({"msg_data_id": MSG, "index": 0, "user_comment_id": 7});

    for path in [
        "/cgi-bin/comment/markelect",
        "/cgi-bin/comment/unmarkelect",
        "/cgi-bin/comment/delete",
        "/cgi-bin/comment/reply/delete",
    ] {
        api.answer(path, ok.clone());
    }
    comments.mark_elect(MSG, 0, 7).await.unwrap();
    api.expect(
        "POST",
        "/cgi-bin/comment/markelect",
        &[("access_token", ACCESS_TOKEN)],
        Some(target.clone()),
    );
    comments.unmark_elect(MSG, 0, 7).await.unwrap();
    api.expect(
        "POST",
        "/cgi-bin/comment/unmarkelect",
        &[("access_token", ACCESS_TOKEN)],
        Some(target.clone()),
    );
    comments.delete(MSG, 0, 7).await.unwrap();
    api.expect(
        "POST",
        "/cgi-bin/comment/delete",
        &[("access_token", ACCESS_TOKEN)],
        Some(target.clone()),
    );
    comments.delete_reply(MSG, 0, 7).await.unwrap();
    api.expect(
        "POST",
        "/cgi-bin/comment/reply/delete",
        &[("access_token", ACCESS_TOKEN)],
        Some(target),
    );

    api.answer("/cgi-bin/comment/reply/add", ok);
    comments.reply(MSG, 0, 7, "感谢支持").await.unwrap();
    api.expect(
        "POST",
        "/cgi-bin/comment/reply/add",
        &[("access_token", ACCESS_TOKEN)],
        Some(json!({"msg_data_id": MSG, "index": 0, "user_comment_id": 7, "content": "感谢支持"})),
    );
    api.answer(
        "/cgi-bin/comment/reply/add",
        errcode(88005, "already reply"),
    );
    let err = comments.reply(MSG, 0, 7, "again").await.unwrap_err();
    assert_eq!(err.errcode(), Some(88005));

    let sent = api.sent();
    assert_invalid(comments.reply(MSG, 0, 7, "  ").await.unwrap_err());
    assert_invalid(comments.reply(0, 0, 7, "hi").await.unwrap_err());
    assert_invalid(comments.mark_elect(0, 0, 7).await.unwrap_err());
    assert_invalid(comments.delete(0, 0, 7).await.unwrap_err());
    assert_eq!(api.sent(), sent);
}

#[tokio::test]
async fn autoreply_current_decodes_every_kind_of_rule() {
    let api = ApiMock::start().await;
    api.answer(
        "/cgi-bin/get_current_autoreply_info",
        json!({
            "is_add_friend_reply_open": 1,
            "is_autoreply_open": 1,
            "add_friend_autoreply_info": {"type": "text", "content": "Thanks for your attention!"},
            "message_default_autoreply_info": {"type": "text", "content": "Hello, this is autoreply!"},
            "keyword_autoreply_info": {"list": [
                {
                    "rule_name": "autoreply-news",
                    "create_time": 1423028166,
                    "reply_mode": "reply_all",
                    "keyword_list_info": [{"type": "text", "match_mode": "contain", "content": "news测试"}],
                    "reply_list_info": [{
                        "type": "news",
                        "news_info": {"list": [{
                            "title": "it's news",
                            "author": "jim",
                            "digest": "it's digest",
                            "show_cover": 1,
                            "cover_url": "http://mmbiz.qpic.cn/mmbiz/COVER/0",
                            "content_url": "http://mp.weixin.qq.com/s?__biz=MjM5&mid=203929886&idx=1",
                            "source_url": "http://www.url.com"
                        }]}
                    }]
                },
                {
                    "rule_name": "autoreply-voice",
                    "create_time": 1423027971,
                    "reply_mode": "random_one",
                    "keyword_list_info": [{"type": "text", "match_mode": "equal", "content": "voice"}],
                    "reply_list_info": [
                        {"type": "voice", "content": "NESsxgHEvAcg3egJTtYj4uG1PTL6iPhratdWKDLAXYErhN6oEEfMdVyblWtBY5vp"},
                        {"type": "text", "content": "hello"}
                    ]
                }
            ]}
        }),
    );
    let info = api.client.autoreply().current().await.unwrap();
    api.expect(
        "GET",
        "/cgi-bin/get_current_autoreply_info",
        &[("access_token", ACCESS_TOKEN)],
        None,
    );
    assert_eq!(info.is_add_friend_reply_open, 1);
    assert_eq!(info.add_friend_autoreply_info.unwrap().kind, "text");
    let rules = info.keyword_autoreply_info.unwrap().list;
    assert_eq!(rules.len(), 2);
    assert_eq!(rules[0].keyword_list_info[0].match_mode, "contain");
    let news = rules[0].reply_list_info[0].news_info.as_ref().unwrap();
    assert_eq!(news.list[0].show_cover, 1);
    assert_eq!(news.list[0].author, "jim");
    assert_eq!(rules[1].reply_mode, "random_one");
    assert_eq!(rules[1].reply_list_info[1].content, "hello");

    api.answer(
        "/cgi-bin/get_current_autoreply_info",
        json!({"is_add_friend_reply_open": 0, "is_autoreply_open": 0}),
    );
    let info = api.client.autoreply().current().await.unwrap();
    assert_eq!(info.add_friend_autoreply_info, None);
    assert_eq!(info.keyword_autoreply_info, None);

    api.answer(
        "/cgi-bin/get_current_autoreply_info",
        errcode(48001, "api unauthorized"),
    );
    let err = api.client.autoreply().current().await.unwrap_err();
    assert_eq!(err.errcode(), Some(48001));
}
