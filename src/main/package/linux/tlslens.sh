#!/bin/sh
# /usr/bin/tlslens of the installed package: picks one of the launchers in /opt/tlslens/bin.
# - The window (no arguments, or a capture file alone: "tlslens FILE", as "wireshark FILE") runs with
#   the window's JVM options (tlslens-window, as src/main/scripts/tlslens.sh runs it); the command line
#   keeps the JVM's defaults (tlslens), as "java -jar tlslens.jar" does.
# - Where the administrator let non-root users capture (dpkg-reconfigure tlslens), the *-capture
#   launchers carry cap_net_raw,cap_net_admin and only root and the tlslens group may run them.
set -e
bin=/opt/tlslens/bin
if [ $# -eq 0 ] || { [ $# -eq 1 ] && [ -n "$1" ] && [ "${1#-}" = "$1" ]; }; then
  launcher=tlslens-window
else
  launcher=tlslens
fi
if [ -x "$bin/$launcher-capture" ]; then launcher="$launcher-capture"; fi
exec "$bin/$launcher" "$@"
