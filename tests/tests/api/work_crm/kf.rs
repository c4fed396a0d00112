//! WeChat customer service (`/cgi-bin/kf/*`).

use serde_json::json;
use wechat_runtime::work::kf::{
    KfAccountUpdate, KfMenuItem, KfMessage, KfMessageContent, KfSyncRequest,
};
use wechat_runtime::work::WorkApp;

use super::{ok, work_mock, TOKEN_QUERY};
use crate::common::api::{assert_invalid, errcode};

const KFID: &str = "wkAJ2GCAAAZSfhHCt7IFSvLKtMPxyJTw";
const CUSTOMER: &str = "wmAJ2GCAAAme1XQRC-NI-q0_ZM9ukoAw";

#[tokio::test]
async fn accounts_add_update_list_delete() {
    let (api, client) = work_mock(WorkApp::CustomerService).await;
    api.answer(
        "/cgi-bin/kf/account/add",
        json!({"errcode": 0, "errmsg": "ok", "open_kfid": KFID}),
    );
    let open_kfid = client
        .kf()
        .add_account(
            "新建的客服账号",
            "294DpAog3YA5b9rTK4PjjfRfYLO0L5qpDHAJIzhhQ2jAEWjb9i661Q4lk8oFnPtmj",
        )
        .await
        .unwrap();
    api.expect(
        "POST",
        "/cgi-bin/kf/account/add",
        TOKEN_QUERY,
        Some(json!({
            "name": "新建的客服账号",
            "media_id": "294DpAog3YA5b9rTK4PjjfRfYLO0L5qpDHAJIzhhQ2jAEWjb9i661Q4lk8oFnPtmj"
        })),
    );
    assert_eq!(open_kfid, KFID);

    api.answer("/cgi-bin/kf/account/update", ok());
    client
        .kf()
        .update_account(
            &KfAccountUpdate::new(KFID)
                .name("修改客服名")
                .media_id("NEW_MEDIA_ID"),
        )
        .await
        .unwrap();
    api.expect(
        "POST",
        "/cgi-bin/kf/account/update",
        TOKEN_QUERY,
        Some(json!({"open_kfid": KFID, "name": "修改客服名", "media_id": "NEW_MEDIA_ID"})),
    );

    api.answer(
        "/cgi-bin/kf/account/list",
        json!({
            "errcode": 0, "errmsg": "ok",
            "account_list": [
                {"open_kfid": KFID, "name": "咨询客服", "avatar": "https://wework.qpic.cn/wwhead/duc2TvpEgSSjibPZlNR6chpx9W3dtd9Ogp8XEmSNKGa6uufMWn2239HUPuwIFoYYZ7Ph580FPvo8/0", "manage_privilege": false}
            ]
        }),
    );
    let accounts = client.kf().list_accounts(0, 100).await.unwrap();
    api.expect(
        "POST",
        "/cgi-bin/kf/account/list",
        TOKEN_QUERY,
        Some(json!({"offset": 0, "limit": 100})),
    );
    assert_eq!(accounts[0].name, "咨询客服");
    assert!(!accounts[0].manage_privilege);

    api.answer("/cgi-bin/kf/account/del", ok());
    client.kf().del_account(KFID).await.unwrap();
    api.expect(
        "POST",
        "/cgi-bin/kf/account/del",
        TOKEN_QUERY,
        Some(json!({"open_kfid": KFID})),
    );

    api.answer(
        "/cgi-bin/kf/account/del",
        errcode(95000, "invalid open_kfid"),
    );
    let err = client.kf().del_account("wkNOPE").await.unwrap_err();
    assert_eq!(err.errcode(), Some(95000));

    let sent = api.sent();
    let kf = client.kf();
    assert_invalid(kf.add_account("", "MEDIA").await.unwrap_err());
    assert_invalid(kf.add_account(&"客".repeat(17), "MEDIA").await.unwrap_err());
    assert_invalid(kf.add_account("客服", "").await.unwrap_err());
    assert_invalid(
        kf.update_account(&KfAccountUpdate::new(KFID))
            .await
            .unwrap_err(),
    );
    assert_invalid(kf.list_accounts(0, 0).await.unwrap_err());
    assert_invalid(kf.list_accounts(0, 101).await.unwrap_err());
    assert_invalid(kf.del_account("").await.unwrap_err());
    assert_eq!(api.sent(), sent);
}

#[tokio::test]
async fn add_contact_way_answers_the_link() {
    let (api, client) = work_mock(WorkApp::CustomerService).await;
    api.answer(
        "/cgi-bin/kf/add_contact_way",
        json!({"errcode": 0, "errmsg": "ok", "url": "https://work.weixin.qq.com/kf/kfcbf8f8d07ac7215f?enc_scene=ENCGFSDF567DF"}),
    );
    let url = client.kf().add_contact_way(KFID, "12345").await.unwrap();
    api.expect(
        "POST",
        "/cgi-bin/kf/add_contact_way",
        TOKEN_QUERY,
        Some(json!({"open_kfid": KFID, "scene": "12345"})),
    );
    assert!(url.starts_with("https://work.weixin.qq.com/kf/"));

    client.kf().add_contact_way(KFID, "").await.unwrap();
    api.expect(
        "POST",
        "/cgi-bin/kf/add_contact_way",
        TOKEN_QUERY,
        Some(json!({"open_kfid": KFID})),
    );

    api.answer(
        "/cgi-bin/kf/add_contact_way",
        errcode(95000, "invalid open_kfid"),
    );
    let err = client.kf().add_contact_way("wkNOPE", "").await.unwrap_err();
    assert_eq!(err.errcode(), Some(95000));

    let sent = api.sent();
    assert_invalid(client.kf().add_contact_way(KFID, "a b").await.unwrap_err());
    assert_invalid(
        client
            .kf()
            .add_contact_way(KFID, &"s".repeat(33))
            .await
            .unwrap_err(),
    );
    assert_invalid(client.kf().add_contact_way("", "x").await.unwrap_err());
    assert_eq!(api.sent(), sent);
}

#[tokio::test]
async fn send_msg_writes_each_type() {
    let (api, client) = work_mock(WorkApp::CustomerService).await;
    api.answer(
        "/cgi-bin/kf/send_msg",
        json!({"errcode": 0, "errmsg": "ok", "msgid": "MSG_ID"}),
    );
    let msgid = client
        .kf()
        .send_msg(
            &KfMessage::text(CUSTOMER, KFID, "你购买的物品已发货,可点击链接查看物流状态")
                .msgid("MSGID"),
        )
        .await
        .unwrap();
    api.expect(
        "POST",
        "/cgi-bin/kf/send_msg",
        TOKEN_QUERY,
        Some(json!({
            "touser": CUSTOMER, "open_kfid": KFID, "msgid": "MSGID", "msgtype": "text",
            "text": {"content": "你购买的物品已发货,可点击链接查看物流状态"}
        })),
    );
    assert_eq!(msgid, "MSG_ID");

    let menu = KfMessageContent::Menu {
        head_content: "您对本次服务是否满意呢? ".into(),
        list: vec![
            KfMenuItem::Click {
                id: "101".into(),
                content: "满意".into(),
            },
            KfMenuItem::View {
                url: "https://work.weixin.qq.com".into(),
                content: "点击跳转到自助查询页面".into(),
            },
            KfMenuItem::MiniProgram {
                appid: "wx123123123123123".into(),
                pagepath: "pages/index?userid=zhangsan&orderid=123123123".into(),
                content: "点击打开小程序查询更多".into(),
            },
            KfMenuItem::Text {
                content: "纯文本".into(),
                no_newline: true,
            },
        ],
        tail_content: "欢迎再次光临".into(),
    };
    client
        .kf()
        .send_msg(&KfMessage::new(CUSTOMER, KFID, menu))
        .await
        .unwrap();
    api.expect(
        "POST",
        "/cgi-bin/kf/send_msg",
        TOKEN_QUERY,
        Some(json!({
            "touser": CUSTOMER, "open_kfid": KFID, "msgtype": "msgmenu",
            "msgmenu": {
                "head_content": "您对本次服务是否满意呢? ",
                "list": [
                    {"type": "click", "click": {"id": "101", "content": "满意"}},
                    {"type": "view", "view": {"url": "https://work.weixin.qq.com", "content": "点击跳转到自助查询页面"}},
                    {"type": "miniprogram", "miniprogram": {"appid": "wx123123123123123", "pagepath": "pages/index?userid=zhangsan&orderid=123123123", "content": "点击打开小程序查询更多"}},
                    {"type": "text", "text": {"content": "纯文本", "no_newline": 1}}
                ],
                "tail_content": "欢迎再次光临"
            }
        })),
    );

    let link = KfMessageContent::Link {
        title: "企业如何增长?".into(),
        desc: "企业微信".into(),
        url: "https://work.weixin.qq.com".into(),
        thumb_media_id: "MEDIA_ID".into(),
    };
    client
        .kf()
        .send_msg(&KfMessage::new(CUSTOMER, KFID, link))
        .await
        .unwrap();
    assert_eq!(
        api.last().json()["link"],
        json!({"title": "企业如何增长?", "desc": "企业微信", "url": "https://work.weixin.qq.com", "thumb_media_id": "MEDIA_ID"})
    );
    let location = KfMessageContent::Location {
        name: "测试小区".into(),
        address: "实例小区,不真实存在,经纬度无意义".into(),
        latitude: 0.0,
        longitude: 0.0,
    };
    client
        .kf()
        .send_msg(&KfMessage::new(CUSTOMER, KFID, location))
        .await
        .unwrap();
    assert_eq!(api.last().json()["msgtype"], "location");

    api.answer(
        "/cgi-bin/kf/send_msg",
        errcode(95018, "send msg session status invalid"),
    );
    let err = client
        .kf()
        .send_msg(&KfMessage::text(CUSTOMER, KFID, "还在吗"))
        .await
        .unwrap_err();
    assert_eq!(err.errcode(), Some(95018));

    let sent = api.sent();
    let kf = client.kf();
    assert_invalid(
        kf.send_msg(&KfMessage::text("", KFID, "x"))
            .await
            .unwrap_err(),
    );
    assert_invalid(
        kf.send_msg(&KfMessage::text(CUSTOMER, KFID, ""))
            .await
            .unwrap_err(),
    );
    assert_invalid(
        kf.send_msg(&KfMessage::text(CUSTOMER, KFID, "x".repeat(2049)))
            .await
            .unwrap_err(),
    );
    assert_invalid(
        kf.send_msg(&KfMessage::text(CUSTOMER, KFID, "x").msgid("no spaces"))
            .await
            .unwrap_err(),
    );
    let empty_menu = KfMessageContent::Menu {
        head_content: String::new(),
        list: vec![],
        tail_content: String::new(),
    };
    assert_invalid(
        kf.send_msg(&KfMessage::new(CUSTOMER, KFID, empty_menu))
            .await
            .unwrap_err(),
    );
    assert_eq!(api.sent(), sent);
}

#[tokio::test]
async fn sync_msg_reads_messages_and_events() {
    let (api, client) = work_mock(WorkApp::CustomerService).await;
    api.answer(
        "/cgi-bin/kf/sync_msg",
        json!({
            "errcode": 0, "errmsg": "ok",
            "next_cursor": "4gw7MepFLfgF2VC5npN",
            "has_more": 1,
            "msg_list": [
                {"msgid": "from_msgid_4622416642169452483", "open_kfid": KFID, "external_userid": CUSTOMER,
                 "send_time": 1615478585, "origin": 3, "msgtype": "text",
                 "text": {"content": "满意", "menu_id": "101"}},
                {"msgid": "from_msgid_4622416642169452484", "open_kfid": KFID, "external_userid": CUSTOMER,
                 "send_time": 1615478586, "origin": 3, "msgtype": "image", "image": {"media_id": "2iSLeVyqzk4eX0IB5kTi9Ljfa2rt9dwfq5WKRQ4Nvvgw"}},
                {"msgid": "event_msgid", "send_time": 1615478587, "origin": 4, "msgtype": "event",
                 "event": {"event_type": "enter_session", "open_kfid": KFID, "external_userid": CUSTOMER, "scene": "123", "scene_param": "abc"}}
            ]
        }),
    );
    let page = client
        .kf()
        .sync_msg(
            &KfSyncRequest::new()
                .cursor("4gw7MepFLfgF2VC5npN")
                .token("ENCApHxnGDNAVNY4AaSJKj4Tb5mwsEMzxhFmHVGcra996NR")
                .limit(1000)
                .voice_format(0)
                .open_kfid(KFID),
        )
        .await
        .unwrap();
    api.expect(
        "POST",
        "/cgi-bin/kf/sync_msg",
        TOKEN_QUERY,
        Some(json!({
            "cursor": "4gw7MepFLfgF2VC5npN",
            "token": "ENCApHxnGDNAVNY4AaSJKj4Tb5mwsEMzxhFmHVGcra996NR",
            "limit": 1000, "voice_format": 0, "open_kfid": KFID
        })),
    );
    assert!(page.has_more);
    assert_eq!(page.next_cursor, "4gw7MepFLfgF2VC5npN");
    assert_eq!(
        page.msg_list[0].text.as_ref().unwrap().menu_id.as_deref(),
        Some("101")
    );
    assert_eq!(
        page.msg_list[1].other["image"]["media_id"],
        "2iSLeVyqzk4eX0IB5kTi9Ljfa2rt9dwfq5WKRQ4Nvvgw"
    );
    assert_eq!(
        page.msg_list[2].event.as_ref().unwrap()["event_type"],
        "enter_session"
    );
    assert_eq!(page.msg_list[2].external_userid, None);

    api.answer("/cgi-bin/kf/sync_msg", errcode(95007, "invalid msg token"));
    let err = client
        .kf()
        .sync_msg(&KfSyncRequest::new().token("old"))
        .await
        .unwrap_err();
    assert_eq!(err.errcode(), Some(95007));

    let sent = api.sent();
    let kf = client.kf();
    assert_invalid(
        kf.sync_msg(&KfSyncRequest::new().limit(0))
            .await
            .unwrap_err(),
    );
    assert_invalid(
        kf.sync_msg(&KfSyncRequest::new().limit(1001))
            .await
            .unwrap_err(),
    );
    assert_invalid(
        kf.sync_msg(&KfSyncRequest::new().voice_format(2))
            .await
            .unwrap_err(),
    );
    assert_eq!(api.sent(), sent);
}
