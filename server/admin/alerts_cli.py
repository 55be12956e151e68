"""`main.py admin alerts|hash-list|oncall ...`: the alert thresholds, hash lists and on-call
rota from a shell, for the person who runs the central API (the same rules as the lead-only
endpoints; the shell is trusted as the admin CLI is everywhere else)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

EXIT_USAGE = 2
COMMANDS = ("alerts", "hash-list", "oncall")
_ADMIN = "admin-cli"


def add_alert_commands(admin_sub, db_help: str) -> None:
    alerts = admin_sub.add_parser("alerts", help="show or change the alert thresholds")
    alerts.add_argument("action", choices=["config"])
    alerts.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                        help="e.g. spike_min_count=30 (repeatable)")
    alerts.add_argument("--db", required=True, help=db_help)
    hashes = admin_sub.add_parser("hash-list", help="load, list or remove PDQ hash lists")
    hashes.add_argument("action", choices=["load", "list", "remove"])
    hashes.add_argument("file", nargs="?", type=Path, help="load: one PDQ hash per line")
    hashes.add_argument("--name")
    hashes.add_argument("--category")
    hashes.add_argument("--action", dest="list_action", help="what the programme asks for")
    hashes.add_argument("--distance", type=int, default=31)
    hashes.add_argument("--severity", default="high")
    hashes.add_argument("--id", type=int, help="remove: the list id")
    hashes.add_argument("--db", required=True, help=db_help)
    oncall = admin_sub.add_parser("oncall", help="the on-call rota")
    oncall.add_argument("action", choices=["add", "list", "remove", "zone"])
    oncall.add_argument("--from", dest="starts_at", help="add: e.g. 2026-12-01T09:00")
    oncall.add_argument("--to", dest="ends_at")
    oncall.add_argument("--tz", default="UTC", help="add: the zone of --from/--to; zone: IANA")
    oncall.add_argument("--primary")
    oncall.add_argument("--secondary")
    oncall.add_argument("--lead")
    oncall.add_argument("--name", help="zone: whose time zone")
    oncall.add_argument("--id", type=int, help="remove: the shift id")
    oncall.add_argument("--db", required=True, help=db_help)


def run(args: argparse.Namespace) -> int:
    from server.errors import ApiError
    from server.store.database import open_database

    database = open_database(args.db)
    try:
        with database.write() as conn:
            answer = _COMMANDS[args.admin_command](conn, args)
    except (ApiError, ValueError, OSError) as exc:
        print(f"error: {_describe(exc, ApiError)}", file=sys.stderr)
        return EXIT_USAGE
    finally:
        database.close()
    print(json.dumps(answer, indent=2, ensure_ascii=False))
    return 0


def _alerts(conn, args) -> dict:
    from server.alerts.config import load_thresholds, save_thresholds
    from server.timeutil import utcnow

    if not args.set:
        return load_thresholds(conn).model_dump()
    changes = dict(_pair(item) for item in args.set)
    return save_thresholds(conn, changes, _ADMIN, utcnow()).model_dump()


def _hash_list(conn, args):
    from server.alerts import hash_lists
    from server.timeutil import utcnow

    if args.action == "list":
        return hash_lists.list_lists(conn)
    if args.action == "remove":
        hash_lists.remove_list(conn, _needed(args.id, "--id"))
        return {"removed": args.id}
    text = Path(_needed(args.file, "FILE")).read_text(encoding="utf-8")
    spec = {"name": _needed(args.name, "--name"), "category": _needed(args.category, "--category"),
            "action": _needed(args.list_action, "--action"), "distance": args.distance,
            "severity": args.severity, "hashes": hash_lists.parse_hash_file(text)}
    if not spec["hashes"]:
        raise ValueError("the file holds no hashes")
    return hash_lists.load_list(conn, spec, _ADMIN, utcnow())


def _oncall(conn, args):
    from server.alerts import oncall
    from server.timeutil import utcnow

    if args.action == "list":
        return oncall.rota(conn, utcnow())
    if args.action == "remove":
        oncall.remove_shift(conn, _needed(args.id, "--id"))
        return {"removed": args.id}
    if args.action == "zone":
        oncall.set_time_zone(conn, _needed(args.name, "--name"), args.tz)
        return {"reviewer": args.name, "time_zone": args.tz}
    return oncall.add_shift(conn, {
        "starts_at": _needed(args.starts_at, "--from"), "ends_at": _needed(args.ends_at, "--to"),
        "time_zone": args.tz, "primary": _needed(args.primary, "--primary"),
        "secondary": args.secondary, "lead": args.lead}, utcnow())


def _describe(exc: Exception, api_error: type) -> str:
    if not isinstance(exc, api_error):
        return str(exc)
    extra = ", ".join(f"{key}: {value}" for key, value in exc.body.items() if key != "error")
    return f"{exc.body['error']} ({extra})" if extra else exc.body["error"]


def _pair(item: str) -> tuple[str, object]:
    name, sep, value = item.partition("=")
    if not sep:
        raise ValueError(f"--set {item!r}: expected NAME=VALUE")
    try:
        return name.strip(), json.loads(value)
    except json.JSONDecodeError:
        return name.strip(), value


def _needed(value, flag: str):
    if value is None:
        raise ValueError(f"{flag} is required here")
    return value


_COMMANDS = {"alerts": _alerts, "hash-list": _hash_list, "oncall": _oncall}
