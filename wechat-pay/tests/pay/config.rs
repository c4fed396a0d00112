//! The merchant configuration: every mistake is its own error at build time.

use std::time::{Duration, UNIX_EPOCH};

use wechat_pay::{Error, MerchantConfig};

use crate::fixtures::*;

#[test]
fn a_full_configuration_builds() {
    let config = switching_config();
    assert_eq!(config.mchid(), MCHID);
    assert_eq!(config.merchant_serial(), MERCHANT_SERIAL);
    assert_eq!(config.wechatpay_serial(), Some(PUBLIC_KEY_ID));
    assert_eq!(
        config.verifier().certificate_serials(),
        vec![PLATFORM_SERIAL.to_owned()]
    );
    assert!(config.verifier().fetches_certificates());
}

#[test]
fn the_serial_alone_is_enough_without_the_merchant_certificate() {
    let config = MerchantConfig::builder()
        .mchid(MCHID)
        .merchant_serial("3a5f1c2b4d6e7f8091a2b3c4d5e6f70812345678")
        .merchant_private_key_pem(read("merchant_key_pkcs1.pem"))
        .api_v3_key(API_V3_KEY)
        .wechatpay_public_key_pem(PUBLIC_KEY_ID, read("pubkey.pem"))
        .build()
        .unwrap();
    assert_eq!(
        config.merchant_serial(),
        "3a5f1c2b4d6e7f8091a2b3c4d5e6f70812345678"
    );
    assert_eq!(config.wechatpay_serial(), Some(PUBLIC_KEY_ID));
    assert!(!config.verifier().fetches_certificates());
}

#[test]
fn missing_settings_are_named() {
    let cases = [
        (MerchantConfig::builder(), "mchid"),
        (
            MerchantConfig::builder().mchid(MCHID),
            "merchant_private_key_pem",
        ),
        (
            MerchantConfig::builder()
                .mchid(MCHID)
                .merchant_private_key_pem(read("merchant_key.pem")),
            "merchant_serial",
        ),
        (
            MerchantConfig::builder()
                .mchid(MCHID)
                .merchant_private_key_pem(read("merchant_key.pem"))
                .merchant_serial(MERCHANT_SERIAL),
            "api_v3_key",
        ),
    ];
    for (builder, field) in cases {
        match builder.build() {
            Err(Error::MissingConfig { field: f }) => assert_eq!(f, field),
            other => panic!("expected MissingConfig({field}), got {other:?}"),
        }
    }
}

#[test]
fn bad_pem_is_refused() {
    let err = merchant()
        .merchant_private_key_pem("-----BEGIN PRIVATE KEY-----\n%%%%\n-----END PRIVATE KEY-----\n")
        .platform_certificate_pem(read("platform_cert.pem"))
        .build()
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::InvalidPem {
                what: "merchant private key",
                ..
            }
        ),
        "{err:?}"
    );

    let err = merchant()
        .merchant_private_key_pem("just some text")
        .platform_certificate_pem(read("platform_cert.pem"))
        .build()
        .unwrap_err();
    assert!(matches!(err, Error::InvalidPem { .. }), "{err:?}");

    // A certificate where a key is expected, and a key where a certificate is expected.
    let err = merchant()
        .merchant_private_key_pem(read("platform_cert.pem"))
        .build()
        .unwrap_err();
    assert!(matches!(err, Error::InvalidPem { .. }), "{err:?}");
    let err = merchant()
        .platform_certificate_pem(read("platform_key.pem"))
        .build()
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::InvalidPem {
                what: "platform certificate",
                ..
            }
        ),
        "{err:?}"
    );
    let err = merchant()
        .wechatpay_public_key_pem(PUBLIC_KEY_ID, read("platform_cert.pem"))
        .build()
        .unwrap_err();
    assert!(matches!(err, Error::InvalidPem { .. }), "{err:?}");
}

#[test]
fn a_truncated_key_is_an_invalid_key() {
    // Valid PEM armour around DER that is not a key.
    let err = merchant()
        .merchant_private_key_pem(
            "-----BEGIN PRIVATE KEY-----\nMAMCAQA=\n-----END PRIVATE KEY-----\n",
        )
        .build()
        .unwrap_err();
    assert!(matches!(err, Error::InvalidKey { .. }), "{err:?}");
}

#[test]
fn wrong_api_v3_key_lengths_are_refused() {
    for key in [
        "",
        "short",
        "wechatpayTestApiV3Key0123456789",
        "wechatpayTestApiV3Key0123456789ab",
    ] {
        let err = merchant()
            .api_v3_key(key)
            .platform_certificate_pem(read("platform_cert.pem"))
            .build()
            .unwrap_err();
        assert!(
            matches!(err, Error::ApiV3KeyLength { len } if len == key.len()),
            "{err:?}"
        );
        assert!(!err.to_string().contains(key) || key.is_empty());
    }
}

#[test]
fn a_key_that_does_not_match_the_certificate_is_refused() {
    let err = merchant()
        .merchant_private_key_pem(read("other_key.pem"))
        .platform_certificate_pem(read("platform_cert.pem"))
        .build()
        .unwrap_err();
    assert!(matches!(err, Error::KeyMismatch), "{err:?}");
}

#[test]
fn a_serial_that_differs_from_the_certificate_is_refused() {
    let err = merchant()
        .merchant_serial("5157F09EFDC096DE15EBE81A47057A7232F1B8E1")
        .platform_certificate_pem(read("platform_cert.pem"))
        .build()
        .unwrap_err();
    assert!(matches!(err, Error::SerialMismatch { .. }), "{err:?}");
}

#[test]
fn an_expired_platform_certificate_is_refused() {
    let err = merchant()
        .platform_certificate_pem(read("platform_cert.pem"))
        .platform_certificate_pem(read("expired_cert.pem"))
        .build()
        .unwrap_err();
    match err {
        Error::CertificateExpired { serial, not_after } => {
            assert_eq!(serial, "7E57");
            assert_eq!(not_after, 978_307_200);
        }
        other => panic!("{other:?}"),
    }
    // On a clock set in 2000 it is valid.
    merchant()
        .platform_certificate_pem(read("expired_cert.pem"))
        .checked_at(UNIX_EPOCH + Duration::from_secs(960_000_000))
        .build()
        .unwrap();
}

#[test]
fn a_public_key_id_must_start_with_pub_key_id() {
    for id in ["5157F09E", "PUB_KEY_ID_", "pub_key_id_01"] {
        let err = merchant()
            .wechatpay_public_key_pem(id, read("pubkey.pem"))
            .build()
            .unwrap_err();
        assert!(
            matches!(err, Error::InvalidPublicKeyId { .. }),
            "{id}: {err:?}"
        );
    }
}

#[test]
fn a_verification_key_is_required_unless_certificates_are_fetched() {
    let err = merchant().build().unwrap_err();
    assert!(matches!(err, Error::NoVerificationKey), "{err:?}");
    let config = merchant().fetch_platform_certificates().build().unwrap();
    assert!(config.verifier().fetches_certificates());
    assert!(config.verifier().certificate_serials().is_empty());
    assert_eq!(config.wechatpay_serial(), None);
}

#[test]
fn clones_share_the_verifier() {
    let config = merchant().fetch_platform_certificates().build().unwrap();
    let clone = config.clone();
    let cert = wechat_pay::Certificate::from_pem(read("platform2_cert.pem")).unwrap();
    config.verifier().add_certificates([cert]);
    assert!(clone.verifier().certificate(PLATFORM2_SERIAL).is_some());
}
