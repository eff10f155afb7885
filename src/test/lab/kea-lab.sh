#!/bin/bash
# Kea lab: real Kea 2.x DHCPv4 and DHCPv6 HA clusters on 127.0.0.1, one Control Agent per server, for integration tests.
#
# usage:
#   kea-lab.sh start DIR [--mode load-balancing|hot-standby|passive-backup|standalone] [--servers N] [--backups B]
#                        [--subnets S] [--res-per-subnet R] [--service dhcp4|dhcp6|both]
#        --service: the DHCP daemons each server runs (default dhcp4); both: a dhcp4 and a dhcp6 HA relationship
#        between the same servers, each server's one Control Agent fronting both daemons.
#        N = all servers including backups; B = how many of them are backups. Give either or both:
#        load-balancing/hot-standby have 2 non-backup servers, passive-backup has 1.
#        server1 is primary, server2 secondary (load-balancing) or standby (hot-standby), the rest backups.
#        standalone: N servers (default 2) without the HA hook, each with its own Control Agent; server1 loads
#        libdhcp_lease_cmds and has S subnets, the others load no hook and have only the first subnet.
#      [--kea3 ROOT] [--ha-listener dedicated|control]
#        Kea 3: the servers run as `chroot ROOT /usr/sbin/kea-dhcp4` (kea-dhcp6 with --service dhcp6; ROOT from
#        kea3-root.sh) with NO Control Agent. Each has its own HTTP control socket on 127.0.0.1 with basic
#        authentication (user and password files in DIR/auth; HA peers log in with the password file too).
#        DIR must lie inside ROOT. --ha-listener dedicated (default): HA peers talk to a dedicated HA listener
#        on a port of its own (restrict-commands: it answers only HA commands); control: no dedicated listener,
#        peers use each other's control sockets. caUrl/caPort in lab.json are then the control socket;
#        lab.json also names controlUrl, haUrl, user and passwordFile.
#      [--tls]
#        HTTPS: a throwaway CA and a certificate and key per server in DIR/tls (openssl; keys mode 600). Each
#        Control Agent (Kea 2) or control socket (Kea 3) serves HTTPS with cert-required false (Tandem has no
#        client certificate), HA peers talk TLS with their own files; lab.json names the CA as trustAnchor.
#        Env KEA_LAB_HOSTS_DB (JSON: type, name, host, port, user) gives every Kea 3 server that hosts-database
#        (and libdhcp_pgsql); KEA_LAB_HOSTS_DB_PASSWORD goes to DIR/auth/pgpass, read by libpq (PGPASSFILE).
#   kea-lab.sh stop DIR                 stop every process this lab started (TERM, then KILL after 5 s)
#   kea-lab.sh kill-dhcp DIR sN [SVC]   SIGKILL the DHCP server of sN (its Control Agent keeps running)
#   kea-lab.sh stop-dhcp DIR sN [SVC]   graceful stop of the DHCP server of sN
#   kea-lab.sh pause-dhcp DIR sN [SVC]  SIGSTOP the DHCP server of sN (hung: its socket accepts, nothing answers)
#   kea-lab.sh resume-dhcp DIR sN [SVC] SIGCONT the DHCP server of sN
#   kea-lab.sh stop-ca DIR sN           stop the Control Agent of sN
#   kea-lab.sh start-dhcp DIR sN [SVC]  start the DHCP server of sN again
#        SVC: dhcp4 or dhcp6; default the lab's first service
#   kea-lab.sh start-ca DIR sN          start the Control Agent of sN again
#   kea-lab.sh status DIR               processes and HA state of every server
#   kea-lab.sh wait DIR [SECONDS]       until every server reports a stable HA state (default 30 s)
#
# DIR/lab.json describes the servers (name, role, caPort, caUrl, dhcp4Pid, caPid, configs, socket).
# Only processes whose pid is recorded under DIR, and whose command line names DIR's config, are ever signalled.
# Env overrides: KEA_DHCP4_BIN, KEA_DHCP6_BIN, KEA_CTRL_AGENT_BIN, KEA_HOOKS_DIR.
set -u
LAB_ROOT=""  # the Kea 3 root of the lab in hand; empty for a Kea 2 lab

HERE=$(cd "$(dirname "$0")" && pwd)
HELPER="$HERE/kea-lab.py"
STABLE_STATES=" load-balancing hot-standby backup passive-backup standalone "

die() { echo "kea-lab: $*" >&2; exit 1; }
usage() { sed -n '2,/^set -u/p' "$0" | grep '^#' | sed 's/^# \{0,1\}//' >&2; exit 2; }

find_bin() {  # $1 = name; prints the path or nothing
  local p
  p=$(command -v "$1" 2>/dev/null) && { echo "$p"; return; }
  for d in /usr/sbin /usr/local/sbin /sbin /opt/kea/sbin; do
    [ -x "$d/$1" ] && { echo "$d/$1"; return; }
  done
}

require_tools() {
  if [ -n "$LAB_ROOT" ]; then
    local daemon=kea-dhcp4
    [[ " ${1:-} " == *dhcp6* ]] && daemon=kea-dhcp6
    [ -x "$LAB_ROOT/usr/sbin/$daemon" ] ||
      die "no Kea 3 in $LAB_ROOT (usr/sbin/$daemon missing); build it with src/test/lab/kea3-root.sh $LAB_ROOT"
    command -v chroot >/dev/null 2>&1 || die "chroot is required for the Kea 3 lab"
    command -v python3 >/dev/null 2>&1 || die "python3 is required to generate the lab configuration"
    return
  fi
  DHCP4_BIN=${KEA_DHCP4_BIN:-$(find_bin kea-dhcp4)}
  DHCP6_BIN=${KEA_DHCP6_BIN:-$(find_bin kea-dhcp6)}
  CA_BIN=${KEA_CTRL_AGENT_BIN:-$(find_bin kea-ctrl-agent)}
  local missing=()
  [ -n "$DHCP4_BIN" ] && [ -x "$DHCP4_BIN" ] || missing+=(kea-dhcp4)
  if [[ " ${1:-} " == *dhcp6* ]]; then [ -n "$DHCP6_BIN" ] && [ -x "$DHCP6_BIN" ] || missing+=(kea-dhcp6); fi
  [ -n "$CA_BIN" ] && [ -x "$CA_BIN" ] || missing+=(kea-ctrl-agent)
  if [ ${#missing[@]} -gt 0 ]; then
    die "Kea binaries not found: ${missing[*]}. Install them, e.g. on Debian/Ubuntu:" \
        "sudo apt-get install -y kea-dhcp4-server kea-ctrl-agent (and stop the packaged services)."
  fi
  command -v python3 >/dev/null 2>&1 || die "python3 is required to generate the lab configuration"
}

find_hooks() {
  if [ -n "${KEA_HOOKS_DIR:-}" ]; then
    [ -f "$KEA_HOOKS_DIR/libdhcp_ha.so" ] || die "KEA_HOOKS_DIR=$KEA_HOOKS_DIR has no libdhcp_ha.so"
    echo "$KEA_HOOKS_DIR"; return
  fi
  local f
  # Debian/Ubuntu multiarch first, then the usual rpm and source-build locations
  for f in /usr/lib/*/kea/hooks/libdhcp_ha.so /usr/lib64/kea/hooks/libdhcp_ha.so /usr/lib/kea/hooks/libdhcp_ha.so \
           /usr/local/lib/kea/hooks/libdhcp_ha.so /usr/local/lib/*/kea/hooks/libdhcp_ha.so; do
    if [ -f "$f" ] && [ -f "$(dirname "$f")/libdhcp_lease_cmds.so" ]; then dirname "$f"; return; fi
  done
  die "Kea hook libraries libdhcp_ha.so and libdhcp_lease_cmds.so not found under /usr/lib or /usr/local/lib" \
      "(Debian: package kea-common); set KEA_HOOKS_DIR to their directory"
}

lab_dir() {  # $1 = DIR of an existing lab; prints its absolute path
  [ -n "${1:-}" ] || usage
  [ -f "$1/lab-static.json" ] || die "$1 is not a lab directory (no lab-static.json; run start first)"
  (cd "$1" && pwd)
}

set_root() {  # $1 = DIR of an existing lab: LAB_ROOT becomes its Kea 3 root, or stays empty
  LAB_ROOT=$(python3 "$HELPER" root "$1") || exit 1
}

no_agent() {  # $1 = command
  [ -z "$LAB_ROOT" ] || die "$1: a Kea 3 lab has no Control Agent (each kea-dhcp4 serves its own control socket)"
}

check_server() {  # $1 = DIR, $2 = sN
  [ -n "${2:-}" ] || die "missing server id (s1, s2, ...)"
  [ -f "$1/etc/kea-ca-$2.json" ] || [ -f "$1/etc/kea-dhcp4-$2.json" ] || [ -f "$1/etc/kea-dhcp6-$2.json" ] || die "no server $2 in $1 (servers: $(python3 "$HELPER" servers "$1"))"
}

services_of() { python3 "$HELPER" services "$1"; }  # $1 = DIR

# The daemon a per-server command acts on: the one named, else the lab's first service.
service_arg() {  # $1 = DIR, $2 = dhcp4|dhcp6 or empty
  local all; all=$(services_of "$1")
  if [ -z "${2:-}" ]; then echo "${all%% *}"; return; fi
  [[ " $all " == *" $2 "* ]] || die "this lab runs no $2 (services: $all)"
  echo "$2"
}

config_of() {  # $1 = DIR, $2 = dhcp4|dhcp6|ca, $3 = sN
  case $2 in
    dhcp4|dhcp6) echo "$1/etc/kea-$2-$3.json" ;;
    *) echo "$1/etc/kea-ca-$3.json" ;;
  esac
}

# The pid recorded for a process, if that process is alive and is the Kea process started with our config.
# Guards against pid reuse: nothing that is not ours is ever signalled.
our_pid() {  # $1 = DIR, $2 = dhcp4|ca, $3 = sN
  local f="$1/run/$3/$2.pid" pid cfg
  [ -f "$f" ] || return 1
  pid=$(cat "$f" 2>/dev/null)
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  cfg=$(config_of "$1" "$2" "$3")
  cfg=${cfg#"$LAB_ROOT"}  # a chrooted daemon names its config by the path inside the root
  [ -r "/proc/$pid/cmdline" ] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$cfg" || return 1
  echo "$pid"
}

log_tail() {  # $1 = DIR, $2 = dhcp4|dhcp6|ca, $3 = sN
  local run="$1/run/$3" log
  if [ "$2" = ca ]; then log="$run/kea-ctrl-agent.log"; else log="$run/kea-$2.log"; fi
  echo "--- last lines of $run/$2.stdout and $log:" >&2
  tail -n 15 "$run/$2.stdout" "$log" 2>/dev/null >&2
}

# Blocks until the process serves its control channel: the unix socket for dhcp4, the TCP port for the CA.
await_ready() {  # $1 = DIR, $2 = dhcp4|ca, $3 = sN, $4 = pid
  local i port sock="$1/run/$3/kea4-ctrl.sock"
  [ "$2" = dhcp6 ] && sock="$1/run/$3/kea6-ctrl.sock"
  { [ "$2" = ca ] || [ -n "$LAB_ROOT" ]; } && port=$(python3 "$HELPER" ca-port "$1" "$3")
  for i in $(seq 100); do  # 100 x 0.1 s
    kill -0 "$4" 2>/dev/null || { echo "kea-lab: $2 of $3 exited during start-up" >&2; log_tail "$@"; return 1; }
    if [ "$2" != ca ] && [ -z "$LAB_ROOT" ]; then
      python3 - "$sock" <<'PY' && return 0
import socket, sys
s = socket.socket(socket.AF_UNIX)
s.settimeout(0.5)
try:
    s.connect(sys.argv[1])
except OSError:
    sys.exit(1)
PY
    else
      (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0
    fi
    sleep 0.1
  done
  echo "kea-lab: $2 of $3 (pid $4) not ready after 10 s" >&2
  log_tail "$@"
  return 1
}

start_one() {  # $1 = DIR, $2 = dhcp4|dhcp6|ca, $3 = sN
  local run="$1/run/$3" cfg bin pid
  cfg=$(config_of "$1" "$2" "$3")
  if pid=$(our_pid "$1" "$2" "$3"); then echo "$2 $3 already running pid=$pid"; return 0; fi
  mkdir -p "$run"
  if [ -n "$LAB_ROOT" ]; then
    # Kea 3 keeps leases, logs, pid and lock files only in the directories these name (paths inside the root)
    local inrun=${run#"$LAB_ROOT"} db=()
    # a shared hosts database: libpq reads its password from the lab's pgpass file, not from Kea's configuration
    [ -f "$1/auth/pgpass" ] && db=(PGPASSFILE="${1#"$LAB_ROOT"}/auth/pgpass")
    env "${db[@]}" KEA_PIDFILE_DIR=$inrun KEA_LOCKFILE_DIR=$inrun KEA_DHCP_DATA_DIR=$inrun KEA_LOG_FILE_DIR=$inrun \
      chroot "$LAB_ROOT" "/usr/sbin/kea-$2" -c "${cfg#"$LAB_ROOT"}" >>"$run/$2.stdout" 2>&1 </dev/null &
    pid=$!
    echo "$pid" >"$run/$2.pid"
    await_ready "$1" "$2" "$3" "$pid" || return 1
    echo "started $2 $3 pid=$pid (Kea 3)"
    return 0
  fi
  case $2 in dhcp4) bin=$DHCP4_BIN ;; dhcp6) bin=$DHCP6_BIN ;; *) bin=$CA_BIN ;; esac
  # KEA_PIDFILE_DIR: Kea's own pid file (default /run/kea, shared by all instances);
  # KEA_LOCKFILE_DIR: the logger's interprocess lock (default /var/run/kea/logger_lockfile)
  KEA_PIDFILE_DIR=$run KEA_LOCKFILE_DIR=$run "$bin" -c "$cfg" >>"$run/$2.stdout" 2>&1 </dev/null &
  pid=$!
  echo "$pid" >"$run/$2.pid"
  await_ready "$1" "$2" "$3" "$pid" || return 1
  echo "started $2 $3 pid=$pid"
}

# Signals processes of this lab together (Kea takes 1-2 s to exit on TERM, so one at a time would be slow),
# waits up to 5 s, then KILLs whatever is left.
stop_set() {  # $1 = DIR, $2 = TERM|KILL, then entries kind/sN (kind = dhcp4|ca)
  local dir=$1 sig=$2 e kind s pid i rc=0; shift 2
  local pids=() names=()
  for e in "$@"; do
    kind=${e%/*}; s=${e#*/}
    if pid=$(our_pid "$dir" "$kind" "$s"); then
      kill -"$sig" "$pid" 2>/dev/null
      kill -CONT "$pid" 2>/dev/null  # a paused process only acts on TERM once it runs again
      pids+=("$pid"); names+=("$kind $s pid=$pid")
    fi
  done
  alive() { local p; for p in "${pids[@]}"; do kill -0 "$p" 2>/dev/null && return 0; done; return 1; }
  for i in $(seq 50); do alive || break; sleep 0.1; done
  if alive; then
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null; done
    for i in $(seq 20); do alive || break; sleep 0.1; done
  fi
  for i in "${!pids[@]}"; do
    if kill -0 "${pids[$i]}" 2>/dev/null; then
      echo "kea-lab: ${names[$i]} does not exit" >&2; rc=1
    else
      echo "stopped ${names[$i]} ($sig)"
    fi
  done
  for e in "$@"; do
    kind=${e%/*}; s=${e#*/}
    our_pid "$dir" "$kind" "$s" >/dev/null || rm -f "$dir/run/$s/$kind.pid"
  done
  return $rc
}

labjson() { python3 "$HELPER" labjson "$1"; }

cmd_start() {
  local dir=${1:-}; [ -n "$dir" ] || usage; shift
  local mode=load-balancing servers="" backups="" subnets=2 res=2 services=dhcp4 listener=dedicated
  LAB_ROOT=""  # Kea 3 only when asked with --kea3: KEA3_ROOT in the environment merely says where the root is
  while [ $# -gt 0 ]; do
    case $1 in
      --mode) mode=${2:?}; shift 2 ;;
      --servers) servers=${2:?}; shift 2 ;;
      --backups) backups=${2:?}; shift 2 ;;
      --subnets) subnets=${2:?}; shift 2 ;;
      --res-per-subnet) res=${2:?}; shift 2 ;;
      --service)
        case ${2:?} in
          dhcp4|dhcp6) services=$2 ;;
          both) services=dhcp4,dhcp6 ;;
          *) die "unknown service $2 (dhcp4, dhcp6, both)" ;;
        esac
        shift 2 ;;
      --kea3) LAB_ROOT=${2:?}; shift 2 ;;
      --ha-listener) listener=${2:?}; shift 2 ;;
      --tls) export KEA_LAB_TLS=1; shift ;;
      *) die "unknown option $1" ;;
    esac
  done
  local core
  case $mode in
    load-balancing|hot-standby) core=2 ;;
    passive-backup) core=1 ;;
    standalone) core=${servers:-2}; backups=${backups:-0}; [ "$backups" = 0 ] || die "standalone servers have no backups" ;;
    *) die "unknown mode $mode (load-balancing, hot-standby, passive-backup, standalone)" ;;
  esac
  for v in "$servers" "$backups" "$subnets" "$res"; do
    [ -z "$v" ] || [[ "$v" =~ ^[0-9]+$ ]] || die "not a number: $v"
  done
  [ -z "$backups" ] && backups=$(( ${servers:-$core} - core ))
  [ -z "$servers" ] && servers=$(( core + backups ))
  [ "$backups" -ge 0 ] && [ $(( servers - backups )) -eq $core ] ||
    die "$mode needs $core non-backup server(s): --servers $servers --backups $backups does not fit"
  [ "$mode" = passive-backup ] && [ "$backups" -lt 1 ] && die "passive-backup needs at least one backup"
  [ "$servers" -le 50 ] || die "at most 50 servers"
  case $listener in dedicated|control) ;; *) die "unknown --ha-listener $listener (dedicated, control)" ;; esac
  if [ -n "$LAB_ROOT" ]; then
    [ -d "$LAB_ROOT" ] || die "Kea 3 root $LAB_ROOT does not exist; build it with src/test/lab/kea3-root.sh"
    [ "$services" != dhcp4,dhcp6 ] || die "the Kea 3 lab runs one service: --service dhcp4 or dhcp6"
    LAB_ROOT=$(cd "$LAB_ROOT" && pwd -P)
  fi
  require_tools "$services"
  [ "${KEA_LAB_TLS:-}" != 1 ] || command -v openssl >/dev/null 2>&1 || die "openssl is required for --tls"
  local hooks=""
  [ -n "$LAB_ROOT" ] || { hooks=$(find_hooks) || exit 1; }
  mkdir -p "$dir" || die "cannot create $dir"
  dir=$(cd "$dir" && pwd -P)
  if [ -n "$LAB_ROOT" ]; then
    [[ "$dir/" == "$LAB_ROOT/"?* ]] || die "a Kea 3 lab directory must lie inside $LAB_ROOT (e.g. $LAB_ROOT/tmp/lab): $dir"
  fi
  [ -f "$dir/lab-static.json" ] && { our_pid "$dir" ca s1 || our_pid "$dir" dhcp4 s1 || our_pid "$dir" dhcp6 s1; } >/dev/null &&
    die "a lab is already running in $dir"
  if [ -n "$LAB_ROOT" ]; then
    python3 "$HELPER" gen3 "$dir" "$LAB_ROOT" "$listener" "$mode" "$servers" "$backups" "$subnets" "$res" "$services" || exit 1
  else
    python3 "$HELPER" gen "$dir" "$mode" "$servers" "$backups" "$subnets" "$res" "$hooks" "$services" || exit 1
  fi
  local s svc ok=1
  for s in $(python3 "$HELPER" servers "$dir"); do
    if [ -n "$LAB_ROOT" ]; then start_one "$dir" "$services" "$s" || { ok=0; break; }; continue; fi
    for svc in ${services//,/ }; do start_one "$dir" "$svc" "$s" || { ok=0; break 2; }; done
    start_one "$dir" ca "$s" || { ok=0; break; }
  done
  labjson "$dir"
  if [ $ok = 0 ]; then cmd_stop "$dir" >&2; die "start failed; logs are in $dir/run"; fi
  echo "lab started in $dir ($mode, ${services/,/ and }, $servers servers, $backups backups${LAB_ROOT:+, Kea 3, HA listener $listener}${KEA_LAB_TLS:+, TLS}); see $dir/lab.json"
}

cmd_stop() {
  local dir; dir=$(lab_dir "${1:-}") || exit 1
  set_root "$dir"
  local s svc rc=0 entries=()
  for s in $(python3 "$HELPER" servers "$dir"); do
    entries+=("ca/$s")
    for svc in $(services_of "$dir"); do entries+=("$svc/$s"); done
  done
  stop_set "$dir" TERM "${entries[@]}" || rc=1
  labjson "$dir"
  return $rc
}

cmd_wait() {
  local dir; dir=$(lab_dir "${1:-}") || exit 1
  local timeout=${2:-30}
  [[ "$timeout" =~ ^[0-9]+$ ]] || die "not a number of seconds: $timeout"
  local start=$SECONDS end=$((SECONDS + timeout)) tries=0 states ok
  while [ $SECONDS -lt $end ] && [ $tries -lt 1000 ]; do
    tries=$((tries + 1))
    states=$(python3 "$HELPER" states "$dir")
    ok=1
    while read -r _ st; do
      [[ "$STABLE_STATES" == *" $st "* ]] || ok=0
    done <<<"$states"
    if [ $ok = 1 ]; then echo "all servers stable after $((SECONDS - start)) s"; return 0; fi
    sleep 0.2
  done
  echo "kea-lab: servers not stable after $timeout s:" >&2
  python3 "$HELPER" status "$dir" >&2
  return 1
}

cmd=${1:-}; [ $# -gt 0 ] && shift
case $cmd in
  start) cmd_start "$@" ;;
  stop) cmd_stop "$@" ;;
  status) dir=$(lab_dir "${1:-}") || exit 1; python3 "$HELPER" status "$dir" ;;
  wait) cmd_wait "$@" ;;
  pause-dhcp|resume-dhcp)
    dir=$(lab_dir "${1:-}") || exit 1
    set_root "$dir"
    check_server "$dir" "${2:-}"
    svc=$(service_arg "$dir" "${3:-}") || exit 1
    pid=$(our_pid "$dir" "$svc" "$2") || { echo "kea-lab: $svc of $2 is not running" >&2; exit 1; }
    if [ "$cmd" = pause-dhcp ]; then kill -STOP "$pid"; else kill -CONT "$pid"; fi
    echo "${cmd%-dhcp}d $svc $2 pid=$pid" ;;
  kill-dhcp|stop-dhcp|stop-ca|start-dhcp|start-ca)
    dir=$(lab_dir "${1:-}") || exit 1
    set_root "$dir"
    check_server "$dir" "${2:-}"
    svc=$(service_arg "$dir" "${3:-}") || exit 1
    case $cmd in stop-ca|start-ca) no_agent "$cmd" ;; esac
    rc=0
    case $cmd in
      kill-dhcp) stop_set "$dir" KILL "$svc/$2" || rc=1 ;;
      stop-dhcp) stop_set "$dir" TERM "$svc/$2" || rc=1 ;;
      stop-ca) stop_set "$dir" TERM "ca/$2" || rc=1 ;;
      start-dhcp) require_tools "$svc"; start_one "$dir" "$svc" "$2" || rc=1 ;;
      start-ca) require_tools; start_one "$dir" ca "$2" || rc=1 ;;
    esac
    labjson "$dir"
    exit $rc ;;
  ""|-h|--help|help) usage ;;
  *) echo "kea-lab: unknown command $cmd" >&2; usage ;;
esac
