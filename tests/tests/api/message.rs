//! Message APIs against a recording mock: customer service, template, subscribe and mass
//! messages; the exact request, a realistic answer, errcodes, bad input.

use crate::common::api::*;
use crate::common::OPENID;
use serde_json::json;
use wechat_runtime::api::message::{
    CustomMessage, MassMessage, MassSend, MassSendAll, MenuChoice, MiniProgramState,
    MiniProgramSubscribeMessage, NewsArticle, PreviewTarget, SubscribeLang, SubscribeMessage,
    TemplateMessage, TypingCommand,
};

const OK: &str = r#"{"errcode":0,"errmsg":"ok"}"#;

fn token() -> [(&'static str, &'static str); 1] {
    [("access_token", ACCESS_TOKEN)]
}

#[tokio::test]
async fn custom_send_every_message_kind() {
    let api = ApiMock::start().await;
    api.answer_text("/cgi-bin/message/custom/send", OK);
    let cases = [
        (
            CustomMessage::text("Hello World"),
            json!({"touser": OPENID, "msgtype": "text", "text": {"content": "Hello World"}}),
        ),
        (
            CustomMessage::image("MEDIA_ID"),
            json!({"touser": OPENID, "msgtype": "image", "image": {"media_id": "MEDIA_ID"}}),
        ),
        (
            CustomMessage::voice("MEDIA_ID"),
            json!({"touser": OPENID, "msgtype": "voice", "voice": {"media_id": "MEDIA_ID"}}),
        ),
        (
            CustomMessage::video(
                "MEDIA_ID",
                "THUMB_ID",
                Some("TITLE".into()),
                Some("DESCRIPTION".into()),
            ),
            json!({"touser": OPENID, "msgtype": "video", "video": {"media_id": "MEDIA_ID", "thumb_media_id": "THUMB_ID", "title": "TITLE", "description": "DESCRIPTION"}}),
        ),
        (
            CustomMessage::video("MEDIA_ID", "THUMB_ID", None, None),
            json!({"touser": OPENID, "msgtype": "video", "video": {"media_id": "MEDIA_ID", "thumb_media_id": "THUMB_ID"}}),
        ),
        (
            CustomMessage::music(
                Some("MUSIC_TITLE".into()),
                Some("MUSIC_DESCRIPTION".into()),
                "https://example.com/a.mp3",
                "https://example.com/a-hq.mp3",
                "THUMB_MEDIA_ID",
            ),
            json!({"touser": OPENID, "msgtype": "music", "music": {"title": "MUSIC_TITLE", "description": "MUSIC_DESCRIPTION", "musicurl": "https://example.com/a.mp3", "hqmusicurl": "https://example.com/a-hq.mp3", "thumb_media_id": "THUMB_MEDIA_ID"}}),
        ),
        (
            CustomMessage::news(NewsArticle::new(
                "Happy Day",
                "Is Really A Happy Day",
                "https://example.com/day",
                "https://example.com/day.png",
            )),
            json!({"touser": OPENID, "msgtype": "news", "news": {"articles": [{"title": "Happy Day", "description": "Is Really A Happy Day", "url": "https://example.com/day", "picurl": "https://example.com/day.png"}]}}),
        ),
        (
            CustomMessage::mpnews("MEDIA_ID"),
            json!({"touser": OPENID, "msgtype": "mpnews", "mpnews": {"media_id": "MEDIA_ID"}}),
        ),
        (
            CustomMessage::mpnews_article("ARTICLE_ID"),
            json!({"touser": OPENID, "msgtype": "mpnewsarticle", "mpnewsarticle": {"article_id": "ARTICLE_ID"}}),
        ),
        (
            CustomMessage::menu(
                "Are you satisfied?",
                vec![MenuChoice::new("101", "Yes"), MenuChoice::new("102", "No")],
                "Thank you",
            ),
            json!({"touser": OPENID, "msgtype": "msgmenu", "msgmenu": {"head_content": "Are you satisfied?", "list": [{"id": "101", "content": "Yes"}, {"id": "102", "content": "No"}], "tail_content": "Thank you"}}),
        ),
        (
            CustomMessage::wxcard("123dsdajkasd231jhksad"),
            json!({"touser": OPENID, "msgtype": "wxcard", "wxcard": {"card_id": "123dsdajkasd231jhksad"}}),
        ),
        (
            CustomMessage::mini_program_page(
                "title",
                Some("wx1111111111111111".into()),
                "pages/index/index?foo=bar",
                "THUMB_MEDIA_ID",
            ),
            json!({"touser": OPENID, "msgtype": "miniprogrampage", "miniprogrampage": {"title": "title", "appid": "wx1111111111111111", "pagepath": "pages/index/index?foo=bar", "thumb_media_id": "THUMB_MEDIA_ID"}}),
        ),
        (
            CustomMessage::link(
                "Happy Day",
                "Is Really A Happy Day",
                "https://example.com/day",
                "https://example.com/day.png",
            ),
            json!({"touser": OPENID, "msgtype": "link", "link": {"title": "Happy Day", "description": "Is Really A Happy Day", "url": "https://example.com/day", "thumb_url": "https://example.com/day.png"}}),
        ),
    ];
    for (message, body) in cases {
        api.client.message().send(OPENID, &message).await.unwrap();
        api.expect("POST", "/cgi-bin/message/custom/send", &token(), Some(body));
    }
}

#[tokio::test]
async fn custom_send_as_a_kf_account_and_typing() {
    let api = ApiMock::start().await;
    api.answer_text("/cgi-bin/message/custom/send", OK);
    api.client
        .message()
        .send_as(OPENID, &CustomMessage::text("Hello"), "test1@kftest")
        .await
        .unwrap();
    api.expect(
        "POST",
        "/cgi-bin/message/custom/send",
        &token(),
        Some(json!({"touser": OPENID, "msgtype": "text", "text": {"content": "Hello"}, "customservice": {"kf_account": "test1@kftest"}})),
    );

    api.answer_text("/cgi-bin/message/custom/typing", OK);
    api.client
        .message()
        .typing(OPENID, TypingCommand::Typing)
        .await
        .unwrap();
    api.expect(
        "POST",
        "/cgi-bin/message/custom/typing",
        &token(),
        Some(json!({"touser": OPENID, "command": "Typing"})),
    );
    api.client
        .message()
        .typing(OPENID, TypingCommand::CancelTyping)
        .await
        .unwrap();
    api.expect(
        "POST",
        "/cgi-bin/message/custom/typing",
        &token(),
        Some(json!({"touser": OPENID, "command": "CancelTyping"})),
    );
}

#[tokio::test]
async fn a_send_is_never_retried_but_a_query_is() {
    let api = ApiMock::start().await;
    api.answer("/cgi-bin/message/custom/send", errcode(-1, "system error"));
    let err = api
        .client
        .message()
        .send(OPENID, &CustomMessage::text("once"))
        .await
        .unwrap_err();
    assert_eq!(err.errcode(), Some(-1));
    assert_eq!(api.sent(), 1, "a message is sent at most once");

    api.answer("/cgi-bin/message/mass/get", errcode(-1, "system error"));
    let err = api.client.mass().status(1000000001).await.unwrap_err();
    assert_eq!(err.errcode(), Some(-1));
    assert_eq!(api.sent(), 1 + 3, "a status query is retried twice");
}

#[tokio::test]
async fn template_industry() {
    let api = ApiMock::start().await;
    api.answer_text("/cgi-bin/template/api_set_industry", OK);
    api.client.template().set_industry("1", "4").await.unwrap();
    api.expect(
        "POST",
        "/cgi-bin/template/api_set_industry",
        &token(),
        Some(json!({"industry_id1": "1", "industry_id2": "4"})),
    );

    api.answer(
        "/cgi-bin/template/get_industry",
        json!({"primary_industry": {"first_class": "运输与仓储", "second_class": "快递"}, "secondary_industry": {"first_class": "IT科技", "second_class": "互联网|电子商务"}}),
    );
    let industry = api.client.template().industry().await.unwrap();
    assert_eq!(industry.primary_industry.unwrap().second_class, "快递");
    assert_eq!(industry.secondary_industry.unwrap().first_class, "IT科技");
    api.expect("GET", "/cgi-bin/template/get_industry", &token(), None);
}

#[tokio::test]
async fn template_add_list_delete() {
    let api = ApiMock::start().await;
    api.answer(
        "/cgi-bin/template/api_add_template",
        json!({"errcode": 0, "errmsg": "ok", "template_id": "Doclyl5uP7Aciu-qZ7mJNPtWkbkYnWBWVja26EGbNyk"}),
    );
    let id = api
        .client
        .template()
        .add("TM00015", &["金额", "时间"])
        .await
        .unwrap();
    assert_eq!(id, "Doclyl5uP7Aciu-qZ7mJNPtWkbkYnWBWVja26EGbNyk");
    api.expect(
        "POST",
        "/cgi-bin/template/api_add_template",
        &token(),
        Some(json!({"template_id_short": "TM00015", "keyword_name_list": ["金额", "时间"]})),
    );
    api.client.template().add("TM00015", &[]).await.unwrap();
    api.expect(
        "POST",
        "/cgi-bin/template/api_add_template",
        &token(),
        Some(json!({"template_id_short": "TM00015"})),
    );

    api.answer(
        "/cgi-bin/template/get_all_private_template",
        json!({"template_list": [{
            "template_id": "iPk5sOIt5X_flOVKn5GrTFpncEYTojx6ddbt8WYoV5s",
            "title": "领取奖金提醒",
            "primary_industry": "IT科技",
            "deputy_industry": "互联网|电子商务",
            "content": "{ {result.DATA} }\n\n领奖金额:{ {withdrawMoney.DATA} }\n",
            "example": "您已提交领奖申请\n\n领奖金额:xxxx元\n"
        }]}),
    );
    let templates = api.client.template().list().await.unwrap();
    assert_eq!(templates.len(), 1);
    assert_eq!(templates[0].title, "领取奖金提醒");
    assert_eq!(templates[0].deputy_industry, "互联网|电子商务");
    api.expect(
        "GET",
        "/cgi-bin/template/get_all_private_template",
        &token(),
        None,
    );

    api.answer_text("/cgi-bin/template/del_private_template", OK);
    api.client
        .template()
        .delete("Dyvp3-Ff0cnail_CDSzk1fIc6-9lOkxsQE7exTJbwUE")
        .await
        .unwrap();
    api.expect(
        "POST",
        "/cgi-bin/template/del_private_template",
        &token(),
        Some(json!({"template_id": "Dyvp3-Ff0cnail_CDSzk1fIc6-9lOkxsQE7exTJbwUE"})),
    );
}

#[tokio::test]
async fn template_send() {
    let api = ApiMock::start().await;
    api.answer(
        "/cgi-bin/message/template/send",
        json!({"errcode": 0, "errmsg": "ok", "msgid": 200228332}),
    );
    let message = TemplateMessage::new(OPENID, "ngqIpbwh8bUfcSsECmogfXcV14J0tQlEpBO27izEYtY")
        .url("http://weixin.qq.com/download")
        .miniprogram("wx1111111111111111", "index?foo=bar")
        .client_msg_id("MSG_000001")
        .data("keyword1", "巧克力")
        .data_with_color("keyword2", "39.8元", "#173177");
    let msgid = api.client.template().send(&message).await.unwrap();
    assert_eq!(msgid, 200228332);
    api.expect(
        "POST",
        "/cgi-bin/message/template/send",
        &token(),
        Some(json!({
            "touser": OPENID,
            "template_id": "ngqIpbwh8bUfcSsECmogfXcV14J0tQlEpBO27izEYtY",
            "url": "http://weixin.qq.com/download",
            "miniprogram": {"appid": "wx1111111111111111", "pagepath": "index?foo=bar"},
            "client_msg_id": "MSG_000001",
            "data": {
                "keyword1": {"value": "巧克力"},
                "keyword2": {"value": "39.8元", "color": "#173177"}
            }
        })),
    );

    let plain = TemplateMessage::new(OPENID, "TEMPLATE_ID").data("thing1", "x");
    api.client.template().send(&plain).await.unwrap();
    api.expect(
        "POST",
        "/cgi-bin/message/template/send",
        &token(),
        Some(json!({"touser": OPENID, "template_id": "TEMPLATE_ID", "data": {"thing1": {"value": "x"}}})),
    );
}

#[tokio::test]
async fn subscribe_sends() {
    let api = ApiMock::start().await;
    api.answer_text("/cgi-bin/message/subscribe/bizsend", OK);
    let message = SubscribeMessage::new(OPENID, "TEMPLATE_ID")
        .page("https://mp.weixin.qq.com")
        .miniprogram("wx1111111111111111", "index?foo=bar")
        .data("name1", "广州腾讯科技有限公司")
        .data("thing8", "广州腾讯科技有限公司");
    api.client.subscribe().bizsend(&message).await.unwrap();
    api.expect(
        "POST",
        "/cgi-bin/message/subscribe/bizsend",
        &token(),
        Some(json!({
            "touser": OPENID,
            "template_id": "TEMPLATE_ID",
            "page": "https://mp.weixin.qq.com",
            "miniprogram": {"appid": "wx1111111111111111", "pagepath": "index?foo=bar"},
            "data": {"name1": {"value": "广州腾讯科技有限公司"}, "thing8": {"value": "广州腾讯科技有限公司"}}
        })),
    );

    api.answer_text("/cgi-bin/message/subscribe/send", OK);
    let message = MiniProgramSubscribeMessage::new(OPENID, "TEMPLATE_ID")
        .page("index")
        .miniprogram_state(MiniProgramState::Developer)
        .lang(SubscribeLang::ZhCn)
        .data("number01", "339208499")
        .data("date01", "2015年01月05日");
    api.client.subscribe().send(&message).await.unwrap();
    api.expect(
        "POST",
        "/cgi-bin/message/subscribe/send",
        &token(),
        Some(json!({
            "touser": OPENID,
            "template_id": "TEMPLATE_ID",
            "page": "index",
            "miniprogram_state": "developer",
            "lang": "zh_CN",
            "data": {"number01": {"value": "339208499"}, "date01": {"value": "2015年01月05日"}}
        })),
    );
}

#[tokio::test]
async fn subscribe_template_library() {
    let api = ApiMock::start().await;
    api.answer(
        "/wxaapi/newtmpl/getcategory",
        json!({"errcode": 0, "errmsg": "ok", "data": [{"id": 616, "name": "公交"}, {"id": 627, "name": "信息查询"}]}),
    );
    let categories = api.client.subscribe().categories().await.unwrap();
    assert_eq!(categories.len(), 2);
    assert_eq!(
        (categories[0].id, categories[0].name.as_str()),
        (616, "公交")
    );
    api.expect("GET", "/wxaapi/newtmpl/getcategory", &token(), None);

    api.answer(
        "/wxaapi/newtmpl/getpubtemplatetitles",
        json!({"errcode": 0, "errmsg": "ok", "count": 55, "data": [{"tid": 99, "title": "付款成功通知", "type": 2, "categoryId": "616"}]}),
    );
    let titles = api
        .client
        .subscribe()
        .pub_template_titles(&[2, 616], 0, 1)
        .await
        .unwrap();
    assert_eq!(titles.count, 55);
    assert_eq!(titles.data[0].tid, 99);
    assert_eq!(titles.data[0].kind, 2);
    assert_eq!(titles.data[0].category_id, "616");
    api.expect(
        "GET",
        "/wxaapi/newtmpl/getpubtemplatetitles",
        &[
            ("access_token", ACCESS_TOKEN),
            ("ids", "2,616"),
            ("start", "0"),
            ("limit", "1"),
        ],
        None,
    );

    api.answer(
        "/wxaapi/newtmpl/getpubtemplatekeywords",
        json!({"errcode": 0, "errmsg": "ok", "count": 1, "data": [{"kid": 1, "name": "物品名称", "example": "名称", "rule": "thing"}]}),
    );
    let keywords = api
        .client
        .subscribe()
        .pub_template_keywords(99)
        .await
        .unwrap();
    assert_eq!(keywords.data[0].kid, 1);
    assert_eq!(keywords.data[0].rule, "thing");
    api.expect(
        "GET",
        "/wxaapi/newtmpl/getpubtemplatekeywords",
        &[("access_token", ACCESS_TOKEN), ("tid", "99")],
        None,
    );

    api.answer(
        "/wxaapi/newtmpl/addtemplate",
        json!({"errcode": 0, "errmsg": "ok", "priTmplId": "9Aw5ZV1j9xdWTFEkqCpZ7mIBbSC34khK55OtzUPl0rU"}),
    );
    let id = api
        .client
        .subscribe()
        .add_template(401, &[1, 2], Some("测试数据"))
        .await
        .unwrap();
    assert_eq!(id, "9Aw5ZV1j9xdWTFEkqCpZ7mIBbSC34khK55OtzUPl0rU");
    api.expect(
        "POST",
        "/wxaapi/newtmpl/addtemplate",
        &token(),
        Some(json!({"tid": "401", "kidList": [1, 2], "sceneDesc": "测试数据"})),
    );

    api.answer_text("/wxaapi/newtmpl/deltemplate", OK);
    api.client
        .subscribe()
        .delete_template("wDYzYZVxobJivW9oMpSCpuvACOfJXQIoKUm0PY397Tc")
        .await
        .unwrap();
    api.expect(
        "POST",
        "/wxaapi/newtmpl/deltemplate",
        &token(),
        Some(json!({"priTmplId": "wDYzYZVxobJivW9oMpSCpuvACOfJXQIoKUm0PY397Tc"})),
    );

    api.answer(
        "/wxaapi/newtmpl/gettemplate",
        json!({"errcode": 0, "errmsg": "ok", "data": [{
            "priTmplId": "9Aw5ZV1j9xdWTFEkqCpZ7mIBbSC34khK55OtzUPl0rU",
            "title": "报名结果通知",
            "content": "会议时间:{{date2.DATA}}\n会议地点:{{thing1.DATA}}\n",
            "example": "会议时间:2016年8月8日\n会议地点:TIT会议室\n",
            "type": 2,
            "keywordEnumValueList": [{"enumValueList": ["未发货", "已发货"], "keywordCode": "phrase1"}]
        }]}),
    );
    let templates = api.client.subscribe().templates().await.unwrap();
    assert_eq!(templates[0].title, "报名结果通知");
    assert_eq!(templates[0].kind, 2);
    assert_eq!(
        templates[0].keyword_enum_value_list[0].enum_value_list,
        ["未发货", "已发货"]
    );
    api.expect("GET", "/wxaapi/newtmpl/gettemplate", &token(), None);
}

#[tokio::test]
async fn mass_send_all_by_tag_and_to_all() {
    let api = ApiMock::start().await;
    api.answer(
        "/cgi-bin/message/mass/sendall",
        json!({"errcode": 0, "errmsg": "send job submission success", "msg_id": 34182, "msg_data_id": 206227730}),
    );
    let sent = api
        .client
        .mass()
        .send_all(
            &MassSendAll::to_tag(2, MassMessage::mpnews("123dsdajkasd231jhksad"))
                .send_ignore_reprint(false)
                .clientmsgid("send_tag_2"),
        )
        .await
        .unwrap();
    assert_eq!((sent.msg_id, sent.msg_data_id), (34182, Some(206227730)));
    api.expect(
        "POST",
        "/cgi-bin/message/mass/sendall",
        &token(),
        Some(json!({
            "filter": {"is_to_all": false, "tag_id": 2},
            "mpnews": {"media_id": "123dsdajkasd231jhksad"},
            "msgtype": "mpnews",
            "send_ignore_reprint": 0,
            "clientmsgid": "send_tag_2"
        })),
    );

    let cases = [
        (
            MassMessage::text("CONTENT"),
            json!({"msgtype": "text", "text": {"content": "CONTENT"}}),
        ),
        (
            MassMessage::voice("VOICE_ID"),
            json!({"msgtype": "voice", "voice": {"media_id": "VOICE_ID"}}),
        ),
        (
            MassMessage::images(vec!["aaa".into(), "bbb".into()]),
            json!({"msgtype": "image", "images": {"media_ids": ["aaa", "bbb"]}}),
        ),
        (
            MassMessage::video(
                "IhdaAQXuvJtGzwwc0abfXnzeezfO0NgPK6AQYShD8RQYMTtfzbLdBIQkQziv2XJc",
                None,
                None,
            ),
            json!({"msgtype": "mpvideo", "mpvideo": {"media_id": "IhdaAQXuvJtGzwwc0abfXnzeezfO0NgPK6AQYShD8RQYMTtfzbLdBIQkQziv2XJc"}}),
        ),
        (
            MassMessage::wxcard("123dsdajkasd231jhksad"),
            json!({"msgtype": "wxcard", "wxcard": {"card_id": "123dsdajkasd231jhksad"}}),
        ),
    ];
    for (message, mut body) in cases {
        api.client
            .mass()
            .send_all(&MassSendAll::to_all(message))
            .await
            .unwrap();
        body["filter"] = json!({"is_to_all": true});
        api.expect(
            "POST",
            "/cgi-bin/message/mass/sendall",
            &token(),
            Some(body),
        );
    }
}

#[tokio::test]
async fn mass_send_by_openids() {
    let api = ApiMock::start().await;
    api.answer(
        "/cgi-bin/message/mass/send",
        json!({"errcode": 0, "errmsg": "send job submission success", "msg_id": 34182, "msg_data_id": 206227730}),
    );
    let users = vec!["OPENID1".to_owned(), "OPENID2".to_owned()];
    let sent = api
        .client
        .mass()
        .send(
            &MassSend::to_users(
                users,
                MassMessage::video(
                    "123dsdajkasd231jhksad",
                    Some("TITLE".into()),
                    Some("DESCRIPTION".into()),
                ),
            )
            .send_ignore_reprint(true),
        )
        .await
        .unwrap();
    assert_eq!(sent.msg_id, 34182);
    api.expect(
        "POST",
        "/cgi-bin/message/mass/send",
        &token(),
        Some(json!({
            "touser": ["OPENID1", "OPENID2"],
            "mpvideo": {"media_id": "123dsdajkasd231jhksad", "title": "TITLE", "description": "DESCRIPTION"},
            "msgtype": "mpvideo",
            "send_ignore_reprint": 1
        })),
    );
}

#[tokio::test]
async fn mass_delete_preview_status() {
    let api = ApiMock::start().await;
    api.answer_text("/cgi-bin/message/mass/delete", OK);
    api.client.mass().delete(30124, Some(2)).await.unwrap();
    api.expect(
        "POST",
        "/cgi-bin/message/mass/delete",
        &token(),
        Some(json!({"msg_id": 30124, "article_idx": 2})),
    );
    api.client.mass().delete(30124, None).await.unwrap();
    api.expect(
        "POST",
        "/cgi-bin/message/mass/delete",
        &token(),
        Some(json!({"msg_id": 30124})),
    );

    api.answer(
        "/cgi-bin/message/mass/preview",
        json!({"errcode": 0, "errmsg": "preview success", "msg_id": 34182}),
    );
    let msg_id = api
        .client
        .mass()
        .preview(
            &PreviewTarget::OpenId(OPENID.into()),
            &MassMessage::text("CONTENT"),
        )
        .await
        .unwrap();
    assert_eq!(msg_id, 34182);
    api.expect(
        "POST",
        "/cgi-bin/message/mass/preview",
        &token(),
        Some(json!({"touser": OPENID, "msgtype": "text", "text": {"content": "CONTENT"}})),
    );
    api.client
        .mass()
        .preview(
            &PreviewTarget::WxName("示例的微信号".into()),
            &MassMessage::mpnews("MEDIA_ID"),
        )
        .await
        .unwrap();
    api.expect(
        "POST",
        "/cgi-bin/message/mass/preview",
        &token(),
        Some(json!({"towxname": "示例的微信号", "msgtype": "mpnews", "mpnews": {"media_id": "MEDIA_ID"}})),
    );

    api.answer(
        "/cgi-bin/message/mass/get",
        json!({"msg_id": 201053012, "msg_status": "SEND_SUCCESS"}),
    );
    let status = api.client.mass().status(201053012).await.unwrap();
    assert_eq!(
        (status.msg_id, status.msg_status.as_str()),
        (201053012, "SEND_SUCCESS")
    );
    api.expect(
        "POST",
        "/cgi-bin/message/mass/get",
        &token(),
        Some(json!({"msg_id": "201053012"})),
    );
}

#[tokio::test]
async fn errcodes_are_api_errors() {
    let api = ApiMock::start().await;
    api.answer(
        "/cgi-bin/message/custom/send",
        errcode(
            45015,
            "response out of time limit or subscription is canceled",
        ),
    );
    let err = api
        .client
        .message()
        .send(OPENID, &CustomMessage::text("late"))
        .await
        .unwrap_err();
    assert_eq!(err.errcode(), Some(45015));

    api.answer(
        "/cgi-bin/message/template/send",
        errcode(40037, "invalid template_id"),
    );
    let err = api
        .client
        .template()
        .send(&TemplateMessage::new(OPENID, "nope"))
        .await
        .unwrap_err();
    assert_eq!(err.errcode(), Some(40037));

    api.answer(
        "/wxaapi/newtmpl/getpubtemplatetitles",
        errcode(200017, "limit error"),
    );
    let err = api
        .client
        .subscribe()
        .pub_template_titles(&[616], 0, 30)
        .await
        .unwrap_err();
    assert_eq!(err.errcode(), Some(200017));

    api.answer(
        "/cgi-bin/message/mass/get",
        errcode(40059, "invalid msg id"),
    );
    let err = api.client.mass().status(1).await.unwrap_err();
    assert_eq!(err.errcode(), Some(40059));
}

#[tokio::test]
async fn bad_input_is_rejected_before_sending() {
    let api = ApiMock::start().await;
    let message = api.client.message();
    assert_invalid(
        message
            .send("", &CustomMessage::text("x"))
            .await
            .unwrap_err(),
    );
    assert_invalid(
        message
            .send(OPENID, &CustomMessage::text(" "))
            .await
            .unwrap_err(),
    );
    assert_invalid(
        message
            .send(OPENID, &CustomMessage::image(""))
            .await
            .unwrap_err(),
    );
    assert_invalid(
        message
            .send(OPENID, &CustomMessage::menu("head", vec![], "tail"))
            .await
            .unwrap_err(),
    );
    assert_invalid(
        message
            .send_as(OPENID, &CustomMessage::text("x"), "")
            .await
            .unwrap_err(),
    );

    let template = api.client.template();
    assert_invalid(
        template
            .send(&TemplateMessage::new("", "T"))
            .await
            .unwrap_err(),
    );
    assert_invalid(
        template
            .send(&TemplateMessage::new(OPENID, ""))
            .await
            .unwrap_err(),
    );
    assert_invalid(template.add("", &[]).await.unwrap_err());
    assert_invalid(template.delete("").await.unwrap_err());

    let subscribe = api.client.subscribe();
    assert_invalid(subscribe.pub_template_titles(&[], 0, 10).await.unwrap_err());
    assert_invalid(
        subscribe
            .pub_template_titles(&[616], 0, 31)
            .await
            .unwrap_err(),
    );
    assert_invalid(
        subscribe
            .pub_template_titles(&[616], 0, 0)
            .await
            .unwrap_err(),
    );
    assert_invalid(subscribe.add_template(401, &[1], None).await.unwrap_err());
    assert_invalid(
        subscribe
            .add_template(401, &[1, 2, 3, 4, 5, 6], None)
            .await
            .unwrap_err(),
    );
    assert_invalid(
        subscribe
            .bizsend(&SubscribeMessage::new(OPENID, ""))
            .await
            .unwrap_err(),
    );
    assert_invalid(
        subscribe
            .send(&MiniProgramSubscribeMessage::new("", "T"))
            .await
            .unwrap_err(),
    );

    let mass = api.client.mass();
    let text = MassMessage::text("hello");
    assert_invalid(
        mass.send(&MassSend::to_users(vec![], text.clone()))
            .await
            .unwrap_err(),
    );
    assert_invalid(
        mass.send(&MassSend::to_users(vec![OPENID.into()], text.clone()))
            .await
            .unwrap_err(),
    );
    let too_many: Vec<String> = (0..10_001).map(|i| format!("openid-{i}")).collect();
    assert_invalid(
        mass.send(&MassSend::to_users(too_many, text.clone()))
            .await
            .unwrap_err(),
    );
    assert_invalid(
        mass.send_all(&MassSendAll::to_all(MassMessage::images(vec![])))
            .await
            .unwrap_err(),
    );
    assert_invalid(
        mass.preview(&PreviewTarget::OpenId(String::new()), &text)
            .await
            .unwrap_err(),
    );
    assert_eq!(api.sent(), 0);
}
