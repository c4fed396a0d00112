//! The XML WeChat pushes: user messages and events, component notifications, and the
//! envelope of safe mode.

/// An XML document of `<xml>` with these children, in order. Text goes in CDATA, numbers as
/// they are, as WeChat writes them.
pub(crate) fn document(fields: &[(&str, Field<'_>)]) -> String {
    let mut xml = String::from("<xml>");
    for (name, value) in fields {
        xml.push('<');
        xml.push_str(name);
        xml.push('>');
        match value {
            Field::Text(text) => push_cdata(&mut xml, text),
            Field::Number(number) => xml.push_str(number),
        }
        xml.push_str("</");
        xml.push_str(name);
        xml.push('>');
    }
    xml.push_str("</xml>");
    xml
}

/// One child of a pushed document.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Field<'a> {
    /// Text, written as CDATA.
    Text(&'a str),
    /// A number, written bare.
    Number(&'a str),
}

/// `<![CDATA[text]]>`; a `]]>` inside the text is split across two sections, the only way
/// CDATA can carry it.
fn push_cdata(xml: &mut String, text: &str) {
    xml.push_str("<![CDATA[");
    xml.push_str(&text.replace("]]>", "]]]]><![CDATA[>"));
    xml.push_str("]]>");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_cdata_and_numbers_are_bare() {
        let xml = document(&[
            ("Content", Field::Text("a]]>b")),
            ("CreateTime", Field::Number("12")),
        ]);
        assert_eq!(
            xml,
            "<xml><Content><![CDATA[a]]]]><![CDATA[>b]]></Content><CreateTime>12</CreateTime></xml>"
        );
    }
}
