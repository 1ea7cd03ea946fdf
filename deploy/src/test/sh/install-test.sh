#!/bin/sh
# Runs inside the throwaway root made by check-package.sh: installs, reinstalls, upgrades, removes
# and purges for real and checks what a user would notice after each step, either with dpkg (the
# agent's or the server's package) or with deploy/install.sh (the agent's), which must leave the
# system in the same state.
#   install-test.sh deb PACKAGE.deb
#   install-test.sh script CHECKOUT/deploy/install.sh AGENT.jar
set -eu

case "$1" in
  deb)
    deb=$2
    package=$(dpkg-deb -f "$deb" Package)
    do_install() { dpkg -i "$deb" >/dev/null; }
    do_remove() { dpkg -r "$package" >/dev/null; }
    do_purge() { dpkg -P "$package" >/dev/null; }
    ;;
  script)
    package=blotre-agent
    script=$2
    jar=$3
    do_install() { sh "$script" --jar "$jar" >/dev/null; }
    do_remove() { sh "$script" --uninstall >/dev/null; }
    do_purge() { sh "$script" --uninstall --purge >/dev/null; }
    ;;
  *)
    echo "usage: install-test.sh deb FILE | script INSTALL_SH JAR" >&2
    exit 2
    ;;
esac
user=$package
state=/var/lib/$package
conf=/etc/$package/${package#blotre-}.conf
unit=$package.service
wants=/etc/systemd/system/multi-user.target.wants/$unit

check() { # description, command...
  description=$1
  shift
  if "$@"; then echo "ok: $description"; else echo "FAIL: $description" >&2; exit 1; fi
}
mode_owner() { stat -c '%a %U:%G' "$1"; }

# A stand-in JVM records who runs it and with which arguments, writes into the state directory as
# an admin command would, writes a class list or a dynamic class-data archive (just its magic
# number) where it is asked to, and counts the static class-data dumps, each writing an archive or
# failing (FAKE_DUMP=fail). As setup would, it names the file the launcher hands over for the new config, and
# writes it (FAKE_SETUP=write) or fails having written it (FAKE_SETUP=fail).
fake=/tmp/fake-jdk
mkdir -p "$fake/bin" "$fake/lib/server"
sed "s|@STATE@|$state|" >"$fake/bin/java" <<'JAVA'
#!/bin/sh
echo "user=$(id -un) groups=$(id -nG) args=$*"
if [ "$(id -u)" -ne 0 ]; then : >@STATE@/written-by-launcher; fi
if [ -n "${BLOTRE_AGENT_NEW_CONFIG:-}" ]; then
  echo "handover=$BLOTRE_AGENT_NEW_CONFIG $(stat -c '%a %U:%G %s' "$BLOTRE_AGENT_NEW_CONFIG")"
  case "${FAKE_SETUP:-}" in
    write) printf '[server]\nurl = http://written.by.setup\n' >"$BLOTRE_AGENT_NEW_CONFIG" ;;
    fail) printf '[server]\nurl = http://half.done\n' >"$BLOTRE_AGENT_NEW_CONFIG"; exit 1 ;;
  esac
fi
case " $* " in
  *" -Xshare:dump "*)
    echo dump >>@STATE@/dumps
    [ "${FAKE_DUMP:-}" != fail ] || exit 1
    for arg in "$@"; do
      case "$arg" in -XX:SharedArchiveFile=*) printf '\242\253\013\360' >"${arg#*=}" ;; esac
    done
    exit 0
    ;;
esac
for arg in "$@"; do
  case "$arg" in
    -XX:ArchiveClassesAtExit=*) printf '\250\253\013\360' >"${arg#*=}" ;;
    -XX:DumpLoadedClassList=*) echo 'java/lang/Object id: 0' >"${arg#*=}" ;;
  esac
done
JAVA
: >"$fake/lib/server/libjvm.so"
chmod 755 "$fake" "$fake/bin" "$fake/bin/java"

do_install
check "files in place" sh -c "[ -x /usr/bin/$package ] && [ -f /usr/share/$package/$package.jar ] \
  && [ -f /usr/lib/systemd/system/$unit ]"
check "system user with no login shell" sh -c "getent passwd $user | grep -q ':$state:/usr/sbin/nologin\$'"
check "state directory 0700 owned by the user" [ "$(mode_owner "$state")" = "700 $user:$user" ]
check "default config installed" [ -f "$conf" ]

# What the admin's first command runs: started by root, it runs as the service user.
case "$package" in
  blotre-agent)
    main=re.blot.agent.cli.Main
    command='setup --server http://127.0.0.1:1'
    ;;
  blotre-server)
    main=re.blot.server.Main
    command='user add alice'
    ;;
esac
# shellcheck disable=SC2086 # the command's words
out=$(JAVA_HOME=$fake JAVA_OPTS='-Xmx48m  -Dprobe=1' "$package" $command)
echo "launcher: $out"
check "'$package ${command%% *}' started by root runs as the service user" sh -c "echo '$out' | grep -q '^user=$user '"
check "JAVA_OPTS are split into JVM flags, then the absolute classpath and main class" sh -c \
  "echo '$out' | grep -qF 'args=-Xmx48m -Dprobe=1 -cp /usr/share/$package/$package.jar:/usr/share/$package/lib/* $main $command'"
check "it can write into the state directory" [ "$(stat -c %U "$state/written-by-launcher")" = "$user" ]

# The static class-data archive made for real by each JDK 21+ this system has (Temurin 25 under
# CI), as the service's first two starts would: no failed dump, a whole archive, no warning.
real_static_archive_checks() {
  unit_opts=$(sed -n 's/^Environment="JAVA_OPTS=\(.*\)"$/\1/p' "/usr/lib/systemd/system/$unit")
  found=
  for jdk in /usr/lib/jvm/*; do
    if [ ! -x "$jdk/bin/java" ] || [ -L "$jdk" ]; then continue; fi
    [ "$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$jdk/release" 2>/dev/null)" -ge 21 ] 2>/dev/null || continue
    found=yes
    rm -rf "$state/cds"
    JAVA_HOME=$jdk JAVA_OPTS=$unit_opts blotre-agent run --mock --once >/tmp/first-run 2>&1 || true
    out=$(JAVA_HOME=$jdk JAVA_OPTS=$unit_opts blotre-agent run --mock --once 2>&1 || true)
    name=$(basename "$jdk")
    check "$name makes the static archive at the second start" sh -c \
      "ls $state/cds/agent-*.jsa >/dev/null && [ -z \"\$(ls $state/cds | grep -v '\.jsa\$')\" ]"
    check "$name: it is whole" [ "$(od -An -tx4 -N4 "$state"/cds/agent-*.jsa | tr -d ' ')" = f00baba2 ]
    printf '%s\n' "$out" >/tmp/second-run
    check "$name: the runs print no JVM warning" sh -c \
      "! grep -E 'VM warning|\]\[warning\]|^WARNING:|[Ee]rror:' /tmp/first-run /tmp/second-run"
    check "$name: the agent ran (and says it has no credentials)" says 'The agent is not authorized yet'
  done
  [ -n "$found" ] || echo "SKIP: no JDK 21 or later under /usr/lib/jvm: the static class-data archive was not made for real"
}

agent_install_checks() {
  for group in spi i2c gpio; do
    check "user in group $group" sh -c "id -nG $user | tr ' ' '\n' | grep -qx $group"
  done
  check "service not enabled before setup" [ ! -e "$wants" ]
  out=$(JAVA_HOME=$fake blotre-agent setup --server http://127.0.0.1:1)
  check "the service user has its device groups" sh -c "echo '$out' | grep -q 'groups=.*spi'"
  setup_handover_checks
  out=$(JAVA_HOME=$fake blotre-agent calibrate)
  check "calibrate stays root (it rewrites /etc/blotre-agent/agent.conf)" sh -c "echo '$out' | grep -q '^user=root '"
  check "no class-data archive flags but for run" sh -c "! echo '$out' | grep -q Archive"
  out=$(JAVA_HOME=$fake blotre-agent --config calibrate read)
  check "only the command calibrate stays root, not an option's value" sh -c "echo '$out' | grep -q '^user=$user '"

  # Version-specific flags: JDK 21 removed -XX:MetaspaceReclaimPolicy and warns at every start;
  # JDK 22+ warns about JNA's restricted native calls without --enable-native-access.
  opts='-Xmx48m -XX:MetaspaceReclaimPolicy=aggressive -Dprobe=1'
  echo 'JAVA_VERSION="17.0.15"' >"$fake/release"
  out=$(JAVA_HOME=$fake JAVA_OPTS=$opts blotre-agent --version)
  check "on JDK 17 the unit's flags pass unchanged" sh -c "echo '$out' | grep -qF 'args=$opts -cp'"
  echo 'JAVA_VERSION="21.0.8"' >"$fake/release"
  out=$(JAVA_HOME=$fake JAVA_OPTS=$opts blotre-agent --version)
  check "on JDK 21 the launcher drops -XX:MetaspaceReclaimPolicy" sh -c "echo '$out' | grep -qF 'args=-Xmx48m -Dprobe=1 -cp'"
  echo 'JAVA_VERSION="25.0.3"' >"$fake/release"
  out=$(JAVA_HOME=$fake JAVA_OPTS=$opts blotre-agent --version)
  check "on JDK 25 it also grants JNA native access (no restricted-method warning)" sh -c "echo '$out' | grep -qF 'args=-Xmx48m -Dprobe=1 --enable-native-access=ALL-UNNAMED -cp'"
  rm "$fake/release"

  # Class-data sharing on JDK 17: the first run writes an archive when it stops, later runs use
  # it, and a changed JVM or jar gets a fresh archive in place of the stale one.
  out=$(JAVA_HOME=$fake blotre-agent run)
  first=$(flag_of ArchiveClassesAtExit "$out")
  check "the first run writes an archive in the state directory at exit" sh -c "echo '$first' | grep -q '^$state/cds/agent-[0-9]*\.jsa\$'"
  check "the archive is written" [ -f "$first" ]
  out=$(JAVA_HOME=$fake blotre-agent run)
  check "the next run uses it" [ "$(flag_of SharedArchiveFile "$out")" = "$first" ]
  check "and writes none" [ -z "$(flag_of ArchiveClassesAtExit "$out")" ]
  : >"$first"
  out=$(JAVA_HOME=$fake blotre-agent run)
  check "an archive whose dump was cut short is written again" [ "$(flag_of ArchiveClassesAtExit "$out")" = "$first" ]
  touch -d '2020-01-01' /usr/share/blotre-agent/blotre-agent.jar
  out=$(JAVA_HOME=$fake blotre-agent run)
  second=$(flag_of ArchiveClassesAtExit "$out")
  check "a changed agent jar gets a new archive" sh -c "[ -n '$second' ] && [ '$second' != '$first' ]"
  check "and the stale one is deleted" [ ! -e "$first" ]
  echo 'upgraded' >"$fake/lib/server/libjvm.so"
  out=$(JAVA_HOME=$fake blotre-agent run)
  third=$(flag_of ArchiveClassesAtExit "$out")
  check "a changed JVM gets a new archive" sh -c "[ -n '$third' ] && [ '$third' != '$second' ] && [ ! -e '$second' ]"

  # From JDK 21: the first run lists the classes it loads, the next start makes a static archive
  # from that list and maps it, later starts only map it. A dump cut short or failed is handled,
  # and a changed JVM or jar starts over while the stale files are deleted.
  echo 'JAVA_VERSION="21.0.8"' >"$fake/release"
  dumps() { wc -l <"$state/dumps" 2>/dev/null || echo 0; }
  says() { echo "$out" | grep -qF -- "$1"; }
  only_file_in_cds() { [ "$(ls "$state/cds")" = "$(basename "$1")" ]; }
  out=$(JAVA_HOME=$fake blotre-agent run 2>&1)
  list=$(flag_of DumpLoadedClassList "$out")
  archive=${list%.classlist}.jsa
  check "JDK 21: the dynamic archive of the JDK before is deleted" only_file_in_cds "$list"
  check "the first run lists its classes in the state directory" sh -c "echo '$list' | grep -q '^$state/cds/agent-[0-9]*\.classlist\$'"
  check "and says that the next start makes the archive" says 'the next start makes the archive'
  check "and maps no archive" [ -z "$(flag_of SharedArchiveFile "$out")" ]
  out=$(JAVA_HOME=$fake blotre-agent run 2>&1)
  check "the next start makes the archive from the list, once" [ "$(dumps)" -eq 1 ]
  check "and maps it" [ "$(flag_of SharedArchiveFile "$out")" = "$archive" ]
  check "and lists no classes" [ -z "$(flag_of DumpLoadedClassList "$out")" ]
  check "the list is gone once the archive is made" only_file_in_cds "$archive"
  out=$(JAVA_HOME=$fake blotre-agent run 2>&1)
  check "later starts map it without a dump" [ "$(flag_of SharedArchiveFile "$out")" = "$archive" ]
  check "(no dump)" [ "$(dumps)" -eq 1 ]
  : >"$archive"
  out=$(JAVA_HOME=$fake blotre-agent run 2>&1)
  check "an archive cut short is listed again" [ "$(flag_of DumpLoadedClassList "$out")" = "$list" ]
  out=$(FAKE_DUMP=fail JAVA_HOME=$fake blotre-agent run 2>&1)
  check "a failed dump names the JVM's output" says "could not make the class-data archive (the JVM's output: ${list%.classlist}.log)"
  check "and the agent runs without an archive" sh -c "[ -z '$(flag_of SharedArchiveFile "$out")' ]"
  check "(it runs)" says ' re.blot.agent.cli.Main run'
  out=$(JAVA_HOME=$fake blotre-agent run 2>&1)
  check "a failed dump is not tried again at every start" [ "$(dumps)" -eq 2 ]
  check "(no class-data flags)" sh -c "! echo '$out' | grep -q -- -XX:"
  touch -d '2021-01-01' /usr/share/blotre-agent/blotre-agent.jar
  out=$(JAVA_HOME=$fake blotre-agent run 2>&1)
  second=$(flag_of DumpLoadedClassList "$out")
  check "a changed agent jar starts over with a new list" sh -c "[ -n '$second' ] && [ '$second' != '$list' ]"
  check "and the stale files are deleted" only_file_in_cds "$second"
  JAVA_HOME=$fake blotre-agent run >/dev/null 2>&1
  check "(its archive is made)" only_file_in_cds "${second%.classlist}.jsa"
  echo 'upgraded again' >"$fake/lib/server/libjvm.so"
  out=$(JAVA_HOME=$fake blotre-agent run 2>&1)
  third=$(flag_of DumpLoadedClassList "$out")
  check "a changed JVM starts over" sh -c "[ -n '$third' ] && [ '$third' != '$second' ]"
  check "and its stale archive is deleted" only_file_in_cds "$third"
  rm "$fake/release"
  real_static_archive_checks
}
# `sudo blotre-agent setup` saves the server's URL through a file root hands to the service user.
setup_handover_checks() {
  check "setup gets an empty file beside the config, the service user's alone" sh -c \
    "echo '$out' | grep -q '^handover=/etc/blotre-agent/\.agent\.conf\.[A-Za-z0-9]* 600 $user:$user 0\$'"
  leftovers() { find /etc/blotre-agent -mindepth 1 ! -name agent.conf; }
  check "which is gone after a setup that changed nothing" [ -z "$(leftovers)" ]
  cp "$conf" /tmp/conf.before
  chgrp "$user" "$conf"
  chmod 0640 "$conf"
  status=0
  FAKE_SETUP=fail JAVA_HOME=$fake blotre-agent setup >/dev/null || status=$?
  check "a failed setup's exit code comes through the launcher" [ "$status" -eq 1 ]
  check "a failed setup leaves the config as it was" cmp -s "$conf" /tmp/conf.before
  check "and no file beside it" [ -z "$(leftovers)" ]
  FAKE_SETUP=write JAVA_HOME=$fake blotre-agent setup >/dev/null
  check "a setup that saved the server's URL replaces the config" grep -qx 'url = http://written.by.setup' "$conf"
  check "which keeps its owner, group and mode" [ "$(mode_owner "$conf")" = "640 root:$user" ]
  check "and leaves no file beside it" [ -z "$(leftovers)" ]
  mkdir -m 0755 /tmp/other
  printf '[server]\n' >/tmp/other/agent.conf
  out=$(FAKE_SETUP=write JAVA_HOME=$fake blotre-agent setup --config=/tmp/other/agent.conf)
  check "with --config the file handed over is beside that config" sh -c \
    "echo '$out' | grep -q '^handover=/tmp/other/\.agent\.conf\.'"
  check "and that config gets the URL" grep -q written.by.setup /tmp/other/agent.conf
  check "keeping its owner and mode" [ "$(mode_owner /tmp/other/agent.conf)" = "644 root:root" ]
  cp /tmp/conf.before "$conf"
  chgrp root "$conf"
  chmod 0644 "$conf"
}
flag_of() { # flag name, launcher output: prints the flag's value
  echo "$2" | grep -o -- "-XX:$1=[^ ]*" | cut -d= -f2-
}

case "$package" in
  blotre-agent) agent_install_checks ;;
  blotre-server)
    check "the server is enabled at install (it needs no setup to start)" [ -L "$wants" ]
    out=$(JAVA_HOME=$fake blotre-server run)
    check "no class-data flags for the server" sh -c "! echo '$out' | grep -q Archive"
    ;;
esac

echo 'data' >"$state/data.db"
do_install
check "reinstalling over itself works and keeps the state" [ -f "$state/data.db" ]
if [ "$package" = blotre-agent ]; then
  check "and drops the class-data archives" [ ! -e "$state/cds" ]
  JAVA_HOME=$fake blotre-agent run >/dev/null
fi

echo '# edited by the admin' >>"$conf"
if [ "$1" = deb ]; then
  # An upgrade: the same package with a higher version.
  version=$(dpkg-deb -f "$deb" Version)
  dpkg-deb -R "$deb" /tmp/next
  sed -i "s/^Version: .*/Version: $version+next/" /tmp/next/DEBIAN/control
  dpkg-deb -b /tmp/next /tmp/next.deb >/dev/null
  if [ "$package" = blotre-server ]; then
    systemctl disable "$unit" >/dev/null 2>&1
  fi
  dpkg -i /tmp/next.deb >/dev/null
  check "an upgrade installs the new version" [ "$(dpkg-query -W -f '${Version}' "$package")" = "$version+next" ]
  check "and keeps the state" [ "$(cat "$state/data.db")" = data ]
  check "and the edited config" grep -q 'edited by the admin' "$conf"
  if [ "$package" = blotre-server ]; then
    check "and the admin's systemctl disable" [ ! -e "$wants" ]
    systemctl enable "$unit" >/dev/null 2>&1
  fi
fi

do_remove
check "remove deletes the launcher" [ ! -e "/usr/bin/$package" ]
check "remove keeps the edited config" grep -q 'edited by the admin' "$conf"
check "remove keeps the user and the state" sh -c "getent passwd $user >/dev/null && [ \"\$(cat $state/data.db)\" = data ]"
case "$package" in
  blotre-agent)
    check "remove deletes the class-data archives" [ ! -e "$state/cds" ]
    ;;
  blotre-server)
    check "remove masks the unit (its file is gone)" [ "$(readlink "/etc/systemd/system/$unit")" = /dev/null ]
    do_install
    check "installing again finds the state" [ "$(cat "$state/data.db")" = data ]
    check "and enables the unit again" sh -c "[ -L $wants ] && [ ! -L /etc/systemd/system/$unit ]"
    do_remove
    ;;
esac

do_purge
check "purge removes the user" sh -c "! getent passwd $user >/dev/null"
check "purge removes the user's group" sh -c "! getent group $user >/dev/null"
check "purge removes the state" [ ! -e "$state" ]
check "purge removes the config" [ ! -e "$conf" ]
check "purge leaves no enablement or mask behind" sh -c "[ ! -e $wants ] && [ ! -L /etc/systemd/system/$unit ]"
if [ "$package" = blotre-agent ]; then
  check "purge leaves the spi, i2c and gpio groups" sh -c "getent group spi >/dev/null && getent group i2c >/dev/null && getent group gpio >/dev/null"
fi
