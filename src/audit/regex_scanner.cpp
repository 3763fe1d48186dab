#include "audit/regex_scanner.hpp"

#include <hs/hs.h>

#include <cstdlib>
#include <stdexcept>
#include <unordered_map>

namespace arbiter::audit {

struct RegexScanner::Impl {
  hs_database_t* db = nullptr;
  // hs scratch is per database and per thread: one per scanner per thread.
  mutable hs_scratch_t* scratch = nullptr;
  bool som = true;
  ~Impl() {
    if (scratch) hs_free_scratch(scratch);
    if (db) hs_free_database(db);
  }
};

RegexScanner::RegexScanner() : impl_(std::make_unique<Impl>()) {}
RegexScanner::~RegexScanner() = default;
RegexScanner::RegexScanner(RegexScanner&&) noexcept = default;
RegexScanner& RegexScanner::operator=(RegexScanner&&) noexcept = default;

void RegexScanner::add(const std::string& pattern, uint32_t tag, bool caseless) {
  patterns_.push_back(pattern);
  flags_.push_back(HS_FLAG_MULTILINE | (caseless ? HS_FLAG_CASELESS : 0u));
  tags_.push_back(tag);
}

static hs_database_t* build(const std::vector<std::string>& pats, std::vector<unsigned> flags,
                            const std::vector<uint32_t>& ids, bool som, std::string& error, int* bad = nullptr) {
  std::vector<const char*> exprs;
  for (auto& p : pats) exprs.push_back(p.c_str());
  if (som)
    for (auto& f : flags) f |= HS_FLAG_SOM_LEFTMOST;
  hs_database_t* db = nullptr;
  hs_compile_error_t* err = nullptr;
  if (hs_compile_multi(exprs.data(), flags.data(), ids.data(), unsigned(exprs.size()), HS_MODE_BLOCK, nullptr, &db,
                       &err) != HS_SUCCESS) {
    error = err ? err->message : "unknown error";
    if (err && err->expression >= 0) error = "pattern '" + pats[size_t(err->expression)] + "': " + error;
    if (bad && err) *bad = err->expression;
    hs_free_compile_error(err);
    return nullptr;
  }
  return db;
}

std::string RegexScanner::check(const std::string& pattern) {
  std::string error;
  hs_database_t* db = build({pattern}, {HS_FLAG_MULTILINE}, {0}, false, error);
  if (db) hs_free_database(db);
  return error;
}

void RegexScanner::compile() {
  if (patterns_.empty()) return;
  std::vector<uint32_t> ids(patterns_.size());
  for (size_t i = 0; i < ids.size(); ++i) ids[i] = uint32_t(i);
  std::string error;
  // No start-of-match tracking: it made scans 5x slower. Matches are rare, so the auditor finds the
  // start of each one afterwards (match_start.cpp).
  int bad = -1;
  impl_->som = false;
  impl_->db = build(patterns_, flags_, ids, false, error, &bad);
  if (!impl_->db) throw RegexCompileError(bad >= 0 ? tags_[size_t(bad)] : UINT32_MAX, error);
  if (hs_alloc_scratch(impl_->db, &impl_->scratch) != HS_SUCCESS) throw std::runtime_error("hs_alloc_scratch failed");
}

uint64_t RegexScanner::fingerprint() const {
  uint64_t h = 1469598103934665603ull;  // FNV-1a
  auto mix = [&h](std::string_view s) {
    for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
    h = (h ^ 0xff) * 1099511628211ull;
  };
  mix(hs_version());
  for (size_t i = 0; i < patterns_.size(); ++i)
    mix(patterns_[i]), mix(std::to_string(flags_[i])), mix(std::to_string(tags_[i]));
  return h;
}

std::string RegexScanner::serialize() const {
  if (!impl_->db) return {};
  char* bytes = nullptr;
  size_t len = 0;
  if (hs_serialize_database(impl_->db, &bytes, &len) != HS_SUCCESS) return {};
  std::string out(1, impl_->som ? '\1' : '\0');
  out.append(bytes, len);
  free(bytes);
  return out;
}

bool RegexScanner::load(std::string_view bytes) {
  if (bytes.size() < 2) return false;
  hs_database_t* db = nullptr;
  if (hs_deserialize_database(bytes.data() + 1, bytes.size() - 1, &db) != HS_SUCCESS) return false;
  hs_scratch_t* scratch = nullptr;
  if (hs_alloc_scratch(db, &scratch) != HS_SUCCESS) {
    hs_free_database(db);
    return false;
  }
  if (impl_->scratch) hs_free_scratch(impl_->scratch);
  if (impl_->db) hs_free_database(impl_->db);
  impl_->db = db;
  impl_->scratch = scratch;
  impl_->som = bytes[0] == '\1';
  return true;
}

namespace {
struct ScanCtx {
  const std::vector<uint32_t>* tags;
  std::vector<RegexMatch>* out;
  std::vector<uint32_t> counts;
  uint32_t limit;
  bool som;
};
int on_match(unsigned id, unsigned long long from, unsigned long long to, unsigned, void* p) {
  auto* c = static_cast<ScanCtx*>(p);
  if (++c->counts[id] > c->limit) return 0;
  c->out->push_back({(*c->tags)[id], c->som ? from : to, to});
  return 0;
}
}  // namespace

void RegexScanner::scan(std::string_view text, std::vector<RegexMatch>& out, uint32_t limit_per_tag) const {
  if (!impl_->db) return;
  ScanCtx ctx{&tags_, &out, std::vector<uint32_t>(patterns_.size(), 0), limit_per_tag, impl_->som};
  // Block mode takes an unsigned length: larger inputs are rejected before they get here.
  hs_scan(impl_->db, text.data(), unsigned(text.size()), 0, impl_->scratch, on_match, &ctx);
}

}  // namespace arbiter::audit
