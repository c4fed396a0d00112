//! The fuzz target's logic (`wechat-runtime/fuzz/src/lib.rs`) on stable: over seeds, a deterministic
//! pseudo-random corpus, and proptest's inputs. Nothing may panic.

/// The fuzz crate's library, the one the cargo-fuzz target calls.
#[path = "../../../wechat-runtime/fuzz/src/lib.rs"]
mod target;

use self::target::decrypt_and_parse;
use proptest::prelude::*;

/// xorshift64*: a fixed corpus, the same on every run.
struct Corpus(u64);

impl Corpus {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn input(&mut self) -> Vec<u8> {
        let len = (self.next() % 300) as usize;
        (0..len).map(|_| self.next() as u8).collect()
    }
}

#[test]
fn seeds() {
    let text = "<xml><ToUserName>a</ToUserName><FromUserName>b</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType><Content>x</Content></xml>";
    let json = r#"{"ToUserName": "a", "FromUserName": "b", "CreateTime": 1, "MsgType": "event", "Event": "xpay_goods_deliver_notify", "GoodsInfo": {"Quantity": [1, {"x": null}]}}"#;
    let wecom = "<xml><ToUserName>ww1</ToUserName><FromUserName>sys</FromUserName><CreateTime>1</CreateTime><MsgType>event</MsgType><Event>change_contact</Event><ChangeType>update_user</ChangeType><UserID>zhangsan</UserID></xml>";
    for selector in 0..9u8 {
        decrypt_and_parse(&[selector]);
        for rest in [
            &b""[..],
            text.as_bytes(),
            json.as_bytes(),
            wecom.as_bytes(),
            b"<!DOCTYPE x [<!ENTITY e \"e\">]><xml>&e;</xml>",
            b"Q3stYC6hdFzMh9T8HCvyDHzm88cO7p8qcjqT9golxWne8FPxklkCivD6Daw+UVpLy2t8ZWR/0Asi6JlT5Kwodo3alPDlO+d/z1ivC5YPyPiQGHcGxFJ4m9FtqMHs+0kN",
            &[0xff; 64],
            &[0x20; 32],
        ] {
            let mut input = vec![selector];
            input.extend_from_slice(rest);
            decrypt_and_parse(&input);
        }
    }
}

#[test]
fn pseudo_random_corpus() {
    let mut corpus = Corpus(0x9E37_79B9_7F4A_7C15);
    for _ in 0..3000 {
        decrypt_and_parse(&corpus.input());
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_inputs(data in proptest::collection::vec(any::<u8>(), 0..400)) {
        decrypt_and_parse(&data);
    }
}
