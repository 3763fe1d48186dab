#pragma once
// The GPU's device files a CUDA process opens read-write (/dev/nvidiactl, /dev/nvidia0,
// /dev/nvidia-uvm, …): what a box that may use the GPU must grant. Empty on a host without one.
#include <string>
#include <vector>

namespace arbiter::sandbox {
std::vector<std::string> nvidia_device_nodes();
// What the driver reads besides /proc/driver/nvidia: its parameters and the device's topology
// (those of /sys/bus/pci, /sys/devices and /sys/module/nvidia this host has).
std::vector<std::string> nvidia_sys_paths();
}
