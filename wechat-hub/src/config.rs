//! The hub's configuration: a TOML file, with environment variables for secrets and for what
//! differs between deployments.

use std::net::SocketAddr;

use serde::Deserialize;
use wechat_runtime::{Secret, TokenEndpoint};

/// The whole configuration file.
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
    pub components: Vec<App>,
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
#[derive(Debug, Default, Deserialize)]
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
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct App {
    pub appid: String,
    #[serde(default)]
    pub secret: Option<String>,
    /// The environment variable that holds the secret: better than `secret` in a file.
    #[serde(default)]
    pub secret_env: Option<String>,
}

/// A caller of the hub.
#[derive(Debug, Deserialize)]
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
    match (inline, var) {
        (Some(secret), None) if !secret.is_empty() => Ok(Secret::new(secret.clone())),
        (None, Some(var)) => env(var)
            .filter(|s| !s.is_empty())
            .map(Secret::new)
            .ok_or_else(|| format!("{what}: the environment variable {var} is not set")),
        (Some(_), Some(_)) => Err(format!("{what}: give `secret` or `secret_env`, not both")),
        _ => Err(format!(
            "{what}: give its secret, as `secret_env = \"VAR\"` (or `secret`)"
        )),
    }
}

impl Config {
    /// Parses a configuration file and applies the environment overrides.
    pub fn parse(text: &str, env: &dyn Fn(&str) -> Option<String>) -> Result<Config, String> {
        let mut config: Config = toml::from_str(text).map_err(|e| e.to_string())?;
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
