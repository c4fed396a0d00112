//! Control of the simulator for WeCom's customer-facing areas: customers added by members,
//! customer group chats, customers writing to customer service, approval templates and
//! approvers' decisions, and what the applications sent (welcomes, customer service messages).

use serde_json::Value;

use super::Simulator;
use crate::{
    clock::unix_now,
    state::work_crm::{
        ApprovalTemplateRow, ChatMember, ControlRow, Customer, Follow, GroupChat, KfInbound,
    },
    tokens::random_string,
};

impl Simulator {
    /// Makes `userids` members of `corpid` allowed to serve customers
    /// (`get_follow_user_list`), without customers yet; "contact me" ways may then name them.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> std::io::Result<()> {
    /// let sim = wechat_simulator::Simulator::start().await?;
    /// sim.add_follow_users("ww0123456789abcdef", &["zhangsan", "lisi"]);
    /// # Ok(())
    /// # }
    /// ```
    pub fn add_follow_users<S: AsRef<str>>(&self, corpid: &str, userids: &[S]) {
        let mut inner = self.state.lock();
        let corp = inner.work_crm.corp(corpid);
        corp.follow_users
            .extend(userids.iter().map(|u| u.as_ref().to_owned()));
    }

    /// The member `userid` of `corpid` adds the WeChat user `external_userid` named `name` as
    /// a customer (the member becomes one who serves customers). Returns the welcome code
    /// WeCom's add-customer event would carry, good for one `send_welcome_msg`.
    ///
    /// `externalcontact/list`, `get` and `batch/get_by_user` then show the customer, and
    /// remarks, tags and welcomes apply to the pair.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> std::io::Result<()> {
    /// let sim = wechat_simulator::Simulator::start().await?;
    /// let code = sim.add_external_contact("ww0123456789abcdef", "zhangsan", "wmCustomer1", "Li Si");
    /// assert!(!code.is_empty());
    /// # Ok(())
    /// # }
    /// ```
    pub fn add_external_contact(
        &self,
        corpid: &str,
        userid: &str,
        external_userid: &str,
        name: &str,
    ) -> String {
        let mut inner = self.state.lock();
        let corp = inner.work_crm.corp(corpid);
        corp.follow_users.insert(userid.to_owned());
        corp.customers
            .entry(external_userid.to_owned())
            .or_insert_with(|| Customer {
                external_userid: external_userid.to_owned(),
                name: name.to_owned(),
                kind: 1,
                gender: 0,
                unionid: None,
            });
        corp.follows
            .entry((userid.to_owned(), external_userid.to_owned()))
            .or_insert_with(|| Follow {
                createtime: unix_now(),
                add_way: 1,
                ..Follow::default()
            });
        let code = random_string(43);
        corp.issue_welcome_code(code.clone());
        code
    }

    /// A customer group chat of `corpid` named `name`, owned by the member `owner`, with the
    /// customers `external_userids` invited by the owner. Returns its `chat_id`.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> std::io::Result<()> {
    /// let sim = wechat_simulator::Simulator::start().await?;
    /// let chat_id = sim.add_customer_group_chat("ww0123456789abcdef", "zhangsan", "VIP", &["wmCustomer1"]);
    /// assert!(chat_id.starts_with("wr"));
    /// # Ok(())
    /// # }
    /// ```
    pub fn add_customer_group_chat<S: AsRef<str>>(
        &self,
        corpid: &str,
        owner: &str,
        name: &str,
        external_userids: &[S],
    ) -> String {
        let now = unix_now();
        let mut inner = self.state.lock();
        let corp = inner.work_crm.corp(corpid);
        let chat_id = format!("wr{:06}{}", corp.next_id(), random_string(22));
        let mut members = vec![ChatMember {
            userid: owner.to_owned(),
            kind: 1,
            join_time: now,
            invitor: None,
        }];
        members.extend(external_userids.iter().map(|external| ChatMember {
            userid: external.as_ref().to_owned(),
            kind: 2,
            join_time: now,
            invitor: Some(owner.to_owned()),
        }));
        corp.group_chats.insert(
            chat_id.clone(),
            GroupChat {
                chat_id: chat_id.clone(),
                name: name.to_owned(),
                owner: owner.to_owned(),
                create_time: now,
                notice: String::new(),
                members,
                admins: Vec::new(),
            },
        );
        chat_id
    }

    /// The welcome messages `send_welcome_msg` accepted in `corpid`, oldest first, as sent.
    pub fn welcome_messages(&self, corpid: &str) -> Vec<Value> {
        let inner = self.state.lock();
        inner
            .work_crm
            .get(corpid)
            .map(|corp| corp.welcomes.iter().cloned().collect())
            .unwrap_or_default()
    }

    /// The customer `external_userid` writes `content` to the customer service account
    /// `open_kfid` of `corpid`: `kf/sync_msg` then reads it, and the account may answer with
    /// `kf/send_msg`. Returns the message's `msgid`.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> std::io::Result<()> {
    /// let sim = wechat_simulator::Simulator::start().await?;
    /// let msgid = sim.push_kf_customer_message("ww0123456789abcdef", "wkAccount", "wmCustomer1", "Hello?");
    /// assert!(!msgid.is_empty());
    /// # Ok(())
    /// # }
    /// ```
    pub fn push_kf_customer_message(
        &self,
        corpid: &str,
        open_kfid: &str,
        external_userid: &str,
        content: &str,
    ) -> String {
        let msgid = format!("from_msgid_{}", random_string(19));
        let mut inner = self.state.lock();
        inner.work_crm.corp(corpid).kf.receive(KfInbound {
            seq: 0,
            msgid: msgid.clone(),
            open_kfid: open_kfid.to_owned(),
            external_userid: external_userid.to_owned(),
            send_time: unix_now(),
            content: content.to_owned(),
        });
        msgid
    }

    /// The messages `kf/send_msg` sent in `corpid`, oldest first, as sent (with their
    /// `msgid`).
    pub fn kf_sent_messages(&self, corpid: &str) -> Vec<Value> {
        let inner = self.state.lock();
        inner
            .work_crm
            .get(corpid)
            .map(|corp| corp.kf.sent.iter().cloned().collect())
            .unwrap_or_default()
    }

    /// An approval template of `corpid` with its controls, each `(control type, id, title,
    /// required)`, replacing the template of that id.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> std::io::Result<()> {
    /// let sim = wechat_simulator::Simulator::start().await?;
    /// sim.add_approval_template(
    ///     "ww0123456789abcdef",
    ///     "3Tka1eD6v6JfzhDMqPd3aMkFdxqtJMc2ZRioeFXk",
    ///     "Purchase",
    ///     &[("Text", "Text-1", "Item", true), ("Money", "Money-1", "Amount", false)],
    /// );
    /// # Ok(())
    /// # }
    /// ```
    pub fn add_approval_template(
        &self,
        corpid: &str,
        template_id: &str,
        name: &str,
        controls: &[(&str, &str, &str, bool)],
    ) {
        let mut inner = self.state.lock();
        inner.work_crm.corp(corpid).approval.templates.insert(
            template_id.to_owned(),
            ApprovalTemplateRow {
                name: name.to_owned(),
                controls: controls
                    .iter()
                    .map(|(control, id, title, require)| ControlRow {
                        control: (*control).to_owned(),
                        id: (*id).to_owned(),
                        title: (*title).to_owned(),
                        require: *require,
                    })
                    .collect(),
            },
        );
    }

    /// The next approver of the pending application `sp_no` of `corpid` approves it (or
    /// rejects it), as `getapprovaldetail` then shows; an application without steps is
    /// decided at once. `false` when there is no such pending application.
    pub fn decide_approval(&self, corpid: &str, sp_no: &str, approve: bool) -> bool {
        let mut inner = self.state.lock();
        inner
            .work_crm
            .corp(corpid)
            .approval
            .applications
            .get_mut(sp_no)
            .is_some_and(|application| application.decide(approve, unix_now()))
    }
}
