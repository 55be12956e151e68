"""The case in front of the reviewer: who, what was reported, under which policy, how urgent.

All case content is untrusted and shown as plain text (QTextEdit.setPlainText with rich text
refused, labels with Qt.PlainText), so `<img src=...>` in a report is shown as characters and
loads nothing. QTextEdit rather than QPlainTextEdit because its layout right-aligns
right-to-left paragraphs (Arabic, Hebrew) on their own, which QPlainTextEdit does not.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Callable

from PySide6.QtCore import QEvent, QLocale, QRect, QSize, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QLabel, QTextEdit, QVBoxLayout, QWidget

from reviewer.actions import decision_label
from reviewer.display_text import isolate, lease_note, sla_countdown
from reviewer.report_reasons import reason_counts, reason_label
from reviewer.review.quality_text import quality_lines
from reviewer.domain import Case
from ui.cases.text_ahead import TextAhead
from ui.i18n.core_text import local_and_utc, local_date, shown, tr
from ui.widgets.accessible import announce, describe
from ui.widgets.style_background import paint_style_background


def language_line(code: str) -> str:
    """'Text in Arabic · العربية (ar) · right to left', from Qt's locale data; an unknown code
    is shown as it came."""
    facts = _locale_facts(code, QLocale().name())
    if facts is None:
        return tr("Text in language “{code}” (not recognised)").format(code=code)
    both, rtl = facts
    line = tr("Text in {language} ({code})").format(language=both, code=code)
    return line + (tr(" · right to left") if rtl else "")


def language_choice(code: str) -> str:
    """'Japanese · 日本語 (ja)': a language as the case panel names it, where a menu offers
    it; an unknown code as it came."""
    facts = _locale_facts(code, QLocale().name())
    return f"{facts[0]} ({code})" if facts else code


@lru_cache(maxsize=512)
def _locale_facts(code: str, interface_locale: str) -> tuple[str, bool] | None:
    """(language name, right to left) of a language code, None if Qt does not know it. Kept:
    Qt builds its locale data afresh for every QLocale, a few milliseconds of every case change."""
    locale = QLocale(code.replace("-", "_"))
    if locale.language() == QLocale.Language.C:
        return None
    name = language_name(code, interface_locale) or QLocale.languageToString(locale.language())
    # The native name helps where the script is not Latin (العربية, ไทย); for Latin scripts
    # Qt names a default country's variant ("español de España" for plain "es"): left out.
    native = "" if locale.script() == QLocale.Script.LatinScript else locale.nativeLanguageName()
    both = name if not native or native == name else f"{name} · {isolate(native)}"
    return both, locale.textDirection() == Qt.LayoutDirection.RightToLeft


def language_name(code: str, interface_locale: str) -> str:
    """The language of `code` named in the interface's language ("árabe" in a Spanish
    interface), from the CLDR data Babel carries; Qt names languages in English only. "" when
    CLDR does not know it: the caller falls back to Qt's English name. Called through
    _locale_facts, whose cache keeps the answer per code and interface language."""
    if interface_locale.startswith("en") or interface_locale in ("C", ""):
        return ""  # Qt's own names are English: no need to load CLDR data
    from babel import Locale, UnknownLocaleError  # first use only: ~30 ms of CLDR data

    try:
        names = Locale.parse(interface_locale).languages
    except (UnknownLocaleError, ValueError):
        return ""
    return names.get(code.replace("-", "_").split("_")[0], "")


class SelectableLabel(QLabel):
    """A label the reviewer can select and copy from with the mouse, made selectable only when
    the pointer comes to it. A selectable QLabel keeps its text in a QTextDocument, and laying
    that out again for every case cost ~0.6 ms per label, 3 of the UI thread's ~18 ms from a
    decision key to the next case painted; a plain label lays out its text far more cheaply.
    `reset()` (on every case change) makes it plain again."""

    def enterEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        self._selectable()
        super().enterEvent(event)

    def mousePressEvent(self, event) -> None:  # noqa: N802
        self._selectable()  # the pointer was already here when the case changed
        super().mousePressEvent(event)

    def _selectable(self) -> None:
        if self.textInteractionFlags() != Qt.TextInteractionFlag.TextSelectableByMouse:
            self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

    def reset(self) -> None:
        if self.textInteractionFlags() != Qt.TextInteractionFlag.NoTextInteraction:
            self.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)

    # A word-wrapped QLabel works its size hints out by laying its text out three times (on one
    # line, wrapped at 80 characters, and a word per line for its narrowest) after every new
    # text, and the panel's layout asks for them on every case: a quarter of the instructions
    # from a decision key to the next case on screen. Its height in the panel comes from
    # heightForWidth at the panel's width (one layout, kept); its width never sets the panel's,
    # so the hints need not read the text.
    def sizeHint(self) -> QSize:  # noqa: N802 (Qt naming)
        metrics = self.fontMetrics()
        return QSize(metrics.averageCharWidth() * 60, metrics.lineSpacing())

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        metrics = self.fontMetrics()
        return QSize(metrics.averageCharWidth() * 12, metrics.lineSpacing())


def _counted(text: str, n: int) -> str:
    return f"{text} ×{n}" if n > 1 else text


def _plain_label(object_name: str) -> SelectableLabel:
    label = SelectableLabel()
    label.setObjectName(object_name)
    label.setTextFormat(Qt.TextFormat.PlainText)  # never rich text: case data is untrusted
    label.setWordWrap(True)
    return label


class CasePanel(QWidget):
    def __init__(self, policy_name: Callable[[str], str] = str,
                 queue_name: Callable[[str], str] = str, parent: QWidget | None = None):
        super().__init__(parent)
        self.policy_name = policy_name  # what reviewers call a policy (its document's title)
        self.queue_name = queue_name  # and a queue (its name in the queue list)
        self.header = _plain_label("caseHeader")
        self.sla = _plain_label("caseSla")
        self.lease = _plain_label("caseLease")  # only once the hold on the case is at risk
        self.lease.hide()
        self.author = _plain_label("caseAuthor")
        self.reports = _plain_label("caseReports")
        self.history = _plain_label("caseHistory")
        self.pending = _plain_label("casePending")  # four eyes: what awaits a senior's approval
        self.language = _plain_label("caseLanguage")  # the text's language, right above it
        self.context_hint = _plain_label("caseContextHint")  # notes etc. while the panel is shut
        self.context_hint.hide()  # shown with a hint only: an empty one would be a blank line
        self.text = QTextEdit()
        self.text.setObjectName("caseText")
        self.text.setReadOnly(True)
        self.text.setAcceptRichText(False)
        # Reached by Tab, never by a click: read-only, it lets the review keys through.
        self.text.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        describe(self.text, self.tr("Case text"), self.tr("What was reported, as plain text"))
        describe(self.header, self.tr("Case"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self._labels = (self.header, self.sla, self.lease, self.author, self.reports,
                        self.history, self.context_hint, self.pending, self.language)
        for widget in self._labels:
            layout.addWidget(widget)
        layout.addWidget(self.text, 1)
        # The panel paints its own background (paintEvent), so the window, the central widget
        # and both splitters need not paint theirs under it on every case change.
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self._deadline = ""
        self._severity = ""
        self._lease: str | None = None
        self.ahead = TextAhead()  # upcoming cases' text, drawn while the reviewer reads
        self.show_case(None)

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        if self.testAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent):
            paint_style_background(self).end()

    def show_case(self, case: Case | None, empty_text: str = "") -> None:
        """Show `case`, or `empty_text` when there is none (the list is empty, or nothing in
        it matches the reviewer's search and filters). A screen reader is told the header."""
        self._show(case, empty_text or self.tr("No case to review. New cases appear here as "
                                               "soon as they are claimed."))
        header = self.header.text()
        describe(self.header, header, self.language.text())
        announce(self, header)

    def _show(self, case: Case | None, empty_text: str) -> None:
        for label in self._labels:
            label.reset()  # plain while the text changes; selectable again once pointed at
        if case is None:
            self.header.setText(empty_text)
            for label in (self.sla, self.author, self.reports, self.history, self.pending,
                          self.language, self.context_hint):
                label.setText("")
            self.text.setPlainText("")
            self._deadline = ""
            self.set_lease(None)
            return
        self.header.setText(self.tr(
            "{case}  ·  {queue}  ·  P{priority}  ·  {policy}  ·  language {language}  ·  "
            "region {region}").format(case=case.id, queue=self.queue_name(case.queue_id),
                                      priority=case.priority,
                                      policy=self.policy_name(case.policy_area),
                                      language=case.language, region=case.region))
        self._deadline = case.sla_deadline
        self.sla.setToolTip(self.tr("Deadline {when}").format(
            when=local_and_utc(case.sla_deadline)))
        self.refresh_sla()
        self.author.setText(self._author_line(case))
        reasons = reason_counts(case.reports)  # counted once for the line and its tooltip
        self.reports.setText(self._reports_line(case, reasons))
        self.reports.setToolTip(self._reports_tip(reasons))
        self.history.setText(self._history_line(case))
        self.history.setToolTip("\n".join(  # the same moments, each also in UTC
            f"{local_and_utc(str(h.get('at', '')))} {h.get('action', '?')}"
            for h in case.author.history[:4]))
        self.pending.setText("\n".join(  # an appeal, a hand-off, four eyes
            line for line in (*map(shown, quality_lines(case.raw, self.policy_name)),
                              self._pending_line(case))
            if line))
        self.pending.setVisible(bool(self.pending.text()))
        self._fit_pending()
        self.show_context_hint("")  # the previous account's; this one's follows once painted
        line = language_line(case.language)
        self._hold_language_height(line)
        self.language.setText(line)
        self.text.setPlainText(case.text)

    def prepare(self, case: Case) -> None:
        """Draw an upcoming case's text off screen, fonts and line breaks as it will be shown
        (ui/cases/text_ahead.py): the first text in a script is slow to draw only once."""
        line = language_line(case.language)
        self.ahead.prepare(case.id, [(self.text.font(), case.text),
                                     (self.author.font(), case.author.display_name),
                                     (self.language.font(), line)],
                           self.text.viewport().width())
        self._hold_language_height(line)

    def _hold_language_height(self, line: str) -> None:
        """The language line keeps the height of the tallest it has had: a native name in
        CJK, Devanagari or Thai needs a line 1-2 px taller than Latin, and a line that changed
        height moved the case text under it, so the panel and the text were laid out again
        for about one case in three. Raised ahead (`prepare`), while the reviewer reads."""
        label = self.language
        height = QFontMetrics(label.font()).boundingRect(
            QRect(0, 0, max(1, label.width()), 10_000), Qt.TextFlag.TextWordWrap, line).height()
        if height > label.minimumHeight():
            label.setMinimumHeight(height)

    def _fit_pending(self) -> None:
        """An appeal's, a hand-off's or an approval's lines are what the case is decided on:
        they keep their whole height, and the case text under them gives way (then the
        splitter), instead of all being squeezed together with it when the panel is short.
        Only these lines: every other label is held to one line for speed (sizeHint)."""
        text = self.pending.text()
        height = self.pending.heightForWidth(max(1, self.width())) if text else 0
        if height != self.pending.minimumHeight():
            self.pending.setMinimumHeight(height)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        super().resizeEvent(event)
        self._fit_pending()  # wrapped at the new width

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt naming)
        if event.type() == QEvent.Type.FontChange:  # a new text size: held heights start over
            self.language.setMinimumHeight(0)
        super().changeEvent(event)

    def show_context_hint(self, line: str) -> None:
        if line != self.context_hint.text():
            self.context_hint.setText(line)
            self.context_hint.setVisible(bool(line))  # no blank line where a hint was

    def set_lease(self, expires_at: str | None) -> None:
        """The case's lease as last renewed; the warning line follows it every second."""
        self._lease = expires_at
        self._show_lease()

    def _show_lease(self) -> None:
        note = shown(lease_note(self._lease))
        if note != self.lease.text():
            self.lease.setText(note)
            self.lease.setVisible(bool(note))

    def refresh_sla(self) -> None:
        self._show_lease()
        if not self._deadline:
            return
        text, severity = sla_countdown(self._deadline)
        self.sla.setText(shown(text))
        if severity != self._severity:  # re-styling costs far more than setting text
            self._severity = severity
            self.sla.setProperty("severity", severity)  # the theme colours each severity
            self.sla.style().polish(self.sla)

    @staticmethod
    def _author_line(case: Case) -> str:
        a = case.author
        flag = tr("  ·  HIGH-PROFILE ACCOUNT") if a.high_profile else ""
        since = local_date(a.created_at) if a.created_at else tr("unknown")
        return tr("Author {name} (@{handle})  ·  %Ln follower(s)  ·  account since {since}",
                  "", a.followers).format(
            name=isolate(a.display_name), handle=isolate(a.handle), since=since) + flag

    @staticmethod
    def _reports_line(case: Case, reasons: list[tuple[str, int]]) -> str:
        if not case.reports:
            return tr("No reports attached")
        listed = ", ".join(_counted(shown(reason_label(reason)), n) for reason, n in reasons)
        return tr("%n report(s): {reasons}", "", len(case.reports)).format(reasons=listed)

    @staticmethod
    def _reports_tip(reasons: list[tuple[str, int]]) -> str:
        """The reasons as the reporters sent them, for a specialist matching a form or a log."""
        if not reasons:
            return ""
        return tr("Report reasons as sent: {ids}").format(ids=", ".join(
            _counted(reason, n) for reason, n in reasons))

    def _decision(self, entry: dict) -> str:
        """'Remove (Hate speech)': an action and a policy as reviewers name them."""
        return (f"{shown(decision_label(str(entry.get('action', '?'))))} "
                f"({self.policy_name(str(entry.get('policy', '?')))})")

    def _pending_line(self, case: Case) -> str:
        pending = case.raw.get("pending_decision")
        if not isinstance(pending, dict):
            return ""
        what = self._decision(pending)
        who = pending.get("reviewer") or tr("a reviewer")
        note = f" — “{pending.get('note')}”" if pending.get("note") else ""
        if pending.get("action") == "escalate":
            return tr("Escalated by {who}{note}. Decide with 1–5.").format(who=who, note=note)
        return tr("Awaiting approval: {what} by {who}{note}. A approves · 1 overturns · "
                   "2–5 amend").format(what=what, who=who, note=note)

    def _history_line(self, case: Case) -> str:
        # Enforcement only: an earlier "no violation" outcome is not held against the account.
        history = [h for h in case.author.history if h.get("action") != "no_violation"]
        if not history:
            return tr("No prior enforcement on this account")
        items = "; ".join(f"{local_date(str(h.get('at', '')))} {self._decision(h)}"
                          for h in history[:4])
        return tr("Prior enforcement ({count}): {items}").format(count=len(history), items=items)
