#!/bin/bash
# Raspberry Pi OS without a Pi: installs the Debian packages in Debian roots for arm64 and armhf
# that run under qemu-user (binfmt_misc), and runs the agent there as a Pi owner would.
#
#   deploy/check-arm.sh [ROOT...]      ROOT: arm64-bookworm arm64-trixie armhf-bookworm (default all)
#
# In each root: `apt-get install ./blotre-agent_*.deb ./blotre-server_*.deb`, so apt resolves the
# Depends and the maintainer scripts run; the server's launcher starts that root's JVM with its
# unit's JAVA_OPTS as its service user (`blotre-server --help`); `blotre-agent --version` and
# `read --mock --json` through the launcher; the unit's JAVA_OPTS on that root's JVM print no
# warning; JNA and Pi4J's gpiod library load their ARM native libraries (NativeProbe); `run --mock`
# as the service user, with the unit's environment and an sd_notify socket, pushes at least three
# times to an in-memory server on the host, reports READY=1/STATUS=/WATCHDOG=1/STOPPING=1 and
# prepares its class-data archive (on Java 17 written at stop; from 21 a class list, from which
# the second start makes a static archive); a run with the archive times JVM start to first
# push, reported as a ratio to such a run on this x86 host (emulated: only the ratio means
# anything).
#
# The roots (minbase plus what apt pulls in for the packages: Java, adduser) are made once, side
# by side, with mmdebstrap from the Debian archive apt uses here (without the security suite when
# the mirror serves a broken index for it) and cached as tarballs in $BLOTRE_ARM_CACHE (default
# /var/cache/blotre-arm-check); a change of the packages' Depends makes them again.
# Each check unpacks a fresh copy onto a tmpfs in a private mount namespace.
#
# Needs root, qemu-user-static, binfmt-support, mmdebstrap, arch-test, socat, curl and a JDK.
# Where binfmt_misc cannot be used, the check is skipped with a message, except under CI=true,
# where that is a failure. BLOTRE_ARM_CHECK=skip skips it on purpose (also in CI).
# Exits non-zero on any failure.
set -euo pipefail

cache=${BLOTRE_ARM_CACHE:-/var/cache/blotre-arm-check}
# Bump when the way a root is made changes, so cached roots are made again.
recipe=1
repo=$(cd "$(dirname "$0")/.." && pwd)

# Debian architecture, suite, and the Java feature version apt must pick there.
declare -A root_arch=([arm64-bookworm]=arm64 [arm64-trixie]=arm64 [armhf-bookworm]=armhf)
declare -A root_suite=([arm64-bookworm]=bookworm [arm64-trixie]=trixie [armhf-bookworm]=bookworm)
declare -A root_java=([arm64-bookworm]=17 [arm64-trixie]=21 [armhf-bookworm]=17)
all_roots=(arm64-bookworm arm64-trixie armhf-bookworm)

# Generous: a JVM under qemu-user starts 10 to 30 times slower than on the host.
start_timeout=300
push_timeout=300
stop_timeout=180
interval=3

log() { echo "check-arm: $*"; }
die() {
  echo "check-arm: FAIL: $*" >&2
  exit 1
}
# Skips where the machine cannot run the check; under CI that is a failure.
skip() {
  if [ "${CI:-}" = true ]; then
    die "$* (CI must run this check on all roots; set BLOTRE_ARM_CHECK=skip to skip it on purpose)"
  fi
  log "SKIP: $*"
  exit 0
}

# The archive apt already uses on this machine (deb822 or one-line sources), never a fixed host.
archive_uri() { # debian | debian-security
  local uri
  uri=$(cat /etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null | grep -v '^[[:space:]]*#' \
    | grep -oE "(https?|file):/+[^ ]+/$1/?( |\$)" | head -n1 | tr -d ' ')
  [ -n "$uri" ] || die "no '$1' archive in /etc/apt/sources.list*; cannot make the Debian roots"
  echo "${uri%/}"
}

# Makes the root NAME as a tarball in the cache: a minimal Debian with what apt pulls in for the
# packages (Java, adduser), without the packages themselves, so that each check installs them as
# a Pi owner does. The key covers the packages' Depends, and only those (the agent and the server
# depend on the same Java and adduser, so one root serves either or both): a changed Depends makes
# a fresh root.
root_key() { # name, packages...
  local name=$1
  shift
  {
    echo "$recipe ${root_arch[$name]} ${root_suite[$name]}"
    for deb in "$@"; do dpkg-deb -f "$deb" Depends Pre-Depends; done | sort -u
  } | sha256sum | cut -c1-12
}

build_root() { # name, tarball, packages...
  local name=$1 tarball=$2
  shift 2
  local arch=${root_arch[$name]} suite=${root_suite[$name]} main security started
  main=$(archive_uri debian)
  security=$(archive_uri debian-security)
  local work
  work=$(mktemp -d /tmp/check-arm-build.XXXXXX)
  # A tmpfs, not the disk: under qemu-user a 32-bit guest's readdir on ext4 fails (EOVERFLOW),
  # which breaks the JDK's set-up scripts on armhf.
  mkdir "$work/root"
  local hooks=() names=() pkgs=()
  for deb in "$@"; do
    hooks+=(--customize-hook="copy-in $deb /tmp")
    names+=("/tmp/$(basename "$deb")")
    pkgs+=("$(dpkg-deb -f "$deb" Package)")
  done
  local sources=("deb $main $suite main" "deb $main $suite-updates main" "deb $security $suite-security main")
  started=$(date +%s)
  log "$name: making the root (debootstrap-style, $arch $suite, from $main); several minutes"
  while ! mmdebstrap_root; do
    # A mirror caught mid-sync serves a security index that does not match its Release file, and
    # stays so for days here. The security suite only brings newer versions of the same packages,
    # so the packages' Depends are still checked against the release as Pi owners install it.
    if [ "${#sources[@]}" -eq 3 ] && grep -q "Failed to fetch .*/$suite-security/" "$work/mmdebstrap.log"; then
      grep -m1 -A1 "^Err:.*$suite-security" "$work/mmdebstrap.log" >&2 || true
      log "$name: the mirror's $suite-security index for $arch is broken (above); making the root from $suite and $suite-updates only"
      unset 'sources[2]'
      continue
    fi
    tail -n 40 "$work/mmdebstrap.log" >&2
    rm -rf "$work"
    die "$name: making the root failed (log above)"
  done
  mkdir -p "$cache"
  tar -C "$work/root" -cf "$tarball.part" .
  mv "$tarball.part" "$tarball"
  umount "$work/root"
  rm -rf "$work"
  log "$name: root made in $(($(date +%s) - started)) s, cached as $tarball"
}

# One attempt of build_root (its locals are visible here): a fresh tmpfs each time, unmounted
# again when the attempt fails.
mmdebstrap_root() {
  mount -t tmpfs -o size=1500m "check-arm-$name" "$work/root"
  if mmdebstrap --variant=minbase --architectures="$arch" \
    "${hooks[@]}" \
    --customize-hook="chroot \"\$1\" apt-get install -y ${names[*]}" \
    --customize-hook="chroot \"\$1\" apt-get purge -y ${pkgs[*]}" \
    --customize-hook="chroot \"\$1\" sh -c 'rm -f /tmp/*.deb'" \
    "$suite" "$work/root" "${sources[@]}" >"$work/mmdebstrap.log" 2>&1; then
    return 0
  fi
  umount "$work/root"
  return 1
}

ensure_root() { # name, packages... ; prints the tarball
  local name=$1
  shift
  local tarball
  tarball=$cache/$name-$(root_key "$name" "$@").tar
  if [ ! -f "$tarball" ]; then
    rm -f "$cache/$name"-*.tar "$cache/$name"-*.tar.part
    build_root "$name" "$tarball" "$@" >&2
  fi
  echo "$tarball"
}

# --- Inside a root --------------------------------------------------------------------------------

# JVM warnings a user would see in the journal at every start: "VM warning:" (an obsolete or
# unknown -XX flag), the JDK's "WARNING:" lines (restricted or deprecated native access), -Xlog
# warnings, and failures to load native code.
jvm_trouble='VM warning|^WARNING:|\]\[warning\]|UnsatisfiedLinkError|Native library .* not found|Can.t load'

in_root() { chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 "$@"; }

# Prints NAME=VALUE lines of the unit's Environment=, without the quotes systemd allows.
unit_environment() {
  sed -n 's/^Environment=//p' "$root/usr/lib/systemd/system/blotre-agent.service" | sed 's/^"\(.*\)"$/\1/'
}

# The command prefix that runs a program in the root as the service does: the service user with
# its groups, the unit's environment and umask, systemd's directory variables and an sd_notify
# socket. A plain array, so that `"${as_service[@]}" ... &` leaves the program's own pid in $!.
service_prefix() {
  local assignment
  as_service=(
    # Numeric ids: chroot looks names up on the host, which has no such user.
    chroot --userspec="$service_ids" --groups="$device_gids" "$root" /bin/sh -c
    'umask 0077 && cd /var/lib/blotre-agent && exec "$@"' sh
    /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 HOME=/var/lib/blotre-agent
    USER=blotre-agent LOGNAME=blotre-agent STATE_DIRECTORY=/var/lib/blotre-agent
    RUNTIME_DIRECTORY=/run/blotre-agent CONFIGURATION_DIRECTORY=/etc/blotre-agent
    NOTIFY_SOCKET=/run/check-arm-notify WATCHDOG_USEC=10000000
  )
  while IFS= read -r assignment; do as_service+=("$assignment"); done < <(unit_environment)
}

failures=0
fail() {
  echo "check-arm: $name: FAIL: $*" >&2
  failures=$((failures + 1))
}
pass() { log "$name: ok: $*"; }
# description, log file: passes when the file has no JVM warning or native load error.
no_trouble() {
  if grep -Eq -- "$jvm_trouble" "$2"; then
    fail "$1 printed: $(grep -E -- "$jvm_trouble" "$2" | head -n 5)"
  else
    pass "$1: no JVM warning, no native load error"
  fi
}

pushes() { grep -cE -- '(PUT /v0/api/stream|POST /v0/api/stream/[^ ]+/status) -> 20[01] ' "$server_log" || true; }

# Polls every 0.05 s until the command succeeds, the agent process ends, or SECONDS pass.
await() { # seconds, command...
  local deadline=$((SECONDS + $1))
  shift
  until "$@"; do
    if [ "$SECONDS" -ge "$deadline" ] || ! kill -0 "$agent" 2>/dev/null; then return 1; fi
    sleep 0.05
  done
}
logged_code() { grep -qE 'code [A-Za-z0-9]{8}\b' "$run_log"; }
pushed() { [ "$(pushes)" -ge "$1" ]; }

start_agent() { # log file
  run_log=$1
  : >"$run_log"
  "${as_service[@]}" /usr/bin/blotre-agent run --mock --server "$server" --interval "$interval" >"$run_log" 2>&1 &
  agent=$!
}
stop_agent() {
  local deadline=$((SECONDS + stop_timeout)) status=0
  kill -TERM "$agent"
  while kill -0 "$agent" 2>/dev/null && [ "$SECONDS" -lt "$deadline" ]; do sleep 0.2; done
  if kill -0 "$agent" 2>/dev/null; then
    kill -KILL "$agent"
    fail "the agent did not stop within $stop_timeout s of SIGTERM"
  fi
  wait "$agent" || status=$?
  agent=
  if [ "$status" -eq 0 ] || [ "$status" -eq 143 ]; then
    pass "SIGTERM stops the agent cleanly (exit $status)"
  else
    fail "the agent exited with $status on SIGTERM: $(tail -n 20 "$run_log")"
  fi
}

check_root() { # name, tarball  (runs in a private mount namespace)
  name=$1
  local tarball=$2 out=$work/$1 version deb group gid groups=()
  root=$out/root
  agent=
  mkdir -p "$root"
  mount -t tmpfs -o size=1500m "check-arm-$name" "$root"
  tar -C "$root" -xf "$tarball"
  mount -t proc proc "$root/proc"
  # Pi4J loads its gpiod natives only on a board it recognises, from the Revision line of
  # /proc/cpuinfo: this root says it is a Raspberry Pi 4 Model B.
  printf 'processor\t: 0\nHardware\t: BCM2835\nRevision\t: c03111\nModel\t\t: Raspberry Pi 4 Model B Rev 1.1\n' >"$out/cpuinfo"
  mount --bind "$out/cpuinfo" "$root/proc/cpuinfo"
  mount --rbind /sys "$root/sys"
  mount --rbind /dev "$root/dev"
  mount -t tmpfs -o mode=0755 tmpfs "$root/run"
  cp /etc/resolv.conf "$root/etc/resolv.conf"
  mkdir -p "$root/tmp/check"
  cp "${debs[@]}" "$root/tmp/check/"
  cp -R "$work/probe" "$root/tmp/check/probe"
  chmod -R a+rX "$root/tmp/check"

  # 1. The packages, as a Pi owner installs them: apt resolves the Depends, dpkg runs the
  # maintainer scripts.
  local local_debs=()
  for deb in "${debs[@]}"; do local_debs+=("/tmp/check/$(basename "$deb")"); done
  # shellcheck disable=SC2016 # a dpkg-query format, not a shell expansion
  if in_root DEBIAN_FRONTEND=noninteractive apt-get install -y "${local_debs[@]}" >"$out/apt.log" 2>&1 \
    && in_root dpkg-query -W -f='${Status}' blotre-agent | grep -q 'install ok installed'; then
    pass "apt-get install ${local_debs[*]##*/}: installed, maintainer scripts ran"
  else
    sed "s/^/check-arm: $name:   apt: /" "$out/apt.log" >&2
    fail "apt-get install of the packages failed"
    return
  fi
  if in_root getent passwd blotre-agent >/dev/null && [ -d "$root/var/lib/blotre-agent" ]; then
    pass "postinst made the service user and /var/lib/blotre-agent"
    service_ids=$(in_root id -u blotre-agent):$(in_root id -g blotre-agent)
    # The unit's SupplementaryGroups=, which the postinst must have created.
    device_gids=
    read -r -a groups < <(sed -n 's/^SupplementaryGroups=//p' "$root/usr/lib/systemd/system/blotre-agent.service")
    for group in "${groups[@]}"; do
      gid=$(in_root getent group "$group" | cut -d: -f3) || fail "group $group of the unit does not exist"
      device_gids=${device_gids:+$device_gids,}$gid
    done
    service_prefix
  else
    fail "postinst did not make the service user or its state directory"
    return
  fi

  # 2. The JVM apt picked, and the unit's flags on it.
  in_root java -version >"$out/java-version" 2>&1 || true
  version=$(sed -n 's/.* version "\([0-9]*\).*/\1/p' "$out/java-version" | head -n 1)
  if [ "$version" = "${root_java[$name]}" ]; then
    pass "Java $version, as apt resolves the Depends on ${root_suite[$name]}: $(sed -n 2p "$out/java-version")"
  else
    fail "expected Java ${root_java[$name]}, found: $(cat "$out/java-version")"
  fi
  # The unit's flags as systemd passes them: through the launcher, as the service user.
  if "${as_service[@]}" /usr/bin/blotre-agent --version >"$out/java-opts" 2>&1; then
    no_trouble "the unit's JAVA_OPTS through the launcher" "$out/java-opts"
  else
    fail "the unit's JAVA_OPTS do not start this JVM: $(cat "$out/java-opts")"
  fi

  # 3. The launcher, as `sudo blotre-agent ...` (it re-runs itself as the service user).
  version=$(dpkg-deb -f "${debs[0]}" Version)
  if in_root blotre-agent --version >"$out/version" 2>&1 && grep -qx "blotre-agent $version" "$out/version"; then
    pass "blotre-agent --version: $(cat "$out/version")"
  else
    fail "blotre-agent --version: $(cat "$out/version")"
  fi
  if in_root blotre-agent read --mock --json >"$out/read" 2>"$out/read.err" \
    && grep -q '^\[{"sensor":".*"percent":' "$out/read"; then
    pass "blotre-agent read --mock --json: $(cut -c1-100 "$out/read")"
  else
    fail "blotre-agent read --mock --json: $(cat "$out/read" "$out/read.err")"
  fi
  cat "$out/read" >>"$out/read.err"
  no_trouble "read --mock --json" "$out/read.err"

  # 4. Native code for this CPU, as the service user, with the unit's JNA settings.
  # shellcheck disable=SC2046 # one word per -Djna. flag
  if "${as_service[@]}" java $(unit_environment | grep -o -- '-Djna\.[^ "]*') -cp "/tmp/check/probe:/usr/share/blotre-agent/blotre-agent.jar:/usr/share/blotre-agent/lib/*" \
    NativeProbe >"$out/probe" 2>&1; then
    pass "$(grep '^probe: jna' "$out/probe")"
    pass "$(grep '^probe: gpiod' "$out/probe")"
  else
    sed "s/^/check-arm: $name:   /" "$out/probe" >&2
    fail "JNA or the gpiod library could not load its native code"
  fi
  no_trouble "the native probe" "$out/probe"

  # 5. The daemon as systemd runs it: authorize, three pushes, sd_notify, a clean stop.
  mkdir -p "$root/run/blotre-agent"
  chown "$service_ids" "$root/run/blotre-agent"
  socat -u "UNIX-RECV:$root/run/check-arm-notify,mode=0666" - >"$out/notify" 2>&1 &
  local listener=$! before code
  before=$(pushes)
  start_agent "$out/run-1.log"
  if ! await "$start_timeout" logged_code; then
    fail "the first run logged no one-time code in $start_timeout s: $(tail -n 20 "$out/run-1.log")"
  else
    code=$(grep -oE 'code [A-Za-z0-9]{8}\b' "$out/run-1.log" | head -n 1)
    curl -fsS -H 'Content-Type: application/json' -d "{\"code\":\"${code#code }\",\"user\":\"demo\"}" \
      "$server/_emulator/redeem" >/dev/null || fail "the server did not redeem the agent's code"
    if await "$push_timeout" pushed $((before + 3)); then
      pass "run --mock pushed 3 colors to the server on the host"
    else
      fail "run --mock did not push 3 times in $push_timeout s: $(tail -n 20 "$out/run-1.log")"
    fi
  fi
  [ -n "$agent" ] && stop_agent
  for message in READY=1 STATUS= WATCHDOG=1 STOPPING=1; do
    if grep -q "$message" "$out/notify"; then pass "sd_notify (JNA, libsystemd): $message"; else fail "no $message on the notify socket"; fi
  done
  local cds=$root/var/lib/blotre-agent/cds
  if [ "${root_java[$name]}" -lt 21 ]; then
    if has_archive "$cds" f00baba8; then
      pass "the first stop wrote the dynamic class-data archive"
    else
      fail "the first stop wrote no class-data archive: $(tail -n 5 "$out/run-1.log")"
    fi
  elif compgen -G "$cds/agent-*.classlist" >/dev/null; then
    pass "the first run listed the classes it loads for the class-data archive"
  else
    fail "the first run listed no classes: $(tail -n 5 "$out/run-1.log")"
  fi
  no_trouble "run --mock" "$out/run-1.log"

  # 6. Java 21+: the second start makes the static archive from that list (once), then runs.
  if [ "${root_java[$name]}" -ge 21 ]; then
    before=$(pushes)
    start_agent "$out/run-2.log"
    if await "$start_timeout" pushed $((before + 1)); then
      pass "the second start made the static class-data archive and pushed"
    else
      fail "the second run did not push in $start_timeout s: $(tail -n 20 "$out/run-2.log")"
    fi
    [ -n "$agent" ] && stop_agent
    if has_archive "$cds" f00baba2; then
      pass "the static class-data archive is whole"
    else
      fail "no static class-data archive: $(tail -n 5 "$out/run-2.log" "$cds"/*.log 2>&1)"
    fi
    no_trouble "the second run --mock" "$out/run-2.log"
  fi

  # 7. Start-up with credentials and the class-data archive, as at every later boot.
  local started ms
  before=$(pushes)
  started=$(date +%s%N)
  start_agent "$out/run-3.log"
  if await "$start_timeout" pushed $((before + 1)); then
    ms=$((($(date +%s%N) - started) / 1000000))
    echo "$ms" >"$out/start-ms"
    pass "JVM start to first push, with the class-data archive: $ms ms (emulated)"
  else
    fail "the run with the archive did not push in $start_timeout s: $(tail -n 20 "$out/run-3.log")"
  fi
  [ -n "$agent" ] && stop_agent
  no_trouble "the run --mock with the archive" "$out/run-3.log"
  kill "$listener" 2>/dev/null || true
  check_server
}

# Whether the folder $1 holds a whole class-data archive with the magic number $2 (f00baba2
# static, f00baba8 dynamic), as the launcher checks.
has_archive() {
  local file
  for file in "$1"/agent-*.jsa; do
    [ "$(od -An -tx4 -N4 "$file" 2>/dev/null | tr -d ' ')" = "$2" ] && return 0
  done
  return 1
}

# 8. The server's package beside the agent's: its user and state directory, and its launcher
# starting this root's JVM with the unit's flags, as `sudo blotre-server ...` does.
check_server() {
  local opts
  if in_root getent passwd blotre-server >/dev/null && [ -d "$root/var/lib/blotre-server" ]; then
    pass "the server's postinst made its service user and /var/lib/blotre-server"
  else
    fail "the server's postinst did not make its service user or its state directory"
  fi
  opts=$(sed -n 's/^Environment="JAVA_OPTS=\(.*\)"$/\1/p' "$root/usr/lib/systemd/system/blotre-server.service")
  if in_root env JAVA_OPTS="$opts" blotre-server --help >"$out/server-help" 2>&1 \
    && grep -q '^Usage: ' "$out/server-help"; then
    pass "blotre-server --help through the launcher with the unit's JAVA_OPTS"
    no_trouble "blotre-server --help" "$out/server-help"
  else
    fail "blotre-server --help: $(head -n 20 "$out/server-help")"
  fi
}

if [ "${1:-}" = --in-namespace ]; then
  # Re-entered through unshare: the mounts of this root vanish with the mount namespace, and
  # every process started in the root with the PID namespace.
  shift
  work=$CHECK_ARM_WORK
  server=$CHECK_ARM_SERVER
  server_log=$CHECK_ARM_SERVER_LOG
  read -r -a debs <<<"$CHECK_ARM_DEBS"
  check_root "$1" "$2" || failures=$((failures + 1))
  if [ "$failures" -gt 0 ]; then
    log "$1: $failures check(s) failed; logs in $work/$1"
    exit 1
  fi
  exit 0
fi

# --- On the host -----------------------------------------------------------------------------------

roots=("$@")
[ "${#roots[@]}" -gt 0 ] || roots=("${all_roots[@]}")
for name in "${roots[@]}"; do
  [ -n "${root_arch[$name]:-}" ] || die "unknown root '$name'; known: ${all_roots[*]}"
done

if [ "${BLOTRE_ARM_CHECK:-}" = skip ]; then
  log "SKIP: BLOTRE_ARM_CHECK=skip"
  exit 0
fi
[ "$(id -u)" -eq 0 ] || skip "needs root (binfmt_misc, chroot, mounts)"
for tool in mmdebstrap arch-test update-binfmts socat curl javac unshare; do
  command -v "$tool" >/dev/null || skip "$tool is not installed (apt-get install qemu-user-static binfmt-support mmdebstrap arch-test socat curl)"
done

# qemu-user through binfmt_misc. The F flag (qemu-user-static's default) opens the interpreter
# once, so the roots need no copy of it.
if [ ! -e /proc/sys/fs/binfmt_misc/status ]; then
  mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc 2>/dev/null \
    || skip "this machine refuses to mount binfmt_misc, so ARM programs cannot run here"
fi
update-binfmts --enable qemu-aarch64 >/dev/null 2>&1 || true
update-binfmts --enable qemu-arm >/dev/null 2>&1 || true
for name in "${roots[@]}"; do
  arch-test "${root_arch[$name]}" >/dev/null 2>&1 \
    || skip "binfmt_misc does not run ${root_arch[$name]} programs here (update-binfmts --enable failed)"
done

deb=$(find "$repo/deploy/target" -maxdepth 1 -name 'blotre-agent_*_all.deb' 2>/dev/null | sort -V | tail -n 1)
[ -n "$deb" ] || die "no deploy/target/blotre-agent_*_all.deb; build it: mvn -B -q -o -DskipTests package"
server_deb=$(find "$repo/deploy/target" -maxdepth 1 -name 'blotre-server_*_all.deb' 2>/dev/null | sort -V | tail -n 1)
[ -n "$server_deb" ] || die "no deploy/target/blotre-server_*_all.deb; build it: mvn -B -q -o -DskipTests package"
# The server's package is installed beside the agent's, as on a Pi that runs both.
debs=("$deb" "$server_deb")
server_jar=$repo/server/target/blotre-server.jar
[ -f "$server_jar" ] || die "no $server_jar; build it: mvn -B -q -o -DskipTests package"

# Missing roots are made side by side, before anything is timed: most of their time goes to
# downloads and to maintainer scripts that qemu runs on one core each.
building=()
for name in "${roots[@]}"; do
  ensure_root "$name" "${debs[@]}" >/dev/null &
  building+=("$!")
done
unmade=0
for pid in "${building[@]}"; do wait "$pid" || unmade=$((unmade + 1)); done
[ "$unmade" -eq 0 ] || die "$unmade root(s) could not be made (log above)"

work=$(mktemp -d /tmp/check-arm.XXXXXX)
server_pid=
host_agent=
# Keeps the script's own exit status: waiting for the stopped host server returns its 143, which
# under set -e would otherwise end the script with it.
cleanup() {
  local status=$?
  for pid in "$host_agent" "$server_pid"; do
    if [ -n "$pid" ] && kill "$pid" 2>/dev/null; then wait "$pid" 2>/dev/null || true; fi
  done
  if [ "${failures:-0}" -eq 0 ]; then rm -rf "$work"; fi
  exit "$status"
}
trap cleanup EXIT

# The probe is compiled against the packaged jars, for the oldest JVM the package accepts.
dpkg-deb -x "$deb" "$work/pkg"
agent_cp="$work/pkg/usr/share/blotre-agent/blotre-agent.jar:$work/pkg/usr/share/blotre-agent/lib/*"
javac --release 17 -d "$work/probe" -cp "$agent_cp" "$repo/deploy/src/test/probe/NativeProbe.java"

EMULATOR_LOG_LEVEL=DEBUG java -jar "$server_jar" --in-memory --port 0 --control >"$work/server.out" 2>"$work/server.log" &
server_pid=$!
server_log=$work/server.log
for _ in $(seq 600); do
  grep -q 'serving at http' "$work/server.out" 2>/dev/null && break
  kill -0 "$server_pid" 2>/dev/null || die "the server did not start: $(cat "$work/server.log")"
  sleep 0.1
done
server=$(sed -n 's/.*serving at \(http[^ ]*\).*/\1/p' "$work/server.out" | head -n 1)
[ -n "$server" ] || die "the server did not start in 60 s: $(cat "$work/server.log")"
log "server on the host at $server; packages: ${debs[*]##*/}"

# x86 reference: the same JVM flags and a run with its class-data archive, on this host's JDK
# (17 on the build machine, so the dynamic archive). The launcher's class-data logic is what the
# roots run; here its two flags are given directly.
host_reference() {
  local opts state=$work/host-state env=() assignment before started
  mkdir -p "$state"
  opts=$(sed -n 's/^Environment="JAVA_OPTS=\(.*\)"$/\1/p' "$work/pkg/usr/lib/systemd/system/blotre-agent.service")
  opts=${opts//\/var\/lib\/blotre-agent/$state}
  while IFS= read -r assignment; do
    case $assignment in JAVA_OPTS=*) ;; *) env+=("$assignment") ;; esac
  done < <(sed -n 's/^Environment=//p' "$work/pkg/usr/lib/systemd/system/blotre-agent.service" | sed 's/^"\(.*\)"$/\1/')
  host_run() { # extra flag
    # shellcheck disable=SC2086 # a list of flags
    env "${env[@]}" STATE_DIRECTORY="$state" java $opts "$1" -cp "$agent_cp" re.blot.agent.cli.Main \
      run --mock --server "$server" --interval "$interval" --creds "$state/creds.json" >>"$work/host.log" 2>&1 &
    host_agent=$!
  }
  host_stop() {
    kill -TERM "$host_agent"
    wait "$host_agent" || true
    host_agent=
  }
  before=$(pushes)
  host_run "-XX:ArchiveClassesAtExit=$state/agent.jsa"
  for _ in $(seq 1200); do grep -qE 'code [A-Za-z0-9]{8}\b' "$work/host.log" && break; sleep 0.05; done
  code=$(grep -oE 'code [A-Za-z0-9]{8}\b' "$work/host.log" | head -n 1)
  curl -fsS -H 'Content-Type: application/json' -d "{\"code\":\"${code#code }\",\"user\":\"demo\"}" \
    "$server/_emulator/redeem" >/dev/null || die "x86 reference: the server did not redeem the code: $(cat "$work/host.log")"
  for _ in $(seq 1200); do [ "$(pushes)" -gt "$before" ] && break; sleep 0.05; done
  host_stop
  before=$(pushes)
  started=$(date +%s%N)
  host_run "-XX:SharedArchiveFile=$state/agent.jsa"
  for _ in $(seq 1200); do [ "$(pushes)" -gt "$before" ] && break; sleep 0.05; done
  [ "$(pushes)" -gt "$before" ] || die "x86 reference: no push in 60 s: $(tail -n 20 "$work/host.log")"
  echo $((($(date +%s%N) - started) / 1000000))
  host_stop
}
host_ms=$(host_reference)
log "x86 reference (this host, $(java -version 2>&1 | sed -n 's/.* version "\([^"]*\)".*/Java \1/p'), native): JVM start to first push $host_ms ms"

export CHECK_ARM_WORK=$work CHECK_ARM_SERVER=$server CHECK_ARM_SERVER_LOG=$server_log
CHECK_ARM_DEBS="${debs[*]}"
export CHECK_ARM_DEBS
failures=0
summary=()
for name in "${roots[@]}"; do
  tarball=$(ensure_root "$name" "${debs[@]}")
  started=$(date +%s)
  log "$name: checking in a fresh copy of $tarball"
  if unshare --mount --propagation private --pid --fork --kill-child "$0" --in-namespace "$name" "$tarball"; then
    result=passed
  else
    result=FAILED
    failures=$((failures + 1))
  fi
  ms=$(cat "$work/$name/start-ms" 2>/dev/null || echo "")
  if [ -n "$ms" ]; then
    ratio=$(awk -v a="$ms" -v b="$host_ms" 'BEGIN { printf "%.1f", a / b }')
    summary+=("$(printf '%-15s %-7s first push after %6d ms, %5sx the x86 host (emulated)' "$name" "$result" "$ms" "$ratio")")
  else
    summary+=("$(printf '%-15s %-7s no start-up time' "$name" "$result")")
  fi
  log "$name: $result in $(($(date +%s) - started)) s"
done

log "summary (qemu-user on x86: only the ratios mean anything, and a real Pi differs again):"
for line in "${summary[@]}"; do log "  $line"; done
# The plain closing line CI reads, one root a test.
echo "check-arm: $((${#roots[@]} - failures)) passed, $failures failed"
if [ "$failures" -gt 0 ]; then
  log "logs kept in $work"
  exit 1
fi
