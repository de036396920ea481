#!/usr/bin/env bash
# Prints the JVM options the command line (tlslens.sh -r ..., scale-benchmark.sh) runs with.
#
# The serial collector: a headless run is one thread dissecting, and its garbage is short-lived trees.
# Measured with src/test/scripts/scale-benchmark.sh on 1,000,000 packets on 2 shared cores: -T fields
# with the 22 core fields took 115 s and 0.72 GB peak RSS with -XX:+UseSerialGC against 192 s and
# 3.2 GB with the default G1 (whose young generation grew to gigabytes and whose threads took the
# dissecting thread's core); tshark took 186 s and 0.86 GB in the same hour.
#
# Less inlining: on two cores a run is bound by its total CPU, and C2 compiling the dissectors'
# big methods (TlsConnection.dissectTls, HelloInfo.compact, Engine.tcp, each with its callees
# inlined) was as much CPU as the dissecting thread itself. Measured on 1,000,000 packets with
# -Y 'tls.handshake.type == 1', 3 alternating pairs (load 16-24): C2's CPU 3.2-3.6 s against
# 4.4-5.5 s, the dissecting thread's 4.0-4.3 s against 4.1-4.9 s, the process's 10.6-11.3 s
# against 11.9-14.3 s.
set -euo pipefail
echo "-XX:+UseSerialGC -XX:MaxInlineLevel=6 -XX:MaxInlineSize=20 -XX:FreqInlineSize=150"
