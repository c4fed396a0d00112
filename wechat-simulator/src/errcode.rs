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
/// `20002`: a parameter is invalid (e.g. deleting a subscribe template the account does not have).
pub const INVALID_PARAMETER: i64 = 20002;
/// `40001`: a wrong AppSecret on `/cgi-bin/token`, or an access token that is invalid or not the latest.
pub const INVALID_CREDENTIAL: i64 = 40001;
/// `40002`: `grant_type` is not `client_credential`.
pub const INVALID_GRANT_TYPE: i64 = 40002;
/// `40003`: the OpenID is missing or invalid.
pub const INVALID_OPENID: i64 = 40003;
/// `40004`: the media `type` is not one of `image`, `voice`, `video`, `thumb`.
pub const INVALID_MEDIA_TYPE: i64 = 40004;
/// `40005`: the file type is not accepted (e.g. a customer service avatar that is not an image).
pub const INVALID_FILE_TYPE: i64 = 40005;
/// `40007`: the `media_id` is unknown (or belongs to another account).
pub const INVALID_MEDIA_ID: i64 = 40007;
/// `40008`: the message type (`msgtype`) is invalid.
pub const INVALID_MESSAGE_TYPE: i64 = 40008;
/// `40009`: the image is empty or too large.
pub const INVALID_IMAGE_SIZE: i64 = 40009;
/// `40010`: a voice file is too large for its type.
pub const INVALID_VOICE_SIZE: i64 = 40010;
/// `40011`: a video file is too large for its type.
pub const INVALID_VIDEO_SIZE: i64 = 40011;
/// `40012`: a thumbnail is too large (over 64 KB).
pub const INVALID_THUMB_SIZE: i64 = 40012;
/// `40013`: the AppID is unknown.
pub const INVALID_APPID: i64 = 40013;
/// `40014`: the access token is malformed.
pub const INVALID_ACCESS_TOKEN: i64 = 40014;
/// `40016`: a menu must have one to three top-level buttons.
pub const INVALID_BUTTON_SIZE: i64 = 40016;
/// `40017`: a top-level menu button has no valid `type` (nor sub-buttons).
pub const INVALID_BUTTON_TYPE: i64 = 40017;
/// `40018`: a top-level menu button name is empty or longer than 16 bytes.
pub const INVALID_BUTTON_NAME_SIZE: i64 = 40018;
/// `40019`: a top-level menu button `key` is missing or longer than 128 bytes.
pub const INVALID_BUTTON_KEY_SIZE: i64 = 40019;
/// `40020`: a top-level menu button `url` is missing or longer than 1024 bytes.
pub const INVALID_BUTTON_URL_SIZE: i64 = 40020;
/// `40023`: a menu button has more than five sub-buttons.
pub const INVALID_SUB_BUTTON_SIZE: i64 = 40023;
/// `40024`: a menu sub-button has no valid `type`.
pub const INVALID_SUB_BUTTON_TYPE: i64 = 40024;
/// `40025`: a menu sub-button name is empty or longer than 60 bytes.
pub const INVALID_SUB_BUTTON_NAME_SIZE: i64 = 40025;
/// `40026`: a menu sub-button `key` is missing or longer than 128 bytes.
pub const INVALID_SUB_BUTTON_KEY_SIZE: i64 = 40026;
/// `40027`: a menu sub-button `url` is missing or longer than 1024 bytes.
pub const INVALID_SUB_BUTTON_URL_SIZE: i64 = 40027;
/// `40029`: the OAuth, login or phone number code is unknown, expired or another account's.
pub const INVALID_CODE: i64 = 40029;
/// `40030`: the web OAuth `refresh_token` is unknown or another account's.
pub const INVALID_REFRESH_TOKEN: i64 = 40030;
/// `40032`: a list of OpenIDs is empty or longer than the API takes (e.g. 100 for `user/info/batchget`, 50 for tagging, 20 for the blacklist).
pub const INVALID_OPENID_LIST_LENGTH: i64 = 40032;
/// `40037`: the template id is unknown to the account.
pub const INVALID_TEMPLATE_ID: i64 = 40037;
/// `40052`: a QR code's `action_name` is not one of the four `QR_*` kinds.
pub const INVALID_ACTION_NAME: i64 = 40052;
/// `40053`: a QR code's scene is missing or out of range.
pub const INVALID_ACTION_INFO: i64 = 40053;
/// `40059`: the mass message id is unknown.
pub const INVALID_MSG_ID: i64 = 40059;
/// `40066`: the URL is not an API of WeChat.
pub const INVALID_URL: i64 = 40066;
/// `40092`: a user remark is 30 bytes or longer.
pub const INVALID_REMARK: i64 = 40092;
/// `40097`: invalid arguments (e.g. an unknown ticket `type`).
pub const INVALID_ARGS: i64 = 40097;
/// `40102`: an industry id is not one of the template message industries.
pub const INVALID_INDUSTRY_ID: i64 = 40102;
/// `40125`: a wrong AppSecret on `/cgi-bin/stable_token` or a wrong `component_appsecret`.
pub const INVALID_APPSECRET: i64 = 40125;
/// `40130`: a mass message to openids names fewer than 2 or more than 10000.
pub const INVALID_OPENID_LIST_SIZE: i64 = 40130;
/// `40159`: the Mini Program code `path` is empty or too long.
pub const INVALID_PATH_LENGTH: i64 = 40159;
/// `40163`: the OAuth or login code was already exchanged.
pub const CODE_BEEN_USED: i64 = 40163;
/// `40165`: the page path of a URL scheme or link is malformed.
pub const INVALID_PAGE_PATH: i64 = 40165;
/// `40169`: the Mini Program code `scene` is empty, too long or has characters WeChat refuses.
pub const INVALID_SCENE_LENGTH: i64 = 40169;
/// `40202`: the network check `action` is not `dns`, `ping` or `all`.
pub const INVALID_CHECK_ACTION: i64 = 40202;
/// `40203`: the network check `check_operator` is not `CHINANET`, `UNICOM`, `CAP` or `DEFAULT`.
pub const INVALID_CHECK_OPERATOR: i64 = 40203;
/// `40212`: the query of a URL scheme or link is too long.
pub const INVALID_QUERY: i64 = 40212;
/// `41001`: the `access_token` (or `component_access_token`) query parameter is missing.
pub const ACCESS_TOKEN_MISSING: i64 = 41001;
/// `41002`: the `appid` is missing.
pub const APPID_MISSING: i64 = 41002;
/// `41003`: the `refresh_token` is missing.
pub const REFRESH_TOKEN_MISSING: i64 = 41003;
/// `41004`: the `secret` (or `component_appsecret`) is missing.
pub const APPSECRET_MISSING: i64 = 41004;
/// `41005`: the multipart field `media` is missing.
pub const MEDIA_DATA_MISSING: i64 = 41005;
/// `41008`: the `code` (or `js_code`) is missing.
pub const CODE_MISSING: i64 = 41008;
/// `41009`: the `openid` is missing.
pub const OPENID_MISSING: i64 = 41009;
/// `41018`: `component_appid` is missing.
pub const MISSING_COMPONENT_APPID: i64 = 41018;
/// `41030`: the Mini Program `page` is malformed or does not exist.
pub const INVALID_PAGE: i64 = 41030;
/// `42001`: the access token has expired.
pub const ACCESS_TOKEN_EXPIRED: i64 = 42001;
/// `42002`: the web OAuth `refresh_token` has expired (after 30 days).
pub const REFRESH_TOKEN_EXPIRED: i64 = 42002;
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
/// `45009`: a quota is used up (the simulator's bound on what an account may keep, e.g. QR codes).
pub const API_QUOTA_EXCEEDED: i64 = 45009;
/// `45026`: the account already has its 25 templates.
pub const TEMPLATE_NUM_EXCEEDS_LIMIT: i64 = 45026;
/// `45034`: the account holds as many permanent materials of the type as WeChat allows.
pub const MEDIA_FILE_COUNT_OUT_OF_LIMIT: i64 = 45034;
/// `45056`: the account already has 100 tags.
pub const TOO_MANY_TAGS: i64 = 45056;
/// `45057`: a tag with more than 100000 users cannot be deleted.
pub const TAG_HAS_TOO_MANY_MEMBERS: i64 = 45057;
/// `45058`: tags 0, 1 and 2 are reserved and cannot be changed.
pub const RESERVED_TAG: i64 = 45058;
/// `45059`: a user already carries 20 tags.
pub const USER_HAS_TOO_MANY_TAGS: i64 = 45059;
/// `45072`: the typing `command` is not `Typing` or `CancelTyping`.
pub const INVALID_TYPING_COMMAND: i64 = 45072;
/// `45157`: the tag name is empty or used by another tag.
pub const INVALID_TAG_NAME: i64 = 45157;
/// `45158`: the tag name is longer than 30 characters.
pub const TAG_NAME_TOO_LONG: i64 = 45158;
/// `45159`: the tag id is unknown.
pub const INVALID_TAG_ID: i64 = 45159;
/// `46003`: the account has no menu.
pub const MENU_NO_EXIST: i64 = 46003;
/// `47001`: the body is not valid JSON, or a field has the wrong type.
pub const DATA_FORMAT_ERROR: i64 = 47001;
/// `47003`: an argument is missing or breaks its rule (e.g. an empty template value).
pub const ARGUMENT_INVALID: i64 = 47003;
/// `48001`: the API is not authorized, e.g. `/sns/userinfo` with a `snsapi_base` token.
pub const API_UNAUTHORIZED: i64 = 48001;
/// `49003`: the OpenID does not follow (belong to) the account of the token.
pub const OPENID_NOT_OF_APPID: i64 = 49003;
/// `61003`: the authorizer has not authorized this component.
pub const COMPONENT_NOT_AUTHORIZED: i64 = 61003;
/// `61005`: the `component_verify_ticket` has expired.
pub const COMPONENT_TICKET_EXPIRED: i64 = 61005;
/// `61006`: the `component_verify_ticket` is invalid (not one of the last two pushed).
pub const COMPONENT_TICKET_INVALID: i64 = 61006;
/// `61011`: the `component_appid` is not a third-party platform.
pub const INVALID_COMPONENT: i64 = 61011;
/// `61012`: the authorizer option name is unknown.
pub const INVALID_OPTION_NAME: i64 = 61012;
/// `61013`: the value is not one the authorizer option takes.
pub const INVALID_OPTION_VALUE: i64 = 61013;
/// `61014`: a component API was called without a `component_access_token`.
pub const MUST_USE_COMPONENT_TOKEN: i64 = 61014;
/// `61009`: the authorization code is invalid or already spent.
pub const AUTHORIZATION_CODE_INVALID: i64 = 61009;
/// `61023`: the `authorizer_refresh_token` is invalid (e.g. already rotated).
pub const REFRESH_TOKEN_INVALID: i64 = 61023;
/// `61024`: a component appid asked `/cgi-bin/token` for a token.
pub const MUST_USE_COMPONENT_TOKEN_API: i64 = 61024;
/// `61500`: a statistics date is missing or not `YYYY-MM-DD`.
pub const DATE_FORMAT_ERROR: i64 = 61500;
/// `61501`: a statistics date range is reversed, too long, or outside the data kept.
pub const DATE_RANGE_ERROR: i64 = 61501;
/// `63178`: `changeopenid`: `from_appid` is missing or not another account.
pub const APPID_WRONG: i64 = 63178;
/// `63182`: `changeopenid`: `openid_list` is empty.
pub const OPENID_LIST_EMPTY: i64 = 63182;
/// `65301`: no conditional menu has this `menuid`.
pub const NO_SUCH_CONDITIONAL_MENU: i64 = 65301;
/// `65302`: `menu/trymatch`: the `user_id` is no user.
pub const NO_SUCH_USER: i64 = 65302;
/// `65303`: a conditional menu needs a default menu first.
pub const NO_DEFAULT_MENU: i64 = 65303;
/// `65304`: the conditional menu has no match condition.
pub const MATCHRULE_EMPTY: i64 = 65304;
/// `65305`: the account has as many conditional menus as allowed.
pub const CONDITIONAL_MENU_LIMIT: i64 = 65305;
/// `65320`: a match rule on sex, region or language, which WeChat no longer takes.
pub const MATCHRULE_PRIVACY: i64 = 65320;
/// `65401`: the customer service account does not exist.
pub const INVALID_KF_ACCOUNT: i64 = 65401;
/// `65403`: the customer service nickname is empty or longer than 16 characters.
pub const INVALID_KF_NICKNAME: i64 = 65403;
/// `65404`: the customer service account is not `prefix@account_wechat_id`.
pub const ILLEGAL_KF_ACCOUNT: i64 = 65404;
/// `65405`: the account already has its 100 customer service accounts.
pub const KF_ACCOUNT_LIMIT: i64 = 65405;
/// `65406`: the customer service account already exists.
pub const KF_ACCOUNT_EXISTS: i64 = 65406;
/// `65409`: the WeChat ID to invite is not a valid WeChat ID.
pub const INVALID_WECHAT_ID: i64 = 65409;
/// `65411`: the customer service account already has an invitation waiting.
pub const KF_INVITE_PENDING: i64 = 65411;
/// `65412`: the customer service account is already bound to a WeChat user.
pub const KF_ALREADY_BOUND: i64 = 65412;
/// `65413`: the user has no session with that customer service account.
pub const KF_NO_SESSION: i64 = 65413;
/// `65414`: the user is being served by another customer service account.
pub const KF_SESSION_TAKEN: i64 = 65414;
/// `65416`: the query's parameters are invalid (e.g. `number` outside 1 to 10000).
pub const KF_INVALID_QUERY: i64 = 65416;
/// `65417`: the query's time span is empty or longer than 24 hours.
pub const KF_QUERY_SPAN_TOO_LONG: i64 = 65417;
/// `76001`: the rid is unknown or older than seven days.
pub const RID_NOT_FOUND: i64 = 76001;
/// `76002`: the rid is empty or malformed.
pub const RID_INVALID: i64 = 76002;
/// `76021`: `openapi/quota/get`: the `cgi_path` is no API.
pub const CGI_PATH_NOT_FOUND: i64 = 76021;
/// `76022`: `openapi/quota/get`: the `cgi_path` has no quota for this token (e.g. `/sns/` APIs).
pub const CGI_PATH_NO_PERMISSION: i64 = 76022;
/// `85401`: the expiry of a URL scheme or link is under a minute away or past the longest allowed.
pub const EXPIRE_TIME_OUT_OF_RANGE: i64 = 85401;
/// `200012`: the account already has its 25 subscribe templates.
pub const SUBSCRIBE_TEMPLATE_LIMIT: i64 = 200012;
/// `200014`: the library template id `tid` is unknown.
pub const INVALID_TID: i64 = 200014;
/// `200017`: `limit` is not between 1 and 30.
pub const INVALID_LIMIT: i64 = 200017;
/// `200018`: the category `ids` are missing or invalid.
pub const INVALID_CATEGORY_IDS: i64 = 200018;
/// `200020`: `kidList` has not 2 to 5 distinct keywords of the template.
pub const INVALID_KID_LIST: i64 = 200020;
/// `200021`: `sceneDesc` is longer than 15 characters.
pub const INVALID_SCENE_DESC: i64 = 200021;
/// `9410010`: `long_data` is longer than 4 KB.
pub const LONG_DATA_TOO_LONG: i64 = 9410010;
/// `9410011`: `expire_seconds` is longer than 30 days.
pub const EXPIRE_SECONDS_TOO_LONG: i64 = 9410011;
/// `9410012`: the short key is unknown, expired, or of another account.
pub const SHORT_KEY_INVALID: i64 = 9410012;

/// The `errmsg` WeChat sends with `code`; `"unknown error"` for a code this module does not know.
pub fn message(code: i64) -> &'static str {
    match code {
        SYSTEM_ERROR => "system error",
        OK => "ok",
        INVALID_PARAMETER => "invalid parameter",
        INVALID_CREDENTIAL => "invalid credential, access_token is invalid or not latest",
        INVALID_GRANT_TYPE => "invalid grant_type",
        INVALID_OPENID => "invalid openid",
        INVALID_MEDIA_TYPE => "invalid media type",
        INVALID_FILE_TYPE => "invalid file type",
        INVALID_MEDIA_ID => "invalid media_id",
        INVALID_MESSAGE_TYPE => "invalid message type",
        INVALID_IMAGE_SIZE => "invalid image size",
        INVALID_VOICE_SIZE => "invalid voice size",
        INVALID_VIDEO_SIZE => "invalid video size",
        INVALID_THUMB_SIZE => "invalid thumb size",
        INVALID_APPID => "invalid appid",
        INVALID_ACCESS_TOKEN => "invalid access_token",
        INVALID_BUTTON_SIZE => "invalid button size",
        INVALID_TEMPLATE_ID => "invalid template_id",
        INVALID_ACTION_NAME => "invalid action name",
        INVALID_ACTION_INFO => "invalid action info, please check document",
        INVALID_MSG_ID => "invalid msg id",
        INVALID_URL => "invalid url",
        INVALID_ARGS => "invalid args",
        INVALID_INDUSTRY_ID => "invalid industry id",
        INVALID_APPSECRET => "invalid appsecret",
        INVALID_OPENID_LIST_SIZE => "invalid openid list size, at least two openid",
        INVALID_QUERY => "invalid query",
        ACCESS_TOKEN_MISSING => "access_token missing",
        APPID_MISSING => "appid missing",
        REFRESH_TOKEN_MISSING => "refresh_token missing",
        APPSECRET_MISSING => "appsecret missing",
        MEDIA_DATA_MISSING => "media data missing",
        CODE_MISSING => "missing code",
        OPENID_MISSING => "missing openid",
        MISSING_COMPONENT_APPID => "missing component_appid",
        INVALID_PAGE => "invalid page",
        ACCESS_TOKEN_EXPIRED => "access_token expired",
        REFRESH_TOKEN_EXPIRED => "refresh_token expired",
        REQUIRE_GET_METHOD => "require GET method",
        REQUIRE_POST_METHOD => "require POST method",
        EMPTY_POST_DATA => "empty post data",
        EMPTY_CONTENT => "empty content",
        CONTENT_SIZE_OUT_OF_LIMIT => "content size out of limit",
        API_QUOTA_EXCEEDED => "reach max api daily quota limit",
        TEMPLATE_NUM_EXCEEDS_LIMIT => "template num exceeds limit",
        INVALID_TYPING_COMMAND => "invalid command",
        MENU_NO_EXIST => "menu no exist",
        DATA_FORMAT_ERROR => "data format error",
        ARGUMENT_INVALID => "argument invalid!",
        COMPONENT_NOT_AUTHORIZED => "component is not authorized by this account",
        COMPONENT_TICKET_EXPIRED => "component ticket is expired",
        COMPONENT_TICKET_INVALID => "component ticket is invalid",
        INVALID_COMPONENT => "invalid component",
        INVALID_OPTION_NAME => "invalid option name",
        INVALID_OPTION_VALUE => "invalid option value",
        MUST_USE_COMPONENT_TOKEN => "must use component token for component api",
        AUTHORIZATION_CODE_INVALID => "authorization code is invalid",
        REFRESH_TOKEN_INVALID => "refresh_token is invalid",
        MUST_USE_COMPONENT_TOKEN_API => {
            "must use api(api_component_token) to get token for component acct"
        }
        INVALID_KF_ACCOUNT => "invalid custom service account",
        INVALID_KF_NICKNAME => "illegal nickname",
        ILLEGAL_KF_ACCOUNT => "illegal custom service account",
        KF_ACCOUNT_LIMIT => "custom service account number reach limit",
        KF_ACCOUNT_EXISTS => "custom service account exists",
        INVALID_WECHAT_ID => "invalid wechat id",
        KF_INVITE_PENDING => "custom service account has a pending invitation",
        KF_ALREADY_BOUND => "custom service account is already bound",
        KF_NO_SESSION => "no session for the user",
        KF_SESSION_TAKEN => "the user is served by another custom service account",
        KF_INVALID_QUERY => "invalid query parameters",
        KF_QUERY_SPAN_TOO_LONG => "query time span out of limit",
        EXPIRE_TIME_OUT_OF_RANGE => "time limit between 1min and 1year",
        SUBSCRIBE_TEMPLATE_LIMIT => "private template count reach limit",
        INVALID_TID => "invalid tid",
        INVALID_LIMIT => "invalid limit",
        INVALID_CATEGORY_IDS => "invalid ids",
        INVALID_KID_LIST => "invalid keywords",
        INVALID_SCENE_DESC => "invalid scene desc",
        LONG_DATA_TOO_LONG => "long_data too long",
        EXPIRE_SECONDS_TOO_LONG => "expire_seconds out of limit",
        SHORT_KEY_INVALID => "short_key invalid",
        INVALID_BUTTON_TYPE => "invalid button type",
        INVALID_BUTTON_NAME_SIZE => "invalid button name size",
        INVALID_BUTTON_KEY_SIZE => "invalid button key size",
        INVALID_BUTTON_URL_SIZE => "invalid button url size",
        INVALID_SUB_BUTTON_SIZE => "invalid sub button size",
        INVALID_SUB_BUTTON_TYPE => "invalid sub button type",
        INVALID_SUB_BUTTON_NAME_SIZE => "invalid sub button name size",
        INVALID_SUB_BUTTON_KEY_SIZE => "invalid sub button key size",
        INVALID_SUB_BUTTON_URL_SIZE => "invalid sub button url size",
        INVALID_CODE => "invalid code",
        INVALID_REFRESH_TOKEN => "invalid refresh_token",
        INVALID_OPENID_LIST_LENGTH => "invalid openid list size",
        INVALID_REMARK => "invalid remark name",
        INVALID_PATH_LENGTH => "invalid length for path, or the data is not json string",
        CODE_BEEN_USED => "code been used",
        INVALID_PAGE_PATH => "invalid weapp pagepath",
        INVALID_SCENE_LENGTH => "invalid length for scene, or the data is not json string",
        INVALID_CHECK_ACTION => "invalid action",
        INVALID_CHECK_OPERATOR => "invalid check_operator",
        MEDIA_FILE_COUNT_OUT_OF_LIMIT => "media file count is out of limit",
        TOO_MANY_TAGS => "too many tags now, no need to add new",
        TAG_HAS_TOO_MANY_MEMBERS => "can't delete the tag that has too many fans",
        RESERVED_TAG => "can't modify sys tag",
        USER_HAS_TOO_MANY_TAGS => "too many tags of this user",
        INVALID_TAG_NAME => "invalid tag name",
        TAG_NAME_TOO_LONG => "tag name too long",
        INVALID_TAG_ID => "invalid tag id",
        API_UNAUTHORIZED => "api unauthorized",
        OPENID_NOT_OF_APPID => "not same appid with appid of access_token",
        DATE_FORMAT_ERROR => "date format error",
        DATE_RANGE_ERROR => "date range error",
        APPID_WRONG => "appid wrong",
        OPENID_LIST_EMPTY => "openid_list empty",
        NO_SUCH_CONDITIONAL_MENU => "no such conditional menu",
        NO_SUCH_USER => "no such user",
        NO_DEFAULT_MENU => "there is no selfmenu, please create selfmenu first",
        MATCHRULE_EMPTY => "match rule empty",
        CONDITIONAL_MENU_LIMIT => "menu count limit",
        MATCHRULE_PRIVACY => "matchrule contains privacy info",
        RID_NOT_FOUND => "rid not found",
        RID_INVALID => "rid is error",
        CGI_PATH_NOT_FOUND => "cgi_path not found, please check",
        CGI_PATH_NO_PERMISSION => "could not use this cgi_path, no permission",
        _ => "unknown error",
    }
}
