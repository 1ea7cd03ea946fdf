#!/bin/sh
# Stages one package's jars from the reactor's runtime jars (the dependency plugin copies those of
# every packaged module into one folder): the module's jar as NAME.jar, and in lib/ exactly the
# jars its manifest Class-Path names, so each package holds its own module's classpath and no
# other's (the agent's package no HTTP server, the server's no Pi4J).
# Usage: stage-jars.sh ALL_JARS_DIR NAME VERSION OUT_DIR
set -eu

all=$1
name=$2
version=$3
out=$4

rm -rf "$out"
mkdir -p "$out/lib" "$out/manifest"
cp "$all/$name-$version.jar" "$out/$name.jar"
(cd "$out/manifest" && jar xf "$all/$name-$version.jar" META-INF/MANIFEST.MF)
# Manifest lines are cut at 72 bytes, each continuation starting with one space.
tr -d '\r' <"$out/manifest/META-INF/MANIFEST.MF" \
  | awk '/^ /{sub(/^ /, ""); printf "%s", $0; next} {printf "\n%s", $0} END{print ""}' \
  | sed -n 's/^Class-Path: //p' | tr ' ' '\n' | grep . | while read -r entry; do
  jar=${entry#lib/}
  if [ ! -f "$all/$jar" ]; then
    echo "stage-jars: $name's manifest names $entry, which the build did not resolve" >&2
    exit 1
  fi
  cp "$all/$jar" "$out/lib/$jar"
done
rm -rf "$out/manifest"
