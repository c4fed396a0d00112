//! Fen and the merchant's identifiers.

use wechat_pay::{Error, Fen, OutBillNo, OutRefundNo, OutTradeNo};

#[test]
fn out_trade_no_lengths_and_characters() {
    assert!(OutTradeNo::new("12345").is_err());
    assert!(OutTradeNo::new("123456").is_ok());
    assert!(OutTradeNo::new("a".repeat(32)).is_ok());
    assert!(OutTradeNo::new("a".repeat(33)).is_err());
    assert!(OutTradeNo::new("Ab_-|*09").is_ok());
    for bad in [
        "order@123",
        "order 123",
        "order#123",
        "订单123456",
        "order.123",
    ] {
        match OutTradeNo::new(bad) {
            Err(Error::InvalidId { kind, value, .. }) => {
                assert_eq!(kind, "out_trade_no");
                assert_eq!(value, bad);
            }
            other => panic!("{bad}: {other:?}"),
        }
    }
}

#[test]
fn out_refund_no_lengths_and_characters() {
    assert!(OutRefundNo::new("").is_err());
    assert!(OutRefundNo::new("R").is_ok());
    assert!(OutRefundNo::new("R".repeat(64)).is_ok());
    assert!(OutRefundNo::new("R".repeat(65)).is_err());
    assert!(OutRefundNo::new("R_-|*@1").is_ok());
    assert!(OutRefundNo::new("R+1").is_err());
}

#[test]
fn out_bill_no_is_letters_and_digits() {
    assert!(OutBillNo::new("plfk2020042013").is_ok());
    assert!(OutBillNo::new("x".repeat(32)).is_ok());
    assert!(OutBillNo::new("x".repeat(33)).is_err());
    assert!(OutBillNo::new("").is_err());
    for bad in ["plfk_2020", "plfk-2020", "plfk*2020", "plfk 2020"] {
        assert!(OutBillNo::new(bad).is_err(), "{bad}");
    }
}

#[test]
fn identifiers_check_when_deserialized() {
    #[derive(serde::Deserialize)]
    #[allow(dead_code)]
    struct Refund {
        out_trade_no: OutTradeNo,
        out_refund_no: OutRefundNo,
    }
    assert!(
        serde_json::from_str::<Refund>(r#"{"out_trade_no":"T1234567","out_refund_no":"R1"}"#)
            .is_ok()
    );
    assert!(
        serde_json::from_str::<Refund>(r#"{"out_trade_no":"T1","out_refund_no":"R1"}"#).is_err()
    );
}

#[test]
fn fen_reads_and_writes_yuan_exactly() {
    for (s, fen) in [
        ("0", 0),
        ("0.01", 1),
        ("0.1", 10),
        ("1", 100),
        ("12.34", 1234),
        ("99999999.99", 9_999_999_999),
    ] {
        assert_eq!(Fen::from_yuan_str(s).unwrap(), Fen::new(fen), "{s}");
    }
    for bad in ["", ".5", "1.", "1.234", "-1", "+1", "1,00", "1e3", "１"] {
        assert!(Fen::from_yuan_str(bad).is_err(), "{bad:?}");
    }
    assert!(Fen::from_yuan_str("999999999999999999999").is_err());
    assert_eq!(Fen::new(100_001).to_yuan_string(), "1000.01");
    assert_eq!(Fen::new(1234).to_string(), "1234 fen");
    assert_eq!(serde_json::from_str::<Fen>("88").unwrap(), Fen::new(88));
    assert!(serde_json::from_str::<Fen>("-1").is_err());
    assert!(serde_json::from_str::<Fen>("1.5").is_err());
}
