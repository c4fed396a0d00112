//! Temporary media (multipart upload, download, image URL) and the JS-SDK signatures.

use serde_json::json;
use wechat_runtime::api::oauth::jsapi_signature;
use wechat_runtime::work::media::WorkMediaType;
use wechat_runtime::work::WorkApp;
use wechat_runtime::{Error, Part};

use crate::common::api::{assert_invalid, errcode, multipart_part, multipart_parts};
use crate::work_contacts::{wecom, AGENT, AGENT_CONFIG_TICKET, CORP, JSAPI_TICKET, Q};

#[tokio::test]
async fn upload_a_file_as_media() {
    let (api, client) = wecom(WorkApp::Agent(AGENT)).await;
    api.answer(
        "/cgi-bin/media/upload",
        json!({"errcode": 0, "errmsg": "", "type": "file",
               "media_id": "1G6nrLmr5EC3MMb_-zK1dDdzmd0p7cNliYu9V5w7o8K0", "created_at": "1380000000"}),
    );
    // Any field name: the part is sent as `media`.
    let file = Part::bytes("upload", "wework.txt", &b"mytext"[..]);
    let uploaded = client
        .work_media()
        .upload(WorkMediaType::File, file)
        .await
        .unwrap();
    assert_eq!(uploaded.kind, WorkMediaType::File);
    assert_eq!(
        uploaded.media_id,
        "1G6nrLmr5EC3MMb_-zK1dDdzmd0p7cNliYu9V5w7o8K0"
    );
    assert_eq!(uploaded.created_at, 1380000000);
    let request = api.expect(
        "POST",
        "/cgi-bin/media/upload",
        &[Q[0], ("type", "file")],
        None,
    );
    let parts = multipart_parts(&request);
    let (headers, content) = multipart_part(&parts, "media");
    assert!(headers.contains("filename=\"wework.txt\""), "{headers}");
    assert_eq!(content, b"mytext");

    api.answer(
        "/cgi-bin/media/upload",
        errcode(40004, "invalid media type"),
    );
    let err = client
        .work_media()
        .upload(
            WorkMediaType::Voice,
            Part::bytes("media", "a.amr", &b"#!AMR\n"[..]),
        )
        .await
        .unwrap_err();
    assert_eq!(err.errcode(), Some(40004));

    let sent = api.sent();
    let tiny = Part::bytes("media", "a.txt", &b"1234"[..]);
    assert_invalid(
        client
            .work_media()
            .upload(WorkMediaType::File, tiny)
            .await
            .unwrap_err(),
    );
    let big = Part::bytes("media", "a.amr", vec![0u8; 2 * 1024 * 1024 + 1]);
    assert_invalid(
        client
            .work_media()
            .upload(WorkMediaType::Voice, big)
            .await
            .unwrap_err(),
    );
    assert_eq!(api.sent(), sent);
}

#[tokio::test]
async fn download_media_or_its_error() {
    let (api, client) = wecom(WorkApp::Agent(AGENT)).await;
    let png = [0x89u8, b'P', b'N', b'G', 0, 1, 2, 255];
    api.answer_bytes(
        "/cgi-bin/media/get",
        "image/png",
        &[("content-disposition", "attachment; filename=\"photo.png\"")],
        png.to_vec(),
    );
    let file = client.work_media().get("MEDIA_ID").await.unwrap();
    api.expect(
        "GET",
        "/cgi-bin/media/get",
        &[Q[0], ("media_id", "MEDIA_ID")],
        None,
    );
    assert_eq!(&file.data[..], &png);
    assert_eq!(file.filename.as_deref(), Some("photo.png"));
    assert_eq!(file.content_type.as_deref(), Some("image/png"));

    api.answer_bytes(
        "/cgi-bin/media/get",
        "text/plain",
        &[],
        r#"{"errcode":40007,"errmsg":"invalid media_id"}"#,
    );
    let err = client.work_media().get("EXPIRED").await.unwrap_err();
    assert!(matches!(err, Error::Api { errcode: 40007, .. }), "{err:?}");
    let sent = api.sent();
    assert_invalid(client.work_media().get("").await.unwrap_err());
    assert_eq!(api.sent(), sent);
}

#[tokio::test]
async fn upload_an_image_for_its_url() {
    let (api, client) = wecom(WorkApp::Agent(AGENT)).await;
    api.answer(
        "/cgi-bin/media/uploadimg",
        json!({"errcode": 0, "errmsg": "ok", "url": "http://p.qpic.cn/pic_wework/3474110808/7a7c8471673ff0f178f63447935d35a5c1247a7f31d9c060/0"}),
    );
    let url = client
        .work_media()
        .upload_img(Part::bytes("media", "logo.png", vec![7u8; 64]).content_type("image/png"))
        .await
        .unwrap();
    assert!(url.starts_with("http://p.qpic.cn/pic_wework/"));
    let request = api.expect("POST", "/cgi-bin/media/uploadimg", Q, None);
    let parts = multipart_parts(&request);
    assert!(multipart_part(&parts, "media").0.contains("image/png"));
    api.answer(
        "/cgi-bin/media/uploadimg",
        errcode(40005, "invalid file type"),
    );
    let err = client
        .work_media()
        .upload_img(Part::bytes("media", "a.gif", vec![1u8; 64]))
        .await
        .unwrap_err();
    assert_eq!(err.errcode(), Some(40005));
    let sent = api.sent();
    let big = Part::bytes("media", "big.png", vec![0u8; 2 * 1024 * 1024 + 1]);
    assert_invalid(client.work_media().upload_img(big).await.unwrap_err());
    assert_eq!(api.sent(), sent);
}

#[tokio::test]
async fn js_sdk_configs_are_signed_with_their_tickets() {
    let (api, client) = wecom(WorkApp::Agent(AGENT)).await;
    let page = "https://hr.example.com/leave?id=1#top";
    let config = client.work_jssdk().config(page).await.unwrap();
    assert_eq!(config.corpid, CORP);
    assert_eq!(config.nonce_str.len(), 16);
    assert_eq!(
        config.signature,
        jsapi_signature(
            JSAPI_TICKET,
            &config.nonce_str,
            config.timestamp,
            "https://hr.example.com/leave?id=1"
        )
    );

    let agent = client.work_jssdk().agent_config(page).await.unwrap();
    assert_eq!((agent.corpid.as_str(), agent.agentid), (CORP, AGENT));
    assert_eq!(
        agent.signature,
        jsapi_signature(
            AGENT_CONFIG_TICKET,
            &agent.nonce_str,
            agent.timestamp,
            "https://hr.example.com/leave?id=1"
        )
    );
    // Known answer: printf 'jsapi_ticket=AGENT_CONFIG_TICKET&noncestr=Wm3WZYTPz0wzccnW&timestamp=1414587457&url=https://hr.example.com/leave?id=1' | sha1sum
    assert_eq!(
        jsapi_signature(AGENT_CONFIG_TICKET, "Wm3WZYTPz0wzccnW", 1414587457, page),
        "4cfbeecee9d2ad971e96d503627c63d9acc1401c"
    );
    assert_eq!(
        api.sent(),
        0,
        "the tickets come from the storage, not from WeCom"
    );

    let (_api, contacts) = wecom(WorkApp::Contacts).await;
    assert_invalid(contacts.work_jssdk().agent_config(page).await.unwrap_err());
    assert_invalid(client.work_jssdk().config("").await.unwrap_err());
}
