//! The flat list of a callback's top-level fields, as text: every field, typed or not, can be
//! read by its name.

use std::fmt;
use std::str::FromStr;

use quick_xml::events::Event as XmlEvent;
use quick_xml::Reader;

/// The top-level fields of a callback, by name, as text (`<CardId>…</CardId>` in XML,
/// `"CardId": …` in JSON; numbers as they are written).
///
/// Fields with children (`ScanCodeInfo`, JSON objects and arrays) are not listed: read them
/// from the typed kind. The values are kept in one buffer, so a callback costs two
/// allocations here, however many fields it has.
///
/// Its `Debug` lists the names only: a value may be a ticket or an authorization code.
///
/// ```
/// use wechat_runtime::callback::Incoming;
///
/// let xml = "<xml><ToUserName><![CDATA[gh_1]]></ToUserName><FromUserName><![CDATA[o1]]></FromUserName>\
///     <CreateTime>1</CreateTime><MsgType><![CDATA[event]]></MsgType>\
///     <Event><![CDATA[some_new_event]]></Event><Extra><![CDATA[x]]></Extra></xml>";
/// let incoming = Incoming::parse(xml)?;
/// let fields = incoming.fields();
/// assert_eq!(fields.get("Extra"), Some("x"));
/// assert_eq!(fields.iter().count(), 6);
/// # Ok::<(), wechat_runtime::Error>(())
/// ```
#[derive(Clone, Default, PartialEq, Eq)]
pub struct CallbackFields {
    /// Names and values, one after the other.
    text: String,
    /// For each field: where its name starts, where its value starts (the name's end), where
    /// its value ends.
    spans: Vec<[usize; 3]>,
}

impl fmt::Debug for CallbackFields {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list()
            .entries(self.iter().map(|(name, _)| name))
            .finish()
    }
}

impl CallbackFields {
    /// The value of the field `name`: its exact name first, else a name that differs only in
    /// ASCII case (WeChat writes both `MsgId` and `MsgID`). The first one, if it repeats.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.iter()
            .find(|(n, _)| *n == name)
            .or_else(|| self.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)))
            .map(|(_, value)| value)
    }

    /// The fields in the order they came: `(name, value)`.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> + '_ {
        self.spans
            .iter()
            .map(|&[name, value, end]| (&self.text[name..value], &self.text[value..end]))
    }

    /// How many fields there are.
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    fn push(&mut self, name: &str, value: &str) {
        let start = self.text.len();
        self.text.push_str(name);
        self.text.push_str(value);
        self.spans
            .push([start, start + name.len(), self.text.len()]);
    }

    /// The field as an owned string, empty when absent.
    pub(crate) fn string(&self, name: &str) -> String {
        self.get(name).unwrap_or_default().to_owned()
    }

    /// The field as a number; 0 (the default) when absent or not a number.
    pub(crate) fn number<T: FromStr + Default>(&self, name: &str) -> T {
        self.get(name)
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or_default()
    }

    /// The field as a flag: `1` or `true`.
    pub(crate) fn flag(&self, name: &str) -> bool {
        matches!(self.get(name).map(str::trim), Some("1" | "true" | "TRUE"))
    }

    /// The top-level leaf elements of a well-formed document (already checked by the typed
    /// parse, which also refused any DOCTYPE).
    pub(crate) fn from_xml(xml: &str) -> Self {
        let mut fields = CallbackFields {
            text: String::with_capacity(xml.len() / 2),
            spans: Vec::with_capacity(16),
        };
        let mut reader = Reader::from_str(xml);
        let mut depth = 0usize;
        // The field being read: its name, its value, whether it has children, and where its
        // CDATA sections start and end in the value (whitespace outside them is layout).
        let mut name = String::new();
        let mut value = String::new();
        let mut nested = false;
        let mut cdata: Option<(usize, usize)> = None;
        loop {
            let event = match reader.read_event() {
                Ok(XmlEvent::Eof) | Err(_) => break,
                Ok(event) => event,
            };
            match event {
                XmlEvent::Start(start) => {
                    depth += 1;
                    if depth == 2 {
                        name.clear();
                        name.push_str(&String::from_utf8_lossy(start.name().as_ref()));
                        value.clear();
                        nested = false;
                        cdata = None;
                    } else if depth > 2 {
                        nested = true;
                    }
                }
                XmlEvent::Empty(empty) if depth == 1 => {
                    fields.push(&String::from_utf8_lossy(empty.name().as_ref()), "");
                }
                XmlEvent::End(_) => {
                    if depth == 2 && !nested {
                        fields.push(&name, trim_layout(&value, cdata));
                    }
                    depth = depth.saturating_sub(1);
                }
                XmlEvent::Text(text) if depth == 2 && !nested => {
                    if let Ok(text) = text.xml10_content() {
                        value.push_str(&text);
                    }
                }
                XmlEvent::CData(text) if depth == 2 && !nested => {
                    if let Ok(text) = text.xml10_content() {
                        let start = value.len();
                        value.push_str(&text);
                        cdata = Some((cdata.map_or(start, |(s, _)| s), value.len()));
                    }
                }
                XmlEvent::GeneralRef(reference) if depth == 2 && !nested => {
                    if let Ok(Some(c)) = reference.resolve_char_ref() {
                        value.push(c);
                    } else if let Ok(entity) = reference.decode() {
                        if let Some(resolved) =
                            quick_xml::escape::resolve_predefined_entity(&entity)
                        {
                            value.push_str(resolved);
                        }
                    }
                }
                _ => {}
            }
        }
        fields
    }
}

/// The value without the whitespace that lays out the XML: around the CDATA sections if
/// there are any, else around the text.
fn trim_layout(value: &str, cdata: Option<(usize, usize)>) -> &str {
    match cdata {
        Some((start, end)) => {
            let before = value[..start].trim_start();
            let after = value[end..].trim_end();
            let from = start - before.len();
            &value[from..end + after.len()]
        }
        None => value.trim(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_leaf_fields_in_order() {
        let xml = "<xml>\n<A><![CDATA[ a ]]></A>\n<B> 12 </B><C/><N><x>1</x></N><D>&lt;&#x4F60;</D><E>\n <![CDATA[e]]>\n</E></xml>";
        let fields = CallbackFields::from_xml(xml);
        let all: Vec<_> = fields.iter().collect();
        assert_eq!(
            all,
            [
                ("A", " a "),
                ("B", "12"),
                ("C", ""),
                ("D", "<你"),
                ("E", "e")
            ]
        );
        assert_eq!(fields.get("b"), Some("12"));
        assert_eq!(fields.number::<u32>("B"), 12);
        assert_eq!(format!("{fields:?}"), r#"["A", "B", "C", "D", "E"]"#);
    }
}
