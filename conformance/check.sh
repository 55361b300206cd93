#!/bin/sh
# Usage: conformance/check.sh [--regen] [NAME.lua ...]
# Runs every corpus script (or the ones named) under lua5.4 and under the
# reference 5.4.8 binary named by $LUA548 (built outside the repository;
# that comparison is skipped when unset), reports
# any difference between the two, and with --regen rewrites NAME.expected
# from the lua5.4 output.
cd "$(dirname "$0")/corpus" || exit 1
REGEN=0
if [ "$1" = "--regen" ]; then REGEN=1; shift; fi
LUA=${LUA:-lua5.4}
LUA548=${LUA548:-}
if [ $# -eq 0 ]; then set -- *.lua; fi
status=0
for f in "$@"; do
  f=$(basename "$f")
  out=$(timeout 10 "$LUA" "$f" </dev/null 2>/tmp/check.err.$$; echo "rc=$?")
  if [ -n "$LUA548" ] && [ -x "$LUA548" ]; then
    out2=$(timeout 10 "$LUA548" "$f" </dev/null 2>/dev/null; echo "rc=$?")
    if [ "$out" != "$out2" ]; then
      echo "DIFF 5.4.4 vs 5.4.8: $f"; status=1
      printf '%s\n' "$out" > /tmp/check.a.$$; printf '%s\n' "$out2" > /tmp/check.b.$$
      diff /tmp/check.a.$$ /tmp/check.b.$$ | head -10
    fi
  fi
  case "$out" in *"rc=0") ;; *) echo "NONZERO EXIT: $f"; cat /tmp/check.err.$$; status=1;; esac
  if [ $REGEN -eq 1 ]; then
    timeout 10 "$LUA" "$f" </dev/null > "${f%.lua}.expected" 2>/dev/null
  elif [ -f "${f%.lua}.expected" ]; then
    timeout 10 "$LUA" "$f" </dev/null 2>/dev/null | cmp -s - "${f%.lua}.expected" || { echo "STALE .expected: $f"; status=1; }
  else
    echo "MISSING .expected: $f"; status=1
  fi
done
rm -f /tmp/check.*.$$
exit $status
