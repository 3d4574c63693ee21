//! The languages people work in — Danish (the default), Swedish and English — and every text a
//! page shows, from the Fluent files in `crates/web/locales/<lang>/*.ftl`, one file per feature.
//!
//! A page never writes a sentence itself: it asks [`Tr::t`] for a message by its id, and
//! [`Tr::code`] for the name of a code of the timeline format (`situation-internship`). A message
//! missing in the user's language is shown as `⟦id⟧`, never silently in another language, so the
//! test that renders every page in every language can find it. Dates are written the way each
//! language writes them.

use std::borrow::Cow;
use std::collections::HashMap;

use chrono::NaiveDate;
use fluent_templates::fluent_bundle::FluentValue;
use unic_langid::LanguageIdentifier;

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "da",
        // Bidi isolation marks would end up inside attribute values and test expectations.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// A language of the user interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    Da,
    Sv,
    En,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::Da, Lang::Sv, Lang::En];

    /// The BCP 47 code (`da`, `sv`, `en`), as in `<html lang>` and the users table.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Da => "da",
            Lang::Sv => "sv",
            Lang::En => "en",
        }
    }

    /// The language's own name, shown in the language picker.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::Da => "Dansk",
            Lang::Sv => "Svenska",
            Lang::En => "English",
        }
    }

    pub fn parse(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "da" => Some(Lang::Da),
            "sv" => Some(Lang::Sv),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The first supported language of an `Accept-Language` header (by weight), else Danish.
    pub fn from_accept_language(header: Option<&str>) -> Lang {
        let Some(header) = header else {
            return Lang::default();
        };
        let mut offers: Vec<(f32, Lang)> = header
            .split(',')
            .filter_map(|part| {
                let mut bits = part.split(';');
                let tag = bits.next()?.trim();
                let primary = tag.split('-').next()?;
                let lang = Lang::parse(primary)?;
                let weight = bits
                    .find_map(|b| b.trim().strip_prefix("q="))
                    .and_then(|q| q.parse::<f32>().ok())
                    .unwrap_or(1.0);
                Some((weight, lang))
            })
            .collect();
        offers.sort_by(|a, b| b.0.total_cmp(&a.0));
        offers.first().map_or(Lang::default(), |(_, lang)| *lang)
    }

    fn id(self) -> LanguageIdentifier {
        match self {
            Lang::Da => unic_langid::langid!("da"),
            Lang::Sv => unic_langid::langid!("sv"),
            Lang::En => unic_langid::langid!("en"),
        }
    }
}

/// The cookie that remembers the language before login (and for error pages): `da`, `sv` or `en`.
/// Not secret and not personal; it only chooses the words.
pub const LANG_COOKIE: &str = "jobbro_lang";

tokio::task_local! {
    /// The language of the request being answered, for answers made without the request at hand
    /// (error pages).
    static REQUEST_LANG: std::cell::Cell<Lang>;
}

/// The language a request asks for before anyone is known: the language cookie, else the
/// browser's `Accept-Language`, else Danish.
pub fn request_lang(headers: &axum::http::HeaderMap) -> Lang {
    let from_cookie = headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == LANG_COOKIE)
        .and_then(|(_, value)| Lang::parse(value));
    from_cookie.unwrap_or_else(|| {
        let accept = headers
            .get(axum::http::header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok());
        Lang::from_accept_language(accept)
    })
}

/// Answers the request with its language known to [`current_lang`].
pub async fn language_scope(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let lang = request_lang(request.headers());
    REQUEST_LANG
        .scope(std::cell::Cell::new(lang), next.run(request))
        .await
}

/// The language of the request being answered (Danish outside a request).
pub fn current_lang() -> Lang {
    REQUEST_LANG
        .try_with(std::cell::Cell::get)
        .unwrap_or_default()
}

/// Once the user is known, the request is answered in their language, error pages included.
pub fn set_current_lang(lang: Lang) {
    let _outside_a_request = REQUEST_LANG.try_with(|l| l.set(lang));
}

/// `Set-Cookie` remembering a language for a year.
pub fn lang_cookie(lang: Lang, https: bool) -> String {
    let secure = if https { "; Secure" } else { "" };
    format!(
        "{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax{secure}",
        lang.code()
    )
}

/// The translator of one page: every text the page shows comes through here.
#[derive(Debug, Clone)]
pub struct Tr {
    pub lang: Lang,
    id: LanguageIdentifier,
}

impl Tr {
    pub fn new(lang: Lang) -> Tr {
        Tr {
            lang,
            id: lang.id(),
        }
    }

    /// The message `key` in this language; `⟦key⟧` when it is missing.
    pub fn t(&self, key: &str) -> String {
        self.lookup(key, None)
    }

    /// The message `key` with named arguments (`{ $n }` in the Fluent file).
    pub fn t_with(&self, key: &str, args: &[(&'static str, Arg)]) -> String {
        let map: HashMap<Cow<'static, str>, FluentValue> = args
            .iter()
            .map(|(name, value)| {
                let v = match value {
                    Arg::Num(n) => FluentValue::from(*n),
                    Arg::Text(s) => FluentValue::from(s.clone()),
                };
                (Cow::Borrowed(*name), v)
            })
            .collect();
        self.lookup(key, Some(&map))
    }

    /// The translated name of a code of the timeline format: `code("situation", "internship")`.
    pub fn code(&self, list: &str, code: &str) -> String {
        self.t(&format!("{list}-{code}"))
    }

    /// The name of a code from an open list (ISO countries and languages) when this language has
    /// one, else the code itself: `name_or_code("country-name", "SO")` is "Somalia".
    pub fn name_or_code(&self, list: &str, code: &str) -> String {
        LOCALES
            .lookup_single_language::<&str>(&self.id, &format!("{list}-{code}"), None)
            .unwrap_or_else(|_| code.to_owned())
    }

    /// A company's sector as registered: a DB07 section or code named in this language (the
    /// section's name), any other text as it is.
    pub fn sector(&self, registered: &str) -> String {
        self.name_or_code(
            "sector-name",
            &jobbro_domain::sector::Sector::of(registered).key(),
        )
    }

    /// An ISCO-08 occupation named in this language, with its code: "5120 Kokke".
    pub fn occupation(&self, code: jobbro_domain::occupation::Isco) -> String {
        format!("{code} {}", code.label(self.lang.code()))
    }

    /// Every occupation as a form offers them (code, "code label"), by code: the options of the
    /// `occupations` datalist (`occupations_datalist.html`).
    pub fn occupation_choices(&self) -> Vec<(String, String)> {
        jobbro_domain::occupation::occupations()
            .map(|o| (o.code.as_string(), self.occupation(o.code)))
            .collect()
    }

    /// A date as this language writes it: `26.11.2026`, `2026-11-26`, `26 Nov 2026`.
    pub fn date(&self, d: NaiveDate) -> String {
        match self.lang {
            Lang::Da => d.format("%d.%m.%Y").to_string(),
            Lang::Sv => d.format("%Y-%m-%d").to_string(),
            Lang::En => d.format("%-d %b %Y").to_string(),
        }
    }

    /// An optional date, or a dash.
    pub fn date_or_dash(&self, d: Option<NaiveDate>) -> String {
        d.map_or_else(|| "–".to_owned(), |d| self.date(d))
    }

    fn lookup(&self, key: &str, args: Option<&HashMap<Cow<'static, str>, FluentValue>>) -> String {
        match LOCALES.lookup_single_language(&self.id, key, args) {
            Ok(text) => text,
            Err(_) => {
                tracing::warn!(key, lang = self.lang.code(), "untranslated message");
                format!("⟦{key}⟧")
            }
        }
    }
}

/// The words of the PDF reports (`jobbro_formats`), from the same messages as the pages.
impl jobbro_formats::Labels for Tr {
    fn text(&self, key: &str) -> String {
        self.t(key)
    }

    fn text_n(&self, key: &str, n: u64) -> String {
        self.t_with(
            key,
            &[("n", Arg::Num(i64::try_from(n).unwrap_or(i64::MAX)))],
        )
    }

    fn code(&self, list: &str, code: &str) -> String {
        Tr::code(self, list, code)
    }

    fn date(&self, d: NaiveDate) -> String {
        Tr::date(self, d)
    }

    fn lang(&self) -> &'static str {
        self.lang.code()
    }
}

/// A named argument of a message.
#[derive(Debug, Clone)]
pub enum Arg {
    Num(i64),
    Text(String),
}

impl From<i64> for Arg {
    fn from(n: i64) -> Arg {
        Arg::Num(n)
    }
}

impl From<usize> for Arg {
    fn from(n: usize) -> Arg {
        Arg::Num(i64::try_from(n).unwrap_or(i64::MAX))
    }
}

impl From<&str> for Arg {
    fn from(s: &str) -> Arg {
        Arg::Text(s.to_owned())
    }
}

impl From<String> for Arg {
    fn from(s: String) -> Arg {
        Arg::Text(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_picks_the_heaviest_supported_language() {
        assert_eq!(
            Lang::from_accept_language(Some("de-DE, sv;q=0.8, en;q=0.9")),
            Lang::En
        );
        assert_eq!(Lang::from_accept_language(Some("sv-SE")), Lang::Sv);
        assert_eq!(Lang::from_accept_language(Some("fr, de")), Lang::Da);
        assert_eq!(Lang::from_accept_language(None), Lang::Da);
    }

    #[test]
    fn dates_are_written_the_way_each_language_writes_them() {
        let d = NaiveDate::from_ymd_opt(2026, 3, 5).unwrap_or_default();
        assert_eq!(Tr::new(Lang::Da).date(d), "05.03.2026");
        assert_eq!(Tr::new(Lang::Sv).date(d), "2026-03-05");
        assert_eq!(Tr::new(Lang::En).date(d), "5 Mar 2026");
    }

    #[test]
    fn a_missing_message_is_marked_not_replaced() {
        assert_eq!(Tr::new(Lang::En).t("no-such-message"), "⟦no-such-message⟧");
    }

    #[test]
    fn open_lists_name_what_they_know_and_show_other_codes_as_they_are() {
        assert_eq!(
            Tr::new(Lang::Da).name_or_code("country-name", "SO"),
            "Somalia"
        );
        assert_eq!(
            Tr::new(Lang::Sv).name_or_code("country-name", "TR"),
            "Turkiet"
        );
        assert_eq!(
            Tr::new(Lang::En).name_or_code("language-name", "ti"),
            "Tigrinya"
        );
        assert_eq!(Tr::new(Lang::En).name_or_code("country-name", "ZZ"), "ZZ");
    }
}
