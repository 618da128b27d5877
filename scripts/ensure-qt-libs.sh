#!/usr/bin/env bash
# Qt's xcb platform plugin (a real window on Linux/X11) needs a few libraries that a minimal
# Debian/Ubuntu image lacks. Install them when we can (root + apt), otherwise say what is missing.
set -u
[ "$(uname -s)" = "Linux" ] || exit 0
[ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] || [ "${QT_QPA_PLATFORM:-}" = "offscreen" ] || {
  echo "note: no DISPLAY set; the window needs an X or Wayland session (or QT_QPA_PLATFORM=offscreen)." >&2
}
pkgs="libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-shape0 libxkbcommon-x11-0 libegl1"
command -v dpkg-query >/dev/null 2>&1 || exit 0
missing=""
for p in $pkgs; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing Qt xcb libraries:$missing"
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
else
  echo "Qt's xcb plugin needs:$missing  (sudo apt-get install$missing)" >&2
fi
exit 0
