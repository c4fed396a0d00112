//! What a third-party platform manages for its authorizers' Mini Programs: each platform's
//! code template library, and each Mini Program's code, audits, releases, domains, testers,
//! categories, profile and privacy guide; and the platforms' fast registration tasks.
//!
//! The audit of submitted code is decided at once: approved, unless the submission's
//! `version_desc` holds [`AUDIT_REJECT_MARKER`] (rejected) or [`AUDIT_PENDING_MARKER`] (left
//! auditing, until withdrawn or sped up, which approves it). Sensitive categories follow the
//! same markers in their certificates' values.

use std::collections::{BTreeMap, HashMap, VecDeque};

use serde_json::Value;

use crate::{errcode, wx_error::WxError};

/// A submission whose `version_desc` holds this is rejected.
pub(crate) const AUDIT_REJECT_MARKER: &str = "simulated-reject";
/// A submission whose `version_desc` holds this stays auditing.
pub(crate) const AUDIT_PENDING_MARKER: &str = "simulated-pending";

/// The most templates a platform's library holds (85065 past it).
pub(crate) const MAX_TEMPLATES: usize = 100;
/// How many audits a Mini Program may submit a month.
pub(crate) const AUDIT_LIMIT: u32 = 20;
/// How many audits a Mini Program may speed up a month.
pub(crate) const SPEEDUP_LIMIT: u32 = 1;
/// How many audits a Mini Program may withdraw a day.
pub(crate) const UNDO_LIMIT: u32 = 5;
/// How many released versions are kept for rollbacks.
const MAX_HISTORY: usize = 5;
/// How many audits of each Mini Program are remembered.
const MAX_AUDITS: usize = 100;
/// How many registration tasks each platform keeps.
pub(crate) const MAX_REGISTRATIONS: usize = 1000;
/// The first audit id given.
const FIRST_AUDIT_ID: u64 = 412_000_001;
/// The first nickname audit id given.
const FIRST_NICKNAME_AUDIT_ID: u64 = 8_000_001;

/// Everything this area remembers.
#[derive(Debug, Default)]
pub(crate) struct WxaAdmin {
    /// component appid -> its drafts and templates.
    libraries: HashMap<String, TemplateLibrary>,
    /// authorizer appid -> its Mini Program.
    accounts: HashMap<String, WxaAccount>,
    /// component appid -> its registration tasks, oldest first.
    pub(crate) registrations: HashMap<String, VecDeque<Registration>>,
    next_audit_id: u64,
    next_nickname_audit_id: u64,
}

/// A platform's draft box and template library.
#[derive(Debug)]
pub(crate) struct TemplateLibrary {
    pub(crate) drafts: BTreeMap<u64, Draft>,
    pub(crate) templates: BTreeMap<u64, CodeTemplate>,
    pub(crate) next_template_id: u64,
}

/// A draft uploaded with DevTools.
#[derive(Debug, Clone)]
pub(crate) struct Draft {
    pub(crate) user_version: String,
    pub(crate) user_desc: String,
    pub(crate) create_time: u64,
}

/// A template of the library.
#[derive(Debug, Clone)]
pub(crate) struct CodeTemplate {
    pub(crate) draft_id: u64,
    pub(crate) template_type: u8,
    pub(crate) user_version: String,
    pub(crate) user_desc: String,
    pub(crate) create_time: u64,
}

impl TemplateLibrary {
    /// A platform's library before it did anything: two drafts, as if uploaded with DevTools.
    fn new(now: u64) -> Self {
        let draft = |user_version: &str, user_desc: &str| Draft {
            user_version: user_version.to_owned(),
            user_desc: user_desc.to_owned(),
            create_time: now,
        };
        TemplateLibrary {
            drafts: BTreeMap::from([
                (0, draft("1.0.0", "first upload")),
                (1, draft("1.1.0", "order list")),
            ]),
            templates: BTreeMap::new(),
            next_template_id: 1,
        }
    }
}

/// Code uploaded to a Mini Program: its trial version.
#[derive(Debug, Clone)]
pub(crate) struct Upload {
    pub(crate) ext_json: Value,
    pub(crate) user_version: String,
    pub(crate) user_desc: String,
    pub(crate) time: u64,
}

impl Upload {
    /// The pages: `pages` of the `ext_json`, or the home page.
    pub(crate) fn pages(&self) -> Vec<String> {
        let pages: Vec<String> = self.ext_json["pages"]
            .as_array()
            .map(|pages| {
                pages
                    .iter()
                    .filter_map(|page| page.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default();
        if pages.is_empty() {
            vec!["pages/index/index".to_owned()]
        } else {
            pages
        }
    }
}

/// An audit of uploaded code.
#[derive(Debug, Clone)]
pub(crate) struct Audit {
    pub(crate) auditid: u64,
    /// 0 approved, 1 rejected, 2 auditing, 3 withdrawn.
    pub(crate) status: u32,
    pub(crate) reason: String,
    pub(crate) screenshot: String,
    pub(crate) upload: Upload,
    pub(crate) submit_time: u64,
    pub(crate) released: bool,
}

/// A released version.
#[derive(Debug, Clone)]
pub(crate) struct Version {
    pub(crate) app_version: u64,
    pub(crate) user_version: String,
    pub(crate) user_desc: String,
    pub(crate) commit_time: u64,
}

/// A phased release.
#[derive(Debug, Clone, Copy)]
pub(crate) struct GrayPlan {
    /// 1 running, 3 done, 4 deleted.
    pub(crate) status: u32,
    pub(crate) create_timestamp: u64,
    pub(crate) gray_percentage: u32,
    pub(crate) support_debuger_first: bool,
    pub(crate) support_experiencer_first: bool,
}

/// The server domains of each kind, in the order WeChat lists them.
pub(crate) const DOMAIN_KINDS: [(&str, &str); 6] = [
    ("requestdomain", "https://"),
    ("wsrequestdomain", "wss://"),
    ("uploaddomain", "https://"),
    ("downloaddomain", "https://"),
    ("udpdomain", "udp://"),
    ("tcpdomain", "tcp://"),
];

/// A category set on a Mini Program.
#[derive(Debug, Clone)]
pub(crate) struct SetCategory {
    pub(crate) first: u64,
    pub(crate) second: u64,
    /// 1 auditing, 2 rejected, 3 approved.
    pub(crate) audit_status: u32,
    pub(crate) audit_reason: String,
}

/// A name change of a Mini Program.
#[derive(Debug, Clone)]
pub(crate) struct NicknameChange {
    pub(crate) nickname: String,
    pub(crate) create_time: u64,
}

/// A privacy guide, as set.
#[derive(Debug, Clone, Default)]
pub(crate) struct Privacy {
    pub(crate) owner_setting: Value,
    pub(crate) setting_list: Vec<Value>,
    pub(crate) sdk_privacy_info_list: Vec<Value>,
    pub(crate) update_time: u64,
}

/// One Mini Program managed by a platform.
#[derive(Debug, Default)]
pub(crate) struct WxaAccount {
    pub(crate) upload: Option<Upload>,
    pub(crate) audits: VecDeque<Audit>,
    pub(crate) audits_used: u32,
    pub(crate) speedups_used: u32,
    pub(crate) undos_used: u32,
    pub(crate) online: Option<Version>,
    /// Earlier releases, newest first.
    pub(crate) history: VecDeque<Version>,
    /// Set by a rollback: no second one until the next release.
    pub(crate) reverted: bool,
    pub(crate) next_app_version: u64,
    pub(crate) gray: Option<GrayPlan>,
    pub(crate) closed: bool,
    /// kind (`requestdomain`...) -> domains, set through the platform.
    pub(crate) server_domains: BTreeMap<String, Vec<String>>,
    /// The same, set directly.
    pub(crate) direct_domains: BTreeMap<String, Vec<String>>,
    pub(crate) webview_domains: Vec<String>,
    pub(crate) direct_webview_domains: Vec<String>,
    /// userstr -> WeChat ID.
    pub(crate) testers: BTreeMap<String, String>,
    pub(crate) categories: Vec<SetCategory>,
    pub(crate) categories_added: u32,
    pub(crate) nickname: Option<String>,
    pub(crate) nickname_changes: BTreeMap<u64, NicknameChange>,
    pub(crate) signature: String,
    pub(crate) signature_changes: u32,
    pub(crate) head_image: Option<String>,
    pub(crate) head_image_changes: u32,
    pub(crate) privacy_develop: Option<Privacy>,
    pub(crate) privacy_online: Option<Privacy>,
    pub(crate) privacy_files: u64,
}

impl WxaAccount {
    /// The latest audit.
    pub(crate) fn latest_audit(&self) -> Option<&Audit> {
        self.audits.back()
    }

    /// The audit `auditid` of this Mini Program: 85012 if it has none such.
    pub(crate) fn audit_mut(&mut self, auditid: u64) -> Result<&mut Audit, WxError> {
        self.audits
            .iter_mut()
            .find(|audit| audit.auditid == auditid)
            .ok_or_else(|| WxError::new(errcode::INVALID_AUDIT_ID))
    }

    /// Releases the approved code of the latest audit to every user: 85019 without an audit,
    /// 85020 unless approved, 85052 if already released.
    pub(crate) fn release(&mut self, now: u64) -> Result<(), WxError> {
        let audit = self
            .audits
            .back_mut()
            .ok_or_else(|| WxError::new(errcode::NO_AUDIT_VERSION))?;
        if audit.status != 0 {
            return Err(WxError::new(errcode::AUDIT_NOT_APPROVED));
        }
        if audit.released {
            return Err(WxError::new(errcode::ALREADY_RELEASED));
        }
        audit.released = true;
        let (user_version, user_desc) = (
            audit.upload.user_version.clone(),
            audit.upload.user_desc.clone(),
        );
        self.next_app_version += 1;
        let version = Version {
            app_version: self.next_app_version,
            user_version,
            user_desc,
            commit_time: now,
        };
        if let Some(previous) = self.online.replace(version) {
            self.history.push_front(previous);
            self.history.truncate(MAX_HISTORY);
        }
        if let Some(plan) = self.gray.as_mut().filter(|plan| plan.status == 1) {
            plan.status = 3;
        }
        self.reverted = false;
        self.privacy_online = self.privacy_develop.clone().or(self.privacy_online.take());
        Ok(())
    }

    /// Rolls the online code back to the version before it or to `app_version`: 87011
    /// during a phased release, 87012 without such a version or right after a rollback.
    pub(crate) fn revert(&mut self, app_version: Option<u64>) -> Result<(), WxError> {
        if self.gray.is_some_and(|plan| plan.status == 1) {
            return Err(WxError::new(errcode::GRAY_RELEASE_RUNNING));
        }
        let index = match app_version {
            Some(wanted) => self
                .history
                .iter()
                .position(|version| version.app_version == wanted),
            None => (!self.history.is_empty()).then_some(0),
        };
        let index = index
            .filter(|_| !self.reverted && self.online.is_some())
            .ok_or_else(|| WxError::new(errcode::CANNOT_REVERT))?;
        let target = self.history.remove(index);
        self.online = target;
        self.reverted = true;
        Ok(())
    }

    /// The domains of `kind` set through the platform or directly.
    pub(crate) fn domains(&self, direct: bool, kind: &str) -> Vec<String> {
        let map = if direct {
            &self.direct_domains
        } else {
            &self.server_domains
        };
        map.get(kind).cloned().unwrap_or_default()
    }
}

/// A fast registration task of a platform.
#[derive(Debug, Clone)]
pub(crate) struct Registration {
    pub(crate) name: String,
    pub(crate) legal_persona_wechat: String,
    pub(crate) legal_persona_name: String,
}

impl WxaAdmin {
    /// The library of platform `component`, with its two drafts on first use.
    pub(crate) fn library_mut(&mut self, component: &str, now: u64) -> &mut TemplateLibrary {
        self.libraries
            .entry(component.to_owned())
            .or_insert_with(|| TemplateLibrary::new(now))
    }

    /// The library of platform `component`, if it has one.
    pub(crate) fn library(&self, component: &str) -> Option<&TemplateLibrary> {
        self.libraries.get(component)
    }

    /// The Mini Program `appid`, created empty on first use.
    pub(crate) fn account_mut(&mut self, appid: &str) -> &mut WxaAccount {
        self.accounts.entry(appid.to_owned()).or_default()
    }

    /// The Mini Program `appid`, if it was ever changed.
    pub(crate) fn account(&self, appid: &str) -> Option<&WxaAccount> {
        self.accounts.get(appid)
    }

    /// Submits the uploaded code of `appid` for audit, decided by `version_desc` (see the
    /// module's documentation); the audit id. 85086 without code, 85009 while an audit runs,
    /// 45009 past the monthly quota.
    pub(crate) fn submit_audit(
        &mut self,
        appid: &str,
        version_desc: &str,
        now: u64,
    ) -> Result<u64, WxError> {
        if self.next_audit_id == 0 {
            self.next_audit_id = FIRST_AUDIT_ID;
        }
        let auditid = self.next_audit_id;
        let account = self.account_mut(appid);
        let upload = account
            .upload
            .clone()
            .ok_or_else(|| WxError::new(errcode::CODE_NOT_COMMITTED))?;
        if account
            .latest_audit()
            .is_some_and(|audit| audit.status == 2)
        {
            return Err(WxError::new(errcode::AUDIT_IN_PROGRESS));
        }
        if account.audits_used >= AUDIT_LIMIT {
            return Err(WxError::new(errcode::API_QUOTA_EXCEEDED));
        }
        account.audits_used += 1;
        let (status, reason, screenshot) = if version_desc.contains(AUDIT_REJECT_MARKER) {
            (
                1,
                "小程序功能不完整，请补充后再提交".to_owned(),
                format!("screenshot_{auditid}_1|screenshot_{auditid}_2"),
            )
        } else if version_desc.contains(AUDIT_PENDING_MARKER) {
            (2, String::new(), String::new())
        } else {
            (0, String::new(), String::new())
        };
        if account.audits.len() == MAX_AUDITS {
            account.audits.pop_front();
        }
        account.audits.push_back(Audit {
            auditid,
            status,
            reason,
            screenshot,
            upload,
            submit_time: now,
            released: false,
        });
        self.next_audit_id += 1;
        Ok(auditid)
    }

    /// Records a name change of `appid` to `nickname`; its audit id.
    pub(crate) fn change_nickname(&mut self, appid: &str, nickname: &str, now: u64) -> u64 {
        if self.next_nickname_audit_id == 0 {
            self.next_nickname_audit_id = FIRST_NICKNAME_AUDIT_ID;
        }
        let audit_id = self.next_nickname_audit_id;
        self.next_nickname_audit_id += 1;
        let account = self.account_mut(appid);
        account.nickname = Some(nickname.to_owned());
        account.nickname_changes.insert(
            audit_id,
            NicknameChange {
                nickname: nickname.to_owned(),
                create_time: now,
            },
        );
        audit_id
    }
}
