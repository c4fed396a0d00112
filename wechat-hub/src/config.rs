//! The hub's configuration: a TOML file, with environment variables for secrets and for what
//! differs between deployments.

use std::fmt;
use std::net::SocketAddr;

use serde::Deserialize;
use wechat_runtime::{Secret, TokenEndpoint};

/// The whole configuration file. Its `Debug` shows no secret and no Redis password.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Where to listen; loopback unless set otherwise (`WECHAT_HUB_LISTEN` overrides).
    #[serde(default = "default_listen")]
    pub listen: SocketAddr,
    /// Where WeChat is (`WECHAT_HUB_BASE_URL` overrides).
    #[serde(default)]
    pub wechat_base_url: Option<String>,
    /// `stable` (default) or `classic`.
    #[serde(default)]
    pub token_endpoint: Endpoint,
    /// Accept elixir_wechat clients, which send no credentials.
    #[serde(default)]
    pub elixir_compat: bool,
    #[serde(default)]
    pub persistence: Persistence,
    #[serde(default)]
    pub apps: Vec<App>,
    #[serde(default)]
    pub components: Vec<ComponentConfig>,
    #[serde(default)]
    pub callers: Vec<CallerConfig>,
}

#[derive(Debug, Default, Clone, Copy, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Endpoint {
    #[default]
    Stable,
    Classic,
}

impl From<Endpoint> for TokenEndpoint {
    fn from(endpoint: Endpoint) -> Self {
        match endpoint {
            Endpoint::Stable => TokenEndpoint::Stable,
            Endpoint::Classic => TokenEndpoint::Classic,
        }
    }
}

/// Where tokens are kept (`WECHAT_HUB_REDIS_URL` switches to Redis).
#[derive(Default, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase", deny_unknown_fields)]
pub enum Persistence {
    #[default]
    Memory,
    Redis {
        /// `redis://[:password@]host:port[/db]`; or `url_env`.
        #[serde(default)]
        url: Option<String>,
        #[serde(default)]
        url_env: Option<String>,
        #[serde(default)]
        prefix: Option<String>,
    },
}

/// An application (common or component) and its secret.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct App {
    pub appid: String,
    #[serde(default)]
    pub secret: Option<String>,
    /// The environment variable that holds the secret: better than `secret` in a file.
    #[serde(default)]
    pub secret_env: Option<String>,
}

/// A component application (third-party platform): its secret, and what checks the pushes of
/// its authorization event URL, `/callback/component/{appid}` on the hub (the token and the
/// EncodingAESKey of the open platform's settings).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ComponentConfig {
    pub appid: String,
    #[serde(default)]
    pub secret: Option<String>,
    #[serde(default)]
    pub secret_env: Option<String>,
    /// The message verification token of the platform's callback.
    #[serde(default)]
    pub token: Option<String>,
    #[serde(default)]
    pub token_env: Option<String>,
    /// The 43-character EncodingAESKey of the platform's callback.
    #[serde(default)]
    pub encoding_aes_key: Option<String>,
    #[serde(default)]
    pub encoding_aes_key_env: Option<String>,
}

impl ComponentConfig {
    /// Whether its callback route is configured (a token given, inline or by variable).
    pub fn receives_pushes(&self) -> bool {
        self.token.is_some() || self.token_env.is_some()
    }
}

impl fmt::Debug for ComponentConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ComponentConfig")
            .field("appid", &self.appid)
            .field("secret", &inline(&self.secret))
            .field("secret_env", &self.secret_env)
            .field("token", &inline(&self.token))
            .field("token_env", &self.token_env)
            .field("encoding_aes_key", &inline(&self.encoding_aes_key))
            .field("encoding_aes_key_env", &self.encoding_aes_key_env)
            .finish()
    }
}

/// A caller of the hub.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CallerConfig {
    pub name: String,
    #[serde(default)]
    pub secret: Option<String>,
    #[serde(default)]
    pub secret_env: Option<String>,
    /// The appids it may read; `"*"` for all.
    pub appids: Vec<String>,
}

/// Shows whether a secret is set inline, never the secret.
fn inline(secret: &Option<String>) -> Option<&'static str> {
    secret.as_ref().map(|_| "<redacted>")
}

/// A Redis URL without its password.
fn shown_url(url: &str) -> String {
    match url.split_once("://") {
        Some((scheme, rest)) => match rest.rsplit_once('@') {
            Some((_, host)) => format!("{scheme}://<redacted>@{host}"),
            None => url.to_owned(),
        },
        None => url.to_owned(),
    }
}

impl fmt::Debug for App {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("App")
            .field("appid", &self.appid)
            .field("secret", &inline(&self.secret))
            .field("secret_env", &self.secret_env)
            .finish()
    }
}

impl fmt::Debug for CallerConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CallerConfig")
            .field("name", &self.name)
            .field("secret", &inline(&self.secret))
            .field("secret_env", &self.secret_env)
            .field("appids", &self.appids)
            .finish()
    }
}

impl fmt::Debug for Persistence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Persistence::Memory => f.write_str("Memory"),
            Persistence::Redis {
                url,
                url_env,
                prefix,
            } => f
                .debug_struct("Redis")
                .field("url", &url.as_deref().map(shown_url))
                .field("url_env", url_env)
                .field("prefix", prefix)
                .finish(),
        }
    }
}

fn default_listen() -> SocketAddr {
    wechat_runtime::hub::server::DEFAULT_LISTEN
        .parse()
        .expect("a valid address")
}

/// A secret given inline or through an environment variable, read through `env`.
pub fn resolve_secret(
    what: &str,
    inline: &Option<String>,
    var: &Option<String>,
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<Secret, String> {
    resolve(what, "secret", inline, var, env)
}

/// A value of `field` given inline or through the environment variable `field_env`.
pub fn resolve(
    what: &str,
    field: &str,
    inline: &Option<String>,
    var: &Option<String>,
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<Secret, String> {
    match (inline, var) {
        (Some(secret), None) if !secret.is_empty() => Ok(Secret::new(secret.clone())),
        (None, Some(var)) => env(var)
            .filter(|s| !s.is_empty())
            .map(Secret::new)
            .ok_or_else(|| format!("{what}: the environment variable {var} is not set")),
        (Some(_), Some(_)) => Err(format!("{what}: give `{field}` or `{field}_env`, not both")),
        _ => Err(format!(
            "{what}: give its {field}, as `{field}_env = \"VAR\"` (or `{field}`)"
        )),
    }
}

impl Config {
    /// Parses a configuration file and applies the environment overrides.
    pub fn parse(text: &str, env: &dyn Fn(&str) -> Option<String>) -> Result<Config, String> {
        // toml's own message quotes the offending line, which may hold a secret: say where it
        // is and what is wrong, not what it says.
        let mut config: Config = toml::from_str(text).map_err(|e| {
            let place = e.span().map(|span| {
                let line = text[..span.start].matches('\n').count() + 1;
                format!("line {line}: ")
            });
            format!("{}{}", place.unwrap_or_default(), e.message())
        })?;
        if let Some(listen) = env("WECHAT_HUB_LISTEN") {
            config.listen = listen
                .parse()
                .map_err(|_| format!("WECHAT_HUB_LISTEN `{listen}` is not an address"))?;
        }
        if let Some(base_url) = env("WECHAT_HUB_BASE_URL") {
            config.wechat_base_url = Some(base_url);
        }
        if let Some(url) = env("WECHAT_HUB_REDIS_URL") {
            let prefix = match config.persistence {
                Persistence::Redis { prefix, .. } => prefix,
                Persistence::Memory => None,
            };
            config.persistence = Persistence::Redis {
                url: Some(url),
                url_env: None,
                prefix,
            };
        }
        if config.callers.is_empty() && !config.elixir_compat {
            return Err(
                "no [[callers]]: add one, or set `elixir_compat = true` for elixir_wechat clients"
                    .into(),
            );
        }
        if let Some(caller) = config.callers.iter().find(|c| c.appids.is_empty()) {
            return Err(format!(
                "caller {}: `appids` is empty, so it could read nothing: list its appids, or \"*\"",
                caller.name
            ));
        }
        if config.apps.is_empty() && config.components.is_empty() {
            return Err("no [[apps]] or [[components]]: the hub would serve nothing".into());
        }
        Ok(config)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(vars: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |name| {
            vars.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.to_string())
        }
    }

    const FILE: &str = r#"
        listen = "127.0.0.1:4100"
        token_endpoint = "classic"

        [persistence]
        kind = "redis"
        url_env = "REDIS_URL"
        prefix = "hub1"

        [[apps]]
        appid = "wx0123456789abcdef"
        secret_env = "APP_SECRET"

        [[callers]]
        name = "web"
        secret_env = "WEB_SECRET"
        appids = ["wx0123456789abcdef"]
    "#;

    #[test]
    fn parses_a_file_with_env_overrides() {
        let config = Config::parse(FILE, &env(&[("WECHAT_HUB_LISTEN", "0.0.0.0:5000")])).unwrap();
        assert_eq!(config.listen.to_string(), "0.0.0.0:5000");
        assert!(matches!(config.token_endpoint, Endpoint::Classic));
        assert!(
            matches!(config.persistence, Persistence::Redis { ref prefix, .. } if prefix.as_deref() == Some("hub1"))
        );
        let app = &config.apps[0];
        let secret = resolve_secret(
            "app",
            &app.secret,
            &app.secret_env,
            &env(&[("APP_SECRET", "s3cr3t")]),
        )
        .unwrap();
        assert_eq!(secret.expose(), "s3cr3t");
    }

    #[test]
    fn mistakes_are_named() {
        assert!(Config::parse("listen = 4", &env(&[])).is_err());
        assert!(
            Config::parse("[[apps]]\nappid = \"wx1\"\nsecret = \"s\"\n", &env(&[]))
                .unwrap_err()
                .contains("callers")
        );
        assert!(Config::parse("bogus = 1", &env(&[]))
            .unwrap_err()
            .contains("bogus"));
        let err = resolve_secret("app wx1", &None, &Some("MISSING".into()), &env(&[])).unwrap_err();
        assert!(err.contains("MISSING"), "{err}");
        let err = resolve_secret("app wx1", &None, &None, &env(&[])).unwrap_err();
        assert!(err.contains("secret_env"), "{err}");
    }

    #[test]
    fn secrets_show_neither_in_debug_nor_in_errors() {
        let text = "elixir_compat = true\n[persistence]\nkind = \"redis\"\nurl = \"redis://:REDIS-PASS@10.0.0.7:6379/2\"\n[[apps]]\nappid = \"wx1\"\nsecret = \"APP-SECRET\"\n[[callers]]\nname = \"web\"\nsecret = \"CALLER-SECRET\"\nappids = [\"*\"]\n";
        let config = Config::parse(text, &env(&[])).unwrap();
        let shown = format!("{config:?}");
        for secret in ["REDIS-PASS", "APP-SECRET", "CALLER-SECRET"] {
            assert!(!shown.contains(secret), "{shown}");
        }
        assert!(shown.contains("10.0.0.7:6379/2"), "{shown}");

        // A malformed line is located, not quoted.
        let err = Config::parse(
            "[[apps]]\nappid = \"wx1\"\nsecret = \"LEAKED-SECRET\n",
            &env(&[]),
        )
        .unwrap_err();
        assert!(!err.contains("LEAKED-SECRET"), "{err}");
        assert!(err.contains("line 3"), "{err}");
    }

    #[test]
    fn a_component_with_its_callback() {
        let text = "elixir_compat = true\n[[components]]\nappid = \"wxc1\"\nsecret_env = \"S\"\ntoken_env = \"T\"\nencoding_aes_key = \"INLINE-KEY\"\n";
        let config = Config::parse(text, &env(&[])).unwrap();
        let component = &config.components[0];
        assert!(component.receives_pushes());
        assert!(!format!("{config:?}").contains("INLINE-KEY"));
        let err = resolve(
            "component wxc1",
            "token",
            &None,
            &Some("T".into()),
            &env(&[]),
        )
        .unwrap_err();
        assert!(err.contains("T"), "{err}");
        let err = resolve(
            "component wxc1",
            "encoding_aes_key",
            &None,
            &None,
            &env(&[]),
        )
        .unwrap_err();
        assert!(err.contains("encoding_aes_key_env"), "{err}");
    }

    #[test]
    fn a_caller_that_may_read_nothing_is_a_mistake() {
        let text = "[[apps]]\nappid = \"wx1\"\nsecret = \"s\"\n[[callers]]\nname = \"web\"\nsecret = \"c\"\nappids = []\n";
        let err = Config::parse(text, &env(&[])).unwrap_err();
        assert!(
            err.contains("caller web") && err.contains("appids"),
            "{err}"
        );
    }

    #[test]
    fn redis_url_from_the_environment_switches_persistence() {
        let text = "elixir_compat = true\n[[apps]]\nappid = \"wx1\"\nsecret = \"s\"\n";
        let config = Config::parse(
            text,
            &env(&[("WECHAT_HUB_REDIS_URL", "redis://127.0.0.1:7000/1")]),
        )
        .unwrap();
        assert!(
            matches!(config.persistence, Persistence::Redis { url: Some(ref u), .. } if u.ends_with("/1"))
        );
    }
}
