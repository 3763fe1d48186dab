#include "backend/cpu/shared_buffer.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/error.hpp"

namespace arbiter::backend::cpu {

SharedBuffer::SharedBuffer(const std::string& name, std::size_t bytes, bool read_only_for_peer) : size_(bytes) {
  fd_ = ::memfd_create(name.c_str(), MFD_CLOEXEC | MFD_ALLOW_SEALING);
  if (fd_ < 0) fail("{}", errno_text("memfd_create " + name));
  mapped_ = bytes == 0 ? 4096 : bytes;
  if (::ftruncate(fd_, static_cast<off_t>(mapped_)) != 0) fail("{}", errno_text("ftruncate " + name));
  void* p = ::mmap(nullptr, mapped_, PROT_READ | PROT_WRITE, MAP_SHARED, fd_, 0);
  if (p == MAP_FAILED) fail("{}", errno_text("mmap " + name));
  data_ = static_cast<unsigned char*>(p);
  int seals = F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_SEAL;
  if (read_only_for_peer) seals |= F_SEAL_FUTURE_WRITE;
  if (::fcntl(fd_, F_ADD_SEALS, seals) != 0) fail("{}", errno_text("sealing " + name));
}

SharedBuffer& SharedBuffer::operator=(SharedBuffer&& o) noexcept {
  if (this != &o) {
    this->~SharedBuffer();
    fd_ = o.fd_; data_ = o.data_; size_ = o.size_; mapped_ = o.mapped_;
    o.fd_ = -1; o.data_ = nullptr; o.size_ = o.mapped_ = 0;
  }
  return *this;
}

SharedBuffer::~SharedBuffer() {
  if (data_) ::munmap(data_, mapped_);
  if (fd_ >= 0) ::close(fd_);
  data_ = nullptr;
  fd_ = -1;
}

void* map_peer_buffer(int fd, std::size_t bytes, bool read_only) {
  struct stat st{};
  if (::fstat(fd, &st) != 0) fail("{}", errno_text("fstat shared buffer"));
  std::size_t len = bytes == 0 ? 4096 : bytes;
  if (static_cast<std::size_t>(st.st_size) < len) fail("shared buffer is {} bytes, expected {}", st.st_size, len);
  void* p = ::mmap(nullptr, len, read_only ? PROT_READ : PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  if (p == MAP_FAILED) fail("{}", errno_text("mmap shared buffer"));
  return p;
}

}  // namespace arbiter::backend::cpu
