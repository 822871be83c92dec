#!/bin/bash
# A pw.x stand-in that fails like an SCF that does not converge: message on stderr, non-zero exit code.
echo "     convergence NOT achieved after 100 iterations: stopping" >&2
exit 3
