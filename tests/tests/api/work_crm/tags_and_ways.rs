//! Corp customer tags and "contact me" ways.

use serde_json::json;
use wechat_runtime::work::external_contact::{
    ContactWay, ContactWayScene, ContactWayUpdate, CorpTagEdit, NewCorpTag, NewCorpTags,
};
use wechat_runtime::work::WorkApp;

use super::{ok, work_mock, TOKEN_QUERY};
use crate::common::api::{assert_invalid, errcode};

const EXTERNAL: &str = "woAJ2GCAAAd1NPGHKSD4wKmE8Aabj9AAA";

#[tokio::test]
async fn corp_tags_list_add_edit_delete() {
    let (api, client) = work_mock(WorkApp::ExternalContact).await;
    api.answer(
        "/cgi-bin/externalcontact/get_corp_tag_list",
        json!({
            "errcode": 0, "errmsg": "ok",
            "tag_group": [{
                "group_id": "TAG_GROUPID1", "group_name": "GOURP_NAME", "create_time": 1557838797,
                "order": 1, "deleted": false,
                "tag": [
                    {"id": "TAG_ID1", "name": "NAME1", "create_time": 1557838797, "order": 1, "deleted": false},
                    {"id": "TAG_ID2", "name": "NAME2", "create_time": 1557838797, "order": 2, "deleted": true}
                ]
            }]
        }),
    );
    let groups = client.external_contact().corp_tags(&[], &[]).await.unwrap();
    api.expect(
        "POST",
        "/cgi-bin/externalcontact/get_corp_tag_list",
        TOKEN_QUERY,
        Some(json!({})),
    );
    assert_eq!(groups[0].tag.len(), 2);
    assert!(groups[0].tag[1].deleted);

    client
        .external_contact()
        .corp_tags(&["TAG_ID1"], &["TAG_GROUPID1"])
        .await
        .unwrap();
    api.expect(
        "POST",
        "/cgi-bin/externalcontact/get_corp_tag_list",
        TOKEN_QUERY,
        Some(json!({"tag_id": ["TAG_ID1"], "group_id": ["TAG_GROUPID1"]})),
    );

    api.answer(
        "/cgi-bin/externalcontact/add_corp_tag",
        json!({
            "errcode": 0, "errmsg": "ok",
            "tag_group": {
                "group_id": "TAG_GROUPID1", "group_name": "GOURP_NAME", "create_time": 1557838797, "order": 1,
                "tag": [{"id": "TAG_ID1", "name": "NAME1", "create_time": 1557838797, "order": 1}]
            }
        }),
    );
    let group = client
        .external_contact()
        .add_corp_tags(
            &NewCorpTags::new_group("GOURP_NAME", [NewCorpTag::new("NAME1").order(1)])
                .order(1)
                .agentid(1000014),
        )
        .await
        .unwrap();
    api.expect(
        "POST",
        "/cgi-bin/externalcontact/add_corp_tag",
        TOKEN_QUERY,
        Some(json!({
            "group_name": "GOURP_NAME", "order": 1,
            "tag": [{"name": "NAME1", "order": 1}], "agentid": 1000014
        })),
    );
    assert_eq!(group.tag[0].id, "TAG_ID1");

    api.answer("/cgi-bin/externalcontact/edit_corp_tag", ok());
    client
        .external_contact()
        .edit_corp_tag(&CorpTagEdit::new("TAG_ID1").name("NEW_TAG_NAME").order(2))
        .await
        .unwrap();
    api.expect(
        "POST",
        "/cgi-bin/externalcontact/edit_corp_tag",
        TOKEN_QUERY,
        Some(json!({"id": "TAG_ID1", "name": "NEW_TAG_NAME", "order": 2})),
    );

    api.answer("/cgi-bin/externalcontact/del_corp_tag", ok());
    client
        .external_contact()
        .del_corp_tags(&["TAG_ID1", "TAG_ID2"], &[], None)
        .await
        .unwrap();
    api.expect(
        "POST",
        "/cgi-bin/externalcontact/del_corp_tag",
        TOKEN_QUERY,
        Some(json!({"tag_id": ["TAG_ID1", "TAG_ID2"]})),
    );

    api.answer(
        "/cgi-bin/externalcontact/del_corp_tag",
        errcode(40068, "invalid tagid"),
    );
    let err = client
        .external_contact()
        .del_corp_tags(&[], &["GROUP_NOPE"], Some(1000014))
        .await
        .unwrap_err();
    assert_eq!(err.errcode(), Some(40068));
    api.expect(
        "POST",
        "/cgi-bin/externalcontact/del_corp_tag",
        TOKEN_QUERY,
        Some(json!({"group_id": ["GROUP_NOPE"], "agentid": 1000014})),
    );

    let sent = api.sent();
    let crm = client.external_contact();
    assert_invalid(
        crm.add_corp_tags(&NewCorpTags::new_group("G", []))
            .await
            .unwrap_err(),
    );
    assert_invalid(
        crm.add_corp_tags(&NewCorpTags::into_group(
            "G1",
            [NewCorpTag::new("x".repeat(31))],
        ))
        .await
        .unwrap_err(),
    );
    assert_invalid(
        crm.edit_corp_tag(&CorpTagEdit::new("TAG_ID1"))
            .await
            .unwrap_err(),
    );
    assert_invalid(crm.del_corp_tags(&[], &[], None).await.unwrap_err());
    assert_invalid(crm.corp_tags(&[""], &[]).await.unwrap_err());
    assert_eq!(api.sent(), sent);
}

#[tokio::test]
async fn mark_tag_adds_and_removes() {
    let (api, client) = work_mock(WorkApp::ExternalContact).await;
    api.answer("/cgi-bin/externalcontact/mark_tag", ok());
    client
        .external_contact()
        .mark_tag("zhangsan", EXTERNAL, &["TAG_ID1", "TAG_ID2"], &["TAG_ID3"])
        .await
        .unwrap();
    api.expect(
        "POST",
        "/cgi-bin/externalcontact/mark_tag",
        TOKEN_QUERY,
        Some(json!({
            "userid": "zhangsan", "external_userid": EXTERNAL,
            "add_tag": ["TAG_ID1", "TAG_ID2"], "remove_tag": ["TAG_ID3"]
        })),
    );

    api.answer(
        "/cgi-bin/externalcontact/mark_tag",
        errcode(40068, "invalid tagid"),
    );
    let err = client
        .external_contact()
        .mark_tag("zhangsan", EXTERNAL, &["NOPE"], &[])
        .await
        .unwrap_err();
    assert_eq!(err.errcode(), Some(40068));

    let sent = api.sent();
    let crm = client.external_contact();
    assert_invalid(
        crm.mark_tag("zhangsan", EXTERNAL, &[], &[])
            .await
            .unwrap_err(),
    );
    assert_invalid(crm.mark_tag("", EXTERNAL, &["T"], &[]).await.unwrap_err());
    assert_eq!(api.sent(), sent);
}

#[tokio::test]
async fn contact_ways_add_get_update_delete() {
    let (api, client) = work_mock(WorkApp::ExternalContact).await;
    api.answer(
        "/cgi-bin/externalcontact/add_contact_way",
        json!({
            "errcode": 0, "errmsg": "ok",
            "config_id": "42b34949e138eb6e027c123cba77fAAA",
            "qr_code": "http://p.qpic.cn/wwhead/duc2TvpEgSdicZ9RrdUtBkv2UiaA/0"
        }),
    );
    let created = client
        .external_contact()
        .add_contact_way(
            &ContactWay::multi(ContactWayScene::QrCode, ["zhangsan", "lisi"], [2, 3])
                .remark("渠道客户")
                .skip_verify(true)
                .state("teststate"),
        )
        .await
        .unwrap();
    api.expect(
        "POST",
        "/cgi-bin/externalcontact/add_contact_way",
        TOKEN_QUERY,
        Some(json!({
            "type": 2, "scene": 2, "remark": "渠道客户", "skip_verify": true, "state": "teststate",
            "user": ["zhangsan", "lisi"], "party": [2, 3]
        })),
    );
    assert_eq!(created.config_id, "42b34949e138eb6e027c123cba77fAAA");
    assert!(created.qr_code.is_some());

    client
        .external_contact()
        .add_contact_way(
            &ContactWay::single(ContactWayScene::MiniProgram, "zhangsan")
                .style(1)
                .temporary()
                .expires_in(86400)
                .chat_expires_in(86400)
                .unionid("oxTWIuGaIt6gTKsQRLau2M0AAAA")
                .exclusive(true),
        )
        .await
        .unwrap();
    api.expect(
        "POST",
        "/cgi-bin/externalcontact/add_contact_way",
        TOKEN_QUERY,
        Some(json!({
            "type": 1, "scene": 1, "style": 1, "user": ["zhangsan"], "is_temp": true,
            "expires_in": 86400, "chat_expires_in": 86400,
            "unionid": "oxTWIuGaIt6gTKsQRLau2M0AAAA", "is_exclusive": true
        })),
    );

    api.answer(
        "/cgi-bin/externalcontact/get_contact_way",
        json!({
            "errcode": 0, "errmsg": "ok",
            "contact_way": {
                "config_id": "42b34949e138eb6e027c123cba77fAAA", "type": 1, "scene": 1, "style": 2,
                "remark": "test remark", "skip_verify": true, "state": "teststate",
                "qr_code": "http://p.qpic.cn/wwhead/duc2TvpEgSdicZ9RrdUtBkv2UiaA/0",
                "user": ["zhangsan"], "party": [], "is_temp": false, "expires_in": 86400
            }
        }),
    );
    let way = client
        .external_contact()
        .get_contact_way("42b34949e138eb6e027c123cba77fAAA")
        .await
        .unwrap();
    api.expect(
        "POST",
        "/cgi-bin/externalcontact/get_contact_way",
        TOKEN_QUERY,
        Some(json!({"config_id": "42b34949e138eb6e027c123cba77fAAA"})),
    );
    assert_eq!(way.kind, 1);
    assert_eq!(way.style, Some(2));
    assert_eq!(way.user, ["zhangsan"]);

    api.answer("/cgi-bin/externalcontact/update_contact_way", ok());
    client
        .external_contact()
        .update_contact_way(
            &ContactWayUpdate::new("42b34949e138eb6e027c123cba77fAAA")
                .remark("渠道客户")
                .users(["lisi"])
                .parties([4]),
        )
        .await
        .unwrap();
    api.expect(
        "POST",
        "/cgi-bin/externalcontact/update_contact_way",
        TOKEN_QUERY,
        Some(json!({
            "config_id": "42b34949e138eb6e027c123cba77fAAA", "remark": "渠道客户",
            "user": ["lisi"], "party": [4]
        })),
    );

    api.answer("/cgi-bin/externalcontact/del_contact_way", ok());
    client
        .external_contact()
        .del_contact_way("42b34949e138eb6e027c123cba77fAAA")
        .await
        .unwrap();
    api.expect(
        "POST",
        "/cgi-bin/externalcontact/del_contact_way",
        TOKEN_QUERY,
        Some(json!({"config_id": "42b34949e138eb6e027c123cba77fAAA"})),
    );

    api.answer(
        "/cgi-bin/externalcontact/del_contact_way",
        errcode(41037, "missing contact way type"),
    );
    let err = client
        .external_contact()
        .del_contact_way("gone")
        .await
        .unwrap_err();
    assert_eq!(err.errcode(), Some(41037));

    let sent = api.sent();
    let crm = client.external_contact();
    let no_one: [&str; 0] = [];
    assert_invalid(
        crm.add_contact_way(&ContactWay::multi(ContactWayScene::QrCode, no_one, []))
            .await
            .unwrap_err(),
    );
    assert_invalid(
        crm.add_contact_way(&ContactWay::multi(ContactWayScene::QrCode, ["a"], []).temporary())
            .await
            .unwrap_err(),
    );
    assert_invalid(
        crm.add_contact_way(
            &ContactWay::single(ContactWayScene::QrCode, "a").state("s".repeat(31)),
        )
        .await
        .unwrap_err(),
    );
    assert_invalid(
        crm.add_contact_way(
            &ContactWay::single(ContactWayScene::QrCode, "a").expires_in(15 * 24 * 3600),
        )
        .await
        .unwrap_err(),
    );
    assert_invalid(crm.get_contact_way("").await.unwrap_err());
    assert_invalid(
        crm.update_contact_way(&ContactWayUpdate::new(" "))
            .await
            .unwrap_err(),
    );
    assert_invalid(crm.del_contact_way("").await.unwrap_err());
    assert_eq!(api.sent(), sent);
}
