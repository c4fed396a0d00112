//! Security and user state: the media check, risk ranks, paid unionids, login-state checks
//! signed over the empty string, and Mini Program customer service typing.

use super::{OPENID, SESSION_KEY, TRANSACTION_ID};
use crate::common::api::*;
use crate::common::APPID;
use serde_json::json;
use wechat_runtime::api::message::TypingCommand;
use wechat_runtime::api::mini_program::SecScene;
use wechat_runtime::api::wxa_security::{MediaCheckAsync, RiskRankQuery, RiskScene, SecMediaType};
use wechat_runtime::Secret;

/// HMAC-SHA256 of the empty string keyed with SESSION_KEY, computed apart from the SDK:
///   printf '' | openssl dgst -sha256 -hmac 'tiihtNczf5v6AKRyjwEUhQ=='
const EMPTY_SIGNATURE: &str = "7154f9f8b4b76b92f541cbf0e37d48840fa06e5e42da92a6f80168a1516a4735";

#[tokio::test]
async fn security_checks() {
    let api = ApiMock::start().await;
    api.answer(
        "/wxa/media_check_async",
        json!({"errcode": 0, "errmsg": "ok", "trace_id": "60ae120f-371d5872-7941a05b"}),
    );
    let trace_id = api
        .client
        .wxa_security()
        .media_check_async(&MediaCheckAsync::new(
            OPENID,
            SecMediaType::Image,
            "https://example.com/avatar.png",
            SecScene::Comment,
        ))
        .await
        .unwrap();
    assert_eq!(trace_id, "60ae120f-371d5872-7941a05b");
    api.expect(
        "POST",
        "/wxa/media_check_async",
        &[("access_token", ACCESS_TOKEN)],
        Some(
            json!({"media_url": "https://example.com/avatar.png", "media_type": 2,
                    "version": 2, "scene": 2, "openid": OPENID}),
        ),
    );

    api.answer(
        "/wxa/getuserriskrank",
        json!({"errcode": 0, "errmsg": "getuserriskrank succ", "risk_rank": 2, "unoin_id": 123456}),
    );
    let rank = api
        .client
        .wxa_security()
        .user_risk_rank(
            &RiskRankQuery::new(OPENID, RiskScene::Marketing, "203.0.113.7")
                .mobile_no("13800138000")
                .email_address("user@example.com")
                .extended_info("campaign-7")
                .is_test(true),
        )
        .await
        .unwrap();
    assert_eq!((rank.risk_rank, rank.request_id), (2, 123456));
    api.expect(
        "POST",
        "/wxa/getuserriskrank",
        &[("access_token", ACCESS_TOKEN)],
        Some(
            json!({"appid": APPID, "openid": OPENID, "scene": 1, "client_ip": "203.0.113.7",
                    "mobile_no": "13800138000", "email_address": "user@example.com",
                    "extended_info": "campaign-7", "is_test": true}),
        ),
    );

    api.answer("/wxa/media_check_async", errcode(40003, "invalid openid"));
    let err = api
        .client
        .wxa_security()
        .media_check_async(&MediaCheckAsync::new(
            OPENID,
            SecMediaType::Audio,
            "https://example.com/voice.mp3",
            SecScene::Forum,
        ))
        .await
        .unwrap_err();
    assert_eq!(err.errcode(), Some(40003));

    let sent = api.sent();
    for err in [
        api.client
            .wxa_security()
            .media_check_async(&MediaCheckAsync::new(
                OPENID,
                SecMediaType::Image,
                "ftp://example.com/a.png",
                SecScene::Profile,
            ))
            .await
            .unwrap_err(),
        api.client
            .wxa_security()
            .media_check_async(&MediaCheckAsync::new(
                "",
                SecMediaType::Image,
                "https://example.com/a.png",
                SecScene::Profile,
            ))
            .await
            .unwrap_err(),
        api.client
            .wxa_security()
            .user_risk_rank(&RiskRankQuery::new(OPENID, RiskScene::Register, ""))
            .await
            .unwrap_err(),
    ] {
        assert_invalid(err);
    }
    assert_eq!(api.sent(), sent);
}

#[tokio::test]
async fn paid_unionid() {
    let api = ApiMock::start().await;
    api.answer(
        "/wxa/getpaidunionid",
        json!({"unionid": "oTmHYjg-tElZ68xxxxxxxxhy1Rgk", "errcode": 0, "errmsg": "ok"}),
    );
    let unionid = api
        .client
        .wxa_security()
        .paid_unionid(OPENID, TRANSACTION_ID)
        .await
        .unwrap();
    assert_eq!(unionid, "oTmHYjg-tElZ68xxxxxxxxhy1Rgk");
    api.expect(
        "GET",
        "/wxa/getpaidunionid",
        &[
            ("access_token", ACCESS_TOKEN),
            ("openid", OPENID),
            ("transaction_id", TRANSACTION_ID),
        ],
        None,
    );
    api.client
        .wxa_security()
        .paid_unionid_by_out_trade_no(OPENID, "1230000109", "ORDER20240501001")
        .await
        .unwrap();
    api.expect(
        "GET",
        "/wxa/getpaidunionid",
        &[
            ("access_token", ACCESS_TOKEN),
            ("openid", OPENID),
            ("mch_id", "1230000109"),
            ("out_trade_no", "ORDER20240501001"),
        ],
        None,
    );
    api.answer("/wxa/getpaidunionid", errcode(89300, "invalid trade"));
    let err = api
        .client
        .wxa_security()
        .paid_unionid(OPENID, TRANSACTION_ID)
        .await
        .unwrap_err();
    assert_eq!(err.errcode(), Some(89300));

    let sent = api.sent();
    for err in [
        api.client
            .wxa_security()
            .paid_unionid(OPENID, "")
            .await
            .unwrap_err(),
        api.client
            .wxa_security()
            .paid_unionid_by_out_trade_no(OPENID, "", "ORDER1")
            .await
            .unwrap_err(),
    ] {
        assert_invalid(err);
    }
    assert_eq!(api.sent(), sent);
}

#[tokio::test]
async fn login_state_is_signed_over_the_empty_string() {
    let api = ApiMock::start().await;
    let session_key = Secret::new(SESSION_KEY);
    api.answer("/wxa/checksession", json!({"errcode": 0, "errmsg": "ok"}));
    api.client
        .wxa_security()
        .check_session(OPENID, &session_key)
        .await
        .unwrap();
    api.expect(
        "GET",
        "/wxa/checksession",
        &[
            ("access_token", ACCESS_TOKEN),
            ("openid", OPENID),
            ("signature", EMPTY_SIGNATURE),
            ("sig_method", "hmac_sha256"),
        ],
        None,
    );
    api.answer("/wxa/checksession", errcode(87009, "invalid signature"));
    let err = api
        .client
        .wxa_security()
        .check_session(OPENID, &session_key)
        .await
        .unwrap_err();
    assert_eq!(err.errcode(), Some(87009));

    api.answer(
        "/wxa/business/getuserencryptkey",
        json!({"errcode": 0, "errmsg": "ok", "key_info_list": [
            {"encrypt_key": "VI6BpyrK9XH4i4AIGe86tg==", "version": 10, "expire_in": 3597,
             "iv": "6003f73ec441c386", "create_time": 1616572301},
            {"encrypt_key": "aoUGAHltcliiL9f23oTKHA==", "version": 9, "expire_in": 0,
             "iv": "7996656384218dbb", "create_time": 1616504415}]}),
    );
    let keys = api
        .client
        .wxa_security()
        .user_encrypt_key(OPENID, &session_key)
        .await
        .unwrap();
    let request = api.expect(
        "POST",
        "/wxa/business/getuserencryptkey",
        &[
            ("access_token", ACCESS_TOKEN),
            ("openid", OPENID),
            ("signature", EMPTY_SIGNATURE),
            ("sig_method", "hmac_sha256"),
        ],
        None,
    );
    // WeChat refuses any body, even `{}`.
    assert!(request.body.is_empty(), "{request:?}");
    assert_eq!(keys.len(), 2);
    assert_eq!((keys[0].version, keys[0].expire_in), (10, 3597));
    assert_eq!(keys[0].iv, "6003f73ec441c386");
    assert_eq!(keys[0].encrypt_key, "VI6BpyrK9XH4i4AIGe86tg==");
    let shown = format!("{:?}", keys[0]);
    assert!(!shown.contains("VI6BpyrK9XH4i4AIGe86tg=="), "{shown}");

    let sent = api.sent();
    for err in [
        api.client
            .wxa_security()
            .check_session("", &session_key)
            .await
            .unwrap_err(),
        api.client
            .wxa_security()
            .user_encrypt_key(OPENID, &Secret::new(""))
            .await
            .unwrap_err(),
    ] {
        assert_invalid(err);
    }
    assert_eq!(api.sent(), sent);
}

#[tokio::test]
async fn mini_program_customer_service_typing() {
    let api = ApiMock::start().await;
    api.answer(
        "/cgi-bin/message/custom/business/typing",
        json!({"errcode": 0, "errmsg": "ok"}),
    );
    api.client
        .wxa_security()
        .kf_typing(OPENID, TypingCommand::Typing)
        .await
        .unwrap();
    api.expect(
        "POST",
        "/cgi-bin/message/custom/business/typing",
        &[("access_token", ACCESS_TOKEN)],
        Some(json!({"touser": OPENID, "command": "Typing"})),
    );
    api.answer(
        "/cgi-bin/message/custom/business/typing",
        errcode(45081, "already in typing status"),
    );
    let err = api
        .client
        .wxa_security()
        .kf_typing(OPENID, TypingCommand::CancelTyping)
        .await
        .unwrap_err();
    assert_eq!(err.errcode(), Some(45081));
    assert_eq!(
        api.last().json(),
        json!({"touser": OPENID, "command": "CancelTyping"})
    );
    let sent = api.sent();
    assert_invalid(
        api.client
            .wxa_security()
            .kf_typing("", TypingCommand::Typing)
            .await
            .unwrap_err(),
    );
    assert_eq!(api.sent(), sent);
}
