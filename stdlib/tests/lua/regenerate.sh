#!/bin/sh
# Regenerates NAME.expected for every NAME.lua here with a reference
# interpreter (default: lua5.4), running each script as chunk "=input".
set -e
cd "$(dirname "$0")"
LUA=${LUA:-lua5.4}
for script in *.lua; do
    "$LUA" -e 'local f = assert(load(io.read("a"), "=input")); f()' < "$script" > "${script%.lua}.expected" 2>&1
done
