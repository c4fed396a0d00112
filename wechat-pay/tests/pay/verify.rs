//! Verification refuses every bad answer or notification with its own error.

use wechat_pay::{answer_message, Error, SignatureHeaders, SigningKey, Verifier};

use crate::fixtures::*;

const NOW: i64 = 1_722_850_421;
const BODY: &[u8] = br#"{"code_url":"weixin://wxpay/bizpayurl?pr=JyC91EIz1"}"#;

fn sign(key_file: &str, timestamp: &str, nonce: &str, body: &[u8]) -> String {
    SigningKey::from_pem(read(key_file))
        .unwrap()
        .sign(&answer_message(timestamp, nonce, body))
        .unwrap()
}

fn verify(
    verifier: &Verifier,
    timestamp: &str,
    signature: &str,
    serial: &str,
    body: &[u8],
    now: i64,
) -> wechat_pay::Result<wechat_pay::VerifiedBy> {
    let map = headers(&[
        ("Wechatpay-Timestamp", timestamp),
        ("Wechatpay-Nonce", "d824f2e086d3c1df967785d13fcd22ef"),
        ("Wechatpay-Signature", signature),
        ("Wechatpay-Serial", serial),
    ]);
    verifier.verify_at(&SignatureHeaders::from_header_map(&map)?, body, now)
}

fn platform_signed(timestamp: &str) -> String {
    sign(
        "platform_key.pem",
        timestamp,
        "d824f2e086d3c1df967785d13fcd22ef",
        BODY,
    )
}

#[test]
fn timestamps_within_five_minutes_pass_and_beyond_are_stale() {
    let config = switching_config();
    let v = config.verifier();
    let ts = NOW.to_string();
    let sig = platform_signed(&ts);
    for now in [NOW - 300, NOW, NOW + 300] {
        verify(v, &ts, &sig, PLATFORM_SERIAL, BODY, now).unwrap();
    }
    for now in [NOW - 301, NOW + 301, NOW + 86_400] {
        match verify(v, &ts, &sig, PLATFORM_SERIAL, BODY, now) {
            Err(Error::StaleTimestamp { timestamp, now: n }) => {
                assert_eq!((timestamp, n), (NOW, now));
            }
            other => panic!("{other:?}"),
        }
    }
    // Against the real clock, a 2024 timestamp is stale.
    let map = headers(&[
        ("Wechatpay-Timestamp", ts.as_str()),
        ("Wechatpay-Nonce", "d824f2e086d3c1df967785d13fcd22ef"),
        ("Wechatpay-Signature", sig.as_str()),
        ("Wechatpay-Serial", PLATFORM_SERIAL),
    ]);
    let h = SignatureHeaders::from_header_map(&map).unwrap();
    assert!(matches!(
        v.verify(&h, BODY),
        Err(Error::StaleTimestamp { .. })
    ));
}

#[test]
fn an_unknown_certificate_serial_is_its_own_error_until_added() {
    let config = switching_config();
    let v = config.verifier();
    let ts = NOW.to_string();
    let sig = sign(
        "platform2_key.pem",
        &ts,
        "d824f2e086d3c1df967785d13fcd22ef",
        BODY,
    );
    let err = verify(v, &ts, &sig, PLATFORM2_SERIAL, BODY, NOW).unwrap_err();
    assert!(matches!(&err, Error::UnknownSerial { serial } if serial == PLATFORM2_SERIAL));
    assert!(err.is_unknown_certificate());
    assert!(err.is_verification());

    v.add_certificates([wechat_pay::Certificate::from_pem(read("platform2_cert.pem")).unwrap()]);
    // Serials compare without regard to case.
    let by = verify(v, &ts, &sig, &PLATFORM2_SERIAL.to_lowercase(), BODY, NOW).unwrap();
    assert_eq!(by.serial(), PLATFORM2_SERIAL);
}

#[test]
fn an_unknown_public_key_id_is_not_a_certificate_to_fetch() {
    let config = switching_config();
    let ts = NOW.to_string();
    let sig = sign(
        "pubkey_key.pem",
        &ts,
        "d824f2e086d3c1df967785d13fcd22ef",
        BODY,
    );
    let err = verify(
        config.verifier(),
        &ts,
        &sig,
        "PUB_KEY_ID_0000000000000000000000000099",
        BODY,
        NOW,
    )
    .unwrap_err();
    assert!(matches!(err, Error::UnknownSerial { .. }));
    assert!(!err.is_unknown_certificate());
    // Without a public key configured at all, likewise.
    let certs_only = merchant()
        .platform_certificate_pem(read("platform_cert.pem"))
        .build()
        .unwrap();
    let err = verify(certs_only.verifier(), &ts, &sig, PUBLIC_KEY_ID, BODY, NOW).unwrap_err();
    assert!(matches!(err, Error::UnknownSerial { .. }) && !err.is_unknown_certificate());
}

#[test]
fn a_probe_signature_is_refused_before_anything_else() {
    let config = switching_config();
    // Even with an unknown serial and a stale timestamp, the probe is what is reported.
    let err = verify(
        config.verifier(),
        "1000",
        "WECHATPAY/SIGNTEST/c2lnbmF0dXJl",
        "0ABCDEF",
        BODY,
        NOW,
    )
    .unwrap_err();
    assert!(matches!(err, Error::SignatureProbe), "{err:?}");
    assert!(err.is_verification());
}

#[test]
fn a_tampered_body_or_a_wrong_key_fails_the_signature() {
    let config = switching_config();
    let v = config.verifier();
    let ts = NOW.to_string();
    let sig = platform_signed(&ts);
    let tampered = br#"{"code_url":"weixin://wxpay/bizpayurl?pr=EVIL"}"#;
    let err = verify(v, &ts, &sig, PLATFORM_SERIAL, tampered, NOW).unwrap_err();
    assert!(matches!(&err, Error::BadSignature { serial } if serial == PLATFORM_SERIAL));
    // A trailing newline is a change too.
    let mut with_newline = BODY.to_vec();
    with_newline.push(b'\n');
    assert!(verify(v, &ts, &sig, PLATFORM_SERIAL, &with_newline, NOW).is_err());
    // Signed by the platform key, but announced as the public key.
    let err = verify(v, &ts, &sig, PUBLIC_KEY_ID, BODY, NOW).unwrap_err();
    assert!(matches!(err, Error::BadSignature { .. }));
    // Another timestamp than the signed one (still within 5 minutes).
    let other_ts = (NOW + 1).to_string();
    assert!(matches!(
        verify(v, &other_ts, &sig, PLATFORM_SERIAL, BODY, NOW),
        Err(Error::BadSignature { .. })
    ));
    // Not base64, or empty after decoding.
    for bad in ["!!!!", "AAAA"] {
        assert!(matches!(
            verify(v, &ts, bad, PLATFORM_SERIAL, BODY, NOW),
            Err(Error::BadSignature { .. })
        ));
    }
}

#[test]
fn missing_or_malformed_headers_are_named() {
    let full = [
        ("Wechatpay-Timestamp", "1722850421"),
        ("Wechatpay-Nonce", "n"),
        ("Wechatpay-Signature", "c2ln"),
        ("Wechatpay-Serial", PLATFORM_SERIAL),
    ];
    for skip in 0..full.len() {
        let pairs: Vec<_> = full
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != skip)
            .map(|(_, p)| *p)
            .collect();
        let map = headers(&pairs);
        match SignatureHeaders::from_header_map(&map) {
            Err(Error::MissingHeader { name }) => assert_eq!(name, full[skip].0),
            other => panic!("{other:?}"),
        }
    }
    let map = headers(&[("Wechatpay-Serial", "  ")]);
    assert!(matches!(
        SignatureHeaders::from_header_map(&map),
        Err(Error::MissingHeader {
            name: "Wechatpay-Serial"
        })
    ));

    let config = switching_config();
    assert!(matches!(
        verify(
            config.verifier(),
            "yesterday",
            "c2ln",
            PLATFORM_SERIAL,
            BODY,
            NOW
        ),
        Err(Error::InvalidHeader {
            name: "Wechatpay-Timestamp",
            ..
        })
    ));

    let mut map = headers(&full);
    map.insert(
        "Wechatpay-Signature-Type",
        "WECHATPAY2-SM2-WITH-SM3".parse().unwrap(),
    );
    let h = SignatureHeaders::from_header_map(&map).unwrap();
    assert!(matches!(
        config.verifier().verify_at(&h, BODY, NOW),
        Err(Error::UnsupportedSignatureType { .. })
    ));
}

#[test]
fn mixed_signatures_during_a_switch_are_both_accepted() {
    let config = switching_config();
    let ts = NOW.to_string();
    for (key, serial) in [
        ("platform_key.pem", PLATFORM_SERIAL),
        ("pubkey_key.pem", PUBLIC_KEY_ID),
    ] {
        let sig = sign(key, &ts, "d824f2e086d3c1df967785d13fcd22ef", BODY);
        let by = verify(config.verifier(), &ts, &sig, serial, BODY, NOW).unwrap();
        assert_eq!(by.serial(), serial);
    }
}

#[test]
fn an_empty_body_is_signed_as_an_empty_line() {
    let config = switching_config();
    let ts = NOW.to_string();
    let sig = sign("platform_key.pem", &ts, "n0", b"");
    let map = headers(&[
        ("Wechatpay-Timestamp", ts.as_str()),
        ("Wechatpay-Nonce", "n0"),
        ("Wechatpay-Signature", sig.as_str()),
        ("Wechatpay-Serial", PLATFORM_SERIAL),
    ]);
    let h = SignatureHeaders::from_header_map(&map).unwrap();
    config.verifier().verify_at(&h, b"", NOW).unwrap();
}

#[test]
fn the_encryptor_prefers_the_public_key_then_the_latest_certificate() {
    let config = switching_config();
    assert_eq!(
        config.verifier().encryptor().unwrap().serial(),
        PUBLIC_KEY_ID
    );

    let certs_only = merchant()
        .platform_certificate_pem(read("platform_cert.pem"))
        .build()
        .unwrap();
    assert_eq!(
        certs_only.verifier().encryptor().unwrap().serial(),
        PLATFORM_SERIAL
    );
    let fetching = merchant().fetch_platform_certificates().build().unwrap();
    assert!(matches!(
        fetching.verifier().encryptor(),
        Err(Error::NoEncryptionKey)
    ));
}
