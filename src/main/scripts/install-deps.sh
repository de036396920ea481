#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages TLS Lens needs, only those missing (idempotent).
# Usage: install-deps.sh run|test|package (package: what src/main/scripts/package.sh needs; test includes it
# and what src/test/scripts/package-test.sh needs to check the installed package)
set -euo pipefail
run_pkgs=(libpcap0.8 libgtk-3-0 libxtst6 libxxf86vm1 libgl1 openssl)  # openssl: the lesson lab's ticket and TLS 1.3 peers
test_pkgs=(tshark tcpdump openssl curl h2o xvfb xauth imagemagick python3 zstd lz4 iproute2 mount)  # iproute2, mount: the capture fault tests (a veth pair, a small tmpfs)
package_pkgs=(librsvg2-bin)
package_test_pkgs=(x11-utils desktop-file-utils shared-mime-info libcap2-bin debconf passwd)
pkgs=("${run_pkgs[@]}")
[ "${1:-run}" = test ] && pkgs+=("${test_pkgs[@]}" "${package_pkgs[@]}" "${package_test_pkgs[@]}")
[ "${1:-run}" = package ] && pkgs+=("${package_pkgs[@]}")

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "Installing: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
