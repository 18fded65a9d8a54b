#!/usr/bin/env bash
# Fuzz the scenario loader for SECONDS (default 60) with libFuzzer.
#   Fuzz/run.sh 60
# Builds Fuzz/ (every module with -sanitize=fuzzer), copies the seed corpus
# (Fuzz/corpus: the sample scenarios with their CSVs, and the reproducers of
# past findings) into a scratch corpus, and runs. (lld links it: gold fails on
# libFuzzer's archive.) A crash leaves
# crash-<hash> in Fuzz/findings/; add it to Fuzz/corpus once fixed.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
seconds="${1:-60}"
cd "$here"
swift build --product ScenarioFuzz -Xswiftc -sanitize=fuzzer -Xswiftc -use-ld=lld
binary="$(swift build --product ScenarioFuzz -Xswiftc -sanitize=fuzzer -Xswiftc -use-ld=lld --show-bin-path)/ScenarioFuzz"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp corpus/* "$work/"
mkdir -p findings
"$binary" "$work" -max_total_time="$seconds" -max_len=65536 -timeout=10 -artifact_prefix=findings/ -print_final_stats=1
