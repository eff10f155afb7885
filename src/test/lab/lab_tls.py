"""Throwaway TLS material for the Kea lab (kea-lab.sh start --tls): one CA and one certificate and key per server.

Every certificate names 127.0.0.1 (the lab's only address) and may act as TLS server (its control endpoint, its HA
listener) and as TLS client (HA peers present their own certificate to each other). Keys are created mode 600 and
never leave DIR/tls. The CA's key is deleted once the server certificates are signed: nothing else may be signed.
"""
import os
import subprocess
import sys

DAYS = "7"


def _openssl(*args):
    done = subprocess.run(["openssl", *args], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if done.returncode != 0:
        sys.exit("kea-lab: openssl " + args[0] + " failed: " + done.stdout.strip())


def _private(path):
    # created empty with mode 600 first, so the key is never readable by others, not even for an instant
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.close(fd)


def make(base, names):
    """Writes DIR/tls/ca.pem and DIR/tls/NAME.{pem,key}; returns {"ca": path, NAME: (cert, key), ...}."""
    tls = os.path.join(base, "tls")
    os.makedirs(tls, mode=0o700, exist_ok=True)
    ca_key, ca_pem = os.path.join(tls, "ca.key"), os.path.join(tls, "ca.pem")
    _private(ca_key)
    _openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
             "-keyout", ca_key, "-out", ca_pem, "-days", DAYS, "-subj", "/CN=Tandem Kea lab CA",
             "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign")
    ext = os.path.join(tls, "server.ext")
    with open(ext, "w") as f:
        f.write("basicConstraints=critical,CA:FALSE\n"
                "keyUsage=critical,digitalSignature,keyEncipherment\n"
                "extendedKeyUsage=serverAuth,clientAuth\n"
                "subjectAltName=IP:127.0.0.1,DNS:localhost\n")
    out = {"ca": ca_pem}
    for name in names:
        key, csr, pem = (os.path.join(tls, name + suffix) for suffix in (".key", ".csr", ".pem"))
        _private(key)
        _openssl("req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                 "-keyout", key, "-out", csr, "-subj", "/CN=" + name)
        _openssl("x509", "-req", "-in", csr, "-CA", ca_pem, "-CAkey", ca_key, "-CAcreateserial",
                 "-days", DAYS, "-extfile", ext, "-out", pem)
        os.remove(csr)
        out[name] = (pem, key)
    os.remove(ca_key)
    return out


def enabled():
    """kea-lab.sh exports KEA_LAB_TLS=1 for --tls."""
    return os.environ.get("KEA_LAB_TLS") == "1"
