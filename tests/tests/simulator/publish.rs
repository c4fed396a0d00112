//! Drafts, publishing, comments, automatic replies and the uploads of mass messages, through the
//! SDK's typed calls against the simulator.

use serde_json::json;
use wechat_runtime::api::comment::CommentType;
use wechat_runtime::api::media::{MassArticle, Media, MediaFile, MediaType};
use wechat_runtime::api::publish::{ArticleType, DraftArticle, PublishStatus};
use wechat_simulator::{errcode, Simulator};

use crate::common::*;

const OPENID: &str = "o6_bmjrPTlm6_2sgVt7hMZOPfL2M";
const JPEG: &[u8] = b"\xff\xd8\xff\xe0 a cover";

/// The errcode of a failed SDK call.
fn api_errcode<T: std::fmt::Debug>(result: wechat_runtime::Result<T>) -> i64 {
    result
        .expect_err("the call fails")
        .errcode()
        .expect("an API error")
}

type SdkClient = wechat_runtime::Client<wechat_runtime::Hub<wechat_runtime::MemoryStore>>;

/// A permanent image of the account, for covers and picture posts.
async fn image(client: &SdkClient, name: &str) -> String {
    client
        .material()
        .add(MediaType::Image, MediaFile::bytes(name, JPEG.to_vec()))
        .await
        .unwrap()
        .media_id
}

#[tokio::test]
async fn drafts_are_kept_changed_listed_and_deleted() {
    let sim = sim().await;
    let client = sdk_client(&sim);
    let draft = client.draft();
    let cover = image(&client, "cover.jpg").await;
    let pic = image(&client, "pic.jpg").await;

    let news = DraftArticle::news("春季新品", "<p>本周<b>上新</b>四道菜</p>", &cover)
        .author("厨房")
        .open_comment(false);
    let post = DraftArticle::newspic("图片消息", "三张图", [pic.as_str(), cover.as_str()]);
    let media_id = draft.add(&[news, post]).await.unwrap();
    assert_eq!(draft.count().await.unwrap(), 1);

    let articles = draft.get(&media_id).await.unwrap();
    assert_eq!(articles.len(), 2);
    assert_eq!(articles[0].article_type, Some(ArticleType::News));
    assert_eq!(articles[0].title, "春季新品");
    assert_eq!(articles[0].author, "厨房");
    assert_eq!(articles[0].thumb_media_id, cover);
    assert_eq!(articles[0].need_open_comment, 1);
    assert!(articles[0].url.starts_with("https://mp.weixin.qq.com/"));
    assert_eq!(articles[1].article_type, Some(ArticleType::Newspic));
    assert_eq!(
        articles[1].thumb_media_id, pic,
        "a picture post's cover is its first image"
    );
    assert_eq!(articles[1].image_info.as_ref().unwrap().image_list.len(), 2);

    // A single-article draft takes its digest from the body, tags left out.
    let single = draft
        .add(&[DraftArticle::news("单篇", "<p>本周<b>上新</b></p>", &cover)])
        .await
        .unwrap();
    assert_eq!(draft.get(&single).await.unwrap()[0].digest, "本周上新");

    let renamed = DraftArticle::news("改过的标题", "<p>新正文</p>", &cover);
    draft.update(&media_id, 0, &renamed).await.unwrap();
    let articles = draft.get(&media_id).await.unwrap();
    assert_eq!(articles[0].title, "改过的标题");
    assert_eq!(articles[1].title, "图片消息");
    assert_eq!(
        api_errcode(draft.update(&media_id, 2, &renamed).await),
        errcode::INVALID_INDEX_VALUE
    );
    assert_eq!(
        api_errcode(draft.update("NO_SUCH_DRAFT", 0, &renamed).await),
        errcode::INVALID_MEDIA_ID
    );

    // Newest first; without bodies when asked.
    let page = draft.batchget(0, 20, true).await.unwrap();
    assert_eq!(page.total_count, 2);
    assert_eq!(page.item_count, 2);
    assert_eq!(page.item[0].media_id, single);
    assert_eq!(page.item[1].media_id, media_id);
    assert_eq!(page.item[1].content.news_item[0].content, "");
    let page = draft.batchget(1, 1, false).await.unwrap();
    assert_eq!(page.item.len(), 1);
    assert_eq!(page.item[0].content.news_item[0].content, "<p>新正文</p>");

    draft.delete(&single).await.unwrap();
    assert_eq!(draft.count().await.unwrap(), 1);
    assert_eq!(
        api_errcode(draft.get(&single).await),
        errcode::INVALID_MEDIA_ID
    );
    assert_eq!(
        api_errcode(draft.delete(&single).await),
        errcode::INVALID_MEDIA_ID
    );

    // A cover or an image the account does not have.
    let unknown = DraftArticle::news("标题", "<p>x</p>", "NOT_A_MATERIAL");
    assert_eq!(
        api_errcode(draft.add(&[unknown]).await),
        errcode::INVALID_MEDIA_ID
    );
    let unknown = DraftArticle::newspic("标题", "x", [pic.as_str(), "NOT_A_MATERIAL"]);
    assert_eq!(
        api_errcode(draft.add(&[unknown]).await),
        errcode::INVALID_MEDIA_ID
    );

    assert!(draft.switch_status().await.unwrap());
    draft.switch_on().await.unwrap();
}

#[tokio::test]
async fn the_simulator_checks_articles_as_wechat_does() {
    let sim = sim().await;
    let client = sdk_client(&sim);
    let cover = image(&client, "cover.jpg").await;
    let token = token(&sim).await;
    let add = |article: serde_json::Value| {
        let sim = &sim;
        let token = token.clone();
        async move {
            let body = post_json(
                sim,
                &format!("/cgi-bin/draft/add?access_token={token}"),
                json!({ "articles": [article] }),
            )
            .await;
            errcode(&body)
        }
    };
    let base = json!({"title": "标题", "content": "<p>x</p>", "thumb_media_id": cover});
    let with = |field: &str, value: serde_json::Value| {
        let mut article = base.clone();
        article[field] = value;
        article
    };
    assert_eq!(add(base.clone()).await, 0);
    assert_eq!(
        add(with("title", json!("标".repeat(33)))).await,
        errcode::TITLE_SIZE_OUT_OF_LIMIT
    );
    assert_eq!(
        add(with("author", json!("作".repeat(17)))).await,
        errcode::AUTHOR_SIZE_OUT_OF_LIMIT
    );
    assert_eq!(
        add(with("digest", json!("摘".repeat(129)))).await,
        errcode::DESCRIPTION_SIZE_OUT_OF_LIMIT
    );
    assert_eq!(
        add(with("content", json!(""))).await,
        errcode::INVALID_CONTENT
    );
    assert_eq!(
        add(with("title", json!(""))).await,
        errcode::ARGUMENT_INVALID
    );
    assert_eq!(
        add(with("article_type", json!("video"))).await,
        errcode::INVALID_ARGS
    );
    let body = post_json(
        &sim,
        &format!("/cgi-bin/draft/batchget?access_token={token}"),
        json!({"offset": 0, "count": 21}),
    )
    .await;
    assert_eq!(errcode(&body), errcode::INVALID_ARGS);
}

#[tokio::test]
async fn publishing_takes_the_draft_and_reports_the_job() {
    let sim = sim().await;
    let client = sdk_client(&sim);
    let cover = image(&client, "cover.jpg").await;
    let first = DraftArticle::news("第一篇", "<p>一</p>", &cover).open_comment(false);
    let second = DraftArticle::news("第二篇", "<p>二</p>", &cover);
    let media_id = client.draft().add(&[first, second]).await.unwrap();

    let publish = client.freepublish();
    let submitted = publish.submit(&media_id).await.unwrap();
    let msg_data_id = submitted.msg_data_id.expect("a msg_data_id");
    assert_eq!(
        client.draft().count().await.unwrap(),
        0,
        "the draft left the box"
    );
    assert_eq!(
        api_errcode(publish.submit(&media_id).await),
        errcode::INVALID_MEDIA_ID
    );

    let job = publish.get(&submitted.publish_id).await.unwrap();
    assert_eq!(job.publish_id, submitted.publish_id);
    assert_eq!(job.publish_status, PublishStatus::Published);
    let article_id = job.article_id.clone().expect("an article_id");
    let detail = job.article_detail.expect("the articles");
    assert_eq!(detail.count, 2);
    assert_eq!(detail.item[1].idx, 2);
    assert!(detail.item[0]
        .article_url
        .starts_with("https://mp.weixin.qq.com/s/"));
    assert_eq!(api_errcode(publish.get("999").await), errcode::INVALID_ARGS);

    let articles = publish.get_article(&article_id).await.unwrap();
    assert_eq!(articles.len(), 2);
    assert_eq!(articles[0].title, "第一篇");
    assert_eq!(articles[0].url, detail.item[0].article_url);
    assert_eq!(articles[0].is_deleted, Some(false));
    assert!(articles[0]
        .thumb_url
        .as_deref()
        .is_some_and(|url| url.starts_with("http://mmbiz.qpic.cn/")));
    assert_eq!(
        api_errcode(publish.get_article("NO_SUCH_ARTICLE").await),
        errcode::INVALID_ARTICLE_ID
    );

    let page = publish.batchget(0, 10, true).await.unwrap();
    assert_eq!(page.total_count, 1);
    assert_eq!(page.item[0].article_id, article_id);
    assert_eq!(page.item[0].content.news_item[1].content, "");

    // The published articles take comments under the job's msg_data_id, open where asked.
    assert_eq!(sim.comments_open(APPID, msg_data_id, 0), Some(true));
    assert_eq!(sim.comments_open(APPID, msg_data_id, 1), Some(false));

    publish.delete(&article_id, 1).await.unwrap();
    let articles = publish.get_article(&article_id).await.unwrap();
    assert_eq!(articles[0].is_deleted, Some(true));
    assert_eq!(articles[1].is_deleted, Some(false));
    assert_eq!(
        publish
            .get(&submitted.publish_id)
            .await
            .unwrap()
            .publish_status,
        PublishStatus::Published
    );
    assert_eq!(
        api_errcode(publish.delete(&article_id, 3).await),
        errcode::INVALID_INDEX_VALUE
    );
    publish.delete(&article_id, 0).await.unwrap();
    let job = publish.get(&submitted.publish_id).await.unwrap();
    assert_eq!(job.publish_status, PublishStatus::DeletedByUser);
    assert_eq!(job.article_id, None);
    assert_eq!(publish.batchget(0, 10, false).await.unwrap().total_count, 0);
    assert_eq!(
        api_errcode(publish.delete("NO_SUCH_ARTICLE", 0).await),
        errcode::INVALID_ARTICLE_ID
    );
}

#[tokio::test]
async fn comments_are_listed_elected_replied_and_deleted() {
    let sim = sim().await;
    let client = sdk_client(&sim);
    let comments = client.comment();
    let msg = 2_247_483_700;
    let a = sim.add_comment(APPID, msg, 0, OPENID, "写得好");
    let b = sim.add_comment(APPID, msg, 0, "o6_second", "期待下一篇");
    let c = sim.add_comment(APPID, msg, 0, "o6_third", "第三条");
    assert_eq!((a, b, c), (1, 2, 3));

    let all = comments
        .list(msg, 0, 0, 49, CommentType::All)
        .await
        .unwrap();
    assert_eq!(all.total, 3);
    assert_eq!(all.comment[0].openid, OPENID);
    assert_eq!(all.comment[0].content, "写得好");
    assert!(all.comment[0].create_time > 0);

    comments.mark_elect(msg, 0, b).await.unwrap();
    let elected = comments
        .list(msg, 0, 0, 10, CommentType::Elected)
        .await
        .unwrap();
    assert_eq!(elected.total, 1);
    assert_eq!(elected.comment[0].user_comment_id, b);
    assert!(elected.comment[0].is_elected());
    let normal = comments
        .list(msg, 0, 0, 10, CommentType::Normal)
        .await
        .unwrap();
    assert_eq!(normal.total, 2);
    let page = comments.list(msg, 0, 1, 1, CommentType::All).await.unwrap();
    assert_eq!((page.total, page.comment.len()), (3, 1));
    assert_eq!(page.comment[0].user_comment_id, b);
    comments.unmark_elect(msg, 0, b).await.unwrap();
    assert_eq!(
        comments
            .list(msg, 0, 0, 10, CommentType::Elected)
            .await
            .unwrap()
            .total,
        0
    );

    comments.reply(msg, 0, a, "谢谢").await.unwrap();
    assert_eq!(
        api_errcode(comments.reply(msg, 0, a, "再谢").await),
        errcode::ALREADY_REPLY
    );
    let all = comments
        .list(msg, 0, 0, 10, CommentType::All)
        .await
        .unwrap();
    assert_eq!(all.comment[0].reply.as_ref().unwrap().content, "谢谢");
    comments.delete_reply(msg, 0, a).await.unwrap();
    let all = comments
        .list(msg, 0, 0, 10, CommentType::All)
        .await
        .unwrap();
    assert_eq!(all.comment[0].reply, None);

    comments.delete(msg, 0, c).await.unwrap();
    assert_eq!(
        comments
            .list(msg, 0, 0, 10, CommentType::All)
            .await
            .unwrap()
            .total,
        2
    );
    assert_eq!(
        api_errcode(comments.delete(msg, 0, c).await),
        errcode::COMMENT_NOT_EXIST
    );
    assert_eq!(
        api_errcode(comments.mark_elect(msg, 0, 99).await),
        errcode::COMMENT_NOT_EXIST
    );

    comments.close(msg, 0).await.unwrap();
    assert_eq!(sim.comments_open(APPID, msg, 0), Some(false));
    assert_eq!(
        api_errcode(comments.reply(msg, 0, b, "关了").await),
        errcode::WITHOUT_COMMENT_PRIVILEGE
    );
    comments.open(msg, 0).await.unwrap();
    assert_eq!(sim.comments_open(APPID, msg, 0), Some(true));
    comments.reply(msg, 0, b, "开了").await.unwrap();

    // Another article, or another account's, takes no comments.
    assert_eq!(
        api_errcode(comments.open(msg, 1).await),
        errcode::MSG_DATA_NOT_EXIST
    );
    assert_eq!(
        api_errcode(comments.list(msg + 1, 0, 0, 10, CommentType::All).await),
        errcode::MSG_DATA_NOT_EXIST
    );
    let token = token(&sim).await;
    let body = post_json(
        &sim,
        &format!("/cgi-bin/comment/list?access_token={token}"),
        json!({"msg_data_id": msg, "index": 0, "begin": 0, "count": 50, "type": 0}),
    )
    .await;
    assert_eq!(errcode(&body), errcode::COMMENT_COUNT_OUT_OF_RANGE);
    let body = post_json(
        &sim,
        &format!("/cgi-bin/comment/reply/add?access_token={token}"),
        json!({"msg_data_id": msg, "index": 0, "user_comment_id": a, "content": " "}),
    )
    .await;
    assert_eq!(errcode(&body), errcode::INVALID_REPLY_CONTENT);
}

#[tokio::test]
async fn autoreply_is_what_the_website_set() {
    let sim = sim().await;
    let client = sdk_client(&sim);
    let info = client.autoreply().current().await.unwrap();
    assert_eq!(info.is_add_friend_reply_open, 0);
    assert_eq!(info.is_autoreply_open, 0);
    assert_eq!(info.keyword_autoreply_info, None);

    sim.set_autoreply_info(
        APPID,
        json!({
            "is_add_friend_reply_open": 1,
            "is_autoreply_open": 1,
            "add_friend_autoreply_info": {"type": "text", "content": "欢迎关注"},
            "message_default_autoreply_info": {"type": "text", "content": "稍后回复"},
            "keyword_autoreply_info": {"list": [{
                "rule_name": "hours",
                "create_time": 1720000000,
                "reply_mode": "reply_all",
                "keyword_list_info": [{"type": "text", "match_mode": "contain", "content": "营业时间"}],
                "reply_list_info": [{"type": "text", "content": "9:00-18:00"}]
            }]}
        }),
    );
    let info = client.autoreply().current().await.unwrap();
    assert_eq!(info.is_add_friend_reply_open, 1);
    assert_eq!(info.add_friend_autoreply_info.unwrap().content, "欢迎关注");
    let rules = info.keyword_autoreply_info.unwrap().list;
    assert_eq!(rules[0].keyword_list_info[0].content, "营业时间");
    assert_eq!(rules[0].reply_list_info[0].content, "9:00-18:00");
}

#[tokio::test]
async fn mass_uploads_and_hd_voice() {
    let sim: Simulator = sim().await;
    let client = sdk_client(&sim);
    let media = client.media();
    let thumb = media
        .upload(
            MediaType::Thumb,
            MediaFile::bytes("thumb.jpg", JPEG.to_vec()),
        )
        .await
        .unwrap()
        .media_id;
    let news = media
        .upload_news(&[MassArticle::new("群发", &thumb, "<p>正文</p>")])
        .await
        .unwrap();
    assert_eq!(news.kind, "news");
    assert!(!news.media_id.is_empty());
    assert!(news.created_at > 0);
    assert_eq!(
        api_errcode(
            media
                .upload_news(&[MassArticle::new("群发", "NO_SUCH_THUMB", "<p>正文</p>")])
                .await
        ),
        errcode::INVALID_MEDIA_ID
    );

    let video = media
        .upload(
            MediaType::Video,
            MediaFile::bytes("clip.mp4", b"mp4 bytes".to_vec()),
        )
        .await
        .unwrap()
        .media_id;
    let mass_video = media.upload_video(&video, "标题", "描述").await.unwrap();
    assert_eq!(mass_video.kind, "video");
    assert_ne!(mass_video.media_id, video);
    assert_eq!(
        api_errcode(media.upload_video(&thumb, "标题", "描述").await),
        errcode::INVALID_MEDIA_ID
    );

    let voice = b"#!SILK speex-ish bytes".to_vec();
    let server_id = media
        .upload(
            MediaType::Voice,
            MediaFile::bytes("voice.amr", voice.clone()),
        )
        .await
        .unwrap()
        .media_id;
    match media.get_hd_voice(&server_id).await.unwrap() {
        Media::Bytes { data, .. } => assert_eq!(data.as_ref(), voice.as_slice()),
        other => panic!("{other:?}"),
    }
    assert_eq!(
        api_errcode(media.get_hd_voice("NO_SUCH_VOICE").await),
        errcode::INVALID_MEDIA_ID
    );
}
