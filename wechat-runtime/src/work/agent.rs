//! WeCom applications (应用管理): an agent's settings and its menu, from
//! [`Client::agents`](crate::Client::agents).
//!
//! ```no_run
//! use wechat_runtime::work::agent::{AgentButton, AgentSettings};
//! use wechat_runtime::work::{WorkApp, WorkKey};
//! use wechat_runtime::{Client, Hub, MemoryStore};
//!
//! # async fn run() -> wechat_runtime::Result<()> {
//! let corp = "ww0123456789abcdef";
//! let agent = WorkApp::Agent(1000002);
//! let store = MemoryStore::new().with_work_app(WorkKey::new(corp, agent), "the-agent-secret");
//! let client = Client::work_builder(Hub::new(store)).corpid(corp).work_app(agent).build()?;
//!
//! let info = client.agents().get(1000002).await?;
//! println!("{} sees {} members", info.name, info.allowed_users.len());
//! client.agents().set(&AgentSettings::new(1000002).home_url("https://hr.example.com")).await?;
//! client
//!     .agents()
//!     .create_menu(1000002, &[
//!         AgentButton::click("今日", "TODAY"),
//!         AgentButton::parent("更多", vec![AgentButton::view("主页", "https://hr.example.com")]),
//!     ])
//!     .await?;
//! # Ok(()) }
//! ```

use reqwest::Method;
use serde::{Deserialize, Serialize};

use crate::api::menu::{check_two_levels, MenuButton};
use crate::api::{check_present, ApiCall, Area, Retry};
use crate::call::kind::Work;
use crate::error::{Error, Result};
use crate::work::lists::{check_bytes, check_chars};

/// WeCom applications; from [`Client::agents`](crate::Client::agents).
pub struct AgentsApi<'c>(pub(crate) Area<'c, Work>);

impl<S> crate::Client<S, Work> {
    /// WeCom applications: an agent's settings and menu.
    ///
    /// ```no_run
    /// # async fn run<S>(client: &wechat_runtime::Client<S, wechat_runtime::Work>) -> wechat_runtime::Result<()> {
    /// for agent in client.agents().list().await? {
    ///     println!("{} {}", agent.agentid, agent.name);
    /// }
    /// # Ok(()) }
    /// ```
    pub fn agents(&self) -> AgentsApi<'_> {
        AgentsApi(Area::new(&self.core))
    }
}

/// An agent, as `agent/get` answers.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(from = "RawAgent")]
#[non_exhaustive]
pub struct AgentInfo {
    /// Its id.
    pub agentid: i64,
    /// Its name.
    pub name: String,
    /// Its square logo.
    pub square_logo_url: String,
    /// Its description.
    pub description: String,
    /// The members it is visible to one by one.
    pub allowed_users: Vec<String>,
    /// The departments it is visible to.
    pub allowed_parties: Vec<u32>,
    /// The tags it is visible to.
    pub allowed_tags: Vec<u32>,
    /// Whether it is disabled (`close` 1).
    pub closed: bool,
    /// Its trusted domain.
    pub redirect_domain: String,
    /// `0` no location reports, `1` on entering the chat.
    pub report_location_flag: u8,
    /// `1` if it receives the member-entered event.
    pub isreportenter: u8,
    /// Its home page.
    pub home_url: String,
    /// For apps developed by a provider for the corp: their publish status.
    pub customized_publish_status: Option<u8>,
}

#[derive(Deserialize)]
struct RawAgent {
    agentid: i64,
    #[serde(default)]
    name: String,
    #[serde(default)]
    square_logo_url: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    allow_userinfos: RawAllowUsers,
    #[serde(default)]
    allow_partys: RawAllowParties,
    #[serde(default)]
    allow_tags: RawAllowTags,
    #[serde(default)]
    close: u8,
    #[serde(default)]
    redirect_domain: String,
    #[serde(default)]
    report_location_flag: u8,
    #[serde(default)]
    isreportenter: u8,
    #[serde(default)]
    home_url: String,
    #[serde(default)]
    customized_publish_status: Option<u8>,
}

#[derive(Default, Deserialize)]
struct RawAllowUsers {
    #[serde(default)]
    user: Vec<RawAllowUser>,
}

#[derive(Deserialize)]
struct RawAllowUser {
    userid: String,
}

#[derive(Default, Deserialize)]
struct RawAllowParties {
    #[serde(default)]
    partyid: Vec<u32>,
}

#[derive(Default, Deserialize)]
struct RawAllowTags {
    #[serde(default)]
    tagid: Vec<u32>,
}

impl From<RawAgent> for AgentInfo {
    fn from(raw: RawAgent) -> Self {
        AgentInfo {
            agentid: raw.agentid,
            name: raw.name,
            square_logo_url: raw.square_logo_url,
            description: raw.description,
            allowed_users: raw
                .allow_userinfos
                .user
                .into_iter()
                .map(|u| u.userid)
                .collect(),
            allowed_parties: raw.allow_partys.partyid,
            allowed_tags: raw.allow_tags.tagid,
            closed: raw.close == 1,
            redirect_domain: raw.redirect_domain,
            report_location_flag: raw.report_location_flag,
            isreportenter: raw.isreportenter,
            home_url: raw.home_url,
            customized_publish_status: raw.customized_publish_status,
        }
    }
}

/// An agent as `agent/list` lists it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct AgentBrief {
    /// Its id.
    pub agentid: i64,
    /// Its name.
    #[serde(default)]
    pub name: String,
    /// Its square logo.
    #[serde(default)]
    pub square_logo_url: String,
}

/// What [`AgentsApi::set`] changes of an agent; what is not set stays.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct AgentSettings {
    /// The agent.
    pub agentid: i64,
    /// `0` no location reports, `1` on entering the chat.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub report_location_flag: Option<u8>,
    /// A new logo: the media id of an uploaded image.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub logo_mediaid: Option<String>,
    /// The name, up to 32 characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The description, 4 to 120 characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The trusted domain (its ownership verified, else 85005).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub redirect_domain: Option<String>,
    /// `1` to receive the member-entered event.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub isreportenter: Option<u8>,
    /// The home page, `http://` or `https://`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub home_url: Option<String>,
}

impl AgentSettings {
    /// Changes of the agent `agentid`: set what changes.
    pub fn new(agentid: i64) -> Self {
        AgentSettings {
            agentid,
            ..AgentSettings::default()
        }
    }

    /// Whether the agent gets members' locations on entering the chat.
    pub fn report_location(mut self, report: bool) -> Self {
        self.report_location_flag = Some(u8::from(report));
        self
    }

    /// Sets the logo (an uploaded image's media id).
    pub fn logo_mediaid(mut self, media_id: impl Into<String>) -> Self {
        self.logo_mediaid = Some(media_id.into());
        self
    }

    /// Sets the name.
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// Sets the description.
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.description = Some(description.into());
        self
    }

    /// Sets the trusted domain.
    pub fn redirect_domain(mut self, domain: impl Into<String>) -> Self {
        self.redirect_domain = Some(domain.into());
        self
    }

    /// Whether the agent receives the member-entered event.
    pub fn report_enter(mut self, report: bool) -> Self {
        self.isreportenter = Some(u8::from(report));
        self
    }

    /// Sets the home page.
    pub fn home_url(mut self, url: impl Into<String>) -> Self {
        self.home_url = Some(url.into());
        self
    }

    fn check(&self) -> Result<()> {
        let AgentSettings {
            report_location_flag,
            logo_mediaid,
            name,
            description,
            redirect_domain,
            isreportenter,
            home_url,
            ..
        } = self;
        if report_location_flag.is_none()
            && logo_mediaid.is_none()
            && name.is_none()
            && description.is_none()
            && redirect_domain.is_none()
            && isreportenter.is_none()
            && home_url.is_none()
        {
            return Err(Error::invalid_input("the agent settings change nothing"));
        }
        if let Some(name) = name {
            check_present("the agent's name", name)?;
            check_chars("the agent's name", name, 32)?;
        }
        if let Some(description) = description {
            let chars = description.chars().count();
            if !(4..=120).contains(&chars) {
                return Err(Error::invalid_input(format!(
                    "the agent's description is {chars} characters; WeCom takes 4 to 120"
                )));
            }
        }
        if let Some(url) = home_url {
            if !(url.starts_with("http://") || url.starts_with("https://")) {
                return Err(Error::invalid_input(format!(
                    "the home url `{url}` must start with http:// or https://"
                )));
            }
        }
        Ok(())
    }
}

/// The type of an agent's menu button.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum AgentButtonKind {
    /// Sends a click event with the key.
    Click,
    /// Opens the URL.
    View,
    /// Scans a code; the result goes to the client and an event to the agent.
    ScancodePush,
    /// Scans a code, then waits for the agent's message.
    ScancodeWaitmsg,
    /// Takes a photo.
    PicSysphoto,
    /// Takes a photo or picks one from the album.
    PicPhotoOrAlbum,
    /// Picks a photo from the WeCom album.
    PicWeixin,
    /// Sends a location.
    LocationSelect,
    /// Opens a Mini Program's page.
    ViewMiniprogram,
}

impl AgentButtonKind {
    fn needs_key(self) -> bool {
        !matches!(
            self,
            AgentButtonKind::View | AgentButtonKind::ViewMiniprogram
        )
    }
}

/// A button of an agent's menu: with a type, or a parent of sub-buttons.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AgentButton {
    /// The type; `None` for a parent.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<AgentButtonKind>,
    /// The title: up to 16 bytes at the top, 40 below.
    pub name: String,
    /// The event key, up to 128 bytes (all types but `view` and `view_miniprogram`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// The URL of a `view` button, up to 1024 bytes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The Mini Program of a `view_miniprogram` button.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub appid: Option<String>,
    /// The Mini Program's page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pagepath: Option<String>,
    /// The sub-buttons of a parent, 1 to 5.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sub_button: Vec<AgentButton>,
}

impl AgentButton {
    fn new(kind: AgentButtonKind, name: impl Into<String>) -> Self {
        AgentButton {
            kind: Some(kind),
            name: name.into(),
            key: None,
            url: None,
            appid: None,
            pagepath: None,
            sub_button: Vec::new(),
        }
    }

    /// A button of a type that sends an event with `key` (`click`, `scancode_push`…).
    pub fn keyed(kind: AgentButtonKind, name: impl Into<String>, key: impl Into<String>) -> Self {
        AgentButton {
            key: Some(key.into()),
            ..AgentButton::new(kind, name)
        }
    }

    /// A `click` button.
    pub fn click(name: impl Into<String>, key: impl Into<String>) -> Self {
        AgentButton::keyed(AgentButtonKind::Click, name, key)
    }

    /// A `view` button opening `url`.
    pub fn view(name: impl Into<String>, url: impl Into<String>) -> Self {
        AgentButton {
            url: Some(url.into()),
            ..AgentButton::new(AgentButtonKind::View, name)
        }
    }

    /// A `view_miniprogram` button.
    pub fn miniprogram(
        name: impl Into<String>,
        appid: impl Into<String>,
        pagepath: impl Into<String>,
    ) -> Self {
        AgentButton {
            appid: Some(appid.into()),
            pagepath: Some(pagepath.into()),
            ..AgentButton::new(AgentButtonKind::ViewMiniprogram, name)
        }
    }

    /// A parent of 1 to 5 sub-buttons.
    pub fn parent(name: impl Into<String>, sub_buttons: Vec<AgentButton>) -> Self {
        AgentButton {
            kind: None,
            name: name.into(),
            key: None,
            url: None,
            appid: None,
            pagepath: None,
            sub_button: sub_buttons,
        }
    }
}

/// A menu's shape and each button's fields, as WeCom checks them.
fn check_menu(buttons: &[AgentButton]) -> Result<()> {
    check_two_levels(buttons, 3, 16, 5, 40)
}

impl MenuButton for AgentButton {
    fn name(&self) -> &str {
        &self.name
    }

    fn has_kind(&self) -> bool {
        self.kind.is_some()
    }

    fn sub_buttons(&self) -> &[Self] {
        &self.sub_button
    }

    fn check_name(&self, max_bytes: usize) -> Result<()> {
        check_name(self, max_bytes)
    }

    fn check_action(&self) -> Result<()> {
        check_action(self)
    }
}

fn check_name(button: &AgentButton, max: usize) -> Result<()> {
    check_present("a button's name", &button.name)?;
    check_bytes(
        &format!("the button name `{}`", button.name),
        &button.name,
        max,
    )
}

fn check_action(button: &AgentButton) -> Result<()> {
    let Some(kind) = button.kind else {
        return Err(Error::invalid_input(format!(
            "the sub-button `{}` has no type",
            button.name
        )));
    };
    let need = |field: &str, value: &Option<String>, max: usize| match value.as_deref() {
        Some(v) if !v.trim().is_empty() => check_bytes(
            &format!("the {field} of the button `{}`", button.name),
            v,
            max,
        ),
        _ => Err(Error::invalid_input(format!(
            "the button `{}` needs a {field}",
            button.name
        ))),
    };
    if kind.needs_key() {
        need("key", &button.key, 128)?;
    }
    match kind {
        AgentButtonKind::View => need("url", &button.url, 1024),
        AgentButtonKind::ViewMiniprogram => {
            need("appid", &button.appid, 64)?;
            need("pagepath", &button.pagepath, 1024)
        }
        _ => Ok(()),
    }
}

#[derive(Deserialize)]
struct AgentList {
    #[serde(default)]
    agentlist: Vec<AgentBrief>,
}

#[derive(Deserialize)]
struct MenuAnswer {
    #[serde(default)]
    button: Vec<AgentButton>,
}

#[derive(Serialize)]
struct MenuBody<'a> {
    button: &'a [AgentButton],
}

impl AgentsApi<'_> {
    /// An agent's details: `GET /cgi-bin/agent/get?agentid=ID`. A corp's token reads only its
    /// own agent (301002 otherwise).
    pub fn get(&self, agentid: i64) -> ApiCall<'static, AgentInfo, Work> {
        self.0.call_json(
            self.0
                .request(Method::GET, "/cgi-bin/agent/get")
                .query("agentid", agentid),
        )
    }

    /// Changes an agent's settings: `POST /cgi-bin/agent/set`.
    pub fn set(&self, settings: &AgentSettings) -> ApiCall<'static, (), Work> {
        self.0.checked(settings.check(), |()| {
            // Setting the same values again leaves the same agent.
            self.0.post_ok("/cgi-bin/agent/set", settings, Retry::Safe)
        })
    }

    /// The agents the token may see: `GET /cgi-bin/agent/list`.
    pub fn list(&self) -> ApiCall<'static, Vec<AgentBrief>, Work> {
        self.0.get_with("/cgi-bin/agent/list", |response| {
            Ok(response.json::<AgentList>()?.agentlist)
        })
    }

    /// Sets an agent's menu, replacing the one before:
    /// `POST /cgi-bin/menu/create?agentid=ID`. 1 to 3 buttons, 1 to 5 under a parent.
    pub fn create_menu(&self, agentid: i64, buttons: &[AgentButton]) -> ApiCall<'static, (), Work> {
        self.0.checked(check_menu(buttons), |()| {
            let request = self
                .0
                .request(Method::POST, "/cgi-bin/menu/create")
                .query("agentid", agentid)
                .json(&MenuBody { button: buttons })
                .idempotent(true);
            self.0.call(request, crate::api::ok)
        })
    }

    /// An agent's menu: `GET /cgi-bin/menu/get?agentid=ID`. 46003 if it has none.
    pub fn menu(&self, agentid: i64) -> ApiCall<'static, Vec<AgentButton>, Work> {
        let request = self
            .0
            .request(Method::GET, "/cgi-bin/menu/get")
            .query("agentid", agentid);
        self.0.call(request, |response| {
            Ok(response.json::<MenuAnswer>()?.button)
        })
    }

    /// Deletes an agent's menu: `GET /cgi-bin/menu/delete?agentid=ID`.
    pub fn delete_menu(&self, agentid: i64) -> ApiCall<'static, (), Work> {
        let request = self
            .0
            .request(Method::GET, "/cgi-bin/menu/delete")
            .query("agentid", agentid);
        self.0.call(request, crate::api::ok)
    }
}
