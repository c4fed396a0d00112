//! Messages: customer service, templates, subscribe messages, mass messages.

use super::area;

area! {
    /// Customer service messages; from [`Client::message`](crate::Client::message).
    MessageApi
}

area! {
    /// Template messages; from [`Client::template`](crate::Client::template).
    TemplateApi
}

area! {
    /// Subscribe messages; from [`Client::subscribe`](crate::Client::subscribe).
    SubscribeApi
}

area! {
    /// Mass messages; from [`Client::mass`](crate::Client::mass).
    MassApi
}
