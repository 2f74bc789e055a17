//! `framing score`'s JSON-lines input: any bytes, as the command reads them.
fn main() {
    let scorer = framing_fuzz::scorer();
    afl::fuzz!(|data: &[u8]| {
        let _ = framing::cli::score_reader(scorer, "fuzz", data, std::io::sink());
    });
}
