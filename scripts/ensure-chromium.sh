#!/bin/sh
# npm's pretest: the browser tests (test/browser/) drive Debian's chromium through playwright-core,
# which never downloads a browser of its own. Install the package when it is missing and apt is there;
# otherwise say so loudly: the browser tests then skip, and everything else still runs.
# FAASIM_CHROMIUM names another browser binary (the tests read it too).
set -u
BIN="${FAASIM_CHROMIUM:-/usr/bin/chromium}"
[ -x "$BIN" ] && exit 0

loud() {
  echo '########################################################################' >&2
  echo "## faasim: $1" >&2
  echo '## The browser tests (test/browser/) will be SKIPPED.' >&2
  echo '########################################################################' >&2
}

if ! command -v apt-get >/dev/null 2>&1; then
  loud "no $BIN and no apt-get on this machine: install Chromium and set FAASIM_CHROMIUM"
  exit 0
fi
SUDO=''
[ "$(id -u)" = 0 ] || SUDO='sudo -n'
echo "faasim: $BIN is missing; installing Debian's chromium for the browser tests" >&2
export DEBIAN_FRONTEND=noninteractive
# the package lists may be absent or stale on a fresh machine: update once if the install fails
if ! $SUDO apt-get install -y -qq chromium >/dev/null 2>&1; then
  $SUDO apt-get update -qq >/dev/null 2>&1
  $SUDO apt-get install -y -qq chromium >/dev/null 2>&1
fi
[ -x "$BIN" ] || loud "apt-get could not install chromium (no root, or no network to the Debian mirror)"
exit 0
