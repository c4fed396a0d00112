//! An authorizer's server and web-view domains, set through the platform or directly.

use axum::extract::State;
use serde_json::{json, Map, Value};

use super::{strings, text};
use crate::{
    api::{credentials::AccessToken, ok, ok_empty, ApiResult, WxJson},
    errcode,
    ids::fnv1a,
    state::{
        wxa_admin::{WxaAccount, DOMAIN_KINDS},
        AppState,
    },
    wx_error::WxError,
};

/// The most domains of one kind (85016 past it).
const MAX_SERVER_DOMAINS: usize = 200;
/// The most web-view domains (89029 past it).
const MAX_WEBVIEW_DOMAINS: usize = 100;

/// Whether `domain` is `scheme` and a host.
fn valid(domain: &str, scheme: &str) -> bool {
    domain
        .strip_prefix(scheme)
        .is_some_and(|host| !host.is_empty() && !host.contains(char::is_whitespace))
}

/// What a change does.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Action {
    Get,
    Add,
    Delete,
    Set,
}

/// The body's `action`: 85022 for another one.
fn action(body: &Value) -> Result<Action, WxError> {
    match text(body, "action") {
        Some("get") => Ok(Action::Get),
        Some("add") => Ok(Action::Add),
        Some("delete") => Ok(Action::Delete),
        Some("set") => Ok(Action::Set),
        _ => Err(WxError::new(errcode::INVALID_ACTION)),
    }
}

/// Applies `action` to `current`: the new list.
fn apply(action: Action, current: &[String], given: &[String]) -> Vec<String> {
    match action {
        Action::Get => current.to_vec(),
        Action::Set => {
            let mut set = Vec::new();
            for domain in given {
                if !set.contains(domain) {
                    set.push(domain.clone());
                }
            }
            set
        }
        Action::Add => {
            let mut added = current.to_vec();
            for domain in given {
                if !added.contains(domain) {
                    added.push(domain.clone());
                }
            }
            added
        }
        Action::Delete => current
            .iter()
            .filter(|domain| !given.contains(domain))
            .cloned()
            .collect(),
    }
}

/// The six lists of `account`, set through the platform or directly.
fn lists(account: &WxaAccount, direct: bool) -> Map<String, Value> {
    DOMAIN_KINDS
        .iter()
        .map(|(kind, _)| ((*kind).to_owned(), json!(account.domains(direct, kind))))
        .collect()
}

/// `POST /wxa/modify_domain`: `{"action", "requestdomain"...}`.
pub(super) async fn modify(
    State(state): State<AppState>,
    auth: AccessToken,
    WxJson(body): WxJson<Value>,
) -> ApiResult {
    modify_domains(&state, &auth.appid, &body, false)
}

/// `POST /wxa/modify_domain_directly`: as `modify_domain`, on the Mini Program itself.
pub(super) async fn modify_directly(
    State(state): State<AppState>,
    auth: AccessToken,
    WxJson(body): WxJson<Value>,
) -> ApiResult {
    modify_domains(&state, &auth.appid, &body, true)
}

/// Domains of the wrong scheme are answered in `invalid_*` and left out; 85017 for an `add`
/// or `delete` of nothing, 85016 past 200 domains of a kind, 85022 for another action.
fn modify_domains(state: &AppState, appid: &str, body: &Value, direct: bool) -> ApiResult {
    let action = action(body)?;
    let mut inner = state.lock();
    let account = inner.wxa_admin.account_mut(appid);
    let mut answer = json!({ "errcode": 0, "errmsg": "ok" });
    if action != Action::Get {
        let mut changed = Vec::new();
        let mut given_any = false;
        for (kind, scheme) in DOMAIN_KINDS {
            let given = strings(body, kind)?;
            given_any |= !given.is_empty();
            let (good, bad): (Vec<String>, Vec<String>) =
                given.into_iter().partition(|domain| valid(domain, scheme));
            let new = apply(action, &account.domains(direct, kind), &good);
            if new.len() > MAX_SERVER_DOMAINS {
                return Err(WxError::new(errcode::DOMAIN_COUNT_EXCEEDED));
            }
            if !bad.is_empty() {
                answer[format!("invalid_{kind}")] = json!(bad);
            }
            changed.push((kind, new));
        }
        if !given_any && action != Action::Set {
            return Err(WxError::new(errcode::NO_DOMAIN_TO_MODIFY));
        }
        let map = if direct {
            &mut account.direct_domains
        } else {
            &mut account.server_domains
        };
        for (kind, new) in changed {
            map.insert(kind.to_owned(), new);
        }
    }
    for (kind, domains) in lists(account, direct) {
        answer[kind] = domains;
    }
    ok(answer)
}

/// `POST /wxa/get_effective_domain`: the domains of each source, and in effect (those of the
/// platform and the direct ones).
pub(super) async fn effective(
    State(state): State<AppState>,
    auth: AccessToken,
    WxJson(_body): WxJson<Value>,
) -> ApiResult {
    let mut inner = state.lock();
    let account = inner.wxa_admin.account_mut(&auth.appid);
    let third = lists(account, false);
    let direct = lists(account, true);
    let mut effective = Map::new();
    let mut mp = Map::new();
    for (kind, _) in DOMAIN_KINDS {
        let both = apply(
            Action::Add,
            &account.domains(false, kind),
            &account.domains(true, kind),
        );
        effective.insert(kind.to_owned(), json!(both));
        mp.insert(kind.to_owned(), json!([]));
    }
    ok(json!({
        "errcode": 0,
        "errmsg": "ok",
        "mp_domain": mp,
        "third_domain": third,
        "direct_domain": direct,
        "effective_domain": effective,
    }))
}

/// `POST /wxa/setwebviewdomain`: `{"action", "webviewdomain"}`.
pub(super) async fn webview(
    State(state): State<AppState>,
    auth: AccessToken,
    WxJson(body): WxJson<Value>,
) -> ApiResult {
    webview_domains(&state, &auth.appid, &body, false)
}

/// `POST /wxa/setwebviewdomain_directly`: as `setwebviewdomain`, on the Mini Program itself.
pub(super) async fn webview_directly(
    State(state): State<AppState>,
    auth: AccessToken,
    WxJson(body): WxJson<Value>,
) -> ApiResult {
    webview_domains(&state, &auth.appid, &body, true)
}

/// 89021 for a domain that is not `https://`, 89019 for a change that changes nothing,
/// 89029 past 100 domains, 85022 for another action.
fn webview_domains(state: &AppState, appid: &str, body: &Value, direct: bool) -> ApiResult {
    let action = action(body)?;
    let given = strings(body, "webviewdomain")?;
    let mut inner = state.lock();
    let account = inner.wxa_admin.account_mut(appid);
    let current = if direct {
        &mut account.direct_webview_domains
    } else {
        &mut account.webview_domains
    };
    if action == Action::Get {
        return ok(json!({ "errcode": 0, "errmsg": "ok", "webviewdomain": current }));
    }
    if given.iter().any(|domain| !valid(domain, "https://")) {
        return Err(WxError::new(errcode::INVALID_WEBVIEW_DOMAIN));
    }
    let new = apply(action, current, &given);
    if new == *current && !(action == Action::Set && given.is_empty()) {
        return Err(WxError::new(errcode::WEBVIEW_DOMAIN_UNCHANGED));
    }
    if new.len() > MAX_WEBVIEW_DOMAINS {
        return Err(WxError::new(errcode::WEBVIEW_DOMAIN_LIMIT));
    }
    *current = new;
    ok_empty()
}

/// `POST /wxa/get_webviewdomain_confirmfile`: the file proving a web-view domain, the same
/// for an account every time.
pub(super) async fn confirm_file(auth: AccessToken, WxJson(_body): WxJson<Value>) -> ApiResult {
    let name = fnv1a(&auth.appid);
    let content = fnv1a(&format!("confirm:{}", auth.appid));
    ok(json!({
        "errcode": 0,
        "errmsg": "ok",
        "file_name": format!("{:010x}.txt", name & 0xff_ffff_ffff),
        "file_content": format!("{content:016x}"),
    }))
}
