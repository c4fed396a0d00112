//! QR codes with a scene (temporary and permanent), the URL that shows one, and short keys.
//!
//! ```no_run
//! # async fn run() -> wechat_runtime::Result<()> {
//! use wechat_runtime::api::qrcode::{show_url, Scene};
//! use wechat_runtime::{Client, Hub, MemoryStore};
//!
//! let hub = Hub::builder(MemoryStore::new().with_app("wx0123456789abcdef", "the-appsecret")).build()?;
//! let client = Client::builder(hub).appid("wx0123456789abcdef").build()?;
//!
//! // A code valid for 7 days; scanning it pushes an event with the scene "invite:42".
//! let code = client
//!     .qrcode()
//!     .temporary(Scene::Str("invite:42".into()), 604_800)
//!     .await?;
//! println!("show it at {}", show_url(&code.ticket));
//!
//! let key = client.qrcode().shorten("a long text", 86_400).await?;
//! let data = client.qrcode().fetch_shorten(&key).await?;
//! assert_eq!(data.long_data, "a long text");
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};

use super::{check_present, ApiCall, Area, Retry};
use crate::error::{Error, Result};

/// QR codes and short keys; from [`Client::qrcode`](crate::Client::qrcode).
pub struct QrcodeApi<'c, K>(pub(crate) Area<'c, K>);

/// The longest a temporary QR code or a short key lives: 30 days, in seconds.
pub const MAX_EXPIRE_SECONDS: u32 = 2_592_000;
/// The largest scene id of a permanent QR code.
pub const MAX_PERMANENT_SCENE_ID: u32 = 100_000;
/// The longest scene string, in characters.
pub const MAX_SCENE_STR: usize = 64;
/// The longest `long_data` of a short key, in bytes (4 KB).
pub const MAX_LONG_DATA: usize = 4096;

const SHOW_URL: &str = "https://mp.weixin.qq.com/cgi-bin/showqrcode?ticket=";

/// The scene a QR code carries: pushed with the scan and subscribe events.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scene {
    /// A number: not 0 for temporary codes, 1 to 100000 for permanent ones.
    Id(u32),
    /// A string of 1 to 64 characters.
    Str(String),
}

/// A created QR code.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct QrTicket {
    /// The ticket, which [`show_url`] turns into the image's URL.
    pub ticket: String,
    /// How long the code lives, in seconds (temporary codes only).
    #[serde(default)]
    pub expire_seconds: Option<u64>,
    /// What the code's image encodes, to draw it yourself.
    #[serde(default)]
    pub url: String,
}

impl QrTicket {
    /// The URL of the code's image: see [`show_url`].
    pub fn show_url(&self) -> String {
        show_url(&self.ticket)
    }
}

/// The long data behind a short key.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct ShortenData {
    /// The data.
    pub long_data: String,
    /// When the key was made, in unix seconds.
    #[serde(default)]
    pub create_time: u64,
    /// How long the key has left, in seconds.
    #[serde(default)]
    pub expire_seconds: u64,
}

/// The URL of a QR code's image, from its ticket (URL-encoded here): no request is made.
/// `GET https://mp.weixin.qq.com/cgi-bin/showqrcode?ticket=TICKET` answers the image.
pub fn show_url(ticket: &str) -> String {
    let encoded: String = url::form_urlencoded::byte_serialize(ticket.as_bytes()).collect();
    format!("{SHOW_URL}{encoded}")
}

#[derive(Serialize)]
struct CreateBody {
    #[serde(skip_serializing_if = "Option::is_none")]
    expire_seconds: Option<u32>,
    action_name: &'static str,
    action_info: ActionInfo,
}

#[derive(Serialize)]
struct ActionInfo {
    scene: SceneBody,
}

#[derive(Serialize)]
#[serde(untagged)]
enum SceneBody {
    Id { scene_id: u32 },
    Str { scene_str: String },
}

#[derive(Deserialize)]
struct ShortKeyAnswer {
    short_key: String,
}

fn check_expire(expire_seconds: u32) -> Result<()> {
    if expire_seconds == 0 || expire_seconds > MAX_EXPIRE_SECONDS {
        return Err(Error::invalid_input(format!(
            "expire_seconds is {expire_seconds}; WeChat takes 1 to {MAX_EXPIRE_SECONDS}"
        )));
    }
    Ok(())
}

fn check_scene_str(scene: &str) -> Result<()> {
    let chars = scene.chars().count();
    if chars == 0 || chars > MAX_SCENE_STR {
        return Err(Error::invalid_input(format!(
            "the scene string has {chars} characters; WeChat takes 1 to {MAX_SCENE_STR}"
        )));
    }
    Ok(())
}

/// The action and scene of a temporary code, checked.
fn temporary_scene(scene: Scene) -> Result<(&'static str, SceneBody)> {
    match scene {
        Scene::Id(0) => Err(Error::invalid_input(
            "the scene id of a temporary QR code must not be 0",
        )),
        Scene::Id(scene_id) => Ok(("QR_SCENE", SceneBody::Id { scene_id })),
        Scene::Str(scene_str) => {
            check_scene_str(&scene_str)?;
            Ok(("QR_STR_SCENE", SceneBody::Str { scene_str }))
        }
    }
}

/// The action and scene of a permanent code, checked.
fn permanent_scene(scene: Scene) -> Result<(&'static str, SceneBody)> {
    match scene {
        Scene::Id(scene_id) => {
            if scene_id == 0 || scene_id > MAX_PERMANENT_SCENE_ID {
                return Err(Error::invalid_input(format!(
                    "the scene id of a permanent QR code is {scene_id}; \
                     WeChat takes 1 to {MAX_PERMANENT_SCENE_ID}"
                )));
            }
            Ok(("QR_LIMIT_SCENE", SceneBody::Id { scene_id }))
        }
        Scene::Str(scene_str) => {
            check_scene_str(&scene_str)?;
            Ok(("QR_LIMIT_STR_SCENE", SceneBody::Str { scene_str }))
        }
    }
}

fn check_long_data(long_data: &str) -> Result<()> {
    check_present("long_data", long_data)?;
    if long_data.len() > MAX_LONG_DATA {
        return Err(Error::invalid_input(format!(
            "long_data is {} bytes; WeChat takes at most {MAX_LONG_DATA}",
            long_data.len()
        )));
    }
    Ok(())
}

impl<'c, K: 'static> QrcodeApi<'c, K> {
    /// A temporary QR code (`QR_SCENE` or `QR_STR_SCENE`) that lives `expire_seconds` (at
    /// most 30 days): `POST /cgi-bin/qrcode/create`.
    pub fn temporary(&self, scene: Scene, expire_seconds: u32) -> ApiCall<'static, QrTicket, K> {
        let checked = check_expire(expire_seconds).and_then(|()| temporary_scene(scene));
        self.0.checked(checked, |(action_name, scene)| {
            self.create(CreateBody {
                expire_seconds: Some(expire_seconds),
                action_name,
                action_info: ActionInfo { scene },
            })
        })
    }

    /// A permanent QR code (`QR_LIMIT_SCENE` with a scene id of 1 to 100000, or
    /// `QR_LIMIT_STR_SCENE`); an account has at most 100000 of them:
    /// `POST /cgi-bin/qrcode/create`.
    pub fn permanent(&self, scene: Scene) -> ApiCall<'static, QrTicket, K> {
        self.0
            .checked(permanent_scene(scene), |(action_name, scene)| {
                self.create(CreateBody {
                    expire_seconds: None,
                    action_name,
                    action_info: ActionInfo { scene },
                })
            })
    }

    fn create(&self, body: CreateBody) -> ApiCall<'static, QrTicket, K> {
        self.0.post("/cgi-bin/qrcode/create", &body, Retry::Unsafe)
    }

    /// The URL of a QR code's image: [`show_url`], which makes no request.
    pub fn show_url(&self, ticket: &str) -> String {
        show_url(ticket)
    }

    /// Turns up to 4 KB of `long_data` into a short key that lives `expire_seconds` (at most
    /// 30 days): `POST /cgi-bin/shorten/gen`.
    pub fn shorten(&self, long_data: &str, expire_seconds: u32) -> ApiCall<'static, String, K> {
        let checked = check_long_data(long_data).and_then(|()| check_expire(expire_seconds));
        self.0.checked(checked, |()| {
            self.0.post_with(
                "/cgi-bin/shorten/gen",
                &serde_json::json!({
                    "long_data": long_data,
                    "expire_seconds": expire_seconds,
                }),
                Retry::Unsafe,
                |response| Ok(response.json::<ShortKeyAnswer>()?.short_key),
            )
        })
    }

    /// The long data behind a short key: `POST /cgi-bin/shorten/fetch`.
    pub fn fetch_shorten(&self, short_key: &str) -> ApiCall<'static, ShortenData, K> {
        self.0.checked(check_present("short_key", short_key), |()| {
            self.0.post(
                "/cgi-bin/shorten/fetch",
                &serde_json::json!({ "short_key": short_key }),
                Retry::Safe,
            )
        })
    }
}
