//! The `pay_notification` fuzz target's logic (`wechat-runtime/fuzz/src/pay_notification.rs`)
//! on stable: its seeds, a deterministic pseudo-random corpus, and mutations of real
//! notifications. Nothing may panic, and the target's invariants must hold.

#[path = "../../../../wechat-runtime/fuzz/src/pay_notification.rs"]
mod target;

use self::target::{envelope, pay_notification, TRANSACTION};
use super::{api_v3_key, REFUND, TRANSFER_BILL};

/// xorshift64*: a fixed corpus, the same on every run.
struct Corpus(u64);

impl Corpus {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn bytes(&mut self, max: u64) -> Vec<u8> {
        let len = (self.next() % max) as usize;
        (0..len).map(|_| self.next() as u8).collect()
    }
}

fn with(selector: u8, rest: &[u8]) -> Vec<u8> {
    let mut input = vec![selector];
    input.extend_from_slice(rest);
    input
}

#[test]
fn seeds() {
    let refund = REFUND.replace("STATUS", "SUCCESS");
    let body = envelope(
        &api_v3_key(),
        "TRANSACTION.SUCCESS",
        "transaction",
        TRANSACTION.as_bytes(),
    );
    let plaintexts: [&[u8]; 8] = [
        b"",
        b"{}",
        b"null",
        b"[1,2,3]",
        TRANSACTION.as_bytes(),
        refund.as_bytes(),
        TRANSFER_BILL.as_bytes(),
        b"{\"trade_state\": {\"a\": [1e999999, \"\\ud800\"]}}",
    ];
    for selector in 0..7u8 {
        pay_notification(&[selector]);
        pay_notification(&with(selector, body.as_bytes()));
        for plaintext in plaintexts {
            pay_notification(&with(selector, plaintext));
            // Mode 3: each event type, signed either way.
            for kind in [0u8, 1, 2, 3, 4, 5, 0x80, 0x84, 0x85] {
                let mut rest = vec![kind];
                rest.extend_from_slice(plaintext);
                pay_notification(&with(selector, &rest));
            }
        }
    }
    // Mode 6: each header replaced by junk, by nothing, by a probe, by a stale time.
    for which in 0..5u8 {
        for value in [
            &b""[..],
            b" ",
            b"0",
            b"WECHATPAY/SIGNTEST/x",
            b"PUB_KEY_ID_1",
            b"\xff\x00",
            b"1000",
        ] {
            let mut rest = vec![which];
            rest.extend_from_slice(value);
            pay_notification(&with(6, &rest));
        }
    }
}

#[test]
fn pseudo_random_corpus() {
    let mut corpus = Corpus(0x9E37_79B9_7F4A_7C15);
    for _ in 0..300 {
        let selector = corpus.next() as u8;
        let rest = corpus.bytes(200);
        pay_notification(&with(selector, &rest));
    }
}

/// Modes 4 and 5 with one flipped bit at each of many positions of a real notification.
#[test]
fn single_bit_flips() {
    let mut corpus = Corpus(42);
    let len = envelope(
        &api_v3_key(),
        "TRANSACTION.SUCCESS",
        "transaction",
        TRANSACTION.as_bytes(),
    )
    .len();
    for _ in 0..60 {
        let at = (corpus.next() as usize) % len;
        let mut rest = vec![0u8; at + 1];
        rest[at] = 1 << (corpus.next() % 8);
        pay_notification(&with(4, &rest));
        pay_notification(&with(5, &rest));
    }
}
