//! Contact tags (标签): named groups of members and departments. A tag belongs to the app that
//! created it, and only that app changes its members.

use reqwest::Method;
use serde::{Deserialize, Serialize};

use super::{ContactsApi, MAX_PARTIES, MAX_USERS};
use crate::api::{check_present, ApiCall, Retry};
use crate::call::kind::Work;
use crate::error::{Error, Result};
use crate::work::lists::{check_at_most, check_chars, check_userid, pipe_or_array};

/// A tag, as `tag/list` lists it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct ContactTag {
    /// Its id.
    pub tagid: u32,
    /// Its name.
    #[serde(default)]
    pub tagname: String,
}

/// A tag's name and members, as `tag/get` answers (only what the app may see).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct ContactTagMembers {
    /// The tag's name.
    #[serde(default)]
    pub tagname: String,
    /// The members tagged one by one.
    #[serde(default)]
    pub userlist: Vec<ContactTagMember>,
    /// The departments tagged.
    #[serde(default)]
    pub partylist: Vec<u32>,
}

/// A member of a tag.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct ContactTagMember {
    /// The member's account.
    pub userid: String,
    /// The name (not given to third-party apps).
    #[serde(default)]
    pub name: String,
}

/// What a change of a tag's members left out: ids that do not exist or that the app may not
/// see. The others were added (or removed).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct ContactTagChange {
    /// Members left out (WeCom writes them `a|b`).
    #[serde(default, deserialize_with = "pipe_or_array")]
    pub invalidlist: Vec<String>,
    /// Departments left out.
    #[serde(default, deserialize_with = "pipe_or_array")]
    pub invalidparty: Vec<u32>,
}

impl ContactTagChange {
    /// Whether every id was taken.
    pub fn is_complete(&self) -> bool {
        self.invalidlist.is_empty() && self.invalidparty.is_empty()
    }
}

#[derive(Serialize)]
struct TagBody<'a> {
    tagid: u32,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    userlist: &'a [&'a str],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    partylist: &'a [u32],
}

#[derive(Deserialize)]
struct TagIdAnswer {
    tagid: u32,
}

#[derive(Deserialize)]
struct TagList {
    #[serde(default)]
    taglist: Vec<ContactTag>,
}

/// A tag name: 1 to 32 characters.
fn check_tag_name(name: &str) -> Result<()> {
    check_present("the tag name", name)?;
    check_chars("the tag name", name, 32)
}

fn check_members(users: &[&str], parties: &[u32]) -> Result<()> {
    if users.is_empty() && parties.is_empty() {
        return Err(Error::invalid_input(
            "a tag change names no member and no department",
        ));
    }
    check_at_most("the members", users, MAX_USERS)?;
    check_at_most("the departments", parties, MAX_PARTIES)?;
    users
        .iter()
        .try_for_each(|userid| check_userid("a userid", userid))
}

impl ContactsApi<'_> {
    /// Creates a tag and returns its id: `POST /cgi-bin/tag/create`. With `None`, WeCom picks
    /// the next id. Names are unique (40071 otherwise), up to 32 characters.
    pub fn create_tag(&self, name: &str, tagid: Option<u32>) -> ApiCall<'static, u32, Work> {
        self.0.checked(check_tag_name(name), |()| {
            let mut body = serde_json::json!({ "tagname": name });
            if let Some(tagid) = tagid {
                body["tagid"] = tagid.into();
            }
            self.0
                .post_with("/cgi-bin/tag/create", &body, Retry::Unsafe, |response| {
                    Ok(response.json::<TagIdAnswer>()?.tagid)
                })
        })
    }

    /// Renames a tag: `POST /cgi-bin/tag/update`.
    pub fn update_tag(&self, tagid: u32, name: &str) -> ApiCall<'static, (), Work> {
        self.0.checked(check_tag_name(name), |()| {
            self.0.post_ok(
                "/cgi-bin/tag/update",
                &serde_json::json!({ "tagid": tagid, "tagname": name }),
                Retry::Unsafe,
            )
        })
    }

    /// Deletes a tag: `GET /cgi-bin/tag/delete?tagid=ID`.
    pub fn delete_tag(&self, tagid: u32) -> ApiCall<'static, (), Work> {
        let request = self
            .0
            .request(Method::GET, "/cgi-bin/tag/delete")
            .query("tagid", tagid)
            .idempotent(false);
        self.0.call(request, crate::api::ok)
    }

    /// A tag's name and members: `GET /cgi-bin/tag/get?tagid=ID`.
    pub fn tag_members(&self, tagid: u32) -> ApiCall<'static, ContactTagMembers, Work> {
        self.0.call_json(
            self.0
                .request(Method::GET, "/cgi-bin/tag/get")
                .query("tagid", tagid),
        )
    }

    /// Tags members and departments: `POST /cgi-bin/tag/addtagusers`. Up to 1000 members and
    /// 100 departments, not both none; ids WeCom refuses are in the answer (all refused: 40070).
    pub fn add_tag_members(
        &self,
        tagid: u32,
        users: &[&str],
        parties: &[u32],
    ) -> ApiCall<'static, ContactTagChange, Work> {
        self.change_members("/cgi-bin/tag/addtagusers", tagid, users, parties)
    }

    /// Untags members and departments: `POST /cgi-bin/tag/deltagusers`; the same limits.
    pub fn remove_tag_members(
        &self,
        tagid: u32,
        users: &[&str],
        parties: &[u32],
    ) -> ApiCall<'static, ContactTagChange, Work> {
        self.change_members("/cgi-bin/tag/deltagusers", tagid, users, parties)
    }

    fn change_members(
        &self,
        path: &'static str,
        tagid: u32,
        users: &[&str],
        parties: &[u32],
    ) -> ApiCall<'static, ContactTagChange, Work> {
        self.0.checked(check_members(users, parties), |()| {
            self.0.post(
                path,
                &TagBody {
                    tagid,
                    userlist: users,
                    partylist: parties,
                },
                // Adding (or removing) the same members again leaves the same tag.
                Retry::Safe,
            )
        })
    }

    /// Every tag the app may see: `GET /cgi-bin/tag/list`.
    pub fn tags(&self) -> ApiCall<'static, Vec<ContactTag>, Work> {
        self.0.get_with("/cgi-bin/tag/list", |response| {
            Ok(response.json::<TagList>()?.taglist)
        })
    }
}
