//! Mini Program extras against a recording mock: data analysis, links and schemes, OCR and
//! image processing, plugins, search. Each endpoint's exact request, a realistic answer, an
//! errcode, and the input rejected before anything is sent.

mod analysis;
mod links;
mod ocr;
mod plugins;

use crate::common::api::ACCESS_TOKEN;

/// The query of a call that sends only the token.
fn token() -> [(&'static str, &'static str); 1] {
    [("access_token", ACCESS_TOKEN)]
}
