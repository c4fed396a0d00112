//! The compile errors of `#[wechat_client]`: one UI case per mistake, in `cases/`, each with
//! its expected `.stderr`. Regenerate them with `TRYBUILD=overwrite` and read the diff.
//!
//! A package of its own: trybuild checks the cases in a dependency tree of its own (its own
//! target dir and flags), built from this package's dependencies, so they are kept to what
//! the cases use: `wechat-runtime` with its default features.

#[test]
fn ui() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("cases/*.rs");
}
