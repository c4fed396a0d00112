//! Encryption: the APIv3 key's AES-256-GCM (notification resources and the certificates of
//! `/v3/certificates`), and RSA-OAEP for a request's sensitive fields.

use std::fmt;
use std::sync::Arc;

use base64::Engine as _;
use ring::aead;
use serde::{Deserialize, Serialize};

use crate::certificate::{serial_key, Certificate};
use crate::error::{Error, Result};
use crate::keys::VerifyingKey;

/// The only algorithm WeChat Pay v3 encrypts resources with.
///
/// ```
/// assert_eq!(wechat_pay::AEAD_AES_256_GCM, "AEAD_AES_256_GCM");
/// ```
pub const AEAD_AES_256_GCM: &str = "AEAD_AES_256_GCM";

/// The merchant's APIv3 key: 32 bytes (32 ASCII characters, as set on the merchant platform),
/// used as an AES-256-GCM key. `Debug` never shows it; cloning shares it.
///
/// ```
/// let key = wechat_pay::ApiV3Key::new("wechatpayTestApiV3Key0123456789a")?;
/// let ciphertext = key.encrypt("transaction", "fdasflkja484", b"{\"trade_state\":\"SUCCESS\"}")?;
/// assert_eq!(key.decrypt("transaction", "fdasflkja484", &ciphertext)?, b"{\"trade_state\":\"SUCCESS\"}");
/// assert_eq!(format!("{key:?}"), "ApiV3Key(..)");
/// # Ok::<(), wechat_pay::Error>(())
/// ```
#[derive(Clone)]
pub struct ApiV3Key {
    key: Arc<aead::LessSafeKey>,
}

impl ApiV3Key {
    /// Takes the key's bytes; anything but exactly 32 is refused.
    ///
    /// ```
    /// let err = wechat_pay::ApiV3Key::new("wechatpayTestApiV3Key0123456789a\n").unwrap_err();
    /// assert!(err.to_string().contains("got 33 (a trailing newline?)"));
    /// ```
    pub fn new(key: impl AsRef<[u8]>) -> Result<ApiV3Key> {
        let key = key.as_ref();
        if key.len() != 32 {
            return Err(Error::ApiV3KeyLength { len: key.len() });
        }
        let unbound = aead::UnboundKey::new(&aead::AES_256_GCM, key)
            .map_err(|_| Error::ApiV3KeyLength { len: key.len() })?;
        Ok(ApiV3Key {
            key: Arc::new(aead::LessSafeKey::new(unbound)),
        })
    }

    fn nonce(nonce: &[u8]) -> Result<aead::Nonce> {
        aead::Nonce::try_assume_unique_for_key(nonce)
            .map_err(|_| Error::InvalidNonce { len: nonce.len() })
    }

    /// Decrypts a base64 `ciphertext` (with its 16-byte tag at the end, as WeChat Pay sends it).
    /// A wrong key, or a changed ciphertext, nonce or associated data, gives [`Error::Decrypt`].
    ///
    /// ```
    /// let key = wechat_pay::ApiV3Key::new("wechatpayTestApiV3Key0123456789a")?;
    /// let ciphertext = key.encrypt("certificate", "4e8f2a1b9c3d", b"pem")?;
    /// let err = key.decrypt("transaction", "4e8f2a1b9c3d", &ciphertext).unwrap_err();
    /// assert!(matches!(err, wechat_pay::Error::Decrypt));
    /// # Ok::<(), wechat_pay::Error>(())
    /// ```
    pub fn decrypt(
        &self,
        associated_data: impl AsRef<[u8]>,
        nonce: impl AsRef<[u8]>,
        ciphertext: &str,
    ) -> Result<Vec<u8>> {
        let mut data = base64::engine::general_purpose::STANDARD
            .decode(ciphertext.trim())
            .map_err(|e| Error::Decode {
                what: "ciphertext",
                reason: e.to_string(),
            })?;
        let nonce = Self::nonce(nonce.as_ref())?;
        let plain = self
            .key
            .open_in_place(nonce, aead::Aad::from(associated_data.as_ref()), &mut data)
            .map_err(|_| Error::Decrypt)?;
        let len = plain.len();
        data.truncate(len);
        Ok(data)
    }

    /// Encrypts `plaintext` and returns base64 of ciphertext and tag: what WeChat Pay (or a
    /// sandbox standing in for it) puts in a notification's `resource.ciphertext`.
    ///
    /// ```
    /// let key = wechat_pay::ApiV3Key::new("wechatpayTestApiV3Key0123456789a")?;
    /// assert!(matches!(key.encrypt("", "short", b"x"), Err(wechat_pay::Error::InvalidNonce { len: 5 })));
    /// # Ok::<(), wechat_pay::Error>(())
    /// ```
    pub fn encrypt(
        &self,
        associated_data: impl AsRef<[u8]>,
        nonce: impl AsRef<[u8]>,
        plaintext: &[u8],
    ) -> Result<String> {
        let nonce = Self::nonce(nonce.as_ref())?;
        let mut data = plaintext.to_vec();
        self.key
            .seal_in_place_append_tag(nonce, aead::Aad::from(associated_data.as_ref()), &mut data)
            .map_err(|_| Error::Encrypt {
                reason: "AES-256-GCM sealing failed".into(),
            })?;
        Ok(base64::engine::general_purpose::STANDARD.encode(data))
    }

    /// Decrypts a notification's `resource`, after checking its algorithm.
    ///
    /// ```
    /// let key = wechat_pay::ApiV3Key::new("wechatpayTestApiV3Key0123456789a")?;
    /// let resource = key.encrypt_resource("transaction", "transaction", "fdasflkja484", b"{}")?;
    /// assert_eq!(resource.algorithm, "AEAD_AES_256_GCM");
    /// assert_eq!(key.decrypt_resource(&resource)?, b"{}");
    /// # Ok::<(), wechat_pay::Error>(())
    /// ```
    pub fn decrypt_resource(&self, resource: &EncryptedResource) -> Result<Vec<u8>> {
        if resource.algorithm != AEAD_AES_256_GCM {
            return Err(Error::UnsupportedAlgorithm {
                algorithm: resource.algorithm.clone(),
            });
        }
        self.decrypt(
            resource.associated_data.as_deref().unwrap_or(""),
            &resource.nonce,
            &resource.ciphertext,
        )
    }

    /// Encrypts a resource as WeChat Pay does (for a sandbox or a test).
    ///
    /// ```
    /// let key = wechat_pay::ApiV3Key::new("wechatpayTestApiV3Key0123456789a")?;
    /// let r = key.encrypt_resource("refund", "refund", "0123456789ab", br#"{"refund_status":"SUCCESS"}"#)?;
    /// assert_eq!(r.original_type.as_deref(), Some("refund"));
    /// # Ok::<(), wechat_pay::Error>(())
    /// ```
    pub fn encrypt_resource(
        &self,
        original_type: &str,
        associated_data: &str,
        nonce: &str,
        plaintext: &[u8],
    ) -> Result<EncryptedResource> {
        Ok(EncryptedResource {
            algorithm: AEAD_AES_256_GCM.to_owned(),
            ciphertext: self.encrypt(associated_data, nonce, plaintext)?,
            nonce: nonce.to_owned(),
            associated_data: Some(associated_data.to_owned()),
            original_type: Some(original_type.to_owned()),
        })
    }

    /// Reads a `/v3/certificates` answer body and decrypts its certificates. Each decrypted
    /// certificate must carry the `serial_no` it is listed under. Verify the answer itself
    /// (with [`Verifier`](crate::Verifier)) before trusting the result.
    ///
    /// ```
    /// let key = wechat_pay::ApiV3Key::new("wechatpayTestApiV3Key0123456789a")?;
    /// let certs = key.decrypt_certificates(br#"{"data":[]}"#)?;
    /// assert!(certs.is_empty());
    /// # Ok::<(), wechat_pay::Error>(())
    /// ```
    pub fn decrypt_certificates(&self, body: &[u8]) -> Result<Vec<Certificate>> {
        #[derive(Deserialize)]
        struct Answer {
            #[serde(default)]
            data: Vec<Entry>,
        }
        #[derive(Deserialize)]
        struct Entry {
            serial_no: String,
            encrypt_certificate: EncryptedResource,
        }
        let answer: Answer = serde_json::from_slice(body).map_err(|e| Error::Decode {
            what: "/v3/certificates answer",
            reason: e.to_string(),
        })?;
        answer
            .data
            .into_iter()
            .map(|entry| {
                let pem = self.decrypt_resource(&entry.encrypt_certificate)?;
                let cert = Certificate::from_pem_named("platform certificate", &pem)?;
                if serial_key(cert.serial()) != serial_key(&entry.serial_no) {
                    return Err(Error::SerialMismatch {
                        expected: entry.serial_no,
                        certificate: cert.serial().to_owned(),
                    });
                }
                Ok(cert)
            })
            .collect()
    }
}

impl fmt::Debug for ApiV3Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ApiV3Key(..)")
    }
}

/// An AES-256-GCM encrypted object: a notification's `resource`, or a certificate's
/// `encrypt_certificate` in `/v3/certificates`.
///
/// ```
/// let r: wechat_pay::EncryptedResource = serde_json::from_str(r#"{
///     "original_type": "transaction", "algorithm": "AEAD_AES_256_GCM",
///     "ciphertext": "AAAA", "associated_data": "transaction", "nonce": "fdasflkja484"
/// }"#).unwrap();
/// assert_eq!(r.nonce, "fdasflkja484");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct EncryptedResource {
    /// `AEAD_AES_256_GCM`.
    pub algorithm: String,
    /// Base64 of ciphertext and 16-byte tag.
    pub ciphertext: String,
    /// The 12-character nonce.
    pub nonce: String,
    /// The associated data (`transaction`, `refund`, `certificate`, …); may be absent or empty.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub associated_data: Option<String>,
    /// The plaintext's type (`transaction`, `refund`, `mch_payment`, …); absent in certificates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_type: Option<String>,
}

/// RSA-OAEP (SHA-1, MGF1) encryption of sensitive request fields under one WeChat Pay key. Send
/// its [`serial`](Self::serial) as the request's `Wechatpay-Serial` header. Get one from
/// [`Verifier::encryptor`](crate::Verifier::encryptor).
///
/// ```
/// # let pem = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/platform_cert.pem"));
/// let cert = wechat_pay::Certificate::from_pem(pem)?;
/// let encryptor = wechat_pay::Encryptor::new(cert.serial(), cert.verifying_key().clone());
/// let user_name = encryptor.encrypt("张三")?;
/// assert_eq!(encryptor.serial(), "5157F09EFDC096DE15EBE81A47057A7232F1B8E1");
/// assert_eq!(user_name.len(), 344);
/// # Ok::<(), wechat_pay::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct Encryptor {
    serial: String,
    key: VerifyingKey,
}

impl Encryptor {
    /// Encrypts with `key`, announced as `serial` (a platform certificate serial or
    /// `PUB_KEY_ID_…`).
    ///
    /// ```
    /// # let pem = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/pubkey.pem"));
    /// let e = wechat_pay::Encryptor::new("PUB_KEY_ID_01", wechat_pay::VerifyingKey::from_pem(pem)?);
    /// assert_eq!(e.serial(), "PUB_KEY_ID_01");
    /// # Ok::<(), wechat_pay::Error>(())
    /// ```
    pub fn new(serial: impl Into<String>, key: VerifyingKey) -> Encryptor {
        Encryptor {
            serial: serial.into(),
            key,
        }
    }

    /// The serial or public key id to send as `Wechatpay-Serial`.
    ///
    /// ```
    /// # let pem = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/pubkey.pem"));
    /// # let e = wechat_pay::Encryptor::new("PUB_KEY_ID_01", wechat_pay::VerifyingKey::from_pem(pem)?);
    /// assert!(e.serial().starts_with("PUB_KEY_ID_"));
    /// # Ok::<(), wechat_pay::Error>(())
    /// ```
    pub fn serial(&self) -> &str {
        &self.serial
    }

    /// Encrypts one field and returns it in base64. An empty field stays empty, as in WeChat
    /// Pay's SDKs.
    ///
    /// ```
    /// # let pem = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/pubkey.pem"));
    /// # let e = wechat_pay::Encryptor::new("PUB_KEY_ID_01", wechat_pay::VerifyingKey::from_pem(pem)?);
    /// assert_eq!(e.encrypt("")?, "");
    /// assert!(matches!(e.encrypt(&"x".repeat(300)), Err(wechat_pay::Error::Encrypt { .. })));
    /// # Ok::<(), wechat_pay::Error>(())
    /// ```
    pub fn encrypt(&self, plaintext: &str) -> Result<String> {
        if plaintext.is_empty() {
            return Ok(String::new());
        }
        self.key.encrypt_oaep(plaintext)
    }
}
