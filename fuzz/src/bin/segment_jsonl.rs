//! `framing segment`'s JSON-lines input: any bytes, as the command reads them.
fn main() {
    afl::fuzz!(|data: &[u8]| {
        let _ = framing::cli::segment_reader("fuzz", data, std::io::sink(), false, false);
    });
}
