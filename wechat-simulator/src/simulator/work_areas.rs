//! Control of the simulator for WeCom's own application areas: the application messages
//! agents sent.

use serde_json::Value;

use super::Simulator;

impl Simulator {
    /// The application messages the agents of `corpid` sent through `/cgi-bin/message/send`,
    /// oldest first (the latest 1000): each the request body as sent, with `msgid`,
    /// `delivered_to` (the userids it reached, from `touser`, `toparty` with the departments
    /// under them, and `totag`), `sent_at` (unix seconds) and `recalled`.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> std::io::Result<()> {
    /// let sim = wechat_simulator::Simulator::start().await?;
    /// sim.add_work_app("ww0123456789abcdef", "agent:1000002", "agent-secret");
    /// assert!(sim.work_messages("ww0123456789abcdef").is_empty());
    /// # Ok(())
    /// # }
    /// ```
    pub fn work_messages(&self, corpid: &str) -> Vec<Value> {
        self.state
            .lock()
            .work_apps
            .get(corpid)
            .map(|apps| apps.messages.iter().map(|m| m.to_json()).collect())
            .unwrap_or_default()
    }
}
