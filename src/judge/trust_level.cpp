#include "judge/trust_level.hpp"

#include <fstream>
#include <iterator>

#include "core/error.hpp"

namespace arbiter::judge {
namespace {

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// The source without comments and string or character literals, so that a kernels-only file that
// mentions the host entry point in a comment is still taken for one.
std::string code_only(const std::string& src) {
  std::string out;
  out.reserve(src.size());
  for (std::size_t i = 0; i < src.size(); ++i) {
    const char c = src[i], n = i + 1 < src.size() ? src[i + 1] : '\0';
    if (c == '/' && n == '/') {
      while (i < src.size() && src[i] != '\n') ++i;
      out += '\n';
    } else if (c == '/' && n == '*') {
      const std::size_t end = src.find("*/", i + 2);
      i = end == std::string::npos ? src.size() : end + 1;
      out += ' ';
    } else if (c == '"' || c == '\'') {
      for (++i; i < src.size() && src[i] != c; ++i)
        if (src[i] == '\\') ++i;
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

// Whether a .cu file defines or names the host-level entry point in its code (`--trust device`
// overrides a definition that is there for another purpose).
bool defines_host_entry(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) fail("cannot read {}", path);
  const std::string source((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  return code_only(source).find("arbiter_kernel") != std::string::npos;
}

}  // namespace

const char* trust_level_name(TrustLevel t) { return t == TrustLevel::device ? "device" : "host"; }

bool is_device_binary(const std::string& path) {
  return ends_with(path, ".cubin") || ends_with(path, ".fatbin") || ends_with(path, ".ptx");
}

TrustLevel resolve_trust_level(const problem::Problem& p, const std::string& path, const std::string& requested) {
  if (requested != "auto" && requested != "host" && requested != "device")
    fail("unknown trust level '{}': auto, host or device", requested);
  const bool binary = is_device_binary(path), cu = ends_with(path, ".cu");
  const bool device_capable = binary || cu;
  if (requested == "device" || binary) {
    if (!device_capable)
      fail("the device trust level takes kernels only: a .cu of __global__ functions, or a .cubin, .fatbin or .ptx "
           "(got {})", path);
    if (requested == "host") fail("{} is device code only: it runs at the device trust level, not host", path);
    if (!p.launch)
      fail("problem '{}' has no launch description ([launch] in problem.toml), so it cannot run kernels-only "
           "submissions; submit a .cu with an arbiter_kernel host function instead", p.name);
    return TrustLevel::device;
  }
  if (p.launch && p.launch->required) {
    if (requested == "host")
      fail("problem '{}' requires the device trust level ([launch] required = true): submit kernels only", p.name);
    if (!cu)
      fail("problem '{}' requires the device trust level ([launch] required = true): submit a .cu of __global__ "
           "functions, or a .cubin, .fatbin or .ptx (got {})", p.name, path);
    return TrustLevel::device;
  }
  if (requested == "auto" && cu && p.launch && !defines_host_entry(path))
    return TrustLevel::device;
  return TrustLevel::host;
}

}  // namespace arbiter::judge
