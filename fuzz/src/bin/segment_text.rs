//! The segmenter on any text (bytes made UTF-8 as a corpus reader would), with and without a
//! standfirst and a headline; every unit's span must lie on character boundaries of the text.
fn main() {
    afl::fuzz!(|data: &[u8]| {
        let text = String::from_utf8_lossy(data);
        for (standfirst, no_headline) in [(false, false), (true, true)] {
            for unit in framing::segment::unit_records(&text, standfirst, no_headline) {
                assert!(
                    text.get(unit.start..unit.end).is_some(),
                    "unit span off a boundary"
                );
            }
        }
    });
}
