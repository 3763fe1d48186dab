// Fuzzes the submission readers: JSON Lines records and archives (tar/zip/gzip via libarchive).
#include <cstddef>
#include <cstdint>
#include <string>

#include "audit/inputs.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  arbiter::audit::InputLimits limits;
  limits.max_member_bytes = 1 << 16;
  limits.max_total_bytes = 1 << 20;
  limits.max_members = 1000;
  size_t seen = 0;
  auto on_sub = [&](arbiter::audit::Submission&& s) { seen += s.text.size(); };
  auto on_err = [](const std::string&, const std::string&) {};
  std::string_view text(reinterpret_cast<const char*>(data), size);
  arbiter::audit::read_jsonl(text, "fuzz.jsonl", limits, on_sub, on_err);
  arbiter::audit::read_archive_memory(data, size, "fuzz.tar", limits, on_sub, on_err);
  return 0;
}
