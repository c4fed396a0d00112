//! Customer service accounts: `/customservice/kfaccount/*` and the account lists under
//! `/cgi-bin/customservice/*`.

use axum::{
    extract::{multipart::MultipartRejection, Multipart, State},
    Router,
};
use serde_json::{json, Value};

use crate::api::{
    credentials::AccessToken, get, message::text, ok, ok_empty, post, ApiResult, Params, WxJson,
};
use crate::{
    clock::unix_now,
    errcode,
    state::{
        customer_service::{Invite, KfAccount},
        AppState,
    },
    tokens::random_string,
    wx_error::WxError,
};

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/customservice/kfaccount/add", post(add))
        .route("/customservice/kfaccount/update", post(update))
        .route("/customservice/kfaccount/del", post(delete))
        .route("/customservice/kfaccount/inviteworker", post(invite_worker))
        .route(
            "/customservice/kfaccount/uploadheadimg",
            post(upload_avatar),
        )
        .route("/cgi-bin/customservice/getkflist", get(list))
        .route("/cgi-bin/customservice/getonlinekflist", get(online_list))
}

/// WeChat's cap on customer service accounts per account.
const MAX_ACCOUNTS: usize = 100;
/// The largest avatar WeChat takes, in bytes.
const MAX_AVATAR_BYTES: usize = 5 * 1024 * 1024;
/// How long an invitation to bind an account waits for an answer.
const INVITE_TTL: u64 = 7 * 86_400;
/// The first `kf_id` WeChat gives.
const FIRST_KF_ID: u64 = 1001;

/// `prefix@account_wechat_id`: a prefix of 1 to 10 letters, digits or `_`, a suffix of 1 to 30
/// characters.
fn valid_kf_account(kf_account: &str) -> bool {
    let Some((prefix, suffix)) = kf_account.split_once('@') else {
        return false;
    };
    let suffix_len = suffix.chars().count();
    (1..=10).contains(&prefix.len())
        && prefix
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_')
        && (1..=30).contains(&suffix_len)
        && !suffix.contains(char::is_whitespace)
}

/// A WeChat ID: 6 to 20 letters, digits, `_` or `-`, starting with a letter.
fn valid_wechat_id(wx: &str) -> bool {
    (6..=20).contains(&wx.len())
        && wx.starts_with(|c: char| c.is_ascii_alphabetic())
        && wx
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-'))
}

/// The body's `kf_account` and `nickname`, checked: 65404 and 65403.
fn account_and_nickname(body: &Value) -> Result<(String, String), WxError> {
    let kf_account = text(body, "kf_account")
        .filter(|kf| valid_kf_account(kf))
        .ok_or_else(|| WxError::new(errcode::ILLEGAL_KF_ACCOUNT))?;
    let nickname = text(body, "nickname")
        .filter(|nick| nick.chars().count() <= 16)
        .ok_or_else(|| WxError::new(errcode::INVALID_KF_NICKNAME))?;
    Ok((kf_account.to_owned(), nickname.to_owned()))
}

/// `POST /customservice/kfaccount/add`: 65406 when it exists, 65405 past 100 accounts.
async fn add(
    State(state): State<AppState>,
    auth: AccessToken,
    WxJson(body): WxJson<Value>,
) -> ApiResult {
    let (kf_account, nickname) = account_and_nickname(&body)?;
    let mut inner = state.lock();
    let app = inner.customer_service.app_mut(&auth.appid);
    if app.account(&kf_account).is_some() {
        return Err(WxError::new(errcode::KF_ACCOUNT_EXISTS));
    }
    if app.accounts.len() >= MAX_ACCOUNTS {
        return Err(WxError::new(errcode::KF_ACCOUNT_LIMIT));
    }
    let kf_id = FIRST_KF_ID + app.next_kf_id;
    app.next_kf_id += 1;
    app.accounts.push(KfAccount {
        kf_account,
        nickname,
        kf_id,
        headimgurl: None,
        bound: None,
        invite: None,
    });
    drop(inner);
    ok_empty()
}

/// `POST /customservice/kfaccount/update`: changes the nickname; 65401 for an unknown account.
async fn update(
    State(state): State<AppState>,
    auth: AccessToken,
    WxJson(body): WxJson<Value>,
) -> ApiResult {
    let (kf_account, nickname) = account_and_nickname(&body)?;
    let mut inner = state.lock();
    let account = inner
        .customer_service
        .app_mut(&auth.appid)
        .account_mut(&kf_account)
        .ok_or_else(|| WxError::new(errcode::INVALID_KF_ACCOUNT))?;
    account.nickname = nickname;
    drop(inner);
    ok_empty()
}

/// `POST /customservice/kfaccount/del`: the account's sessions end with it.
async fn delete(
    State(state): State<AppState>,
    auth: AccessToken,
    WxJson(body): WxJson<Value>,
) -> ApiResult {
    let kf_account = text(&body, "kf_account")
        .ok_or_else(|| WxError::new(errcode::ILLEGAL_KF_ACCOUNT))?
        .to_owned();
    let mut inner = state.lock();
    let app = inner.customer_service.app_mut(&auth.appid);
    let before = app.accounts.len();
    app.accounts.retain(|a| a.kf_account != kf_account);
    if app.accounts.len() == before {
        return Err(WxError::new(errcode::INVALID_KF_ACCOUNT));
    }
    app.sessions
        .retain(|_, session| session.kf_account.as_deref() != Some(kf_account.as_str()));
    drop(inner);
    ok_empty()
}

/// `POST /customservice/kfaccount/inviteworker`: the invitation waits until accepted
/// ([`accept_kf_invitation`](crate::Simulator::accept_kf_invitation)) or expired.
async fn invite_worker(
    State(state): State<AppState>,
    auth: AccessToken,
    WxJson(body): WxJson<Value>,
) -> ApiResult {
    let kf_account = text(&body, "kf_account").unwrap_or_default().to_owned();
    let invite_wx = text(&body, "invite_wx").unwrap_or_default().to_owned();
    let now = unix_now();
    let mut inner = state.lock();
    let account = inner
        .customer_service
        .app_mut(&auth.appid)
        .account_mut(&kf_account)
        .ok_or_else(|| WxError::new(errcode::INVALID_KF_ACCOUNT))?;
    if !valid_wechat_id(&invite_wx) {
        return Err(WxError::new(errcode::INVALID_WECHAT_ID));
    }
    if account.bound.is_some() {
        return Err(WxError::new(errcode::KF_ALREADY_BOUND));
    }
    if account
        .invite
        .as_ref()
        .is_some_and(|i| i.expire_time >= now)
    {
        return Err(WxError::new(errcode::KF_INVITE_PENDING));
    }
    account.invite = Some(Invite {
        wx: invite_wx,
        expire_time: now + INVITE_TTL,
    });
    drop(inner);
    ok_empty()
}

/// Whether a file name could be an image WeChat takes as an avatar (no extension: trusted).
fn image_file_name(name: &str) -> bool {
    match name.rsplit_once('.') {
        Some((_, ext)) => matches!(
            ext.to_ascii_lowercase().as_str(),
            "jpg" | "jpeg" | "png" | "gif" | "bmp"
        ),
        None => true,
    }
}

/// `POST /customservice/kfaccount/uploadheadimg?kf_account=..`, multipart field `media`: 65401
/// for an unknown account, 41005 without `media`, 40005 for a file that is not an image, 40009
/// for an empty one or one over 5 MB.
async fn upload_avatar(
    State(state): State<AppState>,
    auth: AccessToken,
    params: Params,
    multipart: Result<Multipart, MultipartRejection>,
) -> ApiResult {
    let kf_account = params.get("kf_account").unwrap_or_default().to_owned();
    if !state
        .lock()
        .customer_service
        .has_account(&auth.appid, &kf_account)
    {
        return Err(WxError::new(errcode::INVALID_KF_ACCOUNT));
    }
    let missing = || WxError::new(errcode::MEDIA_DATA_MISSING);
    let mut multipart = multipart.map_err(|_| missing())?;
    let (file_name, size) = loop {
        let Some(field) = multipart.next_field().await.map_err(|_| missing())? else {
            return Err(missing());
        };
        if field.name() != Some("media") {
            continue;
        }
        let file_name = field.file_name().unwrap_or_default().to_owned();
        let bytes = field.bytes().await.map_err(|_| missing())?;
        break (file_name, bytes.len());
    };
    if !image_file_name(&file_name) {
        return Err(WxError::new(errcode::INVALID_FILE_TYPE));
    }
    if size == 0 || size > MAX_AVATAR_BYTES {
        return Err(WxError::new(errcode::INVALID_IMAGE_SIZE));
    }
    let url = format!("http://mmbiz.qpic.cn/mmbiz/{}/0", random_string(48));
    let mut inner = state.lock();
    // The account may have been deleted while the upload was read.
    let account = inner
        .customer_service
        .app_mut(&auth.appid)
        .account_mut(&kf_account)
        .ok_or_else(|| WxError::new(errcode::INVALID_KF_ACCOUNT))?;
    account.headimgurl = Some(url);
    drop(inner);
    ok_empty()
}

/// `GET /cgi-bin/customservice/getkflist`.
async fn list(State(state): State<AppState>, auth: AccessToken) -> ApiResult {
    let now = unix_now();
    let kf_list: Vec<Value> = state
        .lock()
        .customer_service
        .app(&auth.appid)
        .map(|app| app.accounts.iter().map(|a| a.to_json(now)).collect())
        .unwrap_or_default();
    ok(json!({ "kf_list": kf_list }))
}

/// `GET /cgi-bin/customservice/getonlinekflist`: every account, online on the web, with the
/// number of sessions it serves.
async fn online_list(State(state): State<AppState>, auth: AccessToken) -> ApiResult {
    let inner = state.lock();
    let online: Vec<Value> = inner
        .customer_service
        .app(&auth.appid)
        .map(|app| {
            app.accounts
                .iter()
                .map(|account| {
                    let accepted = app
                        .sessions
                        .values()
                        .filter(|s| s.kf_account.as_deref() == Some(account.kf_account.as_str()))
                        .count();
                    let mut entry = json!({
                        "kf_account": account.kf_account,
                        "status": 1,
                        "kf_id": account.kf_id.to_string(),
                        "accepted_case": accepted,
                    });
                    if let Some((_, openid)) = &account.bound {
                        entry["kf_openid"] = json!(openid);
                    }
                    entry
                })
                .collect()
        })
        .unwrap_or_default();
    drop(inner);
    ok(json!({ "kf_online_list": online }))
}
