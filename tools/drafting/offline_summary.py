"""Offline drafting of the descriptive sections: stakeholders, summary, achievements, risks."""

from __future__ import annotations

from state.bundle import Bundle, Contact, Feedback
from state.evidence import EvidencePack
from state.recap import FLAG_OWNER_REVIEW, Claim
from tools.drafting import phrases as p
from tools.pii import find_personal_data
from tools.signals import looks_like_instruction

MAX_STAKEHOLDERS = 8
MAX_QUOTE = 300
MAX_RISK_CLAIMS = 10
# A score at or below this is a low score worth a look (NPS runs 0-10, CSAT and surveys 1-5).
LOW_SCORE = {"NPS": 6}
LOW_SCORE_DEFAULT = 3


def _stakeholder(contact: Contact, stalest: bool) -> str:
    about = ", ".join(x for x in (contact.role, f"{contact.influence} influence" if contact.influence else None) if x)
    text = p.person(contact) + (f" ({about})" if about else "")
    if contact.last_engaged is None:
        return text + ", no engagement date on record."
    text += f", last engaged {contact.last_engaged}"
    return text + (", the longest gap among the stakeholders." if stalest else ".")


def key_stakeholders(pack: EvidencePack, bundle: Bundle) -> list[Claim]:
    """Name the contacts, most influential first, with title, role, influence and last engagement."""
    contacts = [c for c in p.by_influence(list(bundle.contacts)) if c.id not in pack.personal_data_ids]
    contacts = contacts[:MAX_STAKEHOLDERS]
    stale = p.stalest(contacts)
    return [
        p.make_claim(_stakeholder(c, stale is not None and c.id == stale.id), [c.id], "key_stakeholders")
        for c in contacts
    ]


def key_achievements(pack: EvidencePack, bundle: Bundle, limit: int = 5) -> list[Claim]:
    """One claim per eligible KPI, most progress first, at most `limit`."""
    kpis = {k.id: k for k in bundle.objective_kpis}
    evidence = {e.id: e for e in pack.kpis}
    ids = [i for i in pack.eligible_kpi_ids if i in kpis and i in evidence][:limit]
    return [p.achievement_claim(kpis[i]) for i in ids]


def _progress_claim(pack: EvidencePack, bundle: Bundle) -> Claim | None:
    kpis = {k.id: k for k in bundle.objective_kpis}
    shown = [kpis[i] for i in pack.eligible_kpi_ids[:3] if i in kpis]
    if not shown:
        return None
    parts = [p.kpi_state(k) for k in shown]
    return p.make_claim(
        "Measured progress: " + "; ".join(parts) + ".",
        [k.id for k in shown],
        "executive_summary",
        kind="proven_outcome",
    )


def _off_track_claim(bundle: Bundle) -> Claim | None:
    kpis = [k for k in bundle.objective_kpis if k.status in p.OFF_TRACK and not k.disputed][:3]
    if not kpis:
        return None
    goals = {o.id: o for o in bundle.objectives}
    parts = [p.kpi_state(k) for k in kpis]
    names = p.join_words(list(dict.fromkeys(p.quoted(goals[k.objective_id].name) for k in kpis)))
    text = "; ".join(parts) + f", which puts {names} at risk."
    return p.make_claim(
        text[0].upper() + text[1:], [*(k.id for k in kpis), *(k.objective_id for k in kpis)], "executive_summary"
    )


def _usage_trend(bundle: Bundle) -> tuple[str, list[str]] | None:
    by_metric: dict[str, list] = {}
    for row in bundle.usage:
        by_metric.setdefault(row.metric, []).append(row)
    series = max(by_metric.values(), key=len, default=[])
    if len(series) < 2:
        return None
    first, last = sorted(series, key=lambda u: u.period)[0], sorted(series, key=lambda u: u.period)[-1]
    verb = "rose" if last.value > first.value else "fell" if last.value < first.value else "held"
    label = first.metric.replace("_", " ")
    text = (
        f"Usage of {label} {verb} from {p.num(first.value)} in {first.period} to {p.num(last.value)} in {last.period}"
    )
    return text, [first.id, last.id]


def quotable(fb: Feedback, pack: EvidencePack) -> bool:
    """Return True when the comment may be quoted whole: permission given, no personal data."""
    comment = " ".join((fb.comment or "").split())
    if not (fb.permission_to_quote and comment) or len(comment) > MAX_QUOTE:
        return False
    return (
        fb.id not in pack.personal_data_ids and not find_personal_data(comment) and not looks_like_instruction(comment)
    )


def praise(pack: EvidencePack, bundle: Bundle) -> Feedback | None:
    """Return the most recent quotable, high-scoring feedback, or None."""
    good = [
        f
        for f in bundle.feedback
        if quotable(f, pack) and f.score is not None and f.score > LOW_SCORE.get(f.source or "", LOW_SCORE_DEFAULT)
    ]
    return max(good, key=lambda f: (f.date, f.id), default=None)


def feedback_phrase(fb: Feedback, contact: Contact | None, quote: bool) -> str:
    """Describe a feedback score (`An NPS score of 9 from ... on ...`), quoting only when allowed."""
    source = fb.source or "Feedback"
    article = "An" if source == "NPS" or source[0] in "AEIOU" else "A"
    who = f" from {p.who(contact)}" if contact else ""
    score = f" score of {p.num(fb.score)}" if fb.score is not None else ""
    text = f"{article} {source}{score}{who} on {fb.date}"
    return text + (f": {p.quoted(' '.join(fb.comment.split()))}" if quote and fb.comment else "")


def _voice_claim(pack: EvidencePack, bundle: Bundle) -> Claim | None:
    parts, cites = [], []
    trend = _usage_trend(bundle)
    if trend:
        parts.append(trend[0] + ".")
        cites += trend[1]
    fb = praise(pack, bundle)
    if fb:
        contact = next((c for c in bundle.contacts if c.id == fb.contact_id), None)
        parts.append(p.sentence(feedback_phrase(fb, contact, quote=True)))
        cites += [fb.id, *([contact.id] if contact else [])]
    if not parts:
        return None
    return p.make_claim(" ".join(parts), cites, "executive_summary", kind="proven_outcome")


def _account_claim(bundle: Bundle) -> Claim | None:
    account, parts = bundle.account, []
    if account.arr is not None:
        parts.append(f"ARR is {p.num(account.arr)}" + (f" {account.currency}" if account.currency else ""))
    if account.renewal_date is not None:
        parts.append(f"renewal is due {account.renewal_date}")
    if not parts:
        return None
    text = "; ".join(parts) + "."
    return p.make_claim(text[0].upper() + text[1:], [account.id], "executive_summary", flags=[FLAG_OWNER_REVIEW])


def executive_summary(pack: EvidencePack, bundle: Bundle) -> list[Claim]:
    """Summarise KPI progress, off-track items, adoption and the commercial position in 2 to 4 claims."""
    claims = [
        c
        for c in (
            _progress_claim(pack, bundle),
            _off_track_claim(bundle),
            _voice_claim(pack, bundle),
            _account_claim(bundle),
        )
        if c
    ]
    if not pack.eligible_kpi_ids and bundle.objectives:
        names = p.join_words([p.quoted(o.name) for o in bundle.objectives[:3]])
        claims.insert(
            0,
            p.make_claim(
                f"No KPI shows significant progress yet on {names}.",
                [o.id for o in bundle.objectives[:3]],
                "executive_summary",
            ),
        )
    if not claims:
        claims.append(
            p.make_claim(
                "No goal, KPI or commercial figure is recorded for this account yet.",
                [bundle.account.id],
                "executive_summary",
            )
        )
    return claims[:4]
