//! The HTTP server: a listener whose connections can be dropped on purpose, the middleware that
//! records requests and applies faults, and the router.

use std::{
    io,
    net::SocketAddr,
    pin::Pin,
    sync::{
        atomic::{AtomicBool, Ordering},
        Arc,
    },
    task::{Context, Poll},
    time::Duration,
};

use axum::{
    body::Body,
    extract::{connect_info::Connected, ConnectInfo, DefaultBodyLimit, Request, State},
    http::header,
    middleware::{self, Next},
    response::{IntoResponse, Response},
    serve::{IncomingStream, Listener},
    Router,
};
use tokio::{
    io::{AsyncRead, AsyncWrite, ReadBuf},
    net::{TcpListener, TcpStream},
};

use crate::{
    api, errcode,
    faults::FaultAction,
    pay,
    record::{parse_query, RecordedRequest},
    state::AppState,
    work,
    wx_error::WxError,
};

/// The largest request body accepted (WeChat's own limits are lower).
const MAX_BODY: usize = 64 * 1024 * 1024;

/// Builds the full application: the WeChat API, recorded and open to faults, and the control
/// API beside it, which is neither. `control` comes already nested under its prefix.
pub(crate) fn router(state: AppState, control: Router) -> Router {
    let wechat = api::routes()
        .nest(work::WORK_PREFIX, work::routes())
        .merge(pay::routes(state.clone()))
        .fallback(api::not_found)
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            record_and_fault,
        ))
        .with_state(state);
    control.merge(wechat)
}

/// Serves `router` on `listener` until `shutdown` resolves, then shuts down gracefully.
pub(crate) async fn serve(
    listener: TcpListener,
    router: Router,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) {
    let listener = SimListener(listener);
    // `axum::serve` never returns an error; it logs and retries failed accepts itself.
    let _ = axum::serve(
        listener,
        router.into_make_service_with_connect_info::<ConnHandle>(),
    )
    .with_graceful_shutdown(shutdown)
    .await;
}

/// Records and counts every request, then applies the next queued fault of its path, if any.
async fn record_and_fault(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let (parts, body) = req.into_parts();
    let (bytes, too_large) = match axum::body::to_bytes(body, MAX_BODY).await {
        Ok(bytes) => (bytes, false),
        Err(_) => (bytes::Bytes::new(), true),
    };
    let path = parts.uri.path().to_owned();
    let record = RecordedRequest {
        method: parts.method.to_string(),
        path: path.clone(),
        query: parse_query(parts.uri.query()),
        content_type: parts
            .headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned),
        body: bytes.to_vec(),
    };
    let fault = {
        let mut inner = state.lock();
        inner.record(record);
        inner.take_fault(&path)
    };
    let conn = parts
        .extensions
        .get::<ConnectInfo<ConnHandle>>()
        .map(|info| info.0.clone());
    let req = Request::from_parts(parts, Body::from(bytes));
    let action = fault.map(|fault| fault.action());
    if too_large && !matches!(action, Some(FaultAction::Drop | FaultAction::Respond(_))) {
        return WxError::new(errcode::CONTENT_SIZE_OUT_OF_LIMIT).into_response();
    }
    match action {
        None => next.run(req).await,
        Some(FaultAction::Respond(response)) => response,
        Some(FaultAction::Delay(delay)) => {
            let response = next.run(req).await;
            tokio::time::sleep(delay).await;
            response
        }
        Some(FaultAction::Drop) => {
            if let Some(conn) = conn {
                conn.kill();
            }
            // Never written: the connection fails as soon as hyper tries to.
            axum::http::StatusCode::BAD_GATEWAY.into_response()
        }
    }
}

/// A TCP listener whose connections carry a kill switch.
struct SimListener(TcpListener);

impl Listener for SimListener {
    type Io = SimStream;
    type Addr = SocketAddr;

    async fn accept(&mut self) -> (SimStream, SocketAddr) {
        loop {
            match self.0.accept().await {
                Ok((stream, addr)) => {
                    // Small JSON answers should not wait for Nagle.
                    let _ = stream.set_nodelay(true);
                    let stream = SimStream {
                        inner: stream,
                        killed: Arc::new(AtomicBool::new(false)),
                    };
                    return (stream, addr);
                }
                // Out of file descriptors and the like: back off, as axum's own listener does.
                Err(_) => tokio::time::sleep(Duration::from_millis(50)).await,
            }
        }
    }

    fn local_addr(&self) -> io::Result<SocketAddr> {
        self.0.local_addr()
    }
}

/// The handle a request uses to drop its own connection.
#[derive(Clone, Debug)]
pub(crate) struct ConnHandle {
    killed: Arc<AtomicBool>,
}

impl ConnHandle {
    fn kill(&self) {
        self.killed.store(true, Ordering::SeqCst);
    }
}

impl Connected<IncomingStream<'_, SimListener>> for ConnHandle {
    fn connect_info(stream: IncomingStream<'_, SimListener>) -> Self {
        ConnHandle {
            killed: stream.io().killed.clone(),
        }
    }
}

/// A TCP stream that fails every operation once killed, so hyper closes it without answering.
struct SimStream {
    inner: TcpStream,
    killed: Arc<AtomicBool>,
}

impl SimStream {
    fn is_killed(&self) -> bool {
        self.killed.load(Ordering::SeqCst)
    }
}

fn killed_error() -> io::Error {
    io::Error::new(
        io::ErrorKind::ConnectionAborted,
        "connection dropped by an injected fault",
    )
}

impl AsyncRead for SimStream {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        if self.is_killed() {
            return Poll::Ready(Err(killed_error()));
        }
        Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl AsyncWrite for SimStream {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        if self.is_killed() {
            return Poll::Ready(Err(killed_error()));
        }
        Pin::new(&mut self.inner).poll_write(cx, buf)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        if self.is_killed() {
            return Poll::Ready(Err(killed_error()));
        }
        Pin::new(&mut self.inner).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        if self.is_killed() {
            return Poll::Ready(Err(killed_error()));
        }
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}
