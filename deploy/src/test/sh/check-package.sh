#!/bin/sh
# Checks a built .deb, the agent's or the server's: control fields, file list, maintainer scripts,
# lintian, the systemd unit (verify + security exposure), the JVM flags, an
# install/upgrade/remove/purge cycle in a throwaway root (with dpkg, and for the agent with
# install.sh too), and the unit running under a real systemd (boot-test.sh). With --end-to-end,
# only boots both packages together: the agent set up against the server, its reading on the
# server's page.
# Usage: check-package.sh path/to/blotre-{agent,server}_<version>_all.deb
#        check-package.sh --end-to-end path/to/blotre-agent_*.deb path/to/blotre-server_*.deb
# A check whose tool (or root, for the install test) is missing is skipped with a message, except
# under CI=true, where it fails: CI must run every check.
set -eu

deb=$1
max_exposure=25 # systemd-analyze's --threshold is the 0-100 scale: 25 is an exposure of 2.5

failures=0
fail() {
  echo "check-package: FAIL: $*" >&2
  failures=$((failures + 1))
}
pass() {
  echo "check-package: ok: $*"
}
# Returns success when the tool is present; otherwise skips (or fails under CI) the named check.
have() {
  if command -v "$1" >/dev/null 2>&1; then
    return 0
  fi
  if [ "${CI:-}" = true ]; then
    fail "$1 is missing; CI must install it (.ci/run), so the $2 check cannot run"
  else
    echo "check-package: SKIP: $2 ($1 is not installed)"
  fi
  return 1
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Runs boot-test.sh on the packages after the description; skipped (failed under CI) without root
# or the tools it needs.
boot_test() { # description, package...
  description=$1
  shift
  if [ "$(id -u)" -ne 0 ]; then
    if [ "${CI:-}" = true ]; then fail "$description needs root"; else echo "check-package: SKIP: $description (needs root)"; fi
  elif have javac "$description" && have nsenter "$description" && have curl "$description"; then
    if "$(dirname "$0")/boot-test.sh" "$work" "$@" >"$work/boot-test" 2>&1; then
      sed 's/^/check-package:   boot: /' "$work/boot-test"
      pass "$description"
    else
      sed 's/^/check-package:   boot: /' "$work/boot-test" >&2
      fail "$description"
    fi
  fi
}
finish() { # what was checked
  if [ "$failures" -gt 0 ]; then
    echo "check-package: $failures check(s) failed" >&2
    exit 1
  fi
  echo "check-package: all checks passed for $1"
  exit 0
}

if [ "$deb" = --end-to-end ]; then
  shift
  for deb in "$@"; do
    [ -f "$deb" ] || { echo "check-package: no package at $deb" >&2; exit 1; }
  done
  if have dpkg-deb "end-to-end boot test"; then
    boot_test "end-to-end boot test: the agent set up through the server's pages, its reading on the server's page" "$@"
  fi
  finish "$(basename "$1") with $(basename "$2")"
fi

[ -f "$deb" ] || { echo "check-package: no package at $deb" >&2; exit 1; }

if ! have dpkg-deb "package contents"; then
  finish "$(basename "$deb")"
fi

# --- Control fields -----------------------------------------------------------------------------
field() { dpkg-deb -f "$deb" "$1"; }
package=$(field Package)
case "$package" in
  blotre-agent) conffile=/etc/blotre-agent/agent.conf ;;
  blotre-server) conffile=/etc/blotre-server/server.conf ;;
  *) echo "check-package: $deb is neither blotre-agent nor blotre-server but '$package'" >&2; exit 1 ;;
esac
unit=$package.service
share=/usr/share/$package
expect_field() {
  actual=$(field "$1")
  if [ "$actual" = "$2" ]; then pass "$1: $2"; else fail "$1 is '$actual', expected '$2'"; fi
}
expect_field Version "$(basename "$deb" | sed -n "s/^${package}_\(.*\)_all\.deb\$/\1/p")"
expect_field Architecture all
expect_field Depends "default-jre-headless (>= 2:1.17) | java17-runtime-headless, adduser"

# --- Maintainer scripts and conffiles ------------------------------------------------------------
dpkg-deb -e "$deb" "$work/control"
for script in postinst prerm postrm; do
  if [ -x "$work/control/$script" ]; then pass "$script is executable"; else fail "$script is missing or not executable"; fi
done
expect_in() { # file, fixed string, description
  if grep -qF -- "$2" "$1"; then pass "$3"; else fail "$3: '$2' not found in $(basename "$1")"; fi
}
expect_in "$work/control/conffiles" "$conffile" "$(basename "$conffile") is a conffile"
expect_in "$work/control/postinst" "adduser --system --group" "postinst creates the system user"
expect_in "$work/control/postinst" "install -d -o" "postinst creates the state directory"
expect_in "$work/control/postinst" "daemon-reload" "postinst reloads systemd"
if [ "$package" = blotre-agent ]; then
  # try-restart only restarts a service the admin already runs (an upgrade).
  if grep -En 'systemctl .*(enable|start)|deb-systemd-helper enable|deb-systemd-invoke (start|restart)' "$work/control/postinst"; then
    fail "postinst must not enable or start the service before setup"
  else
    pass "postinst neither enables nor starts the service"
  fi
  expect_in "$work/control/prerm" "disable" "prerm disables the service"
else
  # The server needs no setup: it serves as soon as it is installed, as Debian's services do.
  expect_in "$work/control/postinst" "deb-systemd-helper enable" "postinst enables the service"
  expect_in "$work/control/postinst" "deb-systemd-invoke start" "postinst starts the service"
fi
expect_in "$work/control/prerm" "stop" "prerm stops the service"
expect_in "$work/control/postrm" "deluser --system" "postrm purge removes the user"
expect_in "$work/control/postrm" "rm -rf /var/lib/$package" "postrm purge removes the state"

# --- File list -----------------------------------------------------------------------------------
dpkg-deb -c "$deb" | awk '{print $1, $2, $6}' >"$work/files"
expect_file() { # mode, path
  if grep -qx -e "$1 root/root \\./${2#/}" "$work/files"; then pass "$2 ($1)"; else fail "$2 with mode $1 and owner root is not in the package"; fi
}
expect_file -rwxr-xr-x "/usr/bin/$package"
expect_file -rw-r--r-- "$share/$package.jar"
expect_file -rw-r--r-- "/usr/lib/systemd/system/$unit"
expect_file -rw-r--r-- "$conffile"
expect_file -rw-r--r-- "/usr/share/doc/$package/copyright"
expect_file -rw-r--r-- "/usr/share/doc/$package/changelog.gz"
libs=$(grep -c "$share/lib/.*\\.jar\$" "$work/files" || true)
if [ "$libs" -gt 0 ]; then pass "$libs jars in $share/lib"; else fail "no jars in $share/lib"; fi
# Each package carries its own module's classpath only: the agent's no HTTP server (the demo,
# which starts one, is a module of its own), the server's no Pi hardware library.
case "$package" in
  blotre-agent) foreign='/lib/(jetty-|blotre-server|blotre-demo)' what="HTTP server (Jetty, blotre-server)" ;;
  blotre-server) foreign='/lib/(pi4j-|jna-|picocli-|blotre-agent|blotre-demo)' what="agent library (Pi4J, JNA, picocli)" ;;
esac
if grep -E "$foreign" "$work/files" >"$work/foreign"; then
  fail "the package carries an $what: $(tr '\n' ' ' <"$work/foreign")"
else
  pass "no $what in the package"
fi

dpkg-deb -x "$deb" "$work/root"
# Every manifest Class-Path entry ships, so `java -jar` works as well as the launcher's -cp.
if have jar "manifest Class-Path"; then
  mkdir "$work/manifest"
  (cd "$work/manifest" && jar xf "$work/root$share/$package.jar" META-INF/MANIFEST.MF)
  tr -d '\r' <"$work/manifest/META-INF/MANIFEST.MF" | awk '/^ /{sub(/^ /, ""); printf "%s", $0; next} {printf "\n%s", $0} END{print ""}' \
    | sed -n 's/^Class-Path: //p' | tr ' ' '\n' | grep . >"$work/classpath" || true
  missing=0
  while read -r entry; do
    [ -f "$work/root$share/$entry" ] || { fail "manifest Class-Path names $entry, which is not packaged"; missing=1; }
  done <"$work/classpath"
  [ "$missing" -eq 0 ] && pass "all $(wc -l <"$work/classpath") Class-Path entries are packaged"
fi
if cmp -s "$work/root/usr/lib/systemd/system/$unit" "$(dirname "$0")/../../../../systemd/$unit"; then
  pass "the packaged unit is systemd/$unit unchanged"
else
  fail "the packaged unit differs from systemd/$unit"
fi

# --- lintian -------------------------------------------------------------------------------------
if have lintian lintian; then
  if lintian --fail-on error --tag-display-limit 0 "$deb" >"$work/lintian" 2>&1; then
    pass "lintian: no errors"
  else
    fail "lintian reported errors"
  fi
  sed 's/^/check-package:   lintian: /' "$work/lintian"
fi

# --- systemd unit --------------------------------------------------------------------------------
if have systemd-analyze "systemd unit"; then
  # verify checks that ExecStart= exists, so it runs against a root holding the package's files
  # plus the system's own units (the dependencies it names, e.g. network-online.target).
  mkdir -p "$work/root/usr/lib/systemd/system"
  for f in /usr/lib/systemd/system/* /lib/systemd/system/*; do
    [ -e "$f" ] && [ ! -e "$work/root/usr/lib/systemd/system/$(basename "$f")" ] && cp -a "$f" "$work/root/usr/lib/systemd/system/"
  done
  if systemd-analyze verify --root="$work/root" "$work/root/usr/lib/systemd/system/$unit" >"$work/verify" 2>&1 \
    && [ ! -s "$work/verify" ]; then
    pass "systemd-analyze verify: clean"
  else
    fail "systemd-analyze verify: $(cat "$work/verify")"
  fi
  if systemd-analyze security --offline=yes --threshold="$max_exposure" \
    "$work/root/usr/lib/systemd/system/$unit" >"$work/security" 2>&1; then
    pass "systemd-analyze security: $(grep 'Overall exposure' "$work/security")"
  else
    cat "$work/security" >&2
    fail "systemd-analyze security: exposure above $max_exposure/100 or analysis failed"
  fi
fi

# --- JVM flags -----------------------------------------------------------------------------------
# A flag this JVM does not know would stop the service at every start.
if have java "JVM flags"; then
  java_opts=$(sed -n 's/^Environment="JAVA_OPTS=\(.*\)"$/\1/p' "$work/root/usr/lib/systemd/system/$unit")
  # shellcheck disable=SC2086 # a list of flags, split as systemd splits $JAVA_OPTS
  if [ -n "$java_opts" ] && java $java_opts -version >"$work/java" 2>&1; then
    pass "the unit's JAVA_OPTS start this JVM: $java_opts"
  else
    fail "the unit's JAVA_OPTS ('$java_opts') do not start java: $(cat "$work/java")"
  fi
  # On every JDK installed here (17 and 25 on the build machine), the flags as the launcher fits
  # them to that JVM start it without a warning: the service would log it at every start.
  launcher=$work/root/usr/bin/$package
  if grep -q '^jvm_flags() {$' "$launcher"; then
    eval "$(sed -n '/^java_feature() {$/,/^}$/p; /^jvm_flags() {$/,/^}$/p' "$launcher")"
  else
    jvm_flags() { echo "$JAVA_OPTS"; }
  fi
  for java in /usr/lib/jvm/*/bin/java; do
    [ -x "$java" ] && [ ! -L "$(dirname "$(dirname "$java")")" ] || continue
    fitted=$(JAVA_OPTS=$java_opts jvm_flags)
    # shellcheck disable=SC2086 # a list of flags
    if "$java" $fitted -version >"$work/java" 2>&1 && ! grep -qiE 'warning|ignoring option' "$work/java"; then
      pass "no warning on $(sed -n 's/^JAVA_RUNTIME_VERSION="\(.*\)"$/\1/p' "$(dirname "$(dirname "$java")")/release"): $fitted"
    else
      fail "the unit's flags as the launcher fits them ('$fitted') warn or fail on $java: $(cat "$work/java")"
    fi
  done
fi

# --- shellcheck ----------------------------------------------------------------------------------
if have shellcheck "shell scripts"; then
  if shellcheck "$work/root/usr/bin/$package" "$work/control/postinst" "$work/control/prerm" "$work/control/postrm" \
    "$(dirname "$0")/../../../check-arm.sh"; then
    pass "shellcheck: launcher, maintainer scripts and check-arm.sh"
  else
    fail "shellcheck found problems"
  fi
fi

# --- Install, reinstall, remove, purge in a throwaway root ---------------------------------------
# A copy-on-write view of this system (overlayfs) in a private mount namespace: dpkg, install.sh
# and the maintainer scripts run for real (adduser, groups, directories) and nothing reaches the
# host. Each mode gets a fresh view, with the PATH dpkg expects (it needs the sbin directories).
repo=$(cd "$(dirname "$0")/../../../.." && pwd)
install_test() { # deb | script
  if [ "$(id -u)" -ne 0 ] || ! command -v unshare >/dev/null 2>&1; then
    if [ "${CI:-}" = true ]; then fail "install test ($1) needs root and unshare (util-linux)"; else echo "check-package: SKIP: install test ($1) (needs root and unshare)"; fi
    return
  fi
  ovl=$work/ovl-$1
  mkdir -p "$ovl/upper/check/tree" "$ovl/work" "$ovl/merged"
  cp "$deb" "$ovl/upper/check/package.deb"
  cp "$(dirname "$0")/install-test.sh" "$ovl/upper/check/install-test.sh"
  case "$1" in
    deb) set -- deb /check/package.deb ;;
    script)
      # install.sh takes the launcher, unit, maintainer scripts and config from a checkout.
      (cd "$repo" && cp -R --parents deploy/install.sh deploy/src/bin deploy/src/deb/control \
        systemd/blotre-agent.service agent/src/main/dist/agent.conf "$ovl/upper/check/tree/")
      cp -R "$work/root/usr/share/blotre-agent" "$ovl/upper/check/agent"
      set -- script /check/tree/deploy/install.sh /check/agent/blotre-agent.jar
      ;;
  esac
  # shellcheck disable=SC2016 # the inner script expands its own positional parameters
  if unshare --mount --propagation private sh -eu -c '
      ovl=$1
      shift
      mount -t overlay overlay -o "lowerdir=/,upperdir=$ovl/upper,workdir=$ovl/work" "$ovl/merged"
      for d in dev proc sys; do mount --rbind "/$d" "$ovl/merged/$d"; done
      mount -t tmpfs tmpfs "$ovl/merged/tmp"
      mount -t tmpfs tmpfs "$ovl/merged/run"
      chroot "$ovl/merged" /usr/bin/env PATH=/usr/sbin:/usr/bin:/sbin:/bin sh /check/install-test.sh "$@"
    ' sh "$ovl" "$@" >"$ovl.log" 2>&1; then
    sed "s/^/check-package:   install ($1): /" "$ovl.log"
    pass "install test ($1)"
  else
    sed "s/^/check-package:   install ($1): /" "$ovl.log" >&2
    fail "install test ($1)"
  fi
}
install_test deb
# install.sh installs the agent from a checkout; the server has only its package.
if [ "$package" = blotre-agent ]; then
  install_test script
fi

# --- The unit under a real systemd ---------------------------------------------------------------
boot_test "boot test: the unit runs its JVM in its sandbox under systemd" "$deb"

finish "$(basename "$deb")"
