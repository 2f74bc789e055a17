//! Page furniture: the text a web page carries besides the article — gallery captions, video players,
//! image credits, newsletter pitches, copyright lines — found in two ways before segmentation.
//!
//! - **Built-in artefacts** ([`artefact`]): a short list of scraping artefacts common across sites
//!   ("Hide Caption 3 of 18", "JUST WATCHED … Replay More Videos … MUST WATCH", "Image copyright …",
//!   "Enlarge this image toggle caption …", "Your browser does not support …").
//! - **Learned per outlet** ([`Learner`]): a first, streaming pass counts, for each outlet, in how many of
//!   its articles each line (and each sentence-like piece of a longer line) occurs, after normalising case,
//!   spaces, quotes and digits. A string in at least [`Options::min_share`] of an outlet's articles, and in
//!   at least [`Options::min_articles`] of them, is that outlet's furniture.
//!
//! The learner keeps 64-bit hashes and counts, never text, and prunes rare strings as it goes (lossy
//! counting, Manku & Motwani 2002, with one bucket per [`BUCKET`] articles of an outlet), so memory stays
//! bounded however large the corpus. It is fed in corpus order, so what it learns does not depend on the
//! thread count. [`Furniture::spans`] then marks the matching byte spans of an article, which the segment
//! stage types as boilerplate: never scored, never counted in tokens.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;
use std::sync::LazyLock;

use memchr::memmem::{Finder, FinderRev};

/// How furniture is learned.
#[derive(Debug, Clone)]
pub struct Options {
    /// Whether furniture is removed at all (`--furniture on|off`).
    pub enabled: bool,
    /// The metadata field naming the outlet (`--source-field`); articles without it form one pool.
    pub source_field: String,
    /// Share of an outlet's articles a string must occur in.
    pub min_share: f64,
    /// Articles of an outlet a string must occur in, whatever the share.
    pub min_articles: u32,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            enabled: true,
            source_field: "outlet".into(),
            min_share: 0.02,
            min_articles: 5,
        }
    }
}

/// Articles of one outlet per pruning bucket of the learner: strings seen in fewer than one article per
/// bucket are forgotten (they can be undercounted by at most one per bucket, 0.1% of the outlet's
/// articles, far below [`Options::min_share`]).
pub const BUCKET: u32 = 1000;

/// Sentence-like pieces of a line are learned only from this many words up, so that short, common
/// sentences ("Thank you.") are never taken for furniture.
const MIN_PIECE_WORDS: usize = 4;

/// Where a furniture span came from.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Origin {
    /// One of the built-in artefacts, by name.
    Artefact(&'static str),
    /// A string learned from the outlet's articles, in its normalised form.
    Learned(String),
}

impl Origin {
    /// `artefact` or `learned`, for tables.
    pub fn kind(&self) -> &'static str {
        match self {
            Origin::Artefact(_) => "artefact",
            Origin::Learned(_) => "learned",
        }
    }

    /// The string the table lists: the artefact's name, or the learned string.
    pub fn label(&self) -> &str {
        match self {
            Origin::Artefact(name) => name,
            Origin::Learned(s) => s,
        }
    }
}

/// One furniture span of an article's original text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// Byte range into the original text, trimmed of spaces; never crosses a line.
    pub range: Range<usize>,
    /// Why it is furniture.
    pub origin: Origin,
}

/// A string's form for counting: lower case, straight quotes, every run of digits as `0`, every run of
/// spaces as one space, trimmed. "Hide Caption 3 of 18" and "hide caption 4 of 24" become equal.
pub fn normal_form(s: &str) -> String {
    let mut out = Vec::with_capacity(s.len());
    normalise(s, |b| out.push(b));
    // Whole UTF-8 sequences are emitted, so this never fails.
    String::from_utf8(out).unwrap_or_default()
}

/// Hands the bytes of [`normal_form`] to `emit`, one by one: ASCII byte by byte, other characters
/// decoded (whole UTF-8 sequences out). Every line of every article passes here, in both passes.
fn normalise(s: &str, mut emit: impl FnMut(u8)) {
    let s = s.trim();
    let bytes = s.as_bytes();
    let mut space = false;
    let mut digit = false;
    let mut started = false;
    let mut i = 0;
    while i < bytes.len() {
        let c = match bytes[i] {
            b if b < 0x80 => b as char,
            _ => s[i..].chars().next().unwrap_or(' '),
        };
        i += c.len_utf8();
        if c.is_whitespace() {
            space = true;
            digit = false;
            continue;
        }
        if space && started {
            emit(b' ');
        }
        space = false;
        started = true;
        if c.is_ascii_digit() {
            if !digit {
                emit(b'0');
            }
            digit = true;
            continue;
        }
        digit = false;
        let mut buf = [0u8; 4];
        match c {
            c if c.is_ascii() => emit((c as u8).to_ascii_lowercase()),
            '‘' | '’' | '‛' | '′' => emit(b'\''),
            '“' | '”' | '„' | '″' => emit(b'"'),
            c => c
                .to_lowercase()
                .for_each(|l| l.encode_utf8(&mut buf).bytes().for_each(&mut emit)),
        }
    }
}

/// The hash of a string's [`normal_form`], computed without building it: the normalised bytes are taken
/// eight at a time into a multiply–rotate chain, then finalised. Fixed, so that every shard and every run
/// agree; `kind` keeps lines and pieces apart.
fn hash_of(kind: u8, s: &str) -> u64 {
    let (mut h, mut word, mut n) = (0x9e37_79b9_7f4a_7c15 ^ kind as u64, 0u64, 0u32);
    normalise(s, |b| {
        word |= (b as u64) << (8 * n);
        n += 1;
        if n == 8 {
            h = (h ^ word)
                .wrapping_mul(0xff51_afd7_ed55_8ccd)
                .rotate_left(29);
            word = 0;
            n = 0;
        }
    });
    crate::duplicates::mix(h ^ word ^ ((n as u64) << 59))
}

/// A line's hash and its sentence-like [`pieces`] with theirs, from one pass over the text: the line's
/// hash is the hash of the sequence of its pieces' hashes.
fn line_hashes(line: &str, out: &mut Vec<(Range<usize>, u64)>) -> u64 {
    out.clear();
    let mut h = LINE as u64;
    for p in pieces(line) {
        let piece = hash_of(PIECE, &line[p.clone()]);
        h = (h ^ piece)
            .wrapping_mul(0xc4ce_b9fe_1a85_ec53)
            .rotate_left(31);
        out.push((p, piece));
    }
    crate::duplicates::mix(h)
}

const LINE: u8 = 1;
const PIECE: u8 = 2;

/// The lines of `text` as trimmed, non-empty byte ranges.
fn lines(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut offset = 0;
    text.split_inclusive('\n').filter_map(move |line| {
        let start = offset;
        offset += line.len();
        let lead = line.len() - line.trim_start().len();
        let trimmed = line.trim();
        (!trimmed.is_empty()).then(|| start + lead..start + lead + trimmed.len())
    })
}

/// Sentence-like pieces of a line: split after `.`, `!` or `?` followed by a space and a capital, digit or
/// quote. A cheap split for counting recurring text, not the segmenter's sentence rules.
fn pieces(line: &str) -> Vec<Range<usize>> {
    let bytes = line.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    for i in memchr::memchr3_iter(b'.', b'!', b'?', bytes) {
        if i + 2 < bytes.len() && bytes[i + 1] == b' ' {
            let next = line[i + 2..].chars().next().unwrap_or(' ');
            if next.is_uppercase() || next.is_ascii_digit() || matches!(next, '"' | '“' | '\'') {
                out.push(start..i + 1);
                start = i + 2;
            }
        }
    }
    out.push(start..line.len());
    out
}

/// Whether a piece has [`MIN_PIECE_WORDS`] words or more.
fn is_long(piece: &str) -> bool {
    piece.split_whitespace().nth(MIN_PIECE_WORDS - 1).is_some()
}

/// The lines of `text` the survey reads, trimmed: every non-empty line that is not a built-in artefact
/// (artefacts are removed anyway, so they are neither learned nor shingled).
pub fn content_lines(text: &str) -> impl Iterator<Item = &str> + '_ {
    lines(text)
        .map(move |r| &text[r])
        .filter(|line| artefact(line).is_none())
}

/// The strings of one article that the learner counts: the hash of every line, and of every
/// sentence-like piece (of [`MIN_PIECE_WORDS`] words or more) of a line with several, each once, sorted.
/// Lines that are built-in artefacts are left out: they are removed anyway.
pub fn article_keys(text: &str) -> Vec<u64> {
    let mut keys = Vec::new();
    let mut parts = Vec::new();
    for line in content_lines(text) {
        line_keys(line, &mut parts, &mut keys);
    }
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// Adds the keys of one line (not an artefact) to `keys`, as [`article_keys`] counts them; `parts` is
/// scratch space.
pub fn line_keys(line: &str, parts: &mut Vec<(Range<usize>, u64)>, keys: &mut Vec<u64>) {
    keys.push(line_hashes(line, parts));
    if parts.len() > 1 {
        for (p, hash) in parts.iter() {
            if is_long(&line[p.clone()]) {
                keys.push(*hash);
            }
        }
    }
}

/// Counts of one outlet's strings.
#[derive(Debug, Default)]
struct Counts {
    articles: u32,
    /// hash → (count, the most it may be undercounted by).
    seen: HashMap<u64, (u32, u32)>,
}

/// The first pass: counts strings per outlet, in bounded memory. Feed articles in corpus order.
#[derive(Debug, Default)]
pub struct Learner {
    sources: HashMap<String, Counts>,
}

impl Learner {
    /// A learner that has seen nothing.
    pub fn new() -> Learner {
        Learner::default()
    }

    /// Counts one article of `source`, given its [`article_keys`].
    pub fn observe(&mut self, source: &str, keys: &[u64]) {
        let counts = match self.sources.get_mut(source) {
            Some(c) => c,
            None => self.sources.entry(source.to_string()).or_default(),
        };
        let bucket = counts.articles / BUCKET;
        for &k in keys {
            counts.seen.entry(k).or_insert((0, bucket)).0 += 1;
        }
        counts.articles += 1;
        if counts.articles % BUCKET == 0 {
            let bucket = counts.articles / BUCKET;
            counts.seen.retain(|_, (n, delta)| *n + *delta > bucket);
        }
    }

    /// Strings counted and kept so far, over all outlets (a measure of the memory used).
    pub fn kept(&self) -> usize {
        self.sources.values().map(|c| c.seen.len()).sum()
    }

    /// What was learned: per outlet, the strings that pass both thresholds.
    pub fn finish(self, options: &Options) -> Furniture {
        let mut sources = HashMap::new();
        for (source, counts) in self.sources {
            let need = (options.min_share * counts.articles as f64)
                .ceil()
                .max(options.min_articles as f64) as u32;
            let strings: HashSet<u64> = counts
                .seen
                .into_iter()
                .filter(|(_, (n, _))| *n >= need)
                .map(|(k, _)| k)
                .collect();
            if !strings.is_empty() {
                sources.insert(source, strings);
            }
        }
        Furniture {
            enabled: options.enabled,
            sources,
        }
    }
}

/// What the first pass learned: each outlet's furniture strings (as hashes).
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Furniture {
    enabled: bool,
    sources: HashMap<String, HashSet<u64>>,
}

impl Furniture {
    /// Furniture that marks nothing (`--furniture off`).
    pub fn off() -> Furniture {
        Furniture::default()
    }

    /// Furniture that marks the built-in artefacts only (for texts that come without their outlet's
    /// other articles, as in `framing segment`).
    pub fn artefacts_only() -> Furniture {
        Furniture {
            enabled: true,
            sources: HashMap::new(),
        }
    }

    /// The byte ranges of [`Furniture::spans`], as the segment stage takes them.
    pub fn ranges(&self, source: &str, text: &str) -> Vec<Range<usize>> {
        self.spans(source, text)
            .into_iter()
            .map(|s| s.range)
            .collect()
    }

    /// Learned strings per outlet, in outlet order (for the report and for checking that shards agree).
    pub fn learned(&self) -> BTreeMap<&str, usize> {
        self.sources
            .iter()
            .map(|(s, set)| (s.as_str(), set.len()))
            .collect()
    }

    /// The furniture spans of an article of `source`, in text order, never overlapping.
    pub fn spans(&self, source: &str, text: &str) -> Vec<Span> {
        if !self.enabled {
            return Vec::new();
        }
        let learned = self.sources.get(source);
        let mut out = Vec::new();
        let mut parts = Vec::new();
        for range in lines(text) {
            let line = &text[range.clone()];
            if let Some((within, name)) = artefact(line) {
                out.push(Span {
                    range: range.start + within.start..range.start + within.end,
                    origin: Origin::Artefact(name),
                });
                continue;
            }
            let Some(learned) = learned else { continue };
            if learned.contains(&line_hashes(line, &mut parts)) {
                out.push(Span {
                    range,
                    origin: Origin::Learned(normal_form(line)),
                });
                continue;
            }
            if parts.len() < 2 {
                continue;
            }
            for (p, hash) in &parts {
                let piece = &line[p.clone()];
                if learned.contains(hash) && is_long(piece) {
                    let lead = piece.len() - piece.trim_start().len();
                    let start = range.start + p.start + lead;
                    out.push(Span {
                        range: start..start + piece.trim().len(),
                        origin: Origin::Learned(normal_form(piece)),
                    });
                }
            }
        }
        out
    }
}

/// Built-in artefacts: lines that begin with these (case as written) are furniture from that point on.
const LINE_OPENINGS: &[(&str, &str)] = &[
    ("Image copyright", "image credit (\"Image copyright …\")"),
    ("Image caption", "image caption (\"Image caption …\")"),
    (
        "Media playback is unsupported",
        "video notice (\"Media playback is unsupported on your device\")",
    ),
    ("Media caption", "video caption (\"Media caption …\")"),
    (
        "Enlarge this image",
        "image credit (\"Enlarge this image toggle caption …\")",
    ),
    ("toggle caption", "image credit (\"toggle caption …\")"),
    ("hide caption", "image credit (\"hide caption …\")"),
    (
        "Photos:",
        "photo gallery (\"Photos: … Hide Caption N of M\")",
    ),
    ("FILE PHOTO:", "photo caption (\"FILE PHOTO: …\")"),
    (
        "Facebook Twitter Pinterest",
        "image caption with share buttons (\"Facebook Twitter Pinterest …\")",
    ),
];

/// Links to galleries and videos set in brackets inside a paragraph ("( PHOTOS: 10 quotes on …)"):
/// furniture wherever they stand, the bracket alone.
const LINKS: &[&str] = &[
    "(photos:",
    "( photos:",
    "(video:",
    "( video:",
    "(watch:",
    "( watch:",
];

/// Photo credits: a line that ends with one is a caption; elsewhere the credit alone is furniture.
const CREDITS: &[&str] = &[
    "(ap photo",
    "(photo:",
    "(reuters photo",
    "(afp photo",
    "(getty images",
];

/// Built-in artefacts: whole lines that are only these (compared in [`normal_form`]).
const WHOLE_LINES: &[(&str, &str)] = &[
    ("replay", "video control (\"Replay\")"),
    ("more videos", "video control (\"More Videos\")"),
    ("advertisement", "advertisement marker"),
    ("advertisement:", "advertisement marker"),
    ("story continued below", "advertisement marker"),
    ("continue reading the main story", "advertisement marker"),
    ("loading...", "loading notice"),
    ("photo", "photo marker (\"Photo\")"),
    ("video", "video marker (\"Video\")"),
    ("0 of 0", "photo gallery counter (\"3 of 18\")"),
    ("photo 0 of 0", "photo gallery counter (\"3 of 18\")"),
    (
        "slideshow (0 images)",
        "photo gallery counter (\"3 of 18\")",
    ),
    ("slideshow (0 image)", "photo gallery counter (\"3 of 18\")"),
];

/// Whether `line` (trimmed) is, or carries, a built-in artefact: the byte range within the line and the
/// artefact's name.
pub fn artefact(line: &str) -> Option<(Range<usize>, &'static str)> {
    // Every line of every article passes here, in both passes: substring searchers are built once.
    static HIDE: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("Hide Caption"));
    let whole = 0..line.len();
    if let Some((_, name)) = LINE_OPENINGS.iter().find(|(p, _)| line.starts_with(p)) {
        return Some((whole, name));
    }
    if HIDE.find(line.as_bytes()).is_some() && has_counter_after(line, "Hide Caption") {
        // A CNN gallery is scraped as one line of captions and counters.
        return Some((whole, "photo gallery (\"Photos: … Hide Caption N of M\")"));
    }
    if let Some(range) = video_player(line) {
        return Some((
            range,
            "video player (\"JUST WATCHED … Replay More Videos\")",
        ));
    }
    if let Some(range) = photo_credit(line) {
        return Some(range);
    }
    if let Some(start) = bracket_opening(line, LINKS) {
        if let Some(e) = line[start..].find(')') {
            return Some((
                start..start + e + 1,
                "gallery or video link (\"( PHOTOS: …)\")",
            ));
        }
    }
    if line.len() < 400
        && ["browser does not support", "browser doesn't support"]
            .iter()
            .any(|p| find_ignore_case(line, p).is_some())
    {
        return Some((
            whole,
            "browser notice (\"Your browser does not support …\")",
        ));
    }
    if line.len() <= 40 {
        let normal = normal_form(line);
        if let Some((_, name)) = WHOLE_LINES.iter().find(|(l, _)| *l == normal) {
            return Some((whole, name));
        }
    }
    None
}

/// A photo credit, "(AP Photo/Evan Vucci)" or "(Photo: Jane Doe/USA TODAY)", or a Reuters caption ending
/// "REUTERS/Name" or "/File Photo": the whole line when it closes the line, else the credit.
fn photo_credit(line: &str) -> Option<(Range<usize>, &'static str)> {
    const NAME: &str = "photo caption with credit (\"(AP Photo/…)\")";
    let tail = line.trim_end_matches(['.', ' ']);
    static REUTERS: LazyLock<FinderRev<'static>> = LazyLock::new(|| FinderRev::new("REUTERS/"));
    let ends_caption = ends_with_ignore_case(tail, "/file photo")
        || REUTERS
            .rfind(line.as_bytes())
            .is_some_and(|i| line.len() - i <= 48 && !line[i..].contains(". "));
    if ends_caption {
        return Some((0..line.len(), NAME));
    }
    let start = bracket_opening(line, CREDITS)?;
    let end = line[start..].find(')').map(|e| start + e + 1)?;
    if line[end..].trim().is_empty() {
        Some((0..line.len(), NAME))
    } else {
        Some((start..end, NAME))
    }
}

/// The byte offset of the first "(" of `line` that opens one of `openings` (ASCII, lower case, each
/// starting with "("), ignoring ASCII case.
fn bracket_opening(line: &str, openings: &[&str]) -> Option<usize> {
    let bytes = line.as_bytes();
    memchr::memchr_iter(b'(', bytes).find(|&i| {
        openings.iter().any(|o| {
            let o = o.as_bytes();
            bytes.len() - i >= o.len() && bytes[i..i + o.len()].eq_ignore_ascii_case(o)
        })
    })
}

/// The byte offset of the first match of `needle` (ASCII, lower case) in `hay`, ignoring ASCII case.
fn find_ignore_case(hay: &str, needle: &str) -> Option<usize> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    let first = *n.first()?;
    memchr::memchr2_iter(first, first.to_ascii_uppercase(), h)
        .find(|&i| h.len() - i >= n.len() && h[i..i + n.len()].eq_ignore_ascii_case(n))
}

fn ends_with_ignore_case(hay: &str, needle: &str) -> bool {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    h.len() >= n.len() && h[h.len() - n.len()..].eq_ignore_ascii_case(n)
}

/// Whether `marker` is followed somewhere by " N of M".
fn has_counter_after(line: &str, marker: &str) -> bool {
    line.match_indices(marker).any(|(i, _)| {
        let rest = line[i + marker.len()..].trim_start();
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        digits > 0 && rest[digits..].starts_with(" of ")
    })
}

/// A CNN video player block: "JUST WATCHED <title> Replay More Videos ... MUST WATCH <title> 01:55",
/// from its start to the end of the repeated title and running time (the article may go on after it, on
/// the same line).
fn video_player(line: &str) -> Option<Range<usize>> {
    static JUST: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("JUST WATCHED "));
    let start = JUST.find(line.as_bytes())?;
    let after = start + "JUST WATCHED ".len();
    let replay = line[after..].find(" Replay More Videos")? + after;
    let title = line[after..replay].trim();
    let mut end = replay + " Replay More Videos".len();
    if let Some(m) = line[end..].find("MUST WATCH ") {
        if m <= 8 {
            end += m + "MUST WATCH ".len();
            let rest = &line[end..];
            if rest.starts_with(title) {
                end += title.len();
            }
            let rest = &line[end..];
            let time: usize = rest
                .strip_prefix(' ')
                .map(|r| {
                    r.bytes()
                        .take_while(|b| b.is_ascii_digit() || *b == b':')
                        .count()
                })
                .filter(|n| *n >= 4)
                .map_or(0, |n| n + 1);
            end += time;
        }
    }
    Some(start..end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normal_form_folds_case_digits_spaces_and_quotes() {
        assert_eq!(
            normal_form("  Hide Caption 3 of 18 "),
            "hide caption 0 of 0"
        );
        assert_eq!(
            normal_form("Copyright © 2019  The Times’ desk"),
            "copyright © 0 the times' desk"
        );
    }

    #[test]
    fn artefacts_of_common_sites() {
        let gallery =
            "Photos: Who's running? Jane Doe. Hide Caption 1 of 18 Photos: Who's running?";
        assert_eq!(artefact(gallery).map(|(r, _)| r), Some(0..gallery.len()));
        let tail = "Smith contributed. Hide Caption 13 of 13";
        assert!(artefact(tail).is_some());
        assert!(artefact("He would hide caption text").is_none());
        let video = "JUST WATCHED Debate zingers Replay More Videos ... MUST WATCH Debate zingers 01:55 The race went on.";
        let (r, _) = artefact(video).expect("video player");
        assert_eq!(&video[r.end..], " The race went on.");
        assert!(artefact("Image copyright Getty Images Image caption Mr Smith").is_some());
        assert!(artefact("3 of 18").is_some());
        assert!(artefact("Replay").is_some());
        assert!(artefact("Your browser does not support the video tag.").is_some());
        assert!(artefact("The image of the city was replayed on TV.").is_none());
        let caption = "Mr Smith speaks in Washington. (AP Photo/Jane Doe)";
        assert_eq!(artefact(caption).map(|(r, _)| r), Some(0..caption.len()));
        let inline = "Mr Smith (Photo: Jane Doe/USA TODAY) spoke on Monday.";
        let (r, _) = artefact(inline).expect("credit");
        assert_eq!(&inline[r], "(Photo: Jane Doe/USA TODAY)");
        assert!(
            artefact("A man walks by, in Paris, France. REUTERS/Jane Doe/File Photo").is_some()
        );
        assert!(artefact("He said Reuters reported it first.").is_none());
        assert_eq!(find_ignore_case("Your Browser does", "browser"), Some(5));
        let link = "The bill passed. ( PHOTOS: 10 quotes on the bill)";
        let (r, _) = artefact(link).expect("link");
        assert_eq!(&link[r], "( PHOTOS: 10 quotes on the bill)");
    }

    fn learn(articles: &[(&str, &str)]) -> Furniture {
        let mut learner = Learner::new();
        for (source, text) in articles {
            learner.observe(source, &article_keys(text));
        }
        learner.finish(&Options::default())
    }

    #[test]
    fn strings_recurring_in_an_outlet_are_learned_and_others_are_not() {
        let mut articles = Vec::new();
        let texts: Vec<String> = (0..10)
            .map(|i| {
                let tag = ["ab", "cd", "ef", "gh", "ij", "kl", "mn", "op", "qr", "st"][i];
                format!(
                    "Story {tag} begins here with its own words.\n\nSign up for our daily newsletter 2019\n\nIt ends. Click here for reprint permission and more rights."
                )
            })
            .collect();
        for t in &texts {
            articles.push(("Daily", t.as_str()));
        }
        articles.push(("Other", "Sign up for our daily newsletter 2019\n\nA story."));
        let f = learn(&articles);
        let text = "Fresh words.\n\nSign up for our daily newsletter 2020\n\nA line. Click here for reprint permission and more rights.";
        let spans = f.spans("Daily", text);
        let found: Vec<&str> = spans.iter().map(|s| &text[s.range.clone()]).collect();
        assert_eq!(
            found,
            [
                "Sign up for our daily newsletter 2020",
                "Click here for reprint permission and more rights."
            ]
        );
        // Learned per outlet: the other outlet's single use does not make it furniture there.
        assert!(f.spans("Other", text).is_empty());
        // The two lines, and the long piece of the second.
        assert_eq!(f.learned().get("Daily"), Some(&3));
    }

    #[test]
    fn pruning_keeps_frequent_strings_and_bounds_memory() {
        let mut learner = Learner::new();
        for i in 0..(3 * BUCKET) {
            // Letters, not digits: digits are folded together.
            let tag: String = format!("{i:x}")
                .bytes()
                .map(|b| (b'g' + (b as char).to_digit(16).unwrap_or(0) as u8) as char)
                .collect();
            let text = format!("Unique line {tag} of words.\n\nStory continued in print edition");
            learner.observe("Big", &article_keys(&text));
        }
        // Every unique line seen before the last bucket boundary is forgotten.
        assert_eq!(learner.kept(), 1);
        let f = learner.finish(&Options::default());
        assert_eq!(f.learned().get("Big"), Some(&1));
    }
}
