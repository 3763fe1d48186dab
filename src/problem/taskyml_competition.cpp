// problems/<set>.yaml: a competition naming its problem folders (relative to the file's folder).
#include "core/error.hpp"
#include "problem/taskyml.hpp"
#include "problem/taskyml_yaml.hpp"

namespace arbiter::problem {
namespace fs = std::filesystem;

Competition load_competition(const fs::path& file) {
  Competition comp;
  comp.file = fs::absolute(file);
  YamlCtx c{comp.file.string()};
  const YAML::Node root = c.load();
  if (!root.IsMap()) c.at(root, "(top level)", "must be a mapping");
  comp.name = c.str(root, "name", true);
  comp.deadline = c.str(root, "deadline", false);
  comp.description = c.str(root, "description", false);
  const YAML::Node ps = root["problems"];
  if (!ps || !ps.IsSequence()) c.at(ps ? ps : root, "problems", "is required: a list of {directory, name, deadline, gpus}");
  for (std::size_t i = 0; i < ps.size(); ++i) {
    const std::string where = fmt::format("problems[{}].", i);
    if (!ps[i].IsMap()) c.at(ps[i], fmt::format("problems[{}]", i), "must be a mapping");
    CompetitionProblem p;
    p.directory = c.str(ps[i], "directory", true, where);
    p.name = c.str(ps[i], "name", true, where);
    p.deadline = c.str(ps[i], "deadline", false, where);
    p.gpus = c.str_list(ps[i], "gpus", where);
    if (!is_task_dir(comp.file.parent_path() / p.directory))
      c.at(ps[i]["directory"], where + "directory",
           fmt::format("{} holds no task.yml", (comp.file.parent_path() / p.directory).string()));
    comp.problems.push_back(p);
  }
  return comp;
}

}  // namespace arbiter::problem
