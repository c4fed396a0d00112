//! Media, material, statistics, web OAuth, Mini Programs and the open platform's authorizer
//! APIs, through the SDK's typed calls against the simulator.

use serde_json::json;
use wechat_runtime::api::component::AuthorizerOptionName;
use wechat_runtime::api::datacube::UserSummary;
use wechat_runtime::api::media::{Material, MaterialType, Media, MediaFile, MediaType};
use wechat_runtime::api::mini_program::{
    Expiry, MsgSecCheck, SecScene, Suggest, UnlimitedWxaCode, UrlLink, UrlScheme, WxaCode,
};
use wechat_runtime::api::oauth::Lang;
use wechat_runtime::{Client, ClientBuilder, Component, Hub, MemoryStore, Secret};
use wechat_simulator::{errcode, Simulator};

use crate::common::*;

const OPENID: &str = "o6_bmjrPTlm6_2sgVt7hMZOPfL2M";
const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";

/// The errcode of a failed SDK call.
fn api_errcode<T: std::fmt::Debug>(result: wechat_runtime::Result<T>) -> i64 {
    result
        .expect_err("the call fails")
        .errcode()
        .expect("an API error")
}

#[tokio::test]
async fn media_upload_get_and_uploadimg() {
    let sim = sim().await;
    let client = sdk_client(&sim);
    let bytes = b"\xff\xd8\xff\xe0 a jpeg".to_vec();
    let uploaded = client
        .media()
        .upload(
            MediaType::Image,
            MediaFile::bytes("photo.jpg", bytes.clone()),
        )
        .await
        .unwrap();
    assert_eq!(uploaded.kind, MediaType::Image);
    match client.media().get(&uploaded.media_id).await.unwrap() {
        Media::Bytes { data, filename, .. } => {
            assert_eq!(data.as_ref(), bytes.as_slice());
            assert_eq!(filename.as_deref(), Some("photo.jpg"));
        }
        other => panic!("{other:?}"),
    }

    let png = b"\x89PNG\r\n\x1a\n an article image".to_vec();
    let url = client
        .media()
        .upload_img(MediaFile::bytes("inline.png", png.clone()))
        .await
        .unwrap();
    assert!(url.starts_with("http://mmbiz.qpic.cn/mmbiz_png/"), "{url}");
    assert_eq!(sim.uploaded_image(&url), Some(png));
    // uploadimg takes JPG and PNG only.
    let gif = client
        .media()
        .upload_img(MediaFile::bytes("anim.gif", b"GIF89a".to_vec()))
        .await;
    assert_eq!(api_errcode(gif), errcode::INVALID_FILE_TYPE);
}

#[tokio::test]
async fn material_add_get_count_list_delete() {
    let sim = sim().await;
    let client = sdk_client(&sim);
    let material = client.material();

    let image = b"\xff\xd8\xff\xe0 permanent".to_vec();
    let added = material
        .add(
            MediaType::Image,
            MediaFile::bytes("cover.jpg", image.clone()),
        )
        .await
        .unwrap();
    assert!(added
        .url
        .as_deref()
        .unwrap()
        .starts_with("http://mmbiz.qpic.cn/"));
    let voice = material
        .add(
            MediaType::Voice,
            MediaFile::bytes("hello.mp3", b"ID3 voice".to_vec()),
        )
        .await
        .unwrap();
    assert_eq!(voice.url, None);
    let video = material
        .add_video(
            MediaFile::bytes("intro.mp4", b"\0\0\0\x18ftypmp42".to_vec()),
            "Introduction",
            "What we do",
        )
        .await
        .unwrap();
    let news = sim
        .add_news_material(
            APPID,
            vec![json!({"title": "Hello", "thumb_media_id": added.media_id})],
        )
        .unwrap();

    match material.get(&added.media_id).await.unwrap() {
        Material::Bytes { data, .. } => assert_eq!(data.as_ref(), image.as_slice()),
        other => panic!("{other:?}"),
    }
    match material.get(&video.media_id).await.unwrap() {
        Material::Video {
            title,
            description,
            down_url,
        } => {
            assert_eq!(title, "Introduction");
            assert_eq!(description, "What we do");
            assert!(down_url.starts_with("http"));
        }
        other => panic!("{other:?}"),
    }
    match material.get(&news).await.unwrap() {
        Material::News(items) => assert_eq!(items[0].title, "Hello"),
        other => panic!("{other:?}"),
    }

    let count = material.count().await.unwrap();
    assert_eq!(
        (
            count.image_count,
            count.voice_count,
            count.video_count,
            count.news_count
        ),
        (1, 1, 1, 1)
    );

    // Newest first, paged.
    let second = material
        .add(
            MediaType::Image,
            MediaFile::bytes("second.png", b"png".to_vec()),
        )
        .await
        .unwrap();
    let page = material.batchget(MaterialType::Image, 0, 1).await.unwrap();
    assert_eq!((page.total_count, page.item_count), (2, 1));
    assert_eq!(page.item[0].media_id, second.media_id);
    assert_eq!(page.item[0].name.as_deref(), Some("second.png"));
    assert!(page.item[0].url.is_some());
    let rest = material.batchget(MaterialType::Image, 1, 20).await.unwrap();
    assert_eq!(rest.item[0].media_id, added.media_id);
    let news_page = material.batchget(MaterialType::News, 0, 20).await.unwrap();
    assert_eq!(
        news_page.item[0].content.as_ref().unwrap().news_item.len(),
        1
    );

    material.delete(&added.media_id).await.unwrap();
    assert_eq!(
        api_errcode(material.delete(&added.media_id).await),
        errcode::INVALID_MEDIA_ID
    );
    assert_eq!(
        api_errcode(material.get(&added.media_id).await),
        errcode::INVALID_MEDIA_ID
    );
    assert_eq!(material.count().await.unwrap().image_count, 1);
}

#[tokio::test]
async fn material_errcodes() {
    let sim = sim().await;
    let token = token(&sim).await;
    let add = |kind: &'static str, name: &'static str, description: Option<&'static str>| {
        let mut form = reqwest::multipart::Form::new().part(
            "media",
            reqwest::multipart::Part::bytes(vec![1, 2, 3]).file_name(name),
        );
        if let Some(description) = description {
            form = form.text("description", description);
        }
        let url = format!(
            "{}/cgi-bin/material/add_material?access_token={token}&type={kind}",
            sim.base_url()
        );
        async move {
            let body: serde_json::Value = client()
                .post(url)
                .multipart(form)
                .send()
                .await
                .unwrap()
                .json()
                .await
                .unwrap();
            errcode(&body)
        }
    };
    assert_eq!(
        add("image", "a.exe", None).await,
        errcode::INVALID_FILE_TYPE
    );
    assert_eq!(
        add("news", "a.jpg", None).await,
        errcode::INVALID_MEDIA_TYPE
    );
    assert_eq!(
        add("video", "a.mp4", None).await,
        errcode::DATA_FORMAT_ERROR
    );
    assert_eq!(
        add(
            "video",
            "a.mp4",
            Some(r#"{"title":"T","introduction":"I"}"#)
        )
        .await,
        0
    );

    let path = format!("/cgi-bin/material/batchget_material?access_token={token}");
    let too_many = post_json(
        &sim,
        &path,
        json!({"type": "image", "offset": 0, "count": 21}),
    )
    .await;
    assert_eq!(errcode(&too_many), errcode::INVALID_ARGS);
    let bad_type = post_json(&sim, &path, json!({"type": "gif", "offset": 0, "count": 1})).await;
    assert_eq!(errcode(&bad_type), errcode::INVALID_MEDIA_TYPE);
}

#[tokio::test]
async fn datacube_rows_and_date_checks() {
    let sim = sim().await;
    let client = sdk_client(&sim);
    let rows: Vec<UserSummary> = client
        .datacube()
        .user_summary("2024-03-01", "2024-03-03")
        .await
        .unwrap();
    let days: std::collections::BTreeSet<_> = rows.iter().map(|r| r.ref_date.as_str()).collect();
    assert_eq!(
        days.into_iter().collect::<Vec<_>>(),
        ["2024-03-01", "2024-03-02", "2024-03-03"]
    );
    // The same account and day give the same figures.
    let again = client
        .datacube()
        .user_summary("2024-03-01", "2024-03-03")
        .await
        .unwrap();
    assert_eq!(rows, again);
    let hourly = client
        .datacube()
        .interface_summary_hour("2024-03-07", "2024-03-07")
        .await
        .unwrap();
    assert_eq!(hourly.len(), 24);
    assert_eq!(hourly[13].ref_hour, Some(1300));
    let weekly = client
        .datacube()
        .upstream_msg_week("2024-03-05", "2024-03-20")
        .await
        .unwrap();
    assert!(weekly
        .iter()
        .all(|r| ["2024-03-04", "2024-03-11", "2024-03-18"].contains(&r.ref_date.as_str())));

    // The SDK checks ranges before sending: raw requests reach the simulator's checks.
    let token = token(&sim).await;
    let path = format!("/datacube/getusersummary?access_token={token}");
    let cases = [
        (
            json!({"begin_date": "2024-03-01", "end_date": "2024-03-08"}),
            errcode::DATE_RANGE_ERROR,
        ),
        (
            json!({"begin_date": "2024-03-02", "end_date": "2024-03-01"}),
            errcode::DATE_RANGE_ERROR,
        ),
        (
            json!({"begin_date": "2099-01-01", "end_date": "2099-01-01"}),
            errcode::DATE_RANGE_ERROR,
        ),
        (
            json!({"begin_date": "2024-02-30", "end_date": "2024-03-01"}),
            errcode::DATE_FORMAT_ERROR,
        ),
        (
            json!({"end_date": "2024-03-01"}),
            errcode::DATE_FORMAT_ERROR,
        ),
    ];
    for (body, expected) in cases {
        let answer = post_json(&sim, &path, body.clone()).await;
        assert_eq!(errcode(&answer), expected, "{body}: {answer}");
    }
}

#[tokio::test]
async fn web_oauth_flow() {
    let sim = sim().await;
    let client = sdk_client(&sim);
    let oauth = client.oauth();
    let secret = Secret::new(SECRET);

    let code = sim.oauth_code(APPID, OPENID, "snsapi_userinfo");
    let token = oauth.access_token(&code, &secret).await.unwrap();
    assert_eq!(token.openid, OPENID);
    assert_eq!(token.scope, "snsapi_userinfo");
    assert_eq!(token.expires_in, 7200);
    assert!(token.unionid.is_some());
    // A code works once.
    assert_eq!(
        api_errcode(oauth.access_token(&code, &secret).await),
        errcode::CODE_BEEN_USED
    );
    assert_eq!(
        api_errcode(oauth.access_token("unknown-code", &secret).await),
        errcode::INVALID_CODE
    );
    let other = sim.oauth_code(APPID, OPENID, "snsapi_userinfo");
    assert_eq!(
        api_errcode(oauth.access_token(&other, &Secret::new("wrong")).await),
        errcode::INVALID_APPSECRET
    );

    let user = oauth
        .user_info(&token.access_token, OPENID, Lang::En)
        .await
        .unwrap();
    assert_eq!(user.openid, OPENID);
    assert!(!user.nickname.is_empty());
    assert_eq!(user.unionid, token.unionid);
    oauth
        .check_token(&token.access_token, OPENID)
        .await
        .unwrap();
    assert_eq!(
        api_errcode(
            oauth
                .check_token(&token.access_token, "o-someone-else")
                .await
        ),
        errcode::INVALID_OPENID
    );
    assert_eq!(
        api_errcode(oauth.check_token("not-a-user-token", OPENID).await),
        errcode::INVALID_CREDENTIAL
    );

    // A refresh gives a new user token; the refresh token stays.
    let refreshed = oauth.refresh(&token.refresh_token).await.unwrap();
    assert_ne!(refreshed.access_token, token.access_token);
    assert_eq!(refreshed.refresh_token, token.refresh_token);
    oauth
        .check_token(&refreshed.access_token, OPENID)
        .await
        .unwrap();
    assert_eq!(
        api_errcode(oauth.refresh("bogus").await),
        errcode::INVALID_REFRESH_TOKEN
    );

    // snsapi_base gives the openid only.
    let base = sim.oauth_code(APPID, OPENID, "snsapi_base");
    let base = oauth.access_token(&base, &secret).await.unwrap();
    assert_eq!(base.unionid, None);
    assert_eq!(
        api_errcode(
            oauth
                .user_info(&base.access_token, OPENID, Lang::ZhCn)
                .await
        ),
        errcode::API_UNAUTHORIZED
    );
}

#[tokio::test]
async fn mini_program_login_codes_and_links() {
    let sim = sim().await;
    let client = sdk_client(&sim);
    let mp = client.mini_program();
    let secret = Secret::new(SECRET);

    let js_code = sim.js_code(APPID, OPENID);
    let session = mp.jscode2session(&js_code, &secret).await.unwrap();
    assert_eq!(session.openid, OPENID);
    assert!(!session.session_key.is_empty());
    assert_eq!(
        api_errcode(mp.jscode2session(&js_code, &secret).await),
        errcode::CODE_BEEN_USED
    );

    for image in [
        mp.wxacode(&WxaCode::new("pages/index/index").width(430))
            .await
            .unwrap(),
        mp.wxacode_unlimited(&UnlimitedWxaCode::new("id=42").page("pages/item/item"))
            .await
            .unwrap(),
        mp.create_qrcode("pages/index/index", Some(280))
            .await
            .unwrap(),
    ] {
        assert!(image.starts_with(PNG_SIGNATURE));
    }

    let phone = mp
        .phone_number(&sim.phone_code(APPID, "13800138000"))
        .await
        .unwrap();
    assert_eq!(phone.pure_phone_number, "13800138000");
    assert_eq!(phone.country_code, "86");
    assert_eq!(
        api_errcode(mp.phone_number("nope").await),
        errcode::INVALID_CODE
    );

    let scheme = mp
        .url_scheme(&UrlScheme::new(Expiry::AfterDays(7)).path("pages/index/index"))
        .await
        .unwrap();
    assert!(scheme.starts_with("weixin://dl/business/?t="), "{scheme}");
    let link = mp
        .url_link(&UrlLink::new(Expiry::AfterDays(30)))
        .await
        .unwrap();
    assert!(link.starts_with("https://wxaurl.cn/"), "{link}");

    let pass = mp
        .msg_sec_check(&MsgSecCheck::new(OPENID, SecScene::Comment, "hello"))
        .await
        .unwrap();
    assert_eq!(pass.result.suggest, Suggest::Pass);
    let risky = mp
        .msg_sec_check(&MsgSecCheck::new(
            OPENID,
            SecScene::Comment,
            "buy simulated-risky now",
        ))
        .await
        .unwrap();
    assert_eq!(risky.result.suggest, Suggest::Risky);
}

#[tokio::test]
async fn mini_program_errcodes() {
    let sim = sim().await;
    let token = token(&sim).await;
    let cases = [
        (
            "/wxa/getwxacodeunlimit",
            json!({"scene": "x".repeat(33)}),
            errcode::INVALID_SCENE_LENGTH,
        ),
        (
            "/wxa/getwxacodeunlimit",
            json!({"scene": "a b"}),
            errcode::INVALID_SCENE_LENGTH,
        ),
        (
            "/wxa/getwxacodeunlimit",
            json!({"scene": "id=1", "page": "/pages/a"}),
            errcode::INVALID_PAGE,
        ),
        (
            "/wxa/getwxacodeunlimit",
            json!({"scene": "id=1", "width": 2000}),
            errcode::INVALID_ARGS,
        ),
        (
            "/wxa/getwxacode",
            json!({"path": ""}),
            errcode::INVALID_PATH_LENGTH,
        ),
        (
            "/cgi-bin/wxaapp/createwxaqrcode",
            json!({"path": "p".repeat(129)}),
            errcode::INVALID_PATH_LENGTH,
        ),
        (
            "/wxa/generate_urllink",
            json!({"expire_type": 1, "expire_interval": 31}),
            errcode::EXPIRE_TIME_OUT_OF_RANGE,
        ),
        (
            "/wxa/generatescheme",
            json!({"expire_type": 0, "expire_time": 1}),
            errcode::EXPIRE_TIME_OUT_OF_RANGE,
        ),
        (
            "/wxa/msg_sec_check",
            json!({"content": "hi", "version": 2, "scene": 2}),
            errcode::INVALID_OPENID,
        ),
    ];
    for (path, body, expected) in cases {
        let answer = post_json(&sim, &format!("{path}?access_token={token}"), body.clone()).await;
        assert_eq!(errcode(&answer), expected, "{path} {body}: {answer}");
    }
    let jscode = get_json(
        &sim,
        &format!("/sns/jscode2session?appid={APPID}&secret=wrong&js_code=x&grant_type=authorization_code"),
    )
    .await;
    assert_eq!(errcode(&jscode), errcode::INVALID_APPSECRET);
}

/// A platform with one authorizer, and an SDK client of the platform over the simulator.
fn platform(sim: &Simulator) -> Client<Hub<MemoryStore>, Component> {
    sim.add_component(COMPONENT, COMPONENT_SECRET);
    let refresh_token = sim.add_authorizer(COMPONENT, AUTHORIZER);
    let ticket = sim.push_verify_ticket(COMPONENT);
    let store = MemoryStore::new()
        .with_app(COMPONENT, COMPONENT_SECRET)
        .with_verify_ticket(COMPONENT, ticket)
        .with_authorizer(COMPONENT, AUTHORIZER, refresh_token);
    let hub = Hub::builder(store)
        .base_url(sim.base_url())
        .build()
        .expect("the hub builds");
    ClientBuilder::component(hub, ())
        .appid(COMPONENT)
        .authorizer_appid(AUTHORIZER)
        .base_url(sim.base_url())
        .build()
        .expect("the client builds")
}

#[tokio::test]
async fn authorizer_info_and_options() {
    let sim = sim().await;
    let platform = platform(&sim);
    let component = platform.component();

    let info = component.authorizer_info(AUTHORIZER).await.unwrap();
    assert_eq!(info.authorization_info.authorizer_appid, AUTHORIZER);
    assert_eq!(
        Some(info.authorization_info.authorizer_refresh_token),
        sim.current_authorizer_refresh_token(AUTHORIZER)
    );
    assert!(info.authorizer_info.user_name.starts_with("gh_"));
    assert_eq!(
        api_errcode(component.authorizer_info("wxnotauthorized0001").await),
        errcode::COMPONENT_NOT_AUTHORIZED
    );

    let name = AuthorizerOptionName::VoiceRecognize;
    let before = component.authorizer_option(AUTHORIZER, name).await.unwrap();
    assert_eq!(
        (before.option_name.as_str(), before.option_value.as_str()),
        ("voice_recognize", "0")
    );
    component
        .set_authorizer_option(AUTHORIZER, name, "1")
        .await
        .unwrap();
    let after = component.authorizer_option(AUTHORIZER, name).await.unwrap();
    assert_eq!(after.option_value, "1");
    assert_eq!(
        api_errcode(
            component
                .set_authorizer_option(AUTHORIZER, AuthorizerOptionName::LocationReport, "7")
                .await
        ),
        errcode::INVALID_OPTION_VALUE
    );
}

#[tokio::test]
async fn component_oauth_and_jscode2session() {
    let sim = sim().await;
    let platform = platform(&sim);
    let component = platform.component();

    let code = sim.oauth_code(AUTHORIZER, OPENID, "snsapi_base");
    let token = component
        .oauth_access_token(AUTHORIZER, &code)
        .await
        .unwrap();
    assert_eq!(token.openid, OPENID);
    assert_eq!(
        api_errcode(component.oauth_access_token(AUTHORIZER, &code).await),
        errcode::CODE_BEEN_USED
    );
    let refreshed = component
        .oauth_refresh(AUTHORIZER, &token.refresh_token)
        .await
        .unwrap();
    assert_eq!(refreshed.openid, OPENID);
    // A component's refresh token is not the account's own.
    let plain = get_json(
        &sim,
        &format!(
            "/sns/oauth2/refresh_token?appid={AUTHORIZER}&grant_type=refresh_token&refresh_token={}",
            token.refresh_token
        ),
    )
    .await;
    assert_eq!(errcode(&plain), errcode::INVALID_REFRESH_TOKEN);

    let js_code = sim.js_code(AUTHORIZER, OPENID);
    let session = component
        .jscode2session(AUTHORIZER, &js_code)
        .await
        .unwrap();
    assert_eq!(session.openid, OPENID);

    // An account that did not authorize the platform.
    let stranger = sim.js_code("wxnotauthorized0001", OPENID);
    assert_eq!(
        api_errcode(
            component
                .jscode2session("wxnotauthorized0001", &stranger)
                .await
        ),
        errcode::COMPONENT_NOT_AUTHORIZED
    );
}
