//! Mini Program plugins: the plugins a Mini Program applies for and uses (`/wxa/plugin`), the
//! applications a plugin's developer reviews (`/wxa/devplugin`), and the `openpid` of a
//! plugin's user.
//!
//! # Example
//!
//! ```no_run
//! # async fn example<S>(client: &wechat_runtime::Client<S>) -> wechat_runtime::Result<()> {
//! use wechat_runtime::api::wxa_plugin::PluginStatus;
//!
//! let plugins = client.wxa_plugin();
//! plugins.apply("wx5514af450eaceec2", "to show maps").await?;
//! for plugin in plugins.list().await? {
//!     if plugin.status == PluginStatus::Approved {
//!         println!("{} ({}) can be used", plugin.nickname, plugin.appid);
//!     }
//! }
//!
//! // On the plugin's side: review the applications.
//! for application in plugins.dev_apply_list(1, 10).await? {
//!     plugins.dev_agree(&application.appid).await?;
//! }
//! # Ok(()) }
//! ```

use serde::de::Deserializer;
use serde::{Deserialize, Serialize};

use super::{check_between, check_present, string_or_number, ApiCall, Area, Retry};
use crate::error::Result;

/// Mini Program plugins; from [`Client::wxa_plugin`](crate::Client::wxa_plugin).
pub struct WxaPluginApi<'c, K>(pub(crate) Area<'c, K>);

/// Where an application for a plugin stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum PluginStatus {
    /// Waiting for the plugin's developer (1).
    Applying,
    /// Approved: the plugin can be used (2).
    Approved,
    /// Refused (3).
    Refused,
    /// Timed out without an answer (4).
    TimedOut,
    /// A status this version does not know.
    Unknown(i64),
}

impl PluginStatus {
    /// The number WeChat uses.
    pub fn code(self) -> i64 {
        match self {
            PluginStatus::Applying => 1,
            PluginStatus::Approved => 2,
            PluginStatus::Refused => 3,
            PluginStatus::TimedOut => 4,
            PluginStatus::Unknown(code) => code,
        }
    }
}

impl From<i64> for PluginStatus {
    fn from(code: i64) -> Self {
        match code {
            1 => PluginStatus::Applying,
            2 => PluginStatus::Approved,
            3 => PluginStatus::Refused,
            4 => PluginStatus::TimedOut,
            other => PluginStatus::Unknown(other),
        }
    }
}

impl<'de> Deserialize<'de> for PluginStatus {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        Ok(i64::deserialize(deserializer)?.into())
    }
}

/// A plugin a Mini Program applied for or uses.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct Plugin {
    /// The plugin's appid.
    pub appid: String,
    /// Where the application stands.
    pub status: PluginStatus,
    /// The plugin's name.
    #[serde(default)]
    pub nickname: String,
    /// The plugin's avatar URL.
    #[serde(default)]
    pub headimgurl: String,
}

/// A category of a Mini Program that applied for a plugin.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct PluginCategory {
    /// The first-level category.
    #[serde(default)]
    pub first: String,
    /// The second-level category.
    #[serde(default)]
    pub second: String,
}

/// An application for a plugin, as its developer sees it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct PluginApplication {
    /// The appid of the Mini Program that applied.
    pub appid: String,
    /// Where the application stands.
    pub status: PluginStatus,
    /// The Mini Program's name.
    #[serde(default)]
    pub nickname: String,
    /// The Mini Program's avatar URL.
    #[serde(default)]
    pub headimgurl: String,
    /// Why it applied.
    #[serde(default)]
    pub reason: String,
    /// The Mini Program's code (a URL).
    #[serde(default)]
    pub apply_url: String,
    /// When it applied, in unix seconds, as WeChat writes it.
    #[serde(default, deserialize_with = "string_or_number")]
    pub create_time: String,
    /// The Mini Program's categories.
    #[serde(default)]
    pub categories: Vec<PluginCategory>,
}

#[derive(Serialize)]
struct PluginAction<'a> {
    action: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    plugin_appid: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    user_version: Option<&'a str>,
}

#[derive(Serialize)]
struct DevAction<'a> {
    action: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    appid: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    page: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    num: Option<u32>,
}

impl<'c, K: 'static> WxaPluginApi<'c, K> {
    fn plugin_ok(
        &self,
        checked: Result<()>,
        action: &PluginAction<'_>,
        retry: Retry,
    ) -> ApiCall<'static, (), K> {
        self.0
            .checked(checked, |()| self.0.post_ok("/wxa/plugin", action, retry))
    }

    fn dev_ok(
        &self,
        checked: Result<()>,
        action: &DevAction<'_>,
        retry: Retry,
    ) -> ApiCall<'static, (), K> {
        self.0.checked(checked, |()| {
            self.0.post_ok("/wxa/devplugin", action, retry)
        })
    }

    /// Applies for the plugin `plugin_appid`, saying why:
    /// `POST /wxa/plugin` with `action` `apply`.
    pub fn apply(&self, plugin_appid: &str, reason: &str) -> ApiCall<'static, (), K> {
        let checked = check_present("plugin_appid", plugin_appid)
            .and_then(|()| check_present("reason", reason));
        self.plugin_ok(
            checked,
            &PluginAction {
                action: "apply",
                plugin_appid: Some(plugin_appid),
                reason: Some(reason),
                user_version: None,
            },
            Retry::Unsafe,
        )
    }

    /// The plugins the Mini Program applied for or uses: `POST /wxa/plugin` with `action`
    /// `list`.
    pub fn list(&self) -> ApiCall<'static, Vec<Plugin>, K> {
        #[derive(Deserialize)]
        struct Answer {
            #[serde(default)]
            plugin_list: Vec<Plugin>,
        }
        self.0.post_with(
            "/wxa/plugin",
            &PluginAction {
                action: "list",
                plugin_appid: None,
                reason: None,
                user_version: None,
            },
            Retry::Safe,
            |response| Ok(response.json::<Answer>()?.plugin_list),
        )
    }

    /// Removes the plugin `plugin_appid` (not while its application is pending):
    /// `POST /wxa/plugin` with `action` `unbind`.
    pub fn unbind(&self, plugin_appid: &str) -> ApiCall<'static, (), K> {
        self.plugin_ok(
            check_present("plugin_appid", plugin_appid),
            &PluginAction {
                action: "unbind",
                plugin_appid: Some(plugin_appid),
                reason: None,
                user_version: None,
            },
            Retry::Safe,
        )
    }

    /// Moves the plugin `plugin_appid` to `user_version` (a version that supports quick
    /// updates): `POST /wxa/plugin` with `action` `update`.
    pub fn update(&self, plugin_appid: &str, user_version: &str) -> ApiCall<'static, (), K> {
        let checked = check_present("plugin_appid", plugin_appid)
            .and_then(|()| check_present("user_version", user_version));
        self.plugin_ok(
            checked,
            &PluginAction {
                action: "update",
                plugin_appid: Some(plugin_appid),
                reason: None,
                user_version: Some(user_version),
            },
            Retry::Safe,
        )
    }

    /// The applications for the plugin (called by the plugin's developer), page `page` (from
    /// 1) of `num`: `POST /wxa/devplugin` with `action` `dev_apply_list`.
    pub fn dev_apply_list(
        &self,
        page: u32,
        num: u32,
    ) -> ApiCall<'static, Vec<PluginApplication>, K> {
        #[derive(Deserialize)]
        struct Answer {
            #[serde(default)]
            apply_list: Vec<PluginApplication>,
        }
        let checked = check_between("page", page, 1, u32::MAX)
            .and_then(|()| check_between("num", num, 1, u32::MAX));
        self.0.checked(checked, |()| {
            self.0.post_with(
                "/wxa/devplugin",
                &DevAction {
                    action: "dev_apply_list",
                    appid: None,
                    reason: None,
                    page: Some(page),
                    num: Some(num),
                },
                Retry::Safe,
                |response| Ok(response.json::<Answer>()?.apply_list),
            )
        })
    }

    /// Agrees to the pending application of the Mini Program `appid`:
    /// `POST /wxa/devplugin` with `action` `dev_agree`.
    pub fn dev_agree(&self, appid: &str) -> ApiCall<'static, (), K> {
        self.dev_ok(
            check_present("appid", appid),
            &DevAction {
                action: "dev_agree",
                appid: Some(appid),
                reason: None,
                page: None,
                num: None,
            },
            Retry::Unsafe,
        )
    }

    /// Refuses the pending applications, saying why: `POST /wxa/devplugin` with `action`
    /// `dev_refuse`. (WeChat's documentation names no appid for this action.)
    pub fn dev_refuse(&self, reason: &str) -> ApiCall<'static, (), K> {
        self.dev_ok(
            check_present("reason", reason),
            &DevAction {
                action: "dev_refuse",
                appid: None,
                reason: Some(reason),
                page: None,
                num: None,
            },
            Retry::Unsafe,
        )
    }

    /// Deletes the refused and timed-out applications: `POST /wxa/devplugin` with `action`
    /// `dev_delete`.
    pub fn dev_delete(&self) -> ApiCall<'static, (), K> {
        self.dev_ok(
            Ok(()),
            &DevAction {
                action: "dev_delete",
                appid: None,
                reason: None,
                page: None,
                num: None,
            },
            Retry::Safe,
        )
    }

    /// Exchanges the `code` of `wx.pluginLogin` (single use, valid 5 minutes) for the user's
    /// `openpid`, the same for one user, host Mini Program and plugin:
    /// `POST /wxa/getpluginopenpid`.
    pub fn openpid(&self, code: &str) -> ApiCall<'static, String, K> {
        self.0.checked(check_present("code", code), |()| {
            self.0.post_with(
                "/wxa/getpluginopenpid",
                &serde_json::json!({ "code": code }),
                Retry::Unsafe,
                |response| {
                    #[derive(Deserialize)]
                    struct Answer {
                        openpid: String,
                    }
                    Ok(response.json::<Answer>()?.openpid)
                },
            )
        })
    }
}
