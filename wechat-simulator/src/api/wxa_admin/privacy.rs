//! An authorizer's privacy guide, under `/cgi-bin/component/` with the authorizer's own
//! token: the guide in development and online (the development one goes online with the next
//! release), and custom guide files.

use axum::extract::{multipart::MultipartRejection, Multipart, State};
use serde_json::{json, Value};

use super::{number, strings};
use crate::{
    api::{credentials::AccessToken, ok, ok_empty, ApiResult, WxJson},
    clock::unix_now,
    errcode,
    state::{wxa_admin::Privacy, AppState},
    wx_error::WxError,
};

/// The largest custom guide file, in bytes (40126 past it).
const MAX_FILE_BYTES: usize = 100 * 1024;
/// The first media id of a custom guide file.
const FIRST_FILE_MEDIA_ID: u64 = 2_112_311_471_891_169_280;

/// The kinds of user information WeChat knows, with their descriptions.
const PRIVACY_KEYS: [(&str, &str); 12] = [
    ("UserInfo", "用户信息（微信昵称、头像）"),
    ("Location", "位置信息"),
    ("Address", "地址"),
    ("Invoice", "发票信息"),
    ("RunData", "微信运动数据"),
    ("Record", "麦克风"),
    ("Album", "选中的照片或视频信息"),
    ("Camera", "摄像头"),
    ("PhoneNumber", "手机号码"),
    ("Contact", "通讯录（仅写入）权限"),
    ("DeviceInfo", "设备信息"),
    ("Email", "邮箱"),
];

/// The owner fields, in the order WeChat answers them.
const OWNER_FIELDS: [&str; 7] = [
    "contact_phone",
    "contact_email",
    "contact_qq",
    "contact_weixin",
    "store_expire_timestamp",
    "ext_file_media_id",
    "notice_method",
];

fn label(key: &str) -> &'static str {
    PRIVACY_KEYS
        .iter()
        .find(|(known, _)| *known == key)
        .map_or("", |(_, desc)| desc)
}

/// `privacy_ver`: 1 online, 2 (the default) in development; 47003 otherwise.
fn version(body: &Value) -> Result<bool, WxError> {
    match number(body, "privacy_ver") {
        None | Some(2) => Ok(false),
        Some(1) => Ok(true),
        Some(_) => Err(WxError::new(errcode::ARGUMENT_INVALID)),
    }
}

/// `POST /cgi-bin/component/getprivacysetting`: `{"privacy_ver"?}`. The uploaded code
/// collects `UserInfo`, and `Location` when its `ext_json` declares `requiredPrivateInfos`.
pub(super) async fn get_setting(
    State(state): State<AppState>,
    auth: AccessToken,
    WxJson(body): WxJson<Value>,
) -> ApiResult {
    let online = version(&body)?;
    let mut inner = state.lock();
    let account = inner.wxa_admin.account_mut(&auth.appid);
    let guide = if online {
        account.privacy_online.clone()
    } else {
        account.privacy_develop.clone()
    }
    .unwrap_or_default();
    let mut privacy_list = Vec::new();
    if let Some(upload) = &account.upload {
        privacy_list.push("UserInfo");
        if !strings(&upload.ext_json, "requiredPrivateInfos")
            .unwrap_or_default()
            .is_empty()
        {
            privacy_list.push("Location");
        }
    }
    let setting_list: Vec<Value> = guide
        .setting_list
        .iter()
        .map(|item| {
            let key = item["privacy_key"].as_str().unwrap_or_default();
            json!({
                "privacy_key": key,
                "privacy_text": item["privacy_text"],
                "privacy_label": label(key),
            })
        })
        .collect();
    let owner: serde_json::Map<String, Value> = OWNER_FIELDS
        .iter()
        .map(|field| {
            let value = guide.owner_setting[*field].as_str().unwrap_or_default();
            ((*field).to_owned(), json!(value))
        })
        .collect();
    let descriptions: Vec<Value> = PRIVACY_KEYS
        .iter()
        .map(|(key, desc)| json!({ "privacy_key": key, "privacy_desc": desc }))
        .collect();
    ok(json!({
        "errcode": 0,
        "errmsg": "ok",
        "code_exist": u8::from(account.upload.is_some()),
        "privacy_list": privacy_list,
        "setting_list": setting_list,
        "update_time": guide.update_time,
        "owner_setting": owner,
        "privacy_desc": { "privacy_desc_list": descriptions },
        "sdk_privacy_info_list": guide.sdk_privacy_info_list,
    }))
}

/// `POST /cgi-bin/component/setprivacysetting`: `{"privacy_ver"?,"owner_setting",
/// "setting_list","sdk_privacy_info_list"?}`. 86069 for an owner without `notice_method` or
/// a contact; the online guide (1) needs one (86074) and takes no items (47003); the
/// development one needs items, each with a key and a text (47003).
pub(super) async fn set_setting(
    State(state): State<AppState>,
    auth: AccessToken,
    WxJson(body): WxJson<Value>,
) -> ApiResult {
    let online = version(&body)?;
    let owner = body["owner_setting"].clone();
    let present = |field: &str| owner[field].as_str().is_some_and(|v| !v.trim().is_empty());
    let contact = [
        "contact_phone",
        "contact_email",
        "contact_qq",
        "contact_weixin",
    ]
    .iter()
    .any(|field| present(field));
    if !owner.is_object() || !present("notice_method") || !contact {
        return Err(WxError::new(errcode::PRIVACY_OWNER_INCOMPLETE));
    }
    let items = match &body["setting_list"] {
        Value::Null => Vec::new(),
        Value::Array(items) => items.clone(),
        _ => return Err(WxError::new(errcode::DATA_FORMAT_ERROR)),
    };
    let item_ok = |item: &Value| {
        ["privacy_key", "privacy_text"]
            .iter()
            .all(|field| item[*field].as_str().is_some_and(|v| !v.trim().is_empty()))
    };
    let mut inner = state.lock();
    let account = inner.wxa_admin.account_mut(&auth.appid);
    let now = unix_now();
    if online {
        if !items.is_empty() {
            return Err(WxError::new(errcode::ARGUMENT_INVALID));
        }
        let guide = account
            .privacy_online
            .as_mut()
            .ok_or_else(|| WxError::new(errcode::NO_ONLINE_PRIVACY))?;
        guide.owner_setting = owner;
        guide.update_time = now;
    } else {
        if items.is_empty() || !items.iter().all(item_ok) {
            return Err(WxError::new(errcode::ARGUMENT_INVALID));
        }
        let sdks = body["sdk_privacy_info_list"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        account.privacy_develop = Some(Privacy {
            owner_setting: owner,
            setting_list: items,
            sdk_privacy_info_list: sdks,
            update_time: now,
        });
    }
    ok_empty()
}

/// `POST /cgi-bin/component/uploadprivacyextfile`, multipart field `file`: a `.txt` file of
/// at most 100 KB; `{"ext_file_media_id"}`. 41005 without the file, 40006 for another kind,
/// 40126 for a larger one.
pub(super) async fn upload_file(
    State(state): State<AppState>,
    auth: AccessToken,
    multipart: Result<Multipart, MultipartRejection>,
) -> ApiResult {
    let missing = || WxError::new(errcode::MEDIA_DATA_MISSING);
    let mut multipart = multipart.map_err(|_| missing())?;
    let mut file = None;
    while let Some(field) = multipart.next_field().await.map_err(|_| missing())? {
        if field.name() == Some("file") && file.is_none() {
            let name = field.file_name().unwrap_or_default().to_ascii_lowercase();
            let bytes = field.bytes().await.map_err(|_| missing())?;
            file = Some((name, bytes));
        }
    }
    let (name, bytes) = file.filter(|(_, b)| !b.is_empty()).ok_or_else(missing)?;
    if !name.ends_with(".txt") {
        return Err(WxError::new(errcode::INVALID_MEDIA_SIZE));
    }
    if bytes.len() > MAX_FILE_BYTES {
        return Err(WxError::new(errcode::INVALID_TEXT_SIZE));
    }
    let mut inner = state.lock();
    let account = inner.wxa_admin.account_mut(&auth.appid);
    let media_id = FIRST_FILE_MEDIA_ID + account.privacy_files;
    account.privacy_files += 1;
    ok(json!({ "errcode": 0, "errmsg": "ok", "ext_file_media_id": media_id.to_string() }))
}
