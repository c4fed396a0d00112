//! The login and phone number codes of each Mini Program (`/sns/jscode2session`,
//! `/wxa/business/getuserphonenumber`), and the URL schemes and links it made
//! (`/wxa/generatescheme`, `/wxa/generate_urllink`, read back by `/wxa/queryscheme` and
//! `/wxa/query_urllink`).

use std::time::Instant;

use super::{fifo::Fifo, oauth::CODE_TTL};
use crate::{errcode, tokens::random_string, wx_error::WxError};

/// A code issued to a user of a Mini Program.
#[derive(Debug, Clone)]
pub(crate) struct Issued {
    appid: String,
    /// The openid for a login code, the phone number for a phone code.
    subject: String,
    expires_at: Instant,
}

/// The login and phone number codes of every Mini Program.
#[derive(Debug, Default)]
pub(crate) struct MiniProgram {
    js_codes: Fifo<Issued>,
    spent_js_codes: Fifo<()>,
    pub(crate) phone_codes: Fifo<Issued>,
    /// "appid openid" -> the user's live session key (the last login's).
    session_keys: Fifo<String>,
    /// The ticket of a URL scheme (`t=`) or URL link (`wxaurl.cn/TICKET`) -> what it opens.
    pub(crate) links: Fifo<GeneratedLink>,
}

/// A URL scheme or URL link a Mini Program made, as the query endpoints report it.
#[derive(Debug, Clone)]
pub(crate) struct GeneratedLink {
    /// The Mini Program that made it.
    pub(crate) appid: String,
    /// The page (empty for the home page).
    pub(crate) path: String,
    /// The page's query.
    pub(crate) query: String,
    /// When it was made, in unix seconds.
    pub(crate) create_time: u64,
    /// When it stops working, in unix seconds; 0 if never.
    pub(crate) expire_time: u64,
    /// `release`, `trial` or `develop`.
    pub(crate) env_version: String,
    /// The static site a URL link passes through, as sent.
    pub(crate) cloud_base: Option<serde_json::Value>,
}

impl MiniProgram {
    /// Issues a login code (`wx.login()`) for `openid` of `appid`.
    pub(crate) fn issue_js_code(&mut self, appid: &str, openid: &str) -> String {
        let code = random_string(32);
        self.js_codes.insert(code.clone(), issued(appid, openid));
        code
    }

    /// Issues a phone number code (the `getPhoneNumber` button) for `phone` of `appid`.
    pub(crate) fn issue_phone_code(&mut self, appid: &str, phone: &str) -> String {
        let code = random_string(64);
        self.phone_codes.insert(code.clone(), issued(appid, phone));
        code
    }

    /// A new session key for `openid` of `appid` (16 random bytes in base64, as WeChat's); it
    /// replaces the one before, as a new login does.
    pub(crate) fn new_session_key(&mut self, appid: &str, openid: &str) -> String {
        let key = format!("{}==", random_string(22));
        self.session_keys
            .insert(format!("{appid} {openid}"), key.clone());
        key
    }

    /// The live session key of `openid` of `appid`, if the user logged in.
    pub(crate) fn session_key(&self, appid: &str, openid: &str) -> Option<&str> {
        self.session_keys
            .get(&format!("{appid} {openid}"))
            .map(String::as_str)
    }

    /// Spends login `code` of `appid`; the openid. 40163 if already spent, 40029 if unknown,
    /// expired or another account's.
    pub(crate) fn redeem_js_code(&mut self, appid: &str, code: &str) -> Result<String, WxError> {
        if self.spent_js_codes.contains(code) {
            return Err(WxError::new(errcode::CODE_BEEN_USED));
        }
        let openid = redeem(&mut self.js_codes, appid, code)?;
        self.spent_js_codes.insert(code.to_owned(), ());
        Ok(openid)
    }
}

fn issued(appid: &str, subject: &str) -> Issued {
    Issued {
        appid: appid.to_owned(),
        subject: subject.to_owned(),
        expires_at: Instant::now() + CODE_TTL,
    }
}

/// Removes `code` of `appid` from `codes`; its subject, or 40029.
pub(crate) fn redeem(codes: &mut Fifo<Issued>, appid: &str, code: &str) -> Result<String, WxError> {
    if codes.get(code).is_none_or(|issued| issued.appid != appid) {
        return Err(WxError::new(errcode::INVALID_CODE));
    }
    codes
        .remove(code)
        .filter(|issued| issued.expires_at > Instant::now())
        .map(|issued| issued.subject)
        .ok_or_else(|| WxError::new(errcode::INVALID_CODE))
}
