//! Open platform (component) APIs against a recording mock: the exact request with the
//! component token, a realistic answer, an errcode; the authorization URLs; the authorizer
//! refresh token saved to a hub persistence.

use crate::common::api::*;
use crate::common::{AUTHORIZER_APPID, COMPONENT_APPID, OPENID};
use futures_util::{StreamExt, TryStreamExt};
use serde_json::{json, Value};
use wechat_runtime::api::component::{AuthType, AuthorizationUrl, AuthorizerOptionName};
use wechat_runtime::api::oauth::Scope;
use wechat_runtime::{ComponentHubStorage, Error, HubStorage, MemoryStore, TokenKey};

const AUTHORIZER_TOKEN: &str = "AUTHORIZER_ACCESS_TOKEN_VALUE";
const AUTHORIZER_REFRESH: &str = "refreshtoken@@@AUTHORIZER_REFRESH_VALUE";
const PRE_AUTH_CODE: &str = "preauthcode@@@ZqHmGCiGDmwKSYe2gqzFQD";

fn component_query() -> [(&'static str, &'static str); 1] {
    [("component_access_token", COMPONENT_ACCESS_TOKEN)]
}

fn query_auth_answer() -> Value {
    json!({
        "authorization_info": {
            "authorizer_appid": AUTHORIZER_APPID,
            "authorizer_access_token": AUTHORIZER_TOKEN,
            "expires_in": 7200,
            "authorizer_refresh_token": AUTHORIZER_REFRESH,
            "func_info": [
                {"funcscope_category": {"id": 1}},
                {"funcscope_category": {"id": 2}},
                {"funcscope_category": {"id": 3}, "confirm_info": {"need_confirm": 0, "already_confirm": 0, "can_confirm": 0}}
            ]
        }
    })
}

#[tokio::test]
async fn pre_auth_code() {
    let api = ApiMock::start().await;
    api.answer(
        "/cgi-bin/component/api_create_preauthcode",
        json!({"pre_auth_code": PRE_AUTH_CODE, "expires_in": 1800}),
    );
    let code = api.component.component().pre_auth_code().await.unwrap();
    assert_eq!(code.pre_auth_code, PRE_AUTH_CODE);
    assert_eq!(code.expires_in, 1800);
    api.expect(
        "POST",
        "/cgi-bin/component/api_create_preauthcode",
        &component_query(),
        Some(json!({"component_appid": COMPONENT_APPID})),
    );
}

#[tokio::test]
async fn authorization_urls() {
    let api = ApiMock::start().await;
    let url = api
        .component
        .component()
        .authorization_url(PRE_AUTH_CODE, "https://example.com/authorized?tenant=7");
    let redirect = "https%3A%2F%2Fexample.com%2Fauthorized%3Ftenant%3D7";
    let code = "preauthcode%40%40%40ZqHmGCiGDmwKSYe2gqzFQD";
    assert_eq!(
        url.pc_url().unwrap(),
        format!(
            "https://mp.weixin.qq.com/cgi-bin/componentloginpage?component_appid={COMPONENT_APPID}\
             &pre_auth_code={code}&redirect_uri={redirect}"
        )
    );
    let url = url
        .auth_type(AuthType::MiniProgram)
        .biz_appid(AUTHORIZER_APPID);
    assert_eq!(
        url.pc_url().unwrap(),
        format!(
            "https://mp.weixin.qq.com/cgi-bin/componentloginpage?component_appid={COMPONENT_APPID}\
             &pre_auth_code={code}&redirect_uri={redirect}&auth_type=2&biz_appid={AUTHORIZER_APPID}"
        )
    );
    assert_eq!(
        url.mobile_url().unwrap(),
        format!(
            "https://open.weixin.qq.com/wxaopen/safe/bindcomponent?action=bindcomponent&no_scan=1\
             &component_appid={COMPONENT_APPID}&pre_auth_code={code}&redirect_uri={redirect}\
             &auth_type=2&biz_appid={AUTHORIZER_APPID}#wechat_redirect"
        )
    );
    let standalone = AuthorizationUrl::new("wxc1", "code1", "https://a.b/c")
        .auth_type(AuthType::Both)
        .mobile_url()
        .unwrap();
    assert_eq!(
        standalone,
        "https://open.weixin.qq.com/wxaopen/safe/bindcomponent?action=bindcomponent&no_scan=1\
         &component_appid=wxc1&pre_auth_code=code1&redirect_uri=https%3A%2F%2Fa.b%2Fc\
         &auth_type=3#wechat_redirect"
    );

    for bad in [
        AuthorizationUrl::new("wxc1", "", "https://a.b/c"),
        AuthorizationUrl::new("wxc1", "code", "not a url"),
        AuthorizationUrl::new("", "code", "https://a.b/c"),
    ] {
        assert!(bad.pc_url().is_err());
        assert!(bad.mobile_url().is_err());
    }
    assert_eq!(api.sent(), 0);
}

#[tokio::test]
async fn query_auth_saves_the_authorizer_refresh_token() {
    let api = ApiMock::start().await;
    api.answer("/cgi-bin/component/api_query_auth", query_auth_answer());
    let store = MemoryStore::new();
    let info = api
        .component
        .component()
        .query_auth("queryauthcode@@@pvYEy5YfkNIHstk")
        .save_to(&store)
        .await
        .unwrap();
    assert_eq!(info.authorizer_appid, AUTHORIZER_APPID);
    assert_eq!(info.authorizer_access_token, AUTHORIZER_TOKEN);
    assert_eq!(info.expires_in, 7200);
    assert_eq!(info.func_info.len(), 3);
    assert_eq!(info.func_info[2].funcscope_category.id, 3);
    api.expect(
        "POST",
        "/cgi-bin/component/api_query_auth",
        &component_query(),
        Some(json!({
            "component_appid": COMPONENT_APPID,
            "authorization_code": "queryauthcode@@@pvYEy5YfkNIHstk"
        })),
    );

    // Stored where a hub over `store` finds them.
    assert_eq!(
        store
            .authorizer_refresh_token(COMPONENT_APPID, AUTHORIZER_APPID)
            .await
            .unwrap()
            .as_deref(),
        Some(AUTHORIZER_REFRESH)
    );
    let token = store
        .token(&TokenKey::authorizer(COMPONENT_APPID, AUTHORIZER_APPID))
        .await
        .unwrap()
        .expect("the authorizer token is stored");
    assert_eq!(token.access_token, AUTHORIZER_TOKEN);
    assert_eq!(token.expires_in, 7200);
    assert_eq!(token.refresh_token.as_deref(), Some(AUTHORIZER_REFRESH));
    assert!(token.is_fresh());

    // No token in Debug.
    let shown = format!("{info:?}");
    assert!(!shown.contains(AUTHORIZER_TOKEN), "{shown}");
    assert!(!shown.contains(AUTHORIZER_REFRESH), "{shown}");
}

#[tokio::test]
async fn query_auth_without_saving() {
    let api = ApiMock::start().await;
    api.answer("/cgi-bin/component/api_query_auth", query_auth_answer());
    let info = api
        .component
        .component()
        .query_auth("queryauthcode@@@pvYEy5YfkNIHstk")
        .await
        .unwrap();
    assert_eq!(info.authorizer_refresh_token, AUTHORIZER_REFRESH);
}

#[tokio::test]
async fn query_auth_error_saves_nothing() {
    let api = ApiMock::start().await;
    api.answer(
        "/cgi-bin/component/api_query_auth",
        errcode(61010, "code is expired"),
    );
    let store = MemoryStore::new();
    let err = api
        .component
        .component()
        .query_auth("expired")
        .save_to(&store)
        .await
        .unwrap_err();
    assert_eq!(err.errcode(), Some(61010));
    assert_eq!(
        store
            .authorizer_refresh_token(COMPONENT_APPID, AUTHORIZER_APPID)
            .await
            .unwrap(),
        None
    );
}

#[tokio::test]
async fn authorizer_info() {
    let api = ApiMock::start().await;
    api.answer(
        "/cgi-bin/component/api_get_authorizer_info",
        json!({
            "authorizer_info": {
                "nick_name": "微信SDK Demo Special",
                "head_img": "http://wx.qlogo.cn/mmopen/GPy",
                "service_type_info": {"id": 2},
                "verify_type_info": {"id": -1},
                "user_name": "gh_eb5e3a772040",
                "principal_name": "腾讯计算机系统有限公司",
                "alias": "paytest01",
                "business_info": {"open_store": 0, "open_scan": 0, "open_pay": 0, "open_card": 0, "open_shake": 0},
                "qrcode_url": "URL",
                "signature": "时间的水缓缓流去",
                "account_status": 1,
                "basic_config": {"is_phone_configured": true, "is_email_configured": true}
            },
            "authorization_info": {
                "authorizer_appid": AUTHORIZER_APPID,
                "authorizer_refresh_token": AUTHORIZER_REFRESH,
                "func_info": [{"funcscope_category": {"id": 1}}]
            }
        }),
    );
    let info = api
        .component
        .component()
        .authorizer_info(AUTHORIZER_APPID)
        .await
        .unwrap();
    assert_eq!(info.authorizer_info.user_name, "gh_eb5e3a772040");
    assert_eq!(info.authorizer_info.service_type_info.unwrap().id, 2);
    assert_eq!(info.authorizer_info.verify_type_info.unwrap().id, -1);
    assert_eq!(info.authorizer_info.account_status, Some(1));
    assert_eq!(info.authorization_info.authorizer_appid, AUTHORIZER_APPID);
    assert_eq!(
        info.authorization_info.authorizer_refresh_token,
        AUTHORIZER_REFRESH
    );
    api.expect(
        "POST",
        "/cgi-bin/component/api_get_authorizer_info",
        &component_query(),
        Some(json!({"component_appid": COMPONENT_APPID, "authorizer_appid": AUTHORIZER_APPID})),
    );
    assert!(!format!("{info:?}").contains(AUTHORIZER_REFRESH));

    // The shape of WeChat's older documentation (wechatpy's fixture): `appid`.
    api.answer(
        "/cgi-bin/component/api_get_authorizer_info",
        json!({
            "authorizer_info": {"nick_name": "demo", "user_name": "gh_eb5e3a772040"},
            "authorization_info": {
                "appid": AUTHORIZER_APPID,
                "authorizer_refresh_token": AUTHORIZER_REFRESH,
                "func_info": []
            }
        }),
    );
    let info = api
        .component
        .component()
        .authorizer_info(AUTHORIZER_APPID)
        .await
        .unwrap();
    assert_eq!(info.authorization_info.authorizer_appid, AUTHORIZER_APPID);
}

#[tokio::test]
async fn authorizer_options() {
    let api = ApiMock::start().await;
    api.answer(
        "/cgi-bin/component/api_get_authorizer_option",
        json!({"authorizer_appid": AUTHORIZER_APPID, "option_name": "voice_recognize", "option_value": "1"}),
    );
    let option = api
        .component
        .component()
        .authorizer_option(AUTHORIZER_APPID, AuthorizerOptionName::VoiceRecognize)
        .await
        .unwrap();
    assert_eq!(option.option_name, "voice_recognize");
    assert_eq!(option.option_value, "1");
    api.expect(
        "POST",
        "/cgi-bin/component/api_get_authorizer_option",
        &component_query(),
        Some(json!({
            "component_appid": COMPONENT_APPID,
            "authorizer_appid": AUTHORIZER_APPID,
            "option_name": "voice_recognize"
        })),
    );

    api.answer(
        "/cgi-bin/component/api_set_authorizer_option",
        json!({"errcode": 0, "errmsg": "ok"}),
    );
    api.component
        .component()
        .set_authorizer_option(AUTHORIZER_APPID, AuthorizerOptionName::LocationReport, "2")
        .await
        .unwrap();
    api.expect(
        "POST",
        "/cgi-bin/component/api_set_authorizer_option",
        &component_query(),
        Some(json!({
            "component_appid": COMPONENT_APPID,
            "authorizer_appid": AUTHORIZER_APPID,
            "option_name": "location_report",
            "option_value": "2"
        })),
    );
}

#[tokio::test]
async fn authorizer_list() {
    let api = ApiMock::start().await;
    api.answer(
        "/cgi-bin/component/api_get_authorizer_list",
        json!({
            "total_count": 33,
            "list": [
                {"authorizer_appid": "wxa000000000000001", "refresh_token": "refresh-1", "auth_time": 1558000607},
                {"authorizer_appid": "wxa000000000000002", "refresh_token": "refresh-2", "auth_time": 1558000700}
            ]
        }),
    );
    let page = api
        .component
        .component()
        .authorizer_list(0, 100)
        .await
        .unwrap();
    assert_eq!(page.total_count, 33);
    assert_eq!(page.list.len(), 2);
    assert_eq!(page.list[1].authorizer_appid, "wxa000000000000002");
    assert_eq!(page.list[1].auth_time, 1558000700);
    assert!(!format!("{page:?}").contains("refresh-1"));
    api.expect(
        "POST",
        "/cgi-bin/component/api_get_authorizer_list",
        &component_query(),
        Some(json!({"component_appid": COMPONENT_APPID, "offset": 0, "count": 100})),
    );
}

/// The pages WeChat answers when `total` authorizers are listed `count` at a time; at least one.
fn authorizer_pages(total: usize, count: usize) -> Vec<Value> {
    (0..total.max(1))
        .step_by(count)
        .map(|offset| {
            let list: Vec<Value> = (offset..total.min(offset + count))
                .map(|i| {
                    json!({"authorizer_appid": format!("wxa{i:015}"), "refresh_token": format!("r{i}"), "auth_time": 1558000000 + i})
                })
                .collect();
            json!({"total_count": total, "list": list})
        })
        .collect()
}

#[tokio::test]
async fn authorizers_stream_across_pages() {
    let path = "/cgi-bin/component/api_get_authorizer_list";
    let api = ApiMock::start().await;
    api.answer_pages(path, authorizer_pages(1203, 500));
    let all: Vec<_> = api
        .component
        .component()
        .authorizers()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(all.len(), 1203);
    assert_eq!(all[0].authorizer_appid, format!("wxa{:015}", 0));
    assert_eq!(all[1202].authorizer_appid, format!("wxa{:015}", 1202));
    let offsets: Vec<_> = api
        .mock
        .requests()
        .iter()
        .map(|r| {
            let b = r.json();
            (b["offset"].as_u64().unwrap(), b["count"].as_u64().unwrap())
        })
        .collect();
    assert_eq!(offsets, [(0, 500), (500, 500), (1000, 500)]);

    // Nothing authorized: one call, an empty stream.
    let api = ApiMock::start().await;
    api.answer_pages(path, authorizer_pages(0, 500));
    assert_eq!(api.component.component().authorizers().count().await, 0);
    assert_eq!(api.sent(), 1);
}

#[tokio::test]
async fn authorizers_stream_ends_with_an_error() {
    let api = ApiMock::start().await;
    api.answer(
        "/cgi-bin/component/api_get_authorizer_list",
        errcode(61004, "access clientip is not registered"),
    );
    let items: Vec<_> = api.component.component().authorizers().collect().await;
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].as_ref().unwrap_err().errcode(), Some(61004));
}

#[tokio::test]
async fn component_web_oauth() {
    let api = ApiMock::start().await;
    let url = api
        .component
        .component()
        .oauth_authorize_url(
            AUTHORIZER_APPID,
            "https://example.com/cb",
            Scope::Base,
            "s1",
        )
        .build()
        .unwrap();
    assert_eq!(
        url,
        format!(
            "https://open.weixin.qq.com/connect/oauth2/authorize?appid={AUTHORIZER_APPID}\
             &redirect_uri=https%3A%2F%2Fexample.com%2Fcb&response_type=code&scope=snsapi_base\
             &state=s1&component_appid={COMPONENT_APPID}#wechat_redirect"
        )
    );
    assert_eq!(api.sent(), 0);

    let answer = json!({
        "access_token": "USER_TOKEN_VALUE",
        "expires_in": 7200,
        "refresh_token": "USER_REFRESH_VALUE",
        "openid": OPENID,
        "scope": "snsapi_base"
    });
    api.answer("/sns/oauth2/component/access_token", answer.clone());
    let token = api
        .component
        .component()
        .oauth_access_token(AUTHORIZER_APPID, "CODE")
        .await
        .unwrap();
    assert_eq!(token.openid, OPENID);
    assert_eq!(token.access_token, "USER_TOKEN_VALUE");
    api.expect(
        "GET",
        "/sns/oauth2/component/access_token",
        &[
            ("appid", AUTHORIZER_APPID),
            ("code", "CODE"),
            ("grant_type", "authorization_code"),
            ("component_appid", COMPONENT_APPID),
            ("component_access_token", COMPONENT_ACCESS_TOKEN),
        ],
        None,
    );

    api.answer("/sns/oauth2/component/refresh_token", answer);
    api.component
        .component()
        .oauth_refresh(AUTHORIZER_APPID, "USER_REFRESH_VALUE")
        .await
        .unwrap();
    api.expect(
        "GET",
        "/sns/oauth2/component/refresh_token",
        &[
            ("appid", AUTHORIZER_APPID),
            ("grant_type", "refresh_token"),
            ("component_appid", COMPONENT_APPID),
            ("refresh_token", "USER_REFRESH_VALUE"),
            ("component_access_token", COMPONENT_ACCESS_TOKEN),
        ],
        None,
    );
}

#[tokio::test]
async fn component_jscode2session() {
    let api = ApiMock::start().await;
    api.answer(
        "/sns/component/jscode2session",
        json!({"openid": OPENID, "session_key": "SESSIONKEY", "unionid": "oHAUs6LSuwgHq-mlnFrffKXw3QYM"}),
    );
    let session = api
        .component
        .component()
        .jscode2session(AUTHORIZER_APPID, "JSCODE")
        .await
        .unwrap();
    assert_eq!(session.openid, OPENID);
    assert_eq!(session.session_key, "SESSIONKEY");
    api.expect(
        "GET",
        "/sns/component/jscode2session",
        &[
            ("appid", AUTHORIZER_APPID),
            ("js_code", "JSCODE"),
            ("grant_type", "authorization_code"),
            ("component_appid", COMPONENT_APPID),
            ("component_access_token", COMPONENT_ACCESS_TOKEN),
        ],
        None,
    );
}

#[tokio::test]
async fn an_errcode_is_an_api_error() {
    let api = ApiMock::start().await;
    api.answer(
        "/cgi-bin/component/api_get_authorizer_info",
        errcode(61003, "component is not authorized by this account"),
    );
    let err = api
        .component
        .component()
        .authorizer_info("wxa999999999999999")
        .await
        .unwrap_err();
    assert_eq!(err.errcode(), Some(61003));
    assert!(matches!(err, Error::Api { .. }), "{err:?}");
}

#[tokio::test]
async fn bad_input_is_rejected_before_sending() {
    let api = ApiMock::start().await;
    let component = api.component.component();
    let store = MemoryStore::new();
    let errors = [
        component.query_auth("").save_to(&store).await.unwrap_err(),
        component.query_auth(" ").await.unwrap_err(),
        component.authorizer_info("").await.unwrap_err(),
        component
            .authorizer_option("", AuthorizerOptionName::CustomerService)
            .await
            .unwrap_err(),
        component
            .set_authorizer_option(AUTHORIZER_APPID, AuthorizerOptionName::CustomerService, "")
            .await
            .unwrap_err(),
        // An over-long page, and an empty one.
        component.authorizer_list(0, 501).await.unwrap_err(),
        component.authorizer_list(0, 0).await.unwrap_err(),
        component.oauth_access_token("", "CODE").await.unwrap_err(),
        component
            .oauth_access_token(AUTHORIZER_APPID, "")
            .await
            .unwrap_err(),
        component
            .oauth_refresh(AUTHORIZER_APPID, "")
            .await
            .unwrap_err(),
        component
            .jscode2session(AUTHORIZER_APPID, "")
            .await
            .unwrap_err(),
    ];
    for err in errors {
        assert!(matches!(err, Error::InvalidInput(_)), "{err:?}");
    }
    assert!(component
        .oauth_authorize_url(
            AUTHORIZER_APPID,
            "https://e.com/cb",
            Scope::Base,
            "bad state"
        )
        .build()
        .is_err());
    assert_eq!(api.sent(), 0);
    assert_eq!(
        store
            .authorizer_refresh_token(COMPONENT_APPID, AUTHORIZER_APPID)
            .await
            .unwrap(),
        None
    );
}
