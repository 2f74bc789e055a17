//! Spreadsheet-safe CSV tables (`--csv-safe`): a text cell that begins with `=`, `+`, `-`, `@`, a tab
//! or a carriage return is a formula to Excel, LibreOffice and Google Sheets, and a text from a corpus
//! can carry one ("=HYPERLINK(...)", "-- Aleppo battle -"). With the option, such cells get a leading
//! `'`, which spreadsheets read as "text follows" and do not show. Cells that are numbers ("-0.42",
//! "-inf") are never altered, and Parquet files are left as they are: their cells are typed.
//!
//! The rewrite works on the CSV bytes as polars writes them (RFC 4180: fields quoted with `"` when
//! they hold a comma, a quote or a line break, quotes doubled), one file at a time, streamed.

use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::Path;

use crate::error::{Error, Result};

/// Whether a cell's text would start a formula.
fn risky(cell: &[u8]) -> bool {
    matches!(
        cell.first(),
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r')
    ) && std::str::from_utf8(cell).map_or(true, |s| s.trim().parse::<f64>().is_err())
}

/// Rewrites every `.csv` file directly in `dir` with its risky text cells prefixed.
pub fn make_dir_safe(dir: &Path) -> Result<()> {
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, "cannot read", e))?;
    let mut files: Vec<_> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "csv"))
        .collect();
    files.sort();
    for path in files {
        make_file_safe(&path)?;
    }
    Ok(())
}

/// Rewrites one CSV file in place (through a sibling file renamed over it).
pub fn make_file_safe(path: &Path) -> Result<()> {
    let input = std::fs::File::open(path).map_err(|e| Error::io(path, "cannot read", e))?;
    let tmp = path.with_extension("csv.safe");
    let output = std::fs::File::create(&tmp).map_err(|e| Error::write_failed(&tmp, e))?;
    let mut out = BufWriter::new(output);
    rewrite(BufReader::new(input), &mut out).map_err(|e| Error::write_failed(&tmp, e))?;
    out.flush().map_err(|e| Error::write_failed(&tmp, e))?;
    drop(out);
    std::fs::rename(&tmp, path).map_err(|e| Error::write_failed(path, e))
}

/// Copies CSV `input` to `out` with the risky cells of every row but the header prefixed.
pub fn rewrite(mut input: impl BufRead, out: &mut impl Write) -> std::io::Result<()> {
    let mut header = true;
    // The unquoted text of the current cell, and whether it was quoted.
    let mut cell = Vec::new();
    let mut quoted = false;
    let mut in_quotes = false;
    let mut at_cell_start = true;
    let flush = |cell: &mut Vec<u8>, quoted: bool, header: bool, out: &mut dyn Write| {
        let prefix = !header && risky(cell);
        if quoted {
            out.write_all(b"\"")?;
        }
        if prefix {
            out.write_all(b"'")?;
        }
        // Inside quotes a quote is doubled; outside, the cell is written as it was read.
        for &b in cell.iter() {
            if quoted && b == b'"' {
                out.write_all(b"\"\"")?;
            } else {
                out.write_all(&[b])?;
            }
        }
        if quoted {
            out.write_all(b"\"")?;
        }
        cell.clear();
        std::io::Result::Ok(())
    };
    let mut buf = Vec::new();
    loop {
        buf.clear();
        if input.read_until(b'\n', &mut buf)? == 0 {
            break;
        }
        let mut i = 0;
        while i < buf.len() {
            let b = buf[i];
            if in_quotes {
                if b == b'"' {
                    if buf.get(i + 1) == Some(&b'"') {
                        cell.push(b'"');
                        i += 1;
                    } else {
                        in_quotes = false;
                    }
                } else {
                    cell.push(b);
                }
            } else {
                match b {
                    b'"' if at_cell_start => {
                        quoted = true;
                        in_quotes = true;
                    }
                    b',' => {
                        flush(&mut cell, quoted, header, out)?;
                        out.write_all(b",")?;
                        quoted = false;
                        at_cell_start = true;
                        i += 1;
                        continue;
                    }
                    b'\n' => {
                        // A row ends (a line break inside quotes was handled above).
                        let crlf = cell.last() == Some(&b'\r');
                        if crlf {
                            cell.pop();
                        }
                        flush(&mut cell, quoted, header, out)?;
                        out.write_all(if crlf { b"\r\n" } else { b"\n" })?;
                        quoted = false;
                        at_cell_start = true;
                        header = false;
                        i += 1;
                        continue;
                    }
                    _ => cell.push(b),
                }
            }
            at_cell_start = false;
            i += 1;
        }
    }
    if !cell.is_empty() || quoted {
        flush(&mut cell, quoted, header, out)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn safe(csv: &str) -> String {
        let mut out = Vec::new();
        rewrite(csv.as_bytes(), &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn formulas_are_prefixed_and_numbers_kept() {
        let csv = "id,score,text\na,-0.42,=HYPERLINK(\"x\")\n=b,+3,\"-- Aleppo, battle -\"\nc,-inf,@user\nd,1e-3,plain\n";
        assert_eq!(
            safe(csv),
            "id,score,text\na,-0.42,'=HYPERLINK(\"x\")\n'=b,+3,\"'-- Aleppo, battle -\"\nc,-inf,'@user\nd,1e-3,plain\n"
        );
    }

    #[test]
    fn the_header_quotes_and_line_breaks_inside_cells_survive() {
        let csv = "=h,t\n\"a \"\"q\"\"\nb\",\"=1+1\"\n,\n";
        assert_eq!(safe(csv), "=h,t\n\"a \"\"q\"\"\nb\",\"'=1+1\"\n,\n");
    }
}
