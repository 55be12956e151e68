"""The post-incident review as a document: the IncidentReview answer (reviewer/contract/
incidents.py) laid out as the sections a team reads, and written out as Markdown.

The PDF (ui/context/incident_pdf.py) lays out the same `ReportDocument`, so both say the same
thing in the same order. Case text never appears; reviewers appear as counts unless the
organisation's setting put names in the answer; media only in aggregate, by category.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reviewer.contract.incidents import IncidentReview
from reviewer.words import QT_TRANSLATE_NOOP, translate

# The document's fixed words, marked for lupdate and shown in the interface's language (English
# on the command line, where the core has no translator). The team's own words and the
# server's timeline stay as written.
WORDS = {
    # The section titles of reviewer/contract/incidents.py (the wire contract imports no
    # more than pydantic, so they are marked here): shown as translate("core", title).
    "summary": QT_TRANSLATE_NOOP("core", "Summary"),
    "root_cause": QT_TRANSLATE_NOOP("core", "Root cause"),
    "went_well": QT_TRANSLATE_NOOP("core", "What went well"),
    "to_change": QT_TRANSLATE_NOOP("core", "What to change"),
    "action_item": QT_TRANSLATE_NOOP("core", "Action items"),
    "title": QT_TRANSLATE_NOOP("core", "Post-incident review: {title}"),
    "incident": QT_TRANSLATE_NOOP("core", "Incident"),
    "severity": QT_TRANSLATE_NOOP("core", "Severity"),
    "regions": QT_TRANSLATE_NOOP("core", "Regions"),
    "all": QT_TRANSLATE_NOOP("core", "all"),
    "commander": QT_TRANSLATE_NOOP("core", "Commander"),
    "state": QT_TRANSLATE_NOOP("core", "State"),
    "declared": QT_TRANSLATE_NOOP("core", "Declared"),
    "cases": QT_TRANSLATE_NOOP("core", "Cases"),
    "case_figures": QT_TRANSLATE_NOOP(
        "core", "{cases_in} in, {decided} decided, {pending} pending, {late} past SLA"),
    "first_action": QT_TRANSLATE_NOOP("core", "Time to first action"),
    "contain": QT_TRANSLATE_NOOP("core", "Time to contain"),
    "reviewers": QT_TRANSLATE_NOOP("core", "Reviewers who decided"),
    "generated": QT_TRANSLATE_NOOP("core", "Generated"),
    "bulletin": QT_TRANSLATE_NOOP("core", "Bulletin"),
    "acknowledged": QT_TRANSLATE_NOOP("core", "{guideline}, acknowledged by {acknowledged} of "
                                              "{expected}"),
    "per_hour": QT_TRANSLATE_NOOP("core", "Decisions per hour"),
    "by_action": QT_TRANSLATE_NOOP("core", "Decisions by action"),
    "by_policy": QT_TRANSLATE_NOOP("core", "Decisions by policy"),
    "versions": QT_TRANSLATE_NOOP("core", "Guideline versions in force"),
    "unknown": QT_TRANSLATE_NOOP("core", "(unknown)"),
    "media": QT_TRANSLATE_NOOP("core", "Media by category (aggregate)"),
    "by_reviewer": QT_TRANSLATE_NOOP("core", "Decisions by reviewer"),
    "not_written": QT_TRANSLATE_NOOP("core", "(not written yet)"),
    "unassigned": QT_TRANSLATE_NOOP("core", "unassigned"),
    "timeline": QT_TRANSLATE_NOOP("core", "Timeline"),
    "timeline_utc": QT_TRANSLATE_NOOP("core", "Timeline (UTC)"),
    "time_utc": QT_TRANSLATE_NOOP("core", "Time (UTC)"),
    "what_happened": QT_TRANSLATE_NOOP("core", "What happened"),
    "none": QT_TRANSLATE_NOOP("core", "None."),
    "none_yet": QT_TRANSLATE_NOOP("core", "None yet."),
    "in_vs_decided": QT_TRANSLATE_NOOP("core", "Cases in vs decided"),
    "cases_in": QT_TRANSLATE_NOOP("core", "Cases in"),
    "decided": QT_TRANSLATE_NOOP("core", "Decided"),
    "not_yet": QT_TRANSLATE_NOOP("core", "not yet"),
    "hours": QT_TRANSLATE_NOOP("core", "{hours} h {minutes} min"),
    "minutes": QT_TRANSLATE_NOOP("core", "{minutes} min"),
    "no_cases": QT_TRANSLATE_NOOP("core", "no cases yet"),
    "span": QT_TRANSLATE_NOOP("core", "{first} to {last} UTC"),
}


def word(key: str, **values) -> str:
    """One of WORDS in the interface's language, with its values filled in."""
    text = translate("core", WORDS[key])
    try:
        return text.format(**values) if values else text
    except (KeyError, IndexError, ValueError):  # a broken translation: English, not a crash
        return WORDS[key].format(**values)


@dataclass
class ReportDocument:
    title: str
    facts: list[tuple[str, str]]  # (label, value) under the title
    timeline: list[tuple[str, str]]  # (time, what happened)
    tables: list[tuple[str, list[tuple[str, str]]]]  # (heading, rows of (label, value))
    written: list[tuple[str, str]]  # (section title, text the team wrote)
    action_items: list[tuple[str, str]] = field(default_factory=list)  # (item, owner)
    series: list[tuple[str, int, int]] = field(default_factory=list)  # (at, cases in, decided)


def build_document(review: IncidentReview) -> ReportDocument:
    incident, figures = review.incident, review.incident.figures
    facts = [(word("incident"), incident.id), (word("severity"), incident.severity),
             (word("regions"), ", ".join(incident.regions) or word("all")),
             (word("commander"), incident.commander), (word("state"), incident.state),
             (word("declared"), _time(incident.declared_at)),
             (word("cases"), word("case_figures", cases_in=figures.cases_in,
                                  decided=figures.decided, pending=figures.pending,
                                  late=figures.sla_breaches)),
             (word("first_action"), _duration(review.time_to_first_action_s)),
             (word("contain"), _duration(review.time_to_contain_s)),
             (word("reviewers"), str(review.reviewers.count)),
             (word("generated"), _time(review.generated_at))]
    if review.bulletin is not None:
        facts.append((word("bulletin"), word(
            "acknowledged", guideline=review.bulletin.guideline,
            acknowledged=review.bulletin.acknowledged, expected=review.bulletin.expected)))
    tables = [
        (word("per_hour"), [(_time(h.hour), str(h.decisions))
                            for h in review.decisions_per_hour]),
        (word("by_action"), _counted(review.decisions_by_action)),
        (word("by_policy"), _counted(review.decisions_by_policy)),
        (word("versions"), _counted(
            {k or word("unknown"): v for k, v in review.guideline_versions.items()})),
        (word("media"), _counted(review.media_by_category)),
    ]
    if review.reviewers.by_name is not None:  # only when the organisation names reviewers
        tables.append((word("by_reviewer"), _counted(review.reviewers.by_name)))
    sections = review.sections
    written = [(word(key), getattr(sections, key) or word("not_written"))
               for key in ("summary", "root_cause", "went_well", "to_change")]
    return ReportDocument(
        title=word("title", title=incident.title), facts=facts,
        timeline=[(_time(line.at), line.text) for line in review.timeline],
        tables=tables, written=written,
        action_items=[(item.body, item.owner or word("unassigned"))
                      for item in sections.action_items],
        series=[(_time(p.at), p.cases_in, p.decided) for p in review.series])


def to_markdown(document: ReportDocument) -> str:
    lines = [f"# {_md(document.title)}", ""]
    lines += [f"- **{label}:** {_md(value)}" for label, value in document.facts]
    lines += ["", f"## {word('timeline')}", "",
              f"| {word('time_utc')} | {word('what_happened')} |", "|---|---|"]
    lines += [f"| {at} | {_cell(text)} |" for at, text in document.timeline]
    for title, text in document.written[:1]:  # the summary leads, the rest follow the figures
        lines += ["", f"## {title}", "", _md(text)]
    for heading, rows in document.tables:
        lines += ["", f"## {heading}", ""]
        lines += ["| | |", "|---|---|"] + [f"| {_cell(a)} | {_cell(b)} |" for a, b in rows] \
            if rows else [word("none")]
    lines += ["", f"## {word('in_vs_decided')}", "",
              f"| {word('time_utc')} | {word('cases_in')} | {word('decided')} |", "|---|---|---|"]
    lines += [f"| {at} | {cases_in} | {decided} |" for at, cases_in, decided in document.series]
    for title, text in document.written[1:]:
        lines += ["", f"## {title}", "", _md(text)]
    lines += ["", f"## {word('action_item')}", ""]
    lines += [f"- [ ] {_md(item)} — {_md(owner)}" for item, owner in document.action_items] \
        or [word("none_yet")]
    return "\n".join(lines) + "\n"


def _counted(counts: dict[str, int]) -> list[tuple[str, str]]:
    return [(key, str(n)) for key, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def _time(iso: str | None) -> str:
    return (iso or "").replace("T", " ").rstrip("Z")[:19]


def _duration(seconds: float | None) -> str:
    if seconds is None:
        return word("not_yet")
    minutes = int(seconds // 60)
    if minutes >= 60:
        return word("hours", hours=minutes // 60, minutes=f"{minutes % 60:02d}")
    return word("minutes", minutes=minutes)


def _md(text: str) -> str:
    """Team-written text as plain text: Markdown's own characters are escaped, not obeyed."""
    for char in "\\`*_[]<>#|":
        text = text.replace(char, "\\" + char)
    return text


def _cell(text: str) -> str:
    return _md(text).replace("\n", " ")
