//! The expansion. It is thin on purpose: the generated struct wraps the runtime's generic
//! `Client<S>` and derefs to it, so the API catalog is compiled once in the runtime and not
//! once per client. Every path goes through `::wechat_runtime::__private`, or through
//! `<crate = path>::__private`.

use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned, ToTokens};
use syn::spanned::Spanned;
use syn::Item;

use crate::ast::ClientAttr;
use crate::ctxt::Ctxt;
use crate::valid::{self, Client, WorkAppValue};

/// `#[wechat_client(attr)] item`. On a mistake, the output is the `compile_error!`s next to
/// a stub: the client as far as it can be generated, or else the item as written, so that
/// one mistake does not cascade into errors wherever the type is used.
pub fn wechat_client(attr: TokenStream, item: TokenStream) -> TokenStream {
    let cx = Ctxt::new();
    let attr = ClientAttr::parse(attr, &cx);
    let expansion = match syn::parse2::<Item>(item.clone()) {
        Ok(parsed) => match valid::check(&cx, &attr, &parsed) {
            Some(client) => client.to_token_stream(),
            None => stub(parsed),
        },
        Err(error) => {
            cx.syn_error(error);
            item
        }
    };
    let errors = cx.check().err().map(|error| error.to_compile_error());
    quote!(#errors #expansion)
}

/// The item as written, except that a generic unit struct gets a `PhantomData` field, so that
/// its unused parameters add no error of their own.
fn stub(mut item: Item) -> TokenStream {
    if let Item::Struct(item) = &mut item {
        let params = item.generics.params.iter().filter_map(|param| match param {
            syn::GenericParam::Type(param) => Some(param.ident.to_token_stream()),
            syn::GenericParam::Lifetime(param) => {
                let lifetime = &param.lifetime;
                Some(quote!(&#lifetime ()))
            }
            syn::GenericParam::Const(_) => None,
        });
        let params: Vec<TokenStream> = params.collect();
        if matches!(item.fields, syn::Fields::Unit) && !params.is_empty() {
            item.fields = syn::Fields::Unnamed(syn::parse_quote! {
                (::core::marker::PhantomData<(#(#params,)*)>)
            });
        }
    }
    item.into_token_stream()
}

impl ToTokens for Client<'_> {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        let Client {
            attrs,
            vis,
            ident,
            storage,
            krate,
            ..
        } = self;
        let p = quote!(#krate::__private);
        // The one call that needs the storage trait is spanned at the storage type, so that a
        // storage without it gets one error there, with the trait's `on_unimplemented` note.
        // No `where` bounds repeat that requirement: a bound on a concrete type is checked
        // again for every client, and was most of a client's compile time.
        let span = storage.span();
        let (prefix, marker, kind) = if self.work {
            ("work", "Work", "WeCom (企业微信)")
        } else if self.component {
            ("component", "Component", "component application")
        } else {
            ("common", "Common", "common application")
        };
        let marker = syn::Ident::new(marker, Span::call_site());
        let builder_call = match self.args {
            // The args are an argument of their own, so that a wrong type is reported at the
            // expression.
            Some((_, args)) => {
                let constructor = syn::Ident::new(&format!("{prefix}_builder_with"), span);
                let p = respan(p.clone(), span);
                quote_spanned!(span=> #p::#constructor::<#storage>(storage, #args))
            }
            None => {
                let constructor = syn::Ident::new(&format!("{prefix}_builder"), span);
                let p = respan(p.clone(), span);
                quote_spanned!(span=> #p::#constructor::<#storage>(storage))
            }
        };
        let appid = self.appid.map(|appid| quote!(.appid(#appid)));
        let authorizer_appid = self
            .authorizer_appid
            .map(|authorizer_appid| quote!(.authorizer_appid(#authorizer_appid)));
        let base_url = self.base_url.map(|base_url| quote!(.base_url(#base_url)));
        let corpid = self.corpid.map(|corpid| quote!(.corpid(#corpid)));
        let work_app = self.work_app.as_ref().map(|app| match app {
            WorkAppValue::Agent(agent) => quote!(.work_app(#p::WorkApp::Agent(#agent))),
            WorkAppValue::App(app) => quote!(.work_app(#app)),
        });
        // Written out in both `new` and `builder`: a mistake in it is still reported once, as
        // rustc drops a diagnostic identical to one already emitted.
        let configured = quote!(#builder_call #appid #authorizer_appid #corpid #work_app #base_url);
        let client = quote!(#p::Client<#storage, #p::#marker>);
        let name = ident.to_string();
        let new_doc = format!(
            " Creates this {kind} client over `storage`, with the defaults given to its \
             `#[wechat_client]`.\n\n # Panics\n\n Panics if the HTTP client cannot be built; \
             [`builder`](Self::builder) returns that error instead."
        );
        let builder_doc = format!(
            " A builder of this {kind} client over `storage`, to configure the HTTP client, \
             timeouts and base URL before `.build()`. It starts from the defaults given to its \
             `#[wechat_client]`."
        );
        let debug = quote!(#p::fmt);

        tokens.extend(quote! {
            #(#attrs)*
            #vis struct #ident(#client);

            impl #ident {
                #[doc = #new_doc]
                #[inline]
                #vis fn new(storage: #storage) -> Self {
                    // Built as a plain client, with code shared by every client over this
                    // storage: going through `builder` would compile a copy per client.
                    Self(#p::build(#configured))
                }

                #[doc = #builder_doc]
                #[inline]
                #vis fn builder(storage: #storage) -> #p::ClientBuilder<#storage, #p::#marker, Self> {
                    #configured.output()
                }
            }

            #[automatically_derived]
            impl #p::From<#client> for #ident {
                #[inline]
                fn from(client: #client) -> Self {
                    Self(client)
                }
            }

            #[automatically_derived]
            impl #p::Deref for #ident {
                type Target = #client;
                #[inline]
                fn deref(&self) -> &Self::Target {
                    &self.0
                }
            }

            #[automatically_derived]
            impl #p::Clone for #ident {
                #[inline]
                fn clone(&self) -> Self {
                    Self(#p::Clone::clone(&self.0))
                }
            }

            #[automatically_derived]
            impl #debug::Debug for #ident {
                #[inline]
                fn fmt(&self, f: &mut #debug::Formatter<'_>) -> #debug::Result {
                    #p::debug_tuple(f, #name, &self.0)
                }
            }

            // The bound names the impl's lifetime, so that it is not checked here: where the
            // storage is not `Default`, the client is not either, and that is no error.
            #[automatically_derived]
            impl<'__w> #p::Default for #ident
            where
                #storage: #p::DefaultStorage<'__w>,
            {
                #[inline]
                fn default() -> Self {
                    Self::new(<#storage as #p::DefaultStorage<'__w>>::default_storage())
                }
            }
        });
    }
}

/// `tokens` with every span set to `span`, so that an error about them points at the user's
/// tokens (the storage type) rather than at the whole attribute.
fn respan(tokens: TokenStream, span: Span) -> TokenStream {
    tokens
        .into_iter()
        .map(|mut tree| {
            if let proc_macro2::TokenTree::Group(group) = &tree {
                let mut inner =
                    proc_macro2::Group::new(group.delimiter(), respan(group.stream(), span));
                inner.set_span(span);
                tree = proc_macro2::TokenTree::Group(inner);
            } else {
                tree.set_span(span);
            }
            tree
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The expansion of one client, for reading and measuring: run with `--nocapture` and
    /// pipe through `rustfmt`.
    #[test]
    fn expansion_of_one_client() {
        let tokens = wechat_client(
            quote!(storage = Hub<MemoryStore>, appid = "wx0123456789abcdef"),
            quote! {
                /// The official account.
                pub struct OfficialAccount;
            },
        );
        let text = tokens.to_string();
        println!("{text}");
        assert!(!text.contains("compile_error"));
        assert!(text.contains(
            ":: wechat_runtime :: __private :: common_builder :: < Hub < MemoryStore > >"
        ));
        assert!(text.contains(". appid (\"wx0123456789abcdef\")"));
        assert!(!text.contains("authorizer_appid"));
        // `new` builds a plain client and wraps it; through `builder` it would compile
        // `ClientBuilder<_, _, Self>` code for every client.
        assert!(!text.contains("Self :: builder"), "{text}");
        assert!(
            text.contains("Self (:: wechat_runtime :: __private :: build ("),
            "{text}"
        );
    }

    #[test]
    fn component_client_with_crate_path() {
        let text = wechat_client(
            quote!(
                component,
                storage = S,
                authorizer_appid = "wx2",
                crate = reexport::wx
            ),
            quote!(
                struct Platform;
            ),
        )
        .to_string();
        assert!(text.contains("reexport :: wx :: __private :: component_builder :: < S >"));
        assert!(text.contains(". authorizer_appid (\"wx2\")"));
        assert!(!text.contains(":: wechat_runtime"));
    }

    #[test]
    fn work_client_names_its_corp_and_app() {
        let text = wechat_client(
            quote!(work, storage = S, corpid = "ww1", agent = 1000002),
            quote!(
                struct Corp;
            ),
        )
        .to_string();
        assert!(text.contains(":: wechat_runtime :: __private :: work_builder :: < S >"));
        assert!(text.contains(". corpid (\"ww1\")"));
        assert!(text
            .contains(". work_app (:: wechat_runtime :: __private :: WorkApp :: Agent (1000002))"));
        assert!(text.contains("__private :: Work >"));
        let text = wechat_client(
            quote!(work, storage = S, corpid = "ww1", app = WorkApp::Contacts),
            quote!(
                struct Corp;
            ),
        )
        .to_string();
        assert!(text.contains(". work_app (WorkApp :: Contacts)"));
    }

    #[test]
    fn errors_come_with_a_stub() {
        // A bad value: the client is still generated, without it.
        let text = wechat_client(
            quote!(storage = S, appid = 1),
            quote!(
                struct A;
            ),
        )
        .to_string();
        assert_eq!(text.matches("compile_error").count(), 1);
        assert!(text.contains("fn new"));
        assert!(!text.contains(". appid"));
        // No storage: the struct as written.
        let text = wechat_client(
            quote!(),
            quote!(
                pub struct A;
            ),
        )
        .to_string();
        assert_eq!(text.matches("compile_error").count(), 1);
        assert!(text.ends_with("pub struct A ;"), "{text}");
        // Not a unit struct: the item as written.
        let text = wechat_client(
            quote!(storage = S),
            quote!(
                enum A {
                    B,
                }
            ),
        )
        .to_string();
        assert_eq!(text.matches("compile_error").count(), 1);
        assert!(text.ends_with("enum A { B , }"), "{text}");
        // A generic unit struct: its parameters are used, so that they add no error.
        let text = wechat_client(
            quote!(storage = S),
            quote!(
                struct A<'a, S>;
            ),
        )
        .to_string();
        assert!(
            text.ends_with(
                "struct A < 'a , S > (:: core :: marker :: PhantomData < (& 'a () , S ,) >) ;"
            ),
            "{text}"
        );
        // With `args`, they are an argument of their own, checked against the storage's `Args`.
        let text = wechat_client(
            quote!(storage = S, args = A::new()),
            quote!(
                struct A;
            ),
        )
        .to_string();
        assert!(
            text.contains("common_builder_with :: < S > (storage , A :: new ())"),
            "{text}"
        );
    }

    #[test]
    fn every_error_is_reported() {
        let text = wechat_client(
            quote!(nope, appid = 1, storage = 2),
            quote!(
                struct A {
                    x: u8,
                }
            ),
        )
        .to_string();
        assert_eq!(text.matches("compile_error").count(), 4, "{text}");
    }
}
