//! The shared canonical-JSON vectors, checked in the browser: with crates/core/tests/canonical_vectors.rs
//! this proves the phone and the desk compute the same hash for the same capture.
#![cfg(target_arch = "wasm32")]

use serde_json::Value;
use spoc_core::canonical::{canonical_json, canonical_sha256};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const VECTORS: &str = include_str!("../crates/core/tests/vectors/canonical.json");

#[wasm_bindgen_test]
fn canonical_json_in_the_browser_matches_the_shared_vectors() {
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
