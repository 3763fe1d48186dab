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
skip='^(libc|libm|libstdc\+\+|libgcc_s|ld-linux-x86-64|libpthread|libdl|librt|linux-vdso)\.'
for bin in "$build/src/cli/arbiter" /usr/bin/strace; do
  ldd "$bin" | awk '/=> \//{print $3}' | while read -r lib; do
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
SH
chmod +x "$out/install.sh"
# What travels to the host is limited (64 MiB): ship one compressed archive.
tar -C "$out" -cJf "$out.tar.xz" bin lib install.sh
rm -rf "$out"; mkdir -p "$out"; mv "$out.tar.xz" "$out/"
du -sh "$out"
