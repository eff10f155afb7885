#!/bin/bash
# Windows DHCP simulator lab: simulated Windows Server DHCP servers, each behind a real SSH server on 127.0.0.1
# (Apache MINA SSHD), running the modelled DhcpServer cmdlets. A simulator: no Windows runs here.
#
# usage:
#   windows-lab.sh start DIR --servers NAME[,NAME...]   one simulated server per name on free loopback ports;
#                                                       writes DIR/servers.json
#   windows-lab.sh ps DIR NAME 'POWERSHELL'             run one line on NAME as an administrator at its console,
#                                                       e.g. 'Get-DhcpServerv4Reservation -ScopeId 10.1.0.0 | ConvertTo-Json'
#   windows-lab.sh cut DIR A B | heal DIR A B           break / restore the link between two partners
#   windows-lab.sh stop-service DIR NAME | start-service DIR NAME   stop / start NAME's DHCP Server service
#   windows-lab.sh stop DIR                             stop the lab this DIR started (only that process)
#
# DIR/servers.json: [{"name","host","port","user","passwordFile","hostKeyFingerprint"}]. The classes come from
# target/ (run `mvn -q test-compile` first).
set -u

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../../.." && pwd)

die() { echo "windows-lab: $*" >&2; exit 1; }
usage() { sed -n '2,/^set -u/p' "$0" | grep '^#' | sed 's/^# \{0,1\}//' >&2; exit 64; }

[ $# -ge 2 ] || usage
cmd=$1; dir=$2; shift 2

classpath() {
  local cp="$ROOT/target/test-classpath.txt"
  [ -f "$cp" ] && [ -d "$ROOT/target/test-classes/tandem/windows/sim" ] \
    || die "the simulator is not built: run 'mvn -q test-compile' in $ROOT first"
  echo "$ROOT/target/test-classes:$ROOT/target/classes:$(cat "$cp")"
}

# Sends one request to the lab's control port and prints its answer; exits with the answer's exit code.
request() {
  [ -f "$dir/control" ] || die "no lab runs in $dir (no $dir/control)"
  local port token line arg
  read -r port token < "$dir/control"
  line="$token $1"; shift
  for arg in "$@"; do line="$line $(printf '%s' "$arg" | base64 -w0)"; done
  exec 3<>"/dev/tcp/127.0.0.1/$port" || die "the lab in $dir does not answer on port $port"
  printf '%s\n' "$line" >&3
  local status=1 out
  # the answer's last line is "#exit N"
  out=$(timeout 120 cat <&3) || die "no answer from the lab within 120 s"
  exec 3<&-
  status=$(printf '%s\n' "$out" | tail -n 1 | sed -n 's/^#exit \([0-9]*\)$/\1/p')
  printf '%s\n' "$out" | sed '$d' | sed -n '/^#stderr$/q;p'
  printf '%s\n' "$out" | sed '$d' | sed -n '/^#stderr$/,$p' | sed 1d >&2
  exit "${status:-1}"
}

case "$cmd" in
  start)
    [ "${1:-}" = "--servers" ] && [ -n "${2:-}" ] || usage
    mkdir -p "$dir" && chmod 700 "$dir"
    if [ -f "$dir/lab.pid" ] && kill -0 "$(cat "$dir/lab.pid")" 2>/dev/null; then die "a lab already runs in $dir"; fi
    rm -f "$dir/servers.json" "$dir/control"
    dir=$(cd "$dir" && pwd)
    nohup java -cp "$(classpath)" tandem.windows.sim.WindowsLabMain "$dir" "$2" > "$dir/lab.log" 2>&1 &
    echo $! > "$dir/lab.pid"
    for _ in $(seq 1 300); do
      [ -f "$dir/servers.json" ] && { cat "$dir/servers.json"; exit 0; }
      kill -0 "$(cat "$dir/lab.pid")" 2>/dev/null || { cat "$dir/lab.log" >&2; die "the lab did not start"; }
      sleep 0.2
    done
    die "the lab did not write $dir/servers.json within 60 s" ;;
  ps)            [ $# -eq 2 ] || usage; request ps "$1" "$2" ;;
  cut|heal)      [ $# -eq 2 ] || usage; request "$cmd" "$1" "$2" ;;
  stop-service|start-service) [ $# -eq 1 ] || usage; request "$cmd" "$1" ;;
  stop)
    [ -f "$dir/lab.pid" ] || die "no lab was started in $dir"
    pid=$(cat "$dir/lab.pid")
    if kill -0 "$pid" 2>/dev/null && tr '\0' ' ' < "/proc/$pid/cmdline" | grep -q "WindowsLabMain $(cd "$dir" && pwd) "; then
      kill "$pid"
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
    fi
    rm -f "$dir/lab.pid" "$dir/control" ;;
  *) usage ;;
esac
