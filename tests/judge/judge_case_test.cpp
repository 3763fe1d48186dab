// Per-call outputs: the seal at the reply proves that no writable mapping of them survives.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "backend/cpu/cache_flush.hpp"
#include "backend/cpu/case_memory.hpp"
#include "judge/judge_case.hpp"
#include "problem/problem.hpp"

using namespace arbiter;

namespace {
problem::Problem vecadd() { return problem::load_problem(std::string(ARBITER_SOURCE_DIR) + "/redteam/problems/vecadd"); }
backend::cpu::CacheFlusher flusher(4096);
judge::MemoryFactory host() {
  return [](std::size_t in, std::size_t) { return std::make_unique<backend::cpu::HostCaseMemory>(in, flusher); };
}
}  // namespace

TEST(JudgeCaseTest, SealFailsWhileAWritableMappingSurvives) {
  const auto p = vecadd();
  judge::JudgeCase jc(p, p.tests.front(), host());
  const int fd = jc.fresh_outputs(1, 7);
  const std::size_t len = jc.describe().output_size;
  void* m = ::mmap(nullptr, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);  // a contestant's view
  ASSERT_NE(m, MAP_FAILED);
  EXPECT_FALSE(jc.seal_outputs(0));
  EXPECT_FALSE(jc.seal_outputs(50));  // patience does not outlast a mapping that stays
  ::munmap(m, len);
  EXPECT_TRUE(jc.seal_outputs());
  // Sealed: no new writable mapping, no write through the descriptor.
  EXPECT_EQ(::mmap(nullptr, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0), MAP_FAILED);
  char b = 0;
  EXPECT_LT(::pwrite(fd, &b, 1, 0), 0);
}

TEST(JudgeCaseTest, SealWaitsOutAMappingThatGoesAMomentLater) {
  // The seal is refused while anything keeps a page of the memfd busy, a passing reference too:
  // one that ends within the patience is no cheat, and the call is sealed.
  const auto p = vecadd();
  judge::JudgeCase jc(p, p.tests.front(), host());
  const int fd = jc.fresh_outputs(1, 7);
  const std::size_t len = jc.describe().output_size;
  void* m = ::mmap(nullptr, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  ASSERT_NE(m, MAP_FAILED);
  std::thread late([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    ::munmap(m, len);
  });
  EXPECT_TRUE(jc.seal_outputs(5000));
  late.join();
}

TEST(JudgeCaseTest, EachCallGetsFreshPoisonedOutputs) {
  const auto p = vecadd();
  judge::JudgeCase jc(p, p.tests.front(), host());
  const int a = jc.fresh_outputs(2, 7);
  ASSERT_TRUE(jc.seal_outputs());
  unsigned char first = 0;
  const auto off = static_cast<off_t>(jc.describe().outputs.front().offset);  // past the canary guard
  ASSERT_EQ(::pread(a, &first, 1, off), 1);
  EXPECT_EQ(first, 0xff);  // even iterations: NaN bytes
  const int b = jc.fresh_outputs(3, 7);  // a new memfd, writable again until its own seal
  void* m = ::mmap(nullptr, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, b, 0);
  EXPECT_NE(m, MAP_FAILED);
  if (m != MAP_FAILED) ::munmap(m, 4096);
  ASSERT_TRUE(jc.seal_outputs());
  jc.snapshot();
  EXPECT_FALSE(jc.outputs_changed_since_snapshot());  // sealed: nothing can change it
}

TEST(JudgeCaseTest, ScratchBuffersFollowTheOutputsPoisonedAndGuarded) {
  const auto p = vecadd();
  judge::JudgeCase jc(p, p.tests.front(), host(), {{"partials", 100}});
  const wire::SetupCase d = jc.describe();
  ASSERT_EQ(d.outputs.size(), 2u);  // the output, then the scratch buffer
  EXPECT_EQ(d.outputs[1].name, "partials");
  EXPECT_EQ(d.outputs[1].bytes, 100u);
  EXPECT_GE(d.outputs[1].offset, d.outputs[0].offset + d.outputs[0].bytes + judge::JudgeCase::kGuardBytes);
  const int fd = jc.fresh_outputs(2, 7);
  unsigned char b = 0;
  ASSERT_EQ(::pread(fd, &b, 1, static_cast<off_t>(d.outputs[1].offset)), 1);
  EXPECT_EQ(b, 0xff);  // poisoned like an output
  // A store just past the scratch buffer is a write out of bounds, named as such.
  unsigned char x = 0x5a;
  ASSERT_EQ(::pwrite(fd, &x, 1, static_cast<off_t>(d.outputs[1].offset + 100)), 1);
  ASSERT_TRUE(jc.seal_outputs());
  jc.snapshot();
  const std::string damage = jc.canary_damage();
  EXPECT_NE(damage.find("past the end of scratch buffer 'partials'"), std::string::npos) << damage;
}
