//! The shared canonical-JSON vectors. The same file is checked in the browser (tests/canonical.rs at
//! the workspace root), which is what proves the hash is identical on wasm and native.

use serde_json::Value;
use spoc_core::canonical::{canonical_json, canonical_sha256};
use spoc_core::Capture;

const VECTORS: &str = include_str!("vectors/canonical.json");

#[test]
fn canonical_json_matches_the_shared_vectors() {
    let vectors: Value = serde_json::from_str(VECTORS).unwrap();
    let cases = vectors["cases"].as_array().unwrap();
    assert!(cases.len() >= 6);
    for case in cases {
        let name = case["name"].as_str().unwrap();
        assert_eq!(
            canonical_json(&case["input"]).unwrap(),
            case["canonical"].as_str().unwrap(),
            "{name}"
        );
        assert_eq!(
            canonical_sha256(&case["input"]).unwrap(),
            case["sha256"].as_str().unwrap(),
            "{name}"
        );
    }
}

#[test]
fn the_capture_vector_is_a_valid_capture_with_the_same_hash() {
    let vectors: Value = serde_json::from_str(VECTORS).unwrap();
    let case = vectors["cases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "capture")
        .unwrap();
    let capture: Capture = serde_json::from_value(case["input"].clone()).unwrap();
    capture.validate().unwrap();
    assert_eq!(
        canonical_sha256(&capture).unwrap(),
        case["sha256"].as_str().unwrap()
    );
}
