#!/bin/sh
# Installs Debian's chromium for the demo's end-to-end test (CI); does nothing when it is already installed.
set -eu

CHROMIUM=/usr/bin/chromium

if [ -x "$CHROMIUM" ]; then
  exit 0
fi

# Root in CI containers; sudo on a developer machine or a hosted runner.
SUDO=''
if [ "$(id -u)" -ne 0 ]; then
  SUDO=sudo
fi

$SUDO apt-get update
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium

if [ ! -x "$CHROMIUM" ]; then
  echo "ensure-chromium: apt-get finished but $CHROMIUM is still missing" >&2
  exit 1
fi
