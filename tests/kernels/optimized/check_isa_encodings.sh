#!/usr/bin/env bash
# Checks the instruction encodings of the optimized kernels' level files in ARCHIVE (the
# posenet_kernels_optimized library): *_avx2.cc.o and *_avxvnni.cc.o must hold no EVEX (AVX-512)
# instruction, so they run on CPUs without AVX-512; *_avx2.cc.o no VNNI dot product either; and
# *_avxvnni.cc.o must use the VEX vpdpbusd of AVX-VNNI. This machine class may lack AVX-VNNI, so
# the avxvnni files' VEX build cannot always run here: this shows it stays within its level.
#   check_isa_encodings.sh ARCHIVE
set -euo pipefail
archive="$1"
members=$(ar t "$archive")
object=$(mktemp)
trap 'rm -f "$object"' EXIT
failed=0
checked=0
for member in $members; do
  case "$member" in
    *_avx2.cc.o | *_avxvnni.cc.o) ;;
    *) continue ;;
  esac
  checked=$((checked + 1))
  # One line per instruction (no wrapped bytes): address, bytes, mnemonic and operands.
  ar p "$archive" "$member" >"$object"
  listing=$(objdump -d --insn-width=16 "$object")
  evex=$(awk -F'\t' 'NF >= 3 && $2 ~ /^62 / { print; n++ } n >= 3 { exit }' <<<"$listing")
  evex_regs=$(grep -E '%zmm|%k[0-7]|%[xy]mm(1[6-9]|2[0-9]|3[01])\b' <<<"$listing" | head -3 || true)
  if [ -n "$evex$evex_regs" ]; then
    echo "$member: EVEX (AVX-512) instructions in a file for CPUs without AVX-512:" >&2
    printf '%s\n%s\n' "$evex" "$evex_regs" >&2
    failed=1
  fi
  case "$member" in
    *_avx2.cc.o)
      if grep -qE 'vpdp(bu|ws)sd' <<<"$listing"; then
        echo "$member: VNNI instructions in an AVX2 file" >&2
        failed=1
      fi
      ;;
    *_avxvnni.cc.o)
      if ! grep -qE '\{vex\} *vpdpbusd' <<<"$listing"; then
        echo "$member: no VEX vpdpbusd (AVX-VNNI) in an avxvnni file" >&2
        failed=1
      fi
      ;;
  esac
done
if [ "$checked" -eq 0 ]; then
  echo "check_isa_encodings: no *_avx2.cc.o or *_avxvnni.cc.o in $archive" >&2
  exit 1
fi
[ "$failed" -eq 0 ] && echo "checked $checked level files: encodings within their levels"
exit "$failed"
