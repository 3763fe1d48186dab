#include "service/web_plot.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "service/util.hpp"

namespace arbiter::service::web {

std::string format_ns(double ns) {
  char buf[48];
  if (ns >= 1e9)
    std::snprintf(buf, sizeof buf, "%.3g s", ns / 1e9);
  else if (ns >= 1e6)
    std::snprintf(buf, sizeof buf, "%.3g ms", ns / 1e6);
  else if (ns >= 1e3)
    std::snprintf(buf, sizeof buf, "%.3g µs", ns / 1e3);
  else
    std::snprintf(buf, sizeof buf, "%.3g ns", ns);
  return buf;
}

std::string samples_svg(const std::vector<double>& samples, const std::string& title) {
  const double W = 640, H = 240, L = 70, R = 12, T = 28, B = 36;
  std::string out;
  char buf[256];
  std::snprintf(buf, sizeof buf,
                "<svg class=\"plot\" viewBox=\"0 0 %.0f %.0f\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\">", W, H);
  out += buf;
  out += "<title>" + html_escape(title) + ": time per iteration</title>";
  out += "<text x=\"" + std::to_string(static_cast<int>(L)) + "\" y=\"18\" class=\"pt\">" + html_escape(title) +
         "</text>";
  if (samples.empty()) {
    out += "<text x=\"" + std::to_string(static_cast<int>(W / 2)) +
           "\" y=\"120\" text-anchor=\"middle\" class=\"pl\">no per-iteration samples in this report</text></svg>";
    return out;
  }
  std::vector<double> sorted = samples;
  std::sort(sorted.begin(), sorted.end());
  double lo = sorted.front(), hi = sorted.back(), med = sorted[sorted.size() / 2];
  if (hi <= lo) {
    hi = lo * 1.05 + 1;
    lo = lo * 0.95;
  }
  double pad = (hi - lo) * 0.05;
  lo = std::max(0.0, lo - pad);
  hi += pad;
  auto X = [&](std::size_t i) {
    return L + (samples.size() == 1 ? 0.5 : static_cast<double>(i) / static_cast<double>(samples.size() - 1)) *
                   (W - L - R);
  };
  auto Y = [&](double v) { return T + (1.0 - (v - lo) / (hi - lo)) * (H - T - B); };
  // Axes, grid and labels.
  for (int k = 0; k <= 4; ++k) {
    double v = lo + (hi - lo) * k / 4.0;
    std::snprintf(buf, sizeof buf, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" class=\"grid\"/>", L, Y(v),
                  W - R, Y(v));
    out += buf;
    std::snprintf(buf, sizeof buf, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" class=\"pl\">", L - 6, Y(v) + 4);
    out += buf;
    out += format_ns(v) + "</text>";
  }
  std::snprintf(buf, sizeof buf,
                "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" class=\"axis\"/>"
                "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" class=\"pl\">iteration (1 … %zu)</text>",
                L, H - B, W - R, H - B, (L + W - R) / 2, H - 8, samples.size());
  out += buf;
  // Points (at most ~1500 drawn, evenly strided, so the page stays light).
  std::size_t stride = std::max<std::size_t>(1, samples.size() / 1500);
  out += "<g class=\"pts\">";
  for (std::size_t i = 0; i < samples.size(); i += stride) {
    std::snprintf(buf, sizeof buf, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2\"/>", X(i), Y(samples[i]));
    out += buf;
  }
  out += "</g>";
  std::snprintf(buf, sizeof buf,
                "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" class=\"med\"/>"
                "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" class=\"ml\">median ",
                L, Y(med), W - R, Y(med), W - R - 4, Y(med) - 5);
  out += buf;
  out += format_ns(med) + "</text></svg>";
  return out;
}

}  // namespace arbiter::service::web
