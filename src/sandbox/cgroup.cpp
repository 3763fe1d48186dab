#include "sandbox/cgroup.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <fstream>
#include <sstream>
#include <thread>

namespace arbiter::sandbox::cgroup {
namespace {
bool write_file(const std::string& path, const std::string& text) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0) return false;
  bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  ::close(fd);
  return ok;
}
std::string read_file(const std::string& path) {
  std::ifstream f(path);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}
std::atomic<int> g_counter{0};
}  // namespace

std::string v2_mount() {
  std::ifstream f("/proc/self/mountinfo");
  std::string line;
  while (std::getline(f, line)) {
    auto dash = line.find(" - ");
    if (dash == std::string::npos) continue;
    std::istringstream rest(line.substr(dash + 3));
    std::string type;
    rest >> type;
    if (type != "cgroup2") continue;
    std::istringstream head(line.substr(0, dash));
    std::string id, parent, devno, root, mnt;
    head >> id >> parent >> devno >> root >> mnt;
    return mnt;
  }
  return {};
}

std::string own_path() {
  std::ifstream f("/proc/self/cgroup");
  std::string line;
  while (std::getline(f, line))
    if (line.rfind("0::", 0) == 0) return line.substr(3);
  return {};
}

Group::Group(int64_t memory_bytes, int pids_max) : memory_(memory_bytes), pids_(pids_max) {
  const std::string mnt = v2_mount();
  if (mnt.empty()) {
    why_ = "cgroup v2 is not mounted";
    return;
  }
  std::string parent = mnt + own_path();
  while (!parent.empty() && parent.back() == '/') parent.pop_back();
  const std::string controllers = read_file(parent + "/cgroup.subtree_control");
  if (controllers.find("memory") == std::string::npos || controllers.find("pids") == std::string::npos) {
    // Enabling them is only possible where no process lives in the parent (cgroup v2's rule).
    write_file(parent + "/cgroup.subtree_control", "+memory +pids");
    const std::string again = read_file(parent + "/cgroup.subtree_control");
    if (again.find("memory") == std::string::npos || again.find("pids") == std::string::npos) {
      why_ = "the judge's cgroup " + parent + " does not delegate the memory and pids controllers";
      return;
    }
  }
  path_ = parent + "/arbiter-" + std::to_string(::getpid()) + "-" + std::to_string(g_counter++);
  if (::mkdir(path_.c_str(), 0755) != 0) {
    why_ = "cannot create " + path_ + " (not delegated to this user)";
    path_.clear();
    return;
  }
  if (!write_file(path_ + "/memory.max", std::to_string(memory_bytes)) ||
      !write_file(path_ + "/pids.max", std::to_string(pids_max))) {
    why_ = "cannot write memory.max/pids.max in " + path_;
    ::rmdir(path_.c_str());
    path_.clear();
    return;
  }
  write_file(path_ + "/memory.swap.max", "0");  // absent without swap accounting: fine
  fd_ = ::open(path_.c_str(), O_DIRECTORY | O_RDONLY | O_CLOEXEC);
  if (fd_ < 0) why_ = "cannot open " + path_;
}

Group::~Group() {
  if (path_.empty()) return;
  kill_all();
  if (fd_ >= 0) ::close(fd_);
  // The processes take a moment to leave after SIGKILL.
  for (int i = 0; i < 100 && ::rmdir(path_.c_str()) != 0 && errno == EBUSY; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
}

std::string Group::describe() const {
  if (!ok()) return "none: " + why_ + "; memory and processes bounded by rlimits only";
  return "v2 memory.max=" + std::to_string(memory_ >> 20) + "M pids.max=" + std::to_string(pids_);
}

bool Group::add(int pid) { return ok() && write_file(path_ + "/cgroup.procs", std::to_string(pid)); }

void Group::kill_all() {
  if (path_.empty()) return;
  if (write_file(path_ + "/cgroup.kill", "1")) return;
  std::istringstream procs(read_file(path_ + "/cgroup.procs"));
  for (int pid; procs >> pid;) ::kill(pid, SIGKILL);
}

int64_t Group::memory_peak() const {
  if (!ok()) return -1;
  std::string s = read_file(path_ + "/memory.peak");
  return s.empty() ? -1 : std::stoll(s);
}

}  // namespace arbiter::sandbox::cgroup
