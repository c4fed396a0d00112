//! Control of the simulator for media, material, web OAuth and Mini Programs: the codes
//! WeChat hands to a user's browser or Mini Program, and what the APIs kept.

use super::Simulator;

impl Simulator {
    /// The bytes of an image uploaded through `/cgi-bin/media/uploadimg`, by the `url` it
    /// answered.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let sim = wechat_simulator::Simulator::start().await?;
    /// assert_eq!(sim.uploaded_image("http://mmbiz.qpic.cn/mmbiz_png/unknown/0"), None);
    /// # Ok(()) }
    /// ```
    pub fn uploaded_image(&self, url: &str) -> Option<Vec<u8>> {
        self.state.lock().materials.article_image(url)
    }

    /// Adds a permanent news material to `appid`, as the publishing tools would, and returns
    /// its `media_id`; `get_material` and `batchget_material` then answer `articles` as its
    /// `news_item`. `None` when the account already holds WeChat's maximum of 100 000.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let sim = wechat_simulator::Simulator::start().await?;
    /// let article = serde_json::json!({ "title": "Hello", "thumb_media_id": "THUMB", "content": "<p>Hi</p>" });
    /// let media_id = sim.add_news_material("wx1234567890abcdef", vec![article]);
    /// assert!(media_id.is_some());
    /// # Ok(()) }
    /// ```
    pub fn add_news_material(
        &self,
        appid: &str,
        articles: Vec<serde_json::Value>,
    ) -> Option<String> {
        self.state.lock().materials.add_news(appid, articles).ok()
    }

    /// A user authorizing `appid` on WeChat's web OAuth page: returns the `code` WeChat would
    /// append to the redirect URI. `/sns/oauth2/access_token` (or, for an authorizer of a
    /// component, `/sns/oauth2/component/access_token`) exchanges it once, within 5 minutes,
    /// for a user token of `scope` (`"snsapi_base"` or `"snsapi_userinfo"`).
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let sim = wechat_simulator::Simulator::start().await?;
    /// sim.add_app("wx1234567890abcdef", "app-secret");
    /// let openid = "o6_bmjrPTlm6_2sgVt7hMZOPfL2M";
    /// let code = sim.oauth_code("wx1234567890abcdef", openid, "snsapi_userinfo");
    /// let url = format!(
    ///     "{}/sns/oauth2/access_token?appid=wx1234567890abcdef&secret=app-secret&code={code}\
    ///      &grant_type=authorization_code",
    ///     sim.base_url()
    /// );
    /// let http = reqwest::Client::builder().no_proxy().build()?;
    /// let token: serde_json::Value = http.get(&url).send().await?.json().await?;
    /// assert_eq!(token["openid"], openid);
    /// assert_eq!(token["scope"], "snsapi_userinfo");
    /// // A code works once.
    /// let again: serde_json::Value = http.get(&url).send().await?.json().await?;
    /// assert_eq!(again["errcode"], wechat_simulator::errcode::CODE_BEEN_USED);
    /// # Ok(()) }
    /// ```
    pub fn oauth_code(&self, appid: &str, openid: &str, scope: &str) -> String {
        self.state.lock().oauth.issue_code(appid, openid, scope)
    }

    /// A user logging in to the Mini Program `appid` (`wx.login()`): returns the `js_code`
    /// that `/sns/jscode2session` (or, for an authorizer of a component,
    /// `/sns/component/jscode2session`) exchanges once, within 5 minutes, for `openid`'s
    /// session.
    ///
    /// ```no_run
    /// # async fn example(sim: &wechat_simulator::Simulator) {
    /// let js_code = sim.js_code("wx1234567890abcdef", "o6_bmjrPTlm6_2sgVt7hMZOPfL2M");
    /// // GET /sns/jscode2session?appid=..&secret=..&js_code={js_code}&grant_type=authorization_code
    /// # let _ = js_code;
    /// # }
    /// ```
    pub fn js_code(&self, appid: &str, openid: &str) -> String {
        self.state.lock().mini_program.issue_js_code(appid, openid)
    }

    /// A user of the Mini Program `appid` tapping the `getPhoneNumber` button: returns the
    /// `code` that `/wxa/business/getuserphonenumber` exchanges once for `phone` (a Chinese
    /// number such as `"13800138000"`, or `"+1 2025550123"` with a country code).
    ///
    /// ```no_run
    /// # async fn example(sim: &wechat_simulator::Simulator) {
    /// let code = sim.phone_code("wx1234567890abcdef", "13800138000");
    /// // POST /wxa/business/getuserphonenumber {"code": code}
    /// # let _ = code;
    /// # }
    /// ```
    pub fn phone_code(&self, appid: &str, phone: &str) -> String {
        self.state
            .lock()
            .mini_program
            .issue_phone_code(appid, phone)
    }

    /// A user (`openid` of the Mini Program `host_appid`) inside the plugin `plugin_appid`
    /// calling `wx.pluginLogin()`: returns the `code` that `/wxa/getpluginopenpid`, called with
    /// the plugin's token, exchanges once (within 5 minutes) for the user's `openpid`, the same
    /// for one user, host and plugin.
    ///
    /// ```no_run
    /// # async fn example(sim: &wechat_simulator::Simulator) {
    /// let code = sim.plugin_login_code("wx5514af450eaceec2", "wx1234567890abcdef", "o6_bmjrPTlm6_2sgVt7hMZOPfL2M");
    /// // POST /wxa/getpluginopenpid?access_token=<the plugin's> {"code": code}
    /// # let _ = code;
    /// # }
    /// ```
    pub fn plugin_login_code(&self, plugin_appid: &str, host_appid: &str, openid: &str) -> String {
        self.state
            .lock()
            .wxa_plugin
            .issue_login_code(plugin_appid, host_appid, openid)
    }
}
