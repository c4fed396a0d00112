//! `GET /v3/certificates`: the sandbox's platform certificate, encrypted with the calling
//! merchant's APIv3 key, as WeChat Pay hands out its platform certificates.

use axum::{extract::State, Extension, Router};
use serde_json::json;

use super::{get, keys, ok, with_merchant, PayCaller, PayResult};
use crate::state::{pay::time, AppState};

pub(super) fn routes() -> Router<AppState> {
    Router::new().route("/v3/certificates", get(certificates))
}

async fn certificates(
    State(state): State<AppState>,
    Extension(caller): Extension<PayCaller>,
) -> PayResult {
    let platform = keys::platform();
    let nonce = crate::tokens::random_string(12);
    let encrypted = with_merchant(&state, &caller.mchid, |merchant, _| {
        merchant.api_v3_key.encrypt_resource(
            "certificate",
            "certificate",
            &nonce,
            platform.certificate_pem().as_bytes(),
        )
    })?
    // The nonce is 12 bytes, as AES-GCM wants: sealing cannot fail.
    .expect("AES-256-GCM sealing");
    ok(json!({
        "data": [{
            "serial_no": platform.certificate.serial(),
            "effective_time": time::rfc3339(platform.certificate.not_before()),
            "expire_time": time::rfc3339(platform.certificate.not_after()),
            "encrypt_certificate": {
                "algorithm": encrypted.algorithm,
                "nonce": encrypted.nonce,
                "associated_data": "certificate",
                "ciphertext": encrypted.ciphertext,
            },
        }],
    }))
}
