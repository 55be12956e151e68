"""What the investigation panel says, section by section, as plain text (no Qt here).

Every value that comes from the platform or a reviewer (handles, names, notes) is shown as
characters only by the panel; here it is wrapped in bidi isolation so a right-to-left handle
cannot reorder the words around it.
"""

from __future__ import annotations

from datetime import datetime, timezone

from reviewer.display_text import isolate, local_time
from reviewer.domain import Case, parse_iso
from reviewer.context.investigation import Investigation

NOT_FETCHED = "Context not fetched yet — will load when online."
MAX_LINES = 8  # per list; the rest is summarised as "+N more"


def status_line(view: Investigation, online: bool | None) -> str:
    offline = online is False
    if view.error:
        return (f"Context unavailable from the central API ({view.error}); showing what the "
                "case itself carries.")
    if view.context is None:
        return NOT_FETCHED + (" (offline now)" if offline else "")
    when = local_time(view.fetched_at) if view.fetched_at else "earlier"
    return f"Context as of {when}" + (" · offline: this is the cached copy" if offline else "")


def account_age(created_at: str, now: datetime | None = None) -> str:
    try:
        days = ((now or datetime.now(timezone.utc)) - parse_iso(created_at)).days
    except ValueError:
        return "unknown age"
    if days < 60:
        return f"{days} days old"
    years, months = divmod(days * 12 // 365, 12)
    return (f"{years} y {months} mo old" if years else f"{months} months old")


def account_section(case: Case, view: Investigation) -> str:
    author = (view.context or {}).get("author") or {}
    handle = str(author.get("handle") or case.author.handle)
    name = str(author.get("display_name") or case.author.display_name)
    created = str(author.get("created_at") or case.author.created_at)
    followers = int(author.get("followers", case.author.followers) or 0)
    high = bool(author.get("high_profile", case.author.high_profile))
    lines = [f"@{isolate(handle)}" + (f" ({isolate(name)})" if name else ""),
             f"Account {account_age(created)} (since {created[:10] or 'unknown'}) · "
             f"{followers:,} followers"]
    if high:
        lines.append("HIGH-PROFILE ACCOUNT — a reviewer's enforcement waits for a senior")
    return "\n".join(lines)


def enforcement_section(case: Case, view: Investigation) -> str:
    context = view.context
    if context is None:  # offline fallback: the history the case itself carries
        history = [h for h in case.author.history if isinstance(h, dict)]
        if not history:
            return "No prior enforcement in the case's account history (strikes: not known yet)."
        entries = sorted(history, key=lambda h: str(h.get("at", "")), reverse=True)
        head = "Strikes: not known until the context loads. From the case's account history:"
    else:
        strikes = context.get("strikes") or {}
        counted = ", ".join(str(a).replace("_", " ") for a in strikes.get("counted_actions", []))
        head = (f"Strikes: {strikes.get('count', 0)} in the last {strikes.get('window_days', 90)} "
                f"days" + (f" (counting {counted})" if counted else ""))
        entries = [e for e in context.get("prior_enforcement", []) if isinstance(e, dict)]
        if not entries:
            return head + "\nNo prior enforcement on this account."
    lines = [head] + [_enforcement_line(e) for e in entries[:MAX_LINES]]
    return "\n".join(lines + _more(len(entries)))


def _enforcement_line(entry: dict) -> str:
    where = f" on {entry['case_id']}" if entry.get("case_id") else ""
    summary = str(entry.get("summary") or "")
    summary = f" — {summary}" if summary and not entry.get("case_id") else ""
    return (f"• {str(entry.get('at', ''))[:10]} {entry.get('action', '?')} "
            f"({entry.get('policy', '?')}){where}{summary}")


def open_reports_section(view: Investigation) -> str:
    if view.context is None:
        return "Not known yet — will load when online."
    others = [c for c in view.context.get("other_open_cases", []) if isinstance(c, dict)]
    total = int(view.context.get("other_open_total", len(others)) or 0)
    if not others:
        return "No other open reports against this account."
    lines = [f"{total} other open case(s) against this account:"]
    for c in others[:MAX_LINES]:
        reports = int(c.get("report_count", 0) or 0)
        lines.append(f"• {c.get('case_id')} · {c.get('queue_id')} · {c.get('policy_area')} · "
                     f"{reports} report{'s' if reports != 1 else ''} · P{c.get('priority', '?')}")
    return "\n".join(lines + _more(total))


def reporters_section(view: Investigation) -> str:
    if view.context is None:
        return "Not known yet — will load when online."
    rows = [r for r in view.context.get("reporters", []) if isinstance(r, dict)]
    if not rows:
        return "No reporters on record for this case."
    rows.sort(key=lambda r: -int(r.get("reports_filed", 0) or 0))
    return "\n".join([f"• {isolate(str(r.get('reporter_id')))}: {_reporter_record(r)}"
                      for r in rows[:MAX_LINES]] + _more(len(rows)))


def _reporter_record(row: dict) -> str:
    filed = int(row.get("reports_filed", 0) or 0)
    decided = int(row.get("reports_decided", 0) or 0)
    upheld = int(row.get("reports_upheld", 0) or 0)
    if not decided:
        return f"{filed} reports filed, none decided yet"
    return f"{filed} reports filed; {upheld} of the {decided} decided were upheld ({round(100 * upheld / decided)}%)"


def notes_section(view: Investigation, key: str = "N") -> str:
    if not view.notes:
        return f"No notes on this account yet. {key}: add one."
    lines = []
    for note in view.notes:
        who = note.reviewer or "you"
        state = {"pending": " · not sent yet", "rejected": f" · {note.error}"}.get(note.state, "")
        lines.append(f"{local_time(note.created_at)} · {isolate(who)}{state}\n"
                     f"{isolate(note.body)}")
    return "\n\n".join(lines)


def related_line(case_id: str, queue_id: str, state: str, why: str) -> str:
    return f"{case_id} · {queue_id} · {state} — {why}"


def _more(total: int) -> list[str]:
    return [f"+{total - MAX_LINES} more"] if total > MAX_LINES else []


def hint_line(view: Investigation, key: str = "I") -> str:
    """One line for the case panel while the investigation panel is hidden: what the panel
    would show that should not go unseen ("" when there is nothing of the kind)."""
    parts = []
    if view.notes:
        parts.append(f"{len(view.notes)} account note{'s' if len(view.notes) != 1 else ''}")
    context = view.context or {}
    strikes = int((context.get("strikes") or {}).get("count", 0) or 0)
    if strikes:
        parts.append(f"{strikes} strike{'s' if strikes != 1 else ''} in 90 days")
    others = int(context.get("other_open_total", 0) or 0)
    if others:
        parts.append(f"{others} other open report{'s' if others != 1 else ''}")
    return f"Investigation: {' · '.join(parts)} — {key} shows it" if parts else ""
