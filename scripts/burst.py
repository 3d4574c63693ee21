#!/usr/bin/env python3
"""A burst of concurrent requests for `scripts/bench-w2 --check`: C clients, each sending one GET
at the same moment, with a session cookie. Prints oha's JSON summary shape (the fields
bench-w2 reads) so the check needs no load tool installed; the timed benchmark uses oha.

    burst.py -c CLIENTS -H "Cookie: …" (URL | --urls-from-file FILE)

URLs from a file are taken in turn. Only statuses and error counts matter here, not timing.
"""

import argparse
import json
import threading
import time
import urllib.error
import urllib.request


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("-c", type=int, required=True)
    ap.add_argument("-H", action="append", default=[])
    ap.add_argument("--urls-from-file")
    ap.add_argument("url", nargs="?")
    a = ap.parse_args()
    urls = [a.url] if a.url else [u.strip() for u in open(a.urls_from_file) if u.strip()]
    headers = dict(h.split(": ", 1) for h in a.H)
    codes, errors, times = {}, {}, []
    lock = threading.Lock()
    start = threading.Barrier(a.c)

    def client(i):
        request = urllib.request.Request(urls[i % len(urls)], headers=headers)
        start.wait()
        t = time.monotonic()
        try:
            with urllib.request.urlopen(request, timeout=120) as response:
                response.read()
                code = response.status
        except urllib.error.HTTPError as e:
            code = e.code
        except Exception as e:  # noqa: BLE001 - every failure is counted and reported
            with lock:
                errors[type(e).__name__] = errors.get(type(e).__name__, 0) + 1
            return
        with lock:
            codes[str(code)] = codes.get(str(code), 0) + 1
            times.append(time.monotonic() - t)

    began = time.monotonic()
    threads = [threading.Thread(target=client, args=(i,)) for i in range(a.c)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    took = time.monotonic() - began
    times.sort()
    pick = lambda q: times[min(len(times) - 1, int(q * len(times)))] if times else None
    print(json.dumps({
        "summary": {"requestsPerSec": (len(times) / took) if took else 0.0},
        "statusCodeDistribution": codes,
        "errorDistribution": errors,
        "latencyPercentiles": {"p50": pick(0.5), "p99": pick(0.99)},
    }))


if __name__ == "__main__":
    main()
