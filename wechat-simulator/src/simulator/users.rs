//! Control of the simulator for its user areas: followers, tags, the blacklist and menus.

use super::Simulator;

impl Simulator {
    /// Makes `openids` followers of `appid` (those who already follow are kept as they are).
    ///
    /// `user/get` then lists them, and they can be tagged, blacklisted and given a remark: those
    /// calls answer 49003 for an OpenID that does not follow the account. The OpenIDs are taken
    /// as given; WeChat's are 28 characters of `[A-Za-z0-9_-]`.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> std::io::Result<()> {
    /// let sim = wechat_simulator::Simulator::start().await?;
    /// sim.add_users("wx1234567890abcdef", &["oUser1", "oUser2"]);
    /// assert_eq!(sim.users("wx1234567890abcdef"), ["oUser1", "oUser2"]);
    /// # Ok(())
    /// # }
    /// ```
    pub fn add_users<S: AsRef<str>>(&self, appid: &str, openids: &[S]) {
        let mut inner = self.state.lock();
        for openid in openids {
            inner.users.follow(appid, openid.as_ref());
        }
    }

    /// Makes `openids` stop following `appid`, without pushing an event: `user/get` no longer
    /// lists them and `user/info` shows them with `subscribe: 0`.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> std::io::Result<()> {
    /// let sim = wechat_simulator::Simulator::start().await?;
    /// sim.add_users("wx1234567890abcdef", &["oUser1", "oUser2"]);
    /// sim.remove_users("wx1234567890abcdef", &["oUser1"]);
    /// assert_eq!(sim.users("wx1234567890abcdef"), ["oUser2"]);
    /// # Ok(())
    /// # }
    /// ```
    pub fn remove_users<S: AsRef<str>>(&self, appid: &str, openids: &[S]) {
        let mut inner = self.state.lock();
        for openid in openids {
            inner.users.unfollow(appid, openid.as_ref());
        }
    }

    /// The followers of `appid`, in the order `user/get` pages them.
    pub fn users(&self, appid: &str) -> Vec<String> {
        self.state.lock().users.followers(appid)
    }

    /// The ids of the tags `openid` carries in `appid`, ascending (as `tags/getidlist`).
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> std::io::Result<()> {
    /// let sim = wechat_simulator::Simulator::start().await?;
    /// sim.add_users("wx1234567890abcdef", &["oUser1"]);
    /// assert!(sim.user_tags("wx1234567890abcdef", "oUser1").is_empty());
    /// # Ok(())
    /// # }
    /// ```
    pub fn user_tags(&self, appid: &str, openid: &str) -> Vec<u64> {
        self.state.lock().tags.user_tags(appid, openid)
    }

    /// The blacklisted OpenIDs of `appid`, in `getblacklist` order.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> std::io::Result<()> {
    /// let sim = wechat_simulator::Simulator::start().await?;
    /// assert!(sim.blacklist("wx1234567890abcdef").is_empty());
    /// # Ok(())
    /// # }
    /// ```
    pub fn blacklist(&self, appid: &str) -> Vec<String> {
        self.state.lock().tags.blacklist(appid)
    }

    /// The default menu of `appid` as `menu/get` shows it (`{"button":[..]}`, with the
    /// `menuid` once conditional menus exist), or `None` after `menu/delete`. Every account
    /// starts with a sample menu.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> std::io::Result<()> {
    /// let sim = wechat_simulator::Simulator::start().await?;
    /// let menu = sim.menu("wx1234567890abcdef").expect("the sample menu");
    /// assert!(!menu["button"].as_array().unwrap().is_empty());
    /// # Ok(())
    /// # }
    /// ```
    pub fn menu(&self, appid: &str) -> Option<serde_json::Value> {
        self.state.lock().menus.default_menu(appid)
    }
}
