#include "audit/regex_scanner.hpp"

#include <hs/hs.h>

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
                            const std::vector<uint32_t>& ids, bool som, std::string& error) {
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
  // Leftmost start positions give exact columns; some patterns cannot track them, then fall back.
  impl_->db = build(patterns_, flags_, ids, true, error);
  impl_->som = impl_->db != nullptr;
  if (!impl_->db) impl_->db = build(patterns_, flags_, ids, false, error);
  if (!impl_->db) throw std::runtime_error("regex compile failed: " + error);
  if (hs_alloc_scratch(impl_->db, &impl_->scratch) != HS_SUCCESS) throw std::runtime_error("hs_alloc_scratch failed");
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
