//! `wechat-simulator`: runs the WeChat API simulator until Ctrl-C.
//!
//! ```text
//! wechat-simulator [--host 127.0.0.1] [--port 8080] [--app wxAPPID:SECRET]...
//!                  [--component wxID:SECRET]... [--authorizer COMPONENT:AUTHORIZER]...
//!                  [--ttl 7200]
//! ```

use std::{net::IpAddr, process::ExitCode};

use wechat_simulator::{Simulator, SimulatorConfig};

const USAGE: &str = "\
usage: wechat-simulator [options]

options:
  --host HOST              address to listen on (default 127.0.0.1)
  --port PORT              port to listen on (default 8080; 0 picks a free one)
  --app APPID:SECRET       an Official Account / Mini Program (repeatable)
  --component APPID:SECRET a third-party platform (repeatable)
  --authorizer COMPONENT:AUTHORIZER
                           an account that authorized a third-party platform; its
                           authorizer_refresh_token is printed (repeatable)
  --ttl SECS               expires_in of issued tokens (default 7200)
  -h, --help               print this help

With no --app, a demo app is created and its appid and secret are printed.

The control API (add apps, expire tokens, inject faults, push callbacks, read
recorded requests) is served under /__sim/; see the README of wechat-simulator.";

const KNOWN_FLAGS: &[&str] = &[
    "--host",
    "--port",
    "--app",
    "--component",
    "--authorizer",
    "--ttl",
];

const DEMO_APPID: &str = "wx0123456789abcdef";
const DEMO_SECRET: &str = "0123456789abcdef0123456789abcdef";

/// Parsed command line.
#[derive(Debug)]
struct Args {
    host: IpAddr,
    port: u16,
    apps: Vec<(String, String)>,
    components: Vec<(String, String)>,
    /// (component appid, authorizer appid).
    authorizers: Vec<(String, String)>,
    ttl: u64,
}

fn parse_pair(flag: &str, value: &str, shape: &str) -> Result<(String, String), String> {
    match value.split_once(':') {
        Some((id, secret)) if !id.is_empty() && !secret.is_empty() => {
            Ok((id.to_owned(), secret.to_owned()))
        }
        _ => Err(format!("{flag} expects {shape}, got `{value}`")),
    }
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Option<Args>, String> {
    let mut parsed = Args {
        host: IpAddr::from([127, 0, 0, 1]),
        port: 8080,
        apps: Vec::new(),
        components: Vec::new(),
        authorizers: Vec::new(),
        ttl: wechat_simulator::DEFAULT_TOKEN_TTL,
    };
    while let Some(flag) = args.next() {
        if flag == "-h" || flag == "--help" {
            return Ok(None);
        }
        let (flag, inline_value) = match flag.split_once('=') {
            Some((name, value)) => (name.to_owned(), Some(value.to_owned())),
            None => (flag, None),
        };
        if !KNOWN_FLAGS.contains(&flag.as_str()) {
            return Err(format!("unknown option `{flag}`"));
        }
        let value = match inline_value {
            Some(value) => value,
            None => args
                .next()
                .ok_or_else(|| format!("{flag} expects a value"))?,
        };
        match flag.as_str() {
            "--host" => {
                parsed.host = value
                    .parse()
                    .map_err(|_| format!("--host expects an IP address, got `{value}`"))?;
            }
            "--port" => {
                parsed.port = value
                    .parse()
                    .map_err(|_| format!("--port expects a port number, got `{value}`"))?;
            }
            "--ttl" => {
                parsed.ttl = value
                    .parse()
                    .map_err(|_| format!("--ttl expects seconds, got `{value}`"))?;
            }
            "--app" => parsed
                .apps
                .push(parse_pair("--app", &value, "APPID:SECRET")?),
            "--component" => {
                parsed
                    .components
                    .push(parse_pair("--component", &value, "APPID:SECRET")?)
            }
            "--authorizer" => {
                parsed
                    .authorizers
                    .push(parse_pair("--authorizer", &value, "COMPONENT:AUTHORIZER")?)
            }
            other => return Err(format!("unknown option `{other}`")),
        }
    }
    Ok(Some(parsed))
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = match parse_args(std::env::args().skip(1)) {
        Ok(Some(args)) => args,
        Ok(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("wechat-simulator: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let demo = args.apps.is_empty();
    let mut config = SimulatorConfig::new()
        .with_addr((args.host, args.port).into())
        .with_token_ttl(args.ttl);
    config.apps = args.apps;
    config.components = args.components.clone();
    if demo {
        config = config.with_app(DEMO_APPID, DEMO_SECRET);
    }
    let simulator = match Simulator::start_with(config).await {
        Ok(simulator) => simulator,
        Err(err) => {
            eprintln!(
                "wechat-simulator: cannot listen on {}:{}: {err}",
                args.host, args.port
            );
            return ExitCode::FAILURE;
        }
    };
    println!("wechat-simulator listening on {}", simulator.base_url());
    if demo {
        println!("demo app: appid {DEMO_APPID} secret {DEMO_SECRET}");
    }
    for (component_appid, _) in &args.components {
        let ticket = simulator.push_verify_ticket(component_appid);
        println!("component {component_appid}: component_verify_ticket {ticket}");
    }
    for (component_appid, authorizer_appid) in &args.authorizers {
        let refresh_token = simulator.add_authorizer(component_appid, authorizer_appid);
        println!(
            "authorizer {authorizer_appid} of {component_appid}: authorizer_refresh_token {refresh_token}"
        );
    }
    println!(
        "control API: {}{}/ (see the README of wechat-simulator)",
        simulator.base_url(),
        wechat_simulator::CONTROL_PREFIX
    );
    if let Err(err) = tokio::signal::ctrl_c().await {
        eprintln!("wechat-simulator: cannot wait for Ctrl-C: {err}");
        return ExitCode::FAILURE;
    }
    println!("wechat-simulator: shutting down");
    drop(simulator);
    ExitCode::SUCCESS
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Option<Args>, String> {
        parse_args(args.iter().map(|a| a.to_string()))
    }

    #[test]
    fn parses_every_option() {
        let args = parse(&[
            "--port",
            "0",
            "--host=0.0.0.0",
            "--app",
            "wxa:sa",
            "--app=wxb:sb",
            "--component",
            "wxc:sc",
            "--ttl",
            "60",
            "--authorizer",
            "wxc:wxd",
        ])
        .unwrap()
        .unwrap();
        assert_eq!(args.port, 0);
        assert_eq!(args.host, IpAddr::from([0, 0, 0, 0]));
        assert_eq!(args.apps.len(), 2);
        assert_eq!(args.components, vec![("wxc".to_owned(), "sc".to_owned())]);
        assert_eq!(args.ttl, 60);
        assert_eq!(args.authorizers, vec![("wxc".to_owned(), "wxd".to_owned())]);
    }

    #[test]
    fn rejects_mistakes() {
        assert!(parse(&["--help"]).unwrap().is_none());
        assert!(parse(&["--bogus"]).unwrap_err().contains("unknown option"));
        assert!(parse(&["--port"]).unwrap_err().contains("expects a value"));
        assert!(parse(&["--port", "x"]).is_err());
        assert!(parse(&["--app", "nosecret"]).is_err());
        assert!(parse(&["--authorizer", "wxc"])
            .unwrap_err()
            .contains("COMPONENT:AUTHORIZER"));
    }
}
