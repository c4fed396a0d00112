//! An authorizer's testers ("experiencers"): the WeChat users who may open its trial version.

use serde::Deserialize;

use super::WxaAdminApi;
use crate::api::{check_present, ok, ApiCall, Retry};

#[derive(Deserialize)]
struct BindAnswer {
    userstr: String,
}

#[derive(Deserialize)]
struct Member {
    userstr: String,
}

#[derive(Deserialize)]
struct MembersAnswer {
    #[serde(default)]
    members: Vec<Member>,
}

impl<'c, K: 'static> WxaAdminApi<'c, K> {
    /// Makes the WeChat user `wechatid` (their WeChat ID) a tester; the tester's `userstr`:
    /// `POST /wxa/bind_tester`.
    pub fn bind_tester(&self, wechatid: &str) -> ApiCall<'static, String, K> {
        self.0.checked(check_present("wechatid", wechatid), |()| {
            self.0.post_with(
                "/wxa/bind_tester",
                &serde_json::json!({ "wechatid": wechatid }),
                Retry::Unsafe,
                |response| Ok(response.json::<BindAnswer>()?.userstr),
            )
        })
    }

    /// Removes the tester of WeChat ID `wechatid`: `POST /wxa/unbind_tester`.
    pub fn unbind_tester(&self, wechatid: &str) -> ApiCall<'static, (), K> {
        self.0.checked(check_present("wechatid", wechatid), |()| {
            self.0.post_with(
                "/wxa/unbind_tester",
                &serde_json::json!({ "wechatid": wechatid }),
                Retry::Unsafe,
                ok,
            )
        })
    }

    /// Removes the tester `userstr` (from [`bind_tester`](WxaAdminApi::bind_tester) or
    /// [`testers`](WxaAdminApi::testers)): `POST /wxa/unbind_tester`.
    pub fn unbind_tester_by_userstr(&self, userstr: &str) -> ApiCall<'static, (), K> {
        self.0.checked(check_present("userstr", userstr), |()| {
            self.0.post_with(
                "/wxa/unbind_tester",
                &serde_json::json!({ "userstr": userstr }),
                Retry::Unsafe,
                ok,
            )
        })
    }

    /// The testers, by `userstr`: `POST /wxa/memberauth` with `action=get_experiencer`.
    pub fn testers(&self) -> ApiCall<'static, Vec<String>, K> {
        self.0.post_with(
            "/wxa/memberauth",
            &serde_json::json!({ "action": "get_experiencer" }),
            Retry::Safe,
            |response| {
                let members = response.json::<MembersAnswer>()?.members;
                Ok(members.into_iter().map(|member| member.userstr).collect())
            },
        )
    }
}
