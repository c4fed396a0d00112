//! Customers: follow users, the customers of a member, details, batches, remarks; customer
//! group chats and welcome messages.

use serde_json::json;
use wechat_runtime::work::external_contact::{
    ContactRemark, GroupChatQuery, WelcomeAttachment, WelcomeMessage,
};
use wechat_runtime::work::WorkApp;

use super::{ok, work_mock, TOKEN_QUERY, WORK_TOKEN};
use crate::common::api::{assert_invalid, errcode};

const EXTERNAL: &str = "woAJ2GCAAAXtWyujaWJHDDGi0mACHAAA";

fn contact_json() -> serde_json::Value {
    json!({
        "external_userid": EXTERNAL,
        "name": "李四",
        "position": "Manager",
        "avatar": "http://p.qlogo.cn/bizmail/IcsdgagqefergqerhewSdage/0",
        "corp_name": "腾讯",
        "corp_full_name": "腾讯科技有限公司",
        "type": 2,
        "gender": 1,
        "unionid": "ozynqsulJFCZ2z1aYeS8h-nuasdAAA",
        "external_profile": {"external_attr": [{"type": 0, "name": "文本名称", "text": {"value": "文本"}}]}
    })
}

#[tokio::test]
async fn follow_users_and_list() {
    let (api, client) = work_mock(WorkApp::ExternalContact).await;
    api.answer(
        "/cgi-bin/externalcontact/get_follow_user_list",
        json!({"errcode": 0, "errmsg": "ok", "follow_user": ["zhangsan", "lissi"]}),
    );
    let users = client.external_contact().follow_users().await.unwrap();
    api.expect(
        "GET",
        "/cgi-bin/externalcontact/get_follow_user_list",
        TOKEN_QUERY,
        None,
    );
    assert_eq!(users, ["zhangsan", "lissi"]);

    api.answer(
        "/cgi-bin/externalcontact/list",
        json!({"errcode": 0, "errmsg": "ok", "external_userid": [EXTERNAL, "wmqfasd1e1927831291723123109rAAA"]}),
    );
    let customers = client.external_contact().list("zhangsan").await.unwrap();
    api.expect(
        "GET",
        "/cgi-bin/externalcontact/list",
        &[("access_token", WORK_TOKEN), ("userid", "zhangsan")],
        None,
    );
    assert_eq!(customers.len(), 2);

    api.answer(
        "/cgi-bin/externalcontact/list",
        errcode(84061, "not external contact"),
    );
    let err = client.external_contact().list("lisi").await.unwrap_err();
    assert_eq!(err.errcode(), Some(84061));

    let sent = api.sent();
    assert_invalid(client.external_contact().list(" ").await.unwrap_err());
    assert_eq!(api.sent(), sent);
}

#[tokio::test]
async fn get_decodes_the_customer_and_follow_users() {
    let (api, client) = work_mock(WorkApp::ExternalContact).await;
    api.answer(
        "/cgi-bin/externalcontact/get",
        json!({
            "errcode": 0, "errmsg": "ok",
            "external_contact": contact_json(),
            "follow_user": [{
                "userid": "rocky", "remark": "李部长", "description": "对接采购事务",
                "createtime": 1525779812,
                "tags": [{"group_name": "标签分组名称", "tag_name": "标签名称", "tag_id": "etAJ2GCAAAXtWyujaWJHDDGi0mACHAAA", "type": 1}],
                "remark_corp_name": "腾讯科技", "remark_mobiles": ["13800000001"],
                "oper_userid": "rocky", "add_way": 1, "state": "poster-1"
            }],
            "next_cursor": "NEXT_CURSOR"
        }),
    );
    let detail = client.external_contact().get(EXTERNAL).await.unwrap();
    api.expect(
        "GET",
        "/cgi-bin/externalcontact/get",
        &[("access_token", WORK_TOKEN), ("external_userid", EXTERNAL)],
        None,
    );
    assert_eq!(detail.external_contact.name, "李四");
    assert_eq!(detail.external_contact.kind, 2);
    assert_eq!(detail.follow_user[0].tags[0].tag_name, "标签名称");
    assert_eq!(detail.follow_user[0].state.as_deref(), Some("poster-1"));
    assert_eq!(detail.next_cursor.as_deref(), Some("NEXT_CURSOR"));

    client
        .external_contact()
        .get_page(EXTERNAL, "NEXT_CURSOR")
        .await
        .unwrap();
    api.expect(
        "GET",
        "/cgi-bin/externalcontact/get",
        &[
            ("access_token", WORK_TOKEN),
            ("external_userid", EXTERNAL),
            ("cursor", "NEXT_CURSOR"),
        ],
        None,
    );

    api.answer(
        "/cgi-bin/externalcontact/get",
        errcode(40096, "invalid external userid"),
    );
    let err = client.external_contact().get("nobody").await.unwrap_err();
    assert_eq!(err.errcode(), Some(40096));
    assert_invalid(client.external_contact().get("").await.unwrap_err());
}

#[tokio::test]
async fn batch_get_by_user_pages() {
    let (api, client) = work_mock(WorkApp::ExternalContact).await;
    api.answer(
        "/cgi-bin/externalcontact/batch/get_by_user",
        json!({
            "errcode": 0, "errmsg": "ok",
            "external_contact_list": [{
                "external_contact": contact_json(),
                "follow_info": {
                    "userid": "rocky", "remark": "李部长", "description": "对接采购事务",
                    "createtime": 1525779812, "tag_id": ["etAJ2GCAAAXtWyujaWJHDDGi0mACHAAA"],
                    "remark_corp_name": "腾讯科技", "remark_mobiles": ["13800000001"],
                    "oper_userid": "rocky", "add_way": 1
                }
            }],
            "next_cursor": "r9FqSqsI8fgNbHLHE5QoCP50UIg2cFQbfma3l2QsmwI"
        }),
    );
    let page = client
        .external_contact()
        .batch_get_by_user(&["rocky", "lisi"], "", 100)
        .await
        .unwrap();
    api.expect(
        "POST",
        "/cgi-bin/externalcontact/batch/get_by_user",
        TOKEN_QUERY,
        Some(json!({"userid_list": ["rocky", "lisi"], "limit": 100})),
    );
    assert_eq!(page.external_contact_list[0].follow_info.tag_id.len(), 1);
    assert_eq!(
        page.next_cursor.as_deref(),
        Some("r9FqSqsI8fgNbHLHE5QoCP50UIg2cFQbfma3l2QsmwI")
    );

    client
        .external_contact()
        .batch_get_by_user(&["rocky"], "CURSOR", 50)
        .await
        .unwrap();
    api.expect(
        "POST",
        "/cgi-bin/externalcontact/batch/get_by_user",
        TOKEN_QUERY,
        Some(json!({"userid_list": ["rocky"], "cursor": "CURSOR", "limit": 50})),
    );

    api.answer(
        "/cgi-bin/externalcontact/batch/get_by_user",
        errcode(40003, "invalid userid"),
    );
    let err = client
        .external_contact()
        .batch_get_by_user(&["ghost"], "", 10)
        .await
        .unwrap_err();
    assert_eq!(err.errcode(), Some(40003));

    let sent = api.sent();
    let crm = client.external_contact();
    assert_invalid(crm.batch_get_by_user(&[], "", 10).await.unwrap_err());
    assert_invalid(crm.batch_get_by_user(&["a"], "", 0).await.unwrap_err());
    assert_invalid(crm.batch_get_by_user(&["a"], "", 101).await.unwrap_err());
    let many = vec!["u"; 101];
    assert_invalid(crm.batch_get_by_user(&many, "", 10).await.unwrap_err());
    assert_eq!(api.sent(), sent);
}

#[tokio::test]
async fn remark_sends_only_what_is_set() {
    let (api, client) = work_mock(WorkApp::ExternalContact).await;
    api.answer("/cgi-bin/externalcontact/remark", ok());
    client
        .external_contact()
        .remark(
            &ContactRemark::new("zhangsan", EXTERNAL)
                .remark("备注信息")
                .description("描述信息")
                .remark_company("腾讯科技")
                .remark_mobiles(["13800000001", "13800000002"])
                .remark_pic_mediaid("MEDIAID"),
        )
        .await
        .unwrap();
    api.expect(
        "POST",
        "/cgi-bin/externalcontact/remark",
        TOKEN_QUERY,
        Some(json!({
            "userid": "zhangsan", "external_userid": EXTERNAL,
            "remark": "备注信息", "description": "描述信息", "remark_company": "腾讯科技",
            "remark_mobiles": ["13800000001", "13800000002"], "remark_pic_mediaid": "MEDIAID"
        })),
    );

    api.answer(
        "/cgi-bin/externalcontact/remark",
        errcode(84061, "not external contact"),
    );
    let err = client
        .external_contact()
        .remark(&ContactRemark::new("zhangsan", "stranger").remark("x"))
        .await
        .unwrap_err();
    assert_eq!(err.errcode(), Some(84061));

    let sent = api.sent();
    let crm = client.external_contact();
    assert_invalid(
        crm.remark(&ContactRemark::new("zhangsan", EXTERNAL))
            .await
            .unwrap_err(),
    );
    assert_invalid(
        crm.remark(&ContactRemark::new("zhangsan", EXTERNAL).remark("字".repeat(21)))
            .await
            .unwrap_err(),
    );
    assert_invalid(
        crm.remark(&ContactRemark::new("", EXTERNAL).remark("ok"))
            .await
            .unwrap_err(),
    );
    assert_eq!(api.sent(), sent);
}

#[tokio::test]
async fn group_chats_list_and_get() {
    let (api, client) = work_mock(WorkApp::ExternalContact).await;
    api.answer(
        "/cgi-bin/externalcontact/groupchat/list",
        json!({
            "errcode": 0, "errmsg": "ok",
            "group_chat_list": [
                {"chat_id": "wrOgQhDgAAMYQiS5ol9G7gK9JVAAAA", "status": 0},
                {"chat_id": "wrOgQhDgAAcwMTB7YmDkbeBsAAAA", "status": 1}
            ],
            "next_cursor": "tJzlB9tdqfh-g7i_J-ehOz_TWcd7dSKa39_AqCIeMFw"
        }),
    );
    let page = client
        .external_contact()
        .group_chats(
            &GroupChatQuery::new(10)
                .owners(["abel"])
                .cursor("r9FqSqsI8fgNbHLHE5QoCP50UIg2cFQbfma3l2QsmwI"),
        )
        .await
        .unwrap();
    api.expect(
        "POST",
        "/cgi-bin/externalcontact/groupchat/list",
        TOKEN_QUERY,
        Some(json!({
            "owner_filter": {"userid_list": ["abel"]},
            "cursor": "r9FqSqsI8fgNbHLHE5QoCP50UIg2cFQbfma3l2QsmwI",
            "limit": 10
        })),
    );
    assert_eq!(page.group_chat_list[1].status, 1);
    assert!(page.next_cursor.is_some());

    api.answer(
        "/cgi-bin/externalcontact/groupchat/get",
        json!({
            "errcode": 0, "errmsg": "ok",
            "group_chat": {
                "chat_id": "wrOgQhDgAAMYQiS5ol9G7gK9JVAAAA", "name": "销售客服群", "owner": "ZhuShengBen",
                "create_time": 1572505490, "notice": "文明沟通,拒绝脏话",
                "member_list": [
                    {"userid": "abel", "type": 1, "join_time": 1572505491, "join_scene": 1,
                     "invitor": {"userid": "jack"}, "group_nickname": "客服小张", "name": "张三丰"},
                    {"userid": "wmOgQhDgAAuXFJGwbve4g4iyTyAAAA", "type": 2, "unionid": "ozynqsulJFCZ2z1aYeS8h-nuasdAAA",
                     "join_time": 1572505491, "join_scene": 1, "group_nickname": "顾客", "name": "顾客"}
                ],
                "admin_list": [{"userid": "sam"}, {"userid": "pony"}],
                "member_version": "71217227bbd112ecfe3a49c482195cb4"
            }
        }),
    );
    let chat = client
        .external_contact()
        .group_chat("wrOgQhDgAAMYQiS5ol9G7gK9JVAAAA", true)
        .await
        .unwrap();
    api.expect(
        "POST",
        "/cgi-bin/externalcontact/groupchat/get",
        TOKEN_QUERY,
        Some(json!({"chat_id": "wrOgQhDgAAMYQiS5ol9G7gK9JVAAAA", "need_name": 1})),
    );
    assert_eq!(chat.owner, "ZhuShengBen");
    assert_eq!(chat.member_list[0].invitor.as_ref().unwrap().userid, "jack");
    assert_eq!(chat.member_list[1].kind, 2);
    assert_eq!(chat.admin_list.len(), 2);

    api.answer(
        "/cgi-bin/externalcontact/groupchat/get",
        errcode(40050, "chatid not found"),
    );
    let err = client
        .external_contact()
        .group_chat("wrNOPE", false)
        .await
        .unwrap_err();
    assert_eq!(err.errcode(), Some(40050));

    let sent = api.sent();
    let crm = client.external_contact();
    assert_invalid(crm.group_chats(&GroupChatQuery::new(0)).await.unwrap_err());
    assert_invalid(
        crm.group_chats(&GroupChatQuery::new(1001))
            .await
            .unwrap_err(),
    );
    assert_invalid(
        crm.group_chats(&GroupChatQuery::new(10).status_filter(4))
            .await
            .unwrap_err(),
    );
    assert_invalid(crm.group_chat("", true).await.unwrap_err());
    assert_eq!(api.sent(), sent);
}

#[tokio::test]
async fn send_welcome_msg_writes_each_attachment_type() {
    let (api, client) = work_mock(WorkApp::ExternalContact).await;
    api.answer("/cgi-bin/externalcontact/send_welcome_msg", ok());
    let message = WelcomeMessage::new("CALLBACK_CODE")
        .text("文本消息内容")
        .attachment(WelcomeAttachment::image("MEDIA_ID"))
        .attachment(WelcomeAttachment::link(
            "消息标题",
            "https://example.link.com/path",
        ))
        .attachment(WelcomeAttachment::mini_program(
            "消息标题",
            "MEDIA_ID",
            "wx8bd80126147dfAAA",
            "/path/index.html",
        ))
        .attachment(WelcomeAttachment::video("VIDEO_MEDIA_ID"))
        .attachment(WelcomeAttachment::file("FILE_MEDIA_ID"));
    client
        .external_contact()
        .send_welcome_msg(&message)
        .await
        .unwrap();
    api.expect(
        "POST",
        "/cgi-bin/externalcontact/send_welcome_msg",
        TOKEN_QUERY,
        Some(json!({
            "welcome_code": "CALLBACK_CODE",
            "text": {"content": "文本消息内容"},
            "attachments": [
                {"msgtype": "image", "image": {"media_id": "MEDIA_ID"}},
                {"msgtype": "link", "link": {"title": "消息标题", "url": "https://example.link.com/path"}},
                {"msgtype": "miniprogram", "miniprogram": {"title": "消息标题", "pic_media_id": "MEDIA_ID", "appid": "wx8bd80126147dfAAA", "page": "/path/index.html"}},
                {"msgtype": "video", "video": {"media_id": "VIDEO_MEDIA_ID"}},
                {"msgtype": "file", "file": {"media_id": "FILE_MEDIA_ID"}}
            ]
        })),
    );

    api.answer(
        "/cgi-bin/externalcontact/send_welcome_msg",
        errcode(41051, "externaluser has started chatting"),
    );
    let err = client
        .external_contact()
        .send_welcome_msg(&WelcomeMessage::new("USED_CODE").text("hi"))
        .await
        .unwrap_err();
    assert_eq!(err.errcode(), Some(41051));
    // A message may have arrived: never sent twice.
    assert_eq!(api.sent(), 2);

    let crm = client.external_contact();
    assert_invalid(
        crm.send_welcome_msg(&WelcomeMessage::new("CODE"))
            .await
            .unwrap_err(),
    );
    assert_invalid(
        crm.send_welcome_msg(&WelcomeMessage::new("").text("hi"))
            .await
            .unwrap_err(),
    );
    let mut ten = WelcomeMessage::new("CODE");
    for _ in 0..10 {
        ten = ten.attachment(WelcomeAttachment::image("MEDIA_ID"));
    }
    assert_invalid(crm.send_welcome_msg(&ten).await.unwrap_err());
    assert_invalid(
        crm.send_welcome_msg(&WelcomeMessage::new("CODE").text("x".repeat(4001)))
            .await
            .unwrap_err(),
    );
    assert_eq!(api.sent(), 2);
}
