#include "audit/python_resolver.hpp"

#include <zlib.h>

#include <cctype>
#include <optional>
#include <unordered_map>

#include "audit/python_strings.hpp"
#include "audit/syntax_tree.hpp"

namespace arbiter::audit {
namespace {

constexpr size_t kMaxConst = 1 << 20;  // decoded strings are capped: a zip bomb in base64 gains nothing
constexpr int kMaxDepth = 48;          // recursion guard for deeply nested expressions
constexpr size_t kMaxRender = 1 << 16; // longest canonical statement kept

std::optional<std::string> b64decode(std::string_view in) {
  auto val = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+' || c == '-') return 62;
    if (c == '/' || c == '_') return 63;
    return -1;
  };
  std::string out;
  int buf = 0, bits = 0;
  for (char c : in) {
    if (c == '=' || c == '\n' || c == ' ' || c == '\r') continue;
    int v = val(c);
    if (v < 0) return std::nullopt;
    buf = (buf << 6) | v, bits += 6;
    if (bits >= 8) bits -= 8, out += char((buf >> bits) & 0xff);
  }
  return out;
}

std::optional<std::string> inflate_any(std::string_view in) {
  // zlib.decompress accepts zlib streams; gzip.decompress gzip ones: windowBits 47 detects both.
  z_stream zs{};
  if (inflateInit2(&zs, 47) != Z_OK) return std::nullopt;
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  zs.avail_in = uInt(in.size());
  std::string out;
  char buf[16384];
  int rc = Z_OK;
  while (rc == Z_OK && out.size() < kMaxConst) {
    zs.next_out = reinterpret_cast<Bytef*>(buf);
    zs.avail_out = sizeof buf;
    rc = inflate(&zs, Z_NO_FLUSH);
    out.append(buf, sizeof buf - zs.avail_out);
  }
  inflateEnd(&zs);
  if (rc != Z_STREAM_END && out.empty()) return std::nullopt;
  return out;
}

std::string rot13(std::string s) {
  for (char& c : s) {
    if (c >= 'a' && c <= 'z') c = char('a' + (c - 'a' + 13) % 26);
    else if (c >= 'A' && c <= 'Z') c = char('A' + (c - 'A' + 13) % 26);
  }
  return s;
}

std::optional<std::string> unhex(std::string_view in) {
  std::string out, digits;
  for (char c : in)
    if (!isspace(static_cast<unsigned char>(c))) digits += c;
  if (digits.size() % 2) return std::nullopt;
  for (size_t i = 0; i < digits.size(); i += 2) {
    char* end = nullptr;
    std::string byte = digits.substr(i, 2);
    long v = strtol(byte.c_str(), &end, 16);
    if (*end) return std::nullopt;
    out += char(v);
  }
  return out;
}

// Does `text` use the identifier `name` (as a whole word)?
bool mentions(std::string_view text, std::string_view name) {
  auto word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
  for (size_t p = text.find(name); p != std::string_view::npos; p = text.find(name, p + 1)) {
    bool left = p == 0 || !word(text[p - 1]);
    bool right = p + name.size() >= text.size() || !word(text[p + name.size()]);
    if (left && right) return true;
  }
  return false;
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

class Resolver {
 public:
  explicit Resolver(std::string_view src) : src_(src) {}

  void collect(TSNode root) {
    std::vector<TSNode> stack{root};
    while (!stack.empty()) {
      TSNode n = stack.back();
      stack.pop_back();
      std::string_view t = ts_node_type(n);
      if (t == "import_statement" || t == "import_from_statement") collect_import(n, t == "import_from_statement");
      else if (t == "assignment") collect_assignment(n);
      for (uint32_t i = ts_node_named_child_count(n); i-- > 0;) stack.push_back(ts_node_named_child(n, i));
    }
  }

  void emit(TSNode root, ResolvedPython& out) {
    out_ = &out;
    std::vector<TSNode> stack{root};
    while (!stack.empty()) {
      TSNode n = stack.back();
      stack.pop_back();
      std::string_view t = ts_node_type(n);
      bool simple = t == "expression_statement" || t == "return_statement" || t == "delete_statement" ||
                    t == "raise_statement" || t == "assert_statement" || t == "decorator";
      if (simple) {
        emit_line(n, render(n, 0));
        continue;  // nested lambdas etc. were rendered as part of the statement
      }
      if (t == "with_statement" || t == "for_statement" || t == "if_statement" || t == "while_statement" ||
          t == "elif_clause" || t == "class_definition") {
        std::string header;
        for (uint32_t i = 0; i < ts_node_child_count(n); ++i) {
          TSNode c = ts_node_child(n, i);
          if (is(c, "block") || is(c, "elif_clause") || is(c, "else_clause") || is(c, "except_clause")) continue;
          header += render(c, 0);
          header += ' ';
        }
        emit_line(n, header);
      }
      for (uint32_t i = ts_node_named_child_count(n); i-- > 0;) stack.push_back(ts_node_named_child(n, i));
    }
  }

 private:
  std::string_view text(TSNode n) const { return node_text(n, src_); }

  void collect_import(TSNode n, bool from) {
    std::string module;
    if (from) module = std::string(text(field(n, "module_name")));
    TSTreeCursor c = ts_tree_cursor_new(n);
    if (ts_tree_cursor_goto_first_child(&c)) {
      do {
        const char* f = ts_tree_cursor_current_field_name(&c);
        if (!f || std::string_view(f) != "name") continue;
        TSNode item = ts_tree_cursor_current_node(&c);
        std::string prefix = from ? module + "." : "";
        if (is(item, "aliased_import")) {
          alias_[std::string(text(field(item, "alias")))] = prefix + std::string(text(field(item, "name")));
        } else if (from) {
          std::string name(text(item));
          alias_[name] = prefix + name;
        }
      } while (ts_tree_cursor_goto_next_sibling(&c));
    }
    ts_tree_cursor_delete(&c);
  }

  void collect_assignment(TSNode n) {
    TSNode left = field(n, "left"), right = field(n, "right");
    if (!is(left, "identifier") || ts_node_is_null(right)) return;
    std::string name(text(left));
    if (auto s = const_eval(right, 0)) {
      consts_[name] = *s;
      return;
    }
    std::string_view rt = ts_node_type(right);
    // Value aliases: a lookup key computed into a variable (k = x.data_ptr(); memo[k]) is rendered
    // in place so that rules about address/identity/content keys see it where it is used.
    std::string_view rtext = text(right);
    if (rtext.size() < 160 && (rtext.find("data_ptr(") != std::string_view::npos || rtext.find("id(") != std::string_view::npos ||
                               rtext.find("tobytes(") != std::string_view::npos || rtext.find("hash(") != std::string_view::npos)) {
      // Bounded: a reassignment that mentions its own name (k = f(k.data_ptr())) would otherwise nest
      // the previous value each time and grow without limit.
      std::string value = render(right, 0);
      changed_ = false;
      if (value.size() <= 512 && !mentions(value, name)) alias_[name] = "(" + value + ")";
      return;
    }
    if (rt != "identifier" && rt != "attribute" && rt != "call" && rt != "subscript") return;
    if (auto r = resolve(right, 0); r && *r != name && r->size() <= 512) alias_[name] = *r;
  }

  std::string resolve_name(const std::string& dotted, int depth) const {
    size_t dot = dotted.find('.');
    std::string head = dotted.substr(0, dot);
    auto it = alias_.find(head);
    if (it == alias_.end() || depth > 8 || dotted.size() > 4096) return dotted;
    return resolve_name(it->second, depth + 1) + (dot == std::string::npos ? "" : dotted.substr(dot));
  }

  // A dotted canonical name for name-like expressions, or nothing.
  std::optional<std::string> resolve(TSNode n, int depth) const {
    if (ts_node_is_null(n) || depth > kMaxDepth) return std::nullopt;
    std::string_view t = ts_node_type(n);
    if (t == "identifier") return resolve_name(std::string(text(n)), 0);
    if (t == "parenthesized_expression") return resolve(ts_node_named_child(n, 0), depth + 1);
    if (t == "attribute") {
      auto o = resolve(field(n, "object"), depth + 1);
      if (!o) return std::nullopt;
      return *o + "." + std::string(text(field(n, "attribute")));
    }
    if (t == "call") {
      auto fn = resolve(field(n, "function"), depth + 1);
      if (!fn) return std::nullopt;
      TSNode args = field(n, "arguments");
      uint32_t argc = is(args, "argument_list") ? ts_node_named_child_count(args) : 0;
      if ((*fn == "getattr" || *fn == "builtins.getattr") && argc >= 2) {
        auto o = resolve(ts_node_named_child(args, 0), depth + 1);
        auto a = const_eval(ts_node_named_child(args, 1), depth + 1);
        if (o && a) return *o + "." + *a;
      }
      if ((ends_with(*fn, "import_module") || ends_with(*fn, "__import__")) && argc >= 1)
        if (auto m = const_eval(ts_node_named_child(args, 0), depth + 1)) return resolve_name(*m, 0);
      return std::nullopt;
    }
    if (t == "subscript") {
      TSNode v = field(n, "value");
      auto key = const_eval(field(n, "subscript"), depth + 1);
      if (!key) return std::nullopt;
      if (is(v, "attribute") && text(field(v, "attribute")) == "__dict__") {
        if (auto o = resolve(field(v, "object"), depth + 1)) return *o + "." + *key;
      }
      if (is(v, "call")) {
        auto fn = resolve(field(v, "function"), depth + 1);
        TSNode args = field(v, "arguments");
        if (fn && (*fn == "globals" || *fn == "locals")) return resolve_name(*key, 0);
        if (fn && *fn == "vars" && ts_node_named_child_count(args) == 1)
          if (auto o = resolve(ts_node_named_child(args, 0), depth + 1)) return *o + "." + *key;
      }
      auto base = resolve(v, depth + 1);
      if (base && (*base == "sys.modules" || *base == "builtins.__dict__")) return resolve_name(*key, 0);
      return std::nullopt;
    }
    return std::nullopt;
  }

  std::optional<long> int_value(TSNode n) const {
    if (!is(n, "integer")) return std::nullopt;
    std::string s(text(n));
    return strtol(s.c_str(), nullptr, 0);
  }

  // The value of a constant string expression, or nothing.
  std::optional<std::string> const_eval(TSNode n, int depth) const {
    if (ts_node_is_null(n) || depth > kMaxDepth) return std::nullopt;
    std::string_view t = ts_node_type(n);
    if (t == "string") return string_value(n);
    if (t == "parenthesized_expression") return const_eval(ts_node_named_child(n, 0), depth + 1);
    if (t == "identifier") {
      auto it = consts_.find(std::string(text(n)));
      if (it != consts_.end()) return it->second;
      return std::nullopt;
    }
    if (t == "concatenated_string" || t == "binary_operator") {
      if (t == "binary_operator") {
        std::string_view op = text(field(n, "operator"));
        if (op == "*") {
          auto s = const_eval(field(n, "left"), depth + 1);
          auto k = int_value(field(n, "right"));
          if (!s || !k || *k < 0 || s->size() * size_t(*k) > kMaxConst) return std::nullopt;
          std::string r;
          for (long i = 0; i < *k; ++i) r += *s;
          return r;
        }
        if (op != "+") return std::nullopt;
      }
      std::string r;
      for (uint32_t i = 0; i < ts_node_named_child_count(n); ++i) {
        auto part = const_eval(ts_node_named_child(n, i), depth + 1);
        if (!part || r.size() + part->size() > kMaxConst) return std::nullopt;
        r += *part;
      }
      return r;
    }
    if (t == "subscript") {  // s[::-1]
      auto s = const_eval(field(n, "value"), depth + 1);
      if (s && text(field(n, "subscript")) == "::-1") return std::string(s->rbegin(), s->rend());
      return std::nullopt;
    }
    if (t != "call") return std::nullopt;
    TSNode fnode = field(n, "function"), args = field(n, "arguments");
    if (!is(args, "argument_list")) return std::nullopt;
    uint32_t argc = ts_node_named_child_count(args);
    TSNode a0 = argc ? ts_node_named_child(args, 0) : TSNode{};
    // Methods on a constant: "".join([...]), s.decode(), s.encode(), s.replace(a, b)
    if (is(fnode, "attribute")) {
      std::string_view method = text(field(fnode, "attribute"));
      auto self = const_eval(field(fnode, "object"), depth + 1);
      if (self) {
        if (method == "decode" || method == "encode" || method == "strip") return self;
        if (method == "join" && argc == 1 && (is(a0, "list") || is(a0, "tuple"))) {
          std::string r;
          for (uint32_t i = 0; i < ts_node_named_child_count(a0); ++i) {
            auto part = const_eval(ts_node_named_child(a0, i), depth + 1);
            if (!part || r.size() + part->size() > kMaxConst) return std::nullopt;
            if (i) r += *self;
            r += *part;
          }
          return r;
        }
        if (method == "replace" && argc == 2) {
          auto from = const_eval(a0, depth + 1), to = const_eval(ts_node_named_child(args, 1), depth + 1);
          if (!from || !to || from->empty()) return std::nullopt;
          std::string r = *self;
          for (size_t p = 0; (p = r.find(*from, p)) != std::string::npos && r.size() < kMaxConst; p += to->size())
            r.replace(p, from->size(), *to);
          return r;
        }
      }
    }
    auto fn = resolve(fnode, depth + 1);
    if (!fn || argc == 0) return std::nullopt;
    if (*fn == "chr") {
      auto v = int_value(a0);
      if (v && *v >= 0 && *v < 128) return std::string(1, char(*v));
      return std::nullopt;
    }
    auto arg = const_eval(a0, depth + 1);
    if (!arg) return std::nullopt;
    if (*fn == "str" || *fn == "bytes" || *fn == "bytearray") return arg;
    if (ends_with(*fn, "b64decode") || ends_with(*fn, "a2b_base64") || ends_with(*fn, "decodebytes")) return b64decode(*arg);
    if (ends_with(*fn, "fromhex") || ends_with(*fn, "unhexlify") || ends_with(*fn, "a2b_hex")) return unhex(*arg);
    if (ends_with(*fn, "decompress")) return inflate_any(*arg);
    if (*fn == "codecs.decode" || *fn == "codecs.encode") {
      auto codec = argc > 1 ? const_eval(ts_node_named_child(args, 1), depth + 1) : std::nullopt;
      if (codec && (*codec == "rot13" || *codec == "rot_13")) return rot13(*arg);
      if (codec && (*codec == "base64" || *codec == "b64")) return b64decode(*arg);
      if (codec && *codec == "hex") return unhex(*arg);
    }
    return std::nullopt;
  }

  std::optional<std::string> string_value(TSNode n) const {
    std::string_view s = text(n);
    for (uint32_t i = 0; i < ts_node_named_child_count(n); ++i)
      if (is(ts_node_named_child(n, i), "interpolation")) return std::nullopt;
    std::vector<PyStringLiteral> lits;
    std::vector<PyComment> comments;
    lex_python(s, lits, comments);
    if (lits.size() != 1) return std::nullopt;
    auto content = s.substr(lits[0].content_begin, lits[0].content_end - lits[0].content_begin);
    return lits[0].raw ? std::string(content) : unescape_python(content);
  }

  static std::string quote(const std::string& s) {
    std::string r = "\"";
    for (char c : s.substr(0, 4096)) {
      if (c == '\n') r += "\\n";
      else if (c == '"' || c == '\\') r += '\\', r += c;
      else r += c;
    }
    return r + "\"";
  }

  // Source text of `n` with name-like sub-expressions replaced by canonical names and constant
  // string expressions folded. Sets changed_ when anything differs from the source.
  std::string render(TSNode n, int depth) {
    std::string_view t = ts_node_type(n);
    if (depth > kMaxDepth) return std::string(text(n));
    if (t == "identifier" || t == "attribute" || t == "subscript" || t == "call") {
      if (auto r = resolve(n, 0)) {
        if (*r != text(n)) changed_ = true;
        return *r;
      }
    }
    if (t == "call") {
      auto fn = resolve(field(n, "function"), 0);
      TSNode args = field(n, "arguments");
      uint32_t argc = is(args, "argument_list") ? ts_node_named_child_count(args) : 0;
      if (fn && (*fn == "setattr" || *fn == "builtins.setattr" || ends_with(*fn, ".__setattr__")) && argc == 3) {
        auto name = const_eval(ts_node_named_child(args, 1), 0);
        if (name) {
          changed_ = true;
          return render(ts_node_named_child(args, 0), depth + 1) + "." + *name + " = " +
                 render(ts_node_named_child(args, 2), depth + 1);
        }
      }
      if (fn && (*fn == "exec" || *fn == "eval" || *fn == "compile" || *fn == "builtins.exec" ||
                 *fn == "builtins.eval") && argc >= 1) {
        if (auto code = const_eval(ts_node_named_child(args, 0), 0); code && !is(ts_node_named_child(args, 0), "string")) {
          TSPoint p = ts_node_start_point(n);
          out_->payloads.push_back({*code, int(p.row) + 1, int(p.column) + 1});
        }
      }
      TSNode fnode = field(n, "function");
      if (is(fnode, "attribute") && text(field(fnode, "attribute")) == "update" && argc >= 1) {
        // mod.__dict__.update(name=value) / vars(mod).update({...}) / globals().update(...)
        TSNode obj = field(field(n, "function"), "object");
        std::optional<std::string> target;
        if (is(obj, "attribute") && text(field(obj, "attribute")) == "__dict__") target = resolve(field(obj, "object"), 0);
        if (is(obj, "call")) {
          auto f2 = resolve(field(obj, "function"), 0);
          TSNode a2 = field(obj, "arguments");
          if (f2 && *f2 == "globals") target = "";
          if (f2 && *f2 == "vars" && ts_node_named_child_count(a2) == 1) target = resolve(ts_node_named_child(a2, 0), 0);
        }
        if (target) {
          std::string r;
          auto assign = [&](const std::string& k, TSNode v) {
            r += (target->empty() ? k : *target + "." + k) + " = " + render(v, depth + 1) + "; ";
          };
          for (uint32_t i = 0; i < argc; ++i) {
            TSNode a = ts_node_named_child(args, i);
            if (is(a, "keyword_argument")) assign(std::string(text(field(a, "name"))), field(a, "value"));
            if (is(a, "dictionary"))
              for (uint32_t j = 0; j < ts_node_named_child_count(a); ++j) {
                TSNode pair = ts_node_named_child(a, j);
                if (auto k = const_eval(field(pair, "key"), 0)) assign(*k, field(pair, "value"));
              }
          }
          if (!r.empty()) {
            changed_ = true;
            return r;
          }
        }
      }
    }
    if (t != "string" && t != "integer" && t != "identifier") {
      if (auto s = const_eval(n, 0)) {
        changed_ = true;
        return quote(*s);
      }
    }
    if (t == "attribute") return render(field(n, "object"), depth + 1) + "." + std::string(text(field(n, "attribute")));
    if (t == "keyword_argument") return std::string(text(field(n, "name"))) + "=" + render(field(n, "value"), depth + 1);
    if (t == "string" || t == "comment") return std::string(text(n));
    uint32_t count = ts_node_child_count(n);
    if (count == 0) return std::string(text(n));
    // Generic: keep the source between children, render the children.
    std::string r;
    uint32_t pos = ts_node_start_byte(n);
    TSNode left = t == "assignment" || t == "augmented_assignment" ? field(n, "left") : TSNode{};
    for (uint32_t i = 0; i < count; ++i) {
      TSNode c = ts_node_child(n, i);
      if (r.size() > kMaxRender) break;  // canonical lines are evidence, not a copy of every byte
      r.append(src_.substr(pos, ts_node_start_byte(c) - pos));
      // A plain name being bound is not a use: `E = torch.cuda.Event` must not render as a patch.
      bool binding = !ts_node_is_null(left) && ts_node_eq(c, left) && !is(c, "attribute") && !is(c, "subscript");
      r += binding ? std::string(text(c)) : render(c, depth + 1);
      pos = ts_node_end_byte(c);
    }
    r.append(src_.substr(pos, ts_node_end_byte(n) - pos));
    return r;
  }

  void emit_line(TSNode n, std::string rendered) {
    if (!changed_) return;
    changed_ = false;
    for (char& c : rendered)
      if (c == '\n' || c == '\r') c = ' ';
    if (rendered.size() > 8192) rendered.resize(8192);
    TSPoint p = ts_node_start_point(n);
    out_->lines.push_back({std::move(rendered), int(p.row) + 1, int(p.column) + 1, int(ts_node_end_point(n).row) + 1});
  }

  std::string_view src_;
  std::unordered_map<std::string, std::string> alias_, consts_;
  ResolvedPython* out_ = nullptr;
  bool changed_ = false;
};

}  // namespace

ResolvedPython resolve_python(TSNode root, std::string_view src) {
  ResolvedPython out;
  out.parsed = true;
  Resolver r(src);
  r.collect(root);
  r.emit(root, out);
  return out;
}

}  // namespace arbiter::audit
