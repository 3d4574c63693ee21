//! IPS (Individual Placement and Support) fidelity measures (issue 5, item 5). Being written.
