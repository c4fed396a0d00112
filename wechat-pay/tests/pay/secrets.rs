//! No key, APIv3 key or signature appears in `Debug` or `Display`.

use wechat_pay::{ApiV3Key, Error, MerchantConfig, SigningKey};

use crate::fixtures::*;

/// A few lines of each secret, which would show up if the secret were printed.
fn secret_fragments() -> Vec<String> {
    let mut out = vec![API_V3_KEY.to_owned()];
    for file in [
        "merchant_key.pem",
        "merchant_key_pkcs1.pem",
        "platform_key.pem",
    ] {
        let pem = read_str(file);
        out.extend(pem.lines().skip(1).take(3).map(str::to_owned));
    }
    out
}

fn assert_clean(what: &str, text: &str) {
    for fragment in secret_fragments() {
        assert!(!text.contains(&fragment), "{what} shows a secret: {text}");
    }
    assert!(!text.contains("PRIVATE KEY"), "{what}: {text}");
}

#[test]
fn configuration_and_keys_hide_their_secrets() {
    let builder = merchant()
        .platform_certificate_pem(read("platform_cert.pem"))
        .wechatpay_public_key_pem(PUBLIC_KEY_ID, read("pubkey.pem"));
    assert_clean("builder", &format!("{builder:?}"));
    let config = builder.build().unwrap();
    let debug = format!("{config:?}");
    assert_clean("config", &debug);
    assert!(
        debug.contains(MCHID) && debug.contains(MERCHANT_SERIAL) && debug.contains(PUBLIC_KEY_ID)
    );
    assert_clean("signer", &format!("{:?}", config.signer()));
    assert_clean("api v3 key", &format!("{:?}", config.api_v3_key()));
    assert_clean("verifier", &format!("{:?}", config.verifier()));
    assert_clean(
        "signing key",
        &format!(
            "{:?}",
            SigningKey::from_pem(read("merchant_key.pem")).unwrap()
        ),
    );
}

#[test]
fn signatures_stay_out_of_debug() {
    let config = switching_config();
    let header = config
        .signer()
        .authorization("GET", "/v3/certificates", b"")
        .unwrap();
    let auth = wechat_pay::Authorization::parse(&header).unwrap();
    assert!(!format!("{auth:?}").contains(&auth.signature));
    let jsapi = config
        .signer()
        .jsapi_params("wx8888888888888888", "wx2014")
        .unwrap();
    assert!(!format!("{jsapi:?}").contains(&jsapi.pay_sign));
    let app = config
        .signer()
        .app_params("wx8888888888888888", "wx2014")
        .unwrap();
    assert!(!format!("{app:?}").contains(&app.sign));
    let map = headers(&[
        ("Wechatpay-Timestamp", "1"),
        ("Wechatpay-Nonce", "n"),
        ("Wechatpay-Signature", "U0VDUkVUU0lHTkFUVVJF"),
        ("Wechatpay-Serial", PLATFORM_SERIAL),
    ]);
    let h = wechat_pay::SignatureHeaders::from_header_map(&map).unwrap();
    assert!(!format!("{h:?}").contains("U0VDUkVUU0lHTkFUVVJF"));
    let err = config.verifier().verify_at(&h, b"{}", 1).unwrap_err();
    assert!(!format!("{err} {err:?}").contains("U0VDUkVUU0lHTkFUVVJF"));
}

#[test]
fn errors_never_carry_the_input_secret() {
    let err = ApiV3Key::new(format!("{API_V3_KEY}\n")).unwrap_err();
    assert_clean("api v3 key error", &format!("{err} {err:?}"));

    // A private key with one base64 character broken: the error names the input, not its bytes.
    let mut pem = read_str("merchant_key.pem");
    let at = pem.find('\n').unwrap() + 5;
    pem.replace_range(at..at + 1, "*");
    let err = SigningKey::from_pem(&pem).unwrap_err();
    assert_clean("pem error", &format!("{err} {err:?}"));

    let err = MerchantConfig::builder()
        .mchid(MCHID)
        .merchant_private_key_pem(read("other_key.pem"))
        .merchant_certificate_pem(read("merchant_cert.pem"))
        .api_v3_key(API_V3_KEY)
        .build()
        .unwrap_err();
    assert!(matches!(err, Error::KeyMismatch));
    assert_clean("mismatch error", &format!("{err} {err:?}"));
}

#[test]
fn api_errors_show_code_message_and_request_id() {
    let api = wechat_pay::ApiError::from_response(
        400,
        Some("08F5B8C2B506102C18FDDFEEA30620BE821E28EDC405-0"),
        br#"{"code":"PARAM_ERROR","message":"invalid out_trade_no","detail":{"field":"/out_trade_no","location":"body"}}"#,
    );
    let err = Error::from(api);
    assert_eq!(err.code(), Some("PARAM_ERROR"));
    assert_eq!(
        err.request_id(),
        Some("08F5B8C2B506102C18FDDFEEA30620BE821E28EDC405-0")
    );
    let text = err.to_string();
    assert!(
        text.contains("(HTTP 400) PARAM_ERROR: invalid out_trade_no"),
        "{text}"
    );
    assert!(
        text.contains("[Request-ID 08F5B8C2B506102C18FDDFEEA30620BE821E28EDC405-0]"),
        "{text}"
    );
    assert!(text.contains("/out_trade_no"), "{text}");
}
