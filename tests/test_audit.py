"""Whole audits: the seed case and the three verdicts on articles written for the project."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from onrecord import Article, audit
from onrecord.errors import InputError
from onrecord.report import validate

from .conftest import read_example


def check_offsets(r) -> None:
    d = json.loads(r.to_json())
    validate(d)  # offsets, labels, probabilities, summary counts
    for s in r.sentences:
        assert r.body[s.start:s.end] == s.text


@pytest.fixture(scope="module")
def hedged():
    return audit(read_example("hedged-confidence.txt"))


def test_hedged_attitude_headline_is_unsupported(hedged):
    r = hedged
    check_offsets(r)
    c = r.headline_claim
    assert (c.holder, c.attitude, c.target) == ("Elena Varga", "confident", "Tomas Brandt")
    assert r.verdict.label == "unsupported"
    assert c.on_record_support == []
    assert r.summary.direct_quotes == 0                      # "fair deal", "steady hand" are scare quotes
    about_varga = [a for a in r.attributions if a.source.resolved == "Elena Varga"]
    assert about_varga and all(a.type == "belief" for a in about_varga)
    assert sum(a.hedged for a in about_varga) > len(about_varga) / 2
    assert r.summary.speculative_ratio >= 0.35
    assert any("never quotes Elena Varga" in reason for reason in r.verdict.reasons)
    assert r.stance.label != "agree"


def test_on_record_quote_supports_headline():
    r = audit(read_example("on-record.txt"))
    check_offsets(r)
    assert r.headline_claim.holder == "Elena Varga"
    assert r.summary.direct_quotes >= 1
    support = [r.attributions[i] for i in r.headline_claim.on_record_support]
    assert support and all(a.source.resolved == "Elena Varga" and not a.hedged for a in support)
    assert r.verdict.label == "supported"


def test_a_role_description_puts_the_titled_person_on_record():
    # "the president" after "President Barack Obama" is Obama: his quote supports "Obama says …" (it was
    # unsupported, "the body never quotes Barack Obama"); a vice president is not "the president"
    from onrecord.article import Article

    body = ("WASHINGTON — President Barack Obama spoke to reporters at the White House on Monday.\n\n"
            "Vice President Joseph R. Biden Jr. stood beside him.\n\n"
            '"The economy is growing faster than expected," the president said. "We have added jobs for months."')
    r = audit(Article(headline="Obama says the economy is growing faster than expected", body=body))
    check_offsets(r)
    [a] = [a for a in r.attributions if a.source.text == "the president"]
    assert (a.source.kind, a.source.resolved) == ("description", "Barack Obama")
    assert r.headline_claim.on_record_support == [r.attributions.index(a)]
    assert r.verdict.label == "supported"
    from onrecord.views.text import render_text

    assert "Barack Obama (the president)" in render_text(r, width=200)  # the name, with the words that meant him


def test_denial_contradicts_headline():
    r = audit(read_example("denied.txt"))
    check_offsets(r)
    assert r.headline_claim.holder is None                    # a plain factual headline
    assert r.verdict.label == "contradicted"
    assert any("den" in reason for reason in r.verdict.reasons)


def test_a_denial_supports_a_headline_that_reports_the_denial():
    """"Smith denies …" is backed by Smith's own denial; denial cues were skipped for every headline, so the body
    that puts the denial on record read as "quotes John Smith … but not saying what the headline claims"."""
    r = audit(Article("Smith denies taking bribes from the contractor",
                      "Mayor John Smith denied taking bribes from the contractor on Tuesday. Prosecutors say the "
                      "contractor paid the mayor's office $50,000 last year."))
    assert r.headline_claim.attitude == "deny"
    assert [r.attributions[i].cue.text for i in r.headline_claim.on_record_support] == ["denied"]
    assert r.verdict.label == "supported"


@pytest.fixture(scope="module")
def seed_report(shared):
    """The report of ../shared/examples/putin-trump.txt, the article this project starts from (audited once)."""
    from onrecord.readers import load

    return audit(load(str(shared / "examples" / "putin-trump.txt")))


def test_seed_case(seed_report):
    """../shared/examples/putin-trump.txt: the article this project starts from."""
    r = seed_report
    check_offsets(r)
    c = r.headline_claim
    assert c.holder == "Vladimir Putin" and c.attitude == "confident" and c.target == "Donald Trump"
    assert r.verdict.label == "unsupported"
    assert r.summary.direct_quotes == 0
    assert c.on_record_support == []
    putin = [a for a in r.attributions if a.source.resolved == "Vladimir Putin"]
    assert putin and all(a.type == "belief" for a in putin)
    # every "may / might / could" belief hedged by the author: 6 of 13 since session 48, when the lead's "Putin's
    # confidence in Trump's ability … is rooted in several key factors" (the author's own unhedged presupposition)
    # became a belief too; 6 of 12 since session 31, when "… the establishment, which he views as adversarial to
    # Russia" (a non-restrictive relative clause the author asserts) resolved "he" to Putin (6 of 11 before)
    modal = [a for a in putin if a.cue.text.split()[0].lower() in {"may", "might", "could"}]
    assert len(modal) >= 6 and all(a.hedged for a in modal)
    hedged = sum(a.hedged for a in putin)
    assert hedged >= 6 and hedged >= (len(putin) - 1) / 2
    assert r.summary.speculative_ratio >= 0.35
    assert r.stance.label == "discuss"


def test_readme_shows_the_seed_case_as_it_is_reported(seed_report):
    """The README's sample of the seed report is the report today, down to the first attribution rows: the sample had
    drifted (it said "6 of 12" and "1 anonymous" for sessions after the report said "6 of 13" and "0 anonymous")."""
    from onrecord.views.text import render_text

    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    block = readme.split("```\nPutin Confident", 1)[1].split("```", 1)[0]
    sample = ("Putin Confident" + block).splitlines()
    shown = sample[:sample.index("   …")]  # the sample stops after a few attribution rows
    rendered = [line.rstrip() for line in render_text(seed_report, width=100).splitlines()]
    assert len(shown) > 20 and rendered[:len(shown)] == shown


def test_audit_reads_a_string_as_the_cli_reads_a_file():
    text = "Varga says the strike will end\n“The strike will end this week,” union leader Anna Varga said on Monday.\n"
    from_text = audit(text)
    assert from_text.headline == "Varga says the strike will end"
    assert from_text.to_dict() == audit(Article(headline=from_text.headline, body=from_text.body)).to_dict()
    html = ("<html><head><title>Varga says the strike will end</title></head><body><article><h1>Varga says the "
            "strike will end</h1><p>“The strike will end this week,” union leader Anna Varga said on Monday. "
            "The talks resume on Tuesday, officials said.</p></article></body></html>")
    assert audit(html).headline == "Varga says the strike will end"
    with pytest.raises(InputError, match="empty"):
        audit("  \n ")
    with pytest.raises(TypeError, match="Article or a str"):
        audit(b"bytes are not text")  # type: ignore[arg-type]


def test_audit_many_reads_strings_and_answers_other_items_with_an_error():
    from onrecord import audit_many

    items = ["Varga says the strike will end\nThe strike will end this week, Varga said.", b"bytes", None,
             Article("Brandt says talks resume", "Brandt said the talks resume.", id=7)]
    results = list(audit_many(items))
    assert results[0].headline == "Varga says the strike will end"
    assert all(isinstance(r, InputError) for r in results[1:3]) and "not bytes" in str(results[1])
    assert results[3].id == "7"
    validate(json.loads(results[3].to_json()))
    with pytest.raises(InputError, match="headline must be a string"):
        Article(None, "The body.")  # type: ignore[arg-type]


def test_empty_articles_are_refused_by_the_api_as_by_the_readers():
    from onrecord import audit_many

    with pytest.raises(InputError, match="headline is empty"):
        audit(Article("  ", "The body."))
    assert isinstance(list(audit_many([Article("Varga says x", "")]))[0], InputError)


def test_audit_many_with_workers_hands_over_finished_results_before_an_input_error(monkeypatch):
    import concurrent.futures
    import contextlib

    from onrecord import audit_many, workers

    @contextlib.contextmanager
    def threads(jobs, initializer=None):  # the pool's contract without spawning processes
        with concurrent.futures.ThreadPoolExecutor(jobs) as pool:
            yield pool

    monkeypatch.setattr(workers, "process_pool", threads)

    def items():
        for i in range(3):
            yield Article(f"Varga says strike {i} will end", f"Varga said strike {i} will end.")
        raise ValueError("the input broke")

    got = []
    with pytest.raises(ValueError, match="the input broke"):
        for report in audit_many(items(), jobs=2, chunk_size=1):
            got.append(report.headline)
    assert got == [f"Varga says strike {i} will end" for i in range(3)]


def test_a_negated_statement_is_marked_and_puts_no_one_on_record():
    from onrecord.views import render

    body = ("Prime Minister Elena Varga did not say that Tomas Brandt could end the strike, her office said on Monday.\n\n"
            "Varga declined to comment on the talks.")
    r = audit(Article(headline="Varga says Brandt can end the strike", body=body))
    check_offsets(r)
    negated = [a for a in r.attributions if a.negated]
    assert {a.cue.text for a in negated} == {"did not say", "declined"}
    assert not next(a for a in r.attributions if a.cue.text == "said").negated  # "her office said": on record
    assert r.headline_claim.on_record_support == [] and r.verdict.label != "supported"
    d = json.loads(render(r, "json"))
    assert sorted(a["negated"] for a in d["attributions"]).count(True) == len(negated)
    assert "· not" in render(r, "text") and "(negated)" in render(r, "html")


def test_a_question_headline_is_shown_as_asking_not_stating() -> None:
    from onrecord.views.html import render_html
    from onrecord.views.text import render_text

    body = "A blogger said he would not be surprised. Officials in Pyongyang said nothing about it."
    asked = audit(Article(headline="Is Kim Jong-un opening a restaurant in Scotland?", body=body))
    stated = audit(Article(headline="Kim Jong-un is opening a restaurant in Scotland", body=body))
    assert "Headline claim: a question" in render_text(asked, width=200)
    assert "Headline claim: a question" in render_html(asked)
    assert "Headline claim: a plain statement" in render_text(stated, width=200)
    assert "Headline claim: a plain statement" in render_html(stated)


def test_a_long_body_is_parsed_in_pieces_into_one_document(monkeypatch) -> None:
    """A body over nlp.PARSE_WHOLE_CHARS is parsed in pieces cut at line breaks (memory: BENCHMARKS.md, session 59);
    the joined Doc has the body's text, its sentences and its annotations, and the audit reads it as one."""
    from onrecord import nlp
    from onrecord.article import Article

    body = "\n".join(f"“The strike will end in week {i},” union leader Anna Varga said on Monday. Talks may resume."
                     for i in range(12))
    whole = nlp.parse(Article("Varga says the strike will end", body))
    monkeypatch.setattr(nlp, "PARSE_WHOLE_CHARS", 300)
    monkeypatch.setattr(nlp, "PARSE_PIECE_CHARS", 250)
    doc = nlp.parse_body(body)
    assert doc.text == body and doc.has_annotation("DEP") and doc.has_annotation("ENT_IOB")
    assert [s.text for s in doc.sents] == [s.text for s in whole.body.sents]
    assert doc.tensor.shape == whole.body.tensor.shape
    pieces = nlp.parse(Article("Varga says the strike will end", body))
    assert [s.text for s in pieces.sentences] == [s.text for s in whole.sentences]
    report = audit(Article("Varga says the strike will end", body))
    assert sum(a.source.resolved == "Anna Varga" for a in report.attributions) == 12
    many = list(nlp.parse_many([Article("Short one says", "It is short."), Article("Long one says", body)]))
    assert many[1].body.text == body and many[0].body.text == "It is short."
