//! Integration tests of `wechat-simulator`, as one test binary: each area a module, the
//! helpers in `common`. They talk to a real simulator over HTTP on 127.0.0.1.

mod common;

mod api;
mod component;
mod control;
mod coverage;
mod faults;
mod pay;
mod push;
mod tokens;

// The typed calls of the SDK against the simulator, one module per group of areas.
mod media_apps;
mod messaging;
mod publish;
mod users;
mod wxa_admin;
mod wxa_commerce;
mod wxa_extra;

// WeCom (企业微信): tokens, tickets, pushes.
mod work;
mod work_areas;
mod work_crm;
