"""Headline claim decomposition on hand-written headlines."""

from __future__ import annotations

import pytest

from onrecord import nlp
from onrecord.analyzers import get
from onrecord.article import Article

BODY = ("Prime Minister Elena Varga spoke on Monday. Trade Minister Tomas Brandt met the union. "
        "German Chancellor Angela Merkel spoke too. Apple and Tesla declined to comment.")


def claim(headline: str, body: str = BODY):
    return get("headline")(nlp.parse(Article(headline, body)))


@pytest.mark.parametrize("headline, holder, attitude, target", [
    ("Varga Confident Brandt Can End the Port Strike", "Elena Varga", "confident", "Tomas Brandt"),
    ("Merkel warns Greece could leave the euro", "Angela Merkel", "warn", "Greece"),
    ("Varga: Brandt can end the strike", "Elena Varga", "says", "Tomas Brandt"),
    ("The strike will end this week, Varga says", "Elena Varga", "say", "The strike"),
    ("Officials say the dam will hold", "Officials", "say", "the dam"),
    ("Varga is not confident that Brandt can end the strike", "Elena Varga", "not confident", "Tomas Brandt"),
    # a credit closing the headline after a colon or a spaced dash
    ("Brandt can end the port strike: Report", "Report", "says", "Tomas Brandt"),
    ("Varga will call an election — Reuters", "Reuters", "says", "Elena Varga"),
    ("Brandt can end the strike - sources", "sources", "says", "Tomas Brandt"),
    ("Report: Brandt can end the strike", "Report", "says", "Tomas Brandt"),
])
def test_attitude_headlines(headline, holder, attitude, target):
    c = claim(headline)
    assert (c.holder, c.attitude, c.target) == (holder, attitude, target)
    # every span points at the headline words it came from
    for span in (c.holder_span, c.target_span, c.content_span):
        assert headline[span.start:span.end] == span.text
    assert c.content and c.content in headline


@pytest.mark.parametrize("headline", [
    "Dam bursts in northern Italy",
    "Police call off search for missing hiker",
    "Police report three arrests after protest",
    "Apple unveils a new phone",
    "Gunman identified: John Smith",  # a name after a colon is the content, not a credit
    "Port strike ends: Brandt",
    "Breaking: dam bursts in Italy",  # a label before a colon is no credit
])
def test_plain_headlines_have_no_holder(headline):
    c = claim(headline)
    assert c.holder is None and c.attitude is None and c.target is None and c.content is None


def test_title_case_is_undone_for_parsing_but_offsets_kept():
    h = "Varga Confident Brandt Can End the Port Strike"
    t = nlp.truecase_headline(h, BODY + " The strike at the port goes on.")
    assert len(t) == len(h)
    assert t.startswith("Varga confident Brandt can end")
