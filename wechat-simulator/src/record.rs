//! Requests as the simulator saw them.

/// One request the simulator received, recorded before any fault or error was applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordedRequest {
    /// The HTTP method, e.g. `"GET"`.
    pub method: String,
    /// The path, without the query, e.g. `"/cgi-bin/token"`.
    pub path: String,
    /// The decoded query parameters, in the order they were sent.
    pub query: Vec<(String, String)>,
    /// The `Content-Type` header, if any.
    pub content_type: Option<String>,
    /// The raw request body.
    pub body: Vec<u8>,
}

impl RecordedRequest {
    /// The first value of the query parameter `name`.
    pub fn query_param(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }

    /// The body parsed as JSON, if it is JSON.
    pub fn json(&self) -> Option<serde_json::Value> {
        serde_json::from_slice(&self.body).ok()
    }
}

/// Decodes a query string into its pairs, in order; an undecodable query gives no pairs.
pub(crate) fn parse_query(query: Option<&str>) -> Vec<(String, String)> {
    query
        .and_then(|q| serde_urlencoded::from_str(q).ok())
        .unwrap_or_default()
}
