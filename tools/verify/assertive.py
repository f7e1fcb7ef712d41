"""The assertive words of the closed vocabulary (`vocabulary.py`): words that state something happened.

Each group lists words (compared by Snowball stem, so one form covers 'escalate', 'escalated',
'escalating') that assert an event, a change, an agreement or a cause. A claim using one is
unverifiable unless a cited record uses the same word, or (for directions of change) the clause has a
number the number rule checks. The lexicon (`lexicon.py`) still judges the phrases it knows first; these
groups catch what it does not, so that a new phrasing fails closed. Add a word to the group it belongs to.
"""

from __future__ import annotations


def _words(*groups: str) -> frozenset[str]:
    return frozenset(w for group in groups for w in group.split())


# A direction of change: checked when its clause has a number ('rose from 30 to 45'), else it must be
# the cited records' own word ('keeps climbing', 'dipped in October').
DIRECTION = _words(
    "rose rise rises rising risen grew grow grows growing grown growth increase increased increases increasing "
    "decrease decreased decreasing fell fall falls falling fallen drop dropped dropping declined decline "
    "declining reduced reduce reducing reduction cut cutting climbed climb climbs climbing improved improve "
    "improves improving improvement lifted raised lowered slipped slip slipping dipped dip "
    "dips dipping surged surge surging spiked spike spiking jumped jump jumps soared soar plunged plunge slid "
    "slide sliding slumped slump rebounded rebound recovered recovering recovery bounced worsened worsen "
    "worsening deteriorated deteriorating accelerated accelerating trending trend upward "
    "downward upwards downwards stable flat plateaued plateau doubled halved shrank shrink "
    "expanded ballooned tumbled crept creeping edged widened narrowed narrowing ",
)

# A trend held over every period ('keeps climbing', 'steadily'): no single number checks it, so it must be
# the cited records' own word.
# 'keeps'/'kept' only before an -ing word ('keeps climbing'; 'keeps the KPI On Track' states no trend).
CONTINUATION = _words("keeps kept continues continued continuing sustained consistently steadily steady")
KEEP_STEMS = frozenset({"keep", "kept"})

# A state named without the records' own word for it ('marked Active'). RAG colours are status rows of the
# lexicon ('green' is On Track, 'amber' and 'red' off track).
STATE = _words("active inactive dormant healthy unhealthy")

# Something a person or the customer did, or agreed.
EVENT = _words(
    "escalated escalate escalation asked requested suggested "
    "flagged complained praised thanked agreed approved "
    "signed committed confirmed promised accepted rejected "
    "cancelled canceled cancellation purchased bought "
    "downgraded downgrade churned churn mitigated mitigate mitigating mitigation prevented "
    "prevent prevents avoided solved fixed deployed "
    "migrated integrated trained passed surpassed "
    "topped crossed delayed postponed paused resumed restarted "
    "reopened won lost hired resigned promoted replaced appointed sponsored championed endorsed "
    "nominated volunteered presented demoed piloted outage incident breach audited "
    "budgeted funded allocated invested secured negotiated dispute disputed "
    "supports underpins enables unblocked unblock pushing pushed push advocating advocated lobbying lobbied "
    "championing deprioritised deprioritized deprioritising deprioritizing blocker blockers bottleneck "
    "refused ignored neglected overruled vetoed understaffed resourced overstretched stretched swamped staffed "
    "overloaded overwhelmed authored designed wrote",
)

# How someone feels or felt: a judgement the cited feedback or notes must state in their own words.
SENTIMENT = _words(
    "positive negative satisfied dissatisfied unsatisfied happy unhappy displeased frustrated "
    "delighted thrilled enthusiastic glowing lukewarm disappointed upset angry annoyed impressed "
    "promoter promoters detractor detractors passive passives prefer prefers preferred preference favour "
    "favours favoured favor favors favored",
)

# A cause, a reason, a sequence or an emphasis on time that no record field states.
CONNECTIVE = _words(
    "reflects reflect reflecting reflected owing stems stemmed drives drove driving driven fuels fueled "
    "fuelled powered powering contributed contributes already even finally eventually soon "
    "newly first",
)

ASSERTIVE = DIRECTION | CONTINUATION | STATE | EVENT | CONNECTIVE | SENTIMENT
