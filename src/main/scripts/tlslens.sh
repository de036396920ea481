#!/usr/bin/env bash
# Builds TLS Lens if needed and runs it; arguments go to the program (none, or a capture file alone:
# the desktop window).
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
"$root/src/main/scripts/install-deps.sh" run
jar="$root/target/tlslens.jar"
if [ ! -f "$jar" ] || [ -n "$(find "$root/src/main" "$root/fxml" "$root/icons" "$root/pom.xml" -newer "$jar" -print -quit 2>/dev/null)" ]; then
  (cd "$root" && mvn -B -q -DskipTests package)
fi
if [ $# -eq 0 ] || { [ $# -eq 1 ] && [ -n "$1" ] && [ "${1#-}" = "$1" ]; }; then
  # The window, with the JIT and collector that keep it responsive (window-jvm-options.sh says why).
  # shellcheck disable=SC2046
  exec java $("$root/src/main/scripts/window-jvm-options.sh") -jar "$jar" "$@"
fi
# The command line, with the collector that suits one long pass (cli-jvm-options.sh says why).
# shellcheck disable=SC2046
exec java $("$root/src/main/scripts/cli-jvm-options.sh") -jar "$jar" "$@"
