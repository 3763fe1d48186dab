#include "sandbox/rlimits.hpp"

#include <algorithm>

#include "core/error.hpp"

namespace arbiter::sandbox::rlimits {

Plan& Plan::add(int which, rlim_t soft, rlim_t hard, const char* name) {
  if (count_ == items_.size()) fail("too many resource limits in one plan (at most {})", items_.size());
  // Never above this process's own hard limit, which only a privileged process may raise.
  rlimit now{};
  if (::getrlimit(which, &now) == 0 && now.rlim_max != RLIM_INFINITY) {
    hard = std::min(hard, now.rlim_max);
    soft = std::min(soft, hard);
  }
  items_[count_++] = {which, {soft, hard}, name};
  return *this;
}

const char* Plan::apply() const noexcept {
  for (std::size_t i = 0; i < count_; ++i)
    if (::setrlimit(items_[i].which, &items_[i].value) != 0) return items_[i].name;
  return nullptr;
}

std::vector<std::string> Plan::names() const {
  std::vector<std::string> n;
  for (std::size_t i = 0; i < count_; ++i) n.emplace_back(items_[i].name);
  return n;
}

Plan for_policy(const Policy& p) {
  Plan plan;
  if (p.address_space_mb > 0) {
    const auto as = static_cast<rlim_t>(p.address_space_mb) << 20;
    plan.add(RLIMIT_AS, as, as, "as");
  }
  // Soft below hard: at the soft limit SIGXCPU (equal limits send SIGKILL at once), and SIGKILL
  // one second later if the submission ignores it. The judge reads either as `timeout`.
  const auto cpu = static_cast<rlim_t>(p.cpu_seconds);
  plan.add(RLIMIT_CPU, cpu, cpu + 1, "cpu");
  // Files can be written only in the private /tmp (64 MiB tmpfs): its cap answers ENOSPC first.
  plan.add(RLIMIT_FSIZE, rlim_t{128} << 20, rlim_t{128} << 20, "fsize");
  const auto files = static_cast<rlim_t>(p.max_open_files);
  plan.add(RLIMIT_NOFILE, files, files, "nofile");
  plan.add(RLIMIT_CORE, 0, 0, "core").add(RLIMIT_MEMLOCK, 0, 0, "memlock").add(RLIMIT_MSGQUEUE, 0, 0, "msgqueue");
  return plan;
}

void apply(const Policy& p, Status& s) {
  if (p.address_space_mb <= 0) s.warnings.push_back("no address-space limit (sanitizer build or device memory)");
  const Plan plan = for_policy(p);
  if (const char* refused = plan.apply()) fail("{}", errno_text(std::string("setrlimit ") + refused));
  for (std::string& n : plan.names()) s.rlimits.push_back(std::move(n));
}
}  // namespace arbiter::sandbox::rlimits
