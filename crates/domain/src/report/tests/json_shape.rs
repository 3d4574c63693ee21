//! The report as JSON: the contract's fields, in order, every situation key present.

use super::*;

#[test]
fn the_report_json_has_the_contract_s_fields_in_order() {
    let text =
        serde_json::to_string(&status_report("2024-06-16", &one_of_each())).unwrap_or_default();
    let fields = [
        "\"programme\":\"kib\"",
        "\"as_of\":\"2024-06-16\"",
        "\"referred\":6",
        "\"waiting\":2",
        "\"declined\":2",
        "\"accepted\":2",
        "\"active\":1",
        "\"ended\":1",
        "\"situation\":",
        "\"best_outcome\":",
        "\"left_reasons\":",
        "\"follow_up\":",
        "\"goals\":",
        "\"breakdown\":",
    ];
    let positions: Vec<Option<usize>> = fields.iter().map(|f| text.find(f)).collect();
    assert!(positions.iter().all(Option::is_some), "{text}");
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{text}");
    assert!(text.starts_with("{\"programme\""), "{text}");
}

#[test]
fn every_situation_key_is_present_in_json_zero_or_not() {
    let v = serde_json::to_value(status_report("2024-06-16", &small_groups())).unwrap_or_default();
    // serde_json's Value sorts object keys, so compare sorted.
    let mut all_keys: Vec<&str> = Situation::ALL.iter().map(|s| s.as_str()).collect();
    all_keys.sort_unstable();
    let keys_of = |v: &Value| -> Vec<String> {
        v.as_object()
            .map(|o| o.keys().cloned().collect())
            .unwrap_or_default()
    };
    assert_eq!(keys_of(&v["situation"]), all_keys);
    assert_eq!(keys_of(&v["best_outcome"]), all_keys);
    for attribute in ["gender", "benefit", "age_band", "origin_country"] {
        let groups = v["breakdown"][attribute]
            .as_object()
            .cloned()
            .unwrap_or_default();
        assert!(!groups.is_empty(), "{attribute}");
        for (key, g) in groups {
            assert_eq!(keys_of(&g["situation"]), all_keys, "{attribute}.{key}");
            assert_eq!(keys_of(&g["best_outcome"]), all_keys, "{attribute}.{key}");
        }
    }
}

#[test]
fn situation_keys_are_written_best_first() {
    let text = serde_json::to_string(&status_report("2024-06-16", &[])).unwrap_or_default();
    let expected = format!(
        "\"situation\":{{{}}}",
        Situation::ALL
            .iter()
            .map(|s| format!("\"{}\":0", s.as_str()))
            .collect::<Vec<_>>()
            .join(",")
    );
    assert!(text.contains(&expected), "{text}");
}

#[test]
fn an_empty_report_still_has_every_situation_key() {
    let v = serde_json::to_value(status_report("2024-06-16", &[])).unwrap_or_default();
    for s in Situation::ALL {
        assert_eq!(v["situation"][s.as_str()], json!(0));
        assert_eq!(v["best_outcome"][s.as_str()], json!(0));
    }
    assert_eq!(v["left_reasons"], json!({}));
    assert_eq!(
        v["follow_up"],
        json!({"6": {"due": 0, "retained": 0, "not_retained": 0, "unknown": 0}})
    );
    assert_eq!(
        v["breakdown"],
        json!({"gender": {}, "benefit": {}, "age_band": {}, "origin_country": {}})
    );
}
