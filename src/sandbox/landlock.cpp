#include "sandbox/landlock.hpp"

#include <fcntl.h>
#include <linux/landlock.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "core/error.hpp"

namespace arbiter::sandbox::landlock {
namespace {
// Rights per ABI version (kernel docs: "Landlock: unprivileged access control").
uint64_t fs_rights(int abi) {
  uint64_t r = LANDLOCK_ACCESS_FS_EXECUTE | LANDLOCK_ACCESS_FS_WRITE_FILE | LANDLOCK_ACCESS_FS_READ_FILE |
               LANDLOCK_ACCESS_FS_READ_DIR | LANDLOCK_ACCESS_FS_REMOVE_DIR | LANDLOCK_ACCESS_FS_REMOVE_FILE |
               LANDLOCK_ACCESS_FS_MAKE_CHAR | LANDLOCK_ACCESS_FS_MAKE_DIR | LANDLOCK_ACCESS_FS_MAKE_REG |
               LANDLOCK_ACCESS_FS_MAKE_SOCK | LANDLOCK_ACCESS_FS_MAKE_FIFO | LANDLOCK_ACCESS_FS_MAKE_BLOCK |
               LANDLOCK_ACCESS_FS_MAKE_SYM;
  if (abi >= 2) r |= 1ULL << 13;  // REFER
  if (abi >= 3) r |= 1ULL << 14;  // TRUNCATE
  if (abi >= 5) r |= 1ULL << 15;  // IOCTL_DEV
  return r;
}
constexpr uint64_t kReadOnly = LANDLOCK_ACCESS_FS_EXECUTE | LANDLOCK_ACCESS_FS_READ_FILE | LANDLOCK_ACCESS_FS_READ_DIR;
constexpr uint64_t kFileOnly = LANDLOCK_ACCESS_FS_EXECUTE | LANDLOCK_ACCESS_FS_READ_FILE;

// Our own copy of the attribute struct, sized for ABI 6 (handled_access_net, scoped).
struct RulesetAttr {
  uint64_t handled_access_fs;
  uint64_t handled_access_net;
  uint64_t scoped;
};
struct PathBeneath {
  uint64_t allowed_access;
  int32_t parent_fd;
} __attribute__((packed));
}  // namespace

int abi_version() {
  long v = ::syscall(SYS_landlock_create_ruleset, nullptr, 0, LANDLOCK_CREATE_RULESET_VERSION);
  return v < 0 ? 0 : static_cast<int>(v);
}

int build_ruleset(const Policy& p, Status& s) {
  const int abi = abi_version();
  if (abi <= 0) {
    s.warnings.push_back("Landlock unavailable on this kernel: file-system access is limited by seccomp only");
    return -1;
  }
  RulesetAttr attr{fs_rights(abi), 0, 0};
  std::size_t size = sizeof(uint64_t);
  if (abi >= 4) { attr.handled_access_net = 3; size = 2 * sizeof(uint64_t); }  // BIND_TCP | CONNECT_TCP
  if (abi >= 6) {  // signals, and abstract unix sockets unless the policy needs them (ncu's target)
    attr.scoped = p.scope_abstract_unix ? 3 : 2;
    size = sizeof attr;
    s.landlock_scoped = true;
  }
  int rs = static_cast<int>(::syscall(SYS_landlock_create_ruleset, &attr, size, 0));
  if (rs < 0) fail("{}", errno_text("landlock_create_ruleset"));
  const uint64_t all = fs_rights(abi);
  // IOCTL_DEV: read-write device nodes (the GPU's) are driven by ioctls.
  const uint64_t file_rw = kFileOnly | LANDLOCK_ACCESS_FS_WRITE_FILE | (abi >= 3 ? 1ULL << 14 : 0) | (abi >= 5 ? 1ULL << 15 : 0);
  auto grant = [&](const std::string& path, uint64_t dir_rights, uint64_t file_rights) {
    int fd = ::open(path.c_str(), O_PATH | O_CLOEXEC);
    if (fd < 0) return;  // absent paths (e.g. /lib64 on some systems) are simply not granted
    PathBeneath pb{dir_rights, fd};
    if (::syscall(SYS_landlock_add_rule, rs, LANDLOCK_RULE_PATH_BENEATH, &pb, 0) != 0 && errno == EINVAL) {
      pb.allowed_access = file_rights;  // a regular file takes file rights only
      ::syscall(SYS_landlock_add_rule, rs, LANDLOCK_RULE_PATH_BENEATH, &pb, 0);
    }
    ::close(fd);
  };
  if (abi >= 4)
    for (uint16_t port : p.tcp_ports) {
      struct { uint64_t allowed_access, port; } rule{3, port};  // landlock_net_port_attr: BIND_TCP | CONNECT_TCP
      if (::syscall(SYS_landlock_add_rule, rs, 2 /* LANDLOCK_RULE_NET_PORT */, &rule, 0) != 0) {
        const std::string why = errno_text("landlock_add_rule (TCP port)");
        ::close(rs);
        fail("{}", why);
      }
    }
  for (const auto& path : p.read_only_paths) grant(path, kReadOnly, kFileOnly);
  for (const auto& path : p.read_write_paths) grant(path, all, file_rw);
  // The CUDA driver reads its parameters and the device majors again whenever a library
  // (cuBLAS under PyTorch) initialises after the box closed; both are in the fresh /proc.
  if (p.profile == Profile::cuda || p.cuda)
    for (const char* path : {"/proc/driver/nvidia", "/proc/devices"}) grant(path, kReadOnly, kFileOnly);
  s.landlock_abi = abi;
  // At 10 or above: a child's dup2 onto its standard descriptors (and 3, 4) never lands on it.
  const int high = ::fcntl(rs, F_DUPFD_CLOEXEC, 10);
  ::close(rs);
  if (high < 0) fail("{}", errno_text("fcntl (Landlock ruleset)"));
  return high;
}

int allow_directory(int ruleset_fd, const char* path) {
  const int fd = ::open(path, O_PATH | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return errno;
  PathBeneath pb{fs_rights(abi_version()), fd};
  const int e = ::syscall(SYS_landlock_add_rule, ruleset_fd, LANDLOCK_RULE_PATH_BENEATH, &pb, 0) == 0 ? 0 : errno;
  ::close(fd);
  return e;
}

int restrict_self(int ruleset_fd) {
  if (::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) return errno;
  if (::syscall(SYS_landlock_restrict_self, ruleset_fd, 0) != 0) return errno;
  ::close(ruleset_fd);
  return 0;
}

void apply(const Policy& p, Status& s) {
  const int rs = build_ruleset(p, s);
  if (rs < 0) return;
  if (int e = restrict_self(rs); e != 0) {
    ::close(rs);
    s.landlock_abi = 0;
    fail("landlock: restricting the process: {}", std::strerror(e));
  }
}

}  // namespace arbiter::sandbox::landlock
