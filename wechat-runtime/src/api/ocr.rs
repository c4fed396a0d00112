//! OCR and image processing: ID cards, bank cards, vehicle and driver licenses, business
//! licenses, printed text, QR codes and bar codes, smart cropping.
//!
//! Every call takes an [`OcrImage`]: a URL that WeChat downloads (`img_url`), or a file
//! uploaded as the multipart field `img` (bytes in memory or a file streamed from disk), under
//! 2 MB. Each recognition uses the account's daily quota, so a call is never sent twice once
//! it may have reached WeChat.
//!
//! # Example
//!
//! ```no_run
//! # async fn example<S>(client: &wechat_runtime::Client<S>) -> wechat_runtime::Result<()> {
//! use wechat_runtime::api::ocr::OcrImage;
//!
//! // An image WeChat downloads.
//! let card = client
//!     .ocr()
//!     .id_card(OcrImage::url("https://example.com/id-front.jpg"))
//!     .await?;
//! println!("{:?} {:?}", card.name, card.id);
//!
//! // A file uploaded from disk.
//! let image = OcrImage::open("/tmp/receipt.png").await?;
//! for item in client.ocr().printed_text(image).await?.items {
//!     println!("{}", item.text);
//! }
//! # Ok(()) }
//! ```

use bytes::Bytes;
use reqwest::Method;
use serde::de::DeserializeOwned;
use serde::Deserialize;

use super::{check_present, ApiCall, Area};
use crate::call::request::RequestBuilder;
use crate::call::transport::Part;
use crate::error::{Error, Result};

/// OCR and image processing; from [`Client::ocr`](crate::Client::ocr).
pub struct OcrApi<'c, K>(pub(crate) Area<'c, K>);

/// The largest image WeChat takes, in bytes (under 2 MB).
pub const MAX_OCR_IMAGE_BYTES: u64 = 2 * 1024 * 1024;
/// The most aspect ratios [`OcrApi::ai_crop`] takes.
pub const MAX_CROP_RATIOS: usize = 5;

/// The multipart field WeChat reads an image from.
const IMG_FIELD: &str = "img";

/// An image to recognize: a URL WeChat downloads, or a file uploaded.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum OcrImage {
    /// A URL WeChat downloads the image from (`img_url`).
    Url(String),
    /// A file uploaded as the multipart field `img`.
    File(Part),
}

impl OcrImage {
    /// An image WeChat downloads from `url`.
    pub fn url(url: impl Into<String>) -> Self {
        OcrImage::Url(url.into())
    }

    /// An image uploaded from bytes in memory, named `filename`.
    pub fn bytes(filename: impl Into<String>, data: impl Into<Bytes>) -> Self {
        OcrImage::File(Part::bytes(IMG_FIELD, filename, data))
    }

    /// An image uploaded from a file on disk, streamed when the call is sent. Fails with
    /// [`Error::InvalidInput`] if there is no such file.
    pub async fn open(path: impl AsRef<std::path::Path>) -> Result<Self> {
        Ok(OcrImage::File(Part::file(IMG_FIELD, path).await?))
    }

    /// Sets the content type of an uploaded image (no effect on a URL).
    pub fn content_type(self, content_type: impl Into<String>) -> Self {
        match self {
            OcrImage::File(part) => OcrImage::File(part.content_type(content_type)),
            url => url,
        }
    }

    fn check(&self) -> Result<()> {
        match self {
            OcrImage::Url(url) => check_present("img_url", url),
            OcrImage::File(part) if part.is_empty() => {
                Err(Error::invalid_input("the image to upload is empty"))
            }
            OcrImage::File(part) if part.len() >= MAX_OCR_IMAGE_BYTES => {
                Err(Error::invalid_input(format!(
                    "the image has {} bytes; WeChat takes under {MAX_OCR_IMAGE_BYTES}",
                    part.len()
                )))
            }
            OcrImage::File(_) => Ok(()),
        }
    }
}

impl From<Part> for OcrImage {
    /// Any part, sent under the field name WeChat reads (`img`).
    fn from(part: Part) -> Self {
        OcrImage::File(part.name(IMG_FIELD))
    }
}

/// A point of an image, in pixels.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct Point {
    /// From the left.
    #[serde(default)]
    pub x: i64,
    /// From the top.
    #[serde(default)]
    pub y: i64,
}

/// Where something is in an image: its four corners.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct Position {
    /// The top left corner.
    #[serde(default)]
    pub left_top: Point,
    /// The top right corner.
    #[serde(default)]
    pub right_top: Point,
    /// The bottom right corner.
    #[serde(default)]
    pub right_bottom: Point,
    /// The bottom left corner.
    #[serde(default)]
    pub left_bottom: Point,
}

/// Where a card is in an image.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct CardPosition {
    /// Its corners.
    #[serde(default)]
    pub pos: Position,
}

/// The size of an image, in pixels.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct ImageSize {
    /// The width.
    #[serde(default)]
    pub w: u32,
    /// The height.
    #[serde(default)]
    pub h: u32,
}

/// The side of an ID card.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[non_exhaustive]
pub enum IdCardSide {
    /// The side with the photo: name, number, address.
    Front,
    /// The side with the validity.
    Back,
    /// A value this version does not know.
    #[serde(other)]
    Unknown,
}

/// A recognized ID card (`/cv/ocr/idcard`): the front fields or the back's validity.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct IdCard {
    /// Which side the image shows.
    #[serde(rename = "type")]
    pub side: IdCardSide,
    /// The name (front).
    #[serde(default)]
    pub name: Option<String>,
    /// The ID number (front).
    #[serde(default)]
    pub id: Option<String>,
    /// The address (front).
    #[serde(default)]
    pub addr: Option<String>,
    /// The gender (front).
    #[serde(default)]
    pub gender: Option<String>,
    /// The ethnic group (front).
    #[serde(default)]
    pub nationality: Option<String>,
    /// The validity, e.g. `20171025-20271025` (back).
    #[serde(default)]
    pub valid_date: Option<String>,
}

/// A recognized vehicle license (`/cv/ocr/driving`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct VehicleLicense {
    /// The plate number (main page).
    #[serde(default)]
    pub plate_num: Option<String>,
    /// The vehicle type.
    #[serde(default)]
    pub vehicle_type: Option<String>,
    /// The owner.
    #[serde(default)]
    pub owner: Option<String>,
    /// The owner's address.
    #[serde(default)]
    pub addr: Option<String>,
    /// The use (private, commercial, ...).
    #[serde(default)]
    pub use_character: Option<String>,
    /// The make and model.
    #[serde(default)]
    pub model: Option<String>,
    /// The vehicle identification number.
    #[serde(default)]
    pub vin: Option<String>,
    /// The engine number.
    #[serde(default)]
    pub engine_num: Option<String>,
    /// The registration date.
    #[serde(default)]
    pub register_date: Option<String>,
    /// The issue date.
    #[serde(default)]
    pub issue_date: Option<String>,
    /// The plate number (second page).
    #[serde(default)]
    pub plate_num_b: Option<String>,
    /// The record number.
    #[serde(default)]
    pub record: Option<String>,
    /// The seats.
    #[serde(default)]
    pub passengers_num: Option<String>,
    /// The total mass.
    #[serde(default)]
    pub total_quality: Option<String>,
    /// The curb mass (WeChat's documentation once spelled it `totalprepare_quality_quality`).
    #[serde(default, alias = "totalprepare_quality_quality")]
    pub prepare_quality: Option<String>,
    /// The overall dimensions.
    #[serde(default)]
    pub overall_size: Option<String>,
    /// Where the main page is.
    #[serde(default)]
    pub card_position_front: Option<CardPosition>,
    /// Where the second page is.
    #[serde(default)]
    pub card_position_back: Option<CardPosition>,
    /// The image's size.
    #[serde(default)]
    pub img_size: Option<ImageSize>,
}

/// A recognized driver license (`/cv/ocr/drivinglicense`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct DriverLicense {
    /// The license (ID) number.
    #[serde(default)]
    pub id_num: Option<String>,
    /// The name.
    #[serde(default)]
    pub name: Option<String>,
    /// The sex.
    #[serde(default)]
    pub sex: Option<String>,
    /// The nationality.
    #[serde(default)]
    pub nationality: Option<String>,
    /// The address.
    #[serde(default)]
    pub address: Option<String>,
    /// The birth date.
    #[serde(default)]
    pub birth_date: Option<String>,
    /// The date of first issue.
    #[serde(default)]
    pub issue_date: Option<String>,
    /// The vehicle class, e.g. `C1`.
    #[serde(default)]
    pub car_class: Option<String>,
    /// Valid from.
    #[serde(default)]
    pub valid_from: Option<String>,
    /// Valid to (or the validity period).
    #[serde(default)]
    pub valid_to: Option<String>,
    /// The seal of the issuer.
    #[serde(default)]
    pub official_seal: Option<String>,
}

/// A recognized business license (`/cv/ocr/bizlicense`); WeChat sends only the fields the
/// image shows.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct BusinessLicense {
    /// The registration number (unified social credit code).
    #[serde(default)]
    pub reg_num: Option<String>,
    /// The license's serial number.
    #[serde(default)]
    pub serial: Option<String>,
    /// The legal representative.
    #[serde(default)]
    pub legal_representative: Option<String>,
    /// The name of the enterprise.
    #[serde(default)]
    pub enterprise_name: Option<String>,
    /// The form of organization.
    #[serde(default)]
    pub type_of_organization: Option<String>,
    /// The address.
    #[serde(default)]
    pub address: Option<String>,
    /// The type of enterprise.
    #[serde(default)]
    pub type_of_enterprise: Option<String>,
    /// The business scope.
    #[serde(default)]
    pub business_scope: Option<String>,
    /// The registered capital.
    #[serde(default)]
    pub registered_capital: Option<String>,
    /// The paid-in capital.
    #[serde(default)]
    pub paid_in_capital: Option<String>,
    /// The term of business.
    #[serde(default)]
    pub valid_period: Option<String>,
    /// The date of registration (establishment).
    #[serde(default)]
    pub registered_date: Option<String>,
    /// Where the license is.
    #[serde(default)]
    pub cert_position: Option<CardPosition>,
    /// The image's size.
    #[serde(default)]
    pub img_size: Option<ImageSize>,
}

/// A line of printed text.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct TextItem {
    /// The text.
    #[serde(default)]
    pub text: String,
    /// Where it is.
    #[serde(default)]
    pub pos: Position,
}

/// Recognized printed text (`/cv/ocr/comm`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct PrintedText {
    /// The lines.
    #[serde(default)]
    pub items: Vec<TextItem>,
    /// The image's size.
    #[serde(default)]
    pub img_size: ImageSize,
}

/// A code found in an image.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct CodeResult {
    /// The code type: `QR_CODE`, `EAN_13`, `CODE_128`, `DATA_MATRIX`, `PDF_417`, ...
    #[serde(default)]
    pub type_name: String,
    /// What it encodes.
    #[serde(default)]
    pub data: String,
    /// Where it is.
    #[serde(default)]
    pub pos: Option<Position>,
}

/// The QR codes and bar codes of an image (`/cv/img/qrcode`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct CodeScan {
    /// The codes found.
    #[serde(default)]
    pub code_results: Vec<CodeResult>,
    /// The image's size.
    #[serde(default)]
    pub img_size: ImageSize,
}

/// A crop of an image, in pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct Crop {
    /// The left edge.
    #[serde(default)]
    pub crop_left: u32,
    /// The top edge.
    #[serde(default)]
    pub crop_top: u32,
    /// The right edge.
    #[serde(default)]
    pub crop_right: u32,
    /// The bottom edge.
    #[serde(default)]
    pub crop_bottom: u32,
}

/// The crops of an image (`/cv/img/aicrop`), one per aspect ratio asked.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct AiCrop {
    /// The crops.
    #[serde(default)]
    pub results: Vec<Crop>,
    /// The image's size.
    #[serde(default)]
    pub img_size: ImageSize,
}

fn check_ratios(ratios: &[f64]) -> Result<()> {
    if ratios.len() > MAX_CROP_RATIOS {
        return Err(Error::invalid_input(format!(
            "ratios has {} items; WeChat takes at most {MAX_CROP_RATIOS}",
            ratios.len()
        )));
    }
    match ratios.iter().find(|r| !(r.is_finite() && **r > 0.0)) {
        Some(bad) => Err(Error::invalid_input(format!(
            "ratio {bad} is not a positive width/height"
        ))),
        None => Ok(()),
    }
}

/// The request of a recognition of `image` at `path`, with the extra multipart `fields`.
fn recognition<K>(
    area: &Area<'_, K>,
    path: &'static str,
    image: OcrImage,
    fields: Vec<Part>,
) -> RequestBuilder<'static, K> {
    let request = area.request(Method::POST, path).idempotent(false);
    let request = match image {
        OcrImage::Url(url) => request.query("img_url", url),
        OcrImage::File(part) => request.part(part),
    };
    fields
        .into_iter()
        .fold(request, |request, field| request.part(field))
}

impl<'c, K: 'static> OcrApi<'c, K> {
    /// A recognition of `image` at `path` decoded as JSON, once `checked` and the image pass.
    fn recognize<T: DeserializeOwned + Send + 'static>(
        &self,
        checked: Result<()>,
        path: &'static str,
        image: OcrImage,
        fields: Vec<Part>,
    ) -> ApiCall<'static, T, K> {
        let checked = checked.and_then(|()| image.check());
        self.0.checked(checked, |()| {
            self.0.call_json(recognition(&self.0, path, image, fields))
        })
    }

    /// Recognizes an ID card, either side: `POST /cv/ocr/idcard`.
    pub fn id_card(&self, image: impl Into<OcrImage>) -> ApiCall<'static, IdCard, K> {
        self.recognize(Ok(()), "/cv/ocr/idcard", image.into(), Vec::new())
    }

    /// Recognizes a bank card's number: `POST /cv/ocr/bankcard`.
    pub fn bank_card(&self, image: impl Into<OcrImage>) -> ApiCall<'static, String, K> {
        #[derive(Deserialize)]
        struct BankCard {
            number: String,
        }
        let image = image.into();
        self.0.checked(image.check(), |()| {
            let request = recognition(&self.0, "/cv/ocr/bankcard", image, Vec::new());
            self.0
                .call(request, |response| Ok(response.json::<BankCard>()?.number))
        })
    }

    /// Recognizes a vehicle license: `POST /cv/ocr/driving`.
    pub fn vehicle_license(
        &self,
        image: impl Into<OcrImage>,
    ) -> ApiCall<'static, VehicleLicense, K> {
        self.recognize(Ok(()), "/cv/ocr/driving", image.into(), Vec::new())
    }

    /// Recognizes a driver license: `POST /cv/ocr/drivinglicense`.
    pub fn driver_license(&self, image: impl Into<OcrImage>) -> ApiCall<'static, DriverLicense, K> {
        self.recognize(Ok(()), "/cv/ocr/drivinglicense", image.into(), Vec::new())
    }

    /// Recognizes a business license: `POST /cv/ocr/bizlicense`.
    pub fn business_license(
        &self,
        image: impl Into<OcrImage>,
    ) -> ApiCall<'static, BusinessLicense, K> {
        self.recognize(Ok(()), "/cv/ocr/bizlicense", image.into(), Vec::new())
    }

    /// Recognizes printed text, line by line: `POST /cv/ocr/comm`.
    pub fn printed_text(&self, image: impl Into<OcrImage>) -> ApiCall<'static, PrintedText, K> {
        self.recognize(Ok(()), "/cv/ocr/comm", image.into(), Vec::new())
    }

    /// Reads the QR codes, bar codes, Data Matrix and PDF417 codes of an image:
    /// `POST /cv/img/qrcode`.
    pub fn scan_qrcode(&self, image: impl Into<OcrImage>) -> ApiCall<'static, CodeScan, K> {
        self.recognize(Ok(()), "/cv/img/qrcode", image.into(), Vec::new())
    }

    /// Crops an image to its subject, one crop per aspect ratio (width / height, at most 5;
    /// none lets WeChat choose the best): `POST /cv/img/aicrop`, the ratios in the multipart
    /// field `ratios`.
    pub fn ai_crop(
        &self,
        image: impl Into<OcrImage>,
        ratios: &[f64],
    ) -> ApiCall<'static, AiCrop, K> {
        let fields = if ratios.is_empty() {
            Vec::new()
        } else {
            let ratios: Vec<String> = ratios.iter().map(f64::to_string).collect();
            vec![Part::text("ratios", ratios.join(","))]
        };
        self.recognize(check_ratios(ratios), "/cv/img/aicrop", image.into(), fields)
    }
}
