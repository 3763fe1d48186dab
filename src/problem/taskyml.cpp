// task.yml → TaskYml, exactly as reference-kernels reads it: defaults of 180 s and `last`,
// `@SUBMISSION@` files, list-valued case fields. Unknown top-level keys are accepted (that
// ecosystem adds new ones often) but every known key is type-checked with file and line.
#include "problem/taskyml.hpp"

#include <yaml-cpp/yaml.h>

#include <cmath>
#include <sstream>

#include "core/error.hpp"
#include "problem/taskyml_yaml.hpp"

namespace arbiter::problem {
namespace fs = std::filesystem;

namespace {

TaskCase load_case(const YamlCtx& c, const YAML::Node& n, const std::string& where, bool multi_gpu) {
  if (!n.IsMap()) c.at(n, where, "must be a mapping of case fields");
  TaskCase tc;
  for (auto it = n.begin(); it != n.end(); ++it) {
    const std::string key = it->first.as<std::string>();
    tc.fields.emplace_back(key, c.case_value(it->second, where + "." + key));
  }
  if (multi_gpu && !tc.get("world_size")) c.at(n, where, "multi_gpu is true, so every case needs world_size");
  return tc;
}

std::vector<TaskCase> load_cases(const YamlCtx& c, const YAML::Node& root, const char* key, bool multi_gpu) {
  std::vector<TaskCase> out;
  const YAML::Node n = root[key];
  if (!n) return out;
  if (!n.IsSequence()) c.at(n, key, "must be a list of cases");
  for (std::size_t i = 0; i < n.size(); ++i) out.push_back(load_case(c, n[i], fmt::format("{}[{}]", key, i), multi_gpu));
  return out;
}

}  // namespace

bool is_task_dir(const fs::path& dir) { return fs::is_regular_file(dir / "task.yml"); }

const char* ranking_name(TaskRanking r) {
  switch (r) {
    case TaskRanking::last: return "last";
    case TaskRanking::mean: return "mean";
    case TaskRanking::geom: return "geom";
  }
  return "last";
}

TaskYml load_task_yml(const fs::path& dir_in) {
  TaskYml t;
  t.dir = fs::absolute(dir_in).lexically_normal();
  if (t.dir.filename().empty()) t.dir = t.dir.parent_path();
  t.name = t.dir.filename().string();
  const fs::path file = t.dir / "task.yml";
  YamlCtx c{file.string()};
  const YAML::Node root = c.load();
  if (!root.IsMap()) c.at(root, "(top level)", "must be a mapping");

  t.lang = c.str(root, "lang", true);
  if (t.lang != "py" && t.lang != "cu") c.at(root["lang"], "lang", "must be \"py\" or \"cu\"");
  t.description = c.str(root, "description", false);

  const YAML::Node files = root["files"];
  if (!files || !files.IsSequence()) c.at(files ? files : root, "files", "is required: a list of {name, source}");
  bool has_submission = false;
  for (std::size_t i = 0; i < files.size(); ++i) {
    const std::string where = fmt::format("files[{}]", i);
    if (!files[i].IsMap()) c.at(files[i], where, "must be a mapping with name and source");
    TaskFile f{c.str(files[i], "name", true, where + "."), c.str(files[i], "source", true, where + ".")};
    if (f.name.find('/') != std::string::npos || f.name == ".." || f.name.empty())
      c.at(files[i]["name"], where + ".name", "must be a plain file name (files are materialised flat)");
    if (f.is_submission()) has_submission = true;
    else if (!fs::is_regular_file(t.dir / f.source))
      c.at(files[i]["source"], where + ".source", fmt::format("file {} does not exist", (t.dir / f.source).string()));
    t.files.push_back(f);
  }
  if (!has_submission) c.at(files, "files", "no entry has source \"@SUBMISSION@\"");

  const YAML::Node config = root["config"];
  if (!config || !config.IsMap()) c.at(config ? config : root, "config", "is required: a mapping");
  if (t.lang == "py") t.main = c.str(config, "main", true, "config.");
  else t.sources = c.str_list(config, "sources", "config.");

  if (const YAML::Node tp = root["templates"]) {
    if (!tp.IsMap()) c.at(tp, "templates", "must be a mapping of language to file");
    for (auto it = tp.begin(); it != tp.end(); ++it) t.templates[it->first.as<std::string>()] = c.scalar(it->second, "templates");
  }
  t.gpus = c.str_list(root, "gpus");
  t.libraries = c.str_list(root, "libraries");
  t.test_timeout = c.seconds(root, "test_timeout", 180);
  t.benchmark_timeout = c.seconds(root, "benchmark_timeout", 180);
  t.ranked_timeout = c.seconds(root, "ranked_timeout", 180);
  const std::string ranking = c.str(root, "ranking_by", false, "", "last");
  if (ranking == "last") t.ranking_by = TaskRanking::last;
  else if (ranking == "mean") t.ranking_by = TaskRanking::mean;
  else if (ranking == "geom") t.ranking_by = TaskRanking::geom;
  else c.at(root["ranking_by"], "ranking_by", "must be last, mean or geom");
  if (const YAML::Node s = root["seed"]) t.seed = c.integer(s, "seed");
  if (const YAML::Node m = root["multi_gpu"]) t.multi_gpu = c.boolean(m, "multi_gpu");
  if (const YAML::Node a = root["arbiter"]) {
    if (!a.IsMap()) c.at(a, "arbiter", "must be a mapping");
    if (const YAML::Node f = a["check_fraction"]) {
      t.check_fraction = c.real(f, "arbiter.check_fraction");
      if (!(t.check_fraction > 0 && t.check_fraction <= 1)) c.at(f, "arbiter.check_fraction", "must be in (0, 1]");
    }
  }
  t.tests = load_cases(c, root, "tests", t.multi_gpu);
  t.benchmarks = load_cases(c, root, "benchmarks", t.multi_gpu);
  if (t.tests.empty()) c.at(root, "tests", "at least one test case is required");
  return t;
}

fs::path TaskYml::reference_py() const {
  for (auto& f : files)
    if (f.name == "reference.py" && !f.is_submission()) return dir / f.source;
  fail("{}: field 'files': no entry named reference.py (the oracle needs generate_input, ref_kernel and "
       "check_implementation)", (dir / "task.yml").string());
}

std::vector<TaskCase> TaskYml::ranked_benchmarks() const {
  if (ranking_by == TaskRanking::last && !benchmarks.empty()) return {benchmarks.back()};
  return benchmarks;
}

const CaseValue* TaskCase::get(const std::string& key) const {
  for (auto& [k, v] : fields)
    if (k == key) return &v;
  return nullptr;
}

std::string TaskCase::spec() const {
  std::string s;
  for (auto& [k, v] : fields) s += (s.empty() ? "" : "; ") + k + ": " + v.python_str();
  return s;
}

std::string TaskCase::json() const {
  std::string s = "{";
  for (auto& [k, v] : fields) s += (s.size() > 1 ? ", " : "") + YamlCtx::json_string(k) + ": " + v.json();
  return s + "}";
}

std::string CaseValue::python_str() const {
  switch (kind) {
    case Kind::integer: return std::to_string(integer);
    case Kind::real: {
      // Python's repr of a float: shortest round-trip, always with a '.' or exponent.
      if (std::isinf(real)) return real > 0 ? "inf" : "-inf";
      if (std::isnan(real)) return "nan";
      std::string s = fmt::format("{}", real);
      if (s.find_first_of(".eEn") == std::string::npos) s += ".0";
      return s;
    }
    case Kind::boolean: return boolean ? "True" : "False";
    case Kind::word: return word;
    case Kind::list: {
      std::string s = "[";
      for (std::size_t i = 0; i < items.size(); ++i) s += (i ? ", " : "") + items[i].python_repr();
      return s + "]";
    }
  }
  return "";
}

std::string CaseValue::python_repr() const {
  return kind == Kind::word ? "'" + word + "'" : python_str();
}

std::string CaseValue::json() const {
  switch (kind) {
    case Kind::integer: return std::to_string(integer);
    case Kind::real: return std::isfinite(real) ? fmt::format("{}", real) : "null";
    case Kind::boolean: return boolean ? "true" : "false";
    case Kind::word: return YamlCtx::json_string(word);
    case Kind::list: {
      std::string s = "[";
      for (std::size_t i = 0; i < items.size(); ++i) s += (i ? ", " : "") + items[i].json();
      return s + "]";
    }
  }
  return "null";
}

}  // namespace arbiter::problem
