//! QR code and short key APIs against a recording mock: the exact request, a realistic answer,
//! the show URL, an errcode, and bad input rejected before sending.

use crate::common::api::*;
use serde_json::json;
use wechat_runtime::api::qrcode::{show_url, Scene};

const TICKET: &str = "gQH47joAAAAAAAAAASxodHRwOi8vd2VpeGluLnFxLmNvbS9xL2taZ2Z3TVRtNzJXV1Brb3ZhYmJJAAIEZ23sUwMEmm3sUw==";

fn ticket_answer(expire_seconds: Option<u64>) -> serde_json::Value {
    let mut answer =
        json!({"ticket": TICKET, "url": "http://weixin.qq.com/q/kZgfwMTm72WWPkovabbI"});
    if let Some(expire) = expire_seconds {
        answer["expire_seconds"] = json!(expire);
    }
    answer
}

#[tokio::test]
async fn temporary_codes_by_id_and_string() {
    let api = ApiMock::start().await;
    api.answer("/cgi-bin/qrcode/create", ticket_answer(Some(604800)));
    let code = api
        .client
        .qrcode()
        .temporary(Scene::Id(123), 604800)
        .await
        .unwrap();
    api.expect(
        "POST",
        "/cgi-bin/qrcode/create",
        &[("access_token", ACCESS_TOKEN)],
        Some(json!({"expire_seconds": 604800, "action_name": "QR_SCENE", "action_info": {"scene": {"scene_id": 123}}})),
    );
    assert_eq!(code.ticket, TICKET);
    assert_eq!(code.expire_seconds, Some(604800));
    assert_eq!(code.url, "http://weixin.qq.com/q/kZgfwMTm72WWPkovabbI");

    api.client
        .qrcode()
        .temporary(Scene::Str("test".into()), 2592000)
        .await
        .unwrap();
    api.expect(
        "POST",
        "/cgi-bin/qrcode/create",
        &[("access_token", ACCESS_TOKEN)],
        Some(json!({"expire_seconds": 2592000, "action_name": "QR_STR_SCENE", "action_info": {"scene": {"scene_str": "test"}}})),
    );
}

#[tokio::test]
async fn permanent_codes_by_id_and_string() {
    let api = ApiMock::start().await;
    api.answer("/cgi-bin/qrcode/create", ticket_answer(None));
    let code = api
        .client
        .qrcode()
        .permanent(Scene::Id(100000))
        .await
        .unwrap();
    api.expect(
        "POST",
        "/cgi-bin/qrcode/create",
        &[("access_token", ACCESS_TOKEN)],
        Some(json!({"action_name": "QR_LIMIT_SCENE", "action_info": {"scene": {"scene_id": 100000}}})),
    );
    assert_eq!(code.expire_seconds, None);

    let scene = "s".repeat(64);
    api.client
        .qrcode()
        .permanent(Scene::Str(scene.clone()))
        .await
        .unwrap();
    api.expect(
        "POST",
        "/cgi-bin/qrcode/create",
        &[("access_token", ACCESS_TOKEN)],
        Some(json!({"action_name": "QR_LIMIT_STR_SCENE", "action_info": {"scene": {"scene_str": scene}}})),
    );
}

#[tokio::test]
async fn the_show_url_encodes_the_ticket_and_sends_nothing() {
    let api = ApiMock::start().await;
    let expected = "https://mp.weixin.qq.com/cgi-bin/showqrcode?ticket=gQH47joAAAAAAAAAASxodHRwOi8vd2VpeGluLnFxLmNvbS9xL2taZ2Z3TVRtNzJXV1Brb3ZhYmJJAAIEZ23sUwMEmm3sUw%3D%3D";
    assert_eq!(show_url(TICKET), expected);
    assert_eq!(api.client.qrcode().show_url(TICKET), expected);
    assert_eq!(
        show_url("a+b/c d&e"),
        "https://mp.weixin.qq.com/cgi-bin/showqrcode?ticket=a%2Bb%2Fc+d%26e"
    );

    // The URL decodes back to the ticket.
    let url = url::Url::parse(expected).unwrap();
    let (_, ticket) = url.query_pairs().next().unwrap();
    assert_eq!(ticket, TICKET);
    assert_eq!(api.sent(), 0);
}

#[tokio::test]
async fn short_keys() {
    let api = ApiMock::start().await;
    api.answer(
        "/cgi-bin/shorten/gen",
        json!({"errcode": 0, "errmsg": "ok", "short_key": "iTUNKfMNTuYSmuz"}),
    );
    let key = api
        .client
        .qrcode()
        .shorten("loooooong data", 86400)
        .await
        .unwrap();
    assert_eq!(key, "iTUNKfMNTuYSmuz");
    api.expect(
        "POST",
        "/cgi-bin/shorten/gen",
        &[("access_token", ACCESS_TOKEN)],
        Some(json!({"long_data": "loooooong data", "expire_seconds": 86400})),
    );

    api.answer(
        "/cgi-bin/shorten/fetch",
        json!({"errcode": 0, "errmsg": "ok", "long_data": "loooooong data", "create_time": 1611047541, "expire_seconds": 86300}),
    );
    let data = api
        .client
        .qrcode()
        .fetch_shorten("iTUNKfMNTuYSmuz")
        .await
        .unwrap();
    api.expect(
        "POST",
        "/cgi-bin/shorten/fetch",
        &[("access_token", ACCESS_TOKEN)],
        Some(json!({"short_key": "iTUNKfMNTuYSmuz"})),
    );
    assert_eq!(data.long_data, "loooooong data");
    assert_eq!(data.create_time, 1611047541);
    assert_eq!(data.expire_seconds, 86300);
}

#[tokio::test]
async fn an_errcode_is_an_api_error() {
    let api = ApiMock::start().await;
    api.answer(
        "/cgi-bin/qrcode/create",
        errcode(40052, "invalid action name"),
    );
    let err = api
        .client
        .qrcode()
        .permanent(Scene::Id(1))
        .await
        .unwrap_err();
    assert_eq!(err.errcode(), Some(40052));

    api.answer(
        "/cgi-bin/shorten/fetch",
        errcode(40004, "invalid short key"),
    );
    let err = api.client.qrcode().fetch_shorten("gone").await.unwrap_err();
    assert_eq!(err.errcode(), Some(40004));
}

#[tokio::test]
async fn bad_input_is_rejected_before_sending() {
    let api = ApiMock::start().await;
    let qr = api.client.qrcode();
    assert_invalid(qr.temporary(Scene::Id(0), 60).await.unwrap_err());
    assert_invalid(qr.temporary(Scene::Id(1), 0).await.unwrap_err());
    assert_invalid(qr.temporary(Scene::Id(1), 2592001).await.unwrap_err());
    assert_invalid(
        qr.temporary(Scene::Str(String::new()), 60)
            .await
            .unwrap_err(),
    );
    assert_invalid(
        qr.temporary(Scene::Str("s".repeat(65)), 60)
            .await
            .unwrap_err(),
    );
    assert_invalid(qr.permanent(Scene::Id(0)).await.unwrap_err());
    assert_invalid(qr.permanent(Scene::Id(100001)).await.unwrap_err());
    assert_invalid(qr.permanent(Scene::Str("s".repeat(65))).await.unwrap_err());
    assert_invalid(qr.shorten("", 60).await.unwrap_err());
    assert_invalid(qr.shorten(&"x".repeat(4097), 60).await.unwrap_err());
    assert_invalid(qr.shorten("data", 2592001).await.unwrap_err());
    assert_invalid(qr.fetch_shorten(" ").await.unwrap_err());
    assert_eq!(api.sent(), 0);
}
