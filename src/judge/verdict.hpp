#pragma once
// DESIGN §8: every verdict carries a one-line reason a competitor can act on.
#include <stdexcept>
#include <string>

namespace arbiter::judge {

enum class Verdict { pass, wrong_answer, rejected, timeout, crash, compile_error, error };
const char* verdict_name(Verdict v);

// Thrown when the run cannot go on (the contestant broke a rule, died or hung).
struct Stop : std::runtime_error {
  Verdict verdict;
  Stop(Verdict v, const std::string& reason) : std::runtime_error(reason), verdict(v) {}
};

}  // namespace arbiter::judge
