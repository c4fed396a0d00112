//! WeCom's contacts, application messages, agents, media and JS-SDK, through the typed calls
//! of `wechat_runtime::work` against the simulator: state kept from one call to the next, and
//! WeCom's errcodes where it refuses.

use wechat_runtime::api::oauth::jsapi_signature;
use wechat_runtime::work::agent::{AgentButton, AgentSettings};
use wechat_runtime::work::contacts::{DepartmentForm, MemberForm};
use wechat_runtime::work::media::WorkMediaType;
use wechat_runtime::work::message::{AppMessage, CardButton, CardTitle, TemplateCard};
use wechat_runtime::work::{WorkApp, WorkKey};
use wechat_runtime::{Client, Hub, MemoryStore, Part, TicketType, Work};
use wechat_simulator::Simulator;

const CORP: &str = "ww00000000000000a1";
const AGENT: i64 = 1000002;
const OTHER_AGENT: i64 = 1000003;

type WorkClient = Client<Hub<MemoryStore>, Work>;

/// A WeCom client of `app` (with `secret`) against the simulator, through its own hub.
fn work_client(sim: &Simulator, app: WorkApp, secret: &str) -> WorkClient {
    let store = MemoryStore::new().with_work_app(WorkKey::new(CORP, app), secret);
    let hub = Hub::builder(store)
        .work_base_url(sim.work_base_url())
        .build()
        .unwrap();
    Client::work_builder(hub)
        .corpid(CORP)
        .work_app(app)
        .base_url(sim.work_base_url())
        .build()
        .unwrap()
}

/// A corp with the contacts secret and two agents, and a client of each.
async fn corp() -> (Simulator, WorkClient, WorkClient, WorkClient) {
    let sim = Simulator::start().await.unwrap();
    sim.add_work_app(CORP, "contacts", "contacts-secret");
    sim.add_work_app(CORP, &format!("agent:{AGENT}"), "agent-secret");
    sim.add_work_app(CORP, &format!("agent:{OTHER_AGENT}"), "other-secret");
    let contacts = work_client(&sim, WorkApp::Contacts, "contacts-secret");
    let agent = work_client(&sim, WorkApp::Agent(AGENT), "agent-secret");
    let other = work_client(&sim, WorkApp::Agent(OTHER_AGENT), "other-secret");
    (sim, contacts, agent, other)
}

fn code<T: std::fmt::Debug>(result: wechat_runtime::Result<T>) -> i64 {
    result.unwrap_err().errcode().expect("an errcode")
}

#[tokio::test]
async fn departments_and_members_keep_their_state() {
    let (_sim, contacts, agent, _) = corp().await;
    let c = contacts.contacts();
    let rd = c
        .create_department(&DepartmentForm::new("研发中心", 1).order(10))
        .await
        .unwrap();
    let backend = c
        .create_department(&DepartmentForm::new("后端", rd))
        .await
        .unwrap();
    assert_eq!(
        code(c.create_department(&DepartmentForm::new("后端", rd)).await),
        60008
    );
    assert_eq!(
        code(c.create_department(&DepartmentForm::new("x", 999)).await),
        60004
    );
    c.update_department(&DepartmentForm::update(backend).name_en("Backend"))
        .await
        .unwrap();
    assert_eq!(
        code(
            c.update_department(&DepartmentForm::update(rd).parentid(backend))
                .await
        ),
        60010
    );
    let tree = c.departments(Some(rd)).await.unwrap();
    assert_eq!(tree.iter().map(|d| d.id).collect::<Vec<_>>(), [rd, backend]);
    assert_eq!(c.department(backend).await.unwrap().name_en, "Backend");
    assert_eq!(c.department_ids(None).await.unwrap().len(), 3);

    c.create_user(
        &MemberForm::new("zhangsan", "张三", &[rd, backend])
            .mobile("13800000001")
            .leads(&[true, false]),
    )
    .await
    .unwrap();
    c.create_user(&MemberForm::new("lisi", "李四", &[backend]).email("lisi@example.com"))
        .await
        .unwrap();
    assert_eq!(
        code(
            c.create_user(&MemberForm::new("ZhangSan", "重名", &[rd]).mobile("1"))
                .await
        ),
        60102
    );
    assert_eq!(
        code(
            c.create_user(&MemberForm::new("wangwu", "王五", &[rd]).mobile("13800000001"))
                .await
        ),
        60104
    );
    // Only the contacts secret changes members and departments.
    let err = agent
        .contacts()
        .create_user(&MemberForm::new("wangwu", "王五", &[rd]).mobile("2"))
        .await;
    assert_eq!(code(err), 60011);

    let zhangsan = agent.contacts().user("zhangsan").await.unwrap();
    assert_eq!(
        (zhangsan.name.as_str(), zhangsan.department.clone()),
        ("张三", vec![rd, backend])
    );
    assert_eq!(zhangsan.main_department, Some(rd));
    assert_eq!(
        c.department(rd).await.unwrap().department_leader,
        ["zhangsan"]
    );
    let brief = c.department_users(backend).await.unwrap();
    assert_eq!(
        brief.iter().map(|m| m.userid.as_str()).collect::<Vec<_>>(),
        ["lisi", "zhangsan"]
    );
    assert_eq!(c.department_user_details(rd).await.unwrap().len(), 1);

    let openid = c.to_openid("zhangsan").await.unwrap();
    assert_eq!(c.to_userid(&openid).await.unwrap(), "zhangsan");
    assert_eq!(c.userid_by_mobile("13800000001").await.unwrap(), "zhangsan");
    assert_eq!(code(c.userid_by_mobile("13900000000").await), 46004);

    c.update_user(
        &MemberForm::update("zhangsan")
            .new_userid("zhangsan2")
            .position("架构师")
            .enabled(false),
    )
    .await
    .unwrap();
    assert_eq!(code(c.user("zhangsan").await), 60111);
    let renamed = c.user("zhangsan2").await.unwrap();
    assert_eq!((renamed.position.as_str(), renamed.status), ("架构师", 2));

    assert_eq!(code(c.delete_department(backend).await), 60005);
    assert_eq!(code(c.delete_department(rd).await), 60006);
    assert_eq!(code(c.delete_department(1).await), 60007);
    assert_eq!(code(c.delete_users(&["lisi", "nobody"]).await), 60111);
    c.delete_users(&["lisi"]).await.unwrap();
    c.delete_user("zhangsan2").await.unwrap();
    assert_eq!(code(c.delete_user("zhangsan2").await), 60111);
    c.delete_department(backend).await.unwrap();
    assert_eq!(code(c.department(backend).await), 60123);
}

#[tokio::test]
async fn tags_belong_to_their_app() {
    let (_sim, contacts, agent, other) = corp().await;
    let dept = contacts
        .contacts()
        .create_department(&DepartmentForm::new("销售", 1))
        .await
        .unwrap();
    contacts
        .contacts()
        .create_user(&MemberForm::new("zhangsan", "张三", &[dept]).mobile("13800000001"))
        .await
        .unwrap();
    let t = agent.contacts();
    let tag = t.create_tag("VIP", None).await.unwrap();
    assert_eq!(code(t.create_tag("VIP", None).await), 40071);
    let change = t
        .add_tag_members(tag, &["zhangsan", "nobody"], &[dept, 99])
        .await
        .unwrap();
    assert_eq!(
        (change.invalidlist, change.invalidparty),
        (vec!["nobody".to_owned()], vec![99])
    );
    assert_eq!(code(t.add_tag_members(tag, &["nobody"], &[]).await), 40070);
    let members = t.tag_members(tag).await.unwrap();
    assert_eq!(
        (
            members.tagname.as_str(),
            members.userlist[0].userid.as_str()
        ),
        ("VIP", "zhangsan")
    );
    assert_eq!(members.partylist, [dept]);

    // Another agent may read the tag, not change it; the contacts secret may.
    assert_eq!(
        other
            .contacts()
            .tag_members(tag)
            .await
            .unwrap()
            .userlist
            .len(),
        1
    );
    assert_eq!(code(other.contacts().update_tag(tag, "SVIP").await), 60011);
    assert_eq!(code(other.contacts().delete_tag(tag).await), 60011);
    contacts.contacts().update_tag(tag, "SVIP").await.unwrap();

    t.remove_tag_members(tag, &["zhangsan"], &[]).await.unwrap();
    assert!(t.tag_members(tag).await.unwrap().userlist.is_empty());
    let tags = t.tags().await.unwrap();
    assert_eq!((tags[0].tagid, tags[0].tagname.as_str()), (tag, "SVIP"));
    let invited = t.invite(&["zhangsan", "ghost"], &[], &[tag]).await.unwrap();
    assert_eq!(invited.invaliduser, ["ghost"]);
    assert_eq!(code(t.invite(&["ghost"], &[], &[]).await), 81013);
    t.delete_tag(tag).await.unwrap();
    assert_eq!(code(t.tag_members(tag).await), 40068);
}

#[tokio::test]
async fn messages_reach_members_and_are_recorded() {
    let (sim, contacts, agent, other) = corp().await;
    let c = contacts.contacts();
    let sales = c
        .create_department(&DepartmentForm::new("销售", 1))
        .await
        .unwrap();
    let east = c
        .create_department(&DepartmentForm::new("华东", sales))
        .await
        .unwrap();
    c.create_user(&MemberForm::new("zhangsan", "张三", &[1]).mobile("13800000001"))
        .await
        .unwrap();
    c.create_user(&MemberForm::new("lisi", "李四", &[east]).mobile("13800000002"))
        .await
        .unwrap();
    c.create_user(&MemberForm::new("wangwu", "王五", &[1]).mobile("13800000003"))
        .await
        .unwrap();
    let tag = agent.contacts().create_tag("值班", None).await.unwrap();
    agent
        .contacts()
        .add_tag_members(tag, &["wangwu"], &[])
        .await
        .unwrap();

    let message = AppMessage::text("周会改到 10:00")
        .to_users(&["ZhangSan", "ghost"])
        .to_parties(&[sales])
        .to_tags(&[tag, 404]);
    let sent = agent.app_message().send(&message).await.unwrap();
    assert_eq!(sent.invaliduser, ["ghost"]);
    assert_eq!(sent.invalidtag, ["404"]);
    assert!(sent.response_code.is_none());
    let records = sim.work_messages(CORP);
    assert_eq!(records.len(), 1);
    assert_eq!(records[0]["msgid"], sent.msgid.as_str());
    assert_eq!(records[0]["text"]["content"], "周会改到 10:00");
    assert_eq!(
        records[0]["delivered_to"],
        serde_json::json!(["lisi", "wangwu", "zhangsan"])
    );

    // A file message takes an uploaded media of the corp.
    let file = Part::bytes("media", "周报.txt", "本周完成".as_bytes().to_vec());
    let uploaded = agent
        .work_media()
        .upload(WorkMediaType::File, file)
        .await
        .unwrap();
    agent
        .app_message()
        .send(&AppMessage::file(&uploaded.media_id).to_all())
        .await
        .unwrap();
    assert_eq!(
        sim.work_messages(CORP)[1]["delivered_to"]
            .as_array()
            .unwrap()
            .len(),
        3
    );
    assert_eq!(
        code(
            agent
                .app_message()
                .send(&AppMessage::image("unknown").to_all())
                .await
        ),
        40007
    );

    let card = TemplateCard::button_interaction(
        "task-1",
        CardTitle::new("请假审批", "张三 3天"),
        vec![CardButton::callback("同意", "agree")],
    );
    let sent_card = agent
        .app_message()
        .send(&AppMessage::template_card(card).to_users(&["zhangsan"]))
        .await
        .unwrap();
    assert!(sent_card.response_code.is_some());

    assert_eq!(
        code(
            agent
                .app_message()
                .send(&AppMessage::text("x").to_users(&["ghost"]))
                .await
        ),
        81013
    );
    let as_other = AppMessage::text("x").to_all().agentid(OTHER_AGENT);
    assert_eq!(code(agent.app_message().send(&as_other).await), 301002);

    assert_eq!(code(other.app_message().recall(&sent.msgid).await), 40058);
    agent.app_message().recall(&sent.msgid).await.unwrap();
    assert_eq!(sim.work_messages(CORP)[0]["recalled"], true);
    assert_eq!(code(agent.app_message().recall(&sent.msgid).await), 40058);
}

#[tokio::test]
async fn an_agent_changes_its_settings_and_menu() {
    let (_sim, contacts, agent, _) = corp().await;
    let a = agent.agents();
    let info = a.get(AGENT).await.unwrap();
    assert_eq!(
        (info.agentid, info.allowed_parties.clone()),
        (AGENT, vec![1])
    );
    assert_eq!(code(a.get(OTHER_AGENT).await), 301002);
    assert_eq!(code(contacts.agents().get(AGENT).await), 301002);

    let logo = Part::bytes("media", "logo.png", vec![0x89; 64]);
    let logo = agent
        .work_media()
        .upload(WorkMediaType::Image, logo)
        .await
        .unwrap();
    let settings = AgentSettings::new(AGENT)
        .name("HR助手")
        .description("员工自助平台")
        .home_url("https://hr.example.com")
        .logo_mediaid(&logo.media_id)
        .report_enter(true);
    a.set(&settings).await.unwrap();
    let info = a.get(AGENT).await.unwrap();
    assert_eq!(
        (
            info.name.as_str(),
            info.home_url.as_str(),
            info.isreportenter
        ),
        ("HR助手", "https://hr.example.com", 1)
    );
    assert_eq!(
        code(
            a.set(&AgentSettings::new(AGENT).logo_mediaid("unknown"))
                .await
        ),
        40007
    );
    let list = a.list().await.unwrap();
    assert_eq!((list.len(), list[0].name.as_str()), (1, "HR助手"));
    assert!(contacts.agents().list().await.unwrap().is_empty());

    assert_eq!(code(a.menu(AGENT).await), 46003);
    let menu = vec![
        AgentButton::click("打卡", "CLOCK_IN"),
        AgentButton::parent(
            "更多",
            vec![AgentButton::view("主页", "https://hr.example.com")],
        ),
    ];
    a.create_menu(AGENT, &menu).await.unwrap();
    assert_eq!(a.menu(AGENT).await.unwrap(), menu);
    assert_eq!(code(a.create_menu(OTHER_AGENT, &menu).await), 301002);
    a.delete_menu(AGENT).await.unwrap();
    assert_eq!(code(a.menu(AGENT).await), 46003);
}

#[tokio::test]
async fn media_round_trip_and_refusals() {
    let (_sim, _contacts, agent, other) = corp().await;
    let m = agent.work_media();
    let bytes: Vec<u8> = (0..=255u8).cycle().take(4096).collect();
    let uploaded = m
        .upload(
            WorkMediaType::Voice,
            Part::bytes("media", "hello.amr", bytes.clone()).content_type("audio/amr"),
        )
        .await
        .unwrap();
    assert_eq!(uploaded.kind, WorkMediaType::Voice);
    assert!(uploaded.created_at > 0);
    // Media are shared by the corp's apps.
    let file = other.work_media().get(&uploaded.media_id).await.unwrap();
    assert_eq!(file.data.to_vec(), bytes);
    assert_eq!(file.filename.as_deref(), Some("hello.amr"));
    assert_eq!(file.content_type.as_deref(), Some("audio/amr"));
    assert_eq!(code(m.get("3unknown").await), 40007);

    let url = m
        .upload_img(Part::bytes("media", "banner.png", vec![1u8; 128]))
        .await
        .unwrap();
    assert!(url.starts_with("https://wework.qpic.cn/wwpic/"), "{url}");
    assert_eq!(
        code(
            m.upload_img(Part::bytes("media", "banner.gif", vec![1u8; 128]))
                .await
        ),
        40005
    );
}

#[tokio::test]
async fn js_sdk_signatures_use_the_corp_and_agent_tickets() {
    let (_sim, _contacts, agent, _) = corp().await;
    let page = "https://hr.example.com/leave?id=7#section";
    let config = agent.work_jssdk().config(page).await.unwrap();
    let corp_ticket = agent.ticket(TicketType::Jsapi).await.unwrap();
    assert_eq!(config.corpid, CORP);
    assert_eq!(
        config.signature,
        jsapi_signature(
            &corp_ticket.value,
            &config.nonce_str,
            config.timestamp,
            page
        )
    );
    let agent_config = agent.work_jssdk().agent_config(page).await.unwrap();
    let agent_ticket = agent.ticket(TicketType::AgentConfig).await.unwrap();
    assert_ne!(agent_ticket.value, corp_ticket.value);
    assert_eq!(agent_config.agentid, AGENT);
    assert_eq!(
        agent_config.signature,
        jsapi_signature(
            &agent_ticket.value,
            &agent_config.nonce_str,
            agent_config.timestamp,
            page
        )
    );
}
