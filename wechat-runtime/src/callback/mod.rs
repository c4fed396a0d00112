//! Callbacks (feature `callback`): what WeChat pushes to your server, and your replies.
//!
//! WeChat sends the messages users write, the events of the account (follows, menu clicks,
//! job reports…) and, to a third-party platform, the `component_verify_ticket` and
//! authorization notifications, as signed XML, usually encrypted (WXBizMsgCrypt).
//!
//! - [`Endpoint`]: one callback URL, in a [`SecurityMode`]. It answers the `echostr`
//!   handshake ([`Endpoint::verify_url`]), checks the signature before anything of the body is
//!   read, decrypts, parses into [`Incoming`] ([`Endpoint::receive`]), and writes the reply,
//!   encrypted when the callback was ([`Endpoint::respond`]).
//! - [`Incoming`]: a [`Message`] ([`MessageKind`]), an [`Event`] ([`EventKind`]), a
//!   [`ComponentNotification`] ([`ComponentKind`]) or a WeCom [`WorkEvent`] ([`WorkEventKind`],
//!   see WeCom below). Kinds this crate does not type are kept,
//!   with their text, in an `Unknown` variant; every field of every kind can be read by name
//!   ([`Incoming::field`], [`CallbackFields`]).
//! - JSON: Mini Programs may push JSON instead of XML, plain or encrypted.
//!   [`Endpoint::receive`] tells them apart by the body's first byte and types them as the
//!   XML ([`Incoming::parse_json`]); they are answered [`SUCCESS`].
//! - [`Reply`]: text, image, voice, video, music, news, transfer to customer service.
//! - [`save_verify_ticket`]: keeps a component's verify ticket in a
//!   [`ComponentHubStorage`](crate::ComponentHubStorage), so a [`Hub`](crate::Hub) can fetch
//!   `component_access_token` from then on.
//! - The parts: [`signature`], [`msg_signature`] and their checks (constant time),
//!   [`MessageCrypt`] (AES-256-CBC, the 32-byte PKCS#7 blocks, the appid check).
//! - [`router::Router`]: handlers per message type, event, event key and component
//!   notification, with a fallback; WeChat's retries dropped (in memory, or in Redis across
//!   nodes); replies that miss WeChat's five seconds sent as customer service messages.
//! - Feature `callback-axum`: `callback::axum::callback`, the one route to mount (GET for the
//!   handshake, POST for callbacks); `Router::into_route` mounts a router the same way.
//!
//! # Example
//!
//! A safe-mode callback, from WeChat's side (encrypt, sign) to ours (check, decrypt, parse,
//! reply):
//!
//! ```
//! use wechat_runtime::callback::{
//!     msg_signature, CallbackQuery, Endpoint, Incoming, MessageCrypt, MessageKind, Reply,
//! };
//!
//! const TOKEN: &str = "the-token";
//! const KEY: &str = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
//! const APPID: &str = "wx0123456789abcdef";
//! let endpoint = Endpoint::safe(TOKEN, KEY, APPID)?;
//!
//! // What WeChat sends.
//! let message = "<xml><ToUserName><![CDATA[gh_7f083739789a]]></ToUserName>\
//!     <FromUserName><![CDATA[oia2TjuEGTNoeX76QEjQNrcURxG8]]></FromUserName>\
//!     <CreateTime>1407743423</CreateTime><MsgType><![CDATA[text]]></MsgType>\
//!     <Content><![CDATA[hello]]></Content><MsgId>6046447361451147292</MsgId></xml>";
//! let wechat = MessageCrypt::new(TOKEN, KEY, APPID)?;
//! let encrypt = wechat.encrypt(message)?;
//! let body = format!("<xml><ToUserName><![CDATA[gh_7f083739789a]]></ToUserName>\
//!     <Encrypt><![CDATA[{encrypt}]]></Encrypt></xml>");
//! let query = CallbackQuery::parse(&format!(
//!     "timestamp=1409304348&nonce=xxxxxx&encrypt_type=aes&msg_signature={}",
//!     msg_signature(TOKEN, "1409304348", "xxxxxx", &encrypt),
//! ));
//!
//! // What we do with it.
//! let received = endpoint.receive(&query, body.as_bytes())?;
//! let reply = match &received.incoming {
//!     Incoming::Message(m) => match &m.kind {
//!         MessageKind::Text { content } => Some(Reply::text(format!("you said: {content}"))),
//!         _ => None,
//!     },
//!     _ => None,
//! };
//! let answer = endpoint.respond(&received, reply.as_ref())?;
//!
//! // WeChat checks and decrypts the answer.
//! let answer = wechat.decrypt_reply(&answer)?;
//! assert!(answer.contains("<Content><![CDATA[you said: hello]]></Content>"));
//! # Ok::<(), wechat_runtime::Error>(())
//! ```
//!
//! # WeCom (企业微信)
//!
//! WeCom signs and encrypts its callbacks the same way, with the corpid as the receive id,
//! but has no plaintext mode, no `signature` (only `msg_signature`), and checks the URL with
//! an encrypted `echostr` that must be answered decrypted. [`Endpoint::work`] follows those
//! rules ([`SecurityMode::Work`]); the axum route and the router take it as any other
//! endpoint. Members' messages parse as WeChat's (their `AgentID` in [`Incoming::agent_id`]);
//! events become [`Incoming::Work`]: [`WorkEventKind`] types address book changes
//! ([`ContactChange`]), customers ([`ExternalContactChange`]) and customer groups
//! ([`ExternalChatChange`]), approvals ([`ApprovalChange`]), WeChat Customer Service news,
//! menus and `enter_agent`, and keeps any other event with all its fields. Routes:
//! `On::event("change_contact")`, `On::work_change("change_contact", "create_user")`.
//!
//! ```
//! use wechat_runtime::callback::{
//!     msg_signature, CallbackQuery, ContactChange, Endpoint, Incoming, MessageCrypt,
//!     WorkEventKind,
//! };
//!
//! const TOKEN: &str = "the-token";
//! const KEY: &str = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
//! const CORPID: &str = "ww0123456789abcdef";
//! let endpoint = Endpoint::work(TOKEN, KEY, CORPID)?;
//!
//! // What WeCom sends when a member is added.
//! let event = "<xml><ToUserName><![CDATA[ww0123456789abcdef]]></ToUserName>\
//!     <FromUserName><![CDATA[sys]]></FromUserName><CreateTime>1403610513</CreateTime>\
//!     <MsgType><![CDATA[event]]></MsgType><Event><![CDATA[change_contact]]></Event>\
//!     <ChangeType>create_user</ChangeType><UserID><![CDATA[zhangsan]]></UserID>\
//!     <Department><![CDATA[1,2]]></Department></xml>";
//! let encrypt = MessageCrypt::new(TOKEN, KEY, CORPID)?.encrypt(event)?;
//! let body = format!("<xml><ToUserName><![CDATA[{CORPID}]]></ToUserName>\
//!     <AgentID><![CDATA[1000002]]></AgentID><Encrypt><![CDATA[{encrypt}]]></Encrypt></xml>");
//! let query = CallbackQuery::parse(&format!(
//!     "msg_signature={}&timestamp=1403610513&nonce=380320359",
//!     msg_signature(TOKEN, "1403610513", "380320359", &encrypt),
//! ));
//!
//! let received = endpoint.receive(&query, body.as_bytes())?;
//! let Some(WorkEventKind::ChangeContact(ContactChange::CreateUser(member))) =
//!     received.incoming.work_event()
//! else {
//!     unreachable!()
//! };
//! assert_eq!(member.user_id, "zhangsan");
//! assert_eq!(member.department, Some(vec![1, 2]));
//! # Ok::<(), wechat_runtime::Error>(())
//! ```
//!
//! # Bad input
//!
//! Nothing a callback carries makes this module panic. A wrong signature is
//! [`Error::InvalidSignature`](crate::Error::InvalidSignature), raised before the body is
//! parsed; bad base64, a wrong key, bad padding, a truncated ciphertext or another appid are
//! [`Error::Decrypt`](crate::Error::Decrypt); a body over the limit (1 MiB by default),
//! malformed XML, a `<!DOCTYPE>` (refused outright, so no entity is ever declared or
//! expanded) are [`Error::MalformedMessage`](crate::Error::MalformedMessage).
//!
//! A captured callback replays with a valid signature. Give the endpoint a
//! [`replay_window`](Endpoint::replay_window) to refuse those whose timestamp is far from
//! this machine's clock, as [`Error::StaleCallback`](crate::Error::StaleCallback).
//!
//! # Fuzzing
//!
//! The decrypt-and-parse path has a cargo-fuzz target. With a nightly toolchain and
//! `cargo install cargo-fuzz`, from `wechat-runtime/`:
//!
//! ```text
//! cargo +nightly fuzz run decrypt_and_parse
//! ```
//!
//! Its logic also runs on stable, over a fixed corpus, in the `fuzz_logic` tests of the
//! workspace's `callback` test binary (`cargo test -p wechat-tests --test callback`).

mod component;
mod crypto;
mod endpoint;
mod event;
mod fields;
mod header;
mod incoming;
mod into_reply;
mod payload;
mod raw;
mod reply;
mod signature;
mod ticket;
mod work;
mod xml;

#[cfg(feature = "callback-axum")]
pub mod axum;
pub mod router;

pub use self::component::{Authorization, ComponentKind, ComponentNotification};
pub use self::crypto::MessageCrypt;
pub use self::endpoint::{
    CallbackQuery, Endpoint, Received, SecurityMode, DEFAULT_MAX_BODY_SIZE, SUCCESS,
};
pub use self::event::{Event, EventKind};
pub use self::fields::CallbackFields;
pub use self::header::Header;
pub use self::incoming::{Incoming, Message, MessageKind};
pub use self::into_reply::IntoReply;
pub use self::payload::{
    ArticleUrl, CardCode, CardPayOrder, CopyrightCheckItem, InvoiceAuthorization, InvoiceTitle,
    MassSendJobFinish, MediaCheckDetail, MediaCheckResult, PublishJobFinish, PublishedArticle,
    ScanCodeInfo, SendLocationInfo, SendPicsInfo, SubscribeMsgChange, SubscribeMsgChangeItem,
    SubscribeMsgPopup, SubscribeMsgPopupItem, SubscribeMsgSent, SubscribeMsgSentItem,
    TradeManageSettlement, TradeManageShipping, UserConsumeCard, UserGetCard, UserGiftingCard,
    UserPayFromPayCell, WxaMediaCheck, XpayCoinInfo, XpayCoinPay, XpayGoodsDeliver, XpayGoodsInfo,
    XpayRefund, XpayWeChatPayInfo,
};
pub use self::reply::{Article, MusicReply, Reply, VideoReply, MAX_ARTICLES};
pub use self::signature::{msg_signature, signature, verify_msg_signature, verify_signature};
pub use self::ticket::save_verify_ticket;
pub use self::work::{
    ApprovalChange, ContactChange, ExternalChatChange, ExternalChatUpdate, ExternalContactChange,
    MemberChange, PartyChange, TagChange, WorkEvent, WorkEventKind,
};
