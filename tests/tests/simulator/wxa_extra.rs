//! Mini Program extras through the SDK's typed calls against the simulator: links made and
//! queried back, plugin applications reviewed by the plugin's developer, plugin openpids,
//! analysis figures and ranges, OCR by URL and upload, WeChat Search pages.

use serde_json::json;
use wechat_runtime::api::mini_program::{CloudBase, EnvVersion, Expiry, UrlLink, UrlScheme};
use wechat_runtime::api::ocr::{IdCardSide, OcrImage};
use wechat_runtime::api::wxa_analysis::{PerformanceModule, PerformanceQuery};
use wechat_runtime::api::wxa_link::{NfcScheme, ShortLink};
use wechat_runtime::api::wxa_plugin::PluginStatus;
use wechat_runtime::api::wxa_search::SearchPage;
use wechat_runtime::{Client, Hub, MemoryStore};
use wechat_simulator::{errcode, Simulator};

use crate::common::{errcode as errcode_of, post_json, sdk_client, sim, token, APPID};

/// A plugin's own account: its developer calls `/wxa/devplugin` with its token.
const PLUGIN: &str = "wx5514af450eaceec2";
const PLUGIN_SECRET: &str = "plugin-secret-5514";

/// An SDK client of the plugin's account.
fn plugin_client(sim: &Simulator) -> Client<Hub<MemoryStore>> {
    sim.add_app(PLUGIN, PLUGIN_SECRET);
    let hub = Hub::builder(MemoryStore::new().with_app(PLUGIN, PLUGIN_SECRET))
        .base_url(sim.base_url())
        .build()
        .expect("the hub builds");
    Client::builder(hub)
        .appid(PLUGIN)
        .base_url(sim.base_url())
        .build()
        .expect("the client builds")
}

fn code<T: std::fmt::Debug>(result: wechat_runtime::Result<T>) -> Option<i64> {
    result.expect_err("an API error").errcode()
}

/// The date of a day since 1970-01-01 (Howard Hinnant's algorithm).
fn civil(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(month <= 2), month, day)
}

fn yyyymmdd(days: i64) -> String {
    let (y, m, d) = civil(days);
    format!("{y:04}{m:02}{d:02}")
}

/// Today in Beijing, as days since 1970-01-01.
fn today() -> i64 {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    ((now + 8 * 3600) / 86_400) as i64
}

#[tokio::test]
async fn links_are_queried_back() {
    let sim = sim().await;
    let client = sdk_client(&sim);
    let links = client.wxa_link();

    let scheme = client
        .mini_program()
        .url_scheme(
            &UrlScheme::new(Expiry::AfterDays(7))
                .path("pages/index/index")
                .query("a=hello")
                .env_version(EnvVersion::Trial),
        )
        .await
        .unwrap();
    // A developer may append its own `cq` parameter.
    let found = links
        .query_scheme(&format!("{scheme}&cq=a%3Dhello"))
        .await
        .unwrap();
    assert_eq!(found.info.appid, APPID);
    assert_eq!(found.info.path, "pages/index/index");
    assert_eq!(found.info.query, "a=hello");
    assert_eq!(found.info.env_version, Some(EnvVersion::Trial));
    let lifetime = found.info.expire_time - found.info.create_time;
    assert!(
        (7 * 86_400 - 5..=7 * 86_400 + 5).contains(&lifetime),
        "{lifetime}"
    );
    assert_eq!(found.info.cloud_base, None);

    let mut cloud = CloudBase::new("prod-1");
    cloud.path = Some("/jump".to_owned());
    let link = client
        .mini_program()
        .url_link(
            &UrlLink::new(Expiry::AfterDays(1))
                .path("pages/item/item")
                .cloud_base(cloud),
        )
        .await
        .unwrap();
    let found = links.query_url_link(&link).await.unwrap();
    assert_eq!(found.info.path, "pages/item/item");
    assert_eq!(found.info.env_version, Some(EnvVersion::Release));
    let cloud = found.info.cloud_base.unwrap();
    assert_eq!(
        (cloud.env.as_str(), cloud.path.as_str()),
        ("prod-1", "/jump")
    );

    // A scheme is not a link, and unknown ones are not found.
    assert_eq!(
        code(links.query_url_link(&scheme).await),
        Some(errcode::INVALID_ARGS)
    );
    assert_eq!(
        code(links.query_scheme("weixin://dl/business/?t=unknown").await),
        Some(errcode::INVALID_ARGS)
    );
    assert_eq!(links.visit_quota().await.unwrap(), 6_000_000);

    let nfc = links
        .nfc_scheme(
            &NfcScheme::new("model-7")
                .path("pages/device/device")
                .sn("SN1"),
        )
        .await
        .unwrap();
    let found = links.query_scheme(&nfc).await.unwrap();
    assert_eq!(found.info.path, "pages/device/device");
    assert_eq!(found.info.expire_time, 0);
    assert_eq!(
        code(
            links
                .nfc_scheme(&NfcScheme::new("m").path("/pages/a"))
                .await
        ),
        Some(errcode::INVALID_PAGE_PATH)
    );

    let short = links
        .short_link(&ShortLink::new("pages/item/item?id=42").title("Today's pick"))
        .await
        .unwrap();
    assert!(short.starts_with("#小程序://Today's pick/"), "{short}");
    assert_eq!(
        code(links.short_link(&ShortLink::new("/pages/item/item")).await),
        Some(errcode::INVALID_PAGE_PATH)
    );
}

#[tokio::test]
async fn a_plugin_is_applied_for_reviewed_and_removed() {
    let sim = sim().await;
    let client = sdk_client(&sim);
    let developer = plugin_client(&sim);
    let plugins = client.wxa_plugin();

    plugins.apply(PLUGIN, "to show maps").await.unwrap();
    assert_eq!(
        code(plugins.apply(PLUGIN, "again").await),
        Some(errcode::PLUGIN_ALREADY_ADDED)
    );
    assert_eq!(
        code(plugins.apply("not-an-appid", "why").await),
        Some(errcode::PLUGIN_NOT_EXIST)
    );
    let list = plugins.list().await.unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(
        (list[0].appid.as_str(), list[0].status),
        (PLUGIN, PluginStatus::Applying)
    );
    assert!(!list[0].nickname.is_empty());
    // Pending: neither removed nor updated.
    assert_eq!(
        code(plugins.unbind(PLUGIN).await),
        Some(errcode::PLUGIN_PENDING)
    );
    assert_eq!(
        code(plugins.update(PLUGIN, "1.0.1").await),
        Some(errcode::PLUGIN_NOT_ADDED)
    );

    // The plugin's developer sees the application and agrees.
    let applications = developer.wxa_plugin().dev_apply_list(1, 10).await.unwrap();
    assert_eq!(applications.len(), 1);
    assert_eq!(applications[0].appid, APPID);
    assert_eq!(applications[0].reason, "to show maps");
    assert_eq!(applications[0].status, PluginStatus::Applying);
    assert!(developer
        .wxa_plugin()
        .dev_apply_list(2, 10)
        .await
        .unwrap()
        .is_empty());
    developer.wxa_plugin().dev_agree(APPID).await.unwrap();
    assert_eq!(
        code(developer.wxa_plugin().dev_agree(APPID).await),
        Some(errcode::PLUGIN_NOT_PENDING)
    );
    assert_eq!(
        code(developer.wxa_plugin().dev_agree("wx9999999999999999").await),
        Some(errcode::PLUGIN_NOT_APPLIED)
    );

    let list = plugins.list().await.unwrap();
    assert_eq!(list[0].status, PluginStatus::Approved);
    plugins.update(PLUGIN, "2.2.46").await.unwrap();
    plugins.unbind(PLUGIN).await.unwrap();
    assert!(plugins.list().await.unwrap().is_empty());
    assert_eq!(
        code(plugins.unbind(PLUGIN).await),
        Some(errcode::PLUGIN_NOT_ADDED)
    );

    // Applied again, refused, then deleted by the developer.
    plugins.apply(PLUGIN, "second try").await.unwrap();
    developer
        .wxa_plugin()
        .dev_refuse("not a fit")
        .await
        .unwrap();
    assert_eq!(
        plugins.list().await.unwrap()[0].status,
        PluginStatus::Refused
    );
    assert_eq!(
        code(developer.wxa_plugin().dev_refuse("again").await),
        Some(errcode::PLUGIN_NOT_PENDING)
    );
    developer.wxa_plugin().dev_delete().await.unwrap();
    assert!(plugins.list().await.unwrap().is_empty());
    assert_eq!(
        code(developer.wxa_plugin().dev_delete().await),
        Some(errcode::PLUGIN_NOT_REFUSED)
    );
    // An account cannot apply for its own plugin.
    assert_eq!(
        code(developer.wxa_plugin().apply(PLUGIN, "mine").await),
        Some(errcode::PLUGIN_CANNOT_APPLY)
    );
}

#[tokio::test]
async fn plugin_login_codes_give_stable_openpids() {
    let sim = sim().await;
    let developer = plugin_client(&sim);
    let user = "o6_bmjrPTlm6_2sgVt7hMZOPfL2M";

    let code1 = sim.plugin_login_code(PLUGIN, APPID, user);
    let openpid = developer.wxa_plugin().openpid(&code1).await.unwrap();
    assert!(openpid.starts_with("GACo"), "{openpid}");
    // Single use.
    assert_eq!(
        code(developer.wxa_plugin().openpid(&code1).await),
        Some(errcode::OPENPID_NOT_FOUND)
    );
    // The same user in the same host and plugin: the same openpid.
    let code2 = sim.plugin_login_code(PLUGIN, APPID, user);
    assert_eq!(
        developer.wxa_plugin().openpid(&code2).await.unwrap(),
        openpid
    );
    // Another host: another openpid.
    let code3 = sim.plugin_login_code(PLUGIN, "wx2222222222222222", user);
    assert_ne!(
        developer.wxa_plugin().openpid(&code3).await.unwrap(),
        openpid
    );
    // Another plugin's token cannot spend the code.
    let code4 = sim.plugin_login_code(PLUGIN, APPID, user);
    assert_eq!(
        code(sdk_client(&sim).wxa_plugin().openpid(&code4).await),
        Some(errcode::OPENPID_NOT_FOUND)
    );
}

#[tokio::test]
async fn analysis_figures_and_ranges() {
    let sim = sim().await;
    let client = sdk_client(&sim);
    let analysis = client.wxa_analysis();
    let yesterday = yyyymmdd(today() - 1);

    let summary = analysis
        .daily_summary(&yesterday, &yesterday)
        .await
        .unwrap();
    assert_eq!(summary[0].ref_date, yesterday);
    assert!(summary[0].visit_total > 0);
    let trend = analysis
        .daily_visit_trend(&yesterday, &yesterday)
        .await
        .unwrap();
    assert!(trend[0].visit_pv >= trend[0].visit_uv);
    // The same figures for the same day.
    assert_eq!(
        analysis
            .daily_visit_trend(&yesterday, &yesterday)
            .await
            .unwrap(),
        trend
    );

    // The last full week: a Monday to the Sunday after it (1970-01-01 was a Thursday).
    let last_monday = today() - 7 - (today() - 4).rem_euclid(7);
    let (monday, sunday) = (yyyymmdd(last_monday), yyyymmdd(last_monday + 6));
    let week = analysis.weekly_visit_trend(&monday, &sunday).await.unwrap();
    assert_eq!(week[0].ref_date, format!("{monday}-{sunday}"));
    let retain = analysis.weekly_retain(&monday, &sunday).await.unwrap();
    assert_eq!(retain.visit_uv.len(), 5);

    // Last month.
    let (y, m, _) = civil(today());
    let (ly, lm) = if m == 1 { (y - 1, 12) } else { (y, m - 1) };
    let first_of_this_month = today() - (civil(today()).2 - 1);
    let (first, last) = (
        format!("{ly:04}{lm:02}01"),
        yyyymmdd(first_of_this_month - 1),
    );
    let month = analysis.monthly_retain(&first, &last).await.unwrap();
    assert_eq!(month.ref_date, format!("{ly:04}{lm:02}"));
    assert_eq!(month.visit_uv_new.len(), 2);

    let distribution = analysis
        .visit_distribution(&yesterday, &yesterday)
        .await
        .unwrap();
    assert!(distribution.get("access_depth_info").is_some());
    let daily = analysis.daily_retain(&yesterday, &yesterday).await.unwrap();
    assert_eq!(daily.visit_uv_new.last().map(|r| r.key), Some(30));
    let pages = analysis.visit_page(&yesterday, &yesterday).await.unwrap();
    assert!(pages.list[0].page_visit_pv >= pages.list[1].page_visit_pv);
    let week_ago = yyyymmdd(today() - 7);
    let portrait = analysis.user_portrait(&week_ago, &yesterday).await.unwrap();
    assert_eq!(portrait.ref_date, format!("{week_ago}-{yesterday}"));
    assert!(!portrait.visit_uv.province.is_empty());

    // Today's figures are not ready.
    let today = yyyymmdd(today());
    assert_eq!(
        code(analysis.daily_summary(&today, &today).await),
        Some(errcode::DATE_RANGE_ERROR)
    );

    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let query = PerformanceQuery::new(PerformanceModule::LaunchStages, now - 3 * 86_400, now)
        .network_type("wifi");
    let data = analysis.performance(&query).await.unwrap();
    assert_eq!(data.count, 1);
    assert!(data.tables[0].lines[0].fields.len() >= 3);
}

#[tokio::test]
async fn analysis_checks_ranges_as_wechat() {
    let sim = sim().await;
    let token = token(&sim).await;
    let path = format!("/datacube/getweanalysisappidweeklyvisittrend?access_token={token}");
    // Not a Monday to Sunday.
    let body = post_json(
        &sim,
        &path,
        json!({"begin_date": "20240305", "end_date": "20240311"}),
    )
    .await;
    assert_eq!(errcode_of(&body), errcode::DATE_RANGE_ERROR);
    let body = post_json(
        &sim,
        &path,
        json!({"begin_date": "2024-03-04", "end_date": "2024-03-10"}),
    )
    .await;
    assert_eq!(errcode_of(&body), errcode::DATE_FORMAT_ERROR);
    let body = post_json(
        &sim,
        &format!("/wxa/business/performance/boot?access_token={token}"),
        json!({"module": 99999, "time": {"begin_timestamp": 1, "end_timestamp": 2}}),
    )
    .await;
    assert_eq!(errcode_of(&body), errcode::INVALID_ARGS);
}

#[tokio::test]
async fn ocr_by_url_and_upload() {
    let sim = sim().await;
    let client = sdk_client(&sim);
    let ocr = client.ocr();

    let front = ocr
        .id_card(OcrImage::url("https://example.com/id-front.jpg"))
        .await
        .unwrap();
    assert_eq!(front.side, IdCardSide::Front);
    assert!(front.id.is_some() && front.valid_date.is_none());
    let back = ocr
        .id_card(OcrImage::bytes(
            "id-back.jpg",
            b"\xff\xd8\xff\xe0 back".to_vec(),
        ))
        .await
        .unwrap();
    assert_eq!(back.side, IdCardSide::Back);
    assert!(back.valid_date.is_some());

    let image = || OcrImage::bytes("card.jpg", b"\xff\xd8\xff\xe0 card".to_vec());
    assert!(!ocr.bank_card(image()).await.unwrap().is_empty());
    assert!(ocr.vehicle_license(image()).await.unwrap().vin.is_some());
    assert!(ocr
        .driver_license(image())
        .await
        .unwrap()
        .car_class
        .is_some());
    let license = ocr.business_license(image()).await.unwrap();
    assert!(license.reg_num.is_some() && license.cert_position.is_some());
    assert!(!ocr.printed_text(image()).await.unwrap().items.is_empty());
    let scan = ocr.scan_qrcode(image()).await.unwrap();
    assert_eq!(scan.code_results[0].type_name, "QR_CODE");

    let crop = ocr.ai_crop(image(), &[1.0, 2.35]).await.unwrap();
    assert_eq!(crop.results.len(), 2);
    let square = crop.results[0];
    assert_eq!(
        square.crop_right - square.crop_left,
        square.crop_bottom - square.crop_top
    );
    assert_eq!(crop.img_size.w, 966);

    // Nothing to find.
    assert_eq!(
        code(
            ocr.id_card(OcrImage::url("https://example.com/simulated-not-found.jpg"))
                .await
        ),
        Some(errcode::OCR_NOT_FOUND)
    );
    let blank = ocr
        .scan_qrcode(OcrImage::bytes(
            "blank.png",
            b"simulated-not-found".to_vec(),
        ))
        .await
        .unwrap();
    assert!(blank.code_results.is_empty());
    assert_eq!(
        code(
            ocr.bank_card(OcrImage::url("ftp://example.com/card.jpg"))
                .await
        ),
        Some(errcode::OCR_INVALID_IMAGE)
    );

    // No image at all.
    let token = token(&sim).await;
    let body: serde_json::Value = crate::common::client()
        .post(format!(
            "{}/cv/ocr/idcard?access_token={token}",
            sim.base_url()
        ))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(errcode_of(&body), errcode::OCR_INVALID_IMAGE);
}

#[tokio::test]
async fn search_pages_are_checked() {
    let sim = sim().await;
    let client = sdk_client(&sim);
    client
        .wxa_search()
        .submit_pages(&[
            SearchPage::new("pages/index/index", "userName=wechat_user"),
            SearchPage::new("pages/video/index", "")
                .data(json!({"@type": "wxsearch_cpdata", "update": 1, "content_id": "1"})),
        ])
        .await
        .unwrap();
    assert_eq!(
        code(
            client
                .wxa_search()
                .submit_pages(&[SearchPage::new("pages/index/index", "not a query")])
                .await
        ),
        Some(errcode::INVALID_QUERY)
    );
    let token = token(&sim).await;
    let body = post_json(
        &sim,
        &format!("/wxa/search/wxaapi_submitpages?access_token={token}"),
        json!({"pages": []}),
    )
    .await;
    assert_eq!(errcode_of(&body), errcode::SEARCH_PAGES_EMPTY);
}
