"""Demo accounts: hand-written bundles of distinct shapes, plus one large account generated at load time."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from importlib import resources
from typing import Any

from demo.generator import generate_bundle

DEMO_AS_OF = dt.date(2026, 11, 23)
# The account `recap demo` runs to the review pause: the spec's example, at risk and ready to expand.
DEMO_RUN_ACCOUNT = "acc-northwind"


@dataclass(frozen=True)
class DemoAccount:
    """One demo account: its id, owner, shape and where its bundle comes from."""

    account_id: str
    owner: str
    shape: str
    file: str | None = None  # a JSON file in demo/accounts, or None when generated


DEMO_ACCOUNTS = (
    DemoAccount("acc-northwind", "u-maria", "spec example", "northwind.json"),
    DemoAccount("acc-bluewater", "u-james", "healthy", "bluewater.json"),
    DemoAccount("acc-crestline", "u-priya", "at_risk", "crestline.json"),
    DemoAccount("acc-sablecreek", "u-tomas", "thin", "sablecreek.json"),
    DemoAccount("acc-lumen", "u-aisha", "expansion", "lumen.json"),
    DemoAccount("acc-orchid", "u-kenji", "disputed", "orchid.json"),
    DemoAccount("acc-atlas", "u-diego", "large, mixed"),
)
LARGE_SEED = 2026
LARGE_ACTIVITIES = 5000


def large_bundle() -> dict[str, Any]:
    """Return the large demo account, generated from a fixed seed."""
    bundle = generate_bundle(
        LARGE_SEED,
        account_id="acc-atlas",
        activities=LARGE_ACTIVITIES,
        shape="mixed",
        as_of=DEMO_AS_OF,
        owner="u-diego",
    )
    bundle["account"].update(name="Atlas Manufacturing Group", industry="Manufacturing", segment="Enterprise")
    return bundle


def demo_bundles() -> list[dict[str, Any]]:
    """Return every demo account as a raw bundle dict, in DEMO_ACCOUNTS order."""
    folder = resources.files(__name__) / "accounts"
    bundles = []
    for account in DEMO_ACCOUNTS:
        if account.file is None:
            bundles.append(large_bundle())
        else:
            bundles.append(json.loads((folder / account.file).read_text(encoding="utf-8")))
    return bundles
