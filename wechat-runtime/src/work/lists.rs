//! What WeCom's typed areas share: id lists written `a|b` in some answers and as arrays in
//! others, and the checks of its ids.

use std::str::FromStr;

use serde::{Deserialize, Deserializer};

use crate::error::{Error, Result};

/// Decodes an id list WeCom writes either as `"a|b"` (message answers, `invalidlist`) or as a
/// JSON array of strings or numbers (`invalidparty`, `invaliduser` of an invitation). A
/// missing field, `null` or `""` is an empty list; an id that does not parse is an error.
pub(crate) fn pipe_or_array<'de, D, T>(deserializer: D) -> std::result::Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: FromStr,
{
    use serde::de::Error as _;
    let parse = |s: &str| {
        s.trim()
            .parse::<T>()
            .map_err(|_| D::Error::custom(format!("`{s}` is not an id")))
    };
    match Option::<serde_json::Value>::deserialize(deserializer)? {
        None | Some(serde_json::Value::Null) => Ok(Vec::new()),
        Some(serde_json::Value::String(s)) => s
            .split('|')
            .filter(|part| !part.trim().is_empty())
            .map(parse)
            .collect(),
        Some(serde_json::Value::Array(items)) => items
            .iter()
            .map(|item| match item {
                serde_json::Value::String(s) => parse(s),
                serde_json::Value::Number(n) => parse(&n.to_string()),
                other => Err(D::Error::custom(format!("`{other}` is not an id"))),
            })
            .collect(),
        Some(other) => Err(D::Error::custom(format!("`{other}` is not an id list"))),
    }
}

/// Decodes a number WeCom sends as a string in some answers (`"created_at": "1380000000"`).
pub(crate) fn u64_or_string<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> std::result::Result<u64, D::Error> {
    use serde::de::Error as _;
    let text = crate::api::string_or_number(deserializer)?;
    if text.is_empty() {
        return Ok(0);
    }
    text.parse()
        .map_err(|_| D::Error::custom(format!("`{text}` is not a number")))
}

/// Joins ids with `|`, as `touser`, `toparty` and `totag` take them.
pub(crate) fn join_pipe<T: ToString>(ids: &[T]) -> Option<String> {
    if ids.is_empty() {
        return None;
    }
    Some(
        ids.iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("|"),
    )
}

/// Rejects a list over `max` items (an empty one passes).
pub(crate) fn check_at_most<T>(what: &str, items: &[T], max: usize) -> Result<()> {
    if items.len() > max {
        return Err(Error::invalid_input(format!(
            "{what} has {} items; WeCom takes at most {max}",
            items.len()
        )));
    }
    Ok(())
}

/// Rejects a text over `max` bytes (UTF-8), as WeCom counts most of its limits.
pub(crate) fn check_bytes(what: &str, value: &str, max: usize) -> Result<()> {
    if value.len() > max {
        return Err(Error::invalid_input(format!(
            "{what} is {} bytes; WeCom takes at most {max}",
            value.len()
        )));
    }
    Ok(())
}

/// Rejects a text over `max` characters.
pub(crate) fn check_chars(what: &str, value: &str, max: usize) -> Result<()> {
    let chars = value.chars().count();
    if chars > max {
        return Err(Error::invalid_input(format!(
            "{what} is {chars} characters; WeCom takes at most {max}"
        )));
    }
    Ok(())
}

/// Rejects an empty or over-long member id (1 to 64 bytes). The characters are checked where
/// an id is created ([`check_new_userid`]): reading one WeCom has made is never refused here.
pub(crate) fn check_userid(what: &str, userid: &str) -> Result<()> {
    crate::api::check_present(what, userid)?;
    check_bytes(what, userid, 64)
}

/// A new member id: 1 to 64 bytes of letters, digits and `_-@.`, starting with a letter or a
/// digit.
pub(crate) fn check_new_userid(userid: &str) -> Result<()> {
    check_userid("the userid", userid)?;
    let starts_well = userid
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphanumeric());
    let chars_ok = userid
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "_-@.".contains(c));
    if !starts_well || !chars_ok {
        return Err(Error::invalid_input(format!(
            "the userid `{userid}` must be letters, digits and `_-@.`, starting with a letter or digit"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct Lists {
        #[serde(default, deserialize_with = "pipe_or_array")]
        users: Vec<String>,
        #[serde(default, deserialize_with = "pipe_or_array")]
        parties: Vec<u32>,
    }

    #[test]
    fn lists_decode_from_pipes_arrays_and_nothing() {
        let lists: Lists =
            serde_json::from_str(r#"{"users":"zhangsan|lisi","parties":[2,"4"]}"#).unwrap();
        assert_eq!(lists.users, ["zhangsan", "lisi"]);
        assert_eq!(lists.parties, [2, 4]);
        let lists: Lists = serde_json::from_str(r#"{"users":"","parties":"3|5"}"#).unwrap();
        assert!(lists.users.is_empty());
        assert_eq!(lists.parties, [3, 5]);
        let lists: Lists = serde_json::from_str("{}").unwrap();
        assert!(lists.users.is_empty() && lists.parties.is_empty());
        assert!(serde_json::from_str::<Lists>(r#"{"parties":"x"}"#).is_err());
    }

    #[test]
    fn new_userids_are_checked() {
        assert!(check_new_userid("zhang.san@corp-1_a").is_ok());
        for bad in ["", "_zhang", "zhang san", "张三", &"a".repeat(65)] {
            assert!(check_new_userid(bad).is_err(), "{bad}");
        }
    }
}
