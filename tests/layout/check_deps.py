"""The layout's arrows (README, Layout): regenerate the CMake target graph of the build
and fail on any dependency the rooms forbid, direct or through other targets.

usage: check_deps.py SOURCE_DIR
(configures a scratch build tree of its own, so it never touches the build being tested)
"""
import os
import re
import subprocess
import sys
import tempfile

# room -> the rooms it may reach, directly or not (libraries outside the project, such
# as xapian, zlib, stemmer, are checked separately below)
ALLOWED = {
    "dsbase": set(),
    "dstext": {"dsbase"},
    "dsindex": {"dstext", "dsbase"},
    "ixsources": {"dsbase"},
    "ixreport": {"dstext", "dsbase"},
    "ixcore": {"ixreport", "ixsources", "dsindex", "dstext", "dsbase"},
    "sqquery": {"dsindex", "dstext", "dsbase"},
    "sqcore": {"sqquery", "dsindex", "dstext", "dsbase"},
    "sqconcord": {"sqcore", "sqquery", "dsindex", "dstext", "dsbase"},
    "sqanswer": {"sqconcord", "sqcore", "sqquery", "dsindex", "dstext", "dsbase"},
    "indexer": {"ixcore", "ixreport", "ixsources", "dsindex", "dstext", "dsbase"},
    "searcher": {"sqanswer", "sqconcord", "sqcore", "sqquery", "dsindex", "dstext", "dsbase"},
}
# rooms that must not reach Xapian (the report parser and the text layer need none)
NO_XAPIAN = {"dsbase", "dstext", "ixsources", "ixreport"}


def graph(src):
    with tempfile.TemporaryDirectory() as tmp:
        dot = os.path.join(tmp, "deps.dot")
        subprocess.run(["cmake", "-S", src, "-B", os.path.join(tmp, "build"),
                        f"--graphviz={dot}"], check=True, stdout=subprocess.DEVNULL)
        text = open(dot).read()
    names = dict(re.findall(r'"(node\d+)" \[ label = "([^"]+)"', text))
    edges = {}
    for a, b in re.findall(r'"(node\d+)" -> "(node\d+)"', text):
        edges.setdefault(names[a], set()).add(names[b])
    return edges


def reach(edges, start):
    seen, todo = set(), [start]
    while todo:
        for n in edges.get(todo.pop(), ()):
            if n not in seen:
                seen.add(n)
                todo.append(n)
    return seen


def main():
    edges = graph(sys.argv[1])
    bad = []
    for room, allowed in ALLOWED.items():
        if room not in edges and room not in {n for v in edges.values() for n in v}:
            bad.append(f"{room}: no such target")
            continue
        got = reach(edges, room)
        for n in sorted(got & set(ALLOWED) - allowed):
            bad.append(f"{room} -> {n}: an arrow the layout forbids")
        if room in NO_XAPIAN:
            for n in sorted(got):
                if "xapian" in n.lower():
                    bad.append(f"{room} -> {n}: this room must not use Xapian")
    for line in bad:
        print(line)
    print(f"{len(ALLOWED)} rooms checked, {len(bad)} forbidden arrows")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
