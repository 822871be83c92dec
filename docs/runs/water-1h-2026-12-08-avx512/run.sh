#!/bin/bash
# conf/train-water.conf with a 55-minute budget (train + test ~1 h) on this AVX-512 VM with OpenBLAS's SkylakeX
# kernels (bin/openblas-coretype.sh), both cores, two workers as the recipe; then test on all 80 frames of data_3.
set -x
cd /work/wt-w1h
O=/work/exp/w1h
[ -d $O/frames ] || bin/dpspark ingest -i ../shared/data/deepmd/water -o $O/frames
start=$(date +%s)
bin/dpspark train --frames $O/frames --conf conf/train-water.conf --set train.max-time=55m -o $O/model > $O/train.log 2>&1
mid=$(date +%s)
bin/dpspark test --model $O/model --frames $O/frames --conf conf/train-water.conf > $O/test.log 2>&1
end=$(date +%s)
echo "train $((mid-start)) s test $((end-mid)) s" > $O/times.txt
