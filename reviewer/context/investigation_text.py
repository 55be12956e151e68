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
from reviewer.words import Phrase, tr, translate

NOT_FETCHED = "Context not fetched yet — will load when online."  # translated where used
MAX_LINES = 8  # per list; the rest is summarised as "+N more"


def status_line(view: Investigation, online: bool | None) -> str:
    offline = online is False
    if view.error:
        return translate("core", "Context unavailable from the central API ({error}); showing "
                                 "what the case itself carries.").format(error=view.error)
    if view.context is None:
        return (translate("core", "Context not fetched yet — will load when online.")
                + (translate("core", " (offline now)") if offline else ""))
    when = local_time(view.fetched_at) if view.fetched_at else translate("core", "earlier")
    return (translate("core", "Context as of {when}").format(when=when)
            + (translate("core", " · offline: this is the cached copy") if offline else ""))


def account_age(created_at: str, now: datetime | None = None) -> str:
    try:
        days = ((now or datetime.now(timezone.utc)) - parse_iso(created_at)).days
    except ValueError:
        return translate("core", "unknown age")
    if days < 60:
        return Phrase(tr("%n day(s) old", "", days), n=days)
    years, months = divmod(days * 12 // 365, 12)
    if years:
        return translate("core", "{years} y {months} mo old").format(years=years, months=months)
    return Phrase(tr("%n month(s) old", "", months), n=months)


def account_section(case: Case, view: Investigation) -> str:
    author = (view.context or {}).get("author") or {}
    handle = str(author.get("handle") or case.author.handle)
    name = str(author.get("display_name") or case.author.display_name)
    created = str(author.get("created_at") or case.author.created_at)
    followers = int(author.get("followers", case.author.followers) or 0)
    high = bool(author.get("high_profile", case.author.high_profile))
    lines = [f"@{isolate(handle)}" + (f" ({isolate(name)})" if name else ""),
             translate("core", "Account {age} (since {since})").format(
                 age=account_age(created), since=created[:10] or translate("core", "unknown"))
             + " · " + Phrase(tr("%Ln follower(s)", "", followers), n=followers)]
    if high:
        lines.append(translate("core", "HIGH-PROFILE ACCOUNT — a reviewer's enforcement waits "
                                       "for a senior"))
    return "\n".join(lines)


def enforcement_section(case: Case, view: Investigation) -> str:
    context = view.context
    if context is None:  # offline fallback: the history the case itself carries
        history = [h for h in case.author.history if isinstance(h, dict)]
        if not history:
            return translate("core", "No prior enforcement in the case's account history "
                                     "(strikes: not known yet).")
        entries = sorted(history, key=lambda h: str(h.get("at", "")), reverse=True)
        head = translate("core", "Strikes: not known until the context loads. From the case's "
                                 "account history:")
    else:
        strikes = context.get("strikes") or {}
        counted = ", ".join(str(a).replace("_", " ") for a in strikes.get("counted_actions", []))
        head = translate("core", "Strikes: {count} in the last {days} days").format(
            count=strikes.get("count", 0), days=strikes.get("window_days", 90)) + (
            translate("core", " (counting {actions})").format(actions=counted) if counted else "")
        entries = [e for e in context.get("prior_enforcement", []) if isinstance(e, dict)]
        if not entries:
            return head + "\n" + translate("core", "No prior enforcement on this account.")
    lines = [head] + [_enforcement_line(e) for e in entries[:MAX_LINES]]
    return "\n".join(lines + _more(len(entries)))


def _enforcement_line(entry: dict) -> str:
    where = (translate("core", " on {case}").format(case=entry["case_id"])
             if entry.get("case_id") else "")
    summary = str(entry.get("summary") or "")
    summary = f" — {summary}" if summary and not entry.get("case_id") else ""
    return (f"• {str(entry.get('at', ''))[:10]} {entry.get('action', '?')} "
            f"({entry.get('policy', '?')}){where}{summary}")


def open_reports_section(view: Investigation) -> str:
    if view.context is None:
        return translate("core", "Not known yet — will load when online.")
    others = [c for c in view.context.get("other_open_cases", []) if isinstance(c, dict)]
    total = int(view.context.get("other_open_total", len(others)) or 0)
    if not others:
        return translate("core", "No other open reports against this account.")
    lines = [Phrase(tr("%n other open case(s) against this account:", "", total), n=total)]
    for c in others[:MAX_LINES]:
        reports = int(c.get("report_count", 0) or 0)
        lines.append(f"• {c.get('case_id')} · {c.get('queue_id')} · {c.get('policy_area')} · "
                     + Phrase(tr("%n report(s)", "", reports), n=reports)
                     + f" · P{c.get('priority', '?')}")
    return "\n".join(lines + _more(total))


def reporters_section(view: Investigation) -> str:
    if view.context is None:
        return translate("core", "Not known yet — will load when online.")
    rows = [r for r in view.context.get("reporters", []) if isinstance(r, dict)]
    if not rows:
        return translate("core", "No reporters on record for this case.")
    rows.sort(key=lambda r: -int(r.get("reports_filed", 0) or 0))
    return "\n".join([f"• {isolate(str(r.get('reporter_id')))}: {_reporter_record(r)}"
                      for r in rows[:MAX_LINES]] + _more(len(rows)))


def _reporter_record(row: dict) -> str:
    filed = int(row.get("reports_filed", 0) or 0)
    decided = int(row.get("reports_decided", 0) or 0)
    upheld = int(row.get("reports_upheld", 0) or 0)
    if not decided:
        return Phrase(tr("%n report(s) filed, none decided yet", "", filed), n=filed)
    share = round(100 * upheld / decided)
    return Phrase(tr("%n report(s) filed", "", filed), n=filed) + translate(
        "core", "; {upheld} of the {decided} decided were upheld ({share}%)").format(
        upheld=upheld, decided=decided, share=share)


def notes_section(view: Investigation, key: str = "N") -> str:
    if not view.notes:
        return translate("core", "No notes on this account yet. {key}: add one.").format(key=key)
    lines = []
    for note in view.notes:
        who = note.reviewer or translate("core", "you")
        state = {"pending": translate("core", " · not sent yet"),
                 "rejected": f" · {note.error}"}.get(note.state, "")
        lines.append(f"{local_time(note.created_at)} · {isolate(who)}{state}\n"
                     f"{isolate(note.body)}")
    return "\n\n".join(lines)


def related_line(case_id: str, queue_id: str, state: str, why: str) -> str:
    return f"{case_id} · {queue_id} · {state} — {why}"


def _more(total: int) -> list[str]:
    more = total - MAX_LINES
    return [str(Phrase(tr("+%n more", "", more), n=more))] if more > 0 else []


def hint_line(view: Investigation, key: str = "I") -> str:
    """One line for the case panel while the investigation panel is hidden: what the panel
    would show that should not go unseen ("" when there is nothing of the kind)."""
    parts = []
    notes = len(view.notes)
    if notes:
        parts.append(Phrase(tr("%n account note(s)", "", notes), n=notes))
    context = view.context or {}
    strikes = int((context.get("strikes") or {}).get("count", 0) or 0)
    if strikes:
        parts.append(Phrase(tr("%n strike(s) in 90 days", "", strikes), n=strikes))
    others = int(context.get("other_open_total", 0) or 0)
    if others:
        parts.append(Phrase(tr("%n other open report(s)", "", others), n=others))
    if not parts:
        return ""
    return translate("core", "Investigation: {parts} — {key} shows it").format(
        parts=" · ".join(parts), key=key)
