//! Publication dates and the time bins of the trends table: a date read from a metadata field in the
//! forms news corpora store it, and the week, month, quarter or year it falls in.
//!
//! Dates are calendar dates as written (the publication's local date): a time of day or a zone after the
//! date is read past, never converted, so an article dated "2016-09-20T23:30-05:00" is in September 20th's
//! bins. Numeric dates whose day and month cannot be told apart ("03/04/2016"), and two-digit years, are
//! refused rather than guessed: the reason names the form, and the article is listed in `rejects.csv`.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A calendar date, as far as its text gives it: a day, or only a month or a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    /// The year.
    pub year: i32,
    /// The month, 1 to 12, when given.
    pub month: Option<u32>,
    /// The day of the month, when given (only with a month).
    pub day: Option<u32>,
}

/// The width of a time bin.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Bin {
    /// ISO weeks, Monday to Sunday, labelled `2016-W38`.
    Week,
    /// Calendar months, labelled `2016-09`.
    #[default]
    Month,
    /// Calendar quarters, labelled `2016-Q3`.
    Quarter,
    /// Calendar years, labelled `2016`.
    Year,
}

impl FromStr for Bin {
    type Err = String;

    fn from_str(s: &str) -> Result<Bin, String> {
        match s {
            "week" => Ok(Bin::Week),
            "month" => Ok(Bin::Month),
            "quarter" => Ok(Bin::Quarter),
            "year" => Ok(Bin::Year),
            other => Err(format!(
                "unknown time bin {other:?}: use week, month, quarter or year"
            )),
        }
    }
}

impl fmt::Display for Bin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Bin::Week => "week",
            Bin::Month => "month",
            Bin::Quarter => "quarter",
            Bin::Year => "year",
        })
    }
}

/// Which field dates the articles and how wide the bins are: the trends table's settings, carried in the
/// sums so that `framing merge` bins as the shards did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Trends {
    /// The metadata field holding each article's date.
    pub field: String,
    /// The bin width.
    pub bin: Bin,
}

/// The bin key of articles without a usable date, in the sums and the trends table.
pub const UNDATED: &str = "undated";

/// Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's `days_from_civil`).
pub fn days_from_civil(year: i32, month: u32, day: u32) -> i64 {
    let y = i64::from(year) - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The (year, month, day) of a day number ([`days_from_civil`]'s inverse).
pub fn civil_from_days(z: i64) -> (i32, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
    (year, month, day)
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// The month of an English month name or its abbreviation ("Sept", "Sep.", "September").
pub fn month_of_name(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    if w.len() < 3 {
        return None;
    }
    let full = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    (0..12)
        .find(|&i| full[i].starts_with(&w) && w.starts_with(MONTHS[i]))
        .map(|i| i as u32 + 1)
}

fn checked(year: i32, month: Option<u32>, day: Option<u32>) -> Result<Date, String> {
    if year < 1000 {
        // 0001-01-01 is the zero value of many date types, not a publication date.
        return Err(format!("year {year} is a placeholder, not a date"));
    }
    if let Some(m) = month {
        if !(1..=12).contains(&m) {
            return Err(format!("month {m} is not 1 to 12"));
        }
        if let Some(d) = day {
            if d == 0 || d > days_in_month(year, m) {
                return Err(format!("day {d} is not in {year}-{m:02}"));
            }
        }
    }
    Ok(Date { year, month, day })
}

/// Reads a date: ISO 8601 (`2016-09-20`, with or without a time and zone, `2016-09`, `2016`),
/// `2016/09/20`, `20160920`, `09/20/2016` or `20/09/2016` when the day is above 12, and dates with an
/// English month name (`September 20, 2016`, `20 Sep 2016`, `Tue, 20 Sep 2016 10:00:00 GMT`,
/// `Sept. 2016`). The error says what is wrong, for `rejects.csv`.
pub fn parse_date(text: &str) -> Result<Date, String> {
    let s = text.trim();
    if s.is_empty() {
        return Err("no date".into());
    }
    let b = s.as_bytes();
    let digits = |from: usize, n: usize| -> Option<u32> {
        let part = b.get(from..from + n)?;
        part.iter()
            .all(u8::is_ascii_digit)
            .then(|| part.iter().fold(0, |v, d| v * 10 + u32::from(d - b'0')))
    };
    let ends_after = |at: usize| b.len() == at || !b[at].is_ascii_digit();
    // Year first: 2016-09-20, 2016/09/20, 2016.09.20, 2016-09, 2016, 20160920.
    if let Some(year) = digits(0, 4).filter(|_| ends_after(4) || b.len() == 8) {
        let year = year as i32;
        if b.len() == 8 && b.iter().all(u8::is_ascii_digit) {
            return checked(year, digits(4, 2), digits(6, 2));
        }
        if b.len() == 4 {
            return checked(year, None, None);
        }
        if matches!(b[4], b'-' | b'/' | b'.') {
            let sep = b[4];
            let month_len = (5..b.len()).take_while(|&i| b[i].is_ascii_digit()).count();
            if let (1..=2, Some(month)) = (month_len, digits(5, month_len)) {
                let after = 5 + month_len;
                if after == b.len() {
                    return checked(year, Some(month), None);
                }
                if b[after] == sep {
                    let day_len = (after + 1..b.len())
                        .take_while(|&i| b[i].is_ascii_digit())
                        .count();
                    if let (1..=2, Some(day)) = (day_len, digits(after + 1, day_len)) {
                        let rest = &s[after + 1 + day_len..];
                        if rest.is_empty() || rest.starts_with(['T', 't', ' ']) {
                            return checked(year, Some(month), Some(day));
                        }
                    }
                }
            }
        }
        return Err(format!("unreadable date {s:?}"));
    }
    // Numeric with the year last: 09/20/2016, 20.09.2016.
    let numbers: Vec<&str> = s
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    if numbers.len() >= 3
        && numbers[..3]
            .iter()
            .all(|w| w.bytes().all(|c| c.is_ascii_digit()))
    {
        let [a, m, y] = [numbers[0], numbers[1], numbers[2]];
        let (a, m): (u32, u32) = (a.parse().unwrap_or(0), m.parse().unwrap_or(0));
        if y.len() != 4 {
            return Err(format!(
                "two-digit year in {s:?}: write the date as YYYY-MM-DD"
            ));
        }
        let year = y.parse().unwrap_or(0);
        return match (a > 12, m > 12) {
            (true, false) => checked(year, Some(m), Some(a)),
            (false, true) => checked(year, Some(a), Some(m)),
            (false, false) if a == m => checked(year, Some(a), Some(a)),
            (false, false) => Err(format!(
                "ambiguous date {s:?} (day and month could be either): write it as YYYY-MM-DD"
            )),
            (true, true) => Err(format!("unreadable date {s:?}")),
        };
    }
    // A month name, a four-digit year and perhaps a day: "September 20, 2016", "20 Sep 2016".
    let month = numbers.iter().find_map(|w| month_of_name(w));
    let year = numbers
        .iter()
        .find(|w| w.len() == 4 && w.bytes().all(|c| c.is_ascii_digit()))
        .and_then(|w| w.parse::<i32>().ok());
    let day = numbers
        .iter()
        .map(|w| w.trim_end_matches(|c: char| c.is_ascii_alphabetic()))
        .find(|w| (1..=2).contains(&w.len()) && w.bytes().all(|c| c.is_ascii_digit()))
        .and_then(|w| w.parse::<u32>().ok());
    match (month, year) {
        (Some(m), Some(y)) => checked(y, Some(m), day),
        _ => Err(format!("unreadable date {s:?}")),
    }
}

impl Bin {
    /// The first day (a day number) of the bin `date` falls in, or why it has none: a date given to
    /// the month only has no week, a year only has no month or quarter.
    pub fn start(&self, date: &Date) -> Result<i64, String> {
        let need = |what: &str| {
            format!(
                "the date gives no {what}, which {} bins need",
                self.to_string().as_str()
            )
        };
        match self {
            Bin::Year => Ok(days_from_civil(date.year, 1, 1)),
            Bin::Month | Bin::Quarter => {
                let m = date.month.ok_or_else(|| need("month"))?;
                let m = if *self == Bin::Quarter {
                    (m - 1) / 3 * 3 + 1
                } else {
                    m
                };
                Ok(days_from_civil(date.year, m, 1))
            }
            Bin::Week => {
                let (m, d) = date.month.zip(date.day).ok_or_else(|| need("day"))?;
                let day = days_from_civil(date.year, m, d);
                // 1970-01-01 was a Thursday: Monday is 3 days before.
                Ok(day - (day + 3).rem_euclid(7))
            }
        }
    }

    /// The first day of the bin after the one starting on `start`.
    pub fn next(&self, start: i64) -> i64 {
        let (y, m, _) = civil_from_days(start);
        let months = match self {
            Bin::Week => return start + 7,
            Bin::Month => 1,
            Bin::Quarter => 3,
            Bin::Year => 12,
        };
        let index = i64::from(y) * 12 + i64::from(m - 1) + months;
        days_from_civil(
            index.div_euclid(12) as i32,
            index.rem_euclid(12) as u32 + 1,
            1,
        )
    }

    /// The bin's label from its first day: `2016-W38` (the ISO week-year and week), `2016-09`,
    /// `2016-Q3` or `2016`. Labels sort in time order within each width.
    pub fn label(&self, start: i64) -> String {
        let (y, m, _) = civil_from_days(start);
        match self {
            Bin::Year => format!("{y:04}"),
            Bin::Quarter => format!("{y:04}-Q{}", (m - 1) / 3 + 1),
            Bin::Month => format!("{y:04}-{m:02}"),
            Bin::Week => {
                // The ISO week-year is the year of the week's Thursday.
                let thursday = start + 3;
                let (wy, _, _) = civil_from_days(thursday);
                let week = (thursday - days_from_civil(wy, 1, 1)) / 7 + 1;
                format!("{wy:04}-W{week:02}")
            }
        }
    }

    /// The first day of the bin labelled `label` ([`Bin::label`]'s inverse).
    pub fn start_of_label(&self, label: &str) -> Option<i64> {
        let num = |s: &str| s.parse::<u32>().ok();
        let year = label.get(0..4).and_then(|y| y.parse::<i32>().ok())?;
        match self {
            Bin::Year => (label.len() == 4).then(|| days_from_civil(year, 1, 1)),
            Bin::Quarter => {
                let q = num(label.strip_prefix(&label[..4])?.strip_prefix("-Q")?)?;
                (1..=4)
                    .contains(&q)
                    .then(|| days_from_civil(year, (q - 1) * 3 + 1, 1))
            }
            Bin::Month => {
                let m = num(label.get(5..)?)?;
                (1..=12).contains(&m).then(|| days_from_civil(year, m, 1))
            }
            Bin::Week => {
                let w = i64::from(num(label.get(6..)?)?);
                // Week 1 is the week with January 4th in it.
                let jan4 = days_from_civil(year, 1, 4);
                let monday = jan4 - (jan4 + 3).rem_euclid(7);
                Some(monday + 7 * (w - 1))
            }
        }
    }
}

/// A day number as `YYYY-MM-DD`.
pub fn iso_date(day: i64) -> String {
    let (y, m, d) = civil_from_days(day);
    format!("{y:04}-{m:02}-{d:02}")
}

/// The bin label of an article's date text, or why it has none.
pub fn bin_of(text: &str, bin: Bin) -> Result<String, String> {
    let date = parse_date(text)?;
    Ok(bin.label(bin.start(&date)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> Date {
        Date {
            year: y,
            month: Some(m),
            day: Some(d),
        }
    }

    #[test]
    fn day_numbers_round_trip_and_match_known_dates() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        // date(2016, 9, 20) - date(1970, 1, 1) in Python: 17064 days.
        assert_eq!(days_from_civil(2016, 9, 20), 17_064);
        assert_eq!(
            days_from_civil(2000, 3, 1) - days_from_civil(2000, 2, 28),
            2
        );
        for z in (-800_000..800_000).step_by(997) {
            let (y, m, d) = civil_from_days(z);
            assert_eq!(days_from_civil(y, m, d), z);
        }
    }

    #[test]
    fn the_forms_news_corpora_use_are_read() {
        for text in [
            "2016-09-20",
            "2016-9-20",
            "2016-09-20T23:30:00-05:00",
            "2016-09-20 10:00",
            "2016/09/20",
            "20160920",
            "09/20/2016",
            "20/09/2016",
            "20.09.2016",
            "September 20, 2016",
            "Sept. 20, 2016",
            "20 Sep 2016",
            "Tue, 20 Sep 2016 10:00:00 GMT",
            "Tuesday 20th September 2016",
        ] {
            assert_eq!(parse_date(text), Ok(date(2016, 9, 20)), "{text}");
        }
        let month = Date {
            year: 2016,
            month: Some(9),
            day: None,
        };
        assert_eq!(parse_date("2016-09"), Ok(month));
        assert_eq!(parse_date("September 2016"), Ok(month));
        assert_eq!(parse_date("2016").map(|d| d.month), Ok(None));
    }

    #[test]
    fn ambiguous_and_impossible_dates_are_refused_with_the_reason() {
        let why = |t: &str| parse_date(t).err().unwrap_or_default();
        assert_eq!(why(""), "no date");
        assert!(why("03/04/2016").contains("ambiguous"));
        assert!(why("9/20/16").contains("two-digit year"));
        assert!(why("2016-02-30").contains("day 30"));
        assert!(why("2016-13-01").contains("month 13"));
        assert!(why("last Tuesday").contains("unreadable"));
        assert!(why("2016-09-20x").contains("unreadable"));
        assert!(why("0001-01-01").contains("placeholder"));
        assert_eq!(parse_date("04/04/2016"), Ok(date(2016, 4, 4)));
    }

    #[test]
    fn bins_label_start_and_step_like_iso_calendars() {
        let d = date(2016, 9, 20);
        let week = Bin::Week.start(&d).unwrap_or_default();
        // 2016-09-20 is a Tuesday of ISO week 38 (isocalendar() in Python).
        assert_eq!(iso_date(week), "2016-09-19");
        assert_eq!(Bin::Week.label(week), "2016-W38");
        // 2016-01-01 (a Friday) is in 2015's week 53; 2018-12-31 (a Monday) in 2019's week 1.
        let jan1 = Bin::Week.start(&date(2016, 1, 1)).unwrap_or_default();
        assert_eq!(Bin::Week.label(jan1), "2015-W53");
        let dec31 = Bin::Week.start(&date(2018, 12, 31)).unwrap_or_default();
        assert_eq!(Bin::Week.label(dec31), "2019-W01");
        for bin in [Bin::Week, Bin::Month, Bin::Quarter, Bin::Year] {
            let mut start = bin.start(&date(2014, 11, 5)).unwrap_or_default();
            for _ in 0..60 {
                let label = bin.label(start);
                assert_eq!(bin.start_of_label(&label), Some(start), "{label}");
                let next = bin.next(start);
                assert!(next > start);
                assert!(bin.label(next) > label, "{label} then {}", bin.label(next));
                start = next;
            }
        }
        assert_eq!(bin_of("2016-09-20", Bin::Quarter).as_deref(), Ok("2016-Q3"));
        assert_eq!(bin_of("2016-09-20", Bin::Year).as_deref(), Ok("2016"));
        assert!(bin_of("2016-09", Bin::Week)
            .err()
            .unwrap_or_default()
            .contains("no day"));
    }
}
