// The in-process wake-up behind long-polling claims and batch reads.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "service/wakeup.hpp"

using namespace arbiter::service;
using namespace std::chrono;

TEST(ServiceWakeup, NotifyEndsAWaitAtOnce) {
  Wakeup w;
  auto seen = w.generation();
  std::thread t([&] {
    std::this_thread::sleep_for(milliseconds(50));
    w.notify();
  });
  auto t0 = steady_clock::now();
  EXPECT_TRUE(w.wait(seen, seconds(10)));
  EXPECT_LT(steady_clock::now() - t0, seconds(5));
  EXPECT_NE(w.generation(), seen);
  t.join();
}

TEST(ServiceWakeup, ANotifyBeforeTheWaitIsNotLost) {
  Wakeup w;
  auto seen = w.generation();  // read before checking the database
  w.notify();                  // a job arrives between the check and the wait
  auto t0 = steady_clock::now();
  w.wait(seen, seconds(10));
  EXPECT_LT(steady_clock::now() - t0, seconds(1));
}

TEST(ServiceWakeup, TimesOutWithoutNotify) {
  Wakeup w;
  auto t0 = steady_clock::now();
  EXPECT_TRUE(w.wait(w.generation(), milliseconds(100)));
  EXPECT_GE(steady_clock::now() - t0, milliseconds(90));
}

TEST(ServiceWakeup, CapsWaitersAndShutdownReleasesThem) {
  Wakeup w(1);
  auto seen = w.generation();
  std::thread t([&] { w.wait(seen, seconds(30)); });
  std::this_thread::sleep_for(milliseconds(50));
  auto t0 = steady_clock::now();
  EXPECT_FALSE(w.wait(seen, seconds(10)));  // over the cap: answer at once
  EXPECT_LT(steady_clock::now() - t0, seconds(1));
  w.shutdown();
  t.join();  // released long before its 30 s
  EXPECT_LT(steady_clock::now() - t0, seconds(10));
  EXPECT_FALSE(w.wait(seen, seconds(10)));  // closed: no more waiting
}
