//! The lexicon loader for .dic files, on any bytes, then a matcher built from what loaded.
fn main() {
    afl::fuzz!(|data: &[u8]| framing_fuzz::lexicon(data, "dic"));
}
