//! Customer service: accounts (agents), sessions between agents and users, and chat records.
//!
//! Mind the paths: account changes and sessions are under `/customservice/...`, while the
//! account lists are under `/cgi-bin/customservice/...`.
//!
//! ```no_run
//! # async fn run() -> wechat_runtime::Result<()> {
//! use wechat_runtime::{Client, Hub, MemoryStore};
//!
//! let hub = Hub::builder(MemoryStore::new().with_app("wx0123456789abcdef", "the-appsecret")).build()?;
//! let client = Client::builder(hub).appid("wx0123456789abcdef").build()?;
//! let cs = client.customer_service();
//!
//! cs.add_account("alice@gh_account", "Alice").await?;
//! cs.upload_avatar("alice@gh_account", "alice.jpg", std::fs::read("alice.jpg").unwrap())
//!     .await?;
//! for waiting in cs.waiting().await?.waitcaselist {
//!     cs.create_session("alice@gh_account", &waiting.openid).await?;
//! }
//! let records = cs.msg_records(1_464_710_400, 1_464_796_800, 1, 10_000).await?;
//! println!("{} records", records.recordlist.len());
//! # Ok(()) }
//! ```

use bytes::Bytes;
use reqwest::Method;
use serde::Deserialize;

use super::{
    check_all_present, check_between, check_present, ok, opt_string_or_number, ApiCall, Area, Retry,
};
use crate::call::transport::Part;
use crate::error::{Error, Result};

/// Customer service; from [`Client::customer_service`](crate::Client::customer_service).
pub struct CustomerServiceApi<'c, K>(pub(crate) Area<'c, K>);

/// The largest avatar WeChat takes, in bytes (5 MB).
pub const MAX_AVATAR_BYTES: usize = 5 * 1024 * 1024;
/// The most records [`CustomerServiceApi::msg_records`] returns at once.
pub const MAX_RECORDS: u32 = 10_000;
/// The longest span [`CustomerServiceApi::msg_records`] covers, in seconds (24 hours).
pub const MAX_RECORD_SPAN: u64 = 86_400;

/// A customer service account.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct KfAccount {
    /// The full account, `prefix@account_wechat_id`.
    pub kf_account: String,
    /// The nickname.
    #[serde(default)]
    pub kf_nick: String,
    /// The agent's number.
    #[serde(default, deserialize_with = "opt_string_or_number")]
    pub kf_id: Option<String>,
    /// The avatar's URL.
    #[serde(default)]
    pub kf_headimgurl: Option<String>,
    /// The WeChat ID bound to the account.
    #[serde(default)]
    pub kf_wx: Option<String>,
    /// The WeChat ID invited to bind the account, while no one is bound.
    #[serde(default)]
    pub invite_wx: Option<String>,
    /// When the invitation expires, in unix seconds.
    #[serde(default, deserialize_with = "opt_string_or_number")]
    pub invite_expire_time: Option<String>,
    /// The invitation's state: `waiting`, `rejected` or `expired`.
    #[serde(default)]
    pub invite_status: Option<String>,
    /// The agent's openid.
    #[serde(default)]
    pub kf_openid: Option<String>,
}

/// An account that is online.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct OnlineKfAccount {
    /// The full account.
    pub kf_account: String,
    /// `1` when online on the web.
    #[serde(default)]
    pub status: u32,
    /// The agent's number.
    #[serde(default, deserialize_with = "opt_string_or_number")]
    pub kf_id: Option<String>,
    /// How many sessions the agent is serving.
    #[serde(default)]
    pub accepted_case: u32,
    /// The agent's openid.
    #[serde(default)]
    pub kf_openid: Option<String>,
}

/// The session a user is in.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct KfSession {
    /// When the session started, in unix seconds.
    #[serde(default)]
    pub createtime: u64,
    /// The agent serving the user; empty when none is.
    #[serde(default)]
    pub kf_account: String,
}

/// One session of an agent.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct AgentSession {
    /// When the session started, in unix seconds.
    #[serde(default)]
    pub createtime: u64,
    /// The user.
    pub openid: String,
}

/// The sessions waiting for an agent.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct WaitCases {
    /// How many sessions wait.
    #[serde(default)]
    pub count: u64,
    /// The first (at most 100) of them, in the order the users came.
    #[serde(default)]
    pub waitcaselist: Vec<WaitCase>,
}

/// A session waiting for an agent.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct WaitCase {
    /// When the user's last message came, in unix seconds.
    #[serde(default)]
    pub latest_time: u64,
    /// The user.
    pub openid: String,
}

/// A page of chat records.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct MsgRecords {
    /// The records. Images, voices and videos show as `[image]`, `[voice]`, `[video]`.
    #[serde(default)]
    pub recordlist: Vec<MsgRecord>,
    /// How many records this page has.
    #[serde(default)]
    pub number: u64,
    /// The `msgid` to ask for the next page with.
    #[serde(default)]
    pub msgid: u64,
}

/// One chat record.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct MsgRecord {
    /// The user.
    #[serde(default)]
    pub openid: String,
    /// `2002`: the agent sent it; `2003`: the agent received it.
    #[serde(default)]
    pub opercode: u32,
    /// The text.
    #[serde(default)]
    pub text: String,
    /// When, in unix seconds.
    #[serde(default)]
    pub time: u64,
    /// The agent's full account.
    #[serde(default)]
    pub worker: String,
}

#[derive(Deserialize)]
struct KfListAnswer {
    #[serde(default)]
    kf_list: Vec<KfAccount>,
}

#[derive(Deserialize)]
struct OnlineListAnswer {
    #[serde(default)]
    kf_online_list: Vec<OnlineKfAccount>,
}

#[derive(Deserialize)]
struct SessionListAnswer {
    #[serde(default)]
    sessionlist: Vec<AgentSession>,
}

/// Checks `prefix@account_wechat_id`: a prefix of 1 to 10 letters, digits or underscores.
fn check_kf_account(kf_account: &str) -> Result<()> {
    check_present("kf_account", kf_account)?;
    let Some((prefix, suffix)) = kf_account.split_once('@') else {
        return Err(Error::invalid_input(format!(
            "kf_account `{kf_account}` is not `prefix@account_wechat_id`"
        )));
    };
    let prefix_ok = !prefix.is_empty()
        && prefix.chars().count() <= 10
        && prefix
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_');
    if !prefix_ok || suffix.trim().is_empty() {
        return Err(Error::invalid_input(format!(
            "kf_account `{kf_account}` needs a prefix of 1 to 10 letters, digits or `_`, \
             then `@` and the account's WeChat ID"
        )));
    }
    Ok(())
}

fn check_nickname(nickname: &str) -> Result<()> {
    check_present("nickname", nickname)?;
    let chars = nickname.chars().count();
    if chars > 16 {
        return Err(Error::invalid_input(format!(
            "the nickname has {chars} characters; WeChat takes at most 16"
        )));
    }
    Ok(())
}

fn check_avatar(kf_account: &str, filename: &str, data: &Bytes) -> Result<()> {
    check_all_present(&[("kf_account", kf_account), ("filename", filename)])?;
    if data.is_empty() || data.len() > MAX_AVATAR_BYTES {
        return Err(Error::invalid_input(format!(
            "the avatar is {} bytes; WeChat takes 1 to {MAX_AVATAR_BYTES}",
            data.len()
        )));
    }
    Ok(())
}

fn check_records(starttime: u64, endtime: u64, msgid: u64, number: u32) -> Result<()> {
    if endtime <= starttime || endtime - starttime > MAX_RECORD_SPAN {
        return Err(Error::invalid_input(format!(
            "the records' time span is {starttime}..{endtime}; WeChat takes an end after \
             the start, at most {MAX_RECORD_SPAN} seconds later"
        )));
    }
    check_between("number", number, 1, MAX_RECORDS)?;
    if msgid == 0 {
        return Err(Error::invalid_input("msgid starts at 1"));
    }
    Ok(())
}

impl<'c, K: 'static> CustomerServiceApi<'c, K> {
    /// Adds an account (`prefix@account_wechat_id`, a nickname of at most 16 characters):
    /// `POST /customservice/kfaccount/add`.
    pub fn add_account(&self, kf_account: &str, nickname: &str) -> ApiCall<'static, (), K> {
        self.account_call("/customservice/kfaccount/add", kf_account, nickname)
    }

    /// Changes an account's nickname: `POST /customservice/kfaccount/update`.
    pub fn update_account(&self, kf_account: &str, nickname: &str) -> ApiCall<'static, (), K> {
        self.account_call("/customservice/kfaccount/update", kf_account, nickname)
    }

    fn account_call(
        &self,
        path: &'static str,
        kf_account: &str,
        nickname: &str,
    ) -> ApiCall<'static, (), K> {
        let checked = check_kf_account(kf_account).and_then(|()| check_nickname(nickname));
        self.0.checked(checked, |()| {
            self.0.post_ok(
                path,
                &serde_json::json!({ "kf_account": kf_account, "nickname": nickname }),
                Retry::Unsafe,
            )
        })
    }

    /// Deletes an account: `POST /customservice/kfaccount/del` (older documentation had it as
    /// a `GET` with `kf_account` in the query; the current one takes a JSON body).
    pub fn delete_account(&self, kf_account: &str) -> ApiCall<'static, (), K> {
        self.0
            .checked(check_present("kf_account", kf_account), |()| {
                self.0.post_ok(
                    "/customservice/kfaccount/del",
                    &serde_json::json!({ "kf_account": kf_account }),
                    Retry::Unsafe,
                )
            })
    }

    /// Invites the WeChat user `invite_wx` to bind an account:
    /// `POST /customservice/kfaccount/inviteworker`.
    pub fn invite_worker(&self, kf_account: &str, invite_wx: &str) -> ApiCall<'static, (), K> {
        let checked = check_all_present(&[("kf_account", kf_account), ("invite_wx", invite_wx)]);
        self.0.checked(checked, |()| {
            self.0.post_ok(
                "/customservice/kfaccount/inviteworker",
                &serde_json::json!({ "kf_account": kf_account, "invite_wx": invite_wx }),
                Retry::Unsafe,
            )
        })
    }

    /// Every account: `GET /cgi-bin/customservice/getkflist`.
    pub fn accounts(&self) -> ApiCall<'static, Vec<KfAccount>, K> {
        self.0
            .get_with("/cgi-bin/customservice/getkflist", |response| {
                Ok(response.json::<KfListAnswer>()?.kf_list)
            })
    }

    /// The accounts online now: `GET /cgi-bin/customservice/getonlinekflist`.
    pub fn online_accounts(&self) -> ApiCall<'static, Vec<OnlineKfAccount>, K> {
        self.0
            .get_with("/cgi-bin/customservice/getonlinekflist", |response| {
                Ok(response.json::<OnlineListAnswer>()?.kf_online_list)
            })
    }

    /// Sets an account's avatar from image bytes (a JPEG of at most 5 MB, 640×640 is best),
    /// sent as the multipart field `media`:
    /// `POST /customservice/kfaccount/uploadheadimg?kf_account=..`.
    pub fn upload_avatar(
        &self,
        kf_account: &str,
        filename: &str,
        data: impl Into<Bytes>,
    ) -> ApiCall<'static, (), K> {
        let data = data.into();
        self.0
            .checked(check_avatar(kf_account, filename, &data), |()| {
                let request = self
                    .0
                    .request(Method::POST, "/customservice/kfaccount/uploadheadimg")
                    .query("kf_account", kf_account)
                    .part(Part::bytes("media", filename, data))
                    .idempotent(false);
                self.0.call(request, ok)
            })
    }

    /// Starts a session between an agent and a user: `POST /customservice/kfsession/create`.
    pub fn create_session(&self, kf_account: &str, openid: &str) -> ApiCall<'static, (), K> {
        self.session_call("/customservice/kfsession/create", kf_account, openid)
    }

    /// Closes a session between an agent and a user: `POST /customservice/kfsession/close`.
    pub fn close_session(&self, kf_account: &str, openid: &str) -> ApiCall<'static, (), K> {
        self.session_call("/customservice/kfsession/close", kf_account, openid)
    }

    fn session_call(
        &self,
        path: &'static str,
        kf_account: &str,
        openid: &str,
    ) -> ApiCall<'static, (), K> {
        let checked = check_all_present(&[("kf_account", kf_account), ("openid", openid)]);
        self.0.checked(checked, |()| {
            self.0.post_ok(
                path,
                &serde_json::json!({ "kf_account": kf_account, "openid": openid }),
                Retry::Unsafe,
            )
        })
    }

    /// The session a user is in: `GET /customservice/kfsession/getsession?openid=..`.
    pub fn session(&self, openid: &str) -> ApiCall<'static, KfSession, K> {
        self.0.checked(check_present("openid", openid), |()| {
            let request = self
                .0
                .request(Method::GET, "/customservice/kfsession/getsession")
                .query("openid", openid);
            self.0.call_json(request)
        })
    }

    /// An agent's sessions: `GET /customservice/kfsession/getsessionlist?kf_account=..`.
    pub fn sessions(&self, kf_account: &str) -> ApiCall<'static, Vec<AgentSession>, K> {
        self.0
            .checked(check_present("kf_account", kf_account), |()| {
                let request = self
                    .0
                    .request(Method::GET, "/customservice/kfsession/getsessionlist")
                    .query("kf_account", kf_account);
                self.0.call(request, |response| {
                    Ok(response.json::<SessionListAnswer>()?.sessionlist)
                })
            })
    }

    /// The sessions waiting for an agent: `GET /customservice/kfsession/getwaitcase`.
    pub fn waiting(&self) -> ApiCall<'static, WaitCases, K> {
        self.0.get("/customservice/kfsession/getwaitcase")
    }

    /// Up to `number` (at most 10000) chat records from `msgid` on (1 for the first), between
    /// `starttime` and `endtime` (unix seconds, at most 24 hours apart):
    /// `POST /customservice/msgrecord/getmsglist`. Ask again with the answer's `msgid` for
    /// the next page.
    pub fn msg_records(
        &self,
        starttime: u64,
        endtime: u64,
        msgid: u64,
        number: u32,
    ) -> ApiCall<'static, MsgRecords, K> {
        let checked = check_records(starttime, endtime, msgid, number);
        self.0.checked(checked, |()| {
            self.0.post(
                "/customservice/msgrecord/getmsglist",
                &serde_json::json!({
                    "starttime": starttime,
                    "endtime": endtime,
                    "msgid": msgid,
                    "number": number,
                }),
                Retry::Safe,
            )
        })
    }
}
