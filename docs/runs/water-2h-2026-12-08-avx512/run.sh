#!/bin/bash
# As run, 2026-12-08 04:12-06:03 UTC (fifteenth session), from a worktree of main at ee606b4 (the recipe with
# train.learning-rate.stop given on the command line; conf/train-water.conf carries it since 265256b).
# conf/train-water.conf, 2-hour budget (max-time 110m), learning rate decayed to 1e-5 instead of 1e-6
# (the 1-hour run's force curve stopped improving once lr < ~3e-5, its training RMSE equal to validation: underfit).
set -x
cd /work/wt-w2h
O=/work/exp/w2h
F=/work/exp/w1h/frames
start=$(date +%s)
bin/dpspark train --frames $F --conf conf/train-water.conf --set train.learning-rate.stop=1.0e-5 -o $O/model > $O/train.log 2>&1
mid=$(date +%s)
bin/dpspark test --model $O/model --frames $F --conf conf/train-water.conf > $O/test.log 2>&1
end=$(date +%s)
echo "train $((mid-start)) s test $((end-mid)) s" > $O/times.txt
