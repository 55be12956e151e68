"""The post-incident review as a document: the IncidentReview answer (reviewer/contract/
incidents.py) laid out as the sections a team reads, and written out as Markdown.

The PDF (ui/context/incident_pdf.py) lays out the same `ReportDocument`, so both say the same
thing in the same order. Case text never appears; reviewers appear as counts unless the
organisation's setting put names in the answer; media only in aggregate, by category.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reviewer.contract.incidents import SECTION_TITLES, IncidentReview

NOT_WRITTEN = "(not written yet)"


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
    facts = [("Incident", incident.id), ("Severity", incident.severity),
             ("Regions", ", ".join(incident.regions) or "all"),
             ("Commander", incident.commander), ("State", incident.state),
             ("Declared", _time(incident.declared_at)),
             ("Cases", f"{figures.cases_in} in, {figures.decided} decided, "
                       f"{figures.pending} pending, {figures.sla_breaches} past SLA"),
             ("Time to first action", _duration(review.time_to_first_action_s)),
             ("Time to contain", _duration(review.time_to_contain_s)),
             ("Reviewers who decided", str(review.reviewers.count)),
             ("Generated", _time(review.generated_at))]
    if review.bulletin is not None:
        facts.append(("Bulletin", f"{review.bulletin.guideline}, acknowledged by "
                                  f"{review.bulletin.acknowledged} of {review.bulletin.expected}"))
    tables = [
        ("Decisions per hour", [(_time(h.hour), str(h.decisions))
                                for h in review.decisions_per_hour]),
        ("Decisions by action", _counted(review.decisions_by_action)),
        ("Decisions by policy", _counted(review.decisions_by_policy)),
        ("Guideline versions in force", _counted(
            {k or "(unknown)": v for k, v in review.guideline_versions.items()})),
        ("Media by category (aggregate)", _counted(review.media_by_category)),
    ]
    if review.reviewers.by_name is not None:  # only when the organisation names reviewers
        tables.append(("Decisions by reviewer", _counted(review.reviewers.by_name)))
    sections = review.sections
    written = [(SECTION_TITLES[key], getattr(sections, key) or NOT_WRITTEN)
               for key in ("summary", "root_cause", "went_well", "to_change")]
    return ReportDocument(
        title=f"Post-incident review: {incident.title}", facts=facts,
        timeline=[(_time(line.at), line.text) for line in review.timeline],
        tables=tables, written=written,
        action_items=[(item.body, item.owner or "unassigned") for item in sections.action_items],
        series=[(_time(p.at), p.cases_in, p.decided) for p in review.series])


def to_markdown(document: ReportDocument) -> str:
    lines = [f"# {_md(document.title)}", ""]
    lines += [f"- **{label}:** {_md(value)}" for label, value in document.facts]
    lines += ["", "## Timeline", "", "| Time (UTC) | What happened |", "|---|---|"]
    lines += [f"| {at} | {_cell(text)} |" for at, text in document.timeline]
    for title, text in document.written[:1]:  # the summary leads, the rest follow the figures
        lines += ["", f"## {title}", "", _md(text)]
    for heading, rows in document.tables:
        lines += ["", f"## {heading}", ""]
        lines += ["| | |", "|---|---|"] + [f"| {_cell(a)} | {_cell(b)} |" for a, b in rows] \
            if rows else ["None."]
    lines += ["", "## Cases in vs decided", "", "| Time (UTC) | Cases in | Decided |",
              "|---|---|---|"]
    lines += [f"| {at} | {cases_in} | {decided} |" for at, cases_in, decided in document.series]
    for title, text in document.written[1:]:
        lines += ["", f"## {title}", "", _md(text)]
    lines += ["", f"## {SECTION_TITLES['action_item']}", ""]
    lines += [f"- [ ] {_md(item)} — {_md(owner)}" for item, owner in document.action_items] \
        or ["None yet."]
    return "\n".join(lines) + "\n"


def _counted(counts: dict[str, int]) -> list[tuple[str, str]]:
    return [(key, str(n)) for key, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def _time(iso: str | None) -> str:
    return (iso or "").replace("T", " ").rstrip("Z")[:19]


def _duration(seconds: float | None) -> str:
    if seconds is None:
        return "not yet"
    minutes = int(seconds // 60)
    return f"{minutes // 60} h {minutes % 60:02d} min" if minutes >= 60 else f"{minutes} min"


def _md(text: str) -> str:
    """Team-written text as plain text: Markdown's own characters are escaped, not obeyed."""
    for char in "\\`*_[]<>#|":
        text = text.replace(char, "\\" + char)
    return text


def _cell(text: str) -> str:
    return _md(text).replace("\n", " ")
