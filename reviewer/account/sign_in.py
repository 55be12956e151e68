"""Which credentials the workstation starts with, and signing in to get them (no Qt here; the
login dialog in ui/account/login_dialog.py only collects input and shows what this module says).

At start: no server configured means the built-in demo (its token lives in memory); a server
with a token (REVIEWER_TOKEN or the OS keyring) starts at once; a server without one asks. A
token from signing in goes only to the OS keyring; without a keyring it is refused with an
explanation, and the reviewer may choose to keep it in memory for this session only.
"""

from __future__ import annotations

import ssl
from dataclasses import dataclass
from enum import Enum

from reviewer.sync.api_client import (
    ApiClient, ApiRejected, InsecureServerUrl, Unavailable, check_server_url,
)
from reviewer.account.credentials import NO_KEYRING_HELP, NoKeyring, save_token, token_for
from reviewer.domain import MalformedAnswer
from reviewer.profile import Profile


class StartMode(Enum):
    DEMO = "demo"  # no server: the built-in demo central API, token in memory
    READY = "ready"  # a server and its token: start the workstation
    ASK = "ask"  # a server but no token: show the login dialog first


@dataclass(frozen=True)
class StartPlan:
    mode: StartMode
    server_url: str | None = None
    token: str | None = None


@dataclass(frozen=True)
class SignedIn:
    server_url: str
    token: str
    reviewer: str
    role: str


class SignInError(RuntimeError):
    """Signing in failed; the message is for the reviewer, as the dialog shows it."""

    def __init__(self, message: str, field: str = ""):
        super().__init__(message)
        self.field = field  # "url", "username", "password", "token" or "": where to look


def plan_start(profile: Profile, server_arg: str | None) -> StartPlan:
    """--server, else the profile's last server; raises InsecureServerUrl for a bad one."""
    server = server_arg or profile.settings().get("server_url")
    if not server:
        return StartPlan(StartMode.DEMO)
    server = check_server_url(server)
    profile.save_setting("server_url", server)
    token = token_for(server)
    return StartPlan(StartMode.READY if token else StartMode.ASK, server, token)


def last_server(profile: Profile, server_arg: str | None = None) -> str:
    """What the dialog's server field starts with."""
    return server_arg or profile.settings().get("server_url") or ""


def checked_url(text: str) -> str:
    try:
        return check_server_url(text.strip())
    except InsecureServerUrl as exc:
        raise SignInError(str(exc), "url") from exc


def sign_in_with_password(url: str, username: str, password: str,
                          ca_bundle: str | None = None) -> SignedIn:
    """Exchange a name and password for a new token (network: off the UI thread)."""
    url = checked_url(url)
    if not username.strip():
        raise SignInError("Enter your user name.", "username")
    if not password:
        raise SignInError("Enter your password.", "password")
    client = ApiClient(url, "", ca_bundle=ca_bundle)
    try:
        answer = client.login(username.strip(), password)
    except ApiRejected as exc:
        if exc.status == 401:
            raise SignInError("Wrong user name or password.", "password") from exc
        raise SignInError(f"The central API refused the sign-in (HTTP {exc.status}).") from exc
    except (Unavailable, MalformedAnswer) as exc:
        raise _reach_error(url, exc) from exc
    finally:
        client.close()
    return SignedIn(url, answer["token"], answer["reviewer"], answer["role"])


def sign_in_with_token(url: str, token: str, ca_bundle: str | None = None) -> SignedIn:
    """Check a pasted token against the central API (GET /v1/me) before keeping it."""
    url, token = checked_url(url), token.strip()
    if not token:
        raise SignInError("Paste your API token.", "token")
    client = ApiClient(url, token, ca_bundle=ca_bundle)
    try:
        me = client.me()
    except ApiRejected as exc:
        if exc.status == 401:
            raise SignInError("The central API does not accept this token (unknown, revoked "
                              "or signed out).", "token") from exc
        raise SignInError(f"The central API refused the token (HTTP {exc.status}).") from exc
    except (Unavailable, MalformedAnswer) as exc:
        raise _reach_error(url, exc) from exc
    finally:
        client.close()
    return SignedIn(url, token, me["name"], me["role"])


def keep_token(profile: Profile, signed_in: SignedIn, session_only: bool = False) -> None:
    """Store the token in the OS keyring and remember the server. Raises NoKeyring (whose
    message says how to get one) rather than write the token anywhere else; `session_only`
    stores nothing, the caller keeps the token in memory."""
    if not session_only:
        save_token(signed_in.server_url, signed_in.token)
    profile.save_setting("server_url", signed_in.server_url)


SESSION_ONLY_HELP = (NO_KEYRING_HELP + " You can also use the token for this session only: it "
                     "is kept in memory and you sign in again next time.")


def _reach_error(url: str, exc: Exception) -> SignInError:
    if isinstance(exc, MalformedAnswer):
        return SignInError(f"{url} does not answer like a central API ({exc}).", "url")
    if isinstance(exc, Unavailable) and str(exc) == "HTTP 429":
        wait = f"in {int(exc.retry_after) or 1} s" if exc.retry_after is not None else "later"
        return SignInError(f"Too many attempts: try again {wait}.")
    if _is_tls_failure(exc):
        return SignInError(f"TLS check failed for {url}: its certificate is not trusted here. "
                           "Ask for the organisation's CA bundle and start with --ca-bundle "
                           "PEM.", "url")
    return SignInError(f"Cannot reach {url}: check the address and your network. ({exc})",
                       "url")


def _is_tls_failure(exc: BaseException | None) -> bool:
    while exc is not None:
        if isinstance(exc, ssl.SSLError) or "CERTIFICATE_VERIFY_FAILED" in str(exc):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


__all__ = ["NoKeyring", "SESSION_ONLY_HELP", "SignInError", "SignedIn", "StartMode", "StartPlan",
           "keep_token", "last_server", "plan_start", "sign_in_with_password",
           "sign_in_with_token"]
