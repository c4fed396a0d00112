//! Control of the simulator for its messaging areas: QR codes, customer service, template,
//! subscribe and mass messages.

use serde_json::Value;

use super::Simulator;
use crate::clock::unix_now;

impl Simulator {
    /// The QR code behind `ticket`, as `/cgi-bin/qrcode/create` made it: its `appid`,
    /// `ticket`, `action_name`, `action_info.scene` (`scene_id` or `scene_str`), `url`, and
    /// `expire_seconds` for a temporary code. `None` when unknown or expired.
    ///
    /// ```no_run
    /// # async fn run(sim: wechat_simulator::Simulator, ticket: &str) {
    /// let code = sim.qrcode(ticket).expect("a live ticket");
    /// assert_eq!(code["action_info"]["scene"]["scene_str"], "invite:42");
    /// # }
    /// ```
    pub fn qrcode(&self, ticket: &str) -> Option<Value> {
        self.state.lock().qrcodes.code(ticket)
    }

    /// Puts `openid` in the customer service waiting queue of `appid`, as when a user writes in:
    /// `/customservice/kfsession/getwaitcase` lists it until an account takes the session.
    /// Returns `false` when the user already waits or is served.
    ///
    /// ```no_run
    /// # fn run(sim: wechat_simulator::Simulator) {
    /// assert!(sim.add_kf_waiting_user("wx1234567890abcdef", "oLVPpjqs9BhvzwPj5A-vTYAX3GLc"));
    /// # }
    /// ```
    pub fn add_kf_waiting_user(&self, appid: &str, openid: &str) -> bool {
        self.state
            .lock()
            .customer_service
            .add_waiting(appid, openid, unix_now())
    }

    /// Accepts the invitation that `/customservice/kfaccount/inviteworker` sent for
    /// `kf_account`, as the invited WeChat user would: the account then shows `kf_wx` and
    /// `kf_openid`. Returns `false` when no invitation waits.
    ///
    /// ```no_run
    /// # fn run(sim: wechat_simulator::Simulator) {
    /// assert!(sim.accept_kf_invitation("wx1234567890abcdef", "alice@gh_account"));
    /// # }
    /// ```
    pub fn accept_kf_invitation(&self, appid: &str, kf_account: &str) -> bool {
        self.state
            .lock()
            .customer_service
            .accept_invitation(appid, kf_account)
    }

    /// The bodies of the template messages `appid` sent through
    /// `/cgi-bin/message/template/send`, each with the `msgid` it got, oldest first.
    ///
    /// ```no_run
    /// # fn run(sim: wechat_simulator::Simulator) {
    /// for sent in sim.sent_templates("wx1234567890abcdef") {
    ///     println!("{} got {}", sent["touser"], sent["msgid"]);
    /// }
    /// # }
    /// ```
    pub fn sent_templates(&self, appid: &str) -> Vec<Value> {
        self.state.lock().templates.sent_bodies(appid)
    }

    /// The bodies of the subscribe messages `appid` sent, through
    /// `/cgi-bin/message/subscribe/bizsend` or `/cgi-bin/message/subscribe/send`, oldest first.
    ///
    /// ```no_run
    /// # fn run(sim: wechat_simulator::Simulator) {
    /// assert!(sim.sent_subscribe_messages("wx1234567890abcdef").is_empty());
    /// # }
    /// ```
    pub fn sent_subscribe_messages(&self, appid: &str) -> Vec<Value> {
        self.state.lock().subscribe.sent_bodies(appid)
    }

    /// The mass messages of `appid`, oldest first: each has `msg_id`, `msg_data_id` (articles
    /// only), `kind` (`sendall`, `send` or `preview`), `msg_status` (`SEND_SUCCESS` or
    /// `DELETE`) and the request `body`.
    ///
    /// ```no_run
    /// # fn run(sim: wechat_simulator::Simulator) {
    /// let jobs = sim.mass_jobs("wx1234567890abcdef");
    /// assert!(jobs.iter().all(|job| job["msg_status"] == "SEND_SUCCESS"));
    /// # }
    /// ```
    pub fn mass_jobs(&self, appid: &str) -> Vec<Value> {
        self.state.lock().mass.jobs_json(appid)
    }
}
