"""The player's questions as HTML, built in Python.

A whole school opens its 20-question papers in the same minute. Through the template engine each
paper cost about 7 ms of CPU, most of it escaping the same few hundred values one filter at a
time; here each value is escaped once, with the standard library, and each question's stem (rich
text an editor wrote) is expanded once per worker.
"""

from html import escape

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from wagtail.rich_text import expand_db_html

from lms.core.live_pages import kept_routes, pages_version
from quizzes.scoring import Kind

TEXT_KINDS = (Kind.SHORT_TEXT, Kind.NUMERIC)


def expanded_stem(stem: str) -> str:
    """A stem as HTML (links and embeds expanded), kept per worker under the pages' version: the
    same few questions come back in every paper of a round, and a page link changes with pages."""
    version = pages_version()
    if version is None:
        return expand_db_html(stem)
    key = ("stem", version, stem)
    html = kept_routes.get(key)
    if html is None:
        html = expand_db_html(stem)
        kept_routes.keep(key, html)
    return html


def questions_html(questions: list[dict], saved: dict[int, object]) -> SafeString:
    """Every question of a paper (its student view) as the player's fieldsets, with the answers
    saved so far filled in. Ids and numbers are written as they are, never localised."""
    total = len(questions)
    words = {
        "multiple": escape(_("Choose every right answer.")),
        "your_answer": escape(_("Your answer")),
        "flag": escape(_("Flag for later")),
    }
    parts = []
    for number, question in enumerate(questions, start=1):
        slot, kind = int(question["slot"]), Kind(question["kind"])
        legend = _("Question %(number)s of %(total)s") % {"number": number, "total": total}
        stem = expanded_stem(question["stem"])
        parts.append(
            f'<fieldset class="question" id="q-{slot}" data-slot="{slot}" '
            f'data-kind="{kind.value}" aria-describedby="stem-{slot}">\n'
            f"<legend>{escape(legend)}</legend>\n"
            f'<div class="stem rich-text" id="stem-{slot}">{stem}</div>\n'
        )
        value = saved.get(slot)
        if kind == Kind.MULTIPLE:
            parts.append(f'<p class="help">{words["multiple"]}</p>\n')
        if kind in TEXT_KINDS:
            text = escape(value) if isinstance(value, str) else ""
            numeric = ' inputmode="decimal"' if kind == Kind.NUMERIC else ""
            parts.append(
                f'<label class="answer-label" for="answer-{slot}">{words["your_answer"]}</label>\n'
                f'<input type="text" id="answer-{slot}" name="slot-{slot}" value="{text}" '
                f'maxlength="2000" autocomplete="off"{numeric}>\n'
            )
        else:
            chosen = set(value) if isinstance(value, list) else {value}
            field = "checkbox" if kind == Kind.MULTIPLE else "radio"
            parts.append('<ul class="choices">\n')
            for choice in question["choices"]:
                choice_id = int(choice["id"])
                checked = " checked" if choice_id in chosen else ""
                parts.append(
                    f'<li><label class="choice"><input type="{field}" name="slot-{slot}" '
                    f'value="{choice_id}"{checked}> <span>{escape(choice["text"])}</span>'
                    "</label></li>\n"
                )
            parts.append("</ul>\n")
        parts.append(
            '<p class="question-tools"><button type="button" class="flag link-button" '
            f'aria-pressed="false" hidden>{words["flag"]}</button></p>\n</fieldset>\n'
        )
    return mark_safe("".join(parts))  # noqa: S308 - every value above is escaped or an int
