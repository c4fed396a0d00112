//! What WeCom pushes to a corp's app: user messages and events, contact and external contact
//! changes, approval and customer service notices; and how it sends them. WeCom callbacks are
//! always encrypted, with the corpid as receive id, and signed with `msg_signature` only.

use rand::Rng;

use super::{crypt, CallbackTarget, Delivery, PushError, Pusher};

/// A message or event WeCom pushes to an app of a corp, with
/// [`Simulator::push_work`](crate::Simulator::push_work).
///
/// ```
/// use wechat_simulator::WorkPush;
///
/// let hello = WorkPush::text("zhangsan", "hello");
/// let joined = WorkPush::CreateUser {
///     userid: "lisi".into(),
///     name: "Li Si".into(),
///     departments: vec![1, 2],
/// };
/// assert_ne!(hello, joined);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum WorkPush {
    /// A member wrote to the app (`MsgType` text).
    Text {
        /// The member's userid.
        userid: String,
        /// What the member wrote.
        content: String,
    },
    /// A member entered the app (`Event` enter_agent).
    EnterAgent {
        /// The member's userid.
        userid: String,
    },
    /// A member clicked a menu button of type `click` of the app (`Event` click).
    Click {
        /// The member's userid.
        userid: String,
        /// The button's `key`.
        key: String,
    },
    /// A member was added to the corp (`Event` change_contact, `ChangeType` create_user).
    CreateUser {
        /// The new member's userid.
        userid: String,
        /// The member's name.
        name: String,
        /// The ids of the member's departments.
        departments: Vec<i64>,
    },
    /// A member was changed (`ChangeType` update_user); `NewUserID` when the userid changed.
    UpdateUser {
        /// The member's userid before the change.
        userid: String,
        /// The member's new userid, when it changed.
        new_userid: Option<String>,
        /// The member's new name, when it changed.
        name: Option<String>,
    },
    /// A member was removed from the corp (`ChangeType` delete_user).
    DeleteUser {
        /// The removed member's userid.
        userid: String,
    },
    /// A member added an external contact (`Event` change_external_contact, `ChangeType`
    /// add_external_contact), with a `WelcomeCode` for the welcome message.
    AddExternalContact {
        /// The member's userid.
        userid: String,
        /// The external contact's `external_userid`.
        external_userid: String,
        /// The `state` of the contact way the contact came through, if any.
        state: Option<String>,
    },
    /// A member removed an external contact (`ChangeType` del_external_contact).
    DelExternalContact {
        /// The member's userid.
        userid: String,
        /// The external contact's `external_userid`.
        external_userid: String,
    },
    /// An approval changed state (`Event` sys_approval_change).
    ApprovalChange {
        /// The approval's number (`SpNo`).
        sp_no: String,
        /// The template's name (`SpName`).
        sp_name: String,
        /// The approval's state (`SpStatus`): 1 pending, 2 approved, 3 rejected, 4 revoked…
        sp_status: i64,
        /// The template's id.
        template_id: String,
        /// Who applied (`Applyer/UserId`).
        applicant: String,
        /// What changed (`StatuChangeEvent`): 1 submitted, 2 approved, 3 rejected…
        change: i64,
    },
    /// A WeChat customer service account has new messages or events (`Event`
    /// kf_msg_or_event): the app reads them with `kf/sync_msg` and this `Token`.
    KfMsgOrEvent {
        /// The customer service account (`OpenKfId`).
        open_kfid: String,
        /// The `token` to pass to `kf/sync_msg`.
        token: String,
    },
}

impl WorkPush {
    /// A text message from the member `userid`.
    pub fn text(userid: impl Into<String>, content: impl Into<String>) -> Self {
        WorkPush::Text {
            userid: userid.into(),
            content: content.into(),
        }
    }

    /// A click on the menu button `key` by the member `userid`.
    pub fn click(userid: impl Into<String>, key: impl Into<String>) -> Self {
        WorkPush::Click {
            userid: userid.into(),
            key: key.into(),
        }
    }

    /// The member `userid` entering the app.
    pub fn enter_agent(userid: impl Into<String>) -> Self {
        WorkPush::EnterAgent {
            userid: userid.into(),
        }
    }

    /// The XML WeCom pushes, before encryption: to the corp `corpid`'s agent `agent_id` at
    /// unix time `now`; `msg_id` numbers a message, `code` is a fresh welcome code.
    pub(crate) fn to_xml(
        &self,
        corpid: &str,
        agent_id: i64,
        now: u64,
        msg_id: u64,
        code: &str,
    ) -> String {
        let mut xml = Xml::new();
        xml.text("ToUserName", corpid);
        let from = match self {
            WorkPush::Text { userid, .. }
            | WorkPush::EnterAgent { userid }
            | WorkPush::Click { userid, .. } => userid.as_str(),
            _ => "sys",
        };
        if !matches!(self, WorkPush::KfMsgOrEvent { .. }) {
            xml.text("FromUserName", from);
        }
        xml.number("CreateTime", now);
        match self {
            WorkPush::Text { content, .. } => {
                xml.text("MsgType", "text");
                xml.text("Content", content);
                xml.number("MsgId", msg_id);
                xml.number("AgentID", agent_id);
            }
            WorkPush::EnterAgent { .. } => {
                event(&mut xml, "enter_agent");
                xml.text("EventKey", "");
                xml.number("AgentID", agent_id);
            }
            WorkPush::Click { key, .. } => {
                event(&mut xml, "click");
                xml.text("EventKey", key);
                xml.number("AgentID", agent_id);
            }
            WorkPush::CreateUser {
                userid,
                name,
                departments,
            } => {
                change(&mut xml, "change_contact", "create_user");
                xml.text("UserID", userid);
                xml.text("Name", name);
                let departments: Vec<String> = departments.iter().map(i64::to_string).collect();
                xml.text("Department", &departments.join(","));
            }
            WorkPush::UpdateUser {
                userid,
                new_userid,
                name,
            } => {
                change(&mut xml, "change_contact", "update_user");
                xml.text("UserID", userid);
                if let Some(new_userid) = new_userid {
                    xml.text("NewUserID", new_userid);
                }
                if let Some(name) = name {
                    xml.text("Name", name);
                }
            }
            WorkPush::DeleteUser { userid } => {
                change(&mut xml, "change_contact", "delete_user");
                xml.text("UserID", userid);
            }
            WorkPush::AddExternalContact {
                userid,
                external_userid,
                state,
            } => {
                change(&mut xml, "change_external_contact", "add_external_contact");
                xml.text("UserID", userid);
                xml.text("ExternalUserID", external_userid);
                if let Some(state) = state {
                    xml.text("State", state);
                }
                xml.text("WelcomeCode", code);
            }
            WorkPush::DelExternalContact {
                userid,
                external_userid,
            } => {
                change(&mut xml, "change_external_contact", "del_external_contact");
                xml.text("UserID", userid);
                xml.text("ExternalUserID", external_userid);
            }
            WorkPush::ApprovalChange {
                sp_no,
                sp_name,
                sp_status,
                template_id,
                applicant,
                change,
            } => {
                event(&mut xml, "sys_approval_change");
                xml.number("AgentID", agent_id);
                xml.open("ApprovalInfo");
                xml.raw_number("SpNo", sp_no);
                xml.text("SpName", sp_name);
                xml.number("SpStatus", sp_status);
                xml.text("TemplateId", template_id);
                xml.number("ApplyTime", now);
                xml.open("Applyer");
                xml.text("UserId", applicant);
                xml.close("Applyer");
                xml.number("StatuChangeEvent", change);
                xml.close("ApprovalInfo");
            }
            WorkPush::KfMsgOrEvent { open_kfid, token } => {
                event(&mut xml, "kf_msg_or_event");
                xml.text("Token", token);
                xml.text("OpenKfId", open_kfid);
            }
        }
        xml.finish()
    }
}

fn event(xml: &mut Xml, name: &str) {
    xml.text("MsgType", "event");
    xml.text("Event", name);
}

fn change(xml: &mut Xml, name: &str, change_type: &str) {
    event(xml, name);
    xml.text("ChangeType", change_type);
}

/// A small writer of WeCom's XML: text in CDATA, numbers bare, nested elements.
struct Xml(String);

impl Xml {
    fn new() -> Self {
        Xml(String::from("<xml>"))
    }

    fn open(&mut self, name: &str) {
        self.0.push('<');
        self.0.push_str(name);
        self.0.push('>');
    }

    fn close(&mut self, name: &str) {
        self.0.push_str("</");
        self.0.push_str(name);
        self.0.push('>');
    }

    fn text(&mut self, name: &str, text: &str) {
        self.open(name);
        self.0.push_str("<![CDATA[");
        self.0.push_str(&text.replace("]]>", "]]]]><![CDATA[>"));
        self.0.push_str("]]>");
        self.close(name);
    }

    fn number(&mut self, name: &str, number: impl std::fmt::Display) {
        self.open(name);
        self.0.push_str(&number.to_string());
        self.close(name);
    }

    /// A number given as text; written bare when it is digits, as CDATA otherwise.
    fn raw_number(&mut self, name: &str, text: &str) {
        if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
            self.number(name, text);
        } else {
            self.text(name, text);
        }
    }

    fn finish(mut self) -> String {
        self.0.push_str("</xml>");
        self.0
    }
}

/// A fresh `timestamp` and `nonce` for a push.
fn stamp() -> (String, String) {
    let timestamp = crate::clock::unix_now().to_string();
    let nonce = rand::thread_rng()
        .gen_range(100_000_000u64..10_000_000_000)
        .to_string();
    (timestamp, nonce)
}

/// The AES key of a target, which WeCom requires.
fn key_of(target: &CallbackTarget, corpid: &str) -> Result<[u8; 32], PushError> {
    target
        .key
        .ok_or_else(|| PushError::NotEncrypted(corpid.to_owned()))
}

impl Pusher {
    /// Encrypts `xml` for `corpid`, signs it and posts it as WeCom does: the query carries
    /// `msg_signature`, `timestamp` and `nonce`; the body is
    /// `<xml><ToUserName/><AgentID/><Encrypt/></xml>`.
    pub(crate) async fn send_work(
        &self,
        target: &CallbackTarget,
        corpid: &str,
        agent_id: i64,
        xml: &str,
    ) -> Result<Delivery, PushError> {
        let key = key_of(target, corpid)?;
        let (timestamp, nonce) = stamp();
        let encrypted = crypt::encrypt(&key, xml, corpid);
        let msg_signature = crypt::sign(&[&target.token, &timestamp, &nonce, &encrypted]);
        let mut body = Xml::new();
        body.text("ToUserName", corpid);
        body.text("AgentID", &agent_id.to_string());
        body.text("Encrypt", &encrypted);
        let request = self
            .http
            .post(&target.url)
            .query(&[
                ("msg_signature", msg_signature),
                ("timestamp", timestamp),
                ("nonce", nonce),
            ])
            .header("content-type", "text/xml")
            .body(body.finish());
        deliver(request).await
    }

    /// WeCom's URL verification: a GET with `msg_signature`, `timestamp`, `nonce` and an
    /// encrypted `echostr` of `plaintext`; the app should answer `plaintext`.
    pub(crate) async fn verify_work(
        &self,
        target: &CallbackTarget,
        corpid: &str,
        plaintext: &str,
    ) -> Result<Delivery, PushError> {
        let key = key_of(target, corpid)?;
        let (timestamp, nonce) = stamp();
        let echostr = crypt::encrypt(&key, plaintext, corpid);
        let msg_signature = crypt::sign(&[&target.token, &timestamp, &nonce, &echostr]);
        let request = self.http.get(&target.url).query(&[
            ("msg_signature", msg_signature),
            ("timestamp", timestamp),
            ("nonce", nonce),
            ("echostr", echostr),
        ]);
        deliver(request).await
    }
}

async fn deliver(request: reqwest::RequestBuilder) -> Result<Delivery, PushError> {
    let response = request
        .send()
        .await
        .map_err(|e| PushError::Unreachable(e.without_url().to_string()))?;
    let status = response.status().as_u16();
    let body = response
        .text()
        .await
        .map_err(|e| PushError::Unreachable(e.without_url().to_string()))?;
    Ok(Delivery { status, body })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_carry_the_agent_and_contact_changes_come_from_sys() {
        let text = WorkPush::text("zhangsan", "hi").to_xml("wwcorp", 1000002, 1, 7, "c");
        assert!(text.contains("<FromUserName><![CDATA[zhangsan]]></FromUserName>"));
        assert!(text.contains("<MsgId>7</MsgId><AgentID>1000002</AgentID>"));
        let created = WorkPush::CreateUser {
            userid: "lisi".into(),
            name: "Li".into(),
            departments: vec![1, 2],
        }
        .to_xml("wwcorp", 1, 1, 1, "c");
        assert!(created.contains("<FromUserName><![CDATA[sys]]></FromUserName>"));
        assert!(created.contains("<Department><![CDATA[1,2]]></Department>"));
        let approval = WorkPush::ApprovalChange {
            sp_no: "202006280001".into(),
            sp_name: "Leave".into(),
            sp_status: 2,
            template_id: "t".into(),
            applicant: "zhangsan".into(),
            change: 2,
        }
        .to_xml("wwcorp", 3010040, 5, 1, "c");
        assert!(approval
            .contains("<ApprovalInfo><SpNo>202006280001</SpNo><SpName><![CDATA[Leave]]></SpName>"));
        assert!(approval.contains("<Applyer><UserId><![CDATA[zhangsan]]></UserId></Applyer>"));
    }
}
