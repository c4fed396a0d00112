//! AES-256-GCM with the APIv3 key, and RSA-OAEP: bad input gives its own error.

use base64::Engine as _;
use rsa::pkcs8::DecodePrivateKey as _;
use wechat_pay::{ApiV3Key, EncryptedResource, Error, VerifyingKey};

use crate::fixtures::*;

fn resource() -> EncryptedResource {
    let notification: serde_json::Value =
        serde_json::from_slice(&read("notification.json")).unwrap();
    serde_json::from_value(notification["resource"].clone()).unwrap()
}

#[test]
fn a_tampered_ciphertext_is_refused() {
    let key = ApiV3Key::new(API_V3_KEY).unwrap();
    let good = resource();
    let mut raw = base64::engine::general_purpose::STANDARD
        .decode(&good.ciphertext)
        .unwrap();
    for i in [0, raw.len() / 2, raw.len() - 1] {
        raw[i] ^= 0x01;
        let mut bad = good.clone();
        bad.ciphertext = base64::engine::general_purpose::STANDARD.encode(&raw);
        assert!(
            matches!(key.decrypt_resource(&bad), Err(Error::Decrypt)),
            "byte {i}"
        );
        raw[i] ^= 0x01;
    }
    // Cut short: the tag is gone.
    let mut bad = good.clone();
    bad.ciphertext = base64::engine::general_purpose::STANDARD.encode(&raw[..10]);
    assert!(matches!(key.decrypt_resource(&bad), Err(Error::Decrypt)));
}

#[test]
fn a_wrong_api_v3_key_is_refused() {
    let wrong = ApiV3Key::new("wechatpayTestApiV3Key0123456789b").unwrap();
    let err = wrong.decrypt_resource(&resource()).unwrap_err();
    assert!(matches!(err, Error::Decrypt));
    assert!(err.to_string().contains("wrong APIv3 key"));
}

#[test]
fn changed_associated_data_or_nonce_is_refused() {
    let key = ApiV3Key::new(API_V3_KEY).unwrap();
    let mut bad = resource();
    bad.associated_data = Some("refund".into());
    assert!(matches!(key.decrypt_resource(&bad), Err(Error::Decrypt)));
    let mut bad = resource();
    bad.associated_data = None;
    assert!(matches!(key.decrypt_resource(&bad), Err(Error::Decrypt)));
    let mut bad = resource();
    bad.nonce = "fdasflkja485".into();
    assert!(matches!(key.decrypt_resource(&bad), Err(Error::Decrypt)));
    let mut bad = resource();
    bad.nonce = "fdasflkja48".into();
    assert!(matches!(
        key.decrypt_resource(&bad),
        Err(Error::InvalidNonce { len: 11 })
    ));
}

#[test]
fn other_algorithms_and_bad_base64_are_refused() {
    let key = ApiV3Key::new(API_V3_KEY).unwrap();
    let mut bad = resource();
    bad.algorithm = "AEAD_SM4_GCM".into();
    assert!(matches!(
        key.decrypt_resource(&bad),
        Err(Error::UnsupportedAlgorithm { .. })
    ));
    let mut bad = resource();
    bad.ciphertext = "not base64!".into();
    assert!(matches!(
        key.decrypt_resource(&bad),
        Err(Error::Decode {
            what: "ciphertext",
            ..
        })
    ));
}

#[test]
fn certificate_lists_are_checked() {
    let key = ApiV3Key::new(API_V3_KEY).unwrap();
    let body = read_str("certificates.json");
    // The listed serial must be the certificate's.
    let lying = body.replace(
        r#""serial_no":"E2B1A3C4D5E6F7081920A1B2C3D4E5F607182930""#,
        r#""serial_no":"5157F09EFDC096DE15EBE81A47057A7232F1B8E1""#,
    );
    assert!(matches!(
        key.decrypt_certificates(lying.as_bytes()),
        Err(Error::SerialMismatch { .. })
    ));
    let wrong = ApiV3Key::new("wechatpayTestApiV3Key0123456789b").unwrap();
    assert!(matches!(
        wrong.decrypt_certificates(body.as_bytes()),
        Err(Error::Decrypt)
    ));
    assert!(matches!(
        key.decrypt_certificates(b"<html>"),
        Err(Error::Decode { .. })
    ));
    // A ciphertext that decrypts to something that is not a certificate.
    let not_a_cert = key
        .encrypt("certificate", "4e8f2a1b9c3d", b"hello")
        .unwrap();
    let body = format!(
        r#"{{"data":[{{"serial_no":"01","encrypt_certificate":{{"algorithm":"AEAD_AES_256_GCM","nonce":"4e8f2a1b9c3d","associated_data":"certificate","ciphertext":"{not_a_cert}"}}}}]}}"#
    );
    assert!(matches!(
        key.decrypt_certificates(body.as_bytes()),
        Err(Error::InvalidPem {
            what: "platform certificate",
            ..
        })
    ));
}

/// Decrypts with the `rsa` crate: the same library as the encryption, so this checks the
/// padding parameters, and the openssl test below checks them independently.
pub fn oaep_decrypt(key_file: &str, ciphertext_b64: &str) -> Vec<u8> {
    use rustls_pki_types::pem::PemObject as _;
    let der = rustls_pki_types::PrivatePkcs8KeyDer::from_pem_slice(&read(key_file)).unwrap();
    let key = rsa::RsaPrivateKey::from_pkcs8_der(der.secret_pkcs8_der()).unwrap();
    let raw = base64::engine::general_purpose::STANDARD
        .decode(ciphertext_b64)
        .unwrap();
    key.decrypt(rsa::Oaep::new::<sha1::Sha1>(), &raw).unwrap()
}

#[test]
fn oaep_ciphertexts_decrypt_with_sha1_oaep() {
    let key = VerifyingKey::from_pem(read("pubkey.pem")).unwrap();
    let c = key.encrypt_oaep("张三 13800138000").unwrap();
    assert_eq!(
        oaep_decrypt("pubkey_key.pem", &c),
        "张三 13800138000".as_bytes()
    );
    // The most a 2048-bit key takes with SHA-1 OAEP: 256 - 2*20 - 2 = 214 bytes.
    assert!(key.encrypt_oaep(&"x".repeat(214)).is_ok());
    assert!(matches!(
        key.encrypt_oaep(&"x".repeat(215)),
        Err(Error::Encrypt { .. })
    ));
}

/// `openssl pkeyutl -decrypt -inkey platform_key.pem -pkeyopt rsa_padding_mode:oaep
///  -pkeyopt rsa_oaep_md:sha1 -pkeyopt rsa_mgf1_md:sha1` must read what this crate encrypts.
/// Skipped (with a note) where the openssl command line is absent.
#[test]
fn oaep_ciphertexts_decrypt_with_openssl() {
    use std::io::Write as _;
    use std::process::{Command, Stdio};

    let cert = wechat_pay::Certificate::from_pem(read("platform_cert.pem")).unwrap();
    let encryptor = wechat_pay::Encryptor::new(cert.serial(), cert.verifying_key().clone());
    let ciphertext = base64::engine::general_purpose::STANDARD
        .decode(encryptor.encrypt("王小明").unwrap())
        .unwrap();
    let child = Command::new("openssl")
        .args(["pkeyutl", "-decrypt", "-inkey"])
        .arg(path("platform_key.pem"))
        .args([
            "-pkeyopt",
            "rsa_padding_mode:oaep",
            "-pkeyopt",
            "rsa_oaep_md:sha1",
            "-pkeyopt",
            "rsa_mgf1_md:sha1",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn();
    let Ok(mut child) = child else {
        eprintln!("openssl not found: skipping the independent RSA-OAEP check");
        return;
    };
    child.stdin.take().unwrap().write_all(&ciphertext).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    assert_eq!(out.stdout, "王小明".as_bytes());
}
