//! Application messages: `POST /cgi-bin/message/send` and `POST /cgi-bin/message/recall`.
//!
//! A message is sent by the agent whose token carries it (301002 for another agentid) to the
//! members the contacts hold: by userid (`@all` for every member), by department (with the
//! departments under it) and by tag. Ids that match nothing come back in the answer; when
//! every id is invalid the call fails with 81013. Messages are kept for
//! [`Simulator::work_messages`](crate::Simulator::work_messages).

use std::collections::BTreeSet;

use axum::{extract::State, Router};
use serde_json::{json, Map, Value};

use super::{
    codes::*,
    credentials::WorkToken,
    {ok, post, ApiResult, WxJson},
};
use crate::{
    clock::unix_now,
    state::{work_apps::SentAppMessage, work_contacts::CorpContacts, AppState, Inner},
    tokens::random_string,
    wx_error::WxError,
};

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/cgi-bin/message/send", post(send))
        .route("/cgi-bin/message/recall", post(recall))
}

/// The message types WeCom's `message/send` takes.
const MSG_TYPES: [&str; 11] = [
    "text",
    "image",
    "voice",
    "video",
    "file",
    "textcard",
    "news",
    "mpnews",
    "markdown",
    "miniprogram_notice",
    "template_card",
];

/// How long a message can be recalled, in seconds.
const RECALL_WINDOW: u64 = 24 * 3600;

fn invalid() -> WxError {
    wecom_error(INVALID_PARAMETER)
}

fn text<'a>(content: &'a Value, key: &str) -> Option<&'a str> {
    content[key].as_str().filter(|v| !v.trim().is_empty())
}

/// The content of `msgtype` checked as WeCom checks it.
fn check_content(
    inner: &Inner,
    corpid: &str,
    msgtype: &str,
    content: &Value,
) -> Result<(), WxError> {
    if !content.is_object() {
        return Err(invalid());
    }
    match msgtype {
        "text" | "markdown" => {
            let body = text(content, "content").ok_or_else(|| wecom_error(EMPTY_CONTENT))?;
            if body.len() > 2048 {
                return Err(wecom_error(CONTENT_TOO_LONG));
            }
        }
        "image" | "voice" | "video" | "file" => {
            let media_id =
                text(content, "media_id").ok_or_else(|| wecom_error(MEDIA_ID_MISSING))?;
            let known = inner
                .work_apps
                .get(corpid)
                .and_then(|apps| apps.media(media_id))
                .is_some();
            if !known {
                return Err(wecom_error(INVALID_MEDIA_ID));
            }
        }
        "textcard" => {
            for key in ["title", "description", "url"] {
                text(content, key).ok_or_else(invalid)?;
            }
        }
        "news" => {
            let articles = content["articles"].as_array().ok_or_else(invalid)?;
            if articles.is_empty() || articles.len() > 8 {
                return Err(invalid());
            }
            for article in articles {
                text(article, "title").ok_or_else(invalid)?;
                text(article, "url")
                    .or_else(|| text(article, "appid"))
                    .ok_or_else(invalid)?;
            }
        }
        "template_card" => {
            let card_type = text(content, "card_type").unwrap_or_default();
            let interactive = match card_type {
                "text_notice" | "news_notice" => content.get("action_menu").is_some(),
                "button_interaction" | "vote_interaction" | "multiple_interaction" => true,
                _ => return Err(invalid()),
            };
            if interactive && text(content, "task_id").is_none() {
                return Err(invalid());
            }
        }
        _ => {}
    }
    Ok(())
}

/// Ids written `a|b`.
fn ids(value: &Value) -> Vec<String> {
    value
        .as_str()
        .unwrap_or_default()
        .split('|')
        .map(str::trim)
        .filter(|id| !id.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Who a message reaches, and the ids that match nothing.
struct Recipients {
    delivered: BTreeSet<String>,
    invalid_users: Vec<String>,
    invalid_parties: Vec<String>,
    invalid_tags: Vec<String>,
    given: usize,
}

fn resolve(corp: &CorpContacts, body: &Map<String, Value>) -> Recipients {
    let null = Value::Null;
    let users = ids(body.get("touser").unwrap_or(&null));
    let parties = ids(body.get("toparty").unwrap_or(&null));
    let tags = ids(body.get("totag").unwrap_or(&null));
    let mut out = Recipients {
        delivered: BTreeSet::new(),
        invalid_users: Vec::new(),
        invalid_parties: Vec::new(),
        invalid_tags: Vec::new(),
        given: users.len() + parties.len() + tags.len(),
    };
    let userid_of =
        |member: &Map<String, Value>| member["userid"].as_str().unwrap_or_default().to_owned();
    let members_under = |id: u32| -> Vec<String> {
        corp.subtree(id)
            .into_iter()
            .flat_map(|department| corp.members_in(department.id))
            .map(userid_of)
            .collect()
    };
    if users.iter().any(|user| user == "@all") {
        out.delivered.extend(corp.members.values().map(userid_of));
        return out;
    }
    for user in users {
        match corp.member(&user) {
            Some(member) => {
                out.delivered.insert(userid_of(member));
            }
            None => out.invalid_users.push(user.to_lowercase()),
        }
    }
    for party in parties {
        match party
            .parse::<u32>()
            .ok()
            .filter(|id| corp.departments.contains_key(id))
        {
            Some(id) => out.delivered.extend(members_under(id)),
            None => out.invalid_parties.push(party),
        }
    }
    for tag in tags {
        match tag.parse::<u32>().ok().and_then(|id| corp.tags.get(&id)) {
            Some(tag) => {
                out.delivered.extend(
                    tag.users
                        .iter()
                        .filter_map(|userid| corp.member(userid))
                        .map(userid_of),
                );
                for party in &tag.parties {
                    out.delivered.extend(members_under(*party));
                }
            }
            None => out.invalid_tags.push(tag),
        }
    }
    out
}

/// `POST /cgi-bin/message/send`. 41011 no agentid, 301002 another agent's, 40008 an unknown
/// msgtype, 44004 / 45002 empty or too long text, 41006 / 40007 a missing or unknown media id,
/// 40058 other content WeCom refuses, 81013 no valid recipient.
async fn send(
    State(state): State<AppState>,
    auth: WorkToken,
    WxJson(body): WxJson<Value>,
) -> ApiResult {
    let Value::Object(body) = body else {
        return Err(invalid());
    };
    let agentid = body
        .get("agentid")
        .and_then(|id| {
            id.as_i64()
                .or_else(|| id.as_str().and_then(|s| s.parse().ok()))
        })
        .ok_or_else(|| wecom_error(AGENTID_MISSING))?;
    if auth.agent_id() != Some(agentid) {
        return Err(wecom_error(OTHER_AGENT));
    }
    let msgtype = body
        .get("msgtype")
        .and_then(Value::as_str)
        .filter(|t| MSG_TYPES.contains(t))
        .ok_or_else(|| wecom_error(INVALID_MESSAGE_TYPE))?
        .to_owned();
    let mut inner = state.lock();
    check_content(
        &inner,
        &auth.corpid,
        &msgtype,
        body.get(&msgtype).unwrap_or(&Value::Null),
    )?;
    let recipients = resolve(inner.work_contacts.corp(&auth.corpid), &body);
    let invalid_count = recipients.invalid_users.len()
        + recipients.invalid_parties.len()
        + recipients.invalid_tags.len();
    if recipients.given == 0 || invalid_count == recipients.given {
        return Err(wecom_error(ALL_RECIPIENTS_INVALID));
    }
    let interactive = msgtype == "template_card"
        && body[&msgtype]["card_type"]
            .as_str()
            .is_some_and(|t| t.ends_with("_interaction"));
    let msgid = random_string(43);
    inner
        .work_apps
        .corp(&auth.corpid)
        .record_message(SentAppMessage {
            msgid: msgid.clone(),
            agentid,
            body: Value::Object(body),
            delivered_to: recipients.delivered.into_iter().collect(),
            sent_at: unix_now(),
            recalled: false,
        });
    let mut answer = json!({
        "errcode": 0, "errmsg": "ok",
        "invaliduser": recipients.invalid_users.join("|"),
        "invalidparty": recipients.invalid_parties.join("|"),
        "invalidtag": recipients.invalid_tags.join("|"),
        "unlicenseduser": "",
        "msgid": msgid,
    });
    if interactive {
        answer["response_code"] = random_string(32).into();
    }
    ok(answer)
}

/// `POST /cgi-bin/message/recall`: a message of the token's agent, sent within 24 hours and
/// not recalled yet (40058 otherwise; 301002 for a token that is no agent's).
async fn recall(
    State(state): State<AppState>,
    auth: WorkToken,
    WxJson(body): WxJson<Value>,
) -> ApiResult {
    let agentid = auth.agent_id().ok_or_else(|| wecom_error(OTHER_AGENT))?;
    let msgid = body["msgid"]
        .as_str()
        .filter(|m| !m.is_empty())
        .ok_or_else(invalid)?;
    let now = unix_now();
    let mut inner = state.lock();
    let message = inner
        .work_apps
        .corp(&auth.corpid)
        .messages
        .iter_mut()
        .find(|m| m.msgid == msgid && m.agentid == agentid)
        .filter(|m| !m.recalled && m.sent_at + RECALL_WINDOW > now)
        .ok_or_else(invalid)?;
    message.recalled = true;
    ok(json!({ "errcode": 0, "errmsg": "ok" }))
}
