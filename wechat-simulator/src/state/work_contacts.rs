//! WeCom contacts, per corp: members, the department tree (rooted at department 1, which
//! every corp has), and contact tags with their owner app. Plain data under the state lock;
//! the handlers are in `work/contacts/`.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde_json::{Map, Value};

use super::work::WorkAppId;

/// How many members a corp keeps.
pub(crate) const MAX_MEMBERS: usize = 10_000;
/// How many departments a corp keeps.
pub(crate) const MAX_DEPARTMENTS: usize = 10_000;
/// How many tags a corp keeps (WeCom's limit).
pub(crate) const MAX_TAGS: usize = 3000;

/// Every corp's contacts.
#[derive(Debug, Default)]
pub(crate) struct WorkContacts {
    corps: HashMap<String, CorpContacts>,
}

impl WorkContacts {
    /// The contacts of `corpid`, created with the root department on first use.
    pub(crate) fn corp(&mut self, corpid: &str) -> &mut CorpContacts {
        self.corps
            .entry(corpid.to_owned())
            .or_insert_with(|| CorpContacts::new(corpid))
    }

    /// The contacts of `corpid`, if it has any yet.
    pub(crate) fn get(&self, corpid: &str) -> Option<&CorpContacts> {
        self.corps.get(corpid)
    }
}

/// A department.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Department {
    pub(crate) id: u32,
    pub(crate) name: String,
    pub(crate) name_en: String,
    /// 0 for the root.
    pub(crate) parentid: u32,
    pub(crate) order: u32,
}

/// A contact tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ContactTag {
    pub(crate) name: String,
    /// The app that created it: only it (or the contacts secret) changes it.
    pub(crate) owner: WorkAppId,
    /// Lowercase userids.
    pub(crate) users: BTreeSet<String>,
    pub(crate) parties: BTreeSet<u32>,
}

/// One corp's contacts.
#[derive(Debug)]
pub(crate) struct CorpContacts {
    /// Lowercase userid (WeCom ignores case) -> the member's fields, `userid` as created.
    pub(crate) members: BTreeMap<String, Map<String, Value>>,
    pub(crate) departments: BTreeMap<u32, Department>,
    pub(crate) tags: BTreeMap<u32, ContactTag>,
}

impl CorpContacts {
    fn new(corpid: &str) -> Self {
        let root = Department {
            id: 1,
            name: corpid.to_owned(),
            name_en: String::new(),
            parentid: 0,
            order: 100_000_000,
        };
        CorpContacts {
            members: BTreeMap::new(),
            departments: BTreeMap::from([(1, root)]),
            tags: BTreeMap::new(),
        }
    }

    /// The member `userid`, whatever its case.
    pub(crate) fn member(&self, userid: &str) -> Option<&Map<String, Value>> {
        self.members.get(&userid.to_lowercase())
    }

    /// The departments a member is in.
    pub(crate) fn departments_of(member: &Map<String, Value>) -> Vec<u32> {
        member
            .get("department")
            .and_then(Value::as_array)
            .map(|ids| {
                ids.iter()
                    .filter_map(|id| id.as_u64().and_then(|id| u32::try_from(id).ok()))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The members directly in department `id`, in userid order.
    pub(crate) fn members_in(&self, id: u32) -> Vec<&Map<String, Value>> {
        self.members
            .values()
            .filter(|member| Self::departments_of(member).contains(&id))
            .collect()
    }

    /// Department `id` and every department under it, parents before children.
    pub(crate) fn subtree(&self, id: u32) -> Vec<&Department> {
        let mut out = Vec::new();
        let mut queue = vec![id];
        while let Some(next) = queue.pop() {
            if let Some(department) = self.departments.get(&next) {
                out.push(department);
                queue.extend(
                    self.departments
                        .values()
                        .filter(|child| child.parentid == next && child.id != next)
                        .map(|child| child.id)
                        .rev(),
                );
            }
        }
        out
    }

    /// Whether `ancestor` is `id` or above it.
    pub(crate) fn is_within(&self, id: u32, ancestor: u32) -> bool {
        let mut at = id;
        for _ in 0..=self.departments.len() {
            if at == ancestor {
                return true;
            }
            match self.departments.get(&at) {
                Some(department) if department.parentid != 0 => at = department.parentid,
                _ => return false,
            }
        }
        false
    }

    /// The userids of the members leading department `id`.
    pub(crate) fn leaders_of(&self, id: u32) -> Vec<String> {
        self.members
            .values()
            .filter(|member| {
                let departments = Self::departments_of(member);
                let leads = member.get("is_leader_in_dept").and_then(Value::as_array);
                departments.iter().enumerate().any(|(i, department)| {
                    *department == id
                        && leads.and_then(|leads| leads.get(i)).and_then(Value::as_u64) == Some(1)
                })
            })
            .filter_map(|member| member.get("userid").and_then(Value::as_str))
            .map(str::to_owned)
            .collect()
    }

    /// A free department id: one above the largest.
    pub(crate) fn next_department_id(&self) -> u32 {
        self.departments.keys().next_back().map_or(2, |id| id + 1)
    }

    /// A free tag id: one above the largest.
    pub(crate) fn next_tag_id(&self) -> u32 {
        self.tags.keys().next_back().map_or(1, |id| id + 1)
    }

    /// Forgets a member, from the tags too.
    pub(crate) fn remove_member(&mut self, userid: &str) -> bool {
        let key = userid.to_lowercase();
        for tag in self.tags.values_mut() {
            tag.users.remove(&key);
        }
        self.members.remove(&key).is_some()
    }
}
