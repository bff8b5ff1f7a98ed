#!/usr/bin/env bash
# End-to-end smoke test of the packed distribution: unpack, start on free ports, talk FTP and the
# admin channel, stop. Exits non-zero on the first failure; always stops the server it started.
#
# usage: distribution-smoke.sh [plugftpd-<version>.tar.gz]
#   default archive: run/target/plugftpd-*.tar.gz next to this script's module
set -euo pipefail

MODULE_DIR=$(cd "$(dirname "$0")/../../.." && pwd)
ARCHIVE=${1:-$(ls "$MODULE_DIR"/target/plugftpd-*.tar.gz 2>/dev/null | head -n 1)}
[ -f "$ARCHIVE" ] || { echo "FAIL: no distribution archive (build run/ first): ${ARCHIVE:-none}" >&2; exit 1; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/plugftpd-smoke.XXXXXX")
HOME_DIR=
STARTED=false
PASSED=0

cleanup() {
    local status=$?
    if $STARTED; then
        "$HOME_DIR/bin/plugftpd" stop >/dev/null 2>&1 || true
    fi
    if [ "$status" -ne 0 ] && [ -n "$HOME_DIR" ] && [ -f "$HOME_DIR/log/plugftpd.log" ]; then
        echo "--- last lines of log/plugftpd.log ---" >&2
        tail -n 30 "$HOME_DIR/log/plugftpd.log" >&2
    fi
    rm -rf "$WORK"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

fail() {
    echo "FAIL: $*" >&2
    exit 1
}

pass() {
    PASSED=$((PASSED + 1))
    echo "ok: $*"
}

# A free control port, and a free run of 11 ports for passive data connections.
free_ports() {
    python3 - <<'PY'
import random, socket
def free(port):
    s = socket.socket()
    try:
        s.bind(("127.0.0.1", port))
        return True
    except OSError:
        return False
    finally:
        s.close()
for _ in range(200):
    base = random.randint(20000, 60000)
    if all(free(p) for p in range(base, base + 12)):
        print(base, base + 1, base + 11)
        break
else:
    raise SystemExit("no free ports found")
PY
}

# what the archive holds, and with which modes: nothing a running server writes, configuration 0600
listing=$(tar tvzf "$ARCHIVE")
top=$(printf '%s\n' "$listing" | awk '{print $6}' | cut -d/ -f1 | sort -u)
[ "$(printf '%s\n' "$top" | wc -l)" = 1 ] || fail "the archive has more than one top folder: $top"
for unwanted in data/cache data/demo data/plugftpd.pid data/plugftpd.sock etc/pureftpd.passwd etc/pureftpd.pdb \
        log/plugftpd.log log/xferlog; do
    if printf '%s\n' "$listing" | awk '{print $6}' | grep -q "^$top/$unwanted"; then
        fail "the archive holds $unwanted"
    fi
done
[ -z "$(printf '%s\n' "$listing" | grep -v '^[-d]')" ] || fail "the archive holds sockets, links or devices"
mode_of() { printf '%s\n' "$listing" | awk -v p="$top/$1" '$6 == p {print $1}'; }
[ "$(mode_of bin/plugftpd)" = "-rwxr-xr-x" ] || fail "bin/plugftpd mode in the archive: $(mode_of bin/plugftpd)"
[ "$(mode_of etc/plugftpd.server.cfg)" = "-rw-------" ] || fail "etc/plugftpd.server.cfg mode: $(mode_of etc/plugftpd.server.cfg)"
[ "$(mode_of etc/plugftpd.auth.puredb.cfg)" = "-rw-------" ] || fail "etc/plugftpd.auth.puredb.cfg mode"
[ "$(mode_of system/)" = "drwxr-xr-x" ] || fail "system/ mode: $(mode_of system/)"
size=$(stat -c %s "$ARCHIVE")
[ "$size" -lt 40000000 ] || fail "the archive is $size bytes: runtime files got in?"
pass "archive: one top folder, no runtime files, modes kept (bin 0755, etc/*.cfg 0600), $size bytes"

# the build's staging folder refuses to be started (every mvn run empties it)
STAGING=$MODULE_DIR/target/plugftpd
if [ -x "$STAGING/bin/plugftpd" ]; then
    if staging_out=$("$STAGING/bin/plugftpd" start 2>&1); then
        "$STAGING/bin/plugftpd" stop >/dev/null 2>&1 || true
        fail "start in the build's staging folder must refuse: $staging_out"
    fi
    case $staging_out in
        *"staging folder"*"install"*) pass "start in the build's staging folder refused, pointing to install" ;;
        *) fail "staging refusal does not say why: $staging_out" ;;
    esac
fi

tar xzf "$ARCHIVE" -C "$WORK"
HOME_DIR=$(ls -d "$WORK"/plugftpd-*/ | head -n 1)
HOME_DIR=${HOME_DIR%/}
PF=$HOME_DIR/bin/plugftpd
[ -x "$PF" ] || fail "bin/plugftpd is not executable in the archive"
[ "$(stat -c %a "$HOME_DIR/etc/plugftpd.server.cfg")" = 600 ] || fail "unpacked etc/plugftpd.server.cfg is not 0600"
pass "archive unpacked, bin/plugftpd executable, etc/*.cfg 0600"

read -r PORT PASV_FIRST PASV_LAST <<<"$(free_ports)"
sed -i -e "s/^port=.*/port=$PORT/" -e "s/^passivePorts=.*/passivePorts=$PASV_FIRST-$PASV_LAST/" \
    "$HOME_DIR/etc/plugftpd.server.cfg"
# the socket fuzzer below is a hostile client on loopback by design: the defender must not ban it
sed -i -e "s|^allow=.*|allow=127.0.0.0/8|" "$HOME_DIR/etc/plugftpd.defender.cfg"

# started from another directory, through a symlink: the script must find its home by itself
ln -s "$PF" "$WORK/plugftpd-link"
cd /
STARTED=true
start_output=$("$WORK/plugftpd-link" start 2>"$WORK/start.err") || fail "bin/plugftpd start exited non-zero: $start_output $(cat "$WORK/start.err")"
if [ "$(id -u)" -eq 0 ]; then
    grep -q "WARNING: running as root" "$WORK/start.err" || fail "start as root printed no warning: $(cat "$WORK/start.err")"
    grep -q "WARN plugftpd: WARNING: running as root" "$HOME_DIR/log/plugftpd.log" || fail "start as root: no warning in the log"
    pass "start as root warns on the terminal and in the log"
fi
echo "$start_output"
case $start_output in
    *"plugftpd started (pid "*"127.0.0.1:$PORT"*) pass "start reports pid and 127.0.0.1:$PORT" ;;
    *) fail "unexpected start message: $start_output" ;;
esac
[ -f "$HOME_DIR/data/plugftpd.pid" ] || fail "no data/plugftpd.pid after start"
DEMO_PASSWORD=$(printf '%s\n' "$start_output" | sed -n 's/.*login demo, password \([A-Za-z0-9]*\) .*/\1/p')
[ -n "$DEMO_PASSWORD" ] || fail "first start did not announce the demo user: $start_output"
[ -s "$HOME_DIR/etc/pureftpd.passwd" ] && [ -s "$HOME_DIR/etc/pureftpd.pdb" ] || fail "no etc/pureftpd.passwd/.pdb after the first start"
pass "first start made the demo virtual user"
"$PF" start >/dev/null 2>&1 && fail "a second start must refuse while running"
pass "second start refused"

[ -S "$HOME_DIR/data/plugftpd.sock" ] || fail "no admin socket at data/plugftpd.sock"
mode=$(stat -c %a "$HOME_DIR/data/plugftpd.sock")
[ "$mode" = 600 ] || fail "admin socket mode is $mode, expected 600"
pass "admin socket is mode 0600"

[ "$("$PF" client 'echo hello')" = hello ] || fail "client 'echo hello' did not print hello"
[ "$("$PF" client echo two words)" = "two words" ] || fail "client with several words"
pass "client runs one command"

if "$PF" client no-such-command >/dev/null 2>"$WORK/err"; then
    fail "an unknown command must exit non-zero"
fi
grep -q "Command not found" "$WORK/err" || fail "unknown command: no message on stderr"
pass "unknown command exits 1 with its message on stderr"

if "$PF" client ftp:kick abc >/dev/null 2>"$WORK/err"; then
    fail "ftp:kick abc must exit non-zero"
fi
grep -q "usage: ftp:kick <id>" "$WORK/err" && [ "$(wc -l <"$WORK/err")" -le 1 ] \
    || fail "ftp:kick abc: not one usage line: $(cat "$WORK/err")"
pass "ftp:kick abc answers one usage line"

piped=$(printf 'greeting = hi\necho $greeting there\n' | "$PF" client)
[ "$(printf '%s\n' "$piped" | tail -n 1)" = "hi there" ] || fail "stdin session lost its variable: $piped"
pass "commands from stdin share one session"

bundles=$("$PF" client lb) || fail "client lb exited non-zero"
echo "$bundles"
not_active=$(printf '%s\n' "$bundles" | awk -F'|' 'NR > 2 && NF >= 4 && $2 !~ /Active/')
[ -z "$not_active" ] || fail "bundles not Active: $not_active"
printf '%s\n' "$bundles" | grep -q 'plugftpd core' || fail "core bundle missing from lb"
pass "all bundles Active"

listing=$(curl -sS --max-time 20 "ftp://127.0.0.1:$PORT/") || fail "curl could not list ftp://127.0.0.1:$PORT/"
printf '%s\n' "$listing" | grep -q 'README.txt' || fail "anonymous listing lacks README.txt: $listing"
pass "anonymous FTP listing shows README.txt"

curl -sS --max-time 20 "ftp://127.0.0.1:$PORT/README.txt" -o "$WORK/README.txt" || fail "curl could not download README.txt"
cmp -s "$WORK/README.txt" "$HOME_DIR/data/pub/README.txt" || fail "downloaded README.txt differs"
pass "anonymous download"

if curl -sS --max-time 20 -T "$WORK/README.txt" "ftp://127.0.0.1:$PORT/upload.txt" 2>/dev/null; then
    fail "anonymous upload must be refused (anonymousReadOnly=true)"
fi
pass "anonymous upload refused"

# a second installation configured for the same port: start must say its FTP server did not start
mkdir -p "$WORK/second"
tar xzf "$ARCHIVE" -C "$WORK/second"
SECOND=$(ls -d "$WORK"/second/plugftpd-*/ | head -n 1)
SECOND=${SECOND%/}
cp "$HOME_DIR/etc/plugftpd.server.cfg" "$SECOND/etc/plugftpd.server.cfg"
set +e
second_out=$("$SECOND/bin/plugftpd" start 2>&1)
second_status=$?
set -e
"$SECOND/bin/plugftpd" stop >/dev/null 2>&1 || true
[ "$second_status" = 1 ] || fail "start on a taken port exited $second_status: $second_out"
case $second_out in
    *"its FTP server did not start"*"cannot listen on /127.0.0.1:$PORT"*) ;;
    *) fail "start on a taken port did not say why: $second_out" ;;
esac
pass "start on a taken port exits 1 and says why"

"$PF" client ftp:status >/dev/null || fail "client ftp:status exited non-zero"
pass "client ftp:status"
"$PF" status >/dev/null || fail "status must exit 0 while running"
pass "status exits 0 while running"

echo "uploaded by the demo user" >"$WORK/demo.txt"
curl -sS --max-time 60 --user "demo:$DEMO_PASSWORD" -T "$WORK/demo.txt" "ftp://127.0.0.1:$PORT/demo.txt" \
    || fail "curl could not upload as the demo user"
cmp -s "$WORK/demo.txt" "$HOME_DIR/data/demo/demo.txt" || fail "the demo user's upload did not land in data/demo"
if curl -sS --max-time 60 --user "demo:wrong$DEMO_PASSWORD" "ftp://127.0.0.1:$PORT/" >/dev/null 2>&1; then
    fail "the demo user logged in with a wrong password"
fi
pass "demo virtual user: upload into data/demo, wrong password refused"

# the shipped xferlog instance logs that upload as Pure-FTPd would (the line may take a moment)
for _ in $(seq 1 40); do
    grep -q " $HOME_DIR/data/demo/demo.txt b _ i r demo ftp 1 \* c$" "$HOME_DIR/log/xferlog" 2>/dev/null && break
    sleep 0.25
done
grep -q " $HOME_DIR/data/demo/demo.txt b _ i r demo ftp 1 \* c$" "$HOME_DIR/log/xferlog" \
    || fail "log/xferlog has no line for the demo upload: $(cat "$HOME_DIR/log/xferlog" 2>&1)"
pass "log/xferlog records the upload"

users=$("$PF" pw list x -f "$HOME_DIR/etc/pureftpd.passwd") || fail "bin/plugftpd pw list failed"
[ "$users" = "demo	$HOME_DIR/data/demo/./	plugftpd demo user" ] || fail "pw list: $users"
"$PF" pw show demo -f "$HOME_DIR/etc/pureftpd.passwd" | grep -q '^Login              : demo$' || fail "pw show demo"
pass "bin/plugftpd pw list/show"

listing=$(lftp -c "set net:max-retries 1; set net:timeout 20; open -u anonymous,smoke@example.org -p $PORT 127.0.0.1; cls -1") \
    || fail "lftp could not list the anonymous area"
[ "$listing" = "README.txt" ] || fail "lftp listing: $listing"
lftp -c "set net:max-retries 1; set net:timeout 20; open -u anonymous,smoke@example.org -p $PORT 127.0.0.1; get README.txt -o $WORK/README-lftp.txt" \
    || fail "lftp could not download README.txt"
cmp -s "$WORK/README-lftp.txt" "$HOME_DIR/data/pub/README.txt" || fail "lftp's README.txt differs"
pass "lftp lists and downloads"

# hostile input on the control connection: no hang, no session left behind, bounded memory, no
# server exception in the log (FUZZ_INPUTS for a longer run, FUZZ_SEED to replay one)
python3 "$MODULE_DIR/src/test/e2e/socket-fuzz.py" --home "$HOME_DIR" --port "$PORT" \
    --inputs "${FUZZ_INPUTS:-100000}" --seed "${FUZZ_SEED:-$RANDOM}" || fail "socket fuzzing"
pass "socket fuzzer: ${FUZZ_INPUTS:-100000} hostile inputs"

# install DIR: refused while the installation runs; a fresh one is a full copy with modes
"$PF" install "$HOME_DIR" >/dev/null 2>&1 && fail "install onto itself must refuse"
mkdir -p "$WORK/pristine"
tar xzf "$ARCHIVE" -C "$WORK/pristine"
PRISTINE=$(ls -d "$WORK"/pristine/plugftpd-*/ | head -n 1)
"${PRISTINE%/}/bin/plugftpd" install "$WORK/copy" >/dev/null || fail "install into a new folder failed"
[ -x "$WORK/copy/bin/plugftpd" ] && [ "$(stat -c %a "$WORK/copy/etc/plugftpd.server.cfg")" = 600 ] \
    || fail "install did not keep the modes"
"$WORK/copy/bin/plugftpd" install "$HOME_DIR" >"$WORK/out" 2>&1 && fail "install over a running server must refuse: $(cat "$WORK/out")"
grep -q "is running in" "$WORK/out" || fail "install over a running server: $(cat "$WORK/out")"
pass "install copies with modes, refuses over a running server"

# the core bundle stopped (the admin channel goes with it): status and who say so in one line
core_id=$("$PF" client lb | awk -F'|' '/plugftpd core/ {gsub(/ /, "", $1); print $1}')
[ -n "$core_id" ] || fail "no core bundle id in lb"
"$PF" client "stop $core_id" >/dev/null 2>&1 || true
set +e
status_out=$("$PF" status 2>&1); status_rc=$?
who_out=$("$PF" who 2>&1); who_rc=$?
set -e
[ "$status_rc" -ne 0 ] || fail "status exited 0 with the core bundle stopped: $status_out"
[ "$(printf '%s\n' "$status_out" | wc -l)" = 1 ] || fail "status with the core stopped is not one line: $status_out"
[ "$who_rc" -ne 0 ] && [ "$(printf '%s\n' "$who_out" | wc -l)" = 1 ] || fail "who with the core stopped: $who_rc $who_out"
case $status_out$who_out in
    *"admin channel is closed"*"admin channel is closed"*) ;;
    *) fail "status and client disagree with the core stopped: $status_out / $who_out" ;;
esac
if printf '%s\n%s\n' "$status_out" "$who_out" | grep -q $'\e\['; then fail "ANSI escapes in bin/plugftpd output"; fi
pass "core bundle stopped: status and who exit non-zero with one line ($status_out)"

"$PF" stop || fail "bin/plugftpd stop exited non-zero"
STARTED=false
[ ! -e "$HOME_DIR/data/plugftpd.pid" ] || fail "pid file left after stop"
[ ! -e "$HOME_DIR/data/plugftpd.sock" ] || fail "admin socket left after stop"
set +e
"$PF" status >/dev/null
status=$?
set -e
[ "$status" = 3 ] || fail "status after stop exited $status, expected 3"
"$PF" client lb >/dev/null 2>"$WORK/err" && fail "client must fail when the server is stopped"
grep -q "plugftpd is not running" "$WORK/err" || fail "client: no 'not running' message"
pass "stopped: no pid file, no socket, status 3, client says not running"

# an update of a stopped installation keeps its users, uploads and configuration
"$WORK/copy/bin/plugftpd" install "$HOME_DIR" >/dev/null || fail "install over a stopped installation failed"
[ -s "$HOME_DIR/etc/pureftpd.passwd" ] && [ -f "$HOME_DIR/data/demo/demo.txt" ] \
    && grep -q "^port=$PORT" "$HOME_DIR/etc/plugftpd.server.cfg" || fail "an update lost etc/ or data/"
pass "install over a stopped installation keeps etc/ and data/"

echo "distribution smoke test passed ($PASSED checks)"

bash "$MODULE_DIR/src/test/e2e/fresh-clone.sh" || exit 1
