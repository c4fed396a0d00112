//! The open platform managing an authorizer's Mini Program, through the SDK's typed calls
//! against the simulator: templates from drafts, code from templates, audits, releases,
//! phased releases and rollbacks; domains, testers, categories; name, avatar, signature,
//! privacy guides; fast registration.

use wechat_runtime::api::media::{MediaFile, MediaType};
use wechat_runtime::api::wxa_admin::{
    AuditItem, CodeTemplateType, Commit, DomainAction, EnterpriseCodeType, FastRegistration,
    GrayRelease, HeadImageCrop, NewCategory, PrivacyOwner, PrivacySettingUpdate, PrivacyVersion,
    ServerDomains, SetNickname, SubmitAudit, VisitStatus,
};
use wechat_runtime::{Client, ClientBuilder, Component, Hub, MemoryStore};
use wechat_simulator::{errcode, Simulator};

use crate::common::*;

const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";

/// The errcode of a failed SDK call.
fn code<T: std::fmt::Debug>(result: wechat_runtime::Result<T>) -> i64 {
    result
        .expect_err("the call fails")
        .errcode()
        .expect("an API error")
}

/// A platform with one authorizer, and an SDK client of the platform acting for it.
fn platform(sim: &Simulator) -> Client<Hub<MemoryStore>, Component> {
    sim.add_component(COMPONENT, COMPONENT_SECRET);
    let refresh_token = sim.add_authorizer(COMPONENT, AUTHORIZER);
    let ticket = sim.push_verify_ticket(COMPONENT);
    let store = MemoryStore::new()
        .with_app(COMPONENT, COMPONENT_SECRET)
        .with_verify_ticket(COMPONENT, ticket)
        .with_authorizer(COMPONENT, AUTHORIZER, refresh_token);
    let hub = Hub::builder(store)
        .base_url(sim.base_url())
        .build()
        .expect("the hub builds");
    ClientBuilder::component(hub, ())
        .appid(COMPONENT)
        .authorizer_appid(AUTHORIZER)
        .base_url(sim.base_url())
        .build()
        .expect("the client builds")
}

fn ext_json(version: &str) -> String {
    format!(
        r#"{{"extAppid":"{AUTHORIZER}","ext":{{"version":"{version}"}},"pages":["pages/index/index","pages/shop/shop"],"requiredPrivateInfos":["getLocation"]}}"#
    )
}

#[tokio::test]
async fn templates_code_audits_and_releases() {
    let sim = sim().await;
    let platform = platform(&sim);
    let admin = platform.wxa_admin();

    // Drafts become templates, with the platform's own token.
    let drafts = admin.template_drafts().await.unwrap();
    assert_eq!(drafts.len(), 2);
    admin
        .add_to_template(drafts[1].draft_id, None)
        .await
        .unwrap();
    let templates = admin.templates(None).await.unwrap();
    assert_eq!(templates.len(), 1);
    assert_eq!(templates[0].user_version, drafts[1].user_version);
    assert!(admin
        .templates(Some(CodeTemplateType::Standard))
        .await
        .unwrap()
        .is_empty());
    assert_eq!(
        code(admin.add_to_template(99, None).await),
        errcode::TEMPLATE_NOT_FOUND
    );
    let template_id = templates[0].template_id;

    // Code from a template: pages, trial QR code, version info.
    assert_eq!(code(admin.pages().await), errcode::NO_COMMITTED_CODE);
    assert_eq!(
        code(admin.commit(&Commit::new(999, "{}", "1.0.0", "v1")).await),
        errcode::CODE_TEMPLATE_NOT_EXIST
    );
    admin
        .commit(&Commit::new(template_id, ext_json("1"), "1.0.0", "v1"))
        .await
        .unwrap();
    assert_eq!(
        admin.pages().await.unwrap(),
        ["pages/index/index", "pages/shop/shop"]
    );
    let qrcode = admin
        .trial_qrcode(Some("pages/shop/shop?id=7"))
        .await
        .unwrap();
    assert!(qrcode.starts_with(PNG_SIGNATURE));
    let privacy = admin.code_privacy_info().await.unwrap();
    assert_eq!(privacy.valid_auth_list, ["getLocation"]);

    // An audit names approved categories and pages of the code.
    let item = || AuditItem::new("工具", "备忘录", 287, 612).address("pages/shop/shop");
    assert_eq!(
        code(admin.submit_audit(&SubmitAudit::new().item(item())).await),
        errcode::AUDIT_CATEGORY_INVALID
    );
    admin
        .add_categories(&[NewCategory::new(287, 612)])
        .await
        .unwrap();
    assert_eq!(
        admin.audit_categories().await.unwrap()[0].second_class,
        "备忘录"
    );
    let bad_page = SubmitAudit::new().item(item().address("pages/nope/nope"));
    assert_eq!(
        code(admin.submit_audit(&bad_page).await),
        errcode::INVALID_AUDIT_ADDRESS
    );
    let auditid = admin
        .submit_audit(&SubmitAudit::new().item(item()))
        .await
        .unwrap();
    assert_eq!(admin.audit_status(auditid).await.unwrap().status, 0);
    assert_eq!(
        code(admin.audit_status(auditid + 1000).await),
        errcode::INVALID_AUDIT_ID
    );

    // Release once.
    admin.release().await.unwrap();
    assert_eq!(code(admin.release().await), errcode::ALREADY_RELEASED);
    let info = admin.version_info().await.unwrap();
    assert_eq!(info.release_info.unwrap().release_version, "1.0.0");
    assert_eq!(info.exp_info.unwrap().exp_desc, "v1");

    // An audit left pending: a second one waits, withdrawing it works once.
    admin
        .commit(&Commit::new(template_id, ext_json("2"), "1.1.0", "v2"))
        .await
        .unwrap();
    let pending = SubmitAudit::new().version_desc("simulated-pending");
    admin.submit_audit(&pending).await.unwrap();
    assert_eq!(
        code(admin.submit_audit(&pending).await),
        errcode::AUDIT_IN_PROGRESS
    );
    admin.undo_audit().await.unwrap();
    assert_eq!(admin.latest_audit_status().await.unwrap().status, 3);
    assert_eq!(code(admin.undo_audit().await), errcode::CANNOT_REVERT);
    assert_eq!(code(admin.release().await), errcode::AUDIT_NOT_APPROVED);

    // Sped up, a pending audit is approved: a phased release, then the full one.
    let auditid = admin.submit_audit(&pending).await.unwrap();
    admin.speedup_audit(auditid).await.unwrap();
    let latest = admin.latest_audit_status().await.unwrap();
    assert_eq!((latest.auditid, latest.status), (auditid, 0));
    assert_eq!(latest.user_version, "1.1.0");
    admin
        .gray_release(&GrayRelease::new(10).experiencer_first(true))
        .await
        .unwrap();
    let plan = admin.gray_release_plan().await.unwrap();
    assert_eq!((plan.status, plan.gray_percentage), (1, 10));
    assert!(plan.support_experiencer_first);
    assert_eq!(
        code(admin.gray_release(&GrayRelease::new(5)).await),
        errcode::GRAY_PERCENTAGE_NOT_HIGHER
    );
    assert_eq!(
        code(admin.revert_release(None).await),
        errcode::GRAY_RELEASE_RUNNING
    );
    admin.revert_gray_release().await.unwrap();
    assert_eq!(admin.gray_release_plan().await.unwrap().status, 4);
    admin.release().await.unwrap();

    // Roll back to 1.0.0, once.
    let history = admin.history_versions().await.unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].user_version, "1.0.0");
    assert_eq!(
        code(admin.revert_release(Some(history[0].app_version + 7)).await),
        errcode::CANNOT_REVERT
    );
    admin
        .revert_release(Some(history[0].app_version))
        .await
        .unwrap();
    let online = admin.version_info().await.unwrap().release_info.unwrap();
    assert_eq!(online.release_version, "1.0.0");
    assert_eq!(
        code(admin.revert_release(None).await),
        errcode::CANNOT_REVERT
    );

    // Close it to visitors, once.
    admin.set_visit_status(VisitStatus::Close).await.unwrap();
    assert_eq!(
        code(admin.set_visit_status(VisitStatus::Close).await),
        errcode::VISIT_STATUS_UNCHANGED
    );
    admin.set_visit_status(VisitStatus::Open).await.unwrap();

    // A rejected audit explains itself and blocks the release.
    let rejected = admin
        .submit_audit(&SubmitAudit::new().version_desc("simulated-reject"))
        .await
        .unwrap();
    let status = admin.audit_status(rejected).await.unwrap();
    assert_eq!(status.status, 1);
    assert!(status.reason.is_some());
    assert_eq!(status.screenshots().len(), 2);
    assert_eq!(code(admin.release().await), errcode::AUDIT_NOT_APPROVED);
    let quota = admin.audit_quota().await.unwrap();
    assert_eq!(quota.limit - quota.rest, 4);
    assert_eq!(quota.speedup_rest, 0);

    // Templates are deleted once; an authorizer's token does not reach them.
    admin.delete_template(template_id).await.unwrap();
    assert_eq!(
        code(admin.delete_template(template_id).await),
        errcode::TEMPLATE_NOT_FOUND
    );
    let authorizer_token = sim.current_access_token(AUTHORIZER).unwrap();
    let answer = get_json(
        &sim,
        &format!("/wxa/gettemplatelist?access_token={authorizer_token}"),
    )
    .await;
    assert_eq!(errcode(&answer), errcode::MUST_USE_COMPONENT_TOKEN);
}

#[tokio::test]
async fn domains_testers_and_categories() {
    let sim = sim().await;
    let platform = platform(&sim);
    let admin = platform.wxa_admin();

    // Server domains: WeChat answers the ones it refused.
    let change = ServerDomains::new()
        .request(["https://api.example.com"])
        .ws_request(["wss://ws.example.com"]);
    let modified = admin
        .modify_server_domains(DomainAction::Add, &change)
        .await
        .unwrap();
    assert_eq!(modified.domains.requestdomain, ["https://api.example.com"]);
    assert!(modified.invalid_requestdomain.is_empty());
    admin
        .modify_server_domains_directly(
            DomainAction::Set,
            &ServerDomains::new().request(["https://direct.example.com"]),
        )
        .await
        .unwrap();
    let effective = admin.effective_domains().await.unwrap();
    assert_eq!(
        effective.effective_domain.requestdomain,
        ["https://api.example.com", "https://direct.example.com"]
    );
    assert_eq!(
        effective.third_domain.wsrequestdomain,
        ["wss://ws.example.com"]
    );
    admin
        .modify_server_domains(
            DomainAction::Delete,
            &ServerDomains::new().request(["https://api.example.com"]),
        )
        .await
        .unwrap();
    assert!(admin
        .server_domains()
        .await
        .unwrap()
        .requestdomain
        .is_empty());

    // Web-view domains.
    admin
        .modify_webview_domains(DomainAction::Add, &["https://h5.example.com"])
        .await
        .unwrap();
    assert_eq!(
        admin.webview_domains().await.unwrap(),
        ["https://h5.example.com"]
    );
    assert_eq!(
        code(
            admin
                .modify_webview_domains(DomainAction::Add, &["https://h5.example.com"])
                .await
        ),
        errcode::WEBVIEW_DOMAIN_UNCHANGED
    );
    admin
        .modify_webview_domains_directly(DomainAction::Set, &["https://own.example.com"])
        .await
        .unwrap();
    let file = admin.webview_confirm_file().await.unwrap();
    assert!(file.file_name.ends_with(".txt"));
    assert_eq!(admin.webview_confirm_file().await.unwrap(), file);

    // Testers.
    let userstr = admin.bind_tester("alice_wx1").await.unwrap();
    assert_eq!(
        code(admin.bind_tester("alice_wx1").await),
        errcode::TESTER_ALREADY_BOUND
    );
    assert_eq!(
        code(admin.bind_tester("1alice").await),
        errcode::TESTER_NOT_FOUND
    );
    let bob = admin.bind_tester("bob_wx22").await.unwrap();
    let mut testers = admin.testers().await.unwrap();
    testers.sort();
    let mut expected = vec![userstr.clone(), bob];
    expected.sort();
    assert_eq!(testers, expected);
    admin.unbind_tester_by_userstr(&userstr).await.unwrap();
    admin.unbind_tester("bob_wx22").await.unwrap();
    assert!(admin.testers().await.unwrap().is_empty());
    assert_eq!(
        code(admin.unbind_tester("alice_wx1").await),
        errcode::TESTER_NOT_FOUND
    );

    // Categories: the tree, by type, and a sensitive one through its audit.
    let tree = admin.all_categories().await.unwrap();
    assert_eq!(tree[0].id, 0);
    assert!(tree
        .iter()
        .any(|node| node.id == 39 && node.sensitive_type == 1));
    let for_persons = admin.categories_by_type(0).await.unwrap();
    assert!(for_persons.iter().all(|node| node.sensitive_type == 0));
    assert_eq!(
        code(admin.add_categories(&[NewCategory::new(8, 39)]).await),
        errcode::INVALID_CATEGORY
    );
    let licence = "《因私出入境中介机构经营许可证》";
    admin
        .add_categories(&[NewCategory::new(8, 39).certificate(licence, "media-simulated-pending")])
        .await
        .unwrap();
    assert_eq!(
        code(admin.delete_category(8, 39).await),
        errcode::CATEGORY_AUDITING
    );
    admin
        .add_categories(&[NewCategory::new(287, 614)])
        .await
        .unwrap();
    assert_eq!(
        code(admin.add_categories(&[NewCategory::new(287, 614)]).await),
        errcode::CATEGORY_EXISTS
    );
    assert_eq!(
        code(admin.modify_category(&NewCategory::new(287, 614)).await),
        errcode::CATEGORY_NOT_REJECTED
    );
    admin
        .add_categories(&[NewCategory::new(1, 2)])
        .await
        .unwrap();
    admin.delete_category(1, 2).await.unwrap();
    let set = admin.categories().await.unwrap();
    assert_eq!(set.categories.len(), 2);
    assert_eq!((set.limit, set.quota), (5, 2));
    let pending = &set.categories[0];
    assert_eq!(
        (pending.second_name.as_str(), pending.audit_status),
        ("出国移民", 1)
    );
}

#[tokio::test]
async fn profile_privacy_and_registration() {
    let sim = sim().await;
    let platform = platform(&sim);
    let admin = platform.wxa_admin();

    // The name: at once, or audited with documents when protected.
    let info = admin.basic_info().await.unwrap();
    assert_eq!(info.appid, AUTHORIZER);
    assert_eq!(info.nickname, "小程序0001");
    let set = admin
        .set_nickname(&SetNickname::new("鲜花小铺"))
        .await
        .unwrap();
    assert_eq!(set.audit_id, None);
    assert_eq!(admin.basic_info().await.unwrap().nickname, "鲜花小铺");
    assert!(
        admin
            .check_nickname("微信花店")
            .await
            .unwrap()
            .hit_condition
    );
    assert!(!admin.check_nickname("花店").await.unwrap().hit_condition);
    assert_eq!(
        code(admin.set_nickname(&SetNickname::new("微信花店")).await),
        errcode::NICKNAME_NEEDS_DOCUMENTS
    );
    let audited = admin
        .set_nickname(&SetNickname::new("微信花店").license("licence-media"))
        .await
        .unwrap();
    let audit = admin
        .nickname_audit(audited.audit_id.unwrap())
        .await
        .unwrap();
    assert_eq!((audit.nickname.as_str(), audit.audit_stat), ("微信花店", 3));
    assert_eq!(
        code(admin.nickname_audit(1).await),
        errcode::NICKNAME_AUDIT_NOT_FOUND
    );

    // The avatar, from the authorizer's temporary media; the signature, five times a month.
    let image = platform
        .media()
        .upload(
            MediaType::Image,
            MediaFile::bytes("head.jpg", b"\xff\xd8\xff\xe0 a jpeg".to_vec()),
        )
        .await
        .unwrap();
    admin
        .modify_head_image(&image.media_id, HeadImageCrop::new(0.1, 0.1, 0.9, 0.9))
        .await
        .unwrap();
    assert_eq!(
        code(
            admin
                .modify_head_image("unknown", HeadImageCrop::full())
                .await
        ),
        errcode::INVALID_MEDIA_ID
    );
    for i in 0..5 {
        admin
            .modify_signature(&format!("flowers, delivered ({i})"))
            .await
            .unwrap();
    }
    assert_eq!(
        code(admin.modify_signature("once more").await),
        errcode::SIGNATURE_QUOTA_EXCEEDED
    );
    let info = admin.basic_info().await.unwrap();
    assert_eq!(
        info.signature_info.unwrap().signature,
        "flowers, delivered (4)"
    );
    assert_eq!(info.head_image_info.unwrap().modify_used_count, 1);

    // The privacy guide: the development one, online once released.
    let owner = PrivacyOwner::new("a pop-up").contact_email("privacy@example.com");
    let update = PrivacySettingUpdate::develop(owner.clone()).item("UserInfo", "show your name");
    admin.set_privacy_setting(&update).await.unwrap();
    let develop = admin
        .privacy_setting(PrivacyVersion::Develop)
        .await
        .unwrap();
    assert_eq!(develop.code_exist, 0);
    assert_eq!(develop.setting_list[0].privacy_text, "show your name");
    assert_eq!(develop.owner_setting.contact_email, "privacy@example.com");
    assert!(develop
        .privacy_desc
        .iter()
        .any(|d| d.privacy_key == "Location"));
    let online_owner = PrivacyOwner::new("a notice").contact_phone("075512345678");
    assert_eq!(
        code(
            admin
                .set_privacy_setting(&PrivacySettingUpdate::online(online_owner.clone()))
                .await
        ),
        errcode::NO_ONLINE_PRIVACY
    );
    let media_id = admin
        .upload_privacy_ext_file("privacy.txt", &b"We collect your name."[..])
        .await
        .unwrap();
    assert!(media_id.parse::<u64>().is_ok());

    admin.add_to_template(0, None).await.unwrap();
    let template_id = admin.templates(None).await.unwrap()[0].template_id;
    admin
        .commit(&Commit::new(template_id, ext_json("1"), "1.0.0", "v1"))
        .await
        .unwrap();
    admin.submit_audit(&SubmitAudit::new()).await.unwrap();
    admin.release().await.unwrap();
    admin
        .set_privacy_setting(&PrivacySettingUpdate::online(online_owner))
        .await
        .unwrap();
    let online = admin.privacy_setting(PrivacyVersion::Online).await.unwrap();
    assert_eq!(online.code_exist, 1);
    assert_eq!(online.privacy_list, ["UserInfo", "Location"]);
    assert_eq!(online.owner_setting.contact_phone, "075512345678");
    assert_eq!(online.setting_list[0].privacy_key, "UserInfo");

    // Fast registration, with the platform's token: the task waits for the face check.
    let company = FastRegistration::new(
        "深圳市鲜花小铺有限公司",
        "91440300MA5DXXXX1X",
        EnterpriseCodeType::CreditCode,
        "legal_wx1",
        "张三",
    );
    admin.fast_register(&company).await.unwrap();
    assert_eq!(
        code(admin.fast_register(&company).await),
        errcode::REGISTRATION_RUNNING
    );
    assert_eq!(
        code(
            admin
                .fast_register_status("深圳市鲜花小铺有限公司", "legal_wx1", "张三")
                .await
        ),
        errcode::LEGAL_PERSON_CHECKING
    );
    assert_eq!(
        code(
            admin
                .fast_register_status("another", "legal_wx1", "张三")
                .await
        ),
        errcode::REGISTRATION_NOT_FOUND
    );
    let bad_wechat = FastRegistration::new(
        "another",
        "91440300MA5DXXXX1X",
        EnterpriseCodeType::CreditCode,
        "1-not-an-id",
        "李四",
    );
    assert_eq!(
        code(admin.fast_register(&bad_wechat).await),
        errcode::INVALID_LEGAL_WECHAT
    );
}
