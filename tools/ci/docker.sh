#!/usr/bin/env bash
# Sourced by .ci/run (and by hand: `source tools/ci/docker.sh`) before the .NET tests: starts a PRIVATE Docker
# engine for the Testcontainers suites (tests/RwaCompute.Sdk.IntegrationTests/Containers, docs/TESTING.md).
#  - installs Debian's docker.io when dockerd is missing (the only place the project installs Docker);
#  - runs dockerd on its own socket, data root and exec root under $RWA_DOCKER_DIR (default /tmp/rwa-docker), with
#    the vfs storage driver and NO bridge, iptables or forwarding: containers use host networking only;
#  - waits until `docker info` answers (fails with the daemon log's tail after $RWA_DOCKER_TIMEOUT seconds);
#  - exports DOCKER_HOST, DOCKER_API_VERSION=1.41 (the daemon's API; Testcontainers 4.16 does not negotiate down),
#    TESTCONTAINERS_RYUK_DISABLED=true (Ryuk's image cannot be pulled offline) and RWA_REQUIRE_DOCKER=1;
#  - defines rwa_docker_stop: prunes containers/images, stops dockerd by its PID. Call it from an EXIT trap.
# Sourcing it twice reuses the running daemon. It does not change the caller's shell options.

RWA_DOCKER_DIR="${RWA_DOCKER_DIR:-/tmp/rwa-docker}"
RWA_DOCKER_TIMEOUT="${RWA_DOCKER_TIMEOUT:-60}"
RWA_DOCKER_SOCK="$RWA_DOCKER_DIR/docker.sock"
RWA_DOCKER_PIDFILE="$RWA_DOCKER_DIR/docker.pid"
RWA_DOCKER_LOG="$RWA_DOCKER_DIR/dockerd.log"

_rwa_docker_fail() {
  echo "tools/ci/docker.sh: $*" >&2
  if [ -f "$RWA_DOCKER_LOG" ]; then
    echo "---- last lines of $RWA_DOCKER_LOG ----" >&2
    tail -n 40 "$RWA_DOCKER_LOG" >&2
    echo "----" >&2
  fi
  return 1
}

_rwa_docker_as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    echo "tools/ci/docker.sh: '$*' needs root (not root, and no sudo)" >&2
    return 1
  fi
}

_rwa_docker_pid() {
  local pid
  [ -f "$RWA_DOCKER_PIDFILE" ] || return 1
  pid="$(cat "$RWA_DOCKER_PIDFILE" 2>/dev/null)" || return 1
  _rwa_docker_alive "$pid" && echo "$pid"
}

# /proc, not `kill -0`: a non-root caller may not signal the root-owned daemon it started with sudo.
_rwa_docker_alive() {
  [ -n "${1:-}" ] && [ -d "/proc/$1" ] && ! grep -qs '^State:.*Z' "/proc/$1/status"
}

# Unmounts what a dockerd that died (or failed to start) left under $RWA_DOCKER_DIR (it bind-mounts its data root).
_rwa_docker_unmount_leftovers() {
  local mount_point
  awk -v dir="$RWA_DOCKER_DIR/" 'index($5, dir) == 1 { print $5 }' /proc/self/mountinfo 2>/dev/null | sort -r |
    while read -r mount_point; do
      _rwa_docker_as_root umount -l "$mount_point" 2>/dev/null || true
    done
  return 0
}

_rwa_docker_answers() {
  DOCKER_HOST="unix://$RWA_DOCKER_SOCK" DOCKER_API_VERSION=1.41 docker info >/dev/null 2>&1
}

_rwa_docker_start() {
  # 1. The engine. A docker CLI alone (some images ship one) is not enough: dockerd is what we run.
  if ! command -v dockerd >/dev/null 2>&1 || ! command -v docker >/dev/null 2>&1; then
    echo "tools/ci/docker.sh: installing docker.io (apt)"
    _rwa_docker_as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq ||
      { _rwa_docker_fail "apt-get update failed"; return 1; }
    _rwa_docker_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends docker.io ||
      { _rwa_docker_fail "apt-get install docker.io failed"; return 1; }
    command -v dockerd >/dev/null 2>&1 || { _rwa_docker_fail "docker.io installed but dockerd is not on PATH"; return 1; }
  fi

  mkdir -p "$RWA_DOCKER_DIR"

  # 2. The daemon: reuse ours if it already answers, else start it.
  if _rwa_docker_pid >/dev/null && _rwa_docker_answers; then
    echo "tools/ci/docker.sh: reusing dockerd (pid $(_rwa_docker_pid)) on $RWA_DOCKER_SOCK"
  else
    if [ -f "$RWA_DOCKER_PIDFILE" ] && ! _rwa_docker_pid >/dev/null; then
      rm -f "$RWA_DOCKER_PIDFILE" "$RWA_DOCKER_SOCK"   # stale, from a run that was killed
    fi
    local started
    started=$(date +%s)
    # Not root? dockerd needs it; sudo keeps the same private paths. Root: $! is dockerd itself.
    local -a as_root=()
    if [ "$(id -u)" -ne 0 ]; then
      command -v sudo >/dev/null 2>&1 || { _rwa_docker_fail "dockerd needs root (not root, and no sudo)"; return 1; }
      as_root=(sudo)
    fi
    "${as_root[@]}" dockerd \
      -H "unix://$RWA_DOCKER_SOCK" \
      --data-root "$RWA_DOCKER_DIR/data" \
      --exec-root "$RWA_DOCKER_DIR/exec" \
      --pidfile "$RWA_DOCKER_PIDFILE" \
      --storage-driver=vfs \
      --bridge=none --iptables=false --ip-masq=false --ip-forward=false \
      >"$RWA_DOCKER_LOG" 2>&1 </dev/null &
    local launcher=$!
    until _rwa_docker_answers; do
      if ! _rwa_docker_alive "$launcher"; then
        _rwa_docker_fail "dockerd exited during start-up"
        _rwa_docker_unmount_leftovers
        return 1
      fi
      if [ $(( $(date +%s) - started )) -ge "$RWA_DOCKER_TIMEOUT" ]; then
        _rwa_docker_fail "dockerd did not answer on $RWA_DOCKER_SOCK within ${RWA_DOCKER_TIMEOUT}s"
        _rwa_docker_as_root kill "$launcher" 2>/dev/null || true
        sleep 2
        _rwa_docker_unmount_leftovers
        return 1
      fi
      sleep 0.5
    done
    if [ "$(id -u)" -ne 0 ]; then
      _rwa_docker_as_root chmod 0666 "$RWA_DOCKER_SOCK" || true   # let the (non-root) test process reach it
    fi
    echo "tools/ci/docker.sh: dockerd (pid $(_rwa_docker_pid)) answered on $RWA_DOCKER_SOCK after $(( $(date +%s) - started ))s"
  fi

  export DOCKER_HOST="unix://$RWA_DOCKER_SOCK"
  export DOCKER_API_VERSION=1.41
  export TESTCONTAINERS_RYUK_DISABLED=true
  export RWA_REQUIRE_DOCKER=1
  export RWA_DOCKER_DIR
  DOCKER_API_VERSION=1.41 docker version --format 'tools/ci/docker.sh: Docker server {{.Server.Version}}, API {{.Server.APIVersion}}' || true
}

# Stops the private dockerd (by its PID) after pruning what the test run left behind. Safe to call twice and from
# an EXIT trap under `set -e`: it never fails.
rwa_docker_stop() {
  local pid
  pid="$(_rwa_docker_pid)" || { echo "tools/ci/docker.sh: no dockerd of ours running"; return 0; }
  if _rwa_docker_answers; then
    # Containers first (a running one holds its image), then every image: vfs copies each layer in full.
    DOCKER_HOST="unix://$RWA_DOCKER_SOCK" DOCKER_API_VERSION=1.41 docker system prune --all --force >/dev/null 2>&1 || true
  fi
  _rwa_docker_as_root kill -TERM "$pid" 2>/dev/null || true
  local waited=0
  while _rwa_docker_alive "$pid" && [ "$waited" -lt 40 ]; do
    sleep 0.5
    waited=$((waited + 1))
  done
  if _rwa_docker_alive "$pid"; then
    echo "tools/ci/docker.sh: dockerd (pid $pid) ignored SIGTERM for 20s; killing it" >&2
    _rwa_docker_as_root kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$RWA_DOCKER_PIDFILE" 2>/dev/null || true
  _rwa_docker_unmount_leftovers
  echo "tools/ci/docker.sh: dockerd (pid $pid) stopped"
  return 0
}

if ! _rwa_docker_start; then
  # Sourced: return (a `set -e` caller such as .ci/run stops here). Executed: exit.
  return 1 2>/dev/null || exit 1
fi
