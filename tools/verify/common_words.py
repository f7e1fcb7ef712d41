"""Everyday words of account recaps that name nothing of their own: calendar words, the record kinds, roles, the
verbs of proposals ('send', 'prepare', 'line up'), hedges and the generic nouns of a software rollout ('rollout',
'seats', 'dashboard'). The new-words judge (`vocabulary.judge_new_words`) lets them pass without a cited record
using them; any other content word must be one of the cited records' own words or the account's names.
"""

from __future__ import annotations

from tools.verify.text import stem, wordset

COMMON_WORDS = wordset(
    "january february march april may june july august september october november december jan feb mar apr jun jul "
    "aug sep sept oct nov dec monday tuesday wednesday thursday friday weekend account accounts customer customers "
    "client clients team teams renewal renewals renew renewing deck decks qbr ebr meeting meetings mtg call calls "
    "email emails date dates deadline week weeks month months quarter quarters year years day days today tomorrow "
    "yesterday number numbers record records score scores scored comment comments survey surveys feedback note "
    "notes update updates plan plans proposal proposals session sessions review reviews summary summaries summarise "
    "summarize pack report reports value values result results progress status work thing things item items issue "
    "issues point points pts target targets goal goals baseline kpi kpis metric metrics measure measures task tasks "
    "playbook playbooks objective objectives risk risks challenge challenges stakeholder stakeholders contact "
    "contacts champion sponsor owner owners lead leads exec execs executive executives cfo coo ceo cto cio cmo vp "
    "svp head director manager management leadership board prepare send ask put get give bring let book schedule "
    "set talk discuss share present confirm follow check chase nudge ping loop line scope build pair weigh use make "
    "take keep hold meet find start finish close lock tie aim want need like please go come land run deliver own "
    "agree align walk show highlight open tune track raise flag frame position offer quote draft push pull add "
    "include cover look see tell say said says asked reach reached hit stand stands sit sits sitting remain remains "
    "stay stays move moved moving again really simply plainly apparently well back together through though earlier "
    "far there other among twice via alongside ready firm extra good perfect great nice big small new old next last "
    "first second third final latest recent recently current currently already still yet just also even basically "
    "actually overall total whole same different another per around about roughly nearly almost approx "
    "approximately exactly precisely only quite pretty fairly clearly one two three four five six seven eight nine "
    "ten eleven twelve dozen hundred thousand million half fourth fifth we've we're they've they're it's that's "
    "there's he's she's i've i'm you're let's don't doesn't didn't isn't aren't wasn't won't can't he'd she'd "
    "they'd we'd i'd way ways time times level levels rate rates shares percent percentage figure figures amount "
    "amounts totals gap gaps change changes trend side part parts rest lot lots bit kind sort case cases area areas "
    "front end against went goes gone going leaving leave leaves left ahead marked mark got gets getting between "
    "them ago across him her out although engage engaged engagement platform adoption adopt adopted migration "
    "migrate migrated clearing clear cleared haven't hasn't hadn't takes took taken due right having logged log "
    "logs summed sum comes came toward towards off behind closure closed resolution resolve utilisation utilization "
    "usage escalate comfortably comfortable selection touch touched touchpoint success committed commit commitment "
    "used using eng tuning tuned auto automatic automated automation digital held volume volumes fyi digitisation "
    "digitization effort efforts gain gains tied carries carry carried pricing price priced quickly quick alone tho "
    "running eased ease itself themselves champ configured configure configuration putting beat beating beaten "
    "short answers answer answered fix fixed live revised revise without contract contracts annual dir turnaround "
    "idle whereas inbound outbound file files filed coverage during finalised finalized reminder serves serve "
    "served submitted submit submission receive received tech requirement requirements whether missing summarised "
    "summarized impact connection connections capture captured integration integrations extension extensions mau "
    "dau wau mttr transcription btw tbh imo asap etc vs cent rollout rollouts roll rolled launch launched launches "
    "pilot pilots piloted go-live golive training trained train users user seats seat licence licences license "
    "licenses licensed active logins login sign signed spend spent cost costs saving savings budget budgets revenue "
    "arr invoice invoices discount discounts uplift upsell expansion expand expanded module modules feature "
    "features product products tool tools system systems app apps dashboard dashboards portal portals data process "
    "processes workflow workflows site sites office offices location locations region regions department "
    "departments staff people person member members group groups unit units "
    "once made make makes too rather else everything anything something nothing inside outside outset barely real "
    "think thinks thought reckon reckons reckoned expect expects expected line lined worth handle handles respond "
    "responds response option options discussion discussions brought story qtr sched prio priority priorities "
    "problem problems conversion reduction subscription subscriptions experience interim routine electronically "
    "involvement involved single passed pass mapping map rule rules restart retires retire retirement conditional "
    "consuming lapsed address addresses quoting reconcile estate holiday holidays holders holder purchase purchases "
    "room rooms phone phones weak strong radio silence comp fte ftes headcount hours minutes seconds dollars euros "
    "pounds mins hrs wks yrs approx est thanks thank hope hoping happy keen interested interest "
    "spoken speak spoke talked talk mid early late conversation conversations required require little past anyone "
    "someone mon tue tues wed thu thur thurs fri sat sun programme program cannot act acts manage manages managed "
    "except link links"
)
# The recap's own words: its sections and the drafters' template phrases ('drafted by the offline drafter',
# 'the gain coincides with', 'isolates how much')
RECAP_WORDS = wordset(
    "key stakeholders executive summary achievements blockers expansion opportunities strategic next steps "
    "immediate actions value recap caveat caveats attribution evidence proof proofs offline drafter drafted draft "
    "drafts model quotable permission quoting coincide coincides coinciding isolates isolate isolating much "
    "removing remove removed hand hands pain painful tier tiers likely benefit benefits signal signals proven prove "
    "view separate separates effect effects help helps"
)
COMMON_STEMS = frozenset(stem(w) for w in COMMON_WORDS | RECAP_WORDS)
