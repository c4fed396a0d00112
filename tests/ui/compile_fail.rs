//! The compile errors of `#[wechat_client]`: one UI case per mistake, in `tests/ui/`, each
//! with its expected `.stderr`. Regenerate them with `TRYBUILD=overwrite` and read the diff.

#[test]
fn ui() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("tests/ui/*.rs");
}
