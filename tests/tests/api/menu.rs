//! Menu APIs against a recording mock: the exact request, a realistic answer, an errcode, and
//! menus WeChat would reject, rejected before sending.

use crate::common::api::*;
use serde_json::json;
use wechat_runtime::api::menu::{Button, ButtonKind, MatchRule};
use wechat_runtime::Error;

fn sample_menu() -> Vec<Button> {
    vec![
        Button::click("今日歌曲", "V1001_TODAY_MUSIC"),
        Button::parent(
            "菜单",
            vec![
                Button::view("搜索", "http://www.soso.com/"),
                Button::miniprogram(
                    "wxa",
                    "http://mp.weixin.qq.com",
                    "wx286b93c14bbf93aa",
                    "pages/lunar/index",
                ),
                Button::scancode_waitmsg("扫码带提示", "rselfmenu_0_0"),
                Button::pic_photo_or_album("拍照或者相册发图", "rselfmenu_1_1"),
                Button::article_view_limited("文章", "ARTICLE_ID1"),
            ],
        ),
        Button::parent(
            "更多",
            vec![
                Button::scancode_push("扫码推事件", "rselfmenu_0_1"),
                Button::pic_sysphoto("系统拍照发图", "rselfmenu_1_0"),
                Button::pic_weixin("微信相册发图", "rselfmenu_1_2"),
                Button::location_select("发送位置", "rselfmenu_2_0"),
                Button::media_id("图片", "MEDIA_ID1"),
            ],
        ),
    ]
}

fn sample_menu_json() -> serde_json::Value {
    json!({"button": [
        {"type": "click", "name": "今日歌曲", "key": "V1001_TODAY_MUSIC"},
        {"name": "菜单", "sub_button": [
            {"type": "view", "name": "搜索", "url": "http://www.soso.com/"},
            {"type": "miniprogram", "name": "wxa", "url": "http://mp.weixin.qq.com", "appid": "wx286b93c14bbf93aa", "pagepath": "pages/lunar/index"},
            {"type": "scancode_waitmsg", "name": "扫码带提示", "key": "rselfmenu_0_0"},
            {"type": "pic_photo_or_album", "name": "拍照或者相册发图", "key": "rselfmenu_1_1"},
            {"type": "article_view_limited", "name": "文章", "article_id": "ARTICLE_ID1"}
        ]},
        {"name": "更多", "sub_button": [
            {"type": "scancode_push", "name": "扫码推事件", "key": "rselfmenu_0_1"},
            {"type": "pic_sysphoto", "name": "系统拍照发图", "key": "rselfmenu_1_0"},
            {"type": "pic_weixin", "name": "微信相册发图", "key": "rselfmenu_1_2"},
            {"type": "location_select", "name": "发送位置", "key": "rselfmenu_2_0"},
            {"type": "media_id", "name": "图片", "media_id": "MEDIA_ID1"}
        ]}
    ]})
}

#[tokio::test]
async fn create_sends_the_typed_menu() {
    let api = ApiMock::start().await;
    api.answer(
        "/cgi-bin/menu/create",
        json!({"errcode": 0, "errmsg": "ok"}),
    );
    api.client.menu().create(&sample_menu()).await.unwrap();
    api.expect(
        "POST",
        "/cgi-bin/menu/create",
        &[("access_token", ACCESS_TOKEN)],
        Some(sample_menu_json()),
    );
}

#[tokio::test]
async fn get_decodes_default_and_conditional_menus() {
    let api = ApiMock::start().await;
    api.answer(
        "/cgi-bin/menu/get",
        json!({
            "menu": {
                "button": [
                    {"type": "click", "name": "今日歌曲", "key": "V1001_TODAY_MUSIC", "sub_button": []},
                    {"name": "菜单", "sub_button": [
                        {"type": "view", "name": "搜索", "url": "http://www.soso.com/", "sub_button": []},
                        {"type": "article_id", "name": "文章", "article_id": "ARTICLE_ID1", "sub_button": []}
                    ]}
                ],
                "menuid": 208396938
            },
            "conditionalmenu": [{
                "button": [
                    {"type": "click", "name": "今日歌曲", "key": "V1001_TODAY_MUSIC", "sub_button": []}
                ],
                "matchrule": {"group_id": 2, "sex": 1, "country": "中国", "province": "广东", "city": "广州", "client_platform_type": 2},
                "menuid": 208396993
            }]
        }),
    );
    let config = api.client.menu().get().await.unwrap();
    api.expect(
        "GET",
        "/cgi-bin/menu/get",
        &[("access_token", ACCESS_TOKEN)],
        None,
    );
    assert_eq!(config.menu.menuid.as_deref(), Some("208396938"));
    assert_eq!(config.menu.button.len(), 2);
    assert_eq!(config.menu.button[0].kind, Some(ButtonKind::Click));
    assert_eq!(
        config.menu.button[0].key.as_deref(),
        Some("V1001_TODAY_MUSIC")
    );
    assert_eq!(config.menu.button[1].kind, None);
    assert_eq!(
        config.menu.button[1].sub_button[1].kind,
        Some(ButtonKind::ArticleId)
    );
    let conditional = &config.conditionalmenu[0];
    assert_eq!(conditional.menuid.as_deref(), Some("208396993"));
    assert_eq!(conditional.matchrule.sex.as_deref(), Some("1"));
    assert_eq!(
        conditional.matchrule.client_platform_type.as_deref(),
        Some("2")
    );
    assert_eq!(conditional.matchrule.city.as_deref(), Some("广州"));
}

#[tokio::test]
async fn delete_and_selfmenu_info() {
    let api = ApiMock::start().await;
    api.answer(
        "/cgi-bin/menu/delete",
        json!({"errcode": 0, "errmsg": "ok"}),
    );
    api.client.menu().delete().await.unwrap();
    api.expect(
        "GET",
        "/cgi-bin/menu/delete",
        &[("access_token", ACCESS_TOKEN)],
        None,
    );

    api.answer(
        "/cgi-bin/get_current_selfmenu_info",
        json!({
            "is_menu_open": 1,
            "selfmenu_info": {"button": [
                {"type": "click", "name": "今日歌曲", "key": "V1001_TODAY_MUSIC"},
                {"name": "菜单", "sub_button": {"list": [
                    {"type": "view", "name": "搜索", "url": "http://www.soso.com/"},
                    {"type": "news", "name": "图文", "value": "KQb_w_Tiz-nSdVLoTV35Psmty8hGBulGhEdbb9SKs-o",
                     "news_info": {"list": [{"title": "MULTI_NEWS", "author": "JIMZHENG", "digest": "text",
                        "show_cover": 0, "cover_url": "http://mmbiz.qpic.cn/mmbiz/cover/0",
                        "content_url": "http://mp.weixin.qq.com/s?__biz=MjM5ODUwNTM3Ng==&mid=204013432", "source_url": ""}]}},
                    {"type": "video", "name": "video", "value": "http://61.161.101.174/vweixinp.tc.qq.com/video.mp4"},
                    {"type": "voice", "name": "voice", "value": "nTXe3aghlQ4XYHa0AQPWiQQbFW9RVtaYTLPC1PCQx11qc9UB6CiUPFjdkeEtJicn"}
                ]}},
                {"type": "text", "name": "文本", "value": "This is text!"}
            ]}
        }),
    );
    let info = api.client.menu().current_selfmenu_info().await.unwrap();
    api.expect(
        "GET",
        "/cgi-bin/get_current_selfmenu_info",
        &[("access_token", ACCESS_TOKEN)],
        None,
    );
    assert!(info.is_open());
    let buttons = &info.selfmenu_info.button;
    assert_eq!(buttons.len(), 3);
    let subs = &buttons[1].sub_button.as_ref().unwrap().list;
    assert_eq!(subs.len(), 4);
    assert_eq!(subs[1].kind, Some(ButtonKind::Other("news".into())));
    assert_eq!(
        subs[1].news_info.as_ref().unwrap().list[0].title,
        "MULTI_NEWS"
    );
    assert_eq!(buttons[2].value.as_deref(), Some("This is text!"));
}

#[tokio::test]
async fn conditional_menus() {
    let api = ApiMock::start().await;
    api.answer(
        "/cgi-bin/menu/addconditional",
        json!({"menuid": "208379533"}),
    );
    let menu = vec![
        Button::click("今日歌曲", "V1001_TODAY_MUSIC"),
        Button::parent("菜单", vec![Button::view("搜索", "http://www.soso.com/")]),
    ];
    let menuid = api
        .client
        .menu()
        .add_conditional(&menu, &MatchRule::tag("2").client_platform_type("2"))
        .await
        .unwrap();
    assert_eq!(menuid, "208379533");
    api.expect(
        "POST",
        "/cgi-bin/menu/addconditional",
        &[("access_token", ACCESS_TOKEN)],
        Some(json!({
            "button": [
                {"type": "click", "name": "今日歌曲", "key": "V1001_TODAY_MUSIC"},
                {"name": "菜单", "sub_button": [{"type": "view", "name": "搜索", "url": "http://www.soso.com/"}]}
            ],
            "matchrule": {"tag_id": "2", "client_platform_type": "2"}
        })),
    );

    api.answer(
        "/cgi-bin/menu/delconditional",
        json!({"errcode": 0, "errmsg": "ok"}),
    );
    api.client
        .menu()
        .delete_conditional("208379533")
        .await
        .unwrap();
    api.expect(
        "POST",
        "/cgi-bin/menu/delconditional",
        &[("access_token", ACCESS_TOKEN)],
        Some(json!({"menuid": "208379533"})),
    );

    api.answer(
        "/cgi-bin/menu/trymatch",
        json!({"button": [
            {"type": "view", "name": "tx", "url": "http://www.qq.com/", "sub_button": []},
            {"name": "more", "sub_button": [{"type": "click", "name": "k", "key": "KEY", "sub_button": []}]}
        ]}),
    );
    let buttons = api.client.menu().try_match("weixin").await.unwrap();
    api.expect(
        "POST",
        "/cgi-bin/menu/trymatch",
        &[("access_token", ACCESS_TOKEN)],
        Some(json!({"user_id": "weixin"})),
    );
    assert_eq!(buttons.len(), 2);
    assert_eq!(buttons[0].url.as_deref(), Some("http://www.qq.com/"));
    assert_eq!(buttons[1].sub_button[0].key.as_deref(), Some("KEY"));
}

#[tokio::test]
async fn component_clients_call_for_their_authorizer() {
    let api = ApiMock::start().await;
    api.answer(
        "/cgi-bin/menu/delete",
        json!({"errcode": 0, "errmsg": "ok"}),
    );
    api.component.menu().delete().await.unwrap();
    api.expect(
        "GET",
        "/cgi-bin/menu/delete",
        &[("access_token", ACCESS_TOKEN)],
        None,
    );
}

#[tokio::test]
async fn an_errcode_is_an_api_error() {
    let api = ApiMock::start().await;
    api.answer(
        "/cgi-bin/menu/create",
        errcode(40018, "invalid button name size"),
    );
    let err = api
        .client
        .menu()
        .create(&[Button::click("a", "KEY")])
        .await
        .unwrap_err();
    assert_eq!(err.errcode(), Some(40018));
}

async fn rejected(api: &ApiMock, menu: &[Button]) -> Error {
    let err = api.client.menu().create(menu).await.unwrap_err();
    assert!(matches!(err, Error::InvalidInput(_)), "{err:?}");
    err
}

#[tokio::test]
async fn bad_menus_are_rejected_before_sending() {
    let api = ApiMock::start().await;
    // No button; four top-level buttons.
    rejected(&api, &[]).await;
    let click = || Button::click("a", "KEY");
    rejected(&api, &[click(), click(), click(), click()]).await;
    // A parent without sub-buttons, with six.
    rejected(&api, &[Button::parent("p", vec![])]).await;
    rejected(&api, &[Button::parent("p", vec![click(); 6])]).await;
    // Three levels.
    rejected(
        &api,
        &[Button::parent(
            "p",
            vec![Button::parent("q", vec![click()])],
        )],
    )
    .await;
    // Missing fields: an empty name, a click without key, a view without url, a miniprogram
    // without appid, a media_id without media_id.
    rejected(&api, &[Button::click(" ", "KEY")]).await;
    rejected(&api, &[Button::click("a", "")]).await;
    rejected(&api, &[Button::view("a", "")]).await;
    rejected(&api, &[Button::miniprogram("a", "http://x", "", "pages/i")]).await;
    rejected(&api, &[Button::media_id("a", "")]).await;
    // A top-level name over 16 bytes (six CJK characters are 18).
    rejected(&api, &[Button::click("六个汉字名称", "KEY")]).await;

    // Conditional menus also need a rule with a condition.
    let err = api
        .client
        .menu()
        .add_conditional(&[click()], &MatchRule::default())
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidInput(_)), "{err:?}");
    let err = api.client.menu().delete_conditional("").await.unwrap_err();
    assert!(matches!(err, Error::InvalidInput(_)), "{err:?}");
    let err = api.client.menu().try_match("").await.unwrap_err();
    assert!(matches!(err, Error::InvalidInput(_)), "{err:?}");
    assert_eq!(api.sent(), 0);
}
