//! A recording mock HTTP server on 127.0.0.1: it answers each path with scripted answers
//! (status, headers, body bytes), records every request, and answers anything unscripted with an
//! HTML 404.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

#[derive(Debug, Clone)]
pub struct Recorded {
    pub method: String,
    /// The path with its query string.
    pub target: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Recorded {
    pub fn path(&self) -> &str {
        self.target.split('?').next().unwrap_or_default()
    }

    pub fn query(&self) -> Vec<(String, String)> {
        let query = self
            .target
            .split_once('?')
            .map(|(_, q)| q)
            .unwrap_or_default();
        url::form_urlencoded::parse(query.as_bytes())
            .into_owned()
            .collect()
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).expect("a JSON body")
    }
}

/// One scripted answer: a status, headers and a body. `content-length` is always added.
#[derive(Debug, Clone)]
pub struct Answer {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Answer {
    /// A JSON body.
    pub fn json(status: u16, body: &str) -> Answer {
        Answer::bytes(status, &[("content-type", "application/json")], body)
    }

    /// Any body, with the given headers.
    pub fn bytes(status: u16, headers: &[(&str, &str)], body: impl Into<Vec<u8>>) -> Answer {
        Answer {
            status,
            headers: headers
                .iter()
                .map(|(n, v)| (n.to_string(), v.to_string()))
                .collect(),
            body: body.into(),
        }
    }

    fn not_found() -> Answer {
        Answer::bytes(
            404,
            &[("content-type", "text/html")],
            "<html><body>Not Found</body></html>",
        )
    }

    fn to_http(&self) -> Vec<u8> {
        let mut head = format!("HTTP/1.1 {} X\r\n", self.status);
        for (name, value) in &self.headers {
            if !name.eq_ignore_ascii_case("content-length") {
                head.push_str(&format!("{name}: {value}\r\n"));
            }
        }
        head.push_str(&format!("content-length: {}\r\n\r\n", self.body.len()));
        let mut bytes = head.into_bytes();
        bytes.extend_from_slice(&self.body);
        bytes
    }
}

#[derive(Clone, Default)]
pub struct MockServer {
    pub base_url: String,
    /// The answers still queued for each path; the last one repeats.
    routes: Arc<Mutex<HashMap<String, VecDeque<Answer>>>>,
    recorded: Arc<Mutex<Vec<Recorded>>>,
}

impl MockServer {
    pub async fn start() -> MockServer {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let server = MockServer {
            base_url: format!("http://{}", listener.local_addr().unwrap()),
            ..MockServer::default()
        };
        let worker = server.clone();
        tokio::spawn(async move {
            while let Ok((socket, _)) = listener.accept().await {
                let worker = worker.clone();
                tokio::spawn(async move { worker.serve(socket).await });
            }
        });
        server
    }

    /// Answers `path` with `status` and the JSON `body` from now on.
    pub fn route(&self, path: &str, status: u16, body: &str) {
        self.route_sequence(path, [Answer::json(status, body)]);
    }

    /// Answers `path` with `status`, `headers` and the bytes of `body` from now on.
    pub fn route_bytes(
        &self,
        path: &str,
        status: u16,
        headers: &[(&str, &str)],
        body: impl Into<Vec<u8>>,
    ) {
        self.route_sequence(path, [Answer::bytes(status, headers, body)]);
    }

    /// Answers successive requests to `path` with successive `answers`; the last one repeats.
    pub fn route_sequence(&self, path: &str, answers: impl IntoIterator<Item = Answer>) {
        let answers: VecDeque<Answer> = answers.into_iter().collect();
        assert!(!answers.is_empty(), "no answers for {path}");
        self.routes.lock().unwrap().insert(path.to_owned(), answers);
    }

    /// The next answer for `path`.
    fn answer(&self, path: &str) -> Answer {
        let mut routes = self.routes.lock().unwrap();
        match routes.get_mut(path) {
            Some(queue) if queue.len() > 1 => queue.pop_front().unwrap(),
            Some(queue) => queue[0].clone(),
            None => Answer::not_found(),
        }
    }

    pub fn requests(&self) -> Vec<Recorded> {
        self.recorded.lock().unwrap().clone()
    }

    async fn serve(&self, mut socket: tokio::net::TcpStream) {
        let mut buf = Vec::new();
        let mut chunk = [0u8; 4096];
        loop {
            let head_end = buf.windows(4).position(|w| w == b"\r\n\r\n");
            if let Some(end) = head_end {
                let head = String::from_utf8_lossy(&buf[..end]).into_owned();
                let mut lines = head.split("\r\n");
                let mut request_line = lines.next().unwrap_or_default().split(' ');
                let method = request_line.next().unwrap_or_default().to_owned();
                let target = request_line.next().unwrap_or_default().to_owned();
                let headers: Vec<(String, String)> = lines
                    .filter_map(|l| l.split_once(':'))
                    .map(|(n, v)| (n.trim().to_owned(), v.trim().to_owned()))
                    .collect();
                let length: usize = headers
                    .iter()
                    .find(|(n, _)| n.eq_ignore_ascii_case("content-length"))
                    .and_then(|(_, v)| v.parse().ok())
                    .unwrap_or(0);
                while buf.len() < end + 4 + length {
                    match socket.read(&mut chunk).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => buf.extend_from_slice(&chunk[..n]),
                    }
                }
                let body = buf[end + 4..end + 4 + length].to_vec();
                buf.drain(..end + 4 + length);
                let request = Recorded {
                    method,
                    target,
                    headers,
                    body,
                };
                let answer = self.answer(request.path());
                self.recorded.lock().unwrap().push(request);
                if socket.write_all(&answer.to_http()).await.is_err() {
                    return;
                }
                continue;
            }
            match socket.read(&mut chunk).await {
                Ok(0) | Err(_) => return,
                Ok(n) => buf.extend_from_slice(&chunk[..n]),
            }
        }
    }
}
