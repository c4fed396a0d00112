//! Amounts in integer fen, and the merchant's own identifiers, checked before they are sent.
//!
//! WeChat Pay's rules (the `out_*` fields of the v3 API reference):
//!
//! | type | field | length | characters |
//! |---|---|---|---|
//! | [`OutTradeNo`] | `out_trade_no` | 6–32 | `0-9 a-z A-Z _ - \| *` |
//! | [`OutRefundNo`] | `out_refund_no` | 1–64 | `0-9 a-z A-Z _ - \| * @` |
//! | [`OutBillNo`] | `out_bill_no` (merchant transfer) | 1–32 | `0-9 a-z A-Z` |

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// An amount in fen (分, 1/100 yuan), the integer unit of every WeChat Pay amount field.
/// Serialized as a bare integer.
///
/// ```
/// use wechat_pay::Fen;
/// let price = Fen::from_yuan_str("12.34")?;
/// assert_eq!(price, Fen::new(1234));
/// assert_eq!(price.to_yuan_string(), "12.34");
/// assert_eq!(serde_json::to_string(&price).unwrap(), "1234");
/// # Ok::<(), wechat_pay::Error>(())
/// ```
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Fen(u64);

impl Fen {
    /// Zero fen.
    ///
    /// ```
    /// assert_eq!(wechat_pay::Fen::ZERO.get(), 0);
    /// ```
    pub const ZERO: Fen = Fen(0);

    /// An amount of `fen` fen.
    ///
    /// ```
    /// assert_eq!(wechat_pay::Fen::new(100).get(), 100);
    /// ```
    pub const fn new(fen: u64) -> Fen {
        Fen(fen)
    }

    /// Whole yuan, or `None` on overflow.
    ///
    /// ```
    /// assert_eq!(wechat_pay::Fen::from_yuan(3), Some(wechat_pay::Fen::new(300)));
    /// assert_eq!(wechat_pay::Fen::from_yuan(u64::MAX), None);
    /// ```
    pub const fn from_yuan(yuan: u64) -> Option<Fen> {
        match yuan.checked_mul(100) {
            Some(f) => Some(Fen(f)),
            None => None,
        }
    }

    /// Reads a decimal yuan amount with at most two decimals (`"12"`, `"12.3"`, `"12.34"`),
    /// exactly, without floating point.
    ///
    /// ```
    /// use wechat_pay::Fen;
    /// assert_eq!(Fen::from_yuan_str("0.01")?, Fen::new(1));
    /// assert_eq!(Fen::from_yuan_str("12.3")?, Fen::new(1230));
    /// assert!(Fen::from_yuan_str("1.234").is_err());
    /// assert!(Fen::from_yuan_str("-1").is_err());
    /// # Ok::<(), wechat_pay::Error>(())
    /// ```
    pub fn from_yuan_str(s: &str) -> Result<Fen> {
        let invalid = |reason| Error::InvalidAmount { reason };
        let (whole, frac) = s.split_once('.').unwrap_or((s, ""));
        if whole.is_empty() || !whole.bytes().all(|b| b.is_ascii_digit()) {
            return Err(invalid("expected digits before the decimal point"));
        }
        if frac.len() > 2 || !frac.bytes().all(|b| b.is_ascii_digit()) || s.ends_with('.') {
            return Err(invalid("expected at most two decimal digits"));
        }
        let whole: u64 = whole
            .parse()
            .map_err(|_| invalid("the amount is too large"))?;
        let cents: u64 = format!("{frac:0<2}").parse().unwrap_or(0);
        whole
            .checked_mul(100)
            .and_then(|f| f.checked_add(cents))
            .map(Fen)
            .ok_or(invalid("the amount is too large"))
    }

    /// The number of fen.
    ///
    /// ```
    /// assert_eq!(wechat_pay::Fen::new(7).get(), 7);
    /// ```
    pub const fn get(self) -> u64 {
        self.0
    }

    /// The amount as yuan with two decimals, such as `12.34`.
    ///
    /// ```
    /// assert_eq!(wechat_pay::Fen::new(5).to_yuan_string(), "0.05");
    /// ```
    pub fn to_yuan_string(self) -> String {
        format!("{}.{:02}", self.0 / 100, self.0 % 100)
    }

    /// Adds, or `None` on overflow.
    ///
    /// ```
    /// use wechat_pay::Fen;
    /// assert_eq!(Fen::new(1).checked_add(Fen::new(2)), Some(Fen::new(3)));
    /// ```
    pub const fn checked_add(self, other: Fen) -> Option<Fen> {
        match self.0.checked_add(other.0) {
            Some(f) => Some(Fen(f)),
            None => None,
        }
    }

    /// Subtracts, or `None` below zero (a refund larger than what is left, for example).
    ///
    /// ```
    /// use wechat_pay::Fen;
    /// assert_eq!(Fen::new(100).checked_sub(Fen::new(30)), Some(Fen::new(70)));
    /// assert_eq!(Fen::new(1).checked_sub(Fen::new(2)), None);
    /// ```
    pub const fn checked_sub(self, other: Fen) -> Option<Fen> {
        match self.0.checked_sub(other.0) {
            Some(f) => Some(Fen(f)),
            None => None,
        }
    }
}

impl fmt::Display for Fen {
    /// Writes the amount in fen with its unit, such as `1234 fen`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} fen", self.0)
    }
}

impl From<u32> for Fen {
    fn from(fen: u32) -> Fen {
        Fen(u64::from(fen))
    }
}

impl From<Fen> for u64 {
    fn from(fen: Fen) -> u64 {
        fen.0
    }
}

/// Checks `value` against a length range and an extra character set (beside ASCII letters and
/// digits).
fn check(
    kind: &'static str,
    value: &str,
    min: usize,
    max: usize,
    extra: &[u8],
    rules: (&'static str, &'static str),
) -> Result<()> {
    let invalid = |reason| Error::InvalidId {
        kind,
        value: value.to_owned(),
        reason,
    };
    if !value
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || extra.contains(&b))
    {
        return Err(invalid(rules.0));
    }
    if value.len() < min || value.len() > max {
        return Err(invalid(rules.1));
    }
    Ok(())
}

macro_rules! merchant_id {
    (
        $(#[$doc:meta])*
        $name:ident, $field:literal, $min:literal, $max:literal, $extra:literal, $chars:literal, $lengths:literal,
        example = $example:literal, bad = $bad:literal
    ) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            #[doc = concat!("Checks `value` against WeChat Pay's rules for `", $field, "`.")]
            ///
            /// ```
            #[doc = concat!("assert!(wechat_pay::", stringify!($name), "::new(\"", $example, "\").is_ok());")]
            #[doc = concat!("assert!(wechat_pay::", stringify!($name), "::new(\"", $bad, "\").is_err());")]
            /// ```
            pub fn new(value: impl Into<String>) -> Result<$name> {
                let value = value.into();
                check($field, &value, $min, $max, $extra, ($chars, $lengths))?;
                Ok($name(value))
            }

            /// The identifier.
            ///
            /// ```
            #[doc = concat!("let id = wechat_pay::", stringify!($name), "::new(\"", $example, "\")?;")]
            #[doc = concat!("assert_eq!(id.as_str(), \"", $example, "\");")]
            /// # Ok::<(), wechat_pay::Error>(())
            /// ```
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl FromStr for $name {
            type Err = Error;
            fn from_str(s: &str) -> Result<$name> {
                $name::new(s)
            }
        }

        impl TryFrom<String> for $name {
            type Error = Error;
            fn try_from(s: String) -> Result<$name> {
                $name::new(s)
            }
        }

        impl TryFrom<&str> for $name {
            type Error = Error;
            fn try_from(s: &str) -> Result<$name> {
                $name::new(s)
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }
    };
}

merchant_id! {
    /// `out_trade_no`: the merchant's order number, 6–32 characters of `0-9 a-z A-Z _ - | *`,
    /// unique per merchant.
    ///
    /// ```
    /// let no: wechat_pay::OutTradeNo = "1217752501201407033233368018".parse()?;
    /// assert_eq!(serde_json::to_string(&no).unwrap(), "\"1217752501201407033233368018\"");
    /// assert!(serde_json::from_str::<wechat_pay::OutTradeNo>("\"abc\"").is_err());
    /// # Ok::<(), wechat_pay::Error>(())
    /// ```
    OutTradeNo, "out_trade_no", 6, 32, b"_-|*",
    "only digits, letters and _ - | * are allowed", "must be 6 to 32 characters long",
    example = "ORDER_2024-0001|*", bad = "订单0001"
}

merchant_id! {
    /// `out_refund_no`: the merchant's refund number, 1–64 characters of
    /// `0-9 a-z A-Z _ - | * @`. One number refunds once, however often it is sent.
    ///
    /// ```
    /// let no = wechat_pay::OutRefundNo::new("R1217752501@2024")?;
    /// assert_eq!(no.to_string(), "R1217752501@2024");
    /// # Ok::<(), wechat_pay::Error>(())
    /// ```
    OutRefundNo, "out_refund_no", 1, 64, b"_-|*@",
    "only digits, letters and _ - | * @ are allowed", "must be 1 to 64 characters long",
    example = "R1217752501@2024", bad = "R 1"
}

merchant_id! {
    /// `out_bill_no`: the merchant's transfer bill number (merchant transfer,
    /// `/v3/fund-app/mch-transfer/transfer-bills`), 1–32 digits and letters.
    ///
    /// ```
    /// assert!(wechat_pay::OutBillNo::new("plfk2020042013").is_ok());
    /// assert!(wechat_pay::OutBillNo::new("plfk-2020").is_err());
    /// ```
    OutBillNo, "out_bill_no", 1, 32, b"",
    "only digits and letters are allowed", "must be 1 to 32 characters long",
    example = "plfk2020042013", bad = "plfk_2020"
}
