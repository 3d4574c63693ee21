//! The register pages: `GET /network` (the list, filtered by kind and language, with the form to
//! add someone), `POST /network` (add), `GET /network/{id}` (one person: details, edit form,
//! the enrolments they are linked to) and `POST /network/{id}` (save, from the version the edit
//! started from: a save over someone else's is answered 409 with their version in the form).
//! Every page that shows names writes its audit row first.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Form, Path, Query, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use jobbro_domain::access::{Action, Decision, Resource, can};
use jobbro_domain::codes::Language;
use jobbro_domain::network::{NetworkKind, NetworkPerson};
use jobbro_domain::records::Person;
use jobbro_store::access::AccessStore;
use jobbro_store::network::ops::{self, Refused};
use jobbro_store::network::{LinksOf, NetworkEntry, NetworkStore};
use jobbro_store::people::enrolment_access;
use serde::Deserialize;

use super::{PersonForm, may_use, messages, person_from, person_href};
use crate::AppState;
use crate::i18n::{Arg, Tr};
use crate::pages::chrome::{Chrome, Section};
use crate::pages::companies::view::segment;
use crate::pages::enrolment_actions::FieldMessage;
use crate::pages::forms::{check_form, new_record_id};
use crate::session::{PageError, SessionCaller};

#[derive(Deserialize, Default)]
pub struct ListQuery {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    language: String,
}

/// One person as a row of the list.
pub struct Row {
    pub href: String,
    pub name: String,
    pub kind: String,
    pub languages: String,
    pub place: String,
    pub waiting: String,
    pub phone: String,
}

/// What the person form needs besides the typed values.
pub struct FormChoices {
    pub kinds: Vec<(&'static str, String)>,
    pub companies: Vec<(String, String)>,
    pub language_hint: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "network_list.html")]
pub struct ListPage {
    pub chrome: Chrome,
    pub rows: Vec<Row>,
    pub count: String,
    pub kind: String,
    pub language: String,
    pub languages: Vec<(String, String)>,
    pub choices: FormChoices,
    pub form: PersonForm,
    pub errors: Vec<FieldMessage>,
}

/// One linked enrolment as the person page shows it.
pub struct LinkedRow {
    pub who: String,
    pub href: Option<String>,
    pub role: String,
    pub period: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "network_person.html")]
pub struct PersonPage {
    pub chrome: Chrome,
    pub name: String,
    pub facts: Vec<(String, String)>,
    pub linked: Vec<LinkedRow>,
    pub notice: Option<String>,
    pub choices: FormChoices,
    pub form: PersonForm,
    pub errors: Vec<FieldMessage>,
    pub action: String,
}

fn forbidden() -> PageError {
    PageError::Forbidden("the network register is for caseworkers and leads")
}

pub(crate) fn language_name(tr: &Tr, l: Language) -> String {
    tr.name_or_code("language-name", l.as_str())
}

fn languages_text(tr: &Tr, p: &NetworkPerson) -> String {
    p.languages
        .iter()
        .map(|l| language_name(tr, *l))
        .collect::<Vec<_>>()
        .join(", ")
}

async fn choices(state: &AppState, tr: &Tr) -> Result<FormChoices, PageError> {
    let companies = jobbro_store::companies::companies(state.db.as_ref())
        .await?
        .into_iter()
        .map(|c| (c.id, c.name))
        .collect();
    Ok(FormChoices {
        kinds: NetworkKind::ALL
            .iter()
            .map(|k| (k.as_str(), tr.code("network-kind", k.as_str())))
            .collect(),
        companies,
        language_hint: tr.t("network-languages-hint"),
    })
}

/// `GET /network`.
pub async fn list(
    State(state): State<AppState>,
    caller: SessionCaller,
    Query(q): Query<ListQuery>,
) -> Result<Response, PageError> {
    render_list(&state, &caller, q, PersonForm::default(), Vec::new()).await
}

async fn render_list(
    state: &AppState,
    caller: &SessionCaller,
    q: ListQuery,
    form: PersonForm,
    errors: Vec<FieldMessage>,
) -> Result<Response, PageError> {
    if !may_use(&caller.actor) {
        return Err(forbidden());
    }
    let org = &caller.actor.organisation;
    let mut entry = caller.ctx.audit("read", "network_register", org, None);
    entry.purpose = Some("network register list".into());
    // Recorded before anything is shown: no audit row, no names.
    state.db.append_audit(&[entry]).await?;
    let people = state.db.network_people(org).await?;
    let chrome = Chrome::new(caller, Section::Network, "/network");
    let tr = chrome.tr.clone();
    let mut all_languages: Vec<Language> = people
        .iter()
        .flat_map(|e| e.person.languages.clone())
        .collect();
    all_languages.sort_unstable();
    all_languages.dedup();
    let kind = NetworkKind::parse(&q.kind);
    let language = Language::parse(&q.language).ok();
    let companies = jobbro_store::companies::companies(state.db.as_ref()).await?;
    let rows: Vec<Row> = people
        .iter()
        .map(|e| &e.person)
        .filter(|p| kind.is_none_or(|k| p.kind == k))
        .filter(|p| language.is_none_or(|l| p.speaks(l)))
        .map(|p| Row {
            href: format!("/network/{}", segment(&p.id)),
            name: p.name.clone(),
            kind: tr.code("network-kind", p.kind.as_str()),
            languages: languages_text(&tr, p),
            place: match &p.company {
                Some(c) => companies
                    .iter()
                    .find(|x| &x.id == c)
                    .map_or_else(|| c.clone(), |x| x.name.clone()),
                None => p.area.clone().unwrap_or_default(),
            },
            waiting: p
                .waiting_days
                .map(|d| tr.t_with("network-waiting-days", &[("days", Arg::from(i64::from(d)))]))
                .unwrap_or_default(),
            phone: p.phone.clone().unwrap_or_default(),
        })
        .collect();
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = ListPage {
        count: tr.t_with("network-count", &[("n", Arg::from(rows.len()))]),
        rows,
        kind: kind.map(|k| k.as_str().to_owned()).unwrap_or_default(),
        language: language.map(|l| l.as_str().to_owned()).unwrap_or_default(),
        languages: all_languages
            .into_iter()
            .map(|l| (l.as_str().to_owned(), language_name(&tr, l)))
            .collect(),
        choices: choices(state, &tr).await?,
        form,
        errors,
        chrome,
    };
    Ok((status, page).into_response())
}

/// `POST /network`: adds a person, or shows the list again with the form and its messages.
pub async fn add(
    State(state): State<AppState>,
    caller: SessionCaller,
    headers: HeaderMap,
    uri: Uri,
    Form(form): Form<PersonForm>,
) -> Result<Response, PageError> {
    check_form(&caller, form.csrf.as_deref(), &headers, &uri, &state)?;
    if !may_use(&caller.actor) {
        return Err(forbidden());
    }
    let tr = Tr::new(caller.lang);
    let id = new_record_id().replacen("web-", "net-", 1);
    let refused = match person_from(&form, &id) {
        Err(problems) => problems,
        Ok(person) => match ops::add_person(state.db.as_ref(), &caller.ctx, &person).await? {
            Ok(()) => {
                return Ok(
                    Redirect::to(&format!("/network/{}?done=added", segment(&id))).into_response(),
                );
            }
            Err(Refused::Fields(problems)) => problems,
            Err(_) => return Err(PageError::NotFound),
        },
    };
    let errors = messages(&tr, &refused);
    render_list(&state, &caller, ListQuery::default(), form, errors).await
}

#[derive(Deserialize)]
pub struct PageQuery {
    done: Option<String>,
}

/// `GET /network/{id}`.
pub async fn page(
    State(state): State<AppState>,
    caller: SessionCaller,
    Path(id): Path<String>,
    Query(q): Query<PageQuery>,
) -> Result<Response, PageError> {
    let tr = Tr::new(caller.lang);
    let notice = match q.done.as_deref() {
        Some("added") => Some(tr.t("network-notice-added")),
        Some("saved") => Some(tr.t("network-notice-saved")),
        _ => None,
    };
    render_person(
        &state,
        &caller,
        &id,
        None,
        Vec::new(),
        notice,
        StatusCode::OK,
    )
    .await
}

async fn stored(
    state: &AppState,
    caller: &SessionCaller,
    id: &str,
) -> Result<NetworkEntry, PageError> {
    if !may_use(&caller.actor) {
        return Err(forbidden());
    }
    state
        .db
        .network_person(&caller.actor.organisation, id)
        .await?
        .ok_or(PageError::NotFound)
}

async fn render_person(
    state: &AppState,
    caller: &SessionCaller,
    id: &str,
    form: Option<PersonForm>,
    errors: Vec<FieldMessage>,
    notice: Option<String>,
    status: StatusCode,
) -> Result<Response, PageError> {
    let entry = stored(state, caller, id).await?;
    let linked = linked_rows(state, caller, id).await?;
    let path = format!("/network/{}", segment(id));
    let chrome = Chrome::new(caller, Section::Network, &path);
    let tr = chrome.tr.clone();
    let p = &entry.person;
    let company = match &p.company {
        Some(c) => jobbro_store::companies::company(state.db.as_ref(), c)
            .await?
            .map_or_else(|| c.clone(), |x| x.name),
        None => String::new(),
    };
    let dash = |v: Option<String>| v.filter(|v| !v.is_empty()).unwrap_or_else(|| "–".into());
    let facts =
        vec![
            (
                tr.t("network-kind"),
                tr.code("network-kind", p.kind.as_str()),
            ),
            (tr.t("network-company"), dash(Some(company))),
            (
                tr.t("network-languages"),
                dash(Some(languages_text(&tr, p))),
            ),
            (tr.t("network-area"), dash(p.area.clone())),
            (
                tr.t("network-waiting"),
                dash(p.waiting_days.map(|d| {
                    tr.t_with("network-waiting-days", &[("days", Arg::from(i64::from(d)))])
                })),
            ),
            (tr.t("network-phone"), dash(p.phone.clone())),
            (tr.t("network-email"), dash(p.email.clone())),
            (tr.t("network-notes"), dash(p.notes.clone())),
        ];
    let page = PersonPage {
        name: p.name.clone(),
        facts,
        linked,
        notice,
        choices: choices(state, &tr).await?,
        form: form.unwrap_or_else(|| PersonForm::of(p, entry.version)),
        errors,
        action: path,
        chrome,
    };
    Ok((status, page).into_response())
}

/// The enrolments the person is linked to, each named only where the caller may read it. Audited
/// first: one row for the person, one per programme whose participants are named.
async fn linked_rows(
    state: &AppState,
    caller: &SessionCaller,
    id: &str,
) -> Result<Vec<LinkedRow>, PageError> {
    let db = state.db.as_ref();
    let tr = Tr::new(caller.lang);
    let today = caller.ctx.today();
    let mut rows = Vec::new();
    let mut audit = vec![{
        let mut e = caller.ctx.audit("read", "network_person", id, None);
        e.purpose = Some("network person page".into());
        e
    }];
    let mut names = Vec::new();
    for link in db.links(LinksOf::NetworkPerson(id)).await? {
        let Some((person, access)) = enrolment_access(db, &link.enrolment, today).await? else {
            continue;
        };
        let resource = Resource::Enrolment {
            organisation: &access.organisation,
            programme: &access.programme,
            caseworker: access.caseworker.as_deref(),
        };
        let named = access.organisation == caller.actor.organisation
            && can(&caller.actor, Action::ReadCase, &resource) == Decision::Allow;
        if named {
            let mut e = caller.ctx.audit(
                "read",
                "enrolment",
                &link.enrolment,
                Some(&access.programme),
            );
            e.purpose = Some(format!("linked to network person {id}"));
            audit.push(e);
        }
        names.push((named, person));
        rows.push(LinkedRow {
            who: String::new(),
            href: None,
            role: tr.code("network-kind", link.role.as_str()),
            period: match link.to {
                Some(to) => format!("{} – {}", tr.date(link.from), tr.date(to)),
                None => tr.t_with(
                    "network-linked-since",
                    &[("date", Arg::from(tr.date(link.from).as_str()))],
                ),
            },
        });
    }
    // Recorded before anything is shown: no audit row, no names.
    db.append_audit(&audit).await?;
    for (row, (named, person)) in rows.iter_mut().zip(names) {
        if !named {
            row.who = tr.t("network-hidden-participant");
            continue;
        }
        let name = match db.person_row(&person).await? {
            Some((body, _)) => serde_json::from_str::<Person>(&body)
                .ok()
                .map(|p| full_name(&tr, &p))
                .unwrap_or_else(|| tr.t("no-name")),
            None => tr.t("no-name"),
        };
        row.who = name;
        row.href = Some(person_href(&person));
    }
    Ok(rows)
}

/// `POST /network/{id}`: saves the person from the version the form was opened at.
pub async fn save(
    State(state): State<AppState>,
    caller: SessionCaller,
    Path(id): Path<String>,
    headers: HeaderMap,
    uri: Uri,
    Form(form): Form<PersonForm>,
) -> Result<Response, PageError> {
    check_form(&caller, form.csrf.as_deref(), &headers, &uri, &state)?;
    let current = stored(&state, &caller, &id).await?;
    let tr = Tr::new(caller.lang);
    let version = form.version.trim().parse::<i64>().unwrap_or(0);
    let problems = match person_from(&form, &id) {
        Err(problems) => problems,
        Ok(person) => {
            match ops::update_person(state.db.as_ref(), &caller.ctx, &person, version).await? {
                Ok(_) => {
                    return Ok(
                        Redirect::to(&format!("/network/{}?done=saved", segment(&id)))
                            .into_response(),
                    );
                }
                Err(Refused::Fields(problems)) => problems,
                Err(Refused::Stale { .. }) => {
                    // Show what is stored now, and keep what was typed out of the way: the
                    // caller decides again.
                    let notice = Some(tr.t("network-error-stale"));
                    return render_person(
                        &state,
                        &caller,
                        &id,
                        Some(PersonForm::of(&current.person, current.version)),
                        Vec::new(),
                        notice,
                        StatusCode::CONFLICT,
                    )
                    .await;
                }
                Err(Refused::Missing) => return Err(PageError::NotFound),
            }
        }
    };
    let errors = messages(&tr, &problems);
    render_person(
        &state,
        &caller,
        &id,
        Some(form),
        errors,
        None,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await
}

/// A participant's name as lists show it; "(no name)" when the record has none.
pub(crate) fn full_name(tr: &Tr, p: &Person) -> String {
    let parts: Vec<&str> = [p.given_name.as_deref(), p.family_name.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    if parts.is_empty() {
        tr.t("no-name")
    } else {
        parts.join(" ")
    }
}
