"""tact as installed: `cmake --install` into a fresh prefix, the installed
binary serving its built-in dashboard and writing reports from anywhere, the
systemd unit, and TLS in front of it with the nginx recipe
(packaging/nginx-tact.conf) on loopback with a self-signed certificate.
"""
import base64
import hashlib
import hmac
import json
import os
import re
import shutil
import socket
import ssl
import subprocess
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from conftest import BINARY, SOURCE_DIR, start_server

BUILD_DIR = Path(BINARY).resolve().parents[1]
TWILIO_TOKEN = "twilio-auth-token-for-the-proxy-test"


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    if not (BUILD_DIR / "cmake_install.cmake").exists():
        pytest.skip(f"{BINARY} is not in a CMake build directory")
    prefix = tmp_path_factory.mktemp("prefix")
    run = subprocess.run(["cmake", "--install", str(BUILD_DIR), "--prefix", str(prefix)],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    return prefix


def test_the_install_holds_the_binary_examples_docs_and_unit(installed):
    assert os.access(installed / "bin" / "tact", os.X_OK)
    for source in ("examples/policy.toml", "examples/bump-phrases.toml",
                   "packaging/nginx-tact.conf"):
        copy = installed / "share" / "tact" / "examples" / Path(source).name
        assert copy.read_bytes() == (SOURCE_DIR / source).read_bytes(), source
    assert (installed / "share" / "doc" / "tact" / "operations.md").exists()
    assert (installed / "share" / "doc" / "tact" / "integrations.md").exists()
    for name, command in [("tact.service", "serve"), ("tact-milter.service", "milter")]:
        unit = (installed / "lib" / "systemd" / "system" / name).read_text()
        assert f"ExecStart={installed}/bin/tact {command} " in unit, unit
        if shutil.which("systemd-analyze"):
            verify = subprocess.run(["systemd-analyze", "verify",
                                     str(installed / "lib" / "systemd" / "system" / name)],
                                    capture_output=True, text=True)
            assert verify.returncode == 0, name + verify.stdout + verify.stderr


def test_the_installed_binary_serves_its_dashboard_with_no_files_beside_it(installed, tmp_path):
    copy = tmp_path / "elsewhere" / "tact"
    copy.parent.mkdir()
    shutil.copy(installed / "bin" / "tact", copy)
    server = start_server(tmp_path / "server", "--insecure-no-auth", auth=False)
    server.stop()
    # The same state, served by the copied binary: no web/ anywhere near it.
    process = subprocess.Popen([str(copy), "serve", "--insecure-no-auth", "--listen", "127.0.0.1:0",
                                "--data", str(tmp_path / "server" / "data")],
                               cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               text=True)
    try:
        port = None
        deadline = time.time() + 30
        log = ""
        while port is None and time.time() < deadline:
            log += process.stderr.readline()
            match = re.search(r'"msg":"listening","address":"[0-9.]+:(\d+)"', log)
            port = match and int(match.group(1))
        assert port, log
        page = urllib.request.urlopen(f"http://127.0.0.1:{port}/").read()
        assert page == (SOURCE_DIR / "web" / "dist" / "index.html").read_bytes()
        script = re.search(rb'src="/(assets/[^"]+\.js)"', page).group(1).decode()
        served = urllib.request.urlopen(f"http://127.0.0.1:{port}/{script}")
        assert served.headers["Content-Type"].startswith("text/javascript")
        assert served.read() == (SOURCE_DIR / "web" / "dist" / script).read_bytes()
    finally:
        process.terminate()
        process.wait(timeout=30)
    report = subprocess.run([str(copy), "report", "--state", str(tmp_path / "server" / "data"),
                             "--html", str(tmp_path / "mirror.html")], cwd=tmp_path,
                            capture_output=True, text=True)
    assert report.returncode == 0, report.stderr
    assert "<script" in (tmp_path / "mirror.html").read_text()


def test_a_web_directory_without_a_dashboard_is_refused_at_start(tmp_path):
    run = subprocess.run([BINARY, "serve", "--insecure-no-auth", "--store", "memory", "--listen",
                          "127.0.0.1:0", "--web", str(tmp_path)], capture_output=True, text=True,
                         timeout=30)
    assert run.returncode == 3, run.stderr
    assert f"--web: {tmp_path} has no index.html" in run.stderr


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def behind_nginx(tmp_path):
    nginx = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if nginx is None:
        pytest.skip("nginx is not installed (scripts/install-deps installs nginx-light)")
    directory = tmp_path / "nginx"
    (directory / "logs").mkdir(parents=True)
    certificate, key = directory / "tact.pem", directory / "tact.key"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key),
                    "-out", str(certificate), "-days", "2", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1"], check=True, capture_output=True)
    https_port = free_port()
    public_url = f"https://127.0.0.1:{https_port}"
    webhooks = tmp_path / "webhooks.toml"
    webhooks.write_text(f'public_url = "{public_url}"\n[twilio]\nauth_token = "{TWILIO_TOKEN}"\n')
    server = start_server(tmp_path / "tact", "--insecure-no-auth", "--webhooks", str(webhooks),
                          auth=False)
    # The recipe as shipped, with only the lines it marks CHANGE replaced.
    recipe = (SOURCE_DIR / "packaging" / "nginx-tact.conf").read_text()
    replacements = {
        "server 127.0.0.1:8080;": f"server 127.0.0.1:{server.port};",
        "listen 443 ssl;": f"listen 127.0.0.1:{https_port} ssl;",
        "/etc/ssl/certs/tact.pem": str(certificate),
        "/etc/ssl/private/tact.key": str(key),
    }
    for old, new in replacements.items():
        assert old in recipe, old
        recipe = recipe.replace(old, new)
    # Every line the recipe marks was replaced (a marked line is code, then "# CHANGE").
    assert len(re.findall(r"^\s*[^#\s].*#\s*CHANGE", recipe, re.M)) == len(replacements)
    (directory / "tact.conf").write_text(recipe)
    (directory / "nginx.conf").write_text(
        ("user root;\n" if os.geteuid() == 0 else "") +
        f"pid {directory}/nginx.pid;\nerror_log {directory}/logs/error.log;\n"
        "events {}\n"
        f"http {{ access_log {directory}/logs/access.log; include {directory}/tact.conf; }}\n")
    process = subprocess.Popen([nginx, "-p", str(directory), "-c", str(directory / "nginx.conf"),
                                "-g", "daemon off;"], stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", https_port), timeout=1).close()
            break
        except OSError:
            assert process.poll() is None, process.stderr.read()
            time.sleep(0.05)
    context = ssl.create_default_context(cafile=str(certificate))
    yield server, public_url, context
    process.terminate()
    process.wait(timeout=30)
    server.stop()


def https(public_url, context, method, path, body=None, headers=None):
    request = urllib.request.Request(public_url + path, data=body, method=method,
                                     headers=headers or {})
    try:
        with urllib.request.urlopen(request, context=context, timeout=60) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def test_tls_in_front_of_tact_with_the_nginx_recipe(behind_nginx):
    server, public_url, context = behind_nginx
    assert https(public_url, context, "GET", "/healthz") == (200, {"status": "ok"})
    json_body = {"Content-Type": "application/json"}
    status, _ = https(public_url, context, "PUT", "/v1/people/sms-person", json.dumps(
        {"phone": "+14155550100", "consent": {"sms": "opted_in", "email": "opted_in"}}).encode(),
        json_body)
    assert status == 201
    # Unsubscribe links name the public https:// address.
    status, sent = https(public_url, context, "POST", "/v1/decide", json.dumps(
        {"person_id": "sms-person", "channel": "email", "kind": "promotional",
         "at": "2026-03-03T15:00:00Z"}).encode(), json_body)
    assert status == 200 and sent["decision"] == "send", sent
    assert sent["unsubscribe"]["url"].startswith(public_url + "/v1/unsubscribe/"), sent
    # A batch past nginx's default 1 MiB body limit reaches tact.
    touches = [{"person_id": f"p-{i}", "channel": "email", "kind": "promotional",
                "at": "2026-03-03T15:00:00Z", "subject": "x" * 300} for i in range(4000)]
    body = json.dumps({"touches": touches}).encode()
    assert len(body) > 1 << 20
    status, batch = https(public_url, context, "POST", "/v1/decide/batch", body, json_body)
    assert status == 200 and len(batch["decisions"]) == 4000, status
    # Twilio signs the public URL and the form: the proxy passes both through
    # unchanged, so an inbound STOP opts the person out.
    params = {"AccountSid": "AC" + "0" * 32, "From": "+14155550100", "To": "+14155550999",
              "MessageSid": "SM-proxy-1", "Body": "STOP"}
    signed = public_url + "/v1/webhooks/twilio" + "".join(k + v for k, v in sorted(params.items()))
    signature = base64.b64encode(hmac.new(TWILIO_TOKEN.encode(), signed.encode(),
                                          hashlib.sha1).digest()).decode()
    status, data = https(public_url, context, "POST", "/v1/webhooks/twilio",
                         urllib.parse.urlencode(params).encode(),
                         {"Content-Type": "application/x-www-form-urlencoded",
                          "X-Twilio-Signature": signature})
    assert (status, data["accepted"]) == (200, 1), data
    status, profile = https(public_url, context, "GET", "/v1/people/sms-person")
    assert profile["consent"]["sms"] == "opted_out", profile
