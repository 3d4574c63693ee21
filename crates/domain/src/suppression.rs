//! Small-cell suppression, primary and secondary (issue 5, item 7). Being written.
