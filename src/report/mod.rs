//! Reports: one [`Report`] built from (model, assessment, profile), rendered by the CSV and PDF
//! writers. Building is pure; the writers only lay out what is here, so both always agree.

pub mod csv;
pub mod minutes;
pub mod pdf;
pub mod plan;
pub mod previous;
pub mod provenance;
pub mod status;
pub mod xlsx;

use crate::assessment::Assessment;
use crate::model::Model;
use crate::profile::Profile;
use crate::rating::{self, Rating};
pub use plan::{AttributeFindings, FindingItem, PlanRow, ProcessFindings};

/// What the caller decides about a report: the day it is made (YYYY-MM-DD), which decides which
/// actions are overdue, and whether the team's working notes are included (for the team's own
/// review; a report for the sponsor never has them).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Options {
    pub today: String,
    pub include_notes: bool,
    /// The assessment this one follows up, read and scored by the shell, for the trend.
    pub previous: Option<previous::Previous>,
    /// The bytes of the logo file (`report.logo`), read by the shell.
    pub logo: Option<Vec<u8>>,
    /// The font for the characters DejaVu Sans lacks (`report.font`, or one found on the
    /// system), read by the shell.
    pub font: Option<FontFile>,
}

/// A font file's bytes, read by the shell: the face at `index` (of a collection) is used.
#[derive(Clone, PartialEq, Eq)]
pub struct FontFile {
    /// Where it was read from, for messages.
    pub path: String,
    pub bytes: std::sync::Arc<Vec<u8>>,
    pub index: usize,
}

impl std::fmt::Debug for FontFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "FontFile({}, {} bytes, face {})",
            self.path,
            self.bytes.len(),
            self.index
        )
    }
}

/// The version of capra, printed in reports for traceability.
pub const CAPRA_VERSION: &str = env!("CARGO_PKG_VERSION");

/// Where a process stands against its target.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Standing {
    Below,
    At,
    Above,
    /// No attribute of the process is rated yet: it has no level, and counts in no total.
    NotAssessed,
}

impl Standing {
    pub fn word(self) -> &'static str {
        match self {
            Standing::Below => "below target",
            Standing::At => "at target",
            Standing::Above => "above target",
            Standing::NotAssessed => "not assessed",
        }
    }
}

/// One attribute of one process (overall, or one instance's rating).
#[derive(Clone, Debug)]
pub struct AttributeRow {
    pub id: String,
    pub name: String,
    pub level: u8,
    /// `None` for the process as a whole; the instance name otherwise.
    pub instance: Option<String>,
    pub rating: Option<Rating>,
    /// The scale value's name and band, e.g. "Largely achieved (>50-85 %)", or "not rated".
    pub band: String,
    /// [`crate::profile::Source::word`] for overall rows ("direct", "aggregated", "proposed",
    /// "accepted", "override (assessor's judgement)", "incomplete", "not rated"); "instance"
    /// for instance rows. The PDF and the CSV's `source` column both print this.
    pub source: &'static str,
    /// The lowest rating the target needs (`None` above the target level).
    pub needed: Option<rating::Base>,
    pub short_of_target: bool,
    pub confidence: String,
    pub evidence: Vec<String>,
    pub assessor: String,
    pub review: String,
    pub rationale: String,
    /// The rating's working note: empty unless the report includes working notes.
    pub note: String,
}

/// One process.
#[derive(Clone, Debug)]
pub struct ProcessSection {
    pub id: String,
    pub name: String,
    pub category: String,
    pub purpose: String,
    pub target: u8,
    pub level: u8,
    pub level_name: String,
    pub gap: u8,
    pub standing: Standing,
    /// "PA2.1 is L, needs F" for the first level not reached, if any.
    pub blocked_by: Option<rating::Blocker>,
    pub rated: usize,
    pub to_rate: usize,
    /// Overall rows, one per attribute, in level order.
    pub attributes: Vec<AttributeRow>,
    /// Instance rows, when the process has instances.
    pub instance_rows: Vec<AttributeRow>,
    /// The findings about the process: about it as a whole, and per attribute. Strengths,
    /// weaknesses and observations are printed from these, never from notes.
    pub findings: ProcessFindings,
    /// Evidence ids linked from any rating of the process.
    pub evidence: Vec<String>,
    /// Evidence and confidence behind the rated attributes.
    pub coverage: crate::profile::Coverage,
    /// Under R1, the characterisations behind the ratings (empty under R2 and R3).
    pub characterisations: Vec<provenance::CharacterisationRow>,
}

/// One evidence item with where it is used.
#[derive(Clone, Debug)]
pub struct EvidenceRow {
    pub id: String,
    pub title: String,
    pub kind: String,
    pub date: String,
    pub owner: String,
    pub location: String,
    pub path: String,
    pub sha256: String,
    pub note: String,
    /// "ISMS.CORE.3 PA1.1", "ISMS.CORE.8 PA1.1 (Lyon)", ...
    pub used_by: Vec<String>,
}

/// One link of an evidence item: from a rating (`finding` empty) or from a finding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EvidenceLink {
    pub evidence: String,
    pub process: String,
    pub attribute: String,
    pub instance: String,
    pub finding: String,
}

/// Everything a report says.
#[derive(Clone, Debug)]
pub struct Report {
    pub title: String,
    pub sponsor: String,
    pub sponsor_relation: String,
    pub purpose: String,
    pub unit: String,
    pub context: String,
    pub class: u8,
    pub rating_method: String,
    pub rating_method_explained: String,
    pub aggregation: String,
    pub aggregation_explained: String,
    pub constraints: String,
    pub independence: String,
    pub created: String,
    pub start: String,
    pub end: String,
    /// (name, role, organisation)
    pub team: Vec<(String, String, String)>,
    pub model: String,
    pub model_basis: String,
    pub framework: String,
    /// (code, name, band, meaning)
    pub scale: Vec<(String, String, String, String)>,
    /// Attribute ids and names in level order, as the heat map's columns.
    pub attribute_ids: Vec<(String, String)>,
    pub processes: Vec<ProcessSection>,
    pub evidence: Vec<EvidenceRow>,
    /// Every link of an evidence item, by evidence id: ratings first, then findings.
    pub evidence_links: Vec<EvidenceLink>,
    pub rated: usize,
    pub to_rate: usize,
    pub total_gap: u32,
    /// Evidence and confidence over all processes.
    pub coverage: crate::profile::Coverage,
    /// Consistency warnings, open and acknowledged.
    pub warnings: Vec<crate::check::Warning>,
    /// Organisational maturity, when the model declares maturity levels.
    pub maturity: Option<crate::maturity::Maturity>,
    /// sha256 of the assessment file's bytes, and of the model and framework.
    pub data_sha256: String,
    pub model_sha256: String,
    pub framework_sha256: String,
    pub capra_version: String,
    /// What the assessment does not meet of its class's requirements (empty: met).
    pub class_gaps: Vec<String>,
    /// Ratings of the process as a whole that override an aggregate or a proposal.
    pub overrides: usize,
    /// Ratings still flagged for review.
    pub unvalidated: usize,
    /// Every finding, in id order (the findings.csv rows).
    pub findings: Vec<FindingItem>,
    /// The recommendations (findings of that kind), in process order.
    pub recommendations: Vec<FindingItem>,
    /// The improvement plan, prioritised: open actions first, by priority, then due date.
    pub plan: Vec<PlanRow>,
    /// The day the report was made (YYYY-MM-DD): actions due before it are overdue.
    pub today: String,
    /// True when the report carries the team's working notes (internal review only).
    pub include_notes: bool,
    /// The report's settings as the file has them (`[report]`).
    pub settings: crate::assessment::ReportSettings,
    /// The day the report is issued: `report.issue_date`, else the day it is made.
    pub issue_date: String,
    /// Draft or final, and what is still open.
    pub status: status::Status,
    /// The assessment this one follows up, when it could be read.
    pub previous: Option<previous::Previous>,
    /// The logo for the cover (PNG or JPEG bytes).
    pub logo: Option<Vec<u8>>,
    /// The font for the characters DejaVu Sans lacks.
    pub font: Option<FontFile>,
    /// Readiness for ISO/IEC 27001 per clause and per Annex A control, when the model declares
    /// a catalogue (`[[clauses]]`, `[[controls]]`); controls the assessment's SoA excludes are
    /// left out (counted).
    pub iso27001: Option<Iso27001>,
}

/// The ISO/IEC 27001 view of a report (see [`crate::iso27001`]).
#[derive(Clone, Debug)]
pub struct Iso27001 {
    pub clauses: crate::iso27001::Readiness,
    pub controls: crate::iso27001::Readiness,
    /// True when the assessment has a Statement of Applicability.
    pub soa: bool,
    /// The controls it excludes, in catalogue order.
    pub excluded: Vec<String>,
}

/// The level rule in one sentence, for reports.
pub const LEVEL_RULE: &str = "A process reaches a capability level when every attribute of that level is rated L or F and every attribute of every lower level is rated F; counting stops at the first level not reached, and an attribute not rated counts as not achieved.";

impl Report {
    /// Processes below target.
    pub fn below(&self) -> impl Iterator<Item = &ProcessSection> {
        self.processes
            .iter()
            .filter(|p| p.standing == Standing::Below)
    }

    /// The processes ordered for the gap table: largest gap first, then below / at / above
    /// target, then model order; those not assessed last.
    pub fn by_gap(&self) -> Vec<&ProcessSection> {
        let mut v: Vec<&ProcessSection> = self.processes.iter().collect();
        v.sort_by_key(|p| {
            (
                p.standing == Standing::NotAssessed,
                std::cmp::Reverse(p.gap),
                p.standing,
            )
        });
        v
    }

    /// Processes with at least one attribute rated.
    pub fn assessed(&self) -> impl Iterator<Item = &ProcessSection> {
        self.processes
            .iter()
            .filter(|p| p.standing != Standing::NotAssessed)
    }

    /// Processes with no attribute rated yet.
    pub fn not_assessed(&self) -> impl Iterator<Item = &ProcessSection> {
        self.processes
            .iter()
            .filter(|p| p.standing == Standing::NotAssessed)
    }

    /// The date a report is dated by: the end of data collection, else the creation date.
    pub fn date(&self) -> &str {
        if self.end.is_empty() {
            &self.created
        } else {
            &self.end
        }
    }
}

/// The name of a scale value with its band, e.g. "Largely achieved (>50-85 %)".
pub fn band_label(model: &Model, r: Option<Rating>) -> String {
    match r.and_then(|r| model.framework.scale_value(r.code())) {
        Some(v) => {
            let lower = if v.above == 0.0 {
                "0".to_string()
            } else {
                format!(">{}", v.above)
            };
            format!("{} ({lower}-{} %)", v.name, v.up_to)
        }
        None => "not rated".to_string(),
    }
}

/// Builds the report. `data_sha256` is the hash of the assessment file as saved; `options`
/// give the day the report is made and whether working notes are included.
pub fn build(
    model: &Model,
    a: &Assessment,
    profile: &Profile,
    data_sha256: &str,
    options: &Options,
) -> Report {
    let info = &a.assessment;
    let notes = options.include_notes;
    let note = |s: &str| if notes { s.to_string() } else { String::new() };
    let mut processes = Vec::new();
    for (ps, rec) in profile.processes.iter().zip(&a.processes) {
        let mp = model.process(&ps.id);
        let category = model
            .processes
            .category(&ps.category)
            .map(|c| c.name.clone())
            .unwrap_or_else(|| ps.category.clone());
        let mut attributes = Vec::new();
        let mut instance_rows = Vec::new();
        let mut evidence: Vec<String> = Vec::new();
        for s in &ps.attributes {
            let name = model
                .attribute(&s.id)
                .map(|x| x.name.clone())
                .unwrap_or_default();
            let overall = rec
                .ratings
                .iter()
                .find(|r| r.attribute == s.id.as_str() && r.instance.is_none());
            let row = AttributeRow {
                id: s.id.clone(),
                name: name.clone(),
                level: s.level,
                instance: None,
                rating: s.rating,
                band: if s.source == crate::profile::Source::Incomplete {
                    format!("incomplete: {} missing", s.missing.join(", "))
                } else {
                    band_label(model, s.rating)
                },
                source: s.source.word(),
                needed: s.needed,
                short_of_target: s.short_of_target(),
                confidence: s
                    .confidence
                    .map(|c| c.word().to_string())
                    .unwrap_or_default(),
                evidence: s.evidence.clone(),
                assessor: s.assessor.clone(),
                review: provenance::review_word(overall.and_then(|r| r.review)),
                rationale: overall.map(|r| r.rationale.clone()).unwrap_or_default(),
                note: note(&s.note),
            };
            evidence.extend(row.evidence.iter().cloned());
            attributes.push(row);
            for r in rec
                .ratings
                .iter()
                .filter(|r| r.attribute == s.id.as_str() && r.instance.is_some())
            {
                let rr = r.rating();
                instance_rows.push(AttributeRow {
                    id: s.id.clone(),
                    name: name.clone(),
                    level: s.level,
                    instance: r.instance.as_ref().map(|i| i.to_string()),
                    rating: rr,
                    band: band_label(model, rr),
                    source: "instance",
                    needed: s.needed,
                    short_of_target: s.needed.is_some_and(|n| !rr.is_some_and(|x| x.meets(n))),
                    confidence: r
                        .confidence
                        .map(|c| c.word().to_string())
                        .unwrap_or_default(),
                    evidence: r.evidence.iter().map(|e| e.to_string()).collect(),
                    assessor: r.assessor.clone(),
                    review: provenance::review_word(r.review),
                    rationale: String::new(),
                    note: note(&r.note),
                });
            }
        }
        evidence.sort_by(|a, b| crate::assessment::evidence_order(a, b));
        evidence.dedup();
        let assessed = ps.attributes.iter().any(|s| s.rating.is_some());
        let standing = match ps.capability_level.cmp(&ps.target_level) {
            _ if !assessed => Standing::NotAssessed,
            std::cmp::Ordering::Less => Standing::Below,
            std::cmp::Ordering::Equal => Standing::At,
            std::cmp::Ordering::Greater => Standing::Above,
        };
        processes.push(ProcessSection {
            id: ps.id.clone(),
            name: ps.name.clone(),
            category,
            purpose: mp.map(|p| p.purpose.clone()).unwrap_or_default(),
            target: ps.target_level,
            level: ps.capability_level,
            level_name: model
                .framework
                .level(ps.capability_level)
                .map(|l| l.name.clone())
                .unwrap_or_default(),
            gap: if assessed { ps.gap } else { 0 },
            standing,
            blocked_by: ps.blocked_by.clone(),
            rated: ps.rated,
            to_rate: ps.to_rate,
            attributes,
            instance_rows,
            findings: ProcessFindings::of(a, model, &ps.id),
            evidence,
            coverage: ps.coverage.clone(),
            characterisations: if info.rating_method == crate::assessment::RatingMethod::R1 {
                provenance::characterisations(model, rec)
            } else {
                Vec::new()
            },
        });
    }
    let mut findings: Vec<FindingItem> = a
        .findings
        .iter()
        .map(|f| FindingItem::of(a, model, f))
        .collect();
    findings.sort_by(|x, y| crate::assessment::plan::id_order("F-", &x.id, &y.id));
    let recommendations: Vec<FindingItem> = processes
        .iter()
        .flat_map(|p| {
            p.findings
                .of_kind(crate::assessment::FindingKind::Recommendation)
        })
        .cloned()
        .collect();
    let uses = a.evidence_uses();
    let evidence = a
        .evidence
        .iter()
        .map(|e| EvidenceRow {
            id: e.id.to_string(),
            title: e.title.clone(),
            kind: e.kind.word().to_string(),
            date: e.date.to_string(),
            owner: e.owner.clone(),
            location: e.location.clone(),
            path: e.path.clone(),
            sha256: e.sha256.to_string(),
            note: e.note.clone(),
            used_by: uses
                .get(e.id.as_str())
                .into_iter()
                .flatten()
                .cloned()
                .map(|(p, attr, i)| match i {
                    Some(i) => format!("{p} {attr} ({i})"),
                    None => format!("{p} {attr}"),
                })
                .collect(),
        })
        .collect();
    let mut evidence_links = Vec::new();
    for e in &a.evidence {
        for (p, attr, i) in uses.get(e.id.as_str()).into_iter().flatten() {
            evidence_links.push(EvidenceLink {
                evidence: e.id.to_string(),
                process: p.clone(),
                attribute: attr.clone(),
                instance: i.clone().unwrap_or_default(),
                finding: String::new(),
            });
        }
        for f in a.findings.iter().filter(|f| f.evidence.contains(&e.id)) {
            evidence_links.push(EvidenceLink {
                evidence: e.id.to_string(),
                process: f.process.to_string(),
                attribute: f
                    .attribute
                    .as_ref()
                    .map(|x| x.to_string())
                    .unwrap_or_default(),
                instance: f
                    .instance
                    .as_ref()
                    .map(|x| x.to_string())
                    .unwrap_or_default(),
                finding: f.id.to_string(),
            });
        }
    }
    let mut scale = Vec::new();
    for v in &model.framework.scale {
        let lower = if v.above == 0.0 {
            "0".to_string()
        } else {
            format!(">{}", v.above)
        };
        scale.push((
            v.code.to_string(),
            v.name.clone(),
            format!("{lower}-{} %", v.up_to),
            v.text.clone(),
        ));
    }
    let warnings = crate::check::check(model, a, profile);
    let status = status::status(model, a, profile, &warnings);
    let total_gap = processes
        .iter()
        .filter(|p| p.standing != Standing::NotAssessed)
        .map(|p| u32::from(p.gap))
        .sum();
    Report {
        title: info.title.clone(),
        sponsor: info.sponsor.clone(),
        sponsor_relation: info.sponsor_relation.clone(),
        purpose: info.purpose.clone(),
        unit: info.unit.clone(),
        context: info.context.clone(),
        class: *info.class,
        rating_method: info.rating_method.to_string(),
        rating_method_explained: info.rating_method.explain().to_string(),
        aggregation: info.aggregation.to_string(),
        aggregation_explained: info.aggregation.explain().to_string(),
        constraints: info.constraints.clone(),
        independence: info.independence.clone(),
        created: info.created.to_string(),
        start: info.start.to_string(),
        end: info.end.to_string(),
        team: a
            .team
            .iter()
            .map(|m| {
                (
                    m.name.to_string(),
                    m.role.word().to_string(),
                    m.organisation.clone(),
                )
            })
            .collect(),
        model: format!(
            "{} {} ({})",
            model.processes.model.id, model.processes.model.version, model.processes.model.name
        ),
        model_basis: model.processes.model.basis.clone(),
        framework: format!(
            "{} {} ({})",
            model.framework.framework.id,
            model.framework.framework.version,
            model.framework.framework.name
        ),
        scale,
        attribute_ids: model
            .attributes()
            .map(|x| (x.id.to_string(), x.name.clone()))
            .collect(),
        processes,
        evidence,
        evidence_links,
        rated: profile.summary.rated,
        to_rate: profile.summary.to_rate,
        total_gap,
        coverage: profile.summary.coverage.clone(),
        maturity: profile.maturity.clone(),
        warnings,
        data_sha256: data_sha256.to_string(),
        model_sha256: model.processes.sha256.clone(),
        framework_sha256: model.framework.sha256.clone(),
        capra_version: CAPRA_VERSION.to_string(),
        class_gaps: crate::check::class_gaps(a),
        overrides: profile
            .processes
            .iter()
            .flat_map(|p| p.attributes.iter())
            .filter(|s| s.source == crate::profile::Source::Override)
            .count(),
        unvalidated: a
            .processes
            .iter()
            .flat_map(|p| p.ratings.iter())
            .filter(|r| r.review == Some(crate::assessment::Review::Flagged))
            .count(),
        findings,
        recommendations,
        plan: plan::plan(a, &options.today, notes),
        today: options.today.clone(),
        include_notes: notes,
        settings: a.report.clone(),
        issue_date: if a.report.issue_date.is_empty() {
            options.today.clone()
        } else {
            a.report.issue_date.to_string()
        },
        status,
        previous: options.previous.clone(),
        logo: options.logo.clone(),
        font: options.font.clone(),
        iso27001: (!model.processes.clauses.is_empty() || !model.processes.controls.is_empty())
            .then(|| Iso27001 {
                clauses: crate::iso27001::clauses(model, profile),
                controls: crate::iso27001::controls(model, profile, &a.soa),
                soa: !a.soa.is_empty(),
                excluded: model
                    .processes
                    .controls
                    .iter()
                    .filter(|c| {
                        a.soa
                            .iter()
                            .any(|s| s.control == c.id.as_str() && !s.applicable)
                    })
                    .map(|c| c.id.to_string())
                    .collect(),
            }),
    }
}
