//! A company's sector (FORMAT.md: `sector` is "text or DB07 code"). DB07, Danmarks Statistik's
//! Dansk Branchekode 2007, is the Danish edition of the EU's NACE Rev. 2, as SNI 2007 is the
//! Swedish one: the same 21 sections, A to U, made of the same two-digit divisions. A sector
//! given as a section letter, or as a DB07/SNI/NACE code (`56`, `56.10`, `561010`, `56101`), is
//! read as its section, so that companies coded at any depth group together and every page can
//! name the section in the reader's language (`sector-name-<letter>` in the Fluent files); any
//! other text is kept as it is.

/// The 21 sections with the first and last two-digit division of each (NACE Rev. 2, Section
/// list; Eurostat, "NACE Rev. 2 — Statistical classification of economic activities", 2008).
pub const SECTIONS: [(char, u8, u8); 21] = [
    ('A', 1, 3),
    ('B', 5, 9),
    ('C', 10, 33),
    ('D', 35, 35),
    ('E', 36, 39),
    ('F', 41, 43),
    ('G', 45, 47),
    ('H', 49, 53),
    ('I', 55, 56),
    ('J', 58, 63),
    ('K', 64, 66),
    ('L', 68, 68),
    ('M', 69, 75),
    ('N', 77, 82),
    ('O', 84, 84),
    ('P', 85, 85),
    ('Q', 86, 88),
    ('R', 90, 93),
    ('S', 94, 96),
    ('T', 97, 98),
    ('U', 99, 99),
];

/// A company's sector as read: a DB07 section, or text that is not a code.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Sector {
    Section(char),
    Text(String),
}

impl Sector {
    /// Reads `text`: a section letter (`I`, `i`), or a code whose first two digits are a
    /// division (`56`, `56.10`, `56.10.10`, `561010`), is that section; anything else is text.
    pub fn of(text: &str) -> Sector {
        let t = text.trim();
        let mut chars = t.chars();
        if let (Some(letter), None) = (chars.next(), chars.next()) {
            let letter = letter.to_ascii_uppercase();
            if SECTIONS.iter().any(|(s, ..)| *s == letter) {
                return Sector::Section(letter);
            }
        }
        let digits: String = t.chars().filter(|c| *c != '.' && *c != ' ').collect();
        let coded = (2..=6).contains(&digits.len()) && digits.chars().all(|c| c.is_ascii_digit());
        if coded
            && let Ok(division) = digits[..2].parse::<u8>()
            && let Some((s, ..)) = SECTIONS
                .iter()
                .find(|(_, first, last)| (*first..=*last).contains(&division))
        {
            return Sector::Section(*s);
        }
        Sector::Text(t.to_owned())
    }

    /// The key a report groups by and the message list names: the section letter, or the text.
    pub fn key(&self) -> String {
        match self {
            Sector::Section(s) => s.to_string(),
            Sector::Text(t) => t.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_and_codes_at_any_depth_are_their_section() {
        for (text, section) in [
            ("I", 'I'),
            ("i", 'I'),
            (" q ", 'Q'),
            ("56", 'I'),
            ("56.10", 'I'),
            ("56.10.10", 'I'),
            ("561010", 'I'),
            ("01", 'A'),
            ("03.22", 'A'),
            ("33", 'C'),
            ("35", 'D'),
            ("87.30.00", 'Q'),
            ("99", 'U'),
        ] {
            assert_eq!(Sector::of(text), Sector::Section(section), "{text}");
        }
    }

    #[test]
    fn text_and_codes_of_no_division_stay_text() {
        for text in [
            "elder care",
            "04",
            "34",
            "00",
            "1",
            "5610100",
            "Z",
            "IT",
            "56a",
        ] {
            assert_eq!(Sector::of(text), Sector::Text(text.to_owned()), "{text}");
        }
    }

    #[test]
    fn the_sections_cover_divisions_in_order_without_overlap() {
        for pair in SECTIONS.windows(2) {
            let ((a, _, a_last), (b, b_first, _)) = (pair[0], pair[1]);
            assert!(a < b && a_last < b_first, "{a} then {b}");
        }
        assert_eq!(SECTIONS.len(), 21);
    }
}
