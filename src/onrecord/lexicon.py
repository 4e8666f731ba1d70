"""Word lists shared by analyzers (so no analyzer imports another).

Written for onrecord from general English usage; the corpora's lexicons are
only read at training/evaluation time, never copied here.
"""

from __future__ import annotations

# Modal verbs that mark possibility or speculation when they govern a verb.
SPECULATIVE_MODALS = frozenset({"may", "might", "could", "would", "should"})
# Adverbs after which "not" negates the adverb, not the verb: "not only … but", "not just", "not merely".
NOT_ONLY = frozenset({"only", "just", "merely"})
# Conjunctions that open an adverbial clause ("after he admitted …", "while …"): the headline's clause openers and the
# attribution rules' circumstances.
SUBORDINATORS = frozenset({"while", "as", "after", "before", "when", "because", "since", "until", "though", "although"})
# Personal pronouns in the subject case: a headline's contact relative clause ("the doctor *it* could have been"), the
# holders of a belief nested in another's report ("Clinton said *she* thinks …").
PERSONAL_PRONOUNS = frozenset({"it", "they", "he", "she", "we", "i", "you"})

# Adverbs that hedge the statement they modify.
HEDGE_ADVERBS = frozenset({
    "possibly", "perhaps", "maybe", "probably", "presumably", "apparently", "allegedly", "reportedly",
    "supposedly", "likely", "seemingly", "conceivably", "potentially", "arguably", "purportedly",
})

# Verbs of speech: a source says something.
SPEECH_VERBS = frozenset({
    "say", "tell", "state", "announce", "declare", "claim", "assert", "insist", "add", "explain", "note",
    "report", "write", "warn", "deny", "confirm", "admit", "acknowledge", "argue", "contend", "maintain",
    "suggest", "reply", "respond", "remark", "comment", "allege", "testify", "tweet", "post", "predict",
    "promise", "vow", "pledge", "reveal", "disclose", "describe", "call", "urge", "ask", "accuse",
    "concede", "stress", "emphasize", "emphasise", "recall", "indicate", "mention", "observe", "point",
    "repeat", "reiterate", "boast", "complain", "joke", "quip", "shout", "whisper", "answer", "counter",
    "dismiss", "reject", "threaten", "caution", "signal", "hint", "inform", "agree", "disagree", "criticize",
    "criticise", "praise", "demand", "question", "wonder",
    # session 35 (a report audit's missed "“We got a sniper,” the Marine filming exclaims"): manners of saying that
    # PolNeAR train marks as cues nearly wherever they occur (lament 15 of 16, chant 20 of 29, yell 7 of 16, …)
    "exclaim", "yell", "lament", "retort", "muse", "gush", "brag", "scoff", "chant",  # not "proclaim": self-proclaimed
    "cite", "blame", "mock", "blast", "denounce", "echo",  # not "defend": Kurdish forces defending a city
})

# Verbs and adjectives of belief or attitude: a source holds a view.
BELIEF_VERBS = frozenset({
    "believe", "think", "feel", "fear", "hope", "expect", "doubt", "suspect", "assume", "consider",
    "reckon", "perceive", "view", "see", "regard", "imagine", "trust", "worry", "know", "understand",
    "anticipate", "envision", "presume", "suppose",
})
BELIEF_ADJECTIVES = frozenset({
    "confident", "sure", "certain", "convinced", "optimistic", "pessimistic", "worried", "afraid",
    "hopeful", "skeptical", "sceptical", "doubtful", "concerned", "aware", "fearful", "positive", "adamant",
})
# Verbs by which a source judges someone or something in public ("Warren blasts Trump", "Cruz praises the ruling"): a
# speech act whose content is its object, so a headline "X blasts Y" credits X with an attitude to Y without any
# clause. Chosen from the verbs PolNeAR's annotators mark as cues most often (lemmas that are a cue in at least
# 30 % of their >= 8 uses in its training articles: blast, decry, tout, praise, slam, mock, dismiss …) plus their
# common headline synonyms. Verbs as often physical as verbal in the news ("attack", "rip", "knock", "embrace",
# "question" a suspect, "welcome" a baby) are left out: a headline's holder must have said something.
EVALUATION_VERBS = frozenset({
    "praise", "hail", "applaud", "laud", "commend", "congratulate", "thank", "tout", "endorse", "back", "defend",
    "champion", "blast", "slam", "criticize", "criticise", "condemn", "denounce", "decry", "lament", "assail",
    "mock", "ridicule", "deride", "disparage", "scold", "chide", "rebuke", "trash", "bash", "lambaste", "berate",
    "swipe", "taunt", "heckle", "dismiss", "reject", "rebuff", "disavow", "blame", "fault", "challenge", "dispute",
    "oppose", "prefer", "favor", "favour", "support", "scorn",
})
BELIEF_NOUNS = frozenset({"confidence", "belief", "view", "views", "fear", "hope", "perspective", "opinion", "conviction"})
# Nouns of statement that take a that-clause ("Trump's claim that …", "her warning that …").
SPEECH_NOUNS = frozenset({
    "claim", "statement", "assertion", "allegation", "promise", "warning", "suggestion", "argument", "charge",
    "accusation", "admission", "announcement", "prediction", "insistence", "pledge", "vow", "contention",
})

# Nouns for a person's role. A place or a name *modifying* one does not name the source: "the Vermont senator"
# is not Vermont, "Obama's former campaign strategist" not Obama (their kind comes from the rest of the phrase).
PERSON_ROLES = frozenset({
    "senator", "congressman", "congresswoman", "representative", "lawmaker", "legislator", "governor", "mayor",
    "president", "candidate", "nominee", "judge", "justice", "prosecutor", "attorney", "lawyer", "leader",
    "chairman", "chairwoman", "director", "secretary", "minister", "ambassador", "strategist", "adviser",
    "advisor", "pollster", "consultant", "economist", "professor", "scholar", "researcher", "scientist",
    "doctor", "host", "anchor", "journalist", "editor", "columnist", "writer", "mogul", "businessman",
    "businesswoman", "billionaire", "executive", "founder", "commander", "officer", "agent", "lobbyist",
    "activist", "advocate", "supporter", "voter", "member", "manager", "challenger", "rival", "opponent",
    "incumbent", "guest", "friend", "ally", "man", "woman", "father", "mother", "son", "daughter", "wife",
    "husband", "student", "teacher", "worker", "employee", "resident", "citizen", "actor", "actress", "star",
    "general", "chief", "envoy", "negotiator", "sheriff", "detective", "inspector", "captain", "coroner",
    # people a platform or brand only qualifies (session 33's audit: "one Reddit user" was Reddit)
    "user", "redditor", "commenter", "tweeter", "blogger", "fan", "follower", "viewer", "reader",
    "customer", "subscriber", "passenger", "owner",
})
# Words that make a name an outlet's, by the noun that refers back to it: "the paper reported" after "The Washington
# Post said" is the Post; "the network" after "CNN"; "the site" or "the publication" after any outlet.
_PRINT = frozenset({"post", "times", "journal", "mail", "telegraph", "guardian", "herald", "tribune", "gazette",
                    "daily", "mirror", "sun", "express", "observer", "globe", "chronicle", "examiner", "standard",
                    "independent", "press", "star", "record", "inquirer"})
_BROADCAST = frozenset({"tv", "cnn", "bbc", "abc", "nbc", "cbs", "fox", "msnbc", "radio", "television", "channel"})
OUTLET_NAME_WORDS: dict[str, frozenset[str]] = {
    "paper": _PRINT, "newspaper": _PRINT, "tabloid": _PRINT, "daily": _PRINT,
    "network": _BROADCAST, "broadcaster": _BROADCAST, "channel": _BROADCAST, "station": _BROADCAST,
    "magazine": frozenset({"magazine", "time", "newsweek", "variety", "wired", "esquire", "atlantic", "economist"}),
    "site": _PRINT | _BROADCAST | frozenset({"news", "politico", "vox", "slate", "salon", "buzzfeed", "huffington"}),
}
OUTLET_NAME_WORDS |= {"website": OUTLET_NAME_WORDS["site"], "publication": OUTLET_NAME_WORDS["site"],
                      "outlet": OUTLET_NAME_WORDS["site"]}
# Nouns for a news outlet: a name or place before one only qualifies it ("South Korea's largest newspaper", "a
# Russian news agency" — an outlet the text describes, not South Korea).
MEDIA_HEADS = frozenset({"newspaper", "paper", "tabloid", "broadcaster", "daily", "outlet", "magazine", "website",
                         "channel", "station", "publication", "network", "site", "newsroom"})
# Nouns for an institution: with a nationality or place before them ("the Mexican government") they are named.
INSTITUTION_HEADS = frozenset({
    "government", "administration", "military", "army", "navy", "ministry", "parliament", "embassy",
    "intelligence", "legislature", "cabinet", "regime", "court", "senate", "congress", "police",
})

# Words that make a source anonymous.
ANONYMOUS_HEADS = frozenset({
    "official", "officials", "source", "sources", "people", "person", "aide", "aides", "insider", "insiders",
    "diplomat", "diplomats", "analyst", "analysts", "expert", "experts", "observer", "observers", "critic",
    "critics", "witness", "witnesses", "spokesman", "spokeswoman", "spokesperson", "someone", "resident",
    "residents", "reports", "report", "reporter", "reporters", "investigator", "investigators", "moderator",
    "moderators", "authorities", "police", "staff", "rep", "reps", "publicist", "publicists", "spokesmen",
    "spokeswomen", "spokespeople",
})

# --------------------------------------------------------------------------- hedge cues
# Cue lemmas by hedge type (report.HEDGE_TYPES, after the Szeged Uncertainty Corpus taxonomy).
# The hedging analyzer adds the syntactic conditions under which each one hedges.

# Verbs that present a proposition as an inference or appearance ("suggests", "seems").
EPISTEMIC_VERBS = frozenset({
    "suggest", "seem", "appear", "imply", "speculate", "hypothesize", "hypothesise", "theorize",
    "theorise", "conjecture", "doubt", "rumor", "rumour", "indicate",
})
# Verbs that present a proposition as someone's belief or expectation ("is believed", "is seen as").
DOXASTIC_VERBS = frozenset({
    "believe", "think", "consider", "regard", "view", "see", "expect", "assume", "presume",
    "suppose", "suspect", "allege", "accuse", "fear", "feel", "reckon", "imagine", "predict",
})
# Adjectives and nouns of probability, doubt or unverified claims.
HEDGE_ADJECTIVES = frozenset({
    "likely", "unlikely", "probable", "improbable", "unclear", "uncertain", "doubtful", "questionable",
    "debatable", "plausible", "implausible", "putative", "alleged", "presumed", "purported", "suspected",
    "rumored", "rumoured", "unconfirmed", "unproven", "unverified", "speculative", "hypothetical", "unknown",
})
HEDGE_NOUNS = frozenset({
    "likelihood", "probability", "speculation", "rumor", "rumour", "allegation", "accusation",
    "hypothesis", "assumption", "suspicion", "uncertainty", "doubt",
})
# Adverbs that report a claim as hearsay or belief rather than fact (besides HEDGE_ADVERBS).
DOXASTIC_ADVERBS = frozenset({
    "allegedly", "supposedly", "reportedly", "reputedly", "purportedly", "putatively", "hypothetically",
    "ostensibly",
})
# Nouns of opinion that hedge a "that" clause they govern ("the idea that ...").
OPINION_NOUNS = BELIEF_NOUNS | frozenset({"idea", "notion", "theory", "impression", "suggestion"})
# Words of bare possibility (hedge type "possible").
POSSIBILITY_WORDS = frozenset({
    "possible", "possibly", "potential", "potentially", "possibility", "conceivable", "conceivably",
})
# Adjectives of certainty: negated ("not clear", "not known") they mark uncertainty.
CERTAINTY_ADJECTIVES = frozenset({"clear", "certain", "sure", "known", "understood", "proven", "established"})
# Verbs whose "could" reads as past ability ("he could swim") rather than speculation.
ABILITY_VERBS = frozenset({
    "see", "hear", "feel", "smell", "taste", "swim", "speak", "read", "write", "walk", "run", "play", "sing",
    "afford", "manage", "find", "remember", "understand", "do", "make", "get", "go", "come", "say",
})

# Words that credit a claim to someone unnamed ("…: Report", "Officials say …"), and wire agencies that credit it
# by name ("… — Reuters"): a headline may end with one after a colon or a spaced dash.
CREDIT_WORDS = frozenset({"report", "reports", "source", "sources", "study", "survey", "poll", "officials", "police",
                          "cops", "experts", "analyst", "analysts", "media", "insiders", "witnesses", "researchers",
                          "scientists"})
# Modals by which a headline hedges its own attitude ("Putin May Be Confident …"): the attitude is named with them.
HEDGE_MODALS = ("may", "might", "could")
# Participles of a reporting passive, reduced in headlines ("Putin said to be confident …", "Store said to open …"):
# someone the headline does not name says it of the subject, so the subject is not the one saying or believing.
REPORTATIVE_PARTICIPLES = frozenset({"said", "believed", "thought", "reported", "rumored", "rumoured", "alleged",
                                     "understood", "reputed",
                                     "feared"})  # "Woman Feared Kidnapped By ISIS, Says She's Safe" (session 38)
# Raising verbs that hedge their subject's infinitive ("Reporter *appeared to* be urinating", "Ship *seems to* have
# sunk"), and passives that report an accusation without saying whose ("Boko Haram *blamed for* raids", "Trump
# *accused of* mocking reporter"): a headline's own hedge, like "reportedly".
RAISING_HEDGES = frozenset({"appear", "appears", "appeared", "seem", "seems", "seemed", "purport", "purports",
                            "purported"})
# "looks to be" hedges like "appears to" ("Clinton's standing looks to be weakening"); "looks to buy" is an intention.
LOOKS_TO_BE = frozenset({"look", "looks", "looked"})
ACCUSATION_PASSIVES = {"accused": "of", "blamed": "for", "suspected": "of"}
# A rumour tag on a headline's claim ("[Rumor] Apple …", "Rumor: …"): a label that hedges it, not a source.
RUMOUR_TAGS = frozenset({"rumor", "rumour"})
# Words opening a headline's subject, or a verbless claim after its label, that say the claim is not established
# ("*Unverified* video shows beheading …", "ISIS Kobani Update: *Possible* ISIS Chemical Attack On …").
UNVERIFIED_QUALIFIERS = frozenset({"unverified", "unconfirmed", "possible", "apparent", "probable"})
# Nouns that open a headline and report its clause as something feared, claimed or rumoured, credited to no one
# ("*Fears* journalist James Foley beheaded by …", "*Claims* Apple Watch delayed"): "it is feared that …".
HEARSAY_OPENERS = frozenset({"fears", "claims", "rumors", "rumours"})
# Words that qualify an unnamed credit without naming anyone ("*Unconfirmed* reports", "*Senior* officials", "*Local*
# media"): the credit stays unnamed.
CREDIT_QUALIFIERS = frozenset({"unconfirmed", "unverified", "anonymous", "unnamed", "unidentified", "senior", "top",
                               "local", "new", "early", "initial", "latest", "some", "several", "many", "multiple",
                               "various", "independent", "government", "security", "intelligence",
                               "western", "foreign", "news", "press"})
# A headline with one of these words already says the story is false ("Macaulay Culkin NOT dead", "… death hoax",
# "No, there aren't any Ebola cases"): a body's denial of the story agrees with such a headline
DEBUNK_WORDS = frozenset({"not", "no", "never", "nothing", "none", "hoax", "hoaxes", "fake", "faked", "false", "untrue",
                          "myth", "bogus", "debunk", "debunked", "debunks", "prank", "satire", "satirical", "staged",
                          "photoshopped", "deny", "denies", "denied", "rumor", "rumors", "rumour", "rumours"})
WIRE_AGENCIES = frozenset({"reuters", "ap", "afp", "bloomberg"})
# Heads of a phrase that can speak before a colon ("Senator: …", "Clinton camp: …", "Historians: …") — in a headline
# or a body's speaker line; a topic or caption label ("Hairgate:", "Unmasked:", "Home:") is no speaker.
SPEAKER_HEADS = CREDIT_WORDS | ANONYMOUS_HEADS | PERSON_ROLES | INSTITUTION_HEADS | frozenset({
    "newspaper", "paper", "magazine", "campaign", "camp", "survey", "historian", "voter", "democrat", "republican",
    "gop", "dem", "ally", "critic", "supporter", "spokesperson", "rep", "sen", "gov", "chief", "ceo", "party",
    "group", "union", "pope", "king", "queen", "prince", "family", "parent",
})

# Words that, just before a name, say whether the person is a man or a woman ("Mrs. Clinton", "Queen Elizabeth",
# "spokeswoman Jane Doe"): the gender evidence of pronoun resolution (onrecord.names) and of the first-name table
# it learns (onrecord.training.genders). Neutral titles ("Sen.", "President") are not here.
GENDERED_TITLES: dict[str, str] = {
    **dict.fromkeys(("mr", "sir", "lord", "king", "prince", "duke", "congressman", "chairman", "spokesman",
                     "businessman", "councilman", "assemblyman", "father", "brother", "son", "husband", "uncle",
                     "actor", "pope", "archbishop", "boyfriend", "grandfather"), "m"),
    **dict.fromkeys(("mrs", "ms", "miss", "lady", "dame", "queen", "princess", "duchess", "congresswoman",
                     "chairwoman", "spokeswoman", "businesswoman", "councilwoman", "assemblywoman", "mother",
                     "sister", "daughter", "wife", "aunt", "actress", "girlfriend", "grandmother", "madam"), "f"),
}

# Records that can show something as a source does ("a new poll shows …", "FEC records show …"): the attribution
# analyzer's evidence sources, and the verdict's record holders ("Emails reveal …").
EVIDENCE_NOUNS = frozenset({
    "poll", "survey", "record", "document", "filing", "data", "study", "analysis", "email", "e-mail", "memo",
    "figure", "statistic", "result", "footage", "video", "photo", "image", "transcript", "audit", "research",
    "census", "tally", "count", "report", "review", "investigation", "polling", "numbers", "number",
})
