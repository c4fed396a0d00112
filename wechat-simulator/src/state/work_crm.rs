//! WeCom's customer-facing state, per corp: external contacts (customers, the members who
//! follow them, corp tags, "contact me" ways, customer group chats, welcome codes), WeChat
//! customer service (accounts, customers' messages waiting to be read, messages sent) and OA
//! approval (templates, applications). Plain data under the state lock; the handlers are in
//! `work/`.

use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};

use serde_json::Value;

use super::push_bounded;

/// How many sent customer service messages a corp keeps.
pub(crate) const MAX_KF_SENT: usize = 1000;
/// How many customers' messages a corp keeps for `sync_msg`.
pub(crate) const MAX_KF_INBOX: usize = 10_000;
/// How many welcome codes a corp keeps.
pub(crate) const MAX_WELCOME_CODES: usize = 10_000;

/// Every corp's customer-facing state.
#[derive(Debug, Default)]
pub(crate) struct WorkCrm {
    corps: HashMap<String, CorpCrm>,
}

impl WorkCrm {
    /// The state of `corpid`, created empty on first use.
    pub(crate) fn corp(&mut self, corpid: &str) -> &mut CorpCrm {
        self.corps.entry(corpid.to_owned()).or_default()
    }

    /// The state of `corpid`, if it has any.
    pub(crate) fn get(&self, corpid: &str) -> Option<&CorpCrm> {
        self.corps.get(corpid)
    }
}

/// One corp's customer-facing state.
#[derive(Debug, Default)]
pub(crate) struct CorpCrm {
    /// The members allowed to serve customers (`get_follow_user_list`).
    pub(crate) follow_users: BTreeSet<String>,
    /// external_userid -> customer.
    pub(crate) customers: BTreeMap<String, Customer>,
    /// (member userid, external_userid) -> what the member knows of the customer.
    pub(crate) follows: BTreeMap<(String, String), Follow>,
    /// The corp's tag groups, in creation order.
    pub(crate) tag_groups: Vec<TagGroup>,
    /// config_id -> the way as `add_contact_way` received it (with `config_id`, `qr_code`).
    pub(crate) contact_ways: BTreeMap<String, Value>,
    /// chat_id -> customer group chat.
    pub(crate) group_chats: BTreeMap<String, GroupChat>,
    /// welcome code -> whether it was spent, oldest first.
    pub(crate) welcome_codes: VecDeque<(String, bool)>,
    /// The welcome messages sent, oldest first.
    pub(crate) welcomes: VecDeque<Value>,
    pub(crate) kf: Kf,
    pub(crate) approval: Approval,
    next_id: u64,
}

impl CorpCrm {
    /// A fresh number, for ids that must not repeat within the corp.
    pub(crate) fn next_id(&mut self) -> u64 {
        self.next_id += 1;
        self.next_id
    }

    /// Issues a welcome code (as the add-customer event carries), good for one welcome.
    pub(crate) fn issue_welcome_code(&mut self, code: String) {
        push_bounded(&mut self.welcome_codes, (code, false), MAX_WELCOME_CODES);
    }

    /// Spends `code`: `Ok` the first time, `Err(true)` when it was spent, `Err(false)` when it
    /// is unknown.
    pub(crate) fn spend_welcome_code(&mut self, code: &str) -> Result<(), bool> {
        match self
            .welcome_codes
            .iter_mut()
            .find(|(known, _)| known == code)
        {
            Some((_, spent)) if *spent => Err(true),
            Some((_, spent)) => {
                *spent = true;
                Ok(())
            }
            None => Err(false),
        }
    }

    /// The tag `tag_id` and its group's index, if the corp has it.
    pub(crate) fn find_tag(&self, tag_id: &str) -> Option<(usize, &CorpTagRow)> {
        self.tag_groups
            .iter()
            .enumerate()
            .find_map(|(index, group)| {
                group
                    .tags
                    .iter()
                    .find(|tag| tag.id == tag_id)
                    .map(|tag| (index, tag))
            })
    }
}

/// A customer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Customer {
    pub(crate) external_userid: String,
    pub(crate) name: String,
    /// `1` a WeChat user, `2` a WeCom user.
    pub(crate) kind: u32,
    pub(crate) gender: u32,
    pub(crate) unionid: Option<String>,
}

/// What one member knows of one customer.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Follow {
    pub(crate) remark: String,
    pub(crate) description: String,
    pub(crate) remark_corp_name: String,
    pub(crate) remark_mobiles: Vec<String>,
    pub(crate) createtime: u64,
    pub(crate) tag_ids: BTreeSet<String>,
    pub(crate) add_way: u32,
    pub(crate) state: Option<String>,
}

/// A group of corp tags.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TagGroup {
    pub(crate) group_id: String,
    pub(crate) group_name: String,
    pub(crate) create_time: u64,
    pub(crate) order: u64,
    pub(crate) tags: Vec<CorpTagRow>,
}

/// A corp tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CorpTagRow {
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) create_time: u64,
    pub(crate) order: u64,
}

/// A customer group chat.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct GroupChat {
    pub(crate) chat_id: String,
    pub(crate) name: String,
    pub(crate) owner: String,
    pub(crate) create_time: u64,
    pub(crate) notice: String,
    pub(crate) members: Vec<ChatMember>,
    pub(crate) admins: Vec<String>,
}

/// A member of a customer group chat.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ChatMember {
    /// A member's userid or a customer's external_userid.
    pub(crate) userid: String,
    /// `1` a member of the corp, `2` a customer.
    pub(crate) kind: u32,
    pub(crate) join_time: u64,
    /// The member who invited them.
    pub(crate) invitor: Option<String>,
}

/// WeChat customer service of one corp.
#[derive(Debug, Default)]
pub(crate) struct Kf {
    /// open_kfid -> account.
    pub(crate) accounts: BTreeMap<String, KfAccountRow>,
    /// Customers' messages, oldest first, each with its sequence number (the cursor).
    pub(crate) inbox: VecDeque<KfInbound>,
    /// The sequence number of the next customer message.
    pub(crate) next_seq: u64,
    /// The messages sent with `send_msg`, oldest first.
    pub(crate) sent: VecDeque<Value>,
}

impl Kf {
    /// Keeps a customer's message for `sync_msg`.
    pub(crate) fn receive(&mut self, mut message: KfInbound) {
        message.seq = self.next_seq;
        self.next_seq += 1;
        push_bounded(&mut self.inbox, message, MAX_KF_INBOX);
    }

    /// Keeps a sent message.
    pub(crate) fn record_sent(&mut self, message: Value) {
        push_bounded(&mut self.sent, message, MAX_KF_SENT);
    }

    /// Whether `external_userid` ever wrote to `open_kfid` (what opens a session).
    pub(crate) fn in_session(&self, open_kfid: &str, external_userid: &str) -> bool {
        self.inbox
            .iter()
            .any(|m| m.open_kfid == open_kfid && m.external_userid == external_userid)
    }
}

/// A customer service account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct KfAccountRow {
    pub(crate) name: String,
    pub(crate) media_id: String,
    pub(crate) avatar: String,
}

/// A customer's text message to an account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct KfInbound {
    pub(crate) seq: u64,
    pub(crate) msgid: String,
    pub(crate) open_kfid: String,
    pub(crate) external_userid: String,
    pub(crate) send_time: u64,
    pub(crate) content: String,
}

/// OA approval of one corp.
#[derive(Debug, Default)]
pub(crate) struct Approval {
    /// template_id -> template.
    pub(crate) templates: BTreeMap<String, ApprovalTemplateRow>,
    /// sp_no -> application, in number order.
    pub(crate) applications: BTreeMap<String, ApplicationRow>,
    /// The last number handed out per day (`YYYYMMDD`).
    pub(crate) day_counters: HashMap<String, u32>,
}

impl Approval {
    /// A new application number for the day `yyyymmdd`: the date and a 4-digit counter, as
    /// WeCom writes them (`202001010001`).
    pub(crate) fn next_sp_no(&mut self, yyyymmdd: &str) -> String {
        let counter = self.day_counters.entry(yyyymmdd.to_owned()).or_default();
        *counter += 1;
        format!("{yyyymmdd}{counter:04}")
    }
}

/// An approval template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ApprovalTemplateRow {
    pub(crate) name: String,
    pub(crate) controls: Vec<ControlRow>,
}

/// A control of an approval template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ControlRow {
    pub(crate) control: String,
    pub(crate) id: String,
    pub(crate) title: String,
    pub(crate) require: bool,
}

/// A submitted application.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ApplicationRow {
    pub(crate) sp_no: String,
    pub(crate) template_id: String,
    pub(crate) creator: String,
    pub(crate) department: u64,
    pub(crate) apply_time: u64,
    /// `1` pending, `2` approved, `3` rejected, …
    pub(crate) sp_status: u32,
    pub(crate) steps: Vec<ApprovalStepRow>,
    pub(crate) notifyer: Vec<String>,
    /// `apply_data.contents` as submitted.
    pub(crate) contents: Vec<Value>,
}

/// One step of an application.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ApprovalStepRow {
    /// `1` any one approves, `2` all approve.
    pub(crate) attr: u32,
    /// (approver, their decision: `1` pending, `2` approved, `3` rejected, when, comment).
    pub(crate) approvers: Vec<(String, u32, u64, String)>,
}

impl ApprovalStepRow {
    /// The step's state from its approvers' decisions: `3` when one rejected, `2` when one
    /// (any-of) or all (all-of) approved, else `1`.
    pub(crate) fn status(&self) -> u32 {
        let decisions = || self.approvers.iter().map(|(_, status, _, _)| *status);
        if decisions().any(|s| s == 3) {
            3
        } else if (self.attr == 1 && decisions().any(|s| s == 2))
            || (self.attr == 2 && decisions().all(|s| s == 2))
        {
            2
        } else {
            1
        }
    }
}

impl ApplicationRow {
    /// The decision of the first undecided approver of the first pending step (or of the
    /// whole application, when it has no steps), at `now`; then the application's state.
    /// `false` when it is no longer pending.
    pub(crate) fn decide(&mut self, approve: bool, now: u64) -> bool {
        if self.sp_status != 1 {
            return false;
        }
        let decision = if approve { 2 } else { 3 };
        let Some(step) = self.steps.iter_mut().find(|step| step.status() == 1) else {
            self.sp_status = decision;
            return true;
        };
        if let Some(approver) = step.approvers.iter_mut().find(|a| a.1 == 1) {
            approver.1 = decision;
            approver.2 = now;
        }
        self.sp_status = if self.steps.iter().any(|s| s.status() == 3) {
            3
        } else if self.steps.iter().all(|s| s.status() == 2) {
            2
        } else {
            1
        };
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_welcome_code_is_spent_once() {
        let mut corp = CorpCrm::default();
        corp.issue_welcome_code("CODE".into());
        assert_eq!(corp.spend_welcome_code("CODE"), Ok(()));
        assert_eq!(corp.spend_welcome_code("CODE"), Err(true));
        assert_eq!(corp.spend_welcome_code("OTHER"), Err(false));
    }

    #[test]
    fn application_numbers_count_per_day() {
        let mut approval = Approval::default();
        assert_eq!(approval.next_sp_no("20240102"), "202401020001");
        assert_eq!(approval.next_sp_no("20240102"), "202401020002");
        assert_eq!(approval.next_sp_no("20240103"), "202401030001");
    }

    #[test]
    fn decisions_move_an_application_through_its_steps() {
        let mut application = ApplicationRow {
            sp_no: "202401020001".into(),
            template_id: "T".into(),
            creator: "u".into(),
            department: 1,
            apply_time: 0,
            sp_status: 1,
            steps: vec![
                ApprovalStepRow {
                    attr: 1,
                    approvers: vec![("a".into(), 1, 0, String::new())],
                },
                ApprovalStepRow {
                    attr: 2,
                    approvers: vec![
                        ("b".into(), 1, 0, String::new()),
                        ("c".into(), 1, 0, String::new()),
                    ],
                },
            ],
            notifyer: Vec::new(),
            contents: Vec::new(),
        };
        assert!(application.decide(true, 5));
        assert_eq!(
            (application.steps[0].status(), application.sp_status),
            (2, 1)
        );
        assert!(application.decide(true, 6));
        assert_eq!(application.sp_status, 1);
        assert!(application.decide(true, 7));
        assert_eq!(application.sp_status, 2);
        assert!(!application.decide(false, 8));
    }

    #[test]
    fn the_inbox_numbers_messages_and_opens_sessions() {
        let mut kf = Kf::default();
        for content in ["a", "b"] {
            kf.receive(KfInbound {
                seq: 0,
                msgid: content.into(),
                open_kfid: "wk1".into(),
                external_userid: "wm1".into(),
                send_time: 0,
                content: content.into(),
            });
        }
        assert_eq!(kf.inbox.iter().map(|m| m.seq).collect::<Vec<_>>(), [0, 1]);
        assert!(kf.in_session("wk1", "wm1"));
        assert!(!kf.in_session("wk2", "wm1"));
    }
}
