#!/usr/bin/env bash
# Prints the JVM options the command line (tlslens.sh -r ..., scale-benchmark.sh) runs with.
#
# The serial collector: a headless run is one thread dissecting, and its garbage is short-lived trees.
# Measured with src/test/scripts/scale-benchmark.sh on 1,000,000 packets on 2 shared cores: -T fields
# with the 22 core fields took 115 s and 0.72 GB peak RSS with -XX:+UseSerialGC against 192 s and
# 3.2 GB with the default G1 (whose young generation grew to gigabytes and whose threads took the
# dissecting thread's core); tshark took 186 s and 0.86 GB in the same hour.
set -euo pipefail
echo "-XX:+UseSerialGC"
