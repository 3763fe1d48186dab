#include "wire/channel.hpp"

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "core/clock.hpp"

namespace arbiter::wire {

Channel& Channel::operator=(Channel&& o) noexcept {
  if (this != &o) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = o.fd_;
    buf_ = std::move(o.buf_);
    o.fd_ = -1;
  }
  return *this;
}

Channel::~Channel() {
  if (fd_ >= 0) ::close(fd_);
}

void Channel::send(const Frame& f, const std::vector<int>& fds) {
  std::string bytes = make_header(f.type, static_cast<uint32_t>(f.payload.size())) + f.payload;
  std::size_t off = 0;
  bool fds_sent = fds.empty();
  while (off < bytes.size()) {
    iovec iov{bytes.data() + off, bytes.size() - off};
    msghdr msg{};
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    alignas(cmsghdr) char ctrl[CMSG_SPACE(sizeof(int) * 8)];
    if (!fds_sent) {
      msg.msg_control = ctrl;
      msg.msg_controllen = CMSG_SPACE(sizeof(int) * fds.size());
      cmsghdr* c = CMSG_FIRSTHDR(&msg);
      c->cmsg_level = SOL_SOCKET;
      c->cmsg_type = SCM_RIGHTS;
      c->cmsg_len = CMSG_LEN(sizeof(int) * fds.size());
      std::memcpy(CMSG_DATA(c), fds.data(), sizeof(int) * fds.size());
    }
    ssize_t n = ::sendmsg(fd_, &msg, MSG_NOSIGNAL);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw DecodeError(std::string("channel: send failed: ") + std::strerror(errno));
    }
    fds_sent = true;
    off += static_cast<std::size_t>(n);
  }
}

bool Channel::pending(int timeout_ms) {
  if (!buf_.empty()) return true;
  pollfd p{fd_, POLLIN, 0};
  return ::poll(&p, 1, timeout_ms) > 0 && (p.revents & POLLIN);
}

Channel::Received Channel::recv(int timeout_ms, bool accept_fds) {
  Received r;
  const int64_t deadline = timeout_ms < 0 ? -1 : now_ns() + int64_t{timeout_ms} * 1000000;
  for (;;) {
    if (buf_.size() >= kHeaderSize) {
      uint16_t type;
      uint32_t len;
      try {
        len = parse_header(reinterpret_cast<const unsigned char*>(buf_.data()), type);
      } catch (const DecodeError& e) {
        r.status = Status::malformed;
        r.error = e.what();
        return r;
      }
      if (buf_.size() >= kHeaderSize + len) {
        r.frame.type = static_cast<Type>(type);
        r.frame.payload = buf_.substr(kHeaderSize, len);
        buf_.erase(0, kHeaderSize + len);
        if (!accept_fds && !r.fds.empty()) {
          for (int fd : r.fds) ::close(fd);
          r.fds.clear();
          r.status = Status::malformed;
          r.error = "peer passed file descriptors";
          return r;
        }
        r.status = Status::ok;
        return r;
      }
    }
    int wait_ms = -1;
    if (deadline >= 0) {
      int64_t left = deadline - now_ns();
      if (left <= 0) { r.status = Status::timeout; return r; }
      wait_ms = static_cast<int>((left + 999999) / 1000000);
    }
    pollfd p{fd_, POLLIN, 0};
    int pr = ::poll(&p, 1, wait_ms);
    if (pr < 0 && errno == EINTR) continue;
    if (pr == 0) { r.status = Status::timeout; return r; }
    if (pr < 0) { r.status = Status::closed; r.error = std::strerror(errno); return r; }
    char data[16384];
    alignas(cmsghdr) char ctrl[CMSG_SPACE(sizeof(int) * 8)];
    iovec iov{data, sizeof data};
    msghdr msg{};
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    msg.msg_control = ctrl;
    msg.msg_controllen = sizeof ctrl;
    ssize_t n = ::recvmsg(fd_, &msg, MSG_CMSG_CLOEXEC | MSG_DONTWAIT);
    if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
    for (cmsghdr* c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c)) {
      if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS) continue;
      std::size_t k = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
      for (std::size_t i = 0; i < k; ++i) {
        int fd;
        std::memcpy(&fd, CMSG_DATA(c) + i * sizeof(int), sizeof fd);
        r.fds.push_back(fd);
      }
    }
    if (msg.msg_flags & MSG_CTRUNC) {
      for (int fd : r.fds) ::close(fd);
      r.fds.clear();
      r.status = Status::malformed;
      r.error = "too many file descriptors in one message";
      return r;
    }
    if (n <= 0) {
      for (int fd : r.fds) ::close(fd);
      r.fds.clear();
      r.status = Status::closed;
      r.error = n == 0 ? "peer closed the channel" : std::strerror(errno);
      return r;
    }
    buf_.append(data, static_cast<std::size_t>(n));
    if (buf_.size() > kHeaderSize + kMaxPayload + sizeof data) {
      r.status = Status::malformed;
      r.error = "peer is flooding the channel";
      return r;
    }
  }
}

}  // namespace arbiter::wire
