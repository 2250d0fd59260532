#!/bin/sh
# Runs one libFuzzer harness for a bounded time on a fresh seed corpus.
# usage: run_fuzz.sh FUZZER MAKE_CORPUS FORMAT SECONDS ARTIFACT_DIR [MORE_SEED_DIR]
# New inputs go to a scratch directory that is removed; a crashing input is kept in
# ARTIFACT_DIR (the build tree) so it can be replayed: FUZZER ARTIFACT. A crash exits 1
# (libFuzzer's default, 77, is what meson reads as a skipped test).
set -eu
fuzzer=$1 make_corpus=$2 fmt=$3 secs=$4 artifacts=$5 more=${6:-}
work=$(mktemp -d /tmp/crossrun-fuzz-run-XXXXXX)
trap 'rm -rf "$work"' EXIT
"$make_corpus" "$work/seed"
[ -z "$more" ] || [ ! -d "$more" ] || cp "$more"/* "$work/seed/$fmt/" 2>/dev/null || true
if command -v qemu-img >/dev/null 2>&1; then
    # Seeds from the other implementation too (small ones only).
    case $fmt in
    vmdk) qemu-img create -q -f vmdk -o subformat=streamOptimized "$work/seed/vmdk/q-stream.vmdk" 1M
          qemu-img create -q -f vmdk "$work/seed/vmdk/q-sparse.vmdk" 1M ;;
    vdi)  qemu-img create -q -f vdi "$work/seed/vdi/q-dyn.vdi" 3M ;;
    qcow2) qemu-img create -q -f qcow2 -o cluster_size=512 "$work/seed/qcow2/q-v3.qcow2" 1M
           qemu-img create -q -f qcow2 -o compat=0.10,cluster_size=512 \
               "$work/seed/qcow2/q-v2.qcow2" 1M ;;
    esac
fi
mkdir -p "$work/new" "$artifacts"
echo "fuzzing $fmt for ${secs}s with $(ls "$work/seed/$fmt" | wc -l) seeds"
"$fuzzer" -max_total_time="$secs" -timeout=10 -error_exitcode=1 -rss_limit_mb=1024 -max_len=262144 \
    -print_final_stats=1 -artifact_prefix="$artifacts/$fmt-" "$work/new" "$work/seed/$fmt"
