//! Notifications to a third-party platform (`InfoType`).

use super::fields::CallbackFields;
use super::raw::Raw;
use crate::error::{Error, Result};

/// A notification WeChat sends to a third-party platform's authorization event URL.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ComponentNotification {
    /// `AppId`: the component appid.
    pub app_id: String,
    /// `CreateTime`: unix seconds.
    pub create_time: u64,
    /// Which notification, with its fields.
    pub kind: ComponentKind,
    /// Every top-level field, typed or not, by name. Its `Debug` shows the names only.
    pub fields: CallbackFields,
}

/// The kinds of component notification, by their `InfoType`.
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ComponentKind {
    /// `component_verify_ticket`, pushed every ten minutes: without it no
    /// `component_access_token` can be fetched. Keep it with
    /// [`save_verify_ticket`](super::save_verify_ticket).
    VerifyTicket {
        /// `ComponentVerifyTicket`.
        ticket: String,
    },
    /// `authorized`: an account authorized the platform.
    Authorized(Authorization),
    /// `updateauthorized`: an account changed what it authorized.
    UpdateAuthorized(Authorization),
    /// `unauthorized`: an account withdrew its authorization.
    Unauthorized {
        /// `AuthorizerAppid`.
        authorizer_appid: String,
    },
    /// A notification this crate does not type: its `InfoType` and the whole callback,
    /// decrypted. Its fields are also in [`ComponentNotification::fields`].
    Unknown {
        /// The `InfoType` value.
        info_type: String,
        /// The callback, decrypted.
        raw: String,
    },
}

impl ComponentKind {
    /// The `InfoType` value (`component_verify_ticket`, `authorized`…); for
    /// [`Unknown`](Self::Unknown), the value received.
    pub fn info_type(&self) -> &str {
        match self {
            ComponentKind::VerifyTicket { .. } => "component_verify_ticket",
            ComponentKind::Authorized(_) => "authorized",
            ComponentKind::UpdateAuthorized(_) => "updateauthorized",
            ComponentKind::Unauthorized { .. } => "unauthorized",
            ComponentKind::Unknown { info_type, .. } => info_type,
        }
    }
}

/// The verify ticket is a credential: `Debug` does not show it.
impl std::fmt::Debug for ComponentKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ComponentKind::VerifyTicket { .. } => f
                .debug_struct("VerifyTicket")
                .field("ticket", &"…")
                .finish(),
            ComponentKind::Authorized(a) => f.debug_tuple("Authorized").field(a).finish(),
            ComponentKind::UpdateAuthorized(a) => {
                f.debug_tuple("UpdateAuthorized").field(a).finish()
            }
            ComponentKind::Unauthorized { authorizer_appid } => f
                .debug_struct("Unauthorized")
                .field("authorizer_appid", authorizer_appid)
                .finish(),
            ComponentKind::Unknown { info_type, raw } => f
                .debug_struct("Unknown")
                .field("info_type", info_type)
                .field("raw_len", &raw.len())
                .finish(),
        }
    }
}

/// The fields of `authorized` and `updateauthorized`.
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Authorization {
    /// `AuthorizerAppid`: the account.
    pub authorizer_appid: String,
    /// `AuthorizationCode`: exchange it with `api_query_auth` for the authorizer's tokens.
    pub authorization_code: String,
    /// `AuthorizationCodeExpiredTime`: when the code expires, unix seconds.
    pub authorization_code_expired_time: u64,
    /// `PreAuthCode`: the pre-authorization code the account used.
    pub pre_auth_code: String,
}

/// The codes are credentials: `Debug` does not show them.
impl std::fmt::Debug for Authorization {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Authorization")
            .field("authorizer_appid", &self.authorizer_appid)
            .field("authorization_code", &"…")
            .field(
                "authorization_code_expired_time",
                &self.authorization_code_expired_time,
            )
            .field("pre_auth_code", &"…")
            .finish()
    }
}

impl ComponentNotification {
    /// The ticket, if this is a `component_verify_ticket` notification.
    pub fn verify_ticket(&self) -> Option<&str> {
        match &self.kind {
            ComponentKind::VerifyTicket { ticket } => Some(ticket),
            _ => None,
        }
    }

    pub(crate) fn unknown(
        app_id: String,
        create_time: u64,
        info_type: String,
        original: &str,
        fields: CallbackFields,
    ) -> Self {
        ComponentNotification {
            app_id,
            create_time,
            kind: ComponentKind::Unknown {
                info_type,
                raw: original.to_owned(),
            },
            fields,
        }
    }
}

pub(crate) const KNOWN_INFO_TYPES: [&str; 4] = [
    "component_verify_ticket",
    "authorized",
    "updateauthorized",
    "unauthorized",
];

pub(crate) fn component_kind(
    info_type: &str,
    raw: &mut Raw,
    original: &str,
    fields: CallbackFields,
) -> Result<ComponentNotification> {
    let app_id = raw
        .app_id
        .take()
        .filter(|a| !a.is_empty())
        .ok_or_else(|| Error::MalformedMessage("no AppId".to_owned()))?;
    let create_time = raw
        .create_time
        .ok_or_else(|| Error::MalformedMessage("no CreateTime".to_owned()))?;
    let take = std::mem::take::<String>;
    let authorization = |raw: &mut Raw| Authorization {
        authorizer_appid: take(&mut raw.authorizer_appid),
        authorization_code: take(&mut raw.authorization_code),
        authorization_code_expired_time: raw.authorization_code_expired_time.unwrap_or_default(),
        pre_auth_code: take(&mut raw.pre_auth_code),
    };
    let kind = match info_type.to_ascii_lowercase().as_str() {
        "component_verify_ticket" => {
            let ticket = take(&mut raw.component_verify_ticket);
            if ticket.is_empty() {
                return Err(Error::MalformedMessage(
                    "no ComponentVerifyTicket".to_owned(),
                ));
            }
            ComponentKind::VerifyTicket { ticket }
        }
        "authorized" => ComponentKind::Authorized(authorization(raw)),
        "updateauthorized" => ComponentKind::UpdateAuthorized(authorization(raw)),
        "unauthorized" => ComponentKind::Unauthorized {
            authorizer_appid: take(&mut raw.authorizer_appid),
        },
        _ => {
            return Ok(ComponentNotification::unknown(
                app_id,
                create_time,
                info_type.to_owned(),
                original,
                fields,
            ))
        }
    };
    Ok(ComponentNotification {
        app_id,
        create_time,
        kind,
        fields,
    })
}
