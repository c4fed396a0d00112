//! Customer service accounts and the links that open chats with them.

use serde::{Deserialize, Serialize};

use super::{check_token, KfApi, MAX_ACCOUNT_NAME_CHARS, MAX_ACCOUNT_PAGE, MAX_SCENE_BYTES};
use crate::api::{check_between, check_present, ApiCall, Retry};
use crate::error::{Error, Result};
use crate::Work;

/// A customer service account, from [`KfApi::list_accounts`].
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct WorkKfAccount {
    /// Its id.
    pub open_kfid: String,
    /// Its name.
    #[serde(default)]
    pub name: String,
    /// Its avatar's URL.
    #[serde(default)]
    pub avatar: String,
    /// Whether the calling app may manage it (assign servicers, send messages).
    #[serde(default)]
    pub manage_privilege: bool,
}

/// A change of an account, for [`KfApi::update_account`]; what is not set stays.
///
/// ```
/// use wechat_runtime::work::kf::KfAccountUpdate;
///
/// let update = KfAccountUpdate::new("wkAJ2GCAAAZSfhHCt7IFSvLKtMPxyJTw").name("Pre-sales");
/// # let _ = update;
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KfAccountUpdate {
    open_kfid: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    media_id: Option<String>,
}

impl KfAccountUpdate {
    /// A change of the account `open_kfid`.
    pub fn new(open_kfid: impl Into<String>) -> Self {
        KfAccountUpdate {
            open_kfid: open_kfid.into(),
            name: None,
            media_id: None,
        }
    }

    /// Its new name (up to 16 characters).
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// Its new avatar: a temporary media id.
    pub fn media_id(mut self, media_id: impl Into<String>) -> Self {
        self.media_id = Some(media_id.into());
        self
    }

    fn check(&self) -> Result<()> {
        check_present("open_kfid", &self.open_kfid)?;
        match (&self.name, &self.media_id) {
            (None, None) => Err(Error::invalid_input("an update sets a name or a media_id")),
            (name, media_id) => {
                if let Some(name) = name {
                    check_name(name)?;
                }
                if let Some(media_id) = media_id {
                    check_present("media_id", media_id)?;
                }
                Ok(())
            }
        }
    }
}

fn check_name(name: &str) -> Result<()> {
    check_present("name", name)?;
    let count = name.chars().count();
    if count > MAX_ACCOUNT_NAME_CHARS {
        return Err(Error::invalid_input(format!(
            "name has {count} characters; WeCom takes at most {MAX_ACCOUNT_NAME_CHARS}"
        )));
    }
    Ok(())
}

#[derive(Deserialize)]
struct OpenKfid {
    open_kfid: String,
}

#[derive(Deserialize)]
struct AccountList {
    #[serde(default)]
    account_list: Vec<WorkKfAccount>,
}

#[derive(Deserialize)]
struct Url {
    url: String,
}

impl KfApi<'_> {
    /// Creates a service account named `name` (up to 16 characters) with the avatar
    /// `media_id` (a temporary media id): `POST /cgi-bin/kf/account/add`. Answers its
    /// `open_kfid`.
    pub fn add_account(&self, name: &str, media_id: &str) -> ApiCall<'static, String, Work> {
        let checked = check_name(name).and_then(|()| check_present("media_id", media_id));
        self.0.checked(checked, |()| {
            self.0.post_with(
                "/cgi-bin/kf/account/add",
                &serde_json::json!({ "name": name, "media_id": media_id }),
                Retry::Unsafe,
                |response| Ok(response.json::<OpenKfid>()?.open_kfid),
            )
        })
    }

    /// Deletes the account `open_kfid`: `POST /cgi-bin/kf/account/del`.
    pub fn del_account(&self, open_kfid: &str) -> ApiCall<'static, (), Work> {
        self.0.checked(check_present("open_kfid", open_kfid), |()| {
            self.0.post_ok(
                "/cgi-bin/kf/account/del",
                &serde_json::json!({ "open_kfid": open_kfid }),
                Retry::Unsafe,
            )
        })
    }

    /// Renames an account or changes its avatar: `POST /cgi-bin/kf/account/update`.
    pub fn update_account(&self, update: &KfAccountUpdate) -> ApiCall<'static, (), Work> {
        self.0.checked(update.check(), |()| {
            self.0
                .post_ok("/cgi-bin/kf/account/update", update, Retry::Safe)
        })
    }

    /// A page of up to `limit` (1 to 100) accounts from `offset`: `POST
    /// /cgi-bin/kf/account/list`.
    pub fn list_accounts(
        &self,
        offset: u32,
        limit: u32,
    ) -> ApiCall<'static, Vec<WorkKfAccount>, Work> {
        self.0
            .checked(check_between("limit", limit, 1, MAX_ACCOUNT_PAGE), |()| {
                self.0.post_with(
                    "/cgi-bin/kf/account/list",
                    &serde_json::json!({ "offset": offset, "limit": limit }),
                    Retry::Safe,
                    |response| Ok(response.json::<AccountList>()?.account_list),
                )
            })
    }

    /// The link that opens a chat with the account `open_kfid`, tagged with `scene` (up to 32
    /// bytes of `[0-9a-zA-Z_-]`, given back in the enter-session event; empty for none): `POST
    /// /cgi-bin/kf/add_contact_way`.
    pub fn add_contact_way(&self, open_kfid: &str, scene: &str) -> ApiCall<'static, String, Work> {
        let checked = check_present("open_kfid", open_kfid).and_then(|()| {
            if scene.is_empty() {
                Ok(())
            } else {
                check_token("scene", scene, MAX_SCENE_BYTES)
            }
        });
        self.0.checked(checked, |()| {
            let body = if scene.is_empty() {
                serde_json::json!({ "open_kfid": open_kfid })
            } else {
                serde_json::json!({ "open_kfid": open_kfid, "scene": scene })
            };
            self.0.post_with(
                "/cgi-bin/kf/add_contact_way",
                &body,
                Retry::Unsafe,
                |response| Ok(response.json::<Url>()?.url),
            )
        })
    }
}
