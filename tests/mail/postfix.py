"""A private Postfix for tests and benchmarks: Debian's postfix package with
its own configuration directory, queue and loopback port, relaying every
message to an smtp-sink (also Postfix's) that writes each one to a file.
Needs root (Postfix's master runs as root and its daemons as `postfix`).

    python3 tests/mail/postfix.py start DIR [--milter inet:PORT@127.0.0.1]
    python3 tests/mail/postfix.py stop DIR
"""
import argparse
import os
import pathlib
import shutil
import socket
import subprocess
import sys
import time

# Postfix's daemons, as Debian's master.cf runs them, without chroot.
MASTER_CF = """\
{listen} inet n - n - - smtpd
pickup    unix  n       -       n       60      1       pickup
cleanup   unix  n       -       n       -       0       cleanup
qmgr      unix  n       -       n       300     1       qmgr
rewrite   unix  -       -       n       -       -       trivial-rewrite
bounce    unix  -       -       n       -       0       bounce
defer     unix  -       -       n       -       0       bounce
trace     unix  -       -       n       -       0       bounce
verify    unix  -       -       n       -       1       verify
flush     unix  n       -       n       1000?   0       flush
proxymap  unix  -       -       n       -       -       proxymap
smtp      unix  -       -       n       -       -       smtp
relay     unix  -       -       n       -       -       smtp
showq     unix  n       -       n       -       -       showq
error     unix  -       -       n       -       -       error
retry     unix  -       -       n       -       -       error
discard   unix  -       -       n       -       -       discard
anvil     unix  -       -       n       -       1       anvil
scache    unix  -       -       n       -       1       scache
postlog   unix-dgram n  -       n       -       1       postlogd
"""


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port, seconds=30, process=None):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"exited with {process.returncode} before listening on {port}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing listens on 127.0.0.1:{port} after {seconds} s")


class Postfix:
    """Postfix on 127.0.0.1:`port`, relaying to an smtp-sink on `sink_port`
    that writes each message it receives into `sink/`."""

    def __init__(self, directory, milter=None, default_action="tempfail", main_extra=""):
        self.directory = pathlib.Path(directory)
        self.port = free_port()
        self.sink_port = free_port()
        self.milter = milter
        self.default_action = default_action
        self.main_extra = main_extra
        self.sink_process = None

    @property
    def conf(self):
        return self.directory / "conf"

    @property
    def sink(self):
        return self.directory / "sink"

    def _write_config(self):
        self.conf.mkdir(parents=True, exist_ok=True)
        for name in ["queue", "data", "sink"]:
            (self.directory / name).mkdir(exist_ok=True)
        # The daemons run as `postfix`: it must reach and own its places.
        os.chmod(self.directory, 0o755)
        shutil.chown(self.directory / "data", "postfix")
        shutil.chown(self.sink, "postfix")
        milter = ""
        if self.milter:
            milter = (f"smtpd_milters = {self.milter}\n"
                      f"milter_default_action = {self.default_action}\n"
                      "milter_connect_timeout = 5s\n"
                      "milter_command_timeout = 15s\n"
                      "milter_content_timeout = 30s\n")
        (self.conf / "main.cf").write_text(
            "compatibility_level = 3.6\n"
            f"queue_directory = {self.directory / 'queue'}\n"
            f"data_directory = {self.directory / 'data'}\n"
            "mail_owner = postfix\n"
            "setgid_group = postdrop\n"
            "myhostname = tact-test.localdomain\n"
            "mydestination =\n"
            "inet_interfaces = 127.0.0.1\n"
            "inet_protocols = ipv4\n"
            "mynetworks = 127.0.0.0/8\n"
            f"relayhost = [127.0.0.1]:{self.sink_port}\n"
            "smtpd_relay_restrictions = permit_mynetworks, reject\n"
            "smtp_tls_security_level = none\n"
            "smtpd_tls_security_level = none\n"
            # The sink is on loopback: retry it soon when it was slow to start.
            "minimal_backoff_time = 5s\n"
            "maximal_backoff_time = 10s\n"
            "queue_run_delay = 5s\n"
            f"maillog_file = {self.directory / 'maillog'}\n"
            f"maillog_file_prefixes = {self.directory}\n"
            + milter + self.main_extra)
        (self.conf / "master.cf").write_text(MASTER_CF.format(listen=f"127.0.0.1:{self.port}"))

    def _postfix(self, *args, check=True):
        return subprocess.run(["postfix", "-c", str(self.conf), *args], capture_output=True,
                              text=True, check=check, timeout=60)

    def start(self):
        self._write_config()
        self.sink_process = subprocess.Popen(
            ["smtp-sink", "-u", "postfix", "-d", f"{self.sink}/msg.",
             f"127.0.0.1:{self.sink_port}", "100"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_for_port(self.sink_port, process=self.sink_process)
        started = self._postfix("start", check=False)
        if started.returncode != 0:
            raise RuntimeError(f"postfix start: {started.stderr}\n{self.log()}")
        wait_for_port(self.port)
        return self

    def stop(self):
        self._postfix("stop", check=False)
        if self.sink_process is not None:
            self.sink_process.terminate()
            self.sink_process.wait(timeout=10)

    def log(self):
        path = self.directory / "maillog"
        return path.read_text() if path.exists() else ""

    def delivered(self):
        """The messages the sink received, as text, oldest first."""
        files = sorted(self.sink.glob("msg.*"), key=lambda path: path.stat().st_mtime_ns)
        return [path.read_text(errors="replace") for path in files]

    def wait_delivered(self, count, seconds=30):
        deadline = time.time() + seconds
        while time.time() < deadline:
            messages = self.delivered()
            if len(messages) >= count:
                return messages
            time.sleep(0.1)
        raise AssertionError(f"{len(self.delivered())} of {count} messages reached the sink "
                             f"in {seconds} s:\n{self.log()[-3000:]}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["start", "stop"])
    parser.add_argument("directory")
    parser.add_argument("--milter")
    args = parser.parse_args()
    if args.action == "start":
        postfix = Postfix(args.directory, milter=args.milter).start()
        print(f"smtp 127.0.0.1:{postfix.port} sink 127.0.0.1:{postfix.sink_port}")
    else:
        conf = pathlib.Path(args.directory) / "conf"
        subprocess.run(["postfix", "-c", str(conf), "stop"], check=False)
        subprocess.run(["pkill", "-f", f"smtp-sink.*{args.directory}"], check=False)


if __name__ == "__main__":
    sys.exit(main())
