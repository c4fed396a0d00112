//! Control of the simulator for Mini Program commerce: the virtual payment AppKeys, the orders
//! users paid (as WeChat's payment front ends would create them), and what users do with their
//! shipped goods.

use super::Simulator;

impl Simulator {
    /// Sets the virtual payment AppKey of the Mini Program `appid` (for both environments):
    /// `/xpay/*` then accepts a `pay_sig` made with it. Until it is set, every `pay_sig` of the
    /// app is wrong (268490003).
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let sim = wechat_simulator::Simulator::start().await?;
    /// sim.set_xpay_app_key("wx1234567890abcdef", "the-app-key");
    /// # Ok(()) }
    /// ```
    pub fn set_xpay_app_key(&self, appid: &str, app_key: &str) {
        self.state.lock().xpay.set_app_key(appid, app_key);
    }

    /// A user paying `fee` fen for the developer's order `order_id` through
    /// `wx.requestVirtualPayment`, in environment `env` (0 production, 1 sandbox): the order is
    /// paid and waits for its goods. Returns WeChat's `wx_order_id`. `/xpay/query_order`,
    /// `/xpay/notify_provide_goods` and `/xpay/refund_order` then act on it.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let sim = wechat_simulator::Simulator::start().await?;
    /// let openid = "o6_bmjrPTlm6_2sgVt7hMZOPfL2M";
    /// let wx_order_id = sim.add_xpay_order("wx1234567890abcdef", 1, openid, "ORDER0001", 600);
    /// assert!(!wx_order_id.is_empty());
    /// # Ok(()) }
    /// ```
    pub fn add_xpay_order(
        &self,
        appid: &str,
        env: u8,
        openid: &str,
        order_id: &str,
        fee: u64,
    ) -> String {
        self.state
            .lock()
            .xpay
            .add_paid_order(appid, env.min(1), openid, order_id, fee)
    }

    /// A user of the Mini Program `appid` paying `paid_amount` fen through WeChat Pay, to
    /// merchant `merchant_id` for its order `merchant_trade_no` (`description` is what the
    /// goods are): the order waits for its shipment information
    /// (`/wxa/sec/order/upload_shipping_info`). Returns the WeChat Pay `transaction_id`. For 5
    /// minutes, `/wxa/getpaidunionid` also answers for it.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let sim = wechat_simulator::Simulator::start().await?;
    /// let transaction_id = sim.add_paid_order(
    ///     "wx1234567890abcdef",
    ///     "1230000109",
    ///     "ORDER20240501001",
    ///     "o6_bmjrPTlm6_2sgVt7hMZOPfL2M",
    ///     2990,
    ///     "微信气泡狗集线器*1",
    /// );
    /// assert_eq!(transaction_id.len(), 28);
    /// # Ok(()) }
    /// ```
    pub fn add_paid_order(
        &self,
        appid: &str,
        merchant_id: &str,
        merchant_trade_no: &str,
        openid: &str,
        paid_amount: u64,
        description: &str,
    ) -> String {
        self.state.lock().wxa_shipping.add_paid_order(
            appid,
            merchant_id,
            merchant_trade_no,
            openid,
            paid_amount,
            description,
        )
    }

    /// The user confirming receipt of the shipped order `transaction_id` of `appid`: the order
    /// moves to received (`order_state` 3) and can no longer be shipped again. `false` if the
    /// order is unknown or not shipped.
    pub fn confirm_received(&self, appid: &str, transaction_id: &str) -> bool {
        self.state
            .lock()
            .wxa_shipping
            .confirm_received(appid, transaction_id)
    }

    /// Sets what `/wxa/sec/order/is_trade_managed` and
    /// `/wxa/sec/order/is_trade_management_confirmation_completed` answer for `appid` (both
    /// `false` until set).
    pub fn set_trade_managed(&self, appid: &str, managed: bool, confirmation_completed: bool) {
        self.state
            .lock()
            .wxa_shipping
            .set_managed(appid, managed, confirmation_completed);
    }

    /// The path `/wxa/sec/order/set_msg_jump_path` set last for `appid`.
    pub fn shipping_msg_jump_path(&self, appid: &str) -> Option<String> {
        self.state.lock().wxa_shipping.msg_jump_path(appid)
    }
}
