// [launch] → LaunchSpec: the kernels a device-level submission must define and how the harness
// launches them. Every name an expression uses must be a param or a knob.
#include <cctype>
#include <set>

#include "problem/toml_ctx.hpp"

namespace arbiter::problem {
namespace {

bool is_identifier(const std::string& s) {
  if (s.empty() || !(std::isalpha(static_cast<unsigned char>(s[0])) || s[0] == '_')) return false;
  return std::all_of(s.begin(), s.end(), [](char ch) { return std::isalnum(static_cast<unsigned char>(ch)) || ch == '_'; });
}

Expr parse_text(const Ctx& c, const toml::node& n, const std::string& field, const std::string& text,
                const std::set<std::string>& names) {
  Expr e;
  try {
    e = Expr::parse(text);
  } catch (const Error& err) {
    c.at(&n, field, err.what());
  }
  std::set<std::string> used;
  e.names(used);
  for (auto& u : used)
    if (!names.count(u)) c.at(&n, field, "uses '" + u + "', which is neither a param nor a knob");
  return e;
}

Expr parse_expr(const Ctx& c, const toml::node& n, const std::string& field, const std::set<std::string>& names) {
  if (n.is_integer()) return parse_text(c, n, field, std::to_string(n.as_integer()->get()), names);
  if (!n.is_string()) c.at(&n, field, "must be an integer or an expression string");
  return parse_text(c, n, field, n.as_string()->get(), names);
}

std::vector<Expr> dims(const Ctx& c, const toml::table& t, const std::string& where, const char* key,
                       const std::set<std::string>& names) {
  const toml::node* n = t.get(key);
  const std::string field = where + "." + key;
  if (!n || !n->is_array() || n->as_array()->empty() || n->as_array()->size() > 3)
    c.at(n ? n : &t, field, "is required: 1 to 3 dimensions (x, y, z), e.g. [\"(n + 255) / 256\"]");
  std::vector<Expr> out;
  for (auto&& d : *n->as_array()) out.push_back(parse_expr(c, d, field, names));
  return out;
}

LaunchArg parse_arg(const Ctx& c, const toml::node& n, const std::string& field, const Problem& p,
                    const std::vector<ScratchSpec>& scratch, const std::set<std::string>& names) {
  if (!n.is_string()) c.at(&n, field, "each argument must be a string: a tensor's name, or an expression[:type]");
  LaunchArg a;
  a.text = n.as_string()->get();
  for (std::size_t i = 0; i < p.inputs.size(); ++i)
    if (p.inputs[i].name == a.text) return {LaunchArg::Kind::input, i, {}, ScalarType::i64, a.text};
  for (std::size_t i = 0; i < p.outputs.size(); ++i)
    if (p.outputs[i].name == a.text) return {LaunchArg::Kind::output, i, {}, ScalarType::i64, a.text};
  for (std::size_t i = 0; i < scratch.size(); ++i)
    if (scratch[i].name == a.text) return {LaunchArg::Kind::scratch, i, {}, ScalarType::i64, a.text};
  std::string expr = a.text;
  if (auto colon = expr.rfind(':'); colon != std::string::npos) {
    const std::string type = expr.substr(colon + 1);
    expr.resize(colon);
    if (type == "i32") a.type = ScalarType::i32;
    else if (type == "i64") a.type = ScalarType::i64;
    else if (type == "u32") a.type = ScalarType::u32;
    else if (type == "u64") a.type = ScalarType::u64;
    else c.at(&n, field, "unknown scalar type '" + type + "' (i32, i64, u32, u64)");
  }
  a.value = parse_text(c, n, field, expr, names);
  return a;
}

}  // namespace

std::string_view scalar_type_name(ScalarType t) {
  switch (t) {
    case ScalarType::i32: return "i32";
    case ScalarType::i64: return "i64";
    case ScalarType::u32: return "u32";
    case ScalarType::u64: return "u64";
  }
  return "?";
}

std::optional<LaunchSpec> load_launch(const Ctx& c, const toml::table& root, const Problem& p) {
  const toml::table* lt = c.table(root, "launch");
  if (!lt) return std::nullopt;
  c.only_keys(*lt, "launch", {"kernels", "knobs", "required", "scratch"});
  LaunchSpec s;
  if (const toml::node* r = lt->get("required")) {
    if (!r->is_boolean()) c.at(r, "launch.required", "must be true or false");
    s.required = r->as_boolean()->get();
  }
  std::set<std::string> names(p.params.begin(), p.params.end());
  if (const toml::node* k = lt->get("knobs")) {
    if (!k->is_table()) c.at(k, "launch.knobs", "must be a table of NAME = default integer");
    for (auto&& [key, v] : *k->as_table()) {
      const std::string name(key.str()), field = "launch.knobs." + name;
      if (!is_identifier(name)) c.at(&v, field, "must be a C identifier (the submission's __device__ constant)");
      if (!v.is_integer()) c.at(&v, field, "must be an integer (the default when the submission sets none)");
      if (!names.insert(name).second) c.at(&v, field, "is already a param's name");
      s.knobs.emplace_back(name, v.as_integer()->get());
    }
  }
  if (const toml::node* sc = lt->get("scratch")) {
    if (!sc->is_array_of_tables()) c.at(sc, "launch.scratch", "must be an array of tables ([[launch.scratch]] name, bytes)");
    std::set<std::string> taken;
    for (auto& t : p.inputs) taken.insert(t.name);
    for (auto& t : p.outputs) taken.insert(t.name);
    std::size_t j = 0;
    for (auto&& e : *sc->as_array()) {
      const toml::table& t = *e.as_table();
      const std::string where = fmt::format("launch.scratch[{}]", j++);
      c.only_keys(t, where, {"name", "bytes"});
      ScratchSpec b;
      b.name = c.str(t, where + ".", "name", true);
      if (!is_identifier(b.name)) c.at(t.get("name"), where + ".name", "must be an identifier");
      if (!taken.insert(b.name).second || names.count(b.name))
        c.at(t.get("name"), where + ".name", "'" + b.name + "' is already a tensor's, a param's or a knob's name");
      const toml::node* bytes = t.get("bytes");
      if (!bytes) c.at(&t, where + ".bytes", "is required (an expression over the params and knobs)");
      // Params only: the judge lays out a case's memory before the submission (and its knobs) loads.
      b.bytes = parse_expr(c, *bytes, where + ".bytes", std::set<std::string>(p.params.begin(), p.params.end()));
      s.scratch.push_back(std::move(b));
    }
  }
  const toml::node* ks = lt->get("kernels");
  if (!ks || !ks->is_array_of_tables() || ks->as_array()->empty())
    c.at(ks ? ks : lt, "launch.kernels", "needs at least one [[launch.kernels]] table (name, grid, block, args)");
  std::size_t i = 0;
  for (auto&& e : *ks->as_array()) {
    const toml::table& t = *e.as_table();
    const std::string where = fmt::format("launch.kernels[{}]", i++);
    c.only_keys(t, where, {"name", "grid", "block", "shared_bytes", "args"});
    KernelLaunch k;
    k.kernel = c.str(t, where + ".", "name", true);
    if (!is_identifier(k.kernel)) c.at(t.get("name"), where + ".name", "must be a C identifier (an extern \"C\" __global__ function)");
    k.grid = dims(c, t, where, "grid", names);
    k.block = dims(c, t, where, "block", names);
    if (const toml::node* sh = t.get("shared_bytes")) k.shared_bytes = parse_expr(c, *sh, where + ".shared_bytes", names);
    const toml::node* as = t.get("args");
    if (!as || !as->is_array()) c.at(as ? as : &t, where + ".args", "is required: an array, e.g. [\"a\", \"b\", \"c\", \"n:i32\"]");
    for (auto&& a : *as->as_array()) k.args.push_back(parse_arg(c, a, where + ".args", p, s.scratch, names));
    s.kernels.push_back(std::move(k));
  }
  return s;
}

}  // namespace arbiter::problem
