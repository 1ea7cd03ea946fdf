#!/usr/bin/env bash
# Measures blotre-agent as the service runs it, against a local emulator (--control):
#   footprint  steady-state RSS (VmRSS) and CPU time (utime+stime) of `run --mock`, sampled from
#              /proc once a second for a minute after a warm-up
#   startup    time from launching `run --mock` to its first successful push, median of several
#              launches with stored credentials (as after a reboot)
# each without and with an AppCDS archive made by one training run as the launcher makes it: on
# JDK 17 the JVM writes a dynamic archive when it stops (-XX:ArchiveClassesAtExit); from JDK 21 it
# lists the classes it loads (-XX:DumpLoadedClassList) and -Xshare:dump makes a static archive.
# The first launch is authorized through the emulator's control API (POST /_emulator/redeem with
# the code the agent logs); the push times come from the emulator's request log.
# The JVM flags, the environment and the command come from systemd/blotre-agent.service, the one
# source of truth for them, fitted to the JVM by the package launcher's own jvm_flags function
# (deploy/src/bin/blotre-agent), as the service gets them; the unit's state and runtime directories
# become scratch directories. The JVM is $JAVA_HOME/bin/java when JAVA_HOME is set, as in the
# launcher.
#
# Usage: bench/measure-agent.sh [footprint|startup|all]        (default all)
# Build first: mvn -B -q -DskipTests package
# Settings (environment): WARMUP_SECONDS=30 MEASURE_SECONDS=60 INTERVAL_SECONDS=5 STARTUP_RUNS=5
# FOOTPRINT_RUNS=1 (footprint with the archive, repeated: its spread);
# EXTRA_JAVA_OPTS are added after the unit's flags, to try a flag before changing the unit.
set -euo pipefail

mode=${1:-all}
warmup_seconds=${WARMUP_SECONDS:-30}
measure_seconds=${MEASURE_SECONDS:-60}
interval_seconds=${INTERVAL_SECONDS:-5}
startup_runs=${STARTUP_RUNS:-5}
footprint_runs=${FOOTPRINT_RUNS:-1}

repo=$(cd "$(dirname "$0")/.." && pwd)
unit=$repo/systemd/blotre-agent.service
agent_jar=$repo/agent/target/blotre-agent.jar
emulator_jar=$repo/server/target/blotre-server.jar
# The commented config file the package installs; --server and --interval override its values.
agent_conf=$repo/agent/src/main/dist/agent.conf
launcher=$repo/deploy/src/bin/blotre-agent
java=java
if [[ -n ${JAVA_HOME:-} ]]; then
  java=$JAVA_HOME/bin/java
fi

die() {
  echo "measure-agent: $*" >&2
  exit 1
}

case $mode in
  footprint | startup | all) ;;
  *) die "unknown mode '$mode'; use footprint, startup or all" ;;
esac
for file in "$unit" "$agent_jar" "$emulator_jar" "$agent_conf" "$launcher"; do
  [[ -f $file ]] || die "$file is missing (build with: mvn -B -q -DskipTests package)"
done
command -v curl >/dev/null || die "curl is needed to talk to the emulator"

work=$(mktemp -d)
emulator_pid=
agent_pid=
cleanup() {
  for pid in "$agent_pid" "$emulator_pid"; do
    if [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
      wait "$pid" 2>/dev/null || true
    fi
  done
  rm -rf "$work"
}
trap cleanup EXIT

# --- The unit: JAVA_OPTS, other Environment= variables, ExecStart's arguments --------------------
# Prints the values of a [Service] key, one per line, without the quotes systemd allows around them.
unit_values() {
  sed -n "s/^$1=//p" "$unit" | sed 's/^"\(.*\)"$/\1/'
}

java_opts=
agent_env=()
while IFS= read -r assignment; do
  case $assignment in
    JAVA_OPTS=*) java_opts=${assignment#JAVA_OPTS=} ;;
    *=*) agent_env+=("$assignment") ;;
  esac
done < <(unit_values Environment)
[[ -n $java_opts ]] || die "no Environment=\"JAVA_OPTS=...\" line in $unit"

# ExecStart=/usr/bin/blotre-agent run: the launcher runs `java $JAVA_OPTS ... <arguments>`.
exec_start=$(unit_values ExecStart)
read -r -a exec_start_words <<<"$exec_start"
[[ ${#exec_start_words[@]} -ge 2 && ${exec_start_words[0]} == */blotre-agent ]] \
  || die "ExecStart in $unit is not '/usr/bin/blotre-agent <command>...': $exec_start"
agent_command=("${exec_start_words[@]:1}")

state_dir=/var/lib/$(unit_values StateDirectory)
mkdir -p "$work/state" "$work/run"
# The status file goes to the unit's runtime directory, as under systemd, not beside the config.
agent_env+=("RUNTIME_DIRECTORY=$work/run")
java_opts=${java_opts//"$state_dir"/"$work/state"}
# The launcher's jvm_flags (it reads $java and $JAVA_OPTS) drops or adds the flags of this JVM, and
# its java_feature tells which kind of class-data archive the launcher makes for it.
eval "$(sed -n '/^java_feature() {$/,/^}$/p; /^jvm_flags() {$/,/^}$/p' "$launcher")"
[[ $(type -t jvm_flags) == function && $(type -t java_feature) == function ]] \
  || die "no jvm_flags or java_feature function in $launcher"
java_opts="$(JAVA_OPTS=$java_opts jvm_flags) ${EXTRA_JAVA_OPTS:-}"
# JAVA_OPTS is a list of flags, split on whitespace as systemd splits $JAVA_OPTS.
read -r -a agent_flags <<<"$java_opts"

# --- BlotreServer ------------------------------------------------------------------------------------
# Every request is logged with a millisecond timestamp: the push times come from there, not from
# polling, so measuring does not disturb what is measured.
EMULATOR_LOG_LEVEL=DEBUG java -jar "$emulator_jar" --in-memory --port 0 --control \
  >"$work/emulator.out" 2>"$work/emulator.log" &
emulator_pid=$!

# Waits up to $2 seconds for the extended regex $1 in file $3; prints the first matching line.
await_line() {
  local pattern=$1 seconds=$2 file=$3 deadline
  deadline=$((SECONDS + seconds))
  until grep -Eq -- "$pattern" "$file" 2>/dev/null; do
    ((SECONDS < deadline)) || return 1
    sleep 0.05
  done
  grep -E -m1 -- "$pattern" "$file"
}

await_line 'serving at http' 60 "$work/emulator.out" >/dev/null \
  || die "the emulator did not start: $(cat "$work/emulator.log")"
server=$(sed -n 's/.*serving at \(http[^ ]*\).*/\1/p' "$work/emulator.out" | head -1)

# --- Agent ---------------------------------------------------------------------------------------
# Starts `java <unit flags> <extra flags> -jar blotre-agent.jar <unit command> --mock ...`.
start_agent() {
  : >"$work/agent.log"
  env "${agent_env[@]}" "$java" "${agent_flags[@]}" "$@" -jar "$agent_jar" "${agent_command[@]}" \
    --mock --server "$server" --config "$agent_conf" --creds "$work/state/creds.json" \
    --interval "$interval_seconds" >>"$work/agent.log" 2>&1 &
  agent_pid=$!
}

stop_agent() {
  kill -TERM "$agent_pid"
  wait "$agent_pid" || true
  agent_pid=
}

# Milliseconds since local midnight, the clock of the emulator's log timestamps.
ms_of_day() { # HH:MM:SS.mmm
  local h m s ms
  IFS=':.' read -r h m s ms <<<"$1"
  echo $(((10#$h * 3600 + 10#$m * 60 + 10#$s) * 1000 + 10#$ms))
}

# A push sets a stream's color: PUT /v0/api/stream (with a status) or POST .../status, answered
# 200 or 201.
push_line='(PUT /v0/api/stream|POST /v0/api/stream/[^ ]+/status) -> 20[01] '

# Waits for the first push logged at or after $1 (HH:MM:SS.mmm); prints milliseconds from $1 to it.
await_push_after() {
  local since deadline line at elapsed
  since=$(ms_of_day "$1")
  deadline=$((SECONDS + 120))
  while ((SECONDS < deadline)); do
    while read -r line; do
      at=$(ms_of_day "${line%% *}")
      elapsed=$(((at - since + 86400000) % 86400000))
      if ((elapsed < 43200000)); then
        echo "$elapsed"
        return 0
      fi
    done < <(grep -E -- "$push_line" "$work/emulator.log" || true)
    kill -0 "$agent_pid" 2>/dev/null || die "the agent exited: $(cat "$work/agent.log")"
    sleep 0.05
  done
  die "no push within 120 s; agent log: $(cat "$work/agent.log")"
}

# First run: the agent creates its disposable app and logs the one-time code; the control API
# redeems it as user demo, as if the user had entered it on the redeem page and pressed Allow.
authorize_agent() {
  local line code
  line=$(await_line 'code [A-Za-z0-9]{8}\b' 60 "$work/agent.log") \
    || die "the agent logged no one-time code: $(cat "$work/agent.log")"
  code=$(grep -oE 'code [A-Za-z0-9]{8}\b' <<<"$line" | head -1)
  code=${code#code }
  curl -fsS -H 'Content-Type: application/json' \
    -d "{\"code\":\"$code\",\"user\":\"demo\"}" "$server/_emulator/redeem" >/dev/null
}

median() {
  sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

# Fields 14 and 15 of /proc/PID/stat, utime and stime, counted after the command name (which may
# hold spaces).
cpu_ticks() {
  local stat fields
  stat=$(<"/proc/$agent_pid/stat")
  read -r -a fields <<<"${stat##*) }"
  echo $((fields[11] + fields[12]))
}

status_kb() { # VmRSS, RssAnon...
  sed -n "s/^$1:[[:space:]]*\([0-9]*\) kB/\1/p" "/proc/$agent_pid/status"
}

# Runs the agent with the given extra JVM flags until its first push, lets it warm up, then samples
# its RSS and CPU time once a second for $measure_seconds.
measure_footprint() {
  local started_at ticks first_ticks previous_ticks window_start idle_seconds=0 rss_samples=() i
  started_at=$(date +%H:%M:%S.%3N)
  start_agent "$@"
  await_push_after "$started_at" >/dev/null
  sleep "$warmup_seconds"
  first_ticks=$(cpu_ticks)
  previous_ticks=$first_ticks
  window_start=$EPOCHREALTIME
  for ((i = 0; i < measure_seconds; i++)); do
    sleep 1
    ticks=$(cpu_ticks)
    ((ticks == previous_ticks)) && idle_seconds=$((idle_seconds + 1))
    previous_ticks=$ticks
    rss_samples+=("$(status_kb VmRSS)")
  done
  printf '%s\n' "${rss_samples[@]}" | awk '
    { sum += $1; if (NR == 1 || $1 < min) min = $1; if ($1 > max) max = $1 }
    END { printf "  VmRSS   min %.1f MiB, mean %.1f MiB, max %.1f MiB\n", min / 1024, sum / NR / 1024, max / 1024 }'
  echo "          RssAnon $(($(status_kb RssAnon) / 1024)) MiB, RssFile $(($(status_kb RssFile) / 1024)) MiB," \
    "$(sed -n 's/^Threads:[[:space:]]*//p' "/proc/$agent_pid/status") threads (last sample)"
  awk -v t=$((previous_ticks - first_ticks)) -v hz="$(getconf CLK_TCK)" -v from="$window_start" \
    -v to="$EPOCHREALTIME" -v readings=$((measure_seconds / interval_seconds)) 'BEGIN {
      printf "  CPU     %.2f s per minute, %d readings and pushes in the window\n", t / hz * 60 / (to - from), readings }'
  echo "          seconds without a single CPU tick: $idle_seconds of $measure_seconds"
  stop_agent
}

# Launches the agent $startup_runs times with the given extra JVM flags and stops it after its
# first push; prints the median and each run's milliseconds from launch to push.
measure_startup() {
  local run started_at times=()
  for ((run = 1; run <= startup_runs; run++)); do
    started_at=$(date +%H:%M:%S.%3N)
    start_agent "$@"
    times+=("$(await_push_after "$started_at")")
    stop_agent
    # The next run's push must come after this one's in the log, even within a millisecond.
    sleep 0.01
  done
  echo "  median $(printf '%s\n' "${times[@]}" | median) ms (runs: ${times[*]})"
}

echo "machine: $(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
echo "java:    $("$java" -version 2>&1 | head -2 | tail -1)"
echo "load:    $(cut -d' ' -f1-3 /proc/loadavg)"
echo "flags:   ${agent_env[*]} $java_opts"
echo "agent:   ${agent_command[*]} --mock --interval $interval_seconds (emulator at $server)"

# Authorization, once: later runs start with the stored credentials, as the service does.
started_at=$(date +%H:%M:%S.%3N)
start_agent
authorize_agent
await_push_after "$started_at" >/dev/null
stop_agent

# AppCDS training run: the classes loaded up to the first push and one reading more go into the
# archive.
archive=$work/agent.jsa
started_at=$(date +%H:%M:%S.%3N)
if (($(java_feature) >= 21)); then
  start_agent -XX:DumpLoadedClassList="$work/agent.classlist"
else
  start_agent -XX:ArchiveClassesAtExit="$archive" -Xlog:cds=off
fi
await_push_after "$started_at" >/dev/null
sleep "$interval_seconds"
stop_agent
if (($(java_feature) >= 21)); then
  env "${agent_env[@]}" "$java" "${agent_flags[@]}" -Xshare:dump \
    -XX:SharedClassListFile="$work/agent.classlist" -XX:SharedArchiveFile="$archive" \
    -cp "$agent_jar" >"$work/dump.log" 2>&1 || die "no archive: $(tail "$work/dump.log")"
fi
[[ -s $archive ]] || die "the training run made no archive: $(cat "$work/agent.log")"
echo "AppCDS:  $(($(stat -c %s "$archive") / 1024 / 1024)) MiB archive from one training run"

if [[ $mode != startup ]]; then
  echo
  echo "== footprint: first push, warm-up ${warmup_seconds} s, then ${measure_seconds} s sampled every second"
  echo "without AppCDS:"
  measure_footprint
  for ((run = 1; run <= footprint_runs; run++)); do
    echo "with AppCDS (run $run of $footprint_runs, load $(cut -d' ' -f1-3 /proc/loadavg)):"
    measure_footprint -XX:SharedArchiveFile="$archive"
  done
fi

if [[ $mode != footprint ]]; then
  echo
  echo "== start-up: launch of run --mock to its first push on the emulator, $startup_runs runs each"
  echo "without AppCDS:"
  measure_startup
  echo "with AppCDS:"
  measure_startup -XX:SharedArchiveFile="$archive"
fi
