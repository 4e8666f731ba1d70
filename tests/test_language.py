"""onrecord.language: an article that does not read as English gets a warning in its report."""

from __future__ import annotations

import pytest

from onrecord import language

ENGLISH = ("The mayor said on Monday that the bridge would reopen next week, after engineers found that the damage "
           "was less serious than they had feared. Residents who live near the river have complained for months.")
FRENCH = ("Le maire a déclaré lundi que le pont rouvrira la semaine prochaine, après que les ingénieurs ont constaté "
          "que les dégâts étaient moins graves que prévu. Les habitants qui vivent près du fleuve se plaignent depuis "
          "des mois.")
SPANISH = ("El alcalde dijo el lunes que el puente volverá a abrir la próxima semana, después de que los ingenieros "
           "comprobaran que los daños eran menos graves de lo que temían. Los vecinos que viven junto al río llevan "
           "meses quejándose.")
GERMAN = ("Der Bürgermeister sagte am Montag, die Brücke werde nächste Woche wieder geöffnet, nachdem Ingenieure "
          "festgestellt hatten, dass die Schäden geringer seien als befürchtet. Anwohner am Fluss beschweren sich "
          "seit Monaten.")


def test_english_reads_as_english() -> None:
    share, n = language.english_share(ENGLISH)
    assert n >= language.MIN_WORDS and share > 0.3
    assert language.warning(ENGLISH) is None


@pytest.mark.parametrize("body", [FRENCH, SPANISH, GERMAN])
def test_other_languages_get_a_warning(body: str) -> None:
    share, n = language.english_share(body)
    assert n >= language.MIN_WORDS and share < language.MIN_SHARE
    warning = language.warning(body)
    assert warning is not None and "does not read as English" in warning


def test_too_few_words_tell_nothing() -> None:
    assert language.english_share("")[1] == 0
    assert language.warning("Le maire a déclaré lundi que le pont rouvrira.") is None


def test_the_report_carries_the_warning() -> None:
    from onrecord import Article, audit

    assert not [w for w in audit(Article("Mayor says bridge will reopen", ENGLISH)).warnings if "English" in w]
    report = audit(Article("Mayor says bridge will reopen", FRENCH))  # an English headline, as FNC-1 has them
    assert any("does not read as English" in w for w in report.warnings)
    assert "this verdict is unreliable" in report.verdict.reasons[-1]
    assert not any("English" in r for r in audit(Article("Mayor says bridge will reopen", ENGLISH)).verdict.reasons)


def test_the_views_show_the_warning_before_the_findings_it_qualifies() -> None:
    from onrecord import Article, audit
    from onrecord.views import render, render_text

    report = audit(Article("Mayor says bridge will reopen", FRENCH + " " + FRENCH))
    text = render_text(report)
    assert text.index("does not read as English") < text.index("Check-worthy") + 200 < len(text)
    assert "Attributions" not in text or text.index("does not read as English") < text.index("Attributions")
    html = render(report, "html")
    assert html.index("does not read as English") < html.index("<h2>Body</h2>")
    assert html.index("class=\"verdict") < html.index("does not read as English")
