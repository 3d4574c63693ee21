//! The fields a sheet can fill, per kind of row: their names (as a mapping file writes them),
//! how a cell becomes a value, which are required, and the column headers that usually hold them
//! (for preselecting a column in the web app's mapping step).
//!
//! What a value must look like beyond its shape — which codes exist, what a national id is — is
//! not decided here: the timeline records built from a row go through the domain's own checks.

use serde::{Deserialize, Serialize};

/// What one row of a table describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A person and their referral to the programme, with intake, leaving and follow-up.
    Participants,
    /// An activity of a participant's enrolment: its start and, when known, its end.
    Activities,
    /// A contact with a participant (a meeting, a call, a no-show).
    Contacts,
    /// A company of the register: name, CVR number, sector, partnership (no person).
    Companies,
}

impl Kind {
    pub const ALL: [Kind; 4] = [
        Kind::Participants,
        Kind::Activities,
        Kind::Contacts,
        Kind::Companies,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Participants => "participants",
            Kind::Activities => "activities",
            Kind::Contacts => "contacts",
            Kind::Companies => "companies",
        }
    }

    pub fn parse(text: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == text)
    }

    /// The fields of this kind of row, in the order a form shows them.
    pub fn fields(self) -> &'static [Field] {
        match self {
            Kind::Participants => PARTICIPANT_FIELDS,
            Kind::Activities => ACTIVITY_FIELDS,
            Kind::Contacts => CONTACT_FIELDS,
            Kind::Companies => COMPANY_FIELDS,
        }
    }

    pub fn field(self, name: &str) -> Option<&'static Field> {
        self.fields().iter().find(|f| f.name == name)
    }
}

/// How a cell is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Text,
    /// A code of the timeline format (lower-cased; a value map may translate the sheet's words).
    Code,
    Date,
    WholeNumber,
    Number,
    YesNo,
    /// Several codes in one cell, separated by commas, semicolons, slashes or spaces.
    Codes,
    /// A CPR number or personnummer (a number cell that lost its leading zero gets it back).
    NationalId,
}

/// One field a column can fill.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    pub name: &'static str,
    pub shape: Shape,
    /// Must be mapped (to a column or a fixed value) for the table to be read at all.
    pub required: bool,
    /// Whether a value map is offered for it in the web app.
    pub coded: bool,
    /// Lower-case column headers (da, sv, en) that usually hold this field.
    pub headers: &'static [&'static str],
}

const fn field(name: &'static str, shape: Shape, headers: &'static [&'static str]) -> Field {
    Field {
        name,
        shape,
        required: false,
        coded: matches!(shape, Shape::Code | Shape::Codes | Shape::YesNo),
        headers,
    }
}

const fn required(name: &'static str, shape: Shape, headers: &'static [&'static str]) -> Field {
    Field {
        required: true,
        ..field(name, shape, headers)
    }
}

/// The fields that say whose row it is: the person (participants) or the enrolment (others).
const PERSON_ID: Field = field(
    "person_id",
    Shape::Text,
    &[
        "person_id",
        "deltager-id",
        "deltager id",
        "deltagernr",
        "deltager-nr",
        "deltagar-id",
    ],
);
const NATIONAL_ID: Field = field(
    "national_id",
    Shape::NationalId,
    &[
        "national_id",
        "cpr",
        "cpr-nr",
        "cpr-nr.",
        "cpr nr",
        "cpr-nummer",
        "personnummer",
        "personnr",
    ],
);
const ENROLMENT_ID: Field = field(
    "enrolment_id",
    Shape::Text,
    &[
        "enrolment_id",
        "forløb",
        "forløbs-id",
        "forlopp",
        "enrolment",
    ],
);

const CASEWORKER: Field = field(
    "caseworker",
    Shape::Text,
    &[
        "caseworker",
        "jobkonsulent",
        "sagsbehandler",
        "konsulent",
        "handläggare",
    ],
);

const PARTICIPANT_FIELDS: &[Field] = &[
    PERSON_ID,
    NATIONAL_ID,
    field(
        "given_name",
        Shape::Text,
        &["given_name", "fornavn", "förnamn", "first name"],
    ),
    field(
        "family_name",
        Shape::Text,
        &[
            "family_name",
            "efternavn",
            "efternamn",
            "last name",
            "surname",
        ],
    ),
    field("gender", Shape::Code, &["gender", "køn", "kön", "sex"]),
    field(
        "birth_date",
        Shape::Date,
        &["birth_date", "fødselsdato", "födelsedatum", "date of birth"],
    ),
    field(
        "birth_year",
        Shape::WholeNumber,
        &["birth_year", "fødselsår", "födelseår", "year of birth"],
    ),
    field(
        "origin_country",
        Shape::Code,
        &[
            "origin_country",
            "oprindelsesland",
            "ursprungsland",
            "country of origin",
            "land",
        ],
    ),
    field("languages", Shape::Codes, &["languages", "sprog", "språk"]),
    field(
        "danish_level",
        Shape::Code,
        &["danish_level", "danskniveau", "dansk niveau"],
    ),
    field(
        "education_level",
        Shape::WholeNumber,
        &[
            "education_level",
            "uddannelsesniveau",
            "utbildningsnivå",
            "isced",
        ],
    ),
    field(
        "benefit",
        Shape::Code,
        &["benefit", "ydelse", "forsørgelse", "försörjning"],
    ),
    field(
        "benefit_since",
        Shape::Date,
        &["benefit_since", "ydelse siden", "på ydelse siden"],
    ),
    field(
        "phone",
        Shape::Text,
        &["phone", "telefon", "tlf", "tlf.", "mobil"],
    ),
    field("email", Shape::Text, &["email", "e-mail", "mail", "e-post"]),
    ENROLMENT_ID,
    required(
        "referral_date",
        Shape::Date,
        &[
            "referral_date",
            "henvist",
            "henvisningsdato",
            "henvist dato",
            "anvisad",
            "remissdatum",
        ],
    ),
    field(
        "referrer",
        Shape::Text,
        &["referrer", "henviser", "henvist af", "remittent"],
    ),
    CASEWORKER,
    field(
        "intake_date",
        Shape::Date,
        &[
            "intake_date",
            "visitationsdato",
            "visiteret",
            "visitation",
            "inskrivningsdatum",
        ],
    ),
    field(
        "decision",
        Shape::Code,
        &[
            "decision",
            "afgørelse",
            "beslutning",
            "beslut",
            "visitationsresultat",
        ],
    ),
    field(
        "intake_reason",
        Shape::Text,
        &["intake_reason", "begrundelse", "visitationsbegrundelse"],
    ),
    field(
        "left_date",
        Shape::Date,
        &[
            "left_date",
            "afmeldt",
            "afmeldingsdato",
            "slutdato",
            "avslutad",
        ],
    ),
    field(
        "left_reason",
        Shape::Code,
        &[
            "left_reason",
            "afmeldingsårsag",
            "årsag",
            "afgang",
            "avslutsorsak",
        ],
    ),
    field(
        "follow_up_date",
        Shape::Date,
        &[
            "follow_up_date",
            "opfølgningsdato",
            "opfølgning",
            "uppföljning",
        ],
    ),
    field(
        "follow_up_months",
        Shape::WholeNumber,
        &["follow_up_months", "opfølgning måneder", "måneder"],
    ),
    field(
        "follow_up_status",
        Shape::Code,
        &[
            "follow_up_status",
            "status ved opfølgning",
            "opfølgningsstatus",
        ],
    ),
];

const ACTIVITY_FIELDS: &[Field] = &[
    PERSON_ID,
    NATIONAL_ID,
    ENROLMENT_ID,
    field(
        "activity_id",
        Shape::Text,
        &["activity_id", "aktivitets-id", "aktivitet-id"],
    ),
    required(
        "kind",
        Shape::Code,
        &[
            "kind",
            "aktivitet",
            "aktivitetstype",
            "type",
            "insats",
            "aktivitet type",
        ],
    ),
    required(
        "start_date",
        Shape::Date,
        &["start_date", "start", "startdato", "fra", "startdatum"],
    ),
    field(
        "planned_end",
        Shape::Date,
        &[
            "planned_end",
            "forventet slut",
            "planlagt slut",
            "planerat slut",
        ],
    ),
    field(
        "end_date",
        Shape::Date,
        &["end_date", "slut", "slutdato", "til", "slutdatum"],
    ),
    field(
        "end_reason",
        Shape::Code,
        &["end_reason", "slutårsag", "ophørsårsag"],
    ),
    field(
        "company",
        Shape::Text,
        &[
            "company",
            "virksomhed",
            "arbejdsgiver",
            "företag",
            "arbetsgivare",
        ],
    ),
    field(
        "hours_per_week",
        Shape::Number,
        &[
            "hours_per_week",
            "timer pr. uge",
            "timer pr uge",
            "timer",
            "timmar per vecka",
        ],
    ),
    field(
        "title",
        Shape::Text,
        &["title", "titel", "stilling", "beskrivelse"],
    ),
];

const CONTACT_FIELDS: &[Field] = &[
    PERSON_ID,
    NATIONAL_ID,
    ENROLMENT_ID,
    field("contact_id", Shape::Text, &["contact_id", "kontakt-id"]),
    required(
        "date",
        Shape::Date,
        &["date", "dato", "datum", "kontaktdato"],
    ),
    required(
        "kind",
        Shape::Code,
        &["kind", "kontaktform", "type", "kontakttype"],
    ),
    field(
        "attended",
        Shape::YesNo,
        &["attended", "fremmødt", "mødt", "närvarande"],
    ),
    field(
        "interpreter_language",
        Shape::Code,
        &["interpreter_language", "tolk", "tolkesprog"],
    ),
    CASEWORKER,
    field(
        "note",
        Shape::Text,
        &["note", "notat", "bemærkning", "anteckning"],
    ),
];

/// The field whose usual headers include `header` (compared trimmed and in lower case).
pub fn guess_field(kind: Kind, header: &str) -> Option<&'static Field> {
    let wanted = header.trim().to_lowercase();
    kind.fields()
        .iter()
        .find(|f| f.headers.iter().any(|h| *h == wanted))
}

const COMPANY_FIELDS: &[Field] = &[
    field(
        "company_id",
        Shape::Text,
        &["company_id", "virksomheds-id", "företags-id"],
    ),
    required(
        "name",
        Shape::Text,
        &[
            "name",
            "navn",
            "virksomhed",
            "firmanavn",
            "företag",
            "företagsnamn",
        ],
    ),
    field(
        "cvr",
        Shape::Text,
        &["cvr", "cvr-nr", "cvr-nr.", "cvr nr", "cvr-nummer"],
    ),
    field(
        "sector",
        Shape::Text,
        &["sector", "branche", "bransch", "db07", "branchekode", "sni"],
    ),
    field(
        "bottleneck",
        Shape::YesNo,
        &["bottleneck", "flaskehals", "mangelområde", "bristyrke"],
    ),
    field(
        "partner_since",
        Shape::Date,
        &[
            "partner_since",
            "partner siden",
            "partnerskab",
            "partner sedan",
        ],
    ),
    field(
        "diploma",
        Shape::YesNo,
        &["diploma", "diplom", "socialt ansvar", "socialt diplom"],
    ),
];
