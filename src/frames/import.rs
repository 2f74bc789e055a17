//! Importers for the dictionary formats researchers already own, and the native text they convert to.
//!
//! - [`load_dic`] reads LIWC `.dic` files: a header between two `%` lines numbering the categories
//!   (`1<TAB>posemo`, LIWC2015's `1<TAB>function<TAB>(Function Words)`, names with spaces), then one
//!   entry per line: a word, `*` stem or multi-word phrase followed by its category numbers, separated
//!   by tabs or spaces. Header lines indented with tabs (LIWC2015's hierarchy, as quanteda reads it)
//!   make the indented category a child of the nearest less indented one above it; an unindented
//!   header gives flat categories.
//! - [`load_yaml`] reads quanteda YAML dictionaries: a mapping of category keys to a term or a list of
//!   terms; a mapping under a key nests categories (`economy: {growth: [...]}` gives `economy_growth`
//!   with parent `economy`), and quanteda's empty key (`'': [...]`) holds the parent's own terms.
//! - [`to_toml`] writes a category in the native format, which [`super::load::load_category`] reads
//!   back.
//!
//! Every term goes through [`super::parse_term`], so it matches exactly as it would in a native file.
//! Both formats count a parent's hits as the union of its own words and its children's (LIWC codes a
//! word in a category and all its ancestors; quanteda looks a nested key up as the union of its
//! values), whereas `framing` adds a child's hits to its parent. So a term that a category shares with
//! one of its descendants is kept in the descendant only, and is counted once for the parent.
//! Constructs with no `framing` equivalent (LIWC's conditional codes `<of>131/125` and
//! `(02 134)126/253`, quanteda's one-character `?` wildcard, YAML aliases) are refused with the file
//! and line, and a hint on how to rewrite them.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use saphyr_parser::{Event, Parser, ScalarStyle};

use super::load::read_source;
use super::{parse_term, Category, Term, WordPattern};
use crate::error::{Error, Result};

/// Deepest nesting of YAML collections accepted; dictionaries need a handful of levels.
const MAX_YAML_DEPTH: usize = 64;

fn lexicon_error(path: &Path, line: usize, message: impl Into<String>) -> Error {
    Error::Lexicon {
        path: path.to_path_buf(),
        line: Some(line),
        message: message.into(),
    }
}

/// The file name shown in imported definitions.
fn file_label(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// Turns a dictionary's category label into a `framing` name: lower case, and every run of
/// characters other than `a-z` and `0-9` becomes one `_` ("Function Words" → `function_words`).
/// Empty when the label has no such characters.
fn sanitise(label: &str) -> String {
    let mut out = String::new();
    for c in label.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('_') {
            out.push('_');
        }
    }
    while out.ends_with('_') {
        out.pop();
    }
    out
}

/// A key identifying what a term matches, so duplicates can be dropped: its word patterns.
fn term_key(term: &Term) -> String {
    term.words
        .iter()
        .map(pattern_text)
        .collect::<Vec<_>>()
        .join(" ")
}

/// One word pattern written back as term text (`Glob(["cleans", ""])` → `cleans*`).
fn pattern_text(pattern: &WordPattern) -> String {
    match pattern {
        WordPattern::Exact(word) => word.clone(),
        WordPattern::Glob(parts) => parts.join("*"),
    }
}

/// Keeps the first of several terms that match the same words.
fn dedupe(terms: &mut Vec<Term>) {
    let mut seen = HashSet::new();
    terms.retain(|t| seen.insert(term_key(t)));
}

/// Applies the rules shared by both formats (see the module docs): keeps one of several terms matching
/// the same words, drops from each category the terms one of its descendants has, then leaves out
/// categories without terms, except parents that link a category with terms to a grandparent. A
/// top-level parent without terms of its own is left for [`super::Lexicon::from_categories`] to add.
fn finish(mut categories: Vec<Category>) -> Vec<Category> {
    for category in &mut categories {
        dedupe(&mut category.terms);
    }
    let index: HashMap<String, usize> = categories
        .iter()
        .enumerate()
        .map(|(i, c)| (c.name.clone(), i))
        .collect();
    let parent_of = |categories: &[Category], i: usize| -> Option<usize> {
        let parent = categories.get(i)?.parent.as_deref()?;
        index.get(parent).copied()
    };
    let n = categories.len();
    let mut shadowed: Vec<HashSet<String>> = vec![HashSet::new(); n];
    let mut needed = vec![false; n];
    for i in 0..n {
        let keys: Vec<String> = categories
            .get(i)
            .map(|c| c.terms.iter().map(term_key).collect())
            .unwrap_or_default();
        let mut current = parent_of(&categories, i);
        // Bounded walk: parents form a tree here, but never loop on a malformed one.
        for _ in 0..n {
            let Some(ancestor) = current else { break };
            if let Some(set) = shadowed.get_mut(ancestor) {
                set.extend(keys.iter().cloned());
            }
            current = parent_of(&categories, ancestor);
        }
    }
    for (category, shadowed) in categories.iter_mut().zip(&shadowed) {
        category.terms.retain(|t| !shadowed.contains(&term_key(t)));
    }
    for i in 0..n {
        if categories.get(i).is_none_or(|c| c.terms.is_empty()) {
            continue;
        }
        let mut current = parent_of(&categories, i);
        for _ in 0..n {
            let Some(ancestor) = current else { break };
            if let Some(flag) = needed.get_mut(ancestor) {
                *flag = true;
            }
            current = parent_of(&categories, ancestor);
        }
    }
    categories
        .into_iter()
        .zip(needed)
        .filter(|(c, needed)| !c.terms.is_empty() || (*needed && c.parent.is_some()))
        .map(|(c, _)| c)
        .collect()
}

// ---------------------------------------------------------------------------------------------------
// LIWC .dic

/// One category declared in a `.dic` header.
struct DicCategory {
    number: u32,
    depth: usize,
    line: usize,
    category: Category,
}

/// Splits a header label into name and description: `function<TAB>(Function Words)`,
/// `function (Function Words)`, `Function Words` or `(Function Words)`.
fn split_label(rest: &str) -> (String, Option<String>) {
    let unparen = |s: &str| {
        let s = s.trim();
        let s = s.strip_prefix('(').unwrap_or(s);
        s.strip_suffix(')').unwrap_or(s).trim().to_string()
    };
    let mut fields = rest.split('\t').map(str::trim).filter(|f| !f.is_empty());
    let first = fields.next().unwrap_or("");
    let others: Vec<&str> = fields.collect();
    let (name, paren) = match first.find('(') {
        Some(0) | None => (first.to_string(), None),
        Some(at) => {
            let (name, paren) = first.split_at(at);
            (name.trim().to_string(), Some(unparen(paren)))
        }
    };
    let description = match (paren, others.is_empty()) {
        (Some(p), true) => Some(p),
        (Some(p), false) => Some(format!("{p} {}", unparen(&others.join(" ")))),
        (None, false) => Some(unparen(&others.join(" "))),
        (None, true) => None,
    };
    let name = if name.starts_with('(') {
        unparen(&name)
    } else {
        name
    };
    (name, description.filter(|d| !d.is_empty()))
}

/// Whether a code field holds one of LIWC's conditional constructs (`<of>131/125`, `(02 134)126/253`).
fn is_conditional(code: &str) -> bool {
    code.contains(['<', '>', '(', ')', '/'])
}

/// Splits an entry line into its term and its category-number fields.
fn split_entry(line: &str) -> (String, Vec<&str>) {
    if let Some((term, codes)) = line.split_once('\t') {
        return (term.trim().to_string(), codes.split_whitespace().collect());
    }
    // Space separated: the codes are the longest run of number-like fields at the end.
    let fields: Vec<&str> = line.split_whitespace().collect();
    let code_like = |f: &&str| f.starts_with(|c: char| c.is_ascii_digit()) || is_conditional(f);
    let mut split = fields.len();
    while split > 1 && fields.get(split - 1).is_some_and(code_like) {
        split -= 1;
    }
    let (term, codes) = fields.split_at(split);
    (term.join(" "), codes.to_vec())
}

/// Loads a LIWC-style `.dic` dictionary: every category of it that has entries, in header order.
///
/// Each category's `path` is the `.dic` file, its definition names the file and the LIWC number and
/// label, and its name is the label made valid (`Function Words` → `function_words`). Categories that
/// no entry uses are left out, as are top-level parents whose words all belong to their children
/// (see the module docs); [`super::Lexicon::from_categories`] adds such parents back.
pub fn load_dic(path: &Path) -> Result<Vec<Category>> {
    let source = read_source(path)?;
    let source = source.strip_prefix('\u{feff}').unwrap_or(&source);
    let file = file_label(path);
    let err = |line: usize, message: String| lexicon_error(path, line, message);

    let mut lines = source.lines().enumerate().map(|(i, l)| (i + 1, l));
    // The header opens with a line holding only `%`.
    let open = loop {
        match lines.next() {
            Some((_, l)) if l.trim().is_empty() => continue,
            Some((n, l)) if l.trim() == "%" => break n,
            Some((n, l)) => {
                return Err(err(
                    n,
                    format!(
                        "expected a line holding only `%`, found {:?}: a LIWC .dic file starts with `%`, then one `number<TAB>name` line per category, then `%`, then the entries",
                        l.trim()
                    ),
                ))
            }
            None => return Err(err(1, "the file is empty: a LIWC .dic file starts with a `%` line and a category header".into())),
        }
    };

    let mut header: Vec<DicCategory> = Vec::new();
    let mut names: HashMap<String, usize> = HashMap::new();
    let close = loop {
        let Some((n, raw)) = lines.next() else {
            return Err(err(
                open,
                "the category header opened here has no closing `%` line: add a line holding only `%` after the last category".into(),
            ));
        };
        let line = raw.trim();
        if line.is_empty() {
            continue;
        }
        if line == "%" {
            break n;
        }
        let depth = raw.chars().take_while(|&c| c == '\t').count();
        let (number, rest) = match line.split_once(char::is_whitespace) {
            Some((number, rest)) => (number, rest.trim()),
            None => (line, ""),
        };
        if !number.chars().all(|c| c.is_ascii_digit()) {
            return Err(err(
                n,
                format!(
                    "header line {line:?} must be a category number, a tab and the category name (e.g. `1\tposemo`); if the header has ended, add a line holding only `%` before the entries"
                ),
            ));
        }
        let number: u32 = number.parse().map_err(|_| {
            err(
                n,
                format!("category number {number} is too large: number categories from 1"),
            )
        })?;
        let (label, description) = split_label(rest);
        if label.is_empty() {
            return Err(err(
                n,
                format!("category {number} has no name: write `{number}<TAB>name`"),
            ));
        }
        if let Some(first) = header.iter().find(|c| c.number == number) {
            return Err(err(
                n,
                format!(
                    "category number {number} is declared twice (also on line {}): give each category its own number",
                    first.line
                ),
            ));
        }
        let name = match sanitise(&label) {
            name if name.is_empty() => format!("category_{number}"),
            name => name,
        };
        if let Some(first) = names.get(&name) {
            return Err(err(
                n,
                format!(
                    "category {label:?} becomes the name `{name}`, already taken by the category on line {first} (names keep only a-z, 0-9 and _): rename one of them"
                ),
            ));
        }
        names.insert(name.clone(), n);
        // A line indented deeper than an earlier one is its child (LIWC2015 hierarchy); an indented
        // line with nothing shallower above it is a top-level category like any other.
        let parent = header
            .iter()
            .rev()
            .find(|c| c.depth < depth)
            .map(|p| p.category.name.clone());
        let definition = match &description {
            Some(d) => format!("Imported from {file} (LIWC category {number} {label}: {d})"),
            None => format!("Imported from {file} (LIWC category {number} {label})"),
        };
        header.push(DicCategory {
            number,
            depth,
            line: n,
            category: Category {
                name,
                definition,
                parent,
                function: None,
                color: None,
                terms: Vec::new(),
                exclude_negated: false,
                min_hits: 1.0,
                path: path.to_path_buf(),
            },
        });
    };
    if header.is_empty() {
        return Err(err(
            close,
            "the header declares no categories: list them between the `%` lines as `number<TAB>name`".into(),
        ));
    }
    let mut declared: Vec<String> = header.iter().map(|c| c.number.to_string()).collect();
    if declared.len() > 12 {
        declared.truncate(12);
        declared.push("...".into());
    }
    let declared = declared.join(", ");

    let mut entries = 0usize;
    for (n, raw) in lines {
        let line = raw.trim();
        if line.is_empty() {
            continue;
        }
        if line == "%" {
            return Err(err(
                n,
                format!(
                    "unexpected `%`: the header ended on line {close} and entries follow it; remove this line"
                ),
            ));
        }
        let (text, codes) = split_entry(line);
        if let Some(code) = codes.iter().find(|c| is_conditional(c)) {
            return Err(err(
                n,
                format!(
                    "conditional category code {code:?} (LIWC's rule that depends on the neighbouring word) is not supported: replace it by the plain category numbers the entry should count for, write the phrase as its own entry (e.g. `kind of<TAB>131`), or delete the line"
                ),
            ));
        }
        if codes.is_empty() {
            return Err(err(
                n,
                format!(
                    "entry {line:?} has no category numbers: write the word, a tab, then the numbers of its categories (e.g. `abandon*\t1\t4`)"
                ),
            ));
        }
        let term = parse_term(&text).map_err(|m| err(n, m))?;
        let mut targets: Vec<usize> = Vec::with_capacity(codes.len());
        for code in codes {
            let number: u32 = match code.parse() {
                Ok(number) if code.chars().all(|c| c.is_ascii_digit()) => number,
                _ => {
                    return Err(err(
                        n,
                        format!(
                            "{code:?} is not a category number: after the word, list only the numbers declared in the header ({declared})"
                        ),
                    ))
                }
            };
            match header.iter().position(|c| c.number == number) {
                Some(i) if !targets.contains(&i) => targets.push(i),
                Some(_) => {}
                None => {
                    return Err(err(
                        n,
                        format!(
                            "category number {number} is not declared in the header (lines {open}-{close}, numbers {declared}): declare it there as `{number}<TAB>name` or remove it from this entry"
                        ),
                    ))
                }
            }
        }
        for i in targets {
            if let Some(c) = header.get_mut(i) {
                c.category.terms.push(term.clone());
            }
        }
        entries += 1;
    }
    if entries == 0 {
        return Err(err(
            close,
            "the dictionary has no entries after the header: add one line per word, with its category numbers".into(),
        ));
    }
    Ok(finish(header.into_iter().map(|c| c.category).collect()))
}

// ---------------------------------------------------------------------------------------------------
// quanteda YAML

/// A YAML value with the line it starts on.
enum Node {
    /// A scalar; `null` for an empty or `~`/`null` plain scalar.
    Scalar {
        text: String,
        null: bool,
        line: usize,
    },
    Seq {
        items: Vec<Node>,
        line: usize,
    },
    Map {
        entries: Vec<(Node, Node)>,
        line: usize,
    },
    Alias {
        line: usize,
    },
}

impl Node {
    fn line(&self) -> usize {
        match self {
            Node::Scalar { line, .. }
            | Node::Seq { line, .. }
            | Node::Map { line, .. }
            | Node::Alias { line } => *line,
        }
    }
}

/// A collection being read.
enum Open {
    Seq(Vec<Node>, usize),
    Map(Vec<Node>, usize),
}

const YAML_HINT: &str = "a quanteda dictionary maps each category to a list of terms, e.g. `economy: [growth, \"trade deficit\"]`, and may nest categories (`economy: {growth: [boom*]}`)";

/// Parses YAML text into one document tree.
fn parse_yaml(path: &Path, source: &str) -> Result<Option<Node>> {
    let err = |line: usize, message: String| lexicon_error(path, line, message);
    let mut stack: Vec<Open> = Vec::new();
    let mut root: Option<Node> = None;
    let mut documents = 0usize;
    for event in Parser::new_from_str(source) {
        let (event, span) = event.map_err(|e| {
            err(
                e.marker().line().max(1),
                format!("YAML syntax error: {} ({YAML_HINT})", e.info()),
            )
        })?;
        let line = span.start.line().max(1);
        let node = match event {
            Event::DocumentStart(_) => {
                documents += 1;
                if documents > 1 {
                    return Err(err(
                        line,
                        "a second YAML document: keep the whole dictionary in one document (remove the `---` line)".into(),
                    ));
                }
                continue;
            }
            Event::SequenceStart(..) | Event::MappingStart(..) => {
                if stack.len() >= MAX_YAML_DEPTH {
                    return Err(err(
                        line,
                        format!(
                            "nesting deeper than {MAX_YAML_DEPTH} levels: flatten the dictionary"
                        ),
                    ));
                }
                stack.push(match event {
                    Event::SequenceStart(..) => Open::Seq(Vec::new(), line),
                    _ => Open::Map(Vec::new(), line),
                });
                continue;
            }
            Event::SequenceEnd | Event::MappingEnd => match stack.pop() {
                Some(Open::Seq(items, line)) => Node::Seq { items, line },
                Some(Open::Map(items, line)) => {
                    let mut entries = Vec::with_capacity(items.len() / 2);
                    let mut items = items.into_iter();
                    while let (Some(key), Some(value)) = (items.next(), items.next()) {
                        entries.push((key, value));
                    }
                    Node::Map { entries, line }
                }
                None => continue,
            },
            Event::Scalar(text, style, ..) => {
                let null = style == ScalarStyle::Plain
                    && matches!(text.as_ref(), "" | "~" | "null" | "Null" | "NULL");
                Node::Scalar {
                    text: text.into_owned(),
                    null,
                    line,
                }
            }
            Event::Alias(_) => Node::Alias { line },
            _ => continue,
        };
        match stack.last_mut() {
            Some(Open::Seq(items, _) | Open::Map(items, _)) => items.push(node),
            None => root = Some(node),
        }
    }
    Ok(root)
}

/// Walks a parsed quanteda dictionary into categories.
struct YamlImport<'a> {
    path: &'a Path,
    file: String,
    categories: Vec<Category>,
    /// Category name → line of the key that made it.
    names: HashMap<String, usize>,
}

impl YamlImport<'_> {
    fn err(&self, line: usize, message: String) -> Error {
        lexicon_error(self.path, line, message)
    }

    fn term(&self, node: &Node, key: &str) -> Result<Term> {
        match node {
            Node::Scalar { null: true, line, .. } => Err(self.err(
                *line,
                format!("empty term in `{key}`: remove it or write a word"),
            )),
            Node::Scalar { text, line, .. } => {
                if text.contains('?') {
                    return Err(self.err(
                        *line,
                        format!(
                            "term {:?} in `{key}` uses quanteda's `?` wildcard (exactly one character), which framing cannot express: use `*` (any run of characters) or list the forms, e.g. `colour` and `color`",
                            text.trim()
                        ),
                    ));
                }
                parse_term(text).map_err(|m| self.err(*line, format!("in `{key}`: {m}")))
            }
            Node::Seq { line, .. } | Node::Map { line, .. } => Err(self.err(
                *line,
                format!(
                    "`{key}` has a list or mapping among its terms: terms are strings; to nest categories, map a key to them instead (`{key}: {{sub: [word]}}`)"
                ),
            )),
            Node::Alias { line } => Err(self.alias(*line)),
        }
    }

    fn alias(&self, line: usize) -> Error {
        self.err(
            line,
            "YAML aliases (`*name`) are not supported: write the terms out in full".into(),
        )
    }

    /// Terms of a key's value when it is a term or a list of terms.
    fn terms(&self, value: &Node, key: &str, key_line: usize) -> Result<Vec<Term>> {
        let mut terms = Vec::new();
        match value {
            Node::Scalar { null: true, .. } => {}
            Node::Scalar { .. } => terms.push(self.term(value, key)?),
            Node::Seq { items, .. } => {
                for item in items {
                    terms.push(self.term(item, key)?);
                }
            }
            Node::Map { line, .. } => {
                return Err(self.err(
                    *line,
                    format!("`{key}` nests a mapping inside the parent's own terms (`''`): give the subcategories their own keys"),
                ))
            }
            Node::Alias { line } => return Err(self.alias(*line)),
        }
        if terms.is_empty() {
            return Err(self.err(
                key_line,
                format!("`{key}` has no terms: give it a list (`{key}: [word, \"two words\"]`) or remove it"),
            ));
        }
        Ok(terms)
    }

    /// Reads the category for `key: value` below `parent` (none at the top level).
    fn category(&mut self, key: &Node, value: &Node, parent: Option<(&str, &str)>) -> Result<()> {
        let (label, key_line) = match key {
            Node::Scalar { text, line, .. } => (text.trim(), *line),
            Node::Alias { line } => return Err(self.alias(*line)),
            other => {
                let message = format!("category keys must be plain names ({YAML_HINT})");
                return Err(self.err(other.line(), message));
            }
        };
        let part = sanitise(label);
        if part.is_empty() {
            return Err(self.err(
                key_line,
                format!(
                    "key {label:?} has no letters a-z or digits, so it cannot name a category (names use a-z, 0-9 and _): rename it"
                ),
            ));
        }
        let (name, path_label) = match parent {
            Some((parent_name, parent_label)) => (
                format!("{parent_name}_{part}"),
                format!("{parent_label} > {label}"),
            ),
            None => (part, label.to_string()),
        };
        if let Some(first) = self.names.get(&name) {
            return Err(self.err(
                key_line,
                format!(
                    "key {label:?} gives the category name `{name}`, already taken by the key on line {first} (nested keys are joined with `_`, and names keep only a-z, 0-9 and _): rename one of them"
                ),
            ));
        }
        self.names.insert(name.clone(), key_line);
        let (terms, children) = match value {
            Node::Map { entries, .. } => {
                let mut own = Vec::new();
                let mut children = Vec::new();
                for (k, v) in entries {
                    match k {
                        Node::Scalar { text, null, .. } if *null || text.trim().is_empty() => {
                            own.extend(self.terms(v, &path_label, k.line())?);
                        }
                        _ => children.push((k, v)),
                    }
                }
                if own.is_empty() && children.is_empty() {
                    return Err(self.err(
                        key_line,
                        format!("`{path_label}` is an empty mapping: give it terms or subcategories, or remove it"),
                    ));
                }
                (own, children)
            }
            _ => (self.terms(value, &path_label, key_line)?, Vec::new()),
        };
        self.categories.push(Category {
            name: name.clone(),
            definition: format!(
                "Imported from {} (quanteda dictionary key {path_label})",
                self.file
            ),
            parent: parent.map(|(p, _)| p.to_string()),
            function: None,
            color: None,
            terms,
            exclude_negated: false,
            min_hits: 1.0,
            path: self.path.to_path_buf(),
        });
        for (k, v) in children {
            self.category(k, v, Some((&name, &path_label)))?;
        }
        Ok(())
    }
}

/// Loads a quanteda-style YAML dictionary: a mapping of category keys to terms, in file order.
///
/// A key maps to one term or a list of terms; a key mapping to further keys nests categories:
/// `economy: {growth: [...]}` gives `economy_growth` with parent `economy`, and the empty key
/// (`'': [...]`) gives `economy` its own terms. Terms are words, `*` globs and phrases (`"united
/// nations"`); quanteda's `?` wildcard has no equivalent and is refused. A top-level parent with no
/// terms of its own is left for [`super::Lexicon::from_categories`] to add.
pub fn load_yaml(path: &Path) -> Result<Vec<Category>> {
    let source = read_source(path)?;
    let root = parse_yaml(path, &source)?;
    let entries = match root {
        Some(Node::Map { entries, .. }) if !entries.is_empty() => entries,
        Some(Node::Map { line, .. })
        | Some(Node::Scalar {
            null: true, line, ..
        }) => {
            return Err(lexicon_error(
                path,
                line,
                format!("the dictionary has no categories: {YAML_HINT}"),
            ))
        }
        None => {
            return Err(lexicon_error(
                path,
                1,
                format!("the file is empty: {YAML_HINT}"),
            ))
        }
        Some(other) => {
            return Err(lexicon_error(
                path,
                other.line(),
                format!("the top level must be a mapping of category names: {YAML_HINT}"),
            ))
        }
    };
    let mut import = YamlImport {
        path,
        file: file_label(path),
        categories: Vec::new(),
        names: HashMap::new(),
    };
    for (key, value) in &entries {
        if let Node::Scalar { text, null, line } = key {
            if *null || text.trim().is_empty() {
                return Err(import.err(
                    *line,
                    "a top-level key is empty: name the category (`''` holds a parent's own terms only inside a nested key)".into(),
                ));
            }
        }
        import.category(key, value, None)?;
    }
    Ok(finish(import.categories))
}

// ---------------------------------------------------------------------------------------------------
// Native TOML

/// A TOML string literal holding `s`.
pub fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// The native TOML text of a category (what `framing lexicon import` writes), which
/// [`super::load::load_category`] reads back to an equal category (except `path`).
///
/// A category without terms (a parent that only gathers its children) gives `terms = []`, which
/// `load_category` refuses: leave such parents out, and [`super::Lexicon::from_categories`] adds
/// top-level ones back.
pub fn to_toml(category: &Category) -> String {
    let mut out = String::new();
    if let Some(file) = category.path.file_name() {
        out.push_str(&format!(
            "# Written by framing from {}.\n",
            file.to_string_lossy().replace(['\n', '\r'], " ")
        ));
    }
    out.push_str(&format!("name = {}\n", toml_string(&category.name)));
    out.push_str(&format!(
        "definition = {}\n",
        toml_string(&category.definition)
    ));
    if let Some(parent) = &category.parent {
        out.push_str(&format!("parent = {}\n", toml_string(parent)));
    }
    if let Some(function) = &category.function {
        out.push_str(&format!("function = {}\n", toml_string(function)));
    }
    if let Some(color) = &category.color {
        out.push_str(&format!("color = {}\n", toml_string(color)));
    }
    if category.exclude_negated {
        out.push_str("exclude_negated = true\n");
    }
    if category.terms.is_empty() {
        out.push_str("terms = []\n");
        return out;
    }
    out.push_str("terms = [\n");
    for term in &category.terms {
        let text = toml_string(&term.text);
        if term.weight == 1.0 && term.exclude.is_empty() {
            out.push_str(&format!("  {text},\n"));
            continue;
        }
        let mut fields = vec![format!("term = {text}")];
        if term.weight != 1.0 {
            fields.push(format!("weight = {}", toml::Value::Float(term.weight)));
        }
        if !term.exclude.is_empty() {
            let phrases: Vec<String> = term
                .exclude
                .iter()
                .map(|words| {
                    let phrase: Vec<String> = words.iter().map(pattern_text).collect();
                    toml_string(&phrase.join(" "))
                })
                .collect();
            fields.push(format!("exclude = [{}]", phrases.join(", ")));
        }
        out.push_str(&format!("  {{ {} }},\n", fields.join(", ")));
    }
    out.push_str("]\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sanitises_labels() {
        assert_eq!(sanitise("Affect"), "affect");
        assert_eq!(sanitise("Function Words"), "function_words");
        assert_eq!(sanitise("  (Social) -- Processes!"), "social_processes");
        assert_eq!(sanitise("economy_growth"), "economy_growth");
        assert_eq!(sanitise("???"), "");
    }

    #[test]
    fn splits_header_labels() {
        let s = |x: &str| split_label(x);
        assert_eq!(s("posemo"), ("posemo".into(), None));
        assert_eq!(
            s("function\t(Function Words)"),
            ("function".into(), Some("Function Words".into()))
        );
        assert_eq!(
            s("function (Function Words)"),
            ("function".into(), Some("Function Words".into()))
        );
        assert_eq!(s("Function Words"), ("Function Words".into(), None));
        assert_eq!(s("(Function Words)"), ("Function Words".into(), None));
    }

    #[test]
    fn splits_entries() {
        assert_eq!(
            split_entry("abandon*\t1\t4"),
            ("abandon*".into(), vec!["1", "4"])
        );
        assert_eq!(
            split_entry("kind of\t02 13"),
            ("kind of".into(), vec!["02", "13"])
        );
        assert_eq!(split_entry("a lot 1 2"), ("a lot".into(), vec!["1", "2"]));
        assert_eq!(split_entry("word"), ("word".into(), vec![]));
        assert_eq!(
            split_entry("like (02 134)126/253 464"),
            ("like".into(), vec!["(02", "134)126/253", "464"])
        );
    }
}
