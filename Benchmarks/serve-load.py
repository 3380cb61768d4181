#!/usr/bin/env python3
"""Load check for `clause-audit serve`: many requests from concurrent clients on loopback.

Each client is a thread with its own keep-alive connection. The mix: 70% POST /api/audit (JSON),
20% POST /audit (multipart form, the HTML result page), 10% GET /. Every answer must be 200; the
script prints the latency distribution and exits 1 on any error.

    swift build -c release --product clause-audit
    Benchmarks/serve-load.py --start .build/release/clause-audit          # starts and stops the server
    Benchmarks/serve-load.py --url http://127.0.0.1:8080 --clients 16 --requests 1600
    Benchmarks/serve-load.py --start ... --corpus ../shared/corpus/agreements   # real documents

Standard library only (no third-party client), so it runs wherever Python 3 does.
"""

import argparse
import http.client
import json
import os
import random
import re
import signal
import statistics
import subprocess
import sys
import threading
import time
import uuid
from urllib.parse import urlparse

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

# Short contracts of our own, used when no corpus is given.
SNIPPETS = [
    "第一条 本店保留最终解释权。\n第二条 商品一经售出，概不退换。\n第三条 因本合同发生争议，由本公司所在地人民法院管辖。\n",
    "会员须知\n一、会员卡开卡后不退款，不转让。\n二、本会所有权随时修改本须知，无需另行通知。\n三、会员在本会所内受伤的，后果自负。\n",
    "用户协议\n1. 用户注册即视为同意本协议全部条款。\n2. 平台不对任何损失承担责任。\n3. 争议提交平台所在地仲裁委员会仲裁。\n",
]


def load_documents(corpus, limit_bytes):
    docs = []
    if corpus:
        for name in sorted(os.listdir(corpus)):
            path = os.path.join(corpus, name)
            ext = name.rsplit(".", 1)[-1].lower()
            if ext in ("txt", "md", "html", "htm") and os.path.isfile(path) and os.path.getsize(path) < limit_bytes:
                with open(path, "rb") as f:
                    docs.append((name, f.read()))
    example = os.path.join(ROOT, "examples", "gym-membership.txt")
    if not docs and os.path.exists(example):
        with open(example, "rb") as f:
            docs.append(("gym-membership.txt", f.read()))
    docs += [("snippet-%d.txt" % i, s.encode("utf-8")) for i, s in enumerate(SNIPPETS)]
    return docs


def multipart(fields, files):
    boundary = "----load" + uuid.uuid4().hex
    out = bytearray()
    for name, value in fields:
        out += ("--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n" % (boundary, name)).encode()
        out += value.encode("utf-8") + b"\r\n"
    for name, filename, data in files:
        out += ("--%s\r\nContent-Disposition: form-data; name=\"%s\"; filename=\"%s\"\r\n"
                "Content-Type: application/octet-stream\r\n\r\n" % (boundary, name, filename)).encode("utf-8")
        out += data + b"\r\n"
    out += ("--%s--\r\n" % boundary).encode()
    return bytes(out), "multipart/form-data; boundary=" + boundary


def make_request(rng, docs):
    name, data = rng.choice(docs)
    roll = rng.random()
    if roll < 0.7:
        text = data.decode("utf-8", errors="replace")
        fmt = {"md": "markdown", "html": "html", "htm": "html"}.get(name.rsplit(".", 1)[-1].lower(), "text")
        body = json.dumps({"text": text, "format": fmt, "model": "none"}, ensure_ascii=False).encode("utf-8")
        return "POST", "/api/audit", body, {"Content-Type": "application/json"}
    if roll < 0.9:
        body, ctype = multipart([("text", ""), ("format", "text"), ("encoding", ""), ("model", "auto")], [("file", name, data)])
        return "POST", "/audit", body, {"Content-Type": ctype}
    return "GET", "/", None, {}


def client(host, port, count, docs, seed, latencies, errors, lock):
    rng = random.Random(seed)
    conn = http.client.HTTPConnection(host, port, timeout=60)
    mine = []
    for _ in range(count):
        method, path, body, headers = make_request(rng, docs)
        start = time.perf_counter()
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            response.read()
            elapsed = time.perf_counter() - start
            if response.status != 200:
                with lock:
                    errors.append("%s %s -> %d" % (method, path, response.status))
            mine.append((path, elapsed))
        except Exception as error:  # a broken connection counts as an error; start a new one
            with lock:
                errors.append("%s %s -> %r" % (method, path, error))
            conn.close()
            conn = http.client.HTTPConnection(host, port, timeout=60)
    conn.close()
    with lock:
        latencies.extend(mine)


def percentile(sorted_values, p):
    if not sorted_values:
        return float("nan")
    k = (len(sorted_values) - 1) * p / 100.0
    lo, hi = int(k), min(int(k) + 1, len(sorted_values) - 1)
    return sorted_values[lo] + (sorted_values[hi] - sorted_values[lo]) * (k - lo)


def start_server(binary, extra):
    process = subprocess.Popen([binary, "serve", "--port", "0"] + extra, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    deadline = time.time() + 60
    port = None
    log = []
    while time.time() < deadline:
        line = process.stderr.readline()
        if not line:
            break
        log.append(line)
        found = re.search(r"listening on http://[^:/]+:(\d+)/", line)
        if found:
            port = int(found.group(1))
            break
    if port is None:
        process.kill()
        sys.exit("the server did not start:\n" + "".join(log))
    # Keep draining its log so the pipe never fills.
    threading.Thread(target=lambda: [None for _ in process.stderr], daemon=True).start()
    return process, port


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:8080")
    parser.add_argument("--start", metavar="BINARY", help="start BINARY serve --port 0, and stop it (SIGTERM) at the end")
    parser.add_argument("--server-arg", action="append", default=[], help="an extra argument for serve (repeatable)")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--requests", type=int, default=1600, help="total requests (split evenly over the clients)")
    parser.add_argument("--corpus", help="a folder of .txt/.md/.html documents to send")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    process = None
    if args.start:
        process, port = start_server(args.start, args.server_arg)
        host = "127.0.0.1"
    else:
        url = urlparse(args.url)
        host, port = url.hostname, url.port or 80

    docs = load_documents(args.corpus, 4 << 20)
    per_client = max(1, args.requests // args.clients)
    latencies, errors, lock = [], [], threading.Lock()
    threads = [threading.Thread(target=client, args=(host, port, per_client, docs, args.seed * 1000 + i, latencies, errors, lock))
               for i in range(args.clients)]
    began = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - began

    status = None
    if process:
        process.send_signal(signal.SIGTERM)
        try:
            status = process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            status = "did not stop within 30 s"

    print("documents: %d (%s)" % (len(docs), args.corpus or "built-in snippets and the example"))
    print("requests:  %d from %d clients in %.2f s (%.1f requests/s)" % (len(latencies), args.clients, wall, len(latencies) / wall))
    print("errors:    %d" % len(errors))
    for e in errors[:10]:
        print("  " + e)
    values = sorted(v for _, v in latencies)
    if values:
        print("latency:   p50 %.1f ms · p90 %.1f ms · p99 %.1f ms · max %.1f ms · mean %.1f ms" % (
            percentile(values, 50) * 1000, percentile(values, 90) * 1000, percentile(values, 99) * 1000,
            values[-1] * 1000, statistics.mean(values) * 1000))
    for path in ("/api/audit", "/audit", "/"):
        own = sorted(v for p, v in latencies if p == path)
        if own:
            print("  %-11s %5d  p50 %7.1f ms · p99 %7.1f ms" % (path, len(own), percentile(own, 50) * 1000, percentile(own, 99) * 1000))
    if process:
        print("server stopped on SIGTERM with status %s" % status)
    sys.exit(1 if errors or (process and status != 0) else 0)


if __name__ == "__main__":
    main()
