#!/usr/bin/env python3
"""The plain-Python baseline of the benchmark: the engine's own patterns (`clause-audit rules export
--patterns`, PCRE2 syntax), each run over each whole file, one after another, counting matches.

    python-baseline.py PATTERNS (--engine regex|re) (DIR | --from LIST) [--limit-mb N]

--engine regex uses the `regex` module, which reads PCRE2 syntax (named groups as (?<name>...),
\\p{Han}, variable-length look-behind); --engine re uses the standard library and skips the patterns it
rejects (it says how many) after a translation of PCRE2 spellings it lacks: named groups (?<n>…) become
(?P<n>…), and \\p{Han} the main Han blocks. Files are decoded as UTF-8, else GB18030. No normalization: this is only
the scan. Prints `name: value` lines like the rest of the benchmark.
"""
import argparse
import os
import sys
import time


HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"


def for_re(source: str) -> str:
    """PCRE2 spellings the standard library's re does not read, in its own: (?<name> and \\p{Han}."""
    out, in_class, i = [], False, 0
    while i < len(source):
        c = source[i]
        if c == "\\":
            if source.startswith("\\p{Han}", i):
                out.append(HAN if in_class else "[" + HAN + "]")
                i += len("\\p{Han}")
                continue
            out.append(source[i:i + 2])
            i += 2
            continue
        if c == "[" and not in_class:
            in_class = True
        elif c == "]" and in_class:
            in_class = False
        elif not in_class and source.startswith("(?<", i) and source[i + 3:i + 4] not in ("=", "!"):
            out.append("(?P<")
            i += 3
            continue
        out.append(c)
        i += 1
    return "".join(out)


def files(args):
    if args.from_list:
        with open(args.from_list) as f:
            return [line.strip() for line in f if line.strip()]
    out = []
    for root, _, names in os.walk(args.dir):
        out += [os.path.join(root, n) for n in names]
    return sorted(out)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("patterns")
    parser.add_argument("dir", nargs="?")
    parser.add_argument("--from", dest="from_list")
    parser.add_argument("--engine", choices=["regex", "re"], default="regex")
    parser.add_argument("--limit-mb", type=float, default=None)
    args = parser.parse_args()
    if args.engine == "regex":
        import regex as engine
    else:
        import re as engine

    with open(args.patterns, encoding="utf-8") as f:
        sources = [line.rstrip("\n") for line in f if line.strip()]
    compiled, skipped = [], 0
    for source in sources:
        try:
            compiled.append(engine.compile(for_re(source) if args.engine == "re" else source))
        except Exception:
            skipped += 1

    paths = files(args)
    limit = int(args.limit_mb * 1_000_000) if args.limit_mb else None
    total = matches = count = 0
    start = time.perf_counter()
    for path in paths:
        with open(path, "rb") as f:
            data = f.read()
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("gb18030", errors="replace")
        for pattern in compiled:
            for _ in pattern.finditer(text):
                matches += 1
        total += len(data)
        count += 1
        if limit and total >= limit:
            break
    seconds = time.perf_counter() - start
    name = f"python-{args.engine}"
    print(f"{name} patterns: {len(compiled)} of {len(sources)} ({skipped} rejected by the engine)")
    print(f"{name} corpus: {count} files, {total / 1e6:.2f} MB")
    print(f"{name} seconds: {seconds:.2f}")
    print(f"{name} MB/s: {total / 1e6 / seconds:.2f}")
    print(f"{name} matches: {matches}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
