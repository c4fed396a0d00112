//! WeCom's customer-facing areas against the simulator, through the SDK's typed calls:
//! customers, remarks and corp tags, "contact me" ways, customer group chats and welcomes
//! (`client.external_contact()`), customer service accounts and chats (`client.kf()`), and
//! approval applications from submission to decision (`client.approval()`).

use wechat_runtime::work::approval::{
    ApprovalApplication, ApprovalContent, ApprovalQuery, ApprovalStep,
};
use wechat_runtime::work::external_contact::{
    ContactRemark, ContactWay, ContactWayScene, ContactWayUpdate, CorpTagEdit, GroupChatQuery,
    NewCorpTag, NewCorpTags, WelcomeAttachment, WelcomeMessage,
};
use wechat_runtime::work::kf::{KfAccountUpdate, KfMessage, KfSyncRequest};
use wechat_runtime::work::{WorkApp, WorkKey};
use wechat_runtime::{Client, Hub, MemoryStore, Work};
use wechat_simulator::Simulator;

const CORPID: &str = "ww00000000000000c1";
const APPS: [(WorkApp, &str, &str); 4] = [
    (
        WorkApp::ExternalContact,
        "external_contact",
        "crm-external-contact-secret",
    ),
    (
        WorkApp::CustomerService,
        "customer_service",
        "crm-customer-service-secret",
    ),
    (
        WorkApp::Agent(3010040),
        "agent:3010040",
        "crm-approval-agent-secret",
    ),
    (WorkApp::Contacts, "contacts", "crm-contacts-secret"),
];
const TEMPLATE: &str = "3Tka1eD6v6JfzhDMqPd3aMkFdxqtJMc2ZRioeFXk";

async fn crm_sim() -> Simulator {
    let sim = Simulator::start().await.unwrap();
    for (_, app, secret) in APPS {
        sim.add_work_app(CORPID, app, secret);
    }
    sim
}

/// A client of the app `app` of the corp, its tokens kept by a hub that calls the simulator.
fn work_client(sim: &Simulator, app: WorkApp) -> Client<Hub<MemoryStore>, Work> {
    let store = APPS
        .iter()
        .fold(MemoryStore::new(), |store, (app, _, secret)| {
            store.with_work_app(WorkKey::new(CORPID, *app), *secret)
        });
    let hub = Hub::builder(store)
        .work_base_url(sim.work_base_url())
        .build()
        .unwrap();
    Client::work_builder(hub)
        .corpid(CORPID)
        .work_app(app)
        .base_url(sim.work_base_url())
        .build()
        .unwrap()
}

fn code<T: std::fmt::Debug>(result: wechat_runtime::Result<T>) -> Option<i64> {
    result.expect_err("an API error").errcode()
}

#[tokio::test]
async fn customers_remarks_and_corp_tags() {
    let sim = crm_sim().await;
    let crm = work_client(&sim, WorkApp::ExternalContact);
    let crm = crm.external_contact();
    sim.add_external_contact(CORPID, "zhangsan", "wmCustomerA", "Li Si");
    sim.add_external_contact(CORPID, "zhangsan", "wmCustomerB", "Wang Wu");
    sim.add_external_contact(CORPID, "lisi", "wmCustomerA", "Li Si");

    assert_eq!(crm.follow_users().await.unwrap(), ["lisi", "zhangsan"]);
    assert_eq!(
        crm.list("zhangsan").await.unwrap(),
        ["wmCustomerA", "wmCustomerB"]
    );
    let detail = crm.get("wmCustomerA").await.unwrap();
    assert_eq!(detail.external_contact.name, "Li Si");
    assert_eq!(detail.follow_user.len(), 2);

    // Remarks stay with the (member, customer) pair.
    crm.remark(
        &ContactRemark::new("zhangsan", "wmCustomerA")
            .remark("Mr Li")
            .remark_mobiles(["13800000001"]),
    )
    .await
    .unwrap();
    let detail = crm.get("wmCustomerA").await.unwrap();
    let by_zhangsan = detail
        .follow_user
        .iter()
        .find(|f| f.userid == "zhangsan")
        .unwrap();
    assert_eq!(by_zhangsan.remark, "Mr Li");
    assert_eq!(by_zhangsan.remark_mobiles, ["13800000001"]);
    let by_lisi = detail
        .follow_user
        .iter()
        .find(|f| f.userid == "lisi")
        .unwrap();
    assert_eq!(by_lisi.remark, "");

    // Pages of one customer at a time, across both members.
    let first = crm
        .batch_get_by_user(&["zhangsan", "lisi"], "", 2)
        .await
        .unwrap();
    assert_eq!(first.external_contact_list.len(), 2);
    let cursor = first.next_cursor.unwrap();
    let second = crm
        .batch_get_by_user(&["zhangsan", "lisi"], &cursor, 2)
        .await
        .unwrap();
    assert_eq!(second.external_contact_list.len(), 1);
    assert_eq!(second.next_cursor.as_deref(), Some(""));

    // Corp tags: a group, marks on a customer, a rename, a deletion.
    let group = crm
        .add_corp_tags(&NewCorpTags::new_group(
            "Level",
            [NewCorpTag::new("Gold"), NewCorpTag::new("Silver").order(2)],
        ))
        .await
        .unwrap();
    let gold = group.tag[0].id.clone();
    let silver = group.tag[1].id.clone();
    let more = crm
        .add_corp_tags(&NewCorpTags::into_group(
            &group.group_id,
            [NewCorpTag::new("Bronze")],
        ))
        .await
        .unwrap();
    assert_eq!(more.tag.len(), 1);
    assert_eq!(crm.corp_tags(&[], &[]).await.unwrap()[0].tag.len(), 3);
    assert_eq!(
        code(
            crm.add_corp_tags(&NewCorpTags::into_group(
                &group.group_id,
                [NewCorpTag::new("Gold")]
            ))
            .await
        ),
        Some(40071)
    );

    crm.mark_tag("zhangsan", "wmCustomerA", &[&gold, &silver], &[])
        .await
        .unwrap();
    crm.mark_tag("zhangsan", "wmCustomerA", &[], &[&silver])
        .await
        .unwrap();
    crm.edit_corp_tag(&CorpTagEdit::new(&gold).name("Platinum"))
        .await
        .unwrap();
    let detail = crm.get("wmCustomerA").await.unwrap();
    let tags = &detail
        .follow_user
        .iter()
        .find(|f| f.userid == "zhangsan")
        .unwrap()
        .tags;
    assert_eq!(tags.len(), 1);
    assert_eq!(tags[0].tag_name, "Platinum");
    assert_eq!(tags[0].group_name.as_deref(), Some("Level"));
    let batch = crm.batch_get_by_user(&["zhangsan"], "", 100).await.unwrap();
    assert_eq!(
        batch.external_contact_list[0].follow_info.tag_id,
        [gold.as_str()]
    );

    crm.del_corp_tags(&[&gold], &[], None).await.unwrap();
    let detail = crm.get("wmCustomerA").await.unwrap();
    assert!(detail.follow_user.iter().all(|f| f.tags.is_empty()));
    crm.del_corp_tags(&[], &[&group.group_id], None)
        .await
        .unwrap();
    assert!(crm.corp_tags(&[], &[]).await.unwrap().is_empty());

    // WeCom's errcodes.
    assert_eq!(code(crm.get("wmNobody").await), Some(40096));
    assert_eq!(code(crm.list("wangwu").await), Some(40003));
    assert_eq!(
        code(
            crm.remark(&ContactRemark::new("lisi", "wmCustomerB").remark("x"))
                .await
        ),
        Some(84061)
    );
    assert_eq!(
        code(
            crm.mark_tag("zhangsan", "wmCustomerA", &["etUnknown"], &[])
                .await
        ),
        Some(40068)
    );
    assert_eq!(
        code(crm.del_corp_tags(&["etUnknown"], &[], None).await),
        Some(40068)
    );
    // The contacts secret may not call them.
    let contacts = work_client(&sim, WorkApp::Contacts);
    assert_eq!(
        code(contacts.external_contact().follow_users().await),
        Some(48002)
    );
}

#[tokio::test]
async fn contact_ways_group_chats_and_welcomes() {
    let sim = crm_sim().await;
    // An agent configured for external contacts may call them too.
    let client = work_client(&sim, WorkApp::Agent(3010040));
    let crm = client.external_contact();
    sim.add_follow_users(CORPID, &["zhangsan", "lisi"]);

    let created = crm
        .add_contact_way(
            &ContactWay::multi(ContactWayScene::QrCode, ["zhangsan", "lisi"], [2])
                .remark("spring poster")
                .state("poster-1"),
        )
        .await
        .unwrap();
    assert!(created.qr_code.is_some());
    let way = crm.get_contact_way(&created.config_id).await.unwrap();
    assert_eq!((way.kind, way.scene), (2, 2));
    assert_eq!(way.user, ["zhangsan", "lisi"]);
    assert!(way.skip_verify);
    assert_eq!(way.qr_code, created.qr_code);

    crm.update_contact_way(
        &ContactWayUpdate::new(&created.config_id)
            .users(["lisi"])
            .skip_verify(false),
    )
    .await
    .unwrap();
    let way = crm.get_contact_way(&created.config_id).await.unwrap();
    assert_eq!(way.user, ["lisi"]);
    assert!(!way.skip_verify);
    assert_eq!(way.state, "poster-1");

    let button = crm
        .add_contact_way(&ContactWay::single(ContactWayScene::MiniProgram, "zhangsan").style(1))
        .await
        .unwrap();
    assert_eq!(button.qr_code, None);
    assert_eq!(
        code(
            crm.add_contact_way(&ContactWay::single(ContactWayScene::QrCode, "stranger"))
                .await
        ),
        Some(40003)
    );
    crm.del_contact_way(&created.config_id).await.unwrap();
    assert_eq!(
        code(crm.get_contact_way(&created.config_id).await),
        Some(41037)
    );
    assert_eq!(
        code(crm.del_contact_way(&created.config_id).await),
        Some(41037)
    );

    // Customer group chats.
    let welcome_code = sim.add_external_contact(CORPID, "zhangsan", "wmCustomerA", "Li Si");
    let vip = sim.add_customer_group_chat(CORPID, "zhangsan", "VIP", &["wmCustomerA"]);
    let other = sim.add_customer_group_chat(CORPID, "lisi", "Others", &[] as &[&str]);
    let all = crm.group_chats(&GroupChatQuery::new(1)).await.unwrap();
    assert_eq!(all.group_chat_list.len(), 1);
    let rest = crm
        .group_chats(&GroupChatQuery::new(1).cursor(all.next_cursor.unwrap()))
        .await
        .unwrap();
    assert_eq!(rest.group_chat_list.len(), 1);
    let mut seen = [
        all.group_chat_list[0].chat_id.clone(),
        rest.group_chat_list[0].chat_id.clone(),
    ];
    seen.sort();
    let mut expected = [vip.clone(), other];
    expected.sort();
    assert_eq!(seen, expected);
    let owned = crm
        .group_chats(&GroupChatQuery::new(100).owners(["zhangsan"]))
        .await
        .unwrap();
    assert_eq!(owned.group_chat_list.len(), 1);
    assert_eq!(owned.group_chat_list[0].chat_id, vip);

    let chat = crm.group_chat(&vip, true).await.unwrap();
    assert_eq!(
        (chat.name.as_str(), chat.owner.as_str()),
        ("VIP", "zhangsan")
    );
    let customer = chat.member_list.iter().find(|m| m.kind == 2).unwrap();
    assert_eq!(customer.name.as_deref(), Some("Li Si"));
    assert_eq!(customer.invitor.as_ref().unwrap().userid, "zhangsan");
    assert_eq!(
        code(crm.group_chat("wrNoSuchChat", false).await),
        Some(40050)
    );

    // A welcome code is spent once.
    let welcome = WelcomeMessage::new(&welcome_code)
        .text("Welcome!")
        .attachment(WelcomeAttachment::link(
            "Catalogue",
            "https://example.com/c",
        ));
    crm.send_welcome_msg(&welcome).await.unwrap();
    assert_eq!(code(crm.send_welcome_msg(&welcome).await), Some(41051));
    assert_eq!(
        code(
            crm.send_welcome_msg(&WelcomeMessage::new("NOT_A_CODE").text("hi"))
                .await
        ),
        Some(40058)
    );
    let sent = sim.welcome_messages(CORPID);
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0]["attachments"][0]["link"]["title"], "Catalogue");
}

#[tokio::test]
async fn customer_service_accounts_and_chats() {
    let sim = crm_sim().await;
    let client = work_client(&sim, WorkApp::CustomerService);
    let kf = client.kf();

    let open_kfid = kf
        .add_account("After-sales", "AVATAR_MEDIA_ID")
        .await
        .unwrap();
    kf.update_account(&KfAccountUpdate::new(&open_kfid).name("Support"))
        .await
        .unwrap();
    let accounts = kf.list_accounts(0, 100).await.unwrap();
    assert_eq!(accounts.len(), 1);
    assert_eq!(
        (accounts[0].open_kfid.as_str(), accounts[0].name.as_str()),
        (open_kfid.as_str(), "Support")
    );
    let link = kf.add_contact_way(&open_kfid, "website").await.unwrap();
    assert!(link.starts_with("https://work.weixin.qq.com/kf/"), "{link}");
    assert!(link.contains("enc_scene="), "{link}");

    // No session before the customer writes.
    let hello = KfMessage::text("wmCustomerA", &open_kfid, "Hello!");
    assert_eq!(code(kf.send_msg(&hello).await), Some(95018));

    sim.push_kf_customer_message(CORPID, &open_kfid, "wmCustomerA", "Where is my parcel?");
    sim.push_kf_customer_message(CORPID, &open_kfid, "wmCustomerA", "Order 1234");
    let first = kf.sync_msg(&KfSyncRequest::new().limit(1)).await.unwrap();
    assert!(first.has_more);
    assert_eq!(
        first.msg_list[0].text.as_ref().unwrap().content,
        "Where is my parcel?"
    );
    assert_eq!(first.msg_list[0].origin, 3);
    let second = kf
        .sync_msg(
            &KfSyncRequest::new()
                .cursor(&first.next_cursor)
                .open_kfid(&open_kfid),
        )
        .await
        .unwrap();
    assert!(!second.has_more);
    assert_eq!(second.msg_list.len(), 1);
    assert_eq!(
        second.msg_list[0].external_userid.as_deref(),
        Some("wmCustomerA")
    );
    let nothing_new = kf
        .sync_msg(&KfSyncRequest::new().cursor(&second.next_cursor))
        .await
        .unwrap();
    assert!(nothing_new.msg_list.is_empty());

    let msgid = kf.send_msg(&hello.clone().msgid("reply-1")).await.unwrap();
    assert_eq!(msgid, "reply-1");
    let sent = sim.kf_sent_messages(CORPID);
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0]["text"]["content"], "Hello!");

    kf.del_account(&open_kfid).await.unwrap();
    assert_eq!(code(kf.send_msg(&hello).await), Some(95004));
    assert_eq!(code(kf.del_account(&open_kfid).await), Some(95004));
    assert!(kf.list_accounts(0, 100).await.unwrap().is_empty());

    // The external contact secret may not call them.
    let crm = work_client(&sim, WorkApp::ExternalContact);
    assert_eq!(code(crm.kf().list_accounts(0, 10).await), Some(48002));
}

#[tokio::test]
async fn approval_from_submission_to_decision() {
    let sim = crm_sim().await;
    sim.add_approval_template(
        CORPID,
        TEMPLATE,
        "Purchase",
        &[
            ("Text", "Text-1", "Item", true),
            ("Money", "Money-1", "Amount", false),
        ],
    );
    let client = work_client(&sim, WorkApp::Agent(3010040));
    let approval = client.approval();

    let template = approval.template_detail(TEMPLATE).await.unwrap();
    assert_eq!(template.template_names[0].text, "Purchase");
    let controls = &template.template_content.controls;
    assert_eq!(controls[0].property.id, "Text-1");
    assert_eq!(controls[0].property.require, 1);
    assert_eq!(
        code(approval.template_detail("unknown").await),
        Some(301025)
    );

    let application = ApprovalApplication::with_steps(
        "WangXiaoMing",
        TEMPLATE,
        [
            ApprovalStep::any_of(["LiuXiaoGang"]),
            ApprovalStep::all_of(["ZhangSan", "LiSi"]),
        ],
    )
    .notify(["WuJunJie"], 1)
    .content(ApprovalContent::text("Text-1", "A laptop"))
    .content(ApprovalContent::money("Money-1", "8999.00"))
    .summary_line("Laptop");
    let sp_no = approval.apply(&application).await.unwrap();
    assert_eq!(sp_no.len(), 12, "{sp_no}");

    // A required control left out, or an unknown template.
    assert_eq!(
        code(
            approval
                .apply(
                    &ApprovalApplication::with_template_flow("WangXiaoMing", TEMPLATE)
                        .content(ApprovalContent::money("Money-1", "1"))
                        .summary_line("s"),
                )
                .await
        ),
        Some(301025)
    );
    assert_eq!(
        code(
            approval
                .apply(
                    &ApprovalApplication::with_template_flow("WangXiaoMing", "unknown")
                        .content(ApprovalContent::text("Text-1", "x"))
                        .summary_line("s"),
                )
                .await
        ),
        Some(301025)
    );

    let detail = approval.detail(&sp_no).await.unwrap();
    assert_eq!(detail.sp_status, 1);
    assert_eq!(detail.sp_name, "Purchase");
    assert_eq!(detail.applyer.userid, "WangXiaoMing");
    assert_eq!(detail.sp_record.len(), 2);
    assert_eq!(detail.notifyer[0].userid, "WuJunJie");
    assert_eq!(detail.apply_data.contents[0].title[0].text, "Item");

    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let period = ApprovalQuery::new(now - 3600, now + 3600);
    let pending = approval
        .approval_numbers(&period.clone().sp_status(1))
        .await
        .unwrap();
    assert_eq!(pending.sp_no_list, [sp_no.as_str()]);

    // LiuXiaoGang approves the first step, ZhangSan and LiSi the second.
    for _ in 0..3 {
        assert!(sim.decide_approval(CORPID, &sp_no, true));
    }
    assert!(!sim.decide_approval(CORPID, &sp_no, true));
    let detail = approval.detail(&sp_no).await.unwrap();
    assert_eq!(detail.sp_status, 2);
    assert!(detail.sp_record.iter().all(|step| step.sp_status == 2));
    assert!(detail.sp_record[1].details.iter().all(|d| d.sptime > 0));

    let approved = approval
        .approval_numbers(&period.clone().sp_status(2).creator("WangXiaoMing"))
        .await
        .unwrap();
    assert_eq!(approved.sp_no_list, [sp_no.as_str()]);
    assert!(approval
        .approval_numbers(&period.clone().sp_status(1))
        .await
        .unwrap()
        .sp_no_list
        .is_empty());
    assert!(approval
        .approval_numbers(&ApprovalQuery::new(now - 20 * 86_400, now - 10 * 86_400))
        .await
        .unwrap()
        .sp_no_list
        .is_empty());
    assert_eq!(code(approval.detail("209901010001").await), Some(301025));

    // Special secrets may not call them.
    let crm = work_client(&sim, WorkApp::ExternalContact);
    assert_eq!(code(crm.approval().detail(&sp_no).await), Some(48002));
}
