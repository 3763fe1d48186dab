#pragma once
// A gpu-mode reference-kernels problem read unmodified: task.yml (REFERENCE-KERNELS.md records the
// contract) and the competition file problems/<set>.yaml. docs/PYTHON.md lists every field.
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace arbiter::problem {

// One value of a test or benchmark case: task.yml holds ints, words, booleans, floats and lists.
struct CaseValue {
  enum class Kind { integer, real, boolean, word, list } kind = Kind::integer;
  int64_t integer = 0;
  double real = 0;
  bool boolean = false;
  std::string word;
  std::vector<CaseValue> items;
  std::string python_str() const;  // what Python's str() prints: the case file carries this
  std::string python_repr() const; // inside a list, words are quoted
  std::string json() const;        // keyword argument for generate_input in the oracle
};

struct TaskCase {
  std::vector<std::pair<std::string, CaseValue>> fields;  // YAML order (the case file keeps it)
  const CaseValue* get(const std::string& key) const;
  std::string spec() const;  // "k: v; k: v", the case-file line and the name in reports
  std::string json() const;  // {"k": v, ...}
};

enum class TaskRanking { last, mean, geom };

struct TaskFile {
  std::string name;
  std::string source;  // path relative to the task folder, or "@SUBMISSION@"
  bool is_submission() const { return source == "@SUBMISSION@"; }
};

struct TaskYml {
  std::filesystem::path dir;           // the task folder (absolute)
  std::string name;                    // folder name: task.yml itself carries none
  std::string lang;                    // "py" | "cu"
  std::string main;                    // config.main (py), e.g. "eval.py"
  std::vector<std::string> sources;    // config.sources (cu)
  std::string description;
  std::vector<TaskFile> files;
  std::map<std::string, std::string> templates;
  std::vector<std::string> gpus, libraries;
  std::vector<TaskCase> tests, benchmarks;
  double test_timeout = 180, benchmark_timeout = 180, ranked_timeout = 180;
  TaskRanking ranking_by = TaskRanking::last;
  std::optional<int64_t> seed;
  bool multi_gpu = false;
  // Arbiter's only extension, ignored by eval.py: `arbiter: {check_fraction: F}` for a slow reference.
  double check_fraction = 1.0;

  std::filesystem::path reference_py() const;  // the file named reference.py in `files`
  // The cases a mode runs, as that ecosystem picks them: tests for test, benchmarks otherwise,
  // and only the last benchmark when ranking_by is `last`.
  std::vector<TaskCase> ranked_benchmarks() const;
};

// Reads dir/task.yml. Errors name the file, the line and the field.
TaskYml load_task_yml(const std::filesystem::path& dir);
bool is_task_dir(const std::filesystem::path& dir);

struct CompetitionProblem {
  std::string directory, name, deadline;
  std::vector<std::string> gpus;
};
struct Competition {
  std::filesystem::path file;
  std::string name, deadline, description;
  std::vector<CompetitionProblem> problems;
};

// Reads problems/<set>.yaml; every problem directory must hold a task.yml (checked).
Competition load_competition(const std::filesystem::path& file);

const char* ranking_name(TaskRanking r);

}  // namespace arbiter::problem
