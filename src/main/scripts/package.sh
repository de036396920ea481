#!/usr/bin/env bash
# Builds target/tlslens_VERSION_ARCH.deb: TLS Lens with its own trimmed Java runtime (jlink) and JavaFX
# (inside the shaded jar), a menu entry, its icon, the capture file types, and the capture rights asked
# for at install time (debconf). Needs a JDK 17+ with jmods (Debian's openjdk-17-jdk-headless has them),
# Maven, and the Debian packages of install-deps.sh's "package" set. Downloads nothing but Maven's
# dependencies (Maven Central) and those Debian packages.
#
# Usage: package.sh [--no-build]    --no-build: package the target/tlslens.jar already built (mvn verify).
#
# Layout of the package:
#   /opt/tlslens/                   jpackage's application image: bin/ launchers, lib/runtime (jlink), lib/app (jar)
#   /usr/bin/tlslens                picks the launcher: window or command line, with capture rights or not
#   /usr/share/applications/tlslens.desktop, /usr/share/icons/hicolor/*/apps/tlslens.*,
#   /usr/share/mime/packages/tlslens.xml (pcap, pcapng; the system's triggers update their caches)
# jpackage makes the image; dpkg-deb makes the .deb, because jpackage's own deb type cannot carry the
# debconf question (DEBIAN/config and templates) the capture rights need.
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
cd "$root"
"$root/src/main/scripts/install-deps.sh" package

build=true
for a in "$@"; do
  case "$a" in
    --no-build) build=false ;;
    *) echo "usage: $0 [--no-build]" >&2; exit 2 ;;
  esac
done

jdk="$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")"
for tool in jlink jpackage jdeps; do
  [ -x "$jdk/bin/$tool" ] || { echo "package.sh: $jdk has no $tool (a full JDK 17+ is needed)" >&2; exit 1; }
done
[ -d "$jdk/jmods" ] || { echo "package.sh: $jdk has no jmods/ (on Debian: openjdk-17-jdk-headless)" >&2; exit 1; }

if $build; then
  mvn -B -q -DskipTests package
fi
jar=target/tlslens.jar
[ -f "$jar" ] || { echo "package.sh: $jar is missing (run without --no-build)" >&2; exit 1; }

work=target/package
rm -rf "$work"
mkdir -p "$work/input" "$work/props"
cp "$jar" "$work/input/tlslens.jar"
(cd "$work/props" && "$jdk/bin/jar" xf "../input/tlslens.jar" tlslens/build.properties)
version="$(sed -n 's/^version=//p' "$work/props/tlslens/build.properties")"
[ -n "$version" ] || { echo "package.sh: no version in the jar's tlslens/build.properties" >&2; exit 1; }
app_version="$(echo "$version" | grep -oE '^[0-9]+(\.[0-9]+)*')" # jpackage takes numbers only
deb_version="${version/-/\~}"                                     # 0.1.0-SNAPSHOT sorts before 0.1.0
arch="$(dpkg --print-architecture)"

# The modules the jar uses (jdeps), and those it reaches only through services or reflection:
# jdk.crypto.ec (SunEC: EC keys and curves for the JDK's ciphers), jdk.zipfs, jdk.charsets
# (capture files name their text in any charset), jdk.localedata is left out (English only).
echo "jdeps: finding the Java modules the jar uses…" >&2
mods="$("$jdk/bin/jdeps" --ignore-missing-deps --print-module-deps --multi-release 17 "$work/input/tlslens.jar")"
mods="$mods,jdk.crypto.ec,jdk.zipfs,jdk.charsets,java.logging,java.xml"
echo "jlink: $mods" >&2
"$jdk/bin/jlink" --module-path "$jdk/jmods" --add-modules "$mods" --strip-debug --no-header-files \
  --no-man-pages --compress=2 --output "$work/runtime"

# The window's JVM options, as src/main/scripts/tlslens.sh gives them, worked out for this runtime.
window_opts="$(PATH="$work/runtime/bin:$PATH" "$root/src/main/scripts/window-jvm-options.sh")"
echo "java-options=$window_opts" > "$work/window.properties"
: > "$work/cli.properties"
cp "$work/window.properties" "$work/window-capture.properties"

rsvg-convert -w 256 -h 256 src/main/package/linux/tlslens-app.svg -o "$work/tlslens.png"
"$jdk/bin/jpackage" --type app-image --dest "$work/image" --name tlslens --app-version "$app_version" \
  --vendor "TLS Lens" --description "TLS handshakes made visible" \
  --icon "$work/tlslens.png" --input "$work/input" --main-jar tlslens.jar --main-class tlslens.Main --runtime-image "$work/runtime" \
  --add-launcher tlslens-window="$work/window.properties" \
  --add-launcher tlslens-capture="$work/cli.properties" \
  --add-launcher tlslens-window-capture="$work/window-capture.properties"

# The Debian package's tree.
linux=src/main/package/linux
deb="$work/deb"
mkdir -p "$deb/opt" "$deb/usr/bin" "$deb/usr/share/applications" "$deb/usr/share/mime/packages" \
  "$deb/usr/share/doc/tlslens" "$deb/DEBIAN"
cp -a "$work/image/tlslens" "$deb/opt/tlslens"
# Capture launchers: root only until the postinst gives them to the tlslens group (if asked to).
chmod 0750 "$deb/opt/tlslens/bin/tlslens-capture" "$deb/opt/tlslens/bin/tlslens-window-capture"
install -m 0755 "$linux/tlslens.sh" "$deb/usr/bin/tlslens"
install -m 0644 "$linux/tlslens.desktop" "$deb/usr/share/applications/tlslens.desktop"
install -m 0644 "$linux/tlslens-mime.xml" "$deb/usr/share/mime/packages/tlslens.xml"
for size in 16 22 24 32 48 64 128 256; do
  d="$deb/usr/share/icons/hicolor/${size}x${size}/apps"
  mkdir -p "$d"
  rsvg-convert -w "$size" -h "$size" "$linux/tlslens-app.svg" -o "$d/tlslens.png"
done
mkdir -p "$deb/usr/share/icons/hicolor/scalable/apps"
install -m 0644 "$linux/tlslens-app.svg" "$deb/usr/share/icons/hicolor/scalable/apps/tlslens.svg"
cat > "$deb/usr/share/doc/tlslens/copyright" <<EOF
TLS Lens $version (git commit $(sed -n 's/^commit=//p' "$work/props/tlslens/build.properties")).
The bundled Java runtime's licences are in /opt/tlslens/lib/runtime/legal/.
EOF

# Depends: the Debian packages of the shared libraries the runtime links (as jpackage works them out),
# plus those JavaFX, JNA and pcap4j load from inside the jar at run time, and the maintainer scripts' tools.
shlib_pkgs="$(find "$deb/opt/tlslens" -type f \( -name '*.so' -o -perm -u+x \) -exec ldd {} + 2>/dev/null \
  | awk '/=> \// {print $3}' | sort -u | while read -r lib; do
      # dpkg knows a library by the path it shipped, before or after /usr-merge's links.
      dpkg -S "$lib" 2>/dev/null || dpkg -S "$(readlink -f "$lib")" 2>/dev/null || true
    done | cut -d: -f1 | sort -u | tr '\n' ' ')"
depends="$(printf '%s\n' $shlib_pkgs libpcap0.8 libgtk-3-0 libxtst6 libxxf86vm1 libgl1 libcap2-bin passwd \
  | sort -u | paste -sd, | sed 's/,/, /g'), debconf (>= 0.5) | debconf-2.0"
size_kb="$(du -sk --exclude=DEBIAN "$deb" | cut -f1)"
sed -e "s/@VERSION@/$deb_version/" -e "s/@ARCH@/$arch/" -e "s/@SIZE@/$size_kb/" -e "s/@DEPENDS@/$depends/" \
  "$linux/debian/control" > "$deb/DEBIAN/control"
install -m 0755 "$linux/debian/config" "$linux/debian/postinst" "$linux/debian/postrm" "$deb/DEBIAN/"
install -m 0644 "$linux/debian/templates" "$deb/DEBIAN/templates"

out="target/tlslens_${deb_version}_${arch}.deb"
dpkg-deb --root-owner-group -Zxz --build "$deb" "$out" >/dev/null
echo "$out ($(du -h "$out" | cut -f1), installed $((size_kb / 1024)) MB)"
