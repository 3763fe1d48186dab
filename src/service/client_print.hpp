#pragma once
// Plain-text rendering for the CLI client (tables of submissions, jobs and leaderboards).
#include <nlohmann/json.hpp>
#include <string>

namespace arbiter::service::client {

std::string submission_table(const nlohmann::json& submission);
std::string submissions_list(const nlohmann::json& list);
std::string leaderboard_table(const nlohmann::json& board);
std::string progress_line(const nlohmann::json& submission, double elapsed_s);

}  // namespace arbiter::service::client
