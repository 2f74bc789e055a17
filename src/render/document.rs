//! A small document model — headings, paragraphs, lists, tables, charts — written out both as a
//! self-contained HTML page and as Markdown, so `report.html` and `report.md` always carry the same
//! content.

use std::fmt::Write as _;

/// One block of a document.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A heading; level 1 is the title.
    Heading(u8, String),
    /// A paragraph of plain text (`**bold**` is kept as emphasis in both outputs).
    Paragraph(String),
    /// A bulleted list.
    List(Vec<String>),
    /// A table with a header row; cells are plain text. `numeric[i]` right-aligns column i.
    Table {
        /// Column headers.
        header: Vec<String>,
        /// Rows of cells.
        rows: Vec<Vec<String>>,
        /// Which columns hold numbers.
        numeric: Vec<bool>,
    },
    /// A chart: file stem, caption, and its SVG text for inline HTML.
    Chart {
        /// File stem of the chart (`frame_density` for frame_density.png/.svg).
        name: String,
        /// One line saying how to read it.
        caption: String,
        /// The SVG document.
        svg: String,
    },
    /// Preformatted text (formulas, command lines).
    Code(String),
}

/// HTML-escapes text.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Escaped text with `**bold**` turned into `<strong>`.
fn inline_html(text: &str) -> String {
    let mut out = String::new();
    for (i, part) in text.split("**").enumerate() {
        if i % 2 == 1 {
            let _ = write!(out, "<strong>{}</strong>", escape(part));
        } else {
            out.push_str(&escape(part));
        }
    }
    out
}

/// Makes a chart's SVG fit inline: drops any XML declaration and gives it an id-free, scalable root.
fn inline_svg(svg: &str) -> String {
    let body = match svg.find("<svg") {
        Some(i) => &svg[i..],
        None => svg,
    };
    body.replacen(
        "<svg ",
        "<svg role=\"img\" style=\"max-width:100%;height:auto\" ",
        1,
    )
}

const STYLE: &str = "body{font-family:'DejaVu Sans',Verdana,sans-serif;max-width:1180px;margin:2em auto;padding:0 1em;color:#222;line-height:1.45}\
table{border-collapse:collapse;margin:1em 0;font-size:0.9em}th,td{border:1px solid #ccc;padding:0.25em 0.6em}\
th{background:#f2f2f2}td.n{text-align:right;font-variant-numeric:tabular-nums}figure{margin:1.5em 0}\
figcaption{color:#444;font-size:0.95em}pre{background:#f6f6f6;padding:0.6em;overflow-x:auto}h1{font-size:1.7em}";

/// The document as one self-contained HTML page (inline CSS and SVG, no external references).
pub fn to_html(title: &str, blocks: &[Block]) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        escape(title)
    );
    for block in blocks {
        match block {
            Block::Heading(level, text) => {
                let level = (*level).clamp(1, 6);
                let _ = writeln!(out, "<h{level}>{}</h{level}>", inline_html(text));
            }
            Block::Paragraph(text) => {
                let _ = writeln!(out, "<p>{}</p>", inline_html(text));
            }
            Block::List(items) => {
                out.push_str("<ul>\n");
                for item in items {
                    let _ = writeln!(out, "<li>{}</li>", inline_html(item));
                }
                out.push_str("</ul>\n");
            }
            Block::Table {
                header,
                rows,
                numeric,
            } => {
                out.push_str("<table>\n<thead><tr>");
                for h in header {
                    let _ = write!(out, "<th>{}</th>", escape(h));
                }
                out.push_str("</tr></thead>\n<tbody>\n");
                for row in rows {
                    out.push_str("<tr>");
                    for (i, cell) in row.iter().enumerate() {
                        let class = if numeric.get(i).copied().unwrap_or(false) {
                            " class=\"n\""
                        } else {
                            ""
                        };
                        let _ = write!(out, "<td{class}>{}</td>", escape(cell));
                    }
                    out.push_str("</tr>\n");
                }
                out.push_str("</tbody>\n</table>\n");
            }
            Block::Chart { name, caption, svg } => {
                let _ = writeln!(
                    out,
                    "<figure id=\"chart-{}\">\n{}\n<figcaption>{}</figcaption>\n</figure>",
                    escape(name),
                    inline_svg(svg),
                    inline_html(caption)
                );
            }
            Block::Code(text) => {
                let _ = writeln!(out, "<pre>{}</pre>", escape(text));
            }
        }
    }
    out.push_str("</body>\n</html>\n");
    out
}

/// Markdown text that renders as written: backslash escapes for what would start HTML (`<`), an
/// entity (`&`) or a link (`[`, `]`), so a corpus string cannot put markup or a link into a reader's
/// Markdown view. `**bold**` and other emphasis are left to work.
fn md_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '<' | '&' | '[' | ']') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// [`md_text`], also escaping what would break a table cell.
fn md_cell(text: &str) -> String {
    md_text(text).replace('|', "\\|").replace('\n', " ")
}

/// A code fence longer than any run of backticks in `text`, so the text cannot close it.
fn fence(text: &str) -> String {
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    "`".repeat(longest.max(2) + 1)
}

/// The document as Markdown; charts link to their PNG files beside it.
pub fn to_markdown(blocks: &[Block]) -> String {
    let mut out = String::new();
    for block in blocks {
        match block {
            Block::Heading(level, text) => {
                let _ = writeln!(
                    out,
                    "{} {}\n",
                    "#".repeat(usize::from((*level).clamp(1, 6))),
                    md_text(text)
                );
            }
            Block::Paragraph(text) => {
                let _ = writeln!(out, "{}\n", md_text(text));
            }
            Block::List(items) => {
                for item in items {
                    let _ = writeln!(out, "- {}", md_text(item));
                }
                out.push('\n');
            }
            Block::Table {
                header,
                rows,
                numeric,
            } => {
                let _ = writeln!(
                    out,
                    "| {} |",
                    header
                        .iter()
                        .map(|h| md_cell(h))
                        .collect::<Vec<_>>()
                        .join(" | ")
                );
                let align: Vec<&str> = (0..header.len())
                    .map(|i| {
                        if numeric.get(i).copied().unwrap_or(false) {
                            "---:"
                        } else {
                            "---"
                        }
                    })
                    .collect();
                let _ = writeln!(out, "|{}|", align.join("|"));
                for row in rows {
                    let _ = writeln!(
                        out,
                        "| {} |",
                        row.iter()
                            .map(|c| md_cell(c))
                            .collect::<Vec<_>>()
                            .join(" | ")
                    );
                }
                out.push('\n');
            }
            Block::Chart { name, caption, .. } => {
                let _ = writeln!(out, "![{name}]({name}.png)\n\n*{}*\n", md_text(caption));
            }
            Block::Code(text) => {
                let fence = fence(text);
                let _ = writeln!(out, "{fence}\n{text}\n{fence}\n");
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_from_the_data_cannot_carry_markup_or_links() {
        let hostile = "<script>x()</script> [a](javascript:x) &amp; \\<b>";
        let blocks = vec![
            Block::Heading(2, hostile.into()),
            Block::Paragraph(format!("**{hostile}**")),
            Block::List(vec![hostile.into()]),
            Block::Table {
                header: vec![hostile.into()],
                rows: vec![vec![format!("{hostile}|")]],
                numeric: vec![false],
            },
            Block::Code("``` ````".into()),
        ];
        let md = to_markdown(&blocks);
        for line in md.lines().filter(|l| !l.starts_with('`')) {
            // Every `<`, `[`, `]` and `&` is escaped, and so is every backslash of the data.
            let bytes = line.as_bytes();
            for (i, &b) in bytes.iter().enumerate() {
                if matches!(b, b'<' | b'[' | b']' | b'&') {
                    let backslashes = bytes[..i].iter().rev().take_while(|&&c| c == b'\\').count();
                    assert_eq!(backslashes % 2, 1, "unescaped {:?} in {line:?}", b as char);
                }
            }
        }
        assert!(md.contains("**\\<script>"), "emphasis still works: {md}");
        // The code block's fence is longer than any run of backticks inside it.
        assert!(md.contains("`````\n``` ````\n`````"), "{md}");
    }

    #[test]
    fn html_escapes_and_markdown_tables_align() {
        let blocks = vec![
            Block::Heading(1, "A <b> & c".into()),
            Block::Paragraph("**n** = 3".into()),
            Block::Table {
                header: vec!["word".into(), "z".into()],
                rows: vec![vec!["a|b".into(), "1.5".into()]],
                numeric: vec![false, true],
            },
        ];
        let html = to_html("t", &blocks);
        assert!(
            html.contains("<h1>A &lt;b&gt; &amp; c</h1>") && html.contains("<strong>n</strong>")
        );
        assert!(html.contains("<td class=\"n\">1.5</td>"));
        let md = to_markdown(&blocks);
        assert!(md.contains("|---|---:|") && md.contains("a\\|b"));
    }
}
