//! Mini Program plugins: the applications of Mini Programs for plugins (`/wxa/plugin`), as the
//! plugins' developers review them (`/wxa/devplugin`), and the codes of `wx.pluginLogin`
//! (`/wxa/getpluginopenpid`).

use std::time::Instant;

use super::{fifo::Fifo, oauth::CODE_TTL};
use crate::{errcode, ids::fnv1a, tokens::random_string, wx_error::WxError};

/// How many plugins a Mini Program may apply for or use at once.
pub(crate) const MAX_PLUGINS_PER_APP: usize = 100;

/// Where an application stands, with WeChat's numbers.
pub(crate) const APPLYING: u8 = 1;
/// Approved: the plugin can be used.
pub(crate) const APPROVED: u8 = 2;
/// Refused by the plugin's developer.
pub(crate) const REFUSED: u8 = 3;

/// A Mini Program's application for a plugin.
#[derive(Debug, Clone)]
pub(crate) struct Application {
    /// The Mini Program that applied.
    pub(crate) appid: String,
    /// The plugin.
    pub(crate) plugin_appid: String,
    /// 1 applying, 2 approved, 3 refused, 4 timed out.
    pub(crate) status: u8,
    /// Why it applied.
    pub(crate) reason: String,
    /// When it applied, in unix seconds.
    pub(crate) create_time: u64,
    /// The version it uses, after a quick update.
    pub(crate) user_version: Option<String>,
}

/// A code of `wx.pluginLogin`.
#[derive(Debug, Clone)]
struct LoginCode {
    plugin_appid: String,
    openpid: String,
    expires_at: Instant,
}

/// The plugin applications of every Mini Program, oldest first, and the plugin login codes.
#[derive(Debug, Default)]
pub(crate) struct Plugins {
    applications: Vec<Application>,
    login_codes: Fifo<LoginCode>,
}

impl Plugins {
    fn position(&self, appid: &str, plugin_appid: &str) -> Option<usize> {
        self.applications
            .iter()
            .position(|a| a.appid == appid && a.plugin_appid == plugin_appid)
    }

    /// `appid` applies for `plugin_appid`: 89236 for its own plugin, 89237 if already applied
    /// for, 89238 past [`MAX_PLUGINS_PER_APP`].
    pub(crate) fn apply(
        &mut self,
        appid: &str,
        plugin_appid: &str,
        reason: &str,
        now: u64,
    ) -> Result<(), WxError> {
        if appid == plugin_appid {
            return Err(WxError::new(errcode::PLUGIN_CANNOT_APPLY));
        }
        if self.position(appid, plugin_appid).is_some() {
            return Err(WxError::new(errcode::PLUGIN_ALREADY_ADDED));
        }
        if self.list(appid).count() >= MAX_PLUGINS_PER_APP {
            return Err(WxError::new(errcode::PLUGIN_LIMIT));
        }
        self.applications.push(Application {
            appid: appid.to_owned(),
            plugin_appid: plugin_appid.to_owned(),
            status: APPLYING,
            reason: reason.to_owned(),
            create_time: now,
            user_version: None,
        });
        Ok(())
    }

    /// The plugins `appid` applied for or uses, in order of application.
    pub(crate) fn list<'a>(&'a self, appid: &'a str) -> impl Iterator<Item = &'a Application> {
        self.applications.iter().filter(move |a| a.appid == appid)
    }

    /// `appid` removes `plugin_appid`: 89044 if it has no such plugin, 89243 while pending.
    pub(crate) fn unbind(&mut self, appid: &str, plugin_appid: &str) -> Result<(), WxError> {
        let at = self
            .position(appid, plugin_appid)
            .ok_or_else(|| WxError::new(errcode::PLUGIN_NOT_ADDED))?;
        if self.applications[at].status == APPLYING {
            return Err(WxError::new(errcode::PLUGIN_PENDING));
        }
        self.applications.remove(at);
        Ok(())
    }

    /// `appid` moves `plugin_appid` to `version`: 89044 unless it uses the plugin.
    pub(crate) fn update(
        &mut self,
        appid: &str,
        plugin_appid: &str,
        version: &str,
    ) -> Result<(), WxError> {
        let application = self
            .position(appid, plugin_appid)
            .map(|at| &mut self.applications[at])
            .filter(|a| a.status == APPROVED)
            .ok_or_else(|| WxError::new(errcode::PLUGIN_NOT_ADDED))?;
        application.user_version = Some(version.to_owned());
        Ok(())
    }

    /// The applications for `plugin_appid`, oldest first.
    pub(crate) fn applications_for<'a>(
        &'a self,
        plugin_appid: &'a str,
    ) -> impl Iterator<Item = &'a Application> {
        self.applications
            .iter()
            .filter(move |a| a.plugin_appid == plugin_appid)
    }

    /// The developer of `plugin_appid` agrees to the application of `appid`: 89242 if it did
    /// not apply, 89240 unless pending.
    pub(crate) fn agree(&mut self, plugin_appid: &str, appid: &str) -> Result<(), WxError> {
        let at = self
            .position(appid, plugin_appid)
            .ok_or_else(|| WxError::new(errcode::PLUGIN_NOT_APPLIED))?;
        let application = &mut self.applications[at];
        if application.status != APPLYING {
            return Err(WxError::new(errcode::PLUGIN_NOT_PENDING));
        }
        application.status = APPROVED;
        Ok(())
    }

    /// The developer of `plugin_appid` refuses the pending applications: 89240 if none is.
    pub(crate) fn refuse(&mut self, plugin_appid: &str) -> Result<(), WxError> {
        let mut refused = 0;
        for application in &mut self.applications {
            if application.plugin_appid == plugin_appid && application.status == APPLYING {
                application.status = REFUSED;
                refused += 1;
            }
        }
        if refused == 0 {
            return Err(WxError::new(errcode::PLUGIN_NOT_PENDING));
        }
        Ok(())
    }

    /// The developer of `plugin_appid` deletes the refused and timed-out applications: 89241
    /// if there is none.
    pub(crate) fn delete_refused(&mut self, plugin_appid: &str) -> Result<(), WxError> {
        let before = self.applications.len();
        self.applications
            .retain(|a| a.plugin_appid != plugin_appid || a.status <= APPROVED);
        if self.applications.len() == before {
            return Err(WxError::new(errcode::PLUGIN_NOT_REFUSED));
        }
        Ok(())
    }

    /// A `wx.pluginLogin` code of the user `openid` of the Mini Program `host_appid`, inside
    /// the plugin `plugin_appid`.
    pub(crate) fn issue_login_code(
        &mut self,
        plugin_appid: &str,
        host_appid: &str,
        openid: &str,
    ) -> String {
        let code = random_string(64);
        let key = format!("{plugin_appid}/{host_appid}/{openid}");
        let openpid = format!(
            "GACo{:016x}{:08x}",
            fnv1a(&key),
            fnv1a(&format!("{key}/openpid")) as u32
        );
        self.login_codes.insert(
            code.clone(),
            LoginCode {
                plugin_appid: plugin_appid.to_owned(),
                openpid,
                expires_at: Instant::now() + CODE_TTL,
            },
        );
        code
    }

    /// Spends `code` for `plugin_appid`; the openpid, or 1007 if the code is unknown, spent,
    /// expired or another plugin's.
    pub(crate) fn redeem_login_code(
        &mut self,
        plugin_appid: &str,
        code: &str,
    ) -> Result<String, WxError> {
        let not_found = || WxError::new(errcode::OPENPID_NOT_FOUND);
        if self
            .login_codes
            .get(code)
            .is_none_or(|c| c.plugin_appid != plugin_appid)
        {
            return Err(not_found());
        }
        self.login_codes
            .remove(code)
            .filter(|c| c.expires_at > Instant::now())
            .map(|c| c.openpid)
            .ok_or_else(not_found)
    }
}
