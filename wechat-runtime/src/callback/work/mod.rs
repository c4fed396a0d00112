//! WeCom (企业微信) events: what the callback URL of a self-built application receives besides
//! its members' messages, through an [`Endpoint::work`](super::Endpoint::work).
//!
//! WeChat's events stay in `event/`: WeCom names its own (`change_contact`,
//! `sys_approval_change`…), spells the shared ones its way (`click`, `view`), adds `AgentID`,
//! and leaves `FromUserName` out of some (`kf_msg_or_event`). So a WeCom event is typed here,
//! as an [`Incoming::Work`](super::Incoming::Work), while a member's message is an
//! [`Incoming::Message`](super::Incoming::Message) as on WeChat.

mod approval;
mod contact;
mod external;
mod parse;

use std::fmt;

use super::fields::CallbackFields;
use super::header::Header;

pub use self::approval::ApprovalChange;
pub use self::contact::{ContactChange, MemberChange, PartyChange, TagChange};
pub use self::external::{ExternalChatChange, ExternalChatUpdate, ExternalContactChange};

/// An event WeCom pushes to a self-built application (`<MsgType>event</MsgType>`, received
/// through an [`Endpoint::work`](super::Endpoint::work) or parsed by
/// [`Incoming::parse_work`](super::Incoming::parse_work)).
///
/// ```
/// use wechat_runtime::callback::{ContactChange, Incoming, WorkEventKind};
///
/// let xml = "<xml><ToUserName><![CDATA[ww0123456789abcdef]]></ToUserName>\
///     <FromUserName><![CDATA[sys]]></FromUserName><CreateTime>1403610513</CreateTime>\
///     <MsgType><![CDATA[event]]></MsgType><Event><![CDATA[change_contact]]></Event>\
///     <ChangeType>delete_user</ChangeType><UserID><![CDATA[zhangsan]]></UserID></xml>";
/// let Incoming::Work(event) = Incoming::parse_work(xml)? else { unreachable!() };
/// assert_eq!(event.header.to_user_name, "ww0123456789abcdef");
/// assert!(matches!(
///     event.kind,
///     WorkEventKind::ChangeContact(ContactChange::DeleteUser { ref user_id }) if user_id == "zhangsan"
/// ));
/// # Ok::<(), wechat_runtime::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct WorkEvent {
    /// `ToUserName` (the corpid), `FromUserName` (the member's UserID, or `sys` for events
    /// of the system; empty when WeCom leaves it out, as in `kf_msg_or_event`), `CreateTime`.
    pub header: Header,
    /// `AgentID`: the application, on the events of an application (menus, `enter_agent`,
    /// approvals); `None` on those of the address book and of customer contact.
    pub agent_id: Option<u64>,
    /// Which event, with its fields.
    pub kind: WorkEventKind,
    /// Every top-level field, typed or not, by name.
    pub fields: CallbackFields,
}

/// The kinds of WeCom event, by their `Event` value (matched without regard to case).
///
/// Fields WeCom documents for an event but leaves out read as empty (`""`, `0`, empty lists),
/// except where an `Option` tells "not sent" from "sent empty".
#[derive(Clone, PartialEq)]
#[non_exhaustive]
pub enum WorkEventKind {
    /// `click`: a click on a menu button of the application.
    Click {
        /// `EventKey`: the key of the button.
        event_key: String,
    },
    /// `view`: a menu button that opens a web page.
    View {
        /// `EventKey`: the URL.
        event_key: String,
    },
    /// `enter_agent`: a member entered the application.
    EnterAgent {
        /// `EventKey`: empty.
        event_key: String,
    },
    /// `change_contact`: the address book changed (members, departments, tags).
    ChangeContact(ContactChange),
    /// `change_external_contact`: a customer was added, edited, deleted, or not transferred.
    ChangeExternalContact(ExternalContactChange),
    /// `change_external_chat`: a customer group was created, changed or dismissed.
    ChangeExternalChat(ExternalChatChange),
    /// `sys_approval_change`: an application of the Approval app changed state.
    SysApprovalChange(Box<ApprovalChange>),
    /// `kf_msg_or_event`: WeChat Customer Service (微信客服) has new messages or events; read
    /// them with `sync_msg`, passing the token.
    KfMsgOrEvent {
        /// `Token`: for `/cgi-bin/kf/sync_msg`, valid ten minutes. Its `Debug` hides it.
        token: String,
        /// `OpenKfId`: the customer service account with news.
        open_kf_id: String,
    },
    /// An event this crate does not type (`subscribe`, `LOCATION`, `batch_job_result`,
    /// `scancode_push`, `open_approval_change`, `template_card_event`…): its `Event` value and
    /// the whole callback, decrypted. Its fields are also in [`WorkEvent::fields`].
    Unknown {
        /// The `Event` value.
        event: String,
        /// The callback, decrypted.
        raw: String,
    },
}

impl WorkEventKind {
    /// The `Event` value, as WeCom's documentation spells it (`click`, `change_contact`…);
    /// for [`Unknown`](Self::Unknown), the value received.
    ///
    /// ```
    /// use wechat_runtime::callback::Incoming;
    ///
    /// let xml = "<xml><ToUserName>ww1</ToUserName><FromUserName>zhangsan</FromUserName>\
    ///     <CreateTime>1</CreateTime><MsgType>event</MsgType><Event>enter_agent</Event>\
    ///     <EventKey></EventKey><AgentID>1000002</AgentID></xml>";
    /// let incoming = Incoming::parse_work(xml)?;
    /// assert_eq!(incoming.work_event().map(|kind| kind.name()), Some("enter_agent"));
    /// assert_eq!(incoming.agent_id(), Some(1000002));
    /// # Ok::<(), wechat_runtime::Error>(())
    /// ```
    pub fn name(&self) -> &str {
        match self {
            WorkEventKind::Click { .. } => "click",
            WorkEventKind::View { .. } => "view",
            WorkEventKind::EnterAgent { .. } => "enter_agent",
            WorkEventKind::ChangeContact(_) => "change_contact",
            WorkEventKind::ChangeExternalContact(_) => "change_external_contact",
            WorkEventKind::ChangeExternalChat(_) => "change_external_chat",
            WorkEventKind::SysApprovalChange(_) => "sys_approval_change",
            WorkEventKind::KfMsgOrEvent { .. } => "kf_msg_or_event",
            WorkEventKind::Unknown { event, .. } => event,
        }
    }

    /// The `ChangeType` of a change event (`create_user`, `add_external_contact`, `dismiss`…);
    /// `None` for the others.
    pub fn change_type(&self) -> Option<&str> {
        match self {
            WorkEventKind::ChangeContact(change) => Some(change.change_type()),
            WorkEventKind::ChangeExternalContact(change) => Some(change.change_type()),
            WorkEventKind::ChangeExternalChat(change) => Some(change.change_type()),
            _ => None,
        }
    }
}

/// The customer service token is a credential: `Debug` does not show it, nor the raw text.
impl fmt::Debug for WorkEventKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WorkEventKind::Click { event_key } => f
                .debug_struct("Click")
                .field("event_key", event_key)
                .finish(),
            WorkEventKind::View { event_key } => f
                .debug_struct("View")
                .field("event_key", event_key)
                .finish(),
            WorkEventKind::EnterAgent { event_key } => f
                .debug_struct("EnterAgent")
                .field("event_key", event_key)
                .finish(),
            WorkEventKind::ChangeContact(c) => f.debug_tuple("ChangeContact").field(c).finish(),
            WorkEventKind::ChangeExternalContact(c) => {
                f.debug_tuple("ChangeExternalContact").field(c).finish()
            }
            WorkEventKind::ChangeExternalChat(c) => {
                f.debug_tuple("ChangeExternalChat").field(c).finish()
            }
            WorkEventKind::SysApprovalChange(a) => {
                f.debug_tuple("SysApprovalChange").field(a).finish()
            }
            WorkEventKind::KfMsgOrEvent { open_kf_id, .. } => f
                .debug_struct("KfMsgOrEvent")
                .field("token", &"…")
                .field("open_kf_id", open_kf_id)
                .finish(),
            WorkEventKind::Unknown { event, raw } => f
                .debug_struct("Unknown")
                .field("event", event)
                .field("raw_len", &raw.len())
                .finish(),
        }
    }
}

/// A field as an owned string, `None` when the callback does not carry it.
fn optional(fields: &CallbackFields, name: &str) -> Option<String> {
    fields.get(name).map(str::to_owned)
}

/// A field as a number, `None` when absent or not a number.
fn optional_number<T: std::str::FromStr>(fields: &CallbackFields, name: &str) -> Option<T> {
    fields.get(name).and_then(|v| v.trim().parse().ok())
}

/// A comma-separated list (`1,2,3`, `zhangsan,lisi`), without empty items; `None` when the
/// field is absent.
fn list<T: std::str::FromStr>(fields: &CallbackFields, name: &str) -> Option<Vec<T>> {
    fields.get(name).map(|v| {
        v.split(',')
            .map(str::trim)
            .filter(|item| !item.is_empty())
            .filter_map(|item| item.parse().ok())
            .collect()
    })
}
