//! What a route matches: a message type, an event (and its key, or a WeCom event's change
//! type), a component notification.

use std::borrow::Cow;

use super::On;
use crate::callback::{ComponentKind, EventKind, Incoming, MessageKind, WorkEventKind};

/// The class of a callback and its type's name, lowercased, with the event key where routes
/// may match on it (clicks and scans).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct RouteKey {
    pub(crate) class: Class,
    /// `MsgType`, `Event` or `InfoType`, lowercased.
    pub(crate) name: String,
    /// The event key a route named, for `CLICK`, `SCAN` and a QR `subscribe`; for a WeCom
    /// change event, its `ChangeType`, lowercased.
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
        let (class, name, key): (_, _, Option<Cow<'_, str>>) = match incoming {
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
                (Class::Event, event_name(&e.kind), key.map(Cow::Borrowed))
            }
            Incoming::Component(c) => (Class::Component, component_name(&c.kind), None),
            Incoming::Work(w) => (Class::Event, w.kind.name().to_owned(), work_key(&w.kind)),
        };
        let general = RouteKey::new(class, &name, None);
        match key {
            Some(key) => (RouteKey::new(class, &name, Some(&key)), Some(general)),
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

/// A WeCom event routes as an event, with a click's key or a change's type as its key.
fn work_key(kind: &WorkEventKind) -> Option<Cow<'_, str>> {
    match kind {
        WorkEventKind::Click { event_key } => Some(Cow::Borrowed(event_key)),
        other => other
            .change_type()
            .map(|change_type| Cow::Owned(change_type.to_ascii_lowercase())),
    }
}

impl On {
    /// WeCom change events of this `Event` and `ChangeType`: `("change_contact",
    /// "create_user")`, `("change_external_contact", "add_external_contact")`,
    /// `("change_external_chat", "dismiss")`… The event alone ([`On::event`]) matches every
    /// change type that has no route of its own.
    ///
    /// ```
    /// use wechat_runtime::callback::router::{On, Router};
    /// use wechat_runtime::callback::Incoming;
    ///
    /// let router = Router::new()
    ///     .on(On::work_change("change_contact", "create_user"), |_incoming: Incoming| async {})
    ///     .on(On::event("change_contact"), |_incoming: Incoming| async {});
    /// # let _ = router;
    /// ```
    pub fn work_change(event: &str, change_type: &str) -> Self {
        On {
            keys: vec![RouteKey::new(
                Class::Event,
                event,
                Some(&change_type.to_ascii_lowercase()),
            )],
        }
    }
}
