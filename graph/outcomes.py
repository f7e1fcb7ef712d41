"""Log what happened after an approved recap, and report on it: the service's measurement side."""

from __future__ import annotations

from graph.service import RecapService
from state.errors import InputInvalid, WrongRunState
from state.outcomes import Outcome, OutcomeInput
from state.recap import Recap
from state.records import RunEvent
from tools.outcomes import OutcomeStore
from tools.report import Report, build_report, case_study_candidate


def log_outcome(service: RecapService, run_id: str, item: OutcomeInput, actor: str) -> Outcome:
    """Record an outcome of an approved run; refuse other runs and contacts the account does not have."""
    run = service.runs.get(run_id)
    if run.status != "approved":
        raise WrongRunState(f"run '{run_id}' is {run.status}: outcomes are logged on approved recaps only")
    if item.contact_id is not None:
        contacts = {c.id for c in service.store.bundle(run.account_id).contacts}
        if item.contact_id not in contacts:
            raise InputInvalid(f"contact_id: account '{run.account_id}' has no contact '{item.contact_id}'")
    return OutcomeStore(service.settings.db).log(run_id, run.account_id, actor, item)


def report(
    service: RecapService, owner: str | None = None, since: str | None = None, account_ids: list[str] | None = None
) -> Report:
    """Build the report over the given accounts (None: every account), optionally one owner's and since a date."""
    accounts = service.store.accounts()
    owners = {a["id"]: a["owner"] for a in accounts}
    scope = list(owners) if account_ids is None else [a for a in account_ids if a in owners]
    events = [e for a in scope for e in service.runs.account_events(a)]
    built = build_report(events, OutcomeStore(service.settings.db).for_accounts(scope), owners, since, owner)
    latest = _latest_approved(events, owner, owners)
    for account_id, run_id in sorted(latest.items()):
        recap = service.get_run(run_id).recap
        candidate = case_study_candidate(run_id, recap or Recap(), service.store.bundle(account_id))
        if candidate is not None:
            built.case_study_candidates.append(candidate)
    return built


def _latest_approved(events: list[RunEvent], owner: str | None, owners: dict[str, str]) -> dict[str, str]:
    """Return account id -> its most recently approved run."""
    latest: dict[str, tuple[str, str]] = {}
    for e in events:
        if e.event != "decision_approved" or (owner and owners.get(e.account_id) != owner):
            continue
        if e.account_id not in latest or e.time > latest[e.account_id][0]:
            latest[e.account_id] = (e.time, e.run_id)
    return {a: run for a, (_, run) in latest.items()}
