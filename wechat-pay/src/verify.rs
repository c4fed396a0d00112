//! Verification of what WeChat Pay signs: every answer and every notification.
//!
//! The signed message is `Wechatpay-Timestamp\nWechatpay-Nonce\nBODY\n`; `Wechatpay-Signature` is
//! its base64 SHA256-RSA signature by the key that `Wechatpay-Serial` names: a `PUB_KEY_ID_…`
//! names the WeChat Pay public key, anything else a platform certificate. Both kinds may be in
//! use at once while a merchant switches from certificates to the public key.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::{Arc, RwLock};

use crate::certificate::{serial_key, Certificate};
use crate::crypto::Encryptor;
use crate::error::{Error, Result};
use crate::keys::{unix_now, WechatPayPublicKey};
use crate::sign::{answer_message, AUTHORIZATION_SCHEME};
use crate::PUBLIC_KEY_ID_PREFIX;

/// `Wechatpay-Timestamp`: unix seconds at which WeChat Pay signed.
pub const HEADER_TIMESTAMP: &str = "Wechatpay-Timestamp";
/// `Wechatpay-Nonce`: the signature's nonce.
pub const HEADER_NONCE: &str = "Wechatpay-Nonce";
/// `Wechatpay-Signature`: base64 SHA256-RSA signature.
pub const HEADER_SIGNATURE: &str = "Wechatpay-Signature";
/// `Wechatpay-Serial`: the platform certificate serial or `PUB_KEY_ID_…` that signed. A request
/// whose body has encrypted fields sends it too, naming the key that encrypted them.
pub const HEADER_SERIAL: &str = "Wechatpay-Serial";
/// `Wechatpay-Signature-Type`: `WECHATPAY2-SHA256-RSA2048` when present.
pub const HEADER_SIGNATURE_TYPE: &str = "Wechatpay-Signature-Type";
/// `Request-ID`: WeChat Pay's id of the call, to quote to its support.
pub const HEADER_REQUEST_ID: &str = "Request-ID";

/// How far `Wechatpay-Timestamp` may be from the local clock, in seconds (5 minutes).
///
/// ```
/// assert_eq!(wechat_pay::MAX_CLOCK_SKEW_SECS, 300);
/// ```
pub const MAX_CLOCK_SKEW_SECS: i64 = 300;

/// The prefix of WeChat Pay's signature probes ("签名探测流量"): a merchant must refuse them.
const PROBE_PREFIX: &str = "WECHATPAY/SIGNTEST/";

/// The signature headers of an answer or a notification.
///
/// ```
/// let mut headers = http::HeaderMap::new();
/// headers.insert("Wechatpay-Timestamp", "1722850421".parse().unwrap());
/// headers.insert("Wechatpay-Nonce", "d824f2e086d3c1df967785d13fcd22ef".parse().unwrap());
/// headers.insert("Wechatpay-Signature", "c2ln".parse().unwrap());
/// headers.insert("Wechatpay-Serial", "PUB_KEY_ID_0001".parse().unwrap());
/// let h = wechat_pay::SignatureHeaders::from_header_map(&headers)?;
/// assert_eq!(h.serial, "PUB_KEY_ID_0001");
/// assert_eq!(h.request_id, None);
/// # Ok::<(), wechat_pay::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct SignatureHeaders<'a> {
    /// `Wechatpay-Timestamp`, as sent.
    pub timestamp: &'a str,
    /// `Wechatpay-Nonce`.
    pub nonce: &'a str,
    /// `Wechatpay-Signature`.
    pub signature: &'a str,
    /// `Wechatpay-Serial`.
    pub serial: &'a str,
    /// `Wechatpay-Signature-Type`, when sent.
    pub signature_type: Option<&'a str>,
    /// `Request-ID`, when sent (answers carry it, notifications may not).
    pub request_id: Option<&'a str>,
}

impl<'a> SignatureHeaders<'a> {
    /// Reads the headers from an [`http::HeaderMap`] (names are case-insensitive).
    ///
    /// ```
    /// let err = wechat_pay::SignatureHeaders::from_header_map(&http::HeaderMap::new()).unwrap_err();
    /// assert!(matches!(err, wechat_pay::Error::MissingHeader { name: "Wechatpay-Serial" }));
    /// ```
    pub fn from_header_map(headers: &'a http::HeaderMap) -> Result<SignatureHeaders<'a>> {
        Self::from_fn(|name| headers.get(name).and_then(|v| v.to_str().ok()))
    }

    /// Reads the headers through a lookup function (for a framework without `http` types). The
    /// function is called with the canonical names above.
    ///
    /// ```
    /// let h = wechat_pay::SignatureHeaders::from_fn(|name| match name {
    ///     "Wechatpay-Timestamp" => Some("1722850421"),
    ///     "Wechatpay-Nonce" => Some("n"),
    ///     "Wechatpay-Signature" => Some("c2ln"),
    ///     "Wechatpay-Serial" => Some("5157F09E"),
    ///     _ => None,
    /// })?;
    /// assert_eq!(h.timestamp, "1722850421");
    /// # Ok::<(), wechat_pay::Error>(())
    /// ```
    pub fn from_fn(get: impl Fn(&str) -> Option<&'a str>) -> Result<SignatureHeaders<'a>> {
        let required = |name: &'static str| {
            get(name)
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .ok_or(Error::MissingHeader { name })
        };
        Ok(SignatureHeaders {
            serial: required(HEADER_SERIAL)?,
            signature: required(HEADER_SIGNATURE)?,
            timestamp: required(HEADER_TIMESTAMP)?,
            nonce: required(HEADER_NONCE)?,
            signature_type: get(HEADER_SIGNATURE_TYPE)
                .map(str::trim)
                .filter(|v| !v.is_empty()),
            request_id: get(HEADER_REQUEST_ID)
                .map(str::trim)
                .filter(|v| !v.is_empty()),
        })
    }
}

impl fmt::Debug for SignatureHeaders<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SignatureHeaders")
            .field("timestamp", &self.timestamp)
            .field("nonce", &self.nonce)
            .field("serial", &self.serial)
            .field("signature_type", &self.signature_type)
            .field("request_id", &self.request_id)
            .finish_non_exhaustive()
    }
}

/// Which key verified a signature.
///
/// ```
/// let by = wechat_pay::VerifiedBy::PublicKey { id: "PUB_KEY_ID_01".into() };
/// assert_eq!(by.serial(), "PUB_KEY_ID_01");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum VerifiedBy {
    /// A platform certificate, by its serial.
    Certificate {
        /// The certificate's serial.
        serial: String,
    },
    /// The WeChat Pay public key, by its id.
    PublicKey {
        /// The `PUB_KEY_ID_…`.
        id: String,
    },
}

impl VerifiedBy {
    /// The serial or public key id.
    ///
    /// ```
    /// let by = wechat_pay::VerifiedBy::Certificate { serial: "5157F09E".into() };
    /// assert_eq!(by.serial(), "5157F09E");
    /// ```
    pub fn serial(&self) -> &str {
        match self {
            VerifiedBy::Certificate { serial } => serial,
            VerifiedBy::PublicKey { id } => id,
        }
    }
}

/// The keys that verify WeChat Pay: platform certificates by serial, the WeChat Pay public key by
/// id, or both during a switch. Shared by the client and the notification route (`&self`
/// methods; certificates can be added at run time).
///
/// ```
/// # let cert = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/platform_cert.pem"));
/// let verifier = wechat_pay::Verifier::new(vec![wechat_pay::Certificate::from_pem(cert)?], None);
/// let headers = wechat_pay::SignatureHeaders::from_fn(|name| match name {
///     "Wechatpay-Timestamp" => Some("1722850421"),
///     "Wechatpay-Nonce" => Some("d824f2e086d3c1df967785d13fcd22ef"),
///     "Wechatpay-Signature" => Some("WECHATPAY/SIGNTEST/abc"),
///     "Wechatpay-Serial" => Some("5157F09EFDC096DE15EBE81A47057A7232F1B8E1"),
///     _ => None,
/// })?;
/// let err = verifier.verify_at(&headers, b"{}", 1722850421).unwrap_err();
/// assert!(matches!(err, wechat_pay::Error::SignatureProbe));
/// # Ok::<(), wechat_pay::Error>(())
/// ```
pub struct Verifier {
    certificates: RwLock<BTreeMap<String, Arc<Certificate>>>,
    public_key: Option<WechatPayPublicKey>,
    fetches_certificates: bool,
}

impl Verifier {
    /// A verifier with these platform certificates and, optionally, the WeChat Pay public key.
    /// It is in certificate mode (see [`fetches_certificates`](Self::fetches_certificates)) when it
    /// is given at least one certificate.
    ///
    /// ```
    /// # let pem = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/pubkey.pem"));
    /// let key = wechat_pay::WechatPayPublicKey::from_pem("PUB_KEY_ID_01", pem)?;
    /// let verifier = wechat_pay::Verifier::new(Vec::new(), Some(key));
    /// assert!(!verifier.fetches_certificates());
    /// # Ok::<(), wechat_pay::Error>(())
    /// ```
    pub fn new(certificates: Vec<Certificate>, public_key: Option<WechatPayPublicKey>) -> Verifier {
        let fetches = !certificates.is_empty();
        let verifier = Verifier {
            certificates: RwLock::new(BTreeMap::new()),
            public_key,
            fetches_certificates: fetches,
        };
        verifier.add_certificates(certificates);
        verifier
    }

    pub(crate) fn with_fetching(mut self, fetches: bool) -> Verifier {
        self.fetches_certificates |= fetches;
        self
    }

    /// Whether platform certificates are in use, so that an unknown certificate serial is worth
    /// one fetch of `/v3/certificates` (see [`Error::is_unknown_certificate`]).
    ///
    /// ```
    /// # let cert = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/platform_cert.pem"));
    /// let verifier = wechat_pay::Verifier::new(vec![wechat_pay::Certificate::from_pem(cert)?], None);
    /// assert!(verifier.fetches_certificates());
    /// # Ok::<(), wechat_pay::Error>(())
    /// ```
    pub fn fetches_certificates(&self) -> bool {
        self.fetches_certificates
    }

    /// Verifies an answer or a notification against the local clock. The order of the checks:
    /// the signature type, a probe signature, the timestamp (±5 minutes), the serial, then the
    /// signature itself. `body` must be the exact bytes received.
    ///
    /// ```
    /// # let cert = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/platform_cert.pem"));
    /// let verifier = wechat_pay::Verifier::new(vec![wechat_pay::Certificate::from_pem(cert)?], None);
    /// let headers = wechat_pay::SignatureHeaders::from_fn(|name| match name {
    ///     "Wechatpay-Timestamp" => Some("1000"), // 1970: stale
    ///     "Wechatpay-Nonce" => Some("n"),
    ///     "Wechatpay-Signature" => Some("c2ln"),
    ///     "Wechatpay-Serial" => Some("5157F09EFDC096DE15EBE81A47057A7232F1B8E1"),
    ///     _ => None,
    /// })?;
    /// assert!(matches!(verifier.verify(&headers, b"{}"), Err(wechat_pay::Error::StaleTimestamp { .. })));
    /// # Ok::<(), wechat_pay::Error>(())
    /// ```
    pub fn verify(&self, headers: &SignatureHeaders<'_>, body: &[u8]) -> Result<VerifiedBy> {
        self.verify_at(headers, body, unix_now())
    }

    /// [`verify`](Self::verify) against a given clock (`now` in unix seconds): for tests, and for
    /// a sandbox that runs on simulated time.
    ///
    /// ```
    /// # let cert = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/platform_cert.pem"));
    /// let verifier = wechat_pay::Verifier::new(vec![wechat_pay::Certificate::from_pem(cert)?], None);
    /// let headers = wechat_pay::SignatureHeaders::from_fn(|name| match name {
    ///     "Wechatpay-Timestamp" => Some("1722850421"),
    ///     "Wechatpay-Nonce" => Some("n"),
    ///     "Wechatpay-Signature" => Some("c2ln"),
    ///     "Wechatpay-Serial" => Some("0123ABCD"),
    ///     _ => None,
    /// })?;
    /// let err = verifier.verify_at(&headers, b"{}", 1722850421).unwrap_err();
    /// assert!(err.is_unknown_certificate());
    /// # Ok::<(), wechat_pay::Error>(())
    /// ```
    pub fn verify_at(
        &self,
        headers: &SignatureHeaders<'_>,
        body: &[u8],
        now: i64,
    ) -> Result<VerifiedBy> {
        if let Some(kind) = headers.signature_type {
            if kind != AUTHORIZATION_SCHEME {
                return Err(Error::UnsupportedSignatureType {
                    signature_type: kind.to_owned(),
                });
            }
        }
        if headers.signature.starts_with(PROBE_PREFIX) {
            return Err(Error::SignatureProbe);
        }
        let timestamp: i64 = headers
            .timestamp
            .parse()
            .map_err(|_| Error::InvalidHeader {
                name: HEADER_TIMESTAMP,
                reason: "not a number of seconds",
            })?;
        if timestamp.abs_diff(now) > MAX_CLOCK_SKEW_SECS.unsigned_abs() {
            return Err(Error::StaleTimestamp { timestamp, now });
        }
        let (key, by) = self.key_for(headers.serial)?;
        let message = answer_message(headers.timestamp, headers.nonce, body);
        key.verify(&message, headers.signature)
            .map_err(|_| Error::BadSignature {
                serial: by.serial().to_owned(),
            })?;
        Ok(by)
    }

    fn key_for(&self, serial: &str) -> Result<(crate::VerifyingKey, VerifiedBy)> {
        let unknown = || Error::UnknownSerial {
            serial: serial.to_owned(),
        };
        if serial.starts_with(PUBLIC_KEY_ID_PREFIX) {
            return match &self.public_key {
                Some(pk) if pk.id() == serial => Ok((
                    pk.verifying_key().clone(),
                    VerifiedBy::PublicKey {
                        id: pk.id().to_owned(),
                    },
                )),
                _ => Err(unknown()),
            };
        }
        let cert = self.certificate(serial).ok_or_else(unknown)?;
        Ok((
            cert.verifying_key().clone(),
            VerifiedBy::Certificate {
                serial: cert.serial().to_owned(),
            },
        ))
    }

    /// Adds platform certificates (from `/v3/certificates`, see
    /// [`ApiV3Key::decrypt_certificates`](crate::ApiV3Key::decrypt_certificates)) and returns how
    /// many serials were new. A known serial is replaced. This is the hook the client calls after
    /// an [`Error::UnknownSerial`], before it verifies again.
    ///
    /// ```
    /// # let one = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/platform_cert.pem"));
    /// # let two = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/platform2_cert.pem"));
    /// let verifier = wechat_pay::Verifier::new(vec![wechat_pay::Certificate::from_pem(one)?], None);
    /// let added = verifier.add_certificates([
    ///     wechat_pay::Certificate::from_pem(one)?,
    ///     wechat_pay::Certificate::from_pem(two)?,
    /// ]);
    /// assert_eq!(added, 1);
    /// assert_eq!(verifier.certificate_serials().len(), 2);
    /// # Ok::<(), wechat_pay::Error>(())
    /// ```
    pub fn add_certificates(&self, certificates: impl IntoIterator<Item = Certificate>) -> usize {
        let mut map = self
            .certificates
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        certificates
            .into_iter()
            .filter(|c| {
                map.insert(serial_key(c.serial()), Arc::new(c.clone()))
                    .is_none()
            })
            .count()
    }

    /// The platform certificate with this serial (case and leading zeros ignored).
    ///
    /// ```
    /// # let pem = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/platform_cert.pem"));
    /// let verifier = wechat_pay::Verifier::new(vec![wechat_pay::Certificate::from_pem(pem)?], None);
    /// assert!(verifier.certificate("5157f09efdc096de15ebe81a47057a7232f1b8e1").is_some());
    /// # Ok::<(), wechat_pay::Error>(())
    /// ```
    pub fn certificate(&self, serial: &str) -> Option<Arc<Certificate>> {
        self.certificates
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .get(&serial_key(serial))
            .cloned()
    }

    /// The serials of all platform certificates held.
    ///
    /// ```
    /// let verifier = wechat_pay::Verifier::new(Vec::new(), None);
    /// assert!(verifier.certificate_serials().is_empty());
    /// ```
    pub fn certificate_serials(&self) -> Vec<String> {
        self.certificates
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .values()
            .map(|c| c.serial().to_owned())
            .collect()
    }

    /// The earliest `notAfter` of the certificates valid at `now`: when the client should have
    /// fetched fresh ones. `None` without certificates.
    ///
    /// ```
    /// # let pem = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/platform_cert.pem"));
    /// let cert = wechat_pay::Certificate::from_pem(pem)?;
    /// let not_after = cert.not_after();
    /// let verifier = wechat_pay::Verifier::new(vec![cert], None);
    /// assert_eq!(verifier.next_expiry(1_800_000_000), Some(not_after));
    /// # Ok::<(), wechat_pay::Error>(())
    /// ```
    pub fn next_expiry(&self, now: i64) -> Option<i64> {
        self.certificates
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .values()
            .filter(|c| c.not_after() >= now)
            .map(|c| c.not_after())
            .min()
    }

    /// The WeChat Pay public key, when configured.
    ///
    /// ```
    /// assert!(wechat_pay::Verifier::new(Vec::new(), None).public_key().is_none());
    /// ```
    pub fn public_key(&self) -> Option<&WechatPayPublicKey> {
        self.public_key.as_ref()
    }

    /// The key to encrypt a request's sensitive fields with, now: the WeChat Pay public key when
    /// configured (as WeChat Pay recommends, and as its SDKs do during a switch), else the valid
    /// platform certificate that expires last. Its [`serial`](Encryptor::serial) goes into the
    /// request's `Wechatpay-Serial`; every field of one request must use the same encryptor.
    ///
    /// ```
    /// # let pem = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/pubkey.pem"));
    /// let key = wechat_pay::WechatPayPublicKey::from_pem("PUB_KEY_ID_01", pem)?;
    /// let encryptor = wechat_pay::Verifier::new(Vec::new(), Some(key)).encryptor()?;
    /// assert_eq!(encryptor.serial(), "PUB_KEY_ID_01");
    /// # Ok::<(), wechat_pay::Error>(())
    /// ```
    pub fn encryptor(&self) -> Result<Encryptor> {
        self.encryptor_at(unix_now())
    }

    /// [`encryptor`](Self::encryptor) against a given clock.
    ///
    /// ```
    /// # let pem = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/expired_cert.pem"));
    /// let verifier = wechat_pay::Verifier::new(vec![wechat_pay::Certificate::from_pem(pem)?], None);
    /// assert!(verifier.encryptor_at(960_000_000).is_ok());
    /// assert!(matches!(verifier.encryptor_at(1_700_000_000), Err(wechat_pay::Error::NoEncryptionKey)));
    /// # Ok::<(), wechat_pay::Error>(())
    /// ```
    pub fn encryptor_at(&self, now: i64) -> Result<Encryptor> {
        if let Some(pk) = &self.public_key {
            return Ok(Encryptor::new(pk.id(), pk.verifying_key().clone()));
        }
        let map = self
            .certificates
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        map.values()
            .filter(|c| c.is_valid_at(now))
            .max_by_key(|c| c.not_after())
            .map(|c| Encryptor::new(c.serial(), c.verifying_key().clone()))
            .ok_or(Error::NoEncryptionKey)
    }
}

impl fmt::Debug for Verifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Verifier")
            .field("certificates", &self.certificate_serials())
            .field("public_key", &self.public_key.as_ref().map(|k| k.id()))
            .field("fetches_certificates", &self.fetches_certificates)
            .finish()
    }
}
