#!/usr/bin/env bash
# Put every BuildKit RUN step of this machine's Docker engine under one shared limit of processes,
# memory and CPU weight, so a learner's `RUN :(){ :|:& };:` or a runaway build stops at the limit
# instead of taking the host down. The kit's own checks then bound the build in time, which cancels
# it.
#
# Why the engine and not each build: Docker 20.10+'s built-in BuildKit places every RUN step in
# the cgroup <daemon cgroup parent>/buildkit/<step> and ignores `docker build --cgroup-parent`, so
# the limit goes on that shared parent, which the steps then inherit. The parent is /docker with
# the cgroupfs driver (Docker's default where systemd does not run, as on the kit's CI machines).
#
# Usage: sudo bash scripts/limit-builds.sh [--pids N] [--memory BYTES]
#   defaults: 4096 processes (threads count too; a Maven build uses about 50), half the machine's
#   memory up to 8 GiB, and half the default CPU weight (builds yield to containers under load).
# Verified on cgroup v1; the cgroup v2 branch follows the kernel's interface files and is not
# exercised on the kit's CI machines. Any other set-up is reported and left alone (exit 0): the
# doctor then warns that builds are not contained.
set -euo pipefail

log() { echo "[limit-builds] $*"; }

pids=4096
memory=$(( $(awk '/MemTotal/ {print $2}' /proc/meminfo) * 1024 / 2 ))
(( memory > 8 * 1024 ** 3 )) && memory=$(( 8 * 1024 ** 3 ))
while [ $# -gt 0 ]; do
  case "$1" in
    --pids) pids=$2; shift 2 ;;
    --memory) memory=$2; shift 2 ;;
    *) echo "usage: $0 [--pids N] [--memory BYTES]" >&2; exit 2 ;;
  esac
done

leave() { log "$*; builds are NOT limited (grade untrusted Dockerfiles on a disposable machine)."; exit 0; }

[ "$(id -u)" -eq 0 ] || leave "needs root to write cgroup limits"
case "${DOCKER_HOST:-unix:///var/run/docker.sock}" in
  unix://*) ;;
  *) leave "the engine (${DOCKER_HOST}) is not on this machine" ;;
esac
driver=$(docker info --format '{{.CgroupDriver}}' 2>/dev/null) || leave "no Docker engine answers"
version=$(docker info --format '{{.CgroupVersion}}')
[ "$driver" = cgroupfs ] || leave "the engine uses the ${driver} cgroup driver, not cgroupfs"

if [ "$version" = 1 ]; then
  for controller in pids memory cpu; do
    mkdir -p "/sys/fs/cgroup/${controller}/docker/buildkit"
  done
  echo "$pids" >/sys/fs/cgroup/pids/docker/buildkit/pids.max
  echo "$memory" >/sys/fs/cgroup/memory/docker/buildkit/memory.limit_in_bytes
  echo 512 >/sys/fs/cgroup/cpu/docker/buildkit/cpu.shares
  where=/sys/fs/cgroup/pids/docker/buildkit
else
  mkdir -p /sys/fs/cgroup/docker/buildkit
  for level in /sys/fs/cgroup /sys/fs/cgroup/docker; do
    echo "+pids +memory +cpu" >"${level}/cgroup.subtree_control"
  done
  echo "$pids" >/sys/fs/cgroup/docker/buildkit/pids.max
  echo "$memory" >/sys/fs/cgroup/docker/buildkit/memory.max
  echo 50 >/sys/fs/cgroup/docker/buildkit/cpu.weight
  where=/sys/fs/cgroup/docker/buildkit
fi
log "BuildKit RUN steps share at most ${pids} processes and $(( memory / 1024 ** 2 )) MiB (${where}, cgroup v${version})."
