//! Validation: the checks that need the whole attribute and the item it is on. Every
//! mistake goes into the [`Ctxt`], so that they are reported together (after serde_derive's
//! `internals/check.rs` and thiserror's `valid.rs`).

use proc_macro2::{Span, TokenStream};
use quote::{quote, ToTokens};
use syn::spanned::Spanned;
use syn::{Attribute, Expr, Fields, Ident, Item, Lit, Type, Visibility};

use crate::ast::{example, ClientAttr};
use crate::ctxt::Ctxt;

/// A client that can be expanded: the item is a unit struct without generics and the
/// storage is known. Values that failed validation are left out (their errors are in the
/// `Ctxt`), so that the expansion next to the errors does not add errors of its own.
pub(crate) struct Client<'a> {
    pub(crate) attrs: &'a [Attribute],
    pub(crate) vis: &'a Visibility,
    pub(crate) ident: &'a Ident,
    pub(crate) storage: &'a Type,
    /// `args = expr`: the span of the key, and the expression.
    pub(crate) args: Option<(Span, &'a Expr)>,
    pub(crate) appid: Option<&'a Expr>,
    pub(crate) authorizer_appid: Option<&'a Expr>,
    pub(crate) base_url: Option<&'a Expr>,
    /// The path of the runtime crate: `::wechat_runtime`, or the `crate = path` given.
    pub(crate) krate: TokenStream,
    pub(crate) component: bool,
    /// A WeCom client: its corp, and its app: an agent's id or a `WorkApp` expression.
    pub(crate) work: bool,
    pub(crate) corpid: Option<&'a Expr>,
    pub(crate) work_app: Option<WorkAppValue<'a>>,
}

/// The app of a WeCom client, as the attribute gives it.
pub(crate) enum WorkAppValue<'a> {
    /// `agent = 1000002`.
    Agent(&'a Expr),
    /// `app = WorkApp::Contacts`.
    App(&'a Expr),
}

const UNIT_STRUCT: &str =
    "`#[wechat_client]` goes on a unit struct, like `pub struct OfficialAccount;`";

/// Checks the attribute against the item, and returns the client to expand, if any.
pub(crate) fn check<'a>(cx: &Ctxt, attr: &'a ClientAttr, item: &'a Item) -> Option<Client<'a>> {
    if attr.storage.is_none() && !attr.given("storage") {
        cx.error_at(
            Span::call_site(),
            "missing `storage`: add `storage = YourStorage`, the type that keeps the tokens, \
             as in `#[wechat_client(storage = Hub<MemoryStore>)]`",
        );
    }

    let component = attr.component.is_some();
    let mut authorizer_appid = attr.authorizer_appid.as_ref().map(|a| &a.value);
    if let (Some(keyed), false) = (&attr.authorizer_appid, component) {
        cx.error_at(
            keyed.key.span,
            "`authorizer_appid` is only for component clients: add the flag `component` \
             to `#[wechat_client]`, or remove `authorizer_appid`",
        );
        authorizer_appid = None;
    }

    let work = attr.work.is_some();
    if let (Some(flag), true) = (&attr.work, component) {
        cx.error_at(
            flag.span,
            "a client is either `component` (a third-party platform) or `work` (WeCom), \
             not both: remove one of the flags",
        );
    }
    let mut appid = attr.appid.as_ref().map(|a| &a.value);
    if let (Some(keyed), true) = (&attr.appid, work) {
        cx.error_at(
            keyed.key.span,
            "a WeCom client names its corp with `corpid`, not `appid`: \
             write `corpid = \"ww0123456789abcdef\"`",
        );
        appid = None;
    }
    let wecom_only = |key: &str, span: Span| {
        cx.error_at(
            span,
            format_args!(
                "`{key}` is only for WeCom clients: add the flag `work` to \
                 `#[wechat_client]`, or remove `{key}`"
            ),
        );
    };
    if !work {
        if let Some(keyed) = &attr.corpid {
            wecom_only("corpid", keyed.key.span);
        }
        if let Some(keyed) = &attr.agent {
            wecom_only("agent", keyed.key.span);
        }
        if let Some(keyed) = &attr.app {
            wecom_only("app", keyed.key.span);
        }
    }
    let corpid = string(
        cx,
        "corpid",
        attr.corpid.as_ref().map(|a| &a.value).filter(|_| work),
    );
    let work_app = match (&attr.agent, &attr.app) {
        (Some(_), Some(app)) if work => {
            cx.error_at(
                app.key.span,
                "give either `agent` (a self-built application) or `app` (a special secret \
                 such as `WorkApp::Contacts`), not both",
            );
            None
        }
        (Some(agent), _) if work => agent_id(cx, &agent.value).map(WorkAppValue::Agent),
        (None, Some(app)) if work => Some(WorkAppValue::App(&app.value)),
        _ => None,
    };

    let appid = string(cx, "appid", appid);
    let authorizer_appid = string(cx, "authorizer_appid", authorizer_appid);
    let base_url = string(cx, "base_url", attr.base_url.as_ref().map(|a| &a.value));

    let unit_struct = unit_struct(cx, item)?;
    let storage = &attr.storage.as_ref()?.value;
    Some(Client {
        attrs: &unit_struct.attrs,
        vis: &unit_struct.vis,
        ident: &unit_struct.ident,
        storage,
        args: attr.args.as_ref().map(|a| (a.key.span, &a.value)),
        appid,
        authorizer_appid,
        base_url,
        krate: match &attr.krate {
            Some(keyed) => keyed.value.to_token_stream(),
            None => quote!(::wechat_runtime),
        },
        component,
        work,
        corpid,
        work_app,
    })
}

/// `agent = 1000002`: an integer expression; a string literal is the usual slip.
fn agent_id<'a>(cx: &Ctxt, value: &'a Expr) -> Option<&'a Expr> {
    if let Expr::Lit(lit) = value {
        if !matches!(lit.lit, Lit::Int(_)) {
            cx.error_spanned_by(
                lit,
                "`agent` takes the agentid, an integer: write it without quotes, \
                 as in `agent = 1000002`",
            );
            return None;
        }
    }
    Some(value)
}

/// A literal value of `appid`, `authorizer_appid` or `base_url` must be a string (any other
/// expression is left to the type checker: it must be `Into<String>`).
fn string<'a>(cx: &Ctxt, key: &str, value: Option<&'a Expr>) -> Option<&'a Expr> {
    let expr = value?;
    let Expr::Lit(lit) = expr else {
        return Some(expr);
    };
    let what = match &lit.lit {
        Lit::Str(s) => {
            let url = s.value();
            if key == "base_url" && !(url.starts_with("http://") || url.starts_with("https://")) {
                cx.error_spanned_by(
                    lit,
                    "`base_url` must be an absolute `http://` or `https://` url, \
                     as in `base_url = \"https://api.weixin.qq.com\"`",
                );
                return None;
            }
            return Some(expr);
        }
        Lit::Int(_) => "an integer",
        Lit::Float(_) => "a float",
        Lit::Bool(_) => "a bool",
        Lit::Char(_) => "a char",
        Lit::ByteStr(_) | Lit::CStr(_) => "a byte string",
        _ => "this literal",
    };
    cx.error_spanned_by(
        lit,
        format_args!(
            "`{key}` takes a string, not {what}: write it in quotes, as in `{key} = {}`",
            example(key)
        ),
    );
    None
}

/// The item, if it is a unit struct without generics; otherwise an error says so.
fn unit_struct<'a>(cx: &Ctxt, item: &'a Item) -> Option<&'a syn::ItemStruct> {
    let (tokens, what): (TokenStream, &str) = match item {
        Item::Struct(item) => {
            let mut ok = true;
            match &item.fields {
                Fields::Unit => {}
                Fields::Unnamed(fields) => {
                    ok = false;
                    cx.error_spanned_by(
                        fields,
                        format_args!(
                            "{UNIT_STRUCT}, not a tuple struct: remove the fields; \
                             the generated struct holds the client"
                        ),
                    );
                }
                Fields::Named(fields) => {
                    ok = false;
                    cx.error_spanned_by(
                        fields,
                        format_args!(
                            "{UNIT_STRUCT}, not a struct with fields: remove the fields; \
                             the generated struct holds the client"
                        ),
                    );
                }
            }
            let generics = &item.generics;
            if !generics.params.is_empty() || generics.where_clause.is_some() {
                ok = false;
                let tokens = match &generics.where_clause {
                    Some(where_clause) => quote!(#generics #where_clause),
                    None => quote!(#generics),
                };
                cx.error_spanned_by(
                    tokens,
                    format_args!(
                        "{UNIT_STRUCT}, without generics: remove them, and give the storage \
                         type as `storage = ...`"
                    ),
                );
            }
            derives(cx, &item.attrs);
            return ok.then_some(item);
        }
        Item::Enum(item) => (pair(&item.enum_token, &item.ident), "an enum"),
        Item::Union(item) => (pair(&item.union_token, &item.ident), "a union"),
        Item::Fn(item) => (pair(&item.sig.fn_token, &item.sig.ident), "a function"),
        Item::Trait(item) => (pair(&item.trait_token, &item.ident), "a trait"),
        Item::Type(item) => (pair(&item.type_token, &item.ident), "a type alias"),
        Item::Mod(item) => (pair(&item.mod_token, &item.ident), "a module"),
        Item::Impl(item) => (pair(&item.impl_token, &item.self_ty), "an impl block"),
        Item::Const(item) => (pair(&item.const_token, &item.ident), "a const"),
        Item::Static(item) => (pair(&item.static_token, &item.ident), "a static"),
        Item::Use(item) => (item.use_token.to_token_stream(), "a `use`"),
        other => (other.to_token_stream(), "this item"),
    };
    cx.error_spanned_by(
        tokens,
        format_args!(
            "{UNIT_STRUCT}, not on {what}: declare the client as a unit struct and put \
             `#[wechat_client(...)]` on it"
        ),
    );
    None
}

fn pair(a: &dyn ToTokens, b: &dyn ToTokens) -> TokenStream {
    let mut tokens = a.to_token_stream();
    b.to_tokens(&mut tokens);
    tokens
}

/// `#[wechat_client]` implements `Clone`, `Debug` and `Default`, so a derive of one of them
/// (below the attribute, where this macro sees it) would conflict.
fn derives(cx: &Ctxt, attrs: &[Attribute]) {
    for attr in attrs.iter().filter(|attr| attr.path().is_ident("derive")) {
        let _ = attr.parse_nested_meta(|meta| {
            if let Some(name) = ["Clone", "Debug", "Default"]
                .into_iter()
                .find(|name| meta.path.is_ident(name))
            {
                cx.error_at(
                    meta.path.span(),
                    format_args!(
                        "`#[wechat_client]` implements `{name}` itself: remove `{name}` from \
                         this `#[derive]`"
                    ),
                );
            }
            Ok(())
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    fn check_tokens(attr: TokenStream, item: TokenStream) -> (bool, Vec<String>) {
        let cx = Ctxt::new();
        let attr = ClientAttr::parse(attr, &cx);
        let item: Item = syn::parse2(item).unwrap();
        let expandable = check(&cx, &attr, &item).is_some();
        let errors = match cx.check() {
            Ok(()) => Vec::new(),
            Err(error) => error.into_iter().map(|e| e.to_string()).collect(),
        };
        (expandable, errors)
    }

    #[test]
    fn accepts_a_unit_struct() {
        let (ok, errors) = check_tokens(
            quote!(storage = Hub<MemoryStore>, appid = "wx1", base_url = URL),
            quote!(
                #[doc = "x"]
                pub(crate) struct OfficialAccount;
            ),
        );
        assert!(ok && errors.is_empty(), "{errors:?}");
    }

    #[test]
    fn missing_storage() {
        let (ok, errors) = check_tokens(
            quote!(appid = "wx1"),
            quote!(
                struct A;
            ),
        );
        assert!(!ok);
        assert_eq!(errors.len(), 1);
        assert!(errors[0].starts_with("missing `storage`: add `storage = YourStorage`"));
    }

    #[test]
    fn storage_with_a_bad_value_is_not_also_missing() {
        let (ok, errors) = check_tokens(
            quote!(storage = 1),
            quote!(
                struct A;
            ),
        );
        assert!(!ok);
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(errors[0].starts_with("`storage` takes a type"));
    }

    #[test]
    fn wecom_keys_need_the_work_flag_and_agree() {
        let unit = || {
            quote!(
                struct A;
            )
        };
        let (ok, errors) = check_tokens(
            quote!(work, storage = S, corpid = "ww1", agent = 1000002),
            unit(),
        );
        assert!(ok && errors.is_empty(), "{errors:?}");
        let (_, errors) = check_tokens(quote!(storage = S, corpid = "ww1", app = A::B), unit());
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(errors.iter().all(|e| e.contains("only for WeCom clients")));
        let (_, errors) = check_tokens(
            quote!(
                work,
                component,
                storage = S,
                appid = "ww1",
                agent = "1",
                app = A::B
            ),
            unit(),
        );
        assert_eq!(errors.len(), 3, "{errors:?}");
        assert!(errors[0].starts_with("a client is either `component`"));
        assert!(errors[1].starts_with("a WeCom client names its corp with `corpid`"));
        assert!(errors[2].starts_with("give either `agent`"));
        let (_, errors) = check_tokens(quote!(work, storage = S, agent = "1000002"), unit());
        assert!(errors[0].starts_with("`agent` takes the agentid, an integer"));
    }

    #[test]
    fn authorizer_appid_needs_component() {
        let (ok, errors) = check_tokens(
            quote!(storage = S, authorizer_appid = "wx2"),
            quote!(
                struct A;
            ),
        );
        assert!(ok, "the rest still expands");
        assert_eq!(errors.len(), 1);
        assert!(errors[0].starts_with("`authorizer_appid` is only for component clients"));
        let (_, errors) = check_tokens(
            quote!(component, storage = S, authorizer_appid = "wx2"),
            quote!(
                struct A;
            ),
        );
        assert!(errors.is_empty());
    }

    #[test]
    fn literals_must_be_strings() {
        let (ok, errors) = check_tokens(
            quote!(storage = S, appid = 123, base_url = true),
            quote!(
                struct A;
            ),
        );
        assert!(ok);
        assert_eq!(
            errors,
            [
                "`appid` takes a string, not an integer: write it in quotes, as in \
                 `appid = \"wx0123456789abcdef\"`",
                "`base_url` takes a string, not a bool: write it in quotes, as in \
                 `base_url = \"https://api.weixin.qq.com\"`",
            ]
        );
        let (_, errors) = check_tokens(
            quote!(storage = S, base_url = "localhost"),
            quote!(
                struct A;
            ),
        );
        assert!(errors[0].starts_with("`base_url` must be an absolute"));
    }

    #[test]
    fn rejects_items_that_are_not_unit_structs() {
        for (item, what) in [
            (
                quote!(
                    enum A {
                        B,
                    }
                ),
                "not on an enum",
            ),
            (
                quote!(
                    fn a() {}
                ),
                "not on a function",
            ),
            (
                quote!(
                    struct A(u8);
                ),
                "not a tuple struct",
            ),
            (
                quote!(
                    struct A {
                        b: u8,
                    }
                ),
                "not a struct with fields",
            ),
            (
                quote!(
                    struct A<T>;
                ),
                "without generics",
            ),
            (
                quote!(
                    trait A {}
                ),
                "not on a trait",
            ),
        ] {
            let (ok, errors) = check_tokens(quote!(storage = S), item);
            assert!(!ok);
            assert_eq!(errors.len(), 1, "{errors:?}");
            assert!(errors[0].starts_with(UNIT_STRUCT), "{}", errors[0]);
            assert!(errors[0].contains(what), "{}", errors[0]);
        }
    }

    #[test]
    fn rejects_derives_of_generated_impls() {
        let (_, errors) = check_tokens(
            quote!(storage = S),
            quote!(
                #[derive(Debug, PartialEq, Clone)]
                struct A;
            ),
        );
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(errors[0].contains("implements `Debug` itself"));
    }

    #[test]
    fn collects_every_error_at_once() {
        let (ok, errors) = check_tokens(
            quote!(
                nope = 1,
                appid = 2,
                appid = "x",
                authorizer_appid = "y",
                base_url = 3
            ),
            quote!(
                struct A<T>(T);
            ),
        );
        assert!(!ok);
        // unknown key, repeated key, missing storage, authorizer_appid without component,
        // appid and base_url not strings, tuple struct, generics
        assert_eq!(errors.len(), 8, "{errors:#?}");
    }
}
