//! Customer service APIs against a recording mock: the exact request (both path families,
//! `/customservice` and `/cgi-bin/customservice`), a realistic answer, the avatar upload with
//! real bytes, an errcode, and bad input rejected before sending.

use crate::common::api::*;
use serde_json::json;

const KF: &str = "test1@test";
const OPENID: &str = "oDF3iY9WMaswOPWjCIp_f3Bnpljk";

fn ok_answer() -> serde_json::Value {
    json!({"errcode": 0, "errmsg": "ok"})
}

/// A small JPEG: SOI, a JFIF APP0 segment, filler with every byte value, EOI.
fn jpeg_bytes() -> Vec<u8> {
    let mut data = vec![0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10];
    data.extend_from_slice(b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0");
    for i in 0..4096u32 {
        data.push((i % 256) as u8);
    }
    data.extend_from_slice(&[0xFF, 0xD9]);
    data
}

#[tokio::test]
async fn accounts_add_update_delete_invite() {
    let api = ApiMock::start().await;
    let cs = api.client.customer_service();

    api.answer("/customservice/kfaccount/add", ok_answer());
    cs.add_account(KF, "客服1").await.unwrap();
    api.expect(
        "POST",
        "/customservice/kfaccount/add",
        &[("access_token", ACCESS_TOKEN)],
        Some(json!({"kf_account": KF, "nickname": "客服1"})),
    );

    api.answer("/customservice/kfaccount/update", ok_answer());
    cs.update_account(KF, "客服2").await.unwrap();
    api.expect(
        "POST",
        "/customservice/kfaccount/update",
        &[("access_token", ACCESS_TOKEN)],
        Some(json!({"kf_account": KF, "nickname": "客服2"})),
    );

    api.answer("/customservice/kfaccount/del", ok_answer());
    cs.delete_account(KF).await.unwrap();
    api.expect(
        "POST",
        "/customservice/kfaccount/del",
        &[("access_token", ACCESS_TOKEN)],
        Some(json!({"kf_account": KF})),
    );

    api.answer("/customservice/kfaccount/inviteworker", ok_answer());
    cs.invite_worker(KF, "test_kfwx").await.unwrap();
    api.expect(
        "POST",
        "/customservice/kfaccount/inviteworker",
        &[("access_token", ACCESS_TOKEN)],
        Some(json!({"kf_account": KF, "invite_wx": "test_kfwx"})),
    );
}

#[tokio::test]
async fn account_lists() {
    let api = ApiMock::start().await;
    let cs = api.client.customer_service();

    api.answer(
        "/cgi-bin/customservice/getkflist",
        json!({"kf_list": [
            {"kf_account": "test1@test", "kf_headimgurl": "http://mmbiz.qpic.cn/mmbiz/4whpV1VZl2iccsvYbHvnphkyGtnvjfUS8Ym0GSaLic0FD3vN0V8PILcibEGb2fPfEOmw/0",
             "kf_id": "1001", "kf_nick": "ntest1", "kf_wx": "kfwx1"},
            {"kf_account": "test3@test", "kf_headimgurl": "http://mmbiz.qpic.cn/mmbiz/0", "kf_id": 1003,
             "kf_nick": "ntest3", "invite_wx": "kfwx3", "invite_expire_time": 123456789, "invite_status": "waiting"}
        ]}),
    );
    let accounts = cs.accounts().await.unwrap();
    api.expect(
        "GET",
        "/cgi-bin/customservice/getkflist",
        &[("access_token", ACCESS_TOKEN)],
        None,
    );
    assert_eq!(accounts.len(), 2);
    assert_eq!(accounts[0].kf_id.as_deref(), Some("1001"));
    assert_eq!(accounts[0].kf_wx.as_deref(), Some("kfwx1"));
    assert_eq!(accounts[1].kf_id.as_deref(), Some("1003"));
    assert_eq!(accounts[1].invite_expire_time.as_deref(), Some("123456789"));
    assert_eq!(accounts[1].invite_status.as_deref(), Some("waiting"));

    api.answer(
        "/cgi-bin/customservice/getonlinekflist",
        json!({"kf_online_list": [
            {"kf_account": "test1@test", "status": 1, "kf_id": "1001", "accepted_case": 1},
            {"kf_account": "test2@test", "status": 1, "kf_id": "1002", "accepted_case": 2}
        ]}),
    );
    let online = cs.online_accounts().await.unwrap();
    api.expect(
        "GET",
        "/cgi-bin/customservice/getonlinekflist",
        &[("access_token", ACCESS_TOKEN)],
        None,
    );
    assert_eq!(online.len(), 2);
    assert_eq!(online[1].accepted_case, 2);
    assert_eq!(online[1].status, 1);
}

#[tokio::test]
async fn the_avatar_is_uploaded_as_multipart_media() {
    let api = ApiMock::start().await;
    let jpeg = jpeg_bytes();
    api.answer("/customservice/kfaccount/uploadheadimg", ok_answer());
    api.client
        .customer_service()
        .upload_avatar(KF, "test.jpg", jpeg.clone())
        .await
        .unwrap();
    let sent = api.expect(
        "POST",
        "/customservice/kfaccount/uploadheadimg",
        &[("access_token", ACCESS_TOKEN), ("kf_account", KF)],
        None,
    );
    let content_type = sent.header("content-type").unwrap();
    assert!(
        content_type.starts_with("multipart/form-data; boundary="),
        "{content_type}"
    );
    let head = String::from_utf8_lossy(&sent.body);
    assert!(
        head.contains("Content-Disposition: form-data; name=\"media\"; filename=\"test.jpg\""),
        "{head}"
    );
    let parts = multipart_parts(&sent);
    assert_eq!(parts.len(), 1);
    let (_, content) = multipart_part(&parts, "media");
    assert_eq!(content, &jpeg, "the JPEG bytes are in the body, unchanged");
}

#[tokio::test]
async fn sessions() {
    let api = ApiMock::start().await;
    let cs = api.client.customer_service();

    api.answer("/customservice/kfsession/create", ok_answer());
    cs.create_session(KF, OPENID).await.unwrap();
    api.expect(
        "POST",
        "/customservice/kfsession/create",
        &[("access_token", ACCESS_TOKEN)],
        Some(json!({"kf_account": KF, "openid": OPENID})),
    );

    api.answer("/customservice/kfsession/close", ok_answer());
    cs.close_session(KF, OPENID).await.unwrap();
    api.expect(
        "POST",
        "/customservice/kfsession/close",
        &[("access_token", ACCESS_TOKEN)],
        Some(json!({"kf_account": KF, "openid": OPENID})),
    );

    api.answer(
        "/customservice/kfsession/getsession",
        json!({"createtime": 123456789, "kf_account": "test1@test"}),
    );
    let session = cs.session(OPENID).await.unwrap();
    api.expect(
        "GET",
        "/customservice/kfsession/getsession",
        &[("access_token", ACCESS_TOKEN), ("openid", OPENID)],
        None,
    );
    assert_eq!(session.createtime, 123456789);
    assert_eq!(session.kf_account, KF);

    api.answer(
        "/customservice/kfsession/getsessionlist",
        json!({"sessionlist": [{"createtime": 123456789, "openid": "OPENID"}]}),
    );
    let sessions = cs.sessions(KF).await.unwrap();
    api.expect(
        "GET",
        "/customservice/kfsession/getsessionlist",
        &[("access_token", ACCESS_TOKEN), ("kf_account", KF)],
        None,
    );
    assert_eq!(sessions.len(), 1);
    assert_eq!(sessions[0].openid, "OPENID");

    api.answer(
        "/customservice/kfsession/getwaitcase",
        json!({"count": 150, "waitcaselist": [{"latest_time": 123456789, "openid": "OPENID"}]}),
    );
    let waiting = cs.waiting().await.unwrap();
    api.expect(
        "GET",
        "/customservice/kfsession/getwaitcase",
        &[("access_token", ACCESS_TOKEN)],
        None,
    );
    assert_eq!(waiting.count, 150);
    assert_eq!(waiting.waitcaselist[0].latest_time, 123456789);
}

#[tokio::test]
async fn message_records() {
    let api = ApiMock::start().await;
    api.answer(
        "/customservice/msgrecord/getmsglist",
        json!({
            "recordlist": [
                {"openid": OPENID, "opercode": 2002, "text": "您好,客服test1为您服务。", "time": 1464710500, "worker": "test1@test"},
                {"openid": OPENID, "opercode": 2003, "text": "[image]", "time": 1464710531, "worker": "test1@test"}
            ],
            "number": 2,
            "msgid": 20165267
        }),
    );
    let records = api
        .client
        .customer_service()
        .msg_records(1464710400, 1464796800, 1, 10000)
        .await
        .unwrap();
    api.expect(
        "POST",
        "/customservice/msgrecord/getmsglist",
        &[("access_token", ACCESS_TOKEN)],
        Some(json!({"starttime": 1464710400, "endtime": 1464796800, "msgid": 1, "number": 10000})),
    );
    assert_eq!(records.number, 2);
    assert_eq!(records.msgid, 20165267);
    assert_eq!(records.recordlist[0].opercode, 2002);
    assert_eq!(records.recordlist[1].text, "[image]");
}

#[tokio::test]
async fn an_errcode_is_an_api_error() {
    let api = ApiMock::start().await;
    api.answer(
        "/customservice/kfaccount/add",
        errcode(65406, "already exists"),
    );
    let err = api
        .client
        .customer_service()
        .add_account(KF, "客服1")
        .await
        .unwrap_err();
    assert_eq!(err.errcode(), Some(65406));

    api.answer(
        "/customservice/kfsession/close",
        errcode(65413, "no effective session for the customer"),
    );
    let err = api
        .client
        .customer_service()
        .close_session(KF, OPENID)
        .await
        .unwrap_err();
    assert_eq!(err.errcode(), Some(65413));
}

#[tokio::test]
async fn bad_input_is_rejected_before_sending() {
    let api = ApiMock::start().await;
    let cs = api.client.customer_service();
    // Accounts: no `@`, a prefix over 10 characters or with other characters, no nickname, a
    // nickname over 16 characters.
    assert_invalid(cs.add_account("test1", "客服1").await.unwrap_err());
    assert_invalid(cs.add_account("@test", "客服1").await.unwrap_err());
    assert_invalid(
        cs.add_account("abcdefghijk@test", "客服1")
            .await
            .unwrap_err(),
    );
    assert_invalid(cs.add_account("te-st@test", "客服1").await.unwrap_err());
    assert_invalid(cs.add_account("test1@", "客服1").await.unwrap_err());
    assert_invalid(cs.update_account(KF, "").await.unwrap_err());
    assert_invalid(cs.update_account(KF, &"客".repeat(17)).await.unwrap_err());
    assert_invalid(cs.delete_account("").await.unwrap_err());
    assert_invalid(cs.invite_worker(KF, "").await.unwrap_err());
    // Avatars: empty, over 5 MB, no account.
    assert_invalid(cs.upload_avatar(KF, "a.jpg", Vec::new()).await.unwrap_err());
    assert_invalid(
        cs.upload_avatar(KF, "a.jpg", vec![0u8; 5 * 1024 * 1024 + 1])
            .await
            .unwrap_err(),
    );
    assert_invalid(
        cs.upload_avatar("", "a.jpg", jpeg_bytes())
            .await
            .unwrap_err(),
    );
    // Sessions.
    assert_invalid(cs.create_session(KF, "").await.unwrap_err());
    assert_invalid(cs.close_session("", OPENID).await.unwrap_err());
    assert_invalid(cs.session("").await.unwrap_err());
    assert_invalid(cs.sessions(" ").await.unwrap_err());
    // Records: an end before the start, a span over 24 hours, number 0 or over 10000, msgid 0.
    assert_invalid(cs.msg_records(100, 100, 1, 10).await.unwrap_err());
    assert_invalid(cs.msg_records(0, 86_401, 1, 10).await.unwrap_err());
    assert_invalid(cs.msg_records(0, 86_400, 1, 0).await.unwrap_err());
    assert_invalid(cs.msg_records(0, 86_400, 1, 10_001).await.unwrap_err());
    assert_invalid(cs.msg_records(0, 86_400, 0, 10).await.unwrap_err());
    assert_eq!(api.sent(), 0);
}
