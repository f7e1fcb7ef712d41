"""Build verified recaps of demo-shaped accounts without a graph, and views of them as an approved run."""

from __future__ import annotations

import datetime as dt
from typing import Any

from state.bundle import Bundle
from state.recap import Recap, StopReason
from state.run import RunView
from state.validation import validate_bundle
from tools.achievements import filter_achievements
from tools.drafting.assemble import assemble_recap
from tools.drafting.base import DRAFT_PARTS
from tools.drafting.offline import OfflineDrafter
from tools.evidence import build_evidence
from tools.stop_rules import stop_reasons
from tools.verify import verify_recap

AS_OF = dt.date(2026, 11, 23)


def drafted(raw: dict[str, Any], limits: dict[str, int] | None = None) -> tuple[Recap, Bundle, list[StopReason]]:
    """Draft, bound, filter and verify a recap of `raw` exactly as the graph's nodes do."""
    bundle = validate_bundle(raw)
    pack = build_evidence(bundle, AS_OF)
    drafts = {part: OfflineDrafter().draft(part, pack, bundle) for part in DRAFT_PARTS}
    recap, _ = filter_achievements(assemble_recap(drafts, pack, bundle, limits), bundle, 0.5, 5)
    recap = verify_recap(recap, bundle, 0.5)
    return recap, bundle, stop_reasons(recap, pack, bundle)


def run_view(
    recap: Recap,
    bundle: Bundle,
    status: str = "approved",
    stops: list[StopReason] | None = None,
    comment: str | None = None,
) -> RunView:
    """Return a run view (test data) as the service would show it, decided by the account's owner."""
    decided = status in ("approved", "rejected")
    return RunView(
        run_id="run-test",
        account_id=bundle.account.id,
        owner=bundle.account.owner,
        status=status,
        stop_reasons=stops or [],
        recap=recap,
        created_at="2026-11-23T09:00:00.000+00:00",
        updated_at="2026-11-23T10:00:00.000+00:00",
        as_of=AS_OF.isoformat(),
        decided_by=bundle.account.owner if decided else None,
        decided_at="2026-11-23T10:00:00.000+00:00" if decided else None,
        comment=comment,
    )
