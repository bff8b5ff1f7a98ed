#!/usr/bin/env bash
# The project carries everything its tests read: clone the repository's committed state into an
# empty temporary folder (no ../shared beside it) and run the unit tests of the modules that read
# the Pure-FTPd vectors (core.bundle, altlog.bundle, auth.puredb). The integration tests are not run
# again there: the full suite in a clone would double CI time. Offline: the main build cached
# every dependency.
set -euo pipefail

REPO=$(cd "$(dirname "$0")/../../../.." && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/plugftpd-clone.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

git -C "$REPO" rev-parse --git-dir >/dev/null 2>&1 || { echo "FAIL: $REPO is not a git repository" >&2; exit 1; }
git clone -q "$REPO" "$WORK/plugftpd"
[ ! -e "$WORK/shared" ] || { echo "FAIL: $WORK/shared exists" >&2; exit 1; }
cd "$WORK/plugftpd"
if ! mvn -B -o -q -pl core.bundle,altlog.bundle,auth.puredb test >"$WORK/mvn.log" 2>&1; then
    grep -E 'FAIL|ERROR' "$WORK/mvn.log" | head -n 30 >&2
    echo "FAIL: unit tests fail in a fresh clone of $REPO" >&2
    exit 1
fi
echo "ok: unit tests of core.bundle, altlog.bundle and auth.puredb pass in a fresh clone"
