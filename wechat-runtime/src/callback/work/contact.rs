//! `change_contact`: members, departments and tags of the address book.

use super::super::fields::CallbackFields;
use super::{list, optional, optional_number};

/// A change of the address book (`change_contact`), by its `ChangeType`.
///
/// WeCom sends it to the address book's assistant and to the self-built applications whose
/// visible range the change touches. Callback URLs configured since 15 August 2022 receive
/// a member's `UserID` and `Department` only: the other fields of [`MemberChange`] are then
/// `None`; read the member with the address book API.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ContactChange {
    /// `create_user`: a member was added.
    CreateUser(Box<MemberChange>),
    /// `update_user`: a member changed; only what changed is sent.
    UpdateUser(Box<MemberChange>),
    /// `delete_user`: a member was deleted.
    DeleteUser {
        /// `UserID`.
        user_id: String,
    },
    /// `create_party`: a department was added.
    CreateParty(PartyChange),
    /// `update_party`: a department changed; only what changed is sent.
    UpdateParty(PartyChange),
    /// `delete_party`: a department was deleted.
    DeleteParty {
        /// `Id`: the department.
        id: u64,
    },
    /// `update_tag`: the members of a tag changed.
    UpdateTag(TagChange),
    /// A `ChangeType` this crate does not type; the fields are in
    /// [`WorkEvent::fields`](super::WorkEvent::fields).
    Unknown {
        /// The `ChangeType` value.
        change_type: String,
    },
}

impl ContactChange {
    /// The `ChangeType` value (`create_user`, `update_tag`…); for
    /// [`Unknown`](Self::Unknown), the value received.
    pub fn change_type(&self) -> &str {
        match self {
            ContactChange::CreateUser(_) => "create_user",
            ContactChange::UpdateUser(_) => "update_user",
            ContactChange::DeleteUser { .. } => "delete_user",
            ContactChange::CreateParty(_) => "create_party",
            ContactChange::UpdateParty(_) => "update_party",
            ContactChange::DeleteParty { .. } => "delete_party",
            ContactChange::UpdateTag(_) => "update_tag",
            ContactChange::Unknown { change_type } => change_type,
        }
    }

    pub(super) fn from_fields(f: &CallbackFields) -> Self {
        let change_type = f.get("ChangeType").unwrap_or_default().trim();
        match change_type.to_ascii_lowercase().as_str() {
            "create_user" => ContactChange::CreateUser(Box::new(MemberChange::from_fields(f))),
            "update_user" => ContactChange::UpdateUser(Box::new(MemberChange::from_fields(f))),
            "delete_user" => ContactChange::DeleteUser {
                user_id: f.string("UserID"),
            },
            "create_party" => ContactChange::CreateParty(PartyChange::from_fields(f)),
            "update_party" => ContactChange::UpdateParty(PartyChange::from_fields(f)),
            "delete_party" => ContactChange::DeleteParty { id: f.number("Id") },
            "update_tag" => ContactChange::UpdateTag(TagChange::from_fields(f)),
            _ => ContactChange::Unknown {
                change_type: change_type.to_owned(),
            },
        }
    }
}

/// A member added or changed (`create_user`, `update_user`). `None`: not sent (on an update,
/// unchanged). The extended attributes (`ExtAttr`) are not typed: read the member with the
/// address book API.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct MemberChange {
    /// `UserID`: the member (before the change, if its UserID changed).
    pub user_id: String,
    /// `NewUserID`: its new UserID, on an update that changed it.
    pub new_user_id: Option<String>,
    /// `Name`.
    pub name: Option<String>,
    /// `Department`: the ids of its departments.
    pub department: Option<Vec<u64>>,
    /// `MainDepartment`: its main department.
    pub main_department: Option<u64>,
    /// `IsLeaderInDept`: whether it leads each of its departments, in the order of
    /// `department`.
    pub is_leader_in_dept: Option<Vec<bool>>,
    /// `DirectLeader`: the UserIDs of its direct leaders.
    pub direct_leader: Option<Vec<String>>,
    /// `Position`.
    pub position: Option<String>,
    /// `Mobile`.
    pub mobile: Option<String>,
    /// `Gender`: 1 male, 2 female, 0 unknown.
    pub gender: Option<u32>,
    /// `Email`.
    pub email: Option<String>,
    /// `BizMail`: its business mailbox.
    pub biz_mail: Option<String>,
    /// `Status`: 1 activated, 2 disabled, 4 not activated, 5 left the corp.
    pub status: Option<u32>,
    /// `Avatar`: its picture's URL.
    pub avatar: Option<String>,
    /// `Alias`.
    pub alias: Option<String>,
    /// `Telephone`.
    pub telephone: Option<String>,
    /// `Address`.
    pub address: Option<String>,
}

impl MemberChange {
    fn from_fields(f: &CallbackFields) -> Self {
        MemberChange {
            user_id: f.string("UserID"),
            new_user_id: optional(f, "NewUserID"),
            name: optional(f, "Name"),
            department: list(f, "Department"),
            main_department: optional_number(f, "MainDepartment"),
            is_leader_in_dept: list::<u8>(f, "IsLeaderInDept")
                .map(|flags| flags.into_iter().map(|flag| flag == 1).collect()),
            direct_leader: list(f, "DirectLeader"),
            position: optional(f, "Position"),
            mobile: optional(f, "Mobile"),
            gender: optional_number(f, "Gender"),
            email: optional(f, "Email"),
            biz_mail: optional(f, "BizMail"),
            status: optional_number(f, "Status"),
            avatar: optional(f, "Avatar"),
            alias: optional(f, "Alias"),
            telephone: optional(f, "Telephone"),
            address: optional(f, "Address"),
        }
    }
}

/// A department added or changed (`create_party`, `update_party`). `None`: not sent (on an
/// update, unchanged).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct PartyChange {
    /// `Id`: the department.
    pub id: u64,
    /// `Name`.
    pub name: Option<String>,
    /// `ParentId`: its parent department.
    pub parent_id: Option<u64>,
    /// `Order`: its order among its siblings (on `create_party`).
    pub order: Option<u64>,
}

impl PartyChange {
    fn from_fields(f: &CallbackFields) -> Self {
        PartyChange {
            id: f.number("Id"),
            name: optional(f, "Name"),
            parent_id: optional_number(f, "ParentId"),
            order: optional_number(f, "Order"),
        }
    }
}

/// The members of a tag changed (`update_tag`): who joined it and who left it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct TagChange {
    /// `TagId`.
    pub tag_id: u64,
    /// `AddUserItems`: the members added.
    pub add_user_items: Vec<String>,
    /// `DelUserItems`: the members removed.
    pub del_user_items: Vec<String>,
    /// `AddPartyItems`: the departments added.
    pub add_party_items: Vec<u64>,
    /// `DelPartyItems`: the departments removed.
    pub del_party_items: Vec<u64>,
}

impl TagChange {
    fn from_fields(f: &CallbackFields) -> Self {
        TagChange {
            tag_id: f.number("TagId"),
            add_user_items: list(f, "AddUserItems").unwrap_or_default(),
            del_user_items: list(f, "DelUserItems").unwrap_or_default(),
            add_party_items: list(f, "AddPartyItems").unwrap_or_default(),
            del_party_items: list(f, "DelPartyItems").unwrap_or_default(),
        }
    }
}
