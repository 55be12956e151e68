"""HTTP client for the central API (docs/api.md). The one place that speaks HTTP.

Errors come in two kinds the sync engine treats differently: `Unavailable` (network down,
timeout, 429, 5xx — try again later, honouring Retry-After) and `ApiRejected` (any other
answer we cannot use — do not retry the same request). Malformed JSON is `MalformedAnswer`;
answers are checked against the wire contract in answers.py before anyone else sees them.
"""

from __future__ import annotations

import ipaddress
import ssl
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from pydantic_core import to_json

from reviewer.domain import Case, Decision, MalformedAnswer, Queue
from reviewer.sync import answers
from reviewer.sync.answers import DecisionAnswer
from reviewer.sync.backoff import retry_after_seconds

if TYPE_CHECKING:
    import httpx

USER_AGENT = "ReviewerWorkstation/0.1"
_JSON_BODY = {"Content-Type": "application/json"}  # with a body encoded here, not by httpx


class ApiError(RuntimeError):
    pass


class Unavailable(ApiError):
    """The central API cannot be reached or is overloaded; the request may be retried."""

    def __init__(self, message: str, retry_after: float | None = None):
        super().__init__(message)
        self.retry_after = retry_after


class ApiRejected(ApiError):
    def __init__(self, status: int, message: str):
        super().__init__(f"HTTP {status}: {message}")
        self.status = status


class SignInNeeded(ApiRejected):
    """401: the central API no longer accepts this token (signed out elsewhere, revoked,
    expired). Nothing sent with it counts as refused: it waits for the reviewer to sign in."""


class InsecureServerUrl(ValueError):
    """Plain HTTP to anything but this machine would send the token in clear."""


def check_server_url(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InsecureServerUrl(f"not a server address: {url!r} (expected https://host[:port])")
    if parts.scheme == "http" and not _is_loopback(parts.hostname):
        raise InsecureServerUrl(
            f"refusing plain HTTP to {parts.hostname}: use https:// (plain HTTP is allowed only "
            "to this machine)"
        )
    return url.rstrip("/")


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _httpx():
    """httpx, imported by the first client rather than with this module: its package brings
    click, rich and pygments along (~10 MB, ~0.1 s), which a start with no server never needs.
    After the first call this is a lookup in sys.modules."""
    import httpx
    return httpx


class ApiClient:
    def __init__(self, base_url: str, token: str, *, timeout: float = 10.0,
                 ca_bundle: str | None = None):
        httpx = _httpx()
        self.base_url = check_server_url(base_url)
        # TLS is verified by default (httpx's default); a CA bundle narrows, never disables it.
        self._http = httpx.Client(
            base_url=self.base_url,
            headers={"Authorization": f"Bearer {token}", "User-Agent": USER_AGENT},
            timeout=httpx.Timeout(timeout, connect=min(3.0, timeout)),
            verify=ssl.create_default_context(cafile=ca_bundle) if ca_bundle else True,
        )

    def close(self) -> None:
        self._http.close()

    # --- endpoints ----------------------------------------------------------------------
    def health(self) -> dict:
        return self._json("GET", "/v1/health")

    def queues(self) -> list[Queue]:
        return answers.queues(self._json("GET", "/v1/queues"))

    def claim(self, queue_id: str, count: int) -> tuple[list[Case], str]:
        """The cases claimed (a malformed one is skipped and logged) and their lease expiry."""
        return answers.claim(
            self._json("POST", f"/v1/queues/{_part(queue_id)}/claim", json={"count": count}))

    def case(self, case_id: str) -> Case:
        return answers.case(self._json("GET", f"/v1/cases/{_part(case_id)}"))

    def media(self, sha256: str) -> tuple[bytes, str]:
        response = self._send("GET", f"/v1/media/{_part(sha256)}")
        self._raise_for_status(response)
        return response.content, response.headers.get("content-type", "application/octet-stream")

    def post_decision(self, decision: Decision) -> DecisionAnswer:
        response = self._send(
            "POST", "/v1/decisions", json=decision.to_api(),
            headers={"Idempotency-Key": decision.decision_id},
        )
        if response.status_code in (429,) or response.status_code >= 500:
            self._raise_for_status(response)
        return answers.decision(response.status_code, _decode(response), decision.decision_id)

    def post_decision_batch(self, decisions: list[Decision]) -> list[DecisionAnswer]:
        """Many decisions in one request, each under its own idempotency key. Answers come in
        the order sent; a decision whose result is missing or malformed has none."""
        return answers.batch(self.send_decision_batch(decisions), decisions)

    def send_decision_batch(self, decisions: list[Decision]) -> Any:
        """POST /v1/decisions/batch, its answer decoded but not yet checked: `answers.batch`
        checks it (the push does so while the server decides its next batch)."""
        body = {"decisions": [{"idempotency_key": d.decision_id, "decision": d.to_api()}
                              for d in decisions]}
        # Encoded by pydantic-core (the bytes httpx's json= gives, about 4× faster: 500 decisions)
        return self._json("POST", "/v1/decisions/batch", content=to_json(body), headers=_JSON_BODY)

    def renew_leases(self, case_ids: list[str]) -> tuple[dict[str, str], dict[str, str]]:
        """({case_id: new expiry}, {case_id: reason the lease is lost})."""
        return answers.lease_renewal(
            self._json("POST", "/v1/leases/renew", json={"case_ids": case_ids}))

    def changes(self, since: int, limit: int = 500) -> tuple[list[dict], int, bool]:
        """(changes, new cursor, more to fetch) from the change feed."""
        return answers.change_feed(
            self._json("GET", "/v1/changes", params={"since": since, "limit": limit}))

    def media_presets(self) -> dict:
        """The organisation's media presets ({} from a server that has none)."""
        try:
            data = self._json("GET", "/v1/media-presets")
        except ApiRejected as exc:
            if exc.status == 404:  # an older central API: no organisation presets
                return {}
            raise
        return {k: v for k, v in data.items() if k in ("default", "category")}

    def hold(self, case_id: str, reason: str) -> dict:
        return self._json("POST", f"/v1/cases/{_part(case_id)}/hold", json={"reason": reason})

    def unhold(self, case_id: str) -> None:
        response = self._send("DELETE", f"/v1/cases/{_part(case_id)}/hold")
        self._raise_for_status(response)

    def hand_off(self, case_id: str, to: str, note: str) -> dict:
        return self._json("POST", f"/v1/cases/{_part(case_id)}/handoff",
                          json={"to": to, "note": note})

    def handoffs(self) -> tuple[list[Case], str]:
        """Cases colleagues handed to us, as a claim answers them ([] from an older server)."""
        try:
            return answers.claim(self._json("GET", "/v1/handoffs"))
        except ApiRejected as exc:
            if exc.status == 404:
                return [], ""
            raise

    def rationale_rules(self) -> list[dict]:
        """The organisation's required-rationale rules ([] from a server without them)."""
        try:
            data = self._json("GET", "/v1/quality/rationale-rules")
        except ApiRejected as exc:
            if exc.status == 404:  # an older central API: no rules
                return []
            raise
        return answers.rationale_rules(data)

    # --- plumbing -----------------------------------------------------------------------
    def _json(self, method: str, path: str, **kwargs: Any) -> dict:
        response = self._send(method, path, **kwargs)
        self._raise_for_status(response)
        return _decode(response)

    def _send(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        httpx = _httpx()
        try:
            return self._http.request(method, path, **kwargs)
        except httpx.TransportError as exc:  # connect errors, timeouts, resets, bad TLS
            raise Unavailable(f"{type(exc).__name__}: {exc}") from exc
        except httpx.InvalidURL as exc:  # a path made of an id some answer carried
            raise MalformedAnswer(f"an id from an answer cannot be sent back: {exc}") from exc

    @staticmethod
    def _raise_for_status(response: httpx.Response) -> None:
        status = response.status_code
        if status == 429 or status >= 500:
            raise Unavailable(f"HTTP {status}", _retry_after(response))
        if status == 401:
            raise SignInNeeded(status, response.text[:300])
        if status >= 400:
            raise ApiRejected(status, response.text[:300])

    # --- sign-in (reviewer/account/sign_in.py, reviewer/account/sign_out.py) --------------------------------
    def login(self, username: str, password: str) -> dict:
        """Exchange a name and password for a new token: {"token", "reviewer", "role"}.
        Sent without this client's token. 401: wrong name or password; 429: wait."""
        request = self._http.build_request("POST", "/v1/login",
                                           json={"username": username, "password": password})
        request.headers.pop("Authorization", None)
        try:
            response = self._http.send(request)
        except _httpx().TransportError as exc:
            raise Unavailable(f"{type(exc).__name__}: {exc}") from exc
        self._raise_for_status(response)
        data = _decode(response)
        return {key: _field(data, key, str) for key in ("token", "reviewer", "role")}

    def logout(self) -> bool:
        """Revoke this client's token on the server; False if it is not one a sign-in issued."""
        return bool(self._json("POST", "/v1/logout").get("revoked"))

    def me(self) -> dict:
        """Who this client's token belongs to: {"name", "role"}."""
        data = self._json("GET", "/v1/me")
        return {key: _field(data, key, str) for key in ("name", "role")}

    # --- investigation context and account notes (reviewer/sync/investigation.py) ----------
    def case_context(self, case_id: str) -> dict:
        """The investigation context of one case (docs/api.md); checked by the caller."""
        data = self._json("GET", f"/v1/cases/{_part(case_id)}/context")
        _field(data, "author", dict)
        return data

    def case_contexts(self, case_ids: list[str]) -> tuple[list[dict], dict[str, str]]:
        """Up to 100 contexts in one request: (contexts, {case_id: why it is unavailable})."""
        data = self._json("POST", "/v1/case-contexts", json={"case_ids": case_ids})
        contexts = [c for c in _field(data, "contexts", list) if isinstance(c, dict)]
        unavailable = {str(u.get("case_id")): str(u.get("error"))
                       for u in _field(data, "unavailable", list) if isinstance(u, dict)}
        return contexts, unavailable

    def post_account_note(self, author_id: str, note_id: str, body: str) -> dict:
        """Add a note to an account, once per `note_id` (a retry answers the stored note)."""
        from urllib.parse import quote  # an author id is free text from the platform

        data = self._json("POST", f"/v1/accounts/{quote(author_id, safe='')}/notes",
                          json={"note_id": note_id, "body": body})
        _field(data, "note_id", str)
        return data

    # --- guidelines and bulletins (reviewer/context/guidelines.py) -----------------------------------
    def guidelines(self, since: int, limit: int = 100) -> tuple[list[dict], int, bool]:
        """(guideline versions, new cursor, more to fetch); an older central API without
        guidelines answers as if it had none."""
        try:
            data = self._json("GET", "/v1/guidelines", params={"since": since, "limit": limit})
        except ApiRejected as exc:
            if exc.status == 404:
                return [], since, False
            raise
        return _field(data, "guidelines", list), _field(data, "cursor", int), bool(data.get("more"))

    def acknowledge_guideline(self, guideline_id: str, version: int) -> str:
        """Acknowledge one version (idempotent); returns the server's first acknowledgement time."""
        from urllib.parse import quote

        data = self._json("POST", f"/v1/guidelines/{quote(guideline_id, safe='')}"
                                  f"/versions/{int(version)}/ack")
        return _field(data, "acknowledged_at", str)

    # --- incidents (reviewer/context/incidents.py, docs/api.md "Incidents") -------------------
    def incidents(self) -> list[dict]:
        """Every incident with live figures; an older central API without them: none."""
        try:
            data = self._json("GET", "/v1/incidents")
        except ApiRejected as exc:
            if exc.status == 404:
                return []
            raise
        return _field(data, "incidents", list)

    def incident_call(self, method: str, incident_id: str, part: str = "",
                      body: dict | None = None) -> dict:
        """One incident request (declare: POST with no id; read, sweep, state, members,
        bulletin, review, review/entries): the answer's JSON, or ApiRejected."""
        path = "/v1/incidents" + (f"/{_part(incident_id)}" if incident_id else "")
        return self._json(method, path + (f"/{part}" if part else ""),
                          **({"json": body} if body is not None else {}))
    # --- the dashboards' figures (reviewer/sync/figures.py) ---------------------------------
    def figures(self, which: str, until: str | None = None) -> dict:
        """GET /v1/figures/{which} ("me" or "team") over the shift ending `until` (default:
        the server's now); checked by the caller."""
        params = {"until": until} if until else {}
        return self._json("GET", f"/v1/figures/{_part(which)}", params=params)

    def quality_figures(self) -> dict:
        """GET /v1/quality: agreement, calibration and appeal outcomes; checked by the caller."""
        return self._json("GET", "/v1/quality")

    def share_exposure(self, days: list[dict]) -> int:
        """Send daily exposure totals ([{"day", "exposure_s"}]); only when the policy asks."""
        return _field(self._json("POST", "/v1/figures/exposure", json={"days": days}),
                      "stored", int)

    # --- alerts (reviewer/sync/alerts.py) -----------------------------------------------------
    def alerts(self) -> list:
        """The alerts the central API lists by default (each checked by the caller); an older
        central API without alerts answers as if there were none."""
        try:
            return _field(self._json("GET", "/v1/alerts"), "alerts", list)
        except ApiRejected as exc:
            if exc.status == 404:
                return []
            raise

    def alert_transition(self, alert_id: int, transition_id: str, to: str) -> dict:
        """Acknowledge or resolve, once per `transition_id`; returns the alert as it now is."""
        data = self._json("POST", f"/v1/alerts/{int(alert_id)}/transitions",
                          json={"transition_id": transition_id, "to": to})
        return _field(data, "alert", dict)


def _part(value: str) -> str:
    """An id from an answer as one path segment: "../x" or "a?b" must not reach another path."""
    from urllib.parse import quote

    return quote(value, safe="")


def _decode(response: httpx.Response) -> dict:
    try:
        data = response.json()
    except (ValueError, RecursionError) as exc:  # RecursionError: nesting deeper than Python's stack
        raise MalformedAnswer(f"{response.request.url.path}: answer is not JSON we can read") from exc
    if not isinstance(data, dict):
        raise MalformedAnswer(f"{response.request.url.path}: answer is not a JSON object")
    return data


def _field(data: dict, key: str, kind: type) -> Any:
    value = data.get(key)
    if not isinstance(value, kind):
        raise MalformedAnswer(f"answer has no {key!r} {kind.__name__}")
    return value


def _retry_after(response: httpx.Response) -> float | None:
    return retry_after_seconds(response.headers.get("retry-after"))
