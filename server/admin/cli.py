"""The reference central API's own command line: `main.py serve` and `main.py admin ...`.

main.py dispatches to these; they live beside the server they run, so the workstation's entry
point stays about the workstation. Server modules are imported inside each command, so a
workstation start never loads the server stack.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from server.admin.alerts_cli import COMMANDS as ALERT_COMMANDS
from server.admin.alerts_cli import add_alert_commands
from server.admin.alerts_cli import run as run_alert_command

EXIT_USAGE = 2
_DB_HELP = "server database: a SQLite file, or a URL such as postgresql://user@host/dbname"


def add_server_commands(sub) -> None:
    """`serve` and `admin` on main.py's subcommand parser."""
    serve = sub.add_parser("serve", help="run the reference central API")
    serve.add_argument("--db", required=True, help=_DB_HELP)
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8765)
    serve.add_argument("--seed", type=int, default=None,
                       help="seed an empty database with synthetic demo data from this seed")
    serve.add_argument("--workers", type=int, default=1,
                       help="API processes sharing the port (above 1 needs PostgreSQL)")
    serve.add_argument("--migrate", action="store_true",
                       help="upgrade an out-of-date schema instead of refusing to start")
    admin = sub.add_parser("admin", help="administer the reference central API")
    admin_sub = admin.add_subparsers(dest="admin_command", required=True)
    migrate = admin_sub.add_parser("migrate", help="create or upgrade the database schema")
    migrate.add_argument("--db", required=True, help=_DB_HELP)
    add = admin_sub.add_parser("add-reviewer", help="create a reviewer; prints the token once")
    add.add_argument("name")
    add.add_argument("--role", choices=["reviewer", "senior", "lead"], default="reviewer")
    add.add_argument("--db", required=True, help=_DB_HELP)
    add.add_argument("--password-stdin", action="store_true",
                     help="also set a sign-in password, read from stdin (never echoed)")
    set_password = admin_sub.add_parser("set-password",
                                        help="set a reviewer's sign-in password (read from stdin)")
    set_password.add_argument("name")
    set_password.add_argument("--db", required=True, help=_DB_HELP)
    publish = admin_sub.add_parser("publish-guideline",
                                   help="publish the next version of a guideline or bulletin")
    publish.add_argument("--file", required=True, type=Path, help="the text (plain text / .md)")
    publish.add_argument("--id", required=True, dest="guideline_id", help="e.g. hate_speech")
    publish.add_argument("--title", required=True)
    publish.add_argument("--bulletin", action="store_true",
                         help="a bulletin every reviewer must acknowledge")
    publish.add_argument("--policy-area", default="", help="the policy it documents")
    publish.add_argument("--queue", default="", help="the queue a bulletin is for")
    publish.add_argument("--db", required=True, help=_DB_HELP)
    add_alert_commands(admin_sub, _DB_HELP)


def cmd_serve(args: argparse.Namespace) -> int:
    from server.runner import serve_forever
    from server.demo.seed import seed_database
    from server.store.migrations import SchemaOutOfDate

    if args.seed is not None:
        try:
            seed_database(args.db, seed=args.seed)
        except ValueError:
            pass  # seeded before: serve what is there
    print(f"central API: http://{args.host}:{args.port}", flush=True)
    try:
        serve_forever(args.db, args.host, args.port, workers=args.workers,
                      migrate=args.migrate)
    except (SchemaOutOfDate, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    return 0


def cmd_admin(args: argparse.Namespace) -> int:
    from server.auth.accounts import add_reviewer, set_password

    if args.admin_command == "publish-guideline":
        return _publish_guideline(args)
    if args.admin_command in ALERT_COMMANDS:
        return run_alert_command(args)
    if args.admin_command == "migrate":
        return _migrate(args)
    try:
        if args.admin_command == "set-password":
            accounts = set_password(args.db, args.name, _read_new_password())
            print(f"password set for {args.name} ({accounts} account(s))")
            return 0
        password = _read_new_password() if args.password_stdin else None
        token = add_reviewer(args.db, args.name, args.role, password)
    except (ValueError, LookupError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    print(token)  # shown once; only its hash is stored
    return 0


def _migrate(args: argparse.Namespace) -> int:
    from server.store.database import describe, open_database
    from server.store.schema import SCHEMA_VERSION

    open_database(args.db).close()
    print(f"{describe(args.db)}: schema version {SCHEMA_VERSION}")
    return 0


def _publish_guideline(args: argparse.Namespace) -> int:
    from server.guidelines import publish_from_file

    try:
        published = publish_from_file(args.db, args.file, args.guideline_id, args.title,
                                      bulletin=args.bulletin, policy_area=args.policy_area,
                                      queue_id=args.queue)
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    print(f"published {published['id']}@{published['version']} ({published['kind']})")
    return 0


def _read_new_password() -> str:
    """From the terminal (asked twice, never echoed) or one line of piped stdin."""
    import getpass

    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    password = getpass.getpass("New password: ")
    if getpass.getpass("Repeat it: ") != password:
        raise ValueError("the two passwords differ")
    return password
