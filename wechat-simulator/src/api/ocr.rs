//! OCR and image processing (`/cv/ocr/*`, `/cv/img/qrcode`, `/cv/img/aicrop`): plausible fixed
//! results per kind of image.
//!
//! An image is an `img_url` (http or https) or a multipart file `img` under 2 MB; neither, or a
//! bad one, answers 101000 as WeChat does. An image whose URL, file name or content holds
//! [`NOT_FOUND_MARKER`] shows no card or text: 101001. An ID card image whose URL or file name
//! holds `back` is the back side.

use axum::{
    extract::{multipart::MultipartRejection, Multipart},
    routing::MethodRouter,
    Router,
};
use serde_json::{json, Value};

use super::{credentials::AccessToken, ok, post, ApiResult, Params};
use crate::{errcode, state::AppState, wx_error::WxError};

/// An image holding this (in its URL, file name or bytes) shows nothing to recognize.
pub(crate) const NOT_FOUND_MARKER: &str = "simulated-not-found";

/// The largest image WeChat takes, in bytes (under 2 MB).
const MAX_IMAGE_BYTES: usize = 2 * 1024 * 1024;

/// The size every simulated image has.
const IMAGE_SIZE: (u32, u32) = (966, 728);

/// What an endpoint recognizes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    IdCard,
    BankCard,
    Vehicle,
    Driver,
    Business,
    Text,
    Codes,
    Crop,
}

const ENDPOINTS: [(&str, Kind); 8] = [
    ("/cv/ocr/idcard", Kind::IdCard),
    ("/cv/ocr/bankcard", Kind::BankCard),
    ("/cv/ocr/driving", Kind::Vehicle),
    ("/cv/ocr/drivinglicense", Kind::Driver),
    ("/cv/ocr/bizlicense", Kind::Business),
    ("/cv/ocr/comm", Kind::Text),
    ("/cv/img/qrcode", Kind::Codes),
    ("/cv/img/aicrop", Kind::Crop),
];

pub(super) fn routes() -> Router<AppState> {
    ENDPOINTS
        .iter()
        .fold(Router::new(), |router, &(path, kind)| {
            router.route(path, endpoint(kind))
        })
}

fn endpoint(kind: Kind) -> MethodRouter<AppState> {
    post(
        move |_auth: AccessToken,
              params: Params,
              multipart: Result<Multipart, MultipartRejection>| async move {
            let image = read_image(&params, multipart).await?;
            recognize(kind, &image)
        },
    )
}

/// The image of a request, and the text fields sent with it.
#[derive(Debug, Default)]
struct Image {
    /// The URL or the file name.
    name: String,
    /// Whether it holds [`NOT_FOUND_MARKER`].
    blank: bool,
    /// The `ratios` field of `aicrop`.
    ratios: Option<String>,
}

fn invalid_image() -> WxError {
    WxError::new(errcode::OCR_INVALID_IMAGE)
}

/// The `img_url` of the query, else the multipart file `img`: 101000 if neither, a URL that is
/// not http(s), or an empty or oversized file.
async fn read_image(
    params: &Params,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Image, WxError> {
    let mut image = Image::default();
    let mut file = None;
    if let Ok(mut multipart) = multipart {
        while let Some(field) = multipart.next_field().await.map_err(|_| invalid_image())? {
            match field.name() {
                Some("img") if file.is_none() => {
                    let name = field.file_name().unwrap_or_default().to_owned();
                    let bytes = field.bytes().await.map_err(|_| invalid_image())?;
                    file = Some((name, bytes));
                }
                Some("ratios") if image.ratios.is_none() => {
                    image.ratios = Some(field.text().await.map_err(|_| invalid_image())?);
                }
                _ => {}
            }
        }
    }
    if let Some(url) = params.get("img_url") {
        if !(url.starts_with("http://") || url.starts_with("https://")) {
            return Err(invalid_image());
        }
        image.name = url.to_owned();
        image.blank = url.contains(NOT_FOUND_MARKER);
        return Ok(image);
    }
    let (name, bytes) = file.ok_or_else(invalid_image)?;
    if bytes.is_empty() || bytes.len() >= MAX_IMAGE_BYTES {
        return Err(invalid_image());
    }
    let marker = NOT_FOUND_MARKER.as_bytes();
    image.blank = name.contains(NOT_FOUND_MARKER)
        || bytes.windows(marker.len()).any(|window| window == marker);
    image.name = name;
    Ok(image)
}

/// The four corners of the box `left, top` to `right, bottom`.
fn corners(left: u32, top: u32, right: u32, bottom: u32) -> Value {
    json!({
        "left_top": { "x": left, "y": top },
        "right_top": { "x": right, "y": top },
        "right_bottom": { "x": right, "y": bottom },
        "left_bottom": { "x": left, "y": bottom },
    })
}

fn img_size() -> Value {
    json!({ "w": IMAGE_SIZE.0, "h": IMAGE_SIZE.1 })
}

/// The answer: `errcode` 0 and the fields.
fn answer(mut fields: Value) -> ApiResult {
    fields["errcode"] = json!(errcode::OK);
    fields["errmsg"] = json!("ok");
    ok(fields)
}

fn recognize(kind: Kind, image: &Image) -> ApiResult {
    // Codes and crops find nothing in a blank image; cards and text are not found.
    if image.blank {
        return match kind {
            Kind::Codes => answer(json!({ "code_results": [], "img_size": img_size() })),
            Kind::Crop => crop(image),
            _ => Err(WxError::new(errcode::OCR_NOT_FOUND)),
        };
    }
    match kind {
        Kind::IdCard if image.name.to_ascii_lowercase().contains("back") => answer(json!({
            "type": "Back",
            "valid_date": "20171025-20371025",
        })),
        Kind::IdCard => answer(json!({
            "type": "Front",
            "name": "张三",
            "id": "440105199001011234",
            "addr": "广东省广州市海珠区新港中路397号",
            "gender": "男",
            "nationality": "汉",
        })),
        Kind::BankCard => answer(json!({ "number": "6222021234567890123" })),
        Kind::Vehicle => answer(json!({
            "plate_num": "粤A12345",
            "vehicle_type": "小型普通客车",
            "owner": "张三",
            "addr": "广东省广州市海珠区新港中路397号",
            "use_character": "非营运",
            "model": "大众汽车牌SVW71617MM",
            "vin": "LSVWY4180KN246094",
            "engine_num": "8B213508",
            "register_date": "20190704",
            "issue_date": "20190704",
            "plate_num_b": "粤A12345",
            "record": "440100012345",
            "passengers_num": "5人",
            "total_quality": "1780kg",
            "prepare_quality": "1330kg",
            "overall_size": "4669×1780×1466mm",
            "card_position_front": { "pos": corners(22, 18, 470, 330) },
            "card_position_back": { "pos": corners(496, 18, 944, 330) },
            "img_size": img_size(),
        })),
        Kind::Driver => answer(json!({
            "id_num": "440105199001011234",
            "name": "张三",
            "sex": "男",
            "nationality": "中国",
            "address": "广东省广州市海珠区新港中路397号",
            "birth_date": "1990-01-01",
            "issue_date": "2012-03-05",
            "car_class": "C1",
            "valid_from": "2018-03-05",
            "valid_to": "2028-03-05",
            "official_seal": "广东省广州市公安局交通警察支队",
        })),
        Kind::Business => answer(json!({
            "reg_num": "91440101MA5ABCDE1X",
            "serial": "S2612019000123",
            "legal_representative": "张三",
            "enterprise_name": "广州模拟科技有限公司",
            "type_of_organization": "有限责任公司",
            "address": "广州市海珠区新港中路397号",
            "type_of_enterprise": "有限责任公司(自然人投资或控股)",
            "business_scope": "软件开发;信息技术咨询服务",
            "registered_capital": "壹佰万元整",
            "paid_in_capital": "壹佰万元整",
            "valid_period": "2019年07月04日至长期",
            "registered_date": "2019年07月04日",
            "cert_position": { "pos": corners(40, 30, 926, 698) },
            "img_size": img_size(),
        })),
        Kind::Text => answer(json!({
            "items": [
                { "text": "腾讯", "pos": corners(575, 519, 744, 554) },
                { "text": "Simulated printed text", "pos": corners(120, 580, 860, 620) },
            ],
            "img_size": img_size(),
        })),
        Kind::Codes => answer(json!({
            "code_results": [{
                "type_name": "QR_CODE",
                "data": "https://mp.weixin.qq.com/a/simulated",
                "pos": corners(60, 60, 300, 300),
            }],
            "img_size": img_size(),
        })),
        Kind::Crop => crop(image),
    }
}

/// `aicrop`: the largest centred crop of each ratio (at most 5 positive numbers, 40097
/// otherwise); the whole image's best crop when none is given.
fn crop(image: &Image) -> ApiResult {
    let ratios: Vec<f64> = match image.ratios.as_deref().map(str::trim) {
        None | Some("") => vec![1.0],
        Some(text) => text
            .split(',')
            .map(|r| {
                r.trim()
                    .parse::<f64>()
                    .ok()
                    .filter(|r| r.is_finite() && *r > 0.0)
            })
            .collect::<Option<Vec<f64>>>()
            .filter(|ratios| ratios.len() <= 5)
            .ok_or_else(|| WxError::new(errcode::INVALID_ARGS))?,
    };
    let (w, h) = (f64::from(IMAGE_SIZE.0), f64::from(IMAGE_SIZE.1));
    let results: Vec<Value> = ratios
        .iter()
        .map(|ratio| {
            let (cw, ch) = if w / h > *ratio {
                (h * ratio, h)
            } else {
                (w, w / ratio)
            };
            let (left, top) = (((w - cw) / 2.0) as u32, ((h - ch) / 2.0) as u32);
            json!({
                "crop_left": left,
                "crop_top": top,
                "crop_right": left + cw as u32 - 1,
                "crop_bottom": top + ch as u32 - 1,
            })
        })
        .collect();
    answer(json!({ "results": results, "img_size": img_size() }))
}
