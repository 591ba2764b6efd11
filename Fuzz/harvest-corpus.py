#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets from the unit tests.

    Fuzz/harvest-corpus.py        # rewrites Fuzz/Corpus/http/ and Fuzz/Corpus/booking-json/

http/: every request the parser tests feed (Tests/HTTPServerTests/Parser*.swift):
the Swift string literals that hold a request line, joined where the test
joins them with `+`, with `\\(name)` filled in from the test's constants and
`for name in [...]` lists. Each seed starts with the configuration byte of
FuzzHTTPParser (0: default limits, fed whole); a few get split, byte-by-byte
and small-limit variants so those paths are in the corpus from the start.

booking-json/: the bodies of the booking endpoints in the WebApp and
end-to-end tests, the JSON parser tests' documents, and hand-written edge
cases of the booking body (below). When the fuzz targets are built
(Fuzz/run.sh), only the seeds that add coverage are kept (libFuzzer's
-merge=1); files are named by a hash of their bytes.
"""
import hashlib
import os
import pathlib
import shutil
import subprocess
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
CORPUS = ROOT / "Fuzz" / "Corpus"

ESCAPES = {"n": "\n", "r": "\r", "t": "\t", "0": "\0", "\\": "\\", '"': '"', "'": "'"}


def tokens(source):
    """Swift tokens enough for string expressions: ('str', parts) where parts
    are text or ('interp', expr); ('id', name); ('+',); ('other', char)."""
    i, n = 0, len(source)
    while i < n:
        c = source[i]
        if source.startswith("//", i):
            i = source.find("\n", i)
            i = n if i < 0 else i
        elif source.startswith('"""', i) or source.startswith('#"""', i):
            end = source.find('"""', i + 4)
            i = n if end < 0 else end + 3
            yield ("other", '"')
        elif source.startswith('#"', i):
            end = source.find('"#', i + 2)
            yield ("str", [source[i + 2:end]])
            i = end + 2
        elif c == '"':
            parts, text, i = [], "", i + 1
            while i < n and source[i] != '"':
                if source[i] == "\\":
                    e = source[i + 1]
                    if e == "(":
                        depth, j = 1, i + 2
                        while depth:
                            depth += {"(": 1, ")": -1}.get(source[j], 0)
                            j += 1
                        parts.append(text)
                        parts.append(("interp", source[i + 2:j - 1].strip()))
                        text, i = "", j
                        continue
                    if e == "u":
                        end = source.index("}", i)
                        text += chr(int(source[i + 3:end], 16))
                        i = end + 1
                        continue
                    text += ESCAPES[e]
                    i += 2
                else:
                    text += source[i]
                    i += 1
            parts.append(text)
            yield ("str", parts)
            i += 1
        elif c == "+":
            yield ("+",)
            i += 1
        elif c.isalpha() or c == "_":
            j = i
            while j < n and (source[j].isalnum() or source[j] in "_."):
                j += 1
            yield ("id", source[i:j])
            i = j
        else:
            if not c.isspace():
                yield ("other", c)
            i += 1


def expressions(source):
    """Yields (kind, value) in order: ('let', name, values) for string
    constants, ('for', name, values) for loops over string lists, and
    ('expr', values) for every `"…" + name + "…"` expression."""
    toks = list(tokens(source))
    env = {}
    k = 0
    while k < len(toks):
        t = toks[k]
        if t[0] == "id" and t[1] in ("let", "var") and k + 2 < len(toks) and toks[k + 2] == ("other", "="):
            name = toks[k + 1][1]
            values, k2 = expression(toks, k + 3, env)
            if values:
                env[name] = env["Self." + name] = values
            k += 3
            continue
        if t == ("id", "for") and k + 3 < len(toks) and toks[k + 2] == ("id", "in") and toks[k + 3] == ("other", "["):
            name, values, j = toks[k + 1][1], [], k + 4
            while j < len(toks) and toks[j] != ("other", "]"):
                if toks[j][0] == "str" and len(toks[j][1]) == 1:
                    values.append(toks[j][1][0])
                j += 1
            if values:
                env[name] = values
            k = j
            continue
        if t[0] in ("str", "id"):
            values, k2 = expression(toks, k, env)
            if values and k2 > k:
                yield values
                k = k2
                continue
        k += 1


def expression(toks, k, env):
    """Evaluates `a + b + …` of literals and known names from toks[k]; all
    combinations of list-valued names (at most a few dozen)."""
    results, j, any_literal = [""], k, False
    while j < len(toks):
        t = toks[j]
        if t[0] == "str":
            options = [""]
            for part in t[1]:
                if isinstance(part, tuple):
                    values = env.get(part[1])
                    if values is None:
                        return None, j + 1
                    options = [o + v for o in options for v in values]
                else:
                    options = [o + part for o in options]
            any_literal = True
        elif t[0] == "id" and t[1] in env:
            options = env[t[1]]
        else:
            break
        results = [r + o for r in results for o in options][:64]
        j += 1
        if j < len(toks) and toks[j] == ("+",):
            j += 1
        else:
            break
    return (results if any_literal or j > k else None), j


def write(directory, seeds, target):
    """Writes the seeds; with the fuzz targets built (Fuzz/run.sh), keeps only
    those that add coverage (libFuzzer's -merge=1)."""
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True)
    binary = ROOT / "Fuzz" / ".build" / "debug" / target
    with tempfile.TemporaryDirectory() as scratch:
        everything = pathlib.Path(scratch) / "all"
        everything.mkdir()
        for seed in seeds:
            (everything / hashlib.sha1(seed).hexdigest()).write_bytes(seed)
        if binary.exists():
            subprocess.run([binary, "-merge=1", directory, everything], check=True, capture_output=True,
                           env={**os.environ, "SWIFT_BACKTRACE": "enable=no"})
        else:
            print(f"({binary.relative_to(ROOT)} not built: keeping every seed)")
            for seed in everything.iterdir():
                shutil.copy(seed, directory)
    kept = len(list(directory.iterdir()))
    print(f"{directory.relative_to(ROOT)}: {kept} of {len(seeds)} seeds")


def http_seeds():
    requests = []
    for path in sorted((ROOT / "Tests" / "HTTPServerTests").glob("Parser*.swift")):
        for values in expressions(path.read_text()):
            for value in values:
                data = value.encode("utf-8")
                if b" HTTP/" in data or b" RTSP/" in data:
                    requests.append(data)
    requests = list(dict.fromkeys(requests))
    seeds = [b"\x00" + r for r in requests]
    # Variants: pipelined and chunked requests split at odd places, byte by
    # byte, and under the small limits that short inputs can reach.
    interesting = [r for r in requests if b"chunked" in r or r.count(b" HTTP/1.") > 1 or b"Content-Length" in r]
    for n, r in enumerate(interesting):
        variant = n % 5
        if variant == 0:
            seeds.append(bytes([3 << 2 | 0, 2, 6, 0]) + r)    # chunks of 3, 7, 1 bytes
        elif variant == 1:
            seeds.append(bytes([1 << 5]) + r)               # byte by byte
        elif variant == 2:
            seeds.append(bytes([1 << 2 | 1, 16]) + r)           # small limits, chunks of 17
        elif variant == 3:
            seeds.append(bytes([2]) + r)               # tiny limits
        else:
            seeds.append(bytes([3]) + r)               # body limit 0
    # Long pipelines, so that the parser drops consumed bytes (after 4 KiB)
    # while a request is still arriving.
    # 33-byte requests in 200-byte chunks: a request is cut at every feed.
    pipeline = b"".join(b"GET /%03d HTTP/1.1\r\nHost: xyz1\r\n\r\n" % n for n in range(200))
    seeds.append(bytes([1 << 2, 199]) + pipeline)
    seeds.append(bytes([1 << 2, 254]) + b"POST /big HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n"
                 + b"b" * 5000 + b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
    seeds.append(bytes([2 << 2, 99, 12]) + b"POST /c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                 + b"".join(b"40;n=%d\r\n%s\r\n" % (n, b"c" * 64) for n in range(80)) + b"0\r\nT: v\r\n\r\n")
    return list(dict.fromkeys(seeds))


BOOKING_BODIES = [
    # Valid orders, as clients send them.
    '{"officeId":"buergerbuero-mitte","services":[{"id":"personalausweis","quantity":1}],'
    '"start":"2026-12-01T08:30:00+01:00","contact":{"name":"Erika Mustermann","email":"erika@example.de"}}',
    '{"officeId":"kfz-zulassung","services":[{"id":"zulassung"},{"id":"abmeldung","quantity":20}],'
    '"start":"2026-07-01T09:00:00+02:00","holdId":"h_7Kx-9Q","contact":{"name":"Max","phone":"+49 421 361-0"},'
    '"note":"Zwei Fahrzeuge"}',
    '{"officeId":"fuehrerscheinstelle","services":[{"id":"umtausch","quantity":1}],"start":"2026-12-01T07:30:00Z",'
    '"contact":{"name":"Ümit Çelik","email":"u@x.de","phone":"0421 1234"},"note":null,"holdId":null}',
    '{"officeId":"a","services":[{"id":"b"}],"start":"2026-03-29T01:59:59.999+01:00","contact":{"name":"E","phone":"0421 1234"}}',
    '{ "contact" : { "phone" : "110", "name" : "\\u00c4rger \\ud83d\\ude00" } , "start" : "2026-10-25t02:30:00z",'
    ' "services" : [ { "quantity" : 2e0, "id" : "x-1" } ], "officeId" : "o" , "extra": [1, {"deep": []}] }',
    # Wrong fields: every error at once.
    '{}',
    '{"officeId":"Bürgerbüro","services":[{"id":"personalausweis","quantity":0},7,{"quantity":2.5}],'
    '"start":"tomorrow","contact":{"name":""}}',
    '{"officeId":"a","services":[],"start":"s","contact":"Erika"}',
    '{"officeId":null,"services":[{"id":"b"}],"start":"s","contact":{"name":"E","phone":"0471 590-0"}}',
    '{"officeId":"a","services":[{"id":"b","quantity":21}],"start":"2026-02-30T08:00:00+01:00",'
    '"contact":{"name":"E","email":"not-an-address"}}',
    '{"officeId":"a","services":[{"id":"b","quantity":-1}],"start":"2026-12-01T24:00:00+01:00",'
    '"contact":{"name":"E","email":"a@b.c","phone":"abc"},"holdId":"has space"}',
    '{"officeId":"a","services":[{"id":"b","quantity":9223372036854775808}],"start":"2026-12-01T08:30:60Z",'
    '"contact":{"name":"E","email":"a@b.c"}}',
    '{"officeId":"a","services":[{"id":"b"},{"id":"b"},{"id":"b"},{"id":"b"},{"id":"b"},{"id":"b"},{"id":"b"},'
    '{"id":"b"},{"id":"b"},{"id":"b"},{"id":"b"}],"start":"2026-12-01T08:30:00+23:59","contact":{"name":"E","phone":"0421 1234"}}',
    '{"officeId":1,"services":{"id":"b"},"start":20261201,"contact":{"name":["E"]},"note":false,"holdId":{}}',
    '{"officeId":"a","services":[{"id":"b"}],"start":"0001-01-01T00:00:00+23:59","contact":{"name":"E","phone":"0421 1234"}}',
    '{"officeId":"a","services":[{"id":"b"}],"start":"9999-12-31T23:59:59-23:59","contact":{"name":"E","phone":"0421 1234"}}',
    # Not an object, or not JSON at all.
    '[]', '"officeId"', 'null', '42', '',
    '{"officeId":"a",}', '{"officeId":"a","officeId":"b"}', '{"a":1} x', "{'a':1}", '{"a":01}', '{"a":"\\ud800"}',
    '{"a":NaN}', '{"a":1e400}', '{"a":-0}', '{"a":"\x01"}', '[' * 65 + ']' * 65, '[' * 64 + ']' * 64,
    '{"officeId":"a' + '\\u0041' * 40 + '"}',
]


def json_seeds():
    documents = [b.encode("utf-8") for b in BOOKING_BODIES]
    documents.append(b'{"a":"\xc3\x28","b":"\xed\xa0\x80","c":"\xf4\x90\x80\x80"}')  # invalid UTF-8
    for name in ["JSONParserAcceptanceTests", "JSONParserRejectionTests", "JSONNumberTests", "JSONFieldsTests",
                 "JSONFuzzTests", "RequestBodyTests"]:
        for values in expressions((ROOT / "Tests" / "WebAppTests" / f"{name}.swift").read_text()):
            for value in values:
                stripped = value.strip()
                if stripped[:1] in ("{", "[") and len(stripped) > 1:
                    documents.append(value.encode("utf-8"))
    return list(dict.fromkeys(documents))


if __name__ == "__main__":
    write(CORPUS / "http", http_seeds(), "FuzzHTTPParser")
    write(CORPUS / "booking-json", json_seeds(), "FuzzBookingJSON")
