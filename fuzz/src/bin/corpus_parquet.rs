//! The corpus reader for .parquet files, on any bytes: articles or rejected records or an error, never
//! a panic.
fn main() {
    afl::fuzz!(|data: &[u8]| framing_fuzz::corpus(data, "parquet"));
}
