#!/usr/bin/env bash
# What the test suites drive for real, made present before `npm test` (and by .ci/run):
# PostgreSQL at 127.0.0.1:5432 for the PostgreSQL suite; Debian's Chromium for browser tests;
# ffmpeg, sox and pocketsphinx for the audio intake path (pocketsphinx-en-us and flite for the English
# path); poppler-utils for scanned PDF pages; catdoc for .doc/.wps uploads (and its xls2csv for .xls/.et); CJK fonts for generated OCR pages and PDF review records. Idempotent and quick when all is there.
# Installing needs root and Debian's apt; without them it only reports what is missing.
set -uo pipefail

DEBIAN_PACKAGES=(chromium ffmpeg sox pocketsphinx pocketsphinx-en-us flite poppler-utils catdoc fonts-wqy-zenhei fonts-noto-cjk)
say() { printf '[test-prerequisites] %s\n' "$*" >&2; }
can_install() { [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; }

missing=()
for p in "${DEBIAN_PACKAGES[@]}" postgresql; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  if can_install; then
    say "installing from Debian: ${missing[*]}"
    apt-get update -qq >/dev/null 2>&1 || true
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null ||
      say "could not install ${missing[*]}; the tests that need them will say so"
  else
    say "missing Debian packages (install them as root): ${missing[*]}"
  fi
fi

if command -v pg_isready >/dev/null 2>&1 && ! pg_isready -h 127.0.0.1 -p 5432 -q; then
  if command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
    say "starting PostgreSQL"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start >/dev/null 2>&1 || true
    for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -p 5432 -q && break; sleep 1; done
  fi
fi
exit 0
