//! Media and material APIs with real bytes: multipart uploads from memory and streamed from
//! disk (retried uploads send the whole file again), downloads of binary files with their
//! headers, JSON answers for videos and news, error bodies, bad input.

use crate::common::api::*;
use serde_json::json;
use wechat_runtime::api::media::{Material, MaterialType, Media, MediaFile, MediaType};
use wechat_runtime::{Error, Part};

/// Bytes that are not text: every byte value, over and over.
fn binary(len: usize) -> Vec<u8> {
    (0..=255u8).cycle().take(len).collect()
}

/// A file under the temp dir, removed on drop.
struct TempFile(std::path::PathBuf);

impl TempFile {
    fn new(name: &str, data: &[u8]) -> TempFile {
        let dir = std::env::temp_dir().join(format!("wechat-rs-api-media-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(name);
        std::fs::write(&path, data).unwrap();
        TempFile(path)
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

#[tokio::test]
async fn upload_from_bytes() {
    let api = ApiMock::start().await;
    api.answer(
        "/cgi-bin/media/upload",
        json!({"type": "image", "media_id": "MEDIA_ID_1", "created_at": 1720000000}),
    );
    let image = binary(10_000);
    let uploaded = api
        .client
        .media()
        .upload(
            MediaType::Image,
            MediaFile::bytes("photo.png", image.clone()).content_type("image/png"),
        )
        .await
        .unwrap();
    assert_eq!(uploaded.kind, MediaType::Image);
    assert_eq!(uploaded.media_id, "MEDIA_ID_1");
    assert_eq!(uploaded.created_at, 1720000000);

    let request = api.expect(
        "POST",
        "/cgi-bin/media/upload",
        &[("access_token", ACCESS_TOKEN), ("type", "image")],
        None,
    );
    let parts = multipart_parts(&request);
    assert_eq!(parts.len(), 1);
    let (headers, content) = multipart_part(&parts, "media");
    assert!(headers.contains("filename=\"photo.png\""), "{headers}");
    assert!(headers.contains("content-type: image/png"), "{headers}");
    assert_eq!(content, &image);
}

#[tokio::test]
async fn upload_streams_a_file() {
    let api = ApiMock::start().await;
    api.answer(
        "/cgi-bin/media/upload",
        json!({"type": "thumb", "thumb_media_id": "THUMB_ID", "created_at": 1720000001}),
    );
    // Several read chunks, and an odd tail.
    let data = binary(200_003);
    let file = TempFile::new("cover.jpg", &data);
    let media_file = MediaFile::open(&file.0).await.unwrap();
    assert_eq!(media_file.len(), data.len() as u64);
    let uploaded = api
        .client
        .media()
        .upload(MediaType::Thumb, media_file)
        .await
        .unwrap();
    assert_eq!(uploaded.kind, MediaType::Thumb);
    assert_eq!(uploaded.media_id, "THUMB_ID");

    let request = api.expect(
        "POST",
        "/cgi-bin/media/upload",
        &[("access_token", ACCESS_TOKEN), ("type", "thumb")],
        None,
    );
    // A known length, not a chunked body.
    assert!(request.header("content-length").is_some());
    let parts = multipart_parts(&request);
    let (headers, content) = multipart_part(&parts, "media");
    assert!(headers.contains("filename=\"cover.jpg\""), "{headers}");
    assert_eq!(content.len(), data.len());
    assert_eq!(content, &data);
}

#[tokio::test]
async fn a_retried_streamed_upload_sends_the_whole_file_each_time() {
    let api = ApiMock::start().await;
    api.answer("/upload/idempotent", errcode(-1, "system error"));
    let data = binary(150_000);
    let file = TempFile::new("retry.bin", &data);
    let file_part = Part::file("media", &file.0).await.unwrap();
    let err = api
        .client
        .post("/upload/idempotent")
        .part(file_part)
        .idempotent(true)
        .await
        .unwrap_err();
    assert_eq!(err.errcode(), Some(-1));
    let requests = api.mock.requests();
    assert_eq!(requests.len(), 3, "one attempt and two retries");
    for request in &requests {
        let parts = multipart_parts(request);
        assert_eq!(multipart_part(&parts, "media").1, data);
    }
}

#[tokio::test]
async fn a_file_that_changed_size_fails_the_upload() {
    let api = ApiMock::start().await;
    api.answer(
        "/cgi-bin/media/upload",
        json!({"type": "image", "media_id": "X", "created_at": 1}),
    );
    let file = TempFile::new("shrinks.jpg", &binary(100_000));
    let media_file = MediaFile::open(&file.0).await.unwrap();
    std::fs::write(&file.0, binary(10)).unwrap();
    let err = api
        .client
        .media()
        .upload(MediaType::Image, media_file)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Transport { .. }), "{err:?}");
}

#[tokio::test]
async fn uploadimg_returns_the_url() {
    let api = ApiMock::start().await;
    api.answer(
        "/cgi-bin/media/uploadimg",
        json!({"url": "http://mmbiz.qpic.cn/mmbiz/gLO17UPS6FS2xsypf378iaNhWacZ1G1UplZYWEYfwvuU6Ont96b1roYs CNFwaRrSaKTPCUdBK9DgEHicsKwWCBRQ/0"}),
    );
    let image = binary(4_096);
    let url = api
        .client
        .media()
        .upload_img(MediaFile::bytes("inline.jpg", image.clone()))
        .await
        .unwrap();
    assert!(url.starts_with("http://mmbiz.qpic.cn/"));
    let request = api.expect(
        "POST",
        "/cgi-bin/media/uploadimg",
        &[("access_token", ACCESS_TOKEN)],
        None,
    );
    let parts = multipart_parts(&request);
    let (headers, content) = multipart_part(&parts, "media");
    assert!(headers.contains("filename=\"inline.jpg\""));
    assert_eq!(content, &image);
}

#[tokio::test]
async fn media_get_downloads_bytes() {
    let api = ApiMock::start().await;
    let jpeg = binary(30_000);
    api.answer_bytes(
        "/cgi-bin/media/get",
        "image/jpeg",
        &[(
            "content-disposition",
            "attachment; filename=\"MEDIA_ID.jpg\"",
        )],
        jpeg.clone(),
    );
    let media = api.client.media().get("MEDIA_ID").await.unwrap();
    match media {
        Media::Bytes {
            data,
            filename,
            content_type,
        } => {
            assert_eq!(data.as_ref(), jpeg.as_slice());
            assert_eq!(filename.as_deref(), Some("MEDIA_ID.jpg"));
            assert_eq!(content_type.as_deref(), Some("image/jpeg"));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(api.sent(), 1);
    api.expect(
        "GET",
        "/cgi-bin/media/get",
        &[("access_token", ACCESS_TOKEN), ("media_id", "MEDIA_ID")],
        None,
    );
}

#[tokio::test]
async fn media_get_of_a_video_is_its_url_and_an_error_body_is_an_error() {
    let api = ApiMock::start().await;
    api.answer_bytes(
        "/cgi-bin/media/get",
        "text/plain",
        &[],
        br#"{"video_url":"http://wxsnsdy.wxs.qq.com/105/20210/snsdyvideodownload?filekey=abc"}"#
            .to_vec(),
    );
    let media = api.client.media().get("VIDEO_ID").await.unwrap();
    assert_eq!(
        media,
        Media::VideoUrl(
            "http://wxsnsdy.wxs.qq.com/105/20210/snsdyvideodownload?filekey=abc".into()
        )
    );

    api.answer_bytes(
        "/cgi-bin/media/get",
        "text/plain",
        &[],
        br#"{"errcode":40007,"errmsg":"invalid media_id rid: 6523d1a3-0d5f2b1c-1a2b3c4d"}"#
            .to_vec(),
    );
    let err = api.client.media().get("NO_SUCH_MEDIA").await.unwrap_err();
    assert!(matches!(err, Error::Api { errcode: 40007, .. }), "{err:?}");
}

#[tokio::test]
async fn material_add_image_and_video() {
    let api = ApiMock::start().await;
    api.answer(
        "/cgi-bin/material/add_material",
        json!({"media_id": "MATERIAL_ID", "url": "http://mmbiz.qpic.cn/mmbiz_jpg/abc/0?wx_fmt=jpeg"}),
    );
    let image = binary(20_000);
    let added = api
        .client
        .material()
        .add(
            MediaType::Image,
            MediaFile::bytes("logo.jpg", image.clone()),
        )
        .await
        .unwrap();
    assert_eq!(added.media_id, "MATERIAL_ID");
    assert!(added.url.unwrap().starts_with("http://mmbiz.qpic.cn/"));
    let request = api.expect(
        "POST",
        "/cgi-bin/material/add_material",
        &[("access_token", ACCESS_TOKEN), ("type", "image")],
        None,
    );
    let image_parts = multipart_parts(&request);
    assert_eq!(image_parts.len(), 1);
    let (headers, content) = multipart_part(&image_parts, "media");
    assert!(headers.contains("filename=\"logo.jpg\""));
    assert_eq!(content, &image);

    api.answer(
        "/cgi-bin/material/add_material",
        json!({"media_id": "VIDEO_MATERIAL_ID"}),
    );
    let video = binary(50_000);
    let file = TempFile::new("intro.mp4", &video);
    let added = api
        .client
        .material()
        .add_video(
            MediaFile::open(&file.0).await.unwrap(),
            "Introduction",
            "What we do, in one minute",
        )
        .await
        .unwrap();
    assert_eq!(added.media_id, "VIDEO_MATERIAL_ID");
    assert_eq!(added.url, None);
    let request = api.expect(
        "POST",
        "/cgi-bin/material/add_material",
        &[("access_token", ACCESS_TOKEN), ("type", "video")],
        None,
    );
    let video_parts = multipart_parts(&request);
    assert_eq!(video_parts.len(), 2);
    let (headers, content) = multipart_part(&video_parts, "media");
    assert!(headers.contains("filename=\"intro.mp4\""));
    assert_eq!(content, &video);
    let (headers, description) = multipart_part(&video_parts, "description");
    assert!(!headers.contains("filename"), "{headers}");
    let description: serde_json::Value = serde_json::from_slice(description).unwrap();
    assert_eq!(
        description,
        json!({"title": "Introduction", "introduction": "What we do, in one minute"})
    );
}

#[tokio::test]
async fn material_get_news_video_and_bytes() {
    let api = ApiMock::start().await;
    api.answer(
        "/cgi-bin/material/get_material",
        json!({"news_item": [{
            "title": "TITLE",
            "thumb_media_id": "THUMB_MEDIA_ID",
            "show_cover_pic": 1,
            "author": "AUTHOR",
            "digest": "DIGEST",
            "content": "<p>CONTENT</p>",
            "url": "https://mp.weixin.qq.com/s/abc",
            "content_source_url": "https://example.com"
        }]}),
    );
    let material = api.client.material().get("NEWS_ID").await.unwrap();
    match material {
        Material::News(items) => {
            assert_eq!(items.len(), 1);
            assert_eq!(items[0].author, "AUTHOR");
            assert_eq!(items[0].show_cover_pic, Some(1));
        }
        other => panic!("{other:?}"),
    }
    api.expect(
        "POST",
        "/cgi-bin/material/get_material",
        &[("access_token", ACCESS_TOKEN)],
        Some(json!({"media_id": "NEWS_ID"})),
    );

    api.answer(
        "/cgi-bin/material/get_material",
        json!({"title": "TITLE", "description": "DESCRIPTION", "down_url": "http://example.com/video.mp4"}),
    );
    let material = api.client.material().get("VIDEO_ID").await.unwrap();
    assert_eq!(
        material,
        Material::Video {
            title: "TITLE".into(),
            description: "DESCRIPTION".into(),
            down_url: "http://example.com/video.mp4".into(),
        }
    );

    let voice = binary(12_345);
    api.answer_bytes(
        "/cgi-bin/material/get_material",
        "audio/amr",
        &[],
        voice.clone(),
    );
    match api.client.material().get("VOICE_ID").await.unwrap() {
        Material::Bytes {
            data, content_type, ..
        } => {
            assert_eq!(data.as_ref(), voice.as_slice());
            assert_eq!(content_type.as_deref(), Some("audio/amr"));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(api.last().method, "POST");
}

#[tokio::test]
async fn material_delete_count_batchget() {
    let api = ApiMock::start().await;
    api.answer_text(
        "/cgi-bin/material/del_material",
        r#"{"errcode":0,"errmsg":"ok"}"#,
    );
    api.client.material().delete("MEDIA_ID").await.unwrap();
    api.expect(
        "POST",
        "/cgi-bin/material/del_material",
        &[("access_token", ACCESS_TOKEN)],
        Some(json!({"media_id": "MEDIA_ID"})),
    );

    api.answer(
        "/cgi-bin/material/get_materialcount",
        json!({"voice_count": 1, "video_count": 2, "image_count": 3, "news_count": 4}),
    );
    let count = api.client.material().count().await.unwrap();
    assert_eq!(
        (
            count.voice_count,
            count.video_count,
            count.image_count,
            count.news_count
        ),
        (1, 2, 3, 4)
    );
    api.expect(
        "GET",
        "/cgi-bin/material/get_materialcount",
        &[("access_token", ACCESS_TOKEN)],
        None,
    );

    api.answer(
        "/cgi-bin/material/batchget_material",
        json!({"total_count": 12, "item_count": 1, "item": [{
            "media_id": "MEDIA_ID",
            "content": {"news_item": [{"title": "TITLE", "thumb_media_id": "THUMB", "show_cover_pic": 0, "author": "A", "digest": "D", "content": "C", "url": "U", "content_source_url": "S"}]},
            "update_time": 1720000000
        }]}),
    );
    let list = api
        .client
        .material()
        .batchget(MaterialType::News, 0, 20)
        .await
        .unwrap();
    assert_eq!((list.total_count, list.item_count), (12, 1));
    assert_eq!(
        list.item[0].content.as_ref().unwrap().news_item[0].title,
        "TITLE"
    );
    api.expect(
        "POST",
        "/cgi-bin/material/batchget_material",
        &[("access_token", ACCESS_TOKEN)],
        Some(json!({"type": "news", "offset": 0, "count": 20})),
    );

    api.answer(
        "/cgi-bin/material/batchget_material",
        json!({"total_count": 3, "item_count": 1, "item": [{"media_id": "IMG_ID", "name": "logo.jpg", "update_time": 1720000000, "url": "http://mmbiz.qpic.cn/x"}]}),
    );
    let list = api
        .client
        .material()
        .batchget(MaterialType::Image, 2, 1)
        .await
        .unwrap();
    assert_eq!(list.item[0].name.as_deref(), Some("logo.jpg"));
    api.expect(
        "POST",
        "/cgi-bin/material/batchget_material",
        &[("access_token", ACCESS_TOKEN)],
        Some(json!({"type": "image", "offset": 2, "count": 1})),
    );
}

#[tokio::test]
async fn errcodes_are_api_errors() {
    let api = ApiMock::start().await;
    api.answer(
        "/cgi-bin/media/upload",
        errcode(40004, "invalid media type"),
    );
    let err = api
        .client
        .media()
        .upload(MediaType::Voice, MediaFile::bytes("a.txt", binary(10)))
        .await
        .unwrap_err();
    assert_eq!(err.errcode(), Some(40004));
    assert_eq!(api.sent(), 1, "an upload is never retried");

    api.answer(
        "/cgi-bin/material/get_material",
        errcode(40007, "invalid media_id"),
    );
    let err = api.client.material().get("nope").await.unwrap_err();
    assert_eq!(err.errcode(), Some(40007));
}

#[tokio::test]
async fn bad_input_is_rejected_before_sending() {
    let api = ApiMock::start().await;
    assert_invalid(
        api.client
            .media()
            .upload(MediaType::Image, MediaFile::bytes("empty.jpg", Vec::new()))
            .await
            .unwrap_err(),
    );
    let empty = TempFile::new("empty.jpg", b"");
    assert_invalid(
        api.client
            .media()
            .upload(MediaType::Image, MediaFile::open(&empty.0).await.unwrap())
            .await
            .unwrap_err(),
    );
    assert_invalid(MediaFile::open("/no/such/file.jpg").await.unwrap_err());
    assert_invalid(api.client.media().get("").await.unwrap_err());
    assert_invalid(
        api.client
            .material()
            .add(MediaType::Video, MediaFile::bytes("v.mp4", binary(10)))
            .await
            .unwrap_err(),
    );
    assert_invalid(
        api.client
            .material()
            .add_video(MediaFile::bytes("v.mp4", binary(10)), "", "x")
            .await
            .unwrap_err(),
    );
    assert_invalid(
        api.client
            .material()
            .batchget(MaterialType::Image, 0, 0)
            .await
            .unwrap_err(),
    );
    assert_invalid(
        api.client
            .material()
            .batchget(MaterialType::Image, 0, 21)
            .await
            .unwrap_err(),
    );
    assert_invalid(api.client.material().get(" ").await.unwrap_err());
    assert_invalid(api.client.material().delete("").await.unwrap_err());
    assert_eq!(api.sent(), 0);
}

#[tokio::test]
async fn mass_uploads_news_and_video() {
    use wechat_runtime::api::media::MassArticle;

    let api = ApiMock::start().await;
    api.answer(
        "/cgi-bin/media/uploadnews",
        json!({"type": "news", "media_id": "CsEf3ldqkAYJAU6EJeIkStVDSvffUJ54vqbThMgplD-VJXXof6ctX5fI6-aYyUiQ", "created_at": 1391857799}),
    );
    let article = MassArticle::new("Happy Day", "THUMB_MEDIA_ID", "<p>content</p>")
        .author("xxx")
        .content_source_url("www.qq.com")
        .digest("digest")
        .show_cover_pic(true)
        .open_comment(false);
    let uploaded = api
        .client
        .media()
        .upload_news(&[
            article.clone(),
            MassArticle::new("Two", "THUMB_2", "<p>2</p>"),
        ])
        .await
        .unwrap();
    assert_eq!(uploaded.kind, "news");
    assert!(uploaded.media_id.starts_with("CsEf3ldqkAYJ"));
    assert_eq!(uploaded.created_at, 1391857799);
    api.expect(
        "POST",
        "/cgi-bin/media/uploadnews",
        &[("access_token", ACCESS_TOKEN)],
        Some(json!({"articles": [
            {
                "title": "Happy Day",
                "thumb_media_id": "THUMB_MEDIA_ID",
                "author": "xxx",
                "content": "<p>content</p>",
                "content_source_url": "www.qq.com",
                "digest": "digest",
                "show_cover_pic": 1,
                "need_open_comment": 1,
                "only_fans_can_comment": 0
            },
            {"title": "Two", "thumb_media_id": "THUMB_2", "content": "<p>2</p>"}
        ]})),
    );

    // WeChat documents `created_at` as a string here.
    api.answer(
        "/cgi-bin/media/uploadvideo",
        json!({"type": "video", "media_id": "IhdaAQXuvJtGzwwc0abfXnzeezfO0NgPK6AQYShD8RQYMTtfzbLdBIQkQziv2XJc", "created_at": "1398848981"}),
    );
    let video = api
        .client
        .media()
        .upload_video("rF4UdIMfYK3efUfyoddYRMU50zMiRmmt", "TITLE", "Description")
        .await
        .unwrap();
    assert_eq!(video.kind, "video");
    assert_eq!(video.created_at, 1398848981);
    api.expect(
        "POST",
        "/cgi-bin/media/uploadvideo",
        &[("access_token", ACCESS_TOKEN)],
        Some(json!({"media_id": "rF4UdIMfYK3efUfyoddYRMU50zMiRmmt", "title": "TITLE", "description": "Description"})),
    );
    api.answer(
        "/cgi-bin/media/uploadvideo",
        errcode(40007, "invalid media_id"),
    );
    let err = api
        .client
        .media()
        .upload_video("NOPE", "T", "D")
        .await
        .unwrap_err();
    assert_eq!(err.errcode(), Some(40007));

    let sent = api.sent();
    let media = api.client.media();
    assert_invalid(media.upload_news(&[]).await.unwrap_err());
    assert_invalid(media.upload_news(&vec![article; 9]).await.unwrap_err());
    assert_invalid(
        media
            .upload_news(&[MassArticle::new("T", "", "<p>x</p>")])
            .await
            .unwrap_err(),
    );
    assert_invalid(media.upload_video("", "T", "D").await.unwrap_err());
    assert_eq!(api.sent(), sent);
}

#[tokio::test]
async fn hd_voice_downloads_the_speex_file() {
    let api = ApiMock::start().await;
    let speex = binary(8_000);
    api.answer_bytes(
        "/cgi-bin/media/get/jssdk",
        "voice/speex",
        &[(
            "content-disposition",
            "attachment; filename=\"SERVER_ID.speex\"",
        )],
        speex.clone(),
    );
    match api.client.media().get_hd_voice("SERVER_ID").await.unwrap() {
        Media::Bytes {
            data,
            filename,
            content_type,
        } => {
            assert_eq!(data.as_ref(), speex.as_slice());
            assert_eq!(filename.as_deref(), Some("SERVER_ID.speex"));
            assert_eq!(content_type.as_deref(), Some("voice/speex"));
        }
        other => panic!("{other:?}"),
    }
    api.expect(
        "GET",
        "/cgi-bin/media/get/jssdk",
        &[("access_token", ACCESS_TOKEN), ("media_id", "SERVER_ID")],
        None,
    );
    api.answer(
        "/cgi-bin/media/get/jssdk",
        errcode(40007, "invalid media_id"),
    );
    let err = api.client.media().get_hd_voice("NOPE").await.unwrap_err();
    assert_eq!(err.errcode(), Some(40007));
    assert_invalid(api.client.media().get_hd_voice("").await.unwrap_err());
    assert_eq!(api.sent(), 2);
}
