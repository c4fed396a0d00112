//! What WeCom's customer-facing areas (external contacts, customer service, approval) share:
//! their errcodes with WeCom's `errmsg`, which app's token each area takes, and readers of
//! JSON bodies.

use serde_json::Value;

use super::credentials::WorkToken;
use crate::{state::work::WorkAppId, wx_error::WxError};

/// `40003`: a userid that is no member allowed to serve customers.
pub(crate) const INVALID_USERID: i64 = 40003;
/// `40050`: the customer group chat does not exist.
pub(crate) const INVALID_CHAT_ID: i64 = 40050;
/// `40058`: a parameter is invalid.
pub(crate) const INVALID_PARAMETER: i64 = 40058;
/// `40068`: a tag or tag group id is unknown.
pub(crate) const INVALID_TAG_ID: i64 = 40068;
/// `40071`: a tag of that name exists in the group.
pub(crate) const TAG_NAME_EXISTS: i64 = 40071;
/// `40096`: an external_userid is unknown.
pub(crate) const INVALID_EXTERNAL_USERID: i64 = 40096;
/// `41037`: a "contact me" way's `type` is missing or invalid, or its config_id is unknown.
pub(crate) const INVALID_CONTACT_WAY: i64 = 41037;
/// `41051`: the customer was already welcomed (the welcome code is spent).
pub(crate) const WELCOME_SENT: i64 = 41051;
/// `48002`: the token's app may not call this API.
pub(crate) const API_FORBIDDEN: i64 = 48002;
/// `84061`: the member has no such customer.
pub(crate) const NOT_EXTERNAL_CONTACT: i64 = 84061;
/// `95004`: the customer service account does not exist.
pub(crate) const KF_ACCOUNT_NOT_FOUND: i64 = 95004;
/// `95006`: the customer service account name is invalid.
pub(crate) const INVALID_KF_NAME: i64 = 95006;
/// `95007`: the `sync_msg` token is invalid.
pub(crate) const INVALID_MSG_TOKEN: i64 = 95007;
/// `95018`: the customer has no session the API may answer.
pub(crate) const SESSION_STATUS_INVALID: i64 = 95018;
/// `301025`: an approval parameter is invalid (unknown template or application, a required
/// control left empty, a period out of range).
pub(crate) const APPROVAL_PARAM_ERROR: i64 = 301025;

/// An error answer with WeCom's `errmsg` for `code`.
pub(crate) fn crm_error(code: i64) -> WxError {
    let text = match code {
        INVALID_USERID => "invalid userid",
        INVALID_CHAT_ID => "chatid not found",
        INVALID_PARAMETER => "invalid parameter",
        INVALID_TAG_ID => "invalid tagid",
        TAG_NAME_EXISTS => "tag name already exists",
        INVALID_EXTERNAL_USERID => "invalid external userid",
        INVALID_CONTACT_WAY => "missing contact way type",
        WELCOME_SENT => "externaluser has started chatting",
        API_FORBIDDEN => "api forbidden",
        NOT_EXTERNAL_CONTACT => "not external contact",
        KF_ACCOUNT_NOT_FOUND => "open_kfid not exist",
        INVALID_KF_NAME => "invalid kf account name",
        INVALID_MSG_TOKEN => "invalid msg token",
        SESSION_STATUS_INVALID => "send msg session status invalid",
        APPROVAL_PARAM_ERROR => "get approval param error",
        _ => return super::work_error(code),
    };
    WxError {
        errcode: code,
        errmsg: format!(
            "{text}, more info at https://open.work.weixin.qq.com/devtool/query?e={code}"
        ),
    }
}

/// External contacts take the external contact secret's token or an agent's (one configured
/// to call them); 48002 otherwise.
pub(crate) fn external_contact_app(auth: &WorkToken) -> Result<(), WxError> {
    match auth.app {
        WorkAppId::ExternalContact | WorkAppId::Agent(_) => Ok(()),
        _ => Err(crm_error(API_FORBIDDEN)),
    }
}

/// Customer service takes the customer service secret's token or an agent's; 48002
/// otherwise.
pub(crate) fn kf_app(auth: &WorkToken) -> Result<(), WxError> {
    match auth.app {
        WorkAppId::CustomerService | WorkAppId::Agent(_) => Ok(()),
        _ => Err(crm_error(API_FORBIDDEN)),
    }
}

/// Approval takes an agent's token (the approval app or a self-built one); 48002 otherwise.
pub(crate) fn approval_app(auth: &WorkToken) -> Result<(), WxError> {
    match auth.app {
        WorkAppId::Agent(_) => Ok(()),
        _ => Err(crm_error(API_FORBIDDEN)),
    }
}

/// The non-empty string `key` of `body`.
pub(crate) fn text<'a>(body: &'a Value, key: &str) -> Option<&'a str> {
    body.get(key)
        .and_then(Value::as_str)
        .filter(|s| !s.trim().is_empty())
}

/// The strings of the array `key` of `body` (none when absent); 40058 when it is not an array
/// of strings.
pub(crate) fn strings(body: &Value, key: &str) -> Result<Vec<String>, WxError> {
    match body.get(key) {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(items)) => items
            .iter()
            .map(|item| {
                item.as_str()
                    .map(str::to_owned)
                    .ok_or_else(|| crm_error(INVALID_PARAMETER))
            })
            .collect(),
        Some(_) => Err(crm_error(INVALID_PARAMETER)),
    }
}

/// The number `key` of `body`, written as a number or a string of digits.
pub(crate) fn number(body: &Value, key: &str) -> Option<u64> {
    match body.get(key)? {
        Value::Number(n) => n.as_u64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}
