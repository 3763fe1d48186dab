#pragma once
// Summary statistics over per-iteration times (plain data in, plain data out).
#include <cstdint>
#include <vector>

namespace arbiter::judge {

struct Summary {
  std::size_t runs = 0;
  double mean = 0, median = 0, min = 0, max = 0, std = 0, rel_err = 0;  // rel_err = std/sqrt(n)/mean
};

Summary summarise(const std::vector<double>& samples);
double percentile(std::vector<double> v, double q);  // q in [0,1], linear interpolation

// How benchmark means become one score (native `ranking` and task.yml `ranking_by` alike).
enum class ScoreRule { last, mean, geomean };
double aggregate_score(const std::vector<double>& means, ScoreRule rule);  // means non-empty

}  // namespace arbiter::judge
