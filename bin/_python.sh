# shellcheck shell=bash
# Shared by bin/setup and bin/test (sourced, not run): find a Python 3.12 or newer, make
# .venv and install the pinned requirements into it. Callers cd to the repository root
# first and run with `set -euo pipefail`.

LM_VENV=.venv
LM_STAMP="$LM_VENV/.lanhmanh-requirements.sha256"

lm_say() { printf '%s\n' "$*" >&2; }

# True when "$1" runs and is Python 3.12 or newer.
lm_python_ok() {
  "$1" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' >/dev/null 2>&1
}

lm_pyenv_root() {
  if command -v pyenv >/dev/null 2>&1; then
    pyenv root 2>/dev/null && return 0
  fi
  printf '%s\n' "${PYENV_ROOT:-$HOME/.pyenv}"
}

# Prints the path of the first Python >= 3.12: python3.13, python3.12, python3 on PATH,
# then pyenv's installed versions, newest first. Fails when there is none.
lm_find_python() {
  local candidate path root
  for candidate in python3.13 python3.12 python3; do
    path=$(command -v "$candidate" 2>/dev/null) || continue
    if lm_python_ok "$path"; then
      printf '%s\n' "$path"
      return 0
    fi
  done
  root=$(lm_pyenv_root)
  # sort -V puts 3.13.0 after 3.12.9; tac turns that into newest first.
  while IFS= read -r path; do
    [ -n "$path" ] || continue
    if lm_python_ok "$path"; then
      printf '%s\n' "$path"
      return 0
    fi
  done < <(
    for candidate in "$root"/versions/3.1[2-9]* "$HOME"/.pyenv/versions/3.1[2-9]*; do
      [ -x "$candidate/bin/python3" ] && printf '%s\n' "$candidate/bin/python3"
    done | sort -uV | tac
  )
  return 1
}

lm_no_python_help() {
  cat >&2 <<'TXT'
Lành Mạnh needs Python 3.12 or newer, and none was found (tried python3.13, python3.12 and
python3 on PATH, then pyenv's versions). Install one, then run this command again:

  Ubuntu 24.04:      sudo apt install python3.12 python3.12-venv
  RHEL 9 and peers:  sudo dnf install python3.12
  Anywhere (pyenv):  pyenv install 3.12
TXT
}

# What the installed packages depend on: the requirements files and the venv's Python.
lm_requirements_hash() {
  {
    cat requirements/*.txt
    "$LM_VENV/bin/python" -c 'import sys; print(sys.version)'
  } | sha256sum | cut -d' ' -f1
}

# Makes .venv if it is missing or broken, and installs requirements/dev.txt into it unless
# the stamp says the same files were installed already.
lm_ensure_venv() {
  local python
  if [ ! -x "$LM_VENV/bin/python" ] || ! lm_python_ok "$LM_VENV/bin/python"; then
    if ! python=$(lm_find_python); then
      lm_no_python_help
      return 1
    fi
    lm_say "Creating $LM_VENV with $("$python" --version 2>&1) ($python)"
    "$python" -m venv --clear "$LM_VENV"
  fi

  local wanted
  wanted=$(lm_requirements_hash)
  if [ -f "$LM_STAMP" ] && [ "$(cat "$LM_STAMP")" = "$wanted" ]; then
    return 0
  fi

  lm_say "Installing requirements/dev.txt into $LM_VENV"
  local pip=("$LM_VENV/bin/python" -m pip --disable-pip-version-check --no-input --quiet)
  # XStatic-Bootstrap is only published as an sdist whose build imports pkg_resources,
  # which setuptools 81 removed: build it with our own setuptools<81, not in isolation.
  "${pip[@]}" install 'setuptools<81' wheel
  local bootstrap
  bootstrap=$(grep -i '^xstatic-bootstrap==' requirements/base.txt)
  "${pip[@]}" install --no-build-isolation "$bootstrap"
  "${pip[@]}" install -r requirements/dev.txt
  printf '%s\n' "$wanted" >"$LM_STAMP"
}

# Writes var/local.env (git-ignored): development mode, a secret key generated once and
# kept on later runs, and LANHMANH_VAR_DIR when one was given, so that `manage.py` works
# in this checkout without exporting anything (lanhmanh/settings.py reads the file; the
# environment wins over it). Needs Python for the key: "$1" or python3.
lm_write_local_env() {
  local python=${1:-python3} file=var/local.env key=""
  mkdir -p var
  if [ -f "$file" ]; then
    key=$(sed -n 's/^LANHMANH_SECRET_KEY=//p' "$file" | tail -n 1)
  fi
  if [ -z "$key" ]; then
    key=$("$python" -c 'import secrets; print(secrets.token_urlsafe(50))')
  fi
  {
    echo "# Written by bin/setup for this checkout: development settings, never production."
    echo "LANHMANH_DEBUG=1"
    echo "LANHMANH_SECRET_KEY=$key"
    if [ -n "${LANHMANH_VAR_DIR:-}" ]; then
      echo "LANHMANH_VAR_DIR=$(cd "$LANHMANH_VAR_DIR" 2>/dev/null && pwd || echo "$LANHMANH_VAR_DIR")"
    fi
  } >"$file.tmp"
  chmod 600 "$file.tmp"
  mv "$file.tmp" "$file"
}
