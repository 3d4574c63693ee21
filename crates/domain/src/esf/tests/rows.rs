//! `EsfReport::rows` carries every figure of the JSON, in its order, once.

use super::*;

#[test]
fn the_rows_are_the_figures_of_the_json_in_order() {
    let report = report(&[(Enrolment::accepted_as("e1", "2024-01-10"), woman())]);
    let json = serde_json::to_string(&report).unwrap();
    let rows = report.rows();
    // Every key of the JSON is a row (and the keys appear in the JSON in the rows' order).
    let mut at = 0;
    for (section, key, by_gender) in &rows {
        let section = serde_json::to_value(section).unwrap();
        let value = serde_json::to_value(
            &serde_json::to_value(&report).unwrap()[section.as_str().unwrap()][key],
        )
        .unwrap();
        assert_eq!(value, serde_json::to_value(by_gender).unwrap(), "{key}");
        let found = json[at..]
            .find(&format!("\"{key}\":"))
            .unwrap_or_else(|| panic!("{key} out of order"));
        at += found;
    }
    let keys = |part: &str| {
        serde_json::to_value(&report).unwrap()[part]
            .as_object()
            .unwrap()
            .len()
    };
    assert_eq!(rows.len(), keys("output") + keys("result"));
    assert_eq!(rows[0].2.total, 1);
}
