//! Rebuilds the web crate when a translation changes: the Fluent files are compiled in.
fn main() {
    println!("cargo:rerun-if-changed=locales");
}
