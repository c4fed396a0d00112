//! Reading and writing WeChat's XML with quick-xml: no DTD, no custom entities, CDATA that
//! cannot be broken out of.

use std::fmt;
use std::io;

use quick_xml::de::{Deserializer, EntityResolver};
use quick_xml::events::{BytesCData, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::Writer;
use serde::de::DeserializeOwned;

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
    fn masks_quoted_values() {
        assert_eq!(mask_quoted(r#"bad "secret" here"#), "bad \"…\" here");
    }
}
