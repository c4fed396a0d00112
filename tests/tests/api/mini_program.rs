//! Mini Program APIs against a recording mock: the exact request, a realistic answer (image
//! bytes for the codes), an errcode.

use crate::common::api::*;
use crate::common::{APPID, OPENID};
use serde_json::json;
use wechat_runtime::api::mini_program::{
    CloudBase, EnvVersion, Expiry, LineColor, MsgSecCheck, SecScene, Suggest, UnlimitedWxaCode,
    UrlLink, UrlScheme, WxaCode,
};
use wechat_runtime::{Error, Secret};

const SECRET: &str = "mini-program-secret-VALUE";
const SESSION_KEY: &str = "tiihtNczf5v6AKRyjwEUhQ==";

/// A PNG: the 8-byte signature, then the start of an IHDR chunk, and bytes that are not UTF-8.
const PNG: &[u8] = &[
    0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, b'I', b'H', b'D', b'R',
    0x00, 0x00, 0x01, 0xae, 0x00, 0x00, 0x01, 0xae, 0x08, 0x06, 0x00, 0x00, 0x00, 0xff, 0xfe, 0x80,
];

#[tokio::test]
async fn jscode2session() {
    let api = ApiMock::start().await;
    api.answer(
        "/sns/jscode2session",
        json!({"openid": OPENID, "session_key": SESSION_KEY, "unionid": "oHAUs6LSuwgHq-mlnFrffKXw3QYM"}),
    );
    let secret = Secret::new(SECRET);
    let session = api
        .client
        .mini_program()
        .jscode2session("081Kq6Ga1rBfXH0LH9Ga1G2xDn1Kq6G5", &secret)
        .await
        .unwrap();
    assert_eq!(session.openid, OPENID);
    assert_eq!(session.session_key, SESSION_KEY);
    assert_eq!(
        session.unionid.as_deref(),
        Some("oHAUs6LSuwgHq-mlnFrffKXw3QYM")
    );
    api.expect(
        "GET",
        "/sns/jscode2session",
        &[
            ("appid", APPID),
            ("secret", SECRET),
            ("js_code", "081Kq6Ga1rBfXH0LH9Ga1G2xDn1Kq6G5"),
            ("grant_type", "authorization_code"),
        ],
        None,
    );
    let shown = format!("{session:?}");
    assert!(!shown.contains(SESSION_KEY), "{shown}");
    assert!(shown.contains(OPENID), "{shown}");
}

#[tokio::test]
async fn wxacode_returns_the_image_bytes() {
    let api = ApiMock::start().await;
    api.answer_bytes("/wxa/getwxacode", "image/png", &[], PNG);
    let image = api
        .client
        .mini_program()
        .wxacode(
            &WxaCode::new("pages/index/index?id=42")
                .width(430)
                .auto_color(false)
                .line_color(LineColor::rgb(0, 128, 255))
                .is_hyaline(true)
                .env_version(EnvVersion::Trial),
        )
        .await
        .unwrap();
    assert_eq!(&image[..], PNG);
    api.expect(
        "POST",
        "/wxa/getwxacode",
        &[("access_token", ACCESS_TOKEN)],
        Some(json!({
            "path": "pages/index/index?id=42",
            "width": 430,
            "auto_color": false,
            "line_color": {"r": 0, "g": 128, "b": 255},
            "is_hyaline": true,
            "env_version": "trial"
        })),
    );

    // Only what is set is sent.
    api.client
        .mini_program()
        .wxacode(&WxaCode::new("pages/index/index"))
        .await
        .unwrap();
    assert_eq!(api.last().json(), json!({"path": "pages/index/index"}));
}

#[tokio::test]
async fn wxacode_unlimited_returns_the_image_bytes() {
    let api = ApiMock::start().await;
    api.answer_bytes("/wxa/getwxacodeunlimit", "image/png", &[], PNG);
    let image = api
        .client
        .mini_program()
        .wxacode_unlimited(
            &UnlimitedWxaCode::new("a=1&b=2")
                .page("pages/item/item")
                .check_path(false)
                .env_version(EnvVersion::Develop)
                .width(280),
        )
        .await
        .unwrap();
    assert_eq!(&image[..], PNG);
    api.expect(
        "POST",
        "/wxa/getwxacodeunlimit",
        &[("access_token", ACCESS_TOKEN)],
        Some(json!({
            "scene": "a=1&b=2",
            "page": "pages/item/item",
            "check_path": false,
            "env_version": "develop",
            "width": 280
        })),
    );
}

#[tokio::test]
async fn create_qrcode_returns_the_image_bytes() {
    let api = ApiMock::start().await;
    api.answer_bytes("/cgi-bin/wxaapp/createwxaqrcode", "image/jpeg", &[], PNG);
    let image = api
        .client
        .mini_program()
        .create_qrcode("page/index/index", Some(430))
        .await
        .unwrap();
    assert_eq!(&image[..], PNG);
    api.expect(
        "POST",
        "/cgi-bin/wxaapp/createwxaqrcode",
        &[("access_token", ACCESS_TOKEN)],
        Some(json!({"path": "page/index/index", "width": 430})),
    );
}

#[tokio::test]
async fn an_errcode_on_an_image_endpoint_is_an_api_error() {
    let api = ApiMock::start().await;
    api.answer("/wxa/getwxacodeunlimit", errcode(41030, "invalid page"));
    let err = api
        .client
        .mini_program()
        .wxacode_unlimited(&UnlimitedWxaCode::new("id=1").page("pages/missing/missing"))
        .await
        .unwrap_err();
    assert_eq!(err.errcode(), Some(41030));
    api.expect(
        "POST",
        "/wxa/getwxacodeunlimit",
        &[("access_token", ACCESS_TOKEN)],
        Some(json!({"scene": "id=1", "page": "pages/missing/missing"})),
    );

    api.answer(
        "/wxa/getwxacode",
        errcode(45029, "qrcode count out of limit"),
    );
    let err = api
        .client
        .mini_program()
        .wxacode(&WxaCode::new("pages/index/index"))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Api { errcode: 45029, .. }), "{err:?}");

    api.answer(
        "/cgi-bin/wxaapp/createwxaqrcode",
        errcode(
            40159,
            "invalid length for path, or the data is not json string",
        ),
    );
    let err = api
        .client
        .mini_program()
        .create_qrcode("page/index/index", None)
        .await
        .unwrap_err();
    assert_eq!(err.errcode(), Some(40159));
    api.expect(
        "POST",
        "/cgi-bin/wxaapp/createwxaqrcode",
        &[("access_token", ACCESS_TOKEN)],
        Some(json!({"path": "page/index/index"})),
    );
}

#[tokio::test]
async fn phone_number() {
    let api = ApiMock::start().await;
    api.answer(
        "/wxa/business/getuserphonenumber",
        json!({
            "errcode": 0,
            "errmsg": "ok",
            "phone_info": {
                "phoneNumber": "+8613800138000",
                "purePhoneNumber": "13800138000",
                "countryCode": 86,
                "watermark": {"timestamp": 1637744274, "appid": APPID}
            }
        }),
    );
    let code = "e31968a7f94cc5ee25fafc2aef2773f0bb8c3937b22520eb8ee345274d00c144";
    let phone = api.client.mini_program().phone_number(code).await.unwrap();
    assert_eq!(phone.phone_number, "+8613800138000");
    assert_eq!(phone.pure_phone_number, "13800138000");
    assert_eq!(phone.country_code, "86");
    let watermark = phone.watermark.unwrap();
    assert_eq!(
        (watermark.timestamp, watermark.appid.as_str()),
        (1637744274, APPID)
    );
    api.expect(
        "POST",
        "/wxa/business/getuserphonenumber",
        &[("access_token", ACCESS_TOKEN)],
        Some(json!({"code": code})),
    );

    // The table of the documentation says the country code is a string.
    api.answer(
        "/wxa/business/getuserphonenumber",
        json!({"errcode": 0, "errmsg": "ok", "phone_info": {"phoneNumber": "13800138000", "purePhoneNumber": "13800138000", "countryCode": "86"}}),
    );
    let phone = api.client.mini_program().phone_number(code).await.unwrap();
    assert_eq!(phone.country_code, "86");
    assert_eq!(phone.watermark, None);
}

#[tokio::test]
async fn url_scheme() {
    let api = ApiMock::start().await;
    api.answer(
        "/wxa/generatescheme",
        json!({"errcode": 0, "errmsg": "ok", "openlink": "weixin://dl/business/?t=XTSkBZlzqmn"}),
    );
    let link = api
        .client
        .mini_program()
        .url_scheme(
            &UrlScheme::new(Expiry::At(1_706_745_600))
                .path("pages/publish/publish")
                .query("from=sms")
                .env_version(EnvVersion::Release),
        )
        .await
        .unwrap();
    assert_eq!(link, "weixin://dl/business/?t=XTSkBZlzqmn");
    api.expect(
        "POST",
        "/wxa/generatescheme",
        &[("access_token", ACCESS_TOKEN)],
        Some(json!({
            "jump_wxa": {"path": "pages/publish/publish", "query": "from=sms", "env_version": "release"},
            "expire_type": 0,
            "expire_time": 1_706_745_600u64
        })),
    );

    api.client
        .mini_program()
        .url_scheme(&UrlScheme::new(Expiry::AfterDays(30)))
        .await
        .unwrap();
    api.expect(
        "POST",
        "/wxa/generatescheme",
        &[("access_token", ACCESS_TOKEN)],
        Some(json!({"jump_wxa": {}, "expire_type": 1, "expire_interval": 30})),
    );
}

#[tokio::test]
async fn url_link() {
    let api = ApiMock::start().await;
    api.answer(
        "/wxa/generate_urllink",
        json!({"errcode": 0, "errmsg": "ok", "url_link": "https://wxaurl.cn/BQZRrcFCPvg"}),
    );
    let link = api
        .client
        .mini_program()
        .url_link(
            &UrlLink::new(Expiry::AfterDays(7))
                .path("pages/index/index")
                .query("a=1")
                .env_version(EnvVersion::Trial)
                .cloud_base(CloudBase::new("xxx")),
        )
        .await
        .unwrap();
    assert_eq!(link, "https://wxaurl.cn/BQZRrcFCPvg");
    api.expect(
        "POST",
        "/wxa/generate_urllink",
        &[("access_token", ACCESS_TOKEN)],
        Some(json!({
            "path": "pages/index/index",
            "query": "a=1",
            "env_version": "trial",
            "expire_type": 1,
            "expire_interval": 7,
            "cloud_base": {"env": "xxx"}
        })),
    );
}

#[tokio::test]
async fn msg_sec_check() {
    let api = ApiMock::start().await;
    api.answer(
        "/wxa/msg_sec_check",
        json!({
            "errcode": 0,
            "errmsg": "ok",
            "detail": [
                {"strategy": "content_model", "errcode": 0, "suggest": "risky", "label": 20006, "prob": 90},
                {"strategy": "keyword", "errcode": 0, "suggest": "pass", "label": 20006, "level": 20, "keyword": "命中的关键词1"}
            ],
            "trace_id": "60ae120f-371d5872-7941a05b",
            "result": {"suggest": "risky", "label": 20006}
        }),
    );
    let check = api
        .client
        .mini_program()
        .msg_sec_check(
            &MsgSecCheck::new(OPENID, SecScene::Comment, "hello world")
                .title("a title")
                .nickname("Band"),
        )
        .await
        .unwrap();
    assert_eq!(check.result.suggest, Suggest::Risky);
    assert_eq!(check.result.label, 20006);
    assert_eq!(check.trace_id, "60ae120f-371d5872-7941a05b");
    assert_eq!(check.detail.len(), 2);
    assert_eq!(check.detail[0].prob, Some(90));
    assert_eq!(check.detail[1].keyword.as_deref(), Some("命中的关键词1"));
    assert_eq!(check.detail[1].suggest, Some(Suggest::Pass));
    api.expect(
        "POST",
        "/wxa/msg_sec_check",
        &[("access_token", ACCESS_TOKEN)],
        Some(json!({
            "content": "hello world",
            "version": 2,
            "scene": 2,
            "openid": OPENID,
            "title": "a title",
            "nickname": "Band"
        })),
    );
}

#[tokio::test]
async fn an_errcode_is_an_api_error() {
    let api = ApiMock::start().await;
    api.answer("/sns/jscode2session", errcode(40029, "invalid code"));
    let err = api
        .client
        .mini_program()
        .jscode2session("used", &Secret::new(SECRET))
        .await
        .unwrap_err();
    assert_eq!(err.errcode(), Some(40029));
    assert!(!err.to_string().contains(SECRET), "{err}");

    api.answer(
        "/wxa/generatescheme",
        errcode(85079, "miniprogram has no online release"),
    );
    let err = api
        .client
        .mini_program()
        .url_scheme(&UrlScheme::new(Expiry::AfterDays(1)))
        .await
        .unwrap_err();
    assert_eq!(err.errcode(), Some(85079));
}

#[tokio::test]
async fn bad_input_is_rejected_before_sending() {
    let api = ApiMock::start().await;
    let mp = api.client.mini_program();
    let secret = Secret::new(SECRET);
    let errors = [
        mp.jscode2session("", &secret).await.unwrap_err(),
        mp.wxacode(&WxaCode::new("")).await.unwrap_err(),
        mp.wxacode(&WxaCode::new("p".repeat(1025)))
            .await
            .unwrap_err(),
        mp.wxacode(&WxaCode::new("pages/index/index").width(100))
            .await
            .unwrap_err(),
        // An over-long scene: 33 characters.
        mp.wxacode_unlimited(&UnlimitedWxaCode::new("a".repeat(33)))
            .await
            .unwrap_err(),
        mp.wxacode_unlimited(&UnlimitedWxaCode::new(""))
            .await
            .unwrap_err(),
        // `%` and non-ASCII are not allowed in a scene.
        mp.wxacode_unlimited(&UnlimitedWxaCode::new("id%3D1"))
            .await
            .unwrap_err(),
        mp.wxacode_unlimited(&UnlimitedWxaCode::new("商品"))
            .await
            .unwrap_err(),
        mp.wxacode_unlimited(&UnlimitedWxaCode::new("id=1").page("/pages/index/index"))
            .await
            .unwrap_err(),
        mp.wxacode_unlimited(&UnlimitedWxaCode::new("id=1").width(1281))
            .await
            .unwrap_err(),
        mp.create_qrcode("", None).await.unwrap_err(),
        mp.create_qrcode(&"p".repeat(129), None).await.unwrap_err(),
        mp.phone_number(" ").await.unwrap_err(),
        mp.url_scheme(&UrlScheme::new(Expiry::AfterDays(31)))
            .await
            .unwrap_err(),
        mp.url_scheme(&UrlScheme::new(Expiry::AfterDays(0)))
            .await
            .unwrap_err(),
        mp.url_link(&UrlLink::new(Expiry::AfterDays(1)).query("q".repeat(1025)))
            .await
            .unwrap_err(),
        mp.msg_sec_check(&MsgSecCheck::new(OPENID, SecScene::Forum, ""))
            .await
            .unwrap_err(),
        mp.msg_sec_check(&MsgSecCheck::new("", SecScene::Forum, "text"))
            .await
            .unwrap_err(),
        mp.msg_sec_check(&MsgSecCheck::new(
            OPENID,
            SecScene::Profile,
            "字".repeat(2501),
        ))
        .await
        .unwrap_err(),
    ];
    for err in errors {
        assert!(matches!(err, Error::InvalidInput(_)), "{err:?}");
    }
    // The limits themselves pass.
    assert!(mp
        .wxacode_unlimited(&UnlimitedWxaCode::new("!#$&'()*+,/:;=?@-._~0123456789AB"))
        .into_request()
        .send()
        .await
        .is_err_and(|e| !matches!(e, Error::InvalidInput(_))));
    assert_eq!(api.sent(), 1);
}
