#!/usr/bin/env bash
# Builds everything (including the web app) and serves the demo clinic on http://127.0.0.1:5080.
# Extra arguments go to the host, e.g. --urls http://127.0.0.1:6000
set -euo pipefail
cd "$(dirname "$0")/.."
exec dotnet run --project src/Telemed.Host -- "$@"
