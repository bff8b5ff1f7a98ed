#!/usr/bin/env bash
# Transfer and listing benchmark beside Debian's Pure-FTPd 1.0.50 (issue "Engine performance"):
# the same MD5-crypt user in the same .pdb, the same machine, runs interleaved by
# bench/harness/compare.sh. Needs root (pure-ftpd switches to the users'
# uid), the pure-ftpd package, and a built distribution (run/target/plugftpd).
#
# usage: bench/transfer-bench.sh [ROUNDS] [SECONDS]   (figures on stdout; raw JSON lines in the work dir)
# environment: ONLY=<regex>       run only the scenarios whose label matches
#              VERIFY_QUEUE=N, VERIFY_WAIT=S   plugftpd.auth.puredb's verifyQueue/verifyWait
#              PLUG_JAVA_OPTS=...  extra JVM options for plugftpd (e.g. -Dplugftpd.hash.libsodium=false)
# User "cheap" = MD5-crypt ($1$, what bench/harness/README.md's Pure-FTPd figures used).
# Also prints the JVM's largest heap after a GC (-Xlog:gc) over the whole run, to set beside
# verifyMemory, and its peak RSS.
set -euo pipefail

ROUNDS=${1:-3}
SECONDS_PER_RUN=${2:-20}
REPO=$(cd "$(dirname "$0")/.." && pwd)
BENCH=$REPO/bench/harness
DIST=$REPO/run/target/plugftpd
WORK=$(mktemp -d /var/tmp/plugftpd-transfer-bench.XXXXXX)
PURE_PORT=${PURE_PORT:-2151}
PLUG_PORT=${PLUG_PORT:-2152}
PURE_PID=

cleanup() {
    [ -n "$PURE_PID" ] && kill "$PURE_PID" 2>/dev/null || true
    [ -x "$WORK/plugftpd/bin/plugftpd" ] && "$WORK/plugftpd/bin/plugftpd" stop >/dev/null 2>&1 || true
}
trap cleanup EXIT

[ -x /usr/sbin/pure-ftpd ] || { echo "install Debian's pure-ftpd package first" >&2; exit 1; }
[ -d "$DIST/system" ] || { echo "build the distribution first (mvn -B -DskipTests package)" >&2; exit 1; }
echo "work dir: $WORK"

# the same user for both servers: made by our pw, its hash replaced by an MD5-crypt one
cp -r "$DIST" "$WORK/plugftpd"
rm -f "$WORK/plugftpd/etc/pureftpd.passwd" "$WORK/plugftpd/etc/pureftpd.pdb"
mkdir -p "$WORK/home/cheap"
chown -R nobody:nogroup "$WORK/home"
PW=("$WORK/plugftpd/bin/plugftpd" pw)
printf 'bench\nbench\n' | PLUGFTPD_PW_COST=m=8192,t=1 "${PW[@]}" useradd cheap -f "$WORK/users.passwd" \
    -u nobody -g nogroup -d "$WORK/home/cheap" >/dev/null
md5=$(openssl passwd -1 bench)
sed -i "s|^cheap:[^:]*:|cheap:$md5:|" "$WORK/users.passwd"
pure-pw mkdb "$WORK/users.pdb" -f "$WORK/users.passwd"

# Pure-FTPd cuts max clients to half its passive range: give it 256 ports for 128 clients
/usr/sbin/pure-ftpd -l "puredb:$WORK/users.pdb" -S "127.0.0.1,$PURE_PORT" -p 40000:40255 -c 128 -C 128 -E -j -L 20000:5 \
    >"$WORK/pure-ftpd.log" 2>&1 &
PURE_PID=$!

cat >"$WORK/plugftpd/etc/plugftpd.server.cfg" <<CFG
address=127.0.0.1
port=$PLUG_PORT
passivePorts=40300-40555
anonymous=false
maxClients=128
maxClientsPerIp=0
maxListFiles=20000
CFG
# loopback clients hammering the server are the benchmark, not an attack
rm -f "$WORK/plugftpd/etc/plugftpd.defender.cfg"
{
    echo "file=$WORK/users.pdb"
    [ -n "${VERIFY_QUEUE:-}" ] && echo "verifyQueue=$VERIFY_QUEUE"
    [ -n "${VERIFY_WAIT:-}" ] && echo "verifyWait=$VERIFY_WAIT"
} >"$WORK/plugftpd/etc/plugftpd.auth.puredb.cfg"
JAVA_OPTS="-Xlog:gc:file=$WORK/gc.log ${PLUG_JAVA_OPTS:-}" "$WORK/plugftpd/bin/plugftpd" start >/dev/null
PLUG_PID=$(cat "$WORK/plugftpd/data/plugftpd.pid")
sleep 2

run() { # label ftpload-args...
    local label=$1
    shift
    if [ -n "${ONLY:-}" ] && ! [[ $label =~ $ONLY ]]; then
        return 0
    fi
    echo
    echo "### $label"
    "$BENCH/compare.sh" -r "$ROUNDS" -o "$WORK/raw.jsonl" \
        "pure-ftpd=127.0.0.1:$PURE_PORT:cheap:bench:$PURE_PID" \
        "plugftpd=127.0.0.1:$PLUG_PORT:cheap:bench:$PLUG_PID" -- "$@"
}

run "2,000 x 4 KiB, 1 client" --scenario small --files 2000 --size 4K --clients 1
run "300 x 4 KiB x 16 clients" --scenario small --files 300 --size 4K --clients 16
run "1 GiB up and down" --scenario large --size 1G
run "LIST/MLSD of 10,000 entries" --scenario list --files 10000 --seconds "$SECONDS_PER_RUN"
