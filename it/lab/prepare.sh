#!/bin/sh
# Prepares the qemu kernel lab: installs qemu, busybox and cpio, fetches Debian's kernel package
# (which has kprobes, unlike the host kernel) and builds an initramfs that shares the host's root
# read-only into the guest and runs one command there. Safe to run again: finished steps are skipped.
#
# Usage: it/lab/prepare.sh            (prints the path of the lab's env file on success)
# Env:   JBPFTRACE_LAB_DIR            cache folder, default /var/cache/jbpftrace-lab; it must not
#                                     be under /tmp, which the guest covers with a tmpfs
set -eu

LAB_DIR=${JBPFTRACE_LAB_DIR:-/var/cache/jbpftrace-lab}
HERE=$(cd "$(dirname "$0")" && pwd)
# The 9p transport and its dependencies, in load order (measured: see /work/shared/kernel-lab.md),
# then zram (a swap device in memory, for the swapin tool's check).
MODULES="virtio_ring virtio virtio_pci_modern_dev virtio_pci_legacy_dev virtio_pci netfs fscache 9pnet 9pnet_virtio 9p overlay zsmalloc zram"

die() { echo "prepare.sh: $*" >&2; exit 1; }
log() { echo "prepare.sh: $*" >&2; }

case "$LAB_DIR" in /tmp|/tmp/*) die "JBPFTRACE_LAB_DIR=$LAB_DIR is under /tmp, which the guest hides behind a tmpfs";; esac
[ "$(id -u)" = 0 ] || die "must run as root (apt-get install, and qemu reads the whole root file system)"
command -v apt-get >/dev/null || die "apt-get not found: the lab needs a Debian-like host"

install_packages() {
    missing=
    command -v qemu-system-x86_64 >/dev/null || missing="$missing qemu-system-x86"
    [ -x /bin/busybox ] && /bin/busybox --list 2>/dev/null | grep -qx insmod || missing="$missing busybox-static"
    command -v cpio >/dev/null || missing="$missing cpio"
    [ -z "$missing" ] && return 0
    log "installing$missing"
    export DEBIAN_FRONTEND=noninteractive
    # A stale package index is the usual reason an install fails; refresh once and retry.
    apt-get install -y -q --no-install-recommends $missing >"$LAB_DIR/apt.log" 2>&1 \
        || { apt-get update -q >>"$LAB_DIR/apt.log" 2>&1; apt-get install -y -q --no-install-recommends $missing >>"$LAB_DIR/apt.log" 2>&1; } \
        || die "cannot install$missing (see $LAB_DIR/apt.log)"
    # busybox-static must be a static binary: the initramfs has no libc.
    file_is_static /bin/busybox || die "/bin/busybox is not statically linked; install busybox-static"
}

# ldd fails on binaries that have no dynamic loader.
file_is_static() { ! ldd "$1" >/dev/null 2>&1; }

# linux-image-amd64 is a metapackage; the versioned image it depends on is the real kernel.
kernel_package() {
    pkg=$(apt-cache depends linux-image-amd64 2>/dev/null | sed -n 's/^ *Depends: \(linux-image-[0-9][^ ]*-amd64\)$/\1/p' | head -n1)
    [ -n "$pkg" ] || { apt-get update -q >/dev/null 2>&1 || true
        pkg=$(apt-cache depends linux-image-amd64 2>/dev/null | sed -n 's/^ *Depends: \(linux-image-[0-9][^ ]*-amd64\)$/\1/p' | head -n1); }
    [ -n "$pkg" ] || die "cannot resolve the kernel package from 'apt-cache depends linux-image-amd64'"
    echo "$pkg"
}

fetch_kernel() {
    pkg=$1
    tree="$LAB_DIR/$pkg"
    [ -f "$tree/.extracted" ] && return 0
    mkdir -p "$LAB_DIR/deb"
    if ! ls "$LAB_DIR/deb/${pkg}_"*.deb >/dev/null 2>&1; then
        log "downloading $pkg"
        (cd "$LAB_DIR/deb" && apt-get download -q "$pkg" >"$LAB_DIR/download.log" 2>&1) \
            || { apt-get update -q >/dev/null 2>&1; (cd "$LAB_DIR/deb" && apt-get download -q "$pkg" >>"$LAB_DIR/download.log" 2>&1); } \
            || die "cannot download $pkg (see $LAB_DIR/download.log)"
    fi
    rm -rf "$tree"
    dpkg -x "$LAB_DIR/deb/${pkg}_"*.deb "$tree" || die "cannot unpack $pkg"
    touch "$tree/.extracted"
}

# Copies the 9p modules (decompressed, so busybox insmod can load them) and the init script.
build_initramfs() {
    tree=$1 out=$2
    kver=$(ls "$tree/lib/modules")
    root="$LAB_DIR/initramfs.work"
    rm -rf "$root"
    mkdir -p "$root/bin" "$root/modules" "$root/proc" "$root/sys" "$root/dev" "$root/host"
    cp /bin/busybox "$root/bin/busybox"
    : >"$root/modules/order"
    for m in $MODULES; do
        ko=$(find "$tree/lib/modules/$kver" -name "$m.ko*" | head -n1)
        if [ -z "$ko" ]; then
            grep -q "/$m.ko" "$tree/lib/modules/$kver/modules.builtin" 2>/dev/null \
                || die "module $m is neither in $kver's modules nor built in"
            continue
        fi
        case "$ko" in
            *.ko.xz) xz -dc "$ko" >"$root/modules/$m.ko" ;;
            *.ko.zst) zstd -qdc "$ko" >"$root/modules/$m.ko" ;;
            *.ko.gz) gzip -dc "$ko" >"$root/modules/$m.ko" ;;
            *) cp "$ko" "$root/modules/$m.ko" ;;
        esac
        echo "$m" >>"$root/modules/order"
    done
    cp "$HERE/init" "$root/init"
    chmod 755 "$root/init"
    (cd "$root" && find . | cpio -o -H newc --quiet | gzip -1) >"$out.new"
    mv "$out.new" "$out"
    rm -rf "$root"
}

mkdir -p "$LAB_DIR" || die "cannot create $LAB_DIR"
# Parallel runs each call this script; one prepares while the others wait.
exec 9>"$LAB_DIR/.lock"
flock 9 || die "cannot lock $LAB_DIR/.lock"
install_packages
pkg=$(kernel_package)
fetch_kernel "$pkg"
tree="$LAB_DIR/$pkg"
kernel=$(ls "$tree"/boot/vmlinuz-* | head -n1)
[ -f "$kernel" ] || die "no boot/vmlinuz-* in $pkg"
grep -q '^CONFIG_KPROBES=y' "$tree"/boot/config-* || die "$pkg has no CONFIG_KPROBES"

initrd="$LAB_DIR/initramfs-$pkg.cpio.gz"
# Rebuilt whenever the init script or this script changes.
if [ ! -f "$initrd" ] || [ "$HERE/init" -nt "$initrd" ] || [ "$HERE/prepare.sh" -nt "$initrd" ]; then
    log "building $initrd"
    build_initramfs "$tree" "$initrd"
fi

env="$LAB_DIR/lab.env"
printf 'LAB_KERNEL=%s\nLAB_INITRD=%s\nLAB_PACKAGE=%s\n' "$kernel" "$initrd" "$pkg" >"$env.new"
mv "$env.new" "$env"
echo "$env"
