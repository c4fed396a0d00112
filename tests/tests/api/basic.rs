//! Basic APIs against a recording mock: the exact request, a realistic answer, an errcode.

use crate::common::api::*;
use serde_json::json;
use wechat_runtime::api::basic::{CheckAction, CheckOperator};
use wechat_runtime::Error;

#[tokio::test]
async fn callback_and_api_domain_ips() {
    let api = ApiMock::start().await;
    api.answer(
        "/cgi-bin/getcallbackip",
        json!({"ip_list": ["101.226.103.0/25", "101.226.62.0/26"]}),
    );
    let ips = api.client.basic().callback_ips().await.unwrap();
    assert_eq!(ips.ip_list, ["101.226.103.0/25", "101.226.62.0/26"]);
    api.expect(
        "GET",
        "/cgi-bin/getcallbackip",
        &[("access_token", ACCESS_TOKEN)],
        None,
    );

    api.answer(
        "/cgi-bin/get_api_domain_ip",
        json!({"ip_list": ["106.55.206.146", "106.55.206.211"]}),
    );
    let ips = api.client.basic().api_domain_ips().await.unwrap();
    assert_eq!(ips.ip_list.len(), 2);
    api.expect(
        "GET",
        "/cgi-bin/get_api_domain_ip",
        &[("access_token", ACCESS_TOKEN)],
        None,
    );
}

#[tokio::test]
async fn network_check() {
    let api = ApiMock::start().await;
    api.answer(
        "/cgi-bin/callback/check",
        json!({"dns": [{"ip": "111.161.64.40", "real_operator": "UNICOM"}], "ping": [{"ip": "111.161.64.40", "from_operator": "UNICOM", "package_loss": "0%", "time": "23.079ms"}]}),
    );
    let check = api
        .client
        .basic()
        .check_network(CheckAction::All, CheckOperator::Default)
        .await
        .unwrap();
    assert_eq!(check.dns.len(), 1);
    api.expect(
        "POST",
        "/cgi-bin/callback/check",
        &[("access_token", ACCESS_TOKEN)],
        Some(json!({"action": "ALL", "check_operator": "DEFAULT"})),
    );
}

#[tokio::test]
async fn quotas_and_rids() {
    let api = ApiMock::start().await;
    api.answer(
        "/cgi-bin/clear_quota",
        json!({"errcode": 0, "errmsg": "ok"}),
    );
    api.client
        .basic()
        .clear_quota("wx0000000000000001")
        .await
        .unwrap();
    api.expect(
        "POST",
        "/cgi-bin/clear_quota",
        &[("access_token", ACCESS_TOKEN)],
        Some(json!({"appid": "wx0000000000000001"})),
    );

    api.answer(
        "/cgi-bin/openapi/quota/get",
        json!({"errcode": 0, "errmsg": "ok", "quota": {"daily_limit": 10000000, "used": 500, "remain": 9999500}}),
    );
    let quota = api
        .client
        .basic()
        .quota("/cgi-bin/message/custom/send")
        .await
        .unwrap();
    assert_eq!(
        (quota.daily_limit, quota.used, quota.remain),
        (10000000, 500, 9999500)
    );
    api.expect(
        "POST",
        "/cgi-bin/openapi/quota/get",
        &[("access_token", ACCESS_TOKEN)],
        Some(json!({"cgi_path": "/cgi-bin/message/custom/send"})),
    );

    api.answer(
        "/cgi-bin/openapi/rid/get",
        json!({"errcode": 0, "errmsg": "ok", "request": {"invoke_time": 1635156704, "cost_in_ms": 30, "request_url": "access_token=xxx", "request_body": "", "response_body": "{\"errcode\":45011}", "client_ip": "113.81.9.18"}}),
    );
    let rid = api
        .client
        .basic()
        .rid("61725984-6126f6f9-040f19c4")
        .await
        .unwrap();
    assert_eq!(rid.cost_in_ms, 30);
    api.expect(
        "POST",
        "/cgi-bin/openapi/rid/get",
        &[("access_token", ACCESS_TOKEN)],
        Some(json!({"rid": "61725984-6126f6f9-040f19c4"})),
    );
}

#[tokio::test]
async fn an_errcode_is_an_api_error() {
    let api = ApiMock::start().await;
    api.answer(
        "/cgi-bin/clear_quota",
        errcode(48006, "forbid to clear quota because of reaching the limit"),
    );
    let err = api
        .client
        .basic()
        .clear_quota("wx0000000000000001")
        .await
        .unwrap_err();
    assert_eq!(err.errcode(), Some(48006));
}

#[tokio::test]
async fn bad_input_is_rejected_before_sending() {
    let api = ApiMock::start().await;
    let err = api.client.basic().quota("").await.unwrap_err();
    assert!(matches!(err, Error::InvalidInput(_)), "{err:?}");
    let err = api.client.basic().rid(" ").await.unwrap_err();
    assert!(matches!(err, Error::InvalidInput(_)), "{err:?}");
    assert_eq!(api.sent(), 0);
}
