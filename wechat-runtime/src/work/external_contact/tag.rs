//! The corp's customer tags (企业客户标签): groups of tags, and tags put on customers.

use serde::{Deserialize, Serialize};

use super::{check_chars, ExternalContactApi};
use crate::api::{check_all_present, check_present, ApiCall, Retry};
use crate::error::{Error, Result};
use crate::Work;

/// The longest tag or tag group name, in characters.
pub const MAX_TAG_NAME_CHARS: usize = 30;

/// A group of corp tags, from [`ExternalContactApi::corp_tags`] and
/// [`ExternalContactApi::add_corp_tags`].
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct CorpTagGroup {
    /// The group's id.
    pub group_id: String,
    /// The group's name.
    #[serde(default)]
    pub group_name: String,
    /// When it was created, in unix seconds.
    #[serde(default)]
    pub create_time: i64,
    /// Its place: the larger, the earlier.
    #[serde(default)]
    pub order: u32,
    /// Whether it was deleted (only answered for ids asked for by id).
    #[serde(default)]
    pub deleted: bool,
    /// Its tags.
    #[serde(default)]
    pub tag: Vec<CorpTag>,
}

/// A corp tag of a [`CorpTagGroup`].
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct CorpTag {
    /// The tag's id.
    pub id: String,
    /// The tag's name.
    #[serde(default)]
    pub name: String,
    /// When it was created, in unix seconds.
    #[serde(default)]
    pub create_time: i64,
    /// Its place in its group: the larger, the earlier.
    #[serde(default)]
    pub order: u32,
    /// Whether it was deleted (only answered for ids asked for by id).
    #[serde(default)]
    pub deleted: bool,
}

/// A tag to add, for [`NewCorpTags`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NewCorpTag {
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    order: Option<u32>,
}

impl NewCorpTag {
    /// A tag named `name` (up to 30 characters).
    pub fn new(name: impl Into<String>) -> Self {
        NewCorpTag {
            name: name.into(),
            order: None,
        }
    }

    /// Its place in its group: the larger, the earlier.
    pub fn order(mut self, order: u32) -> Self {
        self.order = Some(order);
        self
    }
}

/// Tags to add to a group, existing or new, for [`ExternalContactApi::add_corp_tags`].
///
/// ```
/// use wechat_runtime::work::external_contact::{NewCorpTag, NewCorpTags};
///
/// let tags = NewCorpTags::new_group("Level", [NewCorpTag::new("Gold"), NewCorpTag::new("Silver")]);
/// let more = NewCorpTags::into_group("etXXXXXXXXXXXXXXXXXXXXXXXXXXXXX", [NewCorpTag::new("Bronze")]);
/// # let _ = (tags, more);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NewCorpTags {
    #[serde(skip_serializing_if = "Option::is_none")]
    group_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    group_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    order: Option<u32>,
    tag: Vec<NewCorpTag>,
    #[serde(skip_serializing_if = "Option::is_none")]
    agentid: Option<i64>,
}

impl NewCorpTags {
    /// `tags` in a new group named `group_name` (up to 30 characters); WeCom adds them to the
    /// group of that name if there is one.
    pub fn new_group(
        group_name: impl Into<String>,
        tags: impl IntoIterator<Item = NewCorpTag>,
    ) -> Self {
        NewCorpTags {
            group_id: None,
            group_name: Some(group_name.into()),
            order: None,
            tag: tags.into_iter().collect(),
            agentid: None,
        }
    }

    /// `tags` in the existing group `group_id`.
    pub fn into_group(
        group_id: impl Into<String>,
        tags: impl IntoIterator<Item = NewCorpTag>,
    ) -> Self {
        NewCorpTags {
            group_id: Some(group_id.into()),
            group_name: None,
            order: None,
            tag: tags.into_iter().collect(),
            agentid: None,
        }
    }

    /// The new group's place: the larger, the earlier.
    pub fn order(mut self, order: u32) -> Self {
        self.order = Some(order);
        self
    }

    /// The agent adding them, when the client's token is an agent's: then only that agent
    /// may edit or delete them.
    pub fn agentid(mut self, agentid: i64) -> Self {
        self.agentid = Some(agentid);
        self
    }

    fn check(&self) -> Result<()> {
        match (&self.group_id, &self.group_name) {
            (Some(id), _) => check_present("group_id", id)?,
            (None, Some(name)) => {
                check_present("group_name", name)?;
                check_chars("group_name", name, MAX_TAG_NAME_CHARS)?;
            }
            (None, None) => return Err(Error::invalid_input("no group_id nor group_name")),
        }
        if self.tag.is_empty() {
            return Err(Error::invalid_input("no tag to add"));
        }
        self.tag.iter().try_for_each(|tag| {
            check_present("a tag name", &tag.name)?;
            check_chars("a tag name", &tag.name, MAX_TAG_NAME_CHARS)
        })
    }
}

/// A change of a tag's or a group's name or place, for [`ExternalContactApi::edit_corp_tag`].
///
/// ```
/// use wechat_runtime::work::external_contact::CorpTagEdit;
///
/// let edit = CorpTagEdit::new("etXXXXXXXXXXXXXXXXXXXXXXXXXXXXX").name("Platinum").order(3);
/// # let _ = edit;
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CorpTagEdit {
    id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    order: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    agentid: Option<i64>,
}

impl CorpTagEdit {
    /// A change of the tag or group `id`.
    pub fn new(id: impl Into<String>) -> Self {
        CorpTagEdit {
            id: id.into(),
            name: None,
            order: None,
            agentid: None,
        }
    }

    /// Its new name (up to 30 characters).
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// Its new place: the larger, the earlier.
    pub fn order(mut self, order: u32) -> Self {
        self.order = Some(order);
        self
    }

    /// The agent that created it, when the client's token is an agent's.
    pub fn agentid(mut self, agentid: i64) -> Self {
        self.agentid = Some(agentid);
        self
    }

    fn check(&self) -> Result<()> {
        check_present("id", &self.id)?;
        if let Some(name) = &self.name {
            check_present("name", name)?;
            check_chars("name", name, MAX_TAG_NAME_CHARS)?;
        } else if self.order.is_none() {
            return Err(Error::invalid_input("an edit sets a name or an order"));
        }
        Ok(())
    }
}

#[derive(Serialize)]
struct TagIds<'a> {
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    tag_id: &'a [&'a str],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    group_id: &'a [&'a str],
    #[serde(skip_serializing_if = "Option::is_none")]
    agentid: Option<i64>,
}

#[derive(Serialize)]
struct MarkTagBody<'a> {
    userid: &'a str,
    external_userid: &'a str,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    add_tag: &'a [&'a str],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    remove_tag: &'a [&'a str],
}

#[derive(Deserialize)]
struct TagGroups {
    #[serde(default)]
    tag_group: Vec<CorpTagGroup>,
}

#[derive(Deserialize)]
struct AddedGroup {
    tag_group: CorpTagGroup,
}

fn check_ids(what: &str, ids: &[&str]) -> Result<()> {
    ids.iter().try_for_each(|id| check_present(what, id))
}

impl ExternalContactApi<'_> {
    /// The corp's tag groups and tags: all of them when `tag_ids` and `group_ids` are empty,
    /// else the tags `tag_ids` (then `group_ids` is not read) or the groups `group_ids`:
    /// `POST /cgi-bin/externalcontact/get_corp_tag_list`.
    pub fn corp_tags(
        &self,
        tag_ids: &[&str],
        group_ids: &[&str],
    ) -> ApiCall<'static, Vec<CorpTagGroup>, Work> {
        let checked =
            check_ids("a tag_id", tag_ids).and_then(|()| check_ids("a group_id", group_ids));
        self.0.checked(checked, |()| {
            self.0.post_with(
                "/cgi-bin/externalcontact/get_corp_tag_list",
                &TagIds {
                    tag_id: tag_ids,
                    group_id: group_ids,
                    agentid: None,
                },
                Retry::Safe,
                |response| Ok(response.json::<TagGroups>()?.tag_group),
            )
        })
    }

    /// Adds tags to a group, creating the group when it is named: `POST
    /// /cgi-bin/externalcontact/add_corp_tag`. Answers the group with the new tags' ids.
    pub fn add_corp_tags(&self, tags: &NewCorpTags) -> ApiCall<'static, CorpTagGroup, Work> {
        self.0.checked(tags.check(), |()| {
            self.0.post_with(
                "/cgi-bin/externalcontact/add_corp_tag",
                tags,
                Retry::Unsafe,
                |response| Ok(response.json::<AddedGroup>()?.tag_group),
            )
        })
    }

    /// Renames or moves a tag or a group: `POST /cgi-bin/externalcontact/edit_corp_tag`.
    pub fn edit_corp_tag(&self, edit: &CorpTagEdit) -> ApiCall<'static, (), Work> {
        self.0.checked(edit.check(), |()| {
            self.0
                .post_ok("/cgi-bin/externalcontact/edit_corp_tag", edit, Retry::Safe)
        })
    }

    /// Deletes the tags `tag_ids` and the groups `group_ids` (with their tags); one of them
    /// must not be empty: `POST /cgi-bin/externalcontact/del_corp_tag`. `agentid` is the agent
    /// that created them, when the client's token is an agent's.
    pub fn del_corp_tags(
        &self,
        tag_ids: &[&str],
        group_ids: &[&str],
        agentid: Option<i64>,
    ) -> ApiCall<'static, (), Work> {
        let checked = if tag_ids.is_empty() && group_ids.is_empty() {
            Err(Error::invalid_input("no tag_id nor group_id to delete"))
        } else {
            check_ids("a tag_id", tag_ids).and_then(|()| check_ids("a group_id", group_ids))
        };
        self.0.checked(checked, |()| {
            self.0.post_ok(
                "/cgi-bin/externalcontact/del_corp_tag",
                &TagIds {
                    tag_id: tag_ids,
                    group_id: group_ids,
                    agentid,
                },
                Retry::Unsafe,
            )
        })
    }

    /// Puts the corp tags `add` on the customer `external_userid` of the member `userid`, and
    /// takes `remove` off; one of them must not be empty: `POST
    /// /cgi-bin/externalcontact/mark_tag`.
    pub fn mark_tag(
        &self,
        userid: &str,
        external_userid: &str,
        add: &[&str],
        remove: &[&str],
    ) -> ApiCall<'static, (), Work> {
        let checked =
            check_all_present(&[("userid", userid), ("external_userid", external_userid)])
                .and_then(|()| {
                    if add.is_empty() && remove.is_empty() {
                        Err(Error::invalid_input("no tag to add nor to remove"))
                    } else {
                        check_ids("a tag id", add).and_then(|()| check_ids("a tag id", remove))
                    }
                });
        self.0.checked(checked, |()| {
            self.0.post_ok(
                "/cgi-bin/externalcontact/mark_tag",
                &MarkTagBody {
                    userid,
                    external_userid,
                    add_tag: add,
                    remove_tag: remove,
                },
                Retry::Safe,
            )
        })
    }
}
