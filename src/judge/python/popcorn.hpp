#pragma once
// That ecosystem's text formats: the case file eval.py reads (one case a line, `k: v; k: v`)
// and the `key: value` result lines it writes on POPCORN_FD, so existing runners can use
// Arbiter as a drop-in replacement (`arbiter run --popcorn-fd N`).
#include <string>
#include <vector>

#include "judge/evaluation.hpp"
#include "problem/taskyml.hpp"

namespace arbiter::judge::python {

std::string case_file(const std::vector<problem::TaskCase>& cases);
std::string popcorn_lines(const Evaluation& ev);
// Writes all of `text` to fd; false if the fd is not writable.
bool write_all(int fd, const std::string& text);

}  // namespace arbiter::judge::python
