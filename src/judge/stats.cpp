#include "judge/stats.hpp"

#include <algorithm>
#include <cmath>

namespace arbiter::judge {

double percentile(std::vector<double> v, double q) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  double pos = q * static_cast<double>(v.size() - 1);
  std::size_t lo = static_cast<std::size_t>(pos);
  std::size_t hi = std::min(lo + 1, v.size() - 1);
  return v[lo] + (v[hi] - v[lo]) * (pos - static_cast<double>(lo));
}

Summary summarise(const std::vector<double>& s) {
  Summary r;
  r.runs = s.size();
  if (s.empty()) return r;
  double sum = 0;
  for (double v : s) sum += v;
  r.mean = sum / static_cast<double>(s.size());
  r.min = *std::min_element(s.begin(), s.end());
  r.max = *std::max_element(s.begin(), s.end());
  r.median = percentile(s, 0.5);
  if (s.size() > 1) {
    double ss = 0;
    for (double v : s) ss += (v - r.mean) * (v - r.mean);
    r.std = std::sqrt(ss / static_cast<double>(s.size() - 1));
    r.rel_err = r.mean > 0 ? r.std / std::sqrt(static_cast<double>(s.size())) / r.mean : 0;
  }
  return r;
}

double aggregate_score(const std::vector<double>& means, ScoreRule rule) {
  const double n = static_cast<double>(means.size());
  double s = 0;
  switch (rule) {
    case ScoreRule::last: return means.back();
    case ScoreRule::mean:
      for (double m : means) s += m / n;
      return s;
    case ScoreRule::geomean:
      for (double m : means) s += std::log(std::max(m, 1.0)) / n;  // 1 ns floor: log of a positive time
      return std::exp(s);
  }
  return s;
}

}  // namespace arbiter::judge
