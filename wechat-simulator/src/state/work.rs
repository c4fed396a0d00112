//! WeCom corps as the simulator knows them: the secrets of their apps (agents and special
//! secrets) and the JS-SDK tickets issued to them. Plain data under the state lock; the
//! handlers are in `work/`.

use std::{collections::HashMap, fmt, str::FromStr, time::Instant};

/// One app of a WeCom corp: a self-built application by its agentid, or a special secret.
///
/// Written as the runtime writes it: `agent:1000002`, `contacts`, `external_contact`,
/// `customer_service`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum WorkAppId {
    Agent(i64),
    Contacts,
    ExternalContact,
    CustomerService,
}

impl WorkAppId {
    /// The agentid, for an agent.
    pub(crate) fn agent_id(self) -> Option<i64> {
        match self {
            WorkAppId::Agent(id) => Some(id),
            _ => None,
        }
    }
}

impl fmt::Display for WorkAppId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WorkAppId::Agent(id) => write!(f, "agent:{id}"),
            WorkAppId::Contacts => f.write_str("contacts"),
            WorkAppId::ExternalContact => f.write_str("external_contact"),
            WorkAppId::CustomerService => f.write_str("customer_service"),
        }
    }
}

impl FromStr for WorkAppId {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "contacts" => Ok(WorkAppId::Contacts),
            "external_contact" => Ok(WorkAppId::ExternalContact),
            "customer_service" => Ok(WorkAppId::CustomerService),
            _ => s
                .strip_prefix("agent:")
                .and_then(|id| id.parse::<i64>().ok())
                .map(WorkAppId::Agent)
                .ok_or_else(|| {
                    format!(
                        "unknown WeCom app `{s}`: expected `agent:<agentid>`, `contacts`, \
                         `external_contact` or `customer_service`"
                    )
                }),
        }
    }
}

/// The owner string of a WeCom token in the token store: `corpid/app`.
pub(crate) fn token_owner(corpid: &str, app: WorkAppId) -> String {
    format!("{corpid}/{app}")
}

/// Splits a token owner written by [`token_owner`] back into its corpid and app.
pub(crate) fn parse_token_owner(owner: &str) -> Option<(&str, WorkAppId)> {
    let (corpid, app) = owner.split_once('/')?;
    Some((corpid, app.parse().ok()?))
}

/// Which ticket: the corp's JS-SDK ticket or an agent's `agent_config` ticket.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum WorkTicketKey {
    /// `get_jsapi_ticket`: one per corp.
    Corp(String),
    /// `ticket/get?type=agent_config`: one per agent.
    Agent(String, i64),
}

/// Every WeCom corp the simulator knows.
#[derive(Debug, Default)]
pub(crate) struct WorkCorps {
    /// (corpid, app) -> secret.
    secrets: HashMap<(String, WorkAppId), String>,
    /// The live tickets and their expiry.
    tickets: HashMap<WorkTicketKey, (String, Instant)>,
}

impl WorkCorps {
    /// Registers an app of a corp, replacing its secret if it exists.
    pub(crate) fn add_app(&mut self, corpid: &str, app: WorkAppId, secret: &str) {
        self.secrets
            .insert((corpid.to_owned(), app), secret.to_owned());
    }

    /// Whether any app of `corpid` is known.
    pub(crate) fn has_corp(&self, corpid: &str) -> bool {
        self.secrets.keys().any(|(corp, _)| corp == corpid)
    }

    /// The app of `corpid` whose secret is `secret`, if any.
    pub(crate) fn app_by_secret(&self, corpid: &str, secret: &str) -> Option<WorkAppId> {
        self.secrets
            .iter()
            .find(|((corp, _), known)| corp == corpid && known.as_str() == secret)
            .map(|((_, app), _)| *app)
    }

    /// The live ticket under `key`, or `None` when there is none or it expired at `now`.
    pub(crate) fn live_ticket(
        &self,
        key: &WorkTicketKey,
        now: Instant,
    ) -> Option<(String, Instant)> {
        self.tickets
            .get(key)
            .filter(|(_, expires_at)| *expires_at > now)
            .cloned()
    }

    /// Stores a new ticket under `key`.
    pub(crate) fn put_ticket(&mut self, key: WorkTicketKey, ticket: String, expires_at: Instant) {
        self.tickets.insert(key, (ticket, expires_at));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn apps_and_owners_round_trip() {
        for app in [
            "agent:1000002",
            "contacts",
            "external_contact",
            "customer_service",
        ] {
            let parsed: WorkAppId = app.parse().unwrap();
            assert_eq!(parsed.to_string(), app);
            let owner = token_owner("wwcorp", parsed);
            assert_eq!(parse_token_owner(&owner), Some(("wwcorp", parsed)));
        }
        assert!("agent:x".parse::<WorkAppId>().is_err());
        assert!("contact".parse::<WorkAppId>().is_err());
    }

    #[test]
    fn an_app_is_found_by_its_secret_within_its_corp_only() {
        let mut corps = WorkCorps::default();
        corps.add_app("wwa", WorkAppId::Agent(1), "s1");
        corps.add_app("wwa", WorkAppId::Contacts, "s2");
        assert_eq!(corps.app_by_secret("wwa", "s2"), Some(WorkAppId::Contacts));
        assert_eq!(corps.app_by_secret("wwb", "s1"), None);
        assert!(corps.has_corp("wwa") && !corps.has_corp("wwb"));
    }
}
