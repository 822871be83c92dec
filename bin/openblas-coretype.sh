# Sourced by bin/dpspark and bin/dpspark-submit: the OpenBLAS kernels for this CPU.
# ND4J bundles OpenBLAS 0.3.19, which picks its kernels from the CPU model and falls back to its SSE3 ("Prescott")
# kernels on models it does not know: on a 2026 Intel Xeon (family 6, model 207, AVX-512) dgemm ran at 16.6
# GFLOP/s instead of 70.6 with the AVX-512 kernels, and a training step of the water-example net took 2.3x longer
# (docs/benchmarks.md). Unless the user set OPENBLAS_CORETYPE, choose by the instruction sets the CPU reports: every
# AVX-512 subset of OpenBLAS's SkylakeX kernels -> SkylakeX; else AVX2 with FMA -> Haswell; else OpenBLAS decides.
# (Spark executors on other machines read spark.executorEnv.OPENBLAS_CORETYPE: docs/cluster.md.)
if [ -z "${OPENBLAS_CORETYPE:-}" ] && [ -r /proc/cpuinfo ]; then
  _flags=" $(grep -m1 '^flags' /proc/cpuinfo | cut -d: -f2) "
  _has() { for _f in "$@"; do [[ "$_flags" == *" $_f "* ]] || return 1; done; }
  if _has avx512f avx512cd avx512bw avx512dq avx512vl; then
    export OPENBLAS_CORETYPE=SkylakeX
  elif _has avx2 fma; then
    export OPENBLAS_CORETYPE=Haswell
  fi
  unset -f _has; unset _flags _f
fi
