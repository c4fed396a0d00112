//! Users, tags, the blacklist, menus and the basic APIs: the SDK's typed calls against the
//! simulator, and raw requests for WeChat's input checks.

use futures_util::TryStreamExt;
use serde_json::json;
use wechat_runtime::api::basic::{CheckAction, CheckOperator};
use wechat_runtime::api::menu::{Button, MatchRule};
use wechat_simulator::errcode;

use crate::common::{errcode, get_json, post_json, sdk_client, sim, token, APPID};

/// `n` well-formed OpenIDs (28 characters), sorted.
fn openids(n: usize) -> Vec<String> {
    (0..n).map(|i| format!("oSimUser{i:020}")).collect()
}

fn code<T: std::fmt::Debug>(result: wechat_runtime::Result<T>) -> Option<i64> {
    result.expect_err("an API error").errcode()
}

#[tokio::test]
async fn menus_default_conditional_and_delete() {
    let sim = sim().await;
    let client = sdk_client(&sim);
    let users = openids(2);
    sim.add_users(APPID, &users);

    let default = [
        Button::click("Today", "TODAY"),
        Button::parent("More", vec![Button::view("Site", "https://example.com/")]),
    ];
    client.menu().create(&default).await.unwrap();
    let vip = client.tags().create("VIP").await.unwrap();
    client.tags().tag_users(vip.id, &users[..1]).await.unwrap();
    let vip_menu = [Button::click("VIP", "VIP_ONLY")];
    let menuid = client
        .menu()
        .add_conditional(&vip_menu, &MatchRule::tag(vip.id.to_string()))
        .await
        .unwrap();

    let config = client.menu().get().await.unwrap();
    assert_eq!(config.menu.button.len(), 2);
    assert_eq!(config.menu.button[1].sub_button[0].name, "Site");
    assert!(config.menu.menuid.is_some());
    assert_eq!(config.conditionalmenu.len(), 1);
    assert_eq!(
        config.conditionalmenu[0].menuid.as_deref(),
        Some(menuid.as_str())
    );
    let tag_id = vip.id.to_string();
    assert_eq!(
        config.conditionalmenu[0].matchrule.tag_id.as_deref(),
        Some(tag_id.as_str())
    );

    let seen = client.menu().try_match(&users[0]).await.unwrap();
    assert_eq!(seen[0].key.as_deref(), Some("VIP_ONLY"));
    let seen = client.menu().try_match(&users[1]).await.unwrap();
    assert_eq!(seen[0].key.as_deref(), Some("TODAY"));

    let current = client.menu().current_selfmenu_info().await.unwrap();
    assert!(current.is_open());
    let more = &current.selfmenu_info.button[1];
    assert_eq!(
        more.sub_button.as_ref().unwrap().list[0].url.as_deref(),
        Some("https://example.com/")
    );

    client.menu().delete_conditional(&menuid).await.unwrap();
    let again = client.menu().delete_conditional(&menuid).await;
    assert_eq!(code(again), Some(errcode::NO_SUCH_CONDITIONAL_MENU));
    assert!(client
        .menu()
        .get()
        .await
        .unwrap()
        .conditionalmenu
        .is_empty());

    // Deleting the menu deletes the conditional menus too; a conditional menu needs a default.
    client
        .menu()
        .add_conditional(&vip_menu, &MatchRule::tag("2"))
        .await
        .unwrap();
    client.menu().delete().await.unwrap();
    assert_eq!(
        code(client.menu().get().await),
        Some(errcode::MENU_NO_EXIST)
    );
    assert_eq!(sim.menu(APPID), None);
    let orphan = client
        .menu()
        .add_conditional(&vip_menu, &MatchRule::tag("2"))
        .await;
    assert_eq!(code(orphan), Some(errcode::NO_DEFAULT_MENU));
    assert!(!client
        .menu()
        .current_selfmenu_info()
        .await
        .unwrap()
        .is_open());
}

#[tokio::test]
async fn menu_input_checks() {
    let sim = sim().await;
    let token = token(&sim).await;
    let url = |path: &str| format!("/cgi-bin/menu/{path}?access_token={token}");
    let cases = [
        (
            json!({"button": [{"type": "click", "name": "No key"}]}),
            errcode::INVALID_BUTTON_KEY_SIZE,
        ),
        (
            json!({"button": [{"type": "teleport", "name": "Odd"}]}),
            errcode::INVALID_BUTTON_TYPE,
        ),
        (
            json!({"button": [{"type": "view", "name": "A name far too long", "url": "https://a.b/"}]}),
            errcode::INVALID_BUTTON_NAME_SIZE,
        ),
        (
            json!({"button": [{"name": "Six", "sub_button": vec![json!({"type": "click", "name": "s", "key": "k"}); 6]}]}),
            errcode::INVALID_SUB_BUTTON_SIZE,
        ),
        (
            json!({"button": [{"name": "Sub", "sub_button": [{"type": "view", "name": "s"}]}]}),
            errcode::INVALID_SUB_BUTTON_URL_SIZE,
        ),
    ];
    for (body, expected) in cases {
        let answer = post_json(&sim, &url("create"), body.clone()).await;
        assert_eq!(errcode(&answer), expected, "{body}");
    }
    let button = json!([{"type": "click", "name": "A", "key": "A"}]);
    let empty = post_json(
        &sim,
        &url("addconditional"),
        json!({"button": button, "matchrule": {}}),
    )
    .await;
    assert_eq!(errcode(&empty), errcode::MATCHRULE_EMPTY);
    let private = json!({"button": button, "matchrule": {"sex": "1"}});
    let private = post_json(&sim, &url("addconditional"), private).await;
    assert_eq!(errcode(&private), errcode::MATCHRULE_PRIVACY);
    let nobody = post_json(&sim, &url("trymatch"), json!({"user_id": "no such user!"})).await;
    assert_eq!(errcode(&nobody), errcode::NO_SUCH_USER);
}

#[tokio::test]
async fn tags_members_and_user_tags() {
    let sim = sim().await;
    let client = sdk_client(&sim);
    let users = openids(3);
    sim.add_users(APPID, &users);
    let tags = client.tags();

    let vip = tags.create("VIP").await.unwrap();
    assert_eq!(vip.name, "VIP");
    assert_eq!(
        code(tags.create("VIP").await),
        Some(errcode::INVALID_TAG_NAME)
    );
    tags.tag_users(vip.id, &users[..2]).await.unwrap();
    tags.tag_users(2, &users[..1]).await.unwrap();

    let listed = tags.list().await.unwrap();
    let counts: Vec<(u64, Option<u64>)> = listed.iter().map(|t| (t.id, t.count)).collect();
    assert_eq!(counts, [(2, Some(1)), (vip.id, Some(2))]);
    let members = tags.members(vip.id, None).await.unwrap();
    assert_eq!(members.openids, &users[..2]);
    assert_eq!(members.total, None);
    assert_eq!(members.next_openid, users[1]);
    let after = tags
        .members(vip.id, Some(&members.next_openid))
        .await
        .unwrap();
    assert!(after.openids.is_empty() && after.next_openid.is_empty());
    assert_eq!(tags.user_tags(&users[0]).await.unwrap(), [2, vip.id]);
    assert_eq!(
        client.user().info(&users[0]).await.unwrap().tagid_list,
        [2, vip.id]
    );
    assert_eq!(sim.user_tags(APPID, &users[1]), [vip.id]);

    tags.update(vip.id, "Gold").await.unwrap();
    assert!(tags.list().await.unwrap().iter().any(|t| t.name == "Gold"));
    tags.untag_users(vip.id, &users[..1]).await.unwrap();
    assert_eq!(tags.user_tags(&users[0]).await.unwrap(), [2]);
    tags.delete(vip.id).await.unwrap();
    assert!(sim.user_tags(APPID, &users[1]).is_empty());

    assert_eq!(code(tags.delete(2).await), Some(errcode::RESERVED_TAG));
    assert_eq!(
        code(tags.update(vip.id, "Gone").await),
        Some(errcode::INVALID_TAG_ID)
    );
    assert_eq!(
        code(tags.tag_users(vip.id, &users[..1]).await),
        Some(errcode::INVALID_TAG_ID)
    );
    let stranger = ["oNotAFollower000000000000000"];
    assert_eq!(
        code(tags.tag_users(2, &stranger).await),
        Some(errcode::OPENID_NOT_OF_APPID)
    );
    assert_eq!(
        code(tags.user_tags(stranger[0]).await),
        Some(errcode::OPENID_NOT_OF_APPID)
    );
}

#[tokio::test]
async fn tag_limits() {
    let sim = sim().await;
    let client = sdk_client(&sim);
    let user = openids(1);
    sim.add_users(APPID, &user);
    let mut ids = Vec::new();
    for i in 0..100 {
        ids.push(client.tags().create(&format!("tag {i}")).await.unwrap().id);
    }
    let full = client.tags().create("one too many").await;
    assert_eq!(code(full), Some(errcode::TOO_MANY_TAGS));
    for id in &ids[..20] {
        client.tags().tag_users(*id, &user).await.unwrap();
    }
    let crowded = client.tags().tag_users(ids[20], &user).await;
    assert_eq!(code(crowded), Some(errcode::USER_HAS_TOO_MANY_TAGS));
    // Tagging again with a tag the user carries is fine.
    client.tags().tag_users(ids[0], &user).await.unwrap();

    let token = token(&sim).await;
    let url = |path: &str| format!("/cgi-bin/tags/{path}?access_token={token}");
    let long = post_json(
        &sim,
        &url("update"),
        json!({"tag": {"id": ids[0], "name": "x".repeat(31)}}),
    )
    .await;
    assert_eq!(errcode(&long), errcode::TAG_NAME_TOO_LONG);
    let fifty_one = post_json(
        &sim,
        &url("members/batchtagging"),
        json!({"openid_list": openids(51), "tagid": ids[0]}),
    )
    .await;
    assert_eq!(errcode(&fifty_one), errcode::INVALID_OPENID_LIST_LENGTH);
    let no_tag = post_json(
        &sim,
        &url("members/batchtagging"),
        json!({"openid_list": user}),
    )
    .await;
    assert_eq!(errcode(&no_tag), errcode::INVALID_TAG_ID);
    let bad_openid = post_json(&sim, &url("getidlist"), json!({"openid": "not an openid"})).await;
    assert_eq!(errcode(&bad_openid), errcode::INVALID_OPENID);
}

#[tokio::test]
async fn followers_page_across_the_boundary_and_stream() {
    let sim = sim().await;
    let client = sdk_client(&sim);
    let users = openids(10_001);
    sim.add_users(APPID, &users);

    let first = client.user().list(None).await.unwrap();
    assert_eq!(first.total, Some(10_001));
    assert_eq!(first.count, 10_000);
    assert_eq!(first.openids, &users[..10_000]);
    assert_eq!(first.next_openid, users[9_999]);
    let second = client.user().list(Some(&first.next_openid)).await.unwrap();
    assert_eq!(
        (second.count, second.openids.as_slice()),
        (1, &users[10_000..])
    );
    assert_eq!(second.next_openid, users[10_000]);
    let end = client.user().list(Some(&second.next_openid)).await.unwrap();
    assert_eq!(
        (end.total, end.count, end.next_openid.as_str()),
        (Some(10_001), 0, "")
    );

    let streamed: Vec<String> = client.user().stream().try_collect().await.unwrap();
    assert_eq!(streamed, users);
    assert_eq!(sim.users(APPID).len(), 10_001);
}

#[tokio::test]
async fn remarks_batch_info_and_unfollow() {
    let sim = sim().await;
    let client = sdk_client(&sim);
    let users = openids(2);
    sim.add_users(APPID, &users);

    client
        .user()
        .update_remark(&users[0], "best customer")
        .await
        .unwrap();
    let info = client.user().info(&users[0]).await.unwrap();
    assert!(info.is_subscribed());
    assert_eq!(info.remark.as_deref(), Some("best customer"));
    let batch = client.user().batch_info(&users, None).await.unwrap();
    assert_eq!(batch.len(), 2);
    assert_eq!(batch[0].remark.as_deref(), Some("best customer"));
    assert_eq!(batch[1].openid, users[1]);

    sim.remove_users(APPID, &users[..1]);
    let gone = client.user().info(&users[0]).await.unwrap();
    assert!(!gone.is_subscribed());
    assert_eq!(sim.users(APPID), &users[1..]);
    let remark = client.user().update_remark(&users[0], "again").await;
    assert_eq!(code(remark), Some(errcode::OPENID_NOT_OF_APPID));

    let changed = client
        .user()
        .change_openid("wx9999999999999999", &[users[1].as_str(), "bad openid!"])
        .await
        .unwrap();
    assert_eq!(changed[0].err_msg, "ok");
    assert_eq!(changed[0].new_openid.as_ref().map(String::len), Some(28));
    assert_eq!(
        (
            changed[1].new_openid.as_deref(),
            changed[1].err_msg.as_str()
        ),
        (None, "ori_openid error")
    );
    let own = client.user().change_openid(APPID, &users[1..]).await;
    assert_eq!(code(own), Some(errcode::APPID_WRONG));

    let token = token(&sim).await;
    let too_long = json!({"openid": users[1], "remark": "x".repeat(30)});
    let too_long = post_json(
        &sim,
        &format!("/cgi-bin/user/info/updateremark?access_token={token}"),
        too_long,
    )
    .await;
    assert_eq!(errcode(&too_long), errcode::INVALID_REMARK);
    let list: Vec<_> = openids(101)
        .into_iter()
        .map(|openid| json!({"openid": openid}))
        .collect();
    let batch = post_json(
        &sim,
        &format!("/cgi-bin/user/info/batchget?access_token={token}"),
        json!({"user_list": list}),
    )
    .await;
    assert_eq!(errcode(&batch), errcode::INVALID_OPENID_LIST_LENGTH);
    let bad_next = get_json(
        &sim,
        &format!("/cgi-bin/user/get?access_token={token}&next_openid=bad%20id"),
    )
    .await;
    assert_eq!(errcode(&bad_next), errcode::INVALID_OPENID);
}

#[tokio::test]
async fn blacklist_block_list_unblock() {
    let sim = sim().await;
    let client = sdk_client(&sim);
    let users = openids(3);
    sim.add_users(APPID, &users);
    let blacklist = client.blacklist();

    blacklist.block(&users[..2]).await.unwrap();
    let page = blacklist.list(None).await.unwrap();
    assert_eq!(
        (page.total, page.openids.as_slice()),
        (Some(2), &users[..2])
    );
    let rest = blacklist.list(Some(&page.next_openid)).await.unwrap();
    assert!(rest.openids.is_empty());
    assert_eq!(sim.blacklist(APPID), &users[..2]);

    blacklist.unblock(&users[..1]).await.unwrap();
    assert_eq!(blacklist.list(None).await.unwrap().openids, &users[1..2]);
    let stranger = blacklist.block(&["oNotAFollower000000000000000"]).await;
    assert_eq!(code(stranger), Some(errcode::OPENID_NOT_OF_APPID));

    let token = token(&sim).await;
    let url = format!("/cgi-bin/tags/members/batchblacklist?access_token={token}");
    let many = post_json(&sim, &url, json!({"openid_list": openids(21)})).await;
    assert_eq!(errcode(&many), errcode::INVALID_OPENID_LIST_LENGTH);
    let none = post_json(&sim, &url, json!({"openid_list": []})).await;
    assert_eq!(errcode(&none), errcode::INVALID_OPENID_LIST_LENGTH);
}

#[tokio::test]
async fn basic_endpoints() {
    let sim = sim().await;
    let client = sdk_client(&sim);
    let basic = client.basic();

    assert!(!basic.callback_ips().await.unwrap().ip_list.is_empty());
    assert!(!basic.api_domain_ips().await.unwrap().ip_list.is_empty());
    let check = basic
        .check_network(CheckAction::All, CheckOperator::Default)
        .await
        .unwrap();
    assert!(!check.dns.is_empty() && !check.ping.is_empty());
    let dns = basic
        .check_network(CheckAction::Dns, CheckOperator::Unicom)
        .await
        .unwrap();
    assert!(dns.ping.is_empty());

    basic.clear_quota(APPID).await.unwrap();
    let other = basic.clear_quota("wx9999999999999999").await;
    assert_eq!(code(other), Some(errcode::INVALID_APPID));

    client.menu().get().await.unwrap();
    let quota = basic.quota("/cgi-bin/menu/get").await.unwrap();
    assert_eq!(
        (quota.daily_limit, quota.used, quota.remain),
        (10_000, 1, 9_999)
    );
    assert_eq!(
        code(basic.quota("/sns/jscode2session").await),
        Some(errcode::CGI_PATH_NO_PERMISSION)
    );
    assert_eq!(
        code(basic.quota("not/a/path").await),
        Some(errcode::CGI_PATH_NOT_FOUND)
    );

    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let rid = format!("{now:08x}-6126f6f9-040f19c4");
    let request = basic.rid(&rid).await.unwrap();
    assert_eq!(request.invoke_time, now);
    assert!(request.response_body.contains(&rid));
    assert_eq!(
        code(basic.rid("61725984-6126f6f9-040f19c4").await),
        Some(errcode::RID_NOT_FOUND)
    );
    assert_eq!(
        code(basic.rid("not a rid").await),
        Some(errcode::RID_INVALID)
    );

    let token = token(&sim).await;
    let url = format!("/cgi-bin/callback/check?access_token={token}");
    let action = post_json(
        &sim,
        &url,
        json!({"action": "trace", "check_operator": "CAP"}),
    )
    .await;
    assert_eq!(errcode(&action), errcode::INVALID_CHECK_ACTION);
    let operator = post_json(
        &sim,
        &url,
        json!({"action": "all", "check_operator": "MARS"}),
    )
    .await;
    assert_eq!(errcode(&operator), errcode::INVALID_CHECK_OPERATOR);
}
