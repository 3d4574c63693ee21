//! Where generated participants come from, and the given and family names common there.
//!
//! Names are drawn independently (given name, family name), so the people they make up are
//! fictional. Nothing here may ever hold a real person's data: no national ids, no addresses.

/// Background of a generated participant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Origin {
    Syria,
    Iraq,
    Lebanon,
    Afghanistan,
    Iran,
    Somalia,
    Eritrea,
    Ukraine,
    Turkey,
    Denmark,
    Sweden,
}

pub(crate) struct NameSet {
    pub female: &'static [&'static str],
    pub male: &'static [&'static str],
    pub family: &'static [&'static str],
}

impl Origin {
    /// ISO 3166-1 alpha-2.
    pub(crate) fn country(self) -> &'static str {
        match self {
            Origin::Syria => "SY",
            Origin::Iraq => "IQ",
            Origin::Lebanon => "LB",
            Origin::Afghanistan => "AF",
            Origin::Iran => "IR",
            Origin::Somalia => "SO",
            Origin::Eritrea => "ER",
            Origin::Ukraine => "UA",
            Origin::Turkey => "TR",
            Origin::Denmark => "DK",
            Origin::Sweden => "SE",
        }
    }

    /// The languages a person from here speaks, first the mother tongue (ISO 639-1). One of
    /// the variants is chosen per person.
    pub(crate) fn languages(self) -> [&'static [&'static str]; 2] {
        match self {
            Origin::Syria => [&["ar"], &["ar", "ku"]],
            Origin::Iraq => [&["ar", "ku"], &["ku", "ar"]],
            Origin::Lebanon => [&["ar", "fr"], &["ar"]],
            Origin::Afghanistan => [&["fa", "ps"], &["fa"]],
            Origin::Iran => [&["fa"], &["fa", "en"]],
            Origin::Somalia => [&["so"], &["so", "ar"]],
            Origin::Eritrea => [&["ti"], &["ti", "ar"]],
            Origin::Ukraine => [&["uk", "ru"], &["uk", "en"]],
            Origin::Turkey => [&["tr"], &["ku", "tr"]],
            Origin::Denmark => [&["da"], &["da", "en"]],
            Origin::Sweden => [&["sv"], &["sv", "en"]],
        }
    }

    /// Born in the country the programme runs in: no interpreter, no Danish course.
    pub(crate) fn is_nordic(self) -> bool {
        matches!(self, Origin::Denmark | Origin::Sweden)
    }

    pub(crate) fn names(self) -> &'static NameSet {
        match self {
            Origin::Syria | Origin::Iraq | Origin::Lebanon => &ARABIC,
            Origin::Afghanistan | Origin::Iran => &DARI_FARSI,
            Origin::Somalia => &SOMALI,
            Origin::Eritrea => &TIGRINYA,
            Origin::Ukraine => &UKRAINIAN,
            Origin::Turkey => &TURKISH_KURDISH,
            Origin::Denmark => &DANISH,
            Origin::Sweden => &SWEDISH,
        }
    }
}

static ARABIC: NameSet = NameSet {
    female: &[
        "Amina", "Fatima", "Huda", "Rania", "Nour", "Yasmin", "Layla", "Samira", "Maryam", "Rasha",
        "Hiba", "Dalia", "Lina", "Reem", "Ghada", "Salma", "Zainab", "Nadia", "Asmaa", "Widad",
    ],
    male: &[
        "Ahmad", "Mohammad", "Omar", "Khaled", "Yousef", "Ali", "Hassan", "Mahmoud", "Ibrahim",
        "Samir", "Tarek", "Bilal", "Karim", "Mustafa", "Hussein",
    ],
    family: &[
        "Al-Hassan",
        "Haddad",
        "Khalil",
        "Mansour",
        "Nasser",
        "Saleh",
        "Darwish",
        "Hamdan",
        "Abboud",
        "Jaber",
        "Al-Khatib",
        "Sabbagh",
        "Qassem",
        "Al-Jubouri",
        "Hamoud",
        "Ismail",
    ],
};

static DARI_FARSI: NameSet = NameSet {
    female: &[
        "Zahra",
        "Mina",
        "Soraya",
        "Parwana",
        "Shabnam",
        "Mariam",
        "Nilofar",
        "Farzana",
        "Roya",
        "Laleh",
        "Shirin",
        "Narges",
        "Fereshteh",
        "Hosai",
        "Marzia",
    ],
    male: &[
        "Ahmad", "Farid", "Jawad", "Hamid", "Nasir", "Reza", "Omid", "Bahram", "Mehdi", "Sohrab",
        "Wahid", "Rahim",
    ],
    family: &[
        "Ahmadi",
        "Rahimi",
        "Karimi",
        "Hashimi",
        "Sultani",
        "Noori",
        "Haidari",
        "Mohammadi",
        "Hosseini",
        "Rezaei",
        "Sharifi",
        "Jafari",
        "Amiri",
        "Azizi",
        "Safi",
    ],
};

static SOMALI: NameSet = NameSet {
    female: &[
        "Hodan", "Ayan", "Fadumo", "Hawa", "Sahra", "Idil", "Ifrah", "Nimco", "Ubah", "Deeqa",
        "Khadra", "Maryan", "Sagal", "Hibo",
    ],
    male: &[
        "Abdirahman",
        "Mohamed",
        "Abdi",
        "Ahmed",
        "Liban",
        "Yusuf",
        "Guled",
        "Mahad",
        "Bashir",
        "Abdullahi",
    ],
    family: &[
        "Farah", "Abdi", "Warsame", "Hussein", "Jama", "Mohamud", "Osman", "Egal", "Nur", "Aden",
        "Dahir", "Hirsi", "Ali", "Yusuf",
    ],
};

static TIGRINYA: NameSet = NameSet {
    female: &[
        "Selam", "Helen", "Senait", "Tsega", "Mebrat", "Yohana", "Saba", "Rahel", "Luwam", "Winta",
        "Feven", "Mehret", "Freweyni",
    ],
    male: &[
        "Yonas", "Dawit", "Tesfay", "Robel", "Filmon", "Biniam", "Samuel", "Kibrom", "Mussie",
        "Habtom",
    ],
    family: &[
        "Tesfaye",
        "Berhane",
        "Ghebremedhin",
        "Haile",
        "Kidane",
        "Tekle",
        "Mehari",
        "Yohannes",
        "Woldu",
        "Gebru",
        "Asmerom",
        "Tsegay",
        "Andemariam",
    ],
};

static UKRAINIAN: NameSet = NameSet {
    female: &[
        "Olena",
        "Iryna",
        "Nataliia",
        "Oksana",
        "Tetiana",
        "Yuliia",
        "Kateryna",
        "Svitlana",
        "Halyna",
        "Mariia",
        "Anastasiia",
        "Viktoriia",
        "Liudmyla",
    ],
    male: &[
        "Oleksandr",
        "Andrii",
        "Serhii",
        "Dmytro",
        "Mykola",
        "Vasyl",
        "Ihor",
        "Bohdan",
        "Taras",
        "Yurii",
    ],
    family: &[
        "Shevchenko",
        "Kovalenko",
        "Bondarenko",
        "Tkachenko",
        "Kravchenko",
        "Melnyk",
        "Boiko",
        "Kovalchuk",
        "Oliinyk",
        "Savchuk",
        "Marchenko",
        "Lysenko",
        "Rudenko",
        "Moroz",
    ],
};

static TURKISH_KURDISH: NameSet = NameSet {
    female: &[
        "Ayşe", "Elif", "Zeynep", "Fatma", "Hatice", "Emine", "Leyla", "Berfin", "Rojda", "Dilan",
        "Gülsüm", "Sevgi",
    ],
    male: &[
        "Mehmet", "Mustafa", "Ahmet", "Hüseyin", "İbrahim", "Murat", "Serkan", "Kemal", "Baran",
        "Rojhat",
    ],
    family: &[
        "Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Aydın", "Öztürk", "Arslan",
        "Doğan", "Kılıç", "Aslan", "Zana",
    ],
};

static DANISH: NameSet = NameSet {
    female: &[
        "Mette", "Anne", "Camilla", "Louise", "Maja", "Sofie", "Line", "Hanne", "Pernille",
        "Signe", "Julie", "Emma", "Ida", "Freja", "Birgitte",
    ],
    male: &[
        "Mads", "Jens", "Søren", "Rasmus", "Mikkel", "Frederik", "Lars", "Niels", "Anders",
        "Kasper", "Jonas", "Emil", "Mathias", "Henrik",
    ],
    family: &[
        "Jensen",
        "Nielsen",
        "Hansen",
        "Pedersen",
        "Andersen",
        "Christensen",
        "Larsen",
        "Sørensen",
        "Rasmussen",
        "Jørgensen",
        "Petersen",
        "Madsen",
        "Kristensen",
        "Olsen",
        "Thomsen",
        "Poulsen",
        "Lund",
        "Holm",
    ],
};

static SWEDISH: NameSet = NameSet {
    female: &[
        "Anna", "Eva", "Maria", "Karin", "Sara", "Lena", "Emma", "Elin", "Johanna", "Ida",
        "Linnea", "Maja", "Ebba", "Frida",
    ],
    male: &[
        "Erik", "Lars", "Karl", "Anders", "Johan", "Per", "Nils", "Oskar", "Lucas", "Axel",
        "Viktor", "Gustav",
    ],
    family: &[
        "Andersson",
        "Johansson",
        "Karlsson",
        "Nilsson",
        "Eriksson",
        "Larsson",
        "Olsson",
        "Persson",
        "Svensson",
        "Gustafsson",
        "Pettersson",
        "Lindberg",
        "Lindqvist",
        "Holm",
        "Berg",
    ],
};

/// Lower-case ASCII for e-mail addresses: Danish and Swedish letters spelt out, the rest dropped.
pub(crate) fn ascii_fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        match c {
            'a'..='z' | '0'..='9' => out.push(c),
            'æ' => out.push_str("ae"),
            'ø' => out.push_str("oe"),
            'å' => out.push_str("aa"),
            'ä' | 'á' | 'à' => out.push('a'),
            'ö' | 'ó' => out.push('o'),
            'é' | 'è' => out.push('e'),
            'ü' | 'ú' => out.push('u'),
            'ı' | 'í' => out.push('i'),
            'ş' => out.push('s'),
            'ç' => out.push('c'),
            'ğ' => out.push('g'),
            ' ' | '-' | '.' => out.push('.'),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: [Origin; 11] = [
        Origin::Syria,
        Origin::Iraq,
        Origin::Lebanon,
        Origin::Afghanistan,
        Origin::Iran,
        Origin::Somalia,
        Origin::Eritrea,
        Origin::Ukraine,
        Origin::Turkey,
        Origin::Denmark,
        Origin::Sweden,
    ];

    #[test]
    fn every_origin_has_names_of_every_kind() {
        for o in ALL {
            let n = o.names();
            assert!(!n.female.is_empty() && !n.male.is_empty() && !n.family.is_empty());
        }
    }

    #[test]
    fn email_names_are_plain_ascii() {
        assert_eq!(ascii_fold("Søren Jørgensen"), "soeren.joergensen");
        assert_eq!(ascii_fold("Helsingør"), "helsingoer");
        assert_eq!(ascii_fold("Malmö"), "malmo");
        assert_eq!(ascii_fold("Yılmaz"), "yilmaz");
    }
}
