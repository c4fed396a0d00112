//! The typed APIs (`wechat_runtime::api`) against a recording mock on 127.0.0.1: for each
//! endpoint the exact request (method, path, query, body), a realistic answer, an errcode, and
//! the input rejected before anything is sent. One binary, one module per area:
//!
//! - `basic`: callback IPs, the network check, quotas, request ids.
//! - `component`: open platform (component) APIs.
//! - `customer_service`: customer service accounts, sessions and records.
//! - `datacube`: statistics.
//! - `media`: temporary media and permanent material, multipart uploads and downloads.
//! - `menu`: custom and conditional menus.
//! - `message`: customer service, template, subscribe and mass messages.
//! - `mini_program`: Mini Program server APIs.
//! - `oauth`: web OAuth and the JS-SDK.
//! - `qrcode`: QR codes and short keys.
//! - `user`: users, tags and the blacklist.
//!
//! The mock and the helpers are in `tests/tests/common`, shared with the other test binaries.

#[path = "../common/mod.rs"]
mod common;

mod basic;
mod component;
mod customer_service;
mod datacube;
mod media;
mod menu;
mod message;
mod mini_program;
mod oauth;
mod qrcode;
mod user;
