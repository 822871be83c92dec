#!/bin/bash
# A pw.x stand-in that exits 0 but leaves only the first 40 lines of the output (a run killed mid-way).
head -n 40 "$3" > "$2"
