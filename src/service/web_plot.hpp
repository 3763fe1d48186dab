#pragma once
// SVG plots for the web pages: each benchmark shape's per-iteration times, no JavaScript.
#include <string>
#include <vector>

namespace arbiter::service::web {

// A scatter of per-iteration times (ns) against iteration index, with the median drawn as a line
// and labelled axes; scales to its container's width.
std::string samples_svg(const std::vector<double>& samples_ns, const std::string& title);

// "1.23 µs" style formatting of a nanosecond value.
std::string format_ns(double ns);

}  // namespace arbiter::service::web
