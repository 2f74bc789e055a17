//! Embeds the shipped lexicon sets (`lexicons/<set>/*`) in the binary, so that `framing` works outside a
//! checkout of the repository. Every folder under `lexicons/` is a set; every dictionary or layer file in it
//! is embedded. The generated table is read by `src/lexicons.rs`.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    // Read at run time, not baked in with env!(): a build script binary reused from another checkout
    // of the same commit range must still read this checkout's lexicons.
    let manifest_dir =
        std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let root = Path::new(&manifest_dir).join("lexicons");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut files = Vec::new();
    let mut sets: Vec<_> = std::fs::read_dir(&root)
        .expect("lexicons/ is part of the source tree")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    sets.sort();
    for set in &sets {
        let mut paths: Vec<_> = std::fs::read_dir(set)
            .expect("a lexicon set folder is readable")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p.is_file()
                    && matches!(
                        p.extension().and_then(|x| x.to_str()),
                        Some("toml" | "dic" | "yml" | "yaml" | "tsv")
                    )
            })
            .collect();
        paths.sort();
        for path in paths {
            files.push((
                set.file_name().unwrap().to_string_lossy().into_owned(),
                path.file_name().unwrap().to_string_lossy().into_owned(),
                path,
            ));
        }
    }
    let mut code = String::from("/// (set, file name, contents) of every embedded lexicon file, sorted.\npub static FILES: &[(&str, &str, &[u8])] = &[\n");
    for (set, name, path) in &files {
        writeln!(
            code,
            "    ({set:?}, {name:?}, include_bytes!({:?})),",
            path.display().to_string()
        )
        .unwrap();
    }
    code.push_str("];\n");
    let out = Path::new(&std::env::var("OUT_DIR").unwrap()).join("built_in_lexicons.rs");
    std::fs::write(out, code).unwrap();
}
