//! `wechat-hub`: one place per appid that fetches, stores and refreshes WeChat tokens, serving
//! them to `HubClient`s (and elixir_wechat clients) over HTTP.
//!
//! ```text
//! wechat-hub --config hub.toml
//! ```
//!
//! The configuration file is described in the README; environment variables override what
//! differs between deployments: `WECHAT_HUB_LISTEN`, `WECHAT_HUB_REDIS_URL`,
//! `WECHAT_HUB_BASE_URL`, and every `secret_env` it names.

mod config;

use std::io::IsTerminal;
use std::process::ExitCode;

use wechat_runtime::callback::Endpoint;
use wechat_runtime::hub::server::{Caller, HubServer};
use wechat_runtime::{ComponentHubStorage, Hub, MemoryStore, RedisStore};

use crate::config::{resolve, resolve_secret, Config, Persistence};

const USAGE: &str = "usage: wechat-hub --config <file.toml>   (or WECHAT_HUB_CONFIG=<file.toml>)";

const HELP: &str = "\
wechat-hub: one place per appid that fetches, stores and refreshes WeChat tokens, serving them
to wechat_runtime::HubClient (and elixir_wechat clients) over HTTP.

usage: wechat-hub --config <file.toml>   (or WECHAT_HUB_CONFIG=<file.toml>)
       wechat-hub --help

environment: WECHAT_HUB_LISTEN, WECHAT_HUB_REDIS_URL and WECHAT_HUB_BASE_URL override the file;
every `secret_env` it names is read; RUST_LOG sets the log level (info unless set).";

#[tokio::main]
async fn main() -> ExitCode {
    if std::env::args().skip(1).any(|a| a == "--help" || a == "-h") {
        println!("{HELP}");
        return ExitCode::SUCCESS;
    }
    // Logs go to stderr (stdout says where the hub listens), coloured only for a terminal.
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .init();
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("wechat-hub: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let path = match args.as_slice() {
        [flag, path] if flag == "--config" => path.clone(),
        [] => std::env::var("WECHAT_HUB_CONFIG").map_err(|_| USAGE.to_owned())?,
        _ => return Err(USAGE.to_owned()),
    };
    let text = std::fs::read_to_string(&path).map_err(|e| format!("cannot read {path}: {e}"))?;
    let env = |name: &str| std::env::var(name).ok();
    let config = Config::parse(&text, &env).map_err(|e| format!("{path}: {e}"))?;
    match &config.persistence {
        Persistence::Memory => serve(MemoryStore::new(), &config, &env).await,
        Persistence::Redis {
            url,
            url_env,
            prefix,
        } => {
            let url = match (url, url_env) {
                (Some(url), _) => url.clone(),
                (None, Some(var)) => {
                    env(var).ok_or_else(|| format!("the environment variable {var} is not set"))?
                }
                (None, None) => {
                    return Err("[persistence] kind = \"redis\" needs `url` or `url_env`".into())
                }
            };
            let store = RedisStore::builder(url)
                .prefix(prefix.clone().unwrap_or_else(|| "wechat".into()))
                .connect()
                .await
                .map_err(|e| e.to_string())?;
            serve(store, &config, &env).await
        }
    }
}

async fn serve<P: ComponentHubStorage + 'static>(
    store: P,
    config: &Config,
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<(), String> {
    for component in &config.components {
        if !component.receives_pushes() && matches!(config.persistence, Persistence::Memory) {
            // Nothing else gives a memory store a verify ticket: WeChat pushes it to the
            // component's callback URL.
            tracing::warn!(
                appid = %component.appid,
                "this component cannot be served: give it `token_env` and `encoding_aes_key_env` \
                 so the hub receives its component_verify_ticket at /callback/component/{{appid}}, \
                 or share a Redis with a process that does"
            );
        }
    }
    let apps = config
        .apps
        .iter()
        .map(|app| (&app.appid, &app.secret, &app.secret_env))
        .chain(
            config
                .components
                .iter()
                .map(|c| (&c.appid, &c.secret, &c.secret_env)),
        );
    for (appid, secret, secret_env) in apps {
        let what = format!("app {appid}");
        let secret = resolve_secret(&what, secret, secret_env, env)?;
        store
            .save_secret(appid, &secret)
            .await
            .map_err(|e| e.to_string())?;
    }
    let mut hub = Hub::builder(store).token_endpoint(config.token_endpoint.into());
    if let Some(base_url) = &config.wechat_base_url {
        hub = hub.base_url(base_url.clone());
    }
    let hub = hub.build().map_err(|e| e.to_string())?;
    let mut server = HubServer::new(hub).elixir_compat(config.elixir_compat);
    for component in config.components.iter().filter(|c| c.receives_pushes()) {
        let what = format!("component {}", component.appid);
        let token = resolve(&what, "token", &component.token, &component.token_env, env)?;
        let key = resolve(
            &what,
            "encoding_aes_key",
            &component.encoding_aes_key,
            &component.encoding_aes_key_env,
            env,
        )?;
        let endpoint = Endpoint::safe(token.expose(), key.expose(), component.appid.as_str())
            .map_err(|e| format!("{what}: {e}"))?;
        server = server.component_callback(component.appid.clone(), endpoint);
    }
    for caller in &config.callers {
        let what = format!("caller {}", caller.name);
        let secret = resolve_secret(&what, &caller.secret, &caller.secret_env, env)?;
        server = server.caller(Caller::new(
            caller.name.clone(),
            secret,
            caller.appids.clone(),
        ));
    }
    let listener = tokio::net::TcpListener::bind(config.listen)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", config.listen))?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    println!("wechat-hub listening on http://{addr}");
    server
        .serve(listener, shutdown_signal())
        .await
        .map_err(|e| e.to_string())
}

/// Ctrl-C, or SIGTERM from a service manager: finish the requests in flight, then stop.
async fn shutdown_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        if let Ok(mut term) = signal(SignalKind::terminate()) {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
            }
            return;
        }
    }
    let _ = tokio::signal::ctrl_c().await;
}
