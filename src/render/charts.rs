//! Charts, drawn with plotters to PNG and SVG from plain data (no polars types here).
//!
//! Every chart has a title, labelled axes with units, a legend and a caption (wrapped when long) saying how to read
//! it. Text uses DejaVu Sans embedded in the binary, so charts render the same on a machine with no fonts.

use std::path::Path;
use std::sync::Once;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::error::{Error, Result};

const WIDTH: u32 = 1400;
const FONT: &str = "sans-serif";

/// Okabe–Ito colours: distinguishable with the common colour-vision deficiencies.
pub const PALETTE: [RGBColor; 8] = [
    RGBColor(0, 114, 178),
    RGBColor(213, 94, 0),
    RGBColor(0, 158, 115),
    RGBColor(204, 121, 167),
    RGBColor(230, 159, 0),
    RGBColor(86, 180, 233),
    RGBColor(240, 228, 66),
    RGBColor(0, 0, 0),
];

/// Colour of the `i`-th series.
pub fn series_colour(i: usize) -> RGBColor {
    PALETTE[i % PALETTE.len()]
}

fn register_fonts() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // The bytes are DejaVu's own TTF files: registration fails only if they were corrupted at build time.
        let _ = plotters::style::register_font(FONT, FontStyle::Normal, dejavu::sans::regular());
        let _ = plotters::style::register_font(FONT, FontStyle::Bold, dejavu::sans::bold());
    });
}

/// Something that can draw itself on any plotters backend.
pub trait Chart {
    /// File stem of the chart (without extension).
    fn name(&self) -> &str;
    /// Height in pixels (width is fixed).
    fn height(&self) -> u32;
    /// Draws the chart.
    fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
    ) -> std::result::Result<(), String>;
}

/// Writes `chart` as `<name>.png` and `<name>.svg` into `dir`.
pub fn write_chart(dir: &Path, chart: &(impl Chart + Sync)) -> Result<()> {
    register_fonts();
    let size = (WIDTH, chart.height());
    let fail = |message: String| Error::Chart {
        chart: chart.name().to_string(),
        message,
    };
    let png = dir.join(format!("{}.png", chart.name()));
    let svg = dir.join(format!("{}.svg", chart.name()));
    // The two files are drawn from the same data, independently.
    let (png, svg) = rayon::join(
        || {
            let mut pixels = vec![0u8; size.0 as usize * size.1 as usize * 3];
            {
                let root = BitMapBackend::with_buffer(&mut pixels, size).into_drawing_area();
                chart.draw(&root).map_err(fail)?;
                root.present().map_err(|e| fail(e.to_string()))?;
            }
            write_png(&png, size, &pixels).map_err(|e| Error::write_failed(&png, e))
        },
        || {
            let root = SVGBackend::new(&svg, size).into_drawing_area();
            chart.draw(&root).map_err(fail)?;
            // Presenting an SVG is writing its file.
            root.present().map_err(|e| Error::write_failed(&svg, e))
        },
    );
    png.and(svg)
}

/// Encodes RGB `pixels` as a PNG file. Charts are large flat areas of a few colours: the Paeth
/// filter with fast deflate makes files as small as `image::save` does (adaptive filter, default
/// level) in about half the time.
///
/// The file is encoded in memory and written in one call: a buffered writer dropped at the end would
/// swallow the error of its last write, and a full disk would leave a truncated chart unreported.
fn write_png(path: &Path, (width, height): (u32, u32), pixels: &[u8]) -> std::io::Result<()> {
    let mut bytes = Vec::with_capacity(pixels.len() / 8);
    encode_png(&mut bytes, (width, height), pixels)?;
    std::fs::write(path, bytes)
}

fn encode_png(
    out: &mut Vec<u8>,
    (width, height): (u32, u32),
    pixels: &[u8],
) -> std::io::Result<()> {
    let mut encoder = png::Encoder::new(out, width, height);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Fast);
    encoder.set_filter(png::FilterType::Paeth);
    encoder.set_adaptive_filter(png::AdaptiveFilterType::NonAdaptive);
    let mut writer = encoder.write_header().map_err(std::io::Error::other)?;
    writer
        .write_image_data(pixels)
        .map_err(std::io::Error::other)?;
    writer.finish().map_err(std::io::Error::other)
}

/// Axis tick label: one decimal, and never "-0.0".
fn tick(v: &f64) -> String {
    // Rounding first, then adding +0.0, turns both -0.0 and tiny negative float noise into "0.0".
    format!("{:.1}", (v * 10.0).round() / 10.0 + 0.0)
}

/// Decimals that tell the ticks of an axis spanning ±`extent` apart without crowding them.
fn tick_decimals(extent: f64) -> usize {
    match extent.abs() {
        e if e >= 10.0 => 0,
        e if e >= 1.0 => 1,
        e if e >= 0.1 => 2,
        _ => 3,
    }
}

/// A tick label with `decimals` decimals, never "-0".
fn tick_with(v: f64, decimals: usize) -> String {
    let scale = 10f64.powi(decimals as i32);
    format!("{:.*}", decimals, (v * scale).round() / scale + 0.0)
}

fn err<E: std::fmt::Display>(e: E) -> String {
    e.to_string()
}

/// Fills the background, draws the title and a legend row at the top and the caption at the bottom, and
/// returns the area left for the plot. The legend sits outside the plot so it never hides data.
fn frame<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    title: &str,
    caption: &str,
    legend: &[(String, RGBColor)],
) -> std::result::Result<DrawingArea<DB, Shift>, String> {
    root.fill(&WHITE).map_err(err)?;
    let (w, h) = root.dim_in_pixel();
    let title_style = TextStyle::from((FONT, 30).into_font().style(FontStyle::Bold))
        .color(&BLACK)
        .pos(Pos::new(HPos::Center, VPos::Top));
    root.draw(&Text::new(
        title.to_string(),
        (w as i32 / 2, 14),
        title_style,
    ))
    .map_err(err)?;
    let caption_style = TextStyle::from((FONT, 19).into_font())
        .color(&RGBColor(70, 70, 70))
        .pos(Pos::new(HPos::Center, VPos::Bottom));
    // A caption wider than the chart wraps at spaces; the plot makes room for the extra lines.
    let fits = |text: &str| {
        root.estimate_text_size(text, &caption_style)
            .map(|(tw, _)| tw as i32)
            .unwrap_or(text.chars().count() as i32 * 10)
            <= w as i32 - 40
    };
    let mut lines: Vec<String> = Vec::new();
    for word in caption.split_whitespace() {
        match lines.last_mut() {
            Some(line) if fits(&format!("{line} {word}")) => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    const LINE: i32 = 24;
    for (i, line) in lines.iter().rev().enumerate() {
        root.draw(&Text::new(
            line.clone(),
            (w as i32 / 2, h as i32 - 10 - LINE * i as i32),
            caption_style.clone(),
        ))
        .map_err(err)?;
    }
    let extra = LINE * (lines.len() as i32 - 1).max(0);
    let text_style = TextStyle::from((FONT, 19).into_font())
        .color(&BLACK)
        .pos(Pos::new(HPos::Left, VPos::Center));
    let widths: Vec<i32> = legend
        .iter()
        .map(|(label, _)| {
            root.estimate_text_size(label, &text_style)
                .map(|(tw, _)| tw as i32 + 28)
                .unwrap_or(label.chars().count() as i32 * 11 + 28)
        })
        .collect();
    let gap = 32;
    let total: i32 = widths.iter().sum::<i32>() + gap * (widths.len() as i32 - 1).max(0);
    let mut x = (w as i32 - total).max(0) / 2;
    let y = 62;
    for ((label, colour), width) in legend.iter().zip(&widths) {
        root.draw(&Rectangle::new(
            [(x, y - 8), (x + 18, y + 8)],
            colour.filled(),
        ))
        .map_err(err)?;
        root.draw(&Text::new(label.clone(), (x + 26, y), text_style.clone()))
            .map_err(err)?;
        x += width + gap;
    }
    Ok(root.margin(if legend.is_empty() { 56 } else { 86 }, 40 + extra, 10, 30))
}

/// One coloured series of a chart with one value (or none) per row.
#[derive(Debug, Clone)]
pub struct Series {
    /// Legend label.
    pub label: String,
    /// One value per row of the chart; `None` draws nothing for that row.
    pub values: Vec<Option<f64>>,
    /// Per row, an interval drawn as a whisker across the bar's end (empty: none).
    pub intervals: Vec<Option<(f64, f64)>>,
}

impl Series {
    /// The interval of row `row`, if any.
    fn interval(&self, row: usize) -> Option<(f64, f64)> {
        self.intervals.get(row).copied().flatten()
    }
}

/// Horizontal grouped bars: one row per label, one bar per series in each row.
#[derive(Debug, Clone)]
pub struct GroupedBars {
    /// File stem.
    pub name: String,
    /// Title at the top.
    pub title: String,
    /// How to read the chart, one line at the bottom.
    pub caption: String,
    /// X axis label, with unit.
    pub x_label: String,
    /// Row labels, top to bottom.
    pub rows: Vec<String>,
    /// The series.
    pub series: Vec<Series>,
    /// Whether the x axis is symmetric around zero (for signed measures).
    pub symmetric: bool,
    /// Decimals of the value printed at the end of each bar.
    pub decimals: usize,
}

impl Chart for GroupedBars {
    fn name(&self) -> &str {
        &self.name
    }

    fn height(&self) -> u32 {
        let bar_rows = self.rows.len() as u32 * (self.series.len().max(1) as u32 * 22 + 18);
        (bar_rows + 260).clamp(500, 2400)
    }

    fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
    ) -> std::result::Result<(), String> {
        let area = frame(root, &self.title, &self.caption, &self.legend())?;
        self.plot(root, &area)
    }
}

impl GroupedBars {
    fn legend(&self) -> Vec<(String, RGBColor)> {
        self.series
            .iter()
            .enumerate()
            .map(|(i, s)| (s.label.clone(), series_colour(i)))
            .collect()
    }

    /// Draws the bars into `area`; row labels go on `root`, whose pixel coordinates the chart reports.
    fn plot<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        area: &DrawingArea<DB, Shift>,
    ) -> std::result::Result<(), String> {
        let all = self.series.iter().flat_map(|s| {
            let ends = s.intervals.iter().flatten().flat_map(|&(lo, hi)| [lo, hi]);
            s.values.iter().flatten().copied().chain(ends)
        });
        let (lo, hi) = all.fold((0.0f64, 0.0f64), |(lo, hi), v| (lo.min(v), hi.max(v)));
        let (x0, x1) = if self.symmetric {
            let m = lo.abs().max(hi.abs()).max(0.05) * 1.15;
            (-m, m)
        } else {
            (0.0, hi.max(1e-9) * 1.15)
        };
        let n = self.rows.len().max(1) as f64;
        let label_width = self
            .rows
            .iter()
            .map(|r| r.chars().count())
            .max()
            .unwrap_or(4) as u32
            * 12
            + 20;
        let decimals = tick_decimals(x1.abs().max(x0.abs()));
        let mut chart = ChartBuilder::on(area)
            .x_label_area_size(60)
            .y_label_area_size(label_width)
            .build_cartesian_2d(x0..x1, 0.0..n)
            .map_err(err)?;
        chart
            .configure_mesh()
            .disable_y_mesh()
            .y_labels(0)
            .x_desc(self.x_label.as_str())
            .axis_desc_style((FONT, 22))
            .label_style((FONT, 19))
            .x_label_formatter(&|v: &f64| tick_with(*v, decimals))
            .light_line_style(RGBColor(235, 235, 235))
            .draw()
            .map_err(err)?;
        let groups = self.series.len().max(1) as f64;
        let slot = 0.8 / groups;
        for (s, series) in self.series.iter().enumerate() {
            let colour = series_colour(s);
            let bars = series.values.iter().enumerate().filter_map(|(row, v)| {
                let v = (*v)?;
                // Row 0 is drawn at the top.
                let top = n - row as f64 - 0.1 - slot * s as f64;
                Some(Rectangle::new(
                    [(0.0, top), (v, top - slot * 0.92)],
                    colour.filled(),
                ))
            });
            chart.draw_series(bars).map_err(err)?;
            let whisker = RGBColor(30, 30, 30).stroke_width(2);
            for row in 0..series.values.len() {
                let Some((lo, hi)) = series.interval(row) else {
                    continue;
                };
                let y = n - row as f64 - 0.1 - slot * s as f64 - slot * 0.46;
                let cap = slot * 0.25;
                for line in [
                    [(lo, y), (hi, y)],
                    [(lo, y - cap), (lo, y + cap)],
                    [(hi, y - cap), (hi, y + cap)],
                ] {
                    chart
                        .draw_series(LineSeries::new(line, whisker))
                        .map_err(err)?;
                }
            }
        }
        // Print each value at its bar's end, so a near-zero bar is told apart from a missing one.
        let value_style = TextStyle::from((FONT, 15).into_font()).color(&RGBColor(40, 40, 40));
        for (s, series) in self.series.iter().enumerate() {
            for (row, v) in series.values.iter().enumerate() {
                let Some(v) = *v else { continue };
                let y = n - row as f64 - 0.1 - slot * s as f64 - slot * 0.46;
                // Past the whisker, when there is one, so the two do not overlap.
                let end =
                    series.interval(row).map_or(
                        v,
                        |(lo, hi)| {
                            if v < 0.0 {
                                v.min(lo)
                            } else {
                                v.max(hi)
                            }
                        },
                    );
                let (px, py) = chart.backend_coord(&(end, y));
                let (anchor, dx) = if v < 0.0 {
                    (HPos::Right, -5)
                } else {
                    (HPos::Left, 5)
                };
                let style = value_style.pos(Pos::new(anchor, VPos::Center));
                root.draw(&Text::new(
                    tick_with(v, self.decimals),
                    (px + dx, py),
                    style,
                ))
                .map_err(err)?;
            }
        }
        if self.symmetric {
            chart
                .draw_series(LineSeries::new(
                    [(0.0, 0.0), (0.0, n)],
                    BLACK.stroke_width(1),
                ))
                .map_err(err)?;
        }
        let label_style = TextStyle::from((FONT, 19).into_font())
            .color(&BLACK)
            .pos(Pos::new(HPos::Right, VPos::Center));
        for (row, label) in self.rows.iter().enumerate() {
            let (px, py) = chart.backend_coord(&(x0, n - row as f64 - 0.5));
            // backend_coord is in the root's pixels, not the inner area's.
            root.draw(&Text::new(
                label.clone(),
                (px - 10, py),
                label_style.clone(),
            ))
            .map_err(err)?;
        }
        Ok(())
    }
}

/// Sentence compound against relative position, points plus a rolling mean line, one colour per article.
#[derive(Debug, Clone)]
pub struct Trajectory {
    /// File stem.
    pub name: String,
    /// Title at the top.
    pub title: String,
    /// How to read the chart.
    pub caption: String,
    /// Per article: label and (position, compound) points in text order.
    pub lines: Vec<(String, Vec<(f64, f64)>)>,
    /// Rolling-mean window, in sentences.
    pub window: usize,
}

/// Centred rolling mean of `values` over `window` values (shorter at the ends).
pub fn rolling_mean(values: &[f64], window: usize) -> Vec<f64> {
    let half = window / 2;
    (0..values.len())
        .map(|i| {
            let lo = i.saturating_sub(half);
            let hi = (i + half + 1).min(values.len());
            values[lo..hi].iter().sum::<f64>() / (hi - lo) as f64
        })
        .collect()
}

impl Chart for Trajectory {
    fn name(&self) -> &str {
        &self.name
    }

    fn height(&self) -> u32 {
        800
    }

    fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
    ) -> std::result::Result<(), String> {
        let legend: Vec<(String, RGBColor)> = self
            .lines
            .iter()
            .enumerate()
            .map(|(i, (label, _))| {
                (
                    format!("{label}, rolling mean of {}", self.window),
                    series_colour(i),
                )
            })
            .collect();
        let area = frame(root, &self.title, &self.caption, &legend)?;
        let mut chart = ChartBuilder::on(&area)
            .x_label_area_size(60)
            .y_label_area_size(80)
            .build_cartesian_2d(0.0..1.0, -1.05..1.05)
            .map_err(err)?;
        chart
            .configure_mesh()
            .x_desc("Position in article (0 = first sentence, 1 = last)")
            .y_desc("VADER compound (−1 to +1)")
            .y_label_formatter(&tick)
            .axis_desc_style((FONT, 22))
            .label_style((FONT, 19))
            .x_label_formatter(&tick)
            .light_line_style(RGBColor(235, 235, 235))
            .draw()
            .map_err(err)?;
        chart
            .draw_series(LineSeries::new(
                [(0.0, 0.0), (1.0, 0.0)],
                RGBColor(120, 120, 120).stroke_width(1),
            ))
            .map_err(err)?;
        for (i, (_, points)) in self.lines.iter().enumerate() {
            let colour = series_colour(i);
            chart
                .draw_series(
                    points
                        .iter()
                        .map(|&p| Circle::new(p, 5, colour.mix(0.45).filled())),
                )
                .map_err(err)?;
            let ys: Vec<f64> = points.iter().map(|p| p.1).collect();
            let smooth = rolling_mean(&ys, self.window);
            let line: Vec<(f64, f64)> = points.iter().map(|p| p.0).zip(smooth).collect();
            chart
                .draw_series(LineSeries::new(line, colour.stroke_width(3)))
                .map_err(err)?;
        }
        Ok(())
    }
}

/// Per row (article), the distribution of sentence compound: a box (quartiles, median) and every sentence
/// as a dot.
#[derive(Debug, Clone)]
pub struct Distribution {
    /// File stem.
    pub name: String,
    /// Title at the top.
    pub title: String,
    /// How to read the chart.
    pub caption: String,
    /// One row per article or group.
    pub rows: Vec<SpreadRow>,
}

/// One row of a [`Distribution`]: the box and the dots.
#[derive(Debug, Clone)]
pub struct SpreadRow {
    /// Row label.
    pub label: String,
    /// Number of values.
    pub n: u64,
    /// First quartile, median and third quartile of all values.
    pub quartiles: Option<[f64; 3]>,
    /// The values drawn as dots: all of them, or a regular sample of a large row.
    pub dots: Vec<f64>,
}

impl Chart for Distribution {
    fn name(&self) -> &str {
        &self.name
    }

    fn height(&self) -> u32 {
        (self.rows.len() as u32 * 160 + 260).clamp(500, 2400)
    }

    fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
    ) -> std::result::Result<(), String> {
        let legend: Vec<(String, RGBColor)> = self
            .rows
            .iter()
            .enumerate()
            .map(|(i, row)| (format!("{} (n = {})", row.label, row.n), series_colour(i)))
            .collect();
        let area = frame(root, &self.title, &self.caption, &legend)?;
        let n = self.rows.len().max(1) as f64;
        let label_width = self
            .rows
            .iter()
            .map(|r| r.label.chars().count())
            .max()
            .unwrap_or(4) as u32
            * 12
            + 20;
        let mut chart = ChartBuilder::on(&area)
            .x_label_area_size(60)
            .y_label_area_size(label_width)
            .build_cartesian_2d(-1.05..1.05, 0.0..n)
            .map_err(err)?;
        chart
            .configure_mesh()
            .disable_y_mesh()
            .y_labels(0)
            .x_desc("VADER compound per sentence (−1 to +1)")
            .axis_desc_style((FONT, 22))
            .label_style((FONT, 19))
            .x_label_formatter(&tick)
            .light_line_style(RGBColor(235, 235, 235))
            .draw()
            .map_err(err)?;
        let label_style = TextStyle::from((FONT, 19).into_font())
            .color(&BLACK)
            .pos(Pos::new(HPos::Right, VPos::Center));
        for (row, spread) in self.rows.iter().enumerate() {
            let colour = series_colour(row);
            let centre = n - row as f64 - 0.5;
            if let Some([q1, med, q3]) = spread.quartiles {
                chart
                    .draw_series([
                        Rectangle::new(
                            [(q1, centre - 0.3), (q3, centre + 0.3)],
                            colour.mix(0.18).filled(),
                        ),
                        Rectangle::new(
                            [(q1, centre - 0.3), (q3, centre + 0.3)],
                            colour.stroke_width(2),
                        ),
                    ])
                    .map_err(err)?;
                chart
                    .draw_series(LineSeries::new(
                        [(med, centre - 0.3), (med, centre + 0.3)],
                        colour.stroke_width(4),
                    ))
                    .map_err(err)?;
            }
            // Deterministic jitter from the index, so repeated runs draw identical charts.
            let dots = spread.dots.iter().enumerate().map(|(i, &v)| {
                let jitter = ((i * 7919) % 101) as f64 / 100.0 - 0.5;
                Circle::new((v, centre + jitter * 0.5), 5, colour.mix(0.6).filled())
            });
            chart.draw_series(dots).map_err(err)?;
            let (px, py) = chart.backend_coord(&(-1.05, centre));
            // backend_coord is in the root's pixels, not the inner area's.
            root.draw(&Text::new(
                spread.label.clone(),
                (px - 10, py),
                label_style.clone(),
            ))
            .map_err(err)?;
        }
        chart
            .draw_series(LineSeries::new(
                [(0.0, 0.0), (0.0, n)],
                RGBColor(120, 120, 120).stroke_width(1),
            ))
            .map_err(err)?;
        Ok(())
    }
}

/// Several grouped-bar panels side by side under one title, legend and caption; the panels share their
/// series (and so the legend), each with its own subtitle and axis.
#[derive(Debug, Clone)]
pub struct Panels {
    /// File stem.
    pub name: String,
    /// Title at the top.
    pub title: String,
    /// How to read the chart.
    pub caption: String,
    /// The panels, left to right; their `title` is drawn as the panel's subtitle.
    pub panels: Vec<GroupedBars>,
}

impl Chart for Panels {
    fn name(&self) -> &str {
        &self.name
    }

    fn height(&self) -> u32 {
        self.panels.iter().map(|p| p.height()).max().unwrap_or(500) + 40
    }

    fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
    ) -> std::result::Result<(), String> {
        let legend = self
            .panels
            .first()
            .map(GroupedBars::legend)
            .unwrap_or_default();
        let area = frame(root, &self.title, &self.caption, &legend)?;
        let parts = area.split_evenly((1, self.panels.len().max(1)));
        let subtitle = TextStyle::from((FONT, 22).into_font());
        for (panel, part) in self.panels.iter().zip(&parts) {
            draw_subtitle(part, &panel.title, &subtitle)?;
            panel.plot(root, &part.margin(36, 0, 0, 20))?;
        }
        Ok(())
    }
}

/// Draws a panel's title centred at the top of its area, in black.
fn draw_subtitle<DB: DrawingBackend>(
    part: &DrawingArea<DB, Shift>,
    title: &str,
    style: &TextStyle,
) -> std::result::Result<(), String> {
    let (w, _) = part.dim_in_pixel();
    let style = style
        .clone()
        .color(&BLACK)
        .pos(Pos::new(HPos::Center, VPos::Top));
    part.draw(&Text::new(title.to_string(), (w as i32 / 2, 0), style))
        .map_err(err)
}

/// Writes each row label to the left of its row; `centre(row)` gives the row's centre in pixels.
fn draw_row_labels<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    labels: &[String],
    centre: impl Fn(usize) -> (i32, i32),
    colours: Option<&[RGBColor]>,
) -> std::result::Result<(), String> {
    let style = TextStyle::from((FONT, 19).into_font())
        .color(&BLACK)
        .pos(Pos::new(HPos::Right, VPos::Center));
    for (row, label) in labels.iter().enumerate() {
        let (px, py) = centre(row);
        if let Some(colour) = colours.and_then(|c| c.get(row)) {
            root.draw(&Rectangle::new(
                [(px - 22, py - 7), (px - 8, py + 7)],
                colour.filled(),
            ))
            .map_err(err)?;
            root.draw(&Text::new(label.clone(), (px - 28, py), style.clone()))
                .map_err(err)?;
        } else {
            root.draw(&Text::new(label.clone(), (px - 10, py), style.clone()))
                .map_err(err)?;
        }
    }
    Ok(())
}

/// One bar of a [`Diverging`] chart.
#[derive(Debug, Clone)]
pub struct DivergingRow {
    /// Row label.
    pub label: String,
    /// The bar's value (signed).
    pub value: f64,
    /// Lower and upper end of its interval, drawn as a whisker.
    pub interval: Option<(f64, f64)>,
    /// Bar colour.
    pub colour: RGBColor,
}

/// One panel of a [`Diverging`] chart: a subtitle and its rows, top to bottom.
#[derive(Debug, Clone)]
pub struct DivergingPanel {
    /// Subtitle (e.g. the contrast).
    pub title: String,
    /// The rows.
    pub rows: Vec<DivergingRow>,
}

/// Horizontal bars to either side of zero, with optional interval whiskers; several panels side by side
/// share one x scale.
#[derive(Debug, Clone)]
pub struct Diverging {
    /// File stem.
    pub name: String,
    /// Title at the top.
    pub title: String,
    /// How to read the chart.
    pub caption: String,
    /// X axis label, with unit.
    pub x_label: String,
    /// Legend entries.
    pub legend: Vec<(String, RGBColor)>,
    /// The panels, left to right.
    pub panels: Vec<DivergingPanel>,
    /// Decimals of the value printed beside each bar.
    pub decimals: usize,
}

impl Chart for Diverging {
    fn name(&self) -> &str {
        &self.name
    }

    fn height(&self) -> u32 {
        let rows = self.panels.iter().map(|p| p.rows.len()).max().unwrap_or(1) as u32;
        (rows * 34 + 300).clamp(500, 2400)
    }

    fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
    ) -> std::result::Result<(), String> {
        let area = frame(root, &self.title, &self.caption, &self.legend)?;
        let extent = self
            .panels
            .iter()
            .flat_map(|p| p.rows.iter())
            .flat_map(|r| {
                [
                    r.value,
                    r.interval.map_or(0.0, |i| i.0),
                    r.interval.map_or(0.0, |i| i.1),
                ]
            })
            .fold(0.0f64, |m, v| m.max(v.abs()))
            .max(1e-9)
            * 1.35;
        // Panels with the same rows label them once, on the left, leaving the others more room.
        let shared_rows = self.panels.windows(2).all(|w| {
            w[0].rows
                .iter()
                .map(|r| &r.label)
                .eq(w[1].rows.iter().map(|r| &r.label))
        });
        // Shared row labels get a column of their own, so every panel has the same plotting width.
        let shared_width = self
            .panels
            .first()
            .map(|p| {
                p.rows
                    .iter()
                    .map(|r| r.label.chars().count())
                    .max()
                    .unwrap_or(4) as u32
                    * 11
                    + 24
            })
            .unwrap_or(0);
        let (_, plots) = if shared_rows {
            area.split_horizontally(shared_width)
        } else {
            area.split_horizontally(0)
        };
        let parts = plots.split_evenly((1, self.panels.len().max(1)));
        // Tick labels as short as the scale allows, so they never run into each other.
        let decimals = tick_decimals(extent);
        let subtitle = TextStyle::from((FONT, 22).into_font())
            .color(&BLACK)
            .pos(Pos::new(HPos::Center, VPos::Top));
        for (p, (panel, part)) in self.panels.iter().zip(&parts).enumerate() {
            let (w, _) = part.dim_in_pixel();
            part.draw(&Text::new(
                panel.title.clone(),
                (w as i32 / 2, 0),
                subtitle.clone(),
            ))
            .map_err(err)?;
            let plot_area = part.margin(36, 0, 0, 20);
            let n = panel.rows.len().max(1) as f64;
            let labelled = !shared_rows;
            let draw_shared = shared_rows && p == 0;
            let label_width = if labelled {
                panel
                    .rows
                    .iter()
                    .map(|r| r.label.chars().count())
                    .max()
                    .unwrap_or(4) as u32
                    * 11
                    + 24
            } else {
                12
            };
            let mut chart = ChartBuilder::on(&plot_area)
                .x_label_area_size(60)
                .y_label_area_size(label_width)
                .build_cartesian_2d(-extent..extent, 0.0..n)
                .map_err(err)?;
            chart
                .configure_mesh()
                .disable_y_mesh()
                .y_labels(0)
                .x_labels(if self.panels.len() > 2 { 5 } else { 7 })
                .x_desc(self.x_label.as_str())
                .axis_desc_style((FONT, 20))
                .label_style((FONT, 17))
                .x_label_formatter(&|v: &f64| tick_with(*v, decimals))
                .light_line_style(RGBColor(235, 235, 235))
                .draw()
                .map_err(err)?;
            let top = |row: usize| n - row as f64;
            chart
                .draw_series(panel.rows.iter().enumerate().map(|(i, r)| {
                    Rectangle::new(
                        [(0.0, top(i) - 0.18), (r.value, top(i) - 0.82)],
                        r.colour.filled(),
                    )
                }))
                .map_err(err)?;
            for (i, r) in panel.rows.iter().enumerate() {
                if let Some((lo, hi)) = r.interval {
                    let y = top(i) - 0.5;
                    let whisker = BLACK.stroke_width(2);
                    chart
                        .draw_series([
                            PathElement::new(vec![(lo, y), (hi, y)], whisker),
                            PathElement::new(vec![(lo, y - 0.2), (lo, y + 0.2)], whisker),
                            PathElement::new(vec![(hi, y - 0.2), (hi, y + 0.2)], whisker),
                        ])
                        .map_err(err)?;
                }
            }
            chart
                .draw_series(LineSeries::new(
                    [(0.0, 0.0), (0.0, n)],
                    BLACK.stroke_width(1),
                ))
                .map_err(err)?;
            let value_style = TextStyle::from((FONT, 14).into_font()).color(&RGBColor(40, 40, 40));
            for (i, r) in panel.rows.iter().enumerate() {
                // Beyond the whisker when there is one, so the number never sits on the line.
                let end = match r.interval {
                    Some((lo, _)) if r.value < 0.0 => lo.min(r.value),
                    Some((lo, hi)) => hi.max(r.value).max(lo),
                    None => r.value,
                };
                let (px, py) = chart.backend_coord(&(end, top(i) - 0.5));
                let (anchor, dx) = if r.value < 0.0 {
                    (HPos::Right, -6)
                } else {
                    (HPos::Left, 6)
                };
                root.draw(&Text::new(
                    tick_with(r.value, self.decimals),
                    (px + dx, py),
                    value_style.pos(Pos::new(anchor, VPos::Center)),
                ))
                .map_err(err)?;
            }
            if labelled || draw_shared {
                let labels: Vec<String> = panel.rows.iter().map(|r| r.label.clone()).collect();
                draw_row_labels(
                    root,
                    &labels,
                    |row| chart.backend_coord(&(-extent, top(row) - 0.5)),
                    None,
                )?;
            }
        }
        Ok(())
    }
}

/// A square matrix of counts between categories, coloured by value, each cell labelled.
#[derive(Debug, Clone)]
pub struct Heatmap {
    /// File stem.
    pub name: String,
    /// Title at the top.
    pub title: String,
    /// How to read the chart.
    pub caption: String,
    /// Row and column labels.
    pub labels: Vec<String>,
    /// The cell of row `i` and column `j` at `values[i][j]`.
    pub values: Vec<Vec<f64>>,
}

/// White to dark blue, for counts from 0 to the maximum.
fn sequential(t: f64) -> RGBColor {
    let t = t.clamp(0.0, 1.0);
    let lerp = |a: f64, b: f64| (a + (b - a) * t).round() as u8;
    RGBColor(lerp(247.0, 8.0), lerp(251.0, 48.0), lerp(255.0, 107.0))
}

impl Chart for Heatmap {
    fn name(&self) -> &str {
        &self.name
    }

    fn height(&self) -> u32 {
        (self.labels.len() as u32 * 56 + 420).clamp(600, 2000)
    }

    fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
    ) -> std::result::Result<(), String> {
        let area = frame(root, &self.title, &self.caption, &[])?;
        let n = self.labels.len().max(1);
        let label_width = self
            .labels
            .iter()
            .map(|l| l.chars().count())
            .max()
            .unwrap_or(4) as u32
            * 11
            + 24;
        let (w, h) = area.dim_in_pixel();
        // Square cells that fit both ways, with room for the column labels below.
        let side = ((w.saturating_sub(label_width + 40)).min(h.saturating_sub(label_width + 20))
            / n as u32)
            .max(8);
        // Centre the grid and its row labels across the chart.
        let x0 = ((w as i32 - (label_width as i32 + n as i32 * side as i32)) / 2).max(0)
            + label_width as i32;
        let y0 = 10;
        let max = self
            .values
            .iter()
            .flatten()
            .fold(0.0f64, |m, v| m.max(*v))
            .max(1.0);
        let cell_text =
            TextStyle::from((FONT, 16).into_font()).pos(Pos::new(HPos::Center, VPos::Center));
        for (i, row) in self.values.iter().enumerate() {
            for (j, v) in row.iter().enumerate() {
                let (cx, cy) = (x0 + j as i32 * side as i32, y0 + i as i32 * side as i32);
                let fill = sequential(v / max);
                area.draw(&Rectangle::new(
                    [(cx, cy), (cx + side as i32, cy + side as i32)],
                    fill.filled(),
                ))
                .map_err(err)?;
                area.draw(&Rectangle::new(
                    [(cx, cy), (cx + side as i32, cy + side as i32)],
                    RGBColor(255, 255, 255).stroke_width(1),
                ))
                .map_err(err)?;
                let ink = if v / max > 0.55 { WHITE } else { BLACK };
                area.draw(&Text::new(
                    format!("{v:.0}"),
                    (cx + side as i32 / 2, cy + side as i32 / 2),
                    cell_text.clone().color(&ink),
                ))
                .map_err(err)?;
            }
        }
        let row_style = TextStyle::from((FONT, 18).into_font())
            .color(&BLACK)
            .pos(Pos::new(HPos::Right, VPos::Center));
        // Column labels run downwards, rotated, so long category names never overlap.
        let col_style = TextStyle::from((FONT, 18).into_font().transform(FontTransform::Rotate90))
            .color(&BLACK)
            .pos(Pos::new(HPos::Left, VPos::Center));
        for (i, label) in self.labels.iter().enumerate() {
            let mid = i as i32 * side as i32 + side as i32 / 2;
            area.draw(&Text::new(
                label.clone(),
                (x0 - 8, y0 + mid),
                row_style.clone(),
            ))
            .map_err(err)?;
            area.draw(&Text::new(
                label.clone(),
                (x0 + mid, y0 + n as i32 * side as i32 + 8),
                col_style.clone(),
            ))
            .map_err(err)?;
        }
        Ok(())
    }
}

/// A distinct colour per category: its own `color` when it has one that no other category took,
/// otherwise the next of a fixed sequence of well-separated hues, skipping colours already in use.
pub fn category_colours(declared: &[Option<String>]) -> Vec<RGBColor> {
    let parse = |hex: &str| -> Option<RGBColor> {
        let v = u32::from_str_radix(hex.strip_prefix('#')?, 16).ok()?;
        Some(RGBColor((v >> 16) as u8, (v >> 8) as u8, v as u8))
    };
    let mut used: Vec<RGBColor> = Vec::new();
    let mut out: Vec<Option<RGBColor>> = declared
        .iter()
        .map(|d| {
            let c = d.as_deref().and_then(parse).filter(|c| !used.contains(c))?;
            used.push(c);
            Some(c)
        })
        .collect();
    // Golden-angle hues at two lightness levels, far enough apart to tell on screen.
    let mut k = 0u32;
    for slot in out.iter_mut().filter(|s| s.is_none()) {
        loop {
            let hue = (k as f64 * 137.508) % 360.0;
            let light = if k.is_multiple_of(2) { 0.45 } else { 0.6 };
            k += 1;
            let c = hsl(hue, 0.65, light);
            let far = used.iter().all(|u| {
                let d = |a: u8, b: u8| (a as i32 - b as i32).pow(2);
                d(u.0, c.0) + d(u.1, c.1) + d(u.2, c.2) > 60 * 60
            });
            if far || k > 400 {
                used.push(c);
                *slot = Some(c);
                break;
            }
        }
    }
    out.into_iter().map(|c| c.unwrap_or(BLACK)).collect()
}

fn hsl(h: f64, s: f64, l: f64) -> RGBColor {
    let c = (1.0 - (2.0 * l - 1.0).abs()) * s;
    let x = c * (1.0 - ((h / 60.0) % 2.0 - 1.0).abs());
    let m = l - c / 2.0;
    let (r, g, b) = match (h / 60.0) as u32 {
        0 => (c, x, 0.0),
        1 => (x, c, 0.0),
        2 => (0.0, c, x),
        3 => (0.0, x, c),
        4 => (x, 0.0, c),
        _ => (c, 0.0, x),
    };
    let to = |v: f64| ((v + m) * 255.0).round().clamp(0.0, 255.0) as u8;
    RGBColor(to(r), to(g), to(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn categories_get_distinct_colours() {
        let declared = vec![
            Some("#88CCEE".to_string()),
            None,
            Some("#88CCEE".to_string()),
            None,
            Some("bad".into()),
        ];
        let colours = category_colours(&declared);
        assert_eq!(colours[0], RGBColor(0x88, 0xCC, 0xEE));
        for i in 0..colours.len() {
            for j in i + 1..colours.len() {
                assert_ne!(colours[i], colours[j], "{i} and {j}");
            }
        }
    }
}

/// One group's line in a [`TimePanel`]: per time bin, its start (a day number, see [`crate::time`]) and
/// the estimate with its interval (`None` draws a gap).
#[derive(Debug, Clone)]
pub struct TimeLine {
    /// Legend label.
    pub label: String,
    /// (bin start, [estimate, lower, upper]) in time order.
    pub points: Vec<(i64, Option<[f64; 3]>)>,
}

/// One panel of a [`TimePanels`] chart.
#[derive(Debug, Clone)]
pub struct TimePanel {
    /// Drawn above the panel.
    pub title: String,
    /// The y axis description, with its unit.
    pub y_label: String,
    /// One line per group, in legend order.
    pub lines: Vec<TimeLine>,
    /// Whether to draw the intervals as ribbons.
    pub ribbons: bool,
}

/// Measures over time: a grid of panels sharing the time axis, each a line per group with its interval
/// as a translucent ribbon.
#[derive(Debug, Clone)]
pub struct TimePanels {
    /// File stem.
    pub name: String,
    /// Title at the top.
    pub title: String,
    /// How to read the chart.
    pub caption: String,
    /// The panels, row by row.
    pub panels: Vec<TimePanel>,
    /// Panels per row.
    pub columns: usize,
    /// The time axis: first and last day drawn.
    pub days: (i64, i64),
}

const TIME_PANEL_HEIGHT: u32 = 330;

impl TimePanels {
    fn rows(&self) -> usize {
        self.panels.len().div_ceil(self.columns.max(1)).max(1)
    }
}

/// A day number on the time axis: in decimal years (2016.5 is about July 1st, 2016), or over short
/// spans in decimal months since year 0, so that the ticks plotters picks fall on whole years or months.
fn axis_position(day: i64, months: bool) -> f64 {
    let (y, m, _) = crate::time::civil_from_days(day);
    if months {
        let start = crate::time::days_from_civil(y, m, 1);
        let next = if m == 12 {
            crate::time::days_from_civil(y + 1, 1, 1)
        } else {
            crate::time::days_from_civil(y, m + 1, 1)
        };
        return f64::from(y) * 12.0
            + f64::from(m - 1)
            + (day - start) as f64 / (next - start) as f64;
    }
    let start = crate::time::days_from_civil(y, 1, 1);
    let length = crate::time::days_from_civil(y + 1, 1, 1) - start;
    f64::from(y) + (day - start) as f64 / length as f64
}

/// A time-axis tick at `v` ([`axis_position`]): the year, or year and month, on a whole one; nothing
/// between (plotters' ticks at halves would otherwise repeat a label).
fn time_tick(v: f64, months: bool) -> String {
    if (v - v.round()).abs() > 1e-6 {
        return String::new();
    }
    let v = v.round() as i64;
    if months {
        format!("{}-{:02}", v.div_euclid(12), v.rem_euclid(12) + 1)
    } else {
        format!("{v}")
    }
}

impl Chart for TimePanels {
    fn name(&self) -> &str {
        &self.name
    }

    fn height(&self) -> u32 {
        self.rows() as u32 * TIME_PANEL_HEIGHT + 190
    }

    fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
    ) -> std::result::Result<(), String> {
        let legend: Vec<(String, RGBColor)> = self
            .panels
            .first()
            .map(|p| {
                p.lines
                    .iter()
                    .enumerate()
                    .map(|(i, l)| (l.label.clone(), series_colour(i)))
                    .collect()
            })
            .unwrap_or_default();
        let area = frame(root, &self.title, &self.caption, &legend)?;
        let parts = area.split_evenly((self.rows(), self.columns.max(1)));
        let subtitle = TextStyle::from((FONT, 21).into_font().style(FontStyle::Bold));
        // Spans under three years are drawn in months.
        let months = self.days.1 - self.days.0 < 3 * 365;
        let x0 = axis_position(self.days.0, months);
        let x1 = axis_position(self.days.1, months).max(x0 + if months { 1.0 } else { 1.0 / 12.0 });
        for (panel, part) in self.panels.iter().zip(&parts) {
            draw_subtitle(part, &panel.title, &subtitle)?;
            let inside = |day: i64| (self.days.0..=self.days.1).contains(&day);
            let values = panel.lines.iter().flat_map(|l| {
                l.points
                    .iter()
                    .filter(|p| inside(p.0))
                    .filter_map(|p| p.1)
                    .flat_map(move |v| {
                        if panel.ribbons {
                            vec![v[1], v[2]]
                        } else {
                            vec![v[0]]
                        }
                    })
            });
            let (lo, hi) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
                (lo.min(v), hi.max(v))
            });
            let (lo, hi) = if lo.is_finite() { (lo, hi) } else { (0.0, 1.0) };
            let pad = ((hi - lo) * 0.05).max(1e-6);
            let (y0, y1) = (
                if lo >= 0.0 {
                    0.0f64.max(lo - pad)
                } else {
                    lo - pad
                },
                hi + pad,
            );
            // Counts (a panel without intervals) get whole-number ticks.
            let decimals = if panel.ribbons {
                tick_decimals(y1 - y0)
            } else {
                0
            };
            let mut chart = ChartBuilder::on(&part.margin(34, 6, 6, 14))
                .x_label_area_size(40)
                .y_label_area_size(70)
                .build_cartesian_2d(x0..x1, y0..y1)
                .map_err(err)?;
            chart
                .configure_mesh()
                .y_desc(panel.y_label.as_str())
                .x_label_formatter(&|v| time_tick(*v, months))
                .y_label_formatter(&|v| tick_with(*v, decimals))
                .x_labels(8)
                .y_labels(6)
                .axis_desc_style((FONT, 18))
                .label_style((FONT, 16))
                .light_line_style(RGBColor(235, 235, 235))
                .draw()
                .map_err(err)?;
            for (i, line) in panel.lines.iter().enumerate() {
                let colour = series_colour(i);
                // Consecutive bins with a value form one stretch; a bin without one breaks the line.
                let mut stretches: Vec<Vec<(f64, [f64; 3])>> = vec![Vec::new()];
                for (day, v) in line.points.iter().filter(|p| inside(p.0)) {
                    match v {
                        Some(v) => stretches
                            .last_mut()
                            .map(|s| s.push((axis_position(*day, months), *v)))
                            .unwrap_or(()),
                        None => stretches.push(Vec::new()),
                    }
                }
                for stretch in stretches.iter().filter(|s| !s.is_empty()) {
                    if panel.ribbons {
                        let mut outline: Vec<(f64, f64)> =
                            stretch.iter().map(|(x, v)| (*x, v[2])).collect();
                        outline.extend(stretch.iter().rev().map(|(x, v)| (*x, v[1])));
                        chart
                            .draw_series(std::iter::once(Polygon::new(
                                outline,
                                colour.mix(0.18).filled(),
                            )))
                            .map_err(err)?;
                    }
                    chart
                        .draw_series(LineSeries::new(
                            stretch.iter().map(|(x, v)| (*x, v[0])),
                            colour.stroke_width(2),
                        ))
                        .map_err(err)?;
                    if stretch.len() == 1 {
                        chart
                            .draw_series(
                                stretch
                                    .iter()
                                    .map(|(x, v)| Circle::new((*x, v[0]), 3, colour.filled())),
                            )
                            .map_err(err)?;
                    }
                }
            }
        }
        Ok(())
    }
}
