"""The link the browser benchmarks throttle to: a cheap phone on a weak mobile connection, as
Chrome's devtools emulate it (400 kbit/s down and up, 400 ms latency), and gzip as nginx sends."""

import gzip

SLOW = {
    "offline": False,
    "latency": 400,
    "downloadThroughput": 400_000 / 8,
    "uploadThroughput": 400_000 / 8,
}


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6))
