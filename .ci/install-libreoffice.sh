#!/usr/bin/env bash
# Install headless LibreOffice Calc and Writer (for the Word report) with Python-UNO, Thai fonts and pdftotext (Debian 12, as root).
# Used by the test harness tests/libreoffice.py. Idempotent: does nothing when all is there.
#
# Why libreoffice-calc and not libreoffice-calc-nogui: the -nogui packages ship no .ui files, and
# LibreOffice then aborts as soon as a document window is shown, so the harness cannot type into
# cells as a clerk does. The full package costs ~26 MB more on disk and stays headless (no X needed).
set -euo pipefail

PACKAGES=(libreoffice-calc libreoffice-writer python3-uno fonts-thai-tlwg poppler-utils)

installed() {
    command -v soffice >/dev/null || return 1
    /usr/bin/python3 -c 'import uno' 2>/dev/null || return 1
    local p
    for p in "${PACKAGES[@]}"; do
        [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" = "install ok installed" ] || return 1
    done
}

if installed; then
    echo "LibreOffice already installed"
else
    start=$(date +%s)
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${PACKAGES[@]}" >/dev/null
    echo "LibreOffice installed in $(($(date +%s) - start)) s"
fi
soffice --version
