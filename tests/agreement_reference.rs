//! Krippendorff's alpha (nominal) and percent agreement against the `krippendorff` package (0.8.1)
//! on reliability data with 2–4 coders, 2–3 codes and missing values
//! (`scripts/agreement_reference.py` → `tests/fixtures/agreement_reference.json`), to 1e-9.

use framing::stats::agreement::{krippendorff_alpha_nominal, percent_agreement};
use serde_json::Value;

#[test]
fn alpha_and_percent_agreement_match_the_krippendorff_package() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/agreement_reference.json"
    );
    let fixture: Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("fixture")).expect("json");
    let cases = fixture["cases"].as_array().expect("cases");
    assert!(cases.len() >= 24);
    for case in cases {
        let units: Vec<Vec<Option<u32>>> = case["units"]
            .as_array()
            .expect("units")
            .iter()
            .map(|u| {
                u.as_array()
                    .expect("unit")
                    .iter()
                    .map(|v| v.as_u64().map(|c| c as u32))
                    .collect()
            })
            .collect();
        let label = format!(
            "{} coders, {} codes, missing {}",
            case["coders"], case["codes"], case["missing"]
        );
        let alpha = krippendorff_alpha_nominal(&units).expect("defined");
        let want = case["alpha"].as_f64().expect("alpha");
        assert!(
            (alpha - want).abs() < 1e-9,
            "{label}: alpha {alpha} vs {want}"
        );
        let pa = percent_agreement(&units).expect("pairs");
        let want = case["percent_agreement"].as_f64().expect("pa");
        assert!(
            (pa - want).abs() < 1e-9,
            "{label}: agreement {pa} vs {want}"
        );
    }
}
