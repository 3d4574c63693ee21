//! Companies as the pages show them: the list, one company with its placements (who, which kind,
//! outcome) and its contact people.
