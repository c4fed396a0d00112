//! Web OAuth and JS-SDK against a recording mock: the exact request, a realistic answer, an
//! errcode; the authorize URL and the signatures against known answers.

use crate::common::api::*;
use crate::common::{APPID, AUTHORIZER_APPID, OPENID};
use serde_json::json;
use wechat_runtime::api::oauth::{
    card_signature, check_state, jsapi_signature, AuthorizeUrl, Lang, Scope,
};
use wechat_runtime::{Error, Secret};

const SECRET: &str = "app-secret-VALUE";
const USER_TOKEN: &str = "ACCESS_TOKEN_OF_USER_ZmFrZS11c2VyLXRva2Vu";
const USER_REFRESH: &str = "REFRESH_TOKEN_OF_USER_cmVmcmVzaA";

fn token_answer() -> serde_json::Value {
    json!({
        "access_token": USER_TOKEN,
        "expires_in": 7200,
        "refresh_token": USER_REFRESH,
        "openid": OPENID,
        "scope": "snsapi_userinfo",
        "unionid": "o6_bmasdasdsad6_2sgVt7hMZOPfL"
    })
}

#[tokio::test]
async fn authorize_url_is_built_in_the_documented_order() {
    let api = ApiMock::start().await;
    let url = api
        .client
        .oauth()
        .authorize_url(
            "https://example.com/callback?from=menu",
            Scope::Userinfo,
            "xyz123",
        )
        .build()
        .unwrap();
    assert_eq!(
        url,
        format!(
            "https://open.weixin.qq.com/connect/oauth2/authorize?appid={APPID}\
             &redirect_uri=https%3A%2F%2Fexample.com%2Fcallback%3Ffrom%3Dmenu\
             &response_type=code&scope=snsapi_userinfo&state=xyz123#wechat_redirect"
        )
    );
    let base = AuthorizeUrl::new("wx520c15f417810387", "http://a.b/c", Scope::Base, "S1")
        .build()
        .unwrap();
    assert_eq!(
        base,
        "https://open.weixin.qq.com/connect/oauth2/authorize?appid=wx520c15f417810387\
         &redirect_uri=http%3A%2F%2Fa.b%2Fc&response_type=code&scope=snsapi_base&state=S1\
         #wechat_redirect"
    );
    // Building sends nothing.
    assert_eq!(api.sent(), 0);
}

#[tokio::test]
async fn authorize_url_rejects_bad_state_and_redirect() {
    let api = ApiMock::start().await;
    let oauth = api.client.oauth();
    for state in ["", "has space", "a-b", "中文"] {
        let err = oauth
            .authorize_url("https://example.com/cb", Scope::Base, state)
            .build()
            .unwrap_err();
        assert!(matches!(err, Error::InvalidInput(_)), "{state}: {err:?}");
    }
    let long = "a".repeat(129);
    assert!(oauth
        .authorize_url("https://example.com/cb", Scope::Base, &long)
        .build()
        .is_err());
    assert!(oauth
        .authorize_url("https://example.com/cb", Scope::Base, &"a".repeat(128))
        .build()
        .is_ok());
    assert!(check_state("Zz09").is_ok());
    for redirect in ["", "/relative/path", "javascript:alert(1)"] {
        let err = oauth
            .authorize_url(redirect, Scope::Base, "ok")
            .build()
            .unwrap_err();
        assert!(matches!(err, Error::InvalidInput(_)), "{redirect}: {err:?}");
    }
    assert_eq!(api.sent(), 0);
}

#[tokio::test]
async fn code_to_token() {
    let api = ApiMock::start().await;
    api.answer("/sns/oauth2/access_token", token_answer());
    let secret = Secret::new(SECRET);
    let token = api
        .client
        .oauth()
        .access_token("0616f2a4c0d8d2a", &secret)
        .await
        .unwrap();
    assert_eq!(token.access_token, USER_TOKEN);
    assert_eq!(token.refresh_token, USER_REFRESH);
    assert_eq!(token.openid, OPENID);
    assert_eq!(token.expires_in, 7200);
    assert_eq!(token.scope, "snsapi_userinfo");
    assert_eq!(
        token.unionid.as_deref(),
        Some("o6_bmasdasdsad6_2sgVt7hMZOPfL")
    );
    assert_eq!(token.is_snapshotuser, None);
    // No application token: the secret authenticates.
    api.expect(
        "GET",
        "/sns/oauth2/access_token",
        &[
            ("appid", APPID),
            ("secret", SECRET),
            ("code", "0616f2a4c0d8d2a"),
            ("grant_type", "authorization_code"),
        ],
        None,
    );
    // The user's tokens never show in Debug.
    let shown = format!("{token:?}");
    assert!(!shown.contains(USER_TOKEN), "{shown}");
    assert!(!shown.contains(USER_REFRESH), "{shown}");
    assert!(shown.contains(OPENID), "{shown}");
    assert!(!format!("{secret:?}").contains(SECRET));
}

#[tokio::test]
async fn snapshot_users_are_flagged() {
    let api = ApiMock::start().await;
    api.answer(
        "/sns/oauth2/access_token",
        json!({"access_token": USER_TOKEN, "expires_in": 7200, "refresh_token": USER_REFRESH,
               "openid": OPENID, "scope": "snsapi_base", "is_snapshotuser": 1}),
    );
    let token = api
        .client
        .oauth()
        .access_token("CODE", &Secret::new(SECRET))
        .await
        .unwrap();
    assert_eq!(token.is_snapshotuser, Some(1));
    assert_eq!(token.unionid, None);
}

#[tokio::test]
async fn refresh_token() {
    let api = ApiMock::start().await;
    api.answer("/sns/oauth2/refresh_token", token_answer());
    let token = api.client.oauth().refresh(USER_REFRESH).await.unwrap();
    assert_eq!(token.access_token, USER_TOKEN);
    api.expect(
        "GET",
        "/sns/oauth2/refresh_token",
        &[
            ("appid", APPID),
            ("grant_type", "refresh_token"),
            ("refresh_token", USER_REFRESH),
        ],
        None,
    );
}

#[tokio::test]
async fn userinfo_with_the_users_token() {
    let api = ApiMock::start().await;
    api.answer(
        "/sns/userinfo",
        json!({
            "openid": OPENID,
            "nickname": "Band",
            "sex": 1,
            "province": "PROVINCE",
            "city": "CITY",
            "country": "COUNTRY",
            "headimgurl": "https://thirdwx.qlogo.cn/mmopen/g3MonUZtNHkdmzicIlibx6iaFqAc56vxLSUfpb6n5WKSYVY0ChQKkiaJSgQ1dZuTOgvLLrhJbERQQ4eMsv84eavHiaiceqxibJxCfHe/46",
            "privilege": ["PRIVILEGE1", "PRIVILEGE2"],
            "unionid": "o6_bmasdasdsad6_2sgVt7hMZOPfL"
        }),
    );
    let user = api
        .client
        .oauth()
        .user_info(USER_TOKEN, OPENID, Lang::ZhCn)
        .await
        .unwrap();
    assert_eq!(user.openid, OPENID);
    assert_eq!(user.nickname, "Band");
    assert_eq!(user.sex, 1);
    assert_eq!(user.privilege, ["PRIVILEGE1", "PRIVILEGE2"]);
    assert!(user.headimgurl.ends_with("/46"));
    // The user's token, not the application's: exactly one access_token.
    api.expect(
        "GET",
        "/sns/userinfo",
        &[
            ("access_token", USER_TOKEN),
            ("openid", OPENID),
            ("lang", "zh_CN"),
        ],
        None,
    );

    // Older answers (wechatpy's fixture) send `sex` as a string.
    api.answer(
        "/sns/userinfo",
        json!({"openid": OPENID, "nickname": "Band", "sex": "1", "privilege": []}),
    );
    let user = api
        .client
        .oauth()
        .user_info(USER_TOKEN, OPENID, Lang::En)
        .await
        .unwrap();
    assert_eq!(user.sex, 1);
    api.expect(
        "GET",
        "/sns/userinfo",
        &[
            ("access_token", USER_TOKEN),
            ("openid", OPENID),
            ("lang", "en"),
        ],
        None,
    );
}

#[tokio::test]
async fn auth_check() {
    let api = ApiMock::start().await;
    api.answer("/sns/auth", json!({"errcode": 0, "errmsg": "ok"}));
    api.client
        .oauth()
        .check_token(USER_TOKEN, OPENID)
        .await
        .unwrap();
    api.expect(
        "GET",
        "/sns/auth",
        &[("access_token", USER_TOKEN), ("openid", OPENID)],
        None,
    );

    api.answer("/sns/auth", errcode(40003, "invalid openid"));
    let err = api
        .client
        .oauth()
        .check_token(USER_TOKEN, OPENID)
        .await
        .unwrap_err();
    assert_eq!(err.errcode(), Some(40003));
}

#[tokio::test]
async fn an_errcode_is_an_api_error() {
    let api = ApiMock::start().await;
    api.answer("/sns/oauth2/access_token", errcode(40029, "invalid code"));
    let err = api
        .client
        .oauth()
        .access_token("used-code", &Secret::new(SECRET))
        .await
        .unwrap_err();
    assert_eq!(err.errcode(), Some(40029));
    assert!(matches!(err, Error::Api { .. }), "{err:?}");
    // The secret is not in the error.
    assert!(!err.to_string().contains(SECRET), "{err}");
    // One attempt: an errcode is not retried.
    assert_eq!(api.sent(), 1);
}

#[tokio::test]
async fn bad_input_is_rejected_before_sending() {
    let api = ApiMock::start().await;
    let oauth = api.client.oauth();
    let secret = Secret::new(SECRET);
    let errors = [
        oauth.access_token("", &secret).await.unwrap_err(),
        oauth
            .access_token("CODE", &Secret::new(""))
            .await
            .unwrap_err(),
        oauth.refresh(" ").await.unwrap_err(),
        oauth.user_info("", OPENID, Lang::ZhCn).await.unwrap_err(),
        oauth
            .user_info(USER_TOKEN, "", Lang::ZhCn)
            .await
            .unwrap_err(),
        oauth.check_token(USER_TOKEN, "").await.unwrap_err(),
    ];
    for err in errors {
        assert!(matches!(err, Error::InvalidInput(_)), "{err:?}");
    }
    assert_eq!(api.sent(), 0);
}

/// The example of the JS-SDK documentation, appendix 1. Checked with:
/// printf '%s' 'jsapi_ticket=sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg&noncestr=Wm3WZYTPz0wzccnW&timestamp=1414587457&url=http://mp.weixin.qq.com?params=value' | sha1sum
/// → 0f9de62fce790f9a083d5c99e95740ceb90c27ed
/// and, for the older version of the example without the query:
/// printf '%s' 'jsapi_ticket=sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg&noncestr=Wm3WZYTPz0wzccnW&timestamp=1414587457&url=http://mp.weixin.qq.com' | sha1sum
/// → f4d90daf4b3bca3078ab155816175ba34c443a7b
#[test]
fn jsapi_signature_known_answers() {
    let ticket =
        "sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg";
    assert_eq!(
        jsapi_signature(
            ticket,
            "Wm3WZYTPz0wzccnW",
            1414587457,
            "http://mp.weixin.qq.com?params=value"
        ),
        "0f9de62fce790f9a083d5c99e95740ceb90c27ed"
    );
    assert_eq!(
        jsapi_signature(
            ticket,
            "Wm3WZYTPz0wzccnW",
            1414587457,
            "http://mp.weixin.qq.com"
        ),
        "f4d90daf4b3bca3078ab155816175ba34c443a7b"
    );
    // The fragment is not signed.
    assert_eq!(
        jsapi_signature(
            ticket,
            "Wm3WZYTPz0wzccnW",
            1414587457,
            "http://mp.weixin.qq.com?params=value#/route?x=1"
        ),
        "0f9de62fce790f9a083d5c99e95740ceb90c27ed"
    );
}

/// The example of the JS-SDK documentation, appendix 4 (card extension). Checked with:
/// printf '%s' '12314048966881434008071ojZ8YtyVyr30HheH3CM73y7h4jJEpjZ8Yt1XGILfi-FUsewpnnolGgZk' | sha1sum
/// → f137ab68b7f8112d20ee528ab6074564e2796250
/// (the values sorted with `LC_ALL=C sort`: 123, 1404896688, 1434008071, ojZ8…, pjZ8…).
#[test]
fn card_signature_known_answer() {
    let expected = "f137ab68b7f8112d20ee528ab6074564e2796250";
    assert_eq!(
        card_signature(&[
            "ojZ8YtyVyr30HheH3CM73y7h4jJE",
            "1404896688",
            "pjZ8Yt1XGILfi-FUsewpnnolGgZk",
            "1434008071",
            "123",
        ]),
        expected
    );
    // Order of the inputs does not matter, and empty values (no openid) are left out.
    assert_eq!(
        card_signature(&[
            "123",
            "",
            "1434008071",
            "pjZ8Yt1XGILfi-FUsewpnnolGgZk",
            "1404896688",
            "ojZ8YtyVyr30HheH3CM73y7h4jJE",
        ]),
        expected
    );
}

#[tokio::test]
async fn jssdk_config_is_signed_with_the_jsapi_ticket() {
    let api = ApiMock::start().await;
    let url = "https://example.com/page?id=1#section";
    let config = api.client.jssdk().config(url).await.unwrap();
    assert_eq!(config.appid, APPID);
    assert_eq!(config.nonce_str.len(), 16);
    let now = wechat_runtime::now_unix();
    assert!(config.timestamp <= now && config.timestamp + 5 >= now);
    assert_eq!(
        config.signature,
        jsapi_signature(
            "TICKET_VALUE",
            &config.nonce_str,
            config.timestamp,
            "https://example.com/page?id=1"
        )
    );
    // A new nonce each time.
    let again = api.client.jssdk().config(url).await.unwrap();
    assert_ne!(again.nonce_str, config.nonce_str);
    // The ticket comes from the storage: nothing goes to WeChat.
    assert_eq!(api.sent(), 0);

    // On a component client, the ticket and the appid are the authorizer's.
    let config = api.component.jssdk().config(url).await.unwrap();
    assert_eq!(config.appid, AUTHORIZER_APPID);

    let err = api.client.jssdk().config("").await.unwrap_err();
    assert!(matches!(err, Error::InvalidInput(_)), "{err:?}");
}

#[tokio::test]
async fn card_ext_is_signed_with_the_card_ticket() {
    let api = ApiMock::start().await;
    let ext = api
        .client
        .jssdk()
        .card_ext("pjZ8Yt1XGILfi-FUsewpnnolGgZk", Some("1434008071"), None)
        .await
        .unwrap();
    assert_eq!(
        ext.signature,
        card_signature(&[
            "TICKET_VALUE",
            &ext.timestamp.to_string(),
            &ext.nonce_str,
            "pjZ8Yt1XGILfi-FUsewpnnolGgZk",
            "1434008071",
        ])
    );
    let shown = serde_json::to_value(&ext).unwrap();
    assert_eq!(shown["code"], "1434008071");
    assert!(shown.get("openid").is_none(), "{shown}");
    assert_eq!(shown["nonce_str"], ext.nonce_str.as_str());
    assert_eq!(api.sent(), 0);
}
