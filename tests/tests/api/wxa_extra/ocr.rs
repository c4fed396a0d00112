//! OCR and image processing, by URL and by upload.

use serde_json::json;
use wechat_runtime::api::ocr::{IdCardSide, OcrImage};

use super::token;
use crate::common::api::*;

fn with_url(url: &'static str) -> [(&'static str, &'static str); 2] {
    [("access_token", ACCESS_TOKEN), ("img_url", url)]
}

#[tokio::test]
async fn ocr_cards_by_url() {
    let api = ApiMock::start().await;
    let ocr = api.client.ocr();
    let url = "https://example.com/id card.jpg?v=1";

    api.answer(
        "/cv/ocr/idcard",
        json!({"errcode": "0", "errmsg": "ok", "type": "Front", "name": "张三",
               "id": "123456789012345678", "addr": "广东省广州市", "gender": "男", "nationality": "汉"}),
    );
    let card = ocr.id_card(OcrImage::url(url)).await.unwrap();
    assert_eq!(card.side, IdCardSide::Front);
    assert_eq!(card.id.as_deref(), Some("123456789012345678"));
    assert_eq!(card.valid_date, None);
    let request = api.expect("POST", "/cv/ocr/idcard", &with_url(url), None);
    assert!(request.body.is_empty());

    api.answer(
        "/cv/ocr/idcard",
        json!({"errcode": 0, "errmsg": "ok", "type": "Back", "valid_date": "20171025-20271025"}),
    );
    let card = ocr.id_card(OcrImage::url(url)).await.unwrap();
    assert_eq!(card.side, IdCardSide::Back);
    assert_eq!(card.valid_date.as_deref(), Some("20171025-20271025"));
    assert_eq!(card.name, None);

    api.answer(
        "/cv/ocr/bankcard",
        json!({"errcode": 0, "errmsg": "ok", "number": "24234234345234"}),
    );
    assert_eq!(
        ocr.bank_card(OcrImage::url(url)).await.unwrap(),
        "24234234345234"
    );
    api.expect("POST", "/cv/ocr/bankcard", &with_url(url), None);

    api.answer(
        "/cv/ocr/driving",
        json!({"errcode": 0, "errmsg": "ok", "vehicle_type": "小型普通客车", "owner": "东莞市xxxxx机械厂",
               "addr": "广东省东莞市xxxxx号", "use_character": "非营运", "model": "江淮牌HFCxxxxxxx",
               "vin": "LJ166xxxxxxxx51", "engine_num": "J3xxxxx3", "register_date": "2018-07-06",
               "issue_date": "2018-07-01", "plate_num_b": "粤xxxxx", "record": "441xxxxxx3",
               "passengers_num": "7人", "total_quality": "2700kg", "totalprepare_quality_quality": "1995kg"}),
    );
    let vehicle = ocr.vehicle_license(OcrImage::url(url)).await.unwrap();
    assert_eq!(vehicle.passengers_num.as_deref(), Some("7人"));
    assert_eq!(vehicle.prepare_quality.as_deref(), Some("1995kg"));
    assert_eq!(vehicle.img_size, None);
    api.expect("POST", "/cv/ocr/driving", &with_url(url), None);

    api.answer(
        "/cv/ocr/drivinglicense",
        json!({"errcode": 0, "errmsg": "ok", "id_num": "660601xxxxxxxx1234", "name": "张三",
               "sex": "男", "nationality": "中国", "address": "广东省东莞市xxxxx号",
               "birth_date": "1990-12-21", "issue_date": "2012-12-21", "car_class": "C1",
               "valid_from": "2018-07-06", "valid_to": "2020-07-01", "official_seal": "xx市公安局公安交通管理局"}),
    );
    let driver = ocr.driver_license(OcrImage::url(url)).await.unwrap();
    assert_eq!(driver.car_class.as_deref(), Some("C1"));
    api.expect("POST", "/cv/ocr/drivinglicense", &with_url(url), None);

    api.answer(
        "/cv/ocr/bizlicense",
        json!({"errcode": 0, "errmsg": "ok", "reg_num": "123123", "serial": "123123",
               "legal_representative": "张三", "enterprise_name": "XX饮食店",
               "type_of_organization": "个人经营", "address": "XX市XX区XX路XX号",
               "type_of_enterprise": "xxx", "business_scope": "中型餐馆(不含凉菜、不含裱花蛋糕,不含生食海产品)。",
               "registered_capital": "200万", "paid_in_capital": "200万", "valid_period": "2019年1月1日",
               "registered_date": "2018年1月1日",
               "cert_position": {"pos": {"left_top": {"x": 155, "y": 191}, "right_top": {"x": 725, "y": 157},
                                         "right_bottom": {"x": 743, "y": 512}, "left_bottom": {"x": 164, "y": 525}}},
               "img_size": {"w": 966, "h": 728}}),
    );
    let license = ocr.business_license(OcrImage::url(url)).await.unwrap();
    assert_eq!(license.enterprise_name.as_deref(), Some("XX饮食店"));
    let position = license.cert_position.unwrap().pos;
    assert_eq!(
        (position.right_bottom.x, position.right_bottom.y),
        (743, 512)
    );
    assert_eq!(license.img_size.unwrap().w, 966);
    api.expect("POST", "/cv/ocr/bizlicense", &with_url(url), None);

    api.answer("/cv/ocr/idcard", errcode(101001, "certificate not found"));
    let err = ocr.id_card(OcrImage::url(url)).await.unwrap_err();
    assert_eq!(err.errcode(), Some(101001));
}

#[tokio::test]
async fn ocr_uploads_and_images() {
    let api = ApiMock::start().await;
    let ocr = api.client.ocr();
    let image = b"\xff\xd8\xff\xe0 a receipt".to_vec();

    api.answer(
        "/cv/ocr/comm",
        json!({"errcode": 0, "errmsg": "ok", "items": [{"text": "腾讯", "pos": {
            "left_top": {"x": 575, "y": 519}, "right_top": {"x": 744, "y": 519},
            "right_bottom": {"x": 744, "y": 532}, "left_bottom": {"x": 573, "y": 532}}}],
            "img_size": {"w": 1280, "h": 720}}),
    );
    let text = ocr
        .printed_text(OcrImage::bytes("receipt.jpg", image.clone()).content_type("image/jpeg"))
        .await
        .unwrap();
    assert_eq!(text.items[0].text, "腾讯");
    assert_eq!(text.items[0].pos.left_bottom.x, 573);
    assert_eq!(text.img_size.h, 720);
    let request = api.expect("POST", "/cv/ocr/comm", &token(), None);
    let parts = multipart_parts(&request);
    assert_eq!(parts.len(), 1);
    let (headers, content) = multipart_part(&parts, "img");
    assert!(headers.contains("filename=\"receipt.jpg\""), "{headers}");
    assert!(headers.contains("content-type: image/jpeg"), "{headers}");
    assert_eq!(content, &image);

    api.answer(
        "/cv/img/qrcode",
        json!({"errcode": 0, "errmsg": "ok", "code_results": [
            {"type_name": "QR_CODE", "data": "http://www.qq.com", "pos": {
                "left_top": {"x": 585, "y": 378}, "right_top": {"x": 828, "y": 378},
                "right_bottom": {"x": 828, "y": 618}, "left_bottom": {"x": 585, "y": 618}}},
            {"type_name": "EAN_13", "data": "5906789678957"}
        ], "img_size": {"w": 1000, "h": 900}}),
    );
    let scan = ocr
        .scan_qrcode(OcrImage::bytes("codes.png", image.clone()))
        .await
        .unwrap();
    assert_eq!(scan.code_results[0].data, "http://www.qq.com");
    assert_eq!(scan.code_results[1].type_name, "EAN_13");
    assert_eq!(scan.code_results[1].pos, None);
    let request = api.expect("POST", "/cv/img/qrcode", &token(), None);
    assert_eq!(multipart_part(&multipart_parts(&request), "img").1, image);

    api.answer(
        "/cv/img/aicrop",
        json!({"errcode": 0, "errmsg": "ok", "results": [
            {"crop_left": 112, "crop_top": 0, "crop_right": 839, "crop_bottom": 727},
            {"crop_left": 0, "crop_top": 205, "crop_right": 965, "crop_bottom": 615}
        ], "img_size": {"w": 966, "h": 728}}),
    );
    let crop = ocr
        .ai_crop(OcrImage::bytes("photo.jpg", image.clone()), &[1.0, 2.35])
        .await
        .unwrap();
    assert_eq!(crop.results.len(), 2);
    assert_eq!(crop.results[1].crop_top, 205);
    let request = api.expect("POST", "/cv/img/aicrop", &token(), None);
    let parts = multipart_parts(&request);
    assert_eq!(multipart_part(&parts, "ratios").1, b"1,2.35");
    assert_eq!(multipart_part(&parts, "img").1, image);

    // By URL, the ratios still go in a multipart body.
    ocr.ai_crop(OcrImage::url("https://example.com/a.jpg"), &[1.5])
        .await
        .unwrap();
    let request = api.expect(
        "POST",
        "/cv/img/aicrop",
        &with_url("https://example.com/a.jpg"),
        None,
    );
    let parts = multipart_parts(&request);
    assert_eq!(parts.len(), 1);
    assert_eq!(multipart_part(&parts, "ratios").1, b"1.5");

    let sent = api.sent();
    assert_invalid(ocr.id_card(OcrImage::url("")).await.unwrap_err());
    assert_invalid(
        ocr.bank_card(OcrImage::bytes("empty.jpg", Vec::new()))
            .await
            .unwrap_err(),
    );
    assert_invalid(
        ocr.printed_text(OcrImage::bytes("big.jpg", vec![0u8; 2 * 1024 * 1024]))
            .await
            .unwrap_err(),
    );
    assert_invalid(
        ocr.ai_crop(OcrImage::url("https://example.com/a.jpg"), &[1.0; 6])
            .await
            .unwrap_err(),
    );
    assert_invalid(
        ocr.ai_crop(OcrImage::url("https://example.com/a.jpg"), &[0.0])
            .await
            .unwrap_err(),
    );
    assert_eq!(api.sent(), sent, "nothing was sent");
}
