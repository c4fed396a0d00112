//! [`PayClient`]: a merchant's configuration and the transport its calls go through.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use reqwest::Method;
use wechat_pay::{
    AppPayParams, Certificate, Encryptor, JsapiPayParams, MerchantConfig, SignatureHeaders,
    VerifiedBy, API_BACKUP_BASE_URL, API_BASE_URL,
};

use super::certificates;
use super::request::PayRequest;
use super::sender::Sender;
use crate::call::transport::{transport_setters, Transport, TransportConfig};
use crate::error::Result;

/// A WeChat Pay API v3 client for one merchant. Cheap to clone: clones share the transport and
/// the platform certificates fetched so far.
///
/// Every request is signed with the merchant key; every answer is verified by the key its
/// `Wechatpay-Serial` names before it is decoded, and an answer without a valid signature is an
/// error, never data. In certificate mode, a new serial fetches `/v3/certificates` once (one
/// fetch however many calls wait for it), and a background task fetches them again before the
/// known ones expire.
///
/// ```
/// use wechat_runtime::pay::{MerchantConfig, PayClient};
///
/// # let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../wechat-pay/tests/fixtures/");
/// # let read = |name: &str| std::fs::read(format!("{dir}{name}")).unwrap();
/// let config = MerchantConfig::builder()
///     .mchid("1900000109")
///     .merchant_private_key_pem(read("merchant_key.pem"))
///     .merchant_certificate_pem(read("merchant_cert.pem"))
///     .api_v3_key("wechatpayTestApiV3Key0123456789a")
///     .wechatpay_public_key_pem("PUB_KEY_ID_0114232134912410000000000000", read("pubkey.pem"))
///     .build()?;
/// let pay = PayClient::builder(config)
///     .timeout(std::time::Duration::from_secs(10))
///     .build()?;
/// assert_eq!(pay.mchid(), "1900000109");
/// // Nothing secret in its Debug output.
/// assert!(!format!("{pay:?}").contains("wechatpayTestApiV3Key"));
/// # Ok::<(), wechat_runtime::Error>(())
/// ```
#[derive(Clone)]
pub struct PayClient {
    sender: Arc<Sender>,
}

impl PayClient {
    /// A builder for a client of the merchant `config` describes.
    pub fn builder(config: MerchantConfig) -> PayClientBuilder {
        PayClientBuilder {
            config,
            transport: TransportConfig::new(API_BASE_URL, crate::DEFAULT_TIMEOUT),
            backup: Backup::Default,
            refresh: true,
        }
    }

    /// The merchant's configuration: its keys, signer and verifier.
    pub fn config(&self) -> &MerchantConfig {
        &self.sender.config
    }

    /// The merchant id (`mchid`).
    pub fn mchid(&self) -> &str {
        self.sender.config.mchid()
    }

    /// A signed request of any v3 path, verified like the typed ones: for what is not typed yet.
    ///
    /// A `GET` is idempotent (retried on transient failures, sent to the backup domain when the
    /// main one cannot be reached); a `POST` is not, unless marked with
    /// [`PayRequest::idempotent`].
    ///
    /// ```no_run
    /// # async fn run(pay: wechat_runtime::pay::PayClient) -> Result<(), wechat_runtime::Error> {
    /// let amounts: serde_json::Value = pay
    ///     .request(wechat_runtime::Method::GET, "/v3/profitsharing/transactions/4208450740201411110007820472/amounts")
    ///     .send_json()
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub fn request(&self, method: Method, path: &str) -> PayRequest<'_> {
        PayRequest::new(&self.sender, method, path)
    }

    /// The encryptor of sensitive fields (names, phone numbers): RSA-OAEP under the WeChat Pay
    /// public key, or else the newest valid platform certificate, fetched first if none is
    /// known. Send its [`serial`](Encryptor::serial) in `Wechatpay-Serial`
    /// ([`PayRequest::wechatpay_serial`]); the typed endpoints do.
    pub async fn encryptor(&self) -> Result<Encryptor> {
        match self.sender.config.verifier().encryptor() {
            Ok(encryptor) => Ok(encryptor),
            Err(_) if self.sender.config.verifier().fetches_certificates() => {
                certificates::fetch(&self.sender, certificates::Want::Encryptor).await?;
                Ok(self.sender.config.verifier().encryptor()?)
            }
            Err(e) => Err(e.into()),
        }
    }

    /// The arguments of `wx.requestPayment` (JSAPI and Mini Program) for a prepay id, signed
    /// with the merchant key.
    ///
    /// ```
    /// # let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../wechat-pay/tests/fixtures/");
    /// # let read = |name: &str| std::fs::read(format!("{dir}{name}")).unwrap();
    /// # let config = wechat_runtime::pay::MerchantConfig::builder().mchid("1900000109")
    /// #     .merchant_private_key_pem(read("merchant_key.pem")).merchant_certificate_pem(read("merchant_cert.pem"))
    /// #     .api_v3_key("wechatpayTestApiV3Key0123456789a")
    /// #     .wechatpay_public_key_pem("PUB_KEY_ID_0114232134912410000000000000", read("pubkey.pem")).build()?;
    /// # let pay = wechat_runtime::pay::PayClient::builder(config).build()?;
    /// let params = pay.jsapi_params("wxd678efh567hg6787", "wx201410272009395522657a690389285100")?;
    /// assert_eq!(params.package, "prepay_id=wx201410272009395522657a690389285100");
    /// assert_eq!(params.sign_type, "RSA");
    /// # Ok::<(), wechat_runtime::Error>(())
    /// ```
    pub fn jsapi_params(&self, app_id: &str, prepay_id: &str) -> Result<JsapiPayParams> {
        Ok(self
            .sender
            .config
            .signer()
            .jsapi_params(app_id, prepay_id)?)
    }

    /// The arguments of the App SDK's payment call for a prepay id, signed with the merchant key.
    pub fn app_params(&self, app_id: &str, prepay_id: &str) -> Result<AppPayParams> {
        Ok(self.sender.config.signer().app_params(app_id, prepay_id)?)
    }
}

impl PayClient {
    /// Verifies an answer or a notification by the key its `Wechatpay-Serial` names; in
    /// certificate mode, a serial not seen yet fetches `/v3/certificates` once and verifies
    /// again. `body` must be the exact bytes received.
    ///
    /// [`notification`](PayClient::notification) calls this; call it yourself for something
    /// signed by WeChat Pay that reaches you another way.
    pub async fn verify(&self, headers: &SignatureHeaders<'_>, body: &[u8]) -> Result<VerifiedBy> {
        certificates::verify(&self.sender, headers, body).await
    }

    /// `GET /v3/certificates`: WeChat Pay's platform certificates, decrypted and verified, and
    /// added to the ones this client verifies with. (A client in certificate mode does this by
    /// itself when it meets a new serial, and before the known ones expire.)
    ///
    /// ```no_run
    /// # async fn run(pay: wechat_runtime::pay::PayClient) -> Result<(), wechat_runtime::Error> {
    /// for certificate in pay.certificates().await? {
    ///     println!("{} valid until {}", certificate.serial(), certificate.not_after());
    /// }
    /// # Ok(()) }
    /// ```
    pub async fn certificates(&self) -> Result<Vec<Certificate>> {
        let certificates = certificates::download(&self.sender).await?;
        self.config()
            .verifier()
            .add_certificates(certificates.iter().cloned());
        Ok(certificates)
    }
}

impl fmt::Debug for PayClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PayClient")
            .field("mchid", &self.mchid())
            .field("base_url", &self.sender.transport.shown_base_url())
            .field(
                "backup_base_url",
                &self.sender.backup.as_ref().map(Transport::shown_base_url),
            )
            .finish_non_exhaustive()
    }
}

/// Where calls go when the main domain cannot be reached.
#[derive(Debug, Clone)]
enum Backup {
    /// `api2.mch.weixin.qq.com` when the base URL is WeChat Pay's own; none for another one.
    Default,
    None,
    Url(String),
}

/// Builds a [`PayClient`]: the transport settings of every client of the crate, the backup
/// domain and the background refresh of platform certificates.
///
/// ```
/// # let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../wechat-pay/tests/fixtures/");
/// # let read = |name: &str| std::fs::read(format!("{dir}{name}")).unwrap();
/// # let config = wechat_runtime::pay::MerchantConfig::builder().mchid("1900000109")
/// #     .merchant_private_key_pem(read("merchant_key.pem")).merchant_certificate_pem(read("merchant_cert.pem"))
/// #     .api_v3_key("wechatpayTestApiV3Key0123456789a")
/// #     .wechatpay_public_key_pem("PUB_KEY_ID_0114232134912410000000000000", read("pubkey.pem")).build()?;
/// let pay = wechat_runtime::pay::PayClient::builder(config)
///     .base_url("http://127.0.0.1:9000") // a sandbox
///     .no_backup()
///     .build()?;
/// # Ok::<(), wechat_runtime::Error>(())
/// ```
#[derive(Debug)]
#[must_use]
pub struct PayClientBuilder {
    config: MerchantConfig,
    transport: TransportConfig,
    backup: Backup,
    refresh: bool,
}

impl PayClientBuilder {
    transport_setters!(transport, "30 s", "`https://api.mch.weixin.qq.com`");

    /// The backup domain (`https://api2.mch.weixin.qq.com` by default when the base URL is WeChat
    /// Pay's own): an idempotent call whose connection to the main domain failed is sent there.
    pub fn backup_base_url(mut self, base_url: impl Into<String>) -> Self {
        self.backup = Backup::Url(base_url.into());
        self
    }

    /// No backup domain: a call whose connection failed fails.
    pub fn no_backup(mut self) -> Self {
        self.backup = Backup::None;
        self
    }

    /// Whether a background task fetches the platform certificates again before the known ones
    /// expire (on by default; certificate mode only). Without it they are fetched when an
    /// answer names a new serial.
    pub fn refresh_certificates(mut self, refresh: bool) -> Self {
        self.refresh = refresh;
        self
    }

    /// Checks the base URLs and builds the client. The background refresh starts when there is
    /// a tokio runtime to run it.
    pub fn build(self) -> Result<PayClient> {
        let backup_url = match self.backup {
            Backup::Default if self.transport.base_url.trim_end_matches('/') == API_BASE_URL => {
                Some(API_BACKUP_BASE_URL.to_owned())
            }
            Backup::Default | Backup::None => None,
            Backup::Url(url) => Some(url),
        };
        let transport = self.transport.build()?;
        let backup = backup_url
            .map(|url| transport.with_base_url(&url))
            .transpose()?;
        let fetches = self.config.verifier().fetches_certificates();
        let sender = Arc::new(Sender {
            config: self.config,
            transport,
            backup,
            last_fetch: tokio::sync::Mutex::new(None),
        });
        if self.refresh && fetches {
            certificates::spawn_refresh(&sender, REFRESH_BEFORE_EXPIRY);
        }
        Ok(PayClient { sender })
    }
}

/// How long before the first known certificate expires the background task fetches them again.
const REFRESH_BEFORE_EXPIRY: Duration = Duration::from_secs(24 * 60 * 60);
