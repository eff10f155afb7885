#!/usr/bin/env python3
"""JSON side of kea-lab.sh: config generation, free ports, lab.json, status queries.

usage (called by kea-lab.sh, not meant to be run by hand):
  kea-lab.py gen DIR MODE SERVERS BACKUPS SUBNETS RES_PER_SUBNET HOOKS_DIR [SERVICES]
                                  SERVICES: dhcp4 (default), dhcp6, or dhcp4,dhcp6 (one agent fronts both)
  kea-lab.py gen3 DIR ROOT LISTENER MODE SERVERS BACKUPS SUBNETS RES_PER_SUBNET [SERVICE]
                                  Kea 3 under chroot ROOT; SERVICE: dhcp4 (default) or dhcp6
  kea-lab.py root DIR             print the Kea 3 root of the lab, nothing for a Kea 2 lab
  kea-lab.py labjson DIR          rewrite DIR/lab.json from DIR/lab-static.json and the pid files
  kea-lab.py servers DIR          print the server ids (s1 s2 ...)
  kea-lab.py ca-port DIR sN       print the Control Agent port of sN
  kea-lab.py services DIR         print the services the lab runs (dhcp4 dhcp6), the first being the default
  kea-lab.py status DIR [sN ...]  one line per server: id name pids and the HA state reported by status-get
  kea-lab.py states DIR           one line per server: id local-state (or "-" when it does not answer)
"""
import json
import os
import random
import socket
import sys
import urllib.error
import urllib.request
import base64
import ssl

import kea3_lab
import lab_tls

STATIC = "lab-static.json"


def free_ports(count):
    """Ports that are free right now on 127.0.0.1, found by binding to them.

    Picked below the usual ephemeral range (32768+) so outgoing connections of other
    programs are unlikely to take them between this probe and the Control Agent binding them.
    All sockets stay open until every port is chosen, so no port is returned twice.
    """
    held, ports = [], []
    rng = random.Random()
    try:
        for _ in range(2000):
            if len(ports) == count:
                break
            port = rng.randint(20000, 32000)
            if port in ports:
                continue
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                s.close()
                continue
            held.append(s)
            ports.append(port)
    finally:
        for s in held:
            s.close()
    if len(ports) != count:
        sys.exit(f"kea-lab: could not find {count} free TCP ports on 127.0.0.1")
    return ports


def roles_for(mode, total):
    if mode == "standalone":
        return ["standalone"] * total
    if mode == "passive-backup":
        return ["primary"] + ["backup"] * (total - 1)
    second = "secondary" if mode == "load-balancing" else "standby"
    return ["primary", second] + ["backup"] * (total - 2)


def subnets(count, res_per_subnet):
    out = []
    for i in range(count):
        net = f"10.{10 + i // 256}.{i % 256}"
        res = []
        for r in range(res_per_subnet):
            n = i * res_per_subnet + r
            mac = "02:00:%02x:%02x:%02x:%02x" % ((n >> 24) & 255, (n >> 16) & 255, (n >> 8) & 255, n & 255)
            res.append({"hw-address": mac, "ip-address": f"{net}.{10 + r}", "hostname": f"host-{n}"})
        out.append({"id": i + 1, "subnet": f"{net}.0/24",
                    "pools": [{"pool": f"{net}.100 - {net}.200"}],
                    "option-data": [{"name": "routers", "data": f"{net}.1"}],
                    "reservations": res})
    return out


def subnets6(count, res_per_subnet):
    """DHCPv6 subnets with an address pool, a prefix-delegation pool, DUID reservations and an option each."""
    out = []
    for i in range(count):
        net = f"2001:db8:{i + 1:x}"
        res = []
        for r in range(res_per_subnet):
            n = i * res_per_subnet + r
            duid = "00:03:00:01:02:00:%02x:%02x:%02x:%02x" % ((n >> 24) & 255, (n >> 16) & 255, (n >> 8) & 255, n & 255)
            res.append({"duid": duid, "ip-addresses": [f"{net}::{10 + r:x}"], "hostname": f"host6-{n}"})
        out.append({"id": i + 1, "subnet": f"{net}::/64",
                    "pools": [{"pool": f"{net}::100 - {net}::1ff"}],
                    "pd-pools": [{"prefix": f"2001:db9:{i + 1:x}::", "prefix-len": 56, "delegated-len": 64}],
                    "option-data": [{"name": "dns-servers", "data": f"{net}::1"}],
                    "reservations": res})
    return out


def dhcp6_config(run, sock, hooks, ha, subnet_count, res_per_subnet, standalone_index=None):
    hooks_libraries = [
        {"library": os.path.join(hooks, "libdhcp_lease_cmds.so")},
        {"library": os.path.join(hooks, "libdhcp_ha.so"),
         "parameters": {"high-availability": [ha]}}]
    nets = subnets6(subnet_count, res_per_subnet)
    if standalone_index is not None:
        # as the Dhcp4 standalone servers: the first loads lease_cmds only, the others no hook and one subnet
        hooks_libraries = hooks_libraries[:1] if standalone_index == 0 else []
        nets = nets if standalone_index == 0 else nets[:1]
    return {"Dhcp6": {
        "interfaces-config": {"interfaces": []},
        "control-socket": {"socket-type": "unix", "socket-name": sock},
        # its DUID file (server-id) goes here, not to the shared /var/lib/kea
        "data-directory": run,
        "lease-database": {"type": "memfile", "persist": True,
                           "name": os.path.join(run, "kea-leases6.csv"), "lfc-interval": 0},
        "preferred-lifetime": 3000, "valid-lifetime": 4000, "renew-timer": 1000, "rebind-timer": 2000,
        "hooks-libraries": hooks_libraries,
        "subnet6": nets,
        "loggers": [{"name": "kea-dhcp6",
                     "output_options": [{"output": os.path.join(run, "kea-dhcp6.log")}],
                     "severity": "INFO", "debuglevel": 0}]}}


def gen(base, mode, total, backups, subnet_count, res_per_subnet, hooks, services=("dhcp4",)):
    base = os.path.abspath(base)
    etc = os.path.join(base, "etc")
    os.makedirs(etc, exist_ok=True)
    names = [f"server{i}" for i in range(1, total + 1)]
    roles = roles_for(mode, total)
    ports = free_ports(total)
    # KEA_LAB_TLS=1: each Control Agent serves HTTPS and HA peers talk TLS to each other's agents (lab_tls)
    tls = lab_tls.make(base, names) if lab_tls.enabled() else None
    urls = [f"{'https' if tls else 'http'}://127.0.0.1:{p}/" for p in ports]
    nets = subnets(subnet_count, res_per_subnet)
    servers = []
    for idx, name in enumerate(names):
        sid = f"s{idx + 1}"
        run = os.path.join(base, "run", sid)
        os.makedirs(run, exist_ok=True)
        sock = os.path.join(run, "kea4-ctrl.sock")
        sock6 = os.path.join(run, "kea6-ctrl.sock")
        # the kernel limit for a unix socket path is 108 bytes including the NUL
        if len(sock.encode()) > 100:
            sys.exit(f"kea-lab: lab directory path too long for a unix socket: {sock}")
        ha = {"this-server-name": name, "mode": mode,
              "peers": [{"name": n, "url": urls[j], "role": roles[j], "auto-failover": True}
                        for j, n in enumerate(names)]}
        files = {}
        if tls:
            files = {"trust-anchor": tls["ca"], "cert-file": tls[name][0], "key-file": tls[name][1]}
            ha.update(files)
        if mode != "passive-backup":
            # short timers so failover happens within seconds in tests
            ha.update({"heartbeat-delay": 1000, "max-response-delay": 3000,
                       "max-ack-delay": 1000, "max-unacked-clients": 0})
        hooks_libraries = [
            {"library": os.path.join(hooks, "libdhcp_lease_cmds.so")},
            {"library": os.path.join(hooks, "libdhcp_ha.so"),
             "parameters": {"high-availability": [ha]}}]
        own_nets = nets
        if mode == "standalone":
            # servers set up one by one: only the first loads lease_cmds, the others have fewer subnets
            hooks_libraries = hooks_libraries[:1] if idx == 0 else []
            own_nets = nets if idx == 0 else nets[:1]
        dhcp4 = {"Dhcp4": {
            "interfaces-config": {"interfaces": [], "dhcp-socket-type": "udp"},
            "control-socket": {"socket-type": "unix", "socket-name": sock},
            "lease-database": {"type": "memfile", "persist": True,
                               "name": os.path.join(run, "kea-leases4.csv"), "lfc-interval": 0},
            "valid-lifetime": 3600,
            "hooks-libraries": hooks_libraries,
            "subnet4": own_nets,
            "loggers": [{"name": "kea-dhcp4",
                         "output_options": [{"output": os.path.join(run, "kea-dhcp4.log")}],
                         "severity": "INFO", "debuglevel": 0}]}}
        sockets = {}
        if "dhcp4" in services:
            sockets["dhcp4"] = {"socket-type": "unix", "socket-name": sock}
        if "dhcp6" in services:
            sockets["dhcp6"] = {"socket-type": "unix", "socket-name": sock6}
        ca = {"Control-agent": {
            "http-host": "127.0.0.1", "http-port": ports[idx],
            "control-sockets": sockets,
            "loggers": [{"name": "kea-ctrl-agent",
                         "output_options": [{"output": os.path.join(run, "kea-ctrl-agent.log")}],
                         "severity": "INFO", "debuglevel": 0}]}}
        if tls:
            # Tandem has no client certificate: the agent must not require one (cert-required defaults to true)
            ca["Control-agent"].update(files, **{"cert-required": False})
        dcfg = os.path.join(etc, f"kea-dhcp4-{sid}.json")
        ccfg = os.path.join(etc, f"kea-ca-{sid}.json")
        if "dhcp4" in services:
            with open(dcfg, "w") as f:
                json.dump(dhcp4, f, indent=1 if subnet_count < 50 else None)
        with open(ccfg, "w") as f:
            json.dump(ca, f, indent=1)
        entry = {"id": sid, "name": name, "role": roles[idx], "caPort": ports[idx], "caUrl": urls[idx],
                 "dhcp4Config": dcfg, "caConfig": ccfg, "socket": sock, "runDir": run,
                 "trustAnchor": tls["ca"] if tls else None}
        if "dhcp6" in services:
            d6cfg = os.path.join(etc, f"kea-dhcp6-{sid}.json")
            with open(d6cfg, "w") as f:
                json.dump(dhcp6_config(run, sock6, hooks, ha, subnet_count, res_per_subnet,
                                       idx if mode == "standalone" else None), f,
                          indent=1 if subnet_count < 50 else None)
            entry.update({"dhcp6Config": d6cfg, "socket6": sock6})
        servers.append(entry)
    with open(os.path.join(base, STATIC), "w") as f:
        json.dump({"dir": base, "mode": mode, "services": list(services), "servers": servers}, f, indent=1)
    write_labjson(base)


def gen3(base, root, listener, mode, total, backups, subnet_count, res_per_subnet, service="dhcp4"):
    base = os.path.abspath(base)
    os.makedirs(os.path.join(base, "etc"), exist_ok=True)
    names = [f"server{i}" for i in range(1, total + 1)]
    nets = (subnets6 if service == "dhcp6" else subnets)(subnet_count, res_per_subnet)
    servers = kea3_lab.gen3(base, os.path.abspath(root), mode, names, roles_for(mode, total),
                            nets, listener, free_ports, service)
    with open(os.path.join(base, STATIC), "w") as f:
        json.dump({"dir": base, "mode": mode, "kea3Root": os.path.abspath(root), "haListener": listener,
                   "services": [service], "servers": servers}, f, indent=1)
    write_labjson(base)


def load_static(base):
    path = os.path.join(base, STATIC)
    if not os.path.exists(path):
        sys.exit(f"kea-lab: {base} is not a lab directory (no {STATIC})")
    with open(path) as f:
        return json.load(f)


def pid_of(run, kind):
    """The pid recorded for kind (dhcp4|ca) if that process is still alive, else None."""
    try:
        with open(os.path.join(run, f"{kind}.pid")) as f:
            pid = int(f.read().strip())
        os.kill(pid, 0)
        return pid
    except (OSError, ValueError):
        return None


def write_labjson(base):
    lab = load_static(base)
    for s in lab["servers"]:
        s["dhcp4Pid"] = pid_of(s["runDir"], "dhcp4")
        s["dhcp6Pid"] = pid_of(s["runDir"], "dhcp6")
        s["caPid"] = pid_of(s["runDir"], "ca")
    tmp = os.path.join(base, "lab.json.tmp")
    with open(tmp, "w") as f:
        json.dump(lab, f, indent=1)
    os.replace(tmp, os.path.join(base, "lab.json"))


def services_of(lab):
    return lab.get("services", ["dhcp4"])


def status_get(url, timeout=2.0, service="dhcp4", password_file=None, user=None, trust_anchor=None):
    body = json.dumps({"command": "status-get", "service": [service]}).encode()
    headers = {"Content-Type": "application/json"}
    if password_file:
        with open(password_file) as f:
            token = base64.b64encode(f"{user}:{f.read().strip()}".encode()).decode()
        headers["Authorization"] = "Basic " + token
    req = urllib.request.Request(url, data=body, headers=headers)
    # the lab is on loopback: never go through a proxy from the environment
    handlers = [urllib.request.ProxyHandler({})]
    if trust_anchor:
        handlers.append(urllib.request.HTTPSHandler(context=ssl.create_default_context(cafile=trust_anchor)))
    opener = urllib.request.build_opener(*handlers)
    with opener.open(req, timeout=timeout) as resp:
        return json.loads(resp.read())


def ha_summary(server, service="dhcp4"):
    """(local state or None, one-line description) for a server's daemon of that service."""
    try:
        answer = status_get(server["caUrl"], service=service, password_file=server.get("passwordFile"),
                            user=server.get("user"), trust_anchor=server.get("trustAnchor"))
    except (urllib.error.URLError, OSError, ValueError) as e:
        what = "control socket" if server.get("passwordFile") else "Control Agent"
        return None, f"{what} unreachable ({getattr(e, 'reason', e)})"
    first = answer[0] if isinstance(answer, list) and answer else answer
    if first.get("result") != 0:
        return None, f"result {first.get('result')}: {first.get('text')}"
    parts, local_state = [], None
    for rel in first.get("arguments", {}).get("high-availability", []):
        hs = rel.get("ha-servers", {})
        local = hs.get("local", {})
        remote = hs.get("remote")
        local_state = local_state or local.get("state")
        text = f"{rel.get('ha-mode')} local={local.get('state')}"
        if remote:
            text += f" remote={remote.get('last-state')}"
            if remote.get("communication-interrupted"):
                text += " (communication interrupted)"
        parts.append(text)
    if not parts:
        return "standalone", "no HA relationship (standalone)"
    return local_state, "; ".join(parts)


def select(lab, ids):
    if not ids:
        return lab["servers"]
    chosen = [s for s in lab["servers"] if s["id"] in ids]
    unknown = set(ids) - {s["id"] for s in chosen}
    if unknown:
        sys.exit(f"kea-lab: unknown server {' '.join(sorted(unknown))}")
    return chosen


def main(argv):
    if len(argv) < 3:
        sys.exit(__doc__)
    cmd, base = argv[1], os.path.abspath(argv[2])
    if cmd == "gen":
        mode, total, backups, nsub, nres, hooks = argv[3], int(argv[4]), int(argv[5]), int(argv[6]), int(argv[7]), argv[8]
        services = tuple(argv[9].split(",")) if len(argv) > 9 else ("dhcp4",)
        gen(base, mode, total, backups, nsub, nres, hooks, services)
        return
    if cmd == "gen3":
        gen3(base, argv[3], argv[4], argv[5], int(argv[6]), int(argv[7]), int(argv[8]), int(argv[9]),
             argv[10] if len(argv) > 10 else "dhcp4")
        return
    lab = load_static(base)
    if cmd == "labjson":
        write_labjson(base)
    elif cmd == "root":
        print(lab.get("kea3Root") or "")
    elif cmd == "servers":
        print(" ".join(s["id"] for s in lab["servers"]))
    elif cmd == "ca-port":
        print(select(lab, argv[3:4])[0]["caPort"])
    elif cmd == "services":
        print(" ".join(services_of(lab)))
    elif cmd == "status":
        for s in select(lab, argv[3:]):
            for svc in services_of(lab):
                dpid, cpid = pid_of(s["runDir"], svc), pid_of(s["runDir"], "ca")
                _, text = ha_summary(s, svc)
                ca = "none (Kea 3: own control socket)" if lab.get("kea3Root") else (cpid or 'stopped')
                print(f"{s['id']} {s['name']} ({s['role']}) {s['caUrl']} {svc}={dpid or 'stopped'} "
                      f"ca={ca}: {text}")
    elif cmd == "states":
        for s in select(lab, argv[3:]):
            for svc in services_of(lab):
                state, _ = ha_summary(s, svc)
                if state == "standalone" and lab.get("mode") != "standalone":
                    state = None  # HA not reported yet: a server of an HA lab is still starting
                print(f"{s['id']} {state or '-'}")
    else:
        sys.exit(f"kea-lab: unknown helper command {cmd}")


if __name__ == "__main__":
    main(sys.argv)
