#!/bin/bash
# Mixed-type DPA-1 vs se_e2_a at 100x the 400-step budget (40,000 steps, one worker each, sequential).
set -x
cd /work/wt-mix
O=/work/exp/mix40k
[ -d $O/frames ] || { bin/dpspark ingest -i ../shared/data/deepmd/water -o $O/frames && bin/dpspark ingest -i ../shared/data/deepmd/nopbc-CHO -o $O/frames; }
S="--set train.steps=40000 --set train.learning-rate.decay-steps=2000 --set train.parallel.workers=1 --set train.save-freq=10000 --set train.disp-freq=5000"
for m in dpa1 sea; do
  start=$(date +%s)
  bin/dpspark train --frames $O/frames --conf conf/train-mixed-$m.conf $S -o $O/$m > $O/train-$m.log 2>&1
  mid=$(date +%s)
  bin/dpspark test --model $O/$m --frames $O/frames --conf conf/train-mixed-$m.conf > $O/test-$m.log 2>&1
  end=$(date +%s)
  echo "$m train $((mid-start)) s test $((end-mid)) s" >> $O/times.txt
done
