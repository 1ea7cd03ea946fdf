#!/bin/sh
# Installs blotre-agent from a source checkout, for systems that do not take the .deb: the same
# files in the same places as the package, and the package's own postinst/postrm for the user,
# groups, state directory and systemd. Safe to run again (an upgrade restarts a running service).
#
#   sudo deploy/install.sh [--jar PATH/blotre-agent.jar]   install or upgrade (lib/ next to the jar)
#   sudo deploy/install.sh --uninstall [--purge]           remove; --purge also removes the
#                                                          config, the credentials and the user
set -eu

here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
jar=$repo/agent/target/blotre-agent.jar
action=install
purge=no

usage() {
  sed -n 's/^#   //p' "$0" >&2
  exit 2
}

while [ "$#" -gt 0 ]; do
  case "$1" in
    --jar)
      [ "$#" -ge 2 ] || usage
      jar=$2
      shift 2
      ;;
    --uninstall) action=uninstall; shift ;;
    --purge) purge=yes; shift ;;
    -h | --help) usage ;;
    *) echo "install.sh: unknown argument: $1" >&2; usage ;;
  esac
done
if [ "$purge" = yes ] && [ "$action" != uninstall ]; then
  echo "install.sh: --purge only goes with --uninstall" >&2
  exit 2
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "install.sh: run as root (sudo $0)" >&2
  exit 1
fi
if dpkg-query -W -f '${Status}' blotre-agent 2>/dev/null | grep -q 'ok installed'; then
  echo "install.sh: blotre-agent is installed as a Debian package; upgrade or remove it with apt" >&2
  exit 1
fi

share=/usr/share/blotre-agent
unit=blotre-agent.service

# Runs one of the package's maintainer scripts; deb-systemd-helper acts only when it looks called
# from dpkg.
maintscript() {
  name=$1
  shift
  DPKG_MAINTSCRIPT_PACKAGE=blotre-agent DPKG_MAINTSCRIPT_NAME=$name sh "$here/src/deb/control/$name" "$@"
}

if [ "$action" = uninstall ]; then
  if [ -d /run/systemd/system ]; then
    systemctl disable --now "$unit" 2>/dev/null || true
  fi
  rm -rf "$share"
  rm -f /usr/bin/blotre-agent "/usr/lib/systemd/system/$unit"
  if [ "$purge" = yes ]; then
    rm -rf /etc/blotre-agent
    maintscript postrm purge
    echo "blotre-agent removed, with its configuration, credentials and user."
  else
    maintscript postrm remove
    echo "blotre-agent removed; /etc/blotre-agent and /var/lib/blotre-agent are kept (--purge removes them)."
  fi
  exit 0
fi

if [ ! -f "$jar" ] || [ ! -d "$(dirname "$jar")/lib" ]; then
  echo "install.sh: no $jar with a lib/ folder next to it; build it first: mvn -B -DskipTests package" >&2
  exit 1
fi
if ! command -v java >/dev/null 2>&1; then
  echo "install.sh: no java on the PATH; install a Java 17+ runtime: sudo apt install default-jre-headless" >&2
  exit 1
fi

upgrade=
[ -f "$share/blotre-agent.jar" ] && upgrade=hand-installed

# lib/ is replaced as a whole so that jars of an older version do not linger on the classpath.
rm -rf "${share:?}/lib"
install -d -m 0755 "$share/lib"
install -m 0644 "$jar" "$share/blotre-agent.jar"
install -m 0644 "$(dirname "$jar")"/lib/*.jar "$share/lib/"
install -D -m 0755 "$here/src/bin/blotre-agent" /usr/bin/blotre-agent
install -D -m 0644 "$repo/systemd/$unit" "/usr/lib/systemd/system/$unit"
# The admin's edits win, as with a conffile.
if [ ! -e /etc/blotre-agent/agent.conf ]; then
  install -D -m 0644 "$repo/agent/src/main/dist/agent.conf" /etc/blotre-agent/agent.conf
fi

maintscript postinst configure "$upgrade"

if [ -n "$upgrade" ]; then
  echo "blotre-agent upgraded; a running service was restarted."
else
  echo "blotre-agent installed. Next: sudo blotre-agent setup, then sudo systemctl enable --now blotre-agent"
fi
