//! Application messages: each content type's body, the recipients and options, the answer's
//! lists, recall, and messages WeCom would refuse.

use serde_json::json;
use wechat_runtime::work::message::{
    AppMessage, AppNewsArticle, AppTextCard, CardAction, CardActionMenu, CardButton, CardCheckbox,
    CardHorizontalContent, CardImage, CardJump, CardOption, CardSelect, CardSource,
    CardSubmitButton, CardTitle, TemplateCard,
};
use wechat_runtime::work::WorkApp;

use crate::common::api::{assert_invalid, errcode};
use crate::common::mock::Answer;
use crate::work_contacts::{done, wecom, AGENT, Q};

fn sent_answer() -> serde_json::Value {
    json!({"errcode": 0, "errmsg": "ok", "invaliduser": "userid1|userid2", "invalidparty": "5",
           "invalidtag": "", "unlicenseduser": "userid3", "msgid": "MSGID_1", "response_code": "RESPONSE_CODE_1"})
}

#[tokio::test]
async fn a_text_message_with_every_option() {
    let (api, client) = wecom(WorkApp::Agent(AGENT)).await;
    api.answer("/cgi-bin/message/send", sent_answer());
    let message = AppMessage::text("你的快递已到,请携带工卡前往邮件中心领取。")
        .to_users(&["UserID1", "UserID2"])
        .to_parties(&[1, 5])
        .to_tags(&[7])
        .safe(true)
        .id_trans(true)
        .duplicate_check(Some(1800));
    let sent = client.app_message().send(&message).await.unwrap();
    api.expect(
        "POST",
        "/cgi-bin/message/send",
        Q,
        Some(json!({
            "touser": "UserID1|UserID2", "toparty": "1|5", "totag": "7",
            "msgtype": "text", "agentid": AGENT,
            "text": {"content": "你的快递已到,请携带工卡前往邮件中心领取。"},
            "safe": 1, "enable_id_trans": 1, "enable_duplicate_check": 1,
            "duplicate_check_interval": 1800
        })),
    );
    assert_eq!(sent.msgid, "MSGID_1");
    assert_eq!(sent.invaliduser, ["userid1", "userid2"]);
    assert_eq!(sent.invalidparty, ["5"]);
    assert!(sent.invalidtag.is_empty());
    assert_eq!(sent.unlicenseduser, ["userid3"]);
    assert_eq!(sent.response_code.as_deref(), Some("RESPONSE_CODE_1"));
}

#[tokio::test]
async fn each_content_type_has_its_body() {
    let (api, client) = wecom(WorkApp::Agent(AGENT)).await;
    api.answer(
        "/cgi-bin/message/send",
        json!({"errcode": 0, "errmsg": "ok", "msgid": "M"}),
    );
    let cases = [
        (AppMessage::image("MEDIA_ID"), "image", json!({"media_id": "MEDIA_ID"})),
        (AppMessage::file("FILE_ID"), "file", json!({"media_id": "FILE_ID"})),
        (
            AppMessage::textcard(
                AppTextCard::new("领奖通知", "<div class=\"gray\">2016年9月26日</div>", "https://work.weixin.qq.com")
                    .button("更多"),
            ),
            "textcard",
            json!({"title": "领奖通知", "description": "<div class=\"gray\">2016年9月26日</div>",
                   "url": "https://work.weixin.qq.com", "btntxt": "更多"}),
        ),
        (
            AppMessage::news(vec![
                AppNewsArticle::new("中秋节礼品领取", "https://work.weixin.qq.com")
                    .description("今年中秋节公司有豪礼相送")
                    .picurl("http://res.mail.qq.com/node/ww/wwopenmng/images/independent/doc/test_pic_msg1.png"),
                AppNewsArticle::new("小程序", "").miniprogram("wx123123123123123", "pages/index?userid=zhangsan&orderid=123123123"),
            ]),
            "news",
            json!({"articles": [
                {"title": "中秋节礼品领取", "description": "今年中秋节公司有豪礼相送", "url": "https://work.weixin.qq.com",
                 "picurl": "http://res.mail.qq.com/node/ww/wwopenmng/images/independent/doc/test_pic_msg1.png"},
                {"title": "小程序", "appid": "wx123123123123123", "pagepath": "pages/index?userid=zhangsan&orderid=123123123"}
            ]}),
        ),
        (AppMessage::markdown("您的会议室已经预定"), "markdown", json!({"content": "您的会议室已经预定"})),
    ];
    for (message, msgtype, content) in cases {
        client.app_message().send(&message.to_all()).await.unwrap();
        api.expect(
            "POST",
            "/cgi-bin/message/send",
            Q,
            Some(json!({"touser": "@all", "msgtype": msgtype, "agentid": AGENT, msgtype: content})),
        );
    }
}

#[tokio::test]
async fn template_cards() {
    let (api, client) = wecom(WorkApp::Agent(AGENT)).await;
    api.answer("/cgi-bin/message/send", sent_answer());
    let notice = TemplateCard::text_notice(
        CardTitle::new("欢迎使用企业微信", "您的好友正在邀请您加入企业微信"),
        CardAction::url("https://work.weixin.qq.com"),
    )
    .source(CardSource::new(
        "https://wework.qpic.cn/wwpic/252813_jOfDHtcISzuodLa_1629280209/0",
        "企业微信",
    ))
    .action_menu(CardActionMenu::new(
        "消息气泡副交互辅助文本说明",
        &[("接收推送", "action_key1")],
    ))
    .task_id("task_id")
    .emphasis(CardTitle::new("100", "核心数据"))
    .sub_title_text("下载企业微信还能抢红包!")
    .line(CardHorizontalContent::text("邀请人", "张三"))
    .line(CardHorizontalContent::member("员工信息", "zhangsan"))
    .jump(CardJump::url("企业微信官网", "https://work.weixin.qq.com"));
    client
        .app_message()
        .send(&AppMessage::template_card(notice).to_users(&["zhangsan"]))
        .await
        .unwrap();
    api.expect(
        "POST",
        "/cgi-bin/message/send",
        Q,
        Some(json!({
            "touser": "zhangsan", "msgtype": "template_card", "agentid": AGENT,
            "template_card": {
                "card_type": "text_notice",
                "source": {"icon_url": "https://wework.qpic.cn/wwpic/252813_jOfDHtcISzuodLa_1629280209/0", "desc": "企业微信"},
                "action_menu": {"desc": "消息气泡副交互辅助文本说明", "action_list": [{"text": "接收推送", "key": "action_key1"}]},
                "task_id": "task_id",
                "main_title": {"title": "欢迎使用企业微信", "desc": "您的好友正在邀请您加入企业微信"},
                "emphasis_content": {"title": "100", "desc": "核心数据"},
                "sub_title_text": "下载企业微信还能抢红包!",
                "horizontal_content_list": [
                    {"keyname": "邀请人", "value": "张三"},
                    {"type": 3, "keyname": "员工信息", "userid": "zhangsan"}
                ],
                "jump_list": [{"type": 1, "title": "企业微信官网", "url": "https://work.weixin.qq.com"}],
                "card_action": {"type": 1, "url": "https://work.weixin.qq.com"}
            }
        })),
    );

    let buttons = TemplateCard::button_interaction(
        "task_2",
        CardTitle::new("审批", ""),
        vec![
            CardButton::callback("同意", "yes").style(1),
            CardButton::link("详情", "https://work.weixin.qq.com"),
        ],
    )
    .button_selection(
        CardSelect::new(
            "btn_question_key1",
            "企业微信评分",
            vec![CardOption::new("btn_selection_id1", "100分")],
        )
        .selected("btn_selection_id1"),
    );
    client
        .app_message()
        .send(&AppMessage::template_card(buttons).to_users(&["zhangsan"]))
        .await
        .unwrap();
    let body = api.last().json();
    assert_eq!(
        body["template_card"],
        json!({"card_type": "button_interaction", "task_id": "task_2", "main_title": {"title": "审批"},
               "button_selection": {"question_key": "btn_question_key1", "title": "企业微信评分", "selected_id": "btn_selection_id1",
                                    "option_list": [{"id": "btn_selection_id1", "text": "100分"}]},
               "button_list": [{"text": "同意", "style": 1, "key": "yes"}, {"type": 1, "text": "详情", "url": "https://work.weixin.qq.com"}]})
    );

    let vote = TemplateCard::vote_interaction(
        "task_3",
        CardTitle::new("午餐", "选一个"),
        CardCheckbox::new(
            "question_key1",
            vec![
                CardOption::new("a", "面").checked(),
                CardOption::new("b", "饭"),
            ],
            true,
        ),
        CardSubmitButton::new("提交", "submit_key"),
    );
    client
        .app_message()
        .send(&AppMessage::template_card(vote).to_users(&["zhangsan"]))
        .await
        .unwrap();
    let body = api.last().json();
    assert_eq!(body["template_card"]["checkbox"]["mode"], 1);
    assert_eq!(
        body["template_card"]["checkbox"]["option_list"][0]["is_checked"],
        true
    );
    assert_eq!(
        body["template_card"]["submit_button"],
        json!({"text": "提交", "key": "submit_key"})
    );

    let news = TemplateCard::news_notice(
        CardTitle::new("新品", ""),
        CardImage::new("https://wework.qpic.cn/wwpic/354393_4zpkKXd7SrGMvfg_1629280616/0")
            .aspect_ratio(2.25),
        CardAction::miniprogram("wx123", "pages/index"),
    );
    let multiple = TemplateCard::multiple_interaction(
        "task_4",
        CardTitle::new("偏好", ""),
        vec![CardSelect::new(
            "q1",
            "城市",
            vec![CardOption::new("gz", "广州")],
        )],
        CardSubmitButton::new("提交", "k"),
    );
    for card in [news, multiple] {
        client
            .app_message()
            .send(&AppMessage::template_card(card).to_users(&["zhangsan"]))
            .await
            .unwrap();
    }
}

#[tokio::test]
async fn the_sending_agent_is_the_clients_or_the_messages() {
    let (api, client) = wecom(WorkApp::Contacts).await;
    let message = AppMessage::text("hi").to_users(&["zhangsan"]);
    assert_invalid(client.app_message().send(&message).await.unwrap_err());
    assert_eq!(api.sent(), 0);
    api.answer(
        "/cgi-bin/message/send",
        json!({"errcode": 0, "errmsg": "ok", "msgid": "M"}),
    );
    client
        .app_message()
        .send(&message.agentid(1000005))
        .await
        .unwrap();
    assert_eq!(api.last().json()["agentid"], 1000005);
}

#[tokio::test]
async fn refused_messages_are_not_sent() {
    let (api, client) = wecom(WorkApp::Agent(AGENT)).await;
    let to = |m: AppMessage| m.to_users(&["zhangsan"]);
    let button_card = TemplateCard::button_interaction("t", CardTitle::new("t", ""), vec![]);
    let bad_task = TemplateCard::button_interaction(
        "bad task",
        CardTitle::new("t", ""),
        vec![CardButton::callback("a", "b")],
    );
    let menu_without_task =
        TemplateCard::text_notice(CardTitle::new("t", ""), CardAction::url("https://a"))
            .action_menu(CardActionMenu::new("d", &[("a", "b")]));
    for message in [
        AppMessage::text("no recipient"),
        to(AppMessage::text("")),
        to(AppMessage::text("长".repeat(683))),
        to(AppMessage::image(" ")),
        to(AppMessage::news(vec![])),
        to(AppMessage::news(vec![
            AppNewsArticle::new("a", "https://a");
            9
        ])),
        to(AppMessage::news(vec![AppNewsArticle::new("no link", "")])),
        to(AppMessage::textcard(AppTextCard::new("t", "d", ""))),
        to(AppMessage::textcard(
            AppTextCard::new("t", "d", "https://a").button("五个字按钮"),
        )),
        to(AppMessage::template_card(button_card)),
        to(AppMessage::template_card(bad_task)),
        to(AppMessage::template_card(menu_without_task)),
        to(AppMessage::markdown("m")).duplicate_check(Some(14_401)),
        AppMessage::text("x").to_parties(&(0..101).collect::<Vec<u32>>()),
    ] {
        assert_invalid(client.app_message().send(&message).await.unwrap_err());
    }
    assert_eq!(api.sent(), 0);
}

#[tokio::test]
async fn a_send_is_never_sent_twice_and_errcodes_surface() {
    let (api, client) = wecom(WorkApp::Agent(AGENT)).await;
    api.mock.route_sequence(
        "/cgi-bin/message/send",
        [
            Answer::json(502, "{}"),
            Answer::json(200, r#"{"errcode":0,"errmsg":"ok","msgid":"M"}"#),
        ],
    );
    let message = AppMessage::text("once").to_users(&["zhangsan"]);
    assert!(client.app_message().send(&message).await.is_err());
    assert_eq!(api.sent(), 1);

    api.answer(
        "/cgi-bin/message/send",
        errcode(81013, "user & party & tag all invalid"),
    );
    let err = client.app_message().send(&message).await.unwrap_err();
    assert_eq!(err.errcode(), Some(81013));
}

#[tokio::test]
async fn recall_a_message() {
    let (api, client) = wecom(WorkApp::Agent(AGENT)).await;
    api.answer("/cgi-bin/message/recall", done("ok"));
    client
        .app_message()
        .recall("vcT8gGc-7dFb4bxT35ONjBDz901sLlXPZw1DAMC_Gc26qRpK-AK5sTJkkb0128t")
        .await
        .unwrap();
    api.expect(
        "POST",
        "/cgi-bin/message/recall",
        Q,
        Some(json!({"msgid": "vcT8gGc-7dFb4bxT35ONjBDz901sLlXPZw1DAMC_Gc26qRpK-AK5sTJkkb0128t"})),
    );
    api.answer(
        "/cgi-bin/message/recall",
        errcode(40058, "invalid parameter"),
    );
    assert_eq!(
        client
            .app_message()
            .recall("gone")
            .await
            .unwrap_err()
            .errcode(),
        Some(40058)
    );
    let sent = api.sent();
    assert_invalid(client.app_message().recall("").await.unwrap_err());
    assert_eq!(api.sent(), sent);
}
