//! Mini Program server APIs (`/sns/jscode2session`, `/wxa/*`, `/cgi-bin/wxaapp/*`).
//!
//! Login codes (`Simulator::js_code`) and phone number codes (`Simulator::phone_code`) work
//! once. Mini Program codes are a small real PNG. `msg_sec_check` passes everything except
//! text holding [`RISKY_MARKER`] (risky) or [`REVIEW_MARKER`] (review).

use axum::{
    extract::State,
    http::{header, StatusCode},
    response::IntoResponse,
    Router,
};
use serde::Deserialize;
use serde_json::{json, Value};

use super::{
    credentials::AccessToken,
    get,
    oauth::{check_app_secret, code_param},
    ok, post, ApiResult, Params, WxJson,
};
use crate::{
    clock::unix_now,
    errcode,
    ids::unionid,
    state::{
        mini_program::{redeem, GeneratedLink, MiniProgram},
        AppState,
    },
    tokens::random_string,
    wx_error::WxError,
};

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/sns/jscode2session", get(jscode2session))
        .route("/wxa/getwxacode", post(getwxacode))
        .route("/wxa/getwxacodeunlimit", post(getwxacodeunlimit))
        .route("/cgi-bin/wxaapp/createwxaqrcode", post(createwxaqrcode))
        .route("/wxa/business/getuserphonenumber", post(getuserphonenumber))
        .route("/wxa/generatescheme", post(generatescheme))
        .route("/wxa/generate_urllink", post(generate_urllink))
        .route("/wxa/msg_sec_check", post(msg_sec_check))
}

/// Text holding this is judged `risky` by `msg_sec_check`.
pub(crate) const RISKY_MARKER: &str = "simulated-risky";
/// Text holding this is judged `review` by `msg_sec_check`.
pub(crate) const REVIEW_MARKER: &str = "simulated-review";

/// The image every Mini Program code and QR code endpoint answers: a valid 8x8 grayscale PNG.
pub(crate) const CODE_PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x08, 0x00, 0x00, 0x00, 0x08, 0x08, 0x00, 0x00, 0x00, 0x00, 0xe1, 0x64, 0xe1,
    0x57, 0x00, 0x00, 0x00, 0x17, 0x49, 0x44, 0x41, 0x54, 0x78, 0xda, 0x63, 0xf8, 0xff, 0x9f, 0x81,
    0x01, 0x84, 0x19, 0xe0, 0x0c, 0x24, 0x26, 0x94, 0x41, 0x84, 0x1a, 0x00, 0x7c, 0x04, 0x1f, 0xe1,
    0x4f, 0x20, 0xbb, 0x9f, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
];

/// The session `jscode2session` answers for `openid` of `appid`: a new session key each login,
/// kept for the APIs that check the user's signature.
pub(crate) fn session(mini_program: &mut MiniProgram, appid: &str, openid: &str) -> Value {
    json!({
        "openid": openid,
        "session_key": mini_program.new_session_key(appid, openid),
        "unionid": unionid(appid, openid),
    })
}

/// `GET /sns/jscode2session?appid&secret&js_code&grant_type=authorization_code`.
async fn jscode2session(State(state): State<AppState>, params: Params) -> ApiResult {
    let mut inner = state.lock();
    let appid = check_app_secret(&inner, &params)?;
    let code = code_param(&params, "js_code")?;
    let openid = inner.mini_program.redeem_js_code(&appid, code)?;
    ok(session(&mut inner.mini_program, &appid, &openid))
}

/// The style fields of every code endpoint.
#[derive(Debug, Deserialize)]
struct CodeRequest {
    path: Option<String>,
    scene: Option<String>,
    page: Option<String>,
    width: Option<i64>,
    env_version: Option<String>,
}

impl CodeRequest {
    /// The width (280 to 1280 px) and `env_version` WeChat takes: 40097 otherwise.
    fn check_style(&self) -> Result<(), WxError> {
        let width_ok = self.width.is_none_or(|w| (280..=1280).contains(&w));
        let env_ok = self
            .env_version
            .as_deref()
            .is_none_or(|env| matches!(env, "release" | "trial" | "develop"));
        if width_ok && env_ok {
            Ok(())
        } else {
            Err(WxError::new(errcode::INVALID_ARGS))
        }
    }

    /// A `path` of 1 to `max` bytes: 40159 otherwise.
    fn check_path(&self, max: usize) -> Result<(), WxError> {
        match self.path.as_deref() {
            Some(path) if !path.is_empty() && path.len() <= max => Ok(()),
            _ => Err(WxError::new(errcode::INVALID_PATH_LENGTH)),
        }
    }
}

/// The image answer of the code endpoints.
fn png() -> ApiResult {
    Ok((
        StatusCode::OK,
        [(header::CONTENT_TYPE, "image/png")],
        CODE_PNG,
    )
        .into_response())
}

/// `POST /wxa/getwxacode`: a Mini Program code for a `path` of at most 1024 bytes.
async fn getwxacode(_auth: AccessToken, WxJson(body): WxJson<CodeRequest>) -> ApiResult {
    body.check_path(1024)?;
    body.check_style()?;
    png()
}

/// `POST /wxa/getwxacodeunlimit`: a Mini Program code for a `scene` of 1 to 32 characters of
/// `[0-9a-zA-Z!#$&'()*+,/:;=?@-._~]` (40169 otherwise) and a `page` without a leading `/` or a
/// query (41030 otherwise).
async fn getwxacodeunlimit(_auth: AccessToken, WxJson(body): WxJson<CodeRequest>) -> ApiResult {
    let scene_ok = body.scene.as_deref().is_some_and(|scene| {
        (1..=32).contains(&scene.chars().count())
            && scene
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "!#$&'()*+,/:;=?@-._~".contains(c))
    });
    if !scene_ok {
        return Err(WxError::new(errcode::INVALID_SCENE_LENGTH));
    }
    if body
        .page
        .as_deref()
        .is_some_and(|page| page.starts_with('/') || page.contains('?'))
    {
        return Err(WxError::new(errcode::INVALID_PAGE));
    }
    body.check_style()?;
    png()
}

/// `POST /cgi-bin/wxaapp/createwxaqrcode`: a QR code for a `path` of at most 128 bytes.
async fn createwxaqrcode(_auth: AccessToken, WxJson(body): WxJson<CodeRequest>) -> ApiResult {
    body.check_path(128)?;
    body.check_style()?;
    png()
}

#[derive(Debug, Deserialize)]
struct PhoneRequest {
    code: Option<String>,
}

/// `POST /wxa/business/getuserphonenumber`: spends a code of `Simulator::phone_code`.
async fn getuserphonenumber(
    State(state): State<AppState>,
    auth: AccessToken,
    WxJson(body): WxJson<PhoneRequest>,
) -> ApiResult {
    let code = body
        .code
        .filter(|code| !code.is_empty())
        .ok_or_else(|| WxError::new(errcode::CODE_MISSING))?;
    let phone = redeem(
        &mut state.lock().mini_program.phone_codes,
        &auth.appid,
        &code,
    )?;
    // "+1 2025550123" is a foreign number; a bare number is Chinese.
    let (country_code, pure) = match phone.strip_prefix('+') {
        Some(rest) => rest.split_once(' ').unwrap_or(("86", rest)),
        None => ("86", phone.as_str()),
    };
    let phone_number = if country_code == "86" {
        pure.to_owned()
    } else {
        format!("+{country_code} {pure}")
    };
    ok(json!({
        "phone_info": {
            "phoneNumber": phone_number,
            "purePhoneNumber": pure,
            "countryCode": country_code,
            "watermark": { "timestamp": unix_now(), "appid": auth.appid },
        }
    }))
}

/// The longest link validity, in days.
const MAX_LINK_DAYS: u64 = 30;

/// The page a URL scheme, URL link or NFC scheme opens.
#[derive(Debug, Default, Deserialize)]
pub(super) struct LinkTarget {
    pub(super) path: Option<String>,
    pub(super) query: Option<String>,
    pub(super) env_version: Option<String>,
}

impl LinkTarget {
    /// WeChat's checks: a page path without a leading `/` (40165), a query of at most 1024
    /// characters (40212), a known `env_version` (40097).
    pub(super) fn check(&self) -> Result<(), WxError> {
        if self
            .path
            .as_deref()
            .is_some_and(|p| p.starts_with('/') || p.contains('?'))
        {
            return Err(WxError::new(errcode::INVALID_PAGE_PATH));
        }
        if self
            .query
            .as_deref()
            .is_some_and(|q| q.chars().count() > 1024)
        {
            return Err(WxError::new(errcode::INVALID_QUERY));
        }
        if self
            .env_version
            .as_deref()
            .is_some_and(|env| !matches!(env, "release" | "trial" | "develop"))
        {
            return Err(WxError::new(errcode::INVALID_ARGS));
        }
        Ok(())
    }
}

#[derive(Debug, Deserialize)]
struct LinkRequest {
    /// `generatescheme` nests the target; `generate_urllink` does not.
    jump_wxa: Option<LinkTarget>,
    #[serde(flatten)]
    target: LinkTarget,
    expire_type: Option<u8>,
    expire_time: Option<u64>,
    expire_interval: Option<u64>,
    /// `generate_urllink` only.
    cloud_base: Option<Value>,
}

impl LinkRequest {
    /// The page it opens.
    fn target(&self) -> &LinkTarget {
        self.jump_wxa.as_ref().unwrap_or(&self.target)
    }

    /// WeChat's checks: those of the target, and an expiry within 30 days and at least a
    /// minute away (85401).
    fn check(&self) -> Result<(), WxError> {
        self.target().check()?;
        let now = unix_now();
        let expiry_ok = match self.expire_type.unwrap_or(0) {
            0 => self
                .expire_time
                .is_some_and(|t| t >= now + 60 && t <= now + MAX_LINK_DAYS * 86_400),
            1 => self
                .expire_interval
                .is_some_and(|days| (1..=MAX_LINK_DAYS).contains(&days)),
            _ => false,
        };
        if expiry_ok {
            Ok(())
        } else {
            Err(WxError::new(errcode::EXPIRE_TIME_OUT_OF_RANGE))
        }
    }

    /// What the query endpoints report of the link `appid` made now.
    fn remember(&self, state: &AppState, appid: &str) -> String {
        let now = unix_now();
        let target = self.target();
        let expire_time = match self.expire_type.unwrap_or(0) {
            0 => self.expire_time.unwrap_or_default(),
            _ => now + self.expire_interval.unwrap_or_default() * 86_400,
        };
        let ticket = random_string(11);
        let link = GeneratedLink {
            appid: appid.to_owned(),
            path: target.path.clone().unwrap_or_default(),
            query: target.query.clone().unwrap_or_default(),
            create_time: now,
            expire_time,
            env_version: target
                .env_version
                .clone()
                .unwrap_or_else(|| "release".to_owned()),
            cloud_base: self.cloud_base.clone(),
        };
        state.lock().mini_program.links.insert(ticket.clone(), link);
        ticket
    }
}

/// `POST /wxa/generatescheme`: an `openlink` (`weixin://dl/business/?t=...`), remembered for
/// `/wxa/queryscheme`.
async fn generatescheme(
    State(state): State<AppState>,
    auth: AccessToken,
    WxJson(body): WxJson<LinkRequest>,
) -> ApiResult {
    body.check()?;
    let ticket = body.remember(&state, &auth.appid);
    ok(json!({ "openlink": format!("weixin://dl/business/?t={ticket}") }))
}

/// `POST /wxa/generate_urllink`: a `url_link` (`https://wxaurl.cn/...`), remembered for
/// `/wxa/query_urllink`.
async fn generate_urllink(
    State(state): State<AppState>,
    auth: AccessToken,
    WxJson(body): WxJson<LinkRequest>,
) -> ApiResult {
    body.check()?;
    let ticket = body.remember(&state, &auth.appid);
    ok(json!({ "url_link": format!("https://wxaurl.cn/{ticket}") }))
}

#[derive(Debug, Deserialize)]
struct SecCheckRequest {
    content: Option<String>,
    version: Option<u8>,
    scene: Option<u8>,
    openid: Option<String>,
    title: Option<String>,
    nickname: Option<String>,
    signature: Option<String>,
}

/// `POST /wxa/msg_sec_check` (version 2): `pass`, or `risky` / `review` for text holding the
/// markers. 40003 for a missing or malformed openid, 40097 for a bad version, scene or
/// content.
async fn msg_sec_check(_auth: AccessToken, WxJson(body): WxJson<SecCheckRequest>) -> ApiResult {
    let openid_ok = body.openid.as_deref().is_some_and(|openid| {
        !openid.is_empty()
            && openid.len() <= 64
            && openid
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-'))
    });
    if !openid_ok {
        return Err(WxError::new(errcode::INVALID_OPENID));
    }
    let content = body.content.as_deref().unwrap_or_default();
    let args_ok = body.version == Some(2)
        && body.scene.is_some_and(|scene| (1..=4).contains(&scene))
        && !content.is_empty()
        && content.chars().count() <= 2500;
    if !args_ok {
        return Err(WxError::new(errcode::INVALID_ARGS));
    }
    let texts = [
        Some(content),
        body.title.as_deref(),
        body.nickname.as_deref(),
        body.signature.as_deref(),
    ];
    let holds = |marker: &str| texts.iter().flatten().any(|text| text.contains(marker));
    let (suggest, label, keyword) = if holds(RISKY_MARKER) {
        ("risky", 20006, Some(RISKY_MARKER))
    } else if holds(REVIEW_MARKER) {
        ("review", 21000, Some(REVIEW_MARKER))
    } else {
        ("pass", 100, None)
    };
    let mut keyword_detail = json!({ "strategy": "keyword", "errcode": 0 });
    if let Some(keyword) = keyword {
        keyword_detail = json!({
            "strategy": "keyword",
            "errcode": 0,
            "suggest": suggest,
            "label": label,
            "level": 90,
            "keyword": keyword,
        });
    }
    ok(json!({
        "result": { "suggest": suggest, "label": label },
        "detail": [
            {
                "strategy": "content_model",
                "errcode": 0,
                "suggest": suggest,
                "label": label,
                "prob": 90,
            },
            keyword_detail,
        ],
        "trace_id": format!("{}-{}", random_string(8), random_string(8)),
    }))
}
