//! What can be pushed, and its XML.

use super::xml::{document, Field};

/// A message or event a user sends to an account, pushed with
/// [`Simulator::push`](crate::Simulator::push).
///
/// ```
/// use wechat_simulator::Push;
///
/// let hello = Push::text("o6_bmjrPTlm6_2sgVt7hMZOPfL2M", "hello");
/// let scanned = Push::scan("o6_bmjrPTlm6_2sgVt7hMZOPfL2M", "table-7");
/// assert_eq!(hello.openid(), scanned.openid());
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Push {
    /// A text message (`MsgType` text).
    Text {
        /// The sender.
        openid: String,
        /// What the user wrote.
        content: String,
    },
    /// The user followed the account (`Event` subscribe), from a QR code when `scene` is set
    /// (`EventKey` `qrscene_<scene>` and its `Ticket`). The user becomes a follower.
    Subscribe {
        /// The user.
        openid: String,
        /// The scene of the QR code scanned to follow, if any.
        scene: Option<String>,
    },
    /// The user unfollowed the account. The user stops being a follower.
    Unsubscribe {
        /// The user.
        openid: String,
    },
    /// The user clicked a menu button of type `click` (`Event` CLICK).
    Click {
        /// The user.
        openid: String,
        /// The button's `key`.
        key: String,
    },
    /// A follower scanned a QR code with a scene (`Event` SCAN).
    Scan {
        /// The user.
        openid: String,
        /// The QR code's scene.
        scene: String,
    },
    /// The user's location, as reported when the account asks for it (`Event` LOCATION).
    Location {
        /// The user.
        openid: String,
        /// Latitude in degrees.
        latitude: f64,
        /// Longitude in degrees.
        longitude: f64,
        /// Precision in metres.
        precision: f64,
    },
    /// A template message was delivered (`Event` TEMPLATESENDJOBFINISH, `Status` success).
    TemplateSendJobFinish {
        /// The recipient.
        openid: String,
        /// The `msgid` that `message/template/send` answered.
        msg_id: u64,
    },
}

impl Push {
    /// A text message from `openid`.
    pub fn text(openid: impl Into<String>, content: impl Into<String>) -> Self {
        Push::Text {
            openid: openid.into(),
            content: content.into(),
        }
    }

    /// `openid` follows the account.
    pub fn subscribe(openid: impl Into<String>) -> Self {
        Push::Subscribe {
            openid: openid.into(),
            scene: None,
        }
    }

    /// `openid` unfollows the account.
    pub fn unsubscribe(openid: impl Into<String>) -> Self {
        Push::Unsubscribe {
            openid: openid.into(),
        }
    }

    /// `openid` clicks the menu button with `key`.
    pub fn click(openid: impl Into<String>, key: impl Into<String>) -> Self {
        Push::Click {
            openid: openid.into(),
            key: key.into(),
        }
    }

    /// `openid`, already a follower, scans a QR code of `scene`.
    pub fn scan(openid: impl Into<String>, scene: impl Into<String>) -> Self {
        Push::Scan {
            openid: openid.into(),
            scene: scene.into(),
        }
    }

    /// `openid` reports a location.
    pub fn location(
        openid: impl Into<String>,
        latitude: f64,
        longitude: f64,
        precision: f64,
    ) -> Self {
        Push::Location {
            openid: openid.into(),
            latitude,
            longitude,
            precision,
        }
    }

    /// The template message `msg_id` reached `openid`.
    pub fn template_send_job_finish(openid: impl Into<String>, msg_id: u64) -> Self {
        Push::TemplateSendJobFinish {
            openid: openid.into(),
            msg_id,
        }
    }

    /// The user the push is from.
    pub fn openid(&self) -> &str {
        match self {
            Push::Text { openid, .. }
            | Push::Subscribe { openid, .. }
            | Push::Unsubscribe { openid }
            | Push::Click { openid, .. }
            | Push::Scan { openid, .. }
            | Push::Location { openid, .. }
            | Push::TemplateSendJobFinish { openid, .. } => openid,
        }
    }

    /// The XML WeChat would push, to the account whose original id is `to`; `ticket` is the QR
    /// ticket of a scene, `msg_id` the id of a message.
    pub(crate) fn to_xml(&self, to: &str, now: u64, msg_id: u64, ticket: &str) -> String {
        let now = now.to_string();
        let head = |msg_type| {
            vec![
                ("ToUserName", Field::Text(to)),
                ("FromUserName", Field::Text(self.openid())),
                ("CreateTime", Field::Number(&now)),
                ("MsgType", Field::Text(msg_type)),
            ]
        };
        let event = |name| {
            let mut fields = head("event");
            fields.push(("Event", Field::Text(name)));
            fields
        };
        match self {
            Push::Text { content, .. } => {
                let msg_id = msg_id.to_string();
                let mut fields = head("text");
                fields.push(("Content", Field::Text(content)));
                fields.push(("MsgId", Field::Number(&msg_id)));
                document(&fields)
            }
            Push::Subscribe { scene: None, .. } => document(&event("subscribe")),
            Push::Subscribe {
                scene: Some(scene), ..
            } => {
                let key = format!("qrscene_{scene}");
                let mut fields = event("subscribe");
                fields.push(("EventKey", Field::Text(&key)));
                fields.push(("Ticket", Field::Text(ticket)));
                document(&fields)
            }
            Push::Unsubscribe { .. } => document(&event("unsubscribe")),
            Push::Click { key, .. } => {
                let mut fields = event("CLICK");
                fields.push(("EventKey", Field::Text(key)));
                document(&fields)
            }
            Push::Scan { scene, .. } => {
                let mut fields = event("SCAN");
                fields.push(("EventKey", Field::Text(scene)));
                fields.push(("Ticket", Field::Text(ticket)));
                document(&fields)
            }
            Push::Location {
                latitude,
                longitude,
                precision,
                ..
            } => {
                let (lat, lng, precision) = (
                    format!("{latitude:.6}"),
                    format!("{longitude:.6}"),
                    format!("{precision:.6}"),
                );
                let mut fields = event("LOCATION");
                fields.push(("Latitude", Field::Number(&lat)));
                fields.push(("Longitude", Field::Number(&lng)));
                fields.push(("Precision", Field::Number(&precision)));
                document(&fields)
            }
            Push::TemplateSendJobFinish { msg_id, .. } => {
                let msg_id = msg_id.to_string();
                let mut fields = event("TEMPLATESENDJOBFINISH");
                fields.push(("MsgID", Field::Number(&msg_id)));
                fields.push(("Status", Field::Text("success")));
                document(&fields)
            }
        }
    }
}

/// A notification WeChat sends to a third-party platform, pushed with
/// [`Simulator::push_component`](crate::Simulator::push_component).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ComponentPush {
    /// A new `component_verify_ticket` (WeChat sends one every ten minutes).
    VerifyTicket,
    /// An account authorized the component: the push carries a fresh authorization code for
    /// `api_query_auth`.
    Authorized {
        /// The account that authorized.
        authorizer_appid: String,
    },
    /// An account changed what it authorized: a fresh authorization code too.
    UpdateAuthorized {
        /// The account.
        authorizer_appid: String,
    },
    /// An account revoked the authorization; its refresh token stops working.
    Unauthorized {
        /// The account.
        authorizer_appid: String,
    },
}

/// A component notification with its data drawn from the simulator's state.
#[derive(Debug, Clone)]
pub(crate) enum ComponentNotice {
    VerifyTicket(String),
    Authorized {
        info_type: &'static str,
        authorizer: String,
        code: String,
    },
    Unauthorized(String),
}

impl ComponentNotice {
    pub(crate) fn to_xml(&self, component_appid: &str, now: u64) -> String {
        let created = now.to_string();
        let mut fields = vec![
            ("AppId", Field::Text(component_appid)),
            ("CreateTime", Field::Number(&created)),
        ];
        // An authorization code lives for an hour.
        let expires = (now + 3600).to_string();
        match self {
            ComponentNotice::VerifyTicket(ticket) => {
                fields.push(("InfoType", Field::Text("component_verify_ticket")));
                fields.push(("ComponentVerifyTicket", Field::Text(ticket)));
            }
            ComponentNotice::Authorized {
                info_type,
                authorizer,
                code,
            } => {
                fields.push(("InfoType", Field::Text(info_type)));
                fields.push(("AuthorizerAppid", Field::Text(authorizer)));
                fields.push(("AuthorizationCode", Field::Text(code)));
                fields.push(("AuthorizationCodeExpiredTime", Field::Number(&expires)));
                fields.push(("PreAuthCode", Field::Text("preauthcode@@@simulated")));
            }
            ComponentNotice::Unauthorized(authorizer) => {
                fields.push(("InfoType", Field::Text("unauthorized")));
                fields.push(("AuthorizerAppid", Field::Text(authorizer)));
            }
        }
        document(&fields)
    }
}
