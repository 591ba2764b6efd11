#!/usr/bin/env bash
# Builds the fuzz targets with libFuzzer and AddressSanitizer and runs each
# for the given number of seconds, one after the other (one core each).
#
#   Fuzz/run.sh <seconds> [FuzzHTTPParser|FuzzBookingJSON|FuzzContactKey ...]
#
# Seeds: Fuzz/Corpus/<target>/ (read only). What the fuzzer learns is kept in
# Fuzz/.build/corpus/<target>/, so later runs go on from there. A crash, hang
# (-timeout), leak or sanitizer report is written to Fuzz/Crashes/ and makes
# the script exit non-zero; reproduce one with
#   Fuzz/.build/debug/<target> Fuzz/Crashes/<file>
set -euo pipefail
cd "$(dirname "$0")"
export PATH="$PATH:/opt/swift/usr/bin"

seconds=${1:?usage: Fuzz/run.sh <seconds> [target ...]}
shift
targets=("$@")
((${#targets[@]})) || targets=(FuzzHTTPParser FuzzBookingJSON FuzzContactKey)

# One run at a time: runs share the build and the learned corpus.
mkdir -p .build
exec 9>.build/run.lock
flock -n 9 || { echo "fuzz: another Fuzz/run.sh is running; waiting for it"; flock 9; }

# `--sanitize fuzzer` makes SwiftPM leave `main` to libFuzzer (otherwise it
# links `main` to a `<target>_main` that -parse-as-library never emits). The
# sanitizers themselves come as one `-Xswiftc -sanitize=fuzzer,address`:
# swiftc hands only the last `-sanitize=` option to the compiler, so
# `--sanitize fuzzer --sanitize address` would build without coverage.
# lld from the toolchain: gold warns about every ASan symbol.
#
# --disable-build-manifest-caching: SwiftPM would not notice new source
# files of the main package, which it builds as a dependency here.
for target in "${targets[@]}"; do
    echo "fuzz: building $target (debug, -sanitize=fuzzer,address)"
    if ! swift build -c debug --scratch-path .build --disable-build-manifest-caching --product "$target" \
            --sanitize fuzzer -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xswiftc -use-ld=lld \
            >.build/build.log 2>&1; then
        grep -E "error" .build/build.log | sort -u >&2 || tail -20 .build/build.log >&2
        echo "fuzz: the build of $target failed (Fuzz/.build/build.log)" >&2
        exit 1
    fi
done
bin=.build/debug

mkdir -p Crashes
# Swift's own crash backtracer reads the stack in ways ASan reports; libFuzzer
# prints the stack of a crash itself.
export SWIFT_BACKTRACE=enable=no
status=0
for target in "${targets[@]}"; do
    case $target in
        FuzzHTTPParser) seeds=Corpus/http; options=(-max_len=8192 -dict=http.dict) ;;
        FuzzBookingJSON) seeds=Corpus/booking-json; options=(-max_len=4096 -dict=booking-json.dict) ;;
        FuzzContactKey) seeds=Corpus/contact-key; options=(-max_len=512 -dict=contact-key.dict) ;;
        *) echo "fuzz: unknown target $target" >&2; exit 2 ;;
    esac
    corpus=.build/corpus/$target
    mkdir -p "$corpus"
    log=.build/$target.log
    echo "fuzz: $target for ${seconds}s (log: Fuzz/$log)"
    before=$(find Crashes -type f | wc -l)
    code=0
    "$bin/$target" "$corpus" "$seeds" "${options[@]}" \
        -max_total_time="$seconds" -timeout=5 -rss_limit_mb=2048 -malloc_limit_mb=512 \
        -artifact_prefix="Crashes/$target-" -print_final_stats=1 >"$log" 2>&1 || code=$?
    grep -aE "^#[0-9]+[[:space:]]+(INITED|DONE)|^stat::|^==[0-9]+==|^SUMMARY|Fatal error|property broken|Test unit written" "$log" || true
    after=$(find Crashes -type f | wc -l)
    if ((code != 0 || after > before)); then
        echo "fuzz: $target FOUND A PROBLEM (exit $code); see Fuzz/$log and Fuzz/Crashes/" >&2
        status=1
    else
        echo "fuzz: $target clean"
    fi
done
exit $status
