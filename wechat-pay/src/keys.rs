//! Keys: the merchant's signing key, RSA public keys and the WeChat Pay public key (certificates
//! are in `certificate`). PEM is read with `rustls-pki-types`; signatures and their
//! verification use ring; RSA-OAEP encryption uses the `rsa` crate (encryption only).

use std::fmt;
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use ring::signature::{self, RsaKeyPair};
use rsa::pkcs1::DecodeRsaPublicKey as _;
use rustls_pki_types::pem::{self, PemObject as _};
use rustls_pki_types::{PrivateKeyDer, SubjectPublicKeyInfoDer};
use x509_cert::der::oid::ObjectIdentifier;
use x509_cert::der::Decode as _;

use crate::error::{Error, Result};
use crate::PUBLIC_KEY_ID_PREFIX;

/// `rsaEncryption` (RFC 8017), the only key type WeChat Pay v3 uses.
const RSA_ENCRYPTION: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");

pub(crate) fn pem_reason(err: &pem::Error) -> &'static str {
    match err {
        pem::Error::NoItemsFound => "no PEM section of the expected kind was found",
        pem::Error::MissingSectionEnd { .. } => "a PEM section has no END line",
        pem::Error::IllegalSectionStart { .. } => "a PEM BEGIN line is malformed",
        pem::Error::Base64Decode(_) => "the PEM body is not valid base64",
        _ => "the PEM input cannot be read",
    }
}

pub(crate) fn unix_now() -> i64 {
    unix_time(SystemTime::now())
}

pub(crate) fn unix_time(t: SystemTime) -> i64 {
    match t.duration_since(UNIX_EPOCH) {
        Ok(d) => i64::try_from(d.as_secs()).unwrap_or(i64::MAX),
        Err(e) => -i64::try_from(e.duration().as_secs()).unwrap_or(i64::MAX),
    }
}

/// An RSA private key that signs with SHA256-RSA (PKCS#1 v1.5), as WeChat Pay v3 asks: the
/// merchant's `apiclient_key.pem`, or, in a sandbox, the platform's key.
///
/// Cloning shares the key. `Debug` shows the key size only.
///
/// ```
/// let pem = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/merchant_key.pem"));
/// let key = wechat_pay::SigningKey::from_pem(pem)?;
/// let signature = key.sign(b"GET\n/v3/certificates\n1554208460\n593BEC0C930BF1AFEB40B4A08C8FB242\n\n")?;
/// key.verifying_key().verify(b"GET\n/v3/certificates\n1554208460\n593BEC0C930BF1AFEB40B4A08C8FB242\n\n", &signature)?;
/// assert_eq!(format!("{key:?}"), "SigningKey { bits: 2048 }");
/// # Ok::<(), wechat_pay::Error>(())
/// ```
#[derive(Clone)]
pub struct SigningKey {
    pair: Arc<RsaKeyPair>,
}

impl SigningKey {
    /// Reads a PEM private key: PKCS#8 (`BEGIN PRIVATE KEY`, as in `apiclient_key.pem`) or PKCS#1
    /// (`BEGIN RSA PRIVATE KEY`).
    ///
    /// ```
    /// let pkcs1 = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/merchant_key_pkcs1.pem"));
    /// assert!(wechat_pay::SigningKey::from_pem(pkcs1).is_ok());
    /// assert!(wechat_pay::SigningKey::from_pem("not a key").is_err());
    /// ```
    pub fn from_pem(pem: impl AsRef<[u8]>) -> Result<SigningKey> {
        const WHAT: &str = "merchant private key";
        let der = PrivateKeyDer::from_pem_slice(pem.as_ref()).map_err(|e| Error::InvalidPem {
            what: WHAT,
            reason: pem_reason(&e),
        })?;
        let pair = match &der {
            PrivateKeyDer::Pkcs8(k) => RsaKeyPair::from_pkcs8(k.secret_pkcs8_der()),
            PrivateKeyDer::Pkcs1(k) => RsaKeyPair::from_der(k.secret_pkcs1_der()),
            _ => {
                return Err(Error::InvalidKey {
                    what: WHAT,
                    reason: "not an RSA key (WeChat Pay v3 uses RSA-2048)".into(),
                })
            }
        }
        .map_err(|e| Error::InvalidKey {
            what: WHAT,
            reason: e.to_string(),
        })?;
        Ok(SigningKey {
            pair: Arc::new(pair),
        })
    }

    /// Signs `message` with SHA256-RSA and returns the signature in standard base64.
    ///
    /// ```
    /// # let pem = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/merchant_key.pem"));
    /// let key = wechat_pay::SigningKey::from_pem(pem)?;
    /// assert_eq!(key.sign(b"hello\n")?.len(), 344); // 256 bytes in base64
    /// # Ok::<(), wechat_pay::Error>(())
    /// ```
    pub fn sign(&self, message: &[u8]) -> Result<String> {
        let mut out = vec![0; self.pair.public().modulus_len()];
        let rng = ring::rand::SystemRandom::new();
        self.pair
            .sign(&signature::RSA_PKCS1_SHA256, &rng, message, &mut out)
            .map_err(|_| Error::Sign)?;
        Ok(base64::engine::general_purpose::STANDARD.encode(out))
    }

    /// The public half, to verify what this key signs.
    ///
    /// ```
    /// # let pem = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/merchant_key.pem"));
    /// let key = wechat_pay::SigningKey::from_pem(pem)?;
    /// assert_eq!(key.verifying_key().bits(), 2048);
    /// # Ok::<(), wechat_pay::Error>(())
    /// ```
    pub fn verifying_key(&self) -> VerifyingKey {
        // ring gives the public key as a DER RSAPublicKey (PKCS#1), which it produced itself.
        VerifyingKey::from_pkcs1_der("merchant public key", self.pair.public().as_ref())
            .expect("ring encodes a valid RSAPublicKey")
    }

    /// The DER `RSAPublicKey` of this key, to compare with a certificate's.
    pub(crate) fn public_pkcs1(&self) -> &[u8] {
        self.pair.public().as_ref()
    }
}

impl fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SigningKey")
            .field("bits", &(self.pair.public().modulus_len() * 8))
            .finish()
    }
}

/// An RSA public key: it verifies SHA256-RSA signatures (with ring) and encrypts sensitive fields
/// with RSA-OAEP (SHA-1, MGF1).
///
/// ```
/// let pem = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/pubkey.pem"));
/// let key = wechat_pay::VerifyingKey::from_pem(pem)?;
/// assert_eq!(key.bits(), 2048);
/// # Ok::<(), wechat_pay::Error>(())
/// ```
#[derive(Clone)]
pub struct VerifyingKey {
    /// DER `RSAPublicKey`, as ring's verification takes it.
    pkcs1: Arc<[u8]>,
    rsa: rsa::RsaPublicKey,
}

impl VerifyingKey {
    /// Reads a PEM `PUBLIC KEY` (SubjectPublicKeyInfo), as WeChat Pay hands out its public key.
    ///
    /// ```
    /// assert!(wechat_pay::VerifyingKey::from_pem("-----BEGIN PUBLIC KEY-----\n!!\n-----END PUBLIC KEY-----\n").is_err());
    /// ```
    pub fn from_pem(pem: impl AsRef<[u8]>) -> Result<VerifyingKey> {
        const WHAT: &str = "WeChat Pay public key";
        let der = SubjectPublicKeyInfoDer::from_pem_slice(pem.as_ref()).map_err(|e| {
            Error::InvalidPem {
                what: WHAT,
                reason: pem_reason(&e),
            }
        })?;
        let spki =
            x509_cert::spki::SubjectPublicKeyInfoRef::from_der(der.as_ref()).map_err(|e| {
                Error::InvalidKey {
                    what: WHAT,
                    reason: e.to_string(),
                }
            })?;
        Self::from_spki(WHAT, spki.algorithm.oid, spki.subject_public_key.as_bytes())
    }

    pub(crate) fn from_spki(
        what: &'static str,
        algorithm: ObjectIdentifier,
        key_bits: Option<&[u8]>,
    ) -> Result<VerifyingKey> {
        if algorithm != RSA_ENCRYPTION {
            return Err(Error::InvalidKey {
                what,
                reason: format!("not an RSA key (algorithm {algorithm})"),
            });
        }
        let pkcs1 = key_bits.ok_or_else(|| Error::InvalidKey {
            what,
            reason: "the key's bit string is not whole bytes".into(),
        })?;
        Self::from_pkcs1_der(what, pkcs1)
    }

    fn from_pkcs1_der(what: &'static str, pkcs1: &[u8]) -> Result<VerifyingKey> {
        let rsa = rsa::RsaPublicKey::from_pkcs1_der(pkcs1).map_err(|e| Error::InvalidKey {
            what,
            reason: e.to_string(),
        })?;
        let bits = rsa::traits::PublicKeyParts::size(&rsa) * 8;
        if !(2048..=8192).contains(&bits) {
            return Err(Error::InvalidKey {
                what,
                reason: format!("a {bits}-bit RSA key (WeChat Pay uses 2048 bits)"),
            });
        }
        Ok(VerifyingKey {
            pkcs1: pkcs1.into(),
            rsa,
        })
    }

    /// Verifies a base64 SHA256-RSA `signature` of `message`.
    ///
    /// ```
    /// # let pem = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/merchant_key.pem"));
    /// let key = wechat_pay::SigningKey::from_pem(pem)?;
    /// let signature = key.sign(b"message")?;
    /// assert!(key.verifying_key().verify(b"message", &signature).is_ok());
    /// assert!(key.verifying_key().verify(b"massage", &signature).is_err());
    /// # Ok::<(), wechat_pay::Error>(())
    /// ```
    pub fn verify(&self, message: &[u8], signature: &str) -> Result<()> {
        let bad = || Error::BadSignature {
            serial: String::new(),
        };
        let raw = base64::engine::general_purpose::STANDARD
            .decode(signature.trim())
            .map_err(|_| bad())?;
        signature::UnparsedPublicKey::new(&signature::RSA_PKCS1_2048_8192_SHA256, &*self.pkcs1)
            .verify(message, &raw)
            .map_err(|_| bad())
    }

    /// Encrypts a sensitive field (a name, a phone number) with RSA-OAEP, SHA-1 and MGF1-SHA-1,
    /// as WeChat Pay asks, and returns the ciphertext in standard base64. Each call is randomised.
    ///
    /// ```
    /// # let pem = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/pubkey.pem"));
    /// let key = wechat_pay::VerifyingKey::from_pem(pem)?;
    /// let a = key.encrypt_oaep("张三")?;
    /// assert_ne!(a, key.encrypt_oaep("张三")?);
    /// # Ok::<(), wechat_pay::Error>(())
    /// ```
    pub fn encrypt_oaep(&self, plaintext: &str) -> Result<String> {
        // Encryption only: RUSTSEC-2023-0071 (Marvin) concerns the private-key operations of the
        // `rsa` crate, which this crate never performs.
        let ciphertext = self
            .rsa
            .encrypt(
                &mut rsa::rand_core::OsRng,
                rsa::Oaep::new::<sha1::Sha1>(),
                plaintext.as_bytes(),
            )
            .map_err(|e| Error::Encrypt {
                reason: e.to_string(),
            })?;
        Ok(base64::engine::general_purpose::STANDARD.encode(ciphertext))
    }

    /// The key size in bits.
    ///
    /// ```
    /// # let pem = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/pubkey.pem"));
    /// assert_eq!(wechat_pay::VerifyingKey::from_pem(pem)?.bits(), 2048);
    /// # Ok::<(), wechat_pay::Error>(())
    /// ```
    pub fn bits(&self) -> usize {
        rsa::traits::PublicKeyParts::size(&self.rsa) * 8
    }

    pub(crate) fn pkcs1(&self) -> &[u8] {
        &self.pkcs1
    }
}

impl fmt::Debug for VerifyingKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("VerifyingKey")
            .field("bits", &self.bits())
            .finish()
    }
}

impl PartialEq for VerifyingKey {
    fn eq(&self, other: &Self) -> bool {
        self.pkcs1 == other.pkcs1
    }
}

impl Eq for VerifyingKey {}

/// The WeChat Pay public key with its id (`PUB_KEY_ID_…`), the alternative to platform
/// certificates since 2024. It never expires.
///
/// ```
/// let pem = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/pubkey.pem"));
/// let key = wechat_pay::WechatPayPublicKey::from_pem("PUB_KEY_ID_0114232134912410000000000000", pem)?;
/// assert_eq!(key.id(), "PUB_KEY_ID_0114232134912410000000000000");
/// # Ok::<(), wechat_pay::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct WechatPayPublicKey {
    id: String,
    key: VerifyingKey,
}

impl WechatPayPublicKey {
    /// Reads the public key (PEM `PUBLIC KEY`) and checks that its id starts with `PUB_KEY_ID_`.
    ///
    /// ```
    /// # let pem = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/pubkey.pem"));
    /// let err = wechat_pay::WechatPayPublicKey::from_pem("5157F09EFDC096DE", pem).unwrap_err();
    /// assert!(matches!(err, wechat_pay::Error::InvalidPublicKeyId { .. }));
    /// ```
    pub fn from_pem(id: impl Into<String>, pem: impl AsRef<[u8]>) -> Result<WechatPayPublicKey> {
        let id = id.into().trim().to_owned();
        if !id.starts_with(PUBLIC_KEY_ID_PREFIX) || id.len() == PUBLIC_KEY_ID_PREFIX.len() {
            return Err(Error::InvalidPublicKeyId { id });
        }
        Ok(WechatPayPublicKey {
            id,
            key: VerifyingKey::from_pem(pem)?,
        })
    }

    /// The id, as WeChat Pay sends it in `Wechatpay-Serial`.
    ///
    /// ```
    /// # let pem = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/pubkey.pem"));
    /// # let key = wechat_pay::WechatPayPublicKey::from_pem("PUB_KEY_ID_01", pem)?;
    /// assert!(key.id().starts_with("PUB_KEY_ID_"));
    /// # Ok::<(), wechat_pay::Error>(())
    /// ```
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The key.
    ///
    /// ```
    /// # let pem = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/pubkey.pem"));
    /// # let key = wechat_pay::WechatPayPublicKey::from_pem("PUB_KEY_ID_01", pem)?;
    /// assert_eq!(key.verifying_key().bits(), 2048);
    /// # Ok::<(), wechat_pay::Error>(())
    /// ```
    pub fn verifying_key(&self) -> &VerifyingKey {
        &self.key
    }
}
