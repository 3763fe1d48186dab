#pragma once
// A reference-kernels competition file (problems/<set>.yaml: name, deadline, description,
// problems: [{directory, name, deadline, gpus}]) read into one leaderboard per problem.
#include <string>
#include <vector>

namespace arbiter::service::competition {

struct Entry {
  std::string leaderboard;  // the problem's name, made safe for a leaderboard name
  std::string directory;    // absolute problem directory
  std::string deadline;     // as written (ISO 8601), or the competition's, or ""
  std::vector<std::string> gpus;
};

// Throws std::runtime_error with the file and the problem's position on malformed input.
std::vector<Entry> read(const std::string& path);

}  // namespace arbiter::service::competition
