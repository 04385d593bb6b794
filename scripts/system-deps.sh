#!/bin/sh
# Installs the system libraries Qt needs (offscreen and under Xvfb), on Debian and Ubuntu.
# Elsewhere it says what to install and carries on: the Python side installs with pip alone.
set -eu
PACKAGES="libgl1 libegl1 libfontconfig1 libglib2.0-0 libxkbcommon0 libdbus-1-3 \
  xvfb xauth libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0 \
  libxcb-render-util0 libxcb-randr0 libxcb-image0 fonts-noto-color-emoji fonts-noto-core"
if ! command -v apt-get >/dev/null 2>&1; then
  echo "system-deps: no apt-get here; install the Qt 6 runtime libraries for your system ($PACKAGES)" >&2
  exit 0
fi
missing=""
for p in $PACKAGES; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
