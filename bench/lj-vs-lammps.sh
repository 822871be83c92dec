#!/usr/bin/env bash
# LJ liquid benchmark: dpspark's MD engine vs LAMMPS (Debian's `lmp`) on LAMMPS' bench/in.lj
# (32,000 atoms, rho*=0.8442, rc 2.5 sigma, 100 NVE steps), one core each. Prints atom-steps/s and the ratio.
# Usage: bench/lj-vs-lammps.sh [LjBench options, e.g. --steps 100 --repeat 3 --lmp /usr/bin/lmp]
# Env: PIN_CPU=0 pins both programs to that CPU with taskset (default: pin to CPU 0 when taskset exists;
#      PIN_CPU=none disables); JAVA_OPTS extra JVM options.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -o -q -pl simulate -am compile
CP=core/target/classes:model/target/classes:simulate/target/classes:bench/target/classes
PIN=()
if [ "${PIN_CPU:-0}" != none ] && command -v taskset >/dev/null; then
  PIN=(taskset -c "${PIN_CPU:-0}")
fi
exec "${PIN[@]}" java -Xms2g -Xmx2g ${JAVA_OPTS:-} -cp "$CP" org.dpspark.bench.simulate.LjBench "$@"
