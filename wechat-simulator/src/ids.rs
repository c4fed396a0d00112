//! Stable identifiers derived from others, so a given user always gets the same ones.

/// A stable 64-bit hash (FNV-1a).
pub(crate) fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The unionid of `openid` of `appid`, the same `/cgi-bin/user/info` answers.
pub(crate) fn unionid(appid: &str, openid: &str) -> String {
    let hash = fnv1a(&format!("{appid}/{openid}"));
    format!("o6_bmjrPTlm6_{:016x}", hash.rotate_left(17))
}
