//! Mini Program links: schemes and links read back, Short Links, NFC schemes.

use serde_json::json;
use wechat_runtime::api::mini_program::EnvVersion;
use wechat_runtime::api::wxa_link::{NfcScheme, ShortLink};

use super::token;
use crate::common::api::*;

#[tokio::test]
async fn links_query_back() {
    let api = ApiMock::start().await;
    let links = api.client.wxa_link();

    api.answer(
        "/wxa/queryscheme",
        json!({"errcode": 0, "errmsg": "ok", "scheme_info": {
            "appid": "wx0000000000000001", "path": "", "query": "a=hello",
            "create_time": 611928113, "expire_time": 0, "env_version": "release"
        }}),
    );
    let found = links
        .query_scheme("weixin://dl/business/?t=XTSkBZlzqmn&cq=a%3Dhello")
        .await
        .unwrap();
    assert_eq!(found.info.query, "a=hello");
    assert_eq!(found.info.expire_time, 0);
    assert_eq!(found.info.env_version, Some(EnvVersion::Release));
    assert_eq!(found.quota_info, None);
    api.expect(
        "POST",
        "/wxa/queryscheme",
        &token(),
        Some(
            json!({"scheme": "weixin://dl/business/?t=XTSkBZlzqmn&cq=a%3Dhello", "query_type": 0}),
        ),
    );

    api.answer(
        "/wxa/queryscheme",
        json!({"errcode": 0, "errmsg": "ok", "quota_info": {"remain_visit_quota": 5999990}}),
    );
    assert_eq!(links.visit_quota().await.unwrap(), 5999990);
    api.expect(
        "POST",
        "/wxa/queryscheme",
        &token(),
        Some(json!({"query_type": 1})),
    );

    api.answer(
        "/wxa/query_urllink",
        json!({"errcode": 0, "errmsg": "ok", "url_link_info": {
            "appid": "wx0000000000000001", "path": "pages/index/index", "query": "a=hello",
            "create_time": 611928113, "expire_time": 1700000000, "env_version": "trial",
            "cloud_base": {"env": "prod-1", "doamin": "", "path": "/jump", "query": "", "resource_appid": ""}
        }}),
    );
    let found = links
        .query_url_link("https://wxaurl.cn/BQZRrcFCPvg?cq=a%3Dhello")
        .await
        .unwrap();
    assert_eq!(found.info.path, "pages/index/index");
    assert_eq!(found.info.env_version, Some(EnvVersion::Trial));
    let cloud = found.info.cloud_base.unwrap();
    assert_eq!(
        (cloud.env.as_str(), cloud.path.as_str()),
        ("prod-1", "/jump")
    );
    api.expect(
        "POST",
        "/wxa/query_urllink",
        &token(),
        Some(json!({"url_link": "https://wxaurl.cn/BQZRrcFCPvg?cq=a%3Dhello", "query_type": 0})),
    );

    api.answer("/wxa/query_urllink", errcode(40097, "invalid args"));
    let err = links
        .query_url_link("https://wxaurl.cn/unknown")
        .await
        .unwrap_err();
    assert_eq!(err.errcode(), Some(40097));
}

#[tokio::test]
async fn links_made() {
    let api = ApiMock::start().await;
    let links = api.client.wxa_link();

    api.answer(
        "/wxa/genwxashortlink",
        json!({"errcode": 0, "errmsg": "ok", "link": "#小程序://作业/Ub2Ccw1ojrTGYNb"}),
    );
    let link = links
        .short_link(
            &ShortLink::new("pages/publishHomework/publishHomework?query1=q1")
                .title("Homework title")
                .permanent(true),
        )
        .await
        .unwrap();
    assert_eq!(link, "#小程序://作业/Ub2Ccw1ojrTGYNb");
    api.expect(
        "POST",
        "/wxa/genwxashortlink",
        &token(),
        Some(json!({
            "page_url": "pages/publishHomework/publishHomework?query1=q1",
            "page_title": "Homework title",
            "is_permanent": true
        })),
    );
    links
        .short_link(&ShortLink::new("pages/index/index"))
        .await
        .unwrap();
    api.expect(
        "POST",
        "/wxa/genwxashortlink",
        &token(),
        Some(json!({"page_url": "pages/index/index", "is_permanent": false})),
    );

    api.answer(
        "/wxa/generatenfcscheme",
        json!({"errcode": 0, "errmsg": "ok", "openlink": "weixin://dl/business/?t=NFCTICKET"}),
    );
    let openlink = links
        .nfc_scheme(
            &NfcScheme::new("model-7")
                .path("pages/device/device")
                .query("id=9")
                .env_version(EnvVersion::Trial)
                .sn("SN0001"),
        )
        .await
        .unwrap();
    assert_eq!(openlink, "weixin://dl/business/?t=NFCTICKET");
    api.expect(
        "POST",
        "/wxa/generatenfcscheme",
        &token(),
        Some(json!({
            "jump_wxa": {"path": "pages/device/device", "query": "id=9", "env_version": "trial"},
            "model_id": "model-7",
            "sn": "SN0001"
        })),
    );
    links.nfc_scheme(&NfcScheme::new("model-7")).await.unwrap();
    api.expect(
        "POST",
        "/wxa/generatenfcscheme",
        &token(),
        Some(json!({"model_id": "model-7"})),
    );

    api.answer("/wxa/generatenfcscheme", errcode(40002, "no permission"));
    let err = links
        .nfc_scheme(&NfcScheme::new("model-7"))
        .await
        .unwrap_err();
    assert_eq!(err.errcode(), Some(40002));

    let sent = api.sent();
    assert_invalid(links.query_scheme("").await.unwrap_err());
    assert_invalid(links.query_url_link(" ").await.unwrap_err());
    assert_invalid(links.short_link(&ShortLink::new("")).await.unwrap_err());
    assert_invalid(
        links
            .short_link(&ShortLink::new("p".repeat(1025)))
            .await
            .unwrap_err(),
    );
    assert_invalid(links.nfc_scheme(&NfcScheme::new("")).await.unwrap_err());
    assert_invalid(
        links
            .nfc_scheme(&NfcScheme::new("m").query("q".repeat(1025)))
            .await
            .unwrap_err(),
    );
    assert_eq!(api.sent(), sent, "nothing was sent");
}
