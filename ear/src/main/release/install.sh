#!/usr/bin/env bash
# Installs this release into a directory of your choice, outside any build tree:
#   ./install.sh /opt/carbonsink
# The directory then holds the configured server (bin/, modules/, standalone/), the EAR in
# standalone/deployments/carbonsink.ear, carbonsink.env (mode 600, to fill in) and RELEASE. Start it with
# bin/carbonsink.sh (or the systemd unit carbonsink.service). Upgrades replace only the EAR: upgrade.sh.
# docs/OPERATIONS.md of the source tree describes each step.
set -euo pipefail

release="$(cd "$(dirname "$0")" && pwd)"
if [ $# -ne 1 ]; then
    echo "usage: $0 DIRECTORY   (a new or empty directory to install the server into)" >&2
    exit 2
fi
target="$1"
if [ -e "$target/jboss-modules.jar" ]; then
    echo "install.sh: $target already holds an installation; upgrade it with: $release/upgrade.sh $target" >&2
    exit 1
fi
if [ -d "$target" ] && [ -n "$(ls -A "$target")" ]; then
    echo "install.sh: $target is not empty; choose a new or empty directory" >&2
    exit 1
fi
mkdir -p "$target"
target="$(cd "$target" && pwd)"

cp -a "$release/server/." "$target/"
mkdir -p "$target/standalone/deployments"
cp "$release/carbonsink.ear" "$target/standalone/deployments/carbonsink.ear"
cp "$release/RELEASE" "$target/RELEASE"
(umask 077 && cp "$release/carbonsink.env.example" "$target/carbonsink.env")
chmod 600 "$target/carbonsink.env"

echo "Installed $(sed -n 's/^version=//p' "$release/RELEASE") into $target."
echo "Next: fill in $target/carbonsink.env (database, public address, keys), then start $target/bin/carbonsink.sh"
