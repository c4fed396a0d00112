//! WeChat Pay numbers in a path: checked, or percent-escaped.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

use crate::error::{Error, Result};

/// Everything but the unreserved characters (letters, digits, `-`, `.`, `_`, `~`).
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Percent-escapes what a checked merchant number may hold beside letters, digits, `_` and `-`
/// (`|`, `*`, `@`), for a path segment.
pub(crate) fn escape(value: &str) -> String {
    utf8_percent_encode(value, SEGMENT).to_string()
}

/// Checks that a WeChat Pay number given as a `&str` can go in a path: not empty, nothing but
/// ASCII letters, digits, `_` and `-`.
pub(crate) fn segment<'a>(what: &str, value: &'a str) -> Result<&'a str> {
    if value.is_empty()
        || !value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
    {
        return Err(Error::invalid_input(format!(
            "`{what}` must be digits and letters, got `{value}`"
        )));
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merchant_numbers_in_a_path() {
        assert_eq!(escape("T2024|0001*x@y"), "T2024%7C0001%2Ax%40y");
        assert_eq!(escape("T2024_00-01"), "T2024_00-01");
        assert!(segment("transaction_id", "4200000991202103266853086457").is_ok());
        for bad in ["", "42/../x", "42?x=1", "42 0"] {
            assert!(segment("transaction_id", bad).is_err(), "{bad}");
        }
    }
}
