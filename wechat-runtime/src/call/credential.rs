//! Layer 2 of a call: which credential a path needs (elixir_wechat's rules).

/// The credential a WeChat path takes in its query string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Credential {
    /// Nothing: the call carries a secret, a verify ticket or a user's OAuth token itself.
    None,
    /// `access_token`: the application's, or the authorizer's on a component client.
    AccessToken,
    /// `component_access_token`, of the component application.
    ComponentAccessToken,
}

impl Credential {
    /// The name of the query parameter that carries it.
    pub(crate) fn query_name(self) -> Option<&'static str> {
        match self {
            Credential::None => None,
            Credential::AccessToken => Some("access_token"),
            Credential::ComponentAccessToken => Some("component_access_token"),
        }
    }
}

/// Paths that take no token: they fetch one, or carry a user's OAuth token.
const NO_TOKEN_PATHS: [&str; 8] = [
    "/cgi-bin/token",
    "/cgi-bin/stable_token",
    "/cgi-bin/component/api_component_token",
    "/sns/userinfo",
    "/sns/auth",
    "/sns/oauth2/access_token",
    "/sns/oauth2/refresh_token",
    "/sns/jscode2session",
];

const COMPONENT_PREFIXES: [&str; 3] = [
    "/cgi-bin/component",
    "/sns/oauth2/component/",
    "/sns/component/",
];

/// The credential `path` needs.
pub(crate) fn credential_for(path: &str) -> Credential {
    if NO_TOKEN_PATHS.contains(&path) {
        Credential::None
    } else if COMPONENT_PREFIXES
        .iter()
        .any(|prefix| path.starts_with(prefix))
    {
        Credential::ComponentAccessToken
    } else {
        Credential::AccessToken
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elixir_wechat_rules() {
        use Credential::*;
        let cases = [
            ("/cgi-bin/user/info", AccessToken),
            ("/cgi-bin/message/custom/send", AccessToken),
            ("/wxa/getwxacodeunlimit", AccessToken),
            ("/cgi-bin/token", None),
            ("/cgi-bin/stable_token", None),
            ("/cgi-bin/component/api_component_token", None),
            (
                "/cgi-bin/component/api_authorizer_token",
                ComponentAccessToken,
            ),
            (
                "/cgi-bin/component/api_create_preauthcode",
                ComponentAccessToken,
            ),
            ("/sns/oauth2/component/access_token", ComponentAccessToken),
            ("/sns/component/jscode2session", ComponentAccessToken),
            ("/sns/userinfo", None),
            ("/sns/auth", None),
            ("/sns/oauth2/access_token", None),
            ("/sns/oauth2/refresh_token", None),
            ("/sns/jscode2session", None),
        ];
        for (path, expected) in cases {
            assert_eq!(credential_for(path), expected, "{path}");
        }
    }
}
