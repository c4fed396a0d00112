//! The errcodes of WeCom's contacts, application messages, agents and media, with the
//! `errmsg` WeCom sends for each.

use crate::wx_error::WxError;

/// `40003`: the userid (or openid) is invalid.
pub(crate) const INVALID_USERID: i64 = 40003;
/// `40004`: the media `type` is not `image`, `voice`, `video` or `file`.
pub(crate) const INVALID_MEDIA_TYPE: i64 = 40004;
/// `40005`: the file type is not accepted (an `uploadimg` that is no JPG or PNG).
pub(crate) const INVALID_FILE_TYPE: i64 = 40005;
/// `40006`: the file's size is out of the type's range.
pub(crate) const INVALID_FILE_SIZE: i64 = 40006;
/// `40007`: the media id is unknown.
pub(crate) const INVALID_MEDIA_ID: i64 = 40007;
/// `40008`: the message type is unknown.
pub(crate) const INVALID_MESSAGE_TYPE: i64 = 40008;
/// `40016`: a menu has no button or more than 3.
pub(crate) const INVALID_BUTTON_SIZE: i64 = 40016;
/// `40017`: a button has no valid type.
pub(crate) const INVALID_BUTTON_TYPE: i64 = 40017;
/// `40018`: a button's name is empty or too long.
pub(crate) const INVALID_BUTTON_NAME: i64 = 40018;
/// `40019`: a button's key is missing or too long.
pub(crate) const INVALID_BUTTON_KEY: i64 = 40019;
/// `40020`: a button's URL is missing or too long.
pub(crate) const INVALID_BUTTON_URL: i64 = 40020;
/// `40023`: a parent has no sub-button or more than 5.
pub(crate) const INVALID_SUB_BUTTON_SIZE: i64 = 40023;
/// `40031`: a userid list is invalid (all unknown, empty, or too long).
pub(crate) const INVALID_USERID_LIST: i64 = 40031;
/// `40056`: the agentid is invalid.
pub(crate) const INVALID_AGENTID: i64 = 40056;
/// `40058`: a parameter is invalid.
pub(crate) const INVALID_PARAMETER: i64 = 40058;
/// `40068`: the tag id is unknown.
pub(crate) const INVALID_TAGID: i64 = 40068;
/// `40070`: every member and department of a tag change is invalid.
pub(crate) const ALL_LIST_INVALID: i64 = 40070;
/// `40071`: a tag of that name exists.
pub(crate) const TAG_NAME_EXISTS: i64 = 40071;
/// `40072`: the tag name is empty or longer than 32 characters.
pub(crate) const INVALID_TAG_NAME: i64 = 40072;
/// `41005`: the upload has no `media` part.
pub(crate) const MEDIA_DATA_MISSING: i64 = 41005;
/// `41006`: `media_id` is missing.
pub(crate) const MEDIA_ID_MISSING: i64 = 41006;
/// `41009`: `userid` is missing.
pub(crate) const USERID_MISSING: i64 = 41009;
/// `41011`: `agentid` is missing.
pub(crate) const AGENTID_MISSING: i64 = 41011;
/// `44004`: a text message has no content.
pub(crate) const EMPTY_CONTENT: i64 = 44004;
/// `45002`: the message content is too long.
pub(crate) const CONTENT_TOO_LONG: i64 = 45002;
/// `46003`: the agent has no menu.
pub(crate) const MENU_NO_EXIST: i64 = 46003;
/// `46004`: no member has that mobile.
pub(crate) const USER_NO_EXIST: i64 = 46004;
/// `60001`: a department name is empty or longer than 64 characters.
pub(crate) const DEPARTMENT_NAME_LENGTH: i64 = 60001;
/// `60004`: the parent department does not exist.
pub(crate) const PARENT_NOT_FOUND: i64 = 60004;
/// `60005`: the department still has members.
pub(crate) const DEPARTMENT_HAS_MEMBERS: i64 = 60005;
/// `60006`: the department still has sub-departments.
pub(crate) const DEPARTMENT_HAS_CHILDREN: i64 = 60006;
/// `60007`: the root department cannot be deleted.
pub(crate) const ROOT_UNDELETABLE: i64 = 60007;
/// `60008`: a department of that id, or of that name under the parent, exists.
pub(crate) const DEPARTMENT_EXISTS: i64 = 60008;
/// `60009`: a department name has `\:*?"<>|`.
pub(crate) const DEPARTMENT_NAME_CHARS: i64 = 60009;
/// `60010`: a department would be under itself.
pub(crate) const DEPARTMENT_LOOP: i64 = 60010;
/// `60011`: the app may not change this member, department or tag.
pub(crate) const NO_PRIVILEGE: i64 = 60011;
/// `60102`: the userid exists.
pub(crate) const USERID_EXISTS: i64 = 60102;
/// `60104`: another member has that mobile.
pub(crate) const MOBILE_EXISTS: i64 = 60104;
/// `60106`: another member has that email.
pub(crate) const EMAIL_EXISTS: i64 = 60106;
/// `60111`: no member has that userid.
pub(crate) const USERID_NOT_FOUND: i64 = 60111;
/// `60112`: the member's name is empty or too long.
pub(crate) const INVALID_NAME: i64 = 60112;
/// `60123`: the department id is unknown.
pub(crate) const INVALID_PARTY_ID: i64 = 60123;
/// `60127`: a new member has no department.
pub(crate) const DEPARTMENT_MISSING: i64 = 60127;
/// `60129`: a new member has neither a mobile nor an email.
pub(crate) const MOBILE_AND_EMAIL_EMPTY: i64 = 60129;
/// `81013`: every recipient (member, department, tag) is invalid.
pub(crate) const ALL_RECIPIENTS_INVALID: i64 = 81013;
/// `301002`: the token may not act for that agent.
pub(crate) const OTHER_AGENT: i64 = 301002;

/// An error answer with WeCom's `errmsg` for `code`.
pub(crate) fn wecom_error(code: i64) -> WxError {
    let text = match code {
        INVALID_USERID => "invalid userid",
        INVALID_MEDIA_TYPE => "invalid media type",
        INVALID_FILE_TYPE => "invalid file type",
        INVALID_FILE_SIZE => "invalid file size",
        INVALID_MEDIA_ID => "invalid media_id",
        INVALID_MESSAGE_TYPE => "invalid message type",
        INVALID_BUTTON_SIZE => "invalid button size",
        INVALID_BUTTON_TYPE => "invalid button type",
        INVALID_BUTTON_NAME => "invalid button name size",
        INVALID_BUTTON_KEY => "invalid button key size",
        INVALID_BUTTON_URL => "invalid button url size",
        INVALID_SUB_BUTTON_SIZE => "invalid sub button size",
        INVALID_USERID_LIST => "invalid userid list",
        INVALID_AGENTID => "invalid agentid",
        INVALID_PARAMETER => "invalid parameter",
        INVALID_TAGID => "invalid tagid",
        ALL_LIST_INVALID => "all list invalid",
        TAG_NAME_EXISTS => "UserTag Name Already Exist",
        INVALID_TAG_NAME => "invalid tag name size",
        MEDIA_DATA_MISSING => "media data missing",
        MEDIA_ID_MISSING => "media_id missing",
        USERID_MISSING => "missing userid",
        AGENTID_MISSING => "missing agentid",
        EMPTY_CONTENT => "empty content",
        CONTENT_TOO_LONG => "content size out of limit",
        MENU_NO_EXIST => "menu no exist",
        USER_NO_EXIST => "user no exist",
        DEPARTMENT_NAME_LENGTH => "department length invalid",
        PARENT_NOT_FOUND => "parent department not found",
        DEPARTMENT_HAS_MEMBERS => "department contains user",
        DEPARTMENT_HAS_CHILDREN => "department contains sub department",
        ROOT_UNDELETABLE => "not allow to delete root department",
        DEPARTMENT_EXISTS => "department existed",
        DEPARTMENT_NAME_CHARS => "department name contains invalid char",
        DEPARTMENT_LOOP => "department has a cycle",
        NO_PRIVILEGE => "no privilege to access/modify contact/party/agent",
        USERID_EXISTS => "userid existed",
        MOBILE_EXISTS => "mobile existed",
        EMAIL_EXISTS => "email existed",
        USERID_NOT_FOUND => "userid not found",
        INVALID_NAME => "invalid name",
        INVALID_PARTY_ID => "invalid party id",
        DEPARTMENT_MISSING => "missing department",
        MOBILE_AND_EMAIL_EMPTY => "mobile and email can not be both empty",
        ALL_RECIPIENTS_INVALID => "user & party & tag all invalid",
        OTHER_AGENT => "not allow operate another agent with this accesstoken.",
        _ => return super::work_error(code),
    };
    WxError {
        errcode: code,
        errmsg: format!(
            "{text}, more info at https://open.work.weixin.qq.com/devtool/query?e={code}"
        ),
    }
}
