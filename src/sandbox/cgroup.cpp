#include "sandbox/cgroup.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <thread>

namespace arbiter::sandbox::cgroup {
namespace {
bool write_file(const std::string& path, const std::string& text) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);  // as a shell's '>' does
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

namespace {
bool has_both(const std::string& list) {
  std::istringstream in(list);
  bool memory = false, pids = false;
  for (std::string w; in >> w;) {
    if (!w.empty() && w[0] == '+') w.erase(0, 1);
    memory |= w == "memory";
    pids |= w == "pids";
  }
  return memory && pids;
}
constexpr const char* kLeaf = "arbiter-judge";
}  // namespace

Parent prepare_parent(const std::string& root, const std::string& own_in, int pid) {
  Parent r;
  std::string own = own_in;
  while (own.size() > 1 && own.back() == '/') own.pop_back();
  // Already moved (an earlier judge process of this service, or this one): the leaf's parent.
  const auto slash = own.rfind('/');
  if (slash != std::string::npos && own.substr(slash + 1) == kLeaf) own = slash == 0 ? "/" : own.substr(0, slash);
  const bool is_root = own.empty() || own == "/";
  std::string dir = root + (is_root ? "" : own);
  while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
  if (!has_both(read_file(dir + "/cgroup.controllers"))) {
    std::string offered = read_file(dir + "/cgroup.controllers");
    while (!offered.empty() && std::isspace(static_cast<unsigned char>(offered.back()))) offered.pop_back();
    r.why = "the cgroup " + dir + " is not offered the memory and pids controllers (cgroup.controllers: '" +
            offered + "')";
    return r;
  }
  if (has_both(read_file(dir + "/cgroup.subtree_control"))) {
    r.path = dir;
    return r;
  }
  if (!is_root) {
    // No internal processes: the cgroup must be empty before it can enable controllers below it.
    std::istringstream procs(read_file(dir + "/cgroup.procs"));
    bool ours = false;
    std::string others;
    for (int p; procs >> p;) {
      if (p == pid) ours = true;
      else others += " " + std::to_string(p);
    }
    if (!others.empty()) {
      r.why = "the judge's cgroup " + dir + " also holds other processes (" + others.substr(1) +
              "): run the judge in a cgroup of its own, or delegate one to it";
      return r;
    }
    if (ours) {
      const std::string leaf = dir + "/" + kLeaf;
      if (::mkdir(leaf.c_str(), 0755) != 0 && errno != EEXIST) {
        r.why = "cannot create " + leaf + ": " + std::strerror(errno);
        return r;
      }
      if (!write_file(leaf + "/cgroup.procs", std::to_string(pid))) {
        r.why = "cannot move the judge into " + leaf + ": " + std::strerror(errno);
        return r;
      }
      r.action = "moved the judge into " + leaf + "; ";
    }
  }
  if (!write_file(dir + "/cgroup.subtree_control", "+memory +pids") ||
      !has_both(read_file(dir + "/cgroup.subtree_control"))) {
    r.why = "cannot enable memory and pids in " + dir + "/cgroup.subtree_control (not delegated to this user)";
    r.action.clear();
    return r;
  }
  r.action += "enabled memory and pids for the contestants' cgroups under " + dir;
  r.path = dir;
  return r;
}

const Parent& judge_parent() {
  static const Parent p = [] {
    const std::string mnt = v2_mount();
    if (mnt.empty()) return Parent{"", "cgroup v2 is not mounted", ""};
    return prepare_parent(mnt, own_path(), static_cast<int>(::getpid()));
  }();
  return p;
}

Group::Group(int64_t memory_bytes, int pids_max) : memory_(memory_bytes), pids_(pids_max) {
  const Parent& parent_info = judge_parent();
  if (!parent_info.ok()) {
    why_ = parent_info.why;
    return;
  }
  const std::string& parent = parent_info.path;
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
