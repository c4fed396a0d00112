//! WeChat Pay's test merchant: wechat-pay's fixtures (throwaway keys) and its settings.

use wechat_runtime::pay::{MerchantConfig, MerchantConfigBuilder};

/// The test merchant's id.
pub const MCHID: &str = "1900000109";
/// The test APIv3 key (32 ASCII bytes), also used by wechat-pay's `generate.sh`.
pub const API_V3_KEY: &str = "wechatpayTestApiV3Key0123456789a";

/// A file of wechat-pay's test fixtures.
pub fn fixture(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/../wechat-pay/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("fixture {path}: {e}"))
}

/// [`fixture`] as text (the PEM files).
pub fn fixture_str(name: &str) -> String {
    String::from_utf8(fixture(name)).expect("a text fixture")
}

/// The test merchant's configuration, without a verification key yet.
pub fn merchant() -> MerchantConfigBuilder {
    MerchantConfig::builder()
        .mchid(MCHID)
        .merchant_private_key_pem(fixture("merchant_key.pem"))
        .merchant_certificate_pem(fixture("merchant_cert.pem"))
        .api_v3_key(API_V3_KEY)
}
