//! The agent's details, settings, the agents list, and the agent's menu.

use serde_json::json;
use wechat_runtime::work::agent::{AgentButton, AgentButtonKind, AgentSettings};
use wechat_runtime::work::WorkApp;

use crate::common::api::{assert_invalid, errcode};
use crate::work_contacts::{done, wecom, AGENT, Q};

#[tokio::test]
async fn get_decodes_an_agent() {
    let (api, client) = wecom(WorkApp::Agent(1000005)).await;
    api.answer(
        "/cgi-bin/agent/get",
        json!({
            "errcode": 0, "errmsg": "ok", "agentid": 1000005, "name": "HR助手",
            "square_logo_url": "https://p.qlogo.cn/bizmail/FicwmI50icF8GH9ib7rUAYR5kicLTgP265naVFQKnleqSlRhiaBx7QA9u7Q/0",
            "description": "HR服务与员工自助平台",
            "allow_userinfos": {"user": [{"userid": "zhangshan"}, {"userid": "lisi"}]},
            "allow_partys": {"partyid": [1]}, "allow_tags": {"tagid": [1, 2, 3]},
            "close": 0, "redirect_domain": "open.work.weixin.qq.com", "report_location_flag": 0,
            "isreportenter": 0, "home_url": "https://open.work.weixin.qq.com", "customized_publish_status": 1
        }),
    );
    let agent = client.agents().get(1000005).await.unwrap();
    api.expect(
        "GET",
        "/cgi-bin/agent/get",
        &[Q[0], ("agentid", "1000005")],
        None,
    );
    assert_eq!(agent.name, "HR助手");
    assert_eq!(agent.allowed_users, ["zhangshan", "lisi"]);
    assert_eq!(
        (agent.allowed_parties, agent.allowed_tags),
        (vec![1], vec![1, 2, 3])
    );
    assert!(!agent.closed);
    assert_eq!(agent.customized_publish_status, Some(1));
    api.answer(
        "/cgi-bin/agent/get",
        errcode(
            301002,
            "not allow operate another agent with this accesstoken.",
        ),
    );
    assert_eq!(
        client.agents().get(1).await.unwrap_err().errcode(),
        Some(301002)
    );
}

#[tokio::test]
async fn set_and_list_agents() {
    let (api, client) = wecom(WorkApp::Agent(AGENT)).await;
    api.answer("/cgi-bin/agent/set", done("ok"));
    let settings = AgentSettings::new(AGENT)
        .report_location(false)
        .logo_mediaid("j5Y8X5yocspvBHcgXMSS6z1Cn9RQKREEJr4ecgLHi4YHOYP-plvom-yD9zNI0vEl")
        .name("财经助手")
        .description("内部财经服务平台")
        .redirect_domain("open.work.weixin.qq.com")
        .report_enter(false)
        .home_url("https://open.work.weixin.qq.com");
    client.agents().set(&settings).await.unwrap();
    api.expect(
        "POST",
        "/cgi-bin/agent/set",
        Q,
        Some(json!({
            "agentid": AGENT, "report_location_flag": 0,
            "logo_mediaid": "j5Y8X5yocspvBHcgXMSS6z1Cn9RQKREEJr4ecgLHi4YHOYP-plvom-yD9zNI0vEl",
            "name": "财经助手", "description": "内部财经服务平台",
            "redirect_domain": "open.work.weixin.qq.com", "isreportenter": 0,
            "home_url": "https://open.work.weixin.qq.com"
        })),
    );
    api.answer(
        "/cgi-bin/agent/set",
        errcode(85005, "redirect_domain must be verified"),
    );
    let err = client
        .agents()
        .set(&AgentSettings::new(AGENT).redirect_domain("x.example.com"))
        .await
        .unwrap_err();
    assert_eq!(err.errcode(), Some(85005));
    let sent = api.sent();
    for settings in [
        AgentSettings::new(AGENT),
        AgentSettings::new(AGENT).description("短"),
        AgentSettings::new(AGENT).name(""),
        AgentSettings::new(AGENT).home_url("ftp://x"),
    ] {
        assert_invalid(client.agents().set(&settings).await.unwrap_err());
    }
    assert_eq!(api.sent(), sent);

    api.answer(
        "/cgi-bin/agent/list",
        json!({"errcode": 0, "errmsg": "ok", "agentlist": [
            {"agentid": 1000005, "name": "HR助手", "square_logo_url": "https://p.qlogo.cn/bizmail/FicwmI50icF8GH9ib7rUAYR5kicLTgP265naVFQKnleqSlRhiaBx7QA9u7Q/0"}
        ]}),
    );
    let agents = client.agents().list().await.unwrap();
    api.expect("GET", "/cgi-bin/agent/list", Q, None);
    assert_eq!(
        (agents[0].agentid, agents[0].name.as_str()),
        (1000005, "HR助手")
    );
}

#[tokio::test]
async fn the_agents_menu() {
    let (api, client) = wecom(WorkApp::Agent(AGENT)).await;
    let menu = vec![
        AgentButton::click("今日歌曲", "V1001_TODAY_MUSIC"),
        AgentButton::parent(
            "菜单",
            vec![
                AgentButton::view("搜索", "http://www.soso.com/"),
                AgentButton::keyed(AgentButtonKind::ScancodePush, "扫码", "rselfmenu_0_1"),
                AgentButton::miniprogram("小程序", "wx8bd80126147dfAAF", "pages/lunar/index"),
            ],
        ),
    ];
    let wire = json!({"button": [
        {"type": "click", "name": "今日歌曲", "key": "V1001_TODAY_MUSIC"},
        {"name": "菜单", "sub_button": [
            {"type": "view", "name": "搜索", "url": "http://www.soso.com/"},
            {"type": "scancode_push", "name": "扫码", "key": "rselfmenu_0_1"},
            {"type": "view_miniprogram", "name": "小程序", "appid": "wx8bd80126147dfAAF", "pagepath": "pages/lunar/index"}
        ]}
    ]});
    api.answer("/cgi-bin/menu/create", done("ok"));
    client.agents().create_menu(AGENT, &menu).await.unwrap();
    api.expect(
        "POST",
        "/cgi-bin/menu/create",
        &[Q[0], ("agentid", "1000002")],
        Some(wire.clone()),
    );

    let mut answer = wire;
    answer["errcode"] = 0.into();
    answer["errmsg"] = "ok".into();
    api.answer("/cgi-bin/menu/get", answer);
    assert_eq!(client.agents().menu(AGENT).await.unwrap(), menu);
    api.expect(
        "GET",
        "/cgi-bin/menu/get",
        &[Q[0], ("agentid", "1000002")],
        None,
    );

    api.answer("/cgi-bin/menu/delete", done("ok"));
    client.agents().delete_menu(AGENT).await.unwrap();
    api.expect(
        "GET",
        "/cgi-bin/menu/delete",
        &[Q[0], ("agentid", "1000002")],
        None,
    );
    api.answer("/cgi-bin/menu/get", errcode(46003, "menu no exist"));
    assert_eq!(
        client.agents().menu(AGENT).await.unwrap_err().errcode(),
        Some(46003)
    );

    let sent = api.sent();
    for bad in [
        vec![],
        vec![AgentButton::click("a", "a"); 4],
        vec![AgentButton::parent("空", vec![])],
        vec![AgentButton::parent(
            "p",
            vec![AgentButton::click("a", "a"); 6],
        )],
        vec![AgentButton::view("没有链接", "")],
        vec![AgentButton::click("名字太长的一个按钮", "k")],
        vec![AgentButton::miniprogram("m", "", "pages/index")],
    ] {
        assert_invalid(client.agents().create_menu(AGENT, &bad).await.unwrap_err());
    }
    assert_eq!(api.sent(), sent);
}
