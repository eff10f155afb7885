#!/bin/bash
# Runs the whole test suite on a fresh Debian/Ubuntu machine: installs what the tests need (real Kea servers for
# the integration tests, ISC dhcpd, Java and Maven if missing), then builds and tests everything.
set -euo pipefail
cd "$(dirname "$0")/../.."

need=()
command -v kea-dhcp4 >/dev/null 2>&1 || [ -x /usr/sbin/kea-dhcp4 ] || need+=(kea-dhcp4-server)
command -v kea-ctrl-agent >/dev/null 2>&1 || [ -x /usr/sbin/kea-ctrl-agent ] || need+=(kea-ctrl-agent)
command -v python3 >/dev/null 2>&1 || need+=(python3)
# ISC dhcpd: every configuration the ISC tests write is checked with the real `dhcpd -t`
[ -x /usr/sbin/dhcpd ] || need+=(isc-dhcp-server)
# OpenSSH server: the SSH and safe-write tests log in to a real sshd started on 127.0.0.1
[ -x /usr/sbin/sshd ] || need+=(openssh-server)
# iproute2: the dhcpd failover pair runs in two network namespaces joined by veth
command -v ip >/dev/null 2>&1 || [ -x /usr/sbin/ip ] || [ -x /sbin/ip ] || need+=(iproute2)
# sudo: the safe write's privileged steps are tested through sudo -n
command -v sudo >/dev/null 2>&1 || need+=(sudo)
# Kea 3: its lab runs Debian's Kea 3.0 from a small Debian root built with mmdebstrap (src/test/lab/kea3-root.sh);
# kea-dhcp6-server brings the Kea 2 DHCPv6 daemon
command -v mmdebstrap >/dev/null 2>&1 || need+=(mmdebstrap)
[ -x /usr/sbin/kea-dhcp6 ] || need+=(kea-dhcp6-server)
# PostgreSQL: a real server (Debian's) holds the hosts database the Kea 3 peers share (tandem.lab.PostgresLab)
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || need+=(postgresql)
command -v mvn >/dev/null 2>&1 || need+=(maven)
command -v javac >/dev/null 2>&1 || need+=(openjdk-17-jdk-headless)
if [ ${#need[@]} -gt 0 ]; then
  SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
  echo "Installing: ${need[*]}"
  # The packaged Kea services must not grab port 8000 on a systemd host; the lab picks its own free ports anyway.
  $SUDO apt-get update
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y "${need[@]}"
fi

# Built once and cached between runs (about a minute and 230 MB); the tests find it at the same path
# (-Dtandem.kea3.root or KEA3_ROOT to move it).
export KEA3_ROOT=${KEA3_ROOT:-/var/cache/tandem/kea3-root}
SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
$SUDO env KEA3_ROOT="$KEA3_ROOT" bash src/test/lab/kea3-root.sh "$KEA3_ROOT"

exec mvn -B verify "$@"
