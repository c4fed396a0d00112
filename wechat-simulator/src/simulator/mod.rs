//! The running simulator and its control API.

mod media_apps;
mod messaging;
mod pay;
mod publish;
mod push;
mod start;
mod users;
mod work;
mod work_areas;
mod work_crm;
mod wxa;

use std::{collections::VecDeque, fmt, net::SocketAddr};

use tokio::sync::watch;

pub use pay::{PayMerchant, PayMerchantError, PayPlatform};

use crate::{
    api::component::{new_refresh_token, new_verify_ticket},
    faults::Fault,
    push::Pusher,
    record::RecordedRequest,
    state::{AppState, Component, Inner},
    tokens::random_string,
};

/// How many verify tickets a component accepts: the latest and the one before it.
const LIVE_VERIFY_TICKETS: usize = 2;

/// What the control API holds to act as the [`Simulator`] it serves.
#[derive(Debug, Clone)]
pub(crate) struct Handle {
    state: AppState,
    pusher: Pusher,
    addr: SocketAddr,
}

impl Handle {
    /// The simulator, as a view that does not shut it down when dropped.
    pub(crate) fn view(&self) -> Simulator {
        Simulator {
            state: self.state.clone(),
            addr: self.addr,
            pusher: self.pusher.clone(),
            shutdown: None,
        }
    }
}

/// A running WeChat API simulator on a local port.
///
/// Dropping it shuts the server down gracefully, without blocking: the port is released once
/// the requests in flight have been answered.
pub struct Simulator {
    pub(crate) state: AppState,
    addr: SocketAddr,
    pusher: Pusher,
    /// Set to `true` on drop: the server and the verify-ticket timer stop. `None` in the views
    /// the control API works through, which stop nothing when dropped.
    shutdown: Option<watch::Sender<bool>>,
}

impl fmt::Debug for Simulator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Simulator")
            .field("addr", &self.addr)
            .finish()
    }
}

impl Drop for Simulator {
    fn drop(&mut self) {
        if let Some(shutdown) = &self.shutdown {
            shutdown.send_replace(true);
        }
    }
}

impl Simulator {
    /// The base URL to use instead of `https://api.weixin.qq.com`, e.g.
    /// `"http://127.0.0.1:40123"` (no trailing slash).
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The address the simulator listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    // ----- accounts -----

    /// Registers an Official Account or Mini Program (replacing the secret if it exists).
    pub fn add_app(&self, appid: &str, secret: &str) {
        self.state
            .lock()
            .apps
            .insert(appid.to_owned(), secret.to_owned());
    }

    /// Registers a third-party platform (replacing the secret if it exists). It accepts no
    /// verify ticket until [`push_verify_ticket`](Self::push_verify_ticket) is called.
    pub fn add_component(&self, component_appid: &str, secret: &str) {
        let mut inner = self.state.lock();
        let tickets = inner
            .components
            .remove(component_appid)
            .map(|c| c.tickets)
            .unwrap_or_default();
        inner.components.insert(
            component_appid.to_owned(),
            Component {
                secret: secret.to_owned(),
                tickets,
            },
        );
    }

    /// Issues a new `component_verify_ticket` for the component, as WeChat pushes one every
    /// ten minutes, and returns it. The latest and the previous ticket are accepted.
    ///
    /// A component that was not added is added with an empty secret.
    pub fn push_verify_ticket(&self, component_appid: &str) -> String {
        issue_verify_ticket(&mut self.state.lock(), component_appid)
    }

    /// Records that `authorizer_appid` authorized the component, and returns the initial
    /// `authorizer_refresh_token`. Calling it again re-authorizes with a new refresh token.
    pub fn add_authorizer(&self, component_appid: &str, authorizer_appid: &str) -> String {
        let refresh_token = new_refresh_token();
        self.state.lock().authorizers.insert(
            (component_appid.to_owned(), authorizer_appid.to_owned()),
            refresh_token.clone(),
        );
        refresh_token
    }

    /// An account authorizing the component, as WeChat's authorization page ends: returns the
    /// authorization code that the component exchanges through `api_query_auth` (once), which
    /// then issues the authorizer's tokens. Push the `authorized` notification with it.
    pub fn authorize(&self, component_appid: &str, authorizer_appid: &str) -> String {
        issue_authorization_code(&mut self.state.lock(), component_appid, authorizer_appid)
    }

    // ----- token control -----

    /// Sets the `expires_in` of tokens issued from now on (default 7200). `0` issues tokens
    /// that are expired at once.
    pub fn set_token_ttl(&self, secs: u64) {
        self.state.lock().token_ttl = secs;
    }

    /// Makes every live token of `appid` (an app, an authorizer or a component) answer 42001
    /// from now on.
    pub fn expire_access_tokens(&self, appid: &str) {
        self.state.lock().tokens.expire_owner(appid);
    }

    /// Makes `token` answer 40001 from now on.
    pub fn revoke_access_token(&self, token: &str) {
        self.state.lock().tokens.revoke(token);
    }

    /// The token issued last to `appid`: its access token, authorizer access token, or for a
    /// component its `component_access_token`. It may have been revoked or expired since.
    pub fn current_access_token(&self, appid: &str) -> Option<String> {
        self.state.lock().tokens.latest(appid)
    }

    /// The `authorizer_refresh_token` that is valid now for `authorizer_appid` (under any
    /// component).
    pub fn current_authorizer_refresh_token(&self, authorizer_appid: &str) -> Option<String> {
        self.state
            .lock()
            .authorizers
            .iter()
            .find(|((_, authorizer), _)| authorizer == authorizer_appid)
            .map(|(_, token)| token.clone())
    }

    // ----- observation -----

    /// How many requests hit `path` (e.g. `"/cgi-bin/stable_token"`), faulted or not.
    pub fn calls(&self, path: &str) -> usize {
        self.state.lock().calls.get(path).copied().unwrap_or(0)
    }

    /// The requests received since the start (or the last
    /// [`reset_counters`](Self::reset_counters)), in order of arrival: the latest 100,000.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.state.lock().requests.iter().cloned().collect()
    }

    /// The bodies of the messages accepted by `/cgi-bin/message/custom/send`, in order.
    pub fn sent_messages(&self) -> Vec<serde_json::Value> {
        self.state.lock().sent_messages.clone()
    }

    /// Clears the call counters and the recorded requests. Tokens, accounts and queued
    /// faults are kept.
    pub fn reset_counters(&self) {
        let mut inner = self.state.lock();
        inner.calls.clear();
        inner.requests.clear();
    }

    // ----- faults -----

    /// Applies `fault` to the next `times` requests to `path`, after any faults already queued
    /// for that path (FIFO).
    pub fn inject_fault(&self, path: &str, fault: Fault, times: usize) {
        if times == 0 {
            return;
        }
        self.state
            .lock()
            .faults
            .entry(path.to_owned())
            .or_default()
            .extend(std::iter::repeat_n(fault, times));
    }
}

/// Issues a new verify ticket for the component (adding it, with an empty secret, if unknown);
/// only the latest two are accepted.
pub(crate) fn issue_verify_ticket(inner: &mut Inner, component_appid: &str) -> String {
    let ticket = new_verify_ticket();
    let component = inner
        .components
        .entry(component_appid.to_owned())
        .or_insert_with(|| Component {
            secret: String::new(),
            tickets: VecDeque::new(),
        });
    component.tickets.push_back(ticket.clone());
    while component.tickets.len() > LIVE_VERIFY_TICKETS {
        component.tickets.pop_front();
    }
    ticket
}

/// An authorization code that `api_query_auth` exchanges once for the authorizer's tokens.
pub(crate) fn issue_authorization_code(
    inner: &mut Inner,
    component_appid: &str,
    authorizer_appid: &str,
) -> String {
    let code = format!("queryauthcode@@@{}", random_string(43));
    inner.authorization_codes.insert(
        code.clone(),
        (component_appid.to_owned(), authorizer_appid.to_owned()),
    );
    code
}
