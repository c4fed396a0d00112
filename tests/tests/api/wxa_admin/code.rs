//! Code templates (the platform's token as `access_token`), code upload, audits, releases
//! and rollbacks.

use super::{authorizer, ok_answer};
use crate::common::api::*;
use serde_json::json;
use wechat_runtime::api::wxa_admin::{
    AuditItem, AuditPreview, CodeTemplateType, Commit, GrayRelease, SubmitAudit, UgcDeclare,
    VisitStatus,
};

/// The query of a code template call: the platform's token, named `access_token`.
fn platform() -> [(&'static str, &'static str); 1] {
    [("access_token", COMPONENT_ACCESS_TOKEN)]
}

const JPEG: &[u8] = &[
    0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, b'J', b'F', b'I', b'F', 0x00, 0xff, 0xd9,
];

#[tokio::test]
async fn code_templates_take_the_platform_token_as_access_token() {
    let api = ApiMock::start().await;
    let admin = api.component.wxa_admin();

    api.answer(
        "/wxa/gettemplatedraftlist",
        json!({"errcode": 0, "errmsg": "ok", "draft_list": [
            {"create_time": 1488965944, "user_version": "1.0.0", "user_desc": "first upload", "draft_id": 0},
            {"create_time": 1504790906, "user_version": "1.1.0", "user_desc": "menu", "draft_id": 4,
             "source_miniprogram_appid": "wxdev0000000000001", "source_miniprogram": "dev shop", "developer": "alice"}
        ]}),
    );
    let drafts = admin.template_drafts().await.unwrap();
    assert_eq!(drafts.len(), 2);
    assert_eq!(drafts[1].draft_id, 4);
    assert_eq!(drafts[1].developer.as_deref(), Some("alice"));
    api.expect("GET", "/wxa/gettemplatedraftlist", &platform(), None);

    api.answer("/wxa/addtotemplate", ok_answer());
    admin.add_to_template(4, None).await.unwrap();
    api.expect(
        "POST",
        "/wxa/addtotemplate",
        &platform(),
        Some(json!({"draft_id": 4})),
    );
    admin
        .add_to_template(4, Some(CodeTemplateType::Standard))
        .await
        .unwrap();
    api.expect(
        "POST",
        "/wxa/addtotemplate",
        &platform(),
        Some(json!({"draft_id": 4, "template_type": 1})),
    );

    api.answer(
        "/wxa/gettemplatelist",
        json!({"errcode": 0, "errmsg": "ok", "template_list": [
            {"create_time": 1624000154, "user_version": "1.0.0", "user_desc": "shop", "template_id": 47,
             "draft_id": 4, "template_type": 1, "source_miniprogram_appid": "wxdev0000000000001",
             "source_miniprogram": "dev shop", "developer": "alice",
             "category_list": [{"first_class": "教育", "first_id": 8, "second_class": "出国移民", "second_id": 39}],
             "audit_scene": 0, "audit_status": 3, "reason": ""},
            {"create_time": 1488965944, "user_version": "VVV", "user_desc": "AAS", "template_id": 0}
        ]}),
    );
    let templates = admin.templates(None).await.unwrap();
    assert_eq!(templates[0].template_id, 47);
    assert_eq!(templates[0].template_type, 1);
    assert_eq!(templates[0].category_list[0].second_id, 39);
    assert_eq!(templates[0].audit_status, Some(3));
    assert_eq!(templates[1].category_list, vec![]);
    api.expect("GET", "/wxa/gettemplatelist", &platform(), None);
    admin
        .templates(Some(CodeTemplateType::Normal))
        .await
        .unwrap();
    api.expect(
        "GET",
        "/wxa/gettemplatelist",
        &[
            ("access_token", COMPONENT_ACCESS_TOKEN),
            ("template_type", "0"),
        ],
        None,
    );

    api.answer("/wxa/deletetemplate", errcode(85064, "template not found"));
    let err = admin.delete_template(99).await.unwrap_err();
    assert_eq!(err.errcode(), Some(85064));
    api.expect(
        "POST",
        "/wxa/deletetemplate",
        &platform(),
        Some(json!({"template_id": 99})),
    );
}

#[tokio::test]
async fn commit_and_audit() {
    let api = ApiMock::start().await;
    let admin = api.component.wxa_admin();

    api.answer("/wxa/commit", ok_answer());
    let ext = r#"{"extAppid":"wxa000000000000001","ext":{"shop":"7"}}"#;
    admin
        .commit(&Commit::new(47, ext, "1.0.0", "first release"))
        .await
        .unwrap();
    api.expect(
        "POST",
        "/wxa/commit",
        &authorizer(),
        Some(json!({"template_id": 47, "ext_json": ext, "user_version": "1.0.0", "user_desc": "first release"})),
    );

    api.answer(
        "/wxa/get_page",
        json!({"errcode": 0, "errmsg": "ok", "page_list": ["pages/index/index", "pages/shop/shop"]}),
    );
    assert_eq!(
        admin.pages().await.unwrap(),
        ["pages/index/index", "pages/shop/shop"]
    );
    api.expect("GET", "/wxa/get_page", &authorizer(), None);

    api.answer_bytes("/wxa/get_qrcode", "image/jpeg", &[], JPEG);
    let image = admin
        .trial_qrcode(Some("pages/shop/shop?id=7"))
        .await
        .unwrap();
    assert_eq!(&image[..], JPEG);
    let sent = api.expect(
        "GET",
        "/wxa/get_qrcode",
        &[
            ("access_token", ACCESS_TOKEN),
            ("path", "pages/shop/shop?id=7"),
        ],
        None,
    );
    assert!(
        sent.target.contains("path=pages%2Fshop%2Fshop%3Fid%3D7"),
        "{}",
        sent.target
    );
    admin.trial_qrcode(None).await.unwrap();
    api.expect("GET", "/wxa/get_qrcode", &authorizer(), None);

    api.answer(
        "/wxa/get_category",
        json!({"errcode": 0, "errmsg": "ok", "category_list": [
            {"first_class": "教育", "second_class": "出国移民", "first_id": 8, "second_id": 39},
            {"first_class": "工具", "second_class": "备忘录", "third_class": "记账", "first_id": 287, "second_id": 612, "third_id": 613}
        ]}),
    );
    let categories = admin.audit_categories().await.unwrap();
    assert_eq!(categories[1].third_id, Some(613));
    api.expect("GET", "/wxa/get_category", &authorizer(), None);

    api.answer(
        "/wxa/submit_audit",
        json!({"errcode": 0, "errmsg": "ok", "auditid": 1234567}),
    );
    let audit = SubmitAudit::new()
        .item(
            AuditItem::new("教育", "出国移民", 8, 39)
                .address("pages/index/index")
                .tags(&["留学", "签证"])
                .title("首页"),
        )
        .item(AuditItem::new("工具", "备忘录", 287, 612).third("记账", 613))
        .feedback("fixed the login page", &["media1", "media2"])
        .version_desc("test account: demo / demo")
        .preview(AuditPreview::new(vec!["pic1".into()], vec![]))
        .ugc_declare(UgcDeclare::default())
        .privacy_api_not_use(true)
        .order_path("pages/orders/orders");
    assert_eq!(admin.submit_audit(&audit).await.unwrap(), 1234567);
    api.expect(
        "POST",
        "/wxa/submit_audit",
        &authorizer(),
        Some(json!({
            "item_list": [
                {"address": "pages/index/index", "tag": "留学 签证", "first_class": "教育",
                 "second_class": "出国移民", "first_id": 8, "second_id": 39, "title": "首页"},
                {"first_class": "工具", "second_class": "备忘录", "third_class": "记账",
                 "first_id": 287, "second_id": 612, "third_id": 613}
            ],
            "feedback_info": "fixed the login page",
            "feedback_stuff": "media1|media2",
            "version_desc": "test account: demo / demo",
            "preview_info": {"pic_id_list": ["pic1"]},
            "ugc_declare": {"has_audit_team": 0},
            "privacy_api_not_use": true,
            "order_path": "pages/orders/orders"
        })),
    );

    api.answer(
        "/wxa/get_auditstatus",
        json!({"errcode": 0, "errmsg": "ok", "status": 1, "reason": "帐号信息不合规范", "screenshot": "xx|yy|zz"}),
    );
    let status = admin.audit_status(1234567).await.unwrap();
    assert_eq!(status.status, 1);
    assert_eq!(status.screenshots(), ["xx", "yy", "zz"]);
    api.expect(
        "POST",
        "/wxa/get_auditstatus",
        &authorizer(),
        Some(json!({"auditid": 1234567})),
    );

    // The documented example spells it `ScreenShot`.
    api.answer(
        "/wxa/get_latest_auditstatus",
        json!({"errcode": 0, "errmsg": "ok", "auditid": 1234567, "status": 1, "reason": "帐号信息不合规范",
               "ScreenShot": "xx|yy", "user_version": "V1.5", "user_desc": "test", "submit_audit_time": 1640763673}),
    );
    let latest = admin.latest_audit_status().await.unwrap();
    assert_eq!(latest.auditid, 1234567);
    assert_eq!(latest.screenshots(), ["xx", "yy"]);
    assert_eq!(latest.submit_audit_time, 1640763673);
    api.expect("GET", "/wxa/get_latest_auditstatus", &authorizer(), None);

    api.answer("/wxa/undocodeaudit", errcode(87013, "undo limit"));
    assert_eq!(admin.undo_audit().await.unwrap_err().errcode(), Some(87013));
    api.expect("GET", "/wxa/undocodeaudit", &authorizer(), None);

    api.answer("/wxa/speedupaudit", ok_answer());
    admin.speedup_audit(1234567).await.unwrap();
    api.expect(
        "POST",
        "/wxa/speedupaudit",
        &authorizer(),
        Some(json!({"auditid": 1234567})),
    );

    api.answer(
        "/wxa/queryquota",
        json!({"errcode": 0, "errmsg": "ok", "rest": 19, "limit": 20, "speedup_rest": 1, "speedup_limit": 1}),
    );
    let quota = admin.audit_quota().await.unwrap();
    assert_eq!((quota.rest, quota.limit, quota.speedup_rest), (19, 20, 1));
    api.expect("GET", "/wxa/queryquota", &authorizer(), None);

    // Rejected before sending.
    let sent = api.sent();
    for commit in [
        Commit::new(47, "not json", "1.0.0", "desc"),
        Commit::new(47, "[1]", "1.0.0", "desc"),
        Commit::new(47, "{}", "", "desc"),
        Commit::new(47, "{}", "v".repeat(65), "desc"),
    ] {
        assert_invalid(admin.commit(&commit).await.unwrap_err());
    }
    let item = || AuditItem::new("教育", "出国移民", 8, 39);
    let too_many = (0..6).fold(SubmitAudit::new(), |audit, _| audit.item(item()));
    assert_invalid(admin.submit_audit(&too_many).await.unwrap_err());
    let long_tag = SubmitAudit::new().item(item().tags(&["a".repeat(21)]));
    assert_invalid(admin.submit_audit(&long_tag).await.unwrap_err());
    let eleven_tags = SubmitAudit::new().item(item().tags(&["t"; 11]));
    assert_invalid(admin.submit_audit(&eleven_tags).await.unwrap_err());
    let long_title = SubmitAudit::new().item(item().title("t".repeat(33)));
    assert_invalid(admin.submit_audit(&long_title).await.unwrap_err());
    let long_feedback = SubmitAudit::new().feedback("f".repeat(201), &[] as &[&str]);
    assert_invalid(admin.submit_audit(&long_feedback).await.unwrap_err());
    let six_images = SubmitAudit::new().feedback("see", &["m"; 6]);
    assert_invalid(admin.submit_audit(&six_images).await.unwrap_err());
    assert_eq!(api.sent(), sent);
}

#[tokio::test]
async fn release_gray_release_and_rollback() {
    let api = ApiMock::start().await;
    let admin = api.component.wxa_admin();

    api.answer("/wxa/release", ok_answer());
    admin.release().await.unwrap();
    api.expect("POST", "/wxa/release", &authorizer(), Some(json!({})));

    api.answer("/wxa/revertcoderelease", ok_answer());
    admin.revert_release(None).await.unwrap();
    api.expect("GET", "/wxa/revertcoderelease", &authorizer(), None);
    admin.revert_release(Some(222)).await.unwrap();
    api.expect(
        "GET",
        "/wxa/revertcoderelease",
        &[("access_token", ACCESS_TOKEN), ("app_version", "222")],
        None,
    );
    api.answer(
        "/wxa/revertcoderelease",
        json!({"errcode": 0, "errmsg": "ok", "version_list": [
            {"commit_time": 1488965944, "user_version": "VVV", "user_desc": "AAS", "app_version": 111},
            {"commit_time": 1504790906, "user_version": "11", "user_desc": "111111", "app_version": 222}
        ]}),
    );
    let versions = admin.history_versions().await.unwrap();
    assert_eq!(versions[1].app_version, 222);
    assert_eq!(versions[0].commit_time, 1488965944);
    api.expect(
        "GET",
        "/wxa/revertcoderelease",
        &[
            ("access_token", ACCESS_TOKEN),
            ("action", "get_history_version"),
        ],
        None,
    );

    api.answer("/wxa/grayrelease", ok_answer());
    admin.gray_release(&GrayRelease::new(10)).await.unwrap();
    api.expect(
        "POST",
        "/wxa/grayrelease",
        &authorizer(),
        Some(json!({"gray_percentage": 10})),
    );
    admin
        .gray_release(
            &GrayRelease::new(30)
                .debuger_first(true)
                .experiencer_first(false),
        )
        .await
        .unwrap();
    api.expect(
        "POST",
        "/wxa/grayrelease",
        &authorizer(),
        Some(json!({"gray_percentage": 30, "support_debuger_first": true, "support_experiencer_first": false})),
    );

    api.answer(
        "/wxa/getgrayreleaseplan",
        json!({"errcode": 0, "errmsg": "ok", "gray_release_plan": {
            "status": 1, "create_timestamp": 1517553721, "gray_percentage": 8,
            "support_experiencer_first": true, "support_debuger_first": true}}),
    );
    let plan = admin.gray_release_plan().await.unwrap();
    assert_eq!((plan.status, plan.gray_percentage), (1, 8));
    assert!(plan.support_experiencer_first && plan.support_debuger_first);
    api.expect("GET", "/wxa/getgrayreleaseplan", &authorizer(), None);

    api.answer("/wxa/revertgrayrelease", ok_answer());
    admin.revert_gray_release().await.unwrap();
    api.expect("GET", "/wxa/revertgrayrelease", &authorizer(), None);

    api.answer(
        "/wxa/change_visitstatus",
        errcode(85021, "status not allowed"),
    );
    let err = admin
        .set_visit_status(VisitStatus::Close)
        .await
        .unwrap_err();
    assert_eq!(err.errcode(), Some(85021));
    api.expect(
        "POST",
        "/wxa/change_visitstatus",
        &authorizer(),
        Some(json!({"action": "close"})),
    );

    api.answer(
        "/wxa/getversioninfo",
        json!({"errcode": 0, "errmsg": "ok",
               "exp_info": {"exp_time": 1575545203, "exp_version": "1.0.1", "exp_desc": "trial"},
               "release_info": {"release_time": 1575545100, "release_version": "1.0.0", "release_desc": "online"}}),
    );
    let info = admin.version_info().await.unwrap();
    assert_eq!(info.exp_info.unwrap().exp_version, "1.0.1");
    assert_eq!(info.release_info.unwrap().release_time, 1575545100);
    api.expect(
        "POST",
        "/wxa/getversioninfo",
        &authorizer(),
        Some(json!({})),
    );

    let sent = api.sent();
    for percentage in [0, 101] {
        assert_invalid(
            admin
                .gray_release(&GrayRelease::new(percentage))
                .await
                .unwrap_err(),
        );
    }
    assert_eq!(api.sent(), sent);
}
