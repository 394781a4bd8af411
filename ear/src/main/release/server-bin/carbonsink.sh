#!/usr/bin/env bash
# Starts this installation's server with its settings: carbonsink.env beside bin/ (or the file CARBONSINK_ENV_FILE
# names), which must be readable by the server's account only (chmod 600). Arguments go to standalone.sh, e.g.
# -Djboss.socket.binding.port-offset=100. The server listens on CARBONSINK_BIND_ADDRESS (127.0.0.1 unless set).
#   bin/carbonsink.sh configure-tls   serves HTTPS with the certificate carbonsink.env names (bin/carbonsink-tls.cli);
#                                     once, with the server stopped
set -euo pipefail

home="$(cd "$(dirname "$0")/.." && pwd)"
env_file="${CARBONSINK_ENV_FILE:-$home/carbonsink.env}"
if [ ! -f "$env_file" ]; then
    echo "carbonsink.sh: $env_file is missing (install.sh creates it from carbonsink.env.example)" >&2
    exit 1
fi
mode="$(stat -c '%a' "$env_file")"
if [ "${mode: -2}" != "00" ]; then
    echo "carbonsink.sh: $env_file holds secrets but other accounts may read it (mode $mode): chmod 600 $env_file" >&2
    exit 1
fi
set -a
# shellcheck source=/dev/null
. "$env_file"
set +a
config="${CARBONSINK_SERVER_CONFIG:-standalone.xml}"
if [ "${1:-}" = "configure-tls" ]; then
    exec "$home/bin/jboss-cli.sh" --file="$home/bin/carbonsink-tls.cli" -Dserver.config="$config"
fi
exec "$home/bin/standalone.sh" -c "$config" \
    -b "${CARBONSINK_BIND_ADDRESS:-127.0.0.1}" "$@"
