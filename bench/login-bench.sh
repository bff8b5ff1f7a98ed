#!/usr/bin/env bash
# Login benchmark of auth.puredb beside Debian's Pure-FTPd 1.0.50: the same .pdb, the same machine,
# runs interleaved by bench/harness/compare.sh. Needs root (pure-ftpd switches to the users'
# uid), the pure-ftpd package, and a built distribution (run/target/plugftpd).
#
# usage: bench/login-bench.sh [ROUNDS] [SECONDS]   (figures on stdout; raw JSON lines in the work dir)
# environment: ONLY=<regex>       run only the scenarios whose label matches
#              VERIFY_QUEUE=N, VERIFY_WAIT=S   plugftpd.auth.puredb's verifyQueue/verifyWait
#              PLUG_JAVA_OPTS=...  extra JVM options for plugftpd (e.g. -Dplugftpd.hash.libsodium=false)
# Users: "argon" = argon2id m=8 MiB, t=255 (pure-pw's default cost on this kind of machine),
#        "cheap" = MD5-crypt ($1$, what bench/harness/README.md's Pure-FTPd figures used).
# Also prints the JVM's largest heap after a GC (-Xlog:gc) over the whole run, to set beside
# verifyMemory, and its peak RSS.
set -euo pipefail

ROUNDS=${1:-3}
SECONDS_PER_RUN=${2:-20}
REPO=$(cd "$(dirname "$0")/.." && pwd)
BENCH=$REPO/bench/harness
DIST=$REPO/run/target/plugftpd
WORK=$(mktemp -d /var/tmp/plugftpd-login-bench.XXXXXX)
PURE_PORT=${PURE_PORT:-2141}
PLUG_PORT=${PLUG_PORT:-2142}
PURE_PID=

cleanup() {
    [ -n "$PURE_PID" ] && kill "$PURE_PID" 2>/dev/null || true
    [ -x "$WORK/plugftpd/bin/plugftpd" ] && "$WORK/plugftpd/bin/plugftpd" stop >/dev/null 2>&1 || true
}
trap cleanup EXIT

[ -x /usr/sbin/pure-ftpd ] || { echo "install Debian's pure-ftpd package first" >&2; exit 1; }
[ -d "$DIST/system" ] || { echo "build the distribution first (mvn -B -DskipTests package)" >&2; exit 1; }
echo "work dir: $WORK"

# the same users for both servers: our pw for argon2id, openssl for MD5-crypt
cp -r "$DIST" "$WORK/plugftpd"
rm -f "$WORK/plugftpd/etc/pureftpd.passwd" "$WORK/plugftpd/etc/pureftpd.pdb"
mkdir -p "$WORK/home/argon" "$WORK/home/cheap"
chown -R nobody:nogroup "$WORK/home"
PW=("$WORK/plugftpd/bin/plugftpd" pw)
printf 'bench\nbench\n' | PLUGFTPD_PW_COST=m=8192,t=255 "${PW[@]}" useradd argon -f "$WORK/users.passwd" \
    -u nobody -g nogroup -d "$WORK/home/argon" >/dev/null
printf 'bench\nbench\n' | PLUGFTPD_PW_COST=m=8192,t=1 "${PW[@]}" useradd cheap -f "$WORK/users.passwd" \
    -u nobody -g nogroup -d "$WORK/home/cheap" >/dev/null
md5=$(openssl passwd -1 bench)
sed -i "s|^cheap:[^:]*:|cheap:$md5:|" "$WORK/users.passwd"
pure-pw mkdb "$WORK/users.pdb" -f "$WORK/users.passwd"

# Pure-FTPd cuts max clients to half its passive range: give it 256 ports for 128 clients
/usr/sbin/pure-ftpd -l "puredb:$WORK/users.pdb" -S "127.0.0.1,$PURE_PORT" -p 40000:40255 -c 128 -C 128 -E -j \
    >"$WORK/pure-ftpd.log" 2>&1 &
PURE_PID=$!

cat >"$WORK/plugftpd/etc/plugftpd.server.cfg" <<CFG
address=127.0.0.1
port=$PLUG_PORT
passivePorts=40300-40555
anonymous=false
maxClients=128
CFG
{
    echo "file=$WORK/users.pdb"
    [ -n "${VERIFY_QUEUE:-}" ] && echo "verifyQueue=$VERIFY_QUEUE"
    [ -n "${VERIFY_WAIT:-}" ] && echo "verifyWait=$VERIFY_WAIT"
} >"$WORK/plugftpd/etc/plugftpd.auth.puredb.cfg"
JAVA_OPTS="-Xlog:gc:file=$WORK/gc.log ${PLUG_JAVA_OPTS:-}" "$WORK/plugftpd/bin/plugftpd" start >/dev/null
PLUG_PID=$(cat "$WORK/plugftpd/data/plugftpd.pid")
sleep 2

run() { # user label ftpload-args...
    local user=$1 label=$2
    shift 2
    if [ -n "${ONLY:-}" ] && ! [[ $label =~ $ONLY ]]; then
        return 0
    fi
    echo
    echo "### $label"
    "$BENCH/compare.sh" -r "$ROUNDS" -o "$WORK/raw.jsonl" \
        "pure-ftpd=127.0.0.1:$PURE_PORT:$user:bench:$PURE_PID" \
        "plugftpd=127.0.0.1:$PLUG_PORT:$user:bench:$PLUG_PID" -- --scenario login "$@"
}

run argon "argon2id m=8 MiB t=255, 8 clients" --clients 8 --seconds "$SECONDS_PER_RUN" --timeout-ms 120000
run argon "argon2id m=8 MiB t=255, 64 clients" --clients 64 --seconds "$SECONDS_PER_RUN" --timeout-ms 120000
run cheap "MD5-crypt, 8 clients" --clients 8 --seconds "$SECONDS_PER_RUN"
run cheap "MD5-crypt, 64 clients" --clients 64 --seconds "$SECONDS_PER_RUN"

echo
echo "### plugftpd memory over the whole run"
grep -o '[0-9]*M->[0-9]*M([0-9]*M)' "$WORK/gc.log" | sed 's/.*->\([0-9]*\)M.*/\1/' | sort -n | tail -n 1 \
    | sed 's/^/largest heap after a GC: /; s/$/ MiB/'
grep VmHWM "/proc/$PLUG_PID/status" | sed 's/^/JVM peak RSS /'
