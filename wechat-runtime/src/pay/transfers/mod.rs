//! Merchant transfers (商家转账, the 2025 API under `/v3/fund-app/mch-transfer/transfer-bills`):
//! `pay.transfers()`, to pay a user's WeChat balance, query the bill, and cancel it before the
//! user confirms.
//!
//! A transfer usually answers [`TransferState::WaitUserConfirm`] with a `package_info`: the
//! front end hands it to WeChat's confirmation page, and the user confirms there. The final
//! state comes by the `MCHTRANSFER.BILL.FINISHED` notification (a [`TransferBill`]) or by a
//! query.
//!
//! ```no_run
//! # async fn run(pay: wechat_runtime::pay::PayClient) -> Result<(), wechat_runtime::Error> {
//! use wechat_runtime::pay::transfers::{SceneReportInfo, TransferRequest, TransferState};
//! use wechat_runtime::pay::{Fen, OutBillNo};
//!
//! let request = TransferRequest::new(
//!     "wxf636efh567hg4356",
//!     OutBillNo::new("plfk2020042013")?,
//!     "1000", // the transfer scene (现金营销)
//!     "o-MYE42l80oelYMDE34nYD456Xoy",
//!     Fen::new(400),
//!     "新会员开通有礼",
//! )
//! .scene_report_infos(vec![
//!     SceneReportInfo::new("活动名称", "新会员有礼"),
//!     SceneReportInfo::new("奖励说明", "注册会员抽奖一等奖"),
//! ])
//! .notify_url("https://example.com/pay/transfer-notify");
//! let created = pay.transfers().create(&request).await?;
//! if created.state == TransferState::WaitUserConfirm {
//!     println!("hand {:?} to the front end", created.package_info);
//! }
//! let bill = pay.transfers().by_out_bill_no(&request.out_bill_no).await?;
//! # Ok(()) }
//! ```

mod bill;

use reqwest::Method;
use serde::{Deserialize, Serialize};
use wechat_pay::{Fen, OutBillNo};

pub use self::bill::{TransferBill, TransferCancelled, TransferCreated, TransferState};
use super::client::PayClient;
use super::path;
use crate::error::{Error, Result};

/// Merchant transfers; from [`PayClient::transfers`].
///
/// ```no_run
/// # async fn run(pay: wechat_runtime::pay::PayClient) -> Result<(), wechat_runtime::Error> {
/// let bill = pay.transfers().by_transfer_bill_no("1330000071100999991182020050700019480001").await?;
/// println!("{}", bill.state);
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Transfers<'a> {
    pay: &'a PayClient,
}

impl PayClient {
    /// Merchant transfers (`/v3/fund-app/mch-transfer/transfer-bills`).
    ///
    /// ```no_run
    /// # async fn run(pay: wechat_runtime::pay::PayClient) -> Result<(), wechat_runtime::Error> {
    /// let bill = pay.transfers().by_out_bill_no(&"plfk2020042013".parse()?).await?;
    /// # Ok(()) }
    /// ```
    pub fn transfers(&self) -> Transfers<'_> {
        Transfers { pay: self }
    }
}

/// A transfer to ask for: `POST /v3/fund-app/mch-transfer/transfer-bills`, by
/// [`Transfers::create`].
///
/// `user_name` is given in clear text: [`Transfers::create`] encrypts it (RSA-OAEP) with the
/// WeChat Pay public key or platform certificate and names that key in `Wechatpay-Serial`.
/// WeChat Pay requires it from 2,000 yuan up. The `Debug` output does not show it.
///
/// ```
/// use wechat_runtime::pay::transfers::{SceneReportInfo, TransferRequest};
/// use wechat_runtime::pay::{Fen, OutBillNo};
///
/// let request = TransferRequest::new("wxf636efh567hg4356", OutBillNo::new("plfk2020042013")?, "1000",
///     "o-MYE42l80oelYMDE34nYD456Xoy", Fen::new(400), "新会员开通有礼")
///     .user_name("张三")
///     .user_recv_perception("现金奖励")
///     .scene_report_infos(vec![SceneReportInfo::new("活动名称", "新会员有礼")]);
/// assert!(!format!("{request:?}").contains("张三"));
/// # Ok::<(), wechat_runtime::pay::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct TransferRequest {
    /// `appid`: the appid the `openid` belongs to, bound to the merchant.
    pub appid: String,
    /// `out_bill_no`: the merchant's bill number. Retry a failed call with the same one.
    pub out_bill_no: OutBillNo,
    /// `transfer_scene_id`: the transfer scene the merchant was granted (`1000` 现金营销…).
    pub transfer_scene_id: String,
    /// `openid`: the user paid, under `appid`.
    pub openid: String,
    /// `user_name`: the user's real name, in clear text (encrypted when sent).
    pub user_name: Option<String>,
    /// `transfer_amount`.
    pub transfer_amount: Fen,
    /// `transfer_remark`: shown to the user, at most 32 characters.
    pub transfer_remark: String,
    /// `notify_url`: where the `MCHTRANSFER.BILL.FINISHED` notification goes.
    pub notify_url: Option<String>,
    /// `user_recv_perception`: the reason the user sees (one of the scene's), or the scene's
    /// default.
    pub user_recv_perception: Option<String>,
    /// `transfer_scene_report_infos`: what the scene requires to be reported (required: at
    /// least one).
    pub transfer_scene_report_infos: Vec<SceneReportInfo>,
}

impl std::fmt::Debug for TransferRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TransferRequest")
            .field("appid", &self.appid)
            .field("out_bill_no", &self.out_bill_no)
            .field("transfer_scene_id", &self.transfer_scene_id)
            .field("openid", &self.openid)
            .field("user_name", &self.user_name.as_ref().map(|_| "<hidden>"))
            .field("transfer_amount", &self.transfer_amount)
            .field("transfer_remark", &self.transfer_remark)
            .field("notify_url", &self.notify_url)
            .field("user_recv_perception", &self.user_recv_perception)
            .field(
                "transfer_scene_report_infos",
                &self.transfer_scene_report_infos,
            )
            .finish()
    }
}

impl TransferRequest {
    /// A transfer of `transfer_amount` to `openid` (under `appid`) in the scene
    /// `transfer_scene_id`, with the remark the user sees.
    ///
    /// ```
    /// # use wechat_runtime::pay::{transfers::TransferRequest, Fen, OutBillNo};
    /// let request = TransferRequest::new("wxf636efh567hg4356", OutBillNo::new("B1")?, "1000",
    ///     "o-MYE42l80oelYMDE34nYD456Xoy", Fen::new(100), "奖励");
    /// # Ok::<(), wechat_runtime::pay::Error>(())
    /// ```
    pub fn new(
        appid: impl Into<String>,
        out_bill_no: OutBillNo,
        transfer_scene_id: impl Into<String>,
        openid: impl Into<String>,
        transfer_amount: Fen,
        transfer_remark: impl Into<String>,
    ) -> Self {
        TransferRequest {
            appid: appid.into(),
            out_bill_no,
            transfer_scene_id: transfer_scene_id.into(),
            openid: openid.into(),
            user_name: None,
            transfer_amount,
            transfer_remark: transfer_remark.into(),
            notify_url: None,
            user_recv_perception: None,
            transfer_scene_report_infos: Vec::new(),
        }
    }

    /// Sets `user_name`, the user's real name in clear text: encrypted when sent.
    pub fn user_name(mut self, user_name: impl Into<String>) -> Self {
        self.user_name = Some(user_name.into());
        self
    }

    /// Sets `notify_url`.
    pub fn notify_url(mut self, notify_url: impl Into<String>) -> Self {
        self.notify_url = Some(notify_url.into());
        self
    }

    /// Sets `user_recv_perception`.
    pub fn user_recv_perception(mut self, perception: impl Into<String>) -> Self {
        self.user_recv_perception = Some(perception.into());
        self
    }

    /// Sets `transfer_scene_report_infos`.
    pub fn scene_report_infos(mut self, infos: Vec<SceneReportInfo>) -> Self {
        self.transfer_scene_report_infos = infos;
        self
    }

    fn check(&self) -> Result<()> {
        if self.transfer_amount == Fen::ZERO {
            return Err(Error::invalid_input(
                "a transfer of 0 fen: transfer at least 1 fen",
            ));
        }
        for (what, value) in [
            ("appid", &self.appid),
            ("transfer_scene_id", &self.transfer_scene_id),
            ("openid", &self.openid),
            ("transfer_remark", &self.transfer_remark),
        ] {
            if value.trim().is_empty() {
                return Err(Error::invalid_input(format!(
                    "the transfer's `{what}` is empty"
                )));
            }
        }
        if self.transfer_scene_report_infos.is_empty() {
            return Err(Error::invalid_input(
                "the transfer has no transfer_scene_report_infos: WeChat Pay requires what the \
                 transfer scene documents (活动名称, 奖励说明…)",
            ));
        }
        let remark = self.transfer_remark.chars().count();
        if remark > 32 {
            return Err(Error::invalid_input(format!(
                "the transfer's remark is {remark} characters; WeChat Pay takes at most 32"
            )));
        }
        Ok(())
    }
}

/// One item of `transfer_scene_report_infos`: a piece of information the transfer scene
/// requires (`活动名称`, `奖励说明`, `岗位类型`…), named exactly as the scene's documentation does.
///
/// ```
/// use wechat_runtime::pay::transfers::SceneReportInfo;
///
/// let info = SceneReportInfo::new("活动名称", "新会员有礼");
/// assert_eq!(serde_json::to_string(&info).unwrap(), r#"{"info_type":"活动名称","info_content":"新会员有礼"}"#);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SceneReportInfo {
    /// `info_type`: what the information is.
    pub info_type: String,
    /// `info_content`: the information.
    pub info_content: String,
}

impl SceneReportInfo {
    /// An item of type `info_type`.
    ///
    /// ```
    /// let info = wechat_runtime::pay::transfers::SceneReportInfo::new("岗位类型", "销售员");
    /// ```
    pub fn new(info_type: impl Into<String>, info_content: impl Into<String>) -> Self {
        SceneReportInfo {
            info_type: info_type.into(),
            info_content: info_content.into(),
        }
    }
}

/// The body of `POST /v3/fund-app/mch-transfer/transfer-bills`, `user_name` encrypted.
#[derive(Serialize)]
struct TransferBody<'a> {
    appid: &'a str,
    out_bill_no: &'a OutBillNo,
    transfer_scene_id: &'a str,
    openid: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    user_name: Option<String>,
    transfer_amount: Fen,
    transfer_remark: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    notify_url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    user_recv_perception: Option<&'a str>,
    transfer_scene_report_infos: &'a [SceneReportInfo],
}

impl Transfers<'_> {
    /// Creates a transfer bill: `POST /v3/fund-app/mch-transfer/transfer-bills`.
    ///
    /// A `user_name` is encrypted first (fetching the platform certificates if none is known),
    /// and the key named in `Wechatpay-Serial`. Resent on a transient failure with the same
    /// `out_bill_no`, which WeChat Pay transfers once.
    ///
    /// ```no_run
    /// # async fn run(pay: wechat_runtime::pay::PayClient, request: wechat_runtime::pay::transfers::TransferRequest) -> Result<(), wechat_runtime::Error> {
    /// let created = pay.transfers().create(&request).await?;
    /// # Ok(()) }
    /// ```
    pub async fn create(&self, request: &TransferRequest) -> Result<TransferCreated> {
        request.check()?;
        let (user_name, serial) = match &request.user_name {
            Some(name) => {
                let encryptor = self.pay.encryptor().await?;
                (
                    Some(encryptor.encrypt(name)?),
                    Some(encryptor.serial().to_owned()),
                )
            }
            None => (None, None),
        };
        let body = TransferBody {
            appid: &request.appid,
            out_bill_no: &request.out_bill_no,
            transfer_scene_id: &request.transfer_scene_id,
            openid: &request.openid,
            user_name,
            transfer_amount: request.transfer_amount,
            transfer_remark: &request.transfer_remark,
            notify_url: request.notify_url.as_deref(),
            user_recv_perception: request.user_recv_perception.as_deref(),
            transfer_scene_report_infos: &request.transfer_scene_report_infos,
        };
        let mut call = self
            .pay
            .request(Method::POST, "/v3/fund-app/mch-transfer/transfer-bills")
            .json(&body)
            // WeChat Pay: after a failed call, retry with the same out_bill_no, never a new
            // one ("请务必不要立即更换商户订单单号重试"): one out_bill_no transfers once.
            .idempotent(true);
        if let Some(serial) = serial {
            call = call.wechatpay_serial(serial);
        }
        call.send_json().await
    }

    /// A transfer bill by the merchant's bill number:
    /// `GET /v3/fund-app/mch-transfer/transfer-bills/out-bill-no/{out_bill_no}`.
    ///
    /// ```no_run
    /// # async fn run(pay: wechat_runtime::pay::PayClient) -> Result<(), wechat_runtime::Error> {
    /// let bill = pay.transfers().by_out_bill_no(&"plfk2020042013".parse()?).await?;
    /// # Ok(()) }
    /// ```
    pub async fn by_out_bill_no(&self, out_bill_no: &OutBillNo) -> Result<TransferBill> {
        self.pay
            .request(
                Method::GET,
                &format!("/v3/fund-app/mch-transfer/transfer-bills/out-bill-no/{out_bill_no}"),
            )
            .send_json()
            .await
    }

    /// A transfer bill by WeChat Pay's bill number:
    /// `GET /v3/fund-app/mch-transfer/transfer-bills/transfer-bill-no/{transfer_bill_no}`.
    ///
    /// ```no_run
    /// # async fn run(pay: wechat_runtime::pay::PayClient) -> Result<(), wechat_runtime::Error> {
    /// let bill = pay.transfers().by_transfer_bill_no("1330000071100999991182020050700019480001").await?;
    /// # Ok(()) }
    /// ```
    pub async fn by_transfer_bill_no(&self, transfer_bill_no: &str) -> Result<TransferBill> {
        let path = format!(
            "/v3/fund-app/mch-transfer/transfer-bills/transfer-bill-no/{}",
            path::segment("transfer_bill_no", transfer_bill_no)?
        );
        self.pay.request(Method::GET, &path).send_json().await
    }

    /// Cancels a bill the user has not confirmed yet:
    /// `POST /v3/fund-app/mch-transfer/transfer-bills/out-bill-no/{out_bill_no}/cancel`.
    /// `CANCELING` means accepted; the bill reaches `CANCELLED` afterwards. Not resent after it
    /// may have arrived: query the bill when in doubt.
    ///
    /// ```no_run
    /// # async fn run(pay: wechat_runtime::pay::PayClient) -> Result<(), wechat_runtime::Error> {
    /// let cancelled = pay.transfers().cancel(&"plfk2020042013".parse()?).await?;
    /// # Ok(()) }
    /// ```
    pub async fn cancel(&self, out_bill_no: &OutBillNo) -> Result<TransferCancelled> {
        self.pay
            .request(
                Method::POST,
                &format!(
                    "/v3/fund-app/mch-transfer/transfer-bills/out-bill-no/{out_bill_no}/cancel"
                ),
            )
            // Not resent after it may have arrived: WeChat Pay does not document a repeated
            // cancel as safe (a second one may find the bill CANCELING and fail).
            .send_json()
            .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request() -> TransferRequest {
        TransferRequest::new(
            "wxf636efh567hg4356",
            OutBillNo::new("plfk2020042013").unwrap(),
            "1000",
            "o-MYE42l80oelYMDE34nYD456Xoy",
            Fen::new(400),
            "新会员开通有礼",
        )
        .scene_report_infos(vec![SceneReportInfo::new("活动名称", "新会员有礼")])
    }

    #[test]
    fn input_is_checked() {
        assert!(request().check().is_ok());
        let mut zero = request();
        zero.transfer_amount = Fen::ZERO;
        assert!(zero.check().unwrap_err().to_string().contains("0 fen"));
        let mut long = request();
        long.transfer_remark = "备".repeat(33);
        assert!(long.check().unwrap_err().to_string().contains("33"));
        let mut no_report = request();
        no_report.transfer_scene_report_infos.clear();
        assert!(no_report
            .check()
            .unwrap_err()
            .to_string()
            .contains("report"));
        let mut empty = request();
        empty.openid = String::new();
        assert!(empty.check().unwrap_err().to_string().contains("openid"));
        assert!(path::segment("transfer_bill_no", "13300000711009999911").is_ok());
        assert!(path::segment("transfer_bill_no", "../cancel").is_err());
        assert!(path::segment("transfer_bill_no", "").is_err());
    }
}
