//! WeChat's five seconds: a reply that comes too late for the callback's answer is sent as a
//! customer service message instead.

use async_trait::async_trait;

use crate::api::message::{CustomMessage, NewsArticle};
use crate::call::kind::WeChatKind;
use crate::callback::{Header, Reply};
use crate::error::{Error, Result};
use crate::Client;

/// How the router sends a reply that missed the callback's answer: through the customer
/// service message API (`POST /cgi-bin/message/custom/send`), to the user who wrote.
///
/// Implemented for every WeChat [`Client`] (a customer service message) and, with the feature
/// `work`, for WeCom clients (an app message from the client's agent); implement it yourself to
/// send some other way (a queue, a test's recorder).
#[async_trait]
pub trait LateReply: Send + Sync {
    /// Sends `reply` to the sender of the callback whose header is `to`.
    ///
    /// # Errors
    ///
    /// As the call fails; [`Error::InvalidInput`] for a reply that has no customer service
    /// form (a transfer to customer service, a video without a thumbnail).
    async fn send_late(&self, to: &Header, reply: Reply) -> Result<()>;
}

#[async_trait]
impl<S: Send + Sync + 'static, K: WeChatKind> LateReply for Client<S, K> {
    async fn send_late(&self, to: &Header, reply: Reply) -> Result<()> {
        let message = custom_message(reply)?;
        self.message().send(&to.from_user_name, &message).await
    }
}

/// WeCom: the reply goes out as an app message (`/cgi-bin/message/send`) from the client's agent
/// to the member who wrote (feature `work`).
#[cfg(feature = "work")]
#[async_trait]
impl<S: Send + Sync + 'static> LateReply for Client<S, crate::Work> {
    async fn send_late(&self, to: &Header, reply: Reply) -> Result<()> {
        let message = app_message(reply)?.to_users(&[to.from_user_name.as_str()]);
        self.app_message().send(&message).await.map(|_| ())
    }
}

/// The WeCom app message that says what `reply` says.
#[cfg(feature = "work")]
fn app_message(reply: Reply) -> Result<crate::work::message::AppMessage> {
    use crate::work::message::{AppMessage, AppNewsArticle};
    let none = |what: &str| {
        Error::invalid_input(format!(
            "{what} cannot be sent late: it has no app message form"
        ))
    };
    Ok(match reply {
        Reply::Text { content } => AppMessage::text(content),
        Reply::Image { media_id } => AppMessage::image(media_id),
        Reply::News(articles) => AppMessage::news(
            articles
                .into_iter()
                .map(|article| {
                    let mut news = AppNewsArticle::new(article.title, article.url);
                    news.description = article.description.unwrap_or_default();
                    news.picurl = article.pic_url.unwrap_or_default();
                    news
                })
                .collect(),
        ),
        Reply::Voice { .. } => return Err(none("a voice reply")),
        Reply::Video(_) => return Err(none("a video reply")),
        Reply::Music(_) => return Err(none("a music reply")),
        Reply::TransferCustomerService { .. } => {
            return Err(none("a transfer to customer service"))
        }
    })
}

/// The customer service message that says what `reply` says.
pub(crate) fn custom_message(reply: Reply) -> Result<CustomMessage> {
    let none = |what: &str| {
        Error::invalid_input(format!(
            "{what} cannot be sent late: it has no customer service message"
        ))
    };
    Ok(match reply {
        Reply::Text { content } => CustomMessage::text(content),
        Reply::Image { media_id } => CustomMessage::image(media_id),
        Reply::Voice { media_id } => CustomMessage::voice(media_id),
        Reply::Music(music) => CustomMessage::music(
            music.title,
            music.description,
            music.music_url.unwrap_or_default(),
            music.hq_music_url.unwrap_or_default(),
            music.thumb_media_id,
        ),
        // A customer service news message carries one article: the first.
        Reply::News(articles) => {
            let article = articles
                .into_iter()
                .next()
                .ok_or_else(|| none("a news reply without articles"))?;
            CustomMessage::news(NewsArticle::new(
                article.title,
                article.description.unwrap_or_default(),
                article.url,
                article.pic_url.unwrap_or_default(),
            ))
        }
        Reply::Video(_) => return Err(none("a video reply (it has no thumbnail)")),
        Reply::TransferCustomerService { .. } => {
            return Err(none("a transfer to customer service"))
        }
    })
}
