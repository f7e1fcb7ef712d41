"""The verifier's lexicon: every meaning-bearing phrase it understands, and what each one means.

This table is the one place to teach the verifier a new phrase: add a row. A row is a phrase (a small
regular expression, matched whole-word and case-insensitively), a kind, and a meaning the judges read:
- status:    a state a cited KPI, task, playbook, objective or risk must be in (see judge_status.STATES);
- outcome:   a state defined by a KPI's values (target met, exceeded, eliminated...);
- timing:    on_time / late / early, against a cited record's due and completion dates;
- ratio:     a multiplier of a quantity over time (doubled = 2.0, halved = 0.5);
- fraction:  a share (a third = 1/3), checked like a percentage;
- bound:     how a following number is bounded (gt, ge, lt, le, near_below, approx);
- direction: a change without a number (up, down, better, worse), checked against a cited series;
- role:      a contact role or title word, checked against the person the claim gives it to;
- speech:    a verb that attributes words to a person;
- unchecked: meaning-bearing words the verifier cannot check (superlatives, universals, money outcomes,
             intensity); they make a claim unverifiable, never supported.
Anything a judge cannot tie to the cited records makes the claim unverifiable (closed world).
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    """One phrase of the lexicon and what it means."""

    phrase: str
    kind: str
    meaning: str | float | None = None


_DUE = r"(?:(?:its|the|their)\s+(?:[\w-]+\s+){0,3}?)?(?:due\s+dates?|deadlines?)"


# 'since' of time ('since its 1 October due date', 'since last year', 'since July') is not a cause
CAUSAL_SINCE = (
    r"since(?!\s+(?:baseline|launch|kick-?off|go-?live|the\s+(?:baseline|start|launch|kick-?off)|"
    r"last|its|their|our|then|early|mid|late|(?:the\s+)?(?:start|beginning|end)\b|the\s+\d|"
    r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Q[1-4]|\d|been|become|came|gone|got|grown|fallen|"
    r"risen|improved|dropped|reached|hit|moved|slipped|climbed|then))"  # 'has since been met': then, not because
)


def _rows(kind: str, meaning: str | float | None, *phrases: str) -> list[Term]:
    return [Term(p, kind, meaning) for p in phrases]


TERMS: tuple[Term, ...] = (
    # status, progress and completion of KPIs, tasks, playbooks, objectives
    *_rows(
        "status",
        "active",
        r"(?:still\s+)?in\s+progress",
        r"under\s*way",
        r"ongoing",
        r"in\s+flight",
        r"in\s+the\s+works",
        r"partway(?:\s+through)?",
        r"partially\s+(?:done|complete|completed|delivered)",
        # paraphrases writers use for work still going ('humming along', 'on the home stretch')
        r"humming\s+along",
        r"progressing(?:\s+(?:well|nicely|steadily))?",
        r"moving\s+(?:forward|along(?:\s+nicely)?|ahead)",
        r"on\s+the\s+home\s+stretch",
        r"(?:nearly|almost)\s+(?:there|done|finished|complete|ready)",
        r"in\s+motion",
    ),
    *_rows(
        "status",
        "done",
        r"complete[ds]?",
        r"finished",
        r"wrapped\s+up",
        r"closed\s+out",
        r"delivered",
        r"shipped",
        r"already\s+live",
        r"went\s+live",
        r"gone\s+live",
        r"is\s+live",
        r"now\s+live",
        r"rolled\s+out",
        r"launched",
        r"accomplished",
        r"done",
        r"fully\s+deployed",
        r"deployed",
        r"stood\s+up",
        r"in\s+the\s+bag",
        r"landed",
        r"sorted(?:\s+out)?",
        r"squared\s+away",
        r"nailed(?:\s+down)?",
        r"knocked\s+out",
        r"buttoned\s+up",
        r"signed\s+off",
        r"(?:checked|ticked)\s+off",
        r"up\s+and\s+running",
        r"in\s+place",
        r"over\s+the\s+line",
        r"retired",  # done for work, resolved for a risk
        r"closed",
    ),
    *_rows(
        "status",
        "blocked",
        r"blocked",
        r"stalled",
        r"stuck",
        r"held\s+up",
        r"on\s+hold",
        r"halted",
        r"paused",
        r"cannot\s+proceed",
        r"parked",
        r"frozen",
        r"waiting\s+(?:on|for)",
        r"on\s+ice",
        r"in\s+limbo",
        r"dead\s+in\s+the\s+water",
        r"hit\s+a\s+wall",
    ),
    *_rows(
        "status",
        "not_started",
        r"not\s+(?:yet\s+)?(?:been\s+)?started",
        r"yet\s+to\s+(?:start|begin)",
        r"hasn't\s+(?:started|begun)",
        r"has\s+not\s+(?:started|begun)",
        r"not\s+begun",
    ),
    *_rows(
        "status",
        "cancelled",
        r"cancell?ed",
        r"dropped",
        r"shelved",
        r"abandoned",
        r"scrapped",
        r"descoped",
        r"called\s+off",
    ),
    *_rows("status", "on_track", r"on[\s-]track", r"on\s+course", r"on\s+pace", r"(?:in\s+the\s+)?green(?!\s+light)"),
    *_rows("status", "on_track_or_better", r"on[\s-]track\s+or\s+(?:better|done|complete[d]?)"),
    *_rows(
        "status",
        "off_track",
        r"off[\s-]track",
        r"lagging",
        r"slipping",
        r"behind\s+plan",
        r"falling\s+behind",
        r"at\s+risk",
        r"in\s+trouble",
        r"struggling",
        r"in\s+the\s+red",
        r"red(?!\s+(?:flags?|tape|line))",
        r"amber",
    ),
    *_rows(
        "status",
        "open",
        r"open",
        r"unresolved",
        r"outstanding",
        r"still\s+live",
        r"(?:still\s+)?pending",
        r"unfinished",  # 'two of the three tasks remain unfinished': not done, whatever stage they are at
        r"incomplete",
        r"not\s+yet\s+(?:done|finished|complete)",
    ),
    *_rows(
        "status",
        "mitigating",
        r"mitigating",
        r"being\s+mitigated",
        r"under\s+mitigation",
        r"being\s+addressed",
        r"being\s+worked\s+on",
    ),
    *_rows(
        "status",
        "resolved",
        r"resolved",
        r"fixed",
        r"put\s+to\s+bed",
        r"no\s+longer\s+an?\s+(?:issue|concern|problem|risk|threat|blocker)",
        r"neutrali[sz]ed",
        r"behind\s+us",
        r"off\s+the\s+table",
    ),
    *_rows("status", "mitigating", r"under\s+control", r"contained", r"in\s+hand"),
    # states defined by a KPI's values
    *_rows(
        "outcome",
        "significant_progress",
        r"significant\s+progress",
        r"(?:eligible|qualif(?:y|ies))\s+as\s+"
        r"(?:an?\s+)?(?:key\s+)?achievements?",
    ),
    *_rows(
        "outcome",
        "exceeded",
        r"exceed(?:ed|s|ing)?",
        r"surpass(?:ed|es|ing)?",
        r"outperform(?:ed|s|ing)?",
        r"beat(?:s|ing)?\s+(?:its\s+|the\s+|their\s+)?(?:\w+\s+){0,2}?(?:target|goal)",
        r"ahead\s+of\s+(?:its\s+|the\s+|their\s+)?(?:\w+\s+){0,2}?(?:target|goal)",
        r"better\s+than\s+(?:its\s+|the\s+|their\s+)?(?:\w+\s+){0,2}?(?:target|goal)",
    ),
    *_rows(
        "outcome",
        "met",
        r"(?:achieved|met|meets|hit|hits|reached|reaches|attained)\s+(?:its\s+|the\s+|"
        r"their\s+|a\s+)?(?:[\w-]+\s+){0,2}?(?:target|goal)",
        r"(?:at|on)\s+(?:its\s+|the\s+)?target",
        r"(?:target|goal)\s+(?:was\s+|has\s+been\s+|is\s+)?(?:achieved|met|hit|reached)",
        r"achieved",
    ),
    *_rows(
        "outcome",
        "missed",
        r"(?:missed|misses|missing)\s+(?:its\s+|the\s+|their\s+)?(?:\w+\s+){0,2}?"
        r"(?:target|goal)",
        r"(?:still\s+)?short\s+of\s+(?:its\s+|the\s+|their\s+)?(?:\w+\s+){0,2}?(?:target|goal)",
        r"behind\s+(?:its\s+|the\s+|their\s+)?(?:\w+\s+){0,2}?(?:target|goal)",
    ),
    *_rows(
        "outcome",
        "above_target",
        r"(?:above|over)\s+(?:its\s+|the\s+|their\s+)?(?:\w+\s+){0,2}?"
        r"(?:target|goal)",
    ),
    *_rows(
        "outcome",
        "below_target",
        r"(?:below|under)\s+(?:its\s+|the\s+|their\s+)?(?:\w+\s+){0,2}?"
        r"(?:target|goal)",
    ),
    *_rows(
        "outcome",
        "eliminated",
        r"eliminat(?:ed|es|ing)",
        r"wiped\s+out",
        r"got\s+rid\s+of",
        r"no\s+longer\s+(?:any|needs?|requires?)",
        r"entirely\s+(?:removed|automated)",
        r"fully\s+automated",
        r"removed\s+(?:all|entirely)",
    ),
    *_rows(
        "outcome",
        "improved",
        r"improv(?:ed|es|ing)",
        r"better",
        r"progress(?:ed)?\s+toward",
        r"faster",
        r"quicker",
        r"sooner",
    ),
    *_rows(
        "outcome",
        "worsened",
        r"worsen(?:ed|s|ing)",
        r"deteriorat(?:ed|es|ing)",
        r"regress(?:ed|ing)",
        r"got\s+worse",
        r"worse",
        r"slower",
    ),
    # timing against due and completion dates
    *_rows(
        "timing",
        "on_time",
        r"on\s+time",
        r"on\s+schedule",
        rf"by\s+{_DUE}",
        rf"on\s+or\s+(?:before|ahead\s+of)\s+{_DUE}",
        r"as\s+(?:planned|scheduled)",
        r"to\s+plan",
        r"right\s+on\s+time",
    ),
    # 'finished on its due date': that very day, not early
    *_rows("timing", "on_due", rf"on\s+{_DUE}", r"on\s+the\s+due\s+date", r"on\s+the\s+day\s+it\s+was\s+due"),
    *_rows("timing", "overdue", r"overdue", r"past\s+due"),
    *_rows("timing", "late_done", r"(?:finished|completed|delivered|came\s+in|landed|closed)\s+late"),
    *_rows(
        "timing",
        "late",
        r"late",
        r"behind\s+schedule",
        rf"past\s+{_DUE}",
        rf"after\s+{_DUE}",
        r"delayed",
        r"slipped",
        rf"missed\s+{_DUE}",
        r"later\s+than\s+planned",
        r"behind\s+plan",
    ),
    *_rows(
        "timing",
        "early",
        r"early",
        r"ahead\s+of\s+schedule",
        rf"before\s+{_DUE}",
        rf"ahead\s+of\s+{_DUE}",
        r"ahead\s+of\s+plan",
        r"sooner\s+than\s+planned",
    ),
    # multipliers and fractions (ratios checked like numbers)
    *_rows("ratio", 2.0, r"doubled", r"doubling", r"twice\s+(?:as\s+\w+|over)", r"two-fold|twofold"),
    *_rows("ratio", 3.0, r"tripled", r"trebled", r"tripling", r"three-fold|threefold"),
    *_rows("ratio", 4.0, r"quadrupled", r"four-fold|fourfold"),
    *(
        row
        for value, word in enumerate(("five", "six", "seven", "eight", "nine", "ten"), start=5)
        for row in _rows("ratio", float(value), rf"{word}-?fold")
    ),
    *_rows("ratio", 12.0, r"twelve-?fold"),
    *_rows("ratio", 20.0, r"twenty-?fold"),
    *_rows("ratio", 100.0, r"(?:a\s+)?hundred-?fold"),
    # 'now triple the old process', 'double what it was': a multiplier against an earlier value
    *_rows("ratio", 2.0, r"double(?=\s+(?:the|what|its|their|that|last|our)\b)"),
    *_rows("ratio", 3.0, r"triple(?=\s+(?:the|what|its|their|that|last|our)\b)"),
    *_rows("ratio", 4.0, r"quadruple(?=\s+(?:the|what|its|their|that|last|our)\b)"),
    *_rows("ratio", 0.5, r"halved", r"cut\s+in\s+half", r"halving"),
    *_rows("fraction", 0.5, r"half"),
    *_rows("fraction", 1 / 3, r"a\s+third", r"one[\s-]third"),
    *_rows("fraction", 2 / 3, r"two[\s-]thirds"),
    *_rows("fraction", 0.25, r"a\s+quarter", r"one[\s-]quarter"),
    *_rows("fraction", 0.75, r"three[\s-]quarters"),
    *_rows("fraction", 0.2, r"a\s+fifth", r"one[\s-]fifth"),
    *_rows("fraction", 0.1, r"a\s+tenth", r"one[\s-]tenth"),
    *_rows("fraction", 0.5, r"half[\s-]?way(?:\s+there)?", r"mid[\s-]?way"),
    *_rows("fraction", 1 / 6, r"a\s+sixth", r"one[\s-]sixth"),
    *_rows("fraction", 1 / 8, r"an\s+eighth", r"one[\s-]eighth"),
    *_rows("fraction", 0.4, r"two[\s-]fifths"),
    *_rows("fraction", 0.6, r"three[\s-]fifths"),
    *_rows("fraction", 0.8, r"four[\s-]fifths"),
    # bounds and approximations of the number that follows
    *_rows(
        "bound",
        "gt",
        r"more\s+than",
        r"over",
        r"above",
        r"upwards\s+of",
        r"in\s+excess\s+of",
        r"north\s+of",
        r"exceeding",
        r"better\s+than",
        r"greater\s+than",
        r"just\s+over",
        r"beyond",
    ),
    *_rows("bound", "ge", r"at\s+least", r"no\s+less\s+than", r"a\s+minimum\s+of"),
    *_rows(
        "bound", "lt", r"less\s+than", r"fewer\s+than", r"under", r"below", r"just\s+under", r"shy\s+of", r"short\s+of"
    ),
    *_rows("bound", "le", r"at\s+most", r"no\s+more\s+than", r"a\s+maximum\s+of"),
    *_rows("bound", "near_below", r"nearly", r"almost", r"close\s+to", r"approaching", r"not\s+quite"),
    *_rows(
        "bound",
        "approx",
        r"about",
        r"around",
        r"roughly",
        r"approximately",
        r"approx\.?",
        r"some",
        r"circa",
        r"~",
        r"an\s+estimated",
        r"in\s+the\s+region\s+of",
    ),
    # direction of change without a number
    *_rows(
        "direction",
        "up",
        r"gr[eo]w(?:s|n|ing)?",
        r"rose|risen|rising|rises",
        r"increas(?:ed|es|ing)",
        r"climb(?:ed|s|ing)",
        r"jump(?:ed|s)",
        r"gain(?:ed|s)",
        r"went\s+up",
        r"up",
        r"higher",
        r"more",
        r"boost(?:ed|s)",
        r"expand(?:ed|s)",
        r"surg(?:ed|es)",
        r"soar(?:ed|s)",
    ),
    *_rows(
        "direction",
        "down",
        r"f[ae]ll(?:s|en|ing)?",
        r"dropp?(?:ed|s|ing)?",
        r"declin(?:ed|es|ing)",
        r"decreas(?:ed|es|ing)",
        r"reduc(?:ed|es|ing|tion)",
        r"cut(?:s|ting)?",
        r"lower(?:ed)?",
        r"fewer",
        r"less",
        r"down",
        r"shr[ua]nk",
        r"shaved",
        r"slashed",
        r"trimmed",
    ),
    # contact roles (titles come from the account's own contacts)
    *_rows("role", "executive sponsor", r"executive\s+sponsors?", r"exec\s+sponsor", r"sponsor"),
    *_rows("role", "champion", r"champions?"),
    *_rows("role", "decision maker", r"decision[\s-]makers?", r"economic\s+buyer"),
    *_rows("role", "user", r"end[\s-]users?", r"power\s+users?", r"(?-i:Users?)"),
    # 'no': a quantifier only when it governs a record noun ('no KPI of this goal...'), read by the count judge
    *_rows("quantifier", "none", r"no", r"none", r"each"),
    *_rows("quantifier", "all", r"both"),
    # how often: a proposal's rhythm, not a claim about records ('report it every month')
    *_rows(
        "frequency",
        None,
        r"every\s+(?:other\s+|two\s+)?(?:day|week|month|quarter|year|sprint)s?",
        r"(?:daily|weekly|monthly|quarterly|annually)",
    ),
    # severity and priority levels of risks and business challenges
    *_rows(
        "level",
        "level",
        r"(?:low|medium|high|critical)[\s-]+(?:priority|severity|sev|impact)",
        # 'at High or Critical severity': the first of two levels the noun follows
        r"(?:low|medium|high|critical)(?=\s+or\s+(?:low|medium|high|critical)[\s-]+(?:priority|severity|sev|impact))",
        r"(?:low|medium|high|critical)(?=[\s-]+risks?\b)",  # 'one High risk': the noun stays a noun, for counts
        r"(?:low|medium|high)[\s-]+influence",  # a contact's influence
        r"(?:high|top|low)[\s-]priority",
        r"(?:rated|graded|marked|flagged|classed|classified|logged)\s+(?:as\s+)?(?:low|medium|high|critical)",
        r"(?:severity|priority)\s+(?:of\s+|is\s+|was\s+|level\s+)?(?:low|medium|high|critical)",
        # 'two risks open, none critical', 'the grid risk is critical.': 'critical' ending its clause
        r"(?<!mission[\s-])critical(?=\s*(?:[,.;:!)]|$))",
    ),
    # nouns that name a kind of record, for counts ('three of the four KPIs', 'all launch tasks')
    *_rows("noun", "objective_kpis", r"kpis?", r"metrics?", r"measures?", r"indicators?"),
    *_rows(
        "noun", "playbook_tasks", r"playbook\s+tasks?", r"tasks?", r"milestones?", r"action\s+items?", r"workstreams?"
    ),
    *_rows("noun", "playbooks", r"playbooks?"),
    *_rows("noun", "objectives", r"objectives?", r"goals?"),
    *_rows("noun", "risks", r"risks?"),
    *_rows("noun", "contacts", r"contacts?", r"stakeholders?", r"people"),
    *_rows("noun", "feedback", r"feedback", r"responses?", r"surveys?", r"ratings?"),
    *_rows("noun", "business_challenges", r"challenges?"),
    *_rows("noun", "activities", r"activit(?:y|ies)", r"meetings?", r"calls?", r"escalations?"),
    *_rows("noun", "account", r"annual\s+recurring\s+revenue", r"arr"),
    # a wish or request someone voiced ('would like a recovery plan'): read as attribution, not a forecast
    *_rows("speech", None, r"would\s+(?:like|love|prefer)", r"wants?\s+to", r"hopes?\s+to"),
    # attribution
    *_rows(
        "speech",
        None,
        r"escalated",
        r"requested",
        r"observed",
        r"explained",
        r"said",
        r"says",
        r"told",
        r"noted",
        r"flagged",
        r"confirmed",
        r"reported",
        r"mentioned",
        r"wrote",
        r"raised",
        r"praised",
        r"complained",
        r"called\s+(?:it|the)",
        r"described",
        r"asked",
        r"warned",
        r"stated",
        r"commented",
        r"gave",
        r"rated",
        r"scored",
        r"credited",
    ),
    # meaning-bearing words the verifier cannot check against records
    *_rows(
        "unchecked",
        "superlative",
        r"record(?:-breaking)?\s+(?:high|low|levels?|numbers?|month|week|year)",
        r"(?:a|new|all[\s-]time)\s+record(?=\s+(?:\d|[a-z]+\s+\d))",
        r"[a-z]{2,}iest(?<!priest)",  # 'heaviest', 'busiest', 'easiest'
        # a superlative opening a compound: 'highest-margin', 'lowest-cost', 'best-selling'
        r"(?:[a-z]{2,}iest|best|worst|highest|lowest|biggest|largest|smallest|fastest|slowest|longest|"
        r"strongest|weakest)-[a-z]+",
        r"longest",
        r"oldest",
        r"stalest",
        r"earliest",
        r"best(?:-ever)?",
        r"worst",
        r"highest",
        r"lowest",
        r"biggest",
        r"largest",
        r"smallest",
        r"fastest",
        r"slowest",
        r"strongest",
        r"weakest",
        r"most\s+\w+",
        r"least\s+\w+",
        r"first[\s-]ever",
        r"ever",
        r"all-time",
        r"unprecedented",
        r"top\s+(?:performer|performing|priority)",
        r"fastest-growing",
        r"the\s+first\s+(?:[\w-]+\s+){0,3}?(?:in|to)\s+(?:the|its|run|offer|go|adopt|use)",
        r"first\s+(?:[\w-]+\s+){0,2}?ever",
        # not 'at peak' or 'peak arrival times': the busiest hours, not a record value
        r"peak(?<!\bat\speak)(?:ed|s)?(?!\s+(?:hours?|times?|seasons?|periods?|arrivals?|demand|load|days?|traffic))",
        r"record\s+(?:quarter|volume|year|month)",
    ),
    *_rows(
        "unchecked",
        "universal",
        r"every",
        r"all(?<!\bat\sall)",  # not "at all" ("from none at all to 86%")
        r"no\s+one",
        r"nobody",
        r"never",
        r"always",
        r"entire(?:ly)?",
        r"whole",
        r"any",
        r"sole(?:ly)?",
        # 'only' before an amount is a hedge ('only down ~15%', 'only about 31% of the way'), not a universal
        # and before a verb or a degree word it is 'merely' ('has only moved from 64 to 60', 'eased only slightly')
        r"only(?!\s*[:,.;)-])(?!\s+(?:about|around|roughly|nearly|almost|just|~|down|up|by|a\s+few|\d))"
        r"(?!\s+(?:slightly|marginally|modestly|partly|partially|a\s+little|a\s+bit|moved|inched|edged|crept|"
        r"dipped|ticked|nudged|improved|fell|dropped|rose|grew|shifted|budged|recovered|declined|slipped)\b)",
        r"universally",
        r"everyone",
        r"fully(?!\s+(?:achieved|completed?|met|delivered|done|live|rolled\s+out|closed|resolved|open|operational))",
        r"completely",
        r"totally",
        r"100\s*%",
    ),
    # who answers to whom, who runs what: no record field states it (a title may: 'Head of IT' backs 'heads IT')
    *_rows(
        "unchecked",
        "relationship",
        r"reports?\s+(?:in\s+|directly\s+)?to",
        r"reporting\s+(?:line\s+)?to",
        r"deputy",
        r"right[\s-]hand",
        r"boss",
        r"line\s+manager",
        r"chairs?",
        r"chaired",
        r"oversees?",
        r"overseeing",
        r"in\s+charge\s+of",
        r"took\s+over",
        r"replac(?:ed|es|ing)",
        r"succeed(?:ed|s)",
    ),
    *_rows(
        "unchecked",
        "money",
        r"roi",
        r"return\s+on\s+investment",
        r"pay(?:s|ing)?\s+(?:for\s+)?itself",
        r"payback",
        r"saved\s+(?:\w+\s+){0,2}(?:money|costs?|dollars|budget)",
        r"cost\s+savings?",
        r"savings",
        r"revenue",
        r"profit(?:s|able)?",
        r"margin",
        r"headcount",
        r"(?:full-time\s+)?fte",
        r"cost(?:s)?\s+(?:down|reduction|per)",
        r"cheaper",
        r"dollars?\s+saved",
        r"discount(?:s|ed)?",
        r"price\s+(?:cut|increase|rise|hold|freeze|lock)",
        r"uplift",
    ),
    *_rows(
        "unchecked",
        "intensity",
        r"significant(?:ly)?",
        r"dramatic(?:ally)?",
        r"substantial(?:ly)?",
        r"massive(?:ly)?",
        r"huge(?:ly)?",
        r"sharp(?:ly)?",
        r"steep(?:ly)?",
        r"vast(?:ly)?",
        r"enormous(?:ly)?",
        r"markedly",
        r"considerabl[ey]",
        r"transformed",
        r"transformative",
        r"skyrocket(?:ed|ing)",
        r"plummet(?:ed|ing)",
        r"tremendous(?:ly)?",
        r"game[\s-]chang(?:er|ing)",
        r"slight(?:ly)?",
        r"modest(?:ly)?",
        r"majority",
        r"minority",
        r"most",
        r"many",
        r"several",
        r"few",
        r"dozens?",
        r"hundreds",
        r"thousands",
        r"handful",
    ),
    *_rows(
        "unchecked",
        "period",
        r"(?:first|second)\s+half(?:\s+of)?",
        r"h[12]",
        r"(?:first|second|third|last|final)\s+(?:week|days?|fortnight)\s+of",
        r"christmas",
        r"year[\s-]end",
        r"(?:beginning|start|end|middle)\s+of\s+(?:the\s+)?(?:month|quarter|year)",
    ),
    *_rows(
        "unchecked",
        "cause",
        r"because",
        r"bc|b/c|cos|cuz|'cause",
        r"due\s+to",
        r"thanks\s+to",
        r"(?:all\s+)?down\s+to\s+the",
        r"driven\s+by",
        r"as\s+a\s+result(?:\s+of)?",
        r"caused\s+by",
        r"led\s+to",
        r"resulting\s+in",
        r"attributable\s+to",
        r"which\s+means",
        r"(?:which|that|this)(?:\s+is|['’]s)\s+why",  # 'which is why the overtime has disappeared'
        r"came\s+(?:mainly\s+|mostly\s+|largely\s+|chiefly\s+)?from",  # 'the gains came mainly from X'
        r"hence",
        r"so\s+that",
        r"credit(?:ed)?\s+(?:to|for)",
        r"enabled",
        # 'since' of time ('since its 1 October due date', 'since last year') is not a cause
        CAUSAL_SINCE,
    ),
    *_rows(
        "unchecked",
        "sentiment",
        r"lov(?:e|ed|es|ing)",
        r"delighted",
        r"thrilled",
        r"excited",
        r"impressed",
        r"frustrated",
        r"unhappy",
        r"smoothly",
        r"well(?!\s+(?:before|ahead|in\s+advance|prior))"  # 'well before the renewal' is timing,
        r"enjoy(?:ed|s)?",
        r"confiden(?:t|ce)",
        r"satisfied",
        r"raving",
        r"fans?",
        r"beloved",
        r"popular",
    ),
    *_rows(
        "unchecked",
        "comparison",
        r"industry\s+(?:average|benchmark|standard|norm)",
        r"benchmarks?",
        r"peers?",
        r"competitors?",
        r"other\s+(?:customers|accounts|clients|credit\s+unions|universities|plants|sites)",
        r"in\s+the\s+(?:region|state|country|industry|sector)",
        r"greater",
        r"bigger",
        r"stronger",
        r"easier",
        r"smoother",
        r"average\s+(?:customer|account)",
    ),
    *_rows(
        "unchecked",
        "relative_date",
        r"last\s+(?:week|month|quarter|year)",
        r"this\s+(?:week|month|quarter|year)",
        r"yesterday",
        r"today",
        r"recently",
        r"just\s+last\s+(?:week|month)",
        r"a\s+(?:week|month)\s+ago",
        r"next\s+(?:week|month|quarter|year)",
    ),
    *_rows(
        "unchecked",
        "forecast",
        r"will",
        r"would",
        r"going\s+to",
        r"on\s+course\s+to",
        r"set\s+to",
        r"expected\s+to",
        r"likely\s+to",
        r"projected",
        r"forecast",
        r"guarantee[sd]?",
        r"should\s+(?:then\s+|easily\s+|comfortably\s+)?(?:triple|double|halve|rise|fall|drop|grow|climb|improve|"
        r"reach|hit|exceed|beat|land|close|clear|get|be\s+(?:done|live|complete|finished|resolved|back))",
        r"bound\s+to",
        r"poised\s+to",
        r"on\s+track\s+to\s+(?:triple|double|reach|hit|exceed|beat|close|finish|land)",
        r"definitely",
        r"certain(?:ly)?",
        r"otherwise",
        r"unless",  # 'renewal at risk unless the exchange launches': a condition on what will happen
    ),
)
_BY_GROUP = {f"t{i}": term for i, term in enumerate(TERMS)}


def _alternation(groups: list[str]) -> re.Pattern[str]:
    """Compile phrases into one pattern, longer phrases first so 'more than' wins over 'more'."""
    ordered = sorted(groups, key=lambda g: -len(_BY_GROUP[g].phrase))
    return re.compile(
        "(?:" + "|".join(f"(?P<{g}>{_BY_GROUP[g].phrase})" for g in ordered) + r")(?![\w-])", re.IGNORECASE
    )


def _branches(phrase: str) -> list[str]:
    """Split a phrase at its top-level '|' (not inside a group or a character class)."""
    out, depth, start, in_class = [], 0, 0, False
    for i, ch in enumerate(phrase):
        if phrase[i - 1 : i] == "\\":
            continue
        if ch == "[":
            in_class = True
        elif ch == "]":
            in_class = False
        elif not in_class and ch == "(":
            depth += 1
        elif not in_class and ch == ")":
            depth -= 1
        elif not in_class and ch == "|" and depth == 0:
            out.append(phrase[start:i])
            start = i + 1
    return [*out, phrase[start:]]


def _buckets() -> tuple[dict[str, re.Pattern[str]], re.Pattern[str]]:
    """Group the phrases by their first two letters; phrases that start otherwise are tried everywhere."""
    keyed: dict[str, list[str]] = {}
    rest = []
    for group, term in _BY_GROUP.items():
        leads = {m.group() if (m := re.match(r"[a-z]{2}", branch)) else "" for branch in _branches(term.phrase)}
        if len(leads) == 1 and "" not in leads:
            keyed.setdefault(leads.pop(), []).append(group)
        else:
            rest.append(group)  # 'bc|cuz|because' starts with several letter pairs: tried everywhere
    return {key: _alternation(groups) for key, groups in keyed.items()}, _alternation(rest)


_KEYED, _ANYWHERE = _buckets()
_WORD_START = re.compile(r"(?<![\w.-])[\w~]")


def scan(text: str) -> list[tuple[Term, int, int]]:
    """Return (term, start, end) for every lexicon phrase in `text`, longest at each place, without overlaps.

    Only the phrases that can start with a word's first two letters are tried there, which keeps a
    table of hundreds of phrases cheap on every claim.
    """
    found: list[tuple[Term, int, int]] = []
    after = 0
    for start in (m.start() for m in _WORD_START.finditer(text)):
        if start < after:
            continue
        keyed = _KEYED.get(text[start : start + 2].lower())
        matches = [m for p in (keyed, _ANYWHERE) if p is not None and (m := p.match(text, start))]
        if matches:
            best = max(matches, key=lambda m: m.end())
            found.append((_BY_GROUP[best.lastgroup or ""], start, best.end()))
            after = best.end()
    return found


_BOUNDS = [
    (re.compile(rf"(?<![\w-])(?:{t.phrase})\s*$", re.IGNORECASE), str(t.meaning)) for t in TERMS if t.kind == "bound"
]


def bound_before(text: str) -> str:
    """Return the bound a phrase right at the end of `text` puts on the number after it ('' when none)."""
    tail = text[-30:]
    best = ("", 0)
    for pattern, meaning in _BOUNDS:
        match = pattern.search(tail)
        if match and len(match.group()) > best[1]:
            best = (meaning, len(match.group()))
    return best[0]
