//! What the fuzz targets share: a scratch file per process for the readers that take a path, and the
//! scorer, built once.

use std::path::PathBuf;

/// Writes `data` to this process's scratch file with extension `ext` (in /dev/shm when it exists,
/// so that each execution stays in memory) and returns its path.
pub fn scratch(data: &[u8], ext: &str) -> PathBuf {
    let dir = if std::path::Path::new("/dev/shm").is_dir() {
        PathBuf::from("/dev/shm")
    } else {
        std::env::temp_dir()
    };
    let path = dir.join(format!("framing_fuzz_{}.{ext}", std::process::id()));
    std::fs::write(&path, data).expect("the scratch file can be written");
    path
}

/// The scorer of the built-in `frames` and `sentiment` sets, built on first use.
pub fn scorer() -> &'static framing::score::Scorer {
    static SCORER: std::sync::OnceLock<framing::score::Scorer> = std::sync::OnceLock::new();
    SCORER.get_or_init(|| {
        framing::cli::LexiconPaths {
            lexicons: "frames".into(),
            sentiment_lexicons: "sentiment".into(),
        }
        .scorer()
        .expect("the built-in lexicons load")
    })
}

/// One execution of a lexicon target: `data` loaded as a `.ext` dictionary file, then a matcher built
/// from what loaded and run on a sentence.
pub fn lexicon(data: &[u8], ext: &str) {
    let path = scratch(data, ext);
    if let Ok(categories) = framing::frames::load::load_file(&path) {
        if let Ok(lexicon) = framing::frames::Lexicon::from_categories(categories) {
            let _ =
                framing::frames::Matcher::new(&lexicon).find("The war, the peace and U.S. aid.");
        }
    }
}

/// One execution of a corpus target: `data` read as a `.ext` corpus file.
pub fn corpus(data: &[u8], ext: &str) {
    let fields = framing::corpus::records::FieldMap::default();
    let _ = framing::corpus::records::load_file(&scratch(data, ext), &fields);
}
