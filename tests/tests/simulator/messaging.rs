//! QR codes, customer service, template, subscribe and mass messages: the SDK's typed calls
//! against the simulator, and raw requests for WeChat's input checks.

use serde_json::{json, Value};
use wechat_runtime::api::message::{
    CustomMessage, MassMessage, MassSend, MassSendAll, MiniProgramSubscribeMessage, PreviewTarget,
    SubscribeMessage, TemplateMessage, TypingCommand,
};
use wechat_runtime::api::qrcode::Scene;
use wechat_simulator::errcode;

use crate::common::{errcode, post_json, sdk_client, sim, token, APPID};

const USER: &str = "oLVPpjqs9BhvzwPj5A-vTYAX3GLc";
const OTHER_USER: &str = "oLVPpjqs9BhvzwPj5A-vTYAX3GLd";

fn code<T: std::fmt::Debug>(result: wechat_runtime::Result<T>) -> Option<i64> {
    result.expect_err("an API error").errcode()
}

#[tokio::test]
async fn qrcodes_keep_their_scene() {
    let sim = sim().await;
    let client = sdk_client(&sim);

    let temporary = client
        .qrcode()
        .temporary(Scene::Str("invite:42".into()), 604_800)
        .await
        .unwrap();
    assert_eq!(temporary.expire_seconds, Some(604_800));
    assert!(temporary.url.starts_with("http://weixin.qq.com/q/"));
    let code = sim.qrcode(&temporary.ticket).expect("the ticket is known");
    assert_eq!(code["action_name"], "QR_STR_SCENE");
    assert_eq!(code["action_info"]["scene"]["scene_str"], "invite:42");
    assert_eq!(code["expire_seconds"], 604_800);
    assert_eq!(code["appid"], APPID);

    let by_id = client.qrcode().temporary(Scene::Id(7), 60).await.unwrap();
    assert_eq!(
        sim.qrcode(&by_id.ticket).unwrap()["action_info"]["scene"]["scene_id"],
        7
    );

    let permanent = client.qrcode().permanent(Scene::Id(100_000)).await.unwrap();
    assert_eq!(permanent.expire_seconds, None);
    let code = sim.qrcode(&permanent.ticket).unwrap();
    assert_eq!(code["action_name"], "QR_LIMIT_SCENE");
    assert!(code.get("expire_seconds").is_none());
    // One permanent code per scene.
    let again = client.qrcode().permanent(Scene::Id(100_000)).await.unwrap();
    assert_eq!(again.ticket, permanent.ticket);
    let named = client
        .qrcode()
        .permanent(Scene::Str("shop".into()))
        .await
        .unwrap();
    assert_ne!(named.ticket, permanent.ticket);
    assert_eq!(
        sim.qrcode(&named.ticket).unwrap()["action_info"]["scene"]["scene_str"],
        "shop"
    );
    assert!(sim.qrcode("no-such-ticket").is_none());
}

#[tokio::test]
async fn qrcode_and_shorten_input_checks() {
    let sim = sim().await;
    let token = token(&sim).await;
    let create = format!("/cgi-bin/qrcode/create?access_token={token}");
    let cases = [
        (
            json!({"action_name": "QR_FOREVER", "action_info": {"scene": {"scene_id": 1}}}),
            errcode::INVALID_ACTION_NAME,
        ),
        (
            json!({"action_name": "QR_LIMIT_SCENE", "action_info": {"scene": {"scene_id": 100_001}}}),
            errcode::INVALID_ACTION_INFO,
        ),
        (
            json!({"action_name": "QR_SCENE", "action_info": {"scene": {"scene_id": 0}}}),
            errcode::INVALID_ACTION_INFO,
        ),
        (
            json!({"action_name": "QR_STR_SCENE", "action_info": {"scene": {"scene_str": "s".repeat(65)}}}),
            errcode::INVALID_ACTION_INFO,
        ),
        (
            json!({"action_name": "QR_STR_SCENE", "action_info": {}}),
            errcode::INVALID_ACTION_INFO,
        ),
    ];
    for (body, expected) in cases {
        let answer = post_json(&sim, &create, body.clone()).await;
        assert_eq!(errcode(&answer), expected, "{body}");
    }
    // No expire_seconds: WeChat's 60 seconds; too long: capped at 30 days.
    let short = post_json(
        &sim,
        &create,
        json!({"action_name": "QR_SCENE", "action_info": {"scene": {"scene_id": 5}}}),
    )
    .await;
    assert_eq!(short["expire_seconds"], 60);
    let long = post_json(
        &sim,
        &create,
        json!({"expire_seconds": 9_999_999, "action_name": "QR_SCENE", "action_info": {"scene": {"scene_id": 5}}}),
    )
    .await;
    assert_eq!(long["expire_seconds"], 2_592_000);

    let client = sdk_client(&sim);
    let key = client
        .qrcode()
        .shorten("a long text", 86_400)
        .await
        .unwrap();
    assert_eq!(key.len(), 15);
    let data = client.qrcode().fetch_shorten(&key).await.unwrap();
    assert_eq!(data.long_data, "a long text");
    assert!(data.expire_seconds <= 86_400 && data.expire_seconds > 86_000);
    assert_eq!(
        code(client.qrcode().fetch_shorten("iTqRJFSEqk9RvPk").await),
        Some(errcode::SHORT_KEY_INVALID)
    );
    let gen = format!("/cgi-bin/shorten/gen?access_token={token}");
    let cases = [
        (json!({"expire_seconds": 60}), errcode::ARGUMENT_INVALID),
        (
            json!({"long_data": "x".repeat(4097), "expire_seconds": 60}),
            errcode::LONG_DATA_TOO_LONG,
        ),
        (
            json!({"long_data": "x", "expire_seconds": 2_592_001}),
            errcode::EXPIRE_SECONDS_TOO_LONG,
        ),
    ];
    for (body, expected) in cases {
        let answer = post_json(&sim, &gen, body.clone()).await;
        assert_eq!(errcode(&answer), expected, "{body}");
    }
}

#[tokio::test]
async fn kf_accounts_add_list_update_delete() {
    let sim = sim().await;
    let client = sdk_client(&sim);
    let cs = client.customer_service();

    cs.add_account("alice@gh_account", "Alice").await.unwrap();
    cs.add_account("bob@gh_account", "Bob").await.unwrap();
    assert_eq!(
        code(cs.add_account("alice@gh_account", "Alice again").await),
        Some(errcode::KF_ACCOUNT_EXISTS)
    );
    cs.update_account("bob@gh_account", "Bobby").await.unwrap();
    assert_eq!(
        code(cs.update_account("carol@gh_account", "Carol").await),
        Some(errcode::INVALID_KF_ACCOUNT)
    );
    cs.upload_avatar("alice@gh_account", "alice.jpg", vec![0xFF, 0xD8, 0xFF])
        .await
        .unwrap();
    cs.invite_worker("bob@gh_account", "bob_wechat")
        .await
        .unwrap();

    let accounts = cs.accounts().await.unwrap();
    let names: Vec<(&str, &str)> = accounts
        .iter()
        .map(|a| (a.kf_account.as_str(), a.kf_nick.as_str()))
        .collect();
    assert_eq!(
        names,
        [("alice@gh_account", "Alice"), ("bob@gh_account", "Bobby")]
    );
    assert_eq!(accounts[0].kf_id.as_deref(), Some("1001"));
    assert!(accounts[0]
        .kf_headimgurl
        .as_deref()
        .is_some_and(|url| url.starts_with("http://mmbiz.qpic.cn/")));
    assert_eq!(accounts[1].invite_wx.as_deref(), Some("bob_wechat"));
    assert_eq!(accounts[1].invite_status.as_deref(), Some("waiting"));
    assert_eq!(
        code(cs.invite_worker("bob@gh_account", "bob_wechat").await),
        Some(errcode::KF_INVITE_PENDING)
    );
    assert!(sim.accept_kf_invitation(APPID, "bob@gh_account"));
    let bob = cs.accounts().await.unwrap().remove(1);
    assert_eq!(bob.kf_wx.as_deref(), Some("bob_wechat"));
    assert!(bob.kf_openid.is_some());

    let online = cs.online_accounts().await.unwrap();
    assert_eq!(online.len(), 2);
    assert_eq!(online[0].status, 1);

    cs.delete_account("alice@gh_account").await.unwrap();
    assert_eq!(
        code(cs.delete_account("alice@gh_account").await),
        Some(errcode::INVALID_KF_ACCOUNT)
    );
    let left: Vec<String> = cs
        .accounts()
        .await
        .unwrap()
        .into_iter()
        .map(|a| a.kf_account)
        .collect();
    assert_eq!(left, ["bob@gh_account"]);
}

#[tokio::test]
async fn kf_sessions_from_waiting_to_closed() {
    let sim = sim().await;
    let client = sdk_client(&sim);
    let cs = client.customer_service();
    cs.add_account("alice@gh_account", "Alice").await.unwrap();
    cs.add_account("bob@gh_account", "Bob").await.unwrap();

    assert!(sim.add_kf_waiting_user(APPID, USER));
    assert!(sim.add_kf_waiting_user(APPID, OTHER_USER));
    assert!(!sim.add_kf_waiting_user(APPID, USER));
    let waiting = cs.waiting().await.unwrap();
    assert_eq!(waiting.count, 2);
    let order: Vec<&str> = waiting
        .waitcaselist
        .iter()
        .map(|w| w.openid.as_str())
        .collect();
    assert_eq!(order, [USER, OTHER_USER]);
    assert_eq!(cs.session(USER).await.unwrap().kf_account, "");

    cs.create_session("alice@gh_account", USER).await.unwrap();
    let session = cs.session(USER).await.unwrap();
    assert_eq!(session.kf_account, "alice@gh_account");
    assert!(session.createtime > 0);
    assert_eq!(cs.waiting().await.unwrap().count, 1);
    assert_eq!(
        code(cs.create_session("bob@gh_account", USER).await),
        Some(errcode::KF_SESSION_TAKEN)
    );
    let sessions = cs.sessions("alice@gh_account").await.unwrap();
    assert_eq!(sessions.len(), 1);
    assert_eq!(sessions[0].openid, USER);
    assert_eq!(cs.online_accounts().await.unwrap()[0].accepted_case, 1);

    assert_eq!(
        code(cs.close_session("bob@gh_account", USER).await),
        Some(errcode::KF_NO_SESSION)
    );
    cs.close_session("alice@gh_account", USER).await.unwrap();
    assert_eq!(cs.session(USER).await.unwrap().kf_account, "");
    assert!(cs.sessions("alice@gh_account").await.unwrap().is_empty());
    assert_eq!(
        code(cs.sessions("nobody@gh_account").await),
        Some(errcode::INVALID_KF_ACCOUNT)
    );
}

#[tokio::test]
async fn messages_sent_as_an_account_become_records() {
    let sim = sim().await;
    let client = sdk_client(&sim);
    client
        .customer_service()
        .add_account("alice@gh_account", "Alice")
        .await
        .unwrap();
    let message = client.message();
    message
        .send_as(USER, &CustomMessage::text("hello"), "alice@gh_account")
        .await
        .unwrap();
    message
        .send_as(USER, &CustomMessage::image("MEDIA_ID"), "alice@gh_account")
        .await
        .unwrap();
    message
        .send(OTHER_USER, &CustomMessage::text("not a record"))
        .await
        .unwrap();
    assert_eq!(
        code(
            message
                .send_as(USER, &CustomMessage::text("x"), "ghost@gh_account")
                .await
        ),
        Some(errcode::INVALID_KF_ACCOUNT)
    );
    assert_eq!(sim.sent_messages().len(), 3);
    message.typing(USER, TypingCommand::Typing).await.unwrap();
    message
        .typing(USER, TypingCommand::CancelTyping)
        .await
        .unwrap();

    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let cs = client.customer_service();
    let first = cs.msg_records(now - 3600, now + 3600, 1, 1).await.unwrap();
    assert_eq!(first.number, 1);
    assert_eq!(first.recordlist[0].text, "hello");
    assert_eq!(first.recordlist[0].worker, "alice@gh_account");
    assert_eq!(first.recordlist[0].opercode, 2002);
    let rest = cs
        .msg_records(now - 3600, now + 3600, first.msgid, 10)
        .await
        .unwrap();
    let texts: Vec<&str> = rest.recordlist.iter().map(|r| r.text.as_str()).collect();
    assert_eq!(texts, ["[image]"]);
    let past = cs
        .msg_records(now - 90_000, now - 7200, 1, 10)
        .await
        .unwrap();
    assert!(past.recordlist.is_empty());
}

#[tokio::test]
async fn template_industry_templates_and_sends() {
    let sim = sim().await;
    let client = sdk_client(&sim);
    let templates = client.template();

    templates.set_industry("1", "4").await.unwrap();
    let industry = templates.industry().await.unwrap();
    let primary = industry.primary_industry.unwrap();
    assert_eq!(primary.first_class, "IT科技");
    assert_eq!(
        industry.secondary_industry.unwrap().second_class,
        "电子技术"
    );
    assert_eq!(
        code(templates.set_industry("1", "99").await),
        Some(errcode::INVALID_INDUSTRY_ID)
    );

    let id = templates
        .add("TM00015", &["商品名称", "订单金额"])
        .await
        .unwrap();
    let list = templates.list().await.unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].template_id, id);
    assert_eq!(list[0].primary_industry, "IT科技");
    assert!(list[0].content.contains("{{keyword2.DATA}}"));

    let message = TemplateMessage::new(USER, &id)
        .url("https://example.com/orders/42")
        .data("keyword1", "Chocolate");
    let msgid = templates.send(&message).await.unwrap();
    let sent = sim.sent_templates(APPID);
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0]["msgid"], msgid);
    assert_eq!(sent[0]["data"]["keyword1"]["value"], "Chocolate");
    let second = templates.send(&message).await.unwrap();
    assert_ne!(second, msgid);

    templates.delete(&id).await.unwrap();
    assert!(templates.list().await.unwrap().is_empty());
    assert_eq!(
        code(templates.delete(&id).await),
        Some(errcode::INVALID_TEMPLATE_ID)
    );
    assert_eq!(
        code(templates.send(&message).await),
        Some(errcode::INVALID_TEMPLATE_ID)
    );
    assert_eq!(sim.sent_templates(APPID).len(), 2);
}

#[tokio::test]
async fn template_limits_and_input_checks() {
    let sim = sim().await;
    let client = sdk_client(&sim);
    let mut ids = Vec::new();
    for i in 0..25 {
        ids.push(
            client
                .template()
                .add(&format!("TM{i:05}"), &[])
                .await
                .unwrap(),
        );
    }
    assert_eq!(
        code(client.template().add("TM99999", &[]).await),
        Some(errcode::TEMPLATE_NUM_EXCEEDS_LIMIT)
    );
    // Changing the industries deletes the templates chosen under the old ones.
    client.template().set_industry("1", "2").await.unwrap();
    client.template().set_industry("10", "11").await.unwrap();
    assert!(client.template().list().await.unwrap().is_empty());
    let id = client.template().add("TM00001", &[]).await.unwrap();

    let token = token(&sim).await;
    let send = format!("/cgi-bin/message/template/send?access_token={token}");
    let cases = [
        (json!({"template_id": id}), errcode::INVALID_OPENID),
        (
            json!({"touser": "not an openid!", "template_id": id}),
            errcode::INVALID_OPENID,
        ),
        (
            json!({"touser": USER, "template_id": "unknown"}),
            errcode::INVALID_TEMPLATE_ID,
        ),
        (
            json!({"touser": USER, "template_id": id, "data": {"keyword1": "no value object"}}),
            errcode::ARGUMENT_INVALID,
        ),
        (
            json!({"touser": USER, "template_id": id, "miniprogram": {"pagepath": "index"}}),
            errcode::ARGUMENT_INVALID,
        ),
    ];
    for (body, expected) in cases {
        let answer = post_json(&sim, &send, body.clone()).await;
        assert_eq!(errcode(&answer), expected, "{body}");
    }
    assert!(sim.sent_templates(APPID).is_empty());
}

#[tokio::test]
async fn subscribe_library_templates_and_sends() {
    let sim = sim().await;
    let client = sdk_client(&sim);
    let subscribe = client.subscribe();

    let categories = subscribe.categories().await.unwrap();
    assert!(!categories.is_empty());
    let ids: Vec<u64> = categories.iter().map(|c| c.id).collect();
    let titles = subscribe.pub_template_titles(&ids, 0, 30).await.unwrap();
    assert_eq!(titles.count, titles.data.len() as u64);
    let tid = titles.data[0].tid;
    let page = subscribe.pub_template_titles(&ids, 1, 1).await.unwrap();
    assert_eq!(page.data.len(), 1);
    assert_eq!(page.data[0].tid, titles.data[1].tid);
    let keywords = subscribe.pub_template_keywords(tid).await.unwrap();
    let kids: Vec<u64> = keywords.data.iter().take(2).map(|k| k.kid).collect();
    assert_eq!(
        code(subscribe.pub_template_keywords(1).await),
        Some(errcode::INVALID_TID)
    );

    let id = subscribe
        .add_template(tid, &kids, Some("发货提醒"))
        .await
        .unwrap();
    let templates = subscribe.templates().await.unwrap();
    assert_eq!(templates.len(), 1);
    assert_eq!(templates[0].pri_tmpl_id, id);
    assert_eq!(templates[0].title, titles.data[0].title);
    let names: Vec<String> = keywords.data[..2]
        .iter()
        .map(|k| format!("{}{}", k.rule, k.kid))
        .collect();
    for name in &names {
        assert!(templates[0]
            .content
            .contains(&format!("{{{{{name}.DATA}}}}")));
    }
    assert_eq!(
        code(subscribe.add_template(tid, &[kids[0], kids[0]], None).await),
        Some(errcode::INVALID_KID_LIST)
    );

    let biz = SubscribeMessage::new(USER, &id)
        .page("https://example.com")
        .data(&names[0], "A")
        .data(&names[1], "B");
    subscribe.bizsend(&biz).await.unwrap();
    let mini = MiniProgramSubscribeMessage::new(OTHER_USER, &id)
        .data(&names[0], "A")
        .data(&names[1], "B");
    subscribe.send(&mini).await.unwrap();
    let partial = SubscribeMessage::new(USER, &id).data(&names[0], "A");
    assert_eq!(
        code(subscribe.bizsend(&partial).await),
        Some(errcode::ARGUMENT_INVALID)
    );
    let sent = sim.sent_subscribe_messages(APPID);
    let receivers: Vec<&Value> = sent.iter().map(|m| &m["touser"]).collect();
    assert_eq!(receivers, [USER, OTHER_USER]);

    subscribe.delete_template(&id).await.unwrap();
    assert!(subscribe.templates().await.unwrap().is_empty());
    assert_eq!(
        code(subscribe.delete_template(&id).await),
        Some(errcode::INVALID_PARAMETER)
    );
    assert_eq!(
        code(subscribe.bizsend(&biz).await),
        Some(errcode::INVALID_TEMPLATE_ID)
    );
}

#[tokio::test]
async fn mass_send_status_and_delete() {
    let sim = sim().await;
    let client = sdk_client(&sim);
    let mass = client.mass();

    let to_tag = mass
        .send_all(&MassSendAll::to_tag(2, MassMessage::mpnews("MEDIA_ID")))
        .await
        .unwrap();
    assert!(to_tag.msg_data_id.is_some());
    let to_users = mass
        .send(&MassSend::to_users(
            vec![USER.into(), OTHER_USER.into()],
            MassMessage::text("Hello, followers"),
        ))
        .await
        .unwrap();
    assert_eq!(to_users.msg_data_id, None);
    assert_ne!(to_tag.msg_id, to_users.msg_id);
    let preview = mass
        .preview(
            &PreviewTarget::OpenId(USER.into()),
            &MassMessage::text("preview"),
        )
        .await
        .unwrap();

    let status = mass.status(to_tag.msg_id).await.unwrap();
    assert_eq!(status.msg_id, to_tag.msg_id);
    assert_eq!(status.msg_status, "SEND_SUCCESS");
    mass.delete(to_tag.msg_id, None).await.unwrap();
    assert_eq!(
        mass.status(to_tag.msg_id).await.unwrap().msg_status,
        "DELETE"
    );
    assert_eq!(
        code(mass.delete(42, None).await),
        Some(errcode::INVALID_MSG_ID)
    );
    assert_eq!(
        code(mass.status(preview).await),
        Some(errcode::INVALID_MSG_ID)
    );

    let jobs = sim.mass_jobs(APPID);
    let kinds: Vec<(&Value, &Value)> = jobs
        .iter()
        .map(|j| (&j["kind"], &j["msg_status"]))
        .collect();
    assert_eq!(
        kinds,
        [
            (&json!("sendall"), &json!("DELETE")),
            (&json!("send"), &json!("SEND_SUCCESS")),
            (&json!("preview"), &json!("SEND_SUCCESS")),
        ]
    );
    assert_eq!(jobs[1]["body"]["text"]["content"], "Hello, followers");
}

#[tokio::test]
async fn mass_and_kf_input_checks() {
    let sim = sim().await;
    let token = token(&sim).await;
    let at = |path: &str| format!("{path}?access_token={token}");
    let cases = [
        (
            "/cgi-bin/message/mass/send",
            json!({"touser": [USER], "msgtype": "text", "text": {"content": "x"}}),
            errcode::INVALID_OPENID_LIST_SIZE,
        ),
        (
            "/cgi-bin/message/mass/send",
            json!({"touser": [USER, "bad openid!"], "msgtype": "text", "text": {"content": "x"}}),
            errcode::INVALID_OPENID,
        ),
        (
            "/cgi-bin/message/mass/sendall",
            json!({"filter": {"is_to_all": true}, "msgtype": "fax"}),
            errcode::INVALID_MESSAGE_TYPE,
        ),
        (
            "/cgi-bin/message/mass/sendall",
            json!({"filter": {"is_to_all": true}, "msgtype": "mpnews", "mpnews": {}}),
            errcode::INVALID_MEDIA_ID,
        ),
        (
            "/cgi-bin/message/mass/sendall",
            json!({"msgtype": "text", "text": {"content": "x"}}),
            errcode::DATA_FORMAT_ERROR,
        ),
        (
            "/cgi-bin/message/mass/get",
            json!({"msg_id": "1000"}),
            errcode::INVALID_MSG_ID,
        ),
        (
            "/customservice/kfaccount/add",
            json!({"kf_account": "no-at-sign", "nickname": "x"}),
            errcode::ILLEGAL_KF_ACCOUNT,
        ),
        (
            "/customservice/kfaccount/add",
            json!({"kf_account": "prefix_too_long@gh", "nickname": "x"}),
            errcode::ILLEGAL_KF_ACCOUNT,
        ),
        (
            "/customservice/kfaccount/add",
            json!({"kf_account": "a@gh", "nickname": "n".repeat(17)}),
            errcode::INVALID_KF_NICKNAME,
        ),
        (
            "/customservice/kfsession/create",
            json!({"kf_account": "a@gh", "openid": USER}),
            errcode::INVALID_KF_ACCOUNT,
        ),
        (
            "/customservice/msgrecord/getmsglist",
            json!({"starttime": 100, "endtime": 100_000, "msgid": 1, "number": 10}),
            errcode::KF_QUERY_SPAN_TOO_LONG,
        ),
        (
            "/customservice/msgrecord/getmsglist",
            json!({"starttime": 100, "endtime": 200, "msgid": 1, "number": 10_001}),
            errcode::KF_INVALID_QUERY,
        ),
        (
            "/cgi-bin/message/custom/typing",
            json!({"touser": USER, "command": "Thinking"}),
            errcode::INVALID_TYPING_COMMAND,
        ),
        (
            "/cgi-bin/message/subscribe/send",
            json!({"touser": USER, "template_id": "unknown"}),
            errcode::INVALID_TEMPLATE_ID,
        ),
        (
            "/wxaapi/newtmpl/addtemplate",
            json!({"tid": "498", "kidList": [1, 2], "sceneDesc": "一二三四五六七八九十一二三四五六"}),
            errcode::INVALID_SCENE_DESC,
        ),
    ];
    for (path, body, expected) in cases {
        let answer = post_json(&sim, &at(path), body.clone()).await;
        assert_eq!(errcode(&answer), expected, "{path} {body}");
    }
    // One account past the hundred is refused.
    for i in 0..100 {
        let body = json!({"kf_account": format!("kf{i}@gh_account"), "nickname": "agent"});
        let answer = post_json(&sim, &at("/customservice/kfaccount/add"), body).await;
        assert_eq!(errcode(&answer), 0);
    }
    let answer = post_json(
        &sim,
        &at("/customservice/kfaccount/add"),
        json!({"kf_account": "extra@gh_account", "nickname": "agent"}),
    )
    .await;
    assert_eq!(errcode(&answer), errcode::KF_ACCOUNT_LIMIT);
    assert!(sim.mass_jobs(APPID).is_empty());
}
