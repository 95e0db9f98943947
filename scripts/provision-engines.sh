#!/usr/bin/env bash
# Brings the newer engines of the test matrix onto this machine, from Debian's
# own packages, and caches them so a second run takes seconds:
#   docker26/   Debian trixie's docker.io 26.1 + containerd 1.7, unpacked (not installed)
#               beside bookworm's system; run with its usr/sbin:usr/bin first on PATH.
#   trixie-root/  a minimal Debian trixie root with podman 5.4, for a chroot.
#   buildx/     trixie's docker-buildx CLI plugin (bookworm has none): BuildKit builds
#               against the Docker engines of the matrix, which leave build cache records.
# Docker 20.10 and Podman 4.3 come from bookworm's packages (.ci/run installs them).
#
# Usage: bash scripts/provision-engines.sh [docker26] [podman5] [buildx]   (default: all three)
# Cache: $BARNACLE_ENGINE_CACHE (default /var/cache/barnacle/engines). Needs root.
# A part that cannot be provisioned is reported and left out; the harness then
# skips that engine's tests and names the reason (see tests/engines/availability.ts).
set -uo pipefail

cache=${BARNACLE_ENGINE_CACHE:-/var/cache/barnacle/engines}
wanted=("$@")
[ ${#wanted[@]} -eq 0 ] && wanted=(docker26 podman5 buildx)
mkdir -p "$cache"

say() { printf '[provision] %s\n' "$*"; }

# The Debian mirror this machine already uses, read from its own apt sources
# (deb822 or one-line format), so no host is written down here.
mirror() {
  local uri=''
  if [ -f /etc/apt/sources.list.d/debian.sources ]; then
    uri=$(awk '/^URIs:/ { print $2; exit }' /etc/apt/sources.list.d/debian.sources)
  fi
  if [ -z "$uri" ] && [ -f /etc/apt/sources.list ]; then
    uri=$(awk '$1 == "deb" && $0 !~ /security/ { for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) { print $i; exit } }' /etc/apt/sources.list)
  fi
  [ -n "$uri" ] || return 1
  printf '%s\n' "$uri"
}

# apt with a private trixie source list, so the system's own lists stay bookworm.
trixie_apt() {
  local dir=$cache/apt
  mkdir -p "$dir/lists/partial" "$dir/archives/partial"
  if [ ! -f "$dir/sources.list" ]; then
    local uri
    uri=$(mirror) || { say "no Debian mirror found in /etc/apt"; return 1; }
    printf 'deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] %s trixie main\n' "$uri" >"$dir/sources.list"
  fi
  apt-get -q -o Dir::Etc::SourceList="$dir/sources.list" -o Dir::Etc::SourceParts=/dev/null \
    -o Dir::State::Lists="$dir/lists" -o Dir::Cache::Archives="$dir/archives" "$@"
}

provision_docker26() {
  local out=$cache/docker26
  if [ -x "$out/usr/sbin/dockerd" ] && [ -f "$out/.complete" ]; then
    say "docker26: cached in $out"
    return 0
  fi
  say "docker26: downloading trixie's docker.io and containerd"
  rm -rf "$out" "$cache/debs"
  mkdir -p "$cache/debs"
  trixie_apt update >/dev/null || { say "docker26: apt update for trixie failed"; return 1; }
  (cd "$cache/debs" && trixie_apt download docker.io containerd) || { say "docker26: download failed"; return 1; }
  mkdir -p "$out"
  for deb in "$cache"/debs/*.deb; do dpkg -x "$deb" "$out"; done
  # trixie's runc needs glibc 2.38; bookworm's /usr/sbin/runc is used instead.
  find "$out" -name runc -type f -delete
  "$out/usr/sbin/dockerd" --version >/dev/null 2>&1 || { say "docker26: dockerd does not run here"; return 1; }
  touch "$out/.complete"
  say "docker26: ready ($("$out/usr/sbin/dockerd" --version))"
}

provision_podman5() {
  local root=$cache/trixie-root
  if [ -f "$root/.complete" ]; then
    say "podman5: cached in $root"
    return 0
  fi
  command -v debootstrap >/dev/null || { say "podman5: debootstrap not found (apt-get install debootstrap)"; return 1; }
  local uri
  uri=$(mirror) || { say "podman5: no Debian mirror found in /etc/apt"; return 1; }
  rm -rf "$root"
  say "podman5: debootstrap trixie (about a minute)"
  debootstrap --variant=minbase trixie "$root" "$uri" >"$cache/debootstrap.log" 2>&1 ||
    { say "podman5: debootstrap failed, see $cache/debootstrap.log"; return 1; }
  # apt inside the root wants /proc and /dev; a private mount namespace undoes them on exit.
  unshare --mount --propagation private sh -ec "
    mount -t proc proc '$root/proc'
    mount --rbind /dev '$root/dev'
    chroot '$root' env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
      podman runc conmon netavark catatonit ca-certificates
  " >"$cache/podman-install.log" 2>&1 || { say "podman5: install in the root failed, see $cache/podman-install.log"; return 1; }
  chroot "$root" apt-get clean >/dev/null 2>&1 || true
  local version
  version=$(unshare --mount --propagation private sh -ec "mount -t proc proc '$root/proc'; chroot '$root' podman --version" 2>&1) ||
    { say "podman5: podman does not run in the root: $version"; return 1; }
  touch "$root/.complete"
  say "podman5: ready ($version)"
}

provision_buildx() {
  local out=$cache/buildx
  if [ -x "$out/docker-buildx" ]; then
    say "buildx: cached in $out"
    return 0
  fi
  say "buildx: downloading trixie's docker-buildx"
  local tmp
  tmp=$(mktemp -d)
  trixie_apt update >/dev/null || { say "buildx: apt update for trixie failed"; return 1; }
  (cd "$tmp" && trixie_apt download docker-buildx) || { say "buildx: download failed"; rm -rf "$tmp"; return 1; }
  dpkg -x "$tmp"/docker-buildx_*.deb "$tmp/x"
  mkdir -p "$out"
  cp "$tmp/x/usr/libexec/docker/cli-plugins/docker-buildx" "$out/docker-buildx"
  rm -rf "$tmp"
  "$out/docker-buildx" version >/dev/null 2>&1 || { say "buildx: the plugin does not run here"; rm -f "$out/docker-buildx"; return 1; }
  say "buildx: ready ($("$out/docker-buildx" version))"
}

status=0
for part in "${wanted[@]}"; do
  case "$part" in
    docker26) provision_docker26 || status=1 ;;
    podman5) provision_podman5 || status=1 ;;
    buildx) provision_buildx || status=1 ;;
    *) say "unknown part: $part"; status=2 ;;
  esac
done
exit $status
