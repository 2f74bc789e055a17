//! The corpus reader for .parquet files, on any bytes: articles or rejected records or an error, never
//! a panic.
fn main() {
    let fields = framing::corpus::records::FieldMap::default();
    afl::fuzz!(|data: &[u8]| {
        let path = framing_fuzz::scratch(data, "parquet");
        let _ = framing::corpus::records::load_file(&path, &fields);
    });
}
