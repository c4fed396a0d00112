//! The `#[wechat_client]` attribute macro of [`wechat-runtime`]. Use it through
//! `wechat_runtime::wechat_client`; this crate is an implementation detail.
//!
//! [`wechat-runtime`]: https://docs.rs/wechat-runtime

mod ast;
mod ctxt;
mod expand;
mod valid;

use proc_macro::TokenStream;

// The docs live in a file of their own so that `wechat-examples` compiles their examples,
// which need `wechat-runtime` (this crate cannot depend on it).
#[cfg_attr(not(doctest), doc = include_str!("wechat_client.md"))]
#[proc_macro_attribute]
pub fn wechat_client(attr: TokenStream, item: TokenStream) -> TokenStream {
    expand::wechat_client(attr.into(), item.into()).into()
}
