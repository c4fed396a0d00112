//! What the tests share: the known-answer vectors and the helpers that sign and wrap them.
//!
//! The vectors were computed with coreutils and the openssl command line, not with this crate:
//!
//! The signature (sha1 over the sorted parts, concatenated):
//!   printf '%s\n' wechat-rs-token 1409304348 xxxxxx | LC_ALL=C sort | tr -d '\n' | sha1sum
//!   -> aa6a8306429bdd7a9660d233b01020a0c509b2aa
//!
//! The key (the EncodingAESKey with '=' appended, base64-decoded; its last character carries
//! non-zero unused bits, as real keys do):
//!   printf '%s=' abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG | base64 -d | xxd -p -c 64
//!   -> 69b71d79f8218a39259a7a29aabb2dbafc31cb3d35db7e39ebbf3d0010831051
//!
//! The ciphertexts, with this script (enc.sh KEYHEX RANDOM16 MESSAGE APPID): the plaintext is
//! built with printf (16 random bytes | 4-byte big-endian length | message | appid), padded by
//! hand with PKCS#7 to a multiple of 32, and encrypted with openssl without its own padding:
//!
//!   keyhex=$1; random=$2; msg=$3; appid=$4; ivhex=${keyhex:0:32}
//!   len=$(printf '%s' "$msg" | wc -c)
//!   { printf '%s' "$random"
//!     printf "\\x$(printf %02x $(( (len>>24)&255 )))\\x$(printf %02x $(( (len>>16)&255 )))\\x$(printf %02x $(( (len>>8)&255 )))\\x$(printf %02x $(( len&255 )))"
//!     printf '%s' "$msg"; printf '%s' "$appid"; } > plain.bin
//!   total=$(wc -c < plain.bin); pad=$(( 32 - total % 32 ))
//!   for _ in $(seq 1 $pad); do printf "\\x$(printf %02x $pad)"; done >> plain.bin
//!   openssl enc -aes-256-cbc -K "$keyhex" -iv "$ivhex" -nopad -in plain.bin | base64 -w0
//!
//! The msg_signature of a ciphertext:
//!   printf '%s\n' wechat-rs-token 1409304348 xxxxxx "$ENC" | LC_ALL=C sort | tr -d '\n' | sha1sum

use wechat_runtime::callback::{msg_signature, CallbackQuery, Endpoint, Incoming, MessageCrypt};
use wechat_runtime::Error;

pub const TOKEN: &str = "wechat-rs-token";
pub const TIMESTAMP: &str = "1409304348";
pub const NONCE: &str = "xxxxxx";
pub const KEY: &str = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
pub const APPID: &str = "wx0123456789abcdef";
pub const RANDOM: [u8; 16] = *b"0123456789abcdef";

/// sha1sum of "1409304348" "wechat-rs-token" "xxxxxx", sorted (see above).
pub const SIGNATURE: &str = "aa6a8306429bdd7a9660d233b01020a0c509b2aa";

pub const TEXT_MESSAGE: &str = "<xml><ToUserName><![CDATA[gh_7f083739789a]]></ToUserName><FromUserName><![CDATA[oia2TjuEGTNoeX76QEjQNrcURxG8]]></FromUserName><CreateTime>1407743423</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[hello, wechat-rs]]></Content><MsgId>6046447361451147292</MsgId></xml>";

/// enc.sh 69b71d…1051 0123456789abcdef "$TEXT_MESSAGE" wx0123456789abcdef (352 plaintext
/// bytes, 31 of padding).
pub const TEXT_ENCRYPT: &str = "Q3stYC6hdFzMh9T8HCvyDPFXyzlPwyuO4dSoYdHcNY5bRm8KYviewnZNxu9mfHsI4MFPusXyBdvhctTpQWv0rOFgl0Ni0GJ2goYo3QhK7URZyVfTkyMBCVU96owfI9fP7nVvGlx0t7SiHrXpvCKJnVhyu49TdSXIyTbROvXG/pw+m8xQDJ2ctefv4WpSYb8f4vlWjDdzkDiGLM3FwiT9bINDGF0Ng0K9i4he1qZaK16JjjDw5C9tymQSCt2L84+20VSqFFrqOxqpwHl7ipx3eK+rl+jiJVmIszdSjpEkpM7Z3L+fdYH6MjM5cVFiaP3TbGCtcC3BZlSo0HHmY1ReZKbdeHi/Rdjjd/b1G9Xk0Y5fmfg7wMr3LoC0O3qlllqgU2Asu+0ShLKG5WMUn2SDkW3kL85MJSM8BFmRVWa+/t8Wb1quhDFBERlqeT/F59HQDCMa5FfWzguOcqJIG0tKWQ==";

/// msg_signature over TOKEN, TIMESTAMP, NONCE and TEXT_ENCRYPT (sha1sum, see above).
pub const TEXT_MSG_SIGNATURE: &str = "70bb597cba34eeb772c4f8ca3ca655dd5541f9a9";

/// enc.sh 69b71d…1051 0123456789abcdef 'wechat-rs full block test!' wx0123456789abcdef:
/// 16 + 4 + 26 + 18 = 64 bytes, so a whole block of padding (32 bytes of 0x20).
pub const FULL_BLOCK_MESSAGE: &str = "wechat-rs full block test!";
pub const FULL_BLOCK_ENCRYPT: &str = "Q3stYC6hdFzMh9T8HCvyDHzm88cO7p8qcjqT9golxWne8FPxklkCivD6Daw+UVpLy2t8ZWR/0Asi6JlT5Kwodo3alPDlO+d/z1ivC5YPyPiQGHcGxFJ4m9FtqMHs+0kN";

/// enc.sh 69b71d…1051 fedcba9876543210 '5927782489442352469' wx0123456789abcdef
pub const ECHOSTR_PLAIN: &str = "5927782489442352469";
pub const ECHOSTR_ENCRYPT: &str =
    "DpQeJfnf/MGZ/+GTIspwVJMQOi25640VP4Q0uvxnEpJNIcaTluzfhaEOJFb/dBXrJvfiXBK1vOxuGkpAzwh1Ug==";
/// msg_signature over TOKEN, TIMESTAMP, NONCE and ECHOSTR_ENCRYPT (sha1sum, see above).
pub const ECHOSTR_MSG_SIGNATURE: &str = "6aa8b0e91391165dbd0d6ec7336f8f74db4444ae";

pub fn crypt() -> MessageCrypt {
    MessageCrypt::new(TOKEN, KEY, APPID).unwrap()
}

pub fn safe_endpoint() -> Endpoint {
    Endpoint::safe(TOKEN, KEY, APPID).unwrap()
}

pub fn encrypted_body(encrypt: &str) -> String {
    format!("<xml><ToUserName><![CDATA[gh_7f083739789a]]></ToUserName><Encrypt><![CDATA[{encrypt}]]></Encrypt></xml>")
}

pub fn safe_query(msg_signature: &str) -> CallbackQuery {
    CallbackQuery::parse(&format!(
        "signature={SIGNATURE}&timestamp={TIMESTAMP}&nonce={NONCE}&openid=oia2TjuEGTNoeX76QEjQNrcURxG8&encrypt_type=aes&msg_signature={msg_signature}"
    ))
}

/// Receives `encrypt` signed correctly, so only its content can be wrong.
pub fn receive_signed(endpoint: &Endpoint, encrypt: &str) -> Result<Incoming, Error> {
    let sig = msg_signature(TOKEN, TIMESTAMP, NONCE, encrypt);
    endpoint
        .receive(&safe_query(&sig), encrypted_body(encrypt).as_bytes())
        .map(|r| r.incoming)
}
