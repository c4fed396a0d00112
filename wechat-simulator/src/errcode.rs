//! The WeChat errcodes the simulator answers, with the `errmsg` WeChat sends for each.
//!
//! Every error the simulator produces goes through this module, so a test can compare
//! against a named constant instead of a bare number:
//!
//! ```
//! use wechat_simulator::errcode;
//! assert_eq!(errcode::ACCESS_TOKEN_EXPIRED, 42001);
//! assert_eq!(errcode::message(errcode::ACCESS_TOKEN_EXPIRED), "access_token expired");
//! ```

/// `-1`: the system is busy; the caller should retry later.
pub const SYSTEM_ERROR: i64 = -1;
/// `0`: success.
pub const OK: i64 = 0;
/// `40001`: a wrong AppSecret on `/cgi-bin/token`, or an access token that is invalid or not the latest.
pub const INVALID_CREDENTIAL: i64 = 40001;
/// `40002`: `grant_type` is not `client_credential`.
pub const INVALID_GRANT_TYPE: i64 = 40002;
/// `40003`: the OpenID is missing or invalid.
pub const INVALID_OPENID: i64 = 40003;
/// `40004`: the media `type` is not one of `image`, `voice`, `video`, `thumb`.
pub const INVALID_MEDIA_TYPE: i64 = 40004;
/// `40007`: the `media_id` is unknown (or belongs to another account).
pub const INVALID_MEDIA_ID: i64 = 40007;
/// `40008`: the message type (`msgtype`) is invalid.
pub const INVALID_MESSAGE_TYPE: i64 = 40008;
/// `40013`: the AppID is unknown.
pub const INVALID_APPID: i64 = 40013;
/// `40014`: the access token is malformed.
pub const INVALID_ACCESS_TOKEN: i64 = 40014;
/// `40016`: a menu must have one to three top-level buttons.
pub const INVALID_BUTTON_SIZE: i64 = 40016;
/// `40066`: the URL is not an API of WeChat.
pub const INVALID_URL: i64 = 40066;
/// `40097`: invalid arguments (e.g. an unknown ticket `type`).
pub const INVALID_ARGS: i64 = 40097;
/// `40125`: a wrong AppSecret on `/cgi-bin/stable_token` or a wrong `component_appsecret`.
pub const INVALID_APPSECRET: i64 = 40125;
/// `41001`: the `access_token` (or `component_access_token`) query parameter is missing.
pub const ACCESS_TOKEN_MISSING: i64 = 41001;
/// `41002`: the `appid` is missing.
pub const APPID_MISSING: i64 = 41002;
/// `41004`: the `secret` (or `component_appsecret`) is missing.
pub const APPSECRET_MISSING: i64 = 41004;
/// `41005`: the multipart field `media` is missing.
pub const MEDIA_DATA_MISSING: i64 = 41005;
/// `41018`: `component_appid` is missing.
pub const MISSING_COMPONENT_APPID: i64 = 41018;
/// `42001`: the access token has expired.
pub const ACCESS_TOKEN_EXPIRED: i64 = 42001;
/// `43001`: the API must be called with GET.
pub const REQUIRE_GET_METHOD: i64 = 43001;
/// `43002`: the API must be called with POST.
pub const REQUIRE_POST_METHOD: i64 = 43002;
/// `44002`: the POST body is empty.
pub const EMPTY_POST_DATA: i64 = 44002;
/// `44004`: a text message has no content.
pub const EMPTY_CONTENT: i64 = 44004;
/// `45002`: the request body is too large.
pub const CONTENT_SIZE_OUT_OF_LIMIT: i64 = 45002;
/// `46003`: the account has no menu.
pub const MENU_NO_EXIST: i64 = 46003;
/// `47001`: the body is not valid JSON, or a field has the wrong type.
pub const DATA_FORMAT_ERROR: i64 = 47001;
/// `61003`: the authorizer has not authorized this component.
pub const COMPONENT_NOT_AUTHORIZED: i64 = 61003;
/// `61005`: the `component_verify_ticket` has expired.
pub const COMPONENT_TICKET_EXPIRED: i64 = 61005;
/// `61006`: the `component_verify_ticket` is invalid (not one of the last two pushed).
pub const COMPONENT_TICKET_INVALID: i64 = 61006;
/// `61011`: the `component_appid` is not a third-party platform.
pub const INVALID_COMPONENT: i64 = 61011;
/// `61014`: a component API was called without a `component_access_token`.
pub const MUST_USE_COMPONENT_TOKEN: i64 = 61014;
/// `61009`: the authorization code is invalid or already spent.
pub const AUTHORIZATION_CODE_INVALID: i64 = 61009;
/// `61023`: the `authorizer_refresh_token` is invalid (e.g. already rotated).
pub const REFRESH_TOKEN_INVALID: i64 = 61023;
/// `61024`: a component appid asked `/cgi-bin/token` for a token.
pub const MUST_USE_COMPONENT_TOKEN_API: i64 = 61024;

/// The `errmsg` WeChat sends with `code`; `"unknown error"` for a code this module does not know.
pub fn message(code: i64) -> &'static str {
    match code {
        SYSTEM_ERROR => "system error",
        OK => "ok",
        INVALID_CREDENTIAL => "invalid credential, access_token is invalid or not latest",
        INVALID_GRANT_TYPE => "invalid grant_type",
        INVALID_OPENID => "invalid openid",
        INVALID_MEDIA_TYPE => "invalid media type",
        INVALID_MEDIA_ID => "invalid media_id",
        INVALID_MESSAGE_TYPE => "invalid message type",
        INVALID_APPID => "invalid appid",
        INVALID_ACCESS_TOKEN => "invalid access_token",
        INVALID_BUTTON_SIZE => "invalid button size",
        INVALID_URL => "invalid url",
        INVALID_ARGS => "invalid args",
        INVALID_APPSECRET => "invalid appsecret",
        ACCESS_TOKEN_MISSING => "access_token missing",
        APPID_MISSING => "appid missing",
        APPSECRET_MISSING => "appsecret missing",
        MEDIA_DATA_MISSING => "media data missing",
        MISSING_COMPONENT_APPID => "missing component_appid",
        ACCESS_TOKEN_EXPIRED => "access_token expired",
        REQUIRE_GET_METHOD => "require GET method",
        REQUIRE_POST_METHOD => "require POST method",
        EMPTY_POST_DATA => "empty post data",
        EMPTY_CONTENT => "empty content",
        CONTENT_SIZE_OUT_OF_LIMIT => "content size out of limit",
        MENU_NO_EXIST => "menu no exist",
        DATA_FORMAT_ERROR => "data format error",
        COMPONENT_NOT_AUTHORIZED => "component is not authorized by this account",
        COMPONENT_TICKET_EXPIRED => "component ticket is expired",
        COMPONENT_TICKET_INVALID => "component ticket is invalid",
        INVALID_COMPONENT => "invalid component",
        MUST_USE_COMPONENT_TOKEN => "must use component token for component api",
        AUTHORIZATION_CODE_INVALID => "authorization code is invalid",
        REFRESH_TOKEN_INVALID => "refresh_token is invalid",
        MUST_USE_COMPONENT_TOKEN_API => {
            "must use api(api_component_token) to get token for component acct"
        }
        _ => "unknown error",
    }
}
