//! The member calls of [`ContactsApi`]: create, read, change, delete, list, convert ids, and
//! invite.

use reqwest::Method;
use serde::Deserialize;

use super::{
    ContactsApi, Member, MemberBrief, MemberForm, MAX_BATCH_DELETE, MAX_PARTIES, MAX_USERS,
};
use crate::api::{check_len, check_present, ApiCall, Retry};
use crate::call::kind::Work;
use crate::error::{Error, Result};
use crate::work::lists::{check_at_most, check_bytes, check_userid, pipe_or_array};

/// Who an invitation did not reach: ids that do not exist or that the app may not see. The
/// others were invited.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct InviteOutcome {
    /// Members not invited.
    #[serde(default, deserialize_with = "pipe_or_array")]
    pub invaliduser: Vec<String>,
    /// Departments not invited.
    #[serde(default, deserialize_with = "pipe_or_array")]
    pub invalidparty: Vec<u32>,
    /// Tags not invited.
    #[serde(default, deserialize_with = "pipe_or_array")]
    pub invalidtag: Vec<u32>,
}

#[derive(Deserialize)]
struct UserList<T> {
    #[serde(default = "Vec::new")]
    userlist: Vec<T>,
}

#[derive(Deserialize)]
struct OpenidAnswer {
    openid: String,
}

#[derive(Deserialize)]
struct UseridAnswer {
    userid: String,
}

impl ContactsApi<'_> {
    /// Creates a member: `POST /cgi-bin/user/create`. WeCom answers `created`.
    ///
    /// The form is checked first ([`MemberForm::new`]): a userid of letters, digits and
    /// `_-@.`, a name, 1 to 100 departments, a mobile or an email, one order and one leader
    /// flag per department if any.
    pub fn create_user(&self, member: &MemberForm) -> ApiCall<'static, (), Work> {
        self.0.checked(member.check_new(), |()| {
            self.0
                .post_ok("/cgi-bin/user/create", member, Retry::Unsafe)
        })
    }

    /// A member: `GET /cgi-bin/user/get?userid=USERID`. 60111 if there is no such member.
    pub fn user(&self, userid: &str) -> ApiCall<'static, Member, Work> {
        self.0.checked(check_userid("the userid", userid), |()| {
            self.0.call_json(
                self.0
                    .request(Method::GET, "/cgi-bin/user/get")
                    .query("userid", userid),
            )
        })
    }

    /// Changes a member: `POST /cgi-bin/user/update`; what the form does not set stays.
    pub fn update_user(&self, member: &MemberForm) -> ApiCall<'static, (), Work> {
        self.0.checked(member.check_update(), |()| {
            self.0
                .post_ok("/cgi-bin/user/update", member, Retry::Unsafe)
        })
    }

    /// Deletes a member: `GET /cgi-bin/user/delete?userid=USERID`. Not sent again once it may
    /// have reached WeCom.
    pub fn delete_user(&self, userid: &str) -> ApiCall<'static, (), Work> {
        self.0.checked(check_userid("the userid", userid), |()| {
            let request = self
                .0
                .request(Method::GET, "/cgi-bin/user/delete")
                .query("userid", userid)
                .idempotent(false);
            self.0.call(request, crate::api::ok)
        })
    }

    /// Deletes 1 to 200 members at once: `POST /cgi-bin/user/batchdelete`. One unknown userid
    /// fails the whole call.
    pub fn delete_users(&self, userids: &[&str]) -> ApiCall<'static, (), Work> {
        let checked = check_len("the userids", userids, MAX_BATCH_DELETE).and_then(|()| {
            userids
                .iter()
                .try_for_each(|userid| check_userid("a userid", userid))
        });
        self.0.checked(checked, |()| {
            self.0.post_ok(
                "/cgi-bin/user/batchdelete",
                &serde_json::json!({ "useridlist": userids }),
                Retry::Unsafe,
            )
        })
    }

    /// The members of a department, in brief (id, name, departments):
    /// `GET /cgi-bin/user/simplelist?department_id=ID`. Sub-departments are not included: walk
    /// them with [`departments`](ContactsApi::departments).
    pub fn department_users(&self, department_id: u32) -> ApiCall<'static, Vec<MemberBrief>, Work> {
        self.list("/cgi-bin/user/simplelist", department_id)
    }

    /// The members of a department, in full: `GET /cgi-bin/user/list?department_id=ID`.
    pub fn department_user_details(
        &self,
        department_id: u32,
    ) -> ApiCall<'static, Vec<Member>, Work> {
        self.list("/cgi-bin/user/list", department_id)
    }

    fn list<T: for<'de> Deserialize<'de> + Send + 'static>(
        &self,
        path: &'static str,
        department_id: u32,
    ) -> ApiCall<'static, Vec<T>, Work> {
        self.0.checked(check_department_id(department_id), |()| {
            let request = self
                .0
                .request(Method::GET, path)
                .query("department_id", department_id);
            self.0.call(request, |response| {
                Ok(response.json::<UserList<T>>()?.userlist)
            })
        })
    }

    /// The openid of a member, for WeChat Pay: `POST /cgi-bin/user/convert_to_openid`. The
    /// member must have logged in with WeChat or followed the corp's workbench.
    pub fn to_openid(&self, userid: &str) -> ApiCall<'static, String, Work> {
        self.0.checked(check_userid("the userid", userid), |()| {
            self.0.post_with(
                "/cgi-bin/user/convert_to_openid",
                &serde_json::json!({ "userid": userid }),
                Retry::Safe,
                |response| Ok(response.json::<OpenidAnswer>()?.openid),
            )
        })
    }

    /// The member an openid (from WeChat Pay) belongs to: `POST /cgi-bin/user/convert_to_userid`.
    pub fn to_userid(&self, openid: &str) -> ApiCall<'static, String, Work> {
        self.0.checked(check_present("the openid", openid), |()| {
            self.0.post_with(
                "/cgi-bin/user/convert_to_userid",
                &serde_json::json!({ "openid": openid }),
                Retry::Safe,
                decode_userid,
            )
        })
    }

    /// The member with this mobile number: `POST /cgi-bin/user/getuserid`. 46004 if there is
    /// none; many wrong numbers block the call for a day.
    pub fn userid_by_mobile(&self, mobile: &str) -> ApiCall<'static, String, Work> {
        let checked = check_present("the mobile", mobile).and_then(|()| {
            if mobile.len() < 5 {
                return Err(Error::invalid_input(format!(
                    "the mobile `{mobile}` is under 5 bytes; WeCom takes 5 to 32"
                )));
            }
            check_bytes("the mobile", mobile, 32)
        });
        self.0.checked(checked, |()| {
            self.0.post_with(
                "/cgi-bin/user/getuserid",
                &serde_json::json!({ "mobile": mobile }),
                Retry::Safe,
                decode_userid,
            )
        })
    }

    /// Invites members to use WeCom, by member, department or tag: `POST /cgi-bin/batch/invite`.
    /// At least one id; up to 1000 members, 100 departments and 100 tags. Ids WeCom refuses are
    /// in the answer; the others are invited.
    pub fn invite(
        &self,
        users: &[&str],
        parties: &[u32],
        tags: &[u32],
    ) -> ApiCall<'static, InviteOutcome, Work> {
        let checked = check_invite(users, parties, tags);
        self.0.checked(checked, |()| {
            let mut body = serde_json::Map::new();
            if !users.is_empty() {
                body.insert("user".into(), serde_json::json!(users));
            }
            if !parties.is_empty() {
                body.insert("party".into(), serde_json::json!(parties));
            }
            if !tags.is_empty() {
                body.insert("tag".into(), serde_json::json!(tags));
            }
            self.0.post("/cgi-bin/batch/invite", &body, Retry::Unsafe)
        })
    }
}

fn decode_userid(response: crate::Response) -> Result<String> {
    Ok(response.json::<UseridAnswer>()?.userid)
}

fn check_invite(users: &[&str], parties: &[u32], tags: &[u32]) -> Result<()> {
    if users.is_empty() && parties.is_empty() && tags.is_empty() {
        return Err(Error::invalid_input(
            "an invitation names no member, department or tag",
        ));
    }
    check_at_most("the members", users, MAX_USERS)?;
    check_at_most("the departments", parties, MAX_PARTIES)?;
    check_at_most("the tags", tags, MAX_PARTIES)?;
    users
        .iter()
        .try_for_each(|userid| check_userid("a userid", userid))
}

/// Department ids start at 1 (the root).
pub(crate) fn check_department_id(id: u32) -> Result<()> {
    if id == 0 {
        return Err(Error::invalid_input(
            "the department id is 0; ids start at 1",
        ));
    }
    Ok(())
}
