# Sourced by boot-test.sh once systemd runs in the throwaway root with blotre-server installed
# (its unit enabled by the package, started at boot): the real server under the unit's JVM flags
# and sandbox, its database through an upgrade, a remove, a reinstall and a purge.
# shellcheck shell=sh disable=SC2154 # unit, work and the helpers come from boot-test.sh

state=/var/lib/blotre-server
# The ids of the streams the server lists (R1 needs no authorization): a database made afresh has
# other ids.
stream_ids() { curl -fsS "$(server_url)/v0/api/stream" | grep -o '"id":"[0-9a-f]*"' | sort | tr '\n' ' '; }
process_has() { in_boot grep -q "^$1" "/proc/$(prop MainPID)/status"; }
dpkg_in_boot() { in_boot env PATH=/usr/sbin:/usr/bin:/sbin:/bin dpkg "$@" >/dev/null; }

check "the package's unit starts the server at boot" await 120 server_started_after 0
check "its pages answer at $(server_url)" curl -fsS -o /dev/null "$(server_url)/"
check "it runs as blotre-server" [ "$(in_boot stat -c %U "/proc/$(prop MainPID)")" = blotre-server ]
check "with no capabilities" process_has "CapEff:[[:space:]]*0000000000000000$"
check "and no new privileges" process_has "NoNewPrivs:[[:space:]]*1$"
check "under a seccomp system-call filter" process_has "Seccomp:[[:space:]]*2$"
check "its database is in the state directory, for its eyes only" \
  [ "$(in_boot stat -c '%a %U' "$state/blotre-server.db")" = "600 blotre-server" ]
echo "server $(in_boot grep VmRSS "/proc/$(prop MainPID)/status" | tr -s ' \t' ' ') after start"

check "sudo blotre-server user add works while the server runs" \
  in_boot sh -c 'echo "correct horse battery" | blotre-server user add alice >/dev/null'
ids=$(stream_ids)
check "the server lists streams to recognise its data by" [ -n "$ids" ]

# A container image's policy-rc.d (this host's may have one) forbids maintainer scripts to start
# services; a real system has none, and this root is a throwaway copy.
in_boot rm -f /usr/sbin/policy-rc.d
in_boot sh -c 'dpkg-deb -R /check/blotre-server.deb /tmp/next \
  && sed -i "s/^Version: .*/&+next/" /tmp/next/DEBIAN/control \
  && dpkg-deb -b /tmp/next /check/next.deb >/dev/null'
before=$(server_starts)
dpkg_in_boot -i /check/next.deb
check "an upgrade restarts the server" await 120 server_started_after "$before"
check "and its data survives the upgrade" [ "$(stream_ids)" = "$ids" ]

dpkg_in_boot -r blotre-server
check "remove stops the server" [ "$(prop ActiveState)" != active ]
check "and keeps its database" in_boot test -s "$state/blotre-server.db"
before=$(server_starts)
dpkg_in_boot -i /check/next.deb
check "installing it again starts the server" await 120 server_started_after "$before"
check "with the data it had" [ "$(stream_ids)" = "$ids" ]

# HTTPS from PEM files as openssl and certbot write them, under the unit's sandbox. docs/server.md
# hands certbot's root-only files over with LoadCredential=, which this namespace cannot test: its
# credentials directory stays unreadable to the service user even for a unit with no sandbox at
# all. So the files here are readable by the service's group instead.
in_boot sh -c 'mkdir -m 0750 /etc/blotre-server/tls && cd /etc/blotre-server/tls \
  && openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 \
    -subj /CN=localhost -addext subjectAltName=IP:127.0.0.1 -keyout privkey.pem -out fullchain.pem 2>/dev/null \
  && chmod 0640 privkey.pem fullchain.pem && chgrp -R blotre-server . \
  && printf "tls-cert = /etc/blotre-server/tls/fullchain.pem\ntls-key = /etc/blotre-server/tls/privkey.pem\n" \
    >>/etc/blotre-server/server.conf'
before=$(server_starts)
in_boot systemctl restart "$unit"
check "with tls-cert and tls-key in server.conf it serves HTTPS" await 120 server_started_after "$before"
tls_url=$(server_journal | sed -n "s/^Blot're server serving at \(https:[^ ]*\)\$/\1/p" | tail -n 1)
in_boot cat /etc/blotre-server/tls/fullchain.pem >"$work/test-tls.pem"
check "a client trusting the certificate gets its page at $tls_url" \
  curl -fsS -o /dev/null --cacert "$work/test-tls.pem" "$tls_url/"

in_boot systemctl stop "$unit"
check "a stop ends cleanly (SuccessExitStatus=143)" [ "$(prop Result)" = success ]
dpkg_in_boot -P blotre-server
check "purge deletes the database" in_boot test ! -e "$state"
