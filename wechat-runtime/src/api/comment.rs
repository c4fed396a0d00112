//! Comments on published articles (`/cgi-bin/comment/*`): opening and closing them, listing
//! them, electing (featuring) them, deleting them, and the account's replies.
//!
//! An article is named by the `msg_data_id` of the message that carried it (from a mass
//! message or [`FreePublishApi::submit`](crate::api::publish::FreePublishApi::submit)) and its
//! `index` in that message, from 0. A comment is named by its `user_comment_id` within the
//! article.
//!
//! ```no_run
//! # async fn example<S>(client: &wechat_runtime::Client<S>) -> wechat_runtime::Result<()> {
//! use wechat_runtime::api::comment::CommentType;
//!
//! let comments = client.comment();
//! comments.open(2_247_483_647, 0).await?;
//! let page = comments.list(2_247_483_647, 0, 0, 49, CommentType::All).await?;
//! for comment in &page.comment {
//!     if comment.reply.is_none() {
//!         comments
//!             .reply(2_247_483_647, 0, comment.user_comment_id, "Thank you!")
//!             .await?;
//!     }
//!     comments.mark_elect(2_247_483_647, 0, comment.user_comment_id).await?;
//! }
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};

use super::{check_between, check_present, ApiCall, Area, Retry};
use crate::error::{Error, Result};

/// Comments; from [`Client::comment`](crate::Client::comment).
pub struct CommentApi<'c, K>(pub(crate) Area<'c, K>);

/// The most comments one page holds: WeChat refuses 50 or more.
pub const MAX_COMMENTS_PAGE: u32 = 49;

/// Which comments [`CommentApi::list`] returns (`type`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum CommentType {
    /// `0`: every comment.
    #[default]
    All,
    /// `1`: the comments not elected.
    Normal,
    /// `2`: the elected comments.
    Elected,
}

impl CommentType {
    /// The number WeChat takes.
    pub fn code(self) -> u8 {
        match self {
            CommentType::All => 0,
            CommentType::Normal => 1,
            CommentType::Elected => 2,
        }
    }
}

/// A page of comments, from [`CommentApi::list`].
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct CommentList {
    /// How many comments of the type the article has.
    #[serde(default)]
    pub total: u64,
    /// This page.
    #[serde(default)]
    pub comment: Vec<Comment>,
}

/// A user's comment.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct Comment {
    /// Its id within the article.
    pub user_comment_id: u64,
    /// The user.
    #[serde(default)]
    pub openid: String,
    /// When it was written, in unix seconds.
    #[serde(default)]
    pub create_time: u64,
    /// The text.
    #[serde(default)]
    pub content: String,
    /// `1` when elected, `0` when not.
    #[serde(default)]
    pub comment_type: u8,
    /// The account's reply, if any.
    #[serde(default)]
    pub reply: Option<CommentReply>,
}

impl Comment {
    /// Whether the comment is elected (shown to every reader).
    pub fn is_elected(&self) -> bool {
        self.comment_type == 1
    }
}

/// The account's reply to a comment.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct CommentReply {
    /// The text.
    #[serde(default)]
    pub content: String,
    /// When it was written, in unix seconds.
    #[serde(default)]
    pub create_time: u64,
}

/// An article: the message's data id and the article's index in it.
#[derive(Serialize)]
struct ArticleBody {
    msg_data_id: u64,
    index: u32,
}

/// A comment of an article, with an optional reply text.
#[derive(Serialize)]
struct CommentBody<'a> {
    msg_data_id: u64,
    index: u32,
    user_comment_id: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    content: Option<&'a str>,
}

#[derive(Serialize)]
struct ListBody {
    msg_data_id: u64,
    index: u32,
    begin: u32,
    count: u32,
    #[serde(rename = "type")]
    kind: u8,
}

impl<'c, K: 'static> CommentApi<'c, K> {
    /// Opens comments on the article `index` (from 0) of the message `msg_data_id`:
    /// `POST /cgi-bin/comment/open`.
    pub fn open(&self, msg_data_id: u64, index: u32) -> ApiCall<'static, (), K> {
        self.switch("/cgi-bin/comment/open", msg_data_id, index)
    }

    /// Closes comments on an article: `POST /cgi-bin/comment/close`.
    pub fn close(&self, msg_data_id: u64, index: u32) -> ApiCall<'static, (), K> {
        self.switch("/cgi-bin/comment/close", msg_data_id, index)
    }

    fn switch(&self, path: &'static str, msg_data_id: u64, index: u32) -> ApiCall<'static, (), K> {
        self.0.checked(check_msg(msg_data_id), |()| {
            self.0
                .post_ok(path, &ArticleBody { msg_data_id, index }, Retry::Safe)
        })
    }

    /// A page of `count` (1 to 49) comments of an article from `begin`, of the type `kind`:
    /// `POST /cgi-bin/comment/list`.
    pub fn list(
        &self,
        msg_data_id: u64,
        index: u32,
        begin: u32,
        count: u32,
        kind: CommentType,
    ) -> ApiCall<'static, CommentList, K> {
        let checked = check_msg(msg_data_id)
            .and_then(|()| check_between("count", count, 1, MAX_COMMENTS_PAGE));
        self.0.checked(checked, |()| {
            self.0.post(
                "/cgi-bin/comment/list",
                &ListBody {
                    msg_data_id,
                    index,
                    begin,
                    count,
                    kind: kind.code(),
                },
                Retry::Safe,
            )
        })
    }

    /// Elects a comment, showing it to every reader: `POST /cgi-bin/comment/markelect`.
    pub fn mark_elect(
        &self,
        msg_data_id: u64,
        index: u32,
        user_comment_id: u64,
    ) -> ApiCall<'static, (), K> {
        self.on_comment(
            "/cgi-bin/comment/markelect",
            msg_data_id,
            index,
            user_comment_id,
            Retry::Safe,
        )
    }

    /// Takes a comment out of the elected ones: `POST /cgi-bin/comment/unmarkelect`.
    pub fn unmark_elect(
        &self,
        msg_data_id: u64,
        index: u32,
        user_comment_id: u64,
    ) -> ApiCall<'static, (), K> {
        self.on_comment(
            "/cgi-bin/comment/unmarkelect",
            msg_data_id,
            index,
            user_comment_id,
            Retry::Safe,
        )
    }

    /// Deletes a comment: `POST /cgi-bin/comment/delete`.
    pub fn delete(
        &self,
        msg_data_id: u64,
        index: u32,
        user_comment_id: u64,
    ) -> ApiCall<'static, (), K> {
        self.on_comment(
            "/cgi-bin/comment/delete",
            msg_data_id,
            index,
            user_comment_id,
            Retry::Unsafe,
        )
    }

    /// Replies to a comment (one reply per comment): `POST /cgi-bin/comment/reply/add`.
    pub fn reply(
        &self,
        msg_data_id: u64,
        index: u32,
        user_comment_id: u64,
        content: &str,
    ) -> ApiCall<'static, (), K> {
        let checked =
            check_msg(msg_data_id).and_then(|()| check_present("the reply's content", content));
        self.0.checked(checked, |()| {
            self.0.post_ok(
                "/cgi-bin/comment/reply/add",
                &CommentBody {
                    msg_data_id,
                    index,
                    user_comment_id,
                    content: Some(content),
                },
                Retry::Unsafe,
            )
        })
    }

    /// Deletes the account's reply to a comment: `POST /cgi-bin/comment/reply/delete`.
    pub fn delete_reply(
        &self,
        msg_data_id: u64,
        index: u32,
        user_comment_id: u64,
    ) -> ApiCall<'static, (), K> {
        self.on_comment(
            "/cgi-bin/comment/reply/delete",
            msg_data_id,
            index,
            user_comment_id,
            Retry::Unsafe,
        )
    }

    fn on_comment(
        &self,
        path: &'static str,
        msg_data_id: u64,
        index: u32,
        user_comment_id: u64,
        retry: Retry,
    ) -> ApiCall<'static, (), K> {
        self.0.checked(check_msg(msg_data_id), |()| {
            self.0.post_ok(
                path,
                &CommentBody {
                    msg_data_id,
                    index,
                    user_comment_id,
                    content: None,
                },
                retry,
            )
        })
    }
}

/// Rejects the `msg_data_id` 0, which names no message.
fn check_msg(msg_data_id: u64) -> Result<()> {
    if msg_data_id == 0 {
        return Err(Error::invalid_input(
            "msg_data_id is 0; it names no message",
        ));
    }
    Ok(())
}
