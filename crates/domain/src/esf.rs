//! ESF+ common indicators (issue 5, item 4). Being written.
