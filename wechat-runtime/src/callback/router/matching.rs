//! What a route matches: a message type, an event (and its key), a component notification.

use crate::callback::{ComponentKind, EventKind, Incoming, MessageKind};

/// The class of a callback and its type's name, lowercased, with the event key where routes
/// may match on it (clicks and scans).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct RouteKey {
    pub(crate) class: Class,
    /// `MsgType`, `Event` or `InfoType`, lowercased.
    pub(crate) name: String,
    /// The event key a route named, for `CLICK`, `SCAN` and a QR `subscribe`.
    pub(crate) key: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Class {
    Message,
    Event,
    Component,
}

impl RouteKey {
    pub(crate) fn new(class: Class, name: &str, key: Option<&str>) -> Self {
        RouteKey {
            class,
            name: name.to_ascii_lowercase(),
            key: key.map(str::to_owned),
        }
    }

    /// The keys `incoming` is looked up under, most specific first: with its event key, then
    /// without.
    pub(crate) fn of(incoming: &Incoming) -> (RouteKey, Option<RouteKey>) {
        let (class, name, key) = match incoming {
            Incoming::Message(m) => (Class::Message, message_name(&m.kind), None),
            Incoming::Event(e) => {
                let key = match &e.kind {
                    EventKind::Click { event_key } | EventKind::Scan { event_key, .. } => {
                        Some(event_key.as_str())
                    }
                    // A follow from a QR code is routed by its scene, as a scan is.
                    EventKind::Subscribe {
                        event_key: Some(key),
                        ..
                    } => Some(key.strip_prefix("qrscene_").unwrap_or(key)),
                    _ => None,
                };
                (Class::Event, event_name(&e.kind), key)
            }
            Incoming::Component(c) => (Class::Component, component_name(&c.kind), None),
        };
        let general = RouteKey::new(class, &name, None);
        match key {
            Some(key) => (RouteKey::new(class, &name, Some(key)), Some(general)),
            None => (general, None),
        }
    }
}

fn message_name(kind: &MessageKind) -> String {
    kind.msg_type().to_owned()
}

fn event_name(kind: &EventKind) -> String {
    kind.name().to_owned()
}

fn component_name(kind: &ComponentKind) -> String {
    kind.info_type().to_owned()
}
