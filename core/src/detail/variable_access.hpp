// Internal: in-place updates of a variable's value, shared by assign_add/assign_sub and the
// optimizers. Never recorded on a tape.
#pragma once
#include "xtape/variable.hpp"

namespace xtape::detail {

struct VariableAccess {
  // The variable's float32 elements, writable: its own buffer when nothing else shares it,
  // otherwise a fresh copy that becomes its value (values read earlier stay unchanged).
  // `op` names the caller in the error for a non-float32 variable.
  static float* writable(const Variable& v, const char* op);
};

} // namespace xtape::detail
