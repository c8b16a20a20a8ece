#!/usr/bin/env python3
"""Starts and stops a real Redis Cluster on loopback for tact's tests.

Debian's redis-server and redis-cli: one redis-server process per node, each
in its own directory under DIR, joined with `redis-cli --cluster create`.
The default is what the cluster tests need: 3 masters with a replica each
and a small cluster-node-timeout, so that a killed master's replica takes
over within a few seconds.

Used two ways:
  - from Python: `RedisCluster(directory).start()`, then `.url` and `.stop()`;
  - from a shell or a C++ test: `cluster.py start DIR` prints the cluster's
    address (redis://[:password@]host:port,...) once it is ready;
    `cluster.py stop DIR` stops every process it started in DIR, and
    `cluster.py kill DIR PORT` kills one of them with SIGKILL.
"""
import argparse
import json
import os
import random
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

HOST = "127.0.0.1"
# A node's cluster bus listens on its port + 10000, so ports stay below
# 55536; they are drawn from a range the kernel does not hand out itself.
PORT_RANGE = (20000, 30000)
READY_SECONDS = 60


def port_is_free(port):
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((HOST, port))
        except OSError:
            return False
    return True


def free_ports(count):
    """`count` ports whose bus ports (port + 10000) are free as well."""
    for _ in range(200):
        base = random.randrange(*PORT_RANGE)
        ports = list(range(base, base + count))
        if all(port_is_free(p) and port_is_free(p + 10000) for p in ports):
            return ports
    raise RuntimeError("no free run of loopback ports for a Redis Cluster")


def redis_cli(port, *words, password=None, timeout=10):
    """One command through redis-cli; returns its stdout, stripped."""
    auth = ["--no-auth-warning", "-a", password] if password else []
    result = subprocess.run(["redis-cli", "-h", HOST, "-p", str(port), *auth, *words],
                            capture_output=True, text=True, timeout=timeout)
    return result.stdout.strip()


class RedisCluster:
    def __init__(self, directory, masters=3, replicas=1, node_timeout_ms=2000, password=None):
        self.directory = Path(directory)
        self.password = password
        self.masters = masters
        self.replicas = replicas
        self.node_timeout_ms = node_timeout_ms
        self.ports = []
        self.processes = {}

    @property
    def seeds(self):
        return ",".join(f"{HOST}:{port}" for port in self.ports)

    @property
    def url(self):
        credentials = f":{self.password}@" if self.password else ""
        return f"redis://{credentials}{self.seeds}"

    def cli(self, port, *words):
        return redis_cli(port, *words, password=self.password)

    def start(self):
        self.directory.mkdir(parents=True, exist_ok=True)
        self.ports = free_ports(self.masters * (1 + self.replicas))
        for port in self.ports:
            self.start_node(port)
        for port in self.ports:
            self.wait_for_ping(port)
        auth = ["--no-auth-warning", "-a", self.password] if self.password else []
        create = subprocess.run(
            ["redis-cli", *auth, "--cluster", "create", *[f"{HOST}:{p}" for p in self.ports],
             "--cluster-replicas", str(self.replicas), "--cluster-yes"],
            capture_output=True, text=True, timeout=120)
        if create.returncode != 0:
            raise RuntimeError(f"redis-cli --cluster create failed:\n{create.stdout}{create.stderr}")
        self.wait_until_ready()
        (self.directory / "cluster.json").write_text(json.dumps(
            {"ports": self.ports, "pids": {str(p): proc.pid for p, proc in self.processes.items()}}))
        return self

    def start_node(self, port):
        node_dir = self.directory / str(port)
        node_dir.mkdir(parents=True, exist_ok=True)
        config = node_dir / "redis.conf"
        config.write_text("\n".join([
            f"bind {HOST}", f"port {port}", "protected-mode no", f"dir {node_dir}",
            "cluster-enabled yes", "cluster-config-file nodes.conf",
            f"cluster-node-timeout {self.node_timeout_ms}",
            # No disk: the replicas keep the state, and the tests start anew.
            'save ""', "appendonly no", "logfile redis.log", "daemonize no",
            # DEBUG SLEEP from loopback: how the tests make a node slow.
            "enable-debug-command local",
            # As docs/operations.md advises: people's records stay listpacks.
            "hash-max-listpack-value 512",
        ] + ([f"requirepass {self.password}", f"masterauth {self.password}"]
             if self.password else [])) + "\n")
        self.processes[port] = subprocess.Popen(
            ["redis-server", str(config)], stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL, start_new_session=True)

    def wait_for_ping(self, port):
        deadline = time.monotonic() + READY_SECONDS
        while time.monotonic() < deadline:
            if self.cli(port, "PING") == "PONG":
                return
            if self.processes[port].poll() is not None:
                raise RuntimeError(f"redis-server on port {port} exited: "
                                   + (self.directory / str(port) / "redis.log").read_text())
            time.sleep(0.05)
        raise RuntimeError(f"redis-server on port {port} did not answer PING")

    def live_ports(self):
        return [p for p, proc in self.processes.items() if proc.poll() is None]

    def wait_until_ready(self, seconds=READY_SECONDS):
        """Every live node sees the cluster ok, and every master has its replicas."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if all(self.node_ready(port) for port in self.live_ports()):
                return
            time.sleep(0.1)
        raise RuntimeError("the Redis Cluster did not become ready:\n"
                           + self.cli(self.live_ports()[0], "CLUSTER", "NODES"))

    def node_ready(self, port):
        if "cluster_state:ok" not in self.cli(port, "CLUSTER", "INFO"):
            return False
        replication = self.cli(port, "INFO", "replication")
        if "role:master" in replication:
            owns_slots = self.owned_slots(port) > 0
            return not owns_slots or f"connected_slaves:{self.replicas}" in replication
        return "master_link_status:up" in replication

    def master_of(self, key):
        """The port of the live master serving `key` now."""
        asked = self.live_ports()[0]
        slot = int(self.cli(asked, "CLUSTER", "KEYSLOT", key))
        for line in self.cli(asked, "CLUSTER", "NODES").splitlines():
            fields = line.split()
            if "master" not in fields[2] or "fail" in fields[2]:
                continue
            for part in fields[8:]:
                low, _, high = part.partition("-")
                if not part.startswith("[") and int(low) <= slot <= int(high or low):
                    return int(fields[1].split("@")[0].rsplit(":", 1)[1])
        raise RuntimeError(f"no master serves {key}")

    def owned_slots(self, port):
        for line in self.cli(port, "CLUSTER", "NODES").splitlines():
            fields = line.split()
            if "myself" in fields[2]:
                return sum(1 for f in fields[8:] if not f.startswith("["))
        return 0

    def stop(self):
        for process in self.processes.values():
            if process.poll() is None:
                process.terminate()
        for process in self.processes.values():
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def stop_directory(directory):
    """Stops the processes a `start` in `directory` left running."""
    state = Path(directory) / "cluster.json"
    if not state.exists():
        return
    for pid in json.loads(state.read_text())["pids"].values():
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
    state.unlink()


def kill_in_directory(directory, port):
    """SIGKILL of the node on `port` that a `start` in `directory` started."""
    state = Path(directory) / "cluster.json"
    pid = json.loads(state.read_text())["pids"][str(port)]
    os.kill(pid, signal.SIGKILL)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["start", "stop", "kill"])
    parser.add_argument("directory")
    parser.add_argument("port", nargs="?", type=int, help="kill: the node's port")
    parser.add_argument("--masters", type=int, default=3)
    parser.add_argument("--replicas", type=int, default=1)
    parser.add_argument("--node-timeout-ms", type=int, default=2000)
    parser.add_argument("--password", help="requirepass (and masterauth) of every node")
    args = parser.parse_args()
    if args.action == "stop":
        stop_directory(args.directory)
        return
    if args.action == "kill":
        kill_in_directory(args.directory, args.port)
        return
    cluster = RedisCluster(args.directory, args.masters, args.replicas, args.node_timeout_ms,
                           args.password)
    try:
        cluster.start()
    except Exception:
        cluster.stop()
        raise
    print(cluster.url, flush=True)


if __name__ == "__main__":
    sys.exit(main())
