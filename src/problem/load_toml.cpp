// problem.toml → Problem. Strict: unknown keys, wrong types and impossible values are errors
// that name the file, line and field, because a silently ignored typo changes a contest.
#include <toml++/toml.h>

#include <algorithm>
#include <set>

#include "core/error.hpp"
#include "problem/problem.hpp"
#include "problem/toml_ctx.hpp"

namespace arbiter::problem {
namespace fs = std::filesystem;

namespace {

TensorSpec load_tensor(const Ctx& c, const toml::table& t, const std::string& where, bool is_input) {
  c.only_keys(t, where, {"name", "dtype", "shape", "distributions", "range"});
  TensorSpec s;
  s.name = c.str(t, where + ".", "name", true);
  if (s.name.empty()) c.at(t.get("name"), where + ".name", "must not be empty");
  std::string dt = c.str(t, where + ".", "dtype", true);
  auto d = parse_dtype(dt);
  if (!d) c.at(t.get("dtype"), where + ".dtype", "unknown dtype '" + dt + "' (f32, f64, f16, bf16, i32, i64, u8)");
  s.dtype = *d;
  const toml::node* sh = t.get("shape");
  if (!sh || !sh->is_array()) c.at(sh ? sh : &t, where + ".shape", "must be an array of expressions, e.g. [\"n\"]");
  for (auto&& dim : *sh->as_array()) {
    if (dim.is_integer()) s.shape.push_back(Expr::parse(std::to_string(dim.as_integer()->get())));
    else if (dim.is_string()) {
      try {
        s.shape.push_back(Expr::parse(dim.as_string()->get()));
      } catch (const Error& e) {
        c.at(&dim, where + ".shape", e.what());
      }
    } else c.at(&dim, where + ".shape", "each dimension must be an integer or an expression string");
  }
  if (s.shape.size() > 8) c.at(sh, where + ".shape", "at most 8 dimensions");
  if (const toml::node* ds = t.get("distributions")) {
    if (!is_input) c.at(ds, where + ".distributions", "only inputs have distributions");
    if (!ds->is_array() || ds->as_array()->empty()) c.at(ds, where + ".distributions", "must be a non-empty array");
    s.distributions.clear();
    for (auto&& e : *ds->as_array()) {
      auto dist = e.is_string() ? parse_distribution(e.as_string()->get()) : std::nullopt;
      if (!dist) c.at(&e, where + ".distributions", "unknown distribution (normal, uniform, large, zeros, denormal)");
      s.distributions.push_back(*dist);
    }
  } else if (!dtype_is_float(s.dtype)) {
    s.distributions = {Distribution::uniform};
    s.lo = s.dtype == DType::u8 ? 0 : -1000;
    s.hi = s.dtype == DType::u8 ? 255 : 1000;
  }
  if (const toml::node* r = t.get("range")) {
    const toml::array* a = r->as_array();
    if (!a || a->size() != 2 || !(*a)[0].is_number() || !(*a)[1].is_number())
      c.at(r, where + ".range", "must be [low, high]");
    s.lo = (*a)[0].value<double>().value_or(0);
    s.hi = (*a)[1].value<double>().value_or(0);
    if (!(s.lo <= s.hi)) c.at(r, where + ".range", "low must not exceed high");
  }
  return s;
}

Case load_case(const Ctx& c, const toml::table& t, const std::string& where, const Problem& p, std::size_t index) {
  c.only_keys(t, where, {"name", "distribution", "seed"}, true);
  Case k;
  for (auto&& [key, v] : t) {
    if (!v.is_integer()) continue;
    std::string name(key.str());
    if (name == "seed") continue;
    if (std::find(p.params.begin(), p.params.end(), name) == p.params.end())
      c.at(&v, where + "." + name, "is not one of the problem's params");
    k.params[name] = v.as_integer()->get();
    if (k.params[name] < 0) c.at(&v, where + "." + name, "must not be negative");
  }
  for (auto& name : p.params)
    if (!k.params.count(name)) c.at(&t, where + "." + name, "is required (the problem declares this param)");
  k.name = c.str(t, where + ".", "name", false);
  if (k.name.empty()) {
    for (auto& [n, v] : k.params) k.name += (k.name.empty() ? "" : ",") + n + "=" + std::to_string(v);
  }
  std::string dist = c.str(t, where + ".", "distribution", false, "normal");
  auto d = parse_distribution(dist);
  if (!d) c.at(t.get("distribution"), where + ".distribution", "unknown distribution '" + dist + "'");
  k.distribution = *d;
  for (auto& in : p.inputs) {
    bool allowed = std::find(in.distributions.begin(), in.distributions.end(), *d) != in.distributions.end();
    if (!allowed && dtype_is_float(in.dtype))
      c.at(t.get("distribution"), where + ".distribution", "input '" + in.name + "' does not allow '" + dist + "'");
  }
  if (const toml::node* s = t.get("seed")) {
    if (!s->is_integer()) c.at(s, where + ".seed", "must be an integer");
    k.seed = static_cast<uint64_t>(s->as_integer()->get());
  } else {
    k.seed = 1000 + index;
  }
  return k;
}

std::vector<Case> load_cases(const Ctx& c, const toml::table& root, std::string_view key, const Problem& p,
                             bool required) {
  std::vector<Case> out;
  const toml::node* n = root.get(key);
  if (!n) {
    if (required) c.at(&root, std::string(key), "is required: add at least one [[" + std::string(key) + "]] table");
    return out;
  }
  if (!n->is_array_of_tables()) c.at(n, std::string(key), "must be an array of tables ([[" + std::string(key) + "]])");
  std::size_t i = 0;
  for (auto&& e : *n->as_array()) {
    out.push_back(load_case(c, *e.as_table(), fmt::format("{}[{}]", key, i), p, i));
    ++i;
  }
  return out;
}

void check_expr_names(const Ctx& c, const toml::node* n, const std::string& field, const Expr& e,
                      const std::vector<std::string>& params) {
  std::set<std::string> names;
  e.names(names);
  for (auto& nm : names)
    if (std::find(params.begin(), params.end(), nm) == params.end())
      c.at(n, field, "uses '" + nm + "', which is not one of the problem's params");
}

}  // namespace

Problem load_problem(const fs::path& dir) {
  const fs::path file = dir / "problem.toml";
  Ctx c{file.string()};
  if (!fs::exists(file)) fail("{}: not found (a problem directory holds problem.toml or task.yml)", file.string());
  toml::table root;
  try {
    root = toml::parse_file(file.string());
  } catch (const toml::parse_error& e) {
    fail("{}:{}:{}: {}", file.string(), e.source().begin.line, e.source().begin.column, e.description());
  }
  c.only_keys(root, "", {"name", "description", "params", "ranking", "inputs", "outputs", "reference", "check",
                         "limits", "floor", "tests", "benchmarks", "secret", "baseline", "launch"});
  Problem p;
  p.dir = fs::absolute(dir);
  p.name = c.str(root, "", "name", true);
  p.description = c.str(root, "", "description", false);
  if (const toml::node* ps = root.get("params")) {
    if (!ps->is_array()) c.at(ps, "params", "must be an array of names");
    for (auto&& e : *ps->as_array()) {
      if (!e.is_string()) c.at(&e, "params", "each param must be a string");
      p.params.push_back(e.as_string()->get());
    }
  }
  std::string rank = c.str(root, "", "ranking", false, "geomean");
  if (rank == "mean") p.ranking = Ranking::mean;
  else if (rank == "geomean" || rank == "geom") p.ranking = Ranking::geomean;
  else if (rank == "last") p.ranking = Ranking::last;
  else c.at(root.get("ranking"), "ranking", "must be mean, geomean or last");

  for (auto [key, list, is_input] : {std::tuple{"inputs", &p.inputs, true}, std::tuple{"outputs", &p.outputs, false}}) {
    const toml::node* n = root.get(key);
    if (!n || !n->is_array_of_tables() || n->as_array()->empty())
      c.at(n ? n : &root, key, std::string("needs at least one [[") + key + "]] table");
    std::size_t i = 0;
    for (auto&& e : *n->as_array()) {
      std::string where = fmt::format("{}[{}]", key, i++);
      list->push_back(load_tensor(c, *e.as_table(), where, is_input));
      for (auto& d : list->back().shape) check_expr_names(c, e.as_table()->get("shape"), where + ".shape", d, p.params);
    }
  }
  std::set<std::string> seen;
  for (auto* list : {&p.inputs, &p.outputs})
    for (auto& t : *list)
      if (!seen.insert(t.name).second) c.at(&root, "inputs/outputs", "tensor name '" + t.name + "' is used twice");

  const toml::table* ref = c.table(root, "reference");
  if (!ref) c.at(&root, "reference", "is required: [reference] source = \"reference.cpp\"");
  c.only_keys(*ref, "reference", {"source", "flags"});
  std::string src = c.str(*ref, "reference.", "source", true);
  p.reference = fs::absolute(dir / src);
  if (src.find("..") != std::string::npos || fs::path(src).is_absolute())
    c.at(ref->get("source"), "reference.source", "must be a path inside the problem directory");
  if (!fs::exists(p.reference)) c.at(ref->get("source"), "reference.source", "file " + p.reference.string() + " not found");
  if (const toml::node* f = ref->get("flags")) {
    if (!f->is_array()) c.at(f, "reference.flags", "must be an array of strings");
    for (auto&& e : *f->as_array()) {
      if (!e.is_string()) c.at(&e, "reference.flags", "must be strings");
      p.reference_flags.push_back(e.as_string()->get());
    }
  }
  p.baseline_cpu = p.reference;
  if (const toml::table* bl = c.table(root, "baseline")) {
    c.only_keys(*bl, "baseline", {"cpu", "cuda"});
    for (auto [key, ext, dest] : {std::tuple{"cpu", ".cpp", &p.baseline_cpu}, std::tuple{"cuda", ".cu", &p.baseline_cuda}}) {
      const toml::node* n = bl->get(key);
      if (!n) continue;
      const std::string field = std::string("baseline.") + key;
      std::string f = c.str(*bl, "baseline.", key, true);
      if (f.empty()) {  // "" turns the default (the reference) off
        *dest = fs::path();
        continue;
      }
      if (f.find("..") != std::string::npos || fs::path(f).is_absolute())
        c.at(n, field, "must be a path inside the problem directory");
      if (fs::path(f).extension() != ext) c.at(n, field, std::string("must be a ") + ext + " file");
      *dest = fs::absolute(dir / f);
      if (!fs::exists(*dest)) c.at(n, field, "file " + dest->string() + " not found");
    }
  }
  if (const toml::table* ck = c.table(root, "check")) {
    c.only_keys(*ck, "check", {"rtol", "atol", "exact", "nan", "fraction"});
    p.check.rtol = c.num(*ck, "check.", "rtol", p.check.rtol, 0, 1);
    p.check.atol = c.num(*ck, "check.", "atol", p.check.atol, 0, 1e30);
    if (const toml::node* e = ck->get("exact")) {
      if (!e->is_boolean()) c.at(e, "check.exact", "must be true or false");
      p.check.exact = e->as_boolean()->get();
    }
    std::string nan = c.str(*ck, "check.", "nan", false, "error");
    if (nan == "error") p.check.nan = NanRule::error;
    else if (nan == "match") p.check.nan = NanRule::match;
    else c.at(ck->get("nan"), "check.nan", "must be 'error' (NaN/Inf never pass) or 'match' (must match the reference's)");
    p.check.fraction = c.num(*ck, "check.", "fraction", 1.0, 0.01, 1.0);
  }
  if (const toml::table* lm = c.table(root, "limits")) {
    c.only_keys(*lm, "limits", {"compile_s", "call_s", "test_s", "benchmark_s", "warmup_runs", "min_runs", "max_runs",
                                "rel_err", "memory_mb", "cpu_s"});
    auto& L = p.limits;
    L.compile_s = c.num(*lm, "limits.", "compile_s", L.compile_s, 1, 3600);
    L.call_s = c.num(*lm, "limits.", "call_s", L.call_s, 0.001, 600);
    L.test_s = c.num(*lm, "limits.", "test_s", L.test_s, 1, 3600);
    L.benchmark_s = c.num(*lm, "limits.", "benchmark_s", L.benchmark_s, 0.01, 3600);
    L.warmup_runs = static_cast<int>(c.num(*lm, "limits.", "warmup_runs", L.warmup_runs, 0, 1000));
    L.min_runs = static_cast<int>(c.num(*lm, "limits.", "min_runs", L.min_runs, 2, 1000000));
    L.max_runs = static_cast<int>(c.num(*lm, "limits.", "max_runs", L.max_runs, 2, 1000000));
    if (L.max_runs < L.min_runs) c.at(lm->get("max_runs"), "limits.max_runs", "must be at least limits.min_runs");
    L.rel_err = c.num(*lm, "limits.", "rel_err", L.rel_err, 1e-6, 1);
    L.memory_mb = static_cast<int64_t>(c.num(*lm, "limits.", "memory_mb", static_cast<double>(L.memory_mb), 16, 1 << 20));
    L.cpu_s = c.num(*lm, "limits.", "cpu_s", L.cpu_s, 1, 86400);
  }
  if (const toml::table* fl = c.table(root, "floor")) {
    c.only_keys(*fl, "floor", {"bytes", "flops"});
    for (auto [key, slot] : {std::pair{"bytes", &p.floor_bytes}, std::pair{"flops", &p.floor_flops}}) {
      std::string text = c.str(*fl, "floor.", key, false);
      if (text.empty()) continue;
      try {
        *slot = Expr::parse(text);
      } catch (const Error& e) {
        c.at(fl->get(key), std::string("floor.") + key, e.what());
      }
      check_expr_names(c, fl->get(key), std::string("floor.") + key, **slot, p.params);
    }
  }
  p.launch = load_launch(c, root, p);
  p.tests = load_cases(c, root, "tests", p, true);
  p.benchmarks = load_cases(c, root, "benchmarks", p, true);
  if (const toml::table* sc = c.table(root, "secret")) {
    p.secret.count = static_cast<int>(c.num(*sc, "secret.", "count", 2, 0, 100));
    for (auto&& [k, v] : *sc) {
      if (k.str() == "count") continue;
      std::string name(k.str());
      if (std::find(p.params.begin(), p.params.end(), name) == p.params.end())
        c.at(&v, "secret." + name, "is not one of the problem's params");
      const toml::array* a = v.as_array();
      if (!a || a->size() != 2 || !(*a)[0].is_integer() || !(*a)[1].is_integer())
        c.at(&v, "secret." + name, "must be [low, high] integers");
      int64_t lo = (*a)[0].as_integer()->get(), hi = (*a)[1].as_integer()->get();
      if (lo < 0 || lo > hi) c.at(&v, "secret." + name, "needs 0 <= low <= high");
      p.secret.ranges.push_back({name, {lo, hi}});
    }
    for (auto& name : p.params) {
      bool has = std::any_of(p.secret.ranges.begin(), p.secret.ranges.end(), [&](auto& r) { return r.first == name; });
      if (!has && p.secret.count > 0) c.at(sc, "secret." + name, "needs a [low, high] range for every param");
    }
  }
  // Every declared shape must evaluate on every case: catch bad expressions at load, not mid-run.
  for (auto* cases : {&p.tests, &p.benchmarks})
    for (auto& k : *cases)
      for (auto* list : {&p.inputs, &p.outputs})
        for (auto& t : *list) {
          try {
            (void)t.bytes(k.params);
          } catch (const Error& e) {
            fail("{}: case '{}', tensor '{}': {}", file.string(), k.name, t.name, e.what());
          }
        }
  return p;
}

}  // namespace arbiter::problem
