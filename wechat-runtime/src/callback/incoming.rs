//! What a callback carries: a user's message, an event, or a component notification.

use super::component::{component_kind, ComponentNotification, KNOWN_INFO_TYPES};
use super::event::{event_kind, scale, Event, EventKind};
use super::fields::CallbackFields;
use super::header::Header;
use super::raw::{Raw, RawKind, Source};
use super::work::WorkEvent;
use super::xml;
use crate::error::{Error, Result};

/// One callback from WeChat, decrypted and typed.
///
/// ```
/// use wechat_runtime::callback::{Incoming, MessageKind};
///
/// let xml = "<xml><ToUserName><![CDATA[gh_7f083739789a]]></ToUserName>\
///     <FromUserName><![CDATA[oia2TjuEGTNoeX76QEjQNrcURxG8]]></FromUserName>\
///     <CreateTime>1407743423</CreateTime><MsgType><![CDATA[text]]></MsgType>\
///     <Content><![CDATA[hello]]></Content><MsgId>6046447361451147292</MsgId></xml>";
/// let incoming = Incoming::parse(xml)?;
/// assert_eq!(incoming.from_user_name(), Some("oia2TjuEGTNoeX76QEjQNrcURxG8"));
/// assert_eq!(incoming.msg_id(), Some(6046447361451147292));
/// let Incoming::Message(message) = incoming else { unreachable!() };
/// assert!(matches!(message.kind, MessageKind::Text { ref content } if content == "hello"));
/// # Ok::<(), wechat_runtime::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Incoming {
    /// A message a user sent to the account.
    Message(Message),
    /// An event: a follow, a menu click, a job report…
    Event(Event),
    /// A notification to a third-party platform: `component_verify_ticket`, authorizations.
    Component(ComponentNotification),
    /// An event WeCom pushes to a self-built application: address book and customer
    /// changes, approvals, menus… (through an [`Endpoint::work`](super::Endpoint::work), or
    /// [`Incoming::parse_work`]). WeCom members' messages are [`Message`]s.
    Work(WorkEvent),
}

/// A message a user sent (`MsgType` other than `event`).
#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    /// Who, to whom, when.
    pub header: Header,
    /// `MsgId`: WeChat's id of the message, to deduplicate retries.
    pub msg_id: Option<u64>,
    /// `MsgDataId`: the article the message comes from, for messages sent from an article.
    pub msg_data_id: Option<String>,
    /// `Idx`: the position of that article in its send, from 1.
    pub idx: Option<u32>,
    /// Which message, with its fields.
    pub kind: MessageKind,
    /// Every top-level field, typed or not, by name.
    pub fields: CallbackFields,
}

/// The kinds of message, by their `MsgType`.
///
/// Fields WeChat documents for a type but leaves out read as empty (`""`, `0`).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum MessageKind {
    /// `text`.
    Text {
        /// `Content`.
        content: String,
    },
    /// `image`.
    Image {
        /// `PicUrl`: where the picture can be fetched.
        pic_url: String,
        /// `MediaId`: the picture as a temporary media.
        media_id: String,
    },
    /// `voice`.
    Voice {
        /// `MediaId`: the recording as a temporary media.
        media_id: String,
        /// `Format`: `amr`, `speex`…
        format: String,
        /// `Recognition`: the speech recognised, when the account has recognition on.
        recognition: Option<String>,
        /// `MediaId16K`: the 16 kHz recording, when WeChat sends it.
        media_id_16k: Option<String>,
    },
    /// `video`.
    Video {
        /// `MediaId`: the video as a temporary media.
        media_id: String,
        /// `ThumbMediaId`: its thumbnail.
        thumb_media_id: String,
    },
    /// `shortvideo`.
    ShortVideo {
        /// `MediaId`: the video as a temporary media.
        media_id: String,
        /// `ThumbMediaId`: its thumbnail.
        thumb_media_id: String,
    },
    /// `location`.
    Location {
        /// `Location_X`: the latitude.
        latitude: f64,
        /// `Location_Y`: the longitude.
        longitude: f64,
        /// `Scale`: the zoom of the map.
        scale: u32,
        /// `Label`: the address.
        label: String,
    },
    /// `link`.
    Link {
        /// `Title`.
        title: String,
        /// `Description`.
        description: String,
        /// `Url`.
        url: String,
    },
    /// `miniprogrampage`: a Mini Program page a user sent to its customer service.
    MiniProgramPage {
        /// `Title`.
        title: String,
        /// `AppId`: the Mini Program.
        app_id: String,
        /// `PagePath`: the page.
        page_path: String,
        /// `ThumbUrl`: the cover, as a URL.
        thumb_url: String,
        /// `ThumbMediaId`: the cover, as a temporary media.
        thumb_media_id: String,
    },
    /// A message type this crate does not type: its `MsgType` and the whole callback,
    /// decrypted, as it came (XML, or JSON from a Mini Program). Its fields are also in
    /// [`Message::fields`].
    Unknown {
        /// The `MsgType` value.
        msg_type: String,
        /// The callback, decrypted.
        raw: String,
    },
}

impl MessageKind {
    /// The `MsgType` value (`text`, `image`…); for [`Unknown`](Self::Unknown), the value
    /// received.
    pub fn msg_type(&self) -> &str {
        match self {
            MessageKind::Text { .. } => "text",
            MessageKind::Image { .. } => "image",
            MessageKind::Voice { .. } => "voice",
            MessageKind::Video { .. } => "video",
            MessageKind::ShortVideo { .. } => "shortvideo",
            MessageKind::Location { .. } => "location",
            MessageKind::Link { .. } => "link",
            MessageKind::MiniProgramPage { .. } => "miniprogrampage",
            MessageKind::Unknown { msg_type, .. } => msg_type,
        }
    }
}

impl Incoming {
    /// Parses a callback's (decrypted) XML.
    ///
    /// A kind this crate does not know (`MsgType`, `Event` or `InfoType`) is kept raw in an
    /// `Unknown` variant rather than rejected.
    ///
    /// # Errors
    ///
    /// [`Error::MalformedMessage`] for XML that is not well-formed, that declares a DOCTYPE or
    /// uses an undeclared entity, that has neither `MsgType` nor `InfoType`, that misses a
    /// header field (`ToUserName`, `FromUserName`, `CreateTime`; `AppId` and `CreateTime` for
    /// a component notification), or whose known fields have the wrong type (a `CreateTime`
    /// that is not a number).
    pub fn parse(xml: &str) -> Result<Incoming> {
        parse_source(Source { xml, original: xml })
    }

    /// Parses a callback's (decrypted) JSON, as Mini Programs configured for JSON push it,
    /// into the same kinds as [`parse`](Self::parse): numbers and strings are read alike
    /// (`"CreateTime": 1482048670` or `"1482048670"`), nested objects and arrays as nested
    /// XML elements would be. An `Unknown` kind keeps the JSON.
    ///
    /// ```
    /// use wechat_runtime::callback::{Incoming, MessageKind};
    ///
    /// let json = r#"{"ToUserName": "gh_1", "FromUserName": "o1", "CreateTime": 1482048670,
    ///     "MsgType": "text", "Content": "hello", "MsgId": 1234567890123456}"#;
    /// let incoming = Incoming::parse_json(json)?;
    /// assert_eq!(incoming.text(), Some("hello"));
    /// assert_eq!(incoming.msg_id(), Some(1234567890123456));
    /// assert_eq!(incoming.field("CreateTime"), Some("1482048670"));
    /// # Ok::<(), wechat_runtime::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::MalformedMessage`] for text that is not a JSON object, and as
    /// [`parse`](Self::parse).
    pub fn parse_json(json: &str) -> Result<Incoming> {
        let xml = xml::json_to_xml(json)?;
        parse_source(Source {
            xml: &xml,
            original: json,
        })
    }

    /// [`parse_json`](Self::parse_json) when the text starts with `{` (leading whitespace
    /// aside), else [`parse`](Self::parse). The flag says which.
    pub(crate) fn parse_either(text: &str) -> (Result<Incoming>, bool) {
        if is_json(text) {
            (Incoming::parse_json(text), true)
        } else {
            (Incoming::parse(text), false)
        }
    }

    /// Every top-level field of the callback, by name, as text.
    pub fn fields(&self) -> &CallbackFields {
        match self {
            Incoming::Message(m) => &m.fields,
            Incoming::Event(e) => &e.fields,
            Incoming::Component(c) => &c.fields,
            Incoming::Work(w) => &w.fields,
        }
    }

    /// The top-level field `name`, as text, typed by this crate or not: for a kind it does not
    /// type, or a field WeChat added since. See [`CallbackFields::get`].
    ///
    /// ```
    /// use wechat_runtime::callback::Incoming;
    ///
    /// let xml = "<xml><ToUserName><![CDATA[gh_1]]></ToUserName>\
    ///     <FromUserName><![CDATA[o1]]></FromUserName><CreateTime>1</CreateTime>\
    ///     <MsgType><![CDATA[event]]></MsgType><Event><![CDATA[a_future_event]]></Event>\
    ///     <CardId><![CDATA[p1]]></CardId></xml>";
    /// let incoming = Incoming::parse(xml)?;
    /// assert_eq!(incoming.field("CardId"), Some("p1"));
    /// assert_eq!(incoming.field("Event"), Some("a_future_event"));
    /// assert_eq!(incoming.field("Missing"), None);
    /// # Ok::<(), wechat_runtime::Error>(())
    /// ```
    pub fn field(&self, name: &str) -> Option<&str> {
        self.fields().get(name)
    }

    /// The content of a text message; `None` for anything else.
    ///
    /// ```
    /// use wechat_runtime::callback::Incoming;
    ///
    /// let xml = "<xml><ToUserName>gh_1</ToUserName><FromUserName>o1</FromUserName>\
    ///     <CreateTime>1</CreateTime><MsgType>text</MsgType><Content>hi</Content></xml>";
    /// assert_eq!(Incoming::parse(xml)?.text(), Some("hi"));
    /// # Ok::<(), wechat_runtime::Error>(())
    /// ```
    pub fn text(&self) -> Option<&str> {
        match self.message()? {
            MessageKind::Text { content } => Some(content),
            _ => None,
        }
    }

    /// The kind of an event; `None` for a message or a component notification.
    ///
    /// ```
    /// use wechat_runtime::callback::{EventKind, Incoming};
    ///
    /// let xml = "<xml><ToUserName>gh_1</ToUserName><FromUserName>o1</FromUserName>\
    ///     <CreateTime>1</CreateTime><MsgType>event</MsgType><Event>CLICK</Event>\
    ///     <EventKey>MENU_1</EventKey></xml>";
    /// let incoming = Incoming::parse(xml)?;
    /// assert!(matches!(
    ///     incoming.event(),
    ///     Some(EventKind::Click { event_key }) if event_key == "MENU_1"
    /// ));
    /// # Ok::<(), wechat_runtime::Error>(())
    /// ```
    pub fn event(&self) -> Option<&EventKind> {
        match self {
            Incoming::Event(e) => Some(&e.kind),
            _ => None,
        }
    }

    /// The kind of a message; `None` for an event or a component notification.
    ///
    /// ```
    /// use wechat_runtime::callback::{Incoming, MessageKind};
    ///
    /// let xml = "<xml><ToUserName>gh_1</ToUserName><FromUserName>o1</FromUserName>\
    ///     <CreateTime>1</CreateTime><MsgType>image</MsgType><PicUrl>https://p</PicUrl>\
    ///     <MediaId>m1</MediaId></xml>";
    /// let incoming = Incoming::parse(xml)?;
    /// assert!(matches!(incoming.message(), Some(MessageKind::Image { media_id, .. }) if media_id == "m1"));
    /// # Ok::<(), wechat_runtime::Error>(())
    /// ```
    pub fn message(&self) -> Option<&MessageKind> {
        match self {
            Incoming::Message(m) => Some(&m.kind),
            _ => None,
        }
    }

    /// The header of a message or an event (WeChat's or WeCom's); `None` for a component
    /// notification.
    pub fn header(&self) -> Option<&Header> {
        match self {
            Incoming::Message(m) => Some(&m.header),
            Incoming::Event(e) => Some(&e.header),
            Incoming::Work(w) => Some(&w.header),
            Incoming::Component(_) => None,
        }
    }

    /// `ToUserName`: the account's original id. `None` for a component notification.
    pub fn to_user_name(&self) -> Option<&str> {
        self.header().map(|h| h.to_user_name.as_str())
    }

    /// `FromUserName`: the user's openid. `None` for a component notification.
    pub fn from_user_name(&self) -> Option<&str> {
        self.header().map(|h| h.from_user_name.as_str())
    }

    /// `CreateTime`, unix seconds.
    pub fn create_time(&self) -> u64 {
        match self {
            Incoming::Message(m) => m.header.create_time,
            Incoming::Event(e) => e.header.create_time,
            Incoming::Component(c) => c.create_time,
            Incoming::Work(w) => w.header.create_time,
        }
    }

    /// `MsgId` of a message, or `MsgID` of a job-finish event.
    pub fn msg_id(&self) -> Option<u64> {
        match self {
            Incoming::Message(m) => m.msg_id,
            Incoming::Event(Event {
                kind: EventKind::TemplateSendJobFinish { msg_id, .. },
                ..
            }) => Some(*msg_id),
            Incoming::Event(Event {
                kind: EventKind::MassSendJobFinish(report),
                ..
            }) => Some(report.msg_id),
            _ => None,
        }
    }

    /// `MsgDataId` of a message sent from an article.
    pub fn msg_data_id(&self) -> Option<&str> {
        match self {
            Incoming::Message(m) => m.msg_data_id.as_deref(),
            _ => None,
        }
    }
}

fn required<T>(value: Option<T>, field: &str) -> Result<T> {
    value.ok_or_else(|| Error::MalformedMessage(format!("no {field}")))
}

fn header(raw: &mut Raw) -> Result<Header> {
    let non_empty = |v: Option<String>| v.filter(|v| !v.is_empty());
    Ok(Header {
        to_user_name: required(non_empty(raw.to_user_name.take()), "ToUserName")?,
        from_user_name: required(non_empty(raw.from_user_name.take()), "FromUserName")?,
        create_time: required(raw.create_time, "CreateTime")?,
    })
}

/// Whether a callback's text is JSON: its first non-whitespace byte is `{`.
pub(crate) fn is_json(text: &str) -> bool {
    text.trim_start().starts_with('{')
}

pub(crate) fn parse_source(src: Source<'_>) -> Result<Incoming> {
    match xml::from_str::<Raw>(src.xml) {
        Ok(raw) => from_raw(raw, src),
        Err(err) => match xml::from_str::<RawKind>(src.xml) {
            // Well-formed, but a field we know has a shape we do not: if the kind is
            // unknown the field means something else there, and the callback is kept raw.
            Ok(kind) => unknown_kind(kind, src).ok_or(err),
            Err(_) => Err(err),
        },
    }
}

fn from_raw(mut raw: Raw, src: Source<'_>) -> Result<Incoming> {
    let fields = CallbackFields::from_xml(src.xml);
    if let Some(info_type) = raw.info_type.take() {
        return component_kind(&info_type, &mut raw, src.original, fields).map(Incoming::Component);
    }
    let msg_type = raw
        .msg_type
        .take()
        .filter(|t| !t.is_empty())
        .ok_or_else(|| Error::MalformedMessage("no MsgType or InfoType".to_owned()))?;
    let header = header(&mut raw)?;
    if msg_type.eq_ignore_ascii_case("event") {
        let event = required(raw.event.take(), "Event")?;
        let kind = event_kind(&event, &mut raw, &fields, src)?;
        return Ok(Incoming::Event(Event {
            header,
            kind,
            fields,
        }));
    }
    let take = std::mem::take::<String>;
    let kind = match msg_type.to_ascii_lowercase().as_str() {
        "text" => MessageKind::Text {
            content: take(&mut raw.content),
        },
        "image" => MessageKind::Image {
            pic_url: take(&mut raw.pic_url),
            media_id: take(&mut raw.media_id),
        },
        "voice" => MessageKind::Voice {
            media_id: take(&mut raw.media_id),
            format: take(&mut raw.format),
            recognition: raw.recognition.take(),
            media_id_16k: raw.media_id_16k.take().filter(|v| !v.is_empty()),
        },
        "video" => MessageKind::Video {
            media_id: take(&mut raw.media_id),
            thumb_media_id: take(&mut raw.thumb_media_id),
        },
        "shortvideo" => MessageKind::ShortVideo {
            media_id: take(&mut raw.media_id),
            thumb_media_id: take(&mut raw.thumb_media_id),
        },
        "location" => MessageKind::Location {
            latitude: raw.location_x.unwrap_or_default(),
            longitude: raw.location_y.unwrap_or_default(),
            scale: scale(raw.scale),
            label: take(&mut raw.label),
        },
        "link" => MessageKind::Link {
            title: take(&mut raw.title),
            description: take(&mut raw.description),
            url: take(&mut raw.url),
        },
        "miniprogrampage" => MessageKind::MiniProgramPage {
            title: take(&mut raw.title),
            app_id: raw.app_id.take().unwrap_or_default(),
            page_path: fields.string("PagePath"),
            thumb_url: fields.string("ThumbUrl"),
            thumb_media_id: take(&mut raw.thumb_media_id),
        },
        _ => MessageKind::Unknown {
            msg_type,
            raw: src.original.to_owned(),
        },
    };
    Ok(Incoming::Message(Message {
        header,
        msg_id: raw.msg_id.or(raw.msg_id_upper),
        msg_data_id: raw.msg_data_id.take().filter(|v| !v.is_empty()),
        idx: raw.idx,
        kind,
        fields,
    }))
}

/// A well-formed callback of a kind we do not type, whose fields did not fit the flat shape.
fn unknown_kind(kind: RawKind, src: Source<'_>) -> Option<Incoming> {
    let fields = CallbackFields::from_xml(src.xml);
    // CreateTime may be what did not fit; an unknown kind does not need it to be a number.
    let create_time = kind
        .create_time
        .as_deref()
        .and_then(|t| t.trim().parse().ok())
        .unwrap_or_default();
    if let Some(info_type) = kind.info_type {
        if component_kind_is_known(&info_type) {
            return None;
        }
        return Some(Incoming::Component(ComponentNotification::unknown(
            kind.app_id?,
            create_time,
            info_type,
            src.original,
            fields,
        )));
    }
    let msg_type = kind.msg_type?;
    let header = Header {
        to_user_name: kind.to_user_name?,
        from_user_name: kind.from_user_name?,
        create_time,
    };
    if msg_type.eq_ignore_ascii_case("event") {
        let event = kind.event?;
        let mut empty = Raw::default();
        match event_kind(&event, &mut empty, &CallbackFields::default(), src) {
            Ok(unknown @ EventKind::Unknown { .. }) => Some(Incoming::Event(Event {
                header,
                kind: unknown,
                fields,
            })),
            _ => None,
        }
    } else if KNOWN_MSG_TYPES
        .iter()
        .any(|known| known.eq_ignore_ascii_case(&msg_type))
    {
        None
    } else {
        Some(Incoming::Message(Message {
            header,
            msg_id: None,
            msg_data_id: None,
            idx: None,
            kind: MessageKind::Unknown {
                msg_type,
                raw: src.original.to_owned(),
            },
            fields,
        }))
    }
}

const KNOWN_MSG_TYPES: [&str; 8] = [
    "text",
    "image",
    "voice",
    "video",
    "shortvideo",
    "location",
    "link",
    "miniprogrampage",
];

fn component_kind_is_known(info_type: &str) -> bool {
    KNOWN_INFO_TYPES
        .iter()
        .any(|known| known.eq_ignore_ascii_case(info_type))
}
