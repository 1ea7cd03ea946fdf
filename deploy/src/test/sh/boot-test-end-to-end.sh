# Sourced by boot-test.sh once systemd runs in the throwaway root with both packages installed (the
# server started at boot, the agent not yet set up): a person's first commands, as README's "Run
# your own Blot're server" gives them. The server gets its first user; `sudo blotre-agent setup`
# finds the server, shows a code that the person redeems on the server's pages (signed in, as in a
# browser) and saves the server's URL in agent.conf; the agent's service then reads its sensor (the
# mock one: there is no SPI here) and its color shows on the server's stream page.
# shellcheck shell=sh disable=SC2154 # work and the helpers come from boot-test.sh

agent=blotre-agent.service
conf=/etc/blotre-agent/agent.conf
agent_prop() { in_boot systemctl show -P "$1" "$agent"; }
# The value of the first form field named $2 on the page in file $1.
form_field() { grep -o "name=\"$2\" value=\"[^\"]*\"" "$1" | head -n 1 | cut -d'"' -f4; }
# A request of a person's browser: cookies kept, redirects not followed; prints the HTTP status.
browse() { curl -sS -b "$work/cookies" -c "$work/cookies" -o "$work/page" -w '%{http_code}' "$@"; }

check "the server starts at boot" await 120 server_started_after 0
url=$(server_url)
check "sudo blotre-server user add alice" \
  in_boot sh -c 'echo "correct horse battery" | blotre-server user add alice >/dev/null'

# The admin keeps the agent's config from other users; setup must keep that.
in_boot chgrp blotre-agent "$conf"
in_boot chmod 0640 "$conf"
in_boot blotre-agent setup --server "$url" </dev/null >"$work/setup.out" 2>&1 &
setup_pid=$!
code_shown() { grep -q 'enter the code [^ ]* (' "$work/setup.out"; }
check "sudo blotre-agent setup --server $url shows a code" await 60 code_shown
code=$(sed -n 's/.*enter the code \([^ ]*\) (.*/\1/p' "$work/setup.out" | head -n 1)

browse "$url/login" >/dev/null
check "alice signs in at /login" [ "$(browse --data-urlencode name=alice \
  --data-urlencode 'password=correct horse battery' --data-urlencode redirect=/ \
  --data-urlencode "csrfToken=$(form_field "$work/page" csrfToken)" "$url/login")" = 303 ]
browse "$url/v0/oauth2/redeem" >/dev/null
check "and enters the code on the redeem page" [ "$(browse --data-urlencode "code=$code" \
  --data-urlencode "csrfToken=$(form_field "$work/page" csrfToken)" "$url/v0/oauth2/redeem")" = 200 ]
check "which asks her to allow blotre-agent" grep -q '<span id="app-name">blotre-agent</span>' "$work/page"
check "she allows it" [ "$(browse --data-urlencode response_type=disposable \
  --data-urlencode "client_id=$(form_field "$work/page" client_id)" \
  --data-urlencode "extra_data=$(form_field "$work/page" extra_data)" \
  --data-urlencode "csrfToken=$(form_field "$work/page" csrfToken)" --data-urlencode action=allow \
  "$url/v0/oauth2/authorize")" = 303 ]

setup_status=0
wait "$setup_pid" || setup_status=$?
sed 's/^/setup: /' "$work/setup.out"
check "setup ends well once the code is redeemed" [ "$setup_status" -eq 0 ]
check "it saved the server's URL in $conf" in_boot grep -qx "url = $url" "$conf"
check "which keeps its owner, group and mode" [ "$(in_boot stat -c '%a %U:%G' "$conf")" = "640 root:blotre-agent" ]
check "and nothing is left beside it" [ -z "$(in_boot find /etc/blotre-agent -mindepth 1 ! -name agent.conf)" ]
stream=$(sed -n 's/^  \([^ ]*\)  (sensor Plant)$/\1/p' "$work/setup.out")
check "it names the stream it will write" [ "$stream" = alice/plant ]

in_boot mkdir -p "/etc/systemd/system/$agent.d"
in_boot sh -c "cat >/etc/systemd/system/$agent.d/mock.conf" <<'UNIT'
[Service]
ExecStart=
ExecStart=/usr/bin/blotre-agent run --mock
UNIT
in_boot systemctl daemon-reload
in_boot systemctl enable --now "$agent" >/dev/null 2>&1
pushed() { agent_prop StatusText | grep -q '; last push '; }
check "the agent reads its sensor and pushes to the server" await 120 pushed
color=$(agent_prop StatusText | sed -n 's/^Plant [0-9]*% \(#[0-9a-f]\{6\}\).*/\1/p')
echo "agent: $(agent_prop StatusText)"
curl -fsS -o "$work/stream" "$url/s/$stream"
check "the server's page of $stream shows its color $color" grep -q "data-color=\"$color\"" "$work/stream"
