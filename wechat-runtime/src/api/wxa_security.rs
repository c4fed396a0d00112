//! Mini Program security and user-state APIs: the asynchronous media check, a user's risk
//! rank, the unionid of a payer, the user's login-state checks
//! (`checksession`, the encryption keys of `getuserencryptkey`, both signed with the user's
//! `session_key`), and the "typing" state of Mini Program customer service.
//!
//! ```no_run
//! use wechat_runtime::api::mini_program::SecScene;
//! use wechat_runtime::api::wxa_security::{
//!     MediaCheckAsync, RiskRankQuery, RiskScene, SecMediaType,
//! };
//! use wechat_runtime::{Client, Hub, MemoryStore, Secret};
//!
//! # async fn run() -> Result<(), wechat_runtime::Error> {
//! let hub = Hub::new(MemoryStore::new().with_app("wx0123456789abcdef", "the-appsecret"));
//! let client = Client::builder(hub).appid("wx0123456789abcdef").build()?;
//! let openid = "o6_bmjrPTlm6_2sgVt7hMZOPfL2M";
//!
//! // The verdict arrives later as a `wxa_media_check` event with this trace id.
//! let trace_id = client
//!     .wxa_security()
//!     .media_check_async(&MediaCheckAsync::new(
//!         openid,
//!         SecMediaType::Image,
//!         "https://example.com/avatar.png",
//!         SecScene::Profile,
//!     ))
//!     .await?;
//!
//! let rank = client
//!     .wxa_security()
//!     .user_risk_rank(&RiskRankQuery::new(openid, RiskScene::Register, "203.0.113.7"))
//!     .await?;
//!
//! // Is the session key the server kept still the user's?
//! let session_key = Secret::new("tiihtNczf5v6AKRyjwEUhQ==");
//! let live = client.wxa_security().check_session(openid, &session_key).await.is_ok();
//! # let _ = (trace_id, rank, live); Ok(()) }
//! ```

use reqwest::Method;
use serde::{Deserialize, Serialize};

use super::message::TypingCommand;
use super::mini_program::SecScene;
use super::xpay::sign::user_signature;
use super::{check_all_present, check_present, ApiCall, Area, Retry};
use crate::error::{Error, Result};
use crate::token::Secret;

/// Security and user-state APIs; from [`Client::wxa_security`](crate::Client::wxa_security).
pub struct WxaSecurityApi<'c, K>(pub(crate) Area<'c, K>);

/// What kind of media [`WxaSecurityApi::media_check_async`] checks: its `media_type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SecMediaType {
    /// 1: audio (mp3, aac, ac3, wma, flac, vorbis, opus, wav).
    Audio,
    /// 2: an image (jpg, jpeg, png, bmp, gif's first frame).
    Image,
}

impl Serialize for SecMediaType {
    fn serialize<S: serde::Serializer>(
        &self,
        serializer: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        serializer.serialize_u8(match self {
            SecMediaType::Audio => 1,
            SecMediaType::Image => 2,
        })
    }
}

/// Media to check for illegal content (version 2), the verdict pushed later: the request of
/// [`WxaSecurityApi::media_check_async`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[must_use]
pub struct MediaCheckAsync {
    media_url: String,
    media_type: SecMediaType,
    version: u8,
    scene: SecScene,
    openid: String,
}

impl MediaCheckAsync {
    /// Checks the media at `media_url` (downloadable from the internet, at most 10 MB) that
    /// `openid` (who visited the Mini Program within two hours) posted in `scene`.
    pub fn new(
        openid: impl Into<String>,
        media_type: SecMediaType,
        media_url: impl Into<String>,
        scene: SecScene,
    ) -> Self {
        MediaCheckAsync {
            media_url: media_url.into(),
            media_type,
            version: 2,
            scene,
            openid: openid.into(),
        }
    }

    fn check(&self) -> Result<()> {
        check_all_present(&[("openid", &self.openid), ("media_url", &self.media_url)])?;
        if !(self.media_url.starts_with("http://") || self.media_url.starts_with("https://")) {
            return Err(Error::invalid_input(
                "media_url must be an http or https URL WeChat can download",
            ));
        }
        Ok(())
    }
}

#[derive(Deserialize)]
struct TraceAnswer {
    #[serde(default)]
    trace_id: String,
}

/// Where a user is being judged: the `scene` of a [`RiskRankQuery`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RiskScene {
    /// 0: signing up.
    Register,
    /// 1: a marketing campaign (cheating for rewards).
    Marketing,
    /// 2: user-generated content.
    Ugc,
}

impl Serialize for RiskScene {
    fn serialize<S: serde::Serializer>(
        &self,
        serializer: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        serializer.serialize_u8(match self {
            RiskScene::Register => 0,
            RiskScene::Marketing => 1,
            RiskScene::Ugc => 2,
        })
    }
}

/// What is known of a user, to rank the user's risk: the request of
/// [`WxaSecurityApi::user_risk_rank`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[must_use]
pub struct RiskRankQuery {
    openid: String,
    scene: RiskScene,
    client_ip: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    mobile_no: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    email_address: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    extended_info: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    is_test: Option<bool>,
}

impl RiskRankQuery {
    /// The risk of `openid`, visiting from `client_ip`, in `scene`.
    pub fn new(openid: impl Into<String>, scene: RiskScene, client_ip: impl Into<String>) -> Self {
        RiskRankQuery {
            openid: openid.into(),
            scene,
            client_ip: client_ip.into(),
            mobile_no: None,
            email_address: None,
            extended_info: None,
            is_test: None,
        }
    }

    /// The user's phone number.
    pub fn mobile_no(mut self, mobile_no: impl Into<String>) -> Self {
        self.mobile_no = Some(mobile_no.into());
        self
    }

    /// The user's email address.
    pub fn email_address(mut self, email_address: impl Into<String>) -> Self {
        self.email_address = Some(email_address.into());
        self
    }

    /// Anything else known.
    pub fn extended_info(mut self, extended_info: impl Into<String>) -> Self {
        self.extended_info = Some(extended_info.into());
        self
    }

    /// A test call (`true`) rather than a real one.
    pub fn is_test(mut self, is_test: bool) -> Self {
        self.is_test = Some(is_test);
        self
    }

    fn check(&self) -> Result<()> {
        check_all_present(&[("openid", &self.openid), ("client_ip", &self.client_ip)])
    }
}

/// A user's risk: the answer of [`WxaSecurityApi::user_risk_rank`].
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct UserRiskRank {
    /// 0 to 4, the higher the riskier.
    #[serde(default)]
    pub risk_rank: u8,
    /// The request's id (WeChat spells the field `unoin_id`).
    #[serde(rename = "unoin_id", default)]
    pub request_id: u64,
}

#[derive(Deserialize)]
struct UnionidAnswer {
    #[serde(default)]
    unionid: String,
}

/// One of the user's encryption keys (for `wx.getUserCryptoManager`): an entry of the answer
/// of [`WxaSecurityApi::user_encrypt_key`]. `Debug` never shows the key.
#[derive(Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct UserEncryptKey {
    /// The key, in base64.
    #[serde(default)]
    pub encrypt_key: String,
    /// Its initialization vector.
    #[serde(default)]
    pub iv: String,
    /// Its version.
    #[serde(default)]
    pub version: u32,
    /// How long it stays valid, in seconds (0 when expired).
    #[serde(default)]
    pub expire_in: u64,
    /// When it was made, in unix seconds.
    #[serde(default)]
    pub create_time: u64,
}

impl std::fmt::Debug for UserEncryptKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UserEncryptKey")
            .field("encrypt_key", &crate::token::Redacted)
            .field("iv", &self.iv)
            .field("version", &self.version)
            .field("expire_in", &self.expire_in)
            .field("create_time", &self.create_time)
            .finish()
    }
}

#[derive(Deserialize)]
struct EncryptKeyAnswer {
    #[serde(default)]
    key_info_list: Vec<UserEncryptKey>,
}

/// The login-state signature of the APIs that send no body: HMAC-SHA256 of the empty string,
/// keyed with the user's session key.
fn empty_signature(session_key: &Secret) -> String {
    user_signature(session_key, b"")
}

impl<'c, K: 'static> WxaSecurityApi<'c, K> {
    /// Checks an image or audio file for illegal content (version 2); the verdict is pushed
    /// within 30 minutes as a `wxa_media_check` event carrying the `trace_id` this answers:
    /// `POST /wxa/media_check_async`. Never sent twice.
    pub fn media_check_async(&self, check: &MediaCheckAsync) -> ApiCall<'static, String, K> {
        self.0.checked(check.check(), |()| {
            self.0
                .post_with("/wxa/media_check_async", check, Retry::Unsafe, |response| {
                    Ok(response.json::<TraceAnswer>()?.trace_id)
                })
        })
    }

    /// The risk rank of a user, for the client's Mini Program: `POST /wxa/getuserriskrank`.
    pub fn user_risk_rank(&self, query: &RiskRankQuery) -> ApiCall<'static, UserRiskRank, K> {
        #[derive(Serialize)]
        struct Body<'a> {
            appid: String,
            #[serde(flatten)]
            query: &'a RiskRankQuery,
        }
        self.0.checked_with_appid(query.check(), |appid| {
            self.0
                .post("/wxa/getuserriskrank", &Body { appid, query }, Retry::Safe)
        })
    }

    /// The unionid of `openid`, who paid WeChat Pay transaction `transaction_id` within the
    /// last 5 minutes, without asking the user: `GET /wxa/getpaidunionid`.
    pub fn paid_unionid(&self, openid: &str, transaction_id: &str) -> ApiCall<'static, String, K> {
        let checked = check_all_present(&[("openid", openid), ("transaction_id", transaction_id)]);
        self.0.checked(checked, |()| {
            let request = self
                .0
                .request(Method::GET, "/wxa/getpaidunionid")
                .query("openid", openid)
                .query("transaction_id", transaction_id);
            self.0.call(request, |response| {
                Ok(response.json::<UnionidAnswer>()?.unionid)
            })
        })
    }

    /// [`paid_unionid`](WxaSecurityApi::paid_unionid), the order named by merchant `mch_id`
    /// and its `out_trade_no`: `GET /wxa/getpaidunionid`.
    pub fn paid_unionid_by_out_trade_no(
        &self,
        openid: &str,
        mch_id: &str,
        out_trade_no: &str,
    ) -> ApiCall<'static, String, K> {
        let checked = check_all_present(&[
            ("openid", openid),
            ("mch_id", mch_id),
            ("out_trade_no", out_trade_no),
        ]);
        self.0.checked(checked, |()| {
            let request = self
                .0
                .request(Method::GET, "/wxa/getpaidunionid")
                .query("openid", openid)
                .query("mch_id", mch_id)
                .query("out_trade_no", out_trade_no);
            self.0.call(request, |response| {
                Ok(response.json::<UnionidAnswer>()?.unionid)
            })
        })
    }

    /// The user's last three encryption keys, newest first (each lives an hour), signed with
    /// the user's `session_key`: `POST /wxa/business/getuserencryptkey` (everything in the
    /// query, no body).
    pub fn user_encrypt_key(
        &self,
        openid: &str,
        session_key: &Secret,
    ) -> ApiCall<'static, Vec<UserEncryptKey>, K> {
        let checked =
            check_all_present(&[("openid", openid), ("session_key", session_key.expose())]);
        self.0.checked(checked, |()| {
            let request = self
                .0
                .request(Method::POST, "/wxa/business/getuserencryptkey")
                .query("openid", openid)
                .query("signature", empty_signature(session_key))
                .query("sig_method", "hmac_sha256")
                .idempotent(true);
            self.0.call(request, |response| {
                Ok(response.json::<EncryptKeyAnswer>()?.key_info_list)
            })
        })
    }

    /// Whether `session_key` is still the user's live login state: `GET /wxa/checksession`.
    /// A session key no longer valid fails with 87009 (invalid signature).
    pub fn check_session(&self, openid: &str, session_key: &Secret) -> ApiCall<'static, (), K> {
        let checked =
            check_all_present(&[("openid", openid), ("session_key", session_key.expose())]);
        self.0.checked(checked, |()| {
            let request = self
                .0
                .request(Method::GET, "/wxa/checksession")
                .query("openid", openid)
                .query("signature", empty_signature(session_key))
                .query("sig_method", "hmac_sha256");
            self.0.call(request, super::ok)
        })
    }

    /// Shows or hides "Typing…" to `touser` in a Mini Program customer service conversation:
    /// `POST /cgi-bin/message/custom/business/typing` (Official Accounts use
    /// [`MessageApi::typing`](super::message::MessageApi::typing)).
    pub fn kf_typing(&self, touser: &str, command: TypingCommand) -> ApiCall<'static, (), K> {
        self.0.checked(check_present("touser", touser), |()| {
            self.0.post_ok(
                "/cgi-bin/message/custom/business/typing",
                &serde_json::json!({ "touser": touser, "command": command }),
                // Showing the same state twice does no harm.
                Retry::Safe,
            )
        })
    }
}
