//! Whose WeCom token: a corp and one of its apps, as a typed pair.

use std::fmt;
use std::str::FromStr;

use crate::error::Error;

/// Which secret of a WeCom corp a token belongs to: a self-built application (an agent), or
/// one of the special secrets. Each has its own token; two apps of one corp never share one.
///
/// On the wire (the hub protocol, persistence keys) it is written `agent:1000002`,
/// `contacts`, `external_contact` or `customer_service`.
///
/// ```
/// use wechat_runtime::work::WorkApp;
///
/// let app: WorkApp = "agent:1000002".parse()?;
/// assert_eq!(app, WorkApp::Agent(1000002));
/// assert_eq!(WorkApp::Contacts.to_string(), "contacts");
/// # Ok::<(), wechat_runtime::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum WorkApp {
    /// A self-built application (自建应用), by its `agentid`.
    Agent(i64),
    /// The contacts sync secret (通讯录同步).
    Contacts,
    /// The external contact secret (客户联系).
    ExternalContact,
    /// The WeChat customer service secret (微信客服).
    CustomerService,
}

impl WorkApp {
    /// The agent's id, for an agent.
    pub fn agent_id(self) -> Option<i64> {
        match self {
            WorkApp::Agent(id) => Some(id),
            _ => None,
        }
    }
}

impl fmt::Display for WorkApp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WorkApp::Agent(id) => write!(f, "agent:{id}"),
            WorkApp::Contacts => f.write_str("contacts"),
            WorkApp::ExternalContact => f.write_str("external_contact"),
            WorkApp::CustomerService => f.write_str("customer_service"),
        }
    }
}

impl FromStr for WorkApp {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Error> {
        match s {
            "contacts" => Ok(WorkApp::Contacts),
            "external_contact" => Ok(WorkApp::ExternalContact),
            "customer_service" => Ok(WorkApp::CustomerService),
            _ => s
                .strip_prefix("agent:")
                .and_then(|id| id.parse::<i64>().ok())
                .map(WorkApp::Agent)
                .ok_or_else(|| {
                    Error::invalid_input(format!(
                        "unknown WeCom app `{s}`: expected `agent:<agentid>`, `contacts`, \
                         `external_contact` or `customer_service`"
                    ))
                }),
        }
    }
}

/// A WeCom token's owner: the corp (`corpid`) and the app within it.
///
/// ```
/// use wechat_runtime::work::{WorkApp, WorkKey};
///
/// let key = WorkKey::new("ww0123456789abcdef", WorkApp::Agent(1000002));
/// assert_eq!(key.to_string(), "ww0123456789abcdef/agent:1000002");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct WorkKey {
    /// The corp's id (`ww…` or `wx…`).
    pub corpid: String,
    /// The app whose secret the token was fetched with.
    pub app: WorkApp,
}

impl WorkKey {
    /// The key of `app` in the corp `corpid`.
    pub fn new(corpid: impl Into<String>, app: WorkApp) -> Self {
        WorkKey {
            corpid: corpid.into(),
            app,
        }
    }
}

/// `corpid/app`, for logs and errors; the pair itself stays typed everywhere it is a key.
impl fmt::Display for WorkKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.corpid, self.app)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn apps_round_trip_and_mistakes_are_named() {
        for app in [
            WorkApp::Agent(1000002),
            WorkApp::Agent(-1),
            WorkApp::Contacts,
            WorkApp::ExternalContact,
            WorkApp::CustomerService,
        ] {
            assert_eq!(app.to_string().parse::<WorkApp>().unwrap(), app);
        }
        for bad in ["agent:", "agent:x", "contact", ""] {
            let err = bad.parse::<WorkApp>().unwrap_err().to_string();
            assert!(err.contains("agent:<agentid>"), "{err}");
        }
    }
}
