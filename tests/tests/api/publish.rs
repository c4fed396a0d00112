//! The draft box and publishing against a recording mock: the exact request, a realistic
//! answer, an errcode, and input WeChat would reject, rejected before sending.

use crate::common::api::*;
use serde_json::json;
use wechat_runtime::api::publish::{ArticleType, CoverCrop, DraftArticle, PublishStatus};

fn news() -> DraftArticle {
    DraftArticle::news(
        "春季新品",
        "<p>本周上新</p>",
        "R7Ifp6ogGOmtr3u-l6KIJfD6AX2foQ7Ktp4flZtYJbtO2H",
    )
    .author("麦多多")
    .digest("四道新菜")
    .content_source_url("https://example.com/spring")
    .open_comment(true)
    .pic_crop_235_1("0.1945_0_1_0.5236")
    .pic_crop_1_1("0.166454_0_0.833545_1")
}

fn newspic() -> DraftArticle {
    DraftArticle::newspic("图片消息", "三张图", ["IMAGE_1", "IMAGE_2", "IMAGE_3"])
        .cover_crop(CoverCrop::new("1_1", 0.166454, 0.0, 0.833545, 1.0))
        .product_key("PRODUCT_KEY")
}

#[tokio::test]
async fn draft_add_sends_both_kinds_of_article() {
    let api = ApiMock::start().await;
    api.answer("/cgi-bin/draft/add", json!({"media_id": "DRAFT_MEDIA_ID"}));
    let media_id = api.client.draft().add(&[news(), newspic()]).await.unwrap();
    assert_eq!(media_id, "DRAFT_MEDIA_ID");
    api.expect(
        "POST",
        "/cgi-bin/draft/add",
        &[("access_token", ACCESS_TOKEN)],
        Some(json!({"articles": [
            {
                "article_type": "news",
                "title": "春季新品",
                "author": "麦多多",
                "digest": "四道新菜",
                "content": "<p>本周上新</p>",
                "content_source_url": "https://example.com/spring",
                "thumb_media_id": "R7Ifp6ogGOmtr3u-l6KIJfD6AX2foQ7Ktp4flZtYJbtO2H",
                "need_open_comment": 1,
                "only_fans_can_comment": 1,
                "pic_crop_235_1": "0.1945_0_1_0.5236",
                "pic_crop_1_1": "0.166454_0_0.833545_1"
            },
            {
                "article_type": "newspic",
                "title": "图片消息",
                "content": "三张图",
                "image_info": {"image_list": [
                    {"image_media_id": "IMAGE_1"},
                    {"image_media_id": "IMAGE_2"},
                    {"image_media_id": "IMAGE_3"}
                ]},
                "cover_info": {"crop_percent_list": [
                    {"ratio": "1_1", "x1": "0.166454", "y1": "0", "x2": "0.833545", "y2": "1"}
                ]},
                "product_info": {"footer_product_info": {"product_key": "PRODUCT_KEY"}}
            }
        ]})),
    );

    api.answer("/cgi-bin/draft/add", errcode(53404, "账号已被限制带货能力"));
    let err = api.client.draft().add(&[newspic()]).await.unwrap_err();
    assert_eq!(err.errcode(), Some(53404));
}

#[tokio::test]
async fn draft_add_rejects_what_wechat_would() {
    let api = ApiMock::start().await;
    let draft = api.client.draft();
    assert_invalid(draft.add(&[]).await.unwrap_err());
    let nine = vec![news(); 9];
    assert_invalid(draft.add(&nine).await.unwrap_err());
    let long_title = DraftArticle::news("标".repeat(33), "<p>x</p>", "THUMB");
    assert_invalid(draft.add(&[long_title]).await.unwrap_err());
    let long_author = news().author("作".repeat(17));
    assert_invalid(draft.add(&[long_author]).await.unwrap_err());
    let long_digest = news().digest("摘".repeat(129));
    assert_invalid(draft.add(&[long_digest]).await.unwrap_err());
    let no_cover = DraftArticle::news("标题", "<p>x</p>", "");
    assert_invalid(draft.add(&[no_cover]).await.unwrap_err());
    let no_body = DraftArticle::news("标题", " ", "THUMB");
    assert_invalid(draft.add(&[no_body]).await.unwrap_err());
    let huge_body = DraftArticle::news("标题", "x".repeat(20_000), "THUMB");
    assert_invalid(draft.add(&[huge_body]).await.unwrap_err());
    let long_url = news().content_source_url(format!("https://e.com/{}", "a".repeat(1024)));
    assert_invalid(draft.add(&[long_url]).await.unwrap_err());
    let no_images = DraftArticle::newspic("图", "文", Vec::<String>::new());
    assert_invalid(draft.add(&[no_images]).await.unwrap_err());
    let too_many = DraftArticle::newspic("图", "文", (0..21).map(|i| format!("IMG_{i}")));
    assert_invalid(draft.add(&[too_many]).await.unwrap_err());
    // Exactly at the limits is fine as far as the check goes.
    let at_limits = DraftArticle::news("标".repeat(32), "x".repeat(19_999), "THUMB")
        .author("作".repeat(16))
        .digest("摘".repeat(128));
    api.answer("/cgi-bin/draft/add", json!({"media_id": "M"}));
    draft.add(&[at_limits]).await.unwrap();
    assert_eq!(api.sent(), 1);
}

#[tokio::test]
async fn draft_get_update_delete_count_and_list() {
    let api = ApiMock::start().await;
    let draft = api.client.draft();

    api.answer(
        "/cgi-bin/draft/get",
        json!({"news_item": [
            {
                "article_type": "news",
                "title": "TITLE",
                "author": "AUTHOR",
                "digest": "DIGEST",
                "content": "<p>CONTENT</p>",
                "content_source_url": "https://example.com",
                "thumb_media_id": "THUMB_MEDIA_ID",
                "show_cover_pic": 0,
                "need_open_comment": 1,
                "only_fans_can_comment": 0,
                "url": "http://mp.weixin.qq.com/s?__biz=MzA&tempkey=abc"
            },
            {
                "article_type": "newspic",
                "title": "PICS",
                "content": "TEXT",
                "thumb_media_id": "IMAGE_MEDIA_ID",
                "need_open_comment": 0,
                "only_fans_can_comment": 0,
                "image_info": {"image_list": [{"image_media_id": "IMAGE_MEDIA_ID"}]},
                "product_info": {"footer_product_info": {"product_key": "PRODUCT_KEY"}},
                "url": "http://mp.weixin.qq.com/s?__biz=MzA&tempkey=def"
            }
        ]}),
    );
    let articles = draft.get("DRAFT_MEDIA_ID").await.unwrap();
    api.expect(
        "POST",
        "/cgi-bin/draft/get",
        &[("access_token", ACCESS_TOKEN)],
        Some(json!({"media_id": "DRAFT_MEDIA_ID"})),
    );
    assert_eq!(articles.len(), 2);
    assert_eq!(articles[0].article_type, Some(ArticleType::News));
    assert_eq!(articles[0].need_open_comment, 1);
    assert_eq!(articles[0].show_cover_pic, Some(0));
    assert_eq!(articles[1].article_type, Some(ArticleType::Newspic));
    assert_eq!(
        articles[1].image_info.as_ref().unwrap().image_list[0].image_media_id,
        "IMAGE_MEDIA_ID"
    );
    assert_eq!(
        articles[1]
            .product_info
            .as_ref()
            .unwrap()
            .footer_product_info
            .as_ref()
            .unwrap()
            .product_key,
        "PRODUCT_KEY"
    );

    api.answer(
        "/cgi-bin/draft/update",
        json!({"errcode": 0, "errmsg": "ok"}),
    );
    draft.update("DRAFT_MEDIA_ID", 1, &newspic()).await.unwrap();
    let request = api.expect(
        "POST",
        "/cgi-bin/draft/update",
        &[("access_token", ACCESS_TOKEN)],
        None,
    );
    let body = request.json();
    assert_eq!(body["media_id"], "DRAFT_MEDIA_ID");
    assert_eq!(body["index"], 1);
    assert_eq!(body["articles"]["article_type"], "newspic");
    assert_eq!(body["articles"]["title"], "图片消息");

    api.answer(
        "/cgi-bin/draft/update",
        errcode(40114, "invalid index value"),
    );
    let err = draft
        .update("DRAFT_MEDIA_ID", 9, &news())
        .await
        .unwrap_err();
    assert_eq!(err.errcode(), Some(40114));

    api.answer(
        "/cgi-bin/draft/delete",
        json!({"errcode": 0, "errmsg": "ok"}),
    );
    draft.delete("DRAFT_MEDIA_ID").await.unwrap();
    api.expect(
        "POST",
        "/cgi-bin/draft/delete",
        &[("access_token", ACCESS_TOKEN)],
        Some(json!({"media_id": "DRAFT_MEDIA_ID"})),
    );

    api.answer("/cgi-bin/draft/count", json!({"total_count": 15}));
    assert_eq!(draft.count().await.unwrap(), 15);
    api.expect(
        "GET",
        "/cgi-bin/draft/count",
        &[("access_token", ACCESS_TOKEN)],
        None,
    );

    api.answer(
        "/cgi-bin/draft/batchget",
        json!({
            "total_count": 15,
            "item_count": 1,
            "item": [{
                "media_id": "DRAFT_MEDIA_ID",
                "content": {"news_item": [{
                    "article_type": "news",
                    "title": "TITLE",
                    "author": "AUTHOR",
                    "digest": "DIGEST",
                    "content_source_url": "",
                    "thumb_media_id": "THUMB_MEDIA_ID",
                    "need_open_comment": 0,
                    "only_fans_can_comment": 0,
                    "url": "http://mp.weixin.qq.com/s?tempkey=abc"
                }]},
                "update_time": 1720000000
            }]
        }),
    );
    let page = draft.batchget(10, 1, true).await.unwrap();
    api.expect(
        "POST",
        "/cgi-bin/draft/batchget",
        &[("access_token", ACCESS_TOKEN)],
        Some(json!({"offset": 10, "count": 1, "no_content": 1})),
    );
    assert_eq!(page.total_count, 15);
    assert_eq!(page.item[0].media_id, "DRAFT_MEDIA_ID");
    assert_eq!(page.item[0].update_time, 1720000000);
    assert_eq!(page.item[0].content.news_item[0].content, "");

    let sent = api.sent();
    assert_invalid(draft.get("").await.unwrap_err());
    assert_invalid(draft.delete(" ").await.unwrap_err());
    assert_invalid(draft.update("", 0, &news()).await.unwrap_err());
    assert_invalid(
        draft
            .update("M", 0, &DraftArticle::news("", "x", "T"))
            .await
            .unwrap_err(),
    );
    assert_invalid(draft.batchget(0, 0, false).await.unwrap_err());
    assert_invalid(draft.batchget(0, 21, false).await.unwrap_err());
    assert_eq!(api.sent(), sent);
}

#[tokio::test]
async fn draft_switch_status_and_on() {
    let api = ApiMock::start().await;
    api.answer(
        "/cgi-bin/draft/switch",
        json!({"errcode": 0, "errmsg": "ok", "is_open": 1}),
    );
    assert!(api.client.draft().switch_status().await.unwrap());
    api.expect(
        "POST",
        "/cgi-bin/draft/switch",
        &[("access_token", ACCESS_TOKEN), ("checkonly", "1")],
        None,
    );
    api.answer(
        "/cgi-bin/draft/switch",
        json!({"errcode": 0, "errmsg": "ok"}),
    );
    api.client.draft().switch_on().await.unwrap();
    api.expect(
        "POST",
        "/cgi-bin/draft/switch",
        &[("access_token", ACCESS_TOKEN)],
        None,
    );
}

#[tokio::test]
async fn freepublish_submit_and_get() {
    let api = ApiMock::start().await;
    let publish = api.client.freepublish();

    api.answer(
        "/cgi-bin/freepublish/submit",
        json!({"errcode": 0, "errmsg": "ok", "publish_id": "100000001", "msg_data_id": "2247483647"}),
    );
    let submitted = publish.submit("DRAFT_MEDIA_ID").await.unwrap();
    api.expect(
        "POST",
        "/cgi-bin/freepublish/submit",
        &[("access_token", ACCESS_TOKEN)],
        Some(json!({"media_id": "DRAFT_MEDIA_ID"})),
    );
    assert_eq!(submitted.publish_id, "100000001");
    assert_eq!(submitted.msg_data_id, Some(2247483647));
    // WeChat has sent the id as a number too.
    api.answer(
        "/cgi-bin/freepublish/submit",
        json!({"errcode": 0, "errmsg": "ok", "publish_id": 2247483655u64}),
    );
    let submitted = publish.submit("DRAFT_MEDIA_ID").await.unwrap();
    assert_eq!(submitted.publish_id, "2247483655");
    assert_eq!(submitted.msg_data_id, None);

    api.answer(
        "/cgi-bin/freepublish/submit",
        errcode(53503, "该草稿未通过发布检查"),
    );
    let err = publish.submit("DRAFT_MEDIA_ID").await.unwrap_err();
    assert_eq!(err.errcode(), Some(53503));

    api.answer(
        "/cgi-bin/freepublish/get",
        json!({
            "publish_id": "100000001",
            "publish_status": 0,
            "article_id": "b5O2OUs25HBxRceL7hfReg-U9QGeq9zQjiDvyWP4Hq4",
            "article_detail": {"count": 1, "item": [{"idx": 1, "article_url": "ARTICLE_URL"}]},
            "fail_idx": []
        }),
    );
    let job = publish.get("100000001").await.unwrap();
    api.expect(
        "POST",
        "/cgi-bin/freepublish/get",
        &[("access_token", ACCESS_TOKEN)],
        Some(json!({"publish_id": "100000001"})),
    );
    assert_eq!(job.publish_status, PublishStatus::Published);
    assert_eq!(
        job.article_id.as_deref(),
        Some("b5O2OUs25HBxRceL7hfReg-U9QGeq9zQjiDvyWP4Hq4")
    );
    let detail = job.article_detail.unwrap();
    assert_eq!(detail.count, 1);
    assert_eq!(detail.item[0].idx, 1);
    assert_eq!(detail.item[0].article_url, "ARTICLE_URL");

    api.answer(
        "/cgi-bin/freepublish/get",
        json!({"publish_id": 2247483655u64, "publish_status": 2, "fail_idx": [1, 2]}),
    );
    let job = publish.get("2247483655").await.unwrap();
    assert_eq!(job.publish_status, PublishStatus::OriginalFailed);
    assert_eq!(job.publish_status.code(), 2);
    assert_eq!(job.fail_idx, vec![1, 2]);
    assert_eq!(job.article_id, None);
    assert_eq!(PublishStatus::from(9), PublishStatus::Other(9));

    let sent = api.sent();
    assert_invalid(publish.submit("").await.unwrap_err());
    assert_invalid(publish.get(" ").await.unwrap_err());
    assert_eq!(api.sent(), sent);
}

#[tokio::test]
async fn freepublish_articles_list_and_delete() {
    let api = ApiMock::start().await;
    let publish = api.client.freepublish();
    let article = json!({
        "title": "TITLE",
        "author": "AUTHOR",
        "digest": "DIGEST",
        "content": "CONTENT",
        "content_source_url": "CONTENT_SOURCE_URL",
        "thumb_media_id": "THUMB_MEDIA_ID",
        "thumb_url": "http://mmbiz.qpic.cn/mmbiz_jpg/THUMB/0",
        "show_cover_pic": 1,
        "need_open_comment": 0,
        "only_fans_can_comment": 0,
        "url": "http://mp.weixin.qq.com/s?__biz=MzA&mid=1&idx=1",
        "is_deleted": false
    });

    api.answer(
        "/cgi-bin/freepublish/getarticle",
        json!({"news_item": [article.clone()]}),
    );
    let articles = publish.get_article("ARTICLE_ID").await.unwrap();
    api.expect(
        "POST",
        "/cgi-bin/freepublish/getarticle",
        &[("access_token", ACCESS_TOKEN)],
        Some(json!({"article_id": "ARTICLE_ID"})),
    );
    assert_eq!(articles[0].title, "TITLE");
    assert_eq!(
        articles[0].thumb_url.as_deref(),
        Some("http://mmbiz.qpic.cn/mmbiz_jpg/THUMB/0")
    );
    assert_eq!(articles[0].is_deleted, Some(false));
    assert_eq!(articles[0].article_type, None);

    api.answer(
        "/cgi-bin/freepublish/getarticle",
        errcode(53600, "Article ID 无效"),
    );
    let err = publish.get_article("NOPE").await.unwrap_err();
    assert_eq!(err.errcode(), Some(53600));

    api.answer(
        "/cgi-bin/freepublish/batchget",
        json!({
            "total_count": 100,
            "item_count": 1,
            "item": [{
                "article_id": "ARTICLE_ID_1",
                "content": {"news_item": [article]},
                "update_time": 1627891234
            }]
        }),
    );
    let page = publish.batchget(0, 10, false).await.unwrap();
    api.expect(
        "POST",
        "/cgi-bin/freepublish/batchget",
        &[("access_token", ACCESS_TOKEN)],
        Some(json!({"offset": 0, "count": 10, "no_content": 0})),
    );
    assert_eq!(page.total_count, 100);
    assert_eq!(page.item[0].article_id, "ARTICLE_ID_1");
    assert_eq!(page.item[0].content.news_item[0].content, "CONTENT");

    api.answer(
        "/cgi-bin/freepublish/delete",
        json!({"errcode": 0, "errmsg": "ok"}),
    );
    publish.delete("ARTICLE_ID", 1).await.unwrap();
    api.expect(
        "POST",
        "/cgi-bin/freepublish/delete",
        &[("access_token", ACCESS_TOKEN)],
        Some(json!({"article_id": "ARTICLE_ID", "index": 1})),
    );
    publish.delete("ARTICLE_ID", 0).await.unwrap();
    assert_eq!(api.last().json()["index"], 0);

    let sent = api.sent();
    assert_invalid(publish.get_article("").await.unwrap_err());
    assert_invalid(publish.delete("", 0).await.unwrap_err());
    assert_invalid(publish.batchget(0, 0, true).await.unwrap_err());
    assert_invalid(publish.batchget(0, 21, true).await.unwrap_err());
    assert_eq!(api.sent(), sent);
}
