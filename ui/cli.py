"""The command line, the one entry point: the window by default, plus subcommands.

Installed, this is the `reviewer-workstation` command (pyproject.toml's [project.scripts]);
`python -m ui`, the PyInstaller bundle and the checkout's `python main.py` all end here too.
It lives in ui/ because it is the one module that may reach every room: the window (ui/), the
core (reviewer/) and the reference server's own commands (server/admin/). reviewer/ must never
import Qt or ui/, and server/ shares only the wire contract, so neither could hold it. Widgets
are imported only by the commands that open a window: the others need no display.

Usage (`python main.py` in a checkout takes the same arguments):

  reviewer-workstation [--server URL] [--profile DIR]   the window (no server: the built-in demo)
  reviewer-workstation --version
  reviewer-workstation serve --db PATH|URL [--host H] [--port N] [--seed N] [--workers N]
  reviewer-workstation admin migrate|add-reviewer|set-password|publish-guideline ... --db PATH
  reviewer-workstation sync [--profile DIR] [--server URL] [--once]
  reviewer-workstation status [--profile DIR]
  reviewer-workstation login --server URL        (reads a token, stores it in the OS keyring)
  reviewer-workstation logout [--profile DIR] [--discard-unsent]   (forgets token, wipes cache)
  reviewer-workstation render FILE --out OUT.png [--category C] [--size WxH] [--stage reduced]
  reviewer-workstation report incident ID --out FILE.pdf|FILE.md [--db PATH|URL]
"""

from __future__ import annotations

import argparse
import itertools
import logging
import shutil
import sys
import time
from pathlib import Path

from reviewer.sync.api_client import InsecureServerUrl, check_server_url
from reviewer.account.credentials import TOKEN_ENV, token_for
from reviewer.profile import Profile, default_profile_dir
from server.admin.cli import EXIT_USAGE, add_server_commands, cmd_admin, cmd_serve
from ui.context.incident_export import add_report_command, run_report

DISTRIBUTION = "reviewer-workstation"  # the name in pyproject.toml, where the version is kept


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=DISTRIBUTION, description="Reviewer Workstation")
    parser.add_argument("--version", action="version", version=f"%(prog)s {version()}")
    _add_client_options(parser)
    sub = parser.add_subparsers(dest="command")
    add_server_commands(sub)
    sync = sub.add_parser("sync", help="push decisions and pull cases without a window")
    _add_client_options(sync)
    sync.add_argument("--once", action="store_true", help="one round, then exit")
    sync.add_argument("--timeout", type=float, default=0,
                      help="give up after this many seconds (default: keep trying until synced)")
    status = sub.add_parser("status", help="print the outbox counts of a profile")
    _add_client_options(status)
    login = sub.add_parser("login", help="store an API token for a server in the OS keyring")
    _add_client_options(login)
    logout = sub.add_parser("logout", help="sign out: forget the token and wipe the local cache")
    _add_client_options(logout)
    logout.add_argument("--discard-unsent", action="store_true",
                        help="sign out even if decisions have not reached the central API")
    render = sub.add_parser("render", help="render a media file as the viewer shows it by default")
    render.add_argument("file", type=Path)
    render.add_argument("--out", type=Path, required=True, help="PNG file to write")
    render.add_argument("--category", default="", help="media category whose preset applies")
    render.add_argument("--size", default="1024x768", help="the box to render into, WxH")
    # Real pixels are never written out: a file of them would be an unfiltered copy outside
    # the sealed store, which is what the viewer exists to avoid.
    render.add_argument("--stage", choices=("blurred", "reduced"), default="blurred",
                        help="blurred (the default view) or reduced detail (shapes, flat tones)")
    add_report_command(sub, _add_client_options)
    return parser


def version() -> str:
    """The installed distribution's version (the wheel's, or the bundle's copied metadata);
    a checkout that was never installed has none to report, and says so."""
    from importlib.metadata import PackageNotFoundError, version as installed_version

    try:
        return installed_version(DISTRIBUTION)
    except PackageNotFoundError:
        return "(not installed: run `pip install .` for a version)"


def _add_client_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--server", default=argparse.SUPPRESS,
                        help="central API URL (https://..., or http:// to this machine)")
    parser.add_argument("--profile", type=Path, default=argparse.SUPPRESS,
                        help="directory for all local state (default: the user data dir)")
    parser.add_argument("--fresh-demo", action="store_true", default=argparse.SUPPRESS,
                        help="without --server: start the built-in demo over from newly "
                             "seeded data (by default it carries on from the last run)")
    parser.add_argument("--ca-bundle", type=Path, default=argparse.SUPPRESS,
                        help="CA bundle (PEM) to verify the central API's certificate with, "
                             "instead of the system store; remembered in the profile. TLS is "
                             "always verified")


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    args = build_parser().parse_args(argv)
    handlers = {None: cmd_gui, "serve": cmd_serve, "admin": cmd_admin, "sync": cmd_sync,
                "status": cmd_status, "login": cmd_login, "render": cmd_render,
                "logout": cmd_logout, "report": cmd_report}
    return handlers[args.command](args)


def _profile(args: argparse.Namespace) -> Profile:
    return Profile(getattr(args, "profile", None) or default_profile_dir()).ensure()


_held_locks: list = []  # profile locks this process holds until it exits


def _in_use(profile: Profile) -> int | None:
    """EXIT_USAGE, after one line, when a workstation window holds the profile: a second
    writer on its outbox would race it. None: the profile is ours until this process ends."""
    from ui.account.profile_lock import ProfileInUse, lock_profile  # QtCore only, no window

    try:
        _held_locks.append(lock_profile(profile.root))
    except ProfileInUse as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    return None


def _ca_bundle(args: argparse.Namespace, profile: Profile) -> str | None:
    if getattr(args, "ca_bundle", None):
        profile.save_setting("ca_bundle", str(Path(args.ca_bundle).resolve()))
    return profile.settings().get("ca_bundle")


def _server_and_token(args: argparse.Namespace, profile: Profile) -> tuple[str | None, str | None]:
    server = getattr(args, "server", None) or profile.settings().get("server_url")
    if not server:
        return None, None
    server = check_server_url(server)
    profile.save_setting("server_url", server)
    return server, token_for(server)


def cmd_gui(args: argparse.Namespace) -> int:
    from reviewer.account.sign_in import StartMode, plan_start
    from ui.account.profile_lock import ProfileInUse, bring_forward, lock_profile
    from ui.app import run_workstation  # Qt is imported only when a window is wanted

    profile = _profile(args)
    try:
        _held_locks.append(lock_profile(profile.root))  # held while this window runs
    except ProfileInUse as exc:
        if bring_forward(profile.root):
            print(f"Reviewer Workstation is already open on {profile.root} (process {exc.pid}): "
                  "its window was brought forward")
            return 0
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    try:
        plan = plan_start(profile, getattr(args, "server", None))
    except InsecureServerUrl as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if plan.mode is StartMode.DEMO:
        return _run_demo(profile, fresh=getattr(args, "fresh_demo", False))
    server, token, ca_bundle = plan.server_url, plan.token, _ca_bundle(args, profile)
    if plan.mode is StartMode.ASK:  # no token in the keyring or REVIEWER_TOKEN: sign in first
        from ui.account.login_dialog import ask_sign_in

        signed_in = ask_sign_in(profile, server, ca_bundle)
        if signed_in is None:
            print(f"not signed in to {server}", file=sys.stderr)
            return 1
        server, token = signed_in.server_url, signed_in.token
    return run_workstation(profile, server, token, ca_bundle, listen_at=profile.root)


def _run_demo(profile: Profile, fresh: bool = False) -> int:
    """The built-in demo: the reference server in-process on a seeded database, with its own
    profile. A restart carries on where the last demo stopped (decisions, bulletins, unsent
    work); `--fresh-demo` starts over from a newly seeded world."""
    from server.runner import start_demo_server
    from ui.app import run_workstation

    demo_root = profile.root / "demo"
    if fresh:
        shutil.rmtree(demo_root, ignore_errors=True)  # a fresh server needs a fresh cache
    server, token = start_demo_server(demo_root / "server", fresh=fresh)
    print(f"central API: {server.url}", flush=True)
    try:
        # The demo token stays in memory: it dies with the demo server.
        workstation = Profile(demo_root / "workstation", config_root=profile.root).ensure()
        return run_workstation(workstation, server.url, token, listen_at=profile.root)
    finally:
        server.stop()


def cmd_sync(args: argparse.Namespace) -> int:
    from reviewer.sync.api_client import ApiClient
    from reviewer.sync.backoff import backoff_delay
    from reviewer.store.cache_guard import unlock_cache
    from reviewer.sync.engine import SyncEngine
    from reviewer.log_file import install as install_log_file

    install_log_file()  # a sync left running unattended leaves its crash report on disk
    profile = _profile(args)
    if (in_use := _in_use(profile)) is not None:
        return in_use
    server, token = _server_and_token(args, profile)
    if not server or not token:
        print(f"error: no server or token for this profile (use --server and {TOKEN_ENV})",
              file=sys.stderr)
        return EXIT_USAGE
    if warning := unlock_cache(profile):  # cached case text is encrypted here too
        print(f"warning: {warning}", file=sys.stderr)
    engine = SyncEngine(profile.store_path, ApiClient(server, token, ca_bundle=_ca_bundle(args, profile)))
    deadline = time.monotonic() + args.timeout if args.timeout else None
    for attempt in itertools.count():
        status = engine.run_once()
        print(f"online={status.online} waiting={status.waiting} accepted={status.accepted} "
              f"conflicts={status.conflicts} rejected={status.rejected} {status.last_error}",
              flush=True)
        if status.waiting == 0:
            return 0
        if args.once or (deadline and time.monotonic() > deadline):
            return 1
        # Offline or backing off: wait as the background worker would, then try again.
        time.sleep(backoff_delay(attempt, base=1.0, cap=15.0) if not status.online else 0.2)
    raise AssertionError("unreachable")


def cmd_status(args: argparse.Namespace) -> int:
    from reviewer.review.outbox import Outbox
    from reviewer.store.database import open_store
    from reviewer.sync import trouble as sync_trouble

    profile = _profile(args)
    demo = Profile(profile.root / "demo" / "workstation")
    if not profile.has_store() and demo.has_store():
        print(f"(the built-in demo's workstation, {demo.root})")
        profile = demo
    if not profile.has_store():  # reading must not create an empty store
        print(f"no local store in {profile.root}: nothing has been cached or decided there")
        return 0
    db = open_store(profile.store_path)
    print(" ".join(f"{state}={n}" for state, n in Outbox(db).counts().items()))
    if record := sync_trouble.load(db):  # kept by the sync worker while rounds keep failing
        print(f"{record.sentence()} (as of {record.last_at})")
    return 0


def cmd_login(args: argparse.Namespace) -> int:
    import getpass

    from reviewer.account.credentials import NoKeyring, save_token

    profile = _profile(args)
    server = getattr(args, "server", None) or profile.settings().get("server_url")
    if not server:
        print("error: login needs --server URL", file=sys.stderr)
        return EXIT_USAGE
    try:
        server = check_server_url(server)
        token = getpass.getpass(f"API token for {server}: ").strip()
        save_token(server, token)
    except (InsecureServerUrl, NoKeyring) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    profile.save_setting("server_url", server)
    print(f"token stored in the OS keyring for {server}")
    return 0


def cmd_logout(args: argparse.Namespace) -> int:
    """Sign out: send what waits, revoke and forget the token, wipe the cache. Refuses while
    decisions are unsent, unless --discard-unsent."""
    from reviewer.sync.api_client import ApiClient
    from reviewer.account.sign_out import SignOut

    profile = _profile(args)
    if (in_use := _in_use(profile)) is not None:
        return in_use
    try:
        server, token = _server_and_token(args, profile)
    except InsecureServerUrl as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    client = ApiClient(server, token, ca_bundle=_ca_bundle(args, profile)) if token else None
    result = SignOut(profile, server, client).run(discard_unsent=args.discard_unsent)
    if not result.signed_out:
        print(f"error: not yet at the central API: {result.unsent_text()}; still signed "
              "in. Run `main.py sync` when online, or sign out with --discard-unsent to drop them.",
              file=sys.stderr)
        return 1
    for note in result.notes:
        print(f"note: {note}", file=sys.stderr)
    discarded = f" (discarded, unsent: {result.unsent_text()})" if result.unsent else ""
    print(f"signed out{' of ' + server if server else ''}; local cache wiped{discarded}")
    return 0


def cmd_render(args: argparse.Namespace) -> int:
    """Exactly the viewer pipeline at the stage asked for (same renderer, same preset, same
    refusal of a never-render category, which reads no byte of the file); exit 2 on bad input
    or a stage the category's preset does not allow."""
    from reviewer.media.presets import PresetBook
    from reviewer.media.render import MediaRenderer, stage_refused_reason, style_for
    from reviewer.media.stages import Stage

    stage = Stage(args.stage)
    style = style_for(PresetBook.load().for_category(args.category), args.category, stage=stage)
    if style.stage is not stage and not style.never_render:  # never-render: the renderer says
        print(f"error: {stage_refused_reason(args.category, stage)}", file=sys.stderr)
        return EXIT_USAGE
    try:
        width, height = (int(n) for n in args.size.lower().split("x"))
        rendered = MediaRenderer().render_from(str(args.file), args.file.read_bytes,
                                               (width, height), style)
    except (ValueError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if rendered.image is None:
        print(f"error: {rendered.reason}", file=sys.stderr)
        return EXIT_USAGE
    rendered.image.save(args.out, "PNG")
    print(f"wrote {args.out} ({rendered.image.width}×{rendered.image.height}"
          f"{', ' + rendered.caption if rendered.caption else ''})")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    """`report incident ID --out FILE.pdf|.md`: the post-incident review, from the central
    API's database (--db) or from the central API this profile signs in to."""
    if args.db:
        from server.incidents.review import review_from_database

        return run_report(args, lambda: review_from_database(args.db, args.id))
    from reviewer.sync.api_client import ApiClient
    from reviewer.sync.incidents import fetch_review

    profile = _profile(args)
    server, token = _server_and_token(args, profile)
    if not server or not token:
        print(f"error: no server or token for this profile (use --server and {TOKEN_ENV}, "
              "or --db)", file=sys.stderr)
        return EXIT_USAGE
    client = ApiClient(server, token, ca_bundle=_ca_bundle(args, profile))
    return run_report(args, lambda: fetch_review(client, args.id))

