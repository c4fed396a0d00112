//! Typed WeChat APIs, one module per area, reached from a client: `client.user().info(openid)`.
//!
//! Each method returns an [`ApiCall`]: `.await` sends it and decodes the answer, and before
//! that the call takes the same per-call overrides as a [`RequestBuilder`] (`appid`,
//! `timeout`, `with_storage`, and `authorizer_appid` on component clients). Input WeChat would
//! reject (an empty list, a batch over its limit) is rejected before anything is sent, with
//! [`Error::InvalidInput`].

pub mod basic;
pub mod component;
pub mod customer_service;
pub mod datacube;
pub mod media;
pub mod menu;
pub mod message;
pub mod mini_program;
pub mod oauth;
pub mod qrcode;
pub mod user;

use std::future::{Future, IntoFuture};
use std::marker::PhantomData;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use reqwest::Method;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize};

use crate::client::{ClientCore, Common, Component};
use crate::error::{Error, Result};
use crate::request::RequestBuilder;
use crate::storage::{ClientStorage, ComponentClientStorage};
use crate::transport::Response;

/// A typed call of one WeChat API: `.await` sends it and decodes a `T`.
#[must_use = "a call does nothing until it is awaited"]
pub struct ApiCall<'a, T, K = Common> {
    request: RequestBuilder<'a, K>,
    decode: fn(Response) -> Result<T>,
}

impl<'a, T, K> ApiCall<'a, T, K> {
    /// The call's appid, instead of the client's.
    pub fn appid(mut self, appid: impl Into<String>) -> Self {
        self.request = self.request.appid(appid);
        self
    }

    /// How long the call may take, instead of the client's timeout.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.request = self.request.timeout(timeout);
        self
    }

    /// The untyped request underneath, to add what the typed API does not cover.
    pub fn into_request(self) -> RequestBuilder<'a, K> {
        self.request
    }

    /// Sends the call.
    pub async fn send(self) -> Result<T>
    where
        T: Send + 'a,
        K: 'a,
    {
        self.into_future().await
    }
}

impl<'a, T> ApiCall<'a, T, Common> {
    /// Uses `storage`, bound with `args`, for this call only.
    pub fn with_storage<S>(mut self, storage: &'a S, args: S::Args) -> Self
    where
        S: ClientStorage,
        S::Args: 'a,
    {
        self.request = self.request.with_storage(storage, args);
        self
    }
}

impl<'a, T> ApiCall<'a, T, Component> {
    /// Uses `storage`, bound with `args`, for this call only.
    pub fn with_storage<S>(mut self, storage: &'a S, args: S::Args) -> Self
    where
        S: ComponentClientStorage,
        S::Args: 'a,
    {
        self.request = self.request.with_storage(storage, args);
        self
    }

    /// The authorizer of this call, instead of the client's.
    pub fn authorizer_appid(mut self, authorizer_appid: impl Into<String>) -> Self {
        self.request = self.request.authorizer_appid(authorizer_appid);
        self
    }
}

impl<'a, T: Send + 'a, K: 'a> IntoFuture for ApiCall<'a, T, K> {
    type Output = Result<T>;
    type IntoFuture = Pin<Box<dyn Future<Output = Result<T>> + Send + 'a>>;

    fn into_future(self) -> Self::IntoFuture {
        let decode = self.decode;
        let sent = self.request.into_future();
        Box::pin(async move { decode(sent.await?) })
    }
}

/// What every area holds: the client's shared core.
pub(crate) struct Area<'c, K> {
    core: &'c Arc<ClientCore>,
    _kind: PhantomData<K>,
}

impl<'c, K> Area<'c, K> {
    pub(crate) fn new(core: &'c Arc<ClientCore>) -> Self {
        Area {
            core,
            _kind: PhantomData,
        }
    }

    /// A request of `path`.
    pub(crate) fn request(&self, method: Method, path: &str) -> RequestBuilder<'static, K> {
        RequestBuilder::new(self.core.clone(), method, path.to_owned())
    }

    /// A `GET` of `path` decoded as JSON.
    pub(crate) fn get<T: DeserializeOwned>(&self, path: &str) -> ApiCall<'static, T, K> {
        ApiCall {
            request: self.request(Method::GET, path),
            decode: json,
        }
    }

    /// A `POST` of `body` as JSON to `path`, decoded as JSON. `idempotent`: whether sending it
    /// twice does no harm (queries), so that transient failures can be retried.
    pub(crate) fn post<T: DeserializeOwned>(
        &self,
        path: &str,
        body: &impl Serialize,
        idempotent: bool,
    ) -> ApiCall<'static, T, K> {
        self.post_with(path, body, idempotent, json)
    }

    /// A `POST` of `body` as JSON to `path`, its answer read by `decode` (to pick a field of
    /// the answer, say).
    pub(crate) fn post_with<T>(
        &self,
        path: &str,
        body: &(impl Serialize + ?Sized),
        idempotent: bool,
        decode: fn(Response) -> Result<T>,
    ) -> ApiCall<'static, T, K> {
        ApiCall {
            request: self
                .request(Method::POST, path)
                .json(body)
                .idempotent(idempotent),
            decode,
        }
    }

    /// A typed call around any request.
    pub(crate) fn call<T>(
        &self,
        request: RequestBuilder<'static, K>,
        decode: fn(Response) -> Result<T>,
    ) -> ApiCall<'static, T, K> {
        ApiCall { request, decode }
    }

    /// A call that fails with `error` when awaited, sending nothing.
    pub(crate) fn reject<T>(&self, error: Error) -> ApiCall<'static, T, K> {
        ApiCall {
            request: RequestBuilder::rejected(self.core.clone(), error),
            decode: |_| unreachable!("a rejected call is never sent"),
        }
    }
}

/// The language WeChat writes country, province and city names in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
#[non_exhaustive]
pub enum Lang {
    /// Simplified Chinese, `zh_CN` (WeChat's default).
    #[default]
    #[serde(rename = "zh_CN")]
    ZhCn,
    /// Traditional Chinese, `zh_TW`.
    #[serde(rename = "zh_TW")]
    ZhTw,
    /// English, `en`.
    #[serde(rename = "en")]
    En,
}

impl Lang {
    /// The code WeChat uses: `zh_CN`, `zh_TW` or `en`.
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::ZhCn => "zh_CN",
            Lang::ZhTw => "zh_TW",
            Lang::En => "en",
        }
    }
}

/// A `POST` of `body` whose answer is only `errcode`/`errmsg`.
pub(crate) fn post_ok<K>(
    area: &Area<'_, K>,
    path: &str,
    body: &impl Serialize,
    idempotent: bool,
) -> ApiCall<'static, (), K> {
    area.post_with(path, body, idempotent, ok)
}

#[derive(Deserialize)]
#[serde(untagged)]
enum StringOrNumber {
    String(String),
    Int(i64),
    Uint(u64),
}

impl From<StringOrNumber> for String {
    fn from(value: StringOrNumber) -> Self {
        match value {
            StringOrNumber::String(s) => s,
            StringOrNumber::Int(n) => n.to_string(),
            StringOrNumber::Uint(n) => n.to_string(),
        }
    }
}

/// Decodes a field WeChat sends as a string in some answers and a number in others.
pub(crate) fn string_or_number<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> std::result::Result<String, D::Error> {
    Ok(StringOrNumber::deserialize(deserializer)?.into())
}

/// [`string_or_number`] for an optional field (`null` is `None`).
pub(crate) fn opt_string_or_number<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> std::result::Result<Option<String>, D::Error> {
    Ok(Option::<StringOrNumber>::deserialize(deserializer)?.map(String::from))
}

/// Decodes the answer as JSON.
pub(crate) fn json<T: DeserializeOwned>(response: Response) -> Result<T> {
    response.json()
}

/// For calls that answer only `{"errcode":0,"errmsg":"ok"}`: the errcode is already checked.
pub(crate) fn ok(_: Response) -> Result<()> {
    Ok(())
}

/// The answer's bytes, for downloads.
pub(crate) fn bytes(response: Response) -> Result<Bytes> {
    Ok(response.into_bytes())
}

/// Rejects an empty or over-long list before sending.
pub(crate) fn check_len<T>(what: &str, items: &[T], max: usize) -> Result<()> {
    if items.is_empty() {
        return Err(Error::invalid_input(format!("{what} is empty")));
    }
    if items.len() > max {
        return Err(Error::invalid_input(format!(
            "{what} has {} items; WeChat takes at most {max}",
            items.len()
        )));
    }
    Ok(())
}

/// Rejects an empty required string before sending.
pub(crate) fn check_present(what: &str, value: &str) -> Result<()> {
    if value.trim().is_empty() {
        return Err(Error::invalid_input(format!("{what} is empty")));
    }
    Ok(())
}

/// Declares an area's type: a newtype over [`Area`].
macro_rules! area {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        pub struct $name<'c, K>(pub(crate) $crate::api::Area<'c, K>);

        impl<'c, K> From<$crate::api::Area<'c, K>> for $name<'c, K> {
            fn from(area: $crate::api::Area<'c, K>) -> Self {
                $name(area)
            }
        }
    };
}
pub(crate) use area;

/// Access to the API areas, for every client.
macro_rules! areas {
    ($($(#[$doc:meta])* $name:ident => $area:ty;)*) => {
        impl<S, K: crate::client::Kind> crate::client::Client<S, K> {
            $(
                $(#[$doc])*
                pub fn $name(&self) -> $area {
                    <$area>::from(Area::new(&self.core))
                }
            )*
        }
    };
}

areas! {
    /// Basic APIs: callback IPs, network checks, quotas.
    basic => basic::BasicApi<'_, K>;
    /// Custom menus, conditional menus included.
    menu => menu::MenuApi<'_, K>;
    /// Users (followers): info, lists, remarks, openid migration.
    user => user::UserApi<'_, K>;
    /// User tags.
    tags => user::TagsApi<'_, K>;
    /// The blacklist.
    blacklist => user::BlacklistApi<'_, K>;
    /// Customer service messages (`custom/send`) and typing.
    message => message::MessageApi<'_, K>;
    /// Template messages and industries.
    template => message::TemplateApi<'_, K>;
    /// Subscribe messages (Official Account and Mini Program).
    subscribe => message::SubscribeApi<'_, K>;
    /// Mass messages.
    mass => message::MassApi<'_, K>;
    /// Temporary media: upload and download.
    media => media::MediaApi<'_, K>;
    /// Permanent material.
    material => media::MaterialApi<'_, K>;
    /// QR codes and short links.
    qrcode => qrcode::QrcodeApi<'_, K>;
    /// Customer service accounts, sessions and records.
    customer_service => customer_service::CustomerServiceApi<'_, K>;
    /// Statistics (datacube).
    datacube => datacube::DatacubeApi<'_, K>;
    /// Web OAuth (snsapi_base, snsapi_userinfo).
    oauth => oauth::OAuthApi<'_, K>;
    /// JS-SDK signatures.
    jssdk => oauth::JssdkApi<'_, K>;
    /// Mini Program server APIs.
    mini_program => mini_program::MiniProgramApi<'_, K>;
}

impl<S> crate::client::Client<S, Component> {
    /// Open platform (component) APIs: authorization, authorizers, component OAuth.
    pub fn component(&self) -> component::ComponentApi<'_, Component> {
        component::ComponentApi::from(Area::new(&self.core))
    }
}
