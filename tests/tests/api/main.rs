//! The typed APIs (`wechat_runtime::api`) against a recording mock on 127.0.0.1: for each
//! endpoint the exact request (method, path, query, body), a realistic answer, an errcode, and
//! the input rejected before anything is sent. One binary, one module per area:
//!
//! - `basic`: callback IPs, the network check, quotas, request ids.
//! - `comment`: comments on published articles, and the automatic replies.
//! - `component`: open platform (component) APIs.
//! - `customer_service`: customer service accounts, sessions and records.
//! - `datacube`: statistics.
//! - `media`: temporary media and permanent material, multipart uploads and downloads.
//! - `menu`: custom and conditional menus.
//! - `message`: customer service, template, subscribe and mass messages.
//! - `mini_program`: Mini Program server APIs.
//! - `oauth`: web OAuth and the JS-SDK.
//! - `publish`: the draft box and publishing.
//! - `qrcode`: QR codes and short keys.
//! - `user`: users, tags and the blacklist.
//! - `wxa_admin`: the open platform managing authorizers' Mini Programs.
//! - `wxa_commerce`: Mini Program shipping management, virtual payment (signed), security and
//!   login state.
//! - `wxa_extra`: Mini Program analysis, links, OCR and images, plugins, search.
//!
//! The mock and the helpers are in `tests/tests/common`, shared with the other test binaries.

#[path = "../common/mod.rs"]
mod common;

mod basic;
mod comment;
mod component;
mod customer_service;
mod datacube;
mod media;
mod menu;
mod message;
mod mini_program;
mod oauth;
mod pay;
mod publish;
mod qrcode;
mod user;
mod work_apps;
mod work_contacts;
mod work_crm;
mod wxa_admin;
mod wxa_commerce;
mod wxa_extra;
