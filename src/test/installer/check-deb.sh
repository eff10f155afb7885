#!/bin/bash
# The Debian package as a user meets it: builds it twice (an older version and this one), installs the older one
# with dpkg -i, runs the installed `tandem` command on an empty data folder and against a real Kea pair, starts
# the console from its desktop menu entry under Xvfb and waits for its window, upgrades to this version and checks
# the data folder survived, then purges the package and checks the data folder is still there, untouched.
#
# Runs as root or with sudo on Debian/Ubuntu (CI: a fresh Debian 12 machine, after src/test/run-all.sh). Installs
# what it needs with apt-get. Refuses to run when a tandem package is already installed, and never leaves one
# behind; stops only the processes it started, by PID. Leaves a screenshot in target/installer-check/ when
# ImageMagick's import is present.
set -euo pipefail
cd "$(dirname "$0")/../../.."
SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
START=$SECONDS
OLD_VERSION=0.0.1
SIZE_LIMIT=$((60 * 1000 * 1000))   # bytes; the goal for the .deb

say() { echo "check-deb [$((SECONDS - START)) s]: $*"; }
die() { echo "check-deb: FAILED: $*" >&2; exit 1; }

installed() { dpkg-query -W -f='${Status}' tandem 2>/dev/null | grep -q 'install ok installed'; }
known() {  # dpkg knows tandem in any state: installed, half-configured, config-files...
  case "$(dpkg-query -W -f='${Status}' tandem 2>/dev/null || true)" in ""|*not-installed) return 1 ;; esac
}
known && die "a tandem package is already on this machine; remove it first (dpkg --purge tandem)"

# --- tools: building (fakeroot, objcopy for jlink's stripping), the window check (Xvfb, xwininfo), the Kea pair
need=()
command -v fakeroot >/dev/null 2>&1 || need+=(fakeroot)
command -v objcopy >/dev/null 2>&1 || need+=(binutils)
command -v Xvfb >/dev/null 2>&1 || need+=(xvfb)
command -v xwininfo >/dev/null 2>&1 || need+=(x11-utils)
command -v python3 >/dev/null 2>&1 || need+=(python3)
command -v kea-dhcp4 >/dev/null 2>&1 || [ -x /usr/sbin/kea-dhcp4 ] || need+=(kea-dhcp4-server)
command -v kea-ctrl-agent >/dev/null 2>&1 || [ -x /usr/sbin/kea-ctrl-agent ] || need+=(kea-ctrl-agent)
APT_UPDATED=
apt_install() {
  [ -n "$APT_UPDATED" ] || { $SUDO apt-get update -qq; APT_UPDATED=1; }
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}
if [ ${#need[@]} -gt 0 ]; then say "installing ${need[*]}"; apt_install "${need[@]}"; fi

WORK=$(mktemp -d /tmp/tandem-check-deb.XXXXXX)
USER_HOME=$WORK/home
# Java takes the home folder from the password database, not from $HOME, so the check names the XDG data folder
# (the rule the console follows on Linux) to keep away from the real user's data.
XDG_DATA=$USER_HOME/.local/share
DATA=$XDG_DATA/tandem
mkdir -p "$USER_HOME"
XVFB_PID=; APP_PID=; LAB=

stop_pid() {  # $1 = pid we started: TERM, then KILL after 10 s
  local pid=$1 i
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.2; done
  kill -KILL "$pid" 2>/dev/null || true
}
cleanup() {
  local rc=$?
  [ -n "$APP_PID" ] && stop_pid "$APP_PID"
  [ -n "$XVFB_PID" ] && stop_pid "$XVFB_PID"
  [ -n "$LAB" ] && src/test/lab/kea-lab.sh stop "$LAB" >/dev/null 2>&1 || true
  if known; then $SUDO dpkg --purge tandem >/dev/null || echo "check-deb: could not purge tandem" >&2; fi
  rm -rf "$WORK"
  [ $rc = 0 ] || echo "check-deb: failed after $((SECONDS - START)) s" >&2
}
trap cleanup EXIT

# The installed command as the user runs it: no TANDEM_HOME and no --data, so the XDG data folder applies.
as_user() { env -u TANDEM_HOME HOME="$USER_HOME" XDG_DATA_HOME="$XDG_DATA" "$@"; }

# --- build both versions. dpkg-deb's fastest xz level keeps the check quick; release builds keep the default,
# which makes a smaller package, so the size limit checked here holds for them too.
export DPKG_DEB_COMPRESSOR_LEVEL=1
say "building the $OLD_VERSION package"
mvn -B -q -Pinstaller package -DskipTests -Dinstaller.version=$OLD_VERSION
OLD_DEB=$WORK/$(basename target/installer/tandem_${OLD_VERSION}-*.deb)
cp target/installer/tandem_${OLD_VERSION}-*.deb "$OLD_DEB"
say "building this version's package"
mvn -B -q -Pinstaller package -DskipTests
NEW_DEB=$(ls target/installer/tandem_*.deb)
[ "$(echo "$NEW_DEB" | wc -l)" = 1 ] || die "expected one .deb in target/installer, found: $NEW_DEB"
NEW_VERSION=$(dpkg-deb -f "$NEW_DEB" Version)
dpkg --compare-versions "$NEW_VERSION" gt "$(dpkg-deb -f "$OLD_DEB" Version)" || die "$NEW_VERSION is not newer"

size=$(stat -c %s "$NEW_DEB")
say "$(basename "$NEW_DEB"): $size bytes ($((size / 1000000)) MB), installed size $(dpkg-deb -f "$NEW_DEB" Installed-Size) KiB"
[ "$size" -le $SIZE_LIMIT ] || die "the package is larger than $SIZE_LIMIT bytes"
depends=$(dpkg-deb -f "$NEW_DEB" Depends)
echo "$depends" | grep -Eq '(^|[ ,])libgtk-3-0([ ,(]|$)' || die "the package does not depend on libgtk-3-0: $depends"

# --- install the older version with dpkg -i; apt-get first installs what it depends on, as apt would
say "installing the package's dependencies"
apt_install $(echo "$depends" | tr ',' '\n' | sed -e 's/(.*)//' -e 's/|.*//' -e 's/ //g' | grep -v '^$')
say "dpkg -i $(basename "$OLD_DEB")"
$SUDO env DEBIAN_FRONTEND=noninteractive dpkg -i "$OLD_DEB" >/dev/null
installed || die "dpkg -i did not leave tandem installed"
[ "$(readlink /usr/bin/tandem)" = /opt/tandem/bin/Tandem ] || die "/usr/bin/tandem is not the package's launcher"
[ "$(command -v tandem)" = /usr/bin/tandem ] || die "tandem is not on the PATH"

help=$(as_user tandem --help) || die "tandem --help failed"
echo "$help" | grep -q '^Usage: tandem' || die "tandem --help printed: $help"
out=$(as_user tandem status --json) || die "tandem status --json failed on an empty data folder: $out"
python3 -c 'import json,sys; d=json.loads(sys.argv[1]); assert d["relationships"] == [], d' "$out" \
  || die "status --json on an empty data folder printed: $out"
[ -f "$DATA/tandem.mv.db" ] || die "no database in the XDG data folder $DATA"
say "tandem --help and status --json work; the data folder is $DATA"

# a real Kea HA pair, added through the installed command (HTTP client, JSON, store in the linked runtime)
LAB=$WORK/lab
src/test/lab/kea-lab.sh start "$LAB" --mode load-balancing >/dev/null
src/test/lab/kea-lab.sh wait "$LAB" 30 >/dev/null || die "the Kea pair did not become stable"
ca=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["servers"][0]["caUrl"])' "$LAB/lab.json")
as_user tandem server add kea --url "$ca" --name pair >/dev/null || die "tandem server add failed"
status_ok() {  # polls until the pair reports OK (the first poll may still see the pair settling), at most 30 s
  local i out
  for i in $(seq 1 15); do
    if out=$(as_user tandem status --json); then
      python3 -c 'import json,sys; r=json.loads(sys.argv[1])["relationships"]; assert [x["status"] for x in r] == ["OK"], r' \
        "$out" && return 0
    fi
    sleep 2
  done
  echo "$out" >&2; return 1
}
status_ok || die "tandem status --json did not report the Kea pair OK"
say "a Kea pair added with the installed command reports OK"

# --- the console, started as the desktop menu entry starts it
entry=/usr/share/applications/tandem-Tandem.desktop
[ -f "$entry" ] || die "no desktop menu entry at $entry"
exec_line=$(sed -n 's/^Exec=//p' "$entry")
wm_class=$(sed -n 's/^StartupWMClass=//p' "$entry")
[ -x "$exec_line" ] || die "the menu entry runs '$exec_line', which is not an executable"
exec 3>"$WORK/display"
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp >"$WORK/xvfb.log" 2>&1 &
XVFB_PID=$!
exec 3>&-
for i in $(seq 1 50); do [ -s "$WORK/display" ] && break; sleep 0.2; done
DISPLAY_NUM=$(head -1 "$WORK/display")
[ -n "$DISPLAY_NUM" ] || die "Xvfb did not start: $(cat "$WORK/xvfb.log")"
# not through as_user: $! must be the launcher's own PID (env execs it), not a subshell's
env -u TANDEM_HOME HOME="$USER_HOME" XDG_DATA_HOME="$XDG_DATA" DISPLAY=":$DISPLAY_NUM" "$exec_line" >"$WORK/console.log" 2>&1 &
APP_PID=$!
window=
for i in $(seq 1 60); do
  # the stage's window, named Tandem and of the class the menu entry expects (GTK also maps a small leader window)
  window=$(DISPLAY=":$DISPLAY_NUM" xwininfo -root -tree 2>/dev/null | grep -F "\"Tandem\": (\"$wm_class\"" || true)
  [ -n "$window" ] && break
  kill -0 "$APP_PID" 2>/dev/null || die "the console exited: $(cat "$WORK/console.log")"
  sleep 1
done
[ -n "$window" ] || die "no Tandem window of class $wm_class within 60 s: $(cat "$WORK/console.log")"
say "the console's window appeared: $(echo "$window" | sed 's/^ *//')"
if command -v import >/dev/null 2>&1; then
  sleep 3   # the first poll fills the tree
  mkdir -p target/installer-check
  DISPLAY=":$DISPLAY_NUM" import -window root target/installer-check/console.png && say "screenshot: target/installer-check/console.png"
fi
stop_pid "$APP_PID"; APP_PID=
stop_pid "$XVFB_PID"; XVFB_PID=

# --- upgrade to this version: the data folder and the command survive
before=$(as_user tandem server list --json)
say "upgrading with dpkg -i $(basename "$NEW_DEB")"
$SUDO env DEBIAN_FRONTEND=noninteractive dpkg -i "$NEW_DEB" >/dev/null
[ "$(dpkg-query -W -f='${Version}' tandem)" = "$NEW_VERSION" ] || die "the upgrade did not install $NEW_VERSION"
[ "$(readlink /usr/bin/tandem)" = /opt/tandem/bin/Tandem ] || die "/usr/bin/tandem is gone after the upgrade"
[ -f "$entry" ] || die "the menu entry is gone after the upgrade"
after=$(as_user tandem server list --json) || die "tandem server list failed after the upgrade"
[ "$after" = "$before" ] || die "the servers changed over the upgrade: before $before, after $after"
status_ok || die "the Kea pair is not OK after the upgrade"
say "after the upgrade the data folder still holds the pair"

# --- remove (purge, even): the package's files go, the user's data folder stays exactly as it was
src/test/lab/kea-lab.sh stop "$LAB" >/dev/null; LAB=
sums=$(cd "$DATA" && find . -type f | sort | xargs sha256sum)
$SUDO dpkg --purge tandem >/dev/null
installed && die "tandem is still installed after dpkg --purge"
[ ! -e /usr/bin/tandem ] && [ ! -L /usr/bin/tandem ] || die "/usr/bin/tandem is left after removal"
[ ! -e /opt/tandem ] || die "/opt/tandem is left after removal"
[ ! -e "$entry" ] || die "the menu entry is left after removal"
[ "$(cd "$DATA" && find . -type f | sort | xargs sha256sum)" = "$sums" ] || die "removal changed the data folder"
say "removed; the data folder is intact"
say "passed in $((SECONDS - START)) s"
