//! Domains, testers, categories, basic information, privacy guides (the authorizer's token
//! under `/cgi-bin/component/`) and fast registration (`component_access_token`).

use super::{authorizer, ok_answer};
use crate::common::api::*;
use serde_json::json;
use wechat_runtime::api::wxa_admin::{
    DomainAction, EnterpriseCodeType, FastRegistration, HeadImageCrop, NewCategory, PrivacyItem,
    PrivacyOwner, PrivacySettingUpdate, PrivacyVersion, SdkPrivacyInfo, ServerDomains, SetNickname,
};

#[tokio::test]
async fn server_and_webview_domains() {
    let api = ApiMock::start().await;
    let admin = api.component.wxa_admin();

    api.answer(
        "/wxa/modify_domain",
        json!({"errcode": 0, "errmsg": "ok", "requestdomain": ["https://api.example.com"],
               "wsrequestdomain": [], "uploaddomain": [], "downloaddomain": [], "udpdomain": [], "tcpdomain": []}),
    );
    let domains = admin.server_domains().await.unwrap();
    assert_eq!(domains.requestdomain, ["https://api.example.com"]);
    api.expect(
        "POST",
        "/wxa/modify_domain",
        &authorizer(),
        Some(json!({"action": "get"})),
    );

    api.answer(
        "/wxa/modify_domain",
        json!({"errcode": 0, "errmsg": "ok", "requestdomain": ["https://api.example.com"],
               "wsrequestdomain": ["wss://ws.example.com"], "uploaddomain": [], "downloaddomain": [],
               "udpdomain": [], "tcpdomain": [], "invalid_requestdomain": ["https://nope.example.org"],
               "no_icp_domain": ["https://nope.example.org"]}),
    );
    let change = ServerDomains::new()
        .request(["https://api.example.com", "https://nope.example.org"])
        .ws_request(["wss://ws.example.com"])
        .udp(["udp://udp.example.com"])
        .tcp(["tcp://tcp.example.com"]);
    let modified = admin
        .modify_server_domains(DomainAction::Add, &change)
        .await
        .unwrap();
    assert_eq!(modified.domains.wsrequestdomain, ["wss://ws.example.com"]);
    assert_eq!(modified.invalid_requestdomain, ["https://nope.example.org"]);
    assert_eq!(modified.no_icp_domain, ["https://nope.example.org"]);
    api.expect(
        "POST",
        "/wxa/modify_domain",
        &authorizer(),
        Some(json!({
            "action": "add",
            "requestdomain": ["https://api.example.com", "https://nope.example.org"],
            "wsrequestdomain": ["wss://ws.example.com"],
            "uploaddomain": [], "downloaddomain": [],
            "udpdomain": ["udp://udp.example.com"], "tcpdomain": ["tcp://tcp.example.com"]
        })),
    );

    api.answer("/wxa/modify_domain_directly", ok_answer());
    admin
        .modify_server_domains_directly(DomainAction::Set, &ServerDomains::new())
        .await
        .unwrap();
    api.expect(
        "POST",
        "/wxa/modify_domain_directly",
        &authorizer(),
        Some(
            json!({"action": "set", "requestdomain": [], "wsrequestdomain": [], "uploaddomain": [],
                    "downloaddomain": [], "udpdomain": [], "tcpdomain": []}),
        ),
    );

    api.answer(
        "/wxa/get_effective_domain",
        json!({"errcode": 0, "errmsg": "ok",
               "mp_domain": {"requestdomain": ["https://mp.example.com"]},
               "third_domain": {"requestdomain": ["https://api.example.com"]},
               "direct_domain": {},
               "effective_domain": {"requestdomain": ["https://api.example.com"]}}),
    );
    let effective = admin.effective_domains().await.unwrap();
    assert_eq!(
        effective.mp_domain.requestdomain,
        ["https://mp.example.com"]
    );
    assert_eq!(effective.direct_domain, ServerDomains::new());
    api.expect(
        "POST",
        "/wxa/get_effective_domain",
        &authorizer(),
        Some(json!({})),
    );

    api.answer(
        "/wxa/setwebviewdomain",
        json!({"errcode": 0, "errmsg": "ok", "webviewdomain": ["https://www.example.com"]}),
    );
    assert_eq!(
        admin.webview_domains().await.unwrap(),
        ["https://www.example.com"]
    );
    api.expect(
        "POST",
        "/wxa/setwebviewdomain",
        &authorizer(),
        Some(json!({"action": "get"})),
    );
    api.answer(
        "/wxa/setwebviewdomain",
        errcode(89021, "domain not in component"),
    );
    let err = admin
        .modify_webview_domains(DomainAction::Add, &["https://h5.example.com"])
        .await
        .unwrap_err();
    assert_eq!(err.errcode(), Some(89021));
    api.expect(
        "POST",
        "/wxa/setwebviewdomain",
        &authorizer(),
        Some(json!({"action": "add", "webviewdomain": ["https://h5.example.com"]})),
    );

    api.answer("/wxa/setwebviewdomain_directly", ok_answer());
    admin
        .modify_webview_domains_directly(DomainAction::Delete, &["https://old.example.com"])
        .await
        .unwrap();
    api.expect(
        "POST",
        "/wxa/setwebviewdomain_directly",
        &authorizer(),
        Some(json!({"action": "delete", "webviewdomain": ["https://old.example.com"]})),
    );

    api.answer(
        "/wxa/get_webviewdomain_confirmfile",
        json!({"errcode": 0, "errmsg": "ok", "file_name": "BpQXbCk4BE.txt", "file_content": "b3f2bd3c5e8e2e9ef1f6d42e0b5f5a1a"}),
    );
    let file = admin.webview_confirm_file().await.unwrap();
    assert_eq!(file.file_name, "BpQXbCk4BE.txt");
    api.expect(
        "POST",
        "/wxa/get_webviewdomain_confirmfile",
        &authorizer(),
        Some(json!({})),
    );

    let sent = api.sent();
    for (action, domains) in [
        (DomainAction::Add, ServerDomains::new()),
        (
            DomainAction::Add,
            ServerDomains::new().request(["http://api.example.com"]),
        ),
        (
            DomainAction::Delete,
            ServerDomains::new().ws_request(["https://ws.example.com"]),
        ),
        (DomainAction::Set, ServerDomains::new().udp(["udp://"])),
        (
            DomainAction::Add,
            ServerDomains::new().download((0..201).map(|i| format!("https://d{i}.example.com"))),
        ),
    ] {
        assert_invalid(
            admin
                .modify_server_domains(action, &domains)
                .await
                .unwrap_err(),
        );
    }
    assert_invalid(
        admin
            .modify_webview_domains(DomainAction::Add, &[] as &[&str])
            .await
            .unwrap_err(),
    );
    assert_invalid(
        admin
            .modify_webview_domains(DomainAction::Set, &["www.example.com"])
            .await
            .unwrap_err(),
    );
    assert_eq!(api.sent(), sent);
}

#[tokio::test]
async fn testers() {
    let api = ApiMock::start().await;
    let admin = api.component.wxa_admin();

    api.answer(
        "/wxa/bind_tester",
        json!({"errcode": 0, "errmsg": "ok", "userstr": "xxxxxxxxx"}),
    );
    assert_eq!(admin.bind_tester("alice_wx").await.unwrap(), "xxxxxxxxx");
    api.expect(
        "POST",
        "/wxa/bind_tester",
        &authorizer(),
        Some(json!({"wechatid": "alice_wx"})),
    );
    api.answer("/wxa/bind_tester", errcode(85004, "wechatid already bound"));
    assert_eq!(
        admin.bind_tester("alice_wx").await.unwrap_err().errcode(),
        Some(85004)
    );

    api.answer("/wxa/unbind_tester", ok_answer());
    admin.unbind_tester("alice_wx").await.unwrap();
    api.expect(
        "POST",
        "/wxa/unbind_tester",
        &authorizer(),
        Some(json!({"wechatid": "alice_wx"})),
    );
    admin.unbind_tester_by_userstr("xxxxxxxxx").await.unwrap();
    api.expect(
        "POST",
        "/wxa/unbind_tester",
        &authorizer(),
        Some(json!({"userstr": "xxxxxxxxx"})),
    );

    api.answer(
        "/wxa/memberauth",
        json!({"errcode": 0, "errmsg": "ok", "members": [{"userstr": "xxxxxxxx"}, {"userstr": "yyyyyyyy"}]}),
    );
    assert_eq!(admin.testers().await.unwrap(), ["xxxxxxxx", "yyyyyyyy"]);
    api.expect(
        "POST",
        "/wxa/memberauth",
        &authorizer(),
        Some(json!({"action": "get_experiencer"})),
    );

    let sent = api.sent();
    assert_invalid(admin.bind_tester(" ").await.unwrap_err());
    assert_invalid(admin.unbind_tester("").await.unwrap_err());
    assert_invalid(admin.unbind_tester_by_userstr("").await.unwrap_err());
    assert_eq!(api.sent(), sent);
}

#[tokio::test]
async fn categories() {
    let api = ApiMock::start().await;
    let admin = api.component.wxa_admin();

    let tree = json!({"errcode": 0, "errmsg": "ok", "categories_list": {"categories": [
        {"id": 0, "children": [1, 402], "qualify": {"exter_list": [], "remark": ""}},
        {"id": 1, "name": "快递业与邮政", "level": 1, "father": 0, "children": [2, 5], "sensitive_type": 0,
         "qualify": {"exter_list": [], "remark": ""}},
        {"id": 920, "name": "律师", "level": 2, "father": 402, "children": [], "sensitive_type": 1,
         "qualify": {"exter_list": [{"inner_list": [{"name": "律师执业证", "url": "http://mmbiz.qpic.cn/sample"}]}], "remark": ""}}
    ]}});
    api.answer("/cgi-bin/wxopen/getallcategories", tree.clone());
    let nodes = admin.all_categories().await.unwrap();
    assert_eq!(nodes[0].children, [1, 402]);
    assert_eq!(nodes[0].name, "");
    let lawyer = &nodes[2];
    assert_eq!(lawyer.sensitive_type, 1);
    assert_eq!(
        lawyer.qualify.as_ref().unwrap().exter_list[0].inner_list[0].name,
        "律师执业证"
    );
    api.expect(
        "GET",
        "/cgi-bin/wxopen/getallcategories",
        &authorizer(),
        None,
    );

    api.answer("/cgi-bin/wxopen/getcategoriesbytype", tree);
    assert_eq!(admin.categories_by_type(1).await.unwrap().len(), 3);
    api.expect(
        "POST",
        "/cgi-bin/wxopen/getcategoriesbytype",
        &authorizer(),
        Some(json!({"verify_type": 1})),
    );

    api.answer(
        "/cgi-bin/wxopen/getcategory",
        json!({"errcode": 0, "errmsg": "ok", "categories": [
            {"first": 8, "first_name": "教育", "second": 39, "second_name": "出国移民", "audit_status": 1, "audit_reason": ""}
        ], "limit": 5, "quota": 4, "category_limit": 20}),
    );
    let set = admin.categories().await.unwrap();
    assert_eq!(set.categories[0].second_name, "出国移民");
    assert_eq!((set.limit, set.quota, set.category_limit), (5, 4, 20));
    api.expect("GET", "/cgi-bin/wxopen/getcategory", &authorizer(), None);

    api.answer("/cgi-bin/wxopen/addcategory", ok_answer());
    admin
        .add_categories(&[
            NewCategory::new(8, 39).certificate("《因私出入境中介机构经营许可证》", "media_id_1"),
            NewCategory::new(1, 2),
        ])
        .await
        .unwrap();
    api.expect(
        "POST",
        "/cgi-bin/wxopen/addcategory",
        &authorizer(),
        Some(json!({"categories": [
            {"first": 8, "second": 39, "certicates": [{"key": "《因私出入境中介机构经营许可证》", "value": "media_id_1"}]},
            {"first": 1, "second": 2, "certicates": []}
        ]})),
    );

    api.answer(
        "/cgi-bin/wxopen/deletecategory",
        errcode(53308, "category in audit"),
    );
    let err = admin.delete_category(8, 39).await.unwrap_err();
    assert_eq!(err.errcode(), Some(53308));
    api.expect(
        "POST",
        "/cgi-bin/wxopen/deletecategory",
        &authorizer(),
        Some(json!({"first": 8, "second": 39})),
    );

    api.answer("/cgi-bin/wxopen/modifycategory", ok_answer());
    admin
        .modify_category(&NewCategory::new(8, 39).certificate("许可证", "media_id_2"))
        .await
        .unwrap();
    api.expect(
        "POST",
        "/cgi-bin/wxopen/modifycategory",
        &authorizer(),
        Some(json!({"first": 8, "second": 39, "certicates": [{"key": "许可证", "value": "media_id_2"}]})),
    );

    let sent = api.sent();
    assert_invalid(admin.add_categories(&[]).await.unwrap_err());
    assert_invalid(
        admin
            .add_categories(&[NewCategory::new(0, 39)])
            .await
            .unwrap_err(),
    );
    assert_invalid(
        admin
            .modify_category(&NewCategory::new(8, 39).certificate("许可证", ""))
            .await
            .unwrap_err(),
    );
    assert_invalid(admin.categories_by_type(5).await.unwrap_err());
    assert_eq!(api.sent(), sent);
}

#[tokio::test]
async fn basic_info_name_avatar_signature() {
    let api = ApiMock::start().await;
    let admin = api.component.wxa_admin();

    api.answer(
        "/cgi-bin/account/getaccountbasicinfo",
        json!({"errcode": 0, "errmsg": "ok", "appid": "wxa000000000000001", "account_type": 3,
               "principal_type": 1, "principal_name": "深圳市腾讯计算机系统有限公司", "credential": "91440300708461136T",
               "realname_status": 1,
               "wx_verify_info": {"qualification_verify": true, "naming_verify": true, "annual_review": false},
               "signature_info": {"signature": "a shop", "modify_used_count": 1, "modify_quota": 5},
               "head_image_info": {"head_image_url": "http://mmbiz.qpic.cn/head", "modify_used_count": 0, "modify_quota": 5},
               "nickname": "shop", "nickname_info": {"nickname": "shop", "modify_used_count": 0, "modify_quota": 2},
               "registered_country": 1017, "customer_type": 1}),
    );
    let info = admin.basic_info().await.unwrap();
    assert_eq!(info.account_type, 3);
    assert_eq!(info.credential.as_deref(), Some("91440300708461136T"));
    assert!(info.wx_verify_info.unwrap().naming_verify);
    assert_eq!(info.signature_info.unwrap().modify_quota, 5);
    assert_eq!(info.nickname_info.unwrap().modify_quota, 2);
    api.expect(
        "POST",
        "/cgi-bin/account/getaccountbasicinfo",
        &authorizer(),
        Some(json!({})),
    );

    api.answer(
        "/wxa/setnickname",
        json!({"errcode": 0, "errmsg": "ok", "wording": "", "audit_id": 12345}),
    );
    let submitted = admin
        .set_nickname(
            &SetNickname::new("鲜花小铺")
                .license("license_media")
                .other_stuff("tm_1")
                .other_stuff("tm_2"),
        )
        .await
        .unwrap();
    assert_eq!(submitted.audit_id, Some(12345));
    api.expect(
        "POST",
        "/wxa/setnickname",
        &authorizer(),
        Some(json!({"nick_name": "鲜花小铺", "license": "license_media",
                    "naming_other_stuff_1": "tm_1", "naming_other_stuff_2": "tm_2"})),
    );

    api.answer(
        "/wxa/api_wxa_querynickname",
        json!({"errcode": 0, "errmsg": "ok", "nickname": "鲜花小铺", "audit_stat": 3, "fail_reason": "",
               "create_time": 1536845240, "audit_time": 1536847124}),
    );
    let audit = admin.nickname_audit(12345).await.unwrap();
    assert_eq!((audit.audit_stat, audit.audit_time), (3, 1536847124));
    api.expect(
        "POST",
        "/wxa/api_wxa_querynickname",
        &authorizer(),
        Some(json!({"audit_id": 12345})),
    );

    api.answer(
        "/cgi-bin/wxverify/checkwxverifynickname",
        json!({"errcode": 0, "errmsg": "ok", "hit_condition": true, "wording": "名称与已有商标重复"}),
    );
    let check = admin.check_nickname("鲜花小铺").await.unwrap();
    assert!(check.hit_condition);
    api.expect(
        "POST",
        "/cgi-bin/wxverify/checkwxverifynickname",
        &authorizer(),
        Some(json!({"nick_name": "鲜花小铺"})),
    );

    api.answer("/cgi-bin/account/modifyheadimage", ok_answer());
    admin
        .modify_head_image("head_media", HeadImageCrop::new(0.0, 0.0, 0.7, 0.7))
        .await
        .unwrap();
    api.expect(
        "POST",
        "/cgi-bin/account/modifyheadimage",
        &authorizer(),
        Some(
            json!({"head_img_media_id": "head_media", "x1": 0.0, "y1": 0.0, "x2": 0.7, "y2": 0.7}),
        ),
    );

    api.answer(
        "/cgi-bin/account/modifysignature",
        errcode(53200, "signature quota used up"),
    );
    let err = admin
        .modify_signature("flowers, delivered")
        .await
        .unwrap_err();
    assert_eq!(err.errcode(), Some(53200));
    api.expect(
        "POST",
        "/cgi-bin/account/modifysignature",
        &authorizer(),
        Some(json!({"signature": "flowers, delivered"})),
    );

    let sent = api.sent();
    assert_invalid(admin.set_nickname(&SetNickname::new("")).await.unwrap_err());
    let six = (0..6).fold(SetNickname::new("shop"), |n, i| {
        n.other_stuff(format!("m{i}"))
    });
    assert_invalid(admin.set_nickname(&six).await.unwrap_err());
    assert_invalid(admin.check_nickname("").await.unwrap_err());
    for crop in [
        HeadImageCrop::new(0.5, 0.0, 0.4, 1.0),
        HeadImageCrop::new(0.0, 0.0, 1.5, 1.0),
        HeadImageCrop::new(-0.1, 0.0, 1.0, 1.0),
    ] {
        assert_invalid(admin.modify_head_image("m", crop).await.unwrap_err());
    }
    assert_invalid(
        admin
            .modify_head_image("", HeadImageCrop::full())
            .await
            .unwrap_err(),
    );
    assert_invalid(admin.modify_signature("").await.unwrap_err());
    assert_invalid(admin.modify_signature(&"签".repeat(121)).await.unwrap_err());
    assert_eq!(api.sent(), sent);
}

#[tokio::test]
async fn privacy_settings_take_the_authorizer_token() {
    let api = ApiMock::start().await;
    let admin = api.component.wxa_admin();

    api.answer(
        "/cgi-bin/component/getprivacysetting",
        json!({"errcode": 0, "errmsg": "ok", "code_exist": 1, "privacy_list": ["UserInfo", "Location"],
               "setting_list": [{"privacy_key": "UserInfo", "privacy_text": "show your name", "privacy_label": "用户信息"}],
               "update_time": 1654828911,
               "owner_setting": {"contact_phone": "", "contact_email": "privacy@example.com", "contact_qq": "",
                                 "contact_weixin": "", "store_expire_timestamp": "", "ext_file_media_id": "", "notice_method": "弹窗"},
               "privacy_desc": {"privacy_desc_list": [{"privacy_key": "UserInfo", "privacy_desc": "用户信息（微信昵称、头像）"}]},
               "sdk_privacy_info_list": [{"sdk_name": "maps", "sdk_biz_name": "Maps Inc", "sdk_list": [{"privacy_key": "Location", "privacy_text": "find shops"}]}]}),
    );
    let setting = admin
        .privacy_setting(PrivacyVersion::Develop)
        .await
        .unwrap();
    assert_eq!(setting.privacy_list, ["UserInfo", "Location"]);
    assert_eq!(
        setting.setting_list[0].privacy_label.as_deref(),
        Some("用户信息")
    );
    assert_eq!(setting.owner_setting.contact_email, "privacy@example.com");
    assert_eq!(setting.privacy_desc[0].privacy_key, "UserInfo");
    assert_eq!(
        setting.sdk_privacy_info_list[0].sdk_list[0].privacy_key,
        "Location"
    );
    api.expect(
        "POST",
        "/cgi-bin/component/getprivacysetting",
        &authorizer(),
        Some(json!({"privacy_ver": 2})),
    );

    api.answer("/cgi-bin/component/setprivacysetting", ok_answer());
    let owner = PrivacyOwner::new("弹窗")
        .contact_email("privacy@example.com")
        .store_expire_timestamp("30天");
    let update = PrivacySettingUpdate::develop(owner.clone())
        .item("UserInfo", "show your name")
        .sdk(SdkPrivacyInfo::new(
            "maps",
            "Maps Inc",
            vec![PrivacyItem::new("Location", "find shops")],
        ));
    admin.set_privacy_setting(&update).await.unwrap();
    api.expect(
        "POST",
        "/cgi-bin/component/setprivacysetting",
        &authorizer(),
        Some(json!({
            "privacy_ver": 2,
            "owner_setting": {"contact_email": "privacy@example.com", "notice_method": "弹窗", "store_expire_timestamp": "30天"},
            "setting_list": [{"privacy_key": "UserInfo", "privacy_text": "show your name"}],
            "sdk_privacy_info_list": [{"sdk_name": "maps", "sdk_biz_name": "Maps Inc",
                                       "sdk_list": [{"privacy_key": "Location", "privacy_text": "find shops"}]}]
        })),
    );
    api.answer(
        "/cgi-bin/component/setprivacysetting",
        errcode(86074, "no online privacy setting"),
    );
    let err = admin
        .set_privacy_setting(&PrivacySettingUpdate::online(owner.clone()))
        .await
        .unwrap_err();
    assert_eq!(err.errcode(), Some(86074));
    api.expect(
        "POST",
        "/cgi-bin/component/setprivacysetting",
        &authorizer(),
        Some(
            json!({"privacy_ver": 1, "owner_setting": {"contact_email": "privacy@example.com",
                    "notice_method": "弹窗", "store_expire_timestamp": "30天"}}),
        ),
    );

    api.answer(
        "/cgi-bin/component/uploadprivacyextfile",
        json!({"errcode": 0, "errmsg": "ok", "ext_file_media_id": "2112311471891169280"}),
    );
    let media_id = admin
        .upload_privacy_ext_file("privacy.txt", &b"We collect your name."[..])
        .await
        .unwrap();
    assert_eq!(media_id, "2112311471891169280");
    let request = api.expect(
        "POST",
        "/cgi-bin/component/uploadprivacyextfile",
        &authorizer(),
        None,
    );
    let parts = multipart_parts(&request);
    let (headers, content) = multipart_part(&parts, "file");
    assert!(headers.contains("filename=\"privacy.txt\""), "{headers}");
    assert_eq!(content, b"We collect your name.");

    api.answer(
        "/wxa/security/get_code_privacy_info",
        json!({"errcode": 0, "errmsg": "ok", "without_auth_list": ["wx.chooseLocation"], "valid_auth_list": ["wx.getLocation"]}),
    );
    let code = admin.code_privacy_info().await.unwrap();
    assert_eq!(code.without_auth_list, ["wx.chooseLocation"]);
    api.expect(
        "GET",
        "/wxa/security/get_code_privacy_info",
        &authorizer(),
        None,
    );

    let sent = api.sent();
    for update in [
        PrivacySettingUpdate::develop(owner.clone()),
        PrivacySettingUpdate::develop(PrivacyOwner::new("弹窗")).item("UserInfo", "name"),
        PrivacySettingUpdate::develop(PrivacyOwner::new("").contact_qq("10000"))
            .item("UserInfo", "name"),
        PrivacySettingUpdate::online(owner.clone()).item("UserInfo", "name"),
        PrivacySettingUpdate::develop(owner.clone()).item("UserInfo", ""),
    ] {
        assert_invalid(admin.set_privacy_setting(&update).await.unwrap_err());
    }
    assert_invalid(
        admin
            .upload_privacy_ext_file("privacy.pdf", &b"x"[..])
            .await
            .unwrap_err(),
    );
    assert_invalid(
        admin
            .upload_privacy_ext_file("privacy.txt", Vec::new())
            .await
            .unwrap_err(),
    );
    assert_invalid(
        admin
            .upload_privacy_ext_file("privacy.txt", vec![b'a'; 100 * 1024 + 1])
            .await
            .unwrap_err(),
    );
    assert_eq!(api.sent(), sent);
}

#[tokio::test]
async fn fast_registration_takes_the_component_token() {
    let api = ApiMock::start().await;
    let admin = api.component.wxa_admin();
    let query = |action| {
        [
            ("component_access_token", COMPONENT_ACCESS_TOKEN),
            ("action", action),
        ]
    };

    api.answer("/cgi-bin/component/fastregisterweapp", ok_answer());
    let company = FastRegistration::new(
        "深圳市鲜花小铺有限公司",
        "91440300MA5DXXXX1X",
        EnterpriseCodeType::CreditCode,
        "legal_wx",
        "张三",
    )
    .component_phone("075512345678");
    admin.fast_register(&company).await.unwrap();
    api.expect(
        "POST",
        "/cgi-bin/component/fastregisterweapp",
        &query("create"),
        Some(
            json!({"name": "深圳市鲜花小铺有限公司", "code": "91440300MA5DXXXX1X", "code_type": 1,
                    "legal_persona_wechat": "legal_wx", "legal_persona_name": "张三",
                    "component_phone": "075512345678"}),
        ),
    );

    api.answer(
        "/cgi-bin/component/fastregisterweapp",
        errcode(89251, "legal person checking"),
    );
    let err = admin
        .fast_register_status("深圳市鲜花小铺有限公司", "legal_wx", "张三")
        .await
        .unwrap_err();
    assert_eq!(err.errcode(), Some(89251));
    api.expect(
        "POST",
        "/cgi-bin/component/fastregisterweapp",
        &query("search"),
        Some(json!({"name": "深圳市鲜花小铺有限公司", "legal_persona_wechat": "legal_wx", "legal_persona_name": "张三"})),
    );

    let sent = api.sent();
    for bad in [
        FastRegistration::new("shop", "123", EnterpriseCodeType::CreditCode, "wx", "name"),
        FastRegistration::new(
            "shop",
            "12345678-9",
            EnterpriseCodeType::BusinessLicense,
            "wx",
            "name",
        ),
        FastRegistration::new(
            "",
            "12345678-9",
            EnterpriseCodeType::OrganizationCode,
            "wx",
            "name",
        ),
        FastRegistration::new(
            "shop",
            "12345678-9",
            EnterpriseCodeType::OrganizationCode,
            "",
            "name",
        ),
    ] {
        assert_invalid(admin.fast_register(&bad).await.unwrap_err());
    }
    assert_invalid(
        admin
            .fast_register_status("shop", "", "name")
            .await
            .unwrap_err(),
    );
    assert_eq!(api.sent(), sent);
}
