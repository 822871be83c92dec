#!/usr/bin/env bash
# Parse speed of dpspark's extxyz reader against ASE's ase.io.read(file, index=':') on the same file.
#
#   bench/extxyz-vs-ase.sh [FRAMES=20000] [ATOMS=192] [RUNS=5]
#
# Generates (once, kept in $TMPDIR or /tmp) an extxyz file of FRAMES water boxes of ATOMS atoms with
# forces, energy and virial, formatted as ASE writes them; times dpspark (RUNS runs after compiling the
# reader offline) and ASE (one run), and prints frames/s, MB/s and the ratio dpspark/ASE.
# ASE comes from Debian's python3-ase; it is installed with apt-get when missing and we are root
# (or have password-less sudo), otherwise the script says how to install it and exits with status 2.
set -euo pipefail

FRAMES=${1:-20000}
ATOMS=${2:-192}
RUNS=${3:-5}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
FILE=${EXTXYZ_BENCH_FILE:-${TMPDIR:-/tmp}/dpspark-extxyz-bench-${FRAMES}x${ATOMS}.xyz}

python_with_ase() {
    local py
    for py in python3 /usr/bin/python3; do
        if command -v "$py" >/dev/null 2>&1 && "$py" -c 'import ase.io' >/dev/null 2>&1; then
            echo "$py"
            return 0
        fi
    done
    return 1
}

if ! PY=$(python_with_ase); then
    echo "ASE not found: installing python3-ase with apt-get" >&2
    if [ "$(id -u)" = 0 ]; then
        apt-get install -y python3-ase >&2 || { apt-get update >&2 && apt-get install -y python3-ase >&2; } || true
    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        sudo apt-get install -y python3-ase >&2 || true
    fi
    if ! PY=$(python_with_ase); then
        echo "ERROR: ASE is needed for this comparison. Install it with 'apt-get install -y python3-ase'" \
             "(Debian/Ubuntu) or 'pip install ase', then run this script again." >&2
        exit 2
    fi
fi

echo "== building the reader (mvn -o compile, no install)"
(cd "$ROOT" && mvn -B -o -q -pl ingest -am compile)
CP="$ROOT/core/target/classes:$ROOT/ingest/target/classes:$ROOT/bench/target/classes"

echo "== dpspark ($RUNS runs)"
DP_OUT=$(java -Xmx1g -cp "$CP" org.dpspark.bench.ingest.ExtxyzParseBench \
    --frames "$FRAMES" --atoms "$ATOMS" --runs "$RUNS" --file "$FILE")
echo "$DP_OUT"
DP_RESULT=$(echo "$DP_OUT" | grep '^RESULT ')
field() { echo "$1" | tr ' ' '\n' | grep "^$2=" | cut -d= -f2; }
DP_BEST=$(field "$DP_RESULT" best_s)
DP_MEDIAN=$(field "$DP_RESULT" median_s)
DP_CPU=$(field "$DP_RESULT" median_cpu_s)
BYTES=$(field "$DP_RESULT" bytes)

echo "== ASE ($PY, one run of ase.io.read(file, index=':'))"
ASE_OUT=$("$PY" - "$FILE" <<'PYEOF'
import sys, time
import ase, ase.io
t, c = time.perf_counter(), time.process_time()
images = ase.io.read(sys.argv[1], index=':')
dt, dc = time.perf_counter() - t, time.process_time() - c
assert images[0].get_forces().shape == (len(images[0]), 3)
print(f"ASE {ase.__version__}: {len(images)} frames in {dt:.2f} s wall, {dc:.2f} s cpu")
print(f"ASE_RESULT seconds={dt:.4f} cpu_s={dc:.4f} frames={len(images)}")
PYEOF
)
echo "$ASE_OUT"
ASE_RESULT=$(echo "$ASE_OUT" | grep '^ASE_RESULT ')
ASE_S=$(field "$ASE_RESULT" seconds)
ASE_CPU=$(field "$ASE_RESULT" cpu_s)
ASE_FRAMES=$(field "$ASE_RESULT" frames)
if [ "$ASE_FRAMES" != "$FRAMES" ]; then
    echo "ERROR: ASE read $ASE_FRAMES frames, expected $FRAMES" >&2
    exit 1
fi

echo "== summary"
awk -v f="$FRAMES" -v a="$ATOMS" -v b="$BYTES" -v best="$DP_BEST" -v med="$DP_MEDIAN" -v ase="$ASE_S" \
    -v cpu="$DP_CPU" -v asecpu="$ASE_CPU" 'BEGIN {
    printf "file: %d frames x %d atoms, %.1f MB\n", f, a, b / 1e6
    printf "dpspark best   : %8.3f s  %9.0f frames/s  %7.1f MB/s\n", best, f / best, b / 1e6 / best
    printf "dpspark median : %8.3f s  %9.0f frames/s  %7.1f MB/s\n", med, f / med, b / 1e6 / med
    printf "ASE            : %8.3f s  %9.0f frames/s  %7.1f MB/s\n", ase, f / ase, b / 1e6 / ase
    printf "ASE cpu        : %8.3f s;  dpspark median cpu %.3f s\n", asecpu, cpu
    printf "ratio dpspark/ASE (speed, wall): best %.1fx, median %.1fx\n", ase / best, ase / med
    printf "ratio dpspark/ASE (speed, cpu) : median %.1fx\n", asecpu / cpu
}'
