//! Control of the simulator for WeCom: corps and their apps.

use std::collections::HashMap;

use rand::Rng;

use super::Simulator;
use crate::{
    clock::unix_now,
    push::{CallbackTarget, Delivery, PushError, PushRecord, WorkPush},
    state::work::WorkAppId,
    tokens::random_string,
};

impl Simulator {
    /// The base URL to use instead of `https://qyapi.weixin.qq.com`: [`base_url`](Self::base_url)
    /// followed by `/qyapi`, e.g. `"http://127.0.0.1:40123/qyapi"`.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> std::io::Result<()> {
    /// let sim = wechat_simulator::Simulator::start().await?;
    /// assert_eq!(sim.work_base_url(), format!("{}/qyapi", sim.base_url()));
    /// # Ok(())
    /// # }
    /// ```
    pub fn work_base_url(&self) -> String {
        format!("{}{}", self.base_url(), crate::work::WORK_PREFIX)
    }

    /// Registers an app of the WeCom corp `corpid` with its `secret` (replacing the secret if
    /// the app exists). `app` is written as the runtime's `WorkApp` is: `"agent:1000002"` for a
    /// self-built application, or one of the special secrets `"contacts"`,
    /// `"external_contact"`, `"customer_service"`.
    ///
    /// `/cgi-bin/gettoken` then issues the app a token of its own, the same one while it
    /// lives. Its tokens are owned by `"corpid/app"` in
    /// [`expire_access_tokens`](Self::expire_access_tokens) and
    /// [`current_access_token`](Self::current_access_token).
    ///
    /// # Panics
    ///
    /// If `app` is none of those forms.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> std::io::Result<()> {
    /// let sim = wechat_simulator::Simulator::start().await?;
    /// sim.add_work_app("ww0123456789abcdef", "agent:1000002", "agent-secret");
    /// sim.add_work_app("ww0123456789abcdef", "contacts", "contacts-secret");
    /// # Ok(())
    /// # }
    /// ```
    pub fn add_work_app(&self, corpid: &str, app: &str, secret: &str) {
        if let Err(err) = self.try_add_work_app(corpid, app, secret) {
            panic!("{err}");
        }
    }

    /// [`add_work_app`](Self::add_work_app), with an unknown `app` as an error (for the
    /// control API).
    pub(crate) fn try_add_work_app(
        &self,
        corpid: &str,
        app: &str,
        secret: &str,
    ) -> Result<(), String> {
        let app: WorkAppId = app.parse()?;
        self.state.lock().work.add_app(corpid, app, secret);
        Ok(())
    }
}

impl Simulator {
    /// Pushes a message or event to the agent `agent_id` of the corp `corpid`, as WeCom does:
    /// to the target registered with [`set_callback`](Self::set_callback) under the corpid,
    /// always encrypted (with the corpid as receive id), the query carrying `msg_signature`,
    /// `timestamp` and `nonce`, the body `<xml><ToUserName/><AgentID/><Encrypt/></xml>`.
    /// Returns the application's answer; the push is kept in [`pushes`](Self::pushes).
    ///
    /// # Errors
    ///
    /// [`PushError::NoTarget`] without a target, [`PushError::NotEncrypted`] for a target in
    /// plaintext mode (WeCom has none), [`PushError::Unreachable`] when the application does
    /// not answer within five seconds.
    ///
    /// ```no_run
    /// use wechat_simulator::{CallbackTarget, WorkPush};
    ///
    /// # async fn example(sim: &wechat_simulator::Simulator) -> Result<(), wechat_simulator::PushError> {
    /// sim.set_callback(
    ///     "ww0123456789abcdef",
    ///     CallbackTarget::safe(
    ///         "http://127.0.0.1:3000/work",
    ///         "token",
    ///         "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG",
    ///     )?,
    /// );
    /// let answer = sim
    ///     .push_work("ww0123456789abcdef", 1000002, WorkPush::text("zhangsan", "hello"))
    ///     .await?;
    /// assert_eq!(answer.status, 200);
    /// # Ok(()) }
    /// ```
    pub async fn push_work(
        &self,
        corpid: &str,
        agent_id: i64,
        push: WorkPush,
    ) -> Result<Delivery, PushError> {
        let (target, msg_id, now) = {
            let mut inner = self.state.lock();
            let target = work_target(&inner.callbacks, corpid)?;
            inner.next_msg_id += 1;
            let msg_id = 7_000_000_000_000_000_000 + inner.next_msg_id;
            let now = unix_now().saturating_add(inner.tokens.offset().as_secs());
            (target, msg_id, now)
        };
        let code = random_string(43);
        let xml = push.to_xml(corpid, agent_id, now, msg_id, &code);
        let outcome = self.pusher.send_work(&target, corpid, agent_id, &xml).await;
        self.state.lock().record_push(PushRecord {
            appid: corpid.to_owned(),
            xml,
            outcome: outcome.clone(),
        });
        outcome
    }

    /// Verifies the callback URL of the corp `corpid`, as WeCom does when an administrator
    /// saves it: a GET with `msg_signature`, `timestamp`, `nonce` and an `echostr` encrypted
    /// for the corp. Returns what the application answered, which passes when it is the
    /// decrypted `echostr`.
    ///
    /// # Errors
    ///
    /// As [`push_work`](Self::push_work).
    pub async fn verify_work_url(&self, corpid: &str) -> Result<String, PushError> {
        let target = work_target(&self.state.lock().callbacks, corpid)?;
        let plaintext: String = {
            let mut rng = rand::thread_rng();
            (0..19)
                .map(|_| char::from(b'0' + rng.gen_range(0..10u8)))
                .collect()
        };
        let delivery = self.pusher.verify_work(&target, corpid, &plaintext).await?;
        Ok(delivery.body)
    }
}

/// The callback target of a corp.
fn work_target(
    callbacks: &HashMap<String, CallbackTarget>,
    corpid: &str,
) -> Result<CallbackTarget, PushError> {
    callbacks
        .get(corpid)
        .cloned()
        .ok_or_else(|| PushError::NoTarget(corpid.to_owned()))
}
