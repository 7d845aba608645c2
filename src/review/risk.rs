//! Risk: the register is only worth keeping when every risk above the appetite has
//! a decision and someone following it. Score = likelihood × impact; the appetite
//! and the levels come from the manifest's risk scales. Closed risks are left alone.

use super::{Code, Context, Finding, named, say};
use crate::model::labels::Label;
use crate::model::{RecordKind, Risk, RiskLevel, RiskStatus, Risks, Treatment};

/// The heat-map cell (likelihood, impact) a risk counts in, current or residual:
/// none for a closed risk, a rating out of range or no residual rating. The
/// screens' heat map, its cell filter and the offline pack all ask this.
pub fn heat_cell(risk: &Risk, residual: bool) -> Option<(u8, u8)> {
    if risk.status == RiskStatus::Closed {
        return None;
    }
    let rating = if residual {
        risk.residual?
    } else {
        risk.current
    };
    rating
        .in_range()
        .then_some((rating.likelihood, rating.impact))
}

/// How many risks each heat-map cell holds, `[likelihood - 1][impact - 1]`.
pub fn heat_map(risks: &Risks, residual: bool) -> [[usize; 5]; 5] {
    let mut counts = [[0; 5]; 5];
    for (l, i) in risks.risks.iter().filter_map(|r| heat_cell(r, residual)) {
        counts[usize::from(l - 1)][usize::from(i - 1)] += 1;
    }
    counts
}

pub(super) fn check(cx: &Context, out: &mut Vec<Finding>) {
    let lang = cx.lang;
    let scales = &cx.workbook.manifest.risk_scales;
    let appetite = scales.appetite;
    for risk in cx.risks() {
        if risk.status == RiskStatus::Closed {
            continue;
        }
        let about =
            |code: Code, message: String| Finding::about(code, RecordKind::Risk, &risk.id, message);
        let name = named(&risk.id, &risk.title);
        let score = risk.score();
        let above = risk.current.in_range() && score > appetite;

        match risk.treatment {
            None if above => out.push(about(
                Code::RiskUntreated,
                say!(
                    lang,
                    "{name} scores {score}, above the appetite of {appetite}, and has no treatment; decide with the decision-maker to reduce, avoid, transfer or accept it",
                    "{name} scoort {score}, boven de risicobereidheid van {appetite}, en heeft geen behandeling; besluit met de beslisser om het te verminderen, vermijden, over te dragen of te accepteren",
                ),
            )),
            Some(treatment) if above && treatment != Treatment::Accept && risk.actions.is_empty() => {
                let treatment = treatment.label(lang);
                out.push(about(
                    Code::RiskWithoutAction,
                    say!(
                        lang,
                        "{name} scores {score}, above the appetite of {appetite}; its treatment is “{treatment}”, but no plan step carries it out; add or link a step under `actions`",
                        "{name} scoort {score}, boven de risicobereidheid van {appetite}; de behandeling is „{treatment}”, maar geen planstap voert die uit; maak of koppel een stap onder `actions`",
                    ),
                ));
            }
            Some(Treatment::Accept) => match &risk.acceptance {
                None => out.push(about(
                    Code::AcceptanceMissing,
                    say!(
                        lang,
                        "{name} is accepted, but there is no acceptance record; have the decision-maker record who accepted it, when, why and until when",
                        "{name} is geaccepteerd, maar er is geen vastlegging; laat de beslisser vastleggen wie het accepteerde, wanneer, waarom en tot wanneer",
                    ),
                )),
                Some(acceptance) if acceptance.until < cx.today => {
                    let until = acceptance.until;
                    out.push(
                        about(
                            Code::AcceptanceExpired,
                            say!(
                                lang,
                                "{name}: the acceptance ran until {until} and has expired; decide again whether to accept it, and renew the record or choose another treatment",
                                "{name}: de acceptatie liep tot {until} en is verlopen; besluit opnieuw of je het accepteert, en vernieuw de vastlegging of kies een andere behandeling",
                            ),
                        )
                        .due(until),
                    );
                }
                Some(_) => {}
            },
            _ => {}
        }

        if let Some(residual) = risk.residual
            && residual.in_range()
            && risk.current.in_range()
            && residual.score() > score
        {
            let residual = residual.score();
            out.push(about(
                Code::ResidualAboveCurrent,
                say!(
                    lang,
                    "{name}: the residual score ({residual}) is higher than the current score ({score}); a treatment should lower a risk, so check both ratings",
                    "{name}: de restscore ({residual}) is hoger dan de huidige score ({score}); een behandeling hoort een risico te verlagen, dus controleer beide beoordelingen",
                ),
            ));
        }

        let level = scales.level(score);
        if level >= RiskLevel::High && risk.current.in_range() && risk.owner.is_none() {
            let level = level.label(lang);
            out.push(about(
                Code::RiskWithoutOwner,
                say!(
                    lang,
                    "{name} is {level} (score {score}) but has no owner; make one person responsible for following it",
                    "{name} is {level} (score {score}) maar heeft geen eigenaar; maak één persoon verantwoordelijk voor het opvolgen",
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use crate::model::*;
    use crate::review::Code;

    const TODAY: &str = "2026-12-01";

    fn with(risk: Risk) -> Workbook {
        let mut wb = workbook();
        wb.risks.risks.push(risk);
        wb
    }

    #[test]
    fn the_heat_map_counts_open_risks_in_range_current_or_residual() {
        let mut wb = workbook();
        let mut closed = risk("R-001", 3, 4);
        closed.status = RiskStatus::Closed;
        let mut open = risk("R-002", 3, 4);
        open.residual = Some(Rating {
            likelihood: 1,
            impact: 2,
        });
        let out_of_range = risk("R-003", 7, 4);
        wb.risks.risks = vec![closed, open, out_of_range];
        let current = super::heat_map(&wb.risks, false);
        assert_eq!(current[2][3], 1, "the closed risk does not count");
        assert_eq!(current.iter().flatten().sum::<usize>(), 1);
        let residual = super::heat_map(&wb.risks, true);
        assert_eq!(residual[0][1], 1);
        assert_eq!(residual.iter().flatten().sum::<usize>(), 1);
        assert_eq!(super::heat_cell(&wb.risks.risks[0], false), None);
    }

    #[test]
    fn a_risk_above_appetite_needs_a_treatment() {
        // The template's appetite is 9.
        let mut r = risk("R-001", 3, 3);
        r.treatment = None;
        assert!(about(&with(r.clone()), date(TODAY), Code::RiskUntreated).is_empty());
        r.current = Rating {
            likelihood: 2,
            impact: 5,
        };
        assert_eq!(about(&with(r), date(TODAY), Code::RiskUntreated), ["R-001"]);
    }

    #[test]
    fn a_treatment_above_appetite_needs_a_plan_step() {
        let mut r = risk("R-001", 2, 5);
        assert!(about(&with(r.clone()), date(TODAY), Code::RiskWithoutAction).is_empty());
        r.actions.clear();
        assert_eq!(
            about(&with(r.clone()), date(TODAY), Code::RiskWithoutAction),
            ["R-001"]
        );
        r.current = Rating {
            likelihood: 3,
            impact: 3,
        };
        assert!(about(&with(r), date(TODAY), Code::RiskWithoutAction).is_empty());
    }

    #[test]
    fn an_accepted_risk_needs_a_record_that_has_not_expired() {
        let mut r = risk("R-001", 2, 2);
        r.treatment = Some(Treatment::Accept);
        r.actions.clear();
        assert_eq!(
            about(&with(r.clone()), date(TODAY), Code::AcceptanceMissing),
            ["R-001"]
        );
        r.acceptance = Some(Acceptance {
            by: Id::from("C-001"),
            on: date("2025-12-01"),
            reason: "Cheaper to recover".into(),
            until: date(TODAY),
        });
        let wb = with(r);
        assert!(about(&wb, date(TODAY), Code::AcceptanceMissing).is_empty());
        assert!(about(&wb, date(TODAY), Code::AcceptanceExpired).is_empty());
        assert_eq!(
            about(&wb, date("2026-12-02"), Code::AcceptanceExpired),
            ["R-001"]
        );
    }

    #[test]
    fn a_residual_score_above_the_current_one_is_reported() {
        let mut r = risk("R-001", 3, 2);
        r.residual = Some(Rating {
            likelihood: 2,
            impact: 3,
        });
        assert!(about(&with(r.clone()), date(TODAY), Code::ResidualAboveCurrent).is_empty());
        r.residual = Some(Rating {
            likelihood: 2,
            impact: 4,
        });
        assert_eq!(
            about(&with(r), date(TODAY), Code::ResidualAboveCurrent),
            ["R-001"]
        );
    }

    #[test]
    fn a_high_risk_needs_an_owner() {
        // The template's high level starts at 10.
        let mut r = risk("R-001", 3, 3);
        r.owner = None;
        assert!(about(&with(r.clone()), date(TODAY), Code::RiskWithoutOwner).is_empty());
        r.current = Rating {
            likelihood: 2,
            impact: 5,
        };
        assert_eq!(
            about(&with(r), date(TODAY), Code::RiskWithoutOwner),
            ["R-001"]
        );
    }

    #[test]
    fn a_closed_risk_is_left_alone() {
        let mut r = risk("R-001", 5, 5);
        r.treatment = None;
        r.owner = None;
        r.status = RiskStatus::Closed;
        let wb = with(r);
        let codes: Vec<_> = crate::review::review(&wb, date(TODAY))
            .into_iter()
            .filter(|f| f.record.as_ref().is_some_and(|r| r.id.as_str() == "R-001"))
            .collect();
        assert!(codes.is_empty(), "{codes:?}");
    }
}
