// libFuzzer target: the judge's decoding of contestant bytes (header + payload) must never
// crash, hang or allocate without bound, whatever the bytes.
#include <cstddef>
#include <cstdint>
#include <string>

#include "wire/messages.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace arbiter::wire;
  if (size < kHeaderSize) return 0;
  uint16_t type = 0;
  try {
    uint32_t len = parse_header(data, type);
    std::string payload(reinterpret_cast<const char*>(data + kHeaderSize), size - kHeaderSize);
    if (payload.size() > len) payload.resize(len);
    (void)decode_from_contestant(Frame{static_cast<Type>(type), payload});
  } catch (const DecodeError&) {
  }
  // The judge→contestant decoder is exercised too: it parses the same primitives.
  try {
    (void)decode_from_judge(Frame{static_cast<Type>(type), std::string(reinterpret_cast<const char*>(data), size)});
  } catch (const DecodeError&) {
  }
  return 0;
}
