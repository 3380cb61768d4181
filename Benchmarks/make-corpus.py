#!/usr/bin/env python3
"""Builds a large benchmark corpus from a folder of agreements, by repetition with variation.

    make-corpus.py SOURCE_DIR OUT_DIR [--mb 200]

Each source file is written in five variants, cycled until OUT_DIR holds at least --mb megabytes:
  utf8         as it is
  traditional  Simplified -> Traditional characters (ICU's uconv -x Simplified-Traditional)
  fullwidth    ASCII letters, digits, punctuation and spaces of the text as full-width forms
               (in HTML only the text between tags)
  gb18030      the original encoded as GB18030
  trad-gb18030 the traditional variant encoded as GB18030
Every copy starts with its own copy number (an HTML comment, or a first line of text), so no two
files are identical and a bulk run's de-duplication cannot skip any of them.

Also writes OUT_DIR/lists/first-<N>MB.txt: the paths of the first files adding up to N MB, for
`clause-audit audit --from LIST` (10, 100 and the whole corpus), to show that cost grows linearly.
Never commit the output: build it under /tmp or a .build-* folder.
"""
import argparse
import os
import subprocess
import sys

EXTENSIONS = (".txt", ".md", ".html", ".htm")


def traditional(text: str) -> str:
    result = subprocess.run(["uconv", "-f", "utf-8", "-t", "utf-8", "-x", "Simplified-Traditional"],
                            input=text.encode("utf-8"), capture_output=True, check=True)
    return result.stdout.decode("utf-8")


def fullwidth_char(c: str) -> str:
    o = ord(c)
    if c == " ":
        return "\u3000"
    if 0x21 <= o <= 0x7E:
        return chr(o - 0x21 + 0xFF01)
    return c


def fullwidth(text: str, html: bool) -> str:
    if not html:
        return "".join(fullwidth_char(c) for c in text)
    out, in_tag = [], False
    for c in text:
        if c == "<":
            in_tag = True
        if in_tag or c == "&" or c == ";":  # keep tags and entities intact
            out.append(c)
        else:
            out.append(fullwidth_char(c))
        if c == ">":
            in_tag = False
    return "".join(out)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("source")
    parser.add_argument("out")
    parser.add_argument("--mb", type=float, default=200)
    args = parser.parse_args()

    sources = []
    for name in sorted(os.listdir(args.source)):
        if name.lower().endswith(EXTENSIONS):
            with open(os.path.join(args.source, name), "rb") as f:
                data = f.read()
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                continue
            sources.append((name, text))
    if not sources:
        print(f"make-corpus: no .txt/.md/.html files in {args.source}", file=sys.stderr)
        return 2

    variants = []  # (label, name, text, encoding)
    for name, text in sources:
        html = name.lower().endswith((".html", ".htm"))
        trad = traditional(text)
        variants.append(("utf8", name, text, "utf-8"))
        variants.append(("traditional", name, trad, "utf-8"))
        variants.append(("fullwidth", name, fullwidth(text, html), "utf-8"))
        variants.append(("gb18030", name, text, "gb18030"))
        variants.append(("trad-gb18030", name, trad, "gb18030"))

    target = int(args.mb * 1_000_000)
    os.makedirs(os.path.join(args.out, "lists"), exist_ok=True)
    total, copy, written = 0, 0, []
    while total < target:
        label, name, text, encoding = variants[copy % len(variants)]
        html = name.lower().endswith((".html", ".htm"))
        marker = f"<!-- copy {copy} -->\n" if html else f"（副本 {copy}）\n"
        data = (marker + text).encode(encoding, errors="replace")
        folder = os.path.join(args.out, f"{copy // 1000:04d}")
        os.makedirs(folder, exist_ok=True)
        base, ext = os.path.splitext(name)
        path = os.path.join(folder, f"{copy:06d}-{label}-{base}{ext}")
        with open(path, "wb") as f:
            f.write(data)
        total += len(data)
        written.append((path, len(data)))
        copy += 1

    for mb in (10, 100, None):
        limit = mb * 1_000_000 if mb else total
        size, lines = 0, []
        for path, n in written:
            if size >= limit:
                break
            lines.append(os.path.abspath(path))
            size += n
        label = f"first-{mb}MB" if mb else "all"
        with open(os.path.join(args.out, "lists", f"{label}.txt"), "w") as f:
            f.write("\n".join(lines) + "\n")
    print(f"make-corpus: {copy} files, {total / 1e6:.1f} MB in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
