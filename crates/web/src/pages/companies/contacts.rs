//! Adding a contact person to a company (`POST /companies/{company}/contacts`, and the API's
//! `POST /api/v1/companies/{company}/contacts`): the form, its checks with a message in the
//! user's language by each wrong field, and the write with its audit row in one transaction.
//! A name, phone number and e-mail address are personal data: never log what the form carried.

use axum::extract::{Form, Path, State};
use axum::http::{HeaderMap, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use jobbro_store::companies::{CompanyStore, ContactPerson, NewContact};
use jobbro_store::{Context, StoreError};
use serde::Deserialize;

use super::page::render;
use super::view::{company_programmes, segment};
use crate::AppState;
use crate::i18n::Tr;
use crate::pages::enrolment_actions::{FieldMessage, message};
use crate::pages::forms::{check_form, new_record_id};
use crate::session::{PageError, SessionCaller};

/// A contact person as typed.
#[derive(Clone, Default, Deserialize)]
pub struct ContactForm {
    pub csrf: Option<String>,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub email: String,
}

/// One labelled text input of a form, as the templates draw it (`companies_input.html`).
pub struct InputField {
    pub name: &'static str,
    pub label: String,
    /// The input's type: `text`, `tel`, `email`, `date`…
    pub kind: &'static str,
    pub value: String,
    pub required: bool,
    /// The `maxlength`, or 0 for none.
    pub max: usize,
    pub error: Option<String>,
    /// A hint shown under the input.
    pub hint: Option<String>,
}

impl InputField {
    /// An input showing `value`, with the message for its field if there is one.
    pub fn new(
        tr: &Tr,
        name: &'static str,
        label_key: &str,
        kind: &'static str,
        value: &str,
        errors: &[FieldMessage],
    ) -> InputField {
        InputField {
            name,
            label: tr.t(label_key),
            kind,
            value: value.to_owned(),
            required: false,
            max: 200,
            error: errors
                .iter()
                .filter(|e| e.field == name)
                .map(|e| e.message.clone())
                .reduce(|a, b| format!("{a} {b}")),
            hint: None,
        }
    }

    pub fn hint(self, text: String) -> InputField {
        InputField {
            hint: Some(text),
            ..self
        }
    }

    pub fn required(self) -> InputField {
        InputField {
            required: true,
            ..self
        }
    }
}

/// The inputs of the contact form.
pub(super) fn contact_fields(
    tr: &Tr,
    form: &ContactForm,
    errors: &[FieldMessage],
) -> Vec<InputField> {
    vec![
        InputField::new(
            tr,
            "name",
            "company-contact-name",
            "text",
            &form.name,
            errors,
        )
        .required(),
        InputField::new(
            tr,
            "role",
            "company-contact-role",
            "text",
            &form.role,
            errors,
        ),
        InputField::new(
            tr,
            "phone",
            "company-contact-phone",
            "tel",
            &form.phone,
            errors,
        ),
        InputField::new(
            tr,
            "email",
            "company-contact-email",
            "email",
            &form.email,
            errors,
        ),
    ]
}

pub(crate) fn plausible_phone(p: &str) -> bool {
    let digits = p.trim().trim_start_matches('+');
    digits.chars().all(|c| c.is_ascii_digit() || c == ' ')
        && digits.chars().filter(char::is_ascii_digit).count() >= 6
}

pub(crate) fn plausible_email(e: &str) -> bool {
    let mut parts = e.trim().split('@');
    matches!((parts.next(), parts.next(), parts.next()),
        (Some(local), Some(domain), None)
            if !local.is_empty() && domain.contains('.') && !e.trim().contains(char::is_whitespace))
}

fn text(value: &str) -> Option<String> {
    let v = value.trim();
    (!v.is_empty()).then(|| v.to_owned())
}

/// The contact person the form describes, for `company`, or a message by each wrong field.
pub(crate) fn check_contact(
    tr: &Tr,
    form: &ContactForm,
    company: &str,
    ctx: &Context,
) -> Result<ContactPerson, Vec<FieldMessage>> {
    let mut errors = Vec::new();
    let too_long = |v: &str| v.chars().count() > 200;
    if form.name.trim().is_empty() {
        errors.push(message(tr, "name", "company-error-name-required"));
    }
    for (field, value) in [("name", &form.name), ("role", &form.role)] {
        if too_long(value) {
            errors.push(message(tr, field, "company-error-too-long"));
        }
    }
    if !form.phone.trim().is_empty() && (!plausible_phone(&form.phone) || too_long(&form.phone)) {
        errors.push(message(tr, "phone", "company-error-phone"));
    }
    if !form.email.trim().is_empty() && (!plausible_email(&form.email) || too_long(&form.email)) {
        errors.push(message(tr, "email", "company-error-email"));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(ContactPerson {
        id: new_record_id(),
        company: company.to_owned(),
        name: form.name.trim().to_owned(),
        role: text(&form.role),
        phone: text(&form.phone),
        email: text(&form.email),
        added_at: ctx.now.to_rfc3339(),
    })
}

/// Writes the contact person with its audit row.
pub(crate) async fn save_contact(
    state: &AppState,
    ctx: &Context,
    person: ContactPerson,
) -> Result<(), StoreError> {
    let mut entry = ctx.audit("create", "company_contact", &person.id, None);
    entry.purpose = Some(format!("contact person at company {}", person.company));
    let contact = NewContact {
        person,
        organisation: ctx.organisation.clone(),
        added_by: ctx.actor.clone(),
    };
    state.db.add_contact(&contact, &[entry]).await
}

/// `POST /companies/{company}/contacts`.
pub async fn add(
    State(state): State<AppState>,
    caller: SessionCaller,
    Path(id): Path<String>,
    headers: HeaderMap,
    uri: Uri,
    Form(form): Form<ContactForm>,
) -> Result<Response, PageError> {
    check_form(&caller, form.csrf.as_deref(), &headers, &uri, &state)?;
    if company_programmes(&state, &caller.actor).await?.is_none() {
        return Err(PageError::Forbidden(
            "companies are for caseworkers and leads",
        ));
    }
    if jobbro_store::companies::company(state.db.as_ref(), &id)
        .await?
        .is_none()
    {
        return Err(PageError::NotFound);
    }
    let tr = Tr::new(caller.lang);
    match check_contact(&tr, &form, &id, &caller.ctx) {
        Ok(person) => {
            save_contact(&state, &caller.ctx, person).await?;
            Ok(Redirect::to(&format!("/companies/{}?done=contact", segment(&id))).into_response())
        }
        Err(errors) => render(&state, &caller, &id, form, errors, None, None).await,
    }
}
