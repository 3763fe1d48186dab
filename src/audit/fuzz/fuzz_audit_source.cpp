// Fuzzes the auditor on hostile source: regex scan, Python string lexer, tree-sitter parse, alias
// resolver and decoders (base64/zlib/hex), suppression comments. The first byte picks the language.
#include <cstddef>
#include <cstdint>
#include <string>

#include "audit/auditor.hpp"
#include "audit/rule_loader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const arbiter::audit::Auditor auditor(arbiter::audit::load_rules());
  if (size == 0) return 0;
  auto lang = data[0] & 1 ? arbiter::audit::Language::cpp : arbiter::audit::Language::python;
  std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  auditor.audit("fuzz", text, lang);
  return 0;
}
