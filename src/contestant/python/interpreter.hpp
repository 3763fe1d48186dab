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
  ~Interpreter() = default;  // Py_FinalizeEx is skipped: submission threads may still hold the GIL
  Interpreter(const Interpreter&) = delete;
  Interpreter& operator=(const Interpreter&) = delete;

  std::string start_harness(const char* source);               // compiles and imports harness.py
  std::string run_module(const char* source, const char* name);  // a one-off script (runtime_paths.py)
  // in/out: the two memfds, or (desc "memory": "cuda") the device addresses of the two imported
  // GPU allocations.
  std::string setup(const std::string& desc_json, int64_t in, int64_t out);
  std::string load(const std::string& path, const std::string& dir);

  // What runs right around custom_kernel: the host clock (CPU) or the CUDA events (GPU).
  class Bracket {
   public:
    virtual ~Bracket() = default;
    virtual void start() = 0;
    virtual void stop() = 0;
  };
  // One call: data is built before bracket.start(); a returned tensor is copied into the judge's
  // buffer before bracket.stop(), the status header written after it.
  // Returns an error text when the harness itself failed.
  std::string call(bool empty, Bracket& bracket);

 private:
  void* harness_ = nullptr;  // PyObject*
  void* empty_ = nullptr;    // harness.empty
  void* kernel_ = nullptr;   // submission.custom_kernel
  std::string fetch_error(const char* what);
};

}  // namespace arbiter::contestant::python
