//! Reading the fixtures and the vectors.

use std::path::PathBuf;

use wechat_pay::{MerchantConfig, MerchantConfigBuilder};

/// The test APIv3 key (32 ASCII bytes), also used by `generate.sh`.
pub const API_V3_KEY: &str = "wechatpayTestApiV3Key0123456789a";
pub const MCHID: &str = "1900000109";
pub const MERCHANT_SERIAL: &str = "3A5F1C2B4D6E7F8091A2B3C4D5E6F70812345678";
pub const PLATFORM_SERIAL: &str = "5157F09EFDC096DE15EBE81A47057A7232F1B8E1";
pub const PLATFORM2_SERIAL: &str = "E2B1A3C4D5E6F7081920A1B2C3D4E5F607182930";
pub const PUBLIC_KEY_ID: &str = "PUB_KEY_ID_0114232134912410000000000000";

pub fn path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

pub fn read(name: &str) -> Vec<u8> {
    std::fs::read(path(name)).unwrap_or_else(|e| panic!("fixture {name}: {e}"))
}

pub fn read_str(name: &str) -> String {
    String::from_utf8(read(name)).unwrap()
}

/// The first line after the `== TITLE…` line of `vectors.txt` whose title starts with `title`.
pub fn vector(title: &str) -> String {
    let text = read_str("vectors.txt");
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        if line
            .strip_prefix("== ")
            .is_some_and(|t| t.starts_with(title))
        {
            return lines.next().expect("a value after the title").to_owned();
        }
    }
    panic!("no vector titled {title:?} in vectors.txt")
}

/// The builder with the merchant's settings and the APIv3 key, but no verification key.
pub fn merchant() -> MerchantConfigBuilder {
    MerchantConfig::builder()
        .mchid(MCHID)
        .merchant_private_key_pem(read("merchant_key.pem"))
        .merchant_certificate_pem(read("merchant_cert.pem"))
        .api_v3_key(API_V3_KEY)
}

/// Both kinds of verification key: a switch in progress.
pub fn switching_config() -> MerchantConfig {
    merchant()
        .platform_certificate_pem(read("platform_cert.pem"))
        .wechatpay_public_key_pem(PUBLIC_KEY_ID, read("pubkey.pem"))
        .build()
        .unwrap()
}

/// Headers from pairs.
pub fn headers(pairs: &[(&'static str, &str)]) -> http::HeaderMap {
    let mut map = http::HeaderMap::new();
    for (name, value) in pairs {
        map.insert(*name, value.parse().unwrap());
    }
    map
}
