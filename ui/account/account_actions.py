"""Signing out from the window (ActionId.SIGN_OUT, Ctrl+Shift+Q; the Account menu).

The sync worker stops, what waits is sent in one last round, and if some still cannot be sent the
reviewer chooses: stay signed in (the default) or sign out and discard them. Signing out then
revokes the token on the central API, removes it from the keyring, wipes the local cache
(reviewer/account/sign_out.py) and closes the window; the next start asks to sign in again. The network
and disk work runs off the UI thread while the window is disabled, so no key records a decision
in the middle of it.
"""

from __future__ import annotations

import sys

from typing import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from reviewer.actions import ActionId
from reviewer.media.exposure import ExposureMeter

from reviewer.sync.api_client import ApiClient
from reviewer.profile import Profile
from reviewer.account.sign_out import SignOut, describe_unsent
from ui.i18n.core_text import shown, tr
from ui.keys.action_registry import Handlers
from ui.sync.bridge import SyncBridge
from ui.widgets.off_thread import run_off_ui_thread


class AccountActions(QObject):
    """What the Account menu does for one window (ui/app.py builds it and attaches it)."""

    message = Signal(str)

    def __init__(self, window: QWidget, bridge: SyncBridge, meter: ExposureMeter,
                 conceal: Callable[[], None], profile: Profile, server_url: str | None,
                 token: str | None, ca_bundle: str | None = None):
        super().__init__(window)
        self.window, self.bridge, self.meter, self.conceal = window, bridge, meter, conceal
        self.profile, self.server_url, self.token = profile, server_url, token
        self.ca_bundle = ca_bundle
        self.signed_out = False
        self.notes: tuple[str, ...] = ()  # what sign-out could not do, shown before closing

    def handlers(self) -> Handlers:
        return {ActionId.SIGN_OUT: self.sign_out, ActionId.SIGN_IN_AGAIN: self.sign_in_again}

    def sign_in_again(self) -> bool:
        """A new token for the same central API when it stopped accepting this one (signed out
        elsewhere, revoked): the cache and every unsent decision stay, and go with the new
        token. True if signed in."""
        if not self.server_url:
            return False
        from ui.account.login_dialog import LoginDialog  # the dialog's module starts a QApplication
        self.conceal()
        dialog = LoginDialog(self.profile, self.server_url, self.ca_bundle)
        signed_in = dialog.signed_in if dialog.exec() == QDialog.DialogCode.Accepted else None
        self.window.activateWindow()
        if signed_in is None:
            return False
        self.server_url, self.token = signed_in.server_url, signed_in.token
        engine = self.bridge.engine
        if engine is not None:
            engine.client = ApiClient(self.server_url, self.token, ca_bundle=self.ca_bundle)
        self.bridge.wake()
        self.message.emit(self.tr("Signed in again as {reviewer}; what waited is being sent.")
                          .format(reviewer=signed_in.reviewer))
        return True

    def sign_out(self) -> bool:
        """Returns True if signed out (the window is closing), False if still signed in."""
        window = self.window
        self.conceal()
        if not confirm_sign_out(window):
            return False
        self.meter.flush()  # today's exposure is carried across the wipe
        client = (ApiClient(self.server_url, self.token, ca_bundle=self.ca_bundle)
                  if self.server_url and self.token else None)
        signing_out = SignOut(self.profile, self.server_url, client)
        window.setEnabled(False)
        self.message.emit(self.tr("Signing out: sending what waits…"))
        try:
            unsent = run_off_ui_thread(lambda: _stop_then(self.bridge, signing_out.send_unsent))
            if unsent and not ask_discard(window, shown(describe_unsent(unsent))):
                self.bridge.start()
                self.message.emit(self.tr("Still signed in. Not yet at the central API: "
                                          "{unsent}.").format(unsent=shown(describe_unsent(unsent))))
                return False
            self.message.emit(self.tr("Signing out: wiping this machine's cache…"))
            self.notes = run_off_ui_thread(signing_out.finish)
        finally:
            window.setEnabled(True)
            if client is not None:
                client.close()
        self.signed_out = True
        for note in self.notes:  # the window is going; whoever started it from a shell sees these
            print(f"sign-out: {note}", file=sys.stderr)
        window.close()
        return True


def confirm_sign_out(parent: QWidget) -> bool:
    """One chord must not end a shift: signing out wipes this machine's cache, so it is asked
    first."""
    return _ask_to_go(parent, "signOutConfirm", QMessageBox.Icon.Question,
                      tr("Sign out and wipe the cases cached on this machine?"),
                      tr("Decisions not yet sent are sent first. You will need to sign in "
                         "again, and cases are fetched anew."), ("cancel", tr("Stay signed in")),
                      ("signOut", tr("Sign out")))


def ask_discard(parent: QWidget, unsent: str) -> bool:
    """The question sign-out asks when something could not be sent."""
    return _ask_to_go(parent, "signOutUnsent", QMessageBox.Icon.Warning,
                      tr("Not yet at the central API: {unsent}.").format(unsent=unsent),
                      tr("They are sent as soon as the central API can be reached while you "
                         "stay signed in. Signing out now discards them for good."),
                      ("stay", tr("Stay signed in")), ("discard", tr("Sign out and discard them")))


def _ask_to_go(parent: QWidget, name: str, icon, text: str, detail: str,
               stay: tuple[str, str], go: tuple[str, str]) -> bool:
    """A question whose safe answer (staying) is the default for Enter and Esc; True only if
    the reviewer chose to go. Buttons carry object names (`stay[0]`, `go[0]`) for tests."""
    box = QMessageBox(icon, tr("Sign out"), text, parent=parent)
    box.setObjectName(name)
    box.setInformativeText(detail)
    stay_button = box.addButton(stay[1], QMessageBox.ButtonRole.RejectRole)
    go_button = box.addButton(go[1], QMessageBox.ButtonRole.DestructiveRole)
    stay_button.setObjectName(stay[0])
    go_button.setObjectName(go[0])
    box.setDefaultButton(stay_button)
    box.setEscapeButton(stay_button)
    box.exec()
    parent.activateWindow()  # keys go back to the window, as after every dialog
    return box.clickedButton() is go_button


def _stop_then(bridge, work):
    bridge.stop()  # joins the sync worker: it must not push or write while we do
    return work()
