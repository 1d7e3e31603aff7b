# Sourced by the artifact scripts: makes Debian source packages of the machine's own release
# reachable. It never names a mirror: the deb-src entries copy the URIs, suites, components and
# keyrings of the binary sources apt already has.
# shellcheck shell=bash

KIT_APT_OPTS=(-o DPkg::Lock::Timeout=600 -o Acquire::Retries=3)

# Prints the deb-src twin of every enabled deb822 stanza that serves SUITE (comments dropped,
# the Types line replaced, everything else such as a multi-line Signed-By kept verbatim).
kit_deb822_src_stanzas() {
  local suite="$1"; shift
  awk -v suite="$suite" '
    BEGIN { RS = ""; FS = "\n" }
    {
      types = ""; suites = ""; enabled = "yes"; body = ""
      for (i = 1; i <= NF; i++) {
        line = $i
        if (line ~ /^#/) continue
        if (tolower(line) ~ /^types:/) { types = " " substr(line, 7) " "; continue }
        if (tolower(line) ~ /^suites:/) suites = " " substr(line, 8) " "
        if (tolower(line) ~ /^enabled:/) enabled = tolower(substr(line, 9))
        body = body line "\n"
      }
      gsub(/[ \t]+/, " ", types); gsub(/[ \t]+/, " ", suites); gsub(/ /, "", enabled)
      if (types !~ / deb / || enabled == "no") next
      if (suites !~ (" " suite "[ -]")) next
      printf "Types: deb-src\n%s\n", body
    }' "$@"
}

# Prints the deb-src twin of every one-line `deb` entry that serves SUITE.
kit_oneline_src_entries() {
  local suite="$1"; shift
  sed -n -E "s/^[[:space:]]*deb([[:space:]]+(\[[^]]*\][[:space:]]+)?[^[:space:]]+[[:space:]]+${suite}([-/][^[:space:]]*)?[[:space:]].*)$/deb-src\1/p" "$@"
}

# True when apt already knows a deb-src index for SUITE.
kit_has_deb_src() {
  local targets
  # shellcheck disable=SC2016 # $(...) here is apt's field syntax, not the shell's
  targets=$(apt-get indextargets --format '$(CREATED_BY) $(RELEASE)' 2>/dev/null) || return 1
  grep -Eq "^Sources $1(-|$| )" <<<"$targets"
}

# Ensures deb-src for SUITE is configured and its index downloaded.
kit_ensure_deb_src() {
  local suite="$1" target=/etc/apt/sources.list.d/kit-deb-src.sources
  if ! kit_has_deb_src "$suite"; then
    local -a deb822=() oneline=()
    local file
    for file in /etc/apt/sources.list.d/*.sources; do
      [ -f "$file" ] && [ "$file" != "$target" ] && deb822+=("$file")
    done
    for file in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
      [ -f "$file" ] && oneline+=("$file")
    done
    local stanzas="" lines=""
    [ "${#deb822[@]}" -gt 0 ] && stanzas=$(kit_deb822_src_stanzas "$suite" "${deb822[@]}")
    [ "${#oneline[@]}" -gt 0 ] && lines=$(kit_oneline_src_entries "$suite" "${oneline[@]}")
    if [ -z "$stanzas" ] && [ -z "$lines" ]; then
      echo "error: no apt source serves Debian $suite (looked in /etc/apt/sources.list and /etc/apt/sources.list.d)" >&2
      echo "hint: configure a $suite source for apt, then run this script again" >&2
      return 1
    fi
    if [ -n "$stanzas" ]; then
      printf '# managed by kit: deb-src twins of the machine'"'"'s %s sources\n%s\n' "$suite" "$stanzas" >"$target.tmp"
      mv "$target.tmp" "$target"
    fi
    if [ -n "$lines" ]; then
      printf '# managed by kit: deb-src twins of the machine'"'"'s %s sources\n%s\n' "$suite" "$lines" >"${target%.sources}.list.tmp"
      mv "${target%.sources}.list.tmp" "${target%.sources}.list"
    fi
    echo "added deb-src for $suite in ${target%.sources}.*"
    apt-get "${KIT_APT_OPTS[@]}" update -qq
  fi
}

# Installs the named Debian packages when any of them is missing.
kit_apt_install() {
  local missing=() pkg
  for pkg in "$@"; do
    [ "$(dpkg-query -W -f '${Status}' "$pkg" 2>/dev/null)" = 'install ok installed' ] || missing+=("$pkg")
  done
  [ "${#missing[@]}" -eq 0 ] && return 0
  echo "installing ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get "${KIT_APT_OPTS[@]}" install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}
