#!/usr/bin/env python3
"""Socket fuzzer for plugftpd's control connection, run by the end-to-end script against a
started distribution (loopback only).

It sends N fuzzed command lines (FTP commands with hostile arguments, invalid UTF-8, Telnet IAC
sequences, bare CR/LF, NUL, over-long and unterminated lines, pipelined bursts split at random
points, abrupt resets) over many short connections from rotating 127.0.0.x addresses, and fails
(exit 1, with the reason) on any of:
  * a hang: a fresh probe connection does not get its 220 greeting within the time limit;
  * a session left in the table after its socket closed (the scoreboard, read through
    `bin/plugftpd who -s`, must be empty a short while after the last fuzz connection closed);
  * the server's resident memory growing past --max-rss-mib;
  * a server exception in log/plugftpd.log (stack frames, OutOfMemoryError, unchecked exceptions);
  * the server process gone.
Every loop is bounded by a count and by time. Deterministic for a given --seed.
"""
import argparse
import os
import random
import re
import socket
import subprocess
import sys
import threading
import time

COMMANDS = [
    b"USER", b"PASS", b"SYST", b"NOOP", b"FEAT", b"HELP", b"STAT", b"PWD", b"XPWD", b"CWD", b"CDUP",
    b"TYPE", b"MODE", b"STRU", b"PORT", b"EPRT", b"REST", b"SIZE", b"MDTM", b"MLST", b"DELE", b"RMD",
    b"MKD", b"RNFR", b"RNTO", b"SITE", b"OPTS", b"ALLO", b"AUTH", b"PBSZ", b"PROT", b"ABOR", b"ACCT",
    b"SMNT", b"REIN", b"LANG", b"CLNT", b"EPSV", b"PASV", b"NLST", b"LIST", b"MLSD", b"RETR", b"STOR",
    b"APPE", b"STOU", b"XYZZY", b"",
]
# commands that open a data connection: the fuzzer never connects one, so they cost the session a
# data-connection timeout; sent rarely
DATA_COMMANDS = {b"EPSV", b"PASV", b"NLST", b"LIST", b"MLSD", b"RETR", b"STOR", b"APPE", b"STOU"}

ARGUMENTS = [
    b"", b"anonymous", b"ftp", b"demo", b"root", b"x" * 300, b"../../../../etc/passwd", b"/..", b"..",
    b"%s%s%n%n", b"\xc0\xae\xc0\xae/", b"\xff\xfe", b"\xe2\x80\xae", b"\xc2\x9b", b"a\x00b", b"*?*?*?*?*?*?Z",
    b"[a-", b"[!]]", b"-la", b"-R /", b"1,2,3,4,0,21", b"127,0,0,1,0,80", b"|1|127.0.0.1|80|",
    b"|2|::1|21|", b"|9|x|y|", b"99999999999999999999", b"-1", b"UTF8 ON", b"CHMOD 777 /", b"UTIME x",
    b"IDLE 1", b"TLS", b"I", b"A", b"E", b"L 8", b"\xf0\x9f\x92\xa9", b"\"quoted\"", b"a b c",
]
IAC = b"\xff"
TELNET = [IAC + b"\xf4", IAC + b"\xf2", IAC + IAC, IAC + b"\xfb\x01", IAC + b"\xfd\x03", IAC, IAC + b"\xfa"]
ENDINGS = [b"\r\n", b"\r\n", b"\r\n", b"\n", b"\r", b"", b"\r\r\n", b"\n\r"]


def fuzzed_line(rnd):
    """One command line, mutated."""
    command = rnd.choice(COMMANDS)
    if command in DATA_COMMANDS and rnd.random() < 0.9:
        command = b"NOOP"
    if rnd.random() < 0.2:
        command = command.lower()
    argument = rnd.choice(ARGUMENTS)
    line = command + (b" " + argument if argument or rnd.random() < 0.3 else b"")
    roll = rnd.random()
    if roll < 0.15:
        at = rnd.randrange(len(line) + 1)
        line = line[:at] + rnd.choice(TELNET) + line[at:]
    elif roll < 0.30:
        line = bytes(rnd.randrange(256) for _ in range(rnd.randrange(1, 40)))
    elif roll < 0.35:
        line = command + b" " + b"A" * rnd.choice([1000, 2047, 2048, 5000, 70000])
    elif roll < 0.45 and line:
        flips = bytearray(line)
        for _ in range(rnd.randrange(1, 4)):
            flips[rnd.randrange(len(flips))] = rnd.randrange(256)
        line = bytes(flips)
    return line + rnd.choice(ENDINGS)


def connect_from(host, port, source, timeout):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.settimeout(timeout)
    s.bind((source, 0))
    s.connect((host, port))
    return s


def drain(s, seconds):
    """Reads whatever the server sends for a moment; the fuzzer does not check replies."""
    deadline = time.monotonic() + seconds
    got = 0
    while time.monotonic() < deadline:
        s.settimeout(max(0.01, deadline - time.monotonic()))
        try:
            chunk = s.recv(65536)
        except (socket.timeout, BlockingIOError):
            break
        except OSError:
            break
        if not chunk:
            break
        got += len(chunk)
    return got


class Fuzzer:
    def __init__(self, args):
        self.args = args
        self.sent = 0
        self.connections = 0
        self.refused = 0
        self.lock = threading.Lock()
        self.stop = threading.Event()
        self.failure = None

    def take(self, n):
        with self.lock:
            if self.sent >= self.args.inputs:
                return 0
            n = min(n, self.args.inputs - self.sent)
            self.sent += n
            return n

    def worker(self, index):
        rnd = random.Random(self.args.seed * 1000 + index)
        while not self.stop.is_set():
            batch = self.take(rnd.randrange(20, 400))
            if batch == 0:
                return
            source = "127.0.0.%d" % rnd.randrange(10, 250)
            try:
                s = connect_from(self.args.host, self.args.port, source, 5)
            except OSError:
                with self.lock:
                    self.refused += 1
                continue
            with self.lock:
                self.connections += 1
            try:
                data = b"".join(fuzzed_line(rnd) for _ in range(batch))
                pos = 0
                while pos < len(data) and not self.stop.is_set():
                    step = rnd.choice([1, 7, 64, 512, 4096, len(data)])
                    s.settimeout(2)
                    s.sendall(data[pos:pos + step])
                    pos += step
                    if rnd.random() < 0.2:
                        drain(s, 0.01)
                drain(s, 0.05)
                if rnd.random() < 0.3:
                    # abortive close (RST), as a dropped client
                    s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
            except OSError:
                pass  # the server may close a hostile connection at any point
            finally:
                s.close()


def rss_mib(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) // 1024
    return 0


def probe(host, port, timeout):
    """A fresh connection must be greeted with 220 in time."""
    s = connect_from(host, port, "127.0.0.3", timeout)
    try:
        s.settimeout(timeout)
        greeting = b""
        deadline = time.monotonic() + timeout
        while b"\n" not in greeting or not re.search(rb"(^|\n)220 ", greeting):
            if time.monotonic() > deadline:
                raise RuntimeError("no complete 220 greeting within %s s: %r" % (timeout, greeting[:200]))
            chunk = s.recv(4096)
            if not chunk:
                raise RuntimeError("closed before the greeting: %r" % greeting[:200])
            greeting += chunk
        s.sendall(b"QUIT\r\n")
    finally:
        s.close()


def live_sessions(plugftpd):
    out = subprocess.run([plugftpd, "who", "-s"], capture_output=True, text=True, timeout=60)
    if out.returncode != 0:
        raise RuntimeError("bin/plugftpd who -s exited %d: %s" % (out.returncode, out.stderr.strip()))
    return [line for line in out.stdout.splitlines() if line.strip()]


SERVER_TROUBLE = re.compile(r"^\s+at [\w.$]+\(|OutOfMemoryError|NullPointerException|IllegalStateException|"
                            r"IndexOutOfBounds|ClassCastException|StackOverflowError|Exception in thread")


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--home", required=True, help="the distribution folder (bin/, data/, log/)")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--inputs", type=int, default=100000)
    p.add_argument("--threads", type=int, default=8)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--max-seconds", type=int, default=600)
    p.add_argument("--max-rss-mib", type=int, default=768)
    p.add_argument("--probe-seconds", type=float, default=10)
    p.add_argument("--settle-seconds", type=float, default=60,
                   help="how long sessions may take to leave the table after the last connection closed")
    args = p.parse_args()
    if not args.host.startswith("127."):
        sys.exit("socket-fuzz: loopback targets only")
    plugftpd = os.path.join(args.home, "bin", "plugftpd")
    log_file = os.path.join(args.home, "log", "plugftpd.log")
    with open(os.path.join(args.home, "data", "plugftpd.pid")) as f:
        pid = int(f.read().strip())
    log_start = os.path.getsize(log_file) if os.path.exists(log_file) else 0
    rss_before = rss_mib(pid)

    fuzzer = Fuzzer(args)
    threads = [threading.Thread(target=fuzzer.worker, args=(i,), daemon=True) for i in range(args.threads)]
    started = time.monotonic()
    for t in threads:
        t.start()
    peak = rss_before
    problem = None
    while any(t.is_alive() for t in threads):
        time.sleep(1)
        if not os.path.exists("/proc/%d" % pid):
            problem = "the server process %d is gone" % pid
            break
        peak = max(peak, rss_mib(pid))
        if peak > args.max_rss_mib:
            problem = "server RSS %d MiB over the %d MiB bound" % (peak, args.max_rss_mib)
            break
        if time.monotonic() - started > args.max_seconds:
            problem = "the run took longer than %d s" % args.max_seconds
            break
        try:
            probe(args.host, args.port, args.probe_seconds)
        except (OSError, RuntimeError) as e:
            problem = "server did not greet a fresh client during the fuzzing (%d inputs sent): %s" % (fuzzer.sent, e)
            break
    fuzzer.stop.set()
    for t in threads:
        t.join(10)
    elapsed = time.monotonic() - started

    if problem is None:
        try:
            probe(args.host, args.port, args.probe_seconds)
        except (OSError, RuntimeError) as e:
            problem = "server did not greet a fresh client after the fuzzing: %s" % e
    if problem is None:
        deadline = time.monotonic() + args.settle_seconds
        left = live_sessions(plugftpd)
        while left and time.monotonic() < deadline:
            time.sleep(1)
            left = live_sessions(plugftpd)
        if left:
            problem = "%d session(s) still in the table %d s after every fuzz connection closed: %s" % (
                len(left), args.settle_seconds, left[:3])
    if problem is None:
        with open(log_file, "rb") as f:
            f.seek(log_start)
            trouble = [line.decode("utf-8", "replace").rstrip() for line in f
                       if SERVER_TROUBLE.search(line.decode("utf-8", "replace"))]
        if trouble:
            problem = "server exceptions in log/plugftpd.log (%d lines), first: %s" % (len(trouble), trouble[:5])
    print("socket-fuzz: %d inputs on %d connections (%d refused at connect) in %.1f s, seed %d; "
          "server RSS %d MiB before, peak %d MiB" % (fuzzer.sent, fuzzer.connections, fuzzer.refused, elapsed,
                                                   args.seed, rss_before, peak))
    if problem:
        print("socket-fuzz: FAIL: " + problem, file=sys.stderr)
        sys.exit(1)
    if fuzzer.sent < args.inputs:
        print("socket-fuzz: FAIL: only %d of %d inputs sent" % (fuzzer.sent, args.inputs), file=sys.stderr)
        sys.exit(1)
    print("socket-fuzz: passed")


if __name__ == "__main__":
    main()
