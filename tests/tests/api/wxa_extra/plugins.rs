//! Mini Program plugins and WeChat Search.

use serde_json::json;
use wechat_runtime::api::wxa_plugin::PluginStatus;
use wechat_runtime::api::wxa_search::SearchPage;

use super::token;
use crate::common::api::*;

#[tokio::test]
async fn plugins() {
    let api = ApiMock::start().await;
    let plugins = api.client.wxa_plugin();
    let ok = json!({"errcode": 0, "errmsg": "ok"});

    api.answer("/wxa/plugin", ok.clone());
    plugins.apply("wx5514af450eaceec2", "hello").await.unwrap();
    api.expect(
        "POST",
        "/wxa/plugin",
        &token(),
        Some(json!({"action": "apply", "plugin_appid": "wx5514af450eaceec2", "reason": "hello"})),
    );
    plugins.unbind("wx5514af450eaceec2").await.unwrap();
    api.expect(
        "POST",
        "/wxa/plugin",
        &token(),
        Some(json!({"action": "unbind", "plugin_appid": "wx5514af450eaceec2"})),
    );
    plugins
        .update("wx5514af450eaceec2", "2.2.46")
        .await
        .unwrap();
    api.expect(
        "POST",
        "/wxa/plugin",
        &token(),
        Some(json!({"action": "update", "plugin_appid": "wx5514af450eaceec2", "user_version": "2.2.46"})),
    );

    api.answer(
        "/wxa/plugin",
        json!({"errcode": 0, "errmsg": "ok", "plugin_list": [
            {"appid": "aaaa", "status": 1, "nickname": "插件昵称", "headimgurl": "http://plugin.qq.com"},
            {"appid": "bbbb", "status": 9, "nickname": "", "headimgurl": ""}
        ]}),
    );
    let list = plugins.list().await.unwrap();
    assert_eq!(list[0].status, PluginStatus::Applying);
    assert_eq!(list[0].nickname, "插件昵称");
    assert_eq!(list[1].status, PluginStatus::Unknown(9));
    api.expect(
        "POST",
        "/wxa/plugin",
        &token(),
        Some(json!({"action": "list"})),
    );

    api.answer("/wxa/plugin", errcode(89237, "plugin already added"));
    let err = plugins
        .apply("wx5514af450eaceec2", "again")
        .await
        .unwrap_err();
    assert_eq!(err.errcode(), Some(89237));

    api.answer(
        "/wxa/devplugin",
        json!({"errcode": 0, "errmsg": "ok", "apply_list": [{
            "appid": "wx1111111111111111", "status": 1, "nickname": "名称",
            "headimgurl": "**********", "reason": "polo", "apply_url": "*******",
            "create_time": "1536305096", "categories": [{"first": "IT科技", "second": "硬件与设备"}]
        }]}),
    );
    let applications = plugins.dev_apply_list(1, 10).await.unwrap();
    assert_eq!(applications[0].create_time, "1536305096");
    assert_eq!(applications[0].categories[0].second, "硬件与设备");
    api.expect(
        "POST",
        "/wxa/devplugin",
        &token(),
        Some(json!({"action": "dev_apply_list", "page": 1, "num": 10})),
    );

    api.answer("/wxa/devplugin", ok.clone());
    plugins.dev_agree("wx1111111111111111").await.unwrap();
    api.expect(
        "POST",
        "/wxa/devplugin",
        &token(),
        Some(json!({"action": "dev_agree", "appid": "wx1111111111111111"})),
    );
    plugins.dev_refuse("not a fit").await.unwrap();
    api.expect(
        "POST",
        "/wxa/devplugin",
        &token(),
        Some(json!({"action": "dev_refuse", "reason": "not a fit"})),
    );
    plugins.dev_delete().await.unwrap();
    api.expect(
        "POST",
        "/wxa/devplugin",
        &token(),
        Some(json!({"action": "dev_delete"})),
    );

    api.answer(
        "/wxa/getpluginopenpid",
        json!({"errcode": 0, "errmsg": "ok", "openpid": "GACo74wkDIkDzEhkwRwgjGt1pqlk"}),
    );
    let openpid = plugins
        .openpid("0c2b206443ce0c23338f6cb4d1ec15a1af0b8bcddbff26510dda4b23a433c391")
        .await
        .unwrap();
    assert_eq!(openpid, "GACo74wkDIkDzEhkwRwgjGt1pqlk");
    api.expect(
        "POST",
        "/wxa/getpluginopenpid",
        &token(),
        Some(json!({"code": "0c2b206443ce0c23338f6cb4d1ec15a1af0b8bcddbff26510dda4b23a433c391"})),
    );

    let sent = api.sent();
    assert_invalid(plugins.apply("", "why").await.unwrap_err());
    assert_invalid(plugins.apply("wx5514af450eaceec2", "").await.unwrap_err());
    assert_invalid(plugins.unbind(" ").await.unwrap_err());
    assert_invalid(plugins.update("wx5514af450eaceec2", "").await.unwrap_err());
    assert_invalid(plugins.dev_apply_list(0, 10).await.unwrap_err());
    assert_invalid(plugins.dev_apply_list(1, 0).await.unwrap_err());
    assert_invalid(plugins.dev_agree("").await.unwrap_err());
    assert_invalid(plugins.dev_refuse("").await.unwrap_err());
    assert_invalid(plugins.openpid("").await.unwrap_err());
    assert_eq!(api.sent(), sent, "nothing was sent");
}

#[tokio::test]
async fn search_submit_pages() {
    let api = ApiMock::start().await;
    api.answer(
        "/wxa/search/wxaapi_submitpages",
        json!({"errcode": 0, "errmsg": "ok"}),
    );
    let pages = [
        SearchPage::new("pages/index/index", "userName=wechat_user"),
        SearchPage::new("pages/video/index", "vid=123").data(json!({
            "@type": "wxsearch_cpdata", "update": 1, "content_id": "123",
            "page_type": 2, "title": "A video"
        })),
    ];
    api.client.wxa_search().submit_pages(&pages).await.unwrap();
    api.expect(
        "POST",
        "/wxa/search/wxaapi_submitpages",
        &token(),
        Some(json!({"pages": [
            {"path": "pages/index/index", "query": "userName=wechat_user"},
            {"path": "pages/video/index", "query": "vid=123", "data_list": [{
                "@type": "wxsearch_cpdata", "update": 1, "content_id": "123",
                "page_type": 2, "title": "A video"
            }]}
        ]})),
    );

    api.answer(
        "/wxa/search/wxaapi_submitpages",
        errcode(85091, "search switch closed"),
    );
    let err = api
        .client
        .wxa_search()
        .submit_pages(&pages[..1])
        .await
        .unwrap_err();
    assert_eq!(err.errcode(), Some(85091));

    let sent = api.sent();
    let search = api.client.wxa_search();
    assert_invalid(search.submit_pages(&[]).await.unwrap_err());
    let many: Vec<SearchPage> = (0..1001)
        .map(|i| SearchPage::new("pages/item/item", format!("id={i}")))
        .collect();
    assert_invalid(search.submit_pages(&many).await.unwrap_err());
    assert_invalid(
        search
            .submit_pages(&[SearchPage::new("", "a=1")])
            .await
            .unwrap_err(),
    );
    assert_eq!(api.sent(), sent, "nothing was sent");
}
