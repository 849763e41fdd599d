#!/usr/bin/env bash
# Adds the public API the analyzers report as undeclared (RS0016) to the project's PublicAPI.Unshipped.txt and drops
# entries for removed API (RS0017), after a deliberate surface change (docs/SDK.md, "Public API baseline").
# Usage: bash tools/ci/api-baseline.sh sdk/RwaCompute.Sdk   (or sdk/RwaCompute.Contracts.Runtime)
set -euo pipefail
project_dir="$1"
csproj=$(ls "$project_dir"/*.csproj)
unshipped="$project_dir/PublicAPI.Unshipped.txt"
for _ in 1 2 3; do
  log=$(dotnet build "$csproj" -c Release --no-incremental 2>&1 || true)
  added=$(grep -oE "error RS0016: Symbol '.*' is not part of the declared public API" <<<"$log" | sed -E "s/^error RS0016: Symbol '(.*)' is not part of the declared public API$/\1/" | sort -u || true)
  removed=$(grep -oE "error RS0017: Symbol '.*' is part of the declared API" <<<"$log" | sed -E "s/^error RS0017: Symbol '(.*)' is part of the declared API$/\1/" | sort -u || true)
  [ -z "$added$removed" ] && break
  if [ -n "$removed" ]; then
    while IFS= read -r line; do
      grep -vxF -- "$line" "$unshipped" > "$unshipped.tmp" || true
      mv "$unshipped.tmp" "$unshipped"
    done <<<"$removed"
  fi
  if [ -n "$added" ]; then printf '%s\n' "$added" >> "$unshipped"; fi
  { head -1 "$unshipped"; tail -n +2 "$unshipped" | sort -u; } > "$unshipped.tmp" && mv "$unshipped.tmp" "$unshipped"
done
dotnet build "$csproj" -c Release 2>&1 | grep -E 'error RS00' | head -5 || echo "$unshipped is up to date"
