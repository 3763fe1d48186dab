#include "audit/inputs.hpp"

#include <archive.h>
#include <archive_entry.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>

namespace arbiter::audit {
namespace fs = std::filesystem;

namespace {

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}
bool is_jsonl(std::string_view n) { return ends_with(n, ".jsonl") || ends_with(n, ".ndjson"); }
bool is_archive(std::string_view n) {
  for (const char* e : {".tar", ".tar.gz", ".tgz", ".tar.xz", ".txz", ".tar.bz2", ".tar.zst", ".zip"})
    if (ends_with(n, e)) return true;
  return false;
}

// One JSON Lines record: {"id": ..., "code": "...", "language": optional}.
void jsonl_record(std::string_view line, const std::string& name, size_t lineno, const InputLimits& limits,
                  const OnSubmission& on_sub, const OnInputError& on_error) {
  if (line.find_first_not_of(" \t\r") == std::string_view::npos) return;
  std::string where = name + ":" + std::to_string(lineno);
  if (line.size() > limits.max_member_bytes) {
    on_error(where, "record over the size limit; skipped");
    return;
  }
  auto j = nlohmann::json::parse(line.begin(), line.end(), nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    on_error(where, "not a JSON object; expected {\"id\": ..., \"code\": \"...\"}");
    return;
  }
  auto code = j.find("code");
  if (code == j.end() || !code->is_string()) {
    on_error(where, "record has no string field 'code'");
    return;
  }
  std::string id = std::to_string(lineno);
  if (auto it = j.find("id"); it != j.end()) id = it->is_string() ? it->get<std::string>() : it->dump();
  Submission s{name + "#" + id, code->get<std::string>(), std::nullopt};
  if (auto it = j.find("language"); it != j.end() && it->is_string()) {
    auto l = it->get<std::string>();
    if (l == "python" || l == "py" || l == "triton") s.language = Language::python;
    else if (l == "cuda" || l == "cpp" || l == "c++") s.language = Language::cpp;
  }
  on_sub(std::move(s));
}

struct ArchiveDeleter {
  void operator()(archive* a) const { archive_read_free(a); }
};

// Reads all entries of an opened archive; `a` is positioned before the first header.
void walk_archive(archive* a, const std::string& name, const InputLimits& limits, const OnSubmission& on_sub,
                  const OnInputError& on_error) {
  archive_entry* e = nullptr;
  size_t total = 0, members = 0;
  for (;;) {
    int rc = archive_read_next_header(a, &e);
    if (rc == ARCHIVE_EOF) break;
    if (rc < ARCHIVE_WARN) {
      on_error(name, std::string("archive error: ") + (archive_error_string(a) ? archive_error_string(a) : "unknown"));
      return;
    }
    if (++members > limits.max_members) {
      on_error(name, "archive has more than " + std::to_string(limits.max_members) + " members; stopped");
      return;
    }
    if (archive_entry_filetype(e) != AE_IFREG) continue;
    const char* p = archive_entry_pathname(e);
    std::string member = name + ":" + (p ? p : "?");
    if (!is_source_name(member) && !is_jsonl(member)) continue;
    la_int64_t declared = archive_entry_size_is_set(e) ? archive_entry_size(e) : 0;
    bool jsonl = is_jsonl(member);
    size_t cap = jsonl ? limits.max_total_bytes : limits.max_member_bytes;
    if (declared < 0 || size_t(declared) > cap) {
      on_error(member, "member is " + std::to_string(declared) + " bytes, over the limit; skipped");
      continue;  // libarchive skips the unread data on the next header
    }
    std::string text;
    char buf[65536];
    bool too_big = false;
    for (;;) {
      la_ssize_t n = archive_read_data(a, buf, sizeof buf);
      if (n < 0) {
        on_error(member, std::string("read error: ") + (archive_error_string(a) ? archive_error_string(a) : "unknown"));
        return;
      }
      if (n == 0) break;
      // The declared size can lie (or be absent); the bytes actually read are what count.
      if (text.size() + size_t(n) > cap || total + size_t(n) > limits.max_total_bytes) {
        too_big = true;
        break;
      }
      text.append(buf, size_t(n));
      total += size_t(n);
    }
    if (too_big) {
      on_error(member, "member or archive over the size limit; skipped");
      if (total >= limits.max_total_bytes) return;
      continue;
    }
    if (jsonl) read_jsonl(text, member, limits, on_sub, on_error);
    else on_sub(Submission{member, std::move(text), std::nullopt});
  }
}

std::unique_ptr<archive, ArchiveDeleter> new_reader() {
  std::unique_ptr<archive, ArchiveDeleter> a(archive_read_new());
  archive_read_support_filter_all(a.get());
  archive_read_support_format_tar(a.get());
  archive_read_support_format_gnutar(a.get());
  archive_read_support_format_zip(a.get());
  return a;
}

void read_file(const fs::path& path, const InputLimits& limits, const OnSubmission& on_sub, const OnInputError& on_error) {
  std::string name = path.string();
  if (is_archive(name)) {
    auto a = new_reader();
    if (archive_read_open_filename(a.get(), name.c_str(), 1 << 16) != ARCHIVE_OK) {
      on_error(name, std::string("cannot open archive: ") + (archive_error_string(a.get()) ? archive_error_string(a.get()) : ""));
      return;
    }
    walk_archive(a.get(), name, limits, on_sub, on_error);
    return;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    on_error(name, "cannot open file");
    return;
  }
  if (is_jsonl(name)) {
    // Line by line: an export can be far larger than memory allows in one piece.
    std::string line;
    size_t lineno = 0;
    while (std::getline(in, line)) {
      jsonl_record(line, name, ++lineno, limits, on_sub, on_error);
    }
    return;
  }
  std::error_code ec;
  auto size = fs::file_size(path, ec);
  if (ec || size > limits.max_member_bytes) {
    on_error(name, ec ? "cannot stat file" : "file is " + std::to_string(size) + " bytes, over the limit; skipped");
    return;
  }
  std::string text(size, '\0');
  in.read(text.data(), std::streamsize(size));
  text.resize(size_t(in.gcount()));
  on_sub(Submission{name, std::move(text), std::nullopt});
}

}  // namespace

bool is_source_name(std::string_view n) {
  for (const char* e : {".py", ".cu", ".cuh", ".cpp", ".cc", ".cxx", ".h", ".hpp", ".hh", ".c"})
    if (ends_with(n, e)) return true;
  return false;
}

void read_jsonl(std::string_view data, const std::string& name, const InputLimits& limits, const OnSubmission& on_sub,
                const OnInputError& on_error) {
  size_t lineno = 0;
  while (!data.empty()) {
    size_t eol = data.find('\n');
    std::string_view line = data.substr(0, eol);
    data.remove_prefix(eol == std::string_view::npos ? data.size() : eol + 1);
    jsonl_record(line, name, ++lineno, limits, on_sub, on_error);
  }
}

void read_archive_memory(const void* data, size_t size, const std::string& name, const InputLimits& limits,
                         const OnSubmission& on_sub, const OnInputError& on_error) {
  auto a = new_reader();
  if (archive_read_open_memory(a.get(), data, size) != ARCHIVE_OK) {
    on_error(name, "cannot open archive");
    return;
  }
  walk_archive(a.get(), name, limits, on_sub, on_error);
}

void for_each_submission(const std::string& path, const InputLimits& limits, const OnSubmission& on_sub,
                         const OnInputError& on_error) {
  std::error_code ec;
  auto st = fs::status(path, ec);
  if (ec || !fs::exists(st)) {
    on_error(path, "no such file or directory");
    return;
  }
  if (!fs::is_directory(st)) {
    read_file(path, limits, on_sub, on_error);
    return;
  }
  std::vector<fs::path> files;
  for (auto it = fs::recursive_directory_iterator(path, fs::directory_options::skip_permission_denied, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (!it->is_regular_file(ec)) continue;
    auto n = it->path().string();
    if (is_source_name(n) || is_jsonl(n) || is_archive(n)) files.push_back(it->path());
  }
  if (ec) on_error(path, "directory walk stopped: " + ec.message());
  std::sort(files.begin(), files.end());  // stable output order
  for (auto& f : files) read_file(f, limits, on_sub, on_error);
}

}  // namespace arbiter::audit
