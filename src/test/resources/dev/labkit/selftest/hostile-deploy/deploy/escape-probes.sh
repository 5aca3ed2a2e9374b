#!/bin/sh
# What a hostile deploy.sh or workflow step would try on the machine the kit lends it: devices, the
# machine's cgroups, the sysctls that run host commands, root. Each attempt is harmless when it
# succeeds (it writes back the value it read, or a marker file named for the run) and must fail.
# Prints one line per attempt, "refused <probe>: <why>" or "ESCAPED <probe>: <what>", and exits 1
# when any attempt succeeded. HostileDeployIT runs it (as deploy.sh and as a workflow step).
#
#   escape-probes.sh <run id> <image> [<machine cgroup file>...]
#     run id: names the marker files (/tmp/labkit-hostile-<run id>-*) and what is left running
#     image: one the engine has, for a privileged container that tries the same from inside
#     machine cgroup files: files of the machine's cgroup tree (as the machine sees them) to write
#   escape-probes.sh --inside <run id> [<machine cgroup file>...]   (that container's part)
set -u

inside=false
if [ "${1:-}" = --inside ]; then
  inside=true
  shift
fi
run_id=$1
shift
image=""
if [ "$inside" = false ]; then
  image=$1
  shift
fi
where=$([ "$inside" = true ] && echo "inner container" || echo "machine")
escaped=0
tmp=$(mktemp -d)

refused() { echo "refused $1 ($where): $2"; }
escaped() {
  echo "ESCAPED $1 ($where): $2"
  escaped=1
}
# Runs "$@"; success is an escape; the first line of its error is why it was refused.
attempt() {
  name=$1
  what=$2
  shift 2
  if "$@" 2>"$tmp/err"; then
    escaped "$name" "$what"
  else
    refused "$name" "$(head -n 1 "$tmp/err" | sed 's/^.*: //')"
  fi
}
write_back() { cat "$1" >"$tmp/value" && cat "$tmp/value" >"$1"; }

# Root: any uid-0 process here, or a program that makes one.
if [ "$inside" = false ]; then
  roots=$(ps -eo uid=,comm= | awk '$1 == 0 { print $2 }' | tr '\n' ' ')
  if [ -n "$roots" ]; then escaped root-process "uid 0 runs: $roots"; else refused root-process "no process runs as uid 0"; fi
  setuid=$(find / -xdev -type f -perm -4000 -uid 0 2>/dev/null | tr '\n' ' ')
  if [ -n "$setuid" ]; then escaped setuid-root "setuid-root programs: $setuid"; else refused setuid-root "no setuid-root program"; fi
fi

# Devices: the machine's disk and memory.
disk=$(for d in /sys/block/*; do case $d in */loop* | */ram* | */zram*) ;; *) cat "$d/dev" && break ;; esac; done 2>/dev/null)
attempt mknod-disk "made a node of the machine's disk ($disk)" mknod "$tmp/disk" b "${disk%%:*}" "${disk##*:}"
if [ -b "$tmp/disk" ]; then
  mkdir "$tmp/mnt"
  attempt mount-disk "mounted the machine's disk" mount "$tmp/disk" "$tmp/mnt"
  [ -d "$tmp/mnt/tmp" ] && touch "$tmp/mnt/tmp/labkit-hostile-$run_id-disk" 2>/dev/null
fi
attempt mknod-mem "made /dev/mem" mknod "$tmp/mem" c 1 1
own=$(awk -F: '$2 == "devices" { print $3 }' /proc/self/cgroup)
for allow in /sys/fs/cgroup/devices/devices.allow "/sys/fs/cgroup/devices$own/devices.allow"; do
  attempt devices-allow "wrote $allow" sh -c "echo 'c 1:1 rwm' > '$allow'"
done

# The machine's cgroup tree: other containers, the build limit, release agents.
others=$(find /sys/fs/cgroup -maxdepth 4 -type d 2>/dev/null | grep -E '/[0-9a-f]{64}$' | head -n 3 | tr '\n' ' ')
if [ -n "$others" ]; then escaped cgroup-tree "sees containers' cgroups: $others"; else refused cgroup-tree "no container's cgroup in sight"; fi
for file in "$@"; do
  attempt cgroup-write "wrote $file" write_back "$file"
done
agents=$(ls /sys/fs/cgroup/*/release_agent 2>/dev/null)
[ -n "$agents" ] || refused release-agent "no release_agent in sight"
for agent in $agents; do
  attempt release-agent "wrote $agent" write_back "$agent"
done
# A cgroup hierarchy of its own, in new namespaces: is the limit this machine runs under writable?
mkdir "$tmp/cgroup"
mount_pids="mount -t cgroup -o pids labkit '$tmp/cgroup' && cat '$tmp/cgroup/pids.max' > '$tmp/v' && cat '$tmp/v' > '$tmp/cgroup/pids.max'"
if [ "$inside" = true ]; then
  attempt cgroup-mount "wrote the pids.max of the cgroup it runs in" unshare -mC sh -c "$mount_pids"
else
  attempt cgroup-mount "wrote the pids.max of the cgroup it runs in" unshare -UrmC sh -c "$mount_pids"
fi

# Sysctls that run a command on the machine as root.
attempt core-pattern "wrote /proc/sys/kernel/core_pattern" write_back /proc/sys/kernel/core_pattern
if [ "$inside" = false ]; then
  attempt core-pattern-userns "wrote core_pattern as root of a user namespace" \
    unshare -Ur sh -c 'cat /proc/sys/kernel/core_pattern > /tmp/.v$$ && cat /tmp/.v$$ > /proc/sys/kernel/core_pattern'
fi

if [ "$inside" = false ]; then
  # The same from a container of the inner engine that asks for everything: privileged, or else
  # every capability and no confinement, in the machine's process and network namespaces.
  here=$(cd "$(dirname "$0")" && pwd)
  inner="--pid host --net host --volume /:/outer --volume $here:/probes:ro --entrypoint sh $image"
  inner_probes="/probes/escape-probes.sh --inside $run_id $*"
  # shellcheck disable=SC2086 # word splitting wanted
  if docker run --rm --privileged $inner $inner_probes >"$tmp/inside" 2>&1; then :; fi
  if ! grep -q '^refused' "$tmp/inside"; then
    why=$(sed -n 's/.*\(error mounting "[a-z]*"\).*\(operation not permitted\).*/\1: \2/p' "$tmp/inside" | head -n 1)
    refused privileged-container "${why:-$(grep -v '^See ' "$tmp/inside" | tail -n 1)}"
    # shellcheck disable=SC2086
    docker run --rm --cap-add ALL --security-opt seccomp=unconfined --security-opt apparmor=unconfined \
      --security-opt systempaths=unconfined $inner $inner_probes >"$tmp/inside" 2>&1
  fi
  cat "$tmp/inside"
  grep -q '^ESCAPED' "$tmp/inside" && escaped=1
  grep -q '^refused' "$tmp/inside" || escaped inner-container "could not run: $(tail -n 1 "$tmp/inside")"

  # Left running on purpose: nothing may outlive the run.
  setsid sh -c "sleep 900; : labkit-hostile-$run_id" </dev/null >/dev/null 2>&1 &
  docker tag "$image" "labkit-hostile:$run_id" 2>/dev/null
  docker run --detach --restart always --name "labkit-hostile-$run_id" --entrypoint sh \
    "labkit-hostile:$run_id" -c "sleep 900; : labkit-hostile-$run_id" >/dev/null 2>&1
fi
rm -rf "$tmp" 2>/dev/null
exit "$escaped"
