#!/usr/bin/env bash
# Install Debian's chromium and its chromedriver (Debian 12, as root), for the desk's browser tests
# (tests/test_desk_browser.py drives it with Selenium). Idempotent: does nothing when both are there.
# Nothing is downloaded but Debian packages: Selenium is given /usr/bin/chromedriver itself.
set -euo pipefail

PACKAGES=(chromium chromium-driver)

installed() {
    command -v chromium >/dev/null || return 1
    command -v chromedriver >/dev/null || return 1
    local p
    for p in "${PACKAGES[@]}"; do
        [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" = "install ok installed" ] || return 1
    done
}

if installed; then
    echo "chromium already installed"
else
    start=$(date +%s)
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${PACKAGES[@]}" >/dev/null
    echo "chromium installed in $(($(date +%s) - start)) s"
fi
chromedriver --version
