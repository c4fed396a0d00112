//! WeCom's side of [`Incoming`]: typing a WeCom callback (messages as WeChat's, events into
//! [`WorkEvent`]), and reading its event and `AgentID` back.

use super::super::fields::CallbackFields;
use super::super::header::Header;
use super::super::incoming::{parse_source, Incoming};
use super::super::raw::{RawKind, Source};
use super::super::xml;
use super::{
    optional_number, ApprovalChange, ContactChange, ExternalChatChange, ExternalContactChange,
    WorkEvent, WorkEventKind,
};
use crate::error::{Error, Result};

impl Incoming {
    /// Parses the (decrypted) XML of a WeCom callback, as an [`Endpoint::work`] does: a
    /// member's message is an [`Incoming::Message`], as on WeChat, with its `AgentID` in
    /// [`agent_id`](Self::agent_id); an event is an [`Incoming::Work`].
    ///
    /// WeCom's header is looser than WeChat's: `FromUserName` may be missing
    /// (`kf_msg_or_event`) and `ToUserName` empty; they then read as empty.
    ///
    /// ```
    /// use wechat_runtime::callback::{ExternalContactChange, Incoming, WorkEventKind};
    ///
    /// let xml = "<xml><ToUserName><![CDATA[ww0123456789abcdef]]></ToUserName>\
    ///     <FromUserName><![CDATA[sys]]></FromUserName><CreateTime>1403610513</CreateTime>\
    ///     <MsgType><![CDATA[event]]></MsgType><Event><![CDATA[change_external_contact]]></Event>\
    ///     <ChangeType><![CDATA[del_follow_user]]></ChangeType><UserID><![CDATA[zhangsan]]></UserID>\
    ///     <ExternalUserID><![CDATA[woAJ2GCAAAXtWyujaWJHDDGi0mACAAAA]]></ExternalUserID></xml>";
    /// let incoming = Incoming::parse_work(xml)?;
    /// let Some(WorkEventKind::ChangeExternalContact(change)) = incoming.work_event() else {
    ///     unreachable!()
    /// };
    /// assert!(matches!(change, ExternalContactChange::DelFollowUser { .. }));
    /// assert_eq!(change.parties(), Some(("zhangsan", "woAJ2GCAAAXtWyujaWJHDDGi0mACAAAA")));
    /// # Ok::<(), wechat_runtime::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::MalformedMessage`] as [`parse`](Self::parse), and for an event without
    /// `Event` or whose `CreateTime` is missing or not a number, or a typed event whose
    /// nested elements (`ApprovalInfo`, `MemChangeList`) have the wrong shape.
    ///
    /// [`Endpoint::work`]: super::super::Endpoint::work
    pub fn parse_work(xml: &str) -> Result<Incoming> {
        let src = Source { xml, original: xml };
        // Well-formed, no DOCTYPE: checked here, before anything else reads the text.
        let kind: RawKind = xml::from_str(xml)?;
        let is_event = kind
            .msg_type
            .as_deref()
            .is_some_and(|t| t.trim().eq_ignore_ascii_case("event"));
        if is_event {
            work_event(kind, src).map(Incoming::Work)
        } else {
            parse_source(src)
        }
    }

    /// The kind of a WeCom event; `None` for anything else.
    ///
    /// ```
    /// use wechat_runtime::callback::{Incoming, WorkEventKind};
    ///
    /// let xml = "<xml><ToUserName>ww1</ToUserName><FromUserName>zhangsan</FromUserName>\
    ///     <CreateTime>1</CreateTime><MsgType>event</MsgType><Event>click</Event>\
    ///     <EventKey>MENU_1</EventKey><AgentID>1000002</AgentID></xml>";
    /// let incoming = Incoming::parse_work(xml)?;
    /// assert!(matches!(
    ///     incoming.work_event(),
    ///     Some(WorkEventKind::Click { event_key }) if event_key == "MENU_1"
    /// ));
    /// # Ok::<(), wechat_runtime::Error>(())
    /// ```
    pub fn work_event(&self) -> Option<&WorkEventKind> {
        match self {
            Incoming::Work(event) => Some(&event.kind),
            _ => None,
        }
    }

    /// `AgentID`: the WeCom application a message or an event is for; `None` when the callback
    /// has none (WeChat's callbacks, WeCom's address book and customer contact events).
    ///
    /// ```
    /// use wechat_runtime::callback::Incoming;
    ///
    /// let xml = "<xml><ToUserName>ww1</ToUserName><FromUserName>zhangsan</FromUserName>\
    ///     <CreateTime>1</CreateTime><MsgType>text</MsgType><Content>hi</Content>\
    ///     <MsgId>1</MsgId><AgentID>1000002</AgentID></xml>";
    /// let incoming = Incoming::parse_work(xml)?;
    /// assert_eq!(incoming.text(), Some("hi"));
    /// assert_eq!(incoming.agent_id(), Some(1000002));
    /// # Ok::<(), wechat_runtime::Error>(())
    /// ```
    pub fn agent_id(&self) -> Option<u64> {
        match self {
            Incoming::Work(event) => event.agent_id,
            other => other.field("AgentID").and_then(|v| v.trim().parse().ok()),
        }
    }
}

fn work_event(kind: RawKind, src: Source<'_>) -> Result<WorkEvent> {
    let malformed = |what: &str| Error::MalformedMessage(what.to_owned());
    let event = kind
        .event
        .map(|e| e.trim().to_owned())
        .filter(|e| !e.is_empty())
        .ok_or_else(|| malformed("no Event"))?;
    let create_time = kind
        .create_time
        .ok_or_else(|| malformed("no CreateTime"))?
        .trim()
        .parse()
        .map_err(|_| malformed("the CreateTime is not a number"))?;
    let header = Header {
        to_user_name: kind.to_user_name.unwrap_or_default(),
        from_user_name: kind.from_user_name.unwrap_or_default(),
        create_time,
    };
    let fields = CallbackFields::from_xml(src.xml);
    let kind = work_event_kind(&event, &fields, src)?;
    Ok(WorkEvent {
        header,
        agent_id: optional_number(&fields, "AgentID"),
        kind,
        fields,
    })
}

fn work_event_kind(event: &str, f: &CallbackFields, src: Source<'_>) -> Result<WorkEventKind> {
    Ok(match event.to_ascii_lowercase().as_str() {
        "click" => WorkEventKind::Click {
            event_key: f.string("EventKey"),
        },
        "view" => WorkEventKind::View {
            event_key: f.string("EventKey"),
        },
        "enter_agent" => WorkEventKind::EnterAgent {
            event_key: f.string("EventKey"),
        },
        "change_contact" => WorkEventKind::ChangeContact(ContactChange::from_fields(f)),
        "change_external_contact" => {
            WorkEventKind::ChangeExternalContact(ExternalContactChange::from_fields(f))
        }
        "change_external_chat" => {
            WorkEventKind::ChangeExternalChat(ExternalChatChange::parse(f, src.xml)?)
        }
        "sys_approval_change" => {
            WorkEventKind::SysApprovalChange(Box::new(ApprovalChange::parse(src.xml)?))
        }
        "kf_msg_or_event" => WorkEventKind::KfMsgOrEvent {
            token: f.string("Token"),
            open_kf_id: f.string("OpenKfId"),
        },
        _ => WorkEventKind::Unknown {
            event: event.to_owned(),
            raw: src.original.to_owned(),
        },
    })
}
