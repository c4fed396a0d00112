//! Pushing callbacks to the application: user messages and events, component notifications,
//! the verify ticket every ten minutes, and the simulated clock that drives it.

use std::{
    sync::Weak,
    time::{Duration, Instant},
};

use tokio::sync::watch;

use super::{issue_authorization_code, issue_verify_ticket, Simulator};
use crate::{
    clock::unix_now,
    push::{
        CallbackTarget, ComponentNotice, ComponentPush, Delivery, Envelope, Push, PushError,
        PushRecord, Pusher,
    },
    state::{AppState, Shared},
    tokens::random_string,
};

/// WeChat pushes a new `component_verify_ticket` this often.
pub(crate) const VERIFY_TICKET_PERIOD: Duration = Duration::from_secs(600);

impl Simulator {
    /// Registers where `appid` (an account, or a component) receives its callbacks, replacing
    /// any target it had.
    ///
    /// From then on a component with a target in safe mode gets a `component_verify_ticket`
    /// every ten minutes of simulated time (see [`advance_clock`](Self::advance_clock)).
    pub fn set_callback(&self, appid: &str, target: CallbackTarget) {
        self.state.lock().callbacks.insert(appid.to_owned(), target);
    }

    /// Stops pushing to `appid`.
    pub fn remove_callback(&self, appid: &str) {
        self.state.lock().callbacks.remove(appid);
    }

    /// The original id (`gh_…`) the simulator gives the account `appid`: the `ToUserName` of
    /// what users send it.
    ///
    /// ```
    /// let id = wechat_simulator::Simulator::original_id("wx1234567890abcdef");
    /// assert!(id.starts_with("gh_") && id.len() == 15);
    /// ```
    pub fn original_id(appid: &str) -> String {
        let hash = appid.bytes().fold(0xcbf2_9ce4_8422_2325u64, |hash, b| {
            (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        });
        format!("gh_{:012x}", hash & 0xffff_ffff_ffff)
    }

    /// Pushes a user's message or event to the account `appid`'s callback target, signed (and
    /// encrypted in safe mode) as WeChat does, and returns the application's answer.
    ///
    /// A subscribe makes the user a follower of the account; an unsubscribe ends that.
    ///
    /// # Errors
    ///
    /// [`PushError::NoTarget`] without a [`set_callback`](Self::set_callback);
    /// [`PushError::Unreachable`] when the application does not answer within five seconds.
    pub async fn push(&self, appid: &str, push: Push) -> Result<Delivery, PushError> {
        let (target, msg_id, now) = {
            let mut inner = self.state.lock();
            let target = inner
                .callbacks
                .get(appid)
                .cloned()
                .ok_or_else(|| PushError::NoTarget(appid.to_owned()))?;
            inner.next_msg_id += 1;
            let msg_id = 24_000_000_000_000_000 + inner.next_msg_id;
            match &push {
                Push::Subscribe { openid, .. } => inner.users.follow(appid, openid),
                Push::Unsubscribe { openid } => inner.users.unfollow(appid, openid),
                _ => {}
            }
            (target, msg_id, simulated_unix_now(&inner.tokens.offset()))
        };
        let to = Self::original_id(appid);
        let ticket = format!("gQ{}", random_string(94));
        let xml = push.to_xml(&to, now, msg_id, &ticket);
        let envelope = Envelope {
            receiver: appid,
            to_field: "ToUserName",
            to: &to,
            openid: Some(push.openid()),
        };
        let outcome = self.pusher.send(&target, envelope, &xml).await;
        record(&self.state, appid, xml, outcome)
    }

    /// Pushes a notification to the component's callback target (safe mode), as WeChat does:
    /// a new verify ticket, or an authorization event. [`ComponentPush::Authorized`] and
    /// [`ComponentPush::UpdateAuthorized`] carry a fresh authorization code;
    /// [`ComponentPush::Unauthorized`] forgets the authorizer first.
    ///
    /// # Errors
    ///
    /// [`PushError::NoTarget`] without a target, [`PushError::NotEncrypted`] for a target in
    /// plaintext mode, [`PushError::Unreachable`] when the application does not answer.
    pub async fn push_component(
        &self,
        component_appid: &str,
        push: ComponentPush,
    ) -> Result<Delivery, PushError> {
        push_component(&self.state, &self.pusher, component_appid, push).await
    }

    /// The latest pushes (up to a thousand), oldest first, with their outcomes.
    pub fn pushes(&self) -> Vec<PushRecord> {
        self.state.lock().pushes.iter().cloned().collect()
    }

    /// Moves the simulated clock forward by `by`: tokens and tickets live that much less, and
    /// each component with a callback target gets the verify tickets WeChat would have pushed
    /// meanwhile (the last two, since only those are accepted). WeChat Pay notifications whose
    /// retries fall in that time are retried, each at its turn. Real time keeps running too.
    ///
    /// ```no_run
    /// # async fn example(sim: &wechat_simulator::Simulator) {
    /// // Every token issued until now has expired; the next call answers 42001.
    /// sim.advance_clock(std::time::Duration::from_secs(7200)).await;
    /// # }
    /// ```
    pub async fn advance_clock(&self, by: Duration) {
        let (ticks, components) = {
            let mut inner = self.state.lock();
            let before = inner.tokens.offset().as_secs() / VERIFY_TICKET_PERIOD.as_secs();
            inner.tokens.advance(by);
            let after = inner.tokens.offset().as_secs() / VERIFY_TICKET_PERIOD.as_secs();
            (after - before, encrypted_components(&inner.callbacks))
        };
        for _ in 0..ticks.min(2) {
            for component in &components {
                // The outcome is kept in `pushes()`.
                let _ = self
                    .push_component(component, ComponentPush::VerifyTicket)
                    .await;
            }
        }
        // WeChat Pay notifications whose retry time has now passed (kept in `pay_notifications()`).
        super::pay::run_pay_retries(&self.state).await;
    }
}

/// The component appids whose targets can take a verify ticket.
fn encrypted_components(
    callbacks: &std::collections::HashMap<String, CallbackTarget>,
) -> Vec<String> {
    let mut appids: Vec<String> = callbacks
        .iter()
        .filter(|(_, target)| target.is_encrypted())
        .map(|(appid, _)| appid.clone())
        .collect();
    appids.sort();
    appids
}

/// The unix time of the simulated clock.
fn simulated_unix_now(offset: &Duration) -> u64 {
    unix_now().saturating_add(offset.as_secs())
}

/// Keeps the record of a push and hands its outcome back.
fn record(
    state: &Shared,
    appid: &str,
    xml: String,
    outcome: Result<Delivery, PushError>,
) -> Result<Delivery, PushError> {
    state.lock().record_push(PushRecord {
        appid: appid.to_owned(),
        xml,
        outcome: outcome.clone(),
    });
    outcome
}

async fn push_component(
    state: &AppState,
    pusher: &Pusher,
    component_appid: &str,
    push: ComponentPush,
) -> Result<Delivery, PushError> {
    let (target, notice, now) = {
        let mut inner = state.lock();
        let target = inner
            .callbacks
            .get(component_appid)
            .cloned()
            .ok_or_else(|| PushError::NoTarget(component_appid.to_owned()))?;
        if !target.is_encrypted() {
            return Err(PushError::NotEncrypted(component_appid.to_owned()));
        }
        let notice = match push {
            ComponentPush::VerifyTicket => {
                ComponentNotice::VerifyTicket(issue_verify_ticket(&mut inner, component_appid))
            }
            ComponentPush::Authorized { authorizer_appid } => ComponentNotice::Authorized {
                info_type: "authorized",
                code: issue_authorization_code(&mut inner, component_appid, &authorizer_appid),
                authorizer: authorizer_appid,
            },
            ComponentPush::UpdateAuthorized { authorizer_appid } => ComponentNotice::Authorized {
                info_type: "updateauthorized",
                code: issue_authorization_code(&mut inner, component_appid, &authorizer_appid),
                authorizer: authorizer_appid,
            },
            ComponentPush::Unauthorized { authorizer_appid } => {
                inner
                    .authorizers
                    .remove(&(component_appid.to_owned(), authorizer_appid.clone()));
                ComponentNotice::Unauthorized(authorizer_appid)
            }
        };
        (target, notice, simulated_unix_now(&inner.tokens.offset()))
    };
    let xml = notice.to_xml(component_appid, now);
    let envelope = Envelope {
        receiver: component_appid,
        to_field: "AppId",
        to: component_appid,
        openid: None,
    };
    let outcome = pusher.send(&target, envelope, &xml).await;
    record(state, component_appid, xml, outcome)
}

/// Pushes a verify ticket to every component with a target, every ten minutes of real time,
/// until the simulator is dropped.
pub(crate) async fn verify_ticket_timer(
    state: Weak<Shared>,
    pusher: Pusher,
    mut stopped: watch::Receiver<bool>,
) {
    let start = tokio::time::Instant::from_std(Instant::now() + VERIFY_TICKET_PERIOD);
    let mut ticks = tokio::time::interval_at(start, VERIFY_TICKET_PERIOD);
    loop {
        tokio::select! {
            _ = ticks.tick() => {}
            _ = stopped.wait_for(|stop| *stop) => return,
        }
        let Some(state) = state.upgrade() else { return };
        let components = encrypted_components(&state.lock().callbacks);
        for component in components {
            let _ = push_component(&state, &pusher, &component, ComponentPush::VerifyTicket).await;
        }
    }
}
