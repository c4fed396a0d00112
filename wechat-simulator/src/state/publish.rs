//! The draft box and the publications of each account (`/cgi-bin/draft/*`,
//! `/cgi-bin/freepublish/*`), and the publish jobs, kept for the `PUBLISHJOBFINISH` push.

use std::collections::{HashMap, VecDeque};

use serde_json::{json, Value};

use super::push_bounded;
use crate::{clock::unix_now, errcode, tokens::random_string, wx_error::WxError};

/// How many drafts an account keeps (past this, 45009 as for a quota).
const MAX_DRAFTS: usize = 100_000;
/// How many publications an account keeps (past this, 45009 as for a quota).
const MAX_PUBLICATIONS: usize = 100_000;
/// How many publish jobs the simulator remembers, all accounts together; older ones are
/// dropped (and then unknown to `freepublish/get`).
const MAX_JOBS: usize = 10_000;
/// The first `publish_id` given.
const FIRST_PUBLISH_ID: u64 = 100_000_001;
/// The first `msg_data_id` given to a publication (apart from the mass messages' ones).
const FIRST_MSG_DATA_ID: u64 = 2_647_483_647;

/// `publish_status`: published.
pub(crate) const PUBLISHED: u32 = 0;
/// `publish_status`: published, then every article deleted by the account.
pub(crate) const DELETED_BY_USER: u32 = 5;

/// The drafts, publications and publish jobs of every account.
#[derive(Debug, Default)]
pub(crate) struct Publishing {
    accounts: HashMap<String, Account>,
    /// Every publish job, oldest first, at most [`MAX_JOBS`].
    jobs: VecDeque<SubmittedJob>,
    next_seq: u64,
    next_publish: u64,
}

#[derive(Debug, Default)]
struct Account {
    /// media_id -> draft.
    drafts: HashMap<String, Draft>,
    /// article_id -> publication.
    published: HashMap<String, Publication>,
}

/// A draft: its articles as the API answers them.
#[derive(Debug, Clone)]
pub(crate) struct Draft {
    pub(crate) articles: Vec<Value>,
    pub(crate) update_time: u64,
    seq: u64,
}

/// A published message: its articles (each with `is_deleted`).
#[derive(Debug, Clone)]
pub(crate) struct Publication {
    pub(crate) articles: Vec<Value>,
    pub(crate) update_time: u64,
    pub(crate) publish_id: String,
    seq: u64,
}

impl Publication {
    /// Whether every article was deleted.
    pub(crate) fn all_deleted(&self) -> bool {
        self.articles
            .iter()
            .all(|a| a["is_deleted"].as_bool() == Some(true))
    }
}

/// A publish job (`freepublish/submit`): what `freepublish/get` and the `PUBLISHJOBFINISH`
/// push report.
#[derive(Debug, Clone)]
pub(crate) struct SubmittedJob {
    /// The publishing account.
    pub(crate) appid: String,
    /// The job's id.
    pub(crate) publish_id: String,
    /// The message's data id, under which its articles take comments.
    pub(crate) msg_data_id: u64,
    /// 0 published; 5 once the account deleted every article.
    pub(crate) publish_status: u32,
    /// The publication's id.
    pub(crate) article_id: String,
    /// The permanent link of each article, the first one `idx` 1.
    pub(crate) article_urls: Vec<String>,
    /// The articles (from 1) that failed; always empty, as the simulator publishes all.
    pub(crate) fail_idx: Vec<u32>,
}

impl SubmittedJob {
    /// The answer of `freepublish/get`.
    pub(crate) fn to_json(&self) -> Value {
        let mut job = json!({
            "publish_id": self.publish_id,
            "publish_status": self.publish_status,
            "fail_idx": self.fail_idx,
        });
        if self.publish_status == PUBLISHED {
            let items: Vec<Value> = self
                .article_urls
                .iter()
                .enumerate()
                .map(|(i, url)| json!({ "idx": i + 1, "article_url": url }))
                .collect();
            job["article_id"] = json!(self.article_id);
            job["article_detail"] = json!({ "count": items.len(), "item": items });
        }
        job
    }
}

impl Publishing {
    fn account_mut(&mut self, appid: &str) -> &mut Account {
        self.accounts.entry(appid.to_owned()).or_default()
    }

    fn seq(&mut self) -> u64 {
        self.next_seq += 1;
        self.next_seq
    }

    /// Keeps a new draft of `articles` for `appid`; its media_id.
    pub(crate) fn add_draft(
        &mut self,
        appid: &str,
        articles: Vec<Value>,
    ) -> Result<String, WxError> {
        let seq = self.seq();
        let account = self.account_mut(appid);
        if account.drafts.len() >= MAX_DRAFTS {
            return Err(WxError::new(errcode::API_QUOTA_EXCEEDED));
        }
        let media_id = loop {
            let id = random_string(43);
            if !account.drafts.contains_key(&id) {
                break id;
            }
        };
        account.drafts.insert(
            media_id.clone(),
            Draft {
                articles,
                update_time: unix_now(),
                seq,
            },
        );
        Ok(media_id)
    }

    pub(crate) fn draft(&self, appid: &str, media_id: &str) -> Option<&Draft> {
        self.accounts.get(appid)?.drafts.get(media_id)
    }

    /// Replaces the article at `index` of a draft: 40007 for an unknown draft, 40114 for an
    /// index past its articles.
    pub(crate) fn update_draft(
        &mut self,
        appid: &str,
        media_id: &str,
        index: usize,
        article: Value,
    ) -> Result<(), WxError> {
        let draft = self
            .accounts
            .get_mut(appid)
            .and_then(|a| a.drafts.get_mut(media_id))
            .ok_or_else(|| WxError::new(errcode::INVALID_MEDIA_ID))?;
        let slot = draft
            .articles
            .get_mut(index)
            .ok_or_else(|| WxError::new(errcode::INVALID_INDEX_VALUE))?;
        *slot = article;
        draft.update_time = unix_now();
        Ok(())
    }

    /// Removes a draft; whether it existed.
    pub(crate) fn delete_draft(&mut self, appid: &str, media_id: &str) -> Option<Draft> {
        self.accounts.get_mut(appid)?.drafts.remove(media_id)
    }

    /// The drafts of `appid`, newest first.
    pub(crate) fn drafts(&self, appid: &str) -> Vec<(&String, &Draft)> {
        let mut all: Vec<_> = self
            .accounts
            .get(appid)
            .map(|a| a.drafts.iter().collect())
            .unwrap_or_default();
        all.sort_by_key(|(_, d)| std::cmp::Reverse(d.seq));
        all
    }

    /// Publishes the draft `media_id`, which leaves the draft box; `published` turns each of
    /// its articles into the published one, given its permanent link. 40007 for an unknown
    /// draft.
    pub(crate) fn submit(
        &mut self,
        appid: &str,
        media_id: &str,
        published: impl Fn(&Value, &str) -> Value,
    ) -> Result<SubmittedJob, WxError> {
        let held = self.accounts.get(appid).map_or(0, |a| a.published.len());
        if held >= MAX_PUBLICATIONS {
            return Err(WxError::new(errcode::API_QUOTA_EXCEEDED));
        }
        let draft = self
            .delete_draft(appid, media_id)
            .ok_or_else(|| WxError::new(errcode::INVALID_MEDIA_ID))?;
        let n = self.next_publish;
        self.next_publish += 1;
        let seq = self.seq();
        let publish_id = (FIRST_PUBLISH_ID + n).to_string();
        let msg_data_id = FIRST_MSG_DATA_ID + n;
        let article_id = random_string(43);
        let article_urls: Vec<String> = draft
            .articles
            .iter()
            .map(|_| format!("https://mp.weixin.qq.com/s/{}", random_string(22)))
            .collect();
        let articles = draft
            .articles
            .iter()
            .zip(&article_urls)
            .map(|(article, url)| published(article, url))
            .collect();
        self.account_mut(appid).published.insert(
            article_id.clone(),
            Publication {
                articles,
                update_time: unix_now(),
                publish_id: publish_id.clone(),
                seq,
            },
        );
        let job = SubmittedJob {
            appid: appid.to_owned(),
            publish_id,
            msg_data_id,
            publish_status: PUBLISHED,
            article_id,
            article_urls,
            fail_idx: Vec::new(),
        };
        push_bounded(&mut self.jobs, job.clone(), MAX_JOBS);
        Ok(job)
    }

    /// The publish job `publish_id` of `appid`.
    pub(crate) fn job(&self, appid: &str, publish_id: &str) -> Option<&SubmittedJob> {
        self.jobs
            .iter()
            .find(|j| j.appid == appid && j.publish_id == publish_id)
    }

    /// Every publish job, oldest first: the appid and publish_id (and the rest) a
    /// `PUBLISHJOBFINISH` push carries.
    #[allow(dead_code)] // Read by the callback pushes, which the lead wires up.
    pub(crate) fn jobs(&self) -> impl Iterator<Item = &SubmittedJob> {
        self.jobs.iter()
    }

    pub(crate) fn publication(&self, appid: &str, article_id: &str) -> Option<&Publication> {
        self.accounts.get(appid)?.published.get(article_id)
    }

    /// Deletes the article at `index` (from 1) of a publication, or all of them for 0: 53600
    /// for an unknown `article_id`, 40114 for an index past its articles. Once every article
    /// is deleted, its job reports status 5.
    pub(crate) fn delete_published(
        &mut self,
        appid: &str,
        article_id: &str,
        index: usize,
    ) -> Result<(), WxError> {
        let publication = self
            .accounts
            .get_mut(appid)
            .and_then(|a| a.published.get_mut(article_id))
            .ok_or_else(|| WxError::new(errcode::INVALID_ARTICLE_ID))?;
        if index > publication.articles.len() {
            return Err(WxError::new(errcode::INVALID_INDEX_VALUE));
        }
        for (i, article) in publication.articles.iter_mut().enumerate() {
            if index == 0 || index == i + 1 {
                article["is_deleted"] = json!(true);
            }
        }
        publication.update_time = unix_now();
        if publication.all_deleted() {
            let publish_id = publication.publish_id.clone();
            if let Some(job) = self
                .jobs
                .iter_mut()
                .find(|j| j.appid == appid && j.publish_id == publish_id)
            {
                job.publish_status = DELETED_BY_USER;
            }
        }
        Ok(())
    }

    /// The publications of `appid` with an article left, newest first.
    pub(crate) fn publications(&self, appid: &str) -> Vec<(&String, &Publication)> {
        let mut all: Vec<_> = self
            .accounts
            .get(appid)
            .map(|a| {
                a.published
                    .iter()
                    .filter(|(_, p)| !p.all_deleted())
                    .collect()
            })
            .unwrap_or_default();
        all.sort_by_key(|(_, p)| std::cmp::Reverse(p.seq));
        all
    }
}
