//! Members: create, read, change, delete, list, id conversions, invitations.

use serde_json::json;
use wechat_runtime::work::contacts::{
    MemberExtAttr, MemberExtAttrs, MemberExternalProfile, MemberForm, MemberGender,
};
use wechat_runtime::work::WorkApp;

use super::{done, wecom, Q};
use crate::common::api::{assert_invalid, errcode};

#[tokio::test]
async fn create_user_sends_the_form() {
    let (api, client) = wecom(WorkApp::Contacts).await;
    api.answer("/cgi-bin/user/create", done("created"));
    let mut profile = MemberExternalProfile::default();
    profile.external_corp_name = Some("企业简称".into());
    profile.external_attr = vec![MemberExtAttr::miniprogram(
        "测试app",
        "wx8bd8012614784fake",
        "/index",
        "my miniprogram",
    )];
    let form = MemberForm::new("zhangsan", "张三", &[1, 2])
        .alias("jackzhang")
        .mobile("+86 13800000000")
        .orders(&[10, 40])
        .position("产品经理")
        .gender(MemberGender::Male)
        .email("zhangsan@gzdev.com")
        .leads(&[true, false])
        .direct_leaders(&["lisi"])
        .enabled(true)
        .telephone("020-123456")
        .address("广州市海珠区新港中路")
        .main_department(1u32)
        .extattr(MemberExtAttrs::new(vec![
            MemberExtAttr::text("文本名称", "文本"),
            MemberExtAttr::web("网页名称", "http://www.test.com", "标题"),
        ]))
        .invite(true)
        .external_position("高级产品经理")
        .external_profile(profile);
    client.contacts().create_user(&form).await.unwrap();
    api.expect(
        "POST",
        "/cgi-bin/user/create",
        Q,
        Some(json!({
            "userid": "zhangsan", "name": "张三", "alias": "jackzhang",
            "mobile": "+86 13800000000", "department": [1, 2], "order": [10, 40],
            "position": "产品经理", "gender": "1", "email": "zhangsan@gzdev.com",
            "is_leader_in_dept": [1, 0], "direct_leader": ["lisi"], "enable": 1,
            "telephone": "020-123456", "address": "广州市海珠区新港中路", "main_department": 1,
            "extattr": {"attrs": [
                {"type": 0, "name": "文本名称", "text": {"value": "文本"}},
                {"type": 1, "name": "网页名称", "web": {"url": "http://www.test.com", "title": "标题"}}
            ]},
            "to_invite": true, "external_position": "高级产品经理",
            "external_profile": {
                "external_corp_name": "企业简称",
                "external_attr": [{"type": 2, "name": "测试app", "miniprogram": {
                    "appid": "wx8bd8012614784fake", "pagepath": "/index", "title": "my miniprogram"}}]
            }
        })),
    );

    api.answer("/cgi-bin/user/create", errcode(60102, "userid existed"));
    let err = client
        .contacts()
        .create_user(&MemberForm::new("zhangsan", "张三", &[1]).mobile("13800000000"))
        .await
        .unwrap_err();
    assert_eq!(err.errcode(), Some(60102));
}

#[tokio::test]
async fn create_user_rejects_what_wecom_would() {
    let (api, client) = wecom(WorkApp::Contacts).await;
    let ok = || MemberForm::new("zhangsan", "张三", &[1, 2]).mobile("13800000000");
    for form in [
        MemberForm::new("_zhang", "张三", &[1]).mobile("13800000000"),
        MemberForm::new("zhang san", "张三", &[1]).mobile("13800000000"),
        MemberForm::new("zhangsan", " ", &[1]).mobile("13800000000"),
        MemberForm::new("zhangsan", "张三", &[]).mobile("13800000000"),
        MemberForm::new("zhangsan", "张三", &[1]),
        ok().orders(&[1]),
        ok().leads(&[true]),
        ok().main_department(3u32),
        ok().direct_leaders(&["a", "b", "c", "d", "e", "f"]),
        ok().name("名".repeat(65)),
    ] {
        assert_invalid(client.contacts().create_user(&form).await.unwrap_err());
    }
    assert_eq!(api.sent(), 0);
}

#[tokio::test]
async fn user_decodes_a_member() {
    let (api, client) = wecom(WorkApp::Contacts).await;
    api.answer(
        "/cgi-bin/user/get",
        json!({
            "errcode": 0, "errmsg": "ok", "userid": "zhangsan", "name": "张三",
            "department": [1, 2], "order": [1, 2], "position": "后台工程师",
            "mobile": "13800000000", "gender": "1", "email": "zhangsan@gzdev.com",
            "biz_mail": "zhangsan@qyycs2.wecom.work", "is_leader_in_dept": [1, 0],
            "direct_leader": ["lisi"], "avatar": "http://wx.qlogo.cn/mmopen/ajNVdqHZLLA3WJ6DSZUfiakYe37PKnQhBIeOQBO4czqrnZDS79FH5Wm5m4X69TBicnHFlhiafvDwklOpZeXYQQ2icg/0",
            "thumb_avatar": "http://wx.qlogo.cn/mmopen/ajNVdqHZLLA3WJ6DSZUfiakYe37PKnQhBIeOQBO4czqrnZDS79FH5Wm5m4X69TBicnHFlhiafvDwklOpZeXYQQ2icg/100",
            "telephone": "020-123456", "alias": "jackzhang", "address": "广州市海珠区新港中路",
            "open_userid": "xxxxxx", "main_department": 1,
            "extattr": {"attrs": [{"type": 0, "name": "文本名称", "text": {"value": "文本"}}]},
            "status": 1, "qr_code": "https://open.work.weixin.qq.com/wwopen/userQRCode?vcode=xxx",
            "external_position": "产品经理",
            "external_profile": {"external_corp_name": "企业简称",
                "wechat_channels": {"nickname": "视频号名称", "status": 1},
                "external_attr": []}
        }),
    );
    let member = client.contacts().user("zhangsan").await.unwrap();
    api.expect(
        "GET",
        "/cgi-bin/user/get",
        &[Q[0], ("userid", "zhangsan")],
        None,
    );
    assert_eq!(member.name, "张三");
    assert_eq!(member.department, [1, 2]);
    assert_eq!(member.gender, MemberGender::Male);
    assert_eq!(member.is_leader_in_dept, [1, 0]);
    assert_eq!(member.main_department, Some(1));
    assert_eq!(member.status, 1);
    assert_eq!(
        member.extattr.unwrap().attrs[0]
            .text
            .as_ref()
            .unwrap()
            .value,
        "文本"
    );
    let channels = member.external_profile.unwrap().wechat_channels.unwrap();
    assert_eq!(
        (channels.nickname.as_str(), channels.status),
        ("视频号名称", 1)
    );

    // What apps other than the contacts sync one now get: much less.
    api.answer(
        "/cgi-bin/user/get",
        json!({"errcode": 0, "errmsg": "ok", "userid": "lisi", "name": "李四", "department": [2]}),
    );
    let member = client.contacts().user("lisi").await.unwrap();
    assert_eq!(
        (member.mobile.as_str(), member.gender),
        ("", MemberGender::Unknown)
    );

    api.answer("/cgi-bin/user/get", errcode(60111, "userid not found"));
    let err = client.contacts().user("nobody").await.unwrap_err();
    assert_eq!(err.errcode(), Some(60111));
    let sent = api.sent();
    assert_invalid(client.contacts().user("").await.unwrap_err());
    assert_eq!(api.sent(), sent);
}

#[tokio::test]
async fn update_user_sends_only_what_changes() {
    let (api, client) = wecom(WorkApp::Contacts).await;
    api.answer("/cgi-bin/user/update", done("updated"));
    let form = MemberForm::update("zhangsan")
        .new_userid("zhangsan2")
        .position("架构师")
        .departments(&[2])
        .enabled(false);
    client.contacts().update_user(&form).await.unwrap();
    api.expect(
        "POST",
        "/cgi-bin/user/update",
        Q,
        Some(json!({"userid": "zhangsan", "new_userid": "zhangsan2", "position": "架构师", "department": [2], "enable": 0})),
    );
    api.answer("/cgi-bin/user/update", errcode(60111, "userid not found"));
    let err = client
        .contacts()
        .update_user(&MemberForm::update("x").alias("y"))
        .await
        .unwrap_err();
    assert_eq!(err.errcode(), Some(60111));
    let sent = api.sent();
    for form in [
        MemberForm::update(""),
        MemberForm::update("zhangsan").new_userid("bad id"),
        MemberForm::update("zhangsan").name(""),
        MemberForm::update("zhangsan")
            .departments(&[1, 2])
            .orders(&[1]),
    ] {
        assert_invalid(client.contacts().update_user(&form).await.unwrap_err());
    }
    assert_eq!(api.sent(), sent);
}

#[tokio::test]
async fn delete_one_and_many() {
    let (api, client) = wecom(WorkApp::Contacts).await;
    api.answer("/cgi-bin/user/delete", done("deleted"));
    client.contacts().delete_user("zhangsan").await.unwrap();
    api.expect(
        "GET",
        "/cgi-bin/user/delete",
        &[Q[0], ("userid", "zhangsan")],
        None,
    );
    api.answer("/cgi-bin/user/delete", errcode(60111, "userid not found"));
    assert_eq!(
        client
            .contacts()
            .delete_user("zhangsan")
            .await
            .unwrap_err()
            .errcode(),
        Some(60111)
    );

    api.answer("/cgi-bin/user/batchdelete", done("deleted"));
    client
        .contacts()
        .delete_users(&["zhangsan", "lisi"])
        .await
        .unwrap();
    api.expect(
        "POST",
        "/cgi-bin/user/batchdelete",
        Q,
        Some(json!({"useridlist": ["zhangsan", "lisi"]})),
    );
    api.answer(
        "/cgi-bin/user/batchdelete",
        errcode(60111, "userid not found"),
    );
    assert_eq!(
        client
            .contacts()
            .delete_users(&["x"])
            .await
            .unwrap_err()
            .errcode(),
        Some(60111)
    );

    let sent = api.sent();
    let many: Vec<String> = (0..201).map(|i| format!("u{i}")).collect();
    let many: Vec<&str> = many.iter().map(String::as_str).collect();
    assert_invalid(client.contacts().delete_users(&many).await.unwrap_err());
    assert_invalid(client.contacts().delete_users(&[]).await.unwrap_err());
    assert_invalid(client.contacts().delete_user(" ").await.unwrap_err());
    assert_eq!(api.sent(), sent);
}

#[tokio::test]
async fn department_members_brief_and_full() {
    let (api, client) = wecom(WorkApp::Contacts).await;
    api.answer(
        "/cgi-bin/user/simplelist",
        json!({"errcode": 0, "errmsg": "ok", "userlist": [
            {"userid": "zhangsan", "name": "张三", "department": [1, 2], "open_userid": "xxxxxx"}
        ]}),
    );
    let members = client.contacts().department_users(2).await.unwrap();
    api.expect(
        "GET",
        "/cgi-bin/user/simplelist",
        &[Q[0], ("department_id", "2")],
        None,
    );
    assert_eq!(members[0].userid, "zhangsan");
    assert_eq!(members[0].department, [1, 2]);

    api.answer(
        "/cgi-bin/user/list",
        json!({"errcode": 0, "errmsg": "ok", "userlist": [
            {"userid": "zhangsan", "name": "李四", "department": [1, 2], "order": [1, 2],
             "position": "后台工程师", "gender": "1", "status": 1, "main_department": 1,
             "english_name": "jacky", "is_leader_in_dept": [1, 0]}
        ]}),
    );
    let members = client.contacts().department_user_details(1).await.unwrap();
    api.expect(
        "GET",
        "/cgi-bin/user/list",
        &[Q[0], ("department_id", "1")],
        None,
    );
    assert_eq!(members[0].position, "后台工程师");

    api.answer("/cgi-bin/user/list", errcode(60123, "invalid party id"));
    let err = client
        .contacts()
        .department_user_details(99)
        .await
        .unwrap_err();
    assert_eq!(err.errcode(), Some(60123));
    let sent = api.sent();
    assert_invalid(client.contacts().department_users(0).await.unwrap_err());
    assert_eq!(api.sent(), sent);
}

#[tokio::test]
async fn ids_convert_both_ways_and_from_a_mobile() {
    let (api, client) = wecom(WorkApp::Contacts).await;
    api.answer(
        "/cgi-bin/user/convert_to_openid",
        json!({"errcode": 0, "errmsg": "ok", "openid": "oDjGHs-1yCnGrRovBj2yHij5JAAA"}),
    );
    let openid = client.contacts().to_openid("zhangsan").await.unwrap();
    api.expect(
        "POST",
        "/cgi-bin/user/convert_to_openid",
        Q,
        Some(json!({"userid": "zhangsan"})),
    );
    assert_eq!(openid, "oDjGHs-1yCnGrRovBj2yHij5JAAA");

    api.answer(
        "/cgi-bin/user/convert_to_userid",
        json!({"errcode": 0, "errmsg": "ok", "userid": "zhangsan"}),
    );
    let userid = client.contacts().to_userid(&openid).await.unwrap();
    api.expect(
        "POST",
        "/cgi-bin/user/convert_to_userid",
        Q,
        Some(json!({"openid": "oDjGHs-1yCnGrRovBj2yHij5JAAA"})),
    );
    assert_eq!(userid, "zhangsan");

    api.answer(
        "/cgi-bin/user/getuserid",
        json!({"errcode": 0, "errmsg": "ok", "userid": "zhangsan"}),
    );
    let userid = client
        .contacts()
        .userid_by_mobile("13430388888")
        .await
        .unwrap();
    api.expect(
        "POST",
        "/cgi-bin/user/getuserid",
        Q,
        Some(json!({"mobile": "13430388888"})),
    );
    assert_eq!(userid, "zhangsan");
    api.answer("/cgi-bin/user/getuserid", errcode(46004, "user no exist"));
    let err = client
        .contacts()
        .userid_by_mobile("13430388889")
        .await
        .unwrap_err();
    assert_eq!(err.errcode(), Some(46004));

    let sent = api.sent();
    assert_invalid(
        client
            .contacts()
            .userid_by_mobile("1234")
            .await
            .unwrap_err(),
    );
    assert_invalid(
        client
            .contacts()
            .userid_by_mobile(&"1".repeat(33))
            .await
            .unwrap_err(),
    );
    assert_invalid(client.contacts().to_userid("").await.unwrap_err());
    assert_invalid(client.contacts().to_openid("").await.unwrap_err());
    assert_eq!(api.sent(), sent);
}

#[tokio::test]
async fn invite_names_members_departments_and_tags() {
    let (api, client) = wecom(WorkApp::Contacts).await;
    api.answer(
        "/cgi-bin/batch/invite",
        json!({"errcode": 0, "errmsg": "ok", "invaliduser": ["UserID1"], "invalidparty": [3], "invalidtag": [103]}),
    );
    let outcome = client
        .contacts()
        .invite(&["UserID1", "UserID2"], &[1, 3], &[103])
        .await
        .unwrap();
    api.expect(
        "POST",
        "/cgi-bin/batch/invite",
        Q,
        Some(json!({"user": ["UserID1", "UserID2"], "party": [1, 3], "tag": [103]})),
    );
    assert_eq!(outcome.invaliduser, ["UserID1"]);
    assert_eq!(
        (outcome.invalidparty, outcome.invalidtag),
        (vec![3], vec![103])
    );

    api.answer("/cgi-bin/batch/invite", done("ok"));
    client.contacts().invite(&[], &[2], &[]).await.unwrap();
    api.expect(
        "POST",
        "/cgi-bin/batch/invite",
        Q,
        Some(json!({"party": [2]})),
    );

    api.answer(
        "/cgi-bin/batch/invite",
        errcode(81013, "user & party & tag all invalid"),
    );
    let err = client
        .contacts()
        .invite(&["nobody"], &[], &[])
        .await
        .unwrap_err();
    assert_eq!(err.errcode(), Some(81013));
    let sent = api.sent();
    assert_invalid(client.contacts().invite(&[], &[], &[]).await.unwrap_err());
    let parties: Vec<u32> = (1..=101).collect();
    assert_invalid(
        client
            .contacts()
            .invite(&[], &parties, &[])
            .await
            .unwrap_err(),
    );
    assert_eq!(api.sent(), sent);
}
