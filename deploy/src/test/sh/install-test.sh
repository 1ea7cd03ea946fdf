#!/bin/sh
# Runs inside the throwaway root made by check-package.sh: installs, reinstalls, removes and
# purges for real and checks what a user would notice after each step, either with dpkg or with
# deploy/install.sh, which must leave the system in the same state.
#   install-test.sh deb PACKAGE.deb
#   install-test.sh script CHECKOUT/deploy/install.sh AGENT.jar
set -eu

case "$1" in
  deb)
    deb=$2
    do_install() { dpkg -i "$deb" >/dev/null; }
    do_remove() { dpkg -r blotre-agent >/dev/null; }
    do_purge() { dpkg -P blotre-agent >/dev/null; }
    ;;
  script)
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
user=blotre-agent
state=/var/lib/blotre-agent

check() { # description, command...
  description=$1
  shift
  if "$@"; then echo "ok: $description"; else echo "FAIL: $description" >&2; exit 1; fi
}
mode_owner() { stat -c '%a %U:%G' "$1"; }

do_install
check "files in place" [ -x /usr/bin/blotre-agent ] && [ -f /usr/share/blotre-agent/blotre-agent.jar ] \
  && [ -f /usr/lib/systemd/system/blotre-agent.service ]
check "system user with no login shell" sh -c "getent passwd $user | grep -q ':$state:/usr/sbin/nologin\$'"
for group in spi i2c gpio; do
  check "user in group $group" sh -c "id -nG $user | tr ' ' '\n' | grep -qx $group"
done
check "state directory 0700 owned by the user" [ "$(mode_owner $state)" = "700 $user:$user" ]
check "default config installed" [ -f /etc/blotre-agent/agent.conf ]
check "service not enabled before setup" [ ! -e /etc/systemd/system/multi-user.target.wants/blotre-agent.service ]

# A stand-in JVM records who runs it and with which arguments, writes into the state directory as
# `setup` would, and writes a class-data archive (just its magic number) where it is asked to.
fake=/tmp/fake-jdk
mkdir -p "$fake/bin" "$fake/lib/server"
cat >"$fake/bin/java" <<'JAVA'
#!/bin/sh
echo "user=$(id -un) groups=$(id -nG) args=$*"
if [ "$(id -u)" -ne 0 ]; then : >/var/lib/blotre-agent/written-by-setup; fi
for arg in "$@"; do
  case "$arg" in -XX:ArchiveClassesAtExit=*) printf '\250\253\013\360' >"${arg#*=}" ;; esac
done
JAVA
: >"$fake/lib/server/libjvm.so"
chmod 755 "$fake" "$fake/bin" "$fake/bin/java"

out=$(JAVA_HOME=$fake JAVA_OPTS='-Xmx48m  -Dprobe=1' blotre-agent setup --server http://127.0.0.1:1)
echo "launcher: $out"
check "setup started by root runs as the service user" sh -c "echo '$out' | grep -q '^user=$user '"
check "the service user has its device groups" sh -c "echo '$out' | grep -q 'groups=.*spi'"
check "JAVA_OPTS are split into JVM flags, then the absolute classpath and main class" sh -c \
  "echo '$out' | grep -qF 'args=-Xmx48m -Dprobe=1 -cp /usr/share/blotre-agent/blotre-agent.jar:/usr/share/blotre-agent/lib/* re.blot.agent.cli.Main setup --server http://127.0.0.1:1'"
check "setup can write into the state directory" [ "$(stat -c %U $state/written-by-setup)" = "$user" ]
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

# Class-data sharing: the first run writes an archive when it stops, later runs use it, and a
# changed JVM or jar gets a fresh archive in place of the stale one.
flag_of() { # flag name, launcher output: prints the flag's value
  echo "$2" | grep -o -- "-XX:$1=[^ ]*" | cut -d= -f2-
}
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

do_install
check "reinstalling over itself works and keeps the state" [ -f $state/written-by-setup ]
check "and drops the class-data archives" [ ! -e $state/cds ]
JAVA_HOME=$fake blotre-agent run >/dev/null

echo '# edited by the admin' >>/etc/blotre-agent/agent.conf
do_remove
check "remove deletes the launcher" [ ! -e /usr/bin/blotre-agent ]
check "remove keeps the edited config" grep -q 'edited by the admin' /etc/blotre-agent/agent.conf
check "remove keeps the user and its credentials" sh -c "getent passwd $user >/dev/null && [ -f $state/written-by-setup ]"
check "remove deletes the class-data archives" [ ! -e $state/cds ]

do_purge
check "purge removes the user" sh -c "! getent passwd $user >/dev/null"
check "purge removes the user's group" sh -c "! getent group $user >/dev/null"
check "purge removes the state" [ ! -e $state ]
check "purge removes the config" [ ! -e /etc/blotre-agent/agent.conf ]
check "purge leaves the spi, i2c and gpio groups" sh -c "getent group spi >/dev/null && getent group i2c >/dev/null && getent group gpio >/dev/null"
