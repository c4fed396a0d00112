//! Known answers computed independently of this crate (see `tests/fixtures/generate.sh`):
//! signatures by `openssl dgst -sha256 -sign KEY | openssl base64 -A`, serials and dates by
//! `openssl x509 -noout -serial -dates`, AES-256-GCM by OpenSSL's EVP interface (`gcm_seal.c`)
//! and by the GCM specification's own test case.

use base64::Engine as _;
use wechat_pay::{ApiV3Key, Authorization, Certificate, SignatureHeaders, Signer, SigningKey};

use crate::fixtures::*;

fn signer(key_file: &str) -> Signer {
    Signer::new(
        MCHID,
        MERCHANT_SERIAL,
        SigningKey::from_pem(read(key_file)).unwrap(),
    )
}

// printf 'GET\n/v3/certificates\n1554208460\n593BEC0C930BF1AFEB40B4A08C8FB242\n\n' \
//   | openssl dgst -sha256 -sign merchant_key.pem | openssl base64 -A
#[test]
fn request_signature_matches_openssl() {
    let expected = vector("request GET /v3/certificates");
    for key in ["merchant_key.pem", "merchant_key_pkcs1.pem"] {
        let header = signer(key)
            .authorization_at(
                "GET",
                "/v3/certificates",
                b"",
                1554208460,
                "593BEC0C930BF1AFEB40B4A08C8FB242",
            )
            .unwrap();
        assert_eq!(
            header,
            format!(
                "WECHATPAY2-SHA256-RSA2048 mchid=\"{MCHID}\",nonce_str=\"593BEC0C930BF1AFEB40B4A08C8FB242\",\
                 timestamp=\"1554208460\",serial_no=\"{MERCHANT_SERIAL}\",signature=\"{expected}\""
            ),
            "with {key}"
        );
    }
}

// printf 'POST\n/v3/refund/domestic/refunds?a=1&b=2\n1700000000\nNONCE0123456789\n{"out_refund_no":"R1217752501"}\n' \
//   | openssl dgst -sha256 -sign merchant_key.pem | openssl base64 -A
#[test]
fn request_signature_covers_query_and_body() {
    let header = signer("merchant_key.pem")
        .authorization_at(
            "post",
            "https://api.mch.weixin.qq.com/v3/refund/domestic/refunds?a=1&b=2",
            br#"{"out_refund_no":"R1217752501"}"#,
            1700000000,
            "NONCE0123456789",
        )
        .unwrap();
    let parsed = Authorization::parse(&header).unwrap();
    assert_eq!(parsed.signature, vector("request POST with query and body"));
}

// printf 'wx8888888888888888\n1414561699\n5K8264ILTKCH16CQ2502SI8ZNMTM67VS\nprepay_id=wx201410272009395522657a690389285100\n' \
//   | openssl dgst -sha256 -sign merchant_key.pem | openssl base64 -A
#[test]
fn jsapi_pay_sign_matches_openssl() {
    let params = signer("merchant_key.pem")
        .jsapi_params_at(
            "wx8888888888888888",
            "wx201410272009395522657a690389285100",
            1414561699,
            "5K8264ILTKCH16CQ2502SI8ZNMTM67VS",
        )
        .unwrap();
    assert_eq!(params.pay_sign, vector("JSAPI paySign"));
    let json = serde_json::to_value(&params).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "appId": "wx8888888888888888",
            "timeStamp": "1414561699",
            "nonceStr": "5K8264ILTKCH16CQ2502SI8ZNMTM67VS",
            "package": "prepay_id=wx201410272009395522657a690389285100",
            "signType": "RSA",
            "paySign": vector("JSAPI paySign"),
        })
    );
}

// printf 'wx8888888888888888\n1414561699\n5K8264ILTKCH16CQ2502SI8ZNMTM67VS\nWX1217752501201407033233368018\n' \
//   | openssl dgst -sha256 -sign merchant_key.pem | openssl base64 -A
#[test]
fn app_sign_matches_openssl() {
    let params = signer("merchant_key.pem")
        .app_params_at(
            "wx8888888888888888",
            "WX1217752501201407033233368018",
            1414561699,
            "5K8264ILTKCH16CQ2502SI8ZNMTM67VS",
        )
        .unwrap();
    assert_eq!(params.sign, vector("App sign"));
    assert_eq!(params.partnerid, MCHID);
    assert_eq!(params.package, "Sign=WXPay");
}

// The answer of WeChat Pay's signature-verification guide, re-signed with the test keys:
// printf '1722850421\nd824f2e086d3c1df967785d13fcd22ef\n{"code_url":"weixin://wxpay/bizpayurl?pr=JyC91EIz1"}\n' \
//   | openssl dgst -sha256 -sign platform_key.pem | openssl base64 -A   (and pubkey_key.pem)
#[test]
fn answers_signed_by_openssl_verify_with_either_key() {
    let config = switching_config();
    let body = br#"{"code_url":"weixin://wxpay/bizpayurl?pr=JyC91EIz1"}"#;
    for (serial, title) in [
        (PLATFORM_SERIAL, "answer signed by the platform"),
        (
            PUBLIC_KEY_ID,
            "the same answer signed by the WeChat Pay public key",
        ),
    ] {
        let signature = vector(title);
        let map = headers(&[
            ("wechatpay-timestamp", "1722850421"),
            ("wechatpay-nonce", "d824f2e086d3c1df967785d13fcd22ef"),
            ("wechatpay-signature", &signature),
            ("wechatpay-serial", serial),
            ("wechatpay-signature-type", "WECHATPAY2-SHA256-RSA2048"),
            (
                "request-id",
                "08F5B8C2B506102C18FDDFEEA30620BE821E28EDC405-0",
            ),
        ]);
        let h = SignatureHeaders::from_header_map(&map).unwrap();
        assert_eq!(
            h.request_id,
            Some("08F5B8C2B506102C18FDDFEEA30620BE821E28EDC405-0")
        );
        let by = config
            .verifier()
            .verify_at(&h, body, 1722850421 + 60)
            .unwrap();
        assert_eq!(by.serial(), serial);
    }
}

// openssl x509 -in FILE -noout -serial -dates
#[test]
fn certificate_serials_and_dates_match_openssl() {
    let serials = read_str("vectors.txt");
    for (file, serial) in [
        ("merchant_cert", MERCHANT_SERIAL),
        ("platform_cert", PLATFORM_SERIAL),
        ("platform2_cert", PLATFORM2_SERIAL),
        ("expired_cert", "7E57"),
    ] {
        assert!(serials.contains(&format!("{file} serial={serial} ")));
        let cert = Certificate::from_pem(read(&format!("{file}.pem"))).unwrap();
        assert_eq!(cert.serial(), serial, "{file}");
    }
    let expired = Certificate::from_pem(read("expired_cert.pem")).unwrap();
    assert_eq!(expired.not_before(), 946_684_800); // Jan  1 00:00:00 2000 GMT
    assert_eq!(expired.not_after(), 978_307_200); // Jan  1 00:00:00 2001 GMT
                                                  // The 100-year certificates end after 2049: a GeneralizedTime.
    let long = Certificate::from_pem(read("platform_cert.pem")).unwrap();
    assert!(long.not_after() > 2_524_608_000);
}

/// The GCM specification (McGrew and Viega), test case 16: AES-256, 96-bit IV, associated data.
/// `gcm_seal.c` gives the same bytes: `xxd -r -p <<< $P | gcm_seal hex:$K hex:$IV hex:$A | xxd -p`.
#[test]
fn aes_256_gcm_spec_test_case_16() {
    let hex = |s: &str| -> Vec<u8> {
        (0..s.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
            .collect()
    };
    let key = ApiV3Key::new(hex(
        "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308",
    ))
    .unwrap();
    let iv = hex("cafebabefacedbaddecaf888");
    let aad = hex("feedfacedeadbeeffeedfacedeadbeefabaddad2");
    let plaintext = hex(
        "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72\
         1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39",
    );
    let ciphertext_and_tag = hex(
        "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa\
         8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662\
         76fc6ece0f4e1768cddf8853bb2d551b",
    );
    let b64 = base64::engine::general_purpose::STANDARD.encode(&ciphertext_and_tag);
    assert_eq!(key.decrypt(&aad, &iv, &b64).unwrap(), plaintext);
    assert_eq!(key.encrypt(&aad, &iv, &plaintext).unwrap(), b64);
}

// gcm_seal wechatpayTestApiV3Key0123456789a fdasflkja484 transaction < resource.json | openssl base64 -A
#[test]
fn notification_resource_sealed_by_openssl_decrypts() {
    let key = ApiV3Key::new(API_V3_KEY).unwrap();
    let plain = key
        .decrypt(
            "transaction",
            "fdasflkja484",
            &vector("notification resource"),
        )
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&plain).unwrap();
    assert_eq!(json["trade_state"], "SUCCESS");
    assert_eq!(json["amount"]["total"], 100);
}

// The whole notification of generate.sh: signed by the platform key and by the public key's,
// over `1704081605\n5K8264ILTKCH16CQ2502SI8ZNMTM67VS\n<notification.json>\n`.
#[test]
fn notification_verifies_then_decrypts() {
    let config = switching_config();
    let body = read("notification.json");
    for (serial, title) in [
        (PLATFORM_SERIAL, "notification signed by the platform key"),
        (PUBLIC_KEY_ID, "notification signed by the public key"),
    ] {
        let signature = vector(title);
        let map = headers(&[
            ("Wechatpay-Timestamp", "1704081605"),
            ("Wechatpay-Nonce", "5K8264ILTKCH16CQ2502SI8ZNMTM67VS"),
            ("Wechatpay-Signature", &signature),
            ("Wechatpay-Serial", serial),
        ]);
        let h = SignatureHeaders::from_header_map(&map).unwrap();
        config.verifier().verify_at(&h, &body, 1704081605).unwrap();
        let notification: serde_json::Value = serde_json::from_slice(&body).unwrap();
        let resource: wechat_pay::EncryptedResource =
            serde_json::from_value(notification["resource"].clone()).unwrap();
        let plain = config.api_v3_key().decrypt_resource(&resource).unwrap();
        assert!(plain.starts_with(br#"{"mchid":"1900000109""#));
    }
}

// The `/v3/certificates` answer of generate.sh: its certificate sealed by gcm_seal, the answer
// signed by that new certificate's key. The client's flow: decrypt, add, then verify the answer.
#[test]
fn certificates_answer_decrypts_and_verifies_with_its_own_certificate() {
    let config = switching_config();
    let body = read("certificates.json");
    let certs = config.api_v3_key().decrypt_certificates(&body).unwrap();
    assert_eq!(certs.len(), 1);
    assert_eq!(certs[0].serial(), PLATFORM2_SERIAL);

    let signature = vector("/v3/certificates answer signed");
    let map = headers(&[
        ("Wechatpay-Timestamp", "1704081605"),
        ("Wechatpay-Nonce", "0F1E2D3C4B5A69788796A5B4C3D2E1F0"),
        ("Wechatpay-Signature", &signature),
        ("Wechatpay-Serial", PLATFORM2_SERIAL),
    ]);
    let h = SignatureHeaders::from_header_map(&map).unwrap();
    let err = config
        .verifier()
        .verify_at(&h, &body, 1704081605)
        .unwrap_err();
    assert!(err.is_unknown_certificate(), "{err}");
    assert_eq!(config.verifier().add_certificates(certs), 1);
    config.verifier().verify_at(&h, &body, 1704081605).unwrap();
}
