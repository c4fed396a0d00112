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

// ----- Mini Program OCR, plugins (`/cv/*`, `/wxa/plugin`, `/wxa/devplugin`) -----

/// `101000`: OCR: no image, an `img_url` WeChat cannot fetch, or an unreadable image.
pub const OCR_INVALID_IMAGE: i64 = 101000;
/// `101001`: OCR: no card (or text) found in the image.
pub const OCR_NOT_FOUND: i64 = 101001;
/// `1001`: `getpluginopenpid`: the request's parameters are wrong (no `code`).
pub const OPENPID_INVALID_REQUEST: i64 = 1001;
/// `1007`: `getpluginopenpid`: no openpid for that code (unknown, spent, expired, another
/// plugin's).
pub const OPENPID_NOT_FOUND: i64 = 1007;
/// `89044`: the plugin is not among the account's plugins.
pub const PLUGIN_NOT_ADDED: i64 = 89044;
/// `89236`: the plugin cannot be applied for (an account applying for its own plugin).
pub const PLUGIN_CANNOT_APPLY: i64 = 89236;
/// `89237`: the plugin was already added or applied for.
pub const PLUGIN_ALREADY_ADDED: i64 = 89237;
/// `89238`: the account already applied for or uses as many plugins as it may.
pub const PLUGIN_LIMIT: i64 = 89238;
/// `89239`: there is no such plugin.
pub const PLUGIN_NOT_EXIST: i64 = 89239;
/// `89240`: only pending applications can be agreed or refused.
pub const PLUGIN_NOT_PENDING: i64 = 89240;
/// `89241`: only refused or timed-out applications can be deleted.
pub const PLUGIN_NOT_REFUSED: i64 = 89241;
/// `89242`: the appid is not in the plugin's applications.
pub const PLUGIN_NOT_APPLIED: i64 = 89242;
/// `89243`: a pending application cannot be removed.
pub const PLUGIN_PENDING: i64 = 89243;
/// `40210`: `wxaapi_submitpages`: a page has no `path`.
pub const SEARCH_PATH_EMPTY: i64 = 40210;
/// `40219`: `wxaapi_submitpages`: `pages` is missing or empty.
pub const SEARCH_PAGES_EMPTY: i64 = 40219;
/// `47004`: `wxaapi_submitpages`: more than 1000 pages.
pub const SEARCH_TOO_MANY_PAGES: i64 = 47004;

// ----- Mini Program shipping information management (`/wxa/sec/order/*`) -----

/// `10060001`: the payment order does not exist (or is another Mini Program's).
pub const SHIPPING_ORDER_NOT_FOUND: i64 = 10060001;
/// `10060003`: the order was already shipped again once; WeChat allows one re-shipment.
pub const SHIPPING_RESHIPPED: i64 = 10060003;
/// `10060004`: the order cannot be shipped in its state (received, settled or refunded).
pub const SHIPPING_NOT_SHIPPABLE: i64 = 10060004;
/// `10060005`: `logistics_type` is not 1 to 4.
pub const SHIPPING_INVALID_LOGISTICS_TYPE: i64 = 10060005;
/// `10060006`: split delivery is for express shipping only.
pub const SHIPPING_SPLIT_NEEDS_EXPRESS: i64 = 10060006;
/// `10060007`: a split delivery needs `is_all_delivered`.
pub const SHIPPING_ALL_DELIVERED_MISSING: i64 = 10060007;
/// `10060008`: a package has no `item_desc`.
pub const SHIPPING_ITEM_DESC_EMPTY: i64 = 10060008;
/// `10060009`: an `item_desc` is longer than 120 characters.
pub const SHIPPING_ITEM_DESC_TOO_LONG: i64 = 10060009;
/// `10060014`: a parameter is wrong (a missing tracking number, a reminder sent twice, ...).
pub const SHIPPING_INVALID_PARAMS: i64 = 10060014;
/// `10060024`: more than 15 packages.
pub const SHIPPING_LIST_TOO_LONG: i64 = 10060024;
/// `10060025`: an `express_company` is longer than 128 bytes.
pub const SHIPPING_COMPANY_TOO_LONG: i64 = 10060025;
/// `10060026`: a `tracking_no` is longer than 128 bytes.
pub const SHIPPING_TRACKING_NO_TOO_LONG: i64 = 10060026;
/// `10060029`: the `received_time` of a receipt reminder is before the shipment.
pub const SHIPPING_RECEIVED_TIME_INVALID: i64 = 10060029;
/// `268485216`: `upload_time` is not an RFC 3339 time.
pub const SHIPPING_INVALID_UPLOAD_TIME: i64 = 268485216;
/// `268485224`: `delivery_mode` is not 1 or 2.
pub const SHIPPING_INVALID_DELIVERY_MODE: i64 = 268485224;
/// `268485228`: a unified delivery has not exactly one package.
pub const SHIPPING_UNIFIED_NEEDS_ONE: i64 = 268485228;
/// `268546000`: `opspecialorder`: the `type` is not 1 (presale) or 2 (test order).
pub const SHIPPING_SPECIAL_INVALID_TYPE: i64 = 268546000;
/// `268546001`: `opspecialorder`: `delay_to` is missing or not 15 to 330 days after payment.
pub const SHIPPING_SPECIAL_INVALID_DELAY: i64 = 268546001;
/// `268546002`: `opspecialorder`: no order waiting for shipment has this number.
pub const SHIPPING_SPECIAL_NO_ORDER: i64 = 268546002;

// ----- Mini Program virtual payment (`/xpay/*`) -----

/// `268490001`: the openid is missing or wrong.
pub const XPAY_INVALID_OPENID: i64 = 268490001;
/// `268490002`: a request field is missing or wrong (a missing `pay_sig` included).
pub const XPAY_INVALID_PARAM: i64 = 268490002;
/// `268490003`: the `pay_sig` or the user `signature` does not match.
pub const XPAY_INVALID_SIGNATURE: i64 = 268490003;
/// `268490004`: the order id was used before: the operation was already done.
pub const XPAY_REPEATED: i64 = 268490004;
/// `268490005`: the token payment was already refunded in full by `cancel_currency_pay`.
pub const XPAY_ALREADY_CANCELLED: i64 = 268490005;
/// `268490006`: not enough tokens to pay, or to give back.
pub const XPAY_INSUFFICIENT: i64 = 268490006;
/// `268490007`: a goods name or remark holds sensitive content.
pub const XPAY_SENSITIVE_CONTENT: i64 = 268490007;
/// `268490009`: the user has no live `session_key`: the user must log in again.
pub const XPAY_SESSION_KEY_EXPIRED: i64 = 268490009;
/// `268490011`: the bill is being generated; ask again later.
pub const XPAY_BILL_GENERATING: i64 = 268490011;

// ----- Mini Program security and login state -----

/// `87009`: the login-state `signature` does not match the user's `session_key`.
pub const INVALID_SIGNATURE: i64 = 87009;
/// `89300`: `getpaidunionid`: no such paid order of the user, or paid more than 5 minutes ago.
pub const INVALID_TRADE: i64 = 89300;

/// `40114`: an article `index` past the draft's or the publication's articles.
pub const INVALID_INDEX_VALUE: i64 = 40114;
/// `45003`: an article title is longer than 32 characters.
pub const TITLE_SIZE_OUT_OF_LIMIT: i64 = 45003;
/// `45004`: an article digest is longer than 128 characters.
pub const DESCRIPTION_SIZE_OUT_OF_LIMIT: i64 = 45004;
/// `45110`: an article author is longer than 16 characters.
pub const AUTHOR_SIZE_OUT_OF_LIMIT: i64 = 45110;
/// `45166`: an article body is empty or 20 000 characters or longer.
pub const INVALID_CONTENT: i64 = 45166;
/// `53600`: the published `article_id` is unknown.
pub const INVALID_ARTICLE_ID: i64 = 53600;
/// `88000`: comments are closed on the article.
pub const WITHOUT_COMMENT_PRIVILEGE: i64 = 88000;
/// `88001`: no message (or no article of it) has this `msg_data_id` and `index`.
pub const MSG_DATA_NOT_EXIST: i64 = 88001;
/// `88005`: the comment already has a reply.
pub const ALREADY_REPLY: i64 = 88005;
/// `88007`: the reply is empty.
pub const INVALID_REPLY_CONTENT: i64 = 88007;
/// `88008`: the comment does not exist (or was deleted).
pub const COMMENT_NOT_EXIST: i64 = 88008;
/// `88010`: `count` of a comment list is 0 or 50 or more.
pub const COMMENT_COUNT_OUT_OF_RANGE: i64 = 88010;

/// `40006`: a file of the wrong size or kind (a privacy guide that is not a `.txt` file).
pub const INVALID_MEDIA_SIZE: i64 = 40006;
/// `40126`: a privacy guide file is larger than 100 KB.
pub const INVALID_TEXT_SIZE: i64 = 40126;
/// `53300`: more categories added this period than allowed (5).
pub const CATEGORY_QUOTA_EXCEEDED: i64 = 53300;
/// `53301`: the account would have more categories than allowed (20).
pub const CATEGORY_LIMIT: i64 = 53301;
/// `53303`: a category is unknown, not set, or lacks the certificates it needs.
pub const INVALID_CATEGORY: i64 = 53303;
/// `53304`: the category is already set.
pub const CATEGORY_EXISTS: i64 = 53304;
/// `53307`: only a rejected category can be modified.
pub const CATEGORY_NOT_REJECTED: i64 = 53307;
/// `53308`: a category being audited cannot be deleted.
pub const CATEGORY_AUDITING: i64 = 53308;
/// `53200`: the signature was changed as often as allowed this month.
pub const SIGNATURE_QUOTA_EXCEEDED: i64 = 53200;
/// `53202`: the avatar was changed as often as allowed this month.
pub const HEAD_IMAGE_QUOTA_EXCEEDED: i64 = 53202;
/// `85001`: the WeChat ID is malformed or unknown, or not a tester.
pub const TESTER_NOT_FOUND: i64 = 85001;
/// `85002`: the Mini Program has as many testers as allowed.
pub const TESTER_LIMIT: i64 = 85002;
/// `85004`: the WeChat user is already a tester.
pub const TESTER_ALREADY_BOUND: i64 = 85004;
/// `85007`: an audit item's page is not in the uploaded code.
pub const INVALID_AUDIT_ADDRESS: i64 = 85007;
/// `85009`: an audit of the Mini Program is in progress.
pub const AUDIT_IN_PROGRESS: i64 = 85009;
/// `85012`: the audit id is not one of the Mini Program's (or no audit is in progress).
pub const INVALID_AUDIT_ID: i64 = 85012;
/// `85013`: the commit's `ext_json` is not a JSON object.
pub const INVALID_EXT_JSON: i64 = 85013;
/// `85014`: the commit's template is not in the platform's library.
pub const CODE_TEMPLATE_NOT_EXIST: i64 = 85014;
/// `85016`: more than 200 server domains of a kind.
pub const DOMAIN_COUNT_EXCEEDED: i64 = 85016;
/// `85017`: a server domain change names no domain.
pub const NO_DOMAIN_TO_MODIFY: i64 = 85017;
/// `85019`: there is no audited code to release.
pub const NO_AUDIT_VERSION: i64 = 85019;
/// `85020`: the latest audit is not approved.
pub const AUDIT_NOT_APPROVED: i64 = 85020;
/// `85021`: the visit status cannot change (already so, or nothing released).
pub const VISIT_STATUS_UNCHANGED: i64 = 85021;
/// `85022`: the `action` is not one the API takes.
pub const INVALID_ACTION: i64 = 85022;
/// `85052`: the approved code is already released.
pub const ALREADY_RELEASED: i64 = 85052;
/// `85064`: the draft or code template is unknown.
pub const TEMPLATE_NOT_FOUND: i64 = 85064;
/// `85065`: the platform's template library is full (100).
pub const TEMPLATE_LIBRARY_FULL: i64 = 85065;
/// `85077`: an audit item's category is not an approved category of the account.
pub const AUDIT_CATEGORY_INVALID: i64 = 85077;
/// `85079`: no version is online: a phased release needs one.
pub const NO_ONLINE_VERSION: i64 = 85079;
/// `85080`: no approved, unreleased code for a phased release.
pub const AUDIT_NOT_PASSED: i64 = 85080;
/// `85081`: the phased release share is not 1 to 100.
pub const INVALID_GRAY_PERCENTAGE: i64 = 85081;
/// `85082`: the phased release share must rise.
pub const GRAY_PERCENTAGE_NOT_HIGHER: i64 = 85082;
/// `85086`: an audit was submitted before any code was uploaded.
pub const CODE_NOT_COMMITTED: i64 = 85086;
/// `86000`: the Mini Program is not managed by a third-party platform.
pub const NOT_BY_COMPONENT: i64 = 86000;
/// `86001`: the Mini Program has no uploaded code.
pub const NO_COMMITTED_CODE: i64 = 86001;
/// `86004`: the legal representative's WeChat ID is malformed.
pub const INVALID_LEGAL_WECHAT: i64 = 86004;
/// `86069`: the privacy guide's owner lacks `notice_method` or a contact.
pub const PRIVACY_OWNER_INCOMPLETE: i64 = 86069;
/// `86074`: there is no online privacy guide to change.
pub const NO_ONLINE_PRIVACY: i64 = 86074;
/// `87011`: a phased release is running: no rollback.
pub const GRAY_RELEASE_RUNNING: i64 = 87011;
/// `87012`: nothing to roll back or withdraw (no such version, or no audit in progress).
pub const CANNOT_REVERT: i64 = 87012;
/// `87013`: audits were withdrawn as often as allowed today.
pub const UNDO_QUOTA_EXCEEDED: i64 = 87013;
/// `89019`: the web-view domain change changes nothing.
pub const WEBVIEW_DOMAIN_UNCHANGED: i64 = 89019;
/// `89021`: a web-view domain is not an `https://` domain.
pub const INVALID_WEBVIEW_DOMAIN: i64 = 89021;
/// `89029`: more than 100 web-view domains.
pub const WEBVIEW_DOMAIN_LIMIT: i64 = 89029;
/// `89248`: the company code type is not 1, 2 or 3.
pub const INVALID_CODE_TYPE: i64 = 89248;
/// `89249`: a registration task of the same company is running.
pub const REGISTRATION_RUNNING: i64 = 89249;
/// `89250`: no registration task of the company.
pub const REGISTRATION_NOT_FOUND: i64 = 89250;
/// `89251`: the registration waits for the legal representative's face check.
pub const LEGAL_PERSON_CHECKING: i64 = 89251;
/// `89253`: a registration lacks a field.
pub const REGISTRATION_PARAMS_MISSING: i64 = 89253;
/// `89255`: the company code does not have its type's length.
pub const INVALID_ENTERPRISE_CODE: i64 = 89255;
/// `91004`: the name is empty or longer than 30 characters.
pub const INVALID_NICKNAME: i64 = 91004;
/// `91009`: the name needs supporting documents.
pub const NICKNAME_NEEDS_DOCUMENTS: i64 = 91009;
/// `91011`: the name change audit is unknown.
pub const NICKNAME_AUDIT_NOT_FOUND: i64 = 91011;

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
        OCR_INVALID_IMAGE => "invalid image url or image data",
        OCR_NOT_FOUND => "certificate not found",
        OPENPID_INVALID_REQUEST => "invalid request parameter",
        OPENPID_NOT_FOUND => "openpid not exist",
        PLUGIN_NOT_ADDED => "plugin appid not exist",
        PLUGIN_CANNOT_APPLY => "this plugin can not be applied",
        PLUGIN_ALREADY_ADDED => "plugin already added",
        PLUGIN_LIMIT => "plugin count reach limit",
        PLUGIN_NOT_EXIST => "plugin not exist",
        PLUGIN_NOT_PENDING => "only pending application can be operated",
        PLUGIN_NOT_REFUSED => "only refused or expired application can be deleted",
        PLUGIN_NOT_APPLIED => "appid not in apply list",
        PLUGIN_PENDING => "pending application can not be deleted",
        SEARCH_PATH_EMPTY => "invalid path",
        SEARCH_PAGES_EMPTY => "pages is empty",
        SEARCH_TOO_MANY_PAGES => "pages count exceeds limit",
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
        SHIPPING_ORDER_NOT_FOUND => "支付单不存在",
        SHIPPING_RESHIPPED => "支付单已使用重新发货机会",
        SHIPPING_NOT_SHIPPABLE => "支付单处于不可发货的状态",
        SHIPPING_INVALID_LOGISTICS_TYPE => "物流类型有误",
        SHIPPING_SPLIT_NEEDS_EXPRESS => "非快递发货时不允许分拆发货",
        SHIPPING_ALL_DELIVERED_MISSING => "分拆发货模式下必须填写 is_all_delivered 字段",
        SHIPPING_ITEM_DESC_EMPTY => "商品描述字段不能为空",
        SHIPPING_ITEM_DESC_TOO_LONG => "商品描述字段太长",
        SHIPPING_INVALID_PARAMS => "参数错误",
        SHIPPING_LIST_TOO_LONG => "物流信息列表太长",
        SHIPPING_COMPANY_TOO_LONG => "物流公司编码太长",
        SHIPPING_TRACKING_NO_TOO_LONG => "物流单号太长",
        SHIPPING_RECEIVED_TIME_INVALID => "签收时间不合理",
        SHIPPING_INVALID_UPLOAD_TIME => "上传时间非法，请按照 RFC 3339 格式填写",
        SHIPPING_INVALID_DELIVERY_MODE => "发货模式非法",
        SHIPPING_UNIFIED_NEEDS_ONE => "统一发货模式下，物流信息列表长度必须为1",
        SHIPPING_SPECIAL_INVALID_TYPE => "type非法",
        SHIPPING_SPECIAL_INVALID_DELAY => "delay_to非法",
        SHIPPING_SPECIAL_NO_ORDER => "账户不存在这个待发货单号",
        XPAY_INVALID_OPENID => "openid错误",
        XPAY_INVALID_PARAM => "请求参数字段错误",
        XPAY_INVALID_SIGNATURE => "签名校验失败",
        XPAY_REPEATED => "重复操作",
        XPAY_ALREADY_CANCELLED => "订单已经通过cancel_currency_pay接口退款，不支持再退款",
        XPAY_INSUFFICIENT => "代币的退款/支付操作金额不足",
        XPAY_SENSITIVE_CONTENT => "图片或文字存在敏感内容，禁止使用",
        XPAY_SESSION_KEY_EXPIRED => "用户session_key不存在或已过期，请重新登录",
        XPAY_BILL_GENERATING => "数据生成中，请稍后调用本接口获取",
        INVALID_SIGNATURE => "invalid signature",
        INVALID_TRADE => "invalid trade",
        INVALID_INDEX_VALUE => "invalid index value",
        TITLE_SIZE_OUT_OF_LIMIT => "title size out of limit",
        DESCRIPTION_SIZE_OUT_OF_LIMIT => "description size out of limit",
        AUTHOR_SIZE_OUT_OF_LIMIT => "author size out of limit",
        INVALID_CONTENT => "invalid content",
        INVALID_ARTICLE_ID => "invalid article_id",
        WITHOUT_COMMENT_PRIVILEGE => "without comment privilege",
        MSG_DATA_NOT_EXIST => "msg_data is not exists",
        ALREADY_REPLY => "already reply",
        INVALID_REPLY_CONTENT => "reply content beyond max len or content len is zero",
        COMMENT_NOT_EXIST => "comment is not exists",
        COMMENT_COUNT_OUT_OF_RANGE => "count range error. cout <= 0 or count > 50",
        INVALID_MEDIA_SIZE => "invalid media size",
        INVALID_TEXT_SIZE => "invalid text size",
        CATEGORY_QUOTA_EXCEEDED => "category modify quota exceeded",
        CATEGORY_LIMIT => "category count exceeds limit",
        INVALID_CATEGORY => "invalid category params",
        CATEGORY_EXISTS => "category already exists",
        CATEGORY_NOT_REJECTED => "only rejected category can be modified",
        CATEGORY_AUDITING => "category in audit cannot be deleted",
        SIGNATURE_QUOTA_EXCEEDED => "signature modify quota exceeded",
        HEAD_IMAGE_QUOTA_EXCEEDED => "head image modify quota exceeded",
        TESTER_NOT_FOUND => "wechatid not exist or not searchable",
        TESTER_LIMIT => "tester count reaches limit",
        TESTER_ALREADY_BOUND => "wechatid already bound",
        INVALID_AUDIT_ADDRESS => "invalid page path",
        AUDIT_IN_PROGRESS => "already has an auditing version",
        INVALID_AUDIT_ID => "invalid audit id",
        INVALID_EXT_JSON => "invalid ext_json",
        CODE_TEMPLATE_NOT_EXIST => "template not exist",
        DOMAIN_COUNT_EXCEEDED => "domain count exceeds limit",
        NO_DOMAIN_TO_MODIFY => "no domain to modify",
        NO_AUDIT_VERSION => "no audit version",
        AUDIT_NOT_APPROVED => "audit status not allowed to release",
        VISIT_STATUS_UNCHANGED => "status not allowed to change",
        INVALID_ACTION => "invalid action",
        ALREADY_RELEASED => "already released",
        TEMPLATE_NOT_FOUND => "template not found",
        TEMPLATE_LIBRARY_FULL => "template list is full",
        AUDIT_CATEGORY_INVALID => "invalid category",
        NO_ONLINE_VERSION => "no online version",
        AUDIT_NOT_PASSED => "audit not passed",
        INVALID_GRAY_PERCENTAGE => "invalid gray percentage",
        GRAY_PERCENTAGE_NOT_HIGHER => "gray percentage must be higher",
        CODE_NOT_COMMITTED => "must commit before submit audit",
        NOT_BY_COMPONENT => "should be called only from third party",
        NO_COMMITTED_CODE => "not existed commit",
        INVALID_LEGAL_WECHAT => "invalid wechat",
        PRIVACY_OWNER_INCOMPLETE => "owner_setting required fields missing",
        NO_ONLINE_PRIVACY => "no online privacy setting",
        GRAY_RELEASE_RUNNING => "gray release running",
        CANNOT_REVERT => "forbid revert this version release",
        UNDO_QUOTA_EXCEEDED => "no quota to undo code",
        WEBVIEW_DOMAIN_UNCHANGED => "webview domain not changed",
        INVALID_WEBVIEW_DOMAIN => "invalid webview domain",
        WEBVIEW_DOMAIN_LIMIT => "webview domain count exceeds limit",
        INVALID_CODE_TYPE => "invalid code type",
        REGISTRATION_RUNNING => "task running",
        REGISTRATION_NOT_FOUND => "task not found",
        LEGAL_PERSON_CHECKING => "legal person checking",
        REGISTRATION_PARAMS_MISSING => "lack of some params",
        INVALID_ENTERPRISE_CODE => "invalid code",
        INVALID_NICKNAME => "invalid nickname",
        NICKNAME_NEEDS_DOCUMENTS => "nickname needs documents",
        NICKNAME_AUDIT_NOT_FOUND => "nickname audit not found",
        _ => "unknown error",
    }
}
