#!/usr/bin/env bash
# Installs what xtape needs, idempotently, on Debian 12.
#   1. system packages from the machine's own apt sources (root or sudo);
#   2. pinned header-only deps (xtensor 0.25, xtl 0.7.7, xsimd 13.2, Catch2 3.7.1) from trixie /
#      bookworm-backports into .deps/usr, via a private apt state: the system's sources are never touched;
#   3. Catch2 built with em++ (-fwasm-exceptions) into .deps/wasm-catch2-weh for the WASM test run;
#   4. npm packages (playwright-core) when package.json asks for them.
# Usage: scripts/bootstrap.sh [--no-system] [--no-wasm-catch2] [--bench]   (--bench: + libopenblas-dev)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEPS="$ROOT/.deps"
WITH_SYSTEM=1
WITH_WASM_CATCH2=1
WITH_BENCH=0
for arg in "$@"; do
  case "$arg" in
    --no-system) WITH_SYSTEM=0 ;;
    --bench) WITH_BENCH=1 ;;
    --no-wasm-catch2) WITH_WASM_CATCH2=0 ;;
    *) echo "bootstrap: unknown option '$arg'" >&2; exit 2 ;;
  esac
done
log() { printf 'bootstrap: %s\n' "$*"; }

# ---------------------------------------------------------------------------------------------
# 1. System packages (bookworm main only).
# fonts-wqy-microhei: a CJK font, so that headless Chromium renders the Chinese page (screenshots).
SYSTEM_PKGS=(emscripten cmake ninja-build g++ make wabt chromium dataset-fashion-mnist zlib1g-dev clang-format fonts-wqy-microhei clang-14 libclang-rt-14-dev python3-numpy)
[[ $WITH_BENCH == 1 ]] && SYSTEM_PKGS+=(libopenblas-dev)
if [[ $WITH_SYSTEM == 1 ]]; then
  missing=()
  for p in "${SYSTEM_PKGS[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  # The vendor nodejs package ships npm and conflicts with Debian's npm: ask for npm only if absent.
  command -v npm >/dev/null || missing+=(npm)
  if ((${#missing[@]})); then
    SUDO=""; [[ $(id -u) == 0 ]] || SUDO="sudo"
    log "installing system packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get install -y --no-install-recommends "${missing[@]}" \
      || { $SUDO apt-get update && $SUDO apt-get install -y --no-install-recommends "${missing[@]}"; }
  else
    log "system packages present"
  fi
fi

# ---------------------------------------------------------------------------------------------
# 2. Pinned .debs into .deps/usr, sha256-checked.
PINS=(
  "libxtensor-dev=0.25.0-2 c2e0e4602c968d6dee441a09f536cfe7d1fc00938a84fa6637d7e886ce306e21"
  "libxsimd-dev=13.2.0-1 60878acfc02bfca76e8c31d53a1b9fdff490c319e53f620f4327c9786eaf631f"
  "xtl-dev=0.7.7-1 1ac50215055cd36e6dc5efbd1c1873db936cdfa1670e3ea584d2fac8b106c805"
  "libcatch2-dev=3.7.1-0.4~bpo12+1 1dbb62ed9f177e1cf51e573903cc553241764bd3b6655f5a98889ad361d008dc"
)
CATCH2_SRC_PIN="catch2=3.7.1-0.4~bpo12+1"
STAMP="$DEPS/usr/.pins"
pins_text="$(printf '%s\n' "${PINS[@]}")"

mirror() {
  if [[ -n "${DEBIAN_MIRROR:-}" ]]; then echo "$DEBIAN_MIRROR"; return; fi
  local m=""
  if [[ -f /etc/apt/sources.list.d/debian.sources ]]; then
    m="$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources)"
  fi
  if [[ -z "$m" && -f /etc/apt/sources.list ]]; then
    m="$(awk '$1=="deb" && $0 !~ /security/ { for (i=2;i<=NF;i++) if ($i ~ /^https?:/) { print $i; exit } }' /etc/apt/sources.list)"
  fi
  [[ -n "$m" ]] || { echo "bootstrap: no Debian mirror found in /etc/apt; set DEBIAN_MIRROR" >&2; exit 1; }
  echo "$m"
}

APT_OPTS=()
private_apt() {
  local state="$DEPS/apt"
  mkdir -p "$state/lists/partial" "$state/cache/archives/partial" "$state/etc"
  local m; m="$(mirror)"
  cat >"$state/etc/sources.list" <<SRC
deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $m trixie main
deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $m bookworm-backports main
deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $m bookworm-backports main
SRC
  APT_OPTS=(-o "Dir::State::Lists=$state/lists" -o "Dir::Etc::SourceList=$state/etc/sources.list"
            -o "Dir::Etc::SourceParts=/nonexistent" -o "Dir::Cache=$state/cache"
            -o "Dir::State::status=/var/lib/dpkg/status" -o "APT::Sandbox::User=root")
  if [[ ! -f "$state/.updated" ]]; then
    log "updating private apt lists (trixie, bookworm-backports)"
    apt-get "${APT_OPTS[@]}" update -qq
    touch "$state/.updated"
  fi
}

if [[ -f "$STAMP" && "$(cat "$STAMP")" == "$pins_text" ]]; then
  log "pinned headers present in .deps/usr"
else
  private_apt
  mkdir -p "$DEPS/debs" "$DEPS/usr"
  for pin in "${PINS[@]}"; do
    spec="${pin% *}"; sum="${pin#* }"; name="${spec%%=*}"
    deb="$(ls "$DEPS/debs/${name}_"*.deb 2>/dev/null | head -1 || true)"
    if [[ -z "$deb" ]] || ! echo "$sum  $deb" | sha256sum -c --quiet - 2>/dev/null; then
      rm -f "$DEPS/debs/${name}_"*.deb
      (cd "$DEPS/debs" && apt-get "${APT_OPTS[@]}" download -qq "$spec")
      deb="$(ls "$DEPS/debs/${name}_"*.deb | head -1)"
    fi
    echo "$sum  $deb" | sha256sum -c --quiet - || { echo "bootstrap: sha256 mismatch for $spec" >&2; exit 1; }
    dpkg-deb -x "$deb" "$DEPS"
    log "unpacked $spec"
  done
  printf '%s' "$pins_text" >"$STAMP"
fi

# ---------------------------------------------------------------------------------------------
# 3. Catch2 for WASM (same EH mode as the WASM tests: -fwasm-exceptions, single thread).
WASM_CATCH2="$DEPS/wasm-catch2-weh"
if [[ $WITH_WASM_CATCH2 == 1 ]]; then
  if [[ -f "$WASM_CATCH2/lib/cmake/Catch2/Catch2Config.cmake" ]]; then
    log "wasm Catch2 present"
  elif command -v emcmake >/dev/null; then
    src="$DEPS/src/Catch2-3.7.1"
    if [[ ! -d "$src" ]]; then
      private_apt
      mkdir -p "$DEPS/src"
      (cd "$DEPS/src" && apt-get "${APT_OPTS[@]}" source --download-only -qq "$CATCH2_SRC_PIN" && tar xzf catch2_3.7.1.orig.tar.gz)
    fi
    log "building Catch2 with em++ (takes 1-3 minutes)"
    NODE_PATH=/usr/share/nodejs emcmake cmake -S "$src" -B "$DEPS/build/wasm-catch2-weh" -G Ninja \
      -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_FLAGS=-fwasm-exceptions -DCMAKE_INSTALL_PREFIX="$WASM_CATCH2" \
      -DCATCH_INSTALL_DOCS=OFF -DCATCH_INSTALL_EXTRAS=ON -DBUILD_TESTING=OFF >/dev/null
    cmake --build "$DEPS/build/wasm-catch2-weh" -j"$(nproc)" >/dev/null
    cmake --install "$DEPS/build/wasm-catch2-weh" >/dev/null
    rm -rf "$DEPS/build/wasm-catch2-weh"
  else
    log "emcmake not found: skipping wasm Catch2"
  fi
fi

# ---------------------------------------------------------------------------------------------
# 4. npm packages from package-lock.json, all for development: uPlot (the page's charts, copied
#    into build/vendor for the package), playwright-core (drives Debian's Chromium in the tests;
#    never `playwright install`) and Vite (the bundler an author would use, for the package test).
if [[ -f "$ROOT/package-lock.json" ]] &&
   [[ ! -f "$ROOT/node_modules/.package-lock.json" || "$ROOT/package-lock.json" -nt "$ROOT/node_modules/.package-lock.json" ]]; then
  log "installing npm packages"
  (cd "$ROOT" && npm ci --no-audit --no-fund --ignore-scripts)
else
  log "npm packages present"
fi
log "done"
