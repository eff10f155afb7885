#!/bin/bash
# Builds (or reuses) a small Debian root holding Kea 3 (kea-dhcp4, kea-dhcp6 and every hook) for the Kea 3 lab.
# Debian 12 ships Kea 2.2 only; Debian's unstable suite carries Kea 3.0. The lab runs the daemons with `chroot`.
#
# usage: kea3-root.sh [ROOT]     (default /var/cache/tandem/kea3-root, or $KEA3_ROOT)
#   A root that already holds the daemons, the HA and lease_cmds hooks, curl and kea-admin's PostgreSQL schema is
#   reused as it is; one built before the schema was needed gets Debian's kea-admin installed into it (under the lock).
#   Otherwise the root is built into ROOT.tmp with mmdebstrap and renamed to ROOT only once complete, so a
#   half-built root is never used. Needs root privileges and mmdebstrap (Debian package `mmdebstrap`).
# Env: KEA3_SUITE (default sid), KEA3_MIRROR (default http://deb.debian.org/debian),
#      KEA3_BUILD_TIMEOUT seconds (default 1200).
set -euo pipefail

ROOT=${1:-${KEA3_ROOT:-/var/cache/tandem/kea3-root}}
SUITE=${KEA3_SUITE:-sid}
MIRROR=${KEA3_MIRROR:-http://deb.debian.org/debian}
LIMIT=${KEA3_BUILD_TIMEOUT:-1200}
ROOT=${ROOT%/}

die() { echo "kea3-root: $*" >&2; exit 1; }

complete() {  # $1 = a root; true when everything the lab runs is in it
  local r=$1 hooks
  [ -x "$r/usr/sbin/kea-dhcp4" ] && [ -x "$r/usr/sbin/kea-dhcp6" ] && [ -x "$r/usr/bin/curl" ] || return 1
  for hooks in "$r"/usr/lib/*/kea/hooks; do
    [ -f "$hooks/libdhcp_ha.so" ] && [ -f "$hooks/libdhcp_lease_cmds.so" ] && has_schema "$r" && return 0
  done
  return 1
}

has_schema() {  # $1 = a root; true when it holds kea-admin and the schema a PostgreSQL hosts database needs
  [ -x "$1/usr/sbin/kea-admin" ] && [ -f "$1/usr/share/kea/scripts/pgsql/dhcpdb_create.pgsql" ]
}

daemons_only() {  # $1 = a root with everything but kea-admin (built before the hosts database lab)
  local r=$1
  [ -x "$r/usr/sbin/kea-dhcp4" ] && [ -x "$r/usr/sbin/kea-dhcp6" ] && [ -x "$r/usr/bin/curl" ] && ! has_schema "$r"
}

if complete "$ROOT"; then
  echo "kea3-root: reusing $ROOT ($(chroot "$ROOT" /usr/sbin/kea-dhcp4 -v 2>/dev/null || echo 'version unknown'))"
  exit 0
fi

[ "$(id -u)" = 0 ] || die "building $ROOT needs root (mmdebstrap and chroot)"
command -v mmdebstrap >/dev/null 2>&1 || die "mmdebstrap not found: apt-get install -y mmdebstrap"
mkdir -p "$(dirname "$ROOT")"

# One build at a time: a second caller waits for the first, then reuses its root.
exec 9>"$ROOT.lock"
flock -w "$LIMIT" 9 || die "another build of $ROOT still holds $ROOT.lock after $LIMIT s"
if complete "$ROOT"; then echo "kea3-root: reusing $ROOT (built meanwhile)"; exit 0; fi

if daemons_only "$ROOT"; then
  # the root predates the hosts database lab: complete it in place rather than rebuild it
  echo "kea3-root: installing kea-admin (PostgreSQL schema) into $ROOT"
  if timeout "$LIMIT" chroot "$ROOT" sh -c 'apt-get -o Acquire::Check-Valid-Until=false update -qq \
        && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends kea-admin'; then
    complete "$ROOT" && { echo "kea3-root: completed $ROOT"; exit 0; }
  fi
  echo "kea3-root: completing $ROOT failed: rebuilding it" >&2
fi

rm -rf "$ROOT.tmp"
echo "kea3-root: building $ROOT from $SUITE at $MIRROR (about a minute)"
# The archive may be a dated snapshot whose Release files count as expired: apt must not refuse them.
if ! timeout "$LIMIT" mmdebstrap --variant=apt --aptopt='Acquire::Check-Valid-Until "false"' \
      --include=kea-dhcp4-server,kea-dhcp6-server,kea-admin,curl "$SUITE" "$ROOT.tmp" "$MIRROR"; then
  rm -rf "$ROOT.tmp"
  die "mmdebstrap failed or took longer than $LIMIT s"
fi
complete "$ROOT.tmp" || { rm -rf "$ROOT.tmp"; die "the new root lacks kea-dhcp4, kea-dhcp6, the hooks, kea-admin or curl"; }
if [ -e "$ROOT" ]; then rm -rf "$ROOT.old"; mv "$ROOT" "$ROOT.old"; fi
mv "$ROOT.tmp" "$ROOT"
rm -rf "$ROOT.old"
echo "kea3-root: built $ROOT ($(chroot "$ROOT" /usr/sbin/kea-dhcp4 -v))"
