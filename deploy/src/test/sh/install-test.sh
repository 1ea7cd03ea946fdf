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
for group in spi gpio; do
  check "user in group $group" sh -c "id -nG $user | tr ' ' '\n' | grep -qx $group"
done
check "state directory 0700 owned by the user" [ "$(mode_owner $state)" = "700 $user:$user" ]
check "default config installed" [ -f /etc/blotre-agent/agent.conf ]
check "service not enabled before setup" [ ! -e /etc/systemd/system/multi-user.target.wants/blotre-agent.service ]

# A stand-in JVM records who runs it and with which arguments, and writes into the state
# directory as `setup` would.
fake=/tmp/fake-jdk
mkdir -p "$fake/bin"
cat >"$fake/bin/java" <<'JAVA'
#!/bin/sh
echo "user=$(id -un) groups=$(id -nG) args=$*"
if [ "$(id -u)" -ne 0 ]; then : >/var/lib/blotre-agent/written-by-setup; fi
JAVA
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

do_install
check "reinstalling over itself works and keeps the state" [ -f $state/written-by-setup ]

echo '# edited by the admin' >>/etc/blotre-agent/agent.conf
do_remove
check "remove deletes the launcher" [ ! -e /usr/bin/blotre-agent ]
check "remove keeps the edited config" grep -q 'edited by the admin' /etc/blotre-agent/agent.conf
check "remove keeps the user and its credentials" sh -c "getent passwd $user >/dev/null && [ -f $state/written-by-setup ]"

do_purge
check "purge removes the user" sh -c "! getent passwd $user >/dev/null"
check "purge removes the user's group" sh -c "! getent group $user >/dev/null"
check "purge removes the state" [ ! -e $state ]
check "purge removes the config" [ ! -e /etc/blotre-agent/agent.conf ]
check "purge leaves the spi and gpio groups" sh -c "getent group spi >/dev/null && getent group gpio >/dev/null"
