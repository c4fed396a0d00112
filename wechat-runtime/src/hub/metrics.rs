//! What a hub counts, for the hub server's `/metrics` (Prometheus text): its calls of WeChat by
//! path and outcome, stored-token hits and misses, waits for another process's fetch, and the
//! server's requests. Without the `hub-server` feature every record is a no-op.

#[cfg(feature = "hub-server")]
pub(crate) use self::enabled::HubMetrics;

#[cfg(not(feature = "hub-server"))]
pub(crate) use self::disabled::HubMetrics;

/// A hub's answer to a lookup of its store: the stored value was fresh, or not.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Lookup {
    Hit,
    Miss,
}

#[cfg(not(feature = "hub-server"))]
mod disabled {
    use super::Lookup;
    use crate::error::Error;

    #[derive(Debug, Default)]
    pub(crate) struct HubMetrics;

    impl HubMetrics {
        #[inline]
        pub(crate) fn upstream(&self, _path: &'static str, _error: Option<&Error>) {}
        #[inline]
        pub(crate) fn lookup(&self, _lookup: Lookup) {}
        #[inline]
        pub(crate) fn lock_wait(&self) {}
    }
}

#[cfg(feature = "hub-server")]
mod enabled {
    use std::collections::HashSet;
    use std::sync::Mutex;

    use prometheus_client::encoding::EncodeLabelSet;
    use prometheus_client::metrics::counter::Counter;
    use prometheus_client::metrics::family::Family;
    use prometheus_client::metrics::histogram::{exponential_buckets, Histogram};
    use prometheus_client::registry::Registry;

    use super::Lookup;
    use crate::error::Error;

    /// The most distinct errcodes given a label of their own; the rest are `other`.
    const MAX_ERRCODE_LABELS: usize = 100;

    type Labels = [(&'static str, String); 2];
    /// A route and an HTTP status: no allocation per request.
    #[derive(Debug, Clone, PartialEq, Eq, Hash, EncodeLabelSet)]
    struct RequestLabels {
        route: &'static str,
        status: u16,
    }

    pub(crate) struct HubMetrics {
        registry: Registry,
        upstream: Family<Labels, Counter>,
        /// Hits and misses, taken once from their family: every hub read counts one.
        hits: Counter,
        misses: Counter,
        lock_waits: Counter,
        requests: Family<RequestLabels, Counter>,
        latency: Family<[(&'static str, &'static str); 1], Histogram>,
        /// The counter of status 200 and the histogram of each route, in the order of
        /// `protocol::ROUTES`, taken once: a request of the hot path then updates atomics and
        /// looks nothing up.
        hot: Vec<(&'static str, Counter, Histogram)>,
        errcodes: Mutex<HashSet<i64>>,
    }

    impl std::fmt::Debug for HubMetrics {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("HubMetrics")
        }
    }

    impl Default for HubMetrics {
        fn default() -> Self {
            let upstream = Family::<Labels, Counter>::default();
            let lookups = Family::<[(&'static str, &'static str); 1], Counter>::default();
            let hits = lookups.get_or_create_owned(&[("result", "hit")]);
            let misses = lookups.get_or_create_owned(&[("result", "miss")]);
            let lock_waits = Counter::default();
            let requests = Family::<RequestLabels, Counter>::default();
            let latency = Family::<_, Histogram>::new_with_constructor(
                (|| Histogram::new(exponential_buckets(0.0001, 4.0, 10))) as fn() -> Histogram,
            );
            let mut registry = Registry::with_prefix("wechat_hub");
            registry.register(
                "upstream_calls",
                "Calls of WeChat, by path and outcome (ok, a WeChat errcode, transport, status)",
                upstream.clone(),
            );
            registry.register(
                "store_lookups",
                "Reads of a stored token or ticket: hit (fresh) or miss",
                lookups.clone(),
            );
            registry.register(
                "lock_waits",
                "Times the hub waited for another process's fetch",
                lock_waits.clone(),
            );
            registry.register(
                "requests",
                "Requests to the hub server, by route and HTTP status",
                requests.clone(),
            );
            registry.register(
                "request_duration_seconds",
                "How long the hub server took to answer, by route",
                latency.clone(),
            );
            let hot = crate::hub::protocol::ROUTES
                .into_iter()
                .map(|route| {
                    let ok = requests.get_or_create_owned(&RequestLabels { route, status: 200 });
                    (route, ok, latency.get_or_create_owned(&[("route", route)]))
                })
                .collect();
            HubMetrics {
                hot,
                registry,
                upstream,
                hits,
                misses,
                lock_waits,
                requests,
                latency,
                errcodes: Mutex::new(HashSet::new()),
            }
        }
    }

    impl HubMetrics {
        /// A call of WeChat at `path` and how it ended.
        pub(crate) fn upstream(&self, path: &'static str, error: Option<&Error>) {
            let outcome = match error {
                None => "ok".to_owned(),
                Some(Error::Api { errcode, .. }) => self.errcode_label(*errcode),
                Some(Error::Transport { .. }) => "transport".to_owned(),
                Some(Error::Status { status, .. }) => format!("http_{status}"),
                Some(_) => "other".to_owned(),
            };
            self.upstream
                .get_or_create(&[("path", path.to_owned()), ("outcome", outcome)])
                .inc();
        }

        /// An errcode as a label, while fewer than the most distinct ones have been seen.
        fn errcode_label(&self, errcode: i64) -> String {
            let mut seen = self.errcodes.lock().unwrap_or_else(|e| e.into_inner());
            if seen.contains(&errcode) || seen.len() < MAX_ERRCODE_LABELS {
                seen.insert(errcode);
                errcode.to_string()
            } else {
                "other".to_owned()
            }
        }

        pub(crate) fn lookup(&self, lookup: Lookup) {
            match lookup {
                Lookup::Hit => self.hits.inc(),
                Lookup::Miss => self.misses.inc(),
            };
        }

        pub(crate) fn lock_wait(&self) {
            self.lock_waits.inc();
        }

        /// A request of the hub server, on the route of that index in `protocol::ROUTES`
        /// (`None`: another path, counted as `other`).
        pub(crate) fn request(&self, route: Option<usize>, status: u16, seconds: f64) {
            let route = match route.and_then(|index| self.hot.get(index)) {
                Some((route, ok, latency)) => {
                    latency.observe(seconds);
                    if status == 200 {
                        ok.inc();
                        return;
                    }
                    route
                }
                None => {
                    self.latency
                        .get_or_create(&[("route", "other")])
                        .observe(seconds);
                    "other"
                }
            };
            self.requests
                .get_or_create(&RequestLabels { route, status })
                .inc();
        }

        /// Everything, as Prometheus text.
        pub(crate) fn render(&self) -> String {
            let mut text = String::new();
            // Writing into a String cannot fail.
            let _ = prometheus_client::encoding::text::encode(&mut text, &self.registry);
            text
        }
    }
}
