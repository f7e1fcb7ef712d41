"""Verifier rules, one table per rule: every wrong claim has a correct twin that must pass."""

from __future__ import annotations

import json
from pathlib import Path
from typing import NamedTuple

import pytest

from state.bundle import Bundle
from state.recap import Claim
from tools.verify import verify_claim

BUNDLE = Bundle.model_validate(json.loads((Path(__file__).parents[2] / "docs" / "example-bundle.json").read_text()))
KPI1, KPI2, KPI3 = "kpi-nw-1", "kpi-nw-2", "kpi-nw-3"
ACC, PLAN, RISK = "acc-northwind", "sp-nw-1", "risk-nw-1"
QBR, ESCALATION, CALL = "act-nw-1", "act-nw-2", "act-nw-3"
USAGE = ["use-nw-1", "use-nw-2"]


class Case(NamedTuple):
    id: str
    text: str
    cites: list[str]
    ok: bool
    reason: str = ""  # a fragment the first reason must contain when not ok
    section: str | None = None
    kind: str | None = None
    owner: str | None = None
    due: str | None = None


def rec(
    id_: str,
    text: str,
    cites: list[str],
    ok: bool,
    reason: str = "",
    *,
    owner: str | None = "u-maria",
    due: str | None = "2026-12-15",
    section: str = "immediate_actions",
) -> Case:
    """Build a recommendation case."""
    return Case(id_, text, cites, ok, reason, section, "recommendation", owner, due)


CITATIONS = [
    Case("citation-present", "Median first-response time is 5 hours.", [KPI1], True),
    Case("citation-missing", "Median first-response time is 5 hours.", [], False, "cites no record"),
    Case(
        "citation-foreign-id",
        "Median first-response time is 5 hours.",
        [KPI1, "acc-x-1"],
        False,
        "'acc-x-1' is not a record of this account",
    ),
    Case("citation-nonexistent-kpi", "Median first-response time is 5 hours.", ["kpi-nw-9"], False, "'kpi-nw-9'"),
    Case("citation-only-foreign", "ARR is 240,000 USD.", ["acc-other"], False, "'acc-other'"),
    Case("citation-account-ok", "ARR is 240,000 USD.", [ACC], True),
    Case("citation-duplicate-ids-ok", "Median first-response time is 5 hours.", [KPI1, KPI1], True),
]

NUMBERS = [
    Case("number-right", "Median first-response time fell from 12 hours to 5 hours.", [KPI1], True),
    Case(
        "number-wrong",
        "Median first-response time fell from 12 hours to 7 hours.",
        [KPI1],
        False,
        "'7 hours' is stated as the current value; the recorded current of kpi-nw-1 is 5",
    ),
    Case(
        "number-unbound-wrong",
        "Median first-response time is 7 hours.",
        [KPI1],
        False,
        "'7 hours' does not match any value in the cited records (kpi-nw-1: baseline 12, current 5, target 4 hours)",
    ),
    Case(
        "number-wrong-target",
        "Median first-response time is 5 hours against a 3-hour target.",
        [KPI1],
        False,
        "'3-hour'",
    ),
    Case("number-right-target", "Median first-response time is 5 hours against a 4-hour target.", [KPI1], True),
    Case("number-percent-points-right", "Self-service rose 26 percentage points.", [KPI2], True),
    Case("number-pp-right", "Self-service is up 26pp since launch.", [KPI2], True),
    Case("number-percent-for-points", "Self-service rose 26%.", [KPI2], False, "percent change"),
    Case("number-percent-change-right", "Self-service grew 260%, from 10% to 36%.", [KPI2], True),
    Case("number-points-for-percent-change", "Self-service grew 260 percentage points.", [KPI2], False, "difference"),
    Case("number-percent-change-right-decrease", "Median first-response time fell 58%.", [KPI1], True),
    Case("number-percent-change-down", "Median first-response time is down 58% since the baseline.", [KPI1], True),
    Case("number-progress-as-change", "Median first-response time fell 88%.", [KPI1], False, "percent change"),
    Case("number-progress-as-change-75", "Median first-response time fell 75%.", [KPI1], False, "58.3%"),
    Case("number-progress-right", "Median first-response time is 88% of the way to target.", [KPI1], True),
    Case(
        "number-progress-wrong",
        "Median first-response time is 75% of the way to target.",
        [KPI1],
        False,
        "progress toward target",
    ),
    Case("number-progress-word-right", "Median first-response time: 88% progress.", [KPI1], True),
    Case("number-progress-truncated-ok", "Median first-response time is 87% of the way to target.", [KPI1], True),
    Case("number-change-as-progress", "Median first-response time is 58% of the way to target.", [KPI1], False),
    Case("number-difference-right", "Median first-response time fell by 7 hours.", [KPI1], True),
    Case("number-difference-wrong", "Median first-response time fell by 8 hours.", [KPI1], False, "difference"),
    Case("number-plain-difference-is-not-a-value", "Median first-response time is now 7 hours.", [KPI1], False),
    Case("number-sign-flip", "Median first-response time rose 58%.", [KPI1], False),
    Case("number-gap-right", "First response is 1 hour above target.", [KPI1], True),
    Case("number-gap-wrong", "First response is 2 hours above target.", [KPI1], False),
    Case("number-points-gap-right", "Self-service is 1 percentage point above its target.", [KPI2], True),
    Case("number-points-gap-wrong", "Self-service is 3 percentage points above its target.", [KPI2], False),
    Case("number-gap-percent-right", "Self-service is 1% above its target.", [KPI2], True),
    Case("number-unit-right", "Median first response is down to 5 hours.", [KPI1], True),
    Case("number-unit-wrong", "Median first response is down to 5 days.", [KPI1], False, "'5 days'"),
    Case("number-short-unit-ok", "Median first response 12 h → 5 h.", [KPI1], True),
    Case(
        "number-borrowed-from-other-kpi", "Median first-response time is 36 hours.", [KPI1, KPI2], False, "'36 hours'"
    ),
    Case("number-own-kpi-with-two-cited", "Median first-response time is 5 hours.", [KPI1, KPI2], True),
    Case("number-percent-borrowed-from-hours", "Self-service answers 12% of enquiries.", [KPI1, KPI2], False, "'12%'"),
    Case("number-percent-own-kpi", "Self-service answers 36% of enquiries.", [KPI1, KPI2], True),
    Case("number-wrong-record-cited", "Self-service answers 36% of enquiries.", [KPI1], False, "kpi-nw-1"),
    Case("number-right-record-cited", "Self-service answers 36% of enquiries.", [KPI2], True),
    Case("number-other-kpi-value", "Manual re-keying fell from 900 to 850 a week.", [KPI3], True),
    Case("number-other-kpi-wrong", "Manual re-keying fell from 900 to 800 a week.", [KPI3], False, "'800'"),
    Case("number-money-right", "ARR is $240,000.", [ACC], True),
    Case("number-money-code-right", "ARR is 240,000 USD.", [ACC], True),
    Case("number-money-k-right", "ARR is 240k USD.", [ACC], True),
    Case("number-money-m-right", "ARR is $0.24M.", [ACC], True),
    Case("number-money-wrong", "ARR is $250,000.", [ACC], False, "arr 240,000 USD"),
    Case("number-money-wrong-scale", "ARR is $1.2M.", [ACC], False, "'$1.2M'"),
    Case("number-money-wrong-currency", "ARR is €240,000.", [ACC], False, "'€240,000'"),
    Case("number-money-approx-ok", "ARR is about $250k.", [ACC], True),
    Case("number-roi-unevidenced", "The self-service rollout delivered a 500% ROI.", [KPI2], False, "'500%'"),
    Case(
        "number-roi-multiple-unevidenced",
        "Median first response fell 2.4x, a 2.4x return on investment.",
        [KPI1],
        False,
        "'2.4x'",
    ),
    Case("number-roi-absent-ok", "No ROI or money-saved figure is stated: no record holds one.", [ACC], True),
    Case("number-savings-unevidenced", "The FAQ bot saved $50k a year.", ["pt-nw-1"], False, "'$50k'"),
    Case("number-usage-right", "Weekly active agents grew from 61 to 84.", USAGE, True),
    Case("number-usage-change-right", "Weekly active agents grew 38%.", USAGE, True),
    Case("number-usage-change-wrong", "Weekly active agents grew 50%.", USAGE, False),
    Case("number-usage-difference-right", "Weekly active agents grew by 23.", USAGE, True),
    Case("number-usage-difference-wrong", "Weekly active agents grew by 30.", USAGE, False),
    Case("number-usage-percent-unit-wrong", "84% of agents are weekly active.", ["use-nw-2"], False, "'84%'"),
    Case("number-count-right", "Three KPIs track the two goals.", [KPI1, KPI2, KPI3, "obj-nw-1", "obj-nw-2"], True),
    Case("number-count-wrong", "Four KPIs track the goals.", [KPI1, KPI2, KPI3], False, "'Four KPIs'"),
    Case("number-word-right", "Integration blocked for six weeks.", [ESCALATION], True),
    Case("number-word-wrong", "Integration blocked for eight weeks.", [ESCALATION], False, "'eight weeks'"),
    Case("number-word-from-description", "Staff re-key appointments into two systems.", ["bc-nw-2"], True),
    Case("number-word-wrong-description", "Staff re-key appointments into three systems.", ["bc-nw-2"], False),
    Case("number-score-right", "Dana Ruiz gave an NPS of 9.", ["fb-nw-1", "con-nw-1"], True),
    Case("number-score-wrong", "Dana Ruiz gave an NPS of 10.", ["fb-nw-1", "con-nw-1"], False, "'10'"),
    Case("number-from-notes-right", "Dana wants pricing for 40 more seats.", [QBR], True),
    Case("number-from-notes-wrong", "Dana wants pricing for 60 more seats.", [QBR], False, "'60 more seats'"),
    Case("number-ratio-right", "First responses are 2.4x faster than at baseline.", [KPI1], True),
    Case("number-ratio-wrong", "First responses are 3x faster than at baseline.", [KPI1], False, "ratio"),
    Case("number-record-name-ok", "The 2026 Patient Access Modernisation plan runs to January 2027.", [PLAN], True),
    Case("number-record-name-wrong", "The 2025 Patient Access Modernisation plan is active.", [PLAN], False, "2025"),
    Case("number-list-marker-ok", "1. Median first-response time: On Track, 12 hours → 5 hours.", [KPI1], True),
    Case("number-signed-change-right", "Weekly active agents rose from 61 to 84 (+38%).", USAGE, True),
    Case("number-signed-change-wrong", "Weekly active agents rose from 61 to 84 (+50%).", USAGE, False, "'+50%'"),
    Case("number-signed-change-flip", "Median first response went from 12 to 5 hours (+58%).", [KPI1], False, "-58.3%"),
    Case("number-signed-change-down", "Median first response went from 12 to 5 hours (-58%).", [KPI1], True),
    Case("number-verb-before-pair-ok", "Weekly active agents grew 61 → 84.", USAGE, True),
    Case("number-verb-before-pair-wrong", "Weekly active agents grew 61 → 90.", USAGE, False, "'90'"),
    Case("number-point-gap-right", "Self-service is at 36%, 1 point above the 35% target.", [KPI2], True),
    Case(
        "number-lookback-window-ok",
        "An escalation in the last 30 days: the EHR vendor has not granted API access.",
        [ESCALATION],
        True,
    ),
    Case(
        "number-elapsed-right",
        "The EHR connection was escalated 4 weeks after its due date.",
        ["pt-nw-3", ESCALATION],
        True,
    ),
    Case(
        "number-elapsed-wrong",
        "The EHR connection was escalated 9 weeks after its due date.",
        ["pt-nw-3", ESCALATION],
        False,
        "'9 weeks'",
    ),
    Case("number-status-count-right", "Two of three KPIs are on track or completed.", [KPI1, KPI2, KPI3], True),
    Case("number-status-count-wrong", "Four KPIs are on track or completed.", [KPI1, KPI2, KPI3], False),
    Case("number-change-filler-right", "Manual re-keying is down just 50 appointments a week.", [KPI3], True),
    Case("number-bracketed-change-right", "Weekly active agents increased by 23 (38%).", USAGE, True),
    Case("number-bracketed-change-wrong", "Weekly active agents increased by 23 (45%).", USAGE, False, "change"),
    Case("number-score-scale-right", "Omar rated scheduling 3 out of 5 in CSAT.", ["fb-nw-2", "con-nw-2"], True),
    Case("number-score-scale-wrong", "Omar rated scheduling 4/5 in CSAT.", ["fb-nw-2", "con-nw-2"], False, "'4'"),
    Case("number-percent-gap-target-right", "First-response time is 25% above target.", [KPI1], True),
    Case(
        "number-uncited-value",
        "Self-service answers 36% of enquiries.",
        ["obj-nw-1"],
        False,
        "the cited records hold no numbers",
    ),
]

STATUSES = [
    Case("status-on-track-right", "Median first-response time is On Track.", [KPI1], True),
    Case(
        "status-completed-flip",
        "Median first-response time is Completed.",
        [KPI1],
        False,
        "'Completed' does not match kpi-nw-1",
    ),
    Case("status-completed-right", "Enquiries answered by self-service: Completed.", [KPI2], True),
    Case("status-off-track-right", "Appointments re-keyed manually per week is Off Track.", [KPI3], True),
    Case("status-off-track-flip", "Appointments re-keyed manually per week is on track.", [KPI3], False, "Off Track"),
    Case("status-on-track-flip-to-off", "Median first-response time is off track.", [KPI1], False),
    Case("status-blocked-kpi-flip", "Appointments re-keyed manually per week is blocked.", [KPI3], False),
    Case(
        "status-blocked-backed-by-risk-text",
        "Manual re-keying is Off Track because the EHR integration is blocked.",
        [KPI3, "risk-nw-1"],
        True,
    ),
    Case("status-not-started-flip", "Appointments re-keyed manually per week has not started.", [KPI3], False),
    Case("status-exceeded-right", "Self-service exceeded its 35% target.", [KPI2], True),
    Case("status-exceeded-wrong-direction", "Median first-response time exceeded its 4-hour target.", [KPI1], False),
    Case("status-met-target-right", "Self-service met its target.", [KPI2], True),
    Case("status-met-target-wrong", "Median first-response time met its target.", [KPI1], False),
    Case("status-not-met-right", "Median first-response time has not yet met its target.", [KPI1], True),
    Case("status-beat-target-wrong", "Manual re-keying beat its target.", [KPI3], False),
    Case("status-above-target-right", "Self-service is above its 35% target.", [KPI2], True),
    Case("status-below-target-wrong", "Self-service is below its target.", [KPI2], False),
    Case(
        "status-two-kpis-right",
        "Self-service is Completed and median first-response time is On Track.",
        [KPI1, KPI2],
        True,
    ),
    Case(
        "status-two-kpis-swapped",
        "Self-service is On Track and median first-response time is Completed.",
        [KPI1, KPI2],
        False,
    ),
    Case(
        "status-two-kpis-flip-one", "Self-service is Completed and manual re-keying is on track.", [KPI2, KPI3], False
    ),
    Case("status-task-launched-right", "Patient FAQ bot launched on 2026-06-24.", ["pt-nw-1"], True),
    Case(
        "status-task-launched-wrong", "Scheduling API connected to the EHR and launched.", ["pt-nw-3"], False, "pt-nw-3"
    ),
    Case("status-task-blocked-right", "Scheduling API connection to the EHR: Blocked.", ["pt-nw-3"], True),
    Case("status-task-completed-wrong", "Connect scheduling API to EHR: Completed.", ["pt-nw-3"], False),
    Case("status-task-two-right", "The FAQ bot launched; the EHR connection is blocked.", ["pt-nw-1", "pt-nw-3"], True),
    Case(
        "status-task-two-swapped", "The FAQ bot is blocked; the EHR connection launched.", ["pt-nw-1", "pt-nw-3"], False
    ),
    Case("status-playbook-completed-right", "The self-service rollout playbook is completed.", ["pb-nw-1"], True),
    Case("status-risk-open-right", 'The High risk "EHR integration blocked by vendor" is Open.', [RISK], True),
    Case(
        "status-risk-resolved-flip",
        'The High risk "EHR integration blocked by vendor" is Resolved.',
        [RISK],
        False,
        "Resolved",
    ),
    Case(
        "status-risk-severity-flip",
        'The Low risk "EHR integration blocked by vendor" is Open.',
        [RISK],
        False,
        "severity High",
    ),
    Case("status-risk-label-right", "EHR integration blocked by vendor (High, Open since 2026-10-01).", [RISK], True),
    Case(
        "status-risk-label-flip", "EHR integration blocked by vendor (High, Resolved since 2026-10-01).", [RISK], False
    ),
    Case("status-risk-conditional-ok", "Hold the billing proposal until the EHR risk is resolved.", [RISK], True),
    Case("status-playbook-completed-wrong", "The scheduling integration playbook is completed.", ["pb-nw-2"], False),
]

PEOPLE = [
    Case("people-contact-on-activity", "Dana Ruiz asked about adding the billing department.", [QBR], True),
    Case(
        "people-wrong-person",
        "Lena Park asked about adding the billing department.",
        [QBR],
        False,
        "'Lena Park' (con-nw-3)",
    ),
    Case("people-first-name-right", "Lena is chasing the EHR vendor.", [ESCALATION], True),
    Case("people-first-name-uncited", "Lena is chasing the EHR vendor.", [RISK], False, "'Lena'"),
    Case("people-cited-contact", "Omar Haddad is the champion.", ["con-nw-2"], True),
    Case("people-contact-on-call", "Omar confirmed median first response is down to 5 hours.", [CALL], True),
    Case("people-contact-not-cited", "Omar confirmed median first response is down to 5 hours.", [KPI1], False, "Omar"),
    Case("people-title-right", "Dana Ruiz, VP Patient Operations, is the executive sponsor.", ["con-nw-1"], True),
    Case(
        "people-title-wrong", "Dana Ruiz, CFO, is the executive sponsor.", ["con-nw-1"], False, "VP Patient Operations"
    ),
    Case("people-title-parenthesis-right", "Lena Park (Director of IT) owns the EHR integration.", ["con-nw-3"], True),
    Case(
        "people-title-parenthesis-wrong",
        "Lena Park (Contact Center Manager) owns the integration.",
        ["con-nw-3"],
        False,
    ),
    Case("people-title-before-right", "Executive Sponsor Dana Ruiz last engaged on 2026-10-28.", ["con-nw-1"], True),
    Case("people-title-before-wrong", "Decision Maker Dana Ruiz last engaged on 2026-10-28.", ["con-nw-1"], False),
    Case("people-role-right", "Omar Haddad, the Champion, last engaged 2026-11-12.", ["con-nw-2"], True),
    Case("people-role-wrong", "Omar Haddad, the Executive Sponsor, last engaged 2026-11-12.", ["con-nw-2"], False),
    Case(
        "people-invented",
        "Sarah Chen joined the quarterly business review.",
        [QBR],
        False,
        "appears nowhere in this account's records",
    ),
    Case("people-invented-twin", "Dana Ruiz joined the quarterly business review.", [QBR], True),
    Case("people-invented-honorific", "Mr Jones asked about the billing department.", [QBR], False, "Mr Jones"),
    Case("people-title-is-the-right", "Lena Park is the Director of IT and owns the EHR work.", ["con-nw-3"], True),
    Case("people-title-is-the-wrong", "Lena Park is the Contact Center Manager.", ["con-nw-3"], False),
    Case("people-account-title-wrong", "Dana Ruiz (Director of IT) joined the review.", ["con-nw-1", QBR], False),
    # A recommendation may say what its owner will do; elsewhere 'will' is a forecast no record confirms.
    rec("people-owner-user-ok", "Maria will send Dana pricing for 40 more seats.", [QBR], True),
    Case("forecast-unverifiable", "Maria will send Dana pricing for 40 more seats.", [QBR], False, "'will'"),
]

DATES = [
    Case("date-iso-right", "Dana Ruiz last engaged 2026-10-28.", ["con-nw-1"], True),
    Case("date-iso-shifted", "Dana Ruiz last engaged 2026-10-29.", ["con-nw-1"], False, "'2026-10-29'"),
    Case("date-long-right", "The quarterly business review was held on October 28, 2026.", [QBR], True),
    Case("date-long-shifted", "The quarterly business review was held on October 27, 2026.", [QBR], False),
    Case("date-day-month-right", "The quarterly business review was held on 28 Oct 2026.", [QBR], True),
    Case("date-day-month-shifted", "The quarterly business review was held on 28 Nov 2026.", [QBR], False),
    Case("date-month-right", "The quarterly business review took place in October 2026.", [QBR], True),
    Case("date-month-short-right", "The quarterly business review took place in Oct 2026.", [QBR], True),
    Case("date-month-shifted", "The quarterly business review took place in September 2026.", [QBR], False),
    Case("date-usage-period-right", "Weekly active agents reached 84 in 2026-10.", ["use-nw-2"], True),
    Case("date-usage-period-shifted", "Weekly active agents reached 84 in 2026-09.", ["use-nw-2"], False),
    Case("date-range-right", "Weekly active agents 61 → 84 (Aug → Oct 2026).", USAGE, True),
    Case("date-range-shifted", "Weekly active agents 61 → 84 (Jul → Oct 2026).", USAGE, False),
    Case("date-renewal-right", "Renewal is due 2027-03-31.", [ACC], True),
    Case("date-renewal-shifted", "Renewal is due 2027-04-30.", [ACC], False),
    Case("date-quarter-right", "The EHR issue was escalated in Q4 2026.", [ESCALATION], True),
    Case("date-quarter-wrong", "The EHR issue was escalated in Q3 2026.", [ESCALATION], False),
    Case("date-uncited-record", "The EHR issue was escalated on 2026-11-12.", [RISK], False),
    Case("date-from-notes-month-ok", "Lena warned of a risk to the January target.", [ESCALATION], True),
    rec("date-due-exempt", "Send Dana pricing for 40 more seats by 2026-12-05.", [QBR], True, due="2026-12-05"),
    rec(
        "date-due-mismatch",
        "Send Dana pricing for 40 more seats by 2026-12-05.",
        [QBR],
        False,
        "2026-12-05",
        due="2026-12-06",
    ),
    rec(
        "date-due-month-exempt",
        "Report the 4-hour target monthly from December 2026.",
        [KPI1],
        True,
        due="2026-12-31",
        section="value_recap",
    ),
    rec(
        "recommendation-complete",
        "Ask Lena Park for the EHR vendor's committed date for API access.",
        ["act-nw-2", "con-nw-3"],
        True,
    ),
    rec(
        "recommendation-no-owner",
        "Ask Lena Park for the EHR vendor's committed date for API access.",
        ["act-nw-2", "con-nw-3"],
        False,
        "no owner",
        owner=None,
    ),
    rec(
        "recommendation-no-due",
        "Ask Lena Park for the EHR vendor's committed date for API access.",
        ["act-nw-2", "con-nw-3"],
        False,
        "no due date",
        due=None,
    ),
    rec(
        "recommendation-bad-due",
        "Ask Lena Park for the EHR vendor's committed date for API access.",
        ["act-nw-2", "con-nw-3"],
        False,
        "not an ISO date",
        due="next week",
    ),
]

OUTCOMES = [
    Case("outcome-asked-right", "Dana wants pricing for 40 more seats.", [QBR], True),
    Case("outcome-signed-fabricated", "Dana signed for 40 more seats.", [QBR], False, "'signed'"),
    Case("outcome-purchased-fabricated", "Dana purchased 40 more seats.", [QBR], False, "'purchased'"),
    Case("outcome-asked-about-right", "Dana asked about adding the billing department next year.", [QBR], True),
    Case("outcome-agreed-fabricated", "Dana agreed to add the billing department next year.", [QBR], False),
    Case("outcome-committed-fabricated", "The EHR vendor committed to API access in January.", [ESCALATION], False),
    Case("outcome-renewal-due-right", "Renewal is due 2027-03-31.", [ACC], True),
    Case("outcome-renewed-fabricated", "Northwind Health renewed early.", [ACC], False, "'renewed'"),
    Case("outcome-expanded-fabricated", "Northwind expanded to the billing department.", [QBR], False),
    Case("outcome-approved-fabricated", "Dana approved the budget for 40 more seats.", [QBR], False),
    Case("outcome-intent-not-outcome", "Dana has started using pricing for 40 more seats.", [QBR], False),
    Case(
        "outcome-delivery-without-task", "The billing department has rolled out the bot.", [QBR], False, "'rolled out'"
    ),
    Case("outcome-delivery-with-completed-task", "The patient FAQ bot was rolled out.", ["pt-nw-1"], True),
    Case("outcome-went-live-from-notes", "The triage macros went live before the September check-in.", [CALL], True),
    Case("outcome-negated-ok", "Dana has not signed anything yet; she wants pricing for 40 more seats.", [QBR], True),
]

QUOTES = [
    Case(
        "quote-right",
        'Dana Ruiz (NPS 9): "The team finally answers patients the same day."',
        ["fb-nw-1", "con-nw-1"],
        True,
    ),
    Case(
        "quote-curly-right",
        "Dana Ruiz said “The team finally answers patients the same day.”",
        ["fb-nw-1", "con-nw-1"],
        True,
    ),
    # A quote is word for word: one word added or changed is contradicted, and the reason gives the record's words.
    Case(
        "quote-one-word-added",
        'Dana Ruiz said "the team finally answers patients on the same day".',
        ["fb-nw-1", "con-nw-1"],
        False,
        "not word for word what the cited record says",
    ),
    Case(
        "quote-invented",
        'Dana Ruiz said "The team always answers within an hour."',
        ["fb-nw-1", "con-nw-1"],
        False,
        "quotes text not found in the cited records",
    ),
    Case(
        "quote-not-in-cited",
        'Dana Ruiz said "The team finally answers patients the same day."',
        ["con-nw-1"],
        False,
        "quotes text not found",
    ),
    Case(
        "quote-unquotable-still-supported",
        'Omar Haddad wrote "Scheduling is still painful for my staff."',
        ["fb-nw-2", "con-nw-2"],
        True,
    ),
    Case("quote-from-notes-right", 'Omar confirmed the response time is "down to 5 hours".', [CALL], True),
]

KEY_ACHIEVEMENTS = [
    Case(
        "achievement-eligible",
        "Median first-response time: On Track, 12 hours → 5 hours against a 4-hour target.",
        [KPI1],
        True,
        section="key_achievements",
    ),
    Case(
        "achievement-completed",
        "Enquiries answered by self-service: Completed, 10% → 36% against a 35% target.",
        [KPI2],
        True,
        section="key_achievements",
    ),
    Case(
        "achievement-off-track",
        "Appointments re-keyed manually per week: 900 → 850 against a target of 100.",
        [KPI3],
        False,
        "status is Off Track",
        section="key_achievements",
    ),
    Case(
        "achievement-no-kpi",
        "The FAQ bot launched on 2026-06-24.",
        ["pt-nw-1"],
        False,
        "must cite a KPI",
        section="key_achievements",
    ),
    Case(
        "achievement-one-ineligible",
        "Self-service is Completed; manual re-keying is Off Track.",
        [KPI2, KPI3],
        False,
        "kpi-nw-3",
        section="key_achievements",
    ),
]

SENSITIVE = [
    Case(
        "pii-email-still-supported",
        "Dana Ruiz (dana.ruiz@northwind.example) is the executive sponsor.",
        ["con-nw-1"],
        True,
    ),
    Case("pii-phone-not-a-number-error", "Call Omar Haddad on +1 415 555 0134 about scheduling.", ["con-nw-2"], True),
]

ALL_CASES = CITATIONS + NUMBERS + STATUSES + PEOPLE + DATES + OUTCOMES + QUOTES + KEY_ACHIEVEMENTS + SENSITIVE


def run(case: Case) -> Claim:
    """Verify one table case against the example bundle."""
    claim = Claim(
        id=case.id,
        text=case.text,
        citations=case.cites,
        section=case.section,
        kind=case.kind,
        owner=case.owner,
        due=case.due,
    )
    return verify_claim(claim, BUNDLE)


@pytest.mark.parametrize("case", ALL_CASES, ids=[c.id for c in ALL_CASES])
def test_verdict_matches_table(case: Case) -> None:
    result = run(case)
    assert result.supported is case.ok, result.reasons
    if case.ok:
        assert all("permission to quote" in r for r in result.reasons), result.reasons
    else:
        assert result.reasons, "an unsupported claim must say why"
        assert any(case.reason in r for r in result.reasons), result.reasons


def test_case_ids_are_unique() -> None:
    assert len({c.id for c in ALL_CASES}) == len(ALL_CASES)


def test_every_rule_table_has_failing_and_passing_cases() -> None:
    for table in (CITATIONS, NUMBERS, STATUSES, PEOPLE, DATES, OUTCOMES, QUOTES, KEY_ACHIEVEMENTS):
        assert {c.ok for c in table} == {True, False}


def test_precision_and_recall_on_the_whole_table() -> None:
    verdicts = [(run(c).supported, c.ok) for c in ALL_CASES]
    caught = sum(1 for got, want in verdicts if not got and not want)
    flagged = sum(1 for got, _ in verdicts if not got)
    wrong = sum(1 for _, want in verdicts if not want)
    assert caught / flagged >= 0.99  # precision: what we call unsupported really is
    assert caught / wrong >= 0.99  # recall: every wrong claim is caught
