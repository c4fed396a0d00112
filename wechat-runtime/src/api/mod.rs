//! Typed WeChat APIs, one module per area, reached from a client: `client.user().info(openid)`.
//!
//! Each method returns an [`ApiCall`]: `.await` sends it and decodes the answer, and before
//! that the call takes the same per-call overrides as a [`RequestBuilder`] (`appid`,
//! `timeout`, `with_storage`, and `authorizer_appid` on component clients). Input WeChat would
//! reject (an empty list, a batch over its limit) is rejected before anything is sent, with
//! [`Error::InvalidInput`].

pub mod autoreply;
pub mod basic;
pub mod comment;
pub mod component;
pub mod customer_service;
pub mod datacube;
pub mod media;
pub mod menu;
pub mod message;
pub mod mini_program;
pub mod oauth;
pub mod ocr;
pub mod publish;
pub mod qrcode;
pub mod user;
pub mod wxa_admin;
pub mod wxa_analysis;
pub mod wxa_link;
pub mod wxa_plugin;
pub mod wxa_search;
pub mod wxa_security;
pub mod wxa_shipping;
pub mod xpay;

use std::borrow::Cow;
use std::future::{Future, IntoFuture};
use std::marker::PhantomData;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{ready, Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use reqwest::Method;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize};

use crate::call::client::Client;
use crate::call::kind::{ActsForAuthorizers, Common, Component, WeChatKind};
use crate::call::request::RequestBuilder;
use crate::call::shared::{require_appid, ClientCore};
use crate::call::transport::{erased, Answer, Response};
use crate::error::{Error, Result};
use crate::storage::{ClientStorage, ComponentClientStorage};

/// A typed call of one WeChat API: `.await` sends it and decodes a `T`.
///
/// ```no_run
/// # async fn run(client: wechat_runtime::Client<wechat_runtime::Hub<wechat_runtime::MemoryStore>>) -> wechat_runtime::Result<()> {
/// use std::time::Duration;
///
/// let user = client
///     .user()
///     .info("o6_bmjrPTlm6_2sgVt7hMZOPfL2M")
///     .appid("wx0123456789abcdef")
///     .timeout(Duration::from_secs(5))
///     .await?;
/// # let _ = user; Ok(()) }
/// ```
#[must_use = "a call does nothing until it is awaited"]
pub struct ApiCall<'a, T, K = Common> {
    /// Carries the one-pass decoder of `T` when the answer is JSON (see `Area::call_json`).
    request: RequestBuilder<'a, K>,
    /// Reads the answer when the request carries no decoder.
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

    /// The authorizer of this call, instead of the client's. Component clients only.
    pub fn authorizer_appid(mut self, authorizer_appid: impl Into<String>) -> Self
    where
        K: ActsForAuthorizers,
    {
        self.request = self.request.authorizer_appid(authorizer_appid);
        self
    }

    /// The untyped request underneath, to add what the typed API does not cover.
    pub fn into_request(self) -> RequestBuilder<'a, K> {
        self.request.decoding(None)
    }

    /// Sends the call.
    pub async fn send(self) -> Result<T>
    where
        T: Send + 'static,
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
}

impl<'a, T: Send + 'static, K: 'a> IntoFuture for ApiCall<'a, T, K> {
    type Output = Result<T>;
    type IntoFuture = ApiCallFuture<'a, T>;

    fn into_future(self) -> Self::IntoFuture {
        ApiCallFuture {
            sent: self.request.send_answer(),
            decode: self.decode,
        }
    }
}

/// What `.await` on an [`ApiCall`] runs: the call, then its answer as a `T`.
///
/// ```no_run
/// # async fn run(client: wechat_runtime::Client<wechat_runtime::Hub<wechat_runtime::MemoryStore>>) -> wechat_runtime::Result<()> {
/// use std::future::IntoFuture;
///
/// // Started now, awaited later (or handed to `tokio::spawn`).
/// let user = client.user().info("o6_bmjrPTlm6_2sgVt7hMZOPfL2M").into_future();
/// let user = user.await?;
/// # let _ = user; Ok(()) }
/// ```
#[must_use = "futures do nothing unless polled"]
pub struct ApiCallFuture<'a, T> {
    // One box, the call's; the decoding step is a plain function on its output.
    sent: Pin<Box<dyn Future<Output = Result<Answer>> + Send + 'a>>,
    decode: fn(Response) -> Result<T>,
}

impl<T: 'static> Future for ApiCallFuture<'_, T> {
    type Output = Result<T>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Result<T>> {
        let answer = ready!(self.sent.as_mut().poll(cx));
        Poll::Ready(match answer {
            Err(e) => Err(e),
            Ok(Answer::Response(response)) => (self.decode)(response),
            Ok(Answer::Decoded(value)) => value.downcast::<T>().map(|value| *value).map_err(|_| {
                Error::invalid_input("the answer was decoded into another type than the call's")
            }),
        })
    }
}

impl<T> std::fmt::Debug for ApiCallFuture<'_, T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ApiCallFuture").finish_non_exhaustive()
    }
}

/// What every area holds: the client's shared core. An area's type wraps it:
/// `pub struct UserApi<'c, K>(pub(crate) Area<'c, K>);`.
pub(crate) struct Area<'c, K> {
    core: &'c Arc<ClientCore>,
    _kind: PhantomData<K>,
}

/// Whether a `POST` may be sent again after a transient failure that may have reached WeChat
/// (an HTTP 5xx, errcode -1): the call's [`RequestBuilder::idempotent`]. A call that could not
/// connect is retried either way, since nothing was sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Retry {
    /// Sending it twice does no harm (a query, or setting the same state again): retried.
    Safe,
    /// Sending it twice would act twice (a message, a creation, a change, a single-use code
    /// spent, a quota used): never sent again once it may have reached WeChat.
    Unsafe,
}

impl<'c, K> Area<'c, K> {
    pub(crate) fn new(core: &'c Arc<ClientCore>) -> Self {
        Area {
            core,
            _kind: PhantomData,
        }
    }

    /// The client's appid, or [`Error::InvalidInput`] when it has none.
    pub(crate) fn appid(&self) -> Result<String> {
        require_appid(self.core.appid.as_deref()).map(str::to_owned)
    }

    /// A request of `path`.
    pub(crate) fn request(&self, method: Method, path: &'static str) -> RequestBuilder<'static, K> {
        RequestBuilder::new(self.core.clone(), method, Cow::Borrowed(path))
    }

    /// A `GET` of `path` decoded as JSON.
    pub(crate) fn get<T: DeserializeOwned + Send + 'static>(
        &self,
        path: &'static str,
    ) -> ApiCall<'static, T, K> {
        self.call_json(self.request(Method::GET, path))
    }

    /// A `GET` of `path`, its answer read by `decode` (to pick a field of the answer, say).
    pub(crate) fn get_with<T>(
        &self,
        path: &'static str,
        decode: fn(Response) -> Result<T>,
    ) -> ApiCall<'static, T, K> {
        self.call(self.request(Method::GET, path), decode)
    }

    /// A `POST` of `body` as JSON to `path`, decoded as JSON; `retry` says whether sending it
    /// twice does harm.
    pub(crate) fn post<T: DeserializeOwned + Send + 'static>(
        &self,
        path: &'static str,
        body: &impl Serialize,
        retry: Retry,
    ) -> ApiCall<'static, T, K> {
        self.call_json(self.post_request(path, body, retry))
    }

    /// A `POST` of `body` whose answer is only `errcode`/`errmsg`.
    pub(crate) fn post_ok(
        &self,
        path: &'static str,
        body: &impl Serialize,
        retry: Retry,
    ) -> ApiCall<'static, (), K> {
        self.post_with(path, body, retry, ok)
    }

    /// A `POST` of `body` as JSON to `path`, its answer read by `decode` (to pick a field of
    /// the answer, say).
    pub(crate) fn post_with<T>(
        &self,
        path: &'static str,
        body: &(impl Serialize + ?Sized),
        retry: Retry,
        decode: fn(Response) -> Result<T>,
    ) -> ApiCall<'static, T, K> {
        self.call(self.post_request(path, body, retry), decode)
    }

    fn post_request(
        &self,
        path: &'static str,
        body: &(impl Serialize + ?Sized),
        retry: Retry,
    ) -> RequestBuilder<'static, K> {
        self.request(Method::POST, path)
            .json(body)
            .idempotent(retry == Retry::Safe)
    }

    /// A typed call around any request whose answer is `T` as JSON: the answer and its
    /// errcode are decoded in one pass.
    pub(crate) fn call_json<T: DeserializeOwned + Send + 'static>(
        &self,
        request: RequestBuilder<'static, K>,
    ) -> ApiCall<'static, T, K> {
        ApiCall {
            request: request.decoding(Some(erased::<T>)),
            decode: json,
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

    /// The call `build` makes from the checked input, or, when the input was rejected, a call
    /// that fails with the rejection when awaited, sending nothing:
    /// `area.checked(check_present("openid", openid), |()| area.get(..))`.
    pub(crate) fn checked<V, T>(
        &self,
        checked: Result<V>,
        build: impl FnOnce(V) -> ApiCall<'static, T, K>,
    ) -> ApiCall<'static, T, K> {
        match checked {
            Ok(input) => build(input),
            Err(error) => self.reject(error),
        }
    }

    /// [`checked`](Area::checked) for calls that send the client's appid: `build` gets the
    /// appid once the client has one (checked first) and `checked` passed.
    pub(crate) fn checked_with_appid<T>(
        &self,
        checked: Result<()>,
        build: impl FnOnce(String) -> ApiCall<'static, T, K>,
    ) -> ApiCall<'static, T, K> {
        let appid = self.appid().and_then(|appid| checked.map(|()| appid));
        self.checked(appid, build)
    }

    /// A call that fails with `error` when awaited, sending nothing.
    fn reject<T>(&self, error: Error) -> ApiCall<'static, T, K> {
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

#[derive(Deserialize)]
#[serde(untagged)]
enum StringOrNumber {
    String(String),
    Number(serde_json::Number),
}

impl From<StringOrNumber> for String {
    fn from(value: StringOrNumber) -> Self {
        match value {
            StringOrNumber::String(s) => s,
            StringOrNumber::Number(n) => n.to_string(),
        }
    }
}

/// Decodes a field WeChat sends as a string in some answers and a number in others (`42` and
/// `"42"` both give `"42"`). `null` is an error; with `#[serde(default)]` a missing field is
/// empty.
pub(crate) fn string_or_number<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> std::result::Result<String, D::Error> {
    Ok(StringOrNumber::deserialize(deserializer)?.into())
}

/// A small number WeChat sends as a number in some answers and as a string in older ones
/// (`1` and `"1"` both give 1); a string that is not a number, or `null`, gives 0 (unknown).
pub(crate) fn small_number_or_string<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> std::result::Result<u8, D::Error> {
    Ok(match Option::<StringOrNumber>::deserialize(deserializer)? {
        Some(StringOrNumber::Number(n)) => {
            n.as_u64().and_then(|n| u8::try_from(n).ok()).unwrap_or(0)
        }
        Some(StringOrNumber::String(s)) => s.trim().parse().unwrap_or(0),
        None => 0,
    })
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

/// Rejects an empty required string among `fields` (name, value), the first one in order.
pub(crate) fn check_all_present(fields: &[(&str, &str)]) -> Result<()> {
    fields
        .iter()
        .try_for_each(|(what, value)| check_present(what, value))
}

/// Rejects a number outside `min..=max`: "`what` is `value`; WeChat takes `min` to `max`".
pub(crate) fn check_between(what: &str, value: u32, min: u32, max: u32) -> Result<()> {
    if !(min..=max).contains(&value) {
        return Err(Error::invalid_input(format!(
            "{what} is {value}; WeChat takes {min} to {max}"
        )));
    }
    Ok(())
}

/// Access to the API areas, for every client.
/// WeChat's areas, for the clients of `api.weixin.qq.com`; WeCom's are in [`crate::work`].
impl<S, K: WeChatKind> Client<S, K> {
    /// Basic APIs: callback IPs, network checks, quotas.
    pub fn basic(&self) -> basic::BasicApi<'_, K> {
        basic::BasicApi(Area::new(&self.core))
    }

    /// Custom menus, conditional menus included.
    pub fn menu(&self) -> menu::MenuApi<'_, K> {
        menu::MenuApi(Area::new(&self.core))
    }

    /// Users (followers): info, lists, remarks, openid migration.
    pub fn user(&self) -> user::UserApi<'_, K> {
        user::UserApi(Area::new(&self.core))
    }

    /// User tags.
    pub fn tags(&self) -> user::TagsApi<'_, K> {
        user::TagsApi(Area::new(&self.core))
    }

    /// The blacklist.
    pub fn blacklist(&self) -> user::BlacklistApi<'_, K> {
        user::BlacklistApi(Area::new(&self.core))
    }

    /// Customer service messages (`custom/send`) and typing.
    pub fn message(&self) -> message::MessageApi<'_, K> {
        message::MessageApi(Area::new(&self.core))
    }

    /// Template messages and industries.
    pub fn template(&self) -> message::TemplateApi<'_, K> {
        message::TemplateApi(Area::new(&self.core))
    }

    /// Subscribe messages (Official Account and Mini Program).
    pub fn subscribe(&self) -> message::SubscribeApi<'_, K> {
        message::SubscribeApi(Area::new(&self.core))
    }

    /// Mass messages.
    pub fn mass(&self) -> message::MassApi<'_, K> {
        message::MassApi(Area::new(&self.core))
    }

    /// Temporary media: upload and download.
    pub fn media(&self) -> media::MediaApi<'_, K> {
        media::MediaApi(Area::new(&self.core))
    }

    /// Permanent material.
    pub fn material(&self) -> media::MaterialApi<'_, K> {
        media::MaterialApi(Area::new(&self.core))
    }

    /// The draft box.
    ///
    /// ```no_run
    /// # async fn example<S>(client: &wechat_runtime::Client<S>) -> wechat_runtime::Result<()> {
    /// use wechat_runtime::api::publish::DraftArticle;
    ///
    /// let article = DraftArticle::news("Title", "<p>Body</p>", "THUMB_MEDIA_ID");
    /// let media_id = client.draft().add(&[article]).await?;
    /// println!("{} drafts", client.draft().count().await?);
    /// # let _ = media_id; Ok(()) }
    /// ```
    pub fn draft(&self) -> publish::DraftApi<'_, K> {
        publish::DraftApi(Area::new(&self.core))
    }

    /// Publishing drafts.
    ///
    /// ```no_run
    /// # async fn example<S>(client: &wechat_runtime::Client<S>) -> wechat_runtime::Result<()> {
    /// let submitted = client.freepublish().submit("DRAFT_MEDIA_ID").await?;
    /// let job = client.freepublish().get(&submitted.publish_id).await?;
    /// println!("{:?}", job.publish_status);
    /// # Ok(()) }
    /// ```
    pub fn freepublish(&self) -> publish::FreePublishApi<'_, K> {
        publish::FreePublishApi(Area::new(&self.core))
    }

    /// Comments on published articles.
    ///
    /// ```no_run
    /// # async fn example<S>(client: &wechat_runtime::Client<S>) -> wechat_runtime::Result<()> {
    /// use wechat_runtime::api::comment::CommentType;
    ///
    /// let page = client.comment().list(2_247_483_647, 0, 0, 20, CommentType::Elected).await?;
    /// println!("{} elected comments", page.total);
    /// # Ok(()) }
    /// ```
    pub fn comment(&self) -> comment::CommentApi<'_, K> {
        comment::CommentApi(Area::new(&self.core))
    }

    /// The automatic replies set on the platform's website.
    ///
    /// ```no_run
    /// # async fn example<S>(client: &wechat_runtime::Client<S>) -> wechat_runtime::Result<()> {
    /// let info = client.autoreply().current().await?;
    /// println!("follow reply on: {}", info.is_add_friend_reply_open == 1);
    /// # Ok(()) }
    /// ```
    pub fn autoreply(&self) -> autoreply::AutoreplyApi<'_, K> {
        autoreply::AutoreplyApi(Area::new(&self.core))
    }

    /// QR codes and short links.
    pub fn qrcode(&self) -> qrcode::QrcodeApi<'_, K> {
        qrcode::QrcodeApi(Area::new(&self.core))
    }

    /// Customer service accounts, sessions and records.
    pub fn customer_service(&self) -> customer_service::CustomerServiceApi<'_, K> {
        customer_service::CustomerServiceApi(Area::new(&self.core))
    }

    /// Statistics (datacube).
    pub fn datacube(&self) -> datacube::DatacubeApi<'_, K> {
        datacube::DatacubeApi(Area::new(&self.core))
    }

    /// Web OAuth (snsapi_base, snsapi_userinfo).
    pub fn oauth(&self) -> oauth::OAuthApi<'_, K> {
        oauth::OAuthApi(Area::new(&self.core))
    }

    /// JS-SDK signatures.
    pub fn jssdk(&self) -> oauth::JssdkApi<'_, K> {
        oauth::JssdkApi(Area::new(&self.core))
    }

    /// Mini Program security and user state: the asynchronous media check, risk ranks, the
    /// unionid of a payer, login-state checks, customer service typing.
    ///
    /// ```no_run
    /// # async fn run<S>(client: &wechat_runtime::Client<S>) -> wechat_runtime::Result<()> {
    /// let session_key = wechat_runtime::Secret::new("tiihtNczf5v6AKRyjwEUhQ==");
    /// client
    ///     .wxa_security()
    ///     .check_session("o6_bmjrPTlm6_2sgVt7hMZOPfL2M", &session_key)
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub fn wxa_security(&self) -> wxa_security::WxaSecurityApi<'_, K> {
        wxa_security::WxaSecurityApi(Area::new(&self.core))
    }

    /// Mini Program shipping information management (`/wxa/sec/order/*`).
    ///
    /// ```no_run
    /// # async fn run<S>(client: &wechat_runtime::Client<S>) -> wechat_runtime::Result<()> {
    /// use wechat_runtime::api::wxa_shipping::ShippingTradeRef;
    ///
    /// let order = client
    ///     .wxa_shipping()
    ///     .get_order(&ShippingTradeRef::transaction_id("4200001858202306300646157659"))
    ///     .await?;
    /// # let _ = order; Ok(()) }
    /// ```
    pub fn wxa_shipping(&self) -> wxa_shipping::WxaShippingApi<'_, K> {
        wxa_shipping::WxaShippingApi(Area::new(&self.core))
    }

    /// Mini Program virtual payment (`/xpay/*`), signed with `key`: the AppKey of one payment
    /// environment, whose `env` the calls send.
    ///
    /// ```no_run
    /// # async fn run<S>(client: &wechat_runtime::Client<S>) -> wechat_runtime::Result<()> {
    /// use wechat_runtime::api::xpay::{XpayKey, XpayOrderRef};
    ///
    /// let key = XpayKey::production("the-app-key");
    /// let order = client
    ///     .xpay(&key)
    ///     .query_order("oUrsf0SoPGVLbQXNOFmyz2Tkb3QM", &XpayOrderRef::order_id("ORDER0001"))
    ///     .await?;
    /// # let _ = order; Ok(()) }
    /// ```
    pub fn xpay<'a>(&'a self, key: &'a xpay::XpayKey) -> xpay::XpayApi<'a, K> {
        xpay::XpayApi::new(Area::new(&self.core), key)
    }

    /// Mini Program server APIs.
    pub fn mini_program(&self) -> mini_program::MiniProgramApi<'_, K> {
        mini_program::MiniProgramApi(Area::new(&self.core))
    }

    /// Mini Program data analysis: visit trends, retention, pages, portraits, performance.
    ///
    /// ```no_run
    /// # async fn run<S>(client: &wechat_runtime::Client<S>) -> wechat_runtime::Result<()> {
    /// let days = client.wxa_analysis().daily_visit_trend("20240310", "20240310").await?;
    /// # let _ = days; Ok(()) }
    /// ```
    pub fn wxa_analysis(&self) -> wxa_analysis::WxaAnalysisApi<'_, K> {
        wxa_analysis::WxaAnalysisApi(Area::new(&self.core))
    }

    /// Mini Program links: URL schemes and links read back, Short Links, NFC schemes.
    ///
    /// ```no_run
    /// # async fn run<S>(client: &wechat_runtime::Client<S>) -> wechat_runtime::Result<()> {
    /// let left = client.wxa_link().visit_quota().await?;
    /// # let _ = left; Ok(()) }
    /// ```
    pub fn wxa_link(&self) -> wxa_link::WxaLinkApi<'_, K> {
        wxa_link::WxaLinkApi(Area::new(&self.core))
    }

    /// OCR and image processing: ID cards, bank cards, licenses, printed text, codes, crops.
    ///
    /// ```no_run
    /// # async fn run<S>(client: &wechat_runtime::Client<S>) -> wechat_runtime::Result<()> {
    /// use wechat_runtime::api::ocr::OcrImage;
    /// let number = client.ocr().bank_card(OcrImage::url("https://example.com/card.jpg")).await?;
    /// # let _ = number; Ok(()) }
    /// ```
    pub fn ocr(&self) -> ocr::OcrApi<'_, K> {
        ocr::OcrApi(Area::new(&self.core))
    }

    /// Mini Program plugins: applications, the plugin list, reviews, openpids.
    ///
    /// ```no_run
    /// # async fn run<S>(client: &wechat_runtime::Client<S>) -> wechat_runtime::Result<()> {
    /// let plugins = client.wxa_plugin().list().await?;
    /// # let _ = plugins; Ok(()) }
    /// ```
    pub fn wxa_plugin(&self) -> wxa_plugin::WxaPluginApi<'_, K> {
        wxa_plugin::WxaPluginApi(Area::new(&self.core))
    }

    /// WeChat Search: pages pushed for indexing.
    ///
    /// ```no_run
    /// # async fn run<S>(client: &wechat_runtime::Client<S>) -> wechat_runtime::Result<()> {
    /// use wechat_runtime::api::wxa_search::SearchPage;
    /// client.wxa_search().submit_pages(&[SearchPage::new("pages/index/index", "")]).await?;
    /// # Ok(()) }
    /// ```
    pub fn wxa_search(&self) -> wxa_search::WxaSearchApi<'_, K> {
        wxa_search::WxaSearchApi(Area::new(&self.core))
    }
}

impl<S> Client<S, Component> {
    /// Open platform (component) APIs: authorization, authorizers, component OAuth.
    pub fn component(&self) -> component::ComponentApi<'_, Component> {
        component::ComponentApi(Area::new(&self.core))
    }

    /// Managing authorizers' Mini Programs: code templates, code, audits and releases,
    /// domains, testers, categories, basic information, privacy guides, fast registration.
    /// Calls act for the client's authorizer unless `.authorizer_appid(..)` names another.
    ///
    /// ```no_run
    /// # async fn run<S>(platform: &wechat_runtime::Client<S, wechat_runtime::Component>) -> wechat_runtime::Result<()> {
    /// let audit = platform
    ///     .wxa_admin()
    ///     .latest_audit_status()
    ///     .authorizer_appid("wxa1b2c3d4e5f60001")
    ///     .await?;
    /// println!("audit {} is in state {}", audit.auditid, audit.status);
    /// # Ok(()) }
    /// ```
    pub fn wxa_admin(&self) -> wxa_admin::WxaAdminApi<'_, Component> {
        wxa_admin::WxaAdminApi(Area::new(&self.core))
    }
}
