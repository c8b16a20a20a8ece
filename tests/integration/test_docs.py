"""Every curl line in README.md and docs/, run in order against the server
`scripts/demo` starts (demo data, the default policy, no tokens), with each
shown answer compared to the real one.

How an example is read:
- a `sh` block holds commands (`curl …`, continued with a trailing `\\`);
  the answer shown for one is the `json` block right after a block with one
  command, or a `# {…}` comment on the command's own line;
- a `console` block holds `$ curl …` lines, each followed by its answer.
An answer is compared without whitespace; `…` stands for anything. The
commands run from the repository's root, with `localhost:8080` pointing at
the test's server, `$T` and `$ADMIN` set (the demo takes any token) and
`/var/backups/tact` inside the test's directory. A command fails on an HTTP
error unless its shown answer is one.
"""
import re
import shlex
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import SOURCE_DIR, STATE, start_server

DOCUMENTS = ["README.md"] + sorted(str(path.relative_to(SOURCE_DIR))
                                   for path in (SOURCE_DIR / "docs").glob("*.md"))
FENCE = re.compile(r"^```(\w*)\s*$")


@dataclass
class Example:
    where: str  # file:line
    command: str
    shown: str | None


def blocks(text):
    """(language, first line number, lines) of each fenced block."""
    lines = text.split("\n")
    index = 0
    while index < len(lines):
        opening = FENCE.match(lines[index])
        if not opening:
            index += 1
            continue
        language, start, body = opening.group(1), index + 1, []
        index += 1
        while index < len(lines) and not lines[index].startswith("```"):
            body.append(lines[index])
            index += 1
        yield language, start + 1, body, index
        index += 1


def unfinished(command):
    """Whether a shell command goes on: a trailing backslash or an open quote."""
    if command.rstrip().endswith("\\"):
        return True
    try:
        shlex.split(command, comments=True)
        return False
    except ValueError:
        return True


def commands(body, prompt):
    """(offset, command, lines after it up to the next command) in a block."""
    found = []
    index = 0
    while index < len(body):
        line = body[index]
        text = line[len(prompt):] if prompt and line.startswith(prompt) else (None if prompt else line)
        if text is None or not text.lstrip().startswith("curl "):
            if found:
                found[-1][2].append(line)
            index += 1
            continue
        start, parts = index, [text]
        while unfinished("\n".join(parts)) and index + 1 < len(body):
            index += 1
            parts.append(body[index])
        found.append((start, "\n".join(parts), []))
        index += 1
    return found


def examples_in(document):
    text = (SOURCE_DIR / document).read_text()
    all_blocks = list(blocks(text))
    found = []
    for position, (language, first, body, _) in enumerate(all_blocks):
        if language in ("sh", "bash"):
            in_block = commands(body, None)
            following = all_blocks[position + 1] if position + 1 < len(all_blocks) else None
            for offset, command, _ in in_block:
                shown = None
                comment = re.search(r"\s#\s*(\{.*?\})", command)
                if comment:
                    shown = comment.group(1)
                    command = command[:comment.start()]
                elif (len(in_block) == 1 and following and following[0] == "json"
                      and following[1] - 1 == all_blocks[position][3] + 2):
                    shown = "\n".join(following[2])
                found.append(Example(f"{document}:{first + offset}", command, shown))
        elif language == "console":
            for offset, command, after in commands(body, "$ "):
                shown = "\n".join(line for line in after if line.strip()) or None
                found.append(Example(f"{document}:{first + offset}", command, shown))
    return found


def matches(shown, actual):
    """Whether `actual` is `shown` with each `…` standing for anything."""
    squeeze = lambda s: re.sub(r"\s+", "", s)
    pattern = ".*?".join(re.escape(part) for part in squeeze(shown).split("…"))
    return re.fullmatch(pattern, squeeze(actual), re.DOTALL) is not None


def test_the_documents_hold_the_curl_lines_the_test_runs():
    found = [example for document in DOCUMENTS for example in examples_in(document)]
    lines = sum(1 for d in DOCUMENTS for _, _, body, _ in blocks((SOURCE_DIR / d).read_text())
                for line in body if re.match(r"(\$ )?curl ", line))
    assert len(found) == lines, [example.where for example in found]
    assert sum(example.shown is not None for example in found) >= 8


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    directory = tmp_path_factory.mktemp("docs")
    server = start_server(directory, "--demo", "--insecure-no-auth", "--policy",
                          str(SOURCE_DIR / "examples" / "policy.toml"), policy=None, auth=False)
    yield server, directory
    assert server.stop() == 0, server.log()


def test_every_curl_line_in_the_docs_answers_as_shown(demo):
    server, directory = demo
    backups = directory / "backups"
    backups.mkdir()
    failures = []
    for document in DOCUMENTS:
        for example in examples_in(document):
            here = lambda text: (text.replace("localhost:8080", f"127.0.0.1:{server.port}")
                                 .replace("127.0.0.1:8080", f"127.0.0.1:{server.port}")
                                 .replace("/var/backups/tact", str(backups)))
            command = here(example.command)
            if STATE == "redis" and "/v1/admin/backup" in command:
                continue  # a Redis Cluster is backed up by Redis (docs/operations.md)
            expects_error = example.shown is not None and '"error"' in example.shown
            script = f"curl() {{ command curl --show-error {'' if expects_error else '--fail-with-body'} \"$@\"; }}\n{command}"
            run = subprocess.run(["bash", "-c", script], cwd=SOURCE_DIR, capture_output=True,
                                 text=True, timeout=60,
                                 env={"PATH": "/usr/bin:/bin", "T": "docs", "ADMIN": "docs"})
            if run.returncode != 0:
                failures.append(f"{example.where}: exit {run.returncode}: {run.stdout}{run.stderr}")
            elif example.shown is not None and not matches(here(example.shown), run.stdout):
                failures.append(f"{example.where}: shown\n{example.shown}\nbut got\n{run.stdout}")
    assert not failures, "\n\n".join(failures)
