//! The comments on published articles (`/cgi-bin/comment/*`), per account, message
//! (`msg_data_id`) and article (`index`).

use std::collections::{BTreeMap, HashMap};

use crate::clock::unix_now;

/// How many articles the simulator keeps comments for, all accounts together; past this the
/// article registered first is forgotten.
const MAX_ARTICLES: usize = 100_000;
/// How many comments one article keeps; past this the oldest is dropped.
const MAX_COMMENTS: usize = 10_000;

/// (appid, msg_data_id, index).
type ArticleKey = (String, u64, u32);

/// The comments of every article.
#[derive(Debug, Default)]
pub(crate) struct Comments {
    articles: HashMap<ArticleKey, ArticleComments>,
    /// Order of registration, to forget the oldest past [`MAX_ARTICLES`].
    next_seq: u64,
}

/// The comments of one article.
#[derive(Debug, Default)]
pub(crate) struct ArticleComments {
    /// Whether comments are open.
    pub(crate) open: bool,
    /// user_comment_id -> comment, in order.
    pub(crate) comments: BTreeMap<u64, StoredComment>,
    next_id: u64,
    seq: u64,
}

/// A user's comment.
#[derive(Debug, Clone)]
pub(crate) struct StoredComment {
    pub(crate) openid: String,
    pub(crate) content: String,
    pub(crate) create_time: u64,
    pub(crate) elected: bool,
    /// The account's reply and when it was made.
    pub(crate) reply: Option<(String, u64)>,
}

impl Comments {
    fn key(appid: &str, msg_data_id: u64, index: u32) -> ArticleKey {
        (appid.to_owned(), msg_data_id, index)
    }

    /// Makes an article able to take comments (a published article, say), open or closed. An
    /// article already known keeps its comments.
    pub(crate) fn register(
        &mut self,
        appid: &str,
        msg_data_id: u64,
        index: u32,
        open: bool,
    ) -> &mut ArticleComments {
        let key = Comments::key(appid, msg_data_id, index);
        if !self.articles.contains_key(&key) && self.articles.len() >= MAX_ARTICLES {
            let oldest = self
                .articles
                .iter()
                .min_by_key(|(_, a)| a.seq)
                .map(|(k, _)| k.clone());
            if let Some(oldest) = oldest {
                self.articles.remove(&oldest);
            }
        }
        self.next_seq += 1;
        let seq = self.next_seq;
        self.articles.entry(key).or_insert_with(|| ArticleComments {
            open,
            comments: BTreeMap::new(),
            next_id: 1,
            seq,
        })
    }

    pub(crate) fn article(
        &self,
        appid: &str,
        msg_data_id: u64,
        index: u32,
    ) -> Option<&ArticleComments> {
        self.articles.get(&Comments::key(appid, msg_data_id, index))
    }

    pub(crate) fn article_mut(
        &mut self,
        appid: &str,
        msg_data_id: u64,
        index: u32,
    ) -> Option<&mut ArticleComments> {
        self.articles
            .get_mut(&Comments::key(appid, msg_data_id, index))
    }
}

impl ArticleComments {
    /// Adds a user's comment; its `user_comment_id`.
    pub(crate) fn add(&mut self, openid: &str, content: &str) -> u64 {
        if self.comments.len() >= MAX_COMMENTS {
            self.comments.pop_first();
        }
        let id = self.next_id;
        self.next_id += 1;
        self.comments.insert(
            id,
            StoredComment {
                openid: openid.to_owned(),
                content: content.to_owned(),
                create_time: unix_now(),
                elected: false,
                reply: None,
            },
        );
        id
    }
}
