#!/usr/bin/env bash
# Upgrades an installation made by install.sh to this release by replacing only its EAR:
#   ./upgrade.sh /opt/carbonsink
# standalone/configuration (management users, TLS settings), standalone/data, carbonsink.env and the keys stay as
# they are. The EAR it replaces is kept in previous/ (with its RELEASE) to go back to, which is only safe while the
# new release has not migrated the database (docs/OPERATIONS.md, Upgrade). Run it with the servers stopped; a
# running server redeploys the new EAR within seconds by itself.
set -euo pipefail

release="$(cd "$(dirname "$0")" && pwd)"
if [ $# -ne 1 ]; then
    echo "usage: $0 DIRECTORY   (an installation made by install.sh)" >&2
    exit 2
fi
target="$(cd "$1" && pwd)"
if [ ! -e "$target/jboss-modules.jar" ] || [ ! -f "$target/RELEASE" ]; then
    echo "upgrade.sh: $target is not an installation made by install.sh (no jboss-modules.jar or RELEASE)" >&2
    exit 1
fi
installed_wildfly="$(sed -n 's/^wildfly=//p' "$target/RELEASE")"
release_wildfly="$(sed -n 's/^wildfly=//p' "$release/RELEASE")"
if [ "$installed_wildfly" != "$release_wildfly" ]; then
    echo "upgrade.sh: this release runs on WildFly $release_wildfly, the installation in $target on" \
        "WildFly $installed_wildfly: install this release into a new directory (install.sh), carry over" \
        "carbonsink.env, the management users (bin/add-user.sh) and TLS (bin/carbonsink-tls.cli), then switch" >&2
    exit 1
fi

deployments="$target/standalone/deployments"
mkdir -p "$target/previous"
if [ -f "$deployments/carbonsink.ear" ]; then
    cp -p "$deployments/carbonsink.ear" "$target/previous/carbonsink.ear"
    cp -p "$target/RELEASE" "$target/previous/RELEASE"
fi
# Copied under a name the deployment scanner ignores, then renamed: a running scanner never sees half an EAR.
cp "$release/carbonsink.ear" "$deployments/carbonsink.ear.upgrading"
mv -f "$deployments/carbonsink.ear.upgrading" "$deployments/carbonsink.ear"
rm -f "$deployments/carbonsink.ear.failed"
cp "$release/RELEASE" "$target/RELEASE"

echo "Upgraded $target to $(sed -n 's/^version=//p' "$release/RELEASE"); the previous EAR is in $target/previous."
