//! Starting a simulator: binding its port and wiring the server, the control API and the
//! verify-ticket timer together.

use std::sync::Arc;

use axum::Router;
use tokio::{net::TcpListener, sync::watch};

use super::{push, Handle, Simulator};
use crate::{
    config::SimulatorConfig,
    control::{self, CONTROL_PREFIX},
    push::Pusher,
    server,
    state::{AppState, Shared},
};

impl Simulator {
    /// Starts a simulator on `127.0.0.1` with a free port and the default configuration.
    ///
    /// Must be called within a Tokio runtime; the server runs as a task of that runtime.
    pub async fn start() -> std::io::Result<Simulator> {
        Self::start_with(SimulatorConfig::default()).await
    }

    /// Starts a simulator with `config`.
    ///
    /// Must be called within a Tokio runtime; the server runs as a task of that runtime.
    pub async fn start_with(config: SimulatorConfig) -> std::io::Result<Simulator> {
        let listener = TcpListener::bind(config.addr).await?;
        let addr = listener.local_addr()?;
        let state: AppState = Arc::new(Shared::new(config.token_ttl));
        state.lock().pay.http = Some(crate::pay::notify::client());
        let simulator_state = state.clone();
        let (shutdown, mut stopped) = watch::channel(false);
        let pusher = Pusher::new();
        tokio::spawn(push::verify_ticket_timer(
            Arc::downgrade(&state),
            pusher.clone(),
            shutdown.subscribe(),
        ));
        let handle = Handle {
            state: state.clone(),
            pusher: pusher.clone(),
            addr,
        };
        // The control API is built here, so the server knows nothing of the simulator.
        let control = Router::new().nest(CONTROL_PREFIX, control::routes(handle));
        tokio::spawn(server::serve(
            listener,
            server::router(state, control),
            async move {
                let _ = stopped.wait_for(|stop| *stop).await;
            },
        ));
        let simulator = Simulator {
            state: simulator_state,
            addr,
            pusher,
            shutdown: Some(shutdown),
        };
        for (appid, secret) in &config.apps {
            simulator.add_app(appid, secret);
        }
        for (appid, secret) in &config.components {
            simulator.add_component(appid, secret);
        }
        Ok(simulator)
    }
}
