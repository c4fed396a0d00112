//! The sandbox's own keys: a test platform certificate and a test WeChat Pay public key (in
//! `keys/`, throwaway keys, public on purpose), and the signatures made with them.

use std::sync::OnceLock;

use rand::Rng;
use wechat_pay::{Certificate, SigningKey};

use crate::state::pay::PaySignMode;

const PLATFORM_KEY_PEM: &str = include_str!("keys/platform_key.pem");
const PLATFORM_CERT_PEM: &str = include_str!("keys/platform_cert.pem");
const PUBLIC_KEY_PRIVATE_PEM: &str = include_str!("keys/pubkey_key.pem");
const PUBLIC_KEY_PEM: &str = include_str!("keys/pubkey.pem");

/// The id of the sandbox's WeChat Pay public key, as `Wechatpay-Serial` names it.
pub(crate) const PUBLIC_KEY_ID: &str = "PUB_KEY_ID_0114232134912410000000000000";

/// The keys, parsed once.
pub(crate) struct Platform {
    pub(crate) certificate: Certificate,
    certificate_key: SigningKey,
    public_key: SigningKey,
}

/// The sandbox's keys.
pub(crate) fn platform() -> &'static Platform {
    static PLATFORM: OnceLock<Platform> = OnceLock::new();
    PLATFORM.get_or_init(|| Platform {
        // The files are part of the crate and tested: they always parse.
        certificate: Certificate::from_pem(PLATFORM_CERT_PEM).expect("the sandbox certificate"),
        certificate_key: SigningKey::from_pem(PLATFORM_KEY_PEM).expect("the sandbox key"),
        public_key: SigningKey::from_pem(PUBLIC_KEY_PRIVATE_PEM).expect("the sandbox key"),
    })
}

/// The signature headers of one answer or notification.
#[derive(Debug, Clone)]
pub(crate) struct Signed {
    pub(crate) timestamp: String,
    pub(crate) nonce: String,
    pub(crate) signature: String,
    pub(crate) serial: &'static str,
}

impl Platform {
    pub(crate) fn certificate_pem(&self) -> &'static str {
        PLATFORM_CERT_PEM
    }

    pub(crate) fn public_key_pem(&self) -> &'static str {
        PUBLIC_KEY_PEM
    }

    /// Whether `serial` names one of the sandbox's keys (for `Wechatpay-Serial` on requests
    /// with encrypted fields).
    pub(crate) fn knows(&self, serial: &str) -> bool {
        serial == PUBLIC_KEY_ID || serial.eq_ignore_ascii_case(self.certificate.serial())
    }

    /// Signs `body` over the real clock (clients check it against theirs), with the key `mode`
    /// picks.
    pub(crate) fn sign(&self, mode: PaySignMode, body: &[u8]) -> Signed {
        let by_certificate = match mode {
            PaySignMode::Certificate => true,
            PaySignMode::PublicKey => false,
            PaySignMode::Switch => rand::thread_rng().gen_bool(0.5),
        };
        let (key, serial) = if by_certificate {
            (&self.certificate_key, certificate_serial())
        } else {
            (&self.public_key, PUBLIC_KEY_ID)
        };
        let timestamp = crate::clock::unix_now().to_string();
        let nonce = wechat_pay::nonce();
        let message = wechat_pay::answer_message(&timestamp, &nonce, body);
        // Signing with a well-formed RSA key only fails if the system's randomness does.
        let signature = key.sign(&message).expect("an RSA signature");
        Signed {
            timestamp,
            nonce,
            signature,
            serial,
        }
    }
}

fn certificate_serial() -> &'static str {
    platform().certificate.serial()
}

/// A `Request-ID`, shaped like WeChat Pay's.
pub(crate) fn request_id() -> String {
    let mut rng = rand::thread_rng();
    let hex: String = (0..40)
        .map(|_| char::from_digit(rng.gen_range(0..16), 16).unwrap_or('0'))
        .collect();
    format!("{}-0", hex.to_ascii_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_keys_parse_and_sign() {
        let platform = platform();
        assert_eq!(
            platform.certificate.serial(),
            "5157F09EFDC096DE15EBE81A47057A7232F1B8E1"
        );
        let signed = platform.sign(PaySignMode::Certificate, b"{}");
        let message = wechat_pay::answer_message(&signed.timestamp, &signed.nonce, b"{}");
        platform
            .certificate
            .verifying_key()
            .verify(&message, &signed.signature)
            .unwrap();
        let signed = platform.sign(PaySignMode::PublicKey, b"{}");
        assert_eq!(signed.serial, PUBLIC_KEY_ID);
        let key = wechat_pay::VerifyingKey::from_pem(PUBLIC_KEY_PEM).unwrap();
        let message = wechat_pay::answer_message(&signed.timestamp, &signed.nonce, b"{}");
        key.verify(&message, &signed.signature).unwrap();
        assert!(platform.knows("5157f09efdc096de15ebe81a47057a7232f1b8e1"));
        assert!(!platform.knows("PUB_KEY_ID_0"));
    }
}
