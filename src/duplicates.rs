//! Near-duplicate articles: syndicated wire copies and republished updates, found with MinHash and
//! locality-sensitive hashing over word shingles.
//!
//! Each article is reduced to a [`Signature`] of [`K`] bytes: its word 5-shingles (within a line, after the
//! built-in scraping artefacts are removed, see [`crate::furniture::artefact`]) are hashed into `K` bins
//! (one-permutation hashing, Li, Owen & Zhang 2012, with rotation densification for empty bins,
//! Shrivastava & Li 2014), and the lowest 8 bits of each bin's minimum are kept (b-bit MinHash, Li & König
//! 2010). Two signatures agree in a bin with probability J + (1 − J)/256, where J is the Jaccard
//! similarity of the two shingle sets, so J is estimated as `(agree/K − 1/256) / (1 − 1/256)`.
//!
//! Candidates come from [`BANDS`] bands of [`ROWS`] bins each (a pair is a candidate when all rows of
//! some band agree; at J = 0.8 a pair is a candidate with probability above 0.99, at J = 0.3 with 0.23);
//! every candidate pair is then checked on the whole signature. Pairs at or above the threshold are
//! joined into clusters (union–find); the cluster's first article in corpus order is the one the others
//! are copies of. Memory is `K` bytes per article plus the band being sorted: about 140 MB at a million
//! articles, and no text.

use std::collections::BTreeMap;

/// Bins of a signature.
pub const K: usize = 128;
/// Bands of the locality-sensitive hash.
pub const BANDS: usize = 32;
/// Bins per band.
pub const ROWS: usize = K / BANDS;
/// Words per shingle.
pub const SHINGLE: usize = 5;
/// Articles with fewer shingles than this are too short to call copies and get no signature.
pub const MIN_SHINGLES: usize = 20;

/// What to do with near-duplicates (`--near-duplicates`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// List them (`duplicates.csv`, `duplicate_of`) and analyse every copy.
    #[default]
    Flag,
    /// Analyse one copy per cluster and group: the first in corpus order within each group.
    DropWithinGroup,
    /// Analyse one copy per cluster: its first article in corpus order.
    Drop,
}

impl Mode {
    /// The flag's value.
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Flag => "flag",
            Mode::DropWithinGroup => "drop-within-group",
            Mode::Drop => "drop",
        }
    }
}

/// An article's MinHash signature: the low byte of each bin's minimum.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature(pub [u8; K]);

impl Signature {
    /// Estimated Jaccard similarity of the two articles' shingle sets (clamped to 0..=1).
    pub fn similarity(&self, other: &Signature) -> f64 {
        let agree = self.0.iter().zip(&other.0).filter(|(a, b)| a == b).count();
        let chance = 1.0 / 256.0;
        ((agree as f64 / K as f64 - chance) / (1.0 - chance)).clamp(0.0, 1.0)
    }

    fn band(&self, b: usize) -> u32 {
        let r = &self.0[b * ROWS..(b + 1) * ROWS];
        u32::from_le_bytes([r[0], r[1], r[2], r[3]])
    }
}

/// A word's hash, ASCII letters folded to lower case (FNV-1a over the bytes; no allocation).
fn word_hash(word: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in word.bytes() {
        h ^= b.to_ascii_lowercase() as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// splitmix64's finaliser, shared by the hashes of this module and [`crate::furniture`].
pub(crate) fn mix(mut x: u64) -> u64 {
    // Every input bit reaches every output bit.
    x ^= x >> 30;
    x = x.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x ^= x >> 27;
    x = x.wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// The signature of an article's text, or `None` when it has fewer than [`MIN_SHINGLES`] shingles.
/// Lines that are built-in artefacts are left out; see [`Shingler`] for the words and shingles.
pub fn signature(text: &str) -> Option<Signature> {
    let mut shingler = Shingler::new();
    for line in crate::furniture::content_lines(text) {
        shingler.add_line(line, |_| ());
    }
    shingler.finish()
}

/// Builds a signature line by line. Words are runs of letters and digits (so "Trump’s" and "Trump's"
/// both give "trump" and "s"), ASCII letters lower-cased; shingles never cross a line.
pub struct Shingler {
    mins: [u64; K],
    shingles: usize,
}

impl Default for Shingler {
    fn default() -> Self {
        Shingler::new()
    }
}

impl Shingler {
    /// A signature of nothing yet.
    pub fn new() -> Shingler {
        Shingler {
            mins: [u64::MAX; K],
            shingles: 0,
        }
    }

    /// Adds the shingles of one line, handing every word to `each_word` as well.
    pub fn add_line(&mut self, line: &str, mut each_word: impl FnMut(&str)) {
        let mut window = [0u64; SHINGLE];
        let mut n = 0usize;
        let words = line
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty());
        for word in words {
            each_word(word);
            window[n % SHINGLE] = word_hash(word);
            n += 1;
            if n >= SHINGLE {
                let mut s = 0u64;
                for i in 0..SHINGLE {
                    s = (s.rotate_left(13) ^ window[(n + i) % SHINGLE])
                        .wrapping_mul(0x9e37_79b9_7f4a_7c15);
                }
                let s = mix(s);
                let bin = (s >> 57) as usize % K;
                self.mins[bin] = self.mins[bin].min(s & ((1 << 57) - 1));
                self.shingles += 1;
            }
        }
    }

    /// The signature, or `None` below [`MIN_SHINGLES`] shingles.
    pub fn finish(self) -> Option<Signature> {
        if self.shingles < MIN_SHINGLES {
            return None;
        }
        let mut out = [0u8; K];
        for (i, slot) in out.iter_mut().enumerate() {
            // An empty bin borrows the next filled bin to its right, told apart by the distance
            // travelled.
            let (j, v) = (0..K)
                .map(|j| (j, self.mins[(i + j) % K]))
                .find(|(_, v)| *v != u64::MAX)
                .unwrap_or((0, 0));
            *slot = mix(v ^ ((j as u64) << 58)) as u8;
        }
        Some(Signature(out))
    }
}

/// One article as the detector sees it.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The article's id.
    pub id: String,
    /// Its outlet (the source field).
    pub source: String,
    /// Its group (the `--group-by` field).
    pub group: String,
    /// Its signature, if long enough.
    pub signature: Option<Signature>,
}

/// One article of a near-duplicate cluster, as `duplicates.csv` lists it.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Member {
    /// 1-based cluster number, in the corpus order of the clusters' first articles.
    pub cluster: u64,
    /// The article.
    pub id: String,
    /// Its outlet.
    pub source: String,
    /// Its group.
    pub group: String,
    /// The cluster's first article (empty for that article itself).
    pub duplicate_of: String,
    /// Estimated Jaccard similarity of its shingles with the cluster's first article's.
    pub similarity: f64,
    /// Whether the run analysed it (see [`Mode`]).
    pub kept: bool,
}

/// What the detector found, for the tables and the report.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Found {
    /// Every article that belongs to a cluster, cluster by cluster, in corpus order within each.
    pub members: Vec<Member>,
    /// Articles per group, of every article the detector saw.
    pub group_articles: BTreeMap<String, u64>,
    /// The similarity threshold.
    pub threshold: f64,
    /// The mode, as given on the command line.
    pub mode: String,
}

impl Found {
    /// Per group: (articles, copies of an earlier article of any group, copies dropped).
    pub fn per_group(&self) -> BTreeMap<&str, (u64, u64, u64)> {
        let mut out: BTreeMap<&str, (u64, u64, u64)> = self
            .group_articles
            .iter()
            .map(|(g, n)| (g.as_str(), (*n, 0, 0)))
            .collect();
        for m in &self.members {
            if m.duplicate_of.is_empty() {
                continue;
            }
            let e = out.entry(m.group.as_str()).or_default();
            e.1 += 1;
            if !m.kept {
                e.2 += 1;
            }
        }
        out
    }

    /// The ids of the articles a run leaves out.
    pub fn dropped(&self) -> std::collections::HashSet<&str> {
        self.members
            .iter()
            .filter(|m| !m.kept)
            .map(|m| m.id.as_str())
            .collect()
    }
}

fn find_root(parent: &mut [u32], mut i: u32) -> u32 {
    while parent[i as usize] != i {
        parent[i as usize] = parent[parent[i as usize] as usize];
        i = parent[i as usize];
    }
    i
}

/// Candidate pairs from the bands, each once, as (earlier, later) corpus positions.
fn candidates(entries: &[Entry]) -> Vec<(u32, u32)> {
    // A band value shared by very many articles (boilerplate-only texts) would give quadratically many
    // pairs; beyond this many, each is paired with the first few only (clusters join through them).
    const FULL_GROUP: usize = 64;
    let mut pairs = Vec::new();
    let mut keys: Vec<(u32, u32)> = Vec::with_capacity(entries.len());
    for b in 0..BANDS {
        keys.clear();
        keys.extend(
            entries
                .iter()
                .enumerate()
                .filter_map(|(i, e)| e.signature.as_ref().map(|s| (s.band(b), i as u32))),
        );
        keys.sort_unstable();
        for group in keys.chunk_by(|a, b| a.0 == b.0) {
            if group.len() < 2 {
                continue;
            }
            let anchors = if group.len() <= FULL_GROUP {
                group.len()
            } else {
                4
            };
            for (x, a) in group.iter().enumerate().take(anchors) {
                for b in &group[x + 1..] {
                    pairs.push((a.1.min(b.1), a.1.max(b.1)));
                }
            }
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

/// Finds the clusters of articles whose estimated similarity is at least `threshold`; `entries` are in
/// corpus order. The result does not depend on the thread count (the detector is sequential).
pub fn detect(entries: &[Entry], threshold: f64, mode: Mode) -> Found {
    let mut group_articles = BTreeMap::new();
    for e in entries {
        *group_articles.entry(e.group.clone()).or_insert(0) += 1;
    }
    let mut parent: Vec<u32> = (0..entries.len() as u32).collect();
    for (a, b) in candidates(entries) {
        let (Some(sa), Some(sb)) = (
            &entries[a as usize].signature,
            &entries[b as usize].signature,
        ) else {
            continue;
        };
        if sa.similarity(sb) >= threshold {
            let (ra, rb) = (find_root(&mut parent, a), find_root(&mut parent, b));
            // The root is always the earliest article, so it is the cluster's first.
            parent[ra.max(rb) as usize] = ra.min(rb);
        }
    }
    let mut clusters: BTreeMap<u32, Vec<u32>> = BTreeMap::new();
    for i in 0..entries.len() as u32 {
        let root = find_root(&mut parent, i);
        if root != i {
            clusters.entry(root).or_default().push(i);
        }
    }
    let mut members = Vec::new();
    for (n, (root, rest)) in clusters.into_iter().enumerate() {
        let first = &entries[root as usize];
        let mut groups_seen = std::collections::HashSet::new();
        for i in std::iter::once(root).chain(rest) {
            let e = &entries[i as usize];
            let is_first = i == root;
            let kept = match mode {
                Mode::Flag => true,
                Mode::Drop => is_first,
                Mode::DropWithinGroup => groups_seen.insert(e.group.as_str()),
            };
            let similarity = match (&first.signature, &e.signature) {
                (Some(a), Some(b)) => (a.similarity(b) * 1000.0).round() / 1000.0,
                _ => 0.0,
            };
            members.push(Member {
                cluster: n as u64 + 1,
                id: e.id.clone(),
                source: e.source.clone(),
                group: e.group.clone(),
                duplicate_of: if is_first {
                    String::new()
                } else {
                    first.id.clone()
                },
                similarity,
                kept,
            });
        }
    }
    Found {
        members,
        group_articles,
        threshold,
        mode: mode.as_str().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(seed: usize, n: usize) -> String {
        // Distinct made-up words (letters only), so that texts share shingles only where they share words.
        let letters = |mut k: usize| {
            let mut w = String::new();
            loop {
                w.push((b'a' + (k % 26) as u8) as char);
                k /= 26;
                if k == 0 {
                    return w;
                }
            }
        };
        (0..n)
            .map(|i| letters(seed * 100_000 + i))
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn entry(id: &str, group: &str, text: &str) -> Entry {
        Entry {
            id: id.into(),
            source: "S".into(),
            group: group.into(),
            signature: signature(text),
        }
    }

    #[test]
    fn estimates_follow_the_shared_share_of_shingles() {
        let a = words(1, 400);
        assert!(signature("too short to count").is_none());
        let sa = signature(&a).expect("long enough");
        assert_eq!(sa.similarity(&sa), 1.0);
        // Same text with a different last fifth: Jaccard of the shingle sets is about 0.66.
        let mut tail: Vec<&str> = a.split(' ').take(320).collect();
        let other = words(2, 80);
        tail.extend(other.split(' '));
        let sb = signature(&tail.join(" ")).expect("long enough");
        let s = sa.similarity(&sb);
        assert!((s - 0.66).abs() < 0.15, "{s}");
        let unrelated = signature(&words(3, 400)).expect("long enough");
        assert!(sa.similarity(&unrelated) < 0.1);
    }

    #[test]
    fn clusters_keep_the_first_copy_and_modes_drop_the_rest() {
        let base = words(4, 300);
        let reprint = format!("{base} extra words at the end");
        let entries = vec![
            entry("a", "left", &base),
            entry("b", "right", &words(5, 300)),
            entry("c", "right", &reprint),
            entry("d", "left", &reprint),
        ];
        let flag = detect(&entries, 0.8, Mode::Flag);
        let ids: Vec<(&str, &str, bool)> = flag
            .members
            .iter()
            .map(|m| (m.id.as_str(), m.duplicate_of.as_str(), m.kept))
            .collect();
        assert_eq!(ids, [("a", "", true), ("c", "a", true), ("d", "a", true)]);
        assert_eq!(flag.per_group()["left"], (2, 1, 0));
        let within = detect(&entries, 0.8, Mode::DropWithinGroup);
        assert_eq!(within.dropped(), ["d"].into());
        let drop = detect(&entries, 0.8, Mode::Drop);
        assert_eq!(drop.dropped(), ["c", "d"].into());
    }
}
