//! Creating, listing, renaming and deleting tags.

use axum::extract::State;
use serde::Deserialize;
use serde_json::{json, Value};

use super::MAX_RESERVED_TAG;
use crate::{
    api::{credentials::AccessToken, ok, ok_empty, ApiResult, WxJson},
    errcode,
    state::{
        tags::{AccountTags, Tag},
        AppState,
    },
    wx_error::WxError,
};

/// The most tags an account creates (45056 past it).
const MAX_TAGS: usize = 100;
/// The longest tag name, in characters (45158 past it).
const MAX_NAME_CHARS: usize = 30;
/// A tag with more members than this cannot be deleted (45057).
const MAX_DELETABLE_MEMBERS: usize = 100_000;

#[derive(Debug, Deserialize)]
pub(super) struct TagRequest {
    #[serde(default)]
    tag: TagFields,
}

#[derive(Debug, Default, Deserialize)]
struct TagFields {
    #[serde(default)]
    id: Option<u64>,
    #[serde(default)]
    name: Option<String>,
}

/// Checks a new name: present (45157), not too long (45158), unused by another tag (45157).
fn check_name(
    account: &AccountTags,
    name: Option<&str>,
    except: Option<u64>,
) -> Result<String, WxError> {
    let name = name
        .filter(|name| !name.trim().is_empty())
        .ok_or_else(|| WxError::new(errcode::INVALID_TAG_NAME))?;
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(WxError::new(errcode::TAG_NAME_TOO_LONG));
    }
    let taken = account
        .tags
        .iter()
        .any(|(id, tag)| Some(*id) != except && tag.name == name);
    if taken {
        return Err(WxError::new(errcode::INVALID_TAG_NAME));
    }
    Ok(name.to_owned())
}

/// The id of an existing tag the account may change: 45058 for a reserved one, 45159 unknown.
fn changeable(account: &AccountTags, id: Option<u64>) -> Result<u64, WxError> {
    match id {
        Some(id) if id <= MAX_RESERVED_TAG => Err(WxError::new(errcode::RESERVED_TAG)),
        Some(id) if account.tags.contains_key(&id) => Ok(id),
        _ => Err(WxError::new(errcode::INVALID_TAG_ID)),
    }
}

/// `POST /cgi-bin/tags/create`: `{"tag":{"name"}}` -> `{"tag":{"id","name"}}`.
pub(super) async fn create(
    State(state): State<AppState>,
    auth: AccessToken,
    WxJson(body): WxJson<TagRequest>,
) -> ApiResult {
    let mut inner = state.lock();
    let account = inner.tags.account_mut(&auth.appid);
    let name = check_name(account, body.tag.name.as_deref(), None)?;
    let own = account
        .tags
        .keys()
        .filter(|id| **id > MAX_RESERVED_TAG)
        .count();
    if own >= MAX_TAGS {
        return Err(WxError::new(errcode::TOO_MANY_TAGS));
    }
    let id = account.next_id;
    account.next_id += 1;
    account.tags.insert(
        id,
        Tag {
            name: name.clone(),
            members: Default::default(),
        },
    );
    ok(json!({ "tag": { "id": id, "name": name } }))
}

/// `GET /cgi-bin/tags/get`: every tag with its member count, the reserved one first.
pub(super) async fn list(State(state): State<AppState>, auth: AccessToken) -> ApiResult {
    let inner = state.lock();
    let fresh;
    let account = match inner.tags.account(&auth.appid) {
        Some(account) => account,
        None => {
            fresh = AccountTags::new();
            &fresh
        }
    };
    let tags: Vec<Value> = account
        .tags
        .iter()
        .map(|(id, tag)| json!({ "id": id, "name": tag.name, "count": tag.members.len() }))
        .collect();
    ok(json!({ "tags": tags }))
}

/// `POST /cgi-bin/tags/update`: `{"tag":{"id","name"}}`.
pub(super) async fn update(
    State(state): State<AppState>,
    auth: AccessToken,
    WxJson(body): WxJson<TagRequest>,
) -> ApiResult {
    let mut inner = state.lock();
    let account = inner.tags.account_mut(&auth.appid);
    let id = changeable(account, body.tag.id)?;
    let name = check_name(account, body.tag.name.as_deref(), Some(id))?;
    if let Some(tag) = account.tags.get_mut(&id) {
        tag.name = name;
    }
    ok_empty()
}

/// `POST /cgi-bin/tags/delete`: `{"tag":{"id"}}`; its members lose the tag.
pub(super) async fn delete(
    State(state): State<AppState>,
    auth: AccessToken,
    WxJson(body): WxJson<TagRequest>,
) -> ApiResult {
    let mut inner = state.lock();
    let account = inner.tags.account_mut(&auth.appid);
    let id = changeable(account, body.tag.id)?;
    if account.tags[&id].members.len() > MAX_DELETABLE_MEMBERS {
        return Err(WxError::new(errcode::TAG_HAS_TOO_MANY_MEMBERS));
    }
    if let Some(tag) = account.tags.remove(&id) {
        for openid in tag.members {
            if let Some(ids) = account.user_tags.get_mut(&openid) {
                ids.remove(&id);
                if ids.is_empty() {
                    account.user_tags.remove(&openid);
                }
            }
        }
    }
    ok_empty()
}
