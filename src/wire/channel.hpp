#pragma once
// Framed messages over a Unix socketpair, with optional fd passing (SCM_RIGHTS) for the
// shared buffers. recv() enforces a deadline and the frame bounds before allocating.
#include <string>
#include <vector>

#include "wire/messages.hpp"

namespace arbiter::wire {

class Channel {
 public:
  explicit Channel(int fd = -1) : fd_(fd) {}
  Channel(Channel&& o) noexcept : fd_(o.fd_), buf_(std::move(o.buf_)) { o.fd_ = -1; }
  Channel& operator=(Channel&& o) noexcept;
  ~Channel();
  int fd() const { return fd_; }

  // Throws wire::DecodeError("channel: …") if the peer is gone.
  void send(const Frame& f, const std::vector<int>& fds = {});

  enum class Status { ok, timeout, closed, malformed };
  struct Received {
    Status status = Status::closed;
    Frame frame;
    std::vector<int> fds;  // owned by the caller
    std::string error;     // for malformed
  };
  // timeout_ms < 0 waits forever. With accept_fds false any passed descriptor is closed and
  // the frame is malformed (only the judge passes descriptors).
  Received recv(int timeout_ms, bool accept_fds);
  // True if bytes are already waiting (a frame sent out of turn).
  bool pending(int timeout_ms = 0);

 private:
  int fd_;
  std::string buf_;
};

}  // namespace arbiter::wire
