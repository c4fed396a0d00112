//! Decoding WeChat's JSON answer and its errcode in one pass.
//!
//! WeChat answers errors with HTTP 200 and `{"errcode": N, "errmsg": "..."}`, and some successes
//! carry `"errcode": 0` beside their fields. Reading the errcode first and the fields after
//! would parse every answer twice; instead the answer is decoded into the caller's type once,
//! and the top-level `errcode` and `errmsg` are picked up on the way, whatever the type makes of
//! them (most types ignore them).

use std::any::Any;
use std::fmt;

use serde::de::value::{BorrowedStrDeserializer, StrDeserializer};
use serde::de::{DeserializeOwned, DeserializeSeed, Deserializer, Error as _, MapAccess, Visitor};
use serde::forward_to_deserialize_any;

use super::response::{check_errcode, errmsg_text, lenient_errcode};
use crate::error::{Error, Result};

/// A decoder of an answer into some `T`, with its type erased, so that the one pipeline can
/// run it on every attempt (an expired token is only seen in the answer).
pub(crate) type ErasedDecode = fn(&str, &[u8]) -> Result<Box<dyn Any + Send>>;

/// The [`ErasedDecode`] of `T`.
pub(crate) fn erased<T: DeserializeOwned + Send + 'static>(
    path: &str,
    body: &[u8],
) -> Result<Box<dyn Any + Send>> {
    Ok(Box::new(decode::<T>(path, body)?))
}

/// Decodes `body` into `T` in one pass; a non-zero `errcode` is [`Error::Api`].
pub(crate) fn decode<T: DeserializeOwned>(path: &str, body: &[u8]) -> Result<T> {
    // Most answers carry no errcode at all: a scan for the key, far cheaper than parsing,
    // lets them decode straight into `T`.
    if memchr::memmem::find(body, b"\"errcode\"").is_none() {
        return serde_json::from_slice(body).map_err(|e| Error::decode(path, &e));
    }
    let mut seen = Seen::default();
    let mut de = serde_json::Deserializer::from_slice(body);
    let decoded = T::deserialize(Watch {
        inner: &mut de,
        seen: &mut seen,
    })
    .and_then(|value| de.end().map(|()| value));
    match decoded {
        Ok(value) if seen.errcode == 0 => Ok(value),
        Ok(_) => Err(Error::Api {
            errcode: seen.errcode,
            errmsg: seen.errmsg,
            path: path.to_owned(),
        }),
        // An error body that is not a `T`, or one whose decode stopped before the errcode:
        // the errcode is the error to report, if there is one.
        Err(e) => {
            check_errcode(path, body)?;
            Err(Error::decode(path, &e))
        }
    }
}

#[derive(Default)]
struct Seen {
    errcode: i64,
    errmsg: String,
}

/// The deserializer handed to `T`: serde_json's, with its top-level map watched.
struct Watch<'s, D> {
    inner: D,
    seen: &'s mut Seen,
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for Watch<'_, D> {
    type Error = D::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.inner.deserialize_any(WatchVisitor {
            visitor,
            seen: self.seen,
        })
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.inner.deserialize_map(WatchVisitor {
            visitor,
            seen: self.seen,
        })
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.inner.deserialize_struct(
            name,
            fields,
            WatchVisitor {
                visitor,
                seen: self.seen,
            },
        )
    }

    // The rest cannot be a map: handed to serde_json as they are.
    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.inner.deserialize_option(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.inner.deserialize_newtype_struct(name, visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.inner.deserialize_enum(name, variants, visitor)
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        unit unit_struct seq tuple tuple_struct identifier ignored_any
    }
}

struct WatchVisitor<'s, V> {
    visitor: V,
    seen: &'s mut Seen,
}

impl<'de, V: Visitor<'de>> Visitor<'de> for WatchVisitor<'_, V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.visitor.expecting(f)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        self.visitor.visit_map(WatchMap {
            inner: map,
            seen: self.seen,
            pending: None,
        })
    }

    // Anything else at the top level is handed on untouched.
    fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<V::Value, E> {
        self.visitor.visit_bool(v)
    }
    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<V::Value, E> {
        self.visitor.visit_i64(v)
    }
    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<V::Value, E> {
        self.visitor.visit_u64(v)
    }
    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<V::Value, E> {
        self.visitor.visit_f64(v)
    }
    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<V::Value, E> {
        self.visitor.visit_str(v)
    }
    fn visit_borrowed_str<E: serde::de::Error>(self, v: &'de str) -> Result<V::Value, E> {
        self.visitor.visit_borrowed_str(v)
    }
    fn visit_string<E: serde::de::Error>(self, v: String) -> Result<V::Value, E> {
        self.visitor.visit_string(v)
    }
    fn visit_unit<E: serde::de::Error>(self) -> Result<V::Value, E> {
        self.visitor.visit_unit()
    }
    fn visit_none<E: serde::de::Error>(self) -> Result<V::Value, E> {
        self.visitor.visit_none()
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<V::Value, D::Error> {
        self.visitor.visit_some(d)
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, seq: A) -> Result<V::Value, A::Error> {
        self.visitor.visit_seq(seq)
    }
}

struct WatchMap<'s, A> {
    inner: A,
    seen: &'s mut Seen,
    /// A value the watcher has read itself, to hand to `T` when it asks for it.
    pending: Option<serde_json::Value>,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for WatchMap<'_, A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        let Some(key) = self.inner.next_key::<Key<'de>>()? else {
            return Ok(None);
        };
        let name = key.as_str();
        if name == "errcode" || name == "errmsg" {
            // Read as any JSON value: an errcode may come as a string or a float, and `T` may
            // still want it as it came.
            let value: serde_json::Value = self.inner.next_value()?;
            if name == "errcode" {
                self.seen.errcode = lenient_errcode(&value).unwrap_or(0);
            } else {
                self.seen.errmsg = errmsg_text(Some(&value));
            }
            self.pending = Some(value);
        }
        match key {
            Key::Borrowed(name) => seed
                .deserialize(BorrowedStrDeserializer::new(name))
                .map(Some),
            Key::Owned(name) => seed
                .deserialize(StrDeserializer::<A::Error>::new(&name))
                .map(Some),
        }
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, A::Error> {
        match self.pending.take() {
            None => self.inner.next_value_seed(seed),
            Some(value) => seed.deserialize(value).map_err(A::Error::custom),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        self.inner.size_hint()
    }
}

/// A key of the top-level map: borrowed from the body unless it had escapes.
enum Key<'de> {
    Borrowed(&'de str),
    Owned(String),
}

impl Key<'_> {
    fn as_str(&self) -> &str {
        match self {
            Key::Borrowed(s) => s,
            Key::Owned(s) => s,
        }
    }
}

impl<'de> serde::Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a key")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key::Borrowed(v))
            }
            fn visit_str<E>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key::Owned(v.to_owned()))
            }
            fn visit_string<E>(self, v: String) -> Result<Key<'de>, E> {
                Ok(Key::Owned(v))
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use serde::Deserialize;

    use super::*;

    #[derive(Debug, Deserialize, PartialEq)]
    struct User {
        openid: String,
        #[serde(default)]
        tags: Vec<u64>,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    struct WithErrcode {
        errcode: i64,
        errmsg: String,
        id: u64,
    }

    #[test]
    fn a_success_decodes_once() {
        let user: User = decode("/p", br#"{"openid":"o1","tags":[1,2]}"#).unwrap();
        assert_eq!(user.openid, "o1");
        let user: User = decode(
            "/p",
            br#"{"errcode":0,"errmsg":"ok","openid":"o1","x":{"errcode":5}}"#,
        )
        .unwrap();
        assert_eq!(user.tags, Vec::<u64>::new());
    }

    #[test]
    fn a_type_that_wants_the_errcode_gets_it() {
        let v: WithErrcode = decode("/p", br#"{"errcode":0,"errmsg":"ok","id":7}"#).unwrap();
        assert_eq!((v.errcode, v.errmsg.as_str(), v.id), (0, "ok", 7));
        let v: serde_json::Value = decode("/p", br#"{"errcode":0,"a":[1]}"#).unwrap();
        assert_eq!(v["errcode"], 0);
        let v: HashMap<String, serde_json::Value> = decode("/p", br#"{"errcode":0}"#).unwrap();
        assert_eq!(v.len(), 1);
    }

    #[test]
    fn an_errcode_is_an_api_error_whatever_the_type() {
        for body in [
            &br#"{"errcode":40001,"errmsg":"invalid credential"}"#[..],
            br#"{"openid":"o1","errcode":40001,"errmsg":"invalid credential"}"#,
            br#" {"errmsg":"invalid credential","errcode":40001}"#,
        ] {
            let err = decode::<User>("/p", body).unwrap_err();
            assert_eq!(err.errcode(), Some(40001), "{body:?}");
            assert!(err.to_string().contains("invalid credential"));
        }
        let err = decode::<serde_json::Value>("/p", br#"{"errcode":-1}"#).unwrap_err();
        assert!(err.is_transient());
        // A string or a float is still WeChat's error; what is no number at all is not.
        let err = decode::<serde_json::Value>("/p", br#"{"errcode":"40001"}"#).unwrap_err();
        assert_eq!(err.errcode(), Some(40001));
        let err = decode::<User>("/p", br#"{"errcode":42001.0,"openid":"o"}"#).unwrap_err();
        assert_eq!(err.errcode(), Some(42001));
        let v: serde_json::Value = decode("/p", br#"{"errcode":"x","a":1}"#).unwrap();
        assert_eq!(v["errcode"], "x");
    }

    #[test]
    fn a_bad_answer_is_a_decode_error() {
        let err = decode::<User>("/p", br#"{"tags":[1]}"#).unwrap_err();
        assert!(matches!(err, Error::Decode { .. }), "{err:?}");
        let err = decode::<User>("/p", b"not json").unwrap_err();
        assert!(matches!(err, Error::Decode { .. }), "{err:?}");
        let err = decode::<User>("/p", br#"{"openid":"o1"} trailing"#).unwrap_err();
        assert!(matches!(err, Error::Decode { .. }), "{err:?}");
        let user: User = decode("/p", br#"{"open\u0069d":"o1"}"#).unwrap();
        assert_eq!(user.openid, "o1");
    }
}
