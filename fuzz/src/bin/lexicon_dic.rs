//! The lexicon loader for .dic files, on any bytes, then a matcher built from what loaded.
fn main() {
    afl::fuzz!(|data: &[u8]| {
        let path = framing_fuzz::scratch(data, "dic");
        if let Ok(categories) = framing::frames::load::load_file(&path) {
            if let Ok(lexicon) = framing::frames::Lexicon::from_categories(categories) {
                let _ = framing::frames::Matcher::new(&lexicon)
                    .find("The war, the peace and U.S. aid.");
            }
        }
    });
}
