"""The login dialog: a server URL, then a user name and password or a pasted token.

Thin by design: checking the URL, talking to the central API, the wording of every error and
where the token may be kept are all in reviewer/account/sign_in.py. An error is shown in the dialog and
keeps everything typed so far. Without an OS keyring the token is refused, the dialog says how
to get one and offers to use the token for this session only (in memory).
"""

from __future__ import annotations

import sys
from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QPushButton,
    QTabWidget, QVBoxLayout, QWidget,
)

from reviewer.profile import Profile
from reviewer.account.sign_in import (
    SESSION_ONLY_HELP, NoKeyring, SignedIn, SignInError, keep_token, last_server,
    sign_in_with_password, sign_in_with_token,
)
from ui.i18n.core_text import shown
from ui.i18n.language import choose_language, use_language
from ui.widgets.accessible import describe
from ui.widgets.off_thread import run_off_ui_thread

PASSWORD_TAB, TOKEN_TAB = 0, 1
_app: QApplication | None = None


class LoginDialog(QDialog):
    def __init__(self, profile: Profile, server_url: str | None = None,
                 ca_bundle: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Sign in — Reviewer Workstation"))
        self.setModal(True)
        self.profile, self.ca_bundle = profile, ca_bundle
        self.signed_in: SignedIn | None = None
        self.session_only = False  # True: the token lives in memory for this run only
        self._pending: SignedIn | None = None  # signed in, but the keyring refused the token
        self.url_edit = QLineEdit(last_server(profile, server_url))
        self.url_edit.setPlaceholderText("https://central-api.example.org")
        self.username_edit = QLineEdit()
        self.password_edit = _secret_field()
        self.token_edit = _secret_field()
        self.tabs = QTabWidget()
        self.tabs.addTab(_form((self.tr("User name"), self.username_edit),
                               (self.tr("Password"), self.password_edit)),
                         self.tr("User name and password"))
        self.tabs.addTab(_form((self.tr("API token"), self.token_edit)), self.tr("I have a token"))
        self.error = QLabel("")
        self.error.setObjectName("loginError")
        self.error.setTextFormat(Qt.TextFormat.PlainText)  # messages may quote what was typed
        self.error.setWordWrap(True)
        self.error.setObjectName("formError")  # the theme colours it
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.sign_in_button = self.buttons.addButton(
            self.tr("Sign in"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.session_button = QPushButton(self.tr("Use for this session only"))
        self.buttons.addButton(self.session_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.session_button.hide()
        self.sign_in_button.setDefault(True)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.session_button.clicked.connect(self.use_for_session_only)
        layout = QVBoxLayout(self)
        layout.addWidget(_form((self.tr("Central API"), self.url_edit)))
        describe(self.error, self.tr("Sign-in message"))
        for widget in (self.tabs, self.error, self.buttons):
            layout.addWidget(widget)
        self.resize(520, 300)
        (self.username_edit if self.url_edit.text() else self.url_edit).setFocus()

    # --- actions ----------------------------------------------------------------------------
    def submit(self) -> None:
        """Sign in with what is typed; errors stay in the dialog."""
        self.error.setText(self.tr("Signing in…"))
        self.session_button.hide()
        self._pending = None
        url = self.url_edit.text()
        if self.tabs.currentIndex() == TOKEN_TAB:
            work = partial(sign_in_with_token, url, self.token_edit.text(), self.ca_bundle)
        else:
            work = partial(sign_in_with_password, url, self.username_edit.text(),
                           self.password_edit.text(), self.ca_bundle)
        self._set_busy(True)
        try:
            signed_in = run_off_ui_thread(work)
        except SignInError as exc:
            self._show_error(str(exc), exc.field)
            return
        finally:
            self._set_busy(False)
        self._keep(signed_in)

    def use_for_session_only(self) -> None:
        if self._pending is None:
            return
        keep_token(self.profile, self._pending, session_only=True)
        self.signed_in, self.session_only = self._pending, True
        self.accept()

    # --- helpers ----------------------------------------------------------------------------
    def _keep(self, signed_in: SignedIn) -> None:
        try:
            keep_token(self.profile, signed_in)
        except NoKeyring:
            self._pending = signed_in
            self.error.setText(self.tr("Signed in as {reviewer}, but the token was not stored. "
                                       "{help}").format(reviewer=signed_in.reviewer,
                                                        help=shown(SESSION_ONLY_HELP)))
            self.session_button.show()
            self.session_button.setFocus()
            return
        self.signed_in = signed_in
        self.accept()

    def _show_error(self, message: str, field: str) -> None:
        self.error.setText(shown(message))
        focus = {"url": self.url_edit, "username": self.username_edit,
                 "password": self.password_edit, "token": self.token_edit}.get(field)
        if focus is not None:
            focus.setFocus()
            focus.selectAll()  # kept, and replaced by whatever is typed next

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.url_edit, self.tabs, self.sign_in_button):
            widget.setEnabled(not busy)


def ask_sign_in(profile: Profile, server_url: str | None,
                ca_bundle: str | None = None) -> SignedIn | None:
    """Show the dialog before the workstation is built; None if the reviewer cancelled."""
    global _app
    _app = QApplication.instance() or QApplication(sys.argv[:1])  # kept: the workstation reuses it
    use_language(choose_language(profile.settings().get("language")))
    dialog = LoginDialog(profile, server_url, ca_bundle)
    return dialog.signed_in if dialog.exec() == QDialog.DialogCode.Accepted else None


def _secret_field() -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


def _form(*rows: tuple[str, QWidget]) -> QWidget:
    page = QWidget()
    form = QFormLayout(page)
    for label, widget in rows:
        form.addRow(label, widget)
    return page
