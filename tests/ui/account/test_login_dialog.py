"""The login dialog against a real central API: typed in like a reviewer would, the token ends
up in the keyring and nowhere under the profile; mistakes are shown and keep what was typed."""

from __future__ import annotations

import json
import socket

import keyring
import pytest
from keyring.backends.fail import Keyring as NoKeyringBackend
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog

from reviewer.account.credentials import KEYRING_SERVICE
from reviewer.profile import Profile
from server.auth.accounts import add_reviewer
from tests.file_keyring import file_keyring
from ui.account.login_dialog import TOKEN_TAB, LoginDialog

PASSWORD = "correct horse battery"


@pytest.fixture
def rita(central_api):
    add_reviewer(central_api.db_path, "rita", "senior", password=PASSWORD)
    return central_api


@pytest.fixture
def keyring_file(tmp_path):
    with file_keyring(tmp_path / "keyring.json") as path:
        yield path


def open_dialog(qtbot, profile: Profile, server_url: str | None = None) -> LoginDialog:
    dialog = LoginDialog(profile, server_url)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def type_into(field, text: str) -> None:
    field.setFocus()
    field.selectAll()
    QTest.keyClick(field, Qt.Key.Key_Backspace)
    QTest.keyClicks(field, text)


def sign_in(dialog: LoginDialog) -> None:
    QTest.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)  # returns once answered


def files_containing(root, secret: str) -> list[str]:
    return [str(p) for p in root.rglob("*") if p.is_file() and secret.encode() in p.read_bytes()]


def test_signing_in_puts_the_token_in_the_keyring_only(qtbot, tmp_path, rita, keyring_file):
    profile = Profile(tmp_path / "profile").ensure()
    dialog = open_dialog(qtbot, profile)
    assert dialog.url_edit.text() == ""  # nothing remembered yet
    type_into(dialog.url_edit, rita.url)
    type_into(dialog.username_edit, "rita")
    type_into(dialog.password_edit, "not the password")
    sign_in(dialog)
    assert dialog.isVisible() and "Wrong user name or password" in dialog.error.text()
    assert dialog.username_edit.text() == "rita" and dialog.url_edit.text() == rita.url
    type_into(dialog.password_edit, PASSWORD)
    sign_in(dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted, dialog.error.text()
    token = dialog.signed_in.token
    assert (dialog.signed_in.reviewer, dialog.signed_in.role) == ("rita", "senior")
    assert json.loads(keyring_file.read_text())[f"{KEYRING_SERVICE}/{rita.url}"] == token
    assert files_containing(profile.root, token) == []
    assert files_containing(profile.root, PASSWORD) == []
    assert profile.settings()["server_url"] == rita.url  # the next start prefills it
    assert open_dialog(qtbot, profile).url_edit.text() == rita.url


def test_a_pasted_token_is_checked_before_it_is_kept(qtbot, tmp_path, rita, keyring_file):
    profile = Profile(tmp_path / "profile").ensure()
    dialog = open_dialog(qtbot, profile, rita.url)
    dialog.tabs.setCurrentIndex(TOKEN_TAB)
    type_into(dialog.token_edit, "made-up-token")
    sign_in(dialog)
    assert "does not accept this token" in dialog.error.text() and dialog.isVisible()
    type_into(dialog.token_edit, rita.tokens["reviewer"])
    sign_in(dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert keyring.get_password(KEYRING_SERVICE, rita.url) == rita.tokens["reviewer"]


def test_bad_addresses_are_explained_in_the_dialog(qtbot, tmp_path, keyring_file):
    profile = Profile(tmp_path / "profile").ensure()
    dialog = open_dialog(qtbot, profile)
    type_into(dialog.url_edit, "http://central-api.example.org")
    type_into(dialog.username_edit, "rita")
    type_into(dialog.password_edit, PASSWORD)
    sign_in(dialog)
    assert "refusing plain HTTP" in dialog.error.text()
    with socket.socket() as closed:  # a port nobody listens on
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    type_into(dialog.url_edit, f"http://127.0.0.1:{port}")
    sign_in(dialog)
    assert "Cannot reach" in dialog.error.text() and dialog.isVisible()
    assert dialog.username_edit.text() == "rita" and dialog.password_edit.text() == PASSWORD
    assert keyring_file.exists() is False  # nothing stored


def test_without_a_keyring_the_token_is_refused_or_used_for_this_session(qtbot, tmp_path, rita):
    previous = keyring.get_keyring()
    keyring.set_keyring(NoKeyringBackend())
    try:
        profile = Profile(tmp_path / "profile").ensure()
        dialog = open_dialog(qtbot, profile, rita.url)
        type_into(dialog.username_edit, "rita")
        type_into(dialog.password_edit, PASSWORD)
        sign_in(dialog)
        assert dialog.isVisible() and "No OS keyring is available" in dialog.error.text()
        assert dialog.session_button.isVisible()
        QTest.mouseClick(dialog.session_button, Qt.MouseButton.LeftButton)
        assert dialog.result() == QDialog.DialogCode.Accepted and dialog.session_only
        assert files_containing(tmp_path, dialog.signed_in.token) == []  # memory only
    finally:
        keyring.set_keyring(previous)
