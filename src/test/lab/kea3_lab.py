"""Kea 3 side of kea-lab.py: configuration of servers run under chroot with their own HTTP control sockets.

Kea 3 has no Control Agent here: each kea-dhcp4 opens an HTTP control socket on 127.0.0.1 with basic
authentication read from a user file and a password file (Kea 3 refuses clear-text secrets in its configuration),
and HA peers log in with the same password file. Every path written into a configuration is the path inside the
chroot; the lab directory must therefore lie inside the root.
"""
import json
import os
import secrets
import sys

import lab_tls

USER = "tandem"


def in_root(root, path):
    """The path a process chrooted to root sees for the host path."""
    rel = os.path.relpath(path, root)
    if rel.startswith(".."):
        sys.exit(f"kea-lab: {path} is not inside the Kea 3 root {root}")
    return "/" + rel


def write_secret(path, value):
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write(value)


def hosts_database(auth):
    """The hosts-database every server names, from KEA_LAB_HOSTS_DB (JSON: type, name, host, port, user), or None.

    Kea 3 accepts a clear-text 'password' there but shows it to anyone allowed config-get: the password goes to
    auth/pgpass instead (from KEA_LAB_HOSTS_DB_PASSWORD), which libpq reads through PGPASSFILE (kea-lab.sh sets it).
    """
    spec = os.environ.get("KEA_LAB_HOSTS_DB")
    if not spec:
        return None
    db = json.loads(spec)
    password = os.environ.get("KEA_LAB_HOSTS_DB_PASSWORD", "")
    if password:
        write_secret(os.path.join(auth, "pgpass"),
                     f"{db['host']}:{db['port']}:{db['name']}:{db['user']}:{password}\n")
    return db


def gen3(base, root, mode, names, roles, nets, listener, free_ports, service="dhcp4"):
    """Writes etc/kea-SERVICE-sN.json, auth/{user,password}; returns the server entries of lab-static.json.

    service: dhcp4, or dhcp6 (nets are then subnet6 entries): the one daemon each server runs.
    """
    auth = os.path.join(base, "auth")
    os.makedirs(auth, mode=0o700, exist_ok=True)
    write_secret(os.path.join(auth, "user"), USER)
    write_secret(os.path.join(auth, "password"), secrets.token_urlsafe(18))
    total = len(names)
    dedicated = listener == "dedicated"
    ports = free_ports(total * 2 if dedicated else total)
    control_ports = ports[:total]
    ha_ports = ports[total:] if dedicated else control_ports
    # KEA_LAB_TLS=1: control sockets serve HTTPS and HA peers talk TLS (lab_tls)
    tls = lab_tls.make(base, names) if lab_tls.enabled() else None
    scheme = "https" if tls else "http"
    control_urls = [f"{scheme}://127.0.0.1:{p}/" for p in control_ports]
    ha_urls = [f"{scheme}://127.0.0.1:{p}/" for p in ha_ports]
    auth_in_root = in_root(root, auth)
    servers = []
    for idx, name in enumerate(names):
        sid = f"s{idx + 1}"
        run = os.path.join(base, "run", sid)
        os.makedirs(run, exist_ok=True)
        ha = {"this-server-name": name, "mode": mode,
              "multi-threading": {"enable-multi-threading": True, "http-dedicated-listener": dedicated},
              "peers": [{"name": n, "url": ha_urls[j], "role": roles[j], "auto-failover": True,
                         "basic-auth-user": USER,
                         "basic-auth-password-file": auth_in_root + "/password"}
                        for j, n in enumerate(names)]}
        files = {}
        if tls:
            # this server's files, inside the root: as HA client to its peers and as server of its HA listener
            files = {"trust-anchor": in_root(root, tls["ca"]), "cert-file": in_root(root, tls[name][0]),
                     "key-file": in_root(root, tls[name][1])}
            ha.update(files)
        if mode != "passive-backup":
            ha.update({"heartbeat-delay": 1000, "max-response-delay": 3000,
                       "max-ack-delay": 1000, "max-unacked-clients": 0})
        # KEA_LAB_HOOKS: more libraries by name, e.g. libdhcp_host_cmds.so,libdhcp_subnet_cmds.so
        extra = [{"library": lib} for lib in os.environ.get("KEA_LAB_HOOKS", "").split(",") if lib]
        hosts_db = hosts_database(auth)
        if hosts_db:
            # the PostgreSQL backend is a hook in Kea 3: loaded first, so the hosts database opens with it
            extra = [{"library": "libdhcp_pgsql.so"}] + extra
        hooks_libraries = ([{"library": "libdhcp_lease_cmds.so"}] + extra
                           + [{"library": "libdhcp_ha.so", "parameters": {"high-availability": [ha]}}])
        own_nets = nets
        if mode == "standalone":
            # as kea-lab.py's standalone servers: only the first loads lease_cmds, the others have fewer subnets
            hooks_libraries = hooks_libraries[:1] + extra if idx == 0 else extra
            own_nets = nets if idx == 0 else nets[:1]
        socket = {"socket-type": scheme, "socket-address": "127.0.0.1", "socket-port": control_ports[idx],
                  "authentication": {"type": "basic", "realm": "kea", "directory": auth_in_root,
                                     "clients": [{"user-file": "user", "password-file": "password"}]}}
        if tls:
            # Tandem has no client certificate, so the socket must not require one (cert-required defaults to true);
            # basic authentication still says who may send commands
            socket.update(files, **{"cert-required": False})
        v6 = service == "dhcp6"
        daemon = {
            "interfaces-config": {"interfaces": []} if v6 else {"interfaces": [], "dhcp-socket-type": "udp"},
            "control-sockets": [socket],
            # file names without a directory: Kea 3 keeps them in KEA_DHCP_DATA_DIR / KEA_LOG_FILE_DIR
            # (the DHCPv6 server's DUID file too)
            "lease-database": {"type": "memfile", "persist": True, "name": f"kea-leases{service[-1]}.csv",
                               "lfc-interval": 0},
            "valid-lifetime": 3600 if not v6 else 4000,
            "hooks-libraries": hooks_libraries,
            f"subnet{service[-1]}": own_nets,
            **({"hosts-database": hosts_db} if hosts_db else {}),
            "loggers": [{"name": f"kea-{service}", "output-options": [{"output": f"kea-{service}.log"}],
                         "severity": "INFO", "debuglevel": 0}]}
        if v6:
            daemon.update({"preferred-lifetime": 3000, "renew-timer": 1000, "rebind-timer": 2000})
        dcfg = os.path.join(base, "etc", f"kea-{service}-{sid}.json")
        with open(dcfg, "w") as f:
            json.dump({"Dhcp6" if v6 else "Dhcp4": daemon}, f, indent=1 if len(nets) < 50 else None)
        servers.append({"id": sid, "name": name, "role": roles[idx],
                        # caPort/caUrl: the control endpoint Tandem talks to (here the daemon's own socket)
                        "caPort": control_ports[idx], "caUrl": control_urls[idx],
                        "controlUrl": control_urls[idx], "haUrl": ha_urls[idx],
                        "user": USER, "passwordFile": os.path.join(auth, "password"),
                        "dhcp4Config": dcfg, "dhcp4ConfigInRoot": in_root(root, dcfg), "caConfig": None,
                        "socket": None, "runDir": run, "runDirInRoot": in_root(root, run),
                        "trustAnchor": tls["ca"] if tls else None})
        if v6:
            # as in a Kea 2 DHCPv6 lab: dhcp4Config names the file a DHCPv4 daemon would have (not written)
            d4 = os.path.join(base, "etc", f"kea-dhcp4-{sid}.json")
            servers[-1].update({"dhcp4Config": d4, "dhcp4ConfigInRoot": in_root(root, d4), "dhcp6Config": dcfg})
    return servers
