#include <gtest/gtest.h>
#include <sys/socket.h>
#include <unistd.h>

#include "wire/channel.hpp"

using namespace arbiter::wire;

namespace {
struct Pair {
  Channel a, b;
  Pair() {
    int sv[2];
    EXPECT_EQ(::socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
    a = Channel(sv[0]);
    b = Channel(sv[1]);
  }
};
}  // namespace

TEST(Channel, FramesArriveWholeAndInOrder) {
  Pair p;
  p.a.send(encode(FromContestant{Done{1, 0, 1, 2}}));
  p.a.send(encode(FromContestant{Done{2, 0, 3, 4}}));
  auto r1 = p.b.recv(1000, false);
  auto r2 = p.b.recv(1000, false);
  ASSERT_EQ(r1.status, Channel::Status::ok);
  ASSERT_EQ(r2.status, Channel::Status::ok);
  EXPECT_EQ(std::get<Done>(decode_from_contestant(r2.frame)).iteration, 2u);
}

TEST(Channel, TimeoutAndClose) {
  Pair p;
  EXPECT_EQ(p.b.recv(20, false).status, Channel::Status::timeout);
  p.a = Channel();
  EXPECT_EQ(p.b.recv(1000, false).status, Channel::Status::closed);
}

TEST(Channel, GarbageIsMalformed) {
  Pair p;
  std::string junk(64, 'x');
  ASSERT_EQ(::write(p.a.fd(), junk.data(), junk.size()), 64);
  auto r = p.b.recv(1000, false);
  EXPECT_EQ(r.status, Channel::Status::malformed);
}

TEST(Channel, DescriptorsAreRefusedWhenNotExpected) {
  Pair p;
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  p.a.send(encode(FromContestant{Done{1, 0, 1, 2}}), {fds[0]});
  auto r = p.b.recv(1000, false);
  EXPECT_EQ(r.status, Channel::Status::malformed);
  ::close(fds[0]);
  ::close(fds[1]);
}

TEST(Channel, DescriptorsArriveWhenExpected) {
  Pair p;
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  p.a.send(encode(FromJudge{Shutdown{}}), {fds[0], fds[1]});
  auto r = p.b.recv(1000, true);
  ASSERT_EQ(r.status, Channel::Status::ok);
  EXPECT_EQ(r.fds.size(), 2u);
  for (int fd : r.fds) ::close(fd);
  ::close(fds[0]);
  ::close(fds[1]);
}
