#!/bin/sh
# Boots systemd in a throwaway root (overlayfs, private mount and PID namespaces) with the package
# installed and runs its real unit.
# The agent's: only the program changes (SandboxProbe instead of the agent, which needs a server),
# through a drop-in that also shortens the watchdog. Checks that the JVM and JNA work inside the
# sandbox, that READY=1 reaches systemd, that a silent watchdog gets the service restarted, and
# that a stop is clean (exit 143 counts as success). Then runs the real agent through the launcher
# (mock sensors, no server): its first stop writes the class-data archive into the state directory
# and the next start maps it.
# The server's: the real server under the unit's flags and sandbox (on a free port, through a
# drop-in): it answers HTTP, keeps its database through an upgrade, a remove and a reinstall, and
# loses it only with a purge.
# Both packages, end to end (boot-test-end-to-end.sh): a person's first commands, from adding a
# user on the server to the agent's reading shown on the server's stream page.
# Usage: boot-test.sh WORKDIR PACKAGE.deb [PACKAGE.deb]; prints "ok: ..." lines, exits non-zero on
# a failure.
set -eu

work=$1
shift
ovl=$work/boot
mkdir -p "$ovl/upper/check" "$ovl/work" "$ovl/merged"
packages=
for deb in "$@"; do
  package=$(dpkg-deb -f "$deb" Package)
  cp "$deb" "$ovl/upper/check/$package.deb"
  packages="$packages $package"
done
# The unit systemd boots into: the server's when it is installed, which needs no setup to start.
case "$packages" in
  " blotre-agent") unit=blotre-agent.service ;;
  *) unit=blotre-server.service ;;
esac
mkdir -p "$ovl/upper/etc/systemd/system/$unit.d"

if [ "$unit" = blotre-agent.service ]; then
  deb=$1
  # The probe is compiled against the packaged agent jar, so it calls the shipped SdNotify.
  mkdir -p "$work/probe-classes"
  dpkg-deb -x "$deb" "$work/boot-pkg"
  javac -d "$work/probe-classes" -cp "$work/boot-pkg/usr/share/blotre-agent/blotre-agent.jar" \
    "$(cd "$(dirname "$0")/../probe" && pwd)/SandboxProbe.java"
  cp -R "$work/probe-classes" "$ovl/upper/check/probe"
  cat >"$ovl/upper/etc/systemd/system/$unit.d/probe.conf" <<'UNIT'
[Service]
ExecStart=
ExecStart=/usr/bin/java $JAVA_OPTS -cp /usr/share/blotre-agent/blotre-agent.jar:/usr/share/blotre-agent/lib/*:/check/probe SandboxProbe
WatchdogSec=4s
RestartSec=1s
UNIT
else
  # This namespace shares the host's network: any free port, read back from the journal.
  cat >"$ovl/upper/etc/systemd/system/$unit.d/port.conf" <<'UNIT'
[Service]
ExecStart=
ExecStart=/usr/bin/blotre-server --port 0
UNIT
fi

# shellcheck disable=SC2016 # the inner script expands its own variables
unshare --pid --fork --kill-child --mount --propagation private sh -eu -c '
  ovl=$1
  mount -t overlay overlay -o "lowerdir=/,upperdir=$ovl/upper,workdir=$ovl/work" "$ovl/merged"
  mount --rbind /dev "$ovl/merged/dev"
  mount -t proc proc "$ovl/merged/proc"
  mount --rbind /sys "$ovl/merged/sys"
  mount -t tmpfs tmpfs "$ovl/merged/run"
  mount -t tmpfs tmpfs "$ovl/merged/tmp"
  chroot "$ovl/merged" /usr/bin/env PATH=/usr/sbin:/usr/bin:/sbin:/bin sh -c "dpkg -i /check/*.deb" >/dev/null
  exec chroot "$ovl/merged" /usr/bin/env -i container=blotre-boot-test PATH=/usr/sbin:/usr/bin:/sbin:/bin \
    /lib/systemd/systemd --system --unit="$2" --log-target=null --show-status=no
' sh "$ovl" "$unit" >"$work/boot.log" 2>&1 &
unshare_pid=$!
# unshare blocks SIGTERM while it waits; SIGKILL ends it, and --kill-child takes systemd and the
# whole PID namespace with it.
trap 'kill -KILL "$unshare_pid" 2>/dev/null; wait "$unshare_pid" 2>/dev/null || true' EXIT

in_boot() { # runs a command in the booted system, as sudo would (the launchers need runuser)
  nsenter -t "$init_pid" -m -p -r -w /usr/bin/env PATH=/usr/sbin:/usr/bin:/sbin:/bin "$@"
}
# Polls a condition every 0.2 s until it holds or the deadline (seconds) passes.
await() {
  deadline=$(($(date +%s) + $1))
  shift
  until "$@" 2>/dev/null; do
    if [ "$(date +%s)" -ge "$deadline" ]; then return 1; fi
    sleep 0.2
  done
}
booted() {
  init_pid=$(cut -d" " -f1 "/proc/$unshare_pid/task/$unshare_pid/children")
  [ -n "$init_pid" ] && [ "$(cat "/proc/$init_pid/comm")" = systemd ] && in_boot systemctl show -p Version >/dev/null
}
prop() { in_boot systemctl show -P "$1" "$unit"; }
status_is() { [ "$(prop StatusText)" = "$1" ]; }
restarted() { [ "$(prop NRestarts)" -ge 1 ]; }
check() {
  description=$1
  shift
  if "$@"; then
    echo "ok: $description"
  else
    echo "FAIL: $description" >&2
    cat "$work/boot.log" >&2
    for package in $packages; do
      in_boot journalctl -u "$package.service" -o cat 2>&1 | tail -n 20 | sed "s/^/journal $package: /" >&2
    done
    exit 1
  fi
}
journal_has() { in_boot journalctl -u "$unit" -o cat | grep -q "$1"; }
# The server's journal, and the address of its latest start, from its "serving at" line (the port is
# any free one).
server_journal() { in_boot journalctl -u blotre-server.service -o cat; }
server_url() { server_journal | sed -n "s/^Blot're server serving at \(http:[^ ]*\)\$/\1/p" | tail -n 1; }
server_starts() { server_journal | grep -c "^Blot're server serving at" || true; }
server_started_after() { [ "$(server_starts)" -gt "$1" ]; }
in_group() { # the probe's process is in the named group of the booted system
  gid=$(in_boot getent group "$1" | cut -d: -f3)
  in_boot journalctl -u blotre-agent.service -o cat | grep '^probe: Groups:' | head -n 1 | grep -qw "$gid"
}

check "systemd boots in the throwaway root" await 60 booted
case "$packages" in
  " blotre-server")
    # shellcheck source=boot-test-server.sh
    . "$(dirname "$0")/boot-test-server.sh"
    exit 0
    ;;
  *blotre-server*)
    # shellcheck source=boot-test-end-to-end.sh
    . "$(dirname "$0")/boot-test-end-to-end.sh"
    exit 0
    ;;
esac
check "the service reports READY=1 with its status through SdNotify" await 60 status_is "probe ready"
check "the service runs as blotre-agent" journal_has "^probe: user=blotre-agent$"
check "with no capabilities" journal_has "^probe: CapEff: 0000000000000000$"
check "and no new privileges" journal_has "^probe: NoNewPrivs: 1$"
check "under a seccomp system-call filter" journal_has "^probe: Seccomp: 2$"
check "in group spi" in_group spi
check "in group i2c" in_group i2c
check "in group gpio" in_group gpio
check "it can write its state directory" journal_has "^probe: state=written$"
check "it can write its runtime directory" journal_has "^probe: runtime=written$"
check "it cannot write /etc/blotre-agent" journal_has "^probe: etc=denied"
check "it cannot write /usr" journal_has "^probe: usr=denied"
check "a silent watchdog gets the service restarted" await 60 restarted
in_boot systemctl stop blotre-agent.service
check "a stop ends cleanly (SuccessExitStatus=143)" [ "$(prop Result)" = success ]

# The real agent: unauthorized, with no server to reach, it still reads its mock sensor and waits.
in_boot sh -c 'cat >/etc/systemd/system/blotre-agent.service.d/probe.conf' <<'UNIT'
[Service]
ExecStart=
ExecStart=/usr/bin/blotre-agent run --mock --server http://127.0.0.1:9
UNIT
in_boot systemctl daemon-reload
in_boot systemctl start blotre-agent.service
agent_ready() { [ "$(prop ActiveState)" = active ]; }
archive_in_state() { in_boot sh -c 'ls /var/lib/blotre-agent/cds/agent-*.jsa' >/dev/null; }
archive_mapped() {
  pid=$(prop MainPID)
  [ "$pid" -gt 0 ] && in_boot grep -q '/var/lib/blotre-agent/cds/agent-[0-9]*\.jsa' "/proc/$pid/maps"
}
check "the agent runs under the unit's JVM flags and reports READY=1" await 120 agent_ready
check "its first run announces the class-data archive" journal_has "this run writes /var/lib/blotre-agent/cds/"
stop_started=$(date +%s%N)
in_boot systemctl stop blotre-agent.service
echo "stop with the class-data dump: $((($(date +%s%N) - stop_started) / 1000000)) ms"
check "its stop is clean" [ "$(prop Result)" = success ]
check "its stop writes the class-data archive" archive_in_state
in_boot systemctl start blotre-agent.service
check "the next start maps the archive" await 120 archive_mapped
stop_started=$(date +%s%N)
in_boot systemctl stop blotre-agent.service
echo "stop without a dump: $((($(date +%s%N) - stop_started) / 1000000)) ms"
