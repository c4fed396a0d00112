//! The arguments of `#[wechat_client(...)]`, parsed into a typed AST that keeps the spans.
//!
//! Parsing reports what it cannot read (an unknown or repeated key, a value of the wrong
//! syntax) into the [`Ctxt`] and goes on with the next key, so that every mistake in the
//! attribute is reported at once. Checks that need the whole attribute are in `valid.rs`.

use proc_macro2::{TokenStream, TokenTree};
use syn::ext::IdentExt;
use syn::parse::{Parse, ParseStream, Parser};
use syn::{Expr, Ident, Path, Token, Type};

use crate::ctxt::Ctxt;

pub(crate) mod kw {
    syn::custom_keyword!(storage);
    syn::custom_keyword!(args);
    syn::custom_keyword!(appid);
    syn::custom_keyword!(authorizer_appid);
    syn::custom_keyword!(base_url);
    syn::custom_keyword!(component);
    syn::custom_keyword!(work);
    syn::custom_keyword!(corpid);
    syn::custom_keyword!(agent);
    syn::custom_keyword!(app);
}

/// The keys, in the order the messages list them.
pub(crate) const KEYS: &[&str] = &[
    "storage",
    "args",
    "appid",
    "authorizer_appid",
    "base_url",
    "crate",
    "component",
    "work",
    "corpid",
    "agent",
    "app",
];

/// `key = value`; `key` keeps the span of the key.
pub(crate) struct Keyed<K, V> {
    pub(crate) key: K,
    pub(crate) value: V,
}

/// The parsed `#[wechat_client(...)]` attribute. A key whose value could not be parsed is
/// absent here, and its error is in the `Ctxt`.
#[derive(Default)]
pub(crate) struct ClientAttr {
    pub(crate) storage: Option<Keyed<kw::storage, Type>>,
    pub(crate) args: Option<Keyed<kw::args, Expr>>,
    pub(crate) appid: Option<Keyed<kw::appid, Expr>>,
    pub(crate) authorizer_appid: Option<Keyed<kw::authorizer_appid, Expr>>,
    pub(crate) base_url: Option<Keyed<kw::base_url, Expr>>,
    pub(crate) krate: Option<Keyed<Token![crate], Path>>,
    pub(crate) component: Option<kw::component>,
    pub(crate) work: Option<kw::work>,
    pub(crate) corpid: Option<Keyed<kw::corpid, Expr>>,
    pub(crate) agent: Option<Keyed<kw::agent, Expr>>,
    pub(crate) app: Option<Keyed<kw::app, Expr>>,
    /// Every known key that was written, even those whose value was wrong.
    pub(crate) given: Vec<&'static str>,
}

impl ClientAttr {
    pub(crate) fn given(&self, key: &str) -> bool {
        self.given.contains(&key)
    }

    /// Parses the tokens between the parentheses of `#[wechat_client(...)]`.
    pub(crate) fn parse(tokens: TokenStream, cx: &Ctxt) -> ClientAttr {
        let mut attr = ClientAttr::default();
        let parser = |input: ParseStream| {
            attr.parse_entries(input, cx);
            Ok(())
        };
        if let Err(error) = parser.parse2(tokens) {
            cx.syn_error(error);
        }
        attr
    }

    fn parse_entries(&mut self, input: ParseStream, cx: &Ctxt) {
        while !input.is_empty() {
            if let Err(error) = self.parse_entry(input, cx) {
                cx.syn_error(error);
                skip_value(input);
            }
            if input.is_empty() {
                break;
            }
            if input.parse::<Token![,]>().is_err() {
                let rest = skip_value(input);
                cx.error_spanned_by(
                    rest,
                    "expected `,` after the value: separate the keys with commas, \
                     as in `storage = Hub<MemoryStore>, appid = \"wx...\"`",
                );
                let _ = input.parse::<Option<Token![,]>>();
            }
        }
    }

    fn parse_entry(&mut self, input: ParseStream, cx: &Ctxt) -> syn::Result<()> {
        let lookahead = input.lookahead1();
        if lookahead.peek(kw::storage) {
            let key = self.key::<kw::storage>(input, cx, "storage")?;
            let value = value(input, "storage", Type::parse, |tokens| {
                if is_string(tokens) {
                    "`storage` takes a type, not a string: remove the quotes, \
                     as in `storage = Hub<MemoryStore>`"
                } else if syn::parse2::<Expr>(tokens.clone()).is_ok() {
                    "`storage` takes a type, not a value: write the storage's type, \
                     as in `storage = Hub<MemoryStore>`, and pass the value to `new(storage)`"
                } else {
                    "`storage` takes a type, the storage adapter that keeps the tokens: \
                     write e.g. `storage = Hub<MemoryStore>`"
                }
                .to_owned()
            })?;
            set(&mut self.storage, key, value);
        } else if lookahead.peek(kw::args) {
            let key = self.key::<kw::args>(input, cx, "args")?;
            let value = value(input, "args", Expr::parse_without_eager_brace, |_| {
                "`args` takes an expression whose type is the storage's `Args`, \
                 e.g. `args = MyArgs::from_env()`"
                    .to_owned()
            })?;
            set(&mut self.args, key, value);
        } else if lookahead.peek(kw::appid) {
            let key = self.key::<kw::appid>(input, cx, "appid")?;
            let value = value(input, "appid", string_value, |_| string_message("appid"))?;
            set(&mut self.appid, key, value);
        } else if lookahead.peek(kw::authorizer_appid) {
            let key = self.key::<kw::authorizer_appid>(input, cx, "authorizer_appid")?;
            let value = value(input, "authorizer_appid", string_value, |_| {
                string_message("authorizer_appid")
            })?;
            set(&mut self.authorizer_appid, key, value);
        } else if lookahead.peek(kw::base_url) {
            let key = self.key::<kw::base_url>(input, cx, "base_url")?;
            let value = value(input, "base_url", string_value, |_| {
                string_message("base_url")
            })?;
            set(&mut self.base_url, key, value);
        } else if lookahead.peek(Token![crate]) {
            let key = self.key::<Token![crate]>(input, cx, "crate")?;
            let value = value(input, "crate", Path::parse_mod_style, |tokens| {
                if is_string(tokens) {
                    "`crate` takes a path, not a string: remove the quotes, \
                     as in `crate = my_sdk::wechat_runtime`"
                } else {
                    "`crate` takes the path of the `wechat_runtime` crate as your code names it, \
                     e.g. `crate = my_sdk::wechat_runtime`"
                }
                .to_owned()
            })?;
            set(&mut self.krate, key, value);
        } else if lookahead.peek(kw::component) {
            let key = self.key::<kw::component>(input, cx, "component")?;
            if !input.is_empty() && !input.peek(Token![,]) {
                let rest = skip_value(input);
                cx.error_spanned_by(
                    rest,
                    "`component` is a flag and takes no value: write just `component` \
                     for a component (third-party platform) client, or remove it",
                );
            }
            self.component.get_or_insert(key);
        } else if lookahead.peek(kw::work) {
            let key = self.key::<kw::work>(input, cx, "work")?;
            if !input.is_empty() && !input.peek(Token![,]) {
                let rest = skip_value(input);
                cx.error_spanned_by(
                    rest,
                    "`work` is a flag and takes no value: write just `work` \
                     for a WeCom (企业微信) client, or remove it",
                );
            }
            self.work.get_or_insert(key);
        } else if lookahead.peek(kw::corpid) {
            let key = self.key::<kw::corpid>(input, cx, "corpid")?;
            let value = value(input, "corpid", string_value, |_| string_message("corpid"))?;
            set(&mut self.corpid, key, value);
        } else if lookahead.peek(kw::agent) {
            let key = self.key::<kw::agent>(input, cx, "agent")?;
            let value = value(input, "agent", string_value, |_| {
                "`agent` takes the agentid of a self-built application, \
                 e.g. `agent = 1000002`"
                    .to_owned()
            })?;
            set(&mut self.agent, key, value);
        } else if lookahead.peek(kw::app) {
            let key = self.key::<kw::app>(input, cx, "app")?;
            let value = value(input, "app", string_value, |_| {
                "`app` takes a `WorkApp`, e.g. `app = WorkApp::Contacts`".to_owned()
            })?;
            set(&mut self.app, key, value);
        } else if input.peek(Ident::peek_any) {
            let ident = input.call(Ident::parse_any)?;
            return Err(syn::Error::new(ident.span(), unknown_key_message(&ident)));
        } else {
            return Err(lookahead.error());
        }
        Ok(())
    }

    /// Parses a key, recording it; a repeated key is reported at its second occurrence
    /// (and its value is then ignored, but still parsed, so that its errors show too).
    fn key<K: Parse>(
        &mut self,
        input: ParseStream,
        cx: &Ctxt,
        name: &'static str,
    ) -> syn::Result<K> {
        let span = input.span();
        let key = input.parse::<K>()?;
        if self.given(name) {
            cx.error_at(
                span,
                format_args!("`{name}` is given twice: remove this second `{name}`"),
            );
        } else {
            self.given.push(name);
        }
        Ok(key)
    }
}

/// Sets a key's value, unless it was given before (the first one wins).
fn set<K, V>(slot: &mut Option<Keyed<K, V>>, key: K, value: V) {
    if slot.is_none() {
        *slot = Some(Keyed { key, value });
    }
}

/// Parses `= value` up to the next top-level comma. If `parse` fails or does not take the
/// whole value, the error spans the whole value and carries `message`.
fn value<T>(
    input: ParseStream,
    key: &str,
    parse: fn(ParseStream) -> syn::Result<T>,
    message: impl FnOnce(&TokenStream) -> String,
) -> syn::Result<T> {
    if !input.peek(Token![=]) {
        return Err(input.error(format_args!(
            "expected `=` after `{key}`: write `{key} = ...`"
        )));
    }
    input.parse::<Token![=]>()?;
    if input.is_empty() || input.peek(Token![,]) {
        return Err(input.error(format_args!("expected a value after `{key} =`")));
    }
    let fork = input.fork();
    if let Ok(value) = parse(&fork) {
        if fork.is_empty() || fork.peek(Token![,]) {
            use syn::parse::discouraged::Speculative;
            input.advance_to(&fork);
            return Ok(value);
        }
    }
    let tokens = skip_value(input);
    let message = message(&tokens);
    Err(syn::Error::new_spanned(tokens, message))
}

/// Whether a value is a single string literal (a common mistake for `storage` and `crate`,
/// in the style of serde's `crate = "..."`).
fn is_string(tokens: &TokenStream) -> bool {
    syn::parse2::<syn::LitStr>(tokens.clone()).is_ok()
}

/// `appid`, `authorizer_appid` and `base_url` take any expression; `valid.rs` rejects
/// literals that are not strings.
fn string_value(input: ParseStream) -> syn::Result<Expr> {
    Expr::parse_without_eager_brace(input)
}

fn string_message(key: &str) -> String {
    format!(
        "`{key}` takes a string: write e.g. `{key} = {}`",
        example(key)
    )
}

pub(crate) fn example(key: &str) -> &'static str {
    match key {
        "base_url" => "\"https://api.weixin.qq.com\"",
        "corpid" => "\"ww0123456789abcdef\"",
        _ => "\"wx0123456789abcdef\"",
    }
}

/// Consumes the tokens up to the next top-level comma (not included), and returns them.
/// Commas between `<` and `>` belong to a type's generic arguments.
fn skip_value(input: ParseStream) -> TokenStream {
    input
        .step(|cursor| {
            let mut rest = *cursor;
            let mut tokens = TokenStream::new();
            let mut depth = 0usize;
            while let Some((tt, next)) = rest.token_tree() {
                if let TokenTree::Punct(punct) = &tt {
                    match punct.as_char() {
                        ',' if depth == 0 => break,
                        '<' => depth += 1,
                        '>' => depth = depth.saturating_sub(1),
                        _ => {}
                    }
                }
                tokens.extend([tt]);
                rest = next;
            }
            Ok((tokens, rest))
        })
        .unwrap_or_default()
}

fn unknown_key_message(ident: &Ident) -> String {
    let name = ident.unraw().to_string();
    let valid = "`storage`, `args`, `appid`, `authorizer_appid`, `base_url`, `crate`, \
                 the flag `component`, and for WeCom the flag `work` with `corpid`, `agent` \
                 or `app`";
    match closest_key(&name) {
        Some(key) => {
            format!("unknown key `{name}`: did you mean `{key}`? `#[wechat_client]` takes {valid}")
        }
        None => format!("unknown key `{name}`: `#[wechat_client]` takes {valid}"),
    }
}

/// The key closest to a misspelt one, if it is close enough to be a typo.
fn closest_key(name: &str) -> Option<&'static str> {
    let name = name.to_ascii_lowercase();
    match name.as_str() {
        "adapter_storage" | "storage_adapter" => return Some("storage"),
        "krate" | "wechat_runtime" => return Some("crate"),
        _ => {}
    }
    KEYS.iter()
        .map(|key| (levenshtein(&name, key), *key))
        .filter(|(distance, key)| *distance <= 2.max(key.len() / 4))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, key)| key)
}

fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitute = previous + usize::from(ca != *cb);
            previous = row[j + 1];
            row[j + 1] = substitute.min(row[j] + 1).min(previous + 1);
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    fn parse(tokens: TokenStream) -> (ClientAttr, Vec<String>) {
        let cx = Ctxt::new();
        let attr = ClientAttr::parse(tokens, &cx);
        let errors = match cx.check() {
            Ok(()) => Vec::new(),
            Err(error) => error.into_iter().map(|e| e.to_string()).collect(),
        };
        (attr, errors)
    }

    #[test]
    fn parses_every_key() {
        let (attr, errors) = parse(quote! {
            component,
            storage = Hub<MemoryStore, Extra>,
            args = MyArgs::from_env(),
            appid = "wx0123456789abcdef",
            authorizer_appid = AUTHORIZER,
            base_url = "http://127.0.0.1:8080",
            crate = reexport::wx,
        });
        assert!(errors.is_empty(), "{errors:?}");
        assert!(attr.component.is_some());
        let storage = &attr.storage.unwrap().value;
        assert_eq!(
            quote!(#storage).to_string(),
            quote!(Hub<MemoryStore, Extra>).to_string()
        );
        let args = &attr.args.unwrap().value;
        assert_eq!(
            quote!(#args).to_string(),
            quote!(MyArgs::from_env()).to_string()
        );
        assert!(attr.appid.is_some());
        assert!(attr.authorizer_appid.is_some());
        assert!(attr.base_url.is_some());
        let krate = &attr.krate.unwrap().value;
        assert_eq!(quote!(#krate).to_string(), quote!(reexport::wx).to_string());
    }

    #[test]
    fn empty_attribute_parses() {
        let (attr, errors) = parse(quote!());
        assert!(errors.is_empty());
        assert!(attr.storage.is_none() && attr.given.is_empty());
    }

    #[test]
    fn unknown_key_lists_the_valid_keys() {
        let (attr, errors) = parse(quote!(storage = S, timeout = 5));
        assert_eq!(errors.len(), 1);
        assert!(
            errors[0].starts_with("unknown key `timeout`:"),
            "{}",
            errors[0]
        );
        assert!(errors[0].contains("`authorizer_appid`"));
        assert!(attr.storage.is_some());
    }

    #[test]
    fn unknown_key_suggests_a_close_one() {
        let (_, errors) = parse(quote!(storge = S));
        assert!(
            errors[0].contains("did you mean `storage`?"),
            "{}",
            errors[0]
        );
        let (_, errors) = parse(quote!(adapter_storage = S));
        assert!(
            errors[0].contains("did you mean `storage`?"),
            "{}",
            errors[0]
        );
        let (_, errors) = parse(quote!(frobnicate = S));
        assert!(!errors[0].contains("did you mean"), "{}", errors[0]);
    }

    #[test]
    fn repeated_key_is_reported_once_and_the_first_wins() {
        let (attr, errors) = parse(quote!(storage = A, appid = "a", appid = "b"));
        assert_eq!(
            errors,
            ["`appid` is given twice: remove this second `appid`"]
        );
        let appid = &attr.appid.unwrap().value;
        assert_eq!(quote!(#appid).to_string(), "\"a\"");
    }

    #[test]
    fn storage_that_is_not_a_type() {
        for tokens in [
            quote!(storage = 42),
            quote!(storage = "Hub<MemoryStore>"),
            quote!(storage = MyStorage::new()),
        ] {
            let (attr, errors) = parse(tokens);
            assert_eq!(errors.len(), 1, "{errors:?}");
            assert!(
                errors[0].starts_with("`storage` takes a type"),
                "{}",
                errors[0]
            );
            assert!(attr.storage.is_none() && attr.given("storage"));
        }
    }

    #[test]
    fn flag_with_a_value() {
        let (attr, errors) = parse(quote!(storage = S, component = true));
        assert_eq!(errors.len(), 1);
        assert!(
            errors[0].starts_with("`component` is a flag"),
            "{}",
            errors[0]
        );
        assert!(attr.component.is_some());
    }

    #[test]
    fn missing_equals_and_value() {
        let (_, errors) = parse(quote!(storage S));
        assert_eq!(
            errors,
            ["expected `=` after `storage`: write `storage = ...`"]
        );
        let (_, errors) = parse(quote!(storage =, appid = "a"));
        assert_eq!(errors, ["expected a value after `storage =`"]);
    }

    #[test]
    fn collects_every_parse_error() {
        let (attr, errors) = parse(quote!(
            storage = 1,
            nope = 2,
            appid = "a",
            appid = "b",
            crate = "x",
            component = 3
        ));
        assert_eq!(errors.len(), 5, "{errors:?}");
        assert!(attr.appid.is_some() && attr.component.is_some());
    }

    #[test]
    fn a_non_key_token() {
        let (_, errors) = parse(quote!(storage = S, "appid"));
        assert_eq!(errors.len(), 1);
        assert!(errors[0].starts_with("expected one of"), "{}", errors[0]);
    }
}
