//! The lexicon loader for .toml files, on any bytes, then a matcher built from what loaded.
fn main() {
    afl::fuzz!(|data: &[u8]| framing_fuzz::lexicon(data, "toml"));
}
