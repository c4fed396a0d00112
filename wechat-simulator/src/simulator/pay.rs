//! Control of the WeChat Pay sandbox: merchants, the platform keys a client trusts, the sign
//! mode, and the user's side of payments, refunds and transfers.

use std::fmt;

use wechat_pay::{ApiV3Key, Certificate};

use super::Simulator;
use crate::{
    pay::{keys, notify},
    state::{
        pay::{PayNotificationOutcome, PaySandboxError, PaySignMode, RefundOutcome},
        AppState,
    },
};

/// A merchant the Pay sandbox accepts requests from: its mchid, the certificate its requests
/// are checked against (`apiclient_cert.pem`), and its APIv3 key (notifications and
/// certificates are encrypted with it). `Debug` never shows the key.
///
/// ```
/// # let pem = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../wechat-pay/tests/fixtures/merchant_cert.pem"));
/// use wechat_simulator::{PayMerchant, PayMerchantError};
///
/// let merchant = PayMerchant::new("1900000109", pem, "wechatpayTestApiV3Key0123456789a")?;
/// assert_eq!(merchant.certificate_serial(), "3A5F1C2B4D6E7F8091A2B3C4D5E6F70812345678");
/// assert!(!format!("{merchant:?}").contains("wechatpayTestApiV3Key"));
///
/// let short = PayMerchant::new("1900000109", pem, "too-short");
/// assert_eq!(short.unwrap_err(), PayMerchantError::ApiV3KeyLength(9));
/// # Ok::<(), PayMerchantError>(())
/// ```
#[derive(Clone)]
pub struct PayMerchant {
    mchid: String,
    certificate: Certificate,
    api_v3_key: ApiV3Key,
}

impl fmt::Debug for PayMerchant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PayMerchant")
            .field("mchid", &self.mchid)
            .field("certificate_serial", &self.certificate.serial())
            .finish_non_exhaustive()
    }
}

/// Why a [`PayMerchant`] could not be made.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum PayMerchantError {
    /// The mchid is not 1 to 32 digits.
    InvalidMchid(String),
    /// The merchant certificate is not a PEM X.509 RSA certificate.
    InvalidCertificate(String),
    /// The APIv3 key is not 32 bytes; this many were given.
    ApiV3KeyLength(usize),
}

impl fmt::Display for PayMerchantError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PayMerchantError::InvalidMchid(mchid) => {
                write!(f, "mchid {mchid:?} is not 1 to 32 digits")
            }
            PayMerchantError::InvalidCertificate(reason) => {
                write!(f, "the merchant certificate is invalid: {reason}")
            }
            PayMerchantError::ApiV3KeyLength(len) => {
                write!(f, "the APIv3 key must be 32 bytes, got {len}")
            }
        }
    }
}

impl std::error::Error for PayMerchantError {}

impl PayMerchant {
    /// Checks the mchid, reads the certificate (PEM) and the APIv3 key (32 bytes).
    ///
    /// # Errors
    ///
    /// [`PayMerchantError`] for a malformed mchid, an unreadable certificate or a key of
    /// another length.
    pub fn new(
        mchid: impl Into<String>,
        merchant_certificate_pem: impl AsRef<[u8]>,
        api_v3_key: impl AsRef<[u8]>,
    ) -> Result<PayMerchant, PayMerchantError> {
        let mchid = mchid.into();
        if mchid.is_empty() || mchid.len() > 32 || !mchid.bytes().all(|b| b.is_ascii_digit()) {
            return Err(PayMerchantError::InvalidMchid(mchid));
        }
        let certificate = Certificate::from_pem(merchant_certificate_pem)
            .map_err(|e| PayMerchantError::InvalidCertificate(e.to_string()))?;
        let key = api_v3_key.as_ref();
        let api_v3_key =
            ApiV3Key::new(key).map_err(|_| PayMerchantError::ApiV3KeyLength(key.len()))?;
        Ok(PayMerchant {
            mchid,
            certificate,
            api_v3_key,
        })
    }

    /// The merchant number.
    pub fn mchid(&self) -> &str {
        &self.mchid
    }

    /// The serial of the merchant certificate, which requests must name in `serial_no`.
    pub fn certificate_serial(&self) -> &str {
        self.certificate.serial()
    }
}

/// What a WeChat Pay client needs to trust the sandbox: its platform certificate and its
/// WeChat Pay public key with their serial and id. Throwaway test keys, public on purpose.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct PayPlatform {
    /// The platform certificate (PEM).
    pub certificate_pem: String,
    /// Its serial, as `Wechatpay-Serial` names it.
    pub certificate_serial: String,
    /// The WeChat Pay public key (SPKI PEM).
    pub public_key_pem: String,
    /// Its id, `PUB_KEY_ID_…`.
    pub public_key_id: String,
}

impl Simulator {
    /// The base URL to use instead of `https://api.mch.weixin.qq.com`: the same as
    /// [`base_url`](Self::base_url), since WeChat Pay's `/v3/…` paths are served beside
    /// WeChat's.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> std::io::Result<()> {
    /// let sim = wechat_simulator::Simulator::start().await?;
    /// assert_eq!(sim.pay_base_url(), sim.base_url());
    /// # Ok(())
    /// # }
    /// ```
    pub fn pay_base_url(&self) -> String {
        self.base_url()
    }

    /// Registers a merchant with the Pay sandbox (or replaces its certificate and key; its
    /// orders stay). Requests signed by it are accepted from then on.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// # let pem = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../wechat-pay/tests/fixtures/merchant_cert.pem"));
    /// use wechat_simulator::{PayMerchant, Simulator};
    ///
    /// let sim = Simulator::start().await?;
    /// sim.add_pay_merchant(PayMerchant::new("1900000109", pem, "wechatpayTestApiV3Key0123456789a")?)?;
    /// assert_eq!(sim.pay_transaction_state("1900000109", "no-such-order"), None);
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// # Errors
    ///
    /// [`PaySandboxError::TooManyMerchants`] beyond a thousand merchants.
    pub fn add_pay_merchant(&self, merchant: PayMerchant) -> Result<(), PaySandboxError> {
        self.state.lock().pay.add_merchant(
            &merchant.mchid,
            merchant.certificate.serial().to_owned(),
            merchant.certificate.verifying_key().clone(),
            merchant.api_v3_key,
        )
    }

    /// The sandbox's platform certificate and public key, to configure a client with.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> std::io::Result<()> {
    /// let sim = wechat_simulator::Simulator::start().await?;
    /// let platform = sim.pay_platform();
    /// assert!(platform.public_key_id.starts_with("PUB_KEY_ID_"));
    /// assert_eq!(platform.certificate_serial, "5157F09EFDC096DE15EBE81A47057A7232F1B8E1");
    /// # Ok(())
    /// # }
    /// ```
    pub fn pay_platform(&self) -> PayPlatform {
        let platform = keys::platform();
        PayPlatform {
            certificate_pem: platform.certificate_pem().to_owned(),
            certificate_serial: platform.certificate.serial().to_owned(),
            public_key_pem: platform.public_key_pem().to_owned(),
            public_key_id: keys::PUBLIC_KEY_ID.to_owned(),
        }
    }

    /// What the sandbox signs answers and notifications with from now on (default
    /// [`PaySignMode::PublicKey`]).
    pub fn set_pay_sign_mode(&self, mode: PaySignMode) {
        self.state.lock().pay.sign_mode = mode;
    }

    /// The chance, from 0 to 1, that a delivered notification is sent a second time, as WeChat
    /// Pay sometimes does (default 0.05; tests set 0 or 1). Outside 0..=1 it is clamped.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> std::io::Result<()> {
    /// let sim = wechat_simulator::Simulator::start().await?;
    /// sim.set_pay_duplicate_rate(0.0); // every notification once
    /// sim.set_pay_sign_mode(wechat_simulator::PaySignMode::Switch);
    /// # Ok(())
    /// # }
    /// ```
    pub fn set_pay_duplicate_rate(&self, rate: f64) {
        self.state.lock().pay.duplicate_rate = if rate.is_nan() {
            0.0
        } else {
            rate.clamp(0.0, 1.0)
        };
    }

    /// The user pays the order: `NOTPAY` becomes `SUCCESS` with a transaction_id, the payer
    /// (`openid`, or the prepay's, or a made-up one) and the time. `TRANSACTION.SUCCESS` is
    /// pushed to the order's notify_url; this returns the transaction_id after that first
    /// delivery (and its duplicate, if one is sent). A failed delivery is retried on WeChat
    /// Pay's schedule as [`advance_clock`](Self::advance_clock) passes it.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// # let fixtures = concat!(env!("CARGO_MANIFEST_DIR"), "/../wechat-pay/tests/fixtures/");
    /// # let read = |name: &str| std::fs::read_to_string(format!("{fixtures}{name}")).unwrap();
    /// use wechat_simulator::{PayMerchant, Simulator};
    ///
    /// let sim = Simulator::start().await?;
    /// let merchant = PayMerchant::new("1900000109", read("merchant_cert.pem"), "wechatpayTestApiV3Key0123456789a")?;
    /// let key = wechat_pay::SigningKey::from_pem(read("merchant_key.pem"))?;
    /// let signer = wechat_pay::Signer::new("1900000109", merchant.certificate_serial(), key);
    /// sim.add_pay_merchant(merchant)?;
    ///
    /// // The app places a Native order (its notify_url is down, in this example).
    /// let body = serde_json::json!({
    ///     "appid": "wxd678efh567hg6787", "mchid": "1900000109", "description": "QQ公仔",
    ///     "out_trade_no": "1217752501201407033233368018", "amount": { "total": 100 },
    ///     "notify_url": "http://127.0.0.1:9/notify",
    /// })
    /// .to_string();
    /// let authorization = signer.authorization("POST", "/v3/pay/transactions/native", body.as_bytes())?;
    /// let answer: serde_json::Value = reqwest::Client::builder().no_proxy().build()?
    ///     .post(format!("{}/v3/pay/transactions/native", sim.pay_base_url()))
    ///     .header("Authorization", authorization)
    ///     .body(body)
    ///     .send().await?
    ///     .json().await?;
    /// assert!(answer["code_url"].as_str().unwrap().starts_with("weixin://"));
    ///
    /// // The user pays: the order is paid, its notification was tried once.
    /// let transaction_id = sim.pay_transaction("1900000109", "1217752501201407033233368018", None).await?;
    /// assert!(transaction_id.starts_with("4200"));
    /// let state = sim.pay_transaction_state("1900000109", "1217752501201407033233368018");
    /// assert_eq!(state.as_deref(), Some("SUCCESS"));
    /// let first = &sim.pay_notifications()[0];
    /// assert_eq!((first.event_type.as_str(), first.attempt), ("TRANSACTION.SUCCESS", 1));
    /// assert!(!first.delivered());
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// # Errors
    ///
    /// [`PaySandboxError`] for an unknown merchant or order, or an order that is not `NOTPAY`.
    pub async fn pay_transaction(
        &self,
        mchid: &str,
        out_trade_no: &str,
        openid: Option<&str>,
    ) -> Result<String, PaySandboxError> {
        let (notice, transaction_id) = {
            let mut inner = self.state.lock();
            let now = crate::pay::simulated_now(&inner);
            let merchant = inner.pay.merchant_or_err(mchid)?;
            let (transaction, url, transaction_id) = merchant.pay(out_trade_no, openid, now)?;
            let notice = notify::notice(
                merchant,
                notify::TRANSACTION_SUCCESS,
                url,
                &transaction,
                now,
            );
            (notice, transaction_id)
        };
        notify::deliver(&self.state, notice).await;
        Ok(transaction_id)
    }

    /// Ends a `PROCESSING` refund with `outcome`, and pushes `REFUND.SUCCESS`, `REFUND.ABNORMAL`
    /// or `REFUND.CLOSED` to the refund's notify_url, if it gave one (returning after that first
    /// delivery).
    ///
    /// ```no_run
    /// # async fn example(sim: &wechat_simulator::Simulator) -> Result<(), wechat_simulator::PaySandboxError> {
    /// use wechat_simulator::RefundOutcome;
    ///
    /// sim.finish_refund("1900000109", "R1217752501", RefundOutcome::Success).await?;
    /// assert_eq!(sim.pay_refund_status("1900000109", "R1217752501").as_deref(), Some("SUCCESS"));
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// # Errors
    ///
    /// [`PaySandboxError`] for an unknown merchant or refund, or a refund already finished.
    pub async fn finish_refund(
        &self,
        mchid: &str,
        out_refund_no: &str,
        outcome: RefundOutcome,
    ) -> Result<(), PaySandboxError> {
        let notice = {
            let mut inner = self.state.lock();
            let now = crate::pay::simulated_now(&inner);
            let merchant = inner.pay.merchant_or_err(mchid)?;
            let (plaintext, url) = merchant.finish_refund(out_refund_no, outcome, now)?;
            url.map(|url| {
                notify::notice(
                    merchant,
                    notify::refund_event(outcome),
                    url,
                    &plaintext,
                    now,
                )
            })
        };
        if let Some(notice) = notice {
            notify::deliver(&self.state, notice).await;
        }
        Ok(())
    }

    /// The user confirms the receipt of a transfer: `WAIT_USER_CONFIRM` becomes `SUCCESS`, and
    /// `MCHTRANSFER.BILL.FINISHED` is pushed to the bill's notify_url, if it gave one.
    ///
    /// ```no_run
    /// # async fn example(sim: &wechat_simulator::Simulator) -> Result<(), wechat_simulator::PaySandboxError> {
    /// sim.confirm_transfer("1900000109", "plfk2020042013").await?;
    /// assert_eq!(sim.pay_transfer_state("1900000109", "plfk2020042013").as_deref(), Some("SUCCESS"));
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// # Errors
    ///
    /// [`PaySandboxError`] for an unknown merchant or bill, or a bill already finished.
    pub async fn confirm_transfer(
        &self,
        mchid: &str,
        out_bill_no: &str,
    ) -> Result<(), PaySandboxError> {
        let notice = {
            let mut inner = self.state.lock();
            let now = crate::pay::simulated_now(&inner);
            let merchant = inner.pay.merchant_or_err(mchid)?;
            let (_, plaintext, url) = merchant.confirm_transfer(out_bill_no, now)?;
            plaintext.zip(url).map(|(plaintext, url)| {
                notify::notice(merchant, notify::TRANSFER_FINISHED, url, &plaintext, now)
            })
        };
        if let Some(notice) = notice {
            notify::deliver(&self.state, notice).await;
        }
        Ok(())
    }

    /// The latest notification deliveries (up to a thousand), oldest first: first deliveries,
    /// retries and duplicates.
    pub fn pay_notifications(&self) -> Vec<PayNotificationOutcome> {
        self.state.lock().pay.notifications()
    }

    /// The `trade_state` of an order (`NOTPAY`, `SUCCESS`, `CLOSED`, `REFUND`), if it exists.
    pub fn pay_transaction_state(&self, mchid: &str, out_trade_no: &str) -> Option<String> {
        let inner = self.state.lock();
        let order = inner.pay.merchant(mchid)?.orders.get(out_trade_no)?;
        Some(order.state.wire().to_owned())
    }

    /// The `status` of a refund (`PROCESSING`, `SUCCESS`, `ABNORMAL`, `CLOSED`), if it exists.
    pub fn pay_refund_status(&self, mchid: &str, out_refund_no: &str) -> Option<String> {
        let inner = self.state.lock();
        let refund = inner.pay.merchant(mchid)?.refunds.get(out_refund_no)?;
        Some(refund.status.wire().to_owned())
    }

    /// The `state` of a transfer bill (`WAIT_USER_CONFIRM`, `SUCCESS`, `CANCELLED`), if it
    /// exists.
    pub fn pay_transfer_state(&self, mchid: &str, out_bill_no: &str) -> Option<String> {
        let inner = self.state.lock();
        let bill = inner.pay.merchant(mchid)?.transfers.get(out_bill_no)?;
        Some(bill.state.to_owned())
    }
}

/// Delivers the notification retries the simulated clock has passed (from `advance_clock`).
pub(crate) async fn run_pay_retries(state: &AppState) {
    notify::run_due(state).await;
}
