//! Comments on published articles: `/cgi-bin/comment/*`.
//!
//! An article takes comments once published (`freepublish/submit`) or once a comment was
//! added to it through the control API ([`Simulator::add_comment`](crate::Simulator::add_comment)).
//! Any other `msg_data_id` and `index` answers 88001; an unknown `user_comment_id` 88008.

use axum::{extract::State, Router};
use serde::Deserialize;
use serde_json::{json, Value};

use super::{credentials::AccessToken, ok, ok_empty, post, ApiResult, WxJson};
use crate::{
    errcode,
    state::{
        comments::{ArticleComments, StoredComment},
        AppState, Inner,
    },
    wx_error::WxError,
};

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/cgi-bin/comment/open", post(open))
        .route("/cgi-bin/comment/close", post(close))
        .route("/cgi-bin/comment/list", post(list))
        .route("/cgi-bin/comment/markelect", post(mark_elect))
        .route("/cgi-bin/comment/unmarkelect", post(unmark_elect))
        .route("/cgi-bin/comment/delete", post(delete))
        .route("/cgi-bin/comment/reply/add", post(reply_add))
        .route("/cgi-bin/comment/reply/delete", post(reply_delete))
}

/// The most comments a page holds: WeChat refuses 50 or more (88010).
const MAX_PAGE: u64 = 49;

/// The body of every comment call; each reads its fields.
#[derive(Debug, Deserialize)]
struct CommentRequest {
    msg_data_id: Option<u64>,
    /// From 0; the first article when absent.
    index: Option<u32>,
    user_comment_id: Option<u64>,
    content: Option<String>,
    begin: Option<u64>,
    count: Option<u64>,
    #[serde(rename = "type")]
    kind: Option<u8>,
}

impl CommentRequest {
    /// The article's comments: 88001 when it takes none.
    fn article<'a>(
        &self,
        inner: &'a mut Inner,
        appid: &str,
    ) -> Result<&'a mut ArticleComments, WxError> {
        self.msg_data_id
            .and_then(|msg| {
                inner
                    .comments
                    .article_mut(appid, msg, self.index.unwrap_or(0))
            })
            .ok_or_else(|| WxError::new(errcode::MSG_DATA_NOT_EXIST))
    }

    /// The comment named: 88001 for an unknown article, 88008 for an unknown comment.
    fn comment<'a>(
        &self,
        inner: &'a mut Inner,
        appid: &str,
    ) -> Result<&'a mut StoredComment, WxError> {
        let id = self.user_comment_id;
        self.article(inner, appid)?
            .comments
            .get_mut(&id.unwrap_or(0))
            .ok_or_else(|| WxError::new(errcode::COMMENT_NOT_EXIST))
    }
}

fn set_open(state: &AppState, appid: &str, body: &CommentRequest, open: bool) -> ApiResult {
    body.article(&mut state.lock(), appid)?.open = open;
    ok_empty()
}

/// `POST /cgi-bin/comment/open`: `{"msg_data_id","index"}`.
async fn open(
    State(state): State<AppState>,
    auth: AccessToken,
    WxJson(body): WxJson<CommentRequest>,
) -> ApiResult {
    set_open(&state, &auth.appid, &body, true)
}

/// `POST /cgi-bin/comment/close`: `{"msg_data_id","index"}`.
async fn close(
    State(state): State<AppState>,
    auth: AccessToken,
    WxJson(body): WxJson<CommentRequest>,
) -> ApiResult {
    set_open(&state, &auth.appid, &body, false)
}

/// `POST /cgi-bin/comment/list`: `{"msg_data_id","index","begin","count","type"}`, type 0
/// every comment, 1 those not elected, 2 the elected ones; 88010 for a count outside 1 to 49.
async fn list(
    State(state): State<AppState>,
    auth: AccessToken,
    WxJson(body): WxJson<CommentRequest>,
) -> ApiResult {
    let count = body.count.unwrap_or(0);
    if !(1..=MAX_PAGE).contains(&count) {
        return Err(WxError::new(errcode::COMMENT_COUNT_OUT_OF_RANGE));
    }
    let kind = body.kind.unwrap_or(0);
    if kind > 2 {
        return Err(WxError::new(errcode::INVALID_ARGS));
    }
    let mut inner = state.lock();
    let article = body.article(&mut inner, &auth.appid)?;
    let matching: Vec<(&u64, &StoredComment)> = article
        .comments
        .iter()
        .filter(|(_, c)| match kind {
            1 => !c.elected,
            2 => c.elected,
            _ => true,
        })
        .collect();
    let begin = usize::try_from(body.begin.unwrap_or(0)).unwrap_or(usize::MAX);
    let page: Vec<Value> = matching
        .iter()
        .skip(begin)
        .take(count as usize)
        .map(|(id, c)| {
            let mut comment = json!({
                "user_comment_id": id,
                "openid": c.openid,
                "create_time": c.create_time,
                "content": c.content,
                "comment_type": u8::from(c.elected),
            });
            if let Some((content, create_time)) = &c.reply {
                comment["reply"] = json!({ "content": content, "create_time": create_time });
            }
            comment
        })
        .collect();
    ok(json!({
        "errcode": errcode::OK,
        "errmsg": "ok",
        "total": matching.len(),
        "comment": page,
    }))
}

/// `POST /cgi-bin/comment/markelect`: `{"msg_data_id","index","user_comment_id"}`.
async fn mark_elect(
    State(state): State<AppState>,
    auth: AccessToken,
    WxJson(body): WxJson<CommentRequest>,
) -> ApiResult {
    body.comment(&mut state.lock(), &auth.appid)?.elected = true;
    ok_empty()
}

/// `POST /cgi-bin/comment/unmarkelect`: `{"msg_data_id","index","user_comment_id"}`.
async fn unmark_elect(
    State(state): State<AppState>,
    auth: AccessToken,
    WxJson(body): WxJson<CommentRequest>,
) -> ApiResult {
    body.comment(&mut state.lock(), &auth.appid)?.elected = false;
    ok_empty()
}

/// `POST /cgi-bin/comment/delete`: `{"msg_data_id","index","user_comment_id"}`.
async fn delete(
    State(state): State<AppState>,
    auth: AccessToken,
    WxJson(body): WxJson<CommentRequest>,
) -> ApiResult {
    let mut inner = state.lock();
    let article = body.article(&mut inner, &auth.appid)?;
    article
        .comments
        .remove(&body.user_comment_id.unwrap_or(0))
        .ok_or_else(|| WxError::new(errcode::COMMENT_NOT_EXIST))?;
    ok_empty()
}

/// `POST /cgi-bin/comment/reply/add`: `{"msg_data_id","index","user_comment_id","content"}`;
/// 88000 when comments are closed, 88005 when the comment has a reply, 88007 for an empty
/// reply.
async fn reply_add(
    State(state): State<AppState>,
    auth: AccessToken,
    WxJson(body): WxJson<CommentRequest>,
) -> ApiResult {
    let mut inner = state.lock();
    if !body.article(&mut inner, &auth.appid)?.open {
        return Err(WxError::new(errcode::WITHOUT_COMMENT_PRIVILEGE));
    }
    let content = body
        .content
        .clone()
        .filter(|c| !c.trim().is_empty())
        .ok_or_else(|| WxError::new(errcode::INVALID_REPLY_CONTENT))?;
    let comment = body.comment(&mut inner, &auth.appid)?;
    if comment.reply.is_some() {
        return Err(WxError::new(errcode::ALREADY_REPLY));
    }
    comment.reply = Some((content, crate::clock::unix_now()));
    ok_empty()
}

/// `POST /cgi-bin/comment/reply/delete`: `{"msg_data_id","index","user_comment_id"}`.
async fn reply_delete(
    State(state): State<AppState>,
    auth: AccessToken,
    WxJson(body): WxJson<CommentRequest>,
) -> ApiResult {
    body.comment(&mut state.lock(), &auth.appid)?.reply = None;
    ok_empty()
}
