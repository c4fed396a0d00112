//! Sessions between customer service accounts and users: `/customservice/kfsession/*`.
//!
//! Each user has at most one session: waiting for an account (see
//! [`add_kf_waiting_user`](crate::Simulator::add_kf_waiting_user)) or served by one.

use axum::{extract::State, Router};
use serde_json::{json, Value};

use crate::{
    api::{
        credentials::AccessToken,
        get,
        message::{text, valid_openid},
        ok, ok_empty, post, ApiResult, Params, WxJson,
    },
    clock::unix_now,
    errcode,
    state::{
        customer_service::{KfApp, Session, MAX_SESSIONS},
        AppState,
    },
    wx_error::WxError,
};

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/customservice/kfsession/create", post(create))
        .route("/customservice/kfsession/close", post(close))
        .route("/customservice/kfsession/getsession", get(session))
        .route("/customservice/kfsession/getsessionlist", get(session_list))
        .route("/customservice/kfsession/getwaitcase", get(wait_cases))
}

/// `getwaitcase` lists at most this many users.
const MAX_WAIT_LIST: usize = 100;

/// The body's `kf_account` (an existing account, else 65401) and `openid` (else 40003).
fn account_and_user(app: &KfApp, body: &Value) -> Result<(String, String), WxError> {
    let kf_account = text(body, "kf_account")
        .filter(|kf| app.account(kf).is_some())
        .ok_or_else(|| WxError::new(errcode::INVALID_KF_ACCOUNT))?;
    let openid = text(body, "openid")
        .filter(|o| valid_openid(o))
        .ok_or_else(|| WxError::new(errcode::INVALID_OPENID))?;
    Ok((kf_account.to_owned(), openid.to_owned()))
}

/// `POST /customservice/kfsession/create`: the account takes the user, waiting or not; 65414
/// when another account serves the user.
async fn create(
    State(state): State<AppState>,
    auth: AccessToken,
    WxJson(body): WxJson<Value>,
) -> ApiResult {
    let now = unix_now();
    let mut inner = state.lock();
    let app = inner.customer_service.app_mut(&auth.appid);
    let (kf_account, openid) = account_and_user(app, &body)?;
    if let Some(session) = app.sessions.get_mut(&openid) {
        match &session.kf_account {
            Some(current) if *current != kf_account => {
                return Err(WxError::new(errcode::KF_SESSION_TAKEN));
            }
            Some(_) => {}
            None => {
                session.kf_account = Some(kf_account);
                session.createtime = now;
            }
        }
    } else {
        if app.sessions.len() >= MAX_SESSIONS {
            return Err(WxError::new(errcode::API_QUOTA_EXCEEDED));
        }
        app.next_arrival += 1;
        let arrival = app.next_arrival;
        app.sessions.insert(
            openid,
            Session {
                kf_account: Some(kf_account),
                createtime: now,
                latest_time: now,
                arrival,
            },
        );
    }
    drop(inner);
    ok_empty()
}

/// `POST /customservice/kfsession/close`: 65413 unless the account serves the user.
async fn close(
    State(state): State<AppState>,
    auth: AccessToken,
    WxJson(body): WxJson<Value>,
) -> ApiResult {
    let mut inner = state.lock();
    let app = inner.customer_service.app_mut(&auth.appid);
    let (kf_account, openid) = account_and_user(app, &body)?;
    let served = app
        .sessions
        .get(&openid)
        .is_some_and(|s| s.kf_account.as_deref() == Some(kf_account.as_str()));
    if !served {
        return Err(WxError::new(errcode::KF_NO_SESSION));
    }
    app.sessions.remove(&openid);
    drop(inner);
    ok_empty()
}

/// `GET /customservice/kfsession/getsession?openid=..`: the serving account, empty when none.
async fn session(State(state): State<AppState>, auth: AccessToken, params: Params) -> ApiResult {
    let openid = params
        .get("openid")
        .filter(|o| valid_openid(o))
        .ok_or_else(|| WxError::new(errcode::INVALID_OPENID))?;
    let inner = state.lock();
    let session = inner
        .customer_service
        .app(&auth.appid)
        .and_then(|app| app.sessions.get(openid));
    let (kf_account, createtime) = match session {
        Some(Session {
            kf_account: Some(kf),
            createtime,
            ..
        }) => (kf.clone(), *createtime),
        _ => (String::new(), 0),
    };
    drop(inner);
    ok(json!({ "kf_account": kf_account, "createtime": createtime }))
}

/// `GET /customservice/kfsession/getsessionlist?kf_account=..`: 65401 for an unknown account.
async fn session_list(
    State(state): State<AppState>,
    auth: AccessToken,
    params: Params,
) -> ApiResult {
    let kf_account = params.get("kf_account").unwrap_or_default();
    let inner = state.lock();
    let app = inner
        .customer_service
        .app(&auth.appid)
        .filter(|app| app.account(kf_account).is_some())
        .ok_or_else(|| WxError::new(errcode::INVALID_KF_ACCOUNT))?;
    let mut sessions: Vec<(&String, &Session)> = app
        .sessions
        .iter()
        .filter(|(_, s)| s.kf_account.as_deref() == Some(kf_account))
        .collect();
    sessions.sort_by_key(|(_, s)| (s.createtime, s.arrival));
    let list: Vec<Value> = sessions
        .into_iter()
        .map(|(openid, s)| json!({ "createtime": s.createtime, "openid": openid }))
        .collect();
    drop(inner);
    ok(json!({ "sessionlist": list }))
}

/// `GET /customservice/kfsession/getwaitcase`: the waiting users in the order they came (the
/// first 100) and how many wait.
async fn wait_cases(State(state): State<AppState>, auth: AccessToken) -> ApiResult {
    let inner = state.lock();
    let mut waiting: Vec<(&String, &Session)> = inner
        .customer_service
        .app(&auth.appid)
        .map(|app| {
            app.sessions
                .iter()
                .filter(|(_, s)| s.kf_account.is_none())
                .collect()
        })
        .unwrap_or_default();
    waiting.sort_by_key(|(_, s)| s.arrival);
    let count = waiting.len();
    let list: Vec<Value> = waiting
        .into_iter()
        .take(MAX_WAIT_LIST)
        .map(|(openid, s)| json!({ "latest_time": s.latest_time, "openid": openid }))
        .collect();
    drop(inner);
    ok(json!({ "count": count, "waitcaselist": list }))
}
