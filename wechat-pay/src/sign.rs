//! What the merchant signs: the `Authorization` header of every request (the front-end
//! invocation signatures are in `invoke`).
//!
//! Layout (WeChat Pay's "签名生成" page): `METHOD\nPATH?QUERY\nTIMESTAMP\nNONCE\nBODY\n`; every
//! line ends with `\n`, the last too, so an empty body still ends `\n\n`.

use std::fmt;

use crate::error::{Error, Result};
use crate::keys::{unix_now, SigningKey, VerifyingKey};

/// The authentication scheme of the `Authorization` header.
///
/// ```
/// assert_eq!(wechat_pay::AUTHORIZATION_SCHEME, "WECHATPAY2-SHA256-RSA2048");
/// ```
pub const AUTHORIZATION_SCHEME: &str = "WECHATPAY2-SHA256-RSA2048";

/// A fresh random nonce: 32 uppercase hex characters (128 bits from the system's CSPRNG).
///
/// ```
/// let n = wechat_pay::nonce();
/// assert_eq!(n.len(), 32);
/// assert!(n.bytes().all(|b| b.is_ascii_hexdigit()));
/// assert_ne!(n, wechat_pay::nonce());
/// ```
pub fn nonce() -> String {
    use ring::rand::SecureRandom as _;
    let mut bytes = [0u8; 16];
    ring::rand::SystemRandom::new()
        .fill(&mut bytes)
        .expect("the system random source failed");
    bytes.iter().map(|b| format!("{b:02X}")).collect()
}

/// The part of a URL that is signed: its path and query, without scheme and host. A path
/// (`/v3/…`) is returned as it is; a full URL is cut after its host.
fn canonical_url(url: &str) -> &str {
    match url.split_once("://") {
        Some((_, rest)) => rest.find('/').map_or("/", |i| &rest[i..]),
        None => url,
    }
}

pub(crate) fn lines(parts: &[&[u8]]) -> Vec<u8> {
    let mut out = Vec::with_capacity(parts.iter().map(|p| p.len() + 1).sum());
    for part in parts {
        out.extend_from_slice(part);
        out.push(b'\n');
    }
    out
}

/// The message a request signature covers: `METHOD\nPATH?QUERY\nTIMESTAMP\nNONCE\nBODY\n`.
/// `url` may be a path with its query, or a full URL (its scheme and host are dropped). The
/// body is the exact bytes sent (empty for a GET; the `meta` JSON for an upload).
///
/// ```
/// let m = wechat_pay::request_message("GET", "https://api.mch.weixin.qq.com/v3/certificates", 1554208460, "593BEC0C930BF1AFEB40B4A08C8FB242", b"");
/// assert_eq!(m, b"GET\n/v3/certificates\n1554208460\n593BEC0C930BF1AFEB40B4A08C8FB242\n\n");
/// ```
pub fn request_message(
    method: &str,
    url: &str,
    timestamp: i64,
    nonce: &str,
    body: &[u8],
) -> Vec<u8> {
    let method = method.to_ascii_uppercase();
    let timestamp = timestamp.to_string();
    lines(&[
        method.as_bytes(),
        canonical_url(url).as_bytes(),
        timestamp.as_bytes(),
        nonce.as_bytes(),
        body,
    ])
}

/// The message an answer's or a notification's signature covers: `TIMESTAMP\nNONCE\nBODY\n`.
/// A sandbox signs it with its platform key; [`Verifier`](crate::Verifier) checks it.
///
/// ```
/// assert_eq!(wechat_pay::answer_message("1722850421", "d824f2e0", b"{}"), b"1722850421\nd824f2e0\n{}\n");
/// ```
pub fn answer_message(timestamp: &str, nonce: &str, body: &[u8]) -> Vec<u8> {
    lines(&[timestamp.as_bytes(), nonce.as_bytes(), body])
}

/// The merchant's signer: its `mchid`, its certificate serial and its private key.
///
/// Get it from [`MerchantConfig::signer`](crate::MerchantConfig::signer), or build one for a
/// sandbox. `Debug` shows the mchid, the serial and the key size, never the key.
///
/// ```
/// # let pem = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/merchant_key.pem"));
/// let signer = wechat_pay::Signer::new("1900000109", "3A5F1C2B4D6E7F8091A2B3C4D5E6F70812345678", wechat_pay::SigningKey::from_pem(pem)?);
/// let header = signer.authorization("GET", "/v3/certificates", b"")?;
/// assert!(header.starts_with("WECHATPAY2-SHA256-RSA2048 mchid=\"1900000109\",nonce_str=\""));
/// # Ok::<(), wechat_pay::Error>(())
/// ```
#[derive(Clone)]
pub struct Signer {
    mchid: String,
    serial: String,
    key: SigningKey,
}

impl Signer {
    /// A signer for merchant `mchid` whose certificate has serial `serial`.
    ///
    /// ```
    /// # let pem = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/merchant_key.pem"));
    /// let signer = wechat_pay::Signer::new("1900000109", "3A5F1C2B", wechat_pay::SigningKey::from_pem(pem)?);
    /// assert_eq!(signer.mchid(), "1900000109");
    /// # Ok::<(), wechat_pay::Error>(())
    /// ```
    pub fn new(mchid: impl Into<String>, serial: impl Into<String>, key: SigningKey) -> Signer {
        Signer {
            mchid: mchid.into(),
            serial: serial.into(),
            key,
        }
    }

    /// The merchant number.
    ///
    /// ```
    /// # let pem = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/merchant_key.pem"));
    /// # let signer = wechat_pay::Signer::new("1900000109", "3A5F", wechat_pay::SigningKey::from_pem(pem)?);
    /// assert_eq!(signer.mchid(), "1900000109");
    /// # Ok::<(), wechat_pay::Error>(())
    /// ```
    pub fn mchid(&self) -> &str {
        &self.mchid
    }

    /// The merchant certificate's serial (`serial_no` in the header).
    ///
    /// ```
    /// # let pem = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/merchant_key.pem"));
    /// # let signer = wechat_pay::Signer::new("1900000109", "3A5F", wechat_pay::SigningKey::from_pem(pem)?);
    /// assert_eq!(signer.serial(), "3A5F");
    /// # Ok::<(), wechat_pay::Error>(())
    /// ```
    pub fn serial(&self) -> &str {
        &self.serial
    }

    /// The private key.
    ///
    /// ```
    /// # let pem = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/merchant_key.pem"));
    /// # let signer = wechat_pay::Signer::new("1900000109", "3A5F", wechat_pay::SigningKey::from_pem(pem)?);
    /// let signature = signer.signing_key().sign(b"any message\n")?;
    /// # Ok::<(), wechat_pay::Error>(())
    /// ```
    pub fn signing_key(&self) -> &SigningKey {
        &self.key
    }

    /// The `Authorization` header value for a request, with the current time and a fresh nonce.
    ///
    /// ```
    /// # let pem = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/merchant_key.pem"));
    /// # let signer = wechat_pay::Signer::new("1900000109", "3A5F", wechat_pay::SigningKey::from_pem(pem)?);
    /// let body = br#"{"mchid":"1900000109"}"#;
    /// let value = signer.authorization("POST", "/v3/pay/transactions/native", body)?;
    /// let parsed = wechat_pay::Authorization::parse(&value)?;
    /// parsed.verify(&signer.signing_key().verifying_key(), "POST", "/v3/pay/transactions/native", body)?;
    /// # Ok::<(), wechat_pay::Error>(())
    /// ```
    pub fn authorization(&self, method: &str, url: &str, body: &[u8]) -> Result<String> {
        self.authorization_at(method, url, body, unix_now(), &nonce())
    }

    /// [`authorization`](Self::authorization) with a given timestamp and nonce (for tests,
    /// replays and sandboxes).
    ///
    /// ```
    /// # let pem = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/merchant_key.pem"));
    /// # let signer = wechat_pay::Signer::new("1900000109", "3A5F", wechat_pay::SigningKey::from_pem(pem)?);
    /// let value = signer.authorization_at("GET", "/v3/certificates", b"", 1554208460, "593BEC0C930BF1AFEB40B4A08C8FB242")?;
    /// assert!(value.contains(r#"timestamp="1554208460",serial_no="3A5F",signature=""#));
    /// # Ok::<(), wechat_pay::Error>(())
    /// ```
    pub fn authorization_at(
        &self,
        method: &str,
        url: &str,
        body: &[u8],
        timestamp: i64,
        nonce: &str,
    ) -> Result<String> {
        let signature = self
            .key
            .sign(&request_message(method, url, timestamp, nonce, body))?;
        Ok(Authorization {
            mchid: self.mchid.clone(),
            nonce_str: nonce.to_owned(),
            timestamp,
            serial_no: self.serial.clone(),
            signature,
        }
        .to_header_value())
    }
}

impl fmt::Debug for Signer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Signer")
            .field("mchid", &self.mchid)
            .field("serial", &self.serial)
            .field("key", &self.key)
            .finish()
    }
}

/// A parsed `Authorization: WECHATPAY2-SHA256-RSA2048 …` header: what a sandbox reads to check a
/// merchant's request. `Debug` hides the signature.
///
/// ```
/// let a = wechat_pay::Authorization::parse(r#"WECHATPAY2-SHA256-RSA2048 mchid="1900009191",nonce_str="593BEC0C930BF1AFEB40B4A08C8FB242",signature="c2ln",timestamp="1554208460",serial_no="1DDE55AD98ED71D6EDD4A4A16996DE7B47773A8C""#)?;
/// assert_eq!(a.mchid, "1900009191");
/// assert_eq!(a.timestamp, 1554208460);
/// # Ok::<(), wechat_pay::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Authorization {
    /// `mchid`: the merchant (or service provider) number.
    pub mchid: String,
    /// `nonce_str`.
    pub nonce_str: String,
    /// `timestamp`, unix seconds.
    pub timestamp: i64,
    /// `serial_no`: the merchant certificate's serial.
    pub serial_no: String,
    /// `signature`: base64 SHA256-RSA over the request message.
    pub signature: String,
}

impl Authorization {
    /// Parses a header value. The five fields may come in any order; each must be present once.
    ///
    /// ```
    /// let err = wechat_pay::Authorization::parse(r#"WECHATPAY2-SHA256-RSA2048 mchid="1""#).unwrap_err();
    /// assert!(matches!(err, wechat_pay::Error::InvalidHeader { name: "Authorization", .. }));
    /// ```
    pub fn parse(value: &str) -> Result<Authorization> {
        let invalid = |reason| Error::InvalidHeader {
            name: "Authorization",
            reason,
        };
        let rest = value
            .trim()
            .strip_prefix(AUTHORIZATION_SCHEME)
            .and_then(|r| r.strip_prefix(' '))
            .ok_or(invalid("the scheme is not WECHATPAY2-SHA256-RSA2048"))?;
        let mut fields: [Option<&str>; 5] = [None; 5];
        const NAMES: [&str; 5] = ["mchid", "nonce_str", "timestamp", "serial_no", "signature"];
        for pair in rest.split(',') {
            let (name, value) = pair
                .trim()
                .split_once('=')
                .ok_or(invalid("a field is not name=\"value\""))?;
            let value = value
                .strip_prefix('"')
                .and_then(|v| v.strip_suffix('"'))
                .ok_or(invalid("a field's value is not quoted"))?;
            let slot = NAMES
                .iter()
                .position(|n| *n == name)
                .ok_or(invalid("unknown field"))?;
            if fields[slot].replace(value).is_some() {
                return Err(invalid("a field is repeated"));
            }
        }
        let [Some(mchid), Some(nonce_str), Some(timestamp), Some(serial_no), Some(signature)] =
            fields
        else {
            return Err(invalid("a field is missing"));
        };
        Ok(Authorization {
            mchid: mchid.to_owned(),
            nonce_str: nonce_str.to_owned(),
            timestamp: timestamp
                .parse()
                .map_err(|_| invalid("timestamp is not a number"))?,
            serial_no: serial_no.to_owned(),
            signature: signature.to_owned(),
        })
    }

    /// The header value, in the order WeChat Pay's own SDKs write it.
    ///
    /// ```
    /// let value = r#"WECHATPAY2-SHA256-RSA2048 mchid="1",nonce_str="N",timestamp="2",serial_no="S",signature="c2ln""#;
    /// assert_eq!(wechat_pay::Authorization::parse(value)?.to_header_value(), value);
    /// # Ok::<(), wechat_pay::Error>(())
    /// ```
    pub fn to_header_value(&self) -> String {
        format!(
            "{AUTHORIZATION_SCHEME} mchid=\"{}\",nonce_str=\"{}\",timestamp=\"{}\",serial_no=\"{}\",signature=\"{}\"",
            self.mchid, self.nonce_str, self.timestamp, self.serial_no, self.signature
        )
    }

    /// Verifies the signature against the request it came with, using the merchant
    /// certificate's key. The timestamp is not checked here.
    ///
    /// ```
    /// # let pem = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/merchant_key.pem"));
    /// # let signer = wechat_pay::Signer::new("1900000109", "3A5F", wechat_pay::SigningKey::from_pem(pem)?);
    /// let header = signer.authorization("GET", "/v3/certificates", b"")?;
    /// let parsed = wechat_pay::Authorization::parse(&header)?;
    /// let key = signer.signing_key().verifying_key();
    /// assert!(parsed.verify(&key, "GET", "/v3/certificates", b"").is_ok());
    /// assert!(parsed.verify(&key, "GET", "/v3/certificates?x=1", b"").is_err());
    /// # Ok::<(), wechat_pay::Error>(())
    /// ```
    pub fn verify(&self, key: &VerifyingKey, method: &str, url: &str, body: &[u8]) -> Result<()> {
        let message = request_message(method, url, self.timestamp, &self.nonce_str, body);
        key.verify(&message, &self.signature)
            .map_err(|_| Error::BadSignature {
                serial: self.serial_no.clone(),
            })
    }
}

impl fmt::Debug for Authorization {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Authorization")
            .field("mchid", &self.mchid)
            .field("nonce_str", &self.nonce_str)
            .field("timestamp", &self.timestamp)
            .field("serial_no", &self.serial_no)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::canonical_url;

    #[test]
    fn canonical_url_keeps_path_and_query() {
        assert_eq!(canonical_url("/v3/a?b=1"), "/v3/a?b=1");
        assert_eq!(
            canonical_url("https://api.mch.weixin.qq.com/v3/a?b=1"),
            "/v3/a?b=1"
        );
        assert_eq!(canonical_url("https://api.mch.weixin.qq.com"), "/");
    }
}
