//! The API endpoints: tickets, users, menus, media, messages, and unknown routes.

use serde_json::json;
use wechat_simulator::errcode;

use crate::common::*;

#[tokio::test]
async fn getticket_returns_a_stable_ticket_per_type() {
    let sim = sim().await;
    let token = token(&sim).await;
    let jsapi = get_json(
        &sim,
        &format!("/cgi-bin/ticket/getticket?access_token={token}&type=jsapi"),
    )
    .await;
    assert_eq!(jsapi["errcode"], 0);
    assert_eq!(jsapi["errmsg"], "ok");
    assert_eq!(jsapi["expires_in"], 7200);
    let ticket = jsapi["ticket"].as_str().unwrap().to_owned();
    let again = get_json(
        &sim,
        &format!("/cgi-bin/ticket/getticket?access_token={token}&type=jsapi"),
    )
    .await;
    assert_eq!(again["ticket"], ticket.as_str());
    let card = get_json(
        &sim,
        &format!("/cgi-bin/ticket/getticket?access_token={token}&type=wx_card"),
    )
    .await;
    assert_ne!(card["ticket"], ticket.as_str());

    for bad in ["&type=oauth", ""] {
        let body = get_json(
            &sim,
            &format!("/cgi-bin/ticket/getticket?access_token={token}{bad}"),
        )
        .await;
        assert_eq!(errcode(&body), errcode::INVALID_ARGS, "{bad}");
        assert_eq!(body["errmsg"], "invalid args");
    }
    let missing = get_json(&sim, "/cgi-bin/ticket/getticket?type=jsapi").await;
    assert_eq!(errcode(&missing), errcode::ACCESS_TOKEN_MISSING);
}

#[tokio::test]
async fn user_info() {
    let sim = sim().await;
    let token = token(&sim).await;
    let openid = "oLVPpjqs9BhvzwPj5A-vTYAX3GLc";
    let user = get_json(
        &sim,
        &format!("/cgi-bin/user/info?access_token={token}&openid={openid}&lang=en"),
    )
    .await;
    assert_eq!(user["subscribe"], 1);
    assert_eq!(user["openid"], openid);
    assert_eq!(user["language"], "en");
    for field in [
        "subscribe_time",
        "unionid",
        "remark",
        "groupid",
        "tagid_list",
        "subscribe_scene",
        "qr_scene",
        "qr_scene_str",
    ] {
        assert!(user.get(field).is_some(), "{field} missing in {user}");
    }
    assert!(user.get("errcode").is_none());
    let again = get_json(
        &sim,
        &format!("/cgi-bin/user/info?access_token={token}&openid={openid}"),
    )
    .await;
    assert_eq!(again["unionid"], user["unionid"]);
    assert_eq!(again["language"], "zh_CN");

    for bad in ["", "&openid=", "&openid=not%20an%20openid"] {
        let body = get_json(
            &sim,
            &format!("/cgi-bin/user/info?access_token={token}{bad}"),
        )
        .await;
        assert_eq!(errcode(&body), errcode::INVALID_OPENID, "{bad}");
    }
    let wrong_method = post_json(
        &sim,
        &format!("/cgi-bin/user/info?access_token={token}"),
        json!({}),
    )
    .await;
    assert_eq!(errcode(&wrong_method), errcode::REQUIRE_GET_METHOD);
}

#[tokio::test]
async fn menu_create_get_delete() {
    let sim = sim().await;
    let token = token(&sim).await;
    let default = get_json(&sim, &format!("/cgi-bin/menu/get?access_token={token}")).await;
    assert!(!default["menu"]["button"].as_array().unwrap().is_empty());

    let menu = json!({"button": [
        {"type": "click", "name": "Hello", "key": "HELLO"},
        {"name": "More", "sub_button": [{"type": "view", "name": "Site", "url": "https://example.com/"}]}
    ]});
    let created = post_json(
        &sim,
        &format!("/cgi-bin/menu/create?access_token={token}"),
        menu,
    )
    .await;
    assert_eq!(created, json!({"errcode": 0, "errmsg": "ok"}));
    let got = get_json(&sim, &format!("/cgi-bin/menu/get?access_token={token}")).await;
    assert_eq!(got["menu"]["button"][0]["key"], "HELLO");
    assert_eq!(got["menu"]["button"][0]["sub_button"], json!([]));
    assert_eq!(
        got["menu"]["button"][1]["sub_button"][0]["url"],
        "https://example.com/"
    );

    let too_many = json!({"button": [{}, {}, {}, {}]});
    let rejected = post_json(
        &sim,
        &format!("/cgi-bin/menu/create?access_token={token}"),
        too_many,
    )
    .await;
    assert_eq!(errcode(&rejected), errcode::INVALID_BUTTON_SIZE);

    let deleted = get_json(&sim, &format!("/cgi-bin/menu/delete?access_token={token}")).await;
    assert_eq!(errcode(&deleted), 0);
    let gone = get_json(&sim, &format!("/cgi-bin/menu/get?access_token={token}")).await;
    assert_eq!(errcode(&gone), errcode::MENU_NO_EXIST);
}

#[tokio::test]
async fn media_upload_and_get_round_trip() {
    let sim = sim().await;
    let token = token(&sim).await;
    let bytes: Vec<u8> = (0..=255u8).cycle().take(70_000).collect();
    let part = reqwest::multipart::Part::bytes(bytes.clone())
        .file_name("photo.png")
        .mime_str("image/png")
        .unwrap();
    let form = reqwest::multipart::Form::new().part("media", part);
    let uploaded: serde_json::Value = client()
        .post(format!(
            "{}/cgi-bin/media/upload?access_token={token}&type=image",
            sim.base_url()
        ))
        .multipart(form)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(uploaded["type"], "image");
    assert!(uploaded["created_at"].as_u64().unwrap() > 1_600_000_000);
    let media_id = uploaded["media_id"].as_str().unwrap().to_owned();

    let response = client()
        .get(format!(
            "{}/cgi-bin/media/get?access_token={token}&media_id={media_id}",
            sim.base_url()
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "image/png");
    let disposition = response.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .to_owned();
    assert_eq!(disposition, "attachment; filename=\"photo.png\"");
    assert_eq!(response.bytes().await.unwrap().as_ref(), bytes.as_slice());

    // Recorded with the multipart body.
    let upload = sim
        .requests()
        .into_iter()
        .find(|r| r.path == "/cgi-bin/media/upload")
        .unwrap();
    assert!(upload
        .content_type
        .as_deref()
        .unwrap()
        .starts_with("multipart/form-data"));
    assert!(upload.body.len() > bytes.len());
    assert_eq!(upload.query_param("type"), Some("image"));
}

#[tokio::test]
async fn media_errcodes() {
    let sim = sim().await;
    let token = token(&sim).await;
    let unknown = get_json(
        &sim,
        &format!("/cgi-bin/media/get?access_token={token}&media_id=nope"),
    )
    .await;
    assert_eq!(
        unknown,
        json!({"errcode": 40007, "errmsg": "invalid media_id"})
    );

    let upload = |kind: &'static str, field: &'static str| {
        let form = reqwest::multipart::Form::new().part(
            field,
            reqwest::multipart::Part::bytes(vec![1, 2, 3]).file_name("a.jpg"),
        );
        client()
            .post(format!(
                "{}/cgi-bin/media/upload?access_token={token}&type={kind}",
                sim.base_url()
            ))
            .multipart(form)
            .send()
    };
    let bad_type: serde_json::Value = upload("gif", "media").await.unwrap().json().await.unwrap();
    assert_eq!(errcode(&bad_type), errcode::INVALID_MEDIA_TYPE);
    let no_media: serde_json::Value = upload("image", "file").await.unwrap().json().await.unwrap();
    assert_eq!(errcode(&no_media), errcode::MEDIA_DATA_MISSING);
    let thumb: serde_json::Value = upload("thumb", "media")
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(thumb["type"], "thumb");
    assert!(thumb["thumb_media_id"].is_string(), "{thumb}");
    let not_multipart = post_json(
        &sim,
        &format!("/cgi-bin/media/upload?access_token={token}&type=image"),
        json!({}),
    )
    .await;
    assert_eq!(errcode(&not_multipart), errcode::MEDIA_DATA_MISSING);

    // Another app cannot read this app's media.
    sim.add_app("wx2222222222222222", "other");
    let other = get_json(
        &sim,
        "/cgi-bin/token?grant_type=client_credential&appid=wx2222222222222222&secret=other",
    )
    .await;
    let other = other["access_token"].as_str().unwrap();
    let thumb_id = thumb["thumb_media_id"].as_str().unwrap();
    let foreign = get_json(
        &sim,
        &format!("/cgi-bin/media/get?access_token={other}&media_id={thumb_id}"),
    )
    .await;
    assert_eq!(errcode(&foreign), errcode::INVALID_MEDIA_ID);
}

#[tokio::test]
async fn custom_message_send() {
    let sim = sim().await;
    let token = token(&sim).await;
    let path = format!("/cgi-bin/message/custom/send?access_token={token}");
    let message = json!({"touser": "oUSER", "msgtype": "text", "text": {"content": "你好"}});
    let sent = post_json(&sim, &path, message.clone()).await;
    assert_eq!(sent, json!({"errcode": 0, "errmsg": "ok"}));
    assert_eq!(sim.sent_messages(), vec![message]);

    let cases = [
        (
            json!({"msgtype": "text", "text": {"content": "x"}}),
            errcode::INVALID_OPENID,
        ),
        (
            json!({"touser": "oUSER", "msgtype": "fax"}),
            errcode::INVALID_MESSAGE_TYPE,
        ),
        (
            json!({"touser": "oUSER", "msgtype": "text", "text": {}}),
            errcode::EMPTY_CONTENT,
        ),
    ];
    for (body, expected) in cases {
        let answer = post_json(&sim, &path, body.clone()).await;
        assert_eq!(errcode(&answer), expected, "{body}");
    }
    assert_eq!(sim.sent_messages().len(), 1);
}

#[tokio::test]
async fn unknown_routes_answer_404_and_are_recorded() {
    let sim = sim().await;
    let response = client()
        .get(format!(
            "{}/cgi-bin/does/not/exist?access_token=x",
            sim.base_url()
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 404);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body, json!({"errcode": 40066, "errmsg": "invalid url"}));
    assert_eq!(sim.calls("/cgi-bin/does/not/exist"), 1);
    assert_eq!(sim.requests()[0].query_param("access_token"), Some("x"));
}
