//! The one error type of this crate.
//!
//! No variant ever carries a private key, an APIv3 key or a signature, so `Display` and `Debug` of
//! an [`Error`] are safe to log. Serials, header names and trade numbers are not secrets.

use std::fmt;

/// A `Result` whose error is this crate's [`Error`].
///
/// ```
/// fn fen(total: u64) -> wechat_pay::Result<wechat_pay::Fen> {
///     Ok(wechat_pay::Fen::new(total))
/// }
/// assert_eq!(fen(100).unwrap().get(), 100);
/// ```
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong in WeChat Pay: configuration, signatures, verification,
/// decryption, checked identifiers, and WeChat Pay's own API errors.
///
/// ```
/// let err = wechat_pay::ApiV3Key::new("too short").unwrap_err();
/// assert!(matches!(err, wechat_pay::Error::ApiV3KeyLength { len: 9 }));
/// // The message says what is wrong, never the key itself.
/// assert!(!err.to_string().contains("too short"));
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// WeChat Pay answered with an error (`{"code","message","detail"}` and a `Request-ID`).
    #[error("{0}")]
    Api(Box<ApiError>),

    /// A required setting of the merchant configuration was not given.
    #[error("merchant configuration: `{field}` is required")]
    MissingConfig {
        /// The builder method that was not called.
        field: &'static str,
    },
    /// A PEM input could not be read.
    #[error("{what}: invalid PEM: {reason}")]
    InvalidPem {
        /// Which input (for example "merchant private key").
        what: &'static str,
        /// Why, without the input's content.
        reason: &'static str,
    },
    /// A key was read but is not usable (not RSA, too short, malformed).
    #[error("{what}: unusable key: {reason}")]
    InvalidKey {
        /// Which key.
        what: &'static str,
        /// Why, without the key's content.
        reason: String,
    },
    /// An X.509 certificate could not be parsed or is not an RSA certificate.
    #[error("{what}: invalid certificate: {reason}")]
    InvalidCertificate {
        /// Which certificate.
        what: &'static str,
        /// Why.
        reason: String,
    },
    /// The APIv3 key is not exactly 32 bytes long.
    #[error("the APIv3 key must be exactly 32 bytes, got {len}{hint}", hint = if *len == 33 { " (a trailing newline?)" } else { "" })]
    ApiV3KeyLength {
        /// The length that was given.
        len: usize,
    },
    /// The merchant private key does not belong to the merchant certificate.
    #[error("the merchant private key does not match the merchant certificate")]
    KeyMismatch,
    /// A serial number differs from the one of the certificate it names.
    #[error("serial number {expected} was given, but the certificate's is {certificate}")]
    SerialMismatch {
        /// The serial that was configured or announced.
        expected: String,
        /// The serial that the certificate carries.
        certificate: String,
    },
    /// A platform certificate is past its `notAfter`.
    #[error("platform certificate {serial} expired at unix time {not_after}")]
    CertificateExpired {
        /// The certificate's serial.
        serial: String,
        /// Its `notAfter`, in unix seconds.
        not_after: i64,
    },
    /// A WeChat Pay public key id does not start with `PUB_KEY_ID_`.
    #[error("a WeChat Pay public key id starts with `PUB_KEY_ID_`, got `{id}`")]
    InvalidPublicKeyId {
        /// The id that was given.
        id: String,
    },
    /// The configuration has neither a platform certificate nor a WeChat Pay public key.
    #[error(
        "no verification key: give platform certificates, the WeChat Pay public key, or both, \
         or allow fetching the platform certificates"
    )]
    NoVerificationKey,

    /// A header needed for verification is missing or empty.
    #[error("header `{name}` is missing")]
    MissingHeader {
        /// The header's name.
        name: &'static str,
    },
    /// A header is present but malformed.
    #[error("header `{name}` is invalid: {reason}")]
    InvalidHeader {
        /// The header's name.
        name: &'static str,
        /// Why.
        reason: &'static str,
    },
    /// `Wechatpay-Signature-Type` names a scheme this crate does not verify.
    #[error("unsupported signature type `{signature_type}`")]
    UnsupportedSignatureType {
        /// The announced type.
        signature_type: String,
    },
    /// `Wechatpay-Timestamp` is more than 5 minutes away from the local clock.
    #[error("timestamp {timestamp} is more than 5 minutes away from now ({now})")]
    StaleTimestamp {
        /// The announced timestamp, unix seconds.
        timestamp: i64,
        /// The local clock, unix seconds.
        now: i64,
    },
    /// `Wechatpay-Serial` names no key this verifier has.
    ///
    /// For a certificate serial (see [`Error::is_unknown_certificate`]) the client fetches
    /// `/v3/certificates` once, adds them with
    /// [`Verifier::add_certificates`](crate::Verifier::add_certificates), and verifies again.
    #[error("no verification key for serial `{serial}`")]
    UnknownSerial {
        /// The serial or public key id that was announced.
        serial: String,
    },
    /// The signature starts with `WECHATPAY/SIGNTEST/`: WeChat Pay's probe, which must fail.
    #[error("signature probe (WECHATPAY/SIGNTEST/) refused")]
    SignatureProbe,
    /// The signature does not verify with the key the serial names.
    #[error("signature verification failed with key `{serial}`")]
    BadSignature {
        /// The serial or public key id whose key was used.
        serial: String,
    },

    /// AES-256-GCM decryption failed: a wrong APIv3 key or tampered data.
    #[error("AES-256-GCM decryption failed: wrong APIv3 key, or tampered ciphertext, nonce or associated data")]
    Decrypt,
    /// An encrypted resource names an algorithm other than `AEAD_AES_256_GCM`.
    #[error("unsupported encryption algorithm `{algorithm}`")]
    UnsupportedAlgorithm {
        /// The announced algorithm.
        algorithm: String,
    },
    /// An AES-256-GCM nonce is not 12 bytes long.
    #[error("an AES-256-GCM nonce must be 12 bytes, got {len}")]
    InvalidNonce {
        /// The length that was given.
        len: usize,
    },
    /// RSA-OAEP encryption failed (for example, a plaintext too long for the key).
    #[error("RSA-OAEP encryption failed: {reason}")]
    Encrypt {
        /// Why.
        reason: String,
    },
    /// There is no valid key to encrypt sensitive fields with.
    #[error("no platform certificate or WeChat Pay public key to encrypt with")]
    NoEncryptionKey,
    /// Some input (base64, JSON, UTF-8) could not be decoded.
    #[error("{what}: cannot decode: {reason}")]
    Decode {
        /// Which input.
        what: &'static str,
        /// Why.
        reason: String,
    },
    /// The RSA signing operation itself failed.
    #[error("RSA signing failed")]
    Sign,

    /// A merchant identifier (`out_trade_no`, `out_refund_no`, `out_bill_no`) breaks WeChat's rules.
    #[error("invalid {kind} `{value}`: {reason}")]
    InvalidId {
        /// Which identifier.
        kind: &'static str,
        /// The value that was given.
        value: String,
        /// The rule it breaks.
        reason: &'static str,
    },
    /// An amount could not be read or computed.
    #[error("invalid amount: {reason}")]
    InvalidAmount {
        /// Why.
        reason: &'static str,
    },
}

impl Error {
    /// WeChat Pay's error `code` (such as `ORDERNOTEXIST`), for an API error.
    ///
    /// ```
    /// let err = wechat_pay::ApiError::from_response(404, Some("req-1"), br#"{"code":"ORDERNOTEXIST","message":"no such order"}"#);
    /// let err = wechat_pay::Error::from(err);
    /// assert_eq!(err.code(), Some("ORDERNOTEXIST"));
    /// ```
    pub fn code(&self) -> Option<&str> {
        match self {
            Error::Api(api) => Some(&api.code),
            _ => None,
        }
    }

    /// The `Request-ID` WeChat Pay gave the failed call, for an API error.
    ///
    /// ```
    /// let err = wechat_pay::Error::from(wechat_pay::ApiError::from_response(500, Some("08F5B8-0"), b"{}"));
    /// assert_eq!(err.request_id(), Some("08F5B8-0"));
    /// ```
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Error::Api(api) => api.request_id.as_deref(),
            _ => None,
        }
    }

    /// Whether this is an unknown *platform certificate* serial (not a `PUB_KEY_ID_…`): the case
    /// where fetching `/v3/certificates` once and verifying again can help.
    ///
    /// ```
    /// use wechat_pay::Error;
    /// assert!(Error::UnknownSerial { serial: "5157F09E".into() }.is_unknown_certificate());
    /// assert!(!Error::UnknownSerial { serial: "PUB_KEY_ID_0001".into() }.is_unknown_certificate());
    /// ```
    pub fn is_unknown_certificate(&self) -> bool {
        matches!(self, Error::UnknownSerial { serial } if !serial.starts_with(crate::PUBLIC_KEY_ID_PREFIX))
    }

    /// Whether the signature, its headers or its time were refused: the answer or notification
    /// must not be trusted. A notification route answers these with a 4xx.
    ///
    /// ```
    /// assert!(wechat_pay::Error::SignatureProbe.is_verification());
    /// assert!(!wechat_pay::Error::Decrypt.is_verification());
    /// ```
    pub fn is_verification(&self) -> bool {
        matches!(
            self,
            Error::MissingHeader { .. }
                | Error::InvalidHeader { .. }
                | Error::UnsupportedSignatureType { .. }
                | Error::StaleTimestamp { .. }
                | Error::UnknownSerial { .. }
                | Error::SignatureProbe
                | Error::BadSignature { .. }
        )
    }
}

/// An error answer of WeChat Pay: HTTP status, `code`, `message`, `detail` and `Request-ID`.
///
/// ```
/// let api = wechat_pay::ApiError::from_response(
///     400,
///     Some("08F5B8C2B506102C18FDDFEEA30620BE821E28EDC405-0"),
///     br#"{"code":"PARAM_ERROR","message":"invalid out_trade_no","detail":{"field":"/out_trade_no"}}"#,
/// );
/// assert_eq!(api.code, "PARAM_ERROR");
/// assert_eq!(api.detail.as_ref().unwrap()["field"], "/out_trade_no");
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ApiError {
    /// The HTTP status of the answer.
    pub status: u16,
    /// WeChat Pay's error code, such as `PARAM_ERROR`, `ORDERNOTEXIST`, `SIGN_ERROR`; empty when
    /// the body had none.
    pub code: String,
    /// WeChat Pay's human-readable message (do not match on it).
    pub message: String,
    /// `detail`, when WeChat Pay gave one (for example the field that failed validation).
    pub detail: Option<serde_json::Value>,
    /// The `Request-ID` header, to quote to WeChat Pay's support.
    pub request_id: Option<String>,
}

impl ApiError {
    /// Reads an error answer: its status, `Request-ID` header and body. A body that is not
    /// WeChat Pay's JSON shape keeps its first 256 characters as the message.
    ///
    /// ```
    /// let api = wechat_pay::ApiError::from_response(502, None, b"<html>Bad Gateway</html>");
    /// assert_eq!(api.code, "");
    /// assert_eq!(api.message, "<html>Bad Gateway</html>");
    /// ```
    pub fn from_response(status: u16, request_id: Option<&str>, body: &[u8]) -> ApiError {
        #[derive(serde::Deserialize)]
        struct Body {
            #[serde(default)]
            code: String,
            #[serde(default)]
            message: String,
            #[serde(default)]
            detail: Option<serde_json::Value>,
        }
        let request_id = request_id.map(str::to_owned);
        match serde_json::from_slice::<Body>(body) {
            Ok(b) => ApiError {
                status,
                code: b.code,
                message: b.message,
                detail: b.detail,
                request_id,
            },
            Err(_) => ApiError {
                status,
                code: String::new(),
                message: String::from_utf8_lossy(body).chars().take(256).collect(),
                detail: None,
                request_id,
            },
        }
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "WeChat Pay error (HTTP {})", self.status)?;
        if !self.code.is_empty() {
            write!(f, " {}", self.code)?;
        }
        if !self.message.is_empty() {
            write!(f, ": {}", self.message)?;
        }
        if let Some(detail) = &self.detail {
            write!(f, " detail={detail}")?;
        }
        if let Some(id) = &self.request_id {
            write!(f, " [Request-ID {id}]")?;
        }
        Ok(())
    }
}

impl std::error::Error for ApiError {}

impl From<ApiError> for Error {
    fn from(api: ApiError) -> Error {
        Error::Api(Box::new(api))
    }
}
