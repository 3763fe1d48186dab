#pragma once
// Small helpers shared by the service's units: clock, hashing, encodings, validation.
#include <cstdint>
#include <string>
#include <string_view>

namespace arbiter::service {

std::int64_t now_ms();
std::string hex(const unsigned char* data, std::size_t n);
std::string sha256_hex(std::string_view data);
std::string base64_encode(std::string_view data);
bool base64_decode(std::string_view in, std::string& out);
std::string random_hex(std::size_t bytes);
bool valid_utf8(std::string_view s);
// A submission or problem file name: [A-Za-z0-9._-], 1..100 chars, no leading dot, no "..".
bool safe_file_name(std::string_view name);
// A relative path of safe_file_name components separated by '/'.
bool safe_relative_path(std::string_view path);
// A leaderboard or user name: [A-Za-z0-9_-], 1..64 chars.
bool safe_name(std::string_view name);
std::string iso_time(std::int64_t ms);
std::string html_escape(std::string_view s);

}  // namespace arbiter::service
