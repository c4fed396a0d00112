//! X.509 certificates: WeChat Pay's platform certificates and the merchant's own, read for
//! their serial, public key and validity (with `x509-cert`).

use rustls_pki_types::pem::PemObject as _;
use rustls_pki_types::CertificateDer;
use x509_cert::der::Decode as _;

use crate::error::{Error, Result};
use crate::keys::{pem_reason, VerifyingKey};
use crate::PUBLIC_KEY_ID_PREFIX;

/// An X.509 RSA certificate: a WeChat Pay platform certificate, or the merchant's
/// `apiclient_cert.pem`. It keeps the serial (uppercase hex, as WeChat Pay writes it), the public
/// key and the validity.
///
/// ```
/// let pem = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/platform_cert.pem"));
/// let cert = wechat_pay::Certificate::from_pem(pem)?;
/// assert_eq!(cert.serial(), "5157F09EFDC096DE15EBE81A47057A7232F1B8E1");
/// assert!(cert.not_before() < cert.not_after());
/// # Ok::<(), wechat_pay::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct Certificate {
    serial: String,
    key: VerifyingKey,
    not_before: i64,
    not_after: i64,
}

impl Certificate {
    /// Reads the first `CERTIFICATE` of a PEM input.
    ///
    /// ```
    /// let err = wechat_pay::Certificate::from_pem("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n").unwrap_err();
    /// assert!(matches!(err, wechat_pay::Error::InvalidCertificate { .. }));
    /// ```
    pub fn from_pem(pem: impl AsRef<[u8]>) -> Result<Certificate> {
        Self::from_pem_named("certificate", pem.as_ref())
    }

    pub(crate) fn from_pem_named(what: &'static str, pem: &[u8]) -> Result<Certificate> {
        let der = CertificateDer::from_pem_slice(pem).map_err(|e| Error::InvalidPem {
            what,
            reason: pem_reason(&e),
        })?;
        Self::from_der_named(what, der.as_ref())
    }

    /// Reads a DER certificate.
    ///
    /// ```
    /// assert!(wechat_pay::Certificate::from_der(&[0x30, 0x00]).is_err());
    /// ```
    pub fn from_der(der: &[u8]) -> Result<Certificate> {
        Self::from_der_named("certificate", der)
    }

    fn from_der_named(what: &'static str, der: &[u8]) -> Result<Certificate> {
        let invalid = |reason: String| Error::InvalidCertificate { what, reason };
        let cert = x509_cert::Certificate::from_der(der).map_err(|e| invalid(e.to_string()))?;
        let tbs = &cert.tbs_certificate;
        let spki = &tbs.subject_public_key_info;
        let key =
            VerifyingKey::from_spki(what, spki.algorithm.oid, spki.subject_public_key.as_bytes())?;
        let secs = |t: x509_cert::time::Time| {
            i64::try_from(t.to_unix_duration().as_secs()).unwrap_or(i64::MAX)
        };
        Ok(Certificate {
            serial: serial_hex(tbs.serial_number.as_bytes()),
            key,
            not_before: secs(tbs.validity.not_before),
            not_after: secs(tbs.validity.not_after),
        })
    }

    /// The serial number in uppercase hex without a leading `00` byte, as in `Wechatpay-Serial`
    /// and as `openssl x509 -serial` prints it.
    ///
    /// ```
    /// # let pem = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/platform2_cert.pem"));
    /// let cert = wechat_pay::Certificate::from_pem(pem)?;
    /// assert_eq!(cert.serial(), "E2B1A3C4D5E6F7081920A1B2C3D4E5F607182930");
    /// # Ok::<(), wechat_pay::Error>(())
    /// ```
    pub fn serial(&self) -> &str {
        &self.serial
    }

    /// The certificate's public key.
    ///
    /// ```
    /// # let pem = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/platform_cert.pem"));
    /// let cert = wechat_pay::Certificate::from_pem(pem)?;
    /// assert_eq!(cert.verifying_key().bits(), 2048);
    /// # Ok::<(), wechat_pay::Error>(())
    /// ```
    pub fn verifying_key(&self) -> &VerifyingKey {
        &self.key
    }

    /// `notBefore`, in unix seconds.
    ///
    /// ```
    /// # let pem = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/expired_cert.pem"));
    /// let cert = wechat_pay::Certificate::from_pem(pem)?;
    /// assert_eq!(cert.not_before(), 946_684_800); // 2000-01-01T00:00:00Z
    /// # Ok::<(), wechat_pay::Error>(())
    /// ```
    pub fn not_before(&self) -> i64 {
        self.not_before
    }

    /// `notAfter`, in unix seconds.
    ///
    /// ```
    /// # let pem = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/expired_cert.pem"));
    /// let cert = wechat_pay::Certificate::from_pem(pem)?;
    /// assert_eq!(cert.not_after(), 978_307_200); // 2001-01-01T00:00:00Z
    /// # Ok::<(), wechat_pay::Error>(())
    /// ```
    pub fn not_after(&self) -> i64 {
        self.not_after
    }

    /// Whether the certificate is within its validity at unix time `now`.
    ///
    /// ```
    /// # let pem = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/expired_cert.pem"));
    /// let cert = wechat_pay::Certificate::from_pem(pem)?;
    /// assert!(cert.is_valid_at(960_000_000));
    /// assert!(!cert.is_valid_at(1_700_000_000));
    /// # Ok::<(), wechat_pay::Error>(())
    /// ```
    pub fn is_valid_at(&self, now: i64) -> bool {
        self.not_before <= now && now <= self.not_after
    }
}

/// Uppercase hex of a DER INTEGER's bytes, without the sign byte.
fn serial_hex(bytes: &[u8]) -> String {
    let trimmed = match bytes {
        [0, rest @ ..] if !rest.is_empty() => rest,
        _ => bytes,
    };
    trimmed.iter().map(|b| format!("{b:02X}")).collect()
}

/// Compares two serials as WeChat Pay's SDKs do: case-insensitive, leading zeros ignored
/// (some SDKs print `0A…`, some `A…`).
pub(crate) fn serial_key(serial: &str) -> String {
    let s = serial.trim();
    if s.starts_with(PUBLIC_KEY_ID_PREFIX) {
        return s.to_owned();
    }
    let s = s.trim_start_matches('0');
    s.to_ascii_uppercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serial_hex_drops_the_sign_byte_only() {
        assert_eq!(serial_hex(&[0x00, 0xE2, 0x01]), "E201");
        assert_eq!(serial_hex(&[0x7E, 0x57]), "7E57");
        assert_eq!(serial_hex(&[0x00]), "00");
    }

    #[test]
    fn serial_keys_ignore_case_and_leading_zeros() {
        assert_eq!(serial_key("0abc"), serial_key("ABC"));
        assert_eq!(serial_key(" PUB_KEY_ID_01 "), "PUB_KEY_ID_01");
    }
}
