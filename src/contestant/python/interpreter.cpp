// The limited API of 3.11 comes from CMake (one binary for 3.11 and 3.12); refuse to build without it.
#if !defined(Py_LIMITED_API) || Py_LIMITED_API != 0x030B0000
#error "arbiter-python-contestant must be compiled with Py_LIMITED_API=0x030B0000 (see its CMakeLists.txt)"
#endif
#define PY_SSIZE_T_CLEAN
#include "contestant/python/interpreter.hpp"

#include <Python.h>


namespace arbiter::contestant::python {
namespace {
PyObject* obj(void* p) { return static_cast<PyObject*>(p); }

std::string str_of(PyObject* o) {
  if (!o) return "";
  PyObject* s = PyObject_Str(o);
  if (!s) { PyErr_Clear(); return "?"; }
  Py_ssize_t n = 0;
  const char* c = PyUnicode_AsUTF8AndSize(s, &n);
  std::string out = c ? std::string(c, static_cast<std::size_t>(n)) : "?";
  Py_DECREF(s);
  return out;
}
}  // namespace

Interpreter::Interpreter() { Py_InitializeEx(0); }

std::string Interpreter::fetch_error(const char* what) {
  PyObject *type = nullptr, *value = nullptr, *tb = nullptr;
  PyErr_Fetch(&type, &value, &tb);
  std::string msg = std::string(what) + ": " + (value ? str_of(value) : str_of(type));
  Py_XDECREF(type);
  Py_XDECREF(value);
  Py_XDECREF(tb);
  return msg;
}

std::string Interpreter::start_harness(const char* source) {
  PyObject* code = Py_CompileString(source, "<arbiter-harness>", Py_file_input);
  if (!code) return fetch_error("compiling the harness");
  PyObject* mod = PyImport_ExecCodeModule("_arbiter_harness", code);
  Py_DECREF(code);
  if (!mod) return fetch_error("starting the harness");
  harness_ = mod;
  empty_ = PyObject_GetAttrString(mod, "empty");
  return empty_ ? "" : fetch_error("harness.empty");
}

std::string Interpreter::run_module(const char* source, const char* name) {
  PyObject* code = Py_CompileString(source, name, Py_file_input);
  if (!code) return fetch_error("compiling a script");
  PyObject* mod = PyImport_ExecCodeModule(name, code);
  Py_DECREF(code);
  if (!mod) return fetch_error(name);
  Py_DECREF(mod);
  PyObject* out = PySys_GetObject("stdout");  // borrowed
  if (out) Py_XDECREF(PyObject_CallMethod(out, "flush", nullptr));
  return "";
}

std::string Interpreter::setup(const std::string& desc_json, int64_t in, int64_t out) {
  PyObject* r = PyObject_CallMethod(obj(harness_), "setup", "sLL", desc_json.c_str(), static_cast<long long>(in),
                                    static_cast<long long>(out));
  if (!r) return fetch_error("mapping the case");
  Py_DECREF(r);
  return "";
}

std::string Interpreter::load(const std::string& path, const std::string& dir) {
  PyObject* r = PyObject_CallMethod(obj(harness_), "load", "ss", path.c_str(), dir.c_str());
  if (!r) return fetch_error("loading the submission");
  std::string err = str_of(r);
  Py_DECREF(r);
  if (!err.empty()) return err;
  kernel_ = PyObject_CallMethod(obj(harness_), "kernel", nullptr);
  return kernel_ ? "" : fetch_error("finding custom_kernel");
}

std::string Interpreter::call(bool empty, Bracket& bracket) {
  PyObject* fn = obj(empty ? empty_ : kernel_);
  PyObject* data = PyObject_CallMethod(obj(harness_), "data", nullptr);
  if (!data) return fetch_error("building data");
  bracket.start();
  PyObject* result = PyObject_CallFunctionObjArgs(fn, data, nullptr);
  // Copying a returned tensor into the judge's buffer and freeing what the call made are the
  // call's own work: inside the bracket, so nothing hooked into them (a patched copy_, a __del__)
  // runs untimed, and the judge's overhead calibration holds for outputs of every size.
  PyObject* r = nullptr;
  PyObject *type = nullptr, *value = nullptr, *tb = nullptr;
  const bool returned = result != nullptr;  // `result` is released below; only this flag is kept
  if (returned) {
    r = PyObject_CallMethod(obj(harness_), "copy_out", "(O)", result);  // "(O)": a tuple is one argument
    Py_DECREF(result);
    result = nullptr;
    if (!r) PyErr_Fetch(&type, &value, &tb);
  } else {
    PyErr_Fetch(&type, &value, &tb);
  }
  Py_DECREF(data);
  bracket.stop();
  std::string error;
  if (returned && r) {
    Py_DECREF(r);
    r = PyObject_CallMethod(obj(harness_), "publish", nullptr);
    if (!r) error = fetch_error("writing the status");
  } else if (returned) {
    PyErr_Restore(type, value, tb);
    return fetch_error("copying the output");
  } else {
    // The submission's exception goes into the output header for the judge to report.
    PyErr_NormalizeException(&type, &value, &tb);
    if (value && tb) PyException_SetTraceback(value, tb);
    r = PyObject_CallMethod(obj(harness_), "raised", "(O)", value ? value : Py_None);
    Py_XDECREF(type);
    Py_XDECREF(value);
    Py_XDECREF(tb);
    if (!r) error = fetch_error("reporting the exception");
  }
  Py_XDECREF(r);
  return error;
}

}  // namespace arbiter::contestant::python
