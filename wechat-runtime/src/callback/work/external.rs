//! Customer contact: `change_external_contact` (customers) and `change_external_chat`
//! (customer groups).

use std::fmt;

use serde::Deserialize;

use super::super::fields::CallbackFields;
use super::super::xml;
use super::{optional, optional_number};
use crate::error::Result;

/// A change of a customer (`change_external_contact`), by its `ChangeType`. `user_id` is the
/// member who serves the customer, `external_user_id` the customer (read it with the customer
/// contact API).
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ExternalContactChange {
    /// `add_external_contact`: a member added a customer.
    AddExternalContact {
        /// `UserID`: the member.
        user_id: String,
        /// `ExternalUserID`: the customer.
        external_user_id: String,
        /// `State`: the `state` of the "contact me" configuration the customer came through.
        state: Option<String>,
        /// `WelcomeCode`: for sending a welcome message, valid 20 seconds; absent when the
        /// two already talked. Its `Debug` hides it.
        welcome_code: Option<String>,
    },
    /// `edit_external_contact`: a member edited a customer's remarks.
    EditExternalContact {
        /// `UserID`: the member.
        user_id: String,
        /// `ExternalUserID`: the customer.
        external_user_id: String,
    },
    /// `add_half_external_contact`: a customer added a member without verification, before
    /// the member accepted.
    AddHalfExternalContact {
        /// `UserID`: the member.
        user_id: String,
        /// `ExternalUserID`: the customer.
        external_user_id: String,
        /// `State`: the `state` of the "contact me" configuration.
        state: Option<String>,
        /// `WelcomeCode`: for sending a welcome message. Its `Debug` hides it.
        welcome_code: Option<String>,
    },
    /// `del_external_contact`: a member deleted a customer.
    DelExternalContact {
        /// `UserID`: the member.
        user_id: String,
        /// `ExternalUserID`: the customer.
        external_user_id: String,
        /// `Source`: `DELETE_BY_TRANSFER` when the deletion came with a transfer to another
        /// member.
        source: Option<String>,
    },
    /// `del_follow_user`: a customer deleted a member.
    DelFollowUser {
        /// `UserID`: the member.
        user_id: String,
        /// `ExternalUserID`: the customer.
        external_user_id: String,
    },
    /// `transfer_fail`: a customer was not transferred to a new member.
    TransferFail {
        /// `UserID`: the member the customer was to go to.
        user_id: String,
        /// `ExternalUserID`: the customer.
        external_user_id: String,
        /// `FailReason`: `customer_refused` or `customer_limit_exceed`.
        fail_reason: String,
    },
    /// A `ChangeType` this crate does not type; the fields are in
    /// [`WorkEvent::fields`](super::WorkEvent::fields).
    Unknown {
        /// The `ChangeType` value.
        change_type: String,
    },
}

impl ExternalContactChange {
    /// The `ChangeType` value (`add_external_contact`, `transfer_fail`…); for
    /// [`Unknown`](Self::Unknown), the value received.
    pub fn change_type(&self) -> &str {
        match self {
            ExternalContactChange::AddExternalContact { .. } => "add_external_contact",
            ExternalContactChange::EditExternalContact { .. } => "edit_external_contact",
            ExternalContactChange::AddHalfExternalContact { .. } => "add_half_external_contact",
            ExternalContactChange::DelExternalContact { .. } => "del_external_contact",
            ExternalContactChange::DelFollowUser { .. } => "del_follow_user",
            ExternalContactChange::TransferFail { .. } => "transfer_fail",
            ExternalContactChange::Unknown { change_type } => change_type,
        }
    }

    /// `UserID` and `ExternalUserID`: the member and the customer; `None` for
    /// [`Unknown`](Self::Unknown) (read its fields by name).
    pub fn parties(&self) -> Option<(&str, &str)> {
        match self {
            ExternalContactChange::AddExternalContact {
                user_id,
                external_user_id,
                ..
            }
            | ExternalContactChange::EditExternalContact {
                user_id,
                external_user_id,
            }
            | ExternalContactChange::AddHalfExternalContact {
                user_id,
                external_user_id,
                ..
            }
            | ExternalContactChange::DelExternalContact {
                user_id,
                external_user_id,
                ..
            }
            | ExternalContactChange::DelFollowUser {
                user_id,
                external_user_id,
            }
            | ExternalContactChange::TransferFail {
                user_id,
                external_user_id,
                ..
            } => Some((user_id, external_user_id)),
            ExternalContactChange::Unknown { .. } => None,
        }
    }

    pub(super) fn from_fields(f: &CallbackFields) -> Self {
        let change_type = f.get("ChangeType").unwrap_or_default().trim();
        let (user_id, external_user_id) = (f.string("UserID"), f.string("ExternalUserID"));
        match change_type.to_ascii_lowercase().as_str() {
            "add_external_contact" => ExternalContactChange::AddExternalContact {
                user_id,
                external_user_id,
                state: optional(f, "State"),
                welcome_code: optional(f, "WelcomeCode"),
            },
            "edit_external_contact" => ExternalContactChange::EditExternalContact {
                user_id,
                external_user_id,
            },
            "add_half_external_contact" => ExternalContactChange::AddHalfExternalContact {
                user_id,
                external_user_id,
                state: optional(f, "State"),
                welcome_code: optional(f, "WelcomeCode"),
            },
            "del_external_contact" => ExternalContactChange::DelExternalContact {
                user_id,
                external_user_id,
                source: optional(f, "Source"),
            },
            "del_follow_user" => ExternalContactChange::DelFollowUser {
                user_id,
                external_user_id,
            },
            "transfer_fail" => ExternalContactChange::TransferFail {
                user_id,
                external_user_id,
                fail_reason: f.string("FailReason"),
            },
            _ => ExternalContactChange::Unknown {
                change_type: change_type.to_owned(),
            },
        }
    }
}

/// The welcome code is a credential: `Debug` does not show it.
impl fmt::Debug for ExternalContactChange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = f.debug_struct("ExternalContactChange");
        s.field("change_type", &self.change_type());
        if let Some((user_id, external_user_id)) = self.parties() {
            s.field("user_id", &user_id)
                .field("external_user_id", &external_user_id);
        }
        match self {
            ExternalContactChange::AddExternalContact {
                state,
                welcome_code,
                ..
            }
            | ExternalContactChange::AddHalfExternalContact {
                state,
                welcome_code,
                ..
            } => {
                s.field("state", state)
                    .field("welcome_code", &welcome_code.as_ref().map(|_| "…"));
            }
            ExternalContactChange::DelExternalContact { source, .. } => {
                s.field("source", source);
            }
            ExternalContactChange::TransferFail { fail_reason, .. } => {
                s.field("fail_reason", fail_reason);
            }
            _ => {}
        }
        s.finish()
    }
}

/// A change of a customer group (`change_external_chat`), by its `ChangeType`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ExternalChatChange {
    /// `create`: a customer group was created.
    Create {
        /// `ChatId`: the group.
        chat_id: String,
    },
    /// `update`: a customer group changed.
    Update(Box<ExternalChatUpdate>),
    /// `dismiss`: a customer group was dismissed.
    Dismiss {
        /// `ChatId`: the group.
        chat_id: String,
    },
    /// A `ChangeType` this crate does not type; the fields are in
    /// [`WorkEvent::fields`](super::WorkEvent::fields).
    Unknown {
        /// The `ChangeType` value.
        change_type: String,
        /// `ChatId`: the group.
        chat_id: String,
    },
}

impl ExternalChatChange {
    /// The `ChangeType` value (`create`, `update`, `dismiss`); for
    /// [`Unknown`](Self::Unknown), the value received.
    pub fn change_type(&self) -> &str {
        match self {
            ExternalChatChange::Create { .. } => "create",
            ExternalChatChange::Update(_) => "update",
            ExternalChatChange::Dismiss { .. } => "dismiss",
            ExternalChatChange::Unknown { change_type, .. } => change_type,
        }
    }

    /// `ChatId`: the group.
    pub fn chat_id(&self) -> &str {
        match self {
            ExternalChatChange::Create { chat_id }
            | ExternalChatChange::Dismiss { chat_id }
            | ExternalChatChange::Unknown { chat_id, .. } => chat_id,
            ExternalChatChange::Update(update) => &update.chat_id,
        }
    }

    /// Types the change; `xml` is read again for the nested `MemChangeList` of an update.
    pub(super) fn parse(f: &CallbackFields, xml: &str) -> Result<Self> {
        let change_type = f.get("ChangeType").unwrap_or_default().trim();
        let chat_id = f.string("ChatId");
        Ok(match change_type.to_ascii_lowercase().as_str() {
            "create" => ExternalChatChange::Create { chat_id },
            "dismiss" => ExternalChatChange::Dismiss { chat_id },
            "update" => {
                let doc: RawChatDoc = xml::from_str(xml)?;
                ExternalChatChange::Update(Box::new(ExternalChatUpdate {
                    chat_id,
                    update_detail: f.string("UpdateDetail"),
                    join_scene: optional_number(f, "JoinScene"),
                    quit_scene: optional_number(f, "QuitScene"),
                    mem_change_cnt: optional_number(f, "MemChangeCnt"),
                    mem_change_list: doc.mem_change_list.items,
                    last_mem_ver: optional(f, "LastMemVer"),
                    cur_mem_ver: optional(f, "CurMemVer"),
                }))
            }
            _ => ExternalChatChange::Unknown {
                change_type: change_type.to_owned(),
                chat_id,
            },
        })
    }
}

/// What changed in a customer group (`change_external_chat`, `update`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ExternalChatUpdate {
    /// `ChatId`: the group.
    pub chat_id: String,
    /// `UpdateDetail`: `add_member`, `del_member`, `change_owner`, `change_name`,
    /// `change_notice`.
    pub update_detail: String,
    /// `JoinScene` (on `add_member`): 0 invited by a member, 1 by a group link, 3 by a QR
    /// code.
    pub join_scene: Option<u32>,
    /// `QuitScene` (on `del_member`): 0 left, 1 removed by a group admin.
    pub quit_scene: Option<u32>,
    /// `MemChangeCnt`: how many members joined or left.
    pub mem_change_cnt: Option<u32>,
    /// `MemChangeList`: the members who joined or left (UserIDs, or customers'
    /// external UserIDs).
    pub mem_change_list: Vec<String>,
    /// `LastMemVer`: the member version before the change.
    pub last_mem_ver: Option<String>,
    /// `CurMemVer`: the member version after it.
    pub cur_mem_ver: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct RawChatDoc {
    #[serde(rename = "MemChangeList")]
    mem_change_list: RawItems,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct RawItems {
    #[serde(rename = "Item")]
    items: Vec<String>,
}
