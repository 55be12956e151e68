"""Text shown to the reviewer: bidi isolation for untrusted names, SLA countdowns, local times."""

from __future__ import annotations

from datetime import datetime, timezone

from reviewer.domain import parse_iso
from reviewer.words import Phrase, translate

FSI, PDI = "\u2068", "\u2069"  # first-strong isolate: an RTL name cannot reorder its neighbours


def isolate(text: str) -> str:
    return f"{FSI}{text}{PDI}"


def sla_countdown(deadline_iso: str, now: datetime | None = None,
                  short: bool = False) -> tuple[str, str]:
    """('SLA 2h 05m left' | 'SLA breached 12m ago', severity) with severity ok | soon |
    breached; `short`: '2h 05m left' | '12m late', for the case list."""
    try:
        remaining = parse_iso(deadline_iso) - (now or datetime.now(timezone.utc))
    except ValueError:
        return translate("core", "SLA unknown"), "ok"
    seconds = int(remaining.total_seconds())
    text = _duration(abs(seconds))
    severity = "breached" if seconds < 0 else "soon" if seconds < 3600 else "ok"
    if short:
        return (Phrase(translate("core", "{time} late"), time=text) if seconds < 0
                else Phrase(translate("core", "{time} left"), time=text)), severity
    if seconds < 0:
        return Phrase(translate("core", "SLA breached {time} ago"), time=text), severity
    return Phrase(translate("core", "SLA {time} left"), time=text), severity


LEASE_WARNING_S = 15 * 60  # half the central API's 30-minute lease: renewal has stopped


def lease_note(expires_iso: str | None, now: datetime | None = None) -> str:
    """What the reviewer should know about their hold on the case: nothing while it is being
    renewed (the sync worker renews it every few minutes), a warning once it is past half its
    life (renewal is failing: offline, or refused), and when it has lapsed."""
    if not expires_iso:
        return ""
    try:
        seconds = int((parse_iso(expires_iso) - (now or datetime.now(timezone.utc))).total_seconds())
    except ValueError:
        return ""
    if seconds >= LEASE_WARNING_S:
        return ""
    if seconds > 0:
        return Phrase(translate("core", "Your hold on this case ends in {time} and is not "
                                        "being renewed (offline?): after that the central API "
                                        "may give it to another reviewer."),
                      time=_duration(seconds))
    return translate("core", "Your hold on this case has lapsed: the central API may give it "
                             "to another reviewer, and a decision made now may conflict with "
                             "theirs.")


def _duration(seconds: int) -> str:
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes = rest // 60
    if days:
        return f"{days}d {hours}h"
    if hours:
        return f"{hours}h {minutes:02d}m"
    return f"{minutes}m"


def age(iso: str, now: datetime | None = None) -> str:
    """How long ago `iso` was: '2d 4h', '3h 05m', '12m'."""
    try:
        seconds = int(((now or datetime.now(timezone.utc)) - parse_iso(iso)).total_seconds())
    except ValueError:
        return translate("core", "unknown")
    return _duration(max(0, seconds))


def local_and_utc(iso: str) -> str:
    """'2026-11-22 15:05 CET (14:05 UTC)': the reviewer's own clock first."""
    try:
        moment = parse_iso(iso)
    except ValueError:
        return iso
    return f"{moment.astimezone().strftime('%Y-%m-%d %H:%M %Z')} ({moment.strftime('%H:%M')} UTC)"


def local_time(iso: str) -> str:
    try:
        return parse_iso(iso).astimezone().strftime("%Y-%m-%d %H:%M %Z")
    except ValueError:
        return iso
