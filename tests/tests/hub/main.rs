//! The hub side: the hub server over a real socket and `HubClient`, persistences (a
//! `HubStorage` of its own, `RedisStore` on a real redis-server).

#[path = "../common/mod.rs"]
mod common;

mod persistence;
mod redis_store;
mod server;
