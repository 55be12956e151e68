#!/usr/bin/env bash
# Installs the Debian packages Qt needs, if any are missing. Usage: system-deps.sh test|gui|package
#   test: what PySide6 needs to run headless (offscreen platform) for `make test`, and the
#         PostgreSQL server binaries (initdb, pg_ctl) the server tests start a throwaway
#         cluster with (they never use the package's own service)
#   gui:  plus the X11/xcb libraries and fonts (Arabic, Hebrew, CJK...) for `make run`
#   package: what `make package` needs: PySide6's libraries (PyInstaller imports Qt to find its
#         plugins), binutils (PyInstaller reads the libraries it bundles with objdump), and the
#         validators of the desktop entry and the AppStream metainfo
# As root it installs with apt-get; otherwise it uses sudo if that works without a password,
# else it prints the exact command to run and fails (test, package) or warns (gui).
set -euo pipefail

# libpulse0: QtMultimedia (audio items) loads it; PyInstaller imports QtMultimedia too.
QT_PKGS="libgl1 libegl1 libxkbcommon0 libfontconfig1 libfreetype6 libglib2.0-0 libdbus-1-3 fonts-dejavu-core libpulse0"
TEST_PKGS="$QT_PKGS"
# postgresql: the release's server (15 on Debian 12); tests/postgres_cluster.py finds the newest
# /usr/lib/postgresql/*/bin and runs its own cluster, whatever the package's service does.
TEST_PKGS="$TEST_PKGS postgresql"
# g++: pdqhash (PDQ perceptual hashes) is published as source only and compiles its C++ at install.
TEST_PKGS="$TEST_PKGS g++"
GUI_PKGS="libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0 libx11-xcb1 fonts-noto-core fonts-noto-cjk fonts-noto-color-emoji"

mode="${1:-test}"
wanted="$TEST_PKGS"
[ "$mode" = gui ] && wanted="$TEST_PKGS $GUI_PKGS"
[ "$mode" = package ] && wanted="$QT_PKGS binutils desktop-file-utils appstream"

if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "system-deps: not a Debian-like system; make sure Qt 6's runtime libraries are installed" >&2
  exit 0
fi

missing=""
for pkg in $wanted; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing="$missing $pkg"
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" = 0 ]; then
  SUDO=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  SUDO="sudo"
else
  echo "system-deps: missing Debian packages:$missing" >&2
  echo "system-deps: install them with: sudo apt-get install -y$missing" >&2
  [ "$mode" = gui ] && exit 0 || exit 1
fi
echo "system-deps: installing$missing" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
