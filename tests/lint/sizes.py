"""Measures what docs/architecture.md promises of src/: no source file over
500 lines and no function over 60, except where a comment right above the
function says why (a line starting "// Long:").

Functions are found the way clang-format lays them out: a definition starts
at column 0 (namespaces are not indented), or indented inside a class, and
ends at the first "}" at its own indentation after it. Prints the offenders and exits 1 when there are any.

    python3 tests/lint/sizes.py [SRC_DIR]
"""
import re
import sys
from pathlib import Path

MAX_FILE_LINES = 500
MAX_FUNCTION_LINES = 60
# A line at column 0 that opens a function body: a signature ending in "{"
# (possibly after a const, override, noexcept or a trailing return type).
OPENS = re.compile(r"^[A-Za-z_~].*\)\s*(const)?\s*(noexcept)?\s*(override)?\s*(->\s*[^{]+)?\{\s*$")
# The same, indented: a member function defined in its class.
OPENS_INDENTED = re.compile(r"^( {2,4})[A-Za-z_~][\w:<>,*& ~]*[\w>*&] [\w:~]+\(.*\)\s*(const)?\s*(override)?\s*\{\s*$")
STATEMENTS = re.compile(r"^\s*(if|for|while|switch|return|else|do|catch|case)\b")
NOT_FUNCTIONS = re.compile(r"^(namespace|class|struct|enum|union|extern|template\s*<[^>]*>\s*(class|struct))\b")


def functions(lines):
    """(first line number, length) of each function definition."""
    start, indent = None, ""
    for number, line in enumerate(lines, 1):
        if start is None:
            indented = OPENS_INDENTED.match(line)
            if OPENS.match(line) and not NOT_FUNCTIONS.match(line):
                start, indent = number, ""
                # A signature split over lines starts at the line with "(".
                while start > 1 and "(" not in lines[start - 1] and lines[start - 2][:1] not in ("", " ", "}", "/", "#"):
                    start -= 1
            elif indented and "=" not in line and not STATEMENTS.match(line):
                start, indent = number, indented.group(1)
            continue
        if line.startswith(indent + "}") and not line.startswith(indent + " "):
            yield start, number - start + 1
            start = None


def excused(lines, start):
    """True when the comment block above `start` has a "// Long:" line."""
    number = start - 2
    while number >= 0 and lines[number].startswith("//"):
        if lines[number].startswith("// Long:"):
            return True
        number -= 1
    return False


def main():
    src = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "src")
    problems = []
    for path in sorted(src.rglob("*")):
        if path.suffix not in (".cc", ".h") or path.name.endswith("_test.cc"):
            continue
        lines = path.read_text().splitlines()
        where = path.relative_to(src.parent)
        if len(lines) > MAX_FILE_LINES:
            problems.append(f"{where}: {len(lines)} lines (at most {MAX_FILE_LINES})")
        for start, length in functions(lines):
            if length > MAX_FUNCTION_LINES and not excused(lines, start):
                problems.append(f"{where}:{start}: a function of {length} lines (at most "
                                f"{MAX_FUNCTION_LINES}, or a '// Long:' comment saying why)")
    for problem in problems:
        print(problem)
    print(f"{len(problems)} over the limits", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
