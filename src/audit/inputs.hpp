#pragma once
// Where submissions come from: files, directories, archives (tar/zip/..., read as a stream by
// libarchive, size-limited) and JSON Lines exports of {id, code} records. Every byte is untrusted.
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "audit/rule.hpp"

namespace arbiter::audit {

struct Submission {
  std::string name;  // path, "archive.tar:member", or "export.jsonl#<id>"
  std::string text;
  std::optional<Language> language;
};

struct InputLimits {
  size_t max_member_bytes = 4u << 20;       // one submission
  size_t max_total_bytes = size_t(8) << 30;  // everything unpacked from one archive
  size_t max_members = 2'000'000;
};

using OnSubmission = std::function<void(Submission&&)>;
using OnInputError = std::function<void(const std::string& where, const std::string& what)>;

// Visits every submission under `path`. Errors (unreadable, too large, malformed records) are reported
// through on_error and the walk goes on.
void for_each_submission(const std::string& path, const InputLimits& limits, const OnSubmission& on_sub,
                         const OnInputError& on_error);

// The two parsers of untrusted bytes, exposed for tests and fuzzers.
void read_jsonl(std::string_view data, const std::string& name, const InputLimits& limits, const OnSubmission& on_sub,
                const OnInputError& on_error);
void read_archive_memory(const void* data, size_t size, const std::string& name, const InputLimits& limits,
                         const OnSubmission& on_sub, const OnInputError& on_error);

bool is_source_name(std::string_view name);

}  // namespace arbiter::audit
