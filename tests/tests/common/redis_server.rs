//! A real `redis-server` on a free port of 127.0.0.1, stopped when dropped.

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

pub struct RedisServer {
    pub port: u16,
    dir: PathBuf,
    password: Option<String>,
    /// Extra arguments of `redis-server` (a cluster node's).
    extra: Vec<String>,
    child: Option<Child>,
}

/// A master, a replica of it and a sentinel watching them as `mymaster`.
pub struct RedisSentinel {
    pub master: RedisServer,
    pub replica: RedisServer,
    pub port: u16,
    dir: PathBuf,
    child: Option<Child>,
}

impl RedisSentinel {
    pub fn start() -> RedisSentinel {
        let master = RedisServer::start();
        let replica = RedisServer::start_node(vec![
            "--replicaof".into(),
            "127.0.0.1".into(),
            master.port.to_string(),
        ]);
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let dir =
            std::env::temp_dir().join(format!("wechat-rs-sentinel-{}-{port}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let conf = dir.join("sentinel.conf");
        std::fs::write(
            &conf,
            format!(
                "bind 127.0.0.1\nport {port}\ndir {}\nsentinel monitor mymaster 127.0.0.1 {} 1\n\
                 sentinel down-after-milliseconds mymaster 1000\nsentinel failover-timeout mymaster 5000\n",
                dir.display(),
                master.port
            ),
        )
        .unwrap();
        let child = Command::new("redis-server")
            .arg(&conf)
            .arg("--sentinel")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("redis-server runs as a sentinel");
        let sentinel = RedisSentinel {
            master,
            replica,
            port,
            dir,
            child: Some(child),
        };
        // Ready when the replica is in sync and the sentinel knows it.
        sentinel.wait_for("the replica to sync", |s| {
            redis_cli(s.replica.port, &["info", "replication"]).contains("master_link_status:up")
                && redis_cli(s.port, &["sentinel", "replicas", "mymaster"])
                    .contains(&s.replica.port.to_string())
        });
        sentinel
    }

    pub fn url(&self) -> String {
        format!("redis://127.0.0.1:{}", self.port)
    }

    /// Makes the sentinel promote the replica, and waits until it names it as the master.
    pub fn failover(&self) {
        redis_cli(self.port, &["sentinel", "failover", "mymaster"]);
        let replica = self.replica.port.to_string();
        // Done when the sentinel names the replica, which says it is master, and the old
        // master says it is a replica now (until then it would still take writes).
        self.wait_for("the failover", |s| {
            redis_cli(s.port, &["sentinel", "get-master-addr-by-name", "mymaster"])
                .contains(&replica)
                && redis_cli(s.replica.port, &["role"]).starts_with("master")
                && redis_cli(s.master.port, &["role"]).starts_with("slave")
        });
    }

    fn wait_for(&self, what: &str, done: impl Fn(&Self) -> bool) {
        for _ in 0..1000 {
            if done(self) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("timed out waiting for {what}");
    }
}

impl Drop for RedisSentinel {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// What `redis-cli -p port args...` prints.
fn redis_cli(port: u16, args: &[&str]) -> String {
    let output = Command::new("redis-cli")
        .args(["-p", &port.to_string()])
        .args(args)
        .output()
        .expect("redis-cli runs");
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// A Redis Cluster of three masters on free ports, created with `redis-cli --cluster create`.
pub struct RedisCluster {
    pub nodes: Vec<RedisServer>,
}

impl RedisCluster {
    pub fn start() -> RedisCluster {
        let nodes: Vec<RedisServer> = (0..3)
            .map(|_| RedisServer::start_node(vec!["--cluster-enabled".into(), "yes".into()]))
            .collect();
        let addresses: Vec<String> = nodes
            .iter()
            .map(|n| format!("127.0.0.1:{}", n.port))
            .collect();
        let created = Command::new("redis-cli")
            .args(["--cluster", "create"])
            .args(&addresses)
            .args(["--cluster-replicas", "0", "--cluster-yes"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .expect("redis-cli is installed with redis-server");
        assert!(created.success(), "redis-cli --cluster create failed");
        // The nodes agree on the slots a moment after: wait for every node to say so.
        for node in &nodes {
            let mut ok = false;
            for _ in 0..500 {
                let info = Command::new("redis-cli")
                    .args(["-p", &node.port.to_string(), "cluster", "info"])
                    .output()
                    .expect("redis-cli runs");
                if String::from_utf8_lossy(&info.stdout).contains("cluster_state:ok") {
                    ok = true;
                    break;
                }
                std::thread::sleep(Duration::from_millis(20));
            }
            assert!(ok, "the cluster did not come up on port {}", node.port);
        }
        RedisCluster { nodes }
    }

    pub fn urls(&self) -> Vec<String> {
        self.nodes.iter().map(RedisServer::url).collect()
    }
}

impl RedisServer {
    /// Starts one with `appendonly yes`, so that a restart loses nothing.
    pub fn start() -> RedisServer {
        Self::start_with_password(None)
    }

    /// Starts one that requires `password` (`requirepass`), when given.
    pub fn start_with_password(password: Option<&str>) -> RedisServer {
        let mut server = Self::new(password, Vec::new());
        server.spawn();
        server
    }

    /// A node of a cluster: started, not yet part of one.
    fn start_node(extra: Vec<String>) -> RedisServer {
        let mut server = Self::new(None, extra);
        server.spawn();
        server
    }

    fn new(password: Option<&str>, extra: Vec<String>) -> RedisServer {
        let cluster = extra.iter().any(|a| a == "--cluster-enabled");
        let port = loop {
            let port = TcpListener::bind("127.0.0.1:0")
                .and_then(|l| l.local_addr())
                .expect("a free port")
                .port();
            // A cluster node also listens on its port + 10000 (the cluster bus).
            if !cluster
                || (port < 55_000 && TcpListener::bind(("127.0.0.1", port + 10_000)).is_ok())
            {
                break port;
            }
        };
        let dir =
            std::env::temp_dir().join(format!("wechat-rs-redis-{}-{port}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        RedisServer {
            port,
            dir,
            password: password.map(str::to_owned),
            extra,
            child: None,
        }
    }

    /// The URL of database `db`, with the password if there is one.
    pub fn url_of_db(&self, db: u8) -> String {
        match &self.password {
            Some(password) => format!("redis://:{password}@127.0.0.1:{}/{db}", self.port),
            None => format!("redis://127.0.0.1:{}/{db}", self.port),
        }
    }

    pub fn url(&self) -> String {
        self.url_of_db(0)
    }

    fn spawn(&mut self) {
        let child = Command::new("redis-server")
            .args(["--bind", "127.0.0.1", "--port", &self.port.to_string()])
            .args([
                "--save",
                "",
                "--appendonly",
                "yes",
                "--appendfsync",
                "always",
            ])
            .arg("--dir")
            .arg(&self.dir)
            .args(
                self.password
                    .iter()
                    .flat_map(|p| ["--requirepass", p.as_str()]),
            )
            .args(&self.extra)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("redis-server is installed (scripts/test.sh installs it)");
        self.child = Some(child);
        // Generous: several servers start at once while the other tests run.
        for _ in 0..1500 {
            if self.answers() {
                return;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        panic!("redis-server did not start on port {}", self.port);
    }

    fn answers(&self) -> bool {
        use std::io::{Read, Write};
        let Ok(mut socket) = std::net::TcpStream::connect(("127.0.0.1", self.port)) else {
            return false;
        };
        let _ = socket.set_read_timeout(Some(Duration::from_secs(1)));
        // Without the password, redis answers `-NOAUTH`: it is up all the same.
        let mut reply = [0u8; 1];
        socket.write_all(b"PING\r\n").is_ok()
            && socket.read_exact(&mut reply).is_ok()
            && matches!(&reply, b"+" | b"-")
    }

    /// Stops the server (as an operator would, with SIGTERM).
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = Command::new("kill")
                .args(["-TERM", &child.id().to_string()])
                .status();
            let _ = child.wait();
        }
    }

    /// Starts it again on the same port, from the same data.
    pub fn restart(&mut self) {
        self.stop();
        self.spawn();
    }
}

impl Drop for RedisServer {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
