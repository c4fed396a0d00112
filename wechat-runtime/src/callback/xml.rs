//! Reading and writing WeChat's XML with quick-xml: no DTD, no custom entities, CDATA that
//! cannot be broken out of.

use std::fmt;
use std::io;

use quick_xml::de::{Deserializer, EntityResolver};
use quick_xml::events::{BytesCData, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::Writer;
use serde::de::{self, DeserializeOwned, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess};

use crate::error::{Error, Result};

/// Deserializes `xml` into `T`. A `<!DOCTYPE>` is rejected outright, so no entity can be
/// declared; an undeclared entity (`&lol;`) is an error. Only the five predefined entities and
/// character references are expanded.
pub(crate) fn from_str<T: DeserializeOwned>(xml: &str) -> Result<T> {
    let mut de = Deserializer::from_str_with_resolver(xml, NoDtd);
    T::deserialize(&mut de).map_err(|e| Error::MalformedMessage(mask_quoted(&e.to_string())))
}

/// An entity resolver that refuses every DTD and resolves only the predefined entities.
struct NoDtd;

#[derive(Debug)]
struct DtdRejected;

impl fmt::Display for DtdRejected {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a DOCTYPE declaration is not allowed in a callback")
    }
}

impl std::error::Error for DtdRejected {}

impl EntityResolver for NoDtd {
    type Error = DtdRejected;

    fn capture(&mut self, _doctype: BytesText<'_>) -> Result<(), DtdRejected> {
        Err(DtdRejected)
    }

    /// The five predefined entities only.
    fn resolve(&self, entity: &str) -> Option<&str> {
        quick_xml::escape::resolve_predefined_entity(entity)
    }
}

/// serde quotes offending values in its messages (`invalid type: string "…"`): mask them, a
/// value may be a ticket.
fn mask_quoted(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut inside = false;
    for c in message.chars() {
        if c == '"' {
            out.push_str(if inside { "…\"" } else { "\"" });
            inside = !inside;
        } else if !inside {
            out.push(c);
        }
    }
    out
}

/// Rewrites a JSON callback (an object) as the XML WeChat would have sent: each member an
/// element, in order; strings as CDATA, numbers and booleans as text; an object as nested
/// elements, an array as its items repeated under the member's name (as WeChat repeats
/// `<List>` or `<item>`); `null` and members whose names are not XML names left out.
///
/// So a JSON callback goes through the one typed path, where a field reads a number and a
/// string alike, as XML's text does and JSON's values do not.
pub(crate) fn json_to_xml(json: &str) -> Result<String> {
    let mut writer = XmlWriter(Writer::new(Vec::with_capacity(json.len() + 64)));
    let mut de = serde_json::Deserializer::from_str(json);
    de::Deserializer::deserialize_map(&mut de, JsonRoot(&mut writer))
        .and_then(|()| de.end())
        .map_err(|e| {
            Error::MalformedMessage(format!(
                "not a JSON object: {}",
                mask_quoted(&e.to_string())
            ))
        })?;
    String::from_utf8(writer.0.into_inner())
        .map_err(|_| Error::MalformedMessage("the JSON is not UTF-8".into()))
}

/// The top-level object, written as `<xml>…</xml>`.
struct JsonRoot<'w>(&'w mut XmlWriter);

impl<'de> de::Visitor<'de> for JsonRoot<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<(), A::Error> {
        self.0.start("xml").map_err(de::Error::custom)?;
        write_members(self.0, map)?;
        self.0.end("xml").map_err(de::Error::custom)
    }
}

fn write_members<'de, A: MapAccess<'de>>(w: &mut XmlWriter, mut map: A) -> Result<(), A::Error> {
    while let Some(name) = map.next_key::<String>()? {
        if is_xml_name(&name) {
            map.next_value_seed(JsonValue { w, name: &name })?;
        } else {
            map.next_value::<IgnoredAny>()?;
        }
    }
    Ok(())
}

/// An ASCII XML name: a letter or `_`, then letters, digits, `_`, `-`, `.`.
fn is_xml_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
}

/// One member's value, written as the element(s) `name`.
struct JsonValue<'w, 'n> {
    w: &'w mut XmlWriter,
    name: &'n str,
}

impl<'de> DeserializeSeed<'de> for JsonValue<'_, '_> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl JsonValue<'_, '_> {
    fn text<E: de::Error>(self, text: &str) -> Result<(), E> {
        self.w.text(self.name, text).map_err(E::custom)
    }
}

impl<'de> de::Visitor<'de> for JsonValue<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<(), E> {
        self.text(if v { "true" } else { "false" })
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<(), E> {
        self.text(&v.to_string())
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<(), E> {
        self.text(&v.to_string())
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<(), E> {
        self.text(&v.to_string())
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<(), E> {
        self.w.cdata(self.name, v).map_err(E::custom)
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<(), A::Error> {
        self.w.start(self.name).map_err(de::Error::custom)?;
        write_members(self.w, map)?;
        self.w.end(self.name).map_err(de::Error::custom)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq
            .next_element_seed(JsonValue {
                w: &mut *self.w,
                name: self.name,
            })?
            .is_some()
        {}
        Ok(())
    }
}

/// Writes `<xml>…</xml>` with `body` writing the children.
pub(crate) fn document(
    capacity: usize,
    body: impl FnOnce(&mut XmlWriter) -> io::Result<()>,
) -> Result<String> {
    let mut writer = XmlWriter(Writer::new(Vec::with_capacity(capacity)));
    writer
        .start("xml")
        .and_then(|()| body(&mut writer))
        .and_then(|()| writer.end("xml"))
        .map_err(|e| Error::InvalidInput(format!("cannot write the XML: {e}")))?;
    String::from_utf8(writer.0.into_inner())
        .map_err(|_| Error::InvalidInput("the XML written is not UTF-8".into()))
}

/// A thin layer over quick-xml's writer for WeChat's flat elements.
pub(crate) struct XmlWriter(Writer<Vec<u8>>);

impl XmlWriter {
    pub(crate) fn start(&mut self, name: &str) -> io::Result<()> {
        self.0.write_event(Event::Start(BytesStart::new(name)))
    }

    pub(crate) fn end(&mut self, name: &str) -> io::Result<()> {
        self.0.write_event(Event::End(BytesEnd::new(name)))
    }

    /// `<name><![CDATA[text]]></name>`; a `]]>` inside `text` is split across two CDATA
    /// sections, so the content reads back unchanged and cannot close the section early.
    pub(crate) fn cdata(&mut self, name: &str, text: &str) -> io::Result<()> {
        self.start(name)?;
        for part in BytesCData::escaped(text) {
            self.0.write_event(Event::CData(part))?;
        }
        self.end(name)
    }

    /// `<name>text</name>`, with `text` escaped.
    pub(crate) fn text(&mut self, name: &str, text: &str) -> io::Result<()> {
        self.start(name)?;
        self.0.write_event(Event::Text(BytesText::new(text)))?;
        self.end(name)
    }

    /// `<name>…</name>` with `body` writing the children.
    pub(crate) fn element(
        &mut self,
        name: &str,
        body: impl FnOnce(&mut Self) -> io::Result<()>,
    ) -> io::Result<()> {
        self.start(name)?;
        body(self)?;
        self.end(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize)]
    struct One {
        #[serde(rename = "A")]
        a: String,
    }

    #[test]
    fn cdata_with_terminator_reads_back() {
        let xml = document(64, |w| w.cdata("A", "x]]>y]]>")).unwrap();
        assert!(!xml.contains("x]]>y"), "{xml}");
        assert_eq!(from_str::<One>(&xml).unwrap().a, "x]]>y]]>");
    }

    #[test]
    fn doctype_is_rejected() {
        let xml = r#"<!DOCTYPE xml [<!ENTITY a "b">]><xml><A>&a;</A></xml>"#;
        let err = from_str::<One>(xml).err().unwrap();
        assert!(err.to_string().contains("DOCTYPE"), "{err}");
    }

    #[test]
    fn json_becomes_the_xml_wechat_sends() {
        let json = r#"{"B": "x]]>y", "A": 12, "bad key": 1, "N": null, "T": true,
            "O": {"I": [1, 2]}, "L": [{"K": "a"}, {"K": "b"}], "F": 1.5}"#;
        assert_eq!(
            json_to_xml(json).unwrap(),
            "<xml><B><![CDATA[x]]]]><![CDATA[>y]]></B><A>12</A><T>true</T>\
             <O><I>1</I><I>2</I></O><L><K><![CDATA[a]]></K></L><L><K><![CDATA[b]]></K></L>\
             <F>1.5</F></xml>"
        );
        for bad in ["", "[]", "1", "\"s\"", "{", "{} {}", "{\"a\": }"] {
            assert!(
                matches!(json_to_xml(bad), Err(Error::MalformedMessage(_))),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn masks_quoted_values() {
        assert_eq!(mask_quoted(r#"bad "secret" here"#), "bad \"…\" here");
    }
}
