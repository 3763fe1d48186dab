#!/usr/bin/env bash
# Installs every Debian (and npm) package the build and the tests need. Idempotent.
# Package lists live in scripts/deps/*.apt, one package a line, one file per component.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
pkgs=$(cat "$here"/deps/*.apt | sed 's/#.*//' | tr -s ' \n' ' ')
missing=$(dpkg-query -W -f='${Package} ${Status}\n' $pkgs 2>/dev/null | awk '$NF!="installed"{print $1}' || true)
# dpkg-query omits packages it has never seen: compare the lists.
known=$(dpkg-query -W -f='${Package}\n' $pkgs 2>/dev/null || true)
for p in $pkgs; do grep -qx "$p" <<<"$known" || missing="$missing $p"; done
if [ -n "${missing// /}" ]; then
  echo "install-deps: installing:$missing" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi
# Components with npm packages keep a package.json and an install hook here.
for hook in "$here"/deps/*.npm.sh; do
  [ -e "$hook" ] && bash "$hook"
done
exit 0
