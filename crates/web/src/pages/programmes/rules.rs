//! The rules ("dogmas") and goals of a programme: the form on the programme page, with each
//! rule's default shown, and `POST /programmes/{programme}/rules`, which saves them through the
//! store (checked by the domain as an import checks a programme record, audited in the same
//! transaction). A refused form comes back with a message by each wrong field, in the user's
//! language; nothing is saved unless all of it is right.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Form, Path, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use jobbro_domain::enums::Indicator;
use jobbro_domain::records::{Programme, Record};
use jobbro_domain::rules::{RuleSettings, Rules};
use jobbro_store::StoreError;
use jobbro_store::programme_admin::update_rules_and_goals;
use serde_json::{Map, Number, Value, json};

use super::programme_for;
use super::reassign::ReassignForm;
use crate::AppState;
use crate::i18n::{Arg, Tr};
use crate::pages::chrome::{Chrome, Section};
use crate::pages::forms::check_form;
use crate::session::{PageError, SessionCaller};

/// The rules, in the order FORMAT.md lists them.
const RULES: [&str; 7] = [
    "contact_every_days",
    "max_days_without_activity",
    "aftercare_contact_every_days",
    "follow_up_months",
    "no_show_limit",
    "full_time_hours",
    "max_caseload",
];

/// Empty goal rows offered for new goals.
const NEW_GOAL_ROWS: usize = 2;

/// One rule's field.
#[derive(Debug, Clone)]
pub struct RuleField {
    pub name: &'static str,
    pub label: String,
    /// "Default: 7".
    pub hint: String,
    pub value: String,
    pub error: Option<String>,
}

/// One goal row.
#[derive(Debug, Clone)]
pub struct GoalField {
    pub n: usize,
    /// "Indicator, goal 1" and "Target, goal 1".
    pub indicator_label: String,
    pub target_label: String,
    pub indicator: String,
    pub target: String,
    pub error: Option<String>,
}

/// The rules and goals form, with what was typed and the messages.
#[derive(Debug, Clone)]
pub struct RulesForm {
    pub fields: Vec<RuleField>,
    pub goals: Vec<GoalField>,
    pub indicators: Vec<(&'static str, String)>,
}

impl RulesForm {
    /// Every message of the form, each after the name of its field.
    pub fn messages(&self, tr: &Tr) -> Vec<String> {
        let rules = self
            .fields
            .iter()
            .filter_map(|f| f.error.as_ref().map(|e| format!("{}: {e}", f.label)));
        let goals = self.goals.iter().filter_map(|g| {
            g.error.as_ref().map(|e| {
                let row = tr.t_with("prog-goal-row", &[("n", Arg::from(g.n + 1))]);
                format!("{row}: {e}")
            })
        });
        rules.chain(goals).collect()
    }
}

/// The written value of a rule (empty when it takes the default) and its default.
fn written_and_default(settings: &RuleSettings, rule: &str) -> (String, String) {
    let d = Rules::default();
    let months = |m: &[u32]| m.iter().map(u32::to_string).collect::<Vec<_>>().join(", ");
    let show = |v: Option<u32>| v.map(|n| n.to_string()).unwrap_or_default();
    match rule {
        "contact_every_days" => (
            show(settings.contact_every_days),
            d.contact_every_days.to_string(),
        ),
        "max_days_without_activity" => (
            show(settings.max_days_without_activity),
            d.max_days_without_activity.to_string(),
        ),
        "aftercare_contact_every_days" => (
            show(settings.aftercare_contact_every_days),
            d.aftercare_contact_every_days.to_string(),
        ),
        "follow_up_months" => (
            settings
                .follow_up_months
                .as_deref()
                .map(months)
                .unwrap_or_default(),
            months(&d.follow_up_months),
        ),
        "no_show_limit" => (show(settings.no_show_limit), d.no_show_limit.to_string()),
        "full_time_hours" => (
            settings
                .full_time_hours
                .map(|h| h.to_string())
                .unwrap_or_default(),
            d.full_time_hours.to_string(),
        ),
        _ => (show(settings.max_caseload), d.max_caseload.to_string()),
    }
}

fn indicators(tr: &Tr) -> Vec<(&'static str, String)> {
    Indicator::ALL
        .iter()
        .map(|i| (i.as_str(), tr.code("indicator", i.as_str())))
        .collect()
}

fn goal_field(tr: &Tr, n: usize, indicator: &str, target: &str) -> GoalField {
    let row = [("n", Arg::from(n + 1))];
    GoalField {
        n,
        indicator_label: tr.t_with("prog-goal-indicator", &row),
        target_label: tr.t_with("prog-goal-target", &row),
        indicator: indicator.to_owned(),
        target: target.to_owned(),
        error: None,
    }
}

/// The form for the programme as stored.
pub fn rules_form(tr: &Tr, p: &Programme) -> RulesForm {
    let fields = RULES
        .iter()
        .map(|rule| {
            let (value, default) = written_and_default(&p.rules, rule);
            RuleField {
                name: rule,
                label: tr.t(&format!("prog-rule-{rule}")),
                hint: tr.t_with("prog-rule-default", &[("value", Arg::from(default))]),
                value,
                error: None,
            }
        })
        .collect();
    let mut goals: Vec<GoalField> = p
        .goals
        .iter()
        .enumerate()
        .map(|(n, g)| goal_field(tr, n, g.indicator.as_str(), &g.target.to_string()))
        .collect();
    let first_new = goals.len();
    goals.extend((first_new..first_new + NEW_GOAL_ROWS).map(|n| goal_field(tr, n, "", "")));
    RulesForm {
        fields,
        goals,
        indicators: indicators(tr),
    }
}

/// A refused form shown again (rules and goals, or the reassignment).
#[derive(Template, WebTemplate)]
#[template(path = "programmes_form.html")]
pub struct FormPage {
    pub chrome: Chrome,
    pub heading: String,
    pub action: String,
    pub back: String,
    pub messages: Vec<String>,
    pub rules: Option<RulesForm>,
    pub reassign: Option<ReassignForm>,
}

/// The form a refused page shows again.
pub enum Refused {
    Rules(RulesForm),
    Reassign(ReassignForm),
}

impl FormPage {
    /// The refused form of programme `id` again (422), with its messages on top.
    pub fn refused(
        caller: &SessionCaller,
        id: &str,
        action: &str,
        messages: Vec<String>,
        form: Refused,
    ) -> Response {
        let back = format!("/programmes/{id}");
        let chrome = Chrome::new(caller, Section::Programmes, &back);
        let (heading, rules, reassign) = match form {
            Refused::Rules(f) => ("prog-rules-heading", Some(f), None),
            Refused::Reassign(f) => ("prog-reassign-heading", None, Some(f)),
        };
        let page = FormPage {
            heading: chrome.tr.t(heading),
            chrome,
            action: action.to_owned(),
            back,
            messages,
            rules,
            reassign,
        };
        (StatusCode::UNPROCESSABLE_ENTITY, page).into_response()
    }
}

/// The submitted form: every field by name.
fn field<'a>(form: &'a [(String, String)], name: &str) -> &'a str {
    form.iter()
        .find(|(k, _)| k == name)
        .map_or("", |(_, v)| v.trim())
}

/// The rules and goals as typed, read into JSON for the store; messages on the fields that are
/// not even numbers. Also which form row each goal came from.
fn read_form(
    tr: &Tr,
    form: &[(String, String)],
    shown: &mut RulesForm,
) -> (Map<String, Value>, Vec<Value>, Vec<usize>) {
    let mut rules = Map::new();
    for f in &mut shown.fields {
        f.value = field(form, &format!("rule_{}", f.name)).to_owned();
        if f.value.is_empty() {
            continue;
        }
        let value = match f.name {
            "full_time_hours" => f
                .value
                .replace(',', ".")
                .parse::<f64>()
                .ok()
                .and_then(Number::from_f64)
                .map(Value::Number),
            "follow_up_months" => f
                .value
                .split([',', ';', ' '])
                .filter(|m| !m.is_empty())
                .map(|m| m.parse::<u64>().ok().map(Value::from))
                .collect::<Option<Vec<Value>>>()
                .map(Value::Array),
            _ => f.value.parse::<u64>().ok().map(Value::from),
        };
        match value {
            Some(v) => {
                rules.insert(f.name.to_owned(), v);
            }
            None => f.error = Some(rule_message(tr, f.name)),
        }
    }
    let rows = form
        .iter()
        .filter_map(|(k, _)| k.strip_prefix("goal_indicator_"))
        .filter_map(|n| n.parse::<usize>().ok())
        .max()
        .map_or(0, |n| n + 1)
        .min(50);
    shown.goals = (0..rows)
        .map(|n| {
            let indicator = field(form, &format!("goal_indicator_{n}"));
            goal_field(tr, n, indicator, field(form, &format!("goal_target_{n}")))
        })
        .collect();
    let mut goals = Vec::new();
    let mut from_row = Vec::new();
    for g in &mut shown.goals {
        if g.indicator.is_empty() && g.target.is_empty() {
            continue;
        }
        match g.target.parse::<u64>() {
            Ok(target) if !g.indicator.is_empty() => {
                goals.push(json!({"indicator": g.indicator, "target": target}));
                from_row.push(g.n);
            }
            _ => g.error = Some(tr.t("prog-error-goal")),
        }
    }
    (rules, goals, from_row)
}

fn rule_message(tr: &Tr, rule: &str) -> String {
    tr.t(match rule {
        "full_time_hours" => "prog-error-hours",
        "follow_up_months" => "prog-error-months",
        _ => "prog-error-days",
    })
}

/// `POST /programmes/{programme}/rules`.
pub async fn save(
    State(state): State<AppState>,
    caller: SessionCaller,
    Path(id): Path<String>,
    headers: HeaderMap,
    uri: Uri,
    Form(form): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let csrf = form
        .iter()
        .find(|(k, _)| k == "csrf")
        .map(|(_, v)| v.as_str());
    check_form(&caller, csrf, &headers, &uri, &state)?;
    let (programme, access) = programme_for(&state, &caller, &id).await?;
    if !access.edit {
        return Err(PageError::Forbidden("may not edit the programme"));
    }
    let tr = Tr::new(caller.lang);
    let mut shown = rules_form(&tr, &programme);
    let (rules, goals, from_row) = read_form(&tr, &form, &mut shown);
    // What did parse is checked by the domain too, so every wrong field is named at once.
    for field in refused_fields(&rules, &goals) {
        place(&tr, &mut shown, &from_row, &field);
    }
    let mut messages = shown.messages(&tr);
    if messages.is_empty() {
        match update_rules_and_goals(state.db.as_ref(), &id, &rules, &goals, &caller.ctx).await {
            Ok(_) => {
                return Ok(Redirect::to(&format!("/programmes/{id}?done=rules")).into_response());
            }
            Err(StoreError::Invalid { errors, .. }) => {
                for e in errors {
                    place(&tr, &mut shown, &from_row, &e.field);
                }
                messages = shown.messages(&tr);
            }
            Err(StoreError::BadInput { .. }) => messages.push(tr.t("prog-error-conflict")),
            Err(e) => return Err(e.into()),
        }
        if messages.is_empty() {
            messages.push(tr.t("prog-error-conflict"));
        }
    }
    let form = Refused::Rules(shown);
    Ok(FormPage::refused(&caller, &id, uri.path(), messages, form))
}

/// The fields the domain refuses in these rules and goals, read as a programme record reads them.
fn refused_fields(rules: &Map<String, Value>, goals: &[Value]) -> Vec<String> {
    let probe = json!({"type": "programme", "id": "probe", "name": "probe", "start": "2000-01-01",
                       "rules": rules, "goals": goals});
    match Record::from_json(&probe) {
        Ok(_) => Vec::new(),
        Err(e) => e.errors.into_iter().map(|f| f.field).collect(),
    }
}

/// Puts the message for a field the domain refused (`rules.max_caseload`, `goals[1]`) by the
/// form field it came from.
fn place(tr: &Tr, shown: &mut RulesForm, from_row: &[usize], field: &str) {
    if let Some(rule) = field.strip_prefix("rules.") {
        if let Some(f) = shown.fields.iter_mut().find(|f| f.name == rule) {
            f.error = Some(rule_message(tr, rule));
        }
        return;
    }
    let row = field
        .strip_prefix("goals[")
        .and_then(|r| r.strip_suffix(']'))
        .and_then(|i| i.parse::<usize>().ok())
        .and_then(|i| from_row.get(i));
    if let Some(g) = row.and_then(|n| shown.goals.iter_mut().find(|g| g.n == *n)) {
        g.error = Some(tr.t("prog-error-goal"));
    }
}
