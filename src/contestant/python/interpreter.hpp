#pragma once
// CPython embedded through the stable ABI (Py_LIMITED_API 3.11): only what the contestant's
// loop needs — start the interpreter, run the harness module, call its functions.
#include <cstdint>
#include <string>

namespace arbiter::contestant::python {

// Owns the interpreter. Every method returns an error text instead of throwing through Python.
class Interpreter {
 public:
  Interpreter();   // Py_InitializeEx(0): no signal handlers of its own
  ~Interpreter();  // Py_FinalizeEx is skipped: submission threads may still hold the GIL
  Interpreter(const Interpreter&) = delete;
  Interpreter& operator=(const Interpreter&) = delete;

  std::string start_harness(const char* source);               // compiles and imports harness.py
  std::string run_module(const char* source, const char* name);  // a one-off script (runtime_paths.py)
  std::string setup(const std::string& desc_json, int in_fd, int out_fd);
  std::string load(const std::string& path, const std::string& dir);

  // One call: data is built before the first clock read, the output copied after the second.
  struct Timed { int64_t start_ns = 0, end_ns = 0; std::string error; };
  Timed call(bool empty);

 private:
  void* harness_ = nullptr;  // PyObject*
  void* empty_ = nullptr;    // harness.empty
  void* kernel_ = nullptr;   // submission.custom_kernel
  std::string fetch_error(const char* what);
};

}  // namespace arbiter::contestant::python
