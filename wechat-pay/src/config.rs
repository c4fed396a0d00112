//! The merchant configuration, checked whole when it is built: a bad key fails at start-up,
//! never at the first payment.

use std::fmt;
use std::sync::Arc;
use std::time::SystemTime;

use crate::certificate::{serial_key, Certificate};
use crate::crypto::ApiV3Key;
use crate::error::{Error, Result};
use crate::keys::{unix_time, SigningKey, WechatPayPublicKey};
use crate::sign::Signer;
use crate::verify::Verifier;

/// Everything a merchant needs to talk to WeChat Pay v3: the mchid, the merchant certificate's
/// serial and private key (to sign), the APIv3 key (to decrypt), and the verification keys
/// (platform certificates, the WeChat Pay public key, or both during a switch).
///
/// Cloning shares it. `Debug` shows the mchid, serials and key ids, never a key.
///
/// ```
/// # let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/");
/// let config = wechat_pay::MerchantConfig::builder()
///     .mchid("1900000109")
///     .merchant_private_key_pem(std::fs::read(format!("{dir}merchant_key.pem")).unwrap())
///     .merchant_certificate_pem(std::fs::read(format!("{dir}merchant_cert.pem")).unwrap())
///     .api_v3_key("wechatpayTestApiV3Key0123456789a")
///     .wechatpay_public_key_pem("PUB_KEY_ID_0114232134912410000000000000", std::fs::read(format!("{dir}pubkey.pem")).unwrap())
///     .build()?;
/// // The serial was read from the merchant certificate.
/// assert_eq!(config.merchant_serial(), "3A5F1C2B4D6E7F8091A2B3C4D5E6F70812345678");
/// assert_eq!(config.wechatpay_serial(), Some("PUB_KEY_ID_0114232134912410000000000000"));
/// assert!(!format!("{config:?}").contains("PRIVATE"));
/// # Ok::<(), wechat_pay::Error>(())
/// ```
#[derive(Clone)]
pub struct MerchantConfig {
    inner: Arc<Inner>,
}

struct Inner {
    signer: Signer,
    api_v3_key: ApiV3Key,
    verifier: Arc<Verifier>,
}

impl MerchantConfig {
    /// Starts a configuration.
    ///
    /// ```
    /// let err = wechat_pay::MerchantConfig::builder().build().unwrap_err();
    /// assert!(matches!(err, wechat_pay::Error::MissingConfig { field: "mchid" }));
    /// ```
    pub fn builder() -> MerchantConfigBuilder {
        MerchantConfigBuilder::default()
    }

    /// The merchant number.
    ///
    /// ```
    /// # let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/");
    /// # let config = wechat_pay::MerchantConfig::builder().mchid("1900000109")
    /// #     .merchant_private_key_pem(std::fs::read(format!("{dir}merchant_key.pem")).unwrap())
    /// #     .merchant_certificate_pem(std::fs::read(format!("{dir}merchant_cert.pem")).unwrap())
    /// #     .api_v3_key("wechatpayTestApiV3Key0123456789a")
    /// #     .wechatpay_public_key_pem("PUB_KEY_ID_0114232134912410000000000000", std::fs::read(format!("{dir}pubkey.pem")).unwrap())
    /// #     .build()?;
    /// assert_eq!(config.mchid(), "1900000109");
    /// # Ok::<(), wechat_pay::Error>(())
    /// ```
    pub fn mchid(&self) -> &str {
        self.inner.signer.mchid()
    }

    /// The merchant certificate's serial, sent as `serial_no` in every `Authorization`.
    ///
    /// ```
    /// # let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/");
    /// # let config = wechat_pay::MerchantConfig::builder().mchid("1900000109")
    /// #     .merchant_private_key_pem(std::fs::read(format!("{dir}merchant_key.pem")).unwrap())
    /// #     .merchant_certificate_pem(std::fs::read(format!("{dir}merchant_cert.pem")).unwrap())
    /// #     .api_v3_key("wechatpayTestApiV3Key0123456789a")
    /// #     .wechatpay_public_key_pem("PUB_KEY_ID_0114232134912410000000000000", std::fs::read(format!("{dir}pubkey.pem")).unwrap())
    /// #     .build()?;
    /// assert_eq!(config.merchant_serial(), "3A5F1C2B4D6E7F8091A2B3C4D5E6F70812345678");
    /// # Ok::<(), wechat_pay::Error>(())
    /// ```
    pub fn merchant_serial(&self) -> &str {
        self.inner.signer.serial()
    }

    /// The signer of requests and front-end invocation parameters.
    ///
    /// ```
    /// # let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/");
    /// # let config = wechat_pay::MerchantConfig::builder().mchid("1900000109")
    /// #     .merchant_private_key_pem(std::fs::read(format!("{dir}merchant_key.pem")).unwrap())
    /// #     .merchant_certificate_pem(std::fs::read(format!("{dir}merchant_cert.pem")).unwrap())
    /// #     .api_v3_key("wechatpayTestApiV3Key0123456789a")
    /// #     .wechatpay_public_key_pem("PUB_KEY_ID_0114232134912410000000000000", std::fs::read(format!("{dir}pubkey.pem")).unwrap())
    /// #     .build()?;
    /// let header = config.signer().authorization("GET", "/v3/certificates", b"")?;
    /// assert!(header.contains("mchid=\"1900000109\""));
    /// # Ok::<(), wechat_pay::Error>(())
    /// ```
    pub fn signer(&self) -> &Signer {
        &self.inner.signer
    }

    /// The APIv3 key.
    ///
    /// ```
    /// # let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/");
    /// # let config = wechat_pay::MerchantConfig::builder().mchid("1900000109")
    /// #     .merchant_private_key_pem(std::fs::read(format!("{dir}merchant_key.pem")).unwrap())
    /// #     .merchant_certificate_pem(std::fs::read(format!("{dir}merchant_cert.pem")).unwrap())
    /// #     .api_v3_key("wechatpayTestApiV3Key0123456789a")
    /// #     .wechatpay_public_key_pem("PUB_KEY_ID_0114232134912410000000000000", std::fs::read(format!("{dir}pubkey.pem")).unwrap())
    /// #     .build()?;
    /// let c = config.api_v3_key().encrypt("transaction", "fdasflkja484", b"{}")?;
    /// assert_eq!(config.api_v3_key().decrypt("transaction", "fdasflkja484", &c)?, b"{}");
    /// # Ok::<(), wechat_pay::Error>(())
    /// ```
    pub fn api_v3_key(&self) -> &ApiV3Key {
        &self.inner.api_v3_key
    }

    /// The verifier of answers and notifications, shared: certificates added to it (after a
    /// fetch of `/v3/certificates`) are seen by every clone of this configuration.
    ///
    /// ```
    /// # let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/");
    /// # let config = wechat_pay::MerchantConfig::builder().mchid("1900000109")
    /// #     .merchant_private_key_pem(std::fs::read(format!("{dir}merchant_key.pem")).unwrap())
    /// #     .merchant_certificate_pem(std::fs::read(format!("{dir}merchant_cert.pem")).unwrap())
    /// #     .api_v3_key("wechatpayTestApiV3Key0123456789a")
    /// #     .wechatpay_public_key_pem("PUB_KEY_ID_0114232134912410000000000000", std::fs::read(format!("{dir}pubkey.pem")).unwrap())
    /// #     .build()?;
    /// assert!(config.verifier().public_key().is_some());
    /// # Ok::<(), wechat_pay::Error>(())
    /// ```
    pub fn verifier(&self) -> &Arc<Verifier> {
        &self.inner.verifier
    }

    /// What to send as `Wechatpay-Serial` on requests when the WeChat Pay public key is
    /// configured: its id, which also asks WeChat Pay to sign the answer with the public key
    /// (during a switch, answers follow the request's `Wechatpay-Serial`). `None` in pure
    /// certificate mode; a request with encrypted fields sends its
    /// [`Encryptor::serial`](crate::Encryptor::serial) instead.
    ///
    /// ```
    /// # let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/");
    /// # let config = wechat_pay::MerchantConfig::builder().mchid("1900000109")
    /// #     .merchant_private_key_pem(std::fs::read(format!("{dir}merchant_key.pem")).unwrap())
    /// #     .merchant_certificate_pem(std::fs::read(format!("{dir}merchant_cert.pem")).unwrap())
    /// #     .api_v3_key("wechatpayTestApiV3Key0123456789a")
    /// #     .wechatpay_public_key_pem("PUB_KEY_ID_0114232134912410000000000000", std::fs::read(format!("{dir}pubkey.pem")).unwrap())
    /// #     .build()?;
    /// assert_eq!(config.wechatpay_serial(), Some("PUB_KEY_ID_0114232134912410000000000000"));
    /// # Ok::<(), wechat_pay::Error>(())
    /// ```
    pub fn wechatpay_serial(&self) -> Option<&str> {
        self.inner.verifier.public_key().map(|k| k.id())
    }
}

impl fmt::Debug for MerchantConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MerchantConfig")
            .field("signer", &self.inner.signer)
            .field("api_v3_key", &self.inner.api_v3_key)
            .field("verifier", &self.inner.verifier)
            .finish()
    }
}

/// Builds a [`MerchantConfig`]; [`build`](Self::build) checks everything at once. `Debug` never
/// shows the keys given to it.
///
/// ```
/// # let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/");
/// let err = wechat_pay::MerchantConfig::builder()
///     .mchid("1900000109")
///     .merchant_serial("3A5F1C2B4D6E7F8091A2B3C4D5E6F70812345678")
///     .merchant_private_key_pem(std::fs::read(format!("{dir}other_key.pem")).unwrap())
///     .merchant_certificate_pem(std::fs::read(format!("{dir}merchant_cert.pem")).unwrap())
///     .api_v3_key("wechatpayTestApiV3Key0123456789a")
///     .platform_certificate_pem(std::fs::read(format!("{dir}platform_cert.pem")).unwrap())
///     .build()
///     .unwrap_err();
/// assert!(matches!(err, wechat_pay::Error::KeyMismatch));
/// ```
#[derive(Default)]
pub struct MerchantConfigBuilder {
    mchid: Option<String>,
    merchant_serial: Option<String>,
    private_key_pem: Option<Vec<u8>>,
    certificate_pem: Option<Vec<u8>>,
    api_v3_key: Option<Vec<u8>>,
    platform_certificates: Vec<Vec<u8>>,
    public_key: Option<(String, Vec<u8>)>,
    fetch_certificates: bool,
    checked_at: Option<SystemTime>,
}

impl MerchantConfigBuilder {
    /// The merchant number (`mchid`). Required.
    ///
    /// ```
    /// let builder = wechat_pay::MerchantConfig::builder().mchid("1900000109");
    /// ```
    pub fn mchid(mut self, mchid: impl Into<String>) -> Self {
        self.mchid = Some(mchid.into().trim().to_owned());
        self
    }

    /// The merchant API certificate's serial (商户API证书序列号). Required unless
    /// [`merchant_certificate_pem`](Self::merchant_certificate_pem) is given, which carries it;
    /// when both are given they must agree.
    ///
    /// ```
    /// let builder = wechat_pay::MerchantConfig::builder().merchant_serial("3A5F1C2B4D6E7F8091A2B3C4D5E6F70812345678");
    /// ```
    pub fn merchant_serial(mut self, serial: impl Into<String>) -> Self {
        self.merchant_serial = Some(serial.into().trim().to_owned());
        self
    }

    /// The merchant private key, `apiclient_key.pem`: PEM PKCS#8 or PKCS#1. Required.
    ///
    /// ```
    /// let builder = wechat_pay::MerchantConfig::builder().merchant_private_key_pem("-----BEGIN PRIVATE KEY-----…");
    /// ```
    pub fn merchant_private_key_pem(mut self, pem: impl AsRef<[u8]>) -> Self {
        self.private_key_pem = Some(pem.as_ref().to_vec());
        self
    }

    /// The merchant certificate, `apiclient_cert.pem`. Optional: when given, the private key
    /// must match it, and the serial is taken from it.
    ///
    /// ```
    /// let builder = wechat_pay::MerchantConfig::builder().merchant_certificate_pem("-----BEGIN CERTIFICATE-----…");
    /// ```
    pub fn merchant_certificate_pem(mut self, pem: impl AsRef<[u8]>) -> Self {
        self.certificate_pem = Some(pem.as_ref().to_vec());
        self
    }

    /// The APIv3 key (APIv3密钥): exactly 32 bytes. Required.
    ///
    /// ```
    /// let builder = wechat_pay::MerchantConfig::builder().api_v3_key("wechatpayTestApiV3Key0123456789a");
    /// ```
    pub fn api_v3_key(mut self, key: impl AsRef<[u8]>) -> Self {
        self.api_v3_key = Some(key.as_ref().to_vec());
        self
    }

    /// Adds a WeChat Pay platform certificate (PEM). May be called once per certificate; an
    /// expired one is refused at build time.
    ///
    /// ```
    /// let builder = wechat_pay::MerchantConfig::builder().platform_certificate_pem("-----BEGIN CERTIFICATE-----…");
    /// ```
    pub fn platform_certificate_pem(mut self, pem: impl AsRef<[u8]>) -> Self {
        self.platform_certificates.push(pem.as_ref().to_vec());
        self
    }

    /// The WeChat Pay public key (PEM `PUBLIC KEY`) and its id `PUB_KEY_ID_…`. With platform
    /// certificates as well, the configuration accepts both (a switch in progress).
    ///
    /// ```
    /// let builder = wechat_pay::MerchantConfig::builder().wechatpay_public_key_pem("PUB_KEY_ID_0114232134912410000000000000", "-----BEGIN PUBLIC KEY-----…");
    /// ```
    pub fn wechatpay_public_key_pem(
        mut self,
        id: impl Into<String>,
        pem: impl AsRef<[u8]>,
    ) -> Self {
        self.public_key = Some((id.into(), pem.as_ref().to_vec()));
        self
    }

    /// Certificate mode without a certificate yet: the client fetches the platform certificates
    /// from `/v3/certificates` on first use (decrypted with the APIv3 key; that first answer can
    /// only be checked against the certificates it carries, so prefer giving them).
    ///
    /// ```
    /// let builder = wechat_pay::MerchantConfig::builder().fetch_platform_certificates();
    /// ```
    pub fn fetch_platform_certificates(mut self) -> Self {
        self.fetch_certificates = true;
        self
    }

    /// The time against which certificate validity is checked (default: now). For tests and for
    /// a sandbox on simulated time.
    ///
    /// ```
    /// let builder = wechat_pay::MerchantConfig::builder().checked_at(std::time::SystemTime::now());
    /// ```
    pub fn checked_at(mut self, at: SystemTime) -> Self {
        self.checked_at = Some(at);
        self
    }

    /// Checks and builds. Errors, in order: a missing setting ([`Error::MissingConfig`]), bad
    /// PEM or key ([`Error::InvalidPem`], [`Error::InvalidKey`],
    /// [`Error::InvalidCertificate`]), a private key that does not match the merchant
    /// certificate ([`Error::KeyMismatch`]) or a serial that differs from it
    /// ([`Error::SerialMismatch`]), an APIv3 key that is not 32 bytes
    /// ([`Error::ApiV3KeyLength`]), an expired platform certificate
    /// ([`Error::CertificateExpired`]), a public key id without `PUB_KEY_ID_`
    /// ([`Error::InvalidPublicKeyId`]), and no verification key at all
    /// ([`Error::NoVerificationKey`]).
    ///
    /// ```
    /// # let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/");
    /// let err = wechat_pay::MerchantConfig::builder()
    ///     .mchid("1900000109")
    ///     .merchant_serial("3A5F1C2B4D6E7F8091A2B3C4D5E6F70812345678")
    ///     .merchant_private_key_pem(std::fs::read(format!("{dir}merchant_key.pem")).unwrap())
    ///     .api_v3_key("wechatpayTestApiV3Key0123456789a")
    ///     .platform_certificate_pem(std::fs::read(format!("{dir}expired_cert.pem")).unwrap())
    ///     .build()
    ///     .unwrap_err();
    /// assert!(matches!(err, wechat_pay::Error::CertificateExpired { .. }));
    /// ```
    pub fn build(self) -> Result<MerchantConfig> {
        let mchid = self
            .mchid
            .filter(|m| !m.is_empty())
            .ok_or(Error::MissingConfig { field: "mchid" })?;
        let key_pem = self
            .private_key_pem
            .as_deref()
            .ok_or(Error::MissingConfig {
                field: "merchant_private_key_pem",
            })?;
        let key = SigningKey::from_pem(key_pem)?;

        let serial = match &self.certificate_pem {
            Some(pem) => {
                let cert = Certificate::from_pem_named("merchant certificate", pem)?;
                if cert.verifying_key().pkcs1() != key.public_pkcs1() {
                    return Err(Error::KeyMismatch);
                }
                if let Some(given) = &self.merchant_serial {
                    if serial_key(given) != serial_key(cert.serial()) {
                        return Err(Error::SerialMismatch {
                            expected: given.clone(),
                            certificate: cert.serial().to_owned(),
                        });
                    }
                }
                cert.serial().to_owned()
            }
            None => self
                .merchant_serial
                .filter(|s| !s.is_empty())
                .ok_or(Error::MissingConfig {
                    field: "merchant_serial",
                })?,
        };

        let api_v3_key =
            ApiV3Key::new(self.api_v3_key.as_deref().ok_or(Error::MissingConfig {
                field: "api_v3_key",
            })?)?;

        let now = unix_time(self.checked_at.unwrap_or_else(SystemTime::now));
        let certificates = self
            .platform_certificates
            .iter()
            .map(|pem| {
                let cert = Certificate::from_pem_named("platform certificate", pem)?;
                if cert.not_after() < now {
                    return Err(Error::CertificateExpired {
                        serial: cert.serial().to_owned(),
                        not_after: cert.not_after(),
                    });
                }
                Ok(cert)
            })
            .collect::<Result<Vec<_>>>()?;

        let public_key = self
            .public_key
            .map(|(id, pem)| WechatPayPublicKey::from_pem(id, pem))
            .transpose()?;

        if certificates.is_empty() && public_key.is_none() && !self.fetch_certificates {
            return Err(Error::NoVerificationKey);
        }
        let verifier =
            Verifier::new(certificates, public_key).with_fetching(self.fetch_certificates);

        Ok(MerchantConfig {
            inner: Arc::new(Inner {
                signer: Signer::new(mchid, serial, key),
                api_v3_key,
                verifier: Arc::new(verifier),
            }),
        })
    }
}

impl fmt::Debug for MerchantConfigBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MerchantConfigBuilder")
            .field("mchid", &self.mchid)
            .field("merchant_serial", &self.merchant_serial)
            .field(
                "merchant_private_key",
                &self.private_key_pem.as_ref().map(|_| ".."),
            )
            .field(
                "merchant_certificate",
                &self.certificate_pem.as_ref().map(|_| ".."),
            )
            .field("api_v3_key", &self.api_v3_key.as_ref().map(|_| ".."))
            .field("platform_certificates", &self.platform_certificates.len())
            .field(
                "wechatpay_public_key_id",
                &self.public_key.as_ref().map(|(id, _)| id),
            )
            .field("fetch_platform_certificates", &self.fetch_certificates)
            .finish()
    }
}
