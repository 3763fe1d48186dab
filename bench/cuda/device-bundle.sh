#!/usr/bin/env bash
# Packs this machine's build of arbiter for the GPU host (Ubuntu 24.04, no -dev packages there):
# the binary plus every shared library it needs that is not glibc's or the compiler's own, and
# strace with its libraries (for measuring what the CUDA driver asks of the sandbox).
# Usage: bench/cuda/device-bundle.sh BUILD_DIR OUT_DIR; on the host:
#   mkdir -p /opt/arbiter && tar -C /opt/arbiter -xJf OUT_DIR/OUT_DIR.tar.xz && /opt/arbiter/install.sh
set -euo pipefail
build=${1:?build dir}; out=${2:?output dir}
rm -rf "$out"; mkdir -p "$out/lib" "$out/bin"
cp "$build/src/cli/arbiter" "$out/bin/"
strip "$out/bin/arbiter"  # debug info would overflow what travels (64 MiB)
# The Python contestant; its libpython3.so forwarder is built on the host for the host's Python
# (scripts/python-forwarder.sh, run by install.sh), since the GPU host's Python is another version.
if [[ -x $build/src/cli/arbiter-python-contestant ]]; then
  cp "$build/src/cli/arbiter-python-contestant" "$out/bin/" && strip "$out/bin/arbiter-python-contestant"
  cp "$(dirname "$0")/../../scripts/python-forwarder.sh" "$out/"
fi
skip='^(libc|libm|libstdc\+\+|libgcc_s|ld-linux-x86-64|libpthread|libdl|librt|linux-vdso)\.'
for bin in "$build/src/cli/arbiter" $(ls "$build/src/cli/arbiter-python-contestant" 2>/dev/null) /usr/bin/strace; do
  ldd "$bin" | awk '/=> \//{print $3}' | grep -v 'libpython' | while read -r lib; do
    name=$(basename "$lib")
    [[ $name =~ $skip ]] || cp -L "$lib" "$out/lib/$name"
  done
done
cp /usr/bin/strace "$out/bin/"
cat > "$out/install.sh" <<'SH'
#!/usr/bin/env bash
# Installs the carried libraries that the host lacks (never replacing its own) where the
# contestant's read-only /usr bind can see them, and refreshes the loader cache.
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p /usr/local/lib/arbiter
for f in "$here"/lib/*; do
  b=$(basename "$f")
  ldconfig -p | grep -q " $b " || cp "$f" /usr/local/lib/arbiter/
done
echo /usr/local/lib/arbiter > /etc/ld.so.conf.d/zz-arbiter.conf
ldconfig
if [[ -x $here/bin/arbiter-python-contestant ]]; then
  "$here/python-forwarder.sh" "${ARBITER_PYTHON:-python3}" "$here/bin/arbiter-python-lib"
fi
SH
chmod +x "$out/install.sh"
# What travels to the host is limited (64 MiB): ship one compressed archive.
tar -C "$out" -cJf "$out.tar.xz" bin lib install.sh $(cd "$out" && ls python-forwarder.sh 2>/dev/null)
rm -rf "$out"; mkdir -p "$out"; mv "$out.tar.xz" "$out/"
du -sh "$out"
