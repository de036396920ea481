#!/usr/bin/env bash
# Prints the JVM options the desktop window runs with (tlslens.sh and load-benchmark.sh use them).
#
# Measured with src/test/scripts/load-benchmark.sh on 2 cores (100,000 and 400,000 packets):
# - C1 only (-XX:TieredStopAtLevel=1): while a large capture loads, C2 compiled for the whole
#   load and took a core from the window (7 s of CPU during a 7 s load; frames of 50-95 ms).
#   C1's code dissects nearly as fast, so loads got faster too (100k packets: 4.5 s instead of 7 s).
# - Shenandoah: concurrent like ZGC (no pauses to speak of; G1 paused 40-70 ms), but ZGC with C1
#   code slowed the loader as the heap grew (400k packets: 29 s to load instead of 13 s).
#   JDK builds without Shenandoah (Oracle's) get ZGC with both compilers, as before.
# The command line keeps the JVM's defaults: for one long pass over a file C2 pays off.
set -euo pipefail
if java -XX:+UseShenandoahGC -version >/dev/null 2>&1; then
  echo "-XX:TieredStopAtLevel=1 -XX:+UseShenandoahGC"
else
  echo "-XX:+UseZGC"
fi
