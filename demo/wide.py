"""A wide account: many goals, KPIs and risks (50 objectives, 200 KPIs, 40 risks by default).

The large demo account has thousands of activities but a handful of goals; this one is wide instead,
to check that a draft stays within its bound however many goals, KPIs and risks an account has.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from demo import generator as gen
from demo import vocab

SITES = ("Plant", "Region", "Line", "Site", "Hub")


def _site(i: int) -> str:
    return f"{SITES[i % len(SITES)]} {i // len(SITES) + 1}"


def _wide_goals(g: gen.Gen, plan: dict[str, Any], objectives: int, kpis_each: int) -> dict[str, list[dict]]:
    kinds = ("business_challenges", "objectives", "objective_kpis", "playbooks", "playbook_tasks")
    out: dict[str, list[dict]] = {k: [] for k in kinds}
    for i in range(objectives):
        theme = vocab.THEMES[i % len(vocab.THEMES)]
        site = _site(i)
        challenge = {
            "id": g.new_id("bc"),
            "success_plan_id": plan["id"],
            "description": theme["challenge"],
            "priority": g.rng.choice(["High", "Medium", "Low"]),
        }
        objective = {
            "id": g.new_id("obj"),
            "name": f"{theme['objective']} ({site})",
            "success_plan_id": plan["id"],
            "business_challenge_id": challenge["id"],
            "target_date": plan["end_date"],
        }
        templates = [theme["kpis"][k % len(theme["kpis"])] for k in range(kpis_each)]
        kpis = [gen._kpi(g, objective["id"], t, len(out["objective_kpis"]) + k) for k, t in enumerate(templates)]
        for k, kpi in enumerate(kpis):
            kpi["name"] = f"{kpi['name']}, {site}" + (f" #{k + 1}" if k >= len(theme["kpis"]) else "")
        objective["status"] = gen._objective_status([k["status"] for k in kpis])
        playbook, tasks = gen._playbook(g, theme, objective, plan, len(out["playbook_tasks"]))
        out["business_challenges"].append(challenge)
        out["objectives"].append(objective)
        out["objective_kpis"] += kpis
        out["playbooks"].append(playbook)
        out["playbook_tasks"] += tasks
    return out


def _wide_risks(g: gen.Gen, count: int) -> list[dict[str, Any]]:
    risks = []
    for i in range(count):
        title, severity, description = g.rng.choice(vocab.RISKS[g.rng.choice(["mild", "severe"])])
        risks.append(
            {
                "id": g.new_id("risk"),
                "title": f"{title} ({_site(i)})",
                "severity": severity,
                "status": g.rng.choice(["Open", "Mitigating", "Resolved"]),
                "opened": g.days_ago(5, 200),
                "description": description,
            }
        )
    return risks


def wide_bundle(
    seed: int = 7,
    *,
    account_id: str = "acc-wide",
    objectives: int = 50,
    kpis_each: int = 4,
    risks: int = 40,
    activities: int = 300,
    as_of: dt.date = dt.date(2026, 11, 23),
) -> dict[str, Any]:
    """Return a raw bundle with `objectives` goals of `kpis_each` KPIs each and `risks` risks."""
    base = gen.generate_bundle(seed, account_id=account_id, activities=0, shape="mixed", as_of=as_of, owner="u-diego")
    g = gen.Gen(random.Random(seed + 1), account_id.removeprefix("acc-") + "-w", "mixed", as_of, owner="u-diego")
    bundle = {
        "account": {**base["account"], "name": "Wide Widgets Holdings"},
        "contacts": base["contacts"],
        "success_plans": base["success_plans"],
        **_wide_goals(g, base["success_plans"][0], objectives, kpis_each),
    }
    bundle["activities"] = gen.acts.generate(g, bundle, activities)
    bundle.update(feedback=base["feedback"], usage=base["usage"], risks=_wide_risks(g, risks))
    return bundle
