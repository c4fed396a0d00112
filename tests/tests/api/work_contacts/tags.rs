//! Contact tags: create, rename, delete, read members, add and remove members, list.

use serde_json::json;
use wechat_runtime::work::WorkApp;

use super::{done, wecom, Q};
use crate::common::api::{assert_invalid, errcode};

#[tokio::test]
async fn create_rename_delete_a_tag() {
    let (api, client) = wecom(WorkApp::Contacts).await;
    api.answer(
        "/cgi-bin/tag/create",
        json!({"errcode": 0, "errmsg": "created", "tagid": 12}),
    );
    assert_eq!(
        client.contacts().create_tag("UI", Some(12)).await.unwrap(),
        12
    );
    api.expect(
        "POST",
        "/cgi-bin/tag/create",
        Q,
        Some(json!({"tagname": "UI", "tagid": 12})),
    );
    client.contacts().create_tag("UI", None).await.unwrap();
    api.expect(
        "POST",
        "/cgi-bin/tag/create",
        Q,
        Some(json!({"tagname": "UI"})),
    );
    api.answer(
        "/cgi-bin/tag/create",
        errcode(40071, "UserTag Name Already Exist"),
    );
    let err = client.contacts().create_tag("UI", None).await.unwrap_err();
    assert_eq!(err.errcode(), Some(40071));

    api.answer("/cgi-bin/tag/update", done("updated"));
    client.contacts().update_tag(12, "UI design").await.unwrap();
    api.expect(
        "POST",
        "/cgi-bin/tag/update",
        Q,
        Some(json!({"tagid": 12, "tagname": "UI design"})),
    );

    api.answer("/cgi-bin/tag/delete", done("deleted"));
    client.contacts().delete_tag(12).await.unwrap();
    api.expect("GET", "/cgi-bin/tag/delete", &[Q[0], ("tagid", "12")], None);
    api.answer("/cgi-bin/tag/delete", errcode(40068, "invalid tagid"));
    assert_eq!(
        client
            .contacts()
            .delete_tag(12)
            .await
            .unwrap_err()
            .errcode(),
        Some(40068)
    );

    let sent = api.sent();
    assert_invalid(client.contacts().create_tag("", None).await.unwrap_err());
    assert_invalid(
        client
            .contacts()
            .create_tag(&"标".repeat(33), None)
            .await
            .unwrap_err(),
    );
    assert_invalid(client.contacts().update_tag(12, " ").await.unwrap_err());
    assert_eq!(api.sent(), sent);
}

#[tokio::test]
async fn tag_members_added_read_and_removed() {
    let (api, client) = wecom(WorkApp::Contacts).await;
    api.answer(
        "/cgi-bin/tag/addtagusers",
        json!({"errcode": 0, "errmsg": "ok", "invalidlist": "usr1|usr2", "invalidparty": [2, 4]}),
    );
    let change = client
        .contacts()
        .add_tag_members(12, &["user1", "usr1", "usr2"], &[2, 4, 5])
        .await
        .unwrap();
    api.expect(
        "POST",
        "/cgi-bin/tag/addtagusers",
        Q,
        Some(json!({"tagid": 12, "userlist": ["user1", "usr1", "usr2"], "partylist": [2, 4, 5]})),
    );
    assert_eq!(change.invalidlist, ["usr1", "usr2"]);
    assert_eq!(change.invalidparty, [2, 4]);
    assert!(!change.is_complete());
    api.answer(
        "/cgi-bin/tag/addtagusers",
        errcode(40070, "all list invalid"),
    );
    let err = client
        .contacts()
        .add_tag_members(12, &["nobody"], &[])
        .await
        .unwrap_err();
    assert_eq!(err.errcode(), Some(40070));

    api.answer(
        "/cgi-bin/tag/get",
        json!({"errcode": 0, "errmsg": "ok", "tagname": "乒乓球协会",
               "userlist": [{"userid": "zhangsan", "name": "李四"}], "partylist": [2]}),
    );
    let members = client.contacts().tag_members(12).await.unwrap();
    api.expect("GET", "/cgi-bin/tag/get", &[Q[0], ("tagid", "12")], None);
    assert_eq!(members.tagname, "乒乓球协会");
    assert_eq!(members.userlist[0].userid, "zhangsan");
    assert_eq!(members.partylist, [2]);

    api.answer("/cgi-bin/tag/deltagusers", done("deleted"));
    let change = client
        .contacts()
        .remove_tag_members(12, &["user1"], &[])
        .await
        .unwrap();
    api.expect(
        "POST",
        "/cgi-bin/tag/deltagusers",
        Q,
        Some(json!({"tagid": 12, "userlist": ["user1"]})),
    );
    assert!(change.is_complete());

    let sent = api.sent();
    assert_invalid(
        client
            .contacts()
            .add_tag_members(12, &[], &[])
            .await
            .unwrap_err(),
    );
    let users: Vec<String> = (0..1001).map(|i| format!("u{i}")).collect();
    let users: Vec<&str> = users.iter().map(String::as_str).collect();
    assert_invalid(
        client
            .contacts()
            .remove_tag_members(12, &users, &[])
            .await
            .unwrap_err(),
    );
    assert_eq!(api.sent(), sent);
}

#[tokio::test]
async fn list_tags() {
    let (api, client) = wecom(WorkApp::Agent(1000002)).await;
    api.answer(
        "/cgi-bin/tag/list",
        json!({"errcode": 0, "errmsg": "ok", "taglist": [
            {"tagid": 1, "tagname": "a"}, {"tagid": 2, "tagname": "b"}
        ]}),
    );
    let tags = client.contacts().tags().await.unwrap();
    api.expect("GET", "/cgi-bin/tag/list", Q, None);
    assert_eq!(tags.len(), 2);
    assert_eq!((tags[1].tagid, tags[1].tagname.as_str()), (2, "b"));
    api.answer("/cgi-bin/tag/list", errcode(48002, "api forbidden"));
    assert_eq!(
        client.contacts().tags().await.unwrap_err().errcode(),
        Some(48002)
    );
}
