//! QR codes and short links.

use super::area;

area! {
    /// QR codes and short links; from [`Client::qrcode`](crate::Client::qrcode).
    QrcodeApi
}
