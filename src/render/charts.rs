//! Charts, drawn with plotters to PNG and SVG from plain data (no polars types here).
//!
//! Every chart has a title, labelled axes with units, a legend and a one-line caption saying how to read
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
pub fn write_chart(dir: &Path, chart: &impl Chart) -> Result<()> {
    register_fonts();
    let size = (WIDTH, chart.height());
    let fail = |message: String| Error::Chart {
        chart: chart.name().to_string(),
        message,
    };
    let png = dir.join(format!("{}.png", chart.name()));
    {
        let root = BitMapBackend::new(&png, size).into_drawing_area();
        chart.draw(&root).map_err(fail)?;
        root.present().map_err(|e| fail(e.to_string()))?;
    }
    let svg = dir.join(format!("{}.svg", chart.name()));
    {
        let root = SVGBackend::new(&svg, size).into_drawing_area();
        chart.draw(&root).map_err(fail)?;
        root.present().map_err(|e| fail(e.to_string()))?;
    }
    Ok(())
}

/// Axis tick label: one decimal, and never "-0.0".
fn tick(v: &f64) -> String {
    // Rounding first, then adding +0.0, turns both -0.0 and tiny negative float noise into "0.0".
    format!("{:.1}", (v * 10.0).round() / 10.0 + 0.0)
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
    root.draw(&Text::new(
        caption.to_string(),
        (w as i32 / 2, h as i32 - 10),
        caption_style,
    ))
    .map_err(err)?;
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
    Ok(root.margin(if legend.is_empty() { 56 } else { 86 }, 40, 10, 30))
}

/// One coloured series of a chart with one value (or none) per row.
#[derive(Debug, Clone)]
pub struct Series {
    /// Legend label.
    pub label: String,
    /// One value per row of the chart; `None` draws nothing for that row.
    pub values: Vec<Option<f64>>,
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
        let all = self
            .series
            .iter()
            .flat_map(|s| s.values.iter().flatten().copied());
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
            .x_label_formatter(&tick)
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
        }
        // Print each value at its bar's end, so a near-zero bar is told apart from a missing one.
        let value_style = TextStyle::from((FONT, 15).into_font()).color(&RGBColor(40, 40, 40));
        for (s, series) in self.series.iter().enumerate() {
            for (row, v) in series.values.iter().enumerate() {
                let Some(v) = *v else { continue };
                let y = n - row as f64 - 0.1 - slot * s as f64 - slot * 0.46;
                let (px, py) = chart.backend_coord(&(v, y));
                let (anchor, dx) = if v < 0.0 {
                    (HPos::Right, -5)
                } else {
                    (HPos::Left, 5)
                };
                let style = value_style.pos(Pos::new(anchor, VPos::Center));
                root.draw(&Text::new(
                    format!("{v:.*}", self.decimals),
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
    /// Per row: label and values.
    pub rows: Vec<(String, Vec<f64>)>,
}

/// Quantile `q` of sorted `values` by linear interpolation (R's type 7, numpy's default).
pub fn quantile(sorted: &[f64], q: f64) -> Option<f64> {
    if sorted.is_empty() {
        return None;
    }
    let h = (sorted.len() - 1) as f64 * q;
    let lo = h.floor() as usize;
    let hi = h.ceil() as usize;
    Some(sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo]))
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
            .map(|(i, (label, values))| {
                (format!("{label} (n = {})", values.len()), series_colour(i))
            })
            .collect();
        let area = frame(root, &self.title, &self.caption, &legend)?;
        let n = self.rows.len().max(1) as f64;
        let label_width = self
            .rows
            .iter()
            .map(|r| r.0.chars().count())
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
        for (row, (label, values)) in self.rows.iter().enumerate() {
            let colour = series_colour(row);
            let centre = n - row as f64 - 0.5;
            let mut sorted = values.clone();
            sorted.sort_by(f64::total_cmp);
            if let (Some(q1), Some(med), Some(q3)) = (
                quantile(&sorted, 0.25),
                quantile(&sorted, 0.5),
                quantile(&sorted, 0.75),
            ) {
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
            let dots = values.iter().enumerate().map(|(i, &v)| {
                let jitter = ((i * 7919) % 101) as f64 / 100.0 - 0.5;
                Circle::new((v, centre + jitter * 0.5), 5, colour.mix(0.6).filled())
            });
            chart.draw_series(dots).map_err(err)?;
            let (px, py) = chart.backend_coord(&(-1.05, centre));
            // backend_coord is in the root's pixels, not the inner area's.
            root.draw(&Text::new(
                label.clone(),
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
        let subtitle = TextStyle::from((FONT, 22).into_font())
            .color(&BLACK)
            .pos(Pos::new(HPos::Center, VPos::Top));
        for (panel, part) in self.panels.iter().zip(&parts) {
            let (w, _) = part.dim_in_pixel();
            part.draw(&Text::new(
                panel.title.clone(),
                (w as i32 / 2, 0),
                subtitle.clone(),
            ))
            .map_err(err)?;
            panel.plot(root, &part.margin(36, 0, 0, 20))?;
        }
        Ok(())
    }
}
