#!/usr/bin/env bash
# Builds everything (including the web app) and serves the demo clinic on http://127.0.0.1:5080.
# Extra arguments go to the host, e.g. --urls http://127.0.0.1:6000
#
# A second start with nothing changed skips the build: when no source file (C#, project files, the web
# app's inputs) is newer than the last successful build, the built host is started directly. Set
# TELEMED_FORCE_BUILD=1 to build anyway.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# What `dotnet run` took from Properties/launchSettings.json.
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"

out=src/Telemed.Host/bin/Debug/net10.0
stamp="$out/.run-build-stamp"

changed() {
  [ -f "$stamp" ] && [ -f "$out/Telemed.Host.dll" ] || return 0
  # The same inputs as the build: C# and project files, and what BuildWebApp reads (see Telemed.Host.csproj).
  [ -n "$(find src Directory.Build.props Directory.Packages.props web/src web/public web/index.html web/package.json web/package-lock.json \
      web/vite.config.* web/tsconfig*.json \( -path '*/bin' -o -path '*/obj' \) -prune -o -type f -newer "$stamp" -print -quit 2>/dev/null)" ]
}

if [ "${TELEMED_FORCE_BUILD:-}" = 1 ] || changed; then
  dotnet build src/Telemed.Host -c Debug -nologo -v quiet -clp:NoSummary
  touch "$stamp"
fi
exec dotnet "$out/Telemed.Host.dll" "$@"
