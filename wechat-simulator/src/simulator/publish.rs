//! Control of the simulator for what users and the website do around publishing: users'
//! comments on articles, and the automatic replies set on the website.

use super::Simulator;

impl Simulator {
    /// A user `openid` commenting `content` on the article `index` (from 0) of the message
    /// `msg_data_id` of `appid` (published, or mass-sent), and returns the comment's
    /// `user_comment_id`. An article the simulator does not know yet is made able to take
    /// comments, open; a closed one takes the comment all the same.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let sim = wechat_simulator::Simulator::start().await?;
    /// let first = sim.add_comment("wx1234567890abcdef", 2_247_483_647, 0, "o6_bmjrPTlm6_2sgVt7hMZOPfL2M", "Nice!");
    /// let second = sim.add_comment("wx1234567890abcdef", 2_247_483_647, 0, "o6_bmjrPTlm6_2sgVt7hMZOPfL2N", "+1");
    /// assert_eq!((first, second), (1, 2));
    /// assert_eq!(sim.comments_open("wx1234567890abcdef", 2_247_483_647, 0), Some(true));
    /// # Ok(()) }
    /// ```
    pub fn add_comment(
        &self,
        appid: &str,
        msg_data_id: u64,
        index: u32,
        openid: &str,
        content: &str,
    ) -> u64 {
        self.state
            .lock()
            .comments
            .register(appid, msg_data_id, index, true)
            .add(openid, content)
    }

    /// Whether comments are open on an article (`comment/open`, `comment/close`), or `None`
    /// when the article takes no comments.
    pub fn comments_open(&self, appid: &str, msg_data_id: u64, index: u32) -> Option<bool> {
        self.state
            .lock()
            .comments
            .article(appid, msg_data_id, index)
            .map(|article| article.open)
    }

    /// Sets the automatic replies of `appid`, as the website would: the answer
    /// `/cgi-bin/get_current_autoreply_info` gives from now on.
    ///
    /// ```no_run
    /// # fn example(sim: &wechat_simulator::Simulator) {
    /// sim.set_autoreply_info(
    ///     "wx1234567890abcdef",
    ///     serde_json::json!({
    ///         "is_add_friend_reply_open": 1,
    ///         "is_autoreply_open": 0,
    ///         "add_friend_autoreply_info": {"type": "text", "content": "Welcome!"}
    ///     }),
    /// );
    /// # }
    /// ```
    pub fn set_autoreply_info(&self, appid: &str, info: serde_json::Value) {
        self.state.lock().autoreply.set(appid, info);
    }
}
