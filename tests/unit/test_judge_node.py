"""The optional judge can only add doubt, never clear a deterministic failure, and is asked afresh."""

from __future__ import annotations

from nodes.verify_claims import judge_claims
from state.bundle import Bundle
from state.recap import FLAG_JUDGE_DOUBT, Claim, Recap


class RecordingJudge:
    def __init__(self, doubt: str | None) -> None:
        self.doubt = doubt
        self.seen: list[tuple[str, list[dict]]] = []

    def judge(self, claim: Claim, cited_records: list[dict]) -> str | None:
        self.seen.append((claim.id, cited_records))
        return self.doubt


def recap_with(*claims: Claim) -> Recap:
    r = Recap()
    r.sections["executive_summary"] = list(claims)
    return r


def test_judge_adds_doubt_only_to_supported_qualitative_claims(example_bundle: dict) -> None:
    bundle = Bundle.model_validate(example_bundle)
    good = Claim(id="a", text="Dana praised the faster replies.", citations=["act-nw-1"], supported=True)
    numeric = Claim(id="b", text="Response time fell to 5 hours.", citations=["kpi-nw-1"], supported=True)
    failed = Claim(id="c", text="Dana signed.", citations=["act-nw-1"], supported=False, reasons=["x"])
    judge = RecordingJudge("the note does not say that")
    out = judge_claims(recap_with(good, numeric, failed), bundle, judge)
    assert [cid for cid, _ in judge.seen] == ["a"]
    assert judge.seen[0][1][0]["id"] == "act-nw-1"
    a, b, c = out.sections["executive_summary"]
    assert not a.supported and FLAG_JUDGE_DOUBT in a.flags and a.reasons[-1].startswith("judge:")
    assert a.verdict == "unverifiable"  # a doubt is not a contradiction: the owner may attest it
    assert b.supported and FLAG_JUDGE_DOUBT not in b.flags
    assert not c.supported and c.reasons == ["x"]


def test_a_stale_doubt_is_dropped_when_the_judge_is_satisfied(example_bundle: dict) -> None:
    bundle = Bundle.model_validate(example_bundle)
    claim = Claim(
        id="a", text="Dana praised the replies.", citations=["act-nw-1"], supported=True, flags=[FLAG_JUDGE_DOUBT]
    )
    out = judge_claims(recap_with(claim), bundle, RecordingJudge(None))
    assert out.sections["executive_summary"][0].flags == [] and out.sections["executive_summary"][0].supported
