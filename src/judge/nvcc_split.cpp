#include "judge/nvcc_split.hpp"

#include <algorithm>
#include <cctype>

#include "core/crypto.hpp"

namespace arbiter::judge {
namespace {

// The words of one shell command line as /bin/sh would split them (quotes and
// backslashes removed, nothing expanded): enough to tell nvcc's steps and their
// files apart.
std::vector<std::string> shell_words(std::string_view s) {
  std::vector<std::string> words;
  std::string w;
  bool in_word = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == ' ' || c == '\t') {
      if (in_word) words.push_back(std::move(w));
      w.clear();
      in_word = false;
      continue;
    }
    in_word = true;
    if (c == '\'') {
      for (++i; i < s.size() && s[i] != '\''; ++i) w += s[i];
    } else if (c == '"') {
      for (++i; i < s.size() && s[i] != '"'; ++i) {
        if (s[i] == '\\' && i + 1 < s.size() && std::string_view("\"\\$`").find(s[i + 1]) != std::string_view::npos)
          ++i;
        w += s[i];
      }
    } else if (c == '\\' && i + 1 < s.size()) {
      w += s[++i];
    } else {
      w += c;
    }
  }
  if (in_word) words.push_back(std::move(w));
  return words;
}

bool is_assignment(std::string_view line) {
  const std::size_t eq = line.find('=');
  if (eq == 0 || eq == std::string_view::npos) return false;
  if (std::isdigit(static_cast<unsigned char>(line[0]))) return false;
  return std::all_of(line.begin(), line.begin() + static_cast<std::ptrdiff_t>(eq),
                     [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; });
}

std::string sh_quote(std::string_view s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

// The tool a step runs: the last path component of its first word
// ("$CICC_PATH/cicc" is cicc).
std::string tool(const NvccStep &s) {
  if (s.tokens.empty()) return {};
  const std::string &w = s.tokens.front();
  return w.substr(w.rfind('/') == std::string::npos ? 0 : w.rfind('/') + 1);
}

// The word after `flag` in a step, or "" when the flag is absent.
std::string flag_value(const NvccStep &s, std::string_view flag) {
  for (std::size_t i = 0; i + 1 < s.tokens.size(); ++i)
    if (s.tokens[i] == flag) return s.tokens[i + 1];
  return {};
}

bool mentions(const NvccStep &s, std::string_view word) {
  return std::find(s.tokens.begin(), s.tokens.end(), word) != s.tokens.end();
}

std::string and_chain(const std::vector<const NvccStep *> &steps) {
  std::string s;
  for (const NvccStep *st : steps) s += (s.empty() ? "" : " && ") + st->text;
  return s;
}

}  // namespace

std::vector<NvccStep> parse_nvcc_dryrun(std::string_view dryrun) {
  std::vector<NvccStep> steps;
  std::size_t pos = 0;
  while (pos < dryrun.size()) {
    std::size_t end = dryrun.find('\n', pos);
    if (end == std::string_view::npos) end = dryrun.size();
    std::string_view line = dryrun.substr(pos, end - pos);
    pos = end + 1;
    if (!line.starts_with("#$ ")) continue;
    line.remove_prefix(3);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\r')) line.remove_suffix(1);
    NvccStep st;
    st.text = std::string(line);
    st.assignment = is_assignment(line);
    if (!st.assignment) st.tokens = shell_words(line);
    steps.push_back(std::move(st));
  }
  return steps;
}

std::optional<std::string> split_nvcc_script(const std::vector<NvccStep> &steps, std::string_view module_id,
                                             const std::string &log_dir) {
  std::string script = "set -u\n";
  std::vector<const NvccStep *> cmds;
  for (const NvccStep &s : steps) {
    if (s.assignment) {
      if (!cmds.empty())
        return std::nullopt;  // nvcc sets its environment first; anything else
                              // is unknown
      const std::size_t eq = s.text.find('=');
      std::string_view value = std::string_view(s.text).substr(eq + 1);
      script += "export " + s.text.substr(0, eq) + "=" + sh_quote(value) + "\n";
    } else if (!s.tokens.empty()) {
      cmds.push_back(&s);
    }
  }
  // pre: nvcc's removal of stale files; host: up to cudafe++; device: up to the
  // host compile.
  std::size_t i = 0;
  // (nvcc removes a stale file that is usually not there and goes on either
  // way)
  for (; i < cmds.size() && tool(*cmds[i]) == "rm"; ++i) script += cmds[i]->text + " 2>/dev/null\n";
  const auto fe = std::find_if(cmds.begin(), cmds.end(), [](const NvccStep *s) { return tool(*s) == "cudafe++"; });
  if (fe == cmds.end() ||
      std::count_if(cmds.begin(), cmds.end(), [](const NvccStep *s) { return tool(*s) == "cudafe++"; }) != 1)
    return std::nullopt;
  const std::size_t fe_at = static_cast<std::size_t>(fe - cmds.begin());
  const NvccStep &cudafe = **fe;
  const std::string module_file = flag_value(cudafe, "--module_id_file_name");
  const std::string host_c = flag_value(cudafe, "--gen_c_file_name");
  const std::string host_ii = cudafe.tokens.back();
  const std::string gen_flag = " --gen_module_id_file ";
  if (fe_at <= i || module_file.empty() || host_c.empty() || !mentions(cudafe, "--gen_module_id_file") ||
      cudafe.text.find(gen_flag) == std::string::npos)
    return std::nullopt;
  std::vector<const NvccStep *> host(cmds.begin() + static_cast<std::ptrdiff_t>(i), fe + 1), device, rest;
  std::size_t j = fe_at + 1;
  for (; j < cmds.size() && !mentions(*cmds[j], host_c); ++j) device.push_back(cmds[j]);
  rest.assign(cmds.begin() + static_cast<std::ptrdiff_t>(j), cmds.end());
  const bool cicc_reads_id = std::any_of(device.begin(), device.end(), [&](const NvccStep *s) {
    return tool(*s) == "cicc" && flag_value(*s, "--module_id_file_name") == module_file;
  });
  const bool device_alone = std::none_of(device.begin(), device.end(), [&](const NvccStep *s) {
    return mentions(*s, host_ii) || mentions(*s, "--gen_module_id_file") || tool(*s) == "cudafe++";
  });
  const bool host_alone = std::none_of(host.begin(), host.end(), [](const NvccStep *s) {
    const std::string t = tool(*s);
    return t == "cicc" || t == "ptxas" || t == "fatbinary" || t == "nvlink";
  });
  if (device.empty() || rest.empty() || !cicc_reads_id || !device_alone || !host_alone) return std::nullopt;

  // cudafe++ reads the id written here instead of generating it, so cicc need
  // not wait for it.
  NvccStep reads_id = cudafe;
  reads_id.text.replace(reads_id.text.find(gen_flag), gen_flag.size(), " ");
  host.back() = &reads_id;
  const std::string host_log = sh_quote(log_dir + "/host-front-end.log");
  const std::string device_log = sh_quote(log_dir + "/device-front-end.log");
  script += "printf '%s' " + sh_quote(module_id) + " > " + sh_quote(module_file) + " || exit $?\n";
  script += "{ " + and_chain(host) + "; } > " + host_log + " 2>&1 &\nh=$!\n";
  script += "{ " + and_chain(device) + "; } > " + device_log + " 2>&1 &\nd=$!\n";
  script += "wait $h; hs=$?\nwait $d; ds=$?\n";
  // nvcc reports the host front end's errors and stops there; the device's only
  // after it.
  script += "cat " + host_log + "\nif [ $hs -ne 0 ]; then exit $hs; fi\n";
  script += "cat " + device_log + "\nif [ $ds -ne 0 ]; then exit $ds; fi\n";
  for (const NvccStep *s : rest) script += s->text + " || exit $?\n";
  return script;
}

std::string nvcc_module_id(std::string_view source, std::string_view file_name) {
  std::string id = "_" + sha256_hex(std::string(source)).substr(0, 16) + "_";
  for (char c : file_name) id += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  return id;
}

}  // namespace arbiter::judge
