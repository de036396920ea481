#!/usr/bin/env bash
# Builds the .deb (src/main/scripts/package.sh), installs it, checks the installed program as a user
# meets it, then removes and purges it and checks nothing is left. Needs root (CI runs it from .ci/run
# after the tests; on a developer's machine it installs and purges the package tlslens, through sudo).
#
# Checks, each against something that could differ:
# - tlslens --version names the same build as the jar, with the system's libpcap;
# - tlslens -r on the bundled sample prints, with -T fields, what java -jar target/tlslens.jar prints;
# - the menu entry validates, the MIME database maps .pcap/.pcapng/.cap to the types it declares,
#   and the desktop database maps those types to it;
# - capture rights (debconf answer "yes", preseeded): a user outside the tlslens group is told the
#   usermod command and cannot capture; the same user in the group captures on lo; nothing is setuid;
# - "tlslens FILE" as that user opens the window on FILE under Xvfb (found by its title); start-up time;
# - dpkg -r leaves no file; dpkg -P also drops the group and the debconf answer.
# Prints the package's size and the window's start-up time.
#
# Usage: package-test.sh [--no-build]   (--no-build: package the target/tlslens.jar mvn verify made)
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
cd "$root"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
"$root/src/main/scripts/install-deps.sh" test

fail() { echo "package-test: FAIL: $*" >&2; exit 1; }
step() { echo "package-test: $*" >&2; }

bash "$root/src/main/scripts/package.sh" "$@"
deb="$(ls -t target/tlslens_*_"$(dpkg --print-architecture)".deb | head -1)"
jar=target/tlslens.jar
sample="$root/src/main/resources/sample/tls-sample.pcapng"

tmp="$(mktemp -d /tmp/tlslens-package-test.XXXXXX)"
chmod 0755 "$tmp"
user=tlslens-probe
xvfb_pid=""
window_pid=""
cleanup() {
  [ -n "$window_pid" ] && $SUDO kill "$window_pid" 2>/dev/null || true
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
  if id "$user" >/dev/null 2>&1; then
    # userdel refuses while the user's last process (the window) is still exiting.
    for _ in $(seq 1 50); do $SUDO userdel "$user" 2>/dev/null && break; sleep 0.2; done
  fi
  if dpkg-query -W -f='${Status}' tlslens 2>/dev/null | grep -q installed; then $SUDO dpkg -P tlslens >/dev/null || true; fi
  $SUDO rm -rf "$tmp"
}
trap cleanup EXIT

# dpkg takes one caller at a time: wait for another apt-get or dpkg to finish rather than fail.
dpkg_do() {
  local out
  for _ in $(seq 1 60); do
    if out="$($SUDO env DEBIAN_FRONTEND=noninteractive dpkg "$@" 2>&1)"; then echo "$out"; return 0; fi
    echo "$out" | grep -q "lock" || { echo "$out" >&2; return 1; }
    sleep 5
  done
  echo "$out" >&2
  return 1
}

if dpkg-query -W -f='${Status}' tlslens 2>/dev/null | grep -q installed; then
  step "purging the tlslens package installed before this test"
  dpkg_do -P tlslens >/dev/null
fi

size_bytes="$(stat -c %s "$deb")"
step "package: $deb, $((size_bytes / 1024 / 1024)) MB ($size_bytes bytes), installed $(dpkg-deb -f "$deb" Installed-Size) KB"

# ---- install, letting non-root users capture (debconf, as an administrator would answer) -------------
echo "tlslens tlslens/install-setcap boolean true" | $SUDO debconf-set-selections
dpkg_do -i "$deb" >/dev/null
[ -x /usr/bin/tlslens ] || fail "/usr/bin/tlslens missing after dpkg -i"

# ---- the window runs with the launcher script's JVM options, the command line with the JVM's defaults --------
window_opts="$(PATH="/opt/tlslens/lib/runtime/bin:$PATH" "$root/src/main/scripts/window-jvm-options.sh")"
for o in $window_opts; do
  for l in tlslens-window tlslens-window-capture; do
    grep -qx -- "java-options=$o" "/opt/tlslens/lib/app/$l.cfg" || fail "$l lacks the window's JVM option $o"
  done
  for l in tlslens tlslens-capture; do
    ! grep -qx -- "java-options=$o" "/opt/tlslens/lib/app/$l.cfg" || fail "the command line's $l has the window's option $o"
  done
done
step "JVM options: the window's ($window_opts) for the window's launchers, the defaults for the command line's"

# ---- the command line works as java -jar does ------------------------------------------------------
installed_version="$(tlslens --version)"
jar_version="$(java -jar "$jar" --version)"
[ "$(echo "$installed_version" | head -1)" = "$(echo "$jar_version" | head -1)" ] \
  || fail "tlslens --version names another build: $(echo "$installed_version" | head -1) / jar: $(echo "$jar_version" | head -1)"
echo "$installed_version" | grep -q "^  libpcap version " || fail "no libpcap version in: $installed_version"
echo "$installed_version" | grep -q "^  Java 17" || fail "not the bundled Java 17: $installed_version"
echo "$installed_version" >&2
fields=(-r "$sample" -T fields -e frame.number -e tls.handshake.type)
tlslens "${fields[@]}" > "$tmp/installed.txt"
java -jar "$jar" "${fields[@]}" > "$tmp/jar.txt"
[ -s "$tmp/jar.txt" ] || fail "java -jar printed nothing"
cmp -s "$tmp/installed.txt" "$tmp/jar.txt" || { diff "$tmp/jar.txt" "$tmp/installed.txt" | head >&2; fail "tlslens -r differs from java -jar"; }
step "tlslens -r -T fields: $(wc -l < "$tmp/installed.txt") lines, the same as java -jar's"

# ---- menu entry, icon, file types -------------------------------------------------------------------
desktop-file-validate /usr/share/applications/tlslens.desktop | grep -v "^.*hint:" && fail "tlslens.desktop is not valid"
for size in 16x16 32x32 48x48 256x256 scalable; do
  ls /usr/share/icons/hicolor/$size/apps/tlslens.* >/dev/null 2>&1 || fail "no $size icon"
done
for t in application/vnd.tcpdump.pcap application/x-pcapng; do
  grep -q "^$t=.*tlslens.desktop" /usr/share/applications/mimeinfo.cache || fail "mimeinfo.cache does not give $t to tlslens.desktop"
done
for g in "application/vnd.tcpdump.pcap:\*.pcap$" "application/vnd.tcpdump.pcap:\*.cap$" "application/x-pcapng:\*.pcapng$"; do
  grep -q ":$g" /usr/share/mime/globs2 || fail "the MIME database lacks $g"
done
step "menu entry valid; .pcap, .pcapng, .cap are application/vnd.tcpdump.pcap and application/x-pcapng, opened by tlslens.desktop"

# ---- capture rights: the group's launchers only, never setuid --------------------------------------
getent group tlslens >/dev/null || fail "the postinst did not create the tlslens group"
for l in tlslens-capture tlslens-window-capture; do
  [ "$(stat -c '%a %U %G' /opt/tlslens/bin/$l)" = "750 root tlslens" ] || fail "$l is $(stat -c '%a %U %G' /opt/tlslens/bin/$l)"
  getcap /opt/tlslens/bin/$l | grep -q "cap_net_admin,cap_net_raw=eip" || fail "$l lacks its capabilities: $(getcap /opt/tlslens/bin/$l)"
done
[ -z "$(find /opt/tlslens /usr/bin/tlslens -perm /6000)" ] || fail "setuid/setgid files: $(find /opt/tlslens -perm /6000)"
for l in tlslens tlslens-window; do
  [ -z "$(getcap /opt/tlslens/bin/$l)" ] || fail "$l, which everyone runs, has capabilities"
done
$SUDO useradd --system --home-dir "$tmp/home" --create-home --shell /bin/sh "$user"
as_user() { $SUDO runuser -u "$user" -- env HOME="$tmp/home" "$@"; }
if as_user tlslens -i lo -a duration:1 -w "$tmp/home/denied.pcapng" > "$tmp/denied.out" 2>&1; then
  fail "a user outside the tlslens group captured"
fi
grep -q 'sudo usermod -aG tlslens "$USER", then log out and in again' "$tmp/denied.out" \
  || fail "the permission message does not name the group: $(cat "$tmp/denied.out")"
$SUDO usermod -aG tlslens "$user"
as_user tlslens -i lo -c 1 -a duration:20 -w "$tmp/home/member.pcapng" > "$tmp/member.out" 2>&1 &
capture_pid=$!
while kill -0 "$capture_pid" 2>/dev/null; do (echo > /dev/tcp/127.0.0.1/9) 2>/dev/null || true; sleep 0.3; done
wait "$capture_pid" || fail "a member of the tlslens group could not capture: $(cat "$tmp/member.out")"
[ "$(tlslens -r "$tmp/home/member.pcapng" -T fields -e frame.number | wc -l)" -ge 1 ] || fail "the member's capture is empty"
step "capture: refused outside the group with the usermod command; a member captured on lo"

# ---- the window on a file, as the member (a desktop user, not root) --------------------------------
exec 3> "$tmp/display"
Xvfb -displayfd 3 -screen 0 1600x1000x24 -ac -nolisten tcp > "$tmp/xvfb.log" 2>&1 &
xvfb_pid=$!
exec 3>&-
for _ in $(seq 1 100); do [ -s "$tmp/display" ] && break; sleep 0.1; done
display=":$(cat "$tmp/display")"
cp "$sample" "$tmp/tls-sample.pcapng"
chmod 0644 "$tmp/tls-sample.pcapng"
start_ns="$(date +%s%N)"
as_user env DISPLAY="$display" sh -c 'echo $$ > "$1/home/window.pid"; exec tlslens "$1/tls-sample.pcapng"' sh "$tmp" \
  > "$tmp/window.out" 2>&1 &
runuser_pid=$!
shown=""
for _ in $(seq 1 1200); do
  if DISPLAY="$display" xwininfo -root -tree 2>/dev/null | grep -q '"tls-sample.pcapng .* TLS Lens"'; then shown=yes; break; fi
  kill -0 "$runuser_pid" 2>/dev/null || break
  sleep 0.05
done
end_ns="$(date +%s%N)"
window_pid="$(cat "$tmp/home/window.pid" 2>/dev/null || true)"
[ -n "$shown" ] || fail "no window titled \"tls-sample.pcapng — TLS Lens\": $(DISPLAY="$display" xwininfo -root -tree | grep '"' | head -5; cat "$tmp/window.out")"
[ -n "$window_pid" ] || fail "the window's process id was not recorded"
exe="$($SUDO readlink "/proc/$window_pid/exe")"
[ "$exe" = /opt/tlslens/bin/tlslens-window-capture ] || fail "the window runs in $exe, not the group's window launcher"
DISPLAY="$display" xwininfo -root -tree | grep "TLS Lens" >&2 || true
startup_ms=$(( (end_ns - start_ns) / 1000000 ))
$SUDO kill "$window_pid"
wait "$runuser_pid" 2>/dev/null || true
window_pid=""
step "window: \"tlslens FILE\" showed \"tls-sample.pcapng — TLS Lens\" after $startup_ms ms"

# ---- remove, purge: nothing left -----------------------------------------------------------------------
dpkg_do -r tlslens >/dev/null
[ ! -e /opt/tlslens ] || fail "/opt/tlslens left after dpkg -r: $(find /opt/tlslens | head)"
[ ! -e /usr/bin/tlslens ] || fail "/usr/bin/tlslens left after dpkg -r"
left="$(find /usr/share/applications /usr/share/icons/hicolor /usr/share/mime/packages /usr/share/doc -name 'tlslens*' 2>/dev/null)"
[ -z "$left" ] || fail "left after dpkg -r: $left"
! grep -q tlslens /usr/share/applications/mimeinfo.cache || fail "mimeinfo.cache still names tlslens.desktop"
dpkg_do -P tlslens >/dev/null
! dpkg-query -W tlslens >/dev/null 2>&1 || fail "dpkg still knows tlslens after purge: $(dpkg-query -W tlslens)"
! getent group tlslens >/dev/null || fail "the tlslens group is left after purge"
[ -z "$($SUDO debconf-show tlslens 2>/dev/null)" ] || fail "debconf still holds: $($SUDO debconf-show tlslens)"
step "dpkg -r removed every file; dpkg -P dropped the group and the debconf answer"

echo "package-test: OK. Package $(basename "$deb"): $((size_bytes / 1024 / 1024)) MB; window shown after $startup_ms ms"
