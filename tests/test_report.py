"""The report contract (onrecord.report/1) and its views: validation, JSON round trip, escaping."""

from __future__ import annotations

import json

import pytest

from onrecord.report import (
    Attribution,
    Entity,
    HeadlineClaim,
    Hedge,
    Report,
    ReportError,
    Sentence,
    Source,
    Span,
    Stance,
    Verdict,
    summarize,
    validate,
)
from onrecord.views import render

EVIL = '<script>alert("x")</script>'


def make_report(text: str = "plain") -> Report:
    """A hand-built report whose every string field carries ``text``."""
    s1 = f"{text} may be true."
    s2 = f"{text} said it."
    body = f"{s1} {s2}"
    i2 = len(s1) + 1
    may = body.index("may")
    said = body.index("said", i2)
    sentences = [
        Sentence(0, 0, len(s1), s1, speculative=True, hedges=[Hedge("may", may, may + 3, "epistemic")],
                 checkworthy=0.9, speculation_score=0.9),
        Sentence(1, i2, len(body), s2, checkworthy=0.2),
    ]
    att = Attribution("indirect", False, Source(text, i2, i2 + len(text), "named_person", resolved=text),
                      Span("said", said, said + 4), Span("it", said + 5, said + 7), sentence=1)
    headline = f"{text} confident {text} wins"
    return Report(
        headline=headline, body=body, source=text, url=f"https://example.org/{text}", published=text,
        headline_claim=HeadlineClaim(text, "confident", text, f"{text} wins",
                                     holder_span=Span(text, 0, len(text))),
        stance=Stance("discuss", {"agree": 0.1, "disagree": 0.1, "discuss": 0.7, "unrelated": 0.1}, [0]),
        verdict=Verdict("unsupported", 0.8, [f"reason with {text}"]),
        sentences=sentences, attributions=[att],
        entities=[Entity(text, "PERSON", 2, [[i2, i2 + len(text)]])],
        clickbait=0.3, summary=summarize(sentences, [att]), warnings=[f"warning {text}"],
    )


def test_valid_report_round_trips_through_json():
    r = make_report()
    d = json.loads(r.to_json())
    validate(d)
    assert d["schema"] == "onrecord.report/1"
    assert list(d)[0] == "schema"
    assert d["summary"] == {"sentences": 2, "speculative_sentences": 1, "speculative_ratio": 0.5, "direct_quotes": 0,
                            "named_sources": 1, "anonymous_sources": 0, "checkworthy_claims": 1}


@pytest.mark.parametrize("breakit, message", [
    (lambda d: d["sentences"][1].update(start=d["sentences"][1]["start"] + 1), "does not match"),
    (lambda d: d["stance"].update(label="agrees"), "stance.label"),
    (lambda d: d["stance"]["scores"].update(agree=0.5), "sum to 1"),
    (lambda d: d["verdict"].update(confidence=1.5), "confidence"),
    (lambda d: d["attributions"][0]["cue"].update(end=999), "out of range"),
    (lambda d: d["attributions"][0]["source"].update(kind="friend"), "source.kind"),
    (lambda d: d["headline_claim"].update(on_record_support=[3]), "on_record_support"),
    (lambda d: d.update(schema="onrecord.report/0"), "schema"),
    (lambda d: d["sentences"][0]["hedges"][0].update(type="vague"), "type invalid"),
    (lambda d: d.pop("clickbait"), "clickbait"),
])
def test_validate_rejects_broken_reports(breakit, message):
    d = json.loads(make_report().to_json())
    breakit(d)
    with pytest.raises(ReportError, match=message):
        validate(d)


def test_html_escapes_every_field():
    r = make_report(EVIL)
    html = render(r, "html")
    assert "<script" not in html.lower()
    assert html.count("&lt;script&gt;") >= 8  # headline, body, source, url, reasons, attribution, entity, warning
    assert 'alert(&#34;x&#34;)' in html or "alert(&quot;x&quot;)" in html


def test_html_highlights_evidence():
    html = render(make_report(), "html")
    assert 'class="cw evidence hedge spec"' in html  # the hedge cue, in a check-worthy speculative evidence sentence
    assert 'class="source"' in html or 'class="content source"' in html or "source" in html
    assert "unsupported" in html


def test_text_view_does_not_interpret_markup_or_escapes():
    r = make_report("[bold red]boom[/] \x1b[31mred\x1b[0m")
    out = render(r, "text")
    assert "[bold red]boom[/]" in out       # literal, not rich markup
    assert "\x1b" not in out                # no terminal escape sequences from the article
    assert "UNSUPPORTED" in out


def test_json_view_is_valid_json():
    d = json.loads(render(make_report(EVIL), "json"))
    validate(d)
    assert d["headline"].startswith(EVIL)


# --------------------------------------------------------------------------- the JSON Schema

def schema_validator():
    jsonschema = pytest.importorskip("jsonschema")
    from onrecord.report import json_schema

    schema = json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_the_committed_schema_file_is_current():
    from pathlib import Path

    from onrecord.report import json_schema

    committed = Path(__file__).resolve().parents[1] / "docs" / "report.schema.json"
    assert json.loads(committed.read_text()) == json_schema(), "regenerate: onrecord schema > docs/report.schema.json"


def test_reports_keep_the_json_schema():
    from onrecord import audit
    from tests.conftest import read_example

    check = schema_validator()
    check.validate(json.loads(make_report(EVIL).to_json()))
    report = json.loads(audit(read_example("hedged-confidence.txt")).to_json())
    check.validate(report)
    report.pop("id")  # fields added within onrecord.report/1 may be missing from older reports
    for a in report["attributions"]:
        a.pop("continuation")
    check.validate(report)


@pytest.mark.parametrize("breakit", [
    lambda d: d.update(schema="onrecord.report/2"),
    lambda d: d["stance"].update(label="maybe"),
    lambda d: d["stance"]["scores"].pop("unrelated"),
    lambda d: d.update(clickbait=1.5),
    lambda d: d.pop("verdict"),
    lambda d: d["verdict"].update(confidence="high"),
    lambda d: d["attributions"][0]["source"].update(kind="alien"),
    lambda d: d["sentences"][0]["hedges"][0].update(type="vague"),
    lambda d: d["sentences"][0].update(start=-1),
    lambda d: d["headline_claim"].update(holder=7),
    lambda d: d["summary"].pop("direct_quotes"),
])
def test_the_json_schema_rejects_broken_reports(breakit):
    check = schema_validator()
    d = json.loads(make_report().to_json())
    breakit(d)
    assert not check.is_valid(d)


def test_views_list_the_checkworthy_sentences_highest_first():
    r = make_report()
    r.sentences[1].checkworthy = 0.95   # now both clear the threshold, the second one higher
    assert [s.index for s in r.checkworthy_sentences()] == [1, 0]
    r.sentences[1].checkworthy = 0.2
    assert [s.index for s in r.checkworthy_sentences()] == [0]
    text = render(r, "text")
    assert "Check-worthy sentences" in text and "[0] 0.90  plain may be true." in text
    assert "[1] 0.20" not in text
    page = render(r, "html")
    assert "<h2>Check-worthy sentences</h2>" in page and 'class="cw' in page
    assert "check-worthy claim (score 0.90)" in page


def test_no_checkworthy_section_without_checkworthy_sentences():
    r = make_report()
    r.sentences[0].checkworthy = 0.1
    assert "Check-worthy sentences" not in render(r, "text")
    assert "<h2>Check-worthy sentences</h2>" not in render(r, "html")


def test_the_summary_counts_distinct_sources_not_attributions():
    def att(text: str, kind: str, resolved: str | None = None) -> Attribution:
        return Attribution("indirect", False, Source(text, 0, len(text), kind, resolved=resolved),
                           Span("said", 0, 4), Span("it", 0, 2))
    atts = [att("Jeff Bewkes", "named_person", "Jeff Bewkes"), att("Bewkes", "named_person", "Jeff Bewkes"),
            att("HBO", "named_org", "HBO"), att("hbo", "named_org"), att("a source", "anonymous"),
            att("A  source", "anonymous"), att("officials", "anonymous"), att("", "anonymous"), att("", "anonymous"),
            att("he", "pronoun", "Jeff Bewkes")]
    s = summarize([], atts)
    assert (s.named_sources, s.anonymous_sources) == (2, 3)  # Bewkes, HBO; "a source", officials, the unstated one
    both = att("Bewkes and Jane Doe", "named_person", "Jeff Bewkes")
    both.source.others = ["Jane Doe"]  # a coordinated source names two people
    assert summarize([], [*atts, both]).named_sources == 3


def test_the_summary_counts_the_same_unnamed_person_once_whatever_the_determiner():
    def att(text: str) -> Attribution:
        return Attribution("indirect", False, Source(text, 0, len(text), "anonymous"), Span("said", 0, 4),
                           Span("it", 0, 2))
    s = summarize([], [att("one official"), att("The official"), att("an Iraqi official"), att("the Iraqi official"),
                       att("another official"), att("a second official"), att("officials")])
    assert s.anonymous_sources == 5  # official, Iraqi official, another, a second, officials


def test_the_summary_counts_no_one_the_body_says_did_not_speak():
    def att(text: str, kind: str, negated: bool = False) -> Attribution:
        return Attribution("indirect", False, Source(text, 0, len(text), kind), Span("said", 0, 4), Span("it", 0, 2),
                           negated=negated)
    atts = [att("Jeff Bewkes", "named_person"), att("officials", "anonymous"),
            att("nobody", "anonymous", negated=True), att("Apple spokeswoman Nat Kerris", "named_person", negated=True)]
    s = summarize([], atts)
    assert (s.named_sources, s.anonymous_sources) == (1, 1)  # "nobody said", "Kerris declined to comment": no sources


def test_the_official_after_one_american_official_is_the_same_source(monkeypatch):
    from onrecord import report

    def att(text: str, at: int) -> Attribution:
        return Attribution("indirect", False, Source(text, at, at + len(text), "anonymous"), Span("said", 0, 4),
                           Span("it", 0, 2))
    atts = [att("one American official", 0), att("The official", 50), att("a well-placed source", 90),
            att("the source", 140)]
    assert summarize([], atts).anonymous_sources == 2
    assert summarize([], [att("the official", 0)]).anonymous_sources == 1  # nothing before it to take up
    monkeypatch.setattr(report, "SAME_HEAD_ANONYMOUS", False)
    assert summarize([], atts).anonymous_sources == 4


def test_a_coordinated_source_shows_every_name_escaped():
    r = make_report()
    r.attributions[0].source.others = ["<b>Jane</b> Doe"]
    text = render(r, "text")  # the table may wrap the cell
    assert "plain and" in text and "<b>Jane</b> Doe" in text
    page = render(r, "html")
    assert "plain and &lt;b&gt;Jane&lt;/b&gt; Doe" in page and "<b>Jane</b>" not in page
    validate(json.loads(r.to_json()))
