#!/usr/bin/env bash
# Regenerates the display filter golden files from tshark (the reference, 4.0.x):
#   src/test/resources/filter/<capture>.golden.tsv   one line per filter of filters.txt:
#       FILTER<TAB>OK<TAB>frame numbers matched (comma-separated, may be empty)
#       FILTER<TAB>ERROR<TAB>position<TAB>length<TAB>message   (position -1: tshark shows no caret)
#   src/test/resources/filter/fields.tsv   type and value names of every field the filters use,
#       so that the acceptance test can type-check filters whose fields no dissector declares yet.
# Run from the repository root; needs tshark and ../shared/captures/public.
# tshark runs without name resolution and without key logs (-n, default preferences).
set -euo pipefail
cd "$(dirname "$0")/../../.."
dir=src/test/resources/filter
caps=../shared/captures/public
captures=(zeek_tls12-decryption.pcap zeek_tls13_psk_succesfull.pcap)
version=$(tshark --version 2>/dev/null | head -1)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

mapfile -t filters < <(grep -v '^#' "$dir/filters.txt" | grep -v '^[[:space:]]*$')

for cap in "${captures[@]}"; do
    out="$dir/${cap%.*}.golden.tsv"
    {
        printf '# %s: tshark -n -r %s -Y FILTER -T fields -e frame.number\n' "$version" "$cap"
        for f in "${filters[@]}"; do
            if res=$(tshark -n -r "$caps/$cap" -Y "$f" -T fields -e frame.number 2>"$tmp/err"); then
                printf '%s\tOK\t%s\n' "$f" "$(echo "$res" | paste -sd, -)"
            else
                # "tshark: MESSAGE", then optionally the filter and a caret line "    ^~~~".
                msg=$(grep -v '^Running as' "$tmp/err" | sed -n 's/^tshark: //p' | head -1)
                caret=$(grep -E '^ *\^~*$' "$tmp/err" | head -1 || true)
                if [ -n "$caret" ]; then
                    lead=${caret%%^*}
                    pos=$(( ${#lead} - 4 ))
                    marks=${caret#"$lead"}
                    len=${#marks}
                else
                    pos=-1; len=0
                fi
                printf '%s\tERROR\t%d\t%d\t%s\n' "$f" "$pos" "$len" "$msg"
            fi
        done
    } > "$out"
    echo "wrote $out"
done

# Types (FT_*), display base, bitmask and value names of the fields the filters name.
names=$(grep -v '^#' "$dir/filters.txt" | grep -oE '[a-z][a-z0-9_]*(\.[a-z0-9_]+)+|\b(tls|tcp|ip|eth|frame)\b' | sort -u)
tshark -G fields 2>/dev/null > "$tmp/fields"
tshark -G values 2>/dev/null > "$tmp/values"
{
    echo "# $version: tshark -G fields / -G values for the fields of filters.txt"
    echo "# F<TAB>abbrev<TAB>type<TAB>base<TAB>bitmask<TAB>label ; V<TAB>abbrev<TAB>value<TAB>name ; T<TAB>abbrev<TAB>true<TAB>false"
    for n in $names; do
        awk -F'\t' -v n="$n" '($1=="F" && $3==n) {print "F\t" $3 "\t" $4 "\t" $6 "\t" $7 "\t" $2; exit}
                              ($1=="P" && $3==n) {print "F\t" $3 "\tFT_PROTOCOL\t\t\t" $2; exit}' "$tmp/fields"
        awk -F'\t' -v n="$n" '($1=="V" && $2==n) {print "V\t" $2 "\t" $3 "\t" $4}
                              ($1=="T" && $2==n) {print "T\t" $2 "\t" $3 "\t" $4}' "$tmp/values"
    done
} > "$dir/fields.tsv"
echo "wrote $dir/fields.tsv"
